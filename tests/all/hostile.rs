//! Hostile and broken input, failing saves, and non-ASCII content: a clear error or a
//! project, never a panic, a hang or a damaged file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use journeyboard::export::{self, ExportOptions};
use journeyboard::file::{self, LoadError, MAX_FILE_BYTES, SaveError};
use journeyboard::model::{Emotion, Link, LinkKind, Project, Touchpoint, TouchpointId};
use proptest::prelude::*;

fn parse(text: &str) -> Result<Project, LoadError> {
    file::parse(text, Path::new("hostile.ron"))
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..8),
                Just(b"(((((".to_vec()),
                Just(b"]]".to_vec()),
                Just(b"\"".to_vec()),
                Just(b"NaN".to_vec()),
                Just(b"version: 99,".to_vec()),
                Just("é漢😀".as_bytes().to_vec()),
            ]
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            let i = i % len;
            if let Some(x) = bytes.get_mut(i) {
                *x ^= b | 1;
            }
        }
        Mutation::Delete(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            if i < end {
                bytes.drain(i..end);
            }
        }
        Mutation::Insert(i, b) => {
            let i = i % len;
            let i = i.min(bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::Duplicate(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            let chunk = bytes[i..end].to_vec();
            bytes.splice(end..end, chunk);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Mutated and truncated examples give a project or an error, never a panic.
    #[test]
    fn mutated_examples_never_panic(which in 0usize..3, mutations in proptest::collection::vec(mutation(), 1..6)) {
        let path = &common::example_paths()[which];
        let mut bytes = std::fs::read(path).unwrap();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let result = match std::str::from_utf8(&bytes) {
            Ok(text) => parse(text),
            Err(_) => {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("mutated.ron");
                std::fs::write(&file, &bytes).unwrap();
                file::load(&file)
            }
        };
        if let Err(err) = result {
            // Every error names the file.
            let message = err.to_string();
            prop_assert!(message.contains(".ron"), "{}", message);
        }
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    for depth in [200, 10_000, 200_000] {
        let text = format!(
            "(version: 1, title: {}1{})",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(parse(&text).is_err());
        let text = "(".repeat(depth);
        assert!(parse(&text).is_err());
    }
}

#[test]
fn very_long_strings_round_trip() {
    let long = "Ω".repeat(2_000_000); // 4 MB of text in one title
    let mut project = Project::new(long.clone());
    project
        .add_touchpoint(Touchpoint {
            title: long.clone(),
            stage: "research".into(),
            pain_points: vec![long.clone()],
            ..Touchpoint::default()
        })
        .unwrap();
    let text = file::to_ron_string(&project).unwrap();
    assert_eq!(parse(&text).unwrap(), project);
}

#[test]
fn absurd_coordinates_are_refused_with_the_touchpoint_named() {
    for value in ["NaN", "inf", "-inf", "1e300", "1e7", "-3e38"] {
        let text = format!(
            "(version: 1, title: \"t\", touchpoints: [(id: 7, title: \"Far away\", stage: \"research\", x: {value})])"
        );
        let err = parse(&text).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("hostile.ron"), "{value}: {message}");
        if let LoadError::Invalid { .. } = err {
            assert!(message.contains("#7 (\"Far away\")"), "{value}: {message}");
        }
    }
}

#[test]
fn thousands_of_links_between_two_touchpoints_load_and_analyse() {
    let mut text = String::from(
        "(version: 1, title: \"t\", touchpoints: [(id: 1, title: \"a\", stage: \"awareness\", emotion: 1), (id: 2, title: \"b\", stage: \"advocacy\", emotion: -1)], links: [",
    );
    for i in 1..=5000 {
        text.push_str(&format!("(id: {i}, from: 1, to: 2),"));
    }
    text.push_str("])");
    let project = parse(&text).unwrap();
    assert_eq!(project.link_count(), 5000);
    let insights = journeyboard::analysis::analyse(&project);
    assert_eq!(insights.largest_drops.len(), 5);
    assert!(export::render(&project, ExportOptions::default(), None).is_ok());
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let err = file::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.ron"));
}

#[test]
fn a_write_failing_half_way_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::write(&path, "previous content").unwrap();
    let err = file::write_atomic_with(&path, |out| {
        out.write_all(b"(version: 1, title: \"half")?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    })
    .unwrap_err();
    assert!(err.to_string().contains("no space left on device"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous content");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.ron");
    std::fs::write(&path, "previous content").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = file::save(&Project::new("x"), &path).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("Save As"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous content");
}

/// Environment variables that turn [`save_loop_in_a_child_process`] on: the project to
/// load, and the file to save it to.
const SAVE_LOOP_SOURCE: &str = "JOURNEYBOARD_TEST_SAVE_LOOP_SOURCE";
const SAVE_LOOP_TARGET: &str = "JOURNEYBOARD_TEST_SAVE_LOOP_TARGET";

/// Starts this test binary again, running only [`save_loop_in_a_child_process`], which
/// saves `source`'s project to `target` over and over until the test kills it.
fn save_loop(source: &Path, target: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            // The test's full name in the test binary (its module, then its name).
            "hostile::save_loop_in_a_child_process",
            "--exact",
            "--ignored",
            "--quiet",
        ])
        .env(SAVE_LOOP_SOURCE, source)
        .env(SAVE_LOOP_TARGET, target)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// The child of the kill tests (not run on its own): saves a project over and over,
/// alternating it with a variant with a longer description, so a kill can land at any
/// point of a save.
#[test]
#[ignore = "run in a child process by the kill tests below"]
fn save_loop_in_a_child_process() {
    let (Some(source), Some(target)) = (
        std::env::var_os(SAVE_LOOP_SOURCE),
        std::env::var_os(SAVE_LOOP_TARGET),
    ) else {
        panic!("run by the kill tests, which set {SAVE_LOOP_SOURCE} and {SAVE_LOOP_TARGET}");
    };
    let original = file::load(Path::new(&source)).unwrap();
    let mut variant = original.clone();
    variant.description = format!("{} {}", original.description, "(autosaved) ".repeat(200));
    for i in 0..100_000 {
        let project = if i % 2 == 0 { &variant } else { &original };
        file::save(project, Path::new(&target)).unwrap();
    }
}

#[test]
fn killing_the_process_mid_save_leaves_a_complete_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::copy(common::example("bank-account-opening"), &path).unwrap();
    let original = file::load(&path).unwrap();
    for delay_ms in [5, 15, 30, 45, 70] {
        let mut child = save_loop(&path, &path);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        // A loop that had ended (or never started: a wrong test name) would exit cleanly.
        assert!(!status.success(), "the save loop was running when killed");
        // Whatever moment the kill hit, the file is one of the two complete versions.
        let project = file::load(&path).unwrap_or_else(|e| panic!("after {delay_ms} ms: {e}"));
        assert_eq!(project.touchpoint_count(), original.touchpoint_count());
        assert!(project.description.starts_with(&original.description));
    }
}

#[test]
fn killing_the_process_during_autosave_leaves_the_file_and_a_complete_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::copy(common::example("online-order-late-delivery"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let original = file::load(&path).unwrap();
    let recovery = journeyboard::file::recovery_path_for(Some(&path), Path::new("unused"));
    for delay_ms in [5, 20, 40, 60] {
        let mut child = save_loop(&path, &recovery);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        // A loop that had ended (or never started: a wrong test name) would exit cleanly.
        assert!(!status.success(), "the save loop was running when killed");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the user's file is never written"
        );
        if recovery.exists() {
            let copy = file::load(&recovery).unwrap_or_else(|e| panic!("after {delay_ms} ms: {e}"));
            assert_eq!(copy.touchpoint_count(), original.touchpoint_count());
            assert!(copy.description.starts_with(&original.description));
        }
    }
    assert!(recovery.exists(), "the loop wrote recovery copies");
}

#[test]
fn the_committed_version_1_fixture_keeps_loading() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron");
    let project = file::load(&path).unwrap();
    assert_eq!(project.title, "Fixture: format version 1");
    assert_eq!(project.persona.name, "Ana");
    assert_eq!(project.stages().len(), 3);
    assert_eq!(project.owners()[0].colour.to_hex(), "#16a085");
    let buys = project.touchpoint(TouchpointId(2)).unwrap();
    assert_eq!(buys.emotion, Some(Emotion::new(-1.0).unwrap()));
    assert_eq!(buys.owner.as_deref(), Some("ops"));
    // Version 1 rows were 150 points apart; version 2 cards are taller, so the lane is
    // stretched from its first row (28): 28 + (150.5 − 28) × 256 / 150, rounded.
    assert_eq!(buys.position.y, 237.0);
    assert_eq!(buys.position.x, 10.0);
    assert_eq!(
        project.link(journeyboard::model::LinkId(9)).unwrap().kind,
        LinkKind::Referral
    );
    // Ids are never reused after the highest ones.
    assert!(project.next_touchpoint_id().0 > 5);
    assert!(project.next_link_id().0 > 9);
}

fn non_ascii_project() -> Project {
    let mut p = Project::new("Café crème — 顧客の旅 — رحلة العميل 🎉");
    p.persona.name = "Zoë, שירות לקוחות".to_owned();
    let titles = [
        "Découvre l’offre",
        "顧客サポートに電話",
        "שיחה עם נציג",
        "Überraschung 🎁✨",
        "Ελληνικά και русский",
        "\u{202e}reversed\u{202c} and \u{200d} joiners",
    ];
    let mut ids = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        ids.push(
            p.add_touchpoint(Touchpoint {
                title: (*title).to_owned(),
                stage: p.stages()[i].id.clone(),
                emotion: Some(Emotion::new(f64::from(i as u8 % 5) - 2.0).unwrap()),
                pain_points: vec![format!("{title} – ½ ≠ ∞")],
                ..Touchpoint::default()
            })
            .unwrap(),
        );
    }
    for pair in ids.windows(2) {
        p.add_link(Link {
            from: pair[0],
            to: pair[1],
            kind: LinkKind::Flow,
            label: Some("→ 次へ".to_owned()),
        })
        .unwrap();
    }
    p
}

#[test]
fn non_ascii_loads_saves_reports_and_exports() {
    let project = non_ascii_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ünïcödé 顧客.ron");
    file::save(&project, &path).unwrap();
    let loaded = file::load(&path).unwrap();
    assert_eq!(loaded, project);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("顧客サポートに電話"),
        "stored as readable UTF-8, not escapes"
    );
    let report =
        journeyboard::analysis::report::to_text(&loaded, &journeyboard::analysis::analyse(&loaded));
    assert!(report.contains("שיחה עם נציג"));
    // Glyphs the bundled fonts lack (CJK, Arabic, Hebrew) become boxes, never a crash.
    let rendered = export::render(&loaded, ExportOptions::default(), None).unwrap();
    assert!(rendered.image.width() > 0);
}

#[test]
fn non_ascii_in_the_editor() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intl.ron");
    file::save(&non_ascii_project(), &path).unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().into(),
    );
    app.open_path(&path);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness
        .get_by_label("Touchpoint: 顧客サポートに電話")
        .click();
    harness.run();
    assert_eq!(harness.state().selection().single(), Some(TouchpointId(2)));
    assert!(harness.state().window_title().starts_with("intl.ron"));
}

#[test]
fn picture_paths_outside_the_project_folder_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("maps");
    std::fs::create_dir(&folder).unwrap();
    // A real image just outside the folder: it must still not be read.
    let outside = dir.path().join("secret.png");
    image::RgbaImage::new(4, 4).save(&outside).unwrap();
    let mut project = Project::new("t");
    for (title, picture) in [("up", "../secret.png"), ("root", "/etc/passwd")] {
        project
            .add_touchpoint(Touchpoint {
                title: title.into(),
                stage: "research".into(),
                picture: Some(picture.into()),
                ..Touchpoint::default()
            })
            .unwrap();
    }
    let rendered = export::render(&project, ExportOptions::default(), Some(&folder)).unwrap();
    assert_eq!(rendered.warnings.len(), 2);
    assert!(
        rendered
            .warnings
            .iter()
            .all(|w| w.contains("outside the project folder")),
        "{:?}",
        rendered.warnings
    );
}

/// Names of our own types and of the parser's internals, which no message may show.
const INTERNALS: [&str; 10] = [
    "VersionProbe",
    "ProjectFile",
    "PersonaFile",
    "StageFile",
    "OwnerFile",
    "TouchpointFile",
    "LinkFile",
    "serde_stacker",
    "recursion_limit",
    "RawValue",
];

fn assert_user_words(message: &str) {
    for name in INTERNALS {
        assert!(!message.contains(name), "{name} in: {message}");
    }
}

#[test]
fn load_errors_speak_the_users_language() {
    let cases: [(&str, &str); 7] = [
        (
            "",
            "hostile.ron is empty. A Journeyboard project starts with `(`",
        ),
        ("\u{feff}  \n\t", "is empty"),
        ("(title: \"x\")", "the file has no `version` field"),
        (
            "(version: 1, titel: \"x\")",
            "the project has no field named `titel` (a typo?); its fields are `version`, `title`",
        ),
        (
            "(version: 1, title: \"x\", touchpoints: [(id: 1, title: \"t\", stage: \"research\", channel: fax)])",
            "`fax` is not a channel; use one of `web`",
        ),
        (
            "(version: 1, title: \"x\", stages: [(id: \"a\")])",
            "a stage has no `name` field, which is required",
        ),
        (
            &*Box::leak(
                format!(
                    "(version: 1, title: \"x\", extra: {}1{})",
                    "[".repeat(500),
                    "]".repeat(500)
                )
                .into_boxed_str(),
            ),
            "nested more than 128 levels deep",
        ),
    ];
    for (text, expected) in cases {
        let message = parse(text).unwrap_err().to_string();
        assert!(message.contains(expected), "{expected:?} not in: {message}");
        assert_user_words(&message);
    }
}

#[test]
fn a_title_that_says_version_7_is_not_a_newer_file() {
    let message = parse("(\n    version: 1,\n    title: \"Upgrade to version: 7\",\n    stages: [(id: \"a\" name: \"A\")],\n)")
        .unwrap_err()
        .to_string();
    assert!(message.starts_with("hostile.ron:4:"), "{message}");
    assert!(!message.contains("newer"), "{message}");
    // A real newer file is still recognised even when it does not parse.
    let message = parse("(\n    version: 7,\n    title: \"x\",\n    new_syntax: <<>>,\n)")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("made by a newer Journeyboard"),
        "{message}"
    );
}

#[test]
fn a_png_with_a_damaged_project_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let project = file::load(&common::example("bank-account-opening")).unwrap();
    let image = image::RgbaImage::new(4, 4);

    // Readable chunk, broken project text: no advice to edit a picture in a text editor.
    let broken = file::to_ron_string(&project)
        .unwrap()
        .replacen("title:", "title", 1);
    let png = dir.path().join("broken-text.png");
    std::fs::write(
        &png,
        file::encode_png_with_project(&image, &broken).unwrap(),
    )
    .unwrap();
    let message = file::load(&png).unwrap_err().to_string();
    assert!(
        message.contains("the project inside this picture is damaged (line"),
        "{message}"
    );
    assert!(!message.contains("text editor"), "{message}");

    // Damaged compressed bytes: the decoder drops the chunk, we still see it is ours.
    let mut bytes =
        file::encode_png_with_project(&image, &file::to_ron_string(&project).unwrap()).unwrap();
    let at = bytes
        .windows(file::PNG_KEYWORD.len())
        .position(|w| w == file::PNG_KEYWORD.as_bytes())
        .unwrap();
    for b in &mut bytes[at + 40..at + 80] {
        *b ^= 0x5a;
    }
    let png = dir.path().join("damaged.png");
    std::fs::write(&png, &bytes).unwrap();
    let message = file::load(&png).unwrap_err().to_string();
    assert!(message.contains("damaged"), "{message}");
    assert!(
        !message.contains("without a Journeyboard project"),
        "{message}"
    );
    assert_user_words(&message);

    // A picture cut short says so.
    let whole = std::fs::read(&png).unwrap();
    let cut = dir.path().join("cut.png");
    std::fs::write(&cut, &whole[..at]).unwrap();
    let message = file::load(&cut).unwrap_err().to_string();
    assert!(message.contains("is cut short"), "{message}");

    // A picture that never had one is still told apart.
    let plain = dir.path().join("plain.png");
    image.save(&plain).unwrap();
    let message = file::load(&plain).unwrap_err().to_string();
    assert!(
        message.contains("without a Journeyboard project inside"),
        "{message}"
    );
}

#[test]
fn a_named_pipe_or_folder_given_as_a_project_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let message = file::load(dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("is a folder, not a project file"),
        "{message}"
    );
    let fifo = dir.path().join("journey.ron");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        // Nobody writes to the pipe: opening it for reading would wait forever.
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .arg("check")
            .arg(&fifo)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("check waited on the named pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("is a named pipe, not a project file")
        );
    }
}

#[test]
fn terminal_output_escapes_control_and_bidi_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sneaky.ron");
    let mut project = Project::new("\u{1b}]0;pwned\u{7}\u{1b}[2J Journey \u{202e}gnp.exe");
    project.persona.name = "Ana\u{9b}31m".to_owned();
    let t = project
        .add_touchpoint(Touchpoint {
            title: "Calls \u{2066}support\u{2069}\nMost painful path: FORGED\u{2028}".to_owned(),
            stage: "service".into(),
            emotion: Some(Emotion::new(-2.0).unwrap()),
            ..Touchpoint::default()
        })
        .unwrap();
    let _ = t;
    file::save(&project, &path).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap()
    };
    let raw = [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}',
    ];
    for args in [
        &["check"][..],
        &["report"][..],
        &["report", "--format", "json"][..],
    ] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains(raw),
            "{args:?}: raw control character in {stdout:?}"
        );
        if args.len() == 3 {
            let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(
                json["title"],
                project.title.as_str(),
                "JSON keeps the exact text"
            );
        } else if args[0] == "report" {
            assert!(stdout.contains("\\u{001B}]0;pwned\\u{0007}"), "{stdout}");
            assert!(stdout.contains("\\u{202E}gnp.exe"), "{stdout}");
            // A line break in a title cannot forge a line of the report.
            assert!(!stdout.contains("\nMost painful path: FORGED"), "{stdout}");
            assert!(
                stdout.contains("support\\u{2069}\\nMost painful path: FORGED\\u{2028}"),
                "{stdout}"
            );
        }
    }
}

#[test]
fn ids_that_leave_no_room_for_new_ones_are_refused() {
    let max = journeyboard::model::MAX_ID;
    // The largest id loads; after it, a new touchpoint is refused with a message, never
    // given a wrapped or duplicate id.
    let text = format!(
        "(version: 1, title: \"x\", touchpoints: [(id: {max}, title: \"t\", stage: \"research\")])"
    );
    let mut project = parse(&text).unwrap();
    let new = || Touchpoint {
        stage: "research".into(),
        ..Touchpoint::default()
    };
    let err = project.add_touchpoint(new()).unwrap_err().to_string();
    assert!(
        err.contains("above the largest id Journeyboard uses"),
        "{err}"
    );
    assert_eq!(project.touchpoint_count(), 1);
    let text = text.replace(&max.to_string(), &(max - 1).to_string());
    let mut project = parse(&text).unwrap();
    assert_eq!(project.add_touchpoint(new()).unwrap().0, max);
    for (text, expected) in [
        (
            "(version: 1, title: \"x\", touchpoints: [(id: 18446744073709551615, title: \"t\", stage: \"research\")])".to_owned(),
            format!("touchpoint id 18446744073709551615 is above the largest id Journeyboard uses ({max})"),
        ),
        (
            format!("(version: 1, title: \"x\", next_link_id: {})", max + 2),
            format!("next_link_id {} is above the largest id", max + 2),
        ),
    ] {
        let message = parse(&text).unwrap_err().to_string();
        assert!(message.contains(&expected), "{message}");
    }
}

#[test]
fn messages_quote_a_huge_title_in_short() {
    let title = "Long ".repeat(2_000_000);
    let text = format!(
        "(version: 1, title: \"x\", touchpoints: [(id: 4, title: \"{title}\", stage: \"research\", perception: 9)])"
    );
    let message = parse(&text).unwrap_err().to_string();
    assert!(message.contains("touchpoint #4 (\"Long Long"), "{message}");
    assert!(message.contains("has perception 9"), "{message}");
    assert!(message.len() < 400, "{} bytes", message.len());
}

#[test]
fn a_sheet_whose_ids_leave_no_room_for_a_row_without_one_is_refused() {
    let max = journeyboard::model::MAX_ID;
    let sheet = format!("id,title\n{max},A\n,B\n");
    let err = journeyboard::interchange::csv_sheet::from_csv(&sheet, "t")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("row 3"), "{err}");
    assert!(
        err.contains("above the largest id Journeyboard uses"),
        "{err}"
    );
}
