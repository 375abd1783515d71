//! Bundles (issue 16, item 4): one .jbz file with the project and its pictures, written by
//! `journeyboard bundle` and read by `check`, `report` and `export`; hostile bundles are
//! refused with a message and nothing is unpacked or written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use journeyboard::file;
use journeyboard::model::{Position, Project, Touchpoint};
use zip::write::SimpleFileOptions;

/// Runs the command line with its temporary files in `tmp`, to see what it leaves there.
fn journeyboard(tmp: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args(args)
        .env("TMPDIR", tmp)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A project in `dir` with three touchpoints: two pictures, one of them named twice (once
/// through `./` and `..`).
fn project_with_pictures(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("pictures/sub")).unwrap();
    std::fs::write(dir.join("pictures/red.png"), common::png([200, 30, 30])).unwrap();
    std::fs::write(
        dir.join("pictures/sub/blue.png"),
        common::png([30, 30, 200]),
    )
    .unwrap();
    let mut project = Project::new("Bundled journey");
    for (i, picture) in [
        "pictures/red.png",
        "pictures/sub/blue.png",
        "./pictures/sub/../red.png",
    ]
    .into_iter()
    .enumerate()
    {
        project
            .add_touchpoint(Touchpoint {
                title: format!("Card {i}"),
                stage: "research".into(),
                picture: Some(picture.to_owned()),
                position: Position {
                    x: 20.0,
                    y: 30.0 + journeyboard::model::layout::ROW_STEP * i as f32,
                },
                ..Touchpoint::default()
            })
            .unwrap();
    }
    let path = dir.join("journey.ron");
    file::save(&project, &path).unwrap();
    path
}

fn entries(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[test]
fn a_bundle_carries_the_project_and_its_pictures_to_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let project = project_with_pictures(&dir.path().join("consultant"));
    let out = dir.path().join("for-client.jbz");
    let run = journeyboard(
        tmp.path(),
        &[
            "bundle".as_ref(),
            project.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("the project and 2 pictures"),
        "{}",
        text(&run.stdout)
    );

    // Somewhere else, without the pictures folder: every command reads the bundle.
    let client = dir.path().join("client");
    std::fs::create_dir(&client).unwrap();
    let sent = client.join("for-client.jbz");
    std::fs::copy(&out, &sent).unwrap();
    let check = journeyboard(tmp.path(), &["check".as_ref(), sent.as_os_str()]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("ok: 3 touchpoints"));
    let report = journeyboard(tmp.path(), &["report".as_ref(), sent.as_os_str()]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    let board = client.join("board.png");
    let export = journeyboard(
        tmp.path(),
        &[
            "export".as_ref(),
            sent.as_os_str(),
            "-o".as_ref(),
            board.as_os_str(),
        ],
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(
        !text(&export.stderr).contains("warning"),
        "every picture is found: {}",
        text(&export.stderr)
    );
    assert!(board.exists());
    // `import` unpacks it: the project, with its pictures beside it.
    let unpacked = client.join("unpacked/journey.ron");
    std::fs::create_dir(client.join("unpacked")).unwrap();
    let import = journeyboard(
        tmp.path(),
        &[
            "import".as_ref(),
            sent.as_os_str(),
            "-o".as_ref(),
            unpacked.as_os_str(),
        ],
    );
    assert!(import.status.success(), "{}", text(&import.stderr));
    assert_eq!(file::load(&unpacked).unwrap().touchpoint_count(), 3);
    assert_eq!(
        std::fs::read(client.join("unpacked/pictures/red.png")).unwrap(),
        common::png([200, 30, 30])
    );
    // The unpacked pictures are gone once each command is done.
    assert!(entries(tmp.path()).is_empty(), "{:?}", entries(tmp.path()));

    // The bundled project is the project, its pictures named as the bundle stores them,
    // and the pictures are the same bytes.
    let (opened, folder) = file::open_bundle(&sent).unwrap();
    let original = file::load(&project).unwrap();
    assert_eq!(opened.title, original.title);
    let pictures: Vec<_> = opened
        .touchpoints()
        .map(|(_, t)| t.picture.clone().unwrap())
        .collect();
    assert_eq!(
        pictures,
        [
            "pictures/red.png",
            "pictures/sub/blue.png",
            "pictures/red.png"
        ]
    );
    assert_eq!(
        std::fs::read(folder.path().join("pictures/sub/blue.png")).unwrap(),
        common::png([30, 30, 200])
    );
}

#[test]
fn a_picture_that_cannot_be_read_stops_the_bundle_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_pictures(dir.path());
    std::fs::remove_file(dir.path().join("pictures/sub/blue.png")).unwrap();
    let out = dir.path().join("out.jbz");
    let run = journeyboard(
        dir.path(),
        &[
            "bundle".as_ref(),
            project.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(!run.status.success());
    let message = text(&run.stderr);
    assert!(message.contains("Card 1"), "{message}");
    assert!(message.contains("pictures/sub/blue.png"), "{message}");
    assert!(!out.exists());
    // A name that is not a bundle's is refused before anything is read.
    let wrong = dir.path().join("out.zip");
    let run = journeyboard(
        dir.path(),
        &[
            "bundle".as_ref(),
            project.as_os_str(),
            "-o".as_ref(),
            wrong.as_os_str(),
        ],
    );
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains(".jbz"), "{}", text(&run.stderr));
    assert!(!wrong.exists());
}

/// A bundle with these entries (name, bytes), made by hand as an attacker would.
fn crafted(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// The project text of a one-card project whose picture is `picture`.
fn project_text(picture: &str) -> String {
    let mut project = Project::new("Crafted");
    project
        .add_touchpoint(Touchpoint {
            stage: "research".into(),
            picture: Some(picture.to_owned()),
            ..Touchpoint::default()
        })
        .unwrap();
    file::to_ron_string(&project).unwrap()
}

/// Runs `export` on a hostile bundle: it must fail with `expected` in its message, write
/// no picture and leave nothing in the temporary folder.
fn refused(bundle: &Path, expected: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = bundle.with_extension("png");
    let run = journeyboard(
        tmp.path(),
        &[
            "export".as_ref(),
            bundle.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(!run.status.success(), "{} was accepted", bundle.display());
    let message = text(&run.stderr);
    assert!(message.contains(expected), "{message}");
    assert!(message.contains(&bundle.display().to_string()), "{message}");
    assert!(!out.exists());
    assert!(entries(tmp.path()).is_empty(), "{:?}", entries(tmp.path()));
    let check = journeyboard(tmp.path(), &["check".as_ref(), bundle.as_os_str()]);
    assert!(!check.status.success());
}

#[test]
fn bundles_with_paths_that_leave_them_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let picture = common::png([1, 2, 3]);
    for (i, name) in [
        "../escaped.png",
        "pictures/../../escaped.png",
        "/tmp/escaped.png",
        "C:/escaped.png",
        "pictures\\..\\escaped.png",
        "pictures//escaped.png",
    ]
    .into_iter()
    .enumerate()
    {
        let bundle = dir.path().join(format!("evil-{i}.jbz"));
        let project = project_text("pictures/a.png");
        crafted(
            &bundle,
            &[("project.ron", project.as_bytes()), (name, &picture)],
        );
        refused(&bundle, "entry");
        assert!(!dir.path().join("escaped.png").exists());
        assert!(!Path::new("/tmp/escaped.png").exists());
    }
}

#[test]
fn bundles_without_a_project_or_with_too_many_entries_or_links_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none.jbz");
    crafted(&none, &[("pictures/a.png", &common::png([1, 1, 1]))]);
    refused(&none, "holds no project.ron");

    let many = dir.path().join("many.jbz");
    let names: Vec<String> = (0..=file::MAX_BUNDLE_ENTRIES)
        .map(|i| format!("p/{i}.png"))
        .collect();
    let mut list: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let project = project_text("p/1.png");
    list.push(("project.ron", project.as_bytes()));
    crafted(&many, &list);
    refused(&many, "entries, over the limit of 10000");

    let linked = dir.path().join("linked.jbz");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&linked).unwrap());
    zip.start_file("project.ron", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(project_text("pictures/a.png").as_bytes())
        .unwrap();
    zip.add_symlink(
        "pictures/a.png",
        "/etc/passwd",
        SimpleFileOptions::default(),
    )
    .unwrap();
    zip.finish().unwrap();
    refused(&linked, "is a link");
}

/// Sets the uncompressed size that the local and central headers of the entry named
/// `name` give.
fn declare_size(path: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = name.as_bytes();
    let mut patched = 0;
    for (signature, name_at, size_at) in [
        (&[0x50, 0x4b, 0x03, 0x04], 30, 22),
        (&[0x50, 0x4b, 0x01, 0x02], 46, 24),
    ] {
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
            let start = at + found;
            at = start + 4;
            if bytes.get(start + name_at..start + name_at + name.len()) == Some(name) {
                bytes[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
    }
    assert_eq!(patched, 2, "both headers of the entry");
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_zip_bomb_is_never_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_text("pictures/a.png");
    // Says it unpacks to 2 GB: refused from what it says, before any of it is inflated.
    let bomb = dir.path().join("bomb.jbz");
    crafted(
        &bomb,
        &[
            ("project.ron", project.as_bytes()),
            ("pictures/a.png", &[0_u8; 4096]),
        ],
    );
    declare_size(&bomb, "pictures/a.png", 2_000_000_000);
    refused(&bomb, "says it unpacks to 2000.0 MB");
    // Says it unpacks to 100 bytes and holds 1 MB of zeros: reading stops past 100.
    let liar = dir.path().join("liar.jbz");
    crafted(
        &liar,
        &[
            ("project.ron", project.as_bytes()),
            ("pictures/a.png", &vec![0_u8; 1 << 20]),
        ],
    );
    declare_size(&liar, "pictures/a.png", 100);
    refused(&liar, "pictures/a.png");
}

#[test]
fn a_damaged_project_inside_a_bundle_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("damaged.jbz");
    crafted(
        &bundle,
        &[("project.ron", b"(\n  version: 1,\n  title: oops\n)")],
    );
    let tmp = tempfile::tempdir().unwrap();
    let check = journeyboard(tmp.path(), &["check".as_ref(), bundle.as_os_str()]);
    assert!(!check.status.success());
    let message = text(&check.stderr);
    assert!(message.contains("damaged.jbz: project.ron:3:"), "{message}");
    assert!(entries(tmp.path()).is_empty());
}

/// An editor on a new project; its dialogs answer from `dialogs`.
fn editor(
    dialogs: &journeyboard::ui::NoDialogs,
    recovery: &Path,
) -> egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp> {
    use journeyboard::ui::{JourneyboardApp, Settings};
    let app = JourneyboardApp::new(
        Box::new(dialogs.clone()),
        Settings::default(),
        recovery.into(),
    );
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app)
}

/// Runs frames until no picture is loading any more.
fn wait_for_pictures(
    harness: &mut egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>,
) {
    use egui_kittest::kittest::Queryable;
    for _ in 0..250 {
        if harness.query_by_label("Loading picture…").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

fn is_zip(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"PK\x03\x04"))
}

#[test]
fn the_editor_opens_a_dropped_bundle_with_its_pictures_and_saves_it_as_a_bundle() {
    use egui_kittest::kittest::Queryable;
    use journeyboard::ui::DialogAnswer;
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_pictures(&dir.path().join("consultant"));
    let sent = dir.path().join("sent.jbz");
    let original = file::load(&project).unwrap();
    file::write_bundle(&original, project.parent(), &sent).unwrap();

    let dialogs = journeyboard::ui::NoDialogs::default();
    let mut harness = editor(&dialogs, &dir.path().join("recovery"));
    harness.run();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(sent.clone())));
    harness.run();
    assert_eq!(harness.state().window_title(), "sent.jbz — Journeyboard");
    // A card's picture comes out of the bundle.
    harness.get_by_label("Touchpoint: Card 1").click();
    harness.run();
    wait_for_pictures(&mut harness);
    assert!(harness.query_by_label("Picture unavailable").is_none());
    // Shown as a picture (its alternative text is the picture's path).
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Image, "pictures/sub/blue.png")
            .is_some()
    );

    // An edit, then Ctrl+S: still a bundle, with the edit and the pictures.
    harness.key_press(egui::Key::Delete);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(is_zip(&sent));
    let (saved, folder) = file::open_bundle(&sent).unwrap();
    assert_eq!(saved.touchpoint_count(), 2);
    assert!(folder.path().join("pictures/red.png").is_file());

    // Save As a project file elsewhere: the pictures go beside it.
    let elsewhere = dir.path().join("client");
    std::fs::create_dir(&elsewhere).unwrap();
    let as_ron = elsewhere.join("journey.ron");
    dialogs.push(DialogAnswer::Chosen(as_ron.clone()));
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    assert_eq!(file::load(&as_ron).unwrap().touchpoint_count(), 2);
    assert_eq!(
        std::fs::read(elsewhere.join("pictures/red.png")).unwrap(),
        common::png([200, 30, 30])
    );

    // File → Save as Bundle… from the project file: a bundle again.
    let again = elsewhere.join("again");
    dialogs.push(DialogAnswer::Chosen(again));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Save as Bundle…").click();
    harness.run();
    let written = elsewhere.join("again.jbz");
    assert!(is_zip(&written), "{}", written.display());
    let (_, folder) = file::open_bundle(&written).unwrap();
    assert!(folder.path().join("pictures/red.png").is_file());
    assert_eq!(harness.state().window_title(), "again.jbz — Journeyboard");
}

/// Replaces every occurrence of `from` with `to` (same length) in a file.
fn patch_all(path: &Path, from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut bytes = std::fs::read(path).unwrap();
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(from.len()).position(|w| w == from) {
        let start = at + found;
        bytes[start..start + to.len()].copy_from_slice(to);
        at = start + to.len();
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn names_twice_names_no_system_can_hold_deep_names_and_dense_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_text("pictures/a.png");
    let twice = dir.path().join("twice.jbz");
    crafted(
        &twice,
        &[
            ("project.ron", project.as_bytes()),
            ("pictures/a.png", b"one"),
            ("pictures/b.png", b"two"),
        ],
    );
    patch_all(&twice, b"pictures/b.png", b"pictures/a.png");
    refused(&twice, "two entries of the same name");
    for (i, name) in [
        "pictures/CON.png",
        "pictures/a.png.",
        "pictures/a?.png",
        "a/b/c/d/e/f/g/h/i.png",
    ]
    .into_iter()
    .enumerate()
    {
        let bundle = dir.path().join(format!("name-{i}.jbz"));
        crafted(
            &bundle,
            &[("project.ron", project.as_bytes()), (name, b"x")],
        );
        refused(&bundle, "entry");
    }
    // Honest about its size, but four megabytes of zeros in a few kilobytes.
    let dense = dir.path().join("dense.jbz");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&dense).unwrap());
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.ron", deflated).unwrap();
    zip.write_all(project.as_bytes()).unwrap();
    zip.start_file("pictures/a.png", deflated).unwrap();
    zip.write_all(&vec![0_u8; 4 << 20]).unwrap();
    zip.finish().unwrap();
    refused(&dense, "over a hundred times its size");
}

#[test]
fn a_named_pipe_called_jbz_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.jbz");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // No mkfifo here: nothing to test.
    }
    let started = std::time::Instant::now();
    let check = journeyboard(dir.path(), &["check".as_ref(), pipe.as_os_str()]);
    assert!(!check.status.success());
    assert!(
        text(&check.stderr).contains("named pipe"),
        "{}",
        text(&check.stderr)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn unpacking_never_writes_through_a_link_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_pictures(&dir.path().join("consultant"));
    let sent = dir.path().join("sent.jbz");
    file::write_bundle(&file::load(&project).unwrap(), project.parent(), &sent).unwrap();
    // The folder to unpack into has `pictures` planted as a link to somewhere else.
    let target = dir.path().join("target");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, target.join("pictures")).unwrap();
    let out = target.join("journey.ron");
    let run = journeyboard(
        dir.path(),
        &[
            "import".as_ref(),
            sent.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("is a link"),
        "{}",
        text(&run.stderr)
    );
    assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
    assert!(!out.exists());
    // Into a folder that already holds a different picture of that name: refused, and
    // the pictures this import had already written are removed again.
    let other = dir.path().join("other");
    std::fs::create_dir_all(other.join("pictures/sub")).unwrap();
    std::fs::write(other.join("pictures/sub/blue.png"), b"someone else's").unwrap();
    let out = other.join("journey.ron");
    let run = journeyboard(
        dir.path(),
        &[
            "import".as_ref(),
            sent.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    );
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("already holds another file"),
        "{}",
        text(&run.stderr)
    );
    assert!(!other.join("pictures/red.png").exists());
    assert_eq!(
        std::fs::read(other.join("pictures/sub/blue.png")).unwrap(),
        b"someone else's"
    );
    assert!(!out.exists());
}

#[test]
fn save_as_bundle_without_a_file_dialog_and_never_over_a_file_it_did_not_ask_about() {
    use egui_kittest::kittest::{NodeT, Queryable};
    use journeyboard::ui::DialogAnswer;
    let dir = tempfile::tempdir().unwrap();
    let project = project_with_pictures(&dir.path().join("consultant"));
    let dialogs = journeyboard::ui::NoDialogs::default();
    let mut harness = editor(&dialogs, &dir.path().join("recovery"));
    harness.state_mut().open_path(&project);
    harness.run();
    let menu = |harness: &mut egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>| {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label("Save as Bundle…").click();
        harness.run();
    };

    // The dialog chose "sent.ron"; "sent.jbz" exists and was never asked about.
    let existing = dir.path().join("sent.jbz");
    std::fs::write(&existing, b"the client's bundle").unwrap();
    dialogs.push(DialogAnswer::Chosen(dir.path().join("sent.ron")));
    menu(&mut harness);
    assert!(
        harness
            .query_by_label_contains("sent.jbz already exists")
            .is_some()
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"the client's bundle");
    harness.get_by_label("OK").click();
    harness.run();

    // No dialog: the typed name is offered as a bundle and written as one.
    dialogs.push(DialogAnswer::Unavailable);
    menu(&mut harness);
    let field = harness.get_by_role(egui::accesskit::Role::TextInput);
    let offered = field.accesskit_node().value().unwrap_or_default();
    assert!(offered.ends_with("journey.jbz"), "{offered}");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&dir.path().join("typed").display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    let written = dir.path().join("typed.jbz");
    assert!(is_zip(&written));
    assert_eq!(harness.state().window_title(), "typed.jbz — Journeyboard");
}
