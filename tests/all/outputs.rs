//! Where the command line writes: links, pipes, devices, standard output, permissions,
//! outputs that are inputs or projects, leftover temporary files, limits that agree.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use journeyboard::file;

fn journeyboard(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn bank() -> PathBuf {
    common::example("bank-account-opening")
}

/// A copy of the bank example in a fresh folder.
fn project_in(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(bank(), &path).unwrap();
    path
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".journeyboard-save-"))
        .collect()
}

#[test]
fn a_symlink_output_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("board.csv");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        link.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("\u{feff}id,title,")
    );
    assert!(leftovers(&real_dir).is_empty() && leftovers(dir.path()).is_empty());

    // A dangling link (relative) creates its target and stays a link.
    let dangling = dir.path().join("new.png");
    std::os::unix::fs::symlink("real/made.png", &dangling).unwrap();
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        dangling.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(file::load(&real_dir.join("made.png")).is_ok());
}

#[test]
fn a_named_pipe_is_written_into_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("board.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipping");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        fifo.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let received = reader.join().unwrap();
    assert!(received.starts_with("\u{feff}id,title,"), "{received}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn dev_null_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let null = Path::new("/dev/null");
    if !std::fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
        return;
    }
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "--format".as_ref(),
        "png".as_ref(),
        "-o".as_ref(),
        null.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::metadata(null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_folder_is_refused_as_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("out.png");
    std::fs::create_dir(&folder).unwrap();
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        folder.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a folder, not a file Journeyboard can write"),
        "{}",
        stderr(&out)
    );
    assert!(folder.is_dir());
}

#[test]
fn an_output_that_is_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_in(dir.path(), "project.ron");
    let before = std::fs::read(&project).unwrap();
    // Same path, a symlink to it, and a hard link to it.
    let link = dir.path().join("alias.ron");
    std::os::unix::fs::symlink(&project, &link).unwrap();
    let hard = dir.path().join("hard.ron");
    std::fs::hard_link(&project, &hard).unwrap();
    for output in [&project, &link, &hard] {
        let out = journeyboard(&[
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "-o".as_ref(),
            output.as_os_str(),
            "--force".as_ref(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", output.display());
        assert!(
            stderr(&out).contains("is the input file"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&project).unwrap(), before);
    }

    let sheet = dir.path().join("x.csv");
    std::fs::write(&sheet, "title\nA\nB\n").unwrap();
    let out = journeyboard(&[
        "import".as_ref(),
        sheet.as_os_str(),
        "-o".as_ref(),
        sheet.as_os_str(),
        "--force".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is the input file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), "title\nA\nB\n");
}

#[test]
fn a_project_is_not_overwritten_by_an_export_or_import_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let keep = project_in(dir.path(), "keep.ron");
    // A project under a name that does not say so is recognised by its text.
    let disguised = project_in(dir.path(), "notes.txt");
    let before = std::fs::read(&keep).unwrap();
    for target in [&keep, &disguised] {
        let out = journeyboard(&[
            "export".as_ref(),
            bank().as_os_str(),
            "--format".as_ref(),
            "mermaid".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        let message = stderr(&out);
        assert!(message.contains("is a Journeyboard project"), "{message}");
        assert!(message.contains("--force"), "{message}");
    }
    assert_eq!(std::fs::read(&keep).unwrap(), before);

    // import over an existing file, and generate over one, need --force too.
    let sheet = dir.path().join("x.csv");
    std::fs::write(&sheet, "title\nA\nB\n").unwrap();
    let out = journeyboard(&[
        "import".as_ref(),
        sheet.as_os_str(),
        "-o".as_ref(),
        keep.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists and was not replaced"),
        "{}",
        stderr(&out)
    );
    let out = journeyboard(&["generate".as_ref(), "-o".as_ref(), keep.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&keep).unwrap(), before);

    let out = journeyboard(&[
        "import".as_ref(),
        sheet.as_os_str(),
        "-o".as_ref(),
        keep.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(file::load(&keep).unwrap().touchpoint_count(), 2);
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "--format".as_ref(),
        "mermaid".as_ref(),
        "-o".as_ref(),
        disguised.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&disguised)
            .unwrap()
            .starts_with("journey")
    );
}

/// Runs the binary under a shell with the given umask.
fn with_umask(umask: &str, args: &[&OsStr]) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_journeyboard"))
        .args(args);
    command.output().unwrap()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_follow_the_umask_and_resaved_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared.csv");
    let out = with_umask(
        "022",
        &[
            "export".as_ref(),
            bank().as_os_str(),
            "-o".as_ref(),
            shared.as_os_str(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&shared), 0o644);
    let private = dir.path().join("private.ron");
    let out = with_umask(
        "077",
        &["generate".as_ref(), "-o".as_ref(), private.as_os_str()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&private), 0o600);
    let group = dir.path().join("group.ron");
    let out = with_umask(
        "002",
        &["generate".as_ref(), "-o".as_ref(), group.as_os_str()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&group), 0o664);

    // A re-saved file keeps its mode, whatever the umask.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = with_umask(
        "077",
        &[
            "export".as_ref(),
            bank().as_os_str(),
            "-o".as_ref(),
            shared.as_os_str(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&shared), 0o640);
}

#[test]
fn dash_writes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let csv = run(&[
        "export".as_ref(),
        bank().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert!(
        String::from_utf8_lossy(&csv.stdout).starts_with("id,title,"),
        "no byte-order mark on standard output"
    );
    assert!(
        stderr(&csv).contains("wrote standard output"),
        "{}",
        stderr(&csv)
    );

    let mermaid = run(&[
        "export".as_ref(),
        bank().as_os_str(),
        "--format".as_ref(),
        "mermaid".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert!(String::from_utf8_lossy(&mermaid.stdout).starts_with("journey\n"));

    // PNG is the default on standard output, and the bytes are the project-carrying PNG.
    let png = run(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert!(png.status.success(), "{}", stderr(&png));
    assert_eq!(&png.stdout[..8], &file::PNG_SIGNATURE);
    let copy = dir.path().join("copy.png");
    std::fs::write(&copy, &png.stdout).unwrap();
    assert_eq!(file::load(&copy).unwrap(), file::load(&bank()).unwrap());

    let sheet = dir.path().join("x.csv");
    std::fs::write(&sheet, "title\nA\nB\n").unwrap();
    let ron = run(&[
        "import".as_ref(),
        sheet.as_os_str(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert!(ron.status.success(), "{}", stderr(&ron));
    let project = file::parse(&String::from_utf8_lossy(&ron.stdout), Path::new("-")).unwrap();
    assert_eq!(project.touchpoint_count(), 2);

    assert!(!dir.path().join("-").exists(), "no file named '-'");
}

#[test]
fn stale_temporaries_of_killed_saves_are_removed_on_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let project = project_in(dir.path(), "journey.ron");
    // A process that has ended, as a save killed mid-way leaves it.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = dir.path().join(file::temp_name_for_pid(dead));
    std::fs::write(&stale, vec![b'x'; 100_000]).unwrap();
    // An older build's name, without a process id: removed only once it is old.
    let old_style = dir.path().join(".journeyboard-save-Xy12Zq.tmp");
    std::fs::write(&old_style, "old").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old_style)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let recent_style = dir.path().join(".journeyboard-save-Fresh1.tmp");
    std::fs::write(&recent_style, "may be in use").unwrap();
    // A save in progress in a live process (this test) is left alone.
    let live = dir.path().join(file::temp_name_for_pid(std::process::id()));
    // A writer on another machine or in another container, with a process id that means
    // nothing here: left alone while recent.
    let elsewhere = dir
        .path()
        .join(format!(".journeyboard-save-0badc0de-{dead}-Qw12Er.tmp"));
    std::fs::write(&elsewhere, "in use elsewhere").unwrap();
    std::fs::write(&live, "in use").unwrap();
    // Somebody else's file with a similar name is not ours.
    let other = dir.path().join(".journeyboard-save-notes.txt");
    std::fs::write(&other, "mine").unwrap();

    let out = journeyboard(&[
        "export".as_ref(),
        project.as_os_str(),
        "-o".as_ref(),
        dir.path().join("j.csv").as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists() && !old_style.exists());
    assert!(recent_style.exists() && live.exists() && other.exists() && elsewhere.exists());
}

#[test]
fn the_export_format_comes_from_the_name_and_options_must_apply() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("oops.csv");
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        csv.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("\u{feff}id,title,")
    );
    let mmd = dir.path().join("journey.mmd");
    assert!(
        journeyboard(&[
            "export".as_ref(),
            bank().as_os_str(),
            "-o".as_ref(),
            mmd.as_os_str()
        ])
        .status
        .success()
    );
    assert!(
        std::fs::read_to_string(&mmd)
            .unwrap()
            .starts_with("journey")
    );

    let cases: [(&[&str], &str); 5] = [
        (
            &["--format", "png", "-o", "x.csv"],
            "ends in .csv, which means csv, but --format png was asked",
        ),
        (&["-o", "x.txt"], "cannot tell what to write from the name"),
        (
            &["-o", "x.ron"],
            "export writes pictures and sheets, not projects",
        ),
        (
            &["-o", "x.csv", "--scale", "2"],
            "--scale applies to pictures (PNG, SVG, PDF) only",
        ),
        (
            &["-o", "x.mmd", "--theme", "dark"],
            "--theme applies to pictures (PNG, SVG, PDF) only",
        ),
    ];
    for (args, expected) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .current_dir(dir.path())
            .arg("export")
            .arg(bank())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            !dir.path()
                .join(args[args.iter().position(|a| *a == "-o").unwrap() + 1])
                .exists()
        );
    }
}

#[test]
fn mistyped_commands_and_missing_files_are_named_before_any_window() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let out = run(&["exprot", "bank.ron", "-o", "x.png"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("unknown command 'exprot'; did you mean 'export'?"),
        "{message}"
    );
    assert!(
        !message.contains("winit") && !message.contains("subcommand"),
        "{message}"
    );

    let out = run(&["bogus-cmd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown command 'bogus-cmd'"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("window"), "{}", stderr(&out));

    let out = run(&["/no/such/journey.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no such file: /no/such/journey.ron"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn what_generate_writes_check_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("max.ron");
    let max = journeyboard::model::generate::MAX_TOUCHPOINTS.to_string();
    let out = journeyboard(&[
        "generate".as_ref(),
        "--touchpoints".as_ref(),
        max.as_ref(),
        "-o".as_ref(),
        path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = journeyboard(&["check".as_ref(), path.as_os_str()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains(&format!("ok: {max} touchpoints")));

    let over = (journeyboard::model::generate::MAX_TOUCHPOINTS + 1).to_string();
    let out = journeyboard(&[
        "generate".as_ref(),
        "--touchpoints".as_ref(),
        over.as_ref(),
        "-o".as_ref(),
        dir.path().join("over.ron").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("over.ron").exists());
}

#[test]
fn a_project_too_large_to_open_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, "previous").unwrap();
    let mut project = journeyboard::model::Project::new("Huge");
    project.description = "x".repeat(file::MAX_FILE_BYTES as usize + 1);
    let err = file::save(&project, &path).unwrap_err().to_string();
    assert!(
        err.contains("MB (6710") && err.contains("bytes), over the 64 MiB Journeyboard opens"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
}

#[test]
fn dev_stdout_is_written_into_even_when_the_shell_appends_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "earlier line\n").unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" export \"$1\" --format csv -o /dev/stdout >> \"$2\"")
        .arg(env!("CARGO_BIN_EXE_journeyboard"))
        .arg(bank())
        .arg(&log)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.starts_with("earlier line\n\u{feff}id,title,"),
        "{text}"
    );
    assert!(leftovers(dir.path()).is_empty());
    // Into a pipe, where /dev/stdout's link text is `pipe:[…]`.
    let out = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        "/dev/stdout".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("\u{feff}id,title,"));
}

#[test]
fn import_and_generate_write_projects_only_under_a_project_name() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("x.csv");
    std::fs::write(&sheet, "title\nA\n").unwrap();
    for (args, output) in [
        (
            vec!["import".as_ref(), sheet.as_os_str()],
            dir.path().join("tm.csv"),
        ),
        (vec!["generate".as_ref()], dir.path().join("gen.png")),
    ] {
        let mut args = args;
        args.extend(["-o".as_ref(), output.as_os_str()]);
        let out = journeyboard(&args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("its name must end in .ron"),
            "{}",
            stderr(&out)
        );
        assert!(!output.exists());
    }
}

#[test]
fn pictures_are_found_when_the_project_is_named_without_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = file::load(&bank()).unwrap();
    let id = project.touchpoints().next().unwrap().0;
    project.touchpoint_mut(id).unwrap().picture = Some("real.png".to_owned());
    file::save(&project, &dir.path().join("proj.ron")).unwrap();
    image::RgbaImage::new(8, 8)
        .save(dir.path().join("real.png"))
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .current_dir(dir.path())
        .args(["export", "proj.ron", "-o", "out.png"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn a_resave_keeps_the_owner_and_drops_set_id_bits() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("board.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o4750)).unwrap();
    let root = std::fs::metadata(dir.path()).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&out, Some(1234), Some(1234)).unwrap();
    }
    let result = journeyboard(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let meta = std::fs::metadata(&out).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o750);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (1234, 1234));
    }
}

#[test]
fn folders_extra_arguments_and_pipes_are_named_before_anything_happens() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let out = run(&[dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a folder; give the project file in it"),
        "{}",
        stderr(&out)
    );
    let out = run(&[bank().as_os_str(), "extra".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("opens the editor on one file, so 'extra' is not understood"),
        "{}",
        stderr(&out)
    );

    let fifo = dir.path().join("sheet.csv");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let out = run(&[
            "import".as_ref(),
            fifo.as_os_str(),
            "-o".as_ref(),
            dir.path().join("x.ron").as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("is not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_command_is_a_command_even_beside_a_folder_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("export")).unwrap();
    std::fs::write(dir.path().join("check"), "a file called check").unwrap();
    let run = |args: &[&OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "export".as_ref(),
        bank().as_os_str(),
        "-o".as_ref(),
        "x.csv".as_ref(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["check".as_ref(), bank().as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_reader_that_goes_away_is_not_a_crash() {
    for args in [&["check"][..], &["report"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args(args)
            .arg(bank())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // as `| head -0` does
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
