//! Pictures named by a project from someone else: links out of the project folder, named
//! pipes, folders, sockets and oversized files. None is read, none blocks the editor or an
//! export, and each gets a message that says what it is.
//!
//! Named pipes would block a careless reader forever. Each test that could block runs the
//! risky part under a one-minute guard that releases the pipe and fails the test, so a
//! regression fails instead of hanging the test run (a hang guard, not a timing claim).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::export::{self, ExportOptions};
use journeyboard::file;
use journeyboard::model::{Project, Touchpoint};
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

/// How long anything here may take before it counts as blocked.
const HANG: Duration = Duration::from_secs(60);

/// A project folder `maps` inside a temporary folder, with a secret picture beside it.
struct Scene {
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("maps")).unwrap();
        // A real, readable image just outside the project folder.
        image::RgbaImage::from_pixel(4, 4, image::Rgba([255, 0, 0, 255]))
            .save(dir.path().join("secret.png"))
            .unwrap();
        Self { dir }
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("maps")
    }

    fn secret(&self) -> PathBuf {
        self.dir.path().join("secret.png")
    }

    /// Makes a named pipe in the project folder, or `None` (with a note) without `mkfifo`.
    fn fifo(&self, name: &str) -> Option<PathBuf> {
        let path = self.folder().join(name);
        match Command::new("mkfifo").arg(&path).status() {
            Ok(status) if status.success() => Some(path),
            other => {
                println!("note: named-pipe test skipped: mkfifo is not available ({other:?})");
                None
            }
        }
    }
}

/// A project with one touchpoint titled `title` whose picture is `picture`.
fn project_with_picture(title: &str, picture: &str) -> Project {
    let mut project = Project::new("Hostile pictures");
    project
        .add_touchpoint(Touchpoint {
            title: title.into(),
            stage: "research".into(),
            picture: Some(picture.into()),
            ..Touchpoint::default()
        })
        .unwrap();
    project
}

fn open_error(folder: &Path, stored: &str) -> String {
    file::open_picture(Some(folder), stored).unwrap_err()
}

/// The export warning for touchpoint #1 titled "t" with `problem`.
fn export_warning(problem: &str) -> String {
    format!("touchpoint #1 (\"t\"): {problem}; exported with a placeholder")
}

fn export_warnings(folder: &Path, picture: &str) -> Vec<String> {
    let project = project_with_picture("t", picture);
    export::render(&project, ExportOptions::default(), Some(folder))
        .unwrap()
        .warnings
}

/// Runs `f` on a thread of its own. If it has not finished within [`HANG`], the pipe is
/// opened for writing (which releases a reader blocked on it) and the test fails.
fn must_not_block<T: Send + 'static>(fifo: &Path, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(f()).ok());
    match rx.recv_timeout(HANG) {
        Ok(value) => value,
        Err(_) => {
            std::fs::OpenOptions::new().write(true).open(fifo).ok();
            panic!("blocked on the named pipe {}", fifo.display());
        }
    }
}

const OUTSIDE_BY_LINK: &str = "is outside the project folder (a link leads out of it), so it \
     is not read; move it into the project's folder and choose it again";

#[test]
fn a_link_in_the_project_folder_to_a_file_outside_is_not_read() {
    let scene = Scene::new();
    let folder = scene.folder();
    symlink(scene.secret(), folder.join("frame.png")).unwrap();
    let expected = format!("picture “frame.png” {OUTSIDE_BY_LINK}");
    assert_eq!(open_error(&folder, "frame.png"), expected);
    assert_eq!(
        file::load_picture(Some(&folder), "frame.png").unwrap_err(),
        expected
    );
    assert_eq!(
        export_warnings(&folder, "frame.png"),
        [export_warning(&expected)]
    );
    // A relative link climbing out is the same.
    symlink("../secret.png", folder.join("relative.png")).unwrap();
    assert_eq!(
        open_error(&folder, "relative.png"),
        format!("picture “relative.png” {OUTSIDE_BY_LINK}")
    );
}

#[test]
fn a_path_through_a_linked_folder_is_not_read() {
    let scene = Scene::new();
    let folder = scene.folder();
    symlink("/", folder.join("up")).unwrap();
    symlink(scene.dir.path(), folder.join("parent")).unwrap();
    for stored in ["up/etc/passwd", "parent/secret.png", "up/etc/../etc/passwd"] {
        let expected = format!("picture “{stored}” {OUTSIDE_BY_LINK}");
        assert_eq!(open_error(&folder, stored), expected);
        assert_eq!(
            export_warnings(&folder, stored),
            [export_warning(&expected)],
            "{stored}"
        );
    }
}

#[test]
fn links_that_stay_inside_the_project_folder_still_work() {
    let scene = Scene::new();
    let folder = scene.folder();
    std::fs::create_dir(folder.join("pictures")).unwrap();
    image::RgbaImage::from_pixel(6, 2, image::Rgba([0, 0, 255, 255]))
        .save(folder.join("pictures/a.png"))
        .unwrap();
    symlink("pictures/a.png", folder.join("current.png")).unwrap();
    let image = file::load_picture(Some(&folder), "current.png").unwrap();
    assert_eq!((image.width(), image.height()), (6, 2));
    // The project folder itself reached through a link.
    let linked_folder = scene.dir.path().join("linked-maps");
    symlink(&folder, &linked_folder).unwrap();
    let opened = file::open_picture(Some(&linked_folder), "pictures/a.png").unwrap();
    assert_eq!(
        opened.path,
        folder.canonicalize().unwrap().join("pictures/a.png")
    );
    assert!(export_warnings(&linked_folder, "current.png").is_empty());
}

#[test]
fn a_named_pipe_is_refused_without_opening_it() {
    let scene = Scene::new();
    let folder = scene.folder();
    let Some(fifo) = scene.fifo("pipe.png") else {
        return;
    };
    let expected = "picture “pipe.png” is a named pipe, not a picture file, so it is not \
                    read; choose a picture file or remove it";
    let in_folder = folder.clone();
    let error = must_not_block(&fifo, move || open_error(&in_folder, "pipe.png"));
    assert_eq!(error, expected);
    let in_folder = folder.clone();
    let warnings = must_not_block(&fifo, move || export_warnings(&in_folder, "pipe.png"));
    assert_eq!(warnings, [export_warning(expected)]);
    // A link to the pipe is the same.
    symlink("pipe.png", folder.join("link.png")).unwrap();
    let in_folder = folder.clone();
    let error = must_not_block(&fifo, move || open_error(&in_folder, "link.png"));
    assert_eq!(
        error,
        "picture “link.png” is a named pipe, not a picture file, so it is not read; choose a \
         picture file or remove it"
    );
}

#[test]
fn the_export_command_does_not_block_on_a_named_pipe() {
    let scene = Scene::new();
    let folder = scene.folder();
    let Some(fifo) = scene.fifo("pipe.png") else {
        return;
    };
    let project_path = folder.join("journey.ron");
    file::save(&project_with_picture("t", "pipe.png"), &project_path).unwrap();
    let out = folder.join("board.png");
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .arg("export")
        .arg(&project_path)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut waited = Duration::ZERO;
    while child.try_wait().unwrap().is_none() {
        if waited > HANG {
            child.kill().ok();
            std::fs::OpenOptions::new().write(true).open(&fifo).ok();
            panic!("journeyboard export blocked on the named pipe");
        }
        std::thread::sleep(Duration::from_millis(50));
        waited += Duration::from_millis(50);
    }
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(
        stderr.contains(&export_warning(
            "picture “pipe.png” is a named pipe, not a picture file, so it is not read; \
             choose a picture file or remove it"
        )),
        "{stderr}"
    );
    assert!(image::open(&out).is_ok(), "the PNG was written");
}

#[test]
fn a_folder_socket_or_oversized_file_is_not_a_picture() {
    let scene = Scene::new();
    let folder = scene.folder();
    std::fs::create_dir(folder.join("frames.png")).unwrap();
    assert_eq!(
        open_error(&folder, "frames.png"),
        "picture “frames.png” is a folder, not a picture file, so it is not read; choose a \
         picture file or remove it"
    );
    let _listener = std::os::unix::net::UnixListener::bind(folder.join("socket.png")).unwrap();
    assert_eq!(
        open_error(&folder, "socket.png"),
        "picture “socket.png” is a socket, not a picture file, so it is not read; choose a \
         picture file or remove it"
    );
    // A sparse file: 70 MiB long, no disk used.
    let big = std::fs::File::create(folder.join("big.png")).unwrap();
    big.set_len(70 * 1024 * 1024).unwrap();
    let expected = "picture “big.png” is 70.0 MiB, over the limit of 64 MiB for pictures, so \
                    it is not read; save it smaller (for example as JPEG) and choose it again";
    assert_eq!(open_error(&folder, "big.png"), expected);
    assert_eq!(
        export_warnings(&folder, "big.png"),
        [export_warning(expected)]
    );
    // Exactly at the limit is allowed through to the decoder (which then says what it is).
    big.set_len(file::MAX_PICTURE_BYTES).unwrap();
    assert!(file::open_picture(Some(&folder), "big.png").is_ok());
    let decoded = file::load_picture(Some(&folder), "big.png").unwrap_err();
    assert!(
        decoded.contains("is not a picture Journeyboard can read"),
        "{decoded}"
    );
    // A missing picture says so, with where it was looked for.
    assert_eq!(
        open_error(&folder, "gone.png"),
        format!(
            "picture {} not found; choose it again or remove it",
            folder.join("gone.png").display()
        )
    );
}

#[test]
fn pictures_over_the_pixel_limit_are_refused_with_the_limit() {
    let scene = Scene::new();
    let folder = scene.folder();
    // A tiny PNG file that claims 20,000 × 1 pixels.
    image::GrayImage::new(20_000, 1)
        .save(folder.join("wide.png"))
        .unwrap();
    let real = folder.canonicalize().unwrap().join("wide.png");
    assert_eq!(
        file::load_picture(Some(&folder), "wide.png").unwrap_err(),
        format!(
            "{} is too large to show: pictures may be at most 12,000 pixels a side and take \
             at most 512 MiB to decode. Choose a smaller picture or remove it",
            real.display()
        )
    );
}

/// The editor on a saved project in `folder` whose one card's picture is `picture`.
fn editor_with_picture(folder: &Path, picture: &str) -> Harness<'static, JourneyboardApp> {
    let path = folder.join("journey.ron");
    file::save(&project_with_picture("Pipe card", picture), &path).unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        folder.join("recovery"),
    );
    app.open_path(&path);
    Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        // Pictures load on a thread of their own: its repaint may arrive during a run and
        // add a few frames (the default allows 4).
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app)
}

/// Runs frames until the inspector has finished loading the picture (or fails after
/// [`HANG`]).
fn wait_for_picture(harness: &mut Harness<'static, JourneyboardApp>) {
    let mut waited = Duration::ZERO;
    while harness.query_by_label("Loading picture…").is_some() {
        assert!(waited < HANG, "the picture never finished loading");
        std::thread::sleep(Duration::from_millis(20));
        waited += Duration::from_millis(20);
        harness.step();
    }
    harness.run();
}

#[test]
fn the_editor_keeps_running_with_a_named_pipe_as_a_picture() {
    let scene = Scene::new();
    let folder = scene.folder();
    let Some(fifo) = scene.fifo("pipe.png") else {
        return;
    };
    // If the UI thread blocks on the pipe, the guard releases it and the test fails.
    let finished = Arc::new(AtomicBool::new(false));
    let released = Arc::new(AtomicBool::new(false));
    let guard = {
        let (finished, released, fifo) = (finished.clone(), released.clone(), fifo.clone());
        std::thread::spawn(move || {
            let mut waited = Duration::ZERO;
            while !finished.load(Ordering::SeqCst) {
                if waited > HANG {
                    released.store(true, Ordering::SeqCst);
                    std::fs::OpenOptions::new().write(true).open(&fifo).ok();
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
                waited += Duration::from_millis(50);
            }
        })
    };
    let mut harness = editor_with_picture(&folder, "pipe.png");
    harness.get_by_label("Touchpoint: Pipe card").click();
    harness.run();
    wait_for_picture(&mut harness);
    assert!(harness.query_by_label("Picture unavailable").is_some());
    assert!(
        harness
            .query_by_label(
                "picture “pipe.png” is a named pipe, not a picture file, so it is not read; \
                 choose a picture file or remove it"
            )
            .is_some()
    );
    // The editor goes on: frames run and edits still work while the card stays selected.
    for _ in 0..20 {
        harness.step();
    }
    harness.get_by_label("Remove picture").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .project()
            .touchpoints()
            .next()
            .unwrap()
            .1
            .picture,
        None
    );
    assert!(harness.state().window_title().starts_with("journey.ron*"));
    // Autosave still writes its recovery copy.
    let recovery = harness.state_mut().autosave_now().unwrap();
    assert!(recovery.is_file());
    finished.store(true, Ordering::SeqCst);
    guard.join().unwrap();
    assert!(
        !released.load(Ordering::SeqCst),
        "the editor blocked on the named pipe"
    );
}

#[test]
fn the_editor_shows_why_a_linked_picture_is_not_read() {
    let scene = Scene::new();
    let folder = scene.folder();
    symlink("/", folder.join("up")).unwrap();
    let mut harness = editor_with_picture(&folder, "up/etc/passwd");
    harness.get_by_label("Touchpoint: Pipe card").click();
    harness.run();
    wait_for_picture(&mut harness);
    assert!(harness.query_by_label("Picture unavailable").is_some());
    assert!(
        harness
            .query_by_label(&format!("picture “up/etc/passwd” {OUTSIDE_BY_LINK}"))
            .is_some()
    );
}
