//! Native file dialogs behind a small trait, so tests never open one; and the typed path
//! the editor asks for when no file dialog can be shown.
//!
//! On Linux, `rfd` shows dialogs through the desktop portal or, failing that, zenity. With
//! neither, it returns at once as if the user had cancelled. [`RfdDialogs`] tells that
//! case apart ([`DialogAnswer::Unavailable`]), so the editor never quietly does nothing
//! when the user asked to save.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No file dialog could be shown on this system.
    Unavailable,
}

impl From<Option<PathBuf>> for DialogAnswer {
    fn from(answer: Option<PathBuf>) -> Self {
        answer.map_or(Self::Cancelled, Self::Chosen)
    }
}

/// The file dialogs the editor needs.
pub trait FileDialogs {
    /// Asks for a project file to open.
    fn open_project(&mut self) -> DialogAnswer;
    /// Asks where to save the project.
    fn save_project(&mut self, suggested_name: &str) -> DialogAnswer;
    /// Asks for a storyboard picture.
    fn pick_picture(&mut self) -> DialogAnswer;
    /// Asks where to write an exported picture (PNG, SVG or PDF).
    fn save_picture(&mut self, format: crate::export::Format, suggested_name: &str)
    -> DialogAnswer;
    /// Asks for a CSV sheet or Mermaid diagram to import.
    fn pick_import(&mut self) -> DialogAnswer;
    /// Asks where to write an exported text file (`kind` like "CSV", `extension` like "csv").
    fn save_text(&mut self, kind: &str, extension: &str, suggested_name: &str) -> DialogAnswer;
}

/// File types the dialogs and typed paths accept.
pub const PROJECT_EXTENSIONS: &[&str] = &["ron", "jbz", "png"];
/// Pictures Journeyboard shows.
pub const PICTURE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "bmp"];
/// Files `import` reads.
pub const IMPORT_EXTENSIONS: &[&str] = &["csv", "mmd", "mermaid", "md"];

/// The platform's dialogs, through `rfd` (desktop portal or zenity on Linux).
pub struct RfdDialogs;

/// A person cannot see a dialog and dismiss it faster than this; a dialog call that
/// returns nothing sooner showed nothing.
const QUICKEST_CANCEL: Duration = Duration::from_millis(1000);

impl RfdDialogs {
    fn ask(show: impl FnOnce() -> Option<PathBuf>) -> DialogAnswer {
        if !dialog_backend_installed(&|name| std::env::var_os(name)) {
            return DialogAnswer::Unavailable;
        }
        let started = Instant::now();
        let answer = show();
        if cfg!(all(unix, not(target_os = "macos"))) {
            // Only there can a backend fail silently (a portal or zenity that cannot start).
            classify(answer, started.elapsed())
        } else {
            answer.map_or(DialogAnswer::Cancelled, DialogAnswer::Chosen)
        }
    }
}

/// Tells a real cancel from a dialog that never appeared (the backend failed at once).
fn classify(answer: Option<PathBuf>, took: Duration) -> DialogAnswer {
    match answer {
        Some(path) => DialogAnswer::Chosen(path),
        None if took < QUICKEST_CANCEL => DialogAnswer::Unavailable,
        None => DialogAnswer::Cancelled,
    }
}

/// True when a dialog backend `rfd` can use seems installed: zenity on `PATH`, or the
/// desktop portal's D-Bus service with a session bus to reach it. `env` reads environment
/// variables (a parameter so tests can set a scene).
#[cfg(all(unix, not(target_os = "macos")))]
fn dialog_backend_installed(env: &dyn Fn(&str) -> Option<OsString>) -> bool {
    let zenity = env("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| is_program(&dir.join("zenity")))
    });
    let bus = env("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || env("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    let portal = data_dirs(env).iter().any(|dir| {
        dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    zenity || (bus && portal)
}

/// Windows and macOS always have their own dialogs.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn dialog_backend_installed(_env: &dyn Fn(&str) -> Option<OsString>) -> bool {
    true
}

#[cfg(all(unix, not(target_os = "macos")))]
fn is_program(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Where D-Bus looks for session services: `XDG_DATA_HOME` and `XDG_DATA_DIRS`, with
/// their standard defaults.
#[cfg(all(unix, not(target_os = "macos")))]
fn data_dirs(env: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let non_empty = |name: &str| env(name).filter(|v| !v.is_empty());
    let mut dirs = Vec::new();
    match non_empty("XDG_DATA_HOME") {
        Some(home) => dirs.push(PathBuf::from(home)),
        None => {
            if let Some(home) = non_empty("HOME") {
                dirs.push(Path::new(&home).join(".local/share"));
            }
        }
    }
    match non_empty("XDG_DATA_DIRS") {
        Some(list) => dirs.extend(std::env::split_paths(&list)),
        None => dirs.extend(["/usr/local/share", "/usr/share"].map(PathBuf::from)),
    }
    dirs
}

impl FileDialogs for RfdDialogs {
    fn open_project(&mut self) -> DialogAnswer {
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title("Open journey")
                .add_filter("Journeyboard project", PROJECT_EXTENSIONS)
                .pick_file()
        })
    }

    fn save_project(&mut self, suggested_name: &str) -> DialogAnswer {
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title("Save journey")
                .add_filter("Journeyboard project", &["ron"])
                .add_filter("Journeyboard bundle (project and pictures)", &["jbz"])
                .set_file_name(suggested_name)
                .save_file()
        })
    }

    fn pick_picture(&mut self) -> DialogAnswer {
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title("Choose a storyboard picture")
                .add_filter("Images", PICTURE_EXTENSIONS)
                .pick_file()
        })
    }

    fn pick_import(&mut self) -> DialogAnswer {
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title("Import touchpoints")
                .add_filter("CSV sheet or Mermaid journey", IMPORT_EXTENSIONS)
                .pick_file()
        })
    }

    fn save_text(&mut self, kind: &str, extension: &str, suggested_name: &str) -> DialogAnswer {
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title(format!("Export {kind}"))
                .add_filter(kind, &[extension])
                .set_file_name(suggested_name)
                .save_file()
        })
    }

    fn save_picture(
        &mut self,
        format: crate::export::Format,
        suggested_name: &str,
    ) -> DialogAnswer {
        let kind = match format {
            crate::export::Format::Png => "PNG image",
            crate::export::Format::Svg => "SVG vector image",
            crate::export::Format::Pdf => "PDF document",
        };
        Self::ask(|| {
            rfd::FileDialog::new()
                .set_title(format!("Export storyboard as {}", format.label()))
                .add_filter(kind, &[format.extension()])
                .set_file_name(suggested_name)
                .save_file()
        })
    }
}

/// Dialogs that answer from a script: each call takes the next queued answer, or
/// cancels when none is queued (or reports no dialog, for [`NoDialogs::unavailable`]).
/// For tests and headless use.
#[derive(Clone, Default)]
pub struct NoDialogs {
    answers: Arc<Mutex<VecDeque<DialogAnswer>>>,
    unavailable: bool,
}

impl NoDialogs {
    /// Dialogs that, with nothing queued, report that no dialog can be shown.
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    /// Queues the answer the next dialog will give (`None`: the user cancels).
    pub fn push_answer(&self, answer: Option<PathBuf>) {
        self.push(answer.into());
    }

    /// Queues any answer, including [`DialogAnswer::Unavailable`].
    pub fn push(&self, answer: DialogAnswer) {
        if let Ok(mut q) = self.answers.lock() {
            q.push_back(answer);
        }
    }

    fn next(&self) -> DialogAnswer {
        let queued = self.answers.lock().ok().and_then(|mut q| q.pop_front());
        queued.unwrap_or(if self.unavailable {
            DialogAnswer::Unavailable
        } else {
            DialogAnswer::Cancelled
        })
    }
}

impl FileDialogs for NoDialogs {
    fn open_project(&mut self) -> DialogAnswer {
        self.next()
    }

    fn save_project(&mut self, _suggested_name: &str) -> DialogAnswer {
        self.next()
    }

    fn pick_picture(&mut self) -> DialogAnswer {
        self.next()
    }

    fn save_picture(
        &mut self,
        _format: crate::export::Format,
        _suggested_name: &str,
    ) -> DialogAnswer {
        self.next()
    }

    fn pick_import(&mut self) -> DialogAnswer {
        self.next()
    }

    fn save_text(&mut self, _kind: &str, _extension: &str, _suggested_name: &str) -> DialogAnswer {
        self.next()
    }
}

/// What a typed path must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathUse {
    /// An existing file with one of these extensions.
    Open(&'static [&'static str]),
    /// A file to write, ending in this extension (added when the name has none), in an
    /// existing folder.
    Save(&'static str),
}

/// What the user is typing into the path window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedPath {
    /// What the path is for, in words ("Save the project", "Export CSV" …).
    pub title: String,
    /// What it must name.
    pub usage: PathUse,
    /// The text in the field.
    pub text: String,
    /// Why the last OK was refused.
    pub problem: Option<String>,
    /// A file the user was warned exists; OK again with the same path replaces it.
    pub replace: Option<PathBuf>,
    /// Relative paths are taken from here (the project's folder).
    pub base: Option<PathBuf>,
    focused: bool,
}

/// What the user did in the path window this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypedPathOutcome {
    /// OK with a path that passed the checks.
    Chosen(PathBuf),
    /// Cancel.
    Cancelled,
}

/// The first line of the path window.
pub const NO_DIALOG_MESSAGE: &str = "No file dialog is available on this system (install \
     xdg-desktop-portal or zenity). Type a path:";

impl TypedPath {
    /// A path window for `title`, the field filled with `suggested`.
    pub fn new(
        title: impl Into<String>,
        usage: PathUse,
        suggested: String,
        base: Option<PathBuf>,
    ) -> Self {
        Self {
            title: title.into(),
            usage,
            text: suggested,
            problem: None,
            replace: None,
            base,
            focused: false,
        }
    }

    /// Draws the window's contents; returns what the user decided, if anything.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<TypedPathOutcome> {
        ui.heading(self.title.as_str());
        let label = ui.label(NO_DIALOG_MESSAGE);
        let field = ui
            .add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if !self.focused {
            field.request_focus();
            self.focused = true;
        }
        if field.changed() {
            self.replace = None;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem.as_str());
        }
        let mut outcome = None;
        ui.horizontal(|ui| {
            let ok = ui.button("OK").clicked();
            if ui.button("Cancel").clicked() {
                outcome = Some(TypedPathOutcome::Cancelled);
            } else if ok || entered {
                outcome = self.confirm().map(TypedPathOutcome::Chosen);
            }
        });
        outcome
    }

    /// Checks the typed path; on a problem, shows it and returns `None`.
    fn confirm(&mut self) -> Option<PathBuf> {
        match check_typed_path(&self.text, self.base.as_deref(), self.usage) {
            Ok(Checked::Ready(path)) => Some(path),
            Ok(Checked::Exists(path)) if self.replace.as_ref() == Some(&path) => Some(path),
            Ok(Checked::Exists(path)) => {
                self.problem = Some(format!(
                    "{} already exists. Press OK again to replace it.",
                    path.display()
                ));
                self.replace = Some(path);
                None
            }
            Err(problem) => {
                self.problem = Some(problem);
                self.replace = None;
                None
            }
        }
    }
}

/// A typed path that passed the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checked {
    /// Use it.
    Ready(PathBuf),
    /// A file to write that already exists: ask before replacing it.
    Exists(PathBuf),
}

/// Checks a typed path for `usage`: `~/` is the home folder, a relative path is taken from
/// `base` (the project's folder); a file to open must exist and be a file of a listed type;
/// a file to write needs an existing folder, gets `usage`'s extension when it has none, and
/// must not be a folder.
pub fn check_typed_path(
    text: &str,
    base: Option<&Path>,
    usage: PathUse,
) -> Result<Checked, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type the path of a file.".to_owned());
    }
    let path = full_path(text, base)?;
    match usage {
        PathUse::Open(extensions) => check_to_open(path, extensions),
        PathUse::Save(wanted) => check_to_save(path, text.ends_with('/'), wanted),
    }
}

/// The full path a (trimmed, non-empty) typed text names: `~/` is the home folder, and a
/// relative path is taken from `base`, without which it is refused.
fn full_path(text: &str, base: Option<&Path>) -> Result<PathBuf, String> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let path = match (text.strip_prefix("~/"), &home) {
        (Some(rest), Some(home)) => Path::new(home).join(rest),
        _ => PathBuf::from(text),
    };
    if !path.is_relative() {
        return Ok(path);
    }
    match base {
        Some(base) => Ok(base.join(path)),
        None => Err(format!(
            "“{text}” is not a full path; type one starting with / or ~/."
        )),
    }
}

/// The extension of a path, lowercase.
fn lowercase_extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// A file to open: it must exist, be a regular file, and end in one of `extensions`.
fn check_to_open(path: PathBuf, extensions: &[&str]) -> Result<Checked, String> {
    let shown = path.display().to_string();
    let meta =
        std::fs::metadata(&path).map_err(|_| format!("{shown} does not exist; check the path."))?;
    if meta.is_dir() {
        return Err(format!(
            "{shown} is a folder; type the path of a file inside it."
        ));
    }
    if !meta.is_file() {
        return Err(format!("{shown} is not a regular file."));
    }
    if !lowercase_extension(&path).is_some_and(|e| extensions.contains(&e.as_str())) {
        let list = extensions
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!(
            "{shown} is not a file Journeyboard opens here; type a path ending in {list}."
        ));
    }
    Ok(Checked::Ready(path))
}

/// A file to write (`ends_in_slash` when the typed text did): not a folder, ending in
/// `wanted` (added when it has no extension), in an existing folder; an existing file is
/// [`Checked::Exists`].
fn check_to_save(mut path: PathBuf, ends_in_slash: bool, wanted: &str) -> Result<Checked, String> {
    let shown = path.display().to_string();
    if ends_in_slash || path.is_dir() {
        return Err(format!(
            "{shown} is a folder; add a file name, like {}.",
            path.join(format!("journey.{wanted}")).display()
        ));
    }
    match lowercase_extension(&path) {
        None => {
            path.set_extension(wanted);
        }
        Some(e) if e == wanted => {}
        // A project may also be saved as a bundle.
        Some(e) if wanted == crate::file::EXTENSION && e == crate::file::BUNDLE_EXTENSION => {}
        Some(_) => {
            return Err(format!(
                "{shown} does not end in .{wanted}; type a name ending in .{wanted}."
            ));
        }
    }
    let shown = path.display().to_string();
    let folder = path.parent().unwrap_or_else(|| Path::new("/"));
    if !folder.is_dir() {
        return Err(format!(
            "the folder {} does not exist; create it first or type another path.",
            folder.display()
        ));
    }
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => Ok(Checked::Exists(path)),
        Ok(_) => Err(format!("{shown} exists and is not a regular file.")),
        Err(_) => Ok(Checked::Ready(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_returns_nothing_at_once_showed_nothing() {
        assert_eq!(
            classify(None, Duration::from_millis(5)),
            DialogAnswer::Unavailable
        );
        assert_eq!(
            classify(None, Duration::from_secs(3)),
            DialogAnswer::Cancelled
        );
        assert_eq!(
            classify(Some("/a.ron".into()), Duration::from_millis(1)),
            DialogAnswer::Chosen("/a.ron".into())
        );
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn a_backend_is_found_from_zenity_or_the_portal() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        let share = dir.path().join("share");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(share.join("dbus-1/services")).unwrap();
        let scene = |vars: Vec<(&'static str, OsString)>| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            }
        };
        let empty_data = ("XDG_DATA_DIRS", share.clone().into_os_string());
        let empty_home = ("XDG_DATA_HOME", share.clone().into_os_string());
        let path = ("PATH", bin.clone().into_os_string());
        // Nothing installed.
        let nothing = scene(vec![path.clone(), empty_data.clone(), empty_home.clone()]);
        assert!(!dialog_backend_installed(&nothing));
        // zenity on PATH (executable).
        let zenity = bin.join("zenity");
        std::fs::write(&zenity, "#!/bin/sh\n").unwrap();
        assert!(!dialog_backend_installed(&nothing), "not executable yet");
        std::fs::set_permissions(&zenity, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(dialog_backend_installed(&nothing));
        std::fs::remove_file(&zenity).unwrap();
        // The portal service, but no session bus to reach it.
        std::fs::write(
            share.join("dbus-1/services/org.freedesktop.portal.Desktop.service"),
            "[D-BUS Service]\n",
        )
        .unwrap();
        assert!(!dialog_backend_installed(&nothing));
        let with_bus = scene(vec![
            path,
            empty_data,
            empty_home,
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/bus".into()),
        ]);
        assert!(dialog_backend_installed(&with_bus));
    }

    /// A temporary folder holding a project file `a.ron`.
    fn folder_with_project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("a.ron");
        std::fs::write(&project, "x").unwrap();
        (dir, project)
    }

    /// A path as the user would type it.
    fn show(p: &Path) -> String {
        p.display().to_string()
    }

    #[test]
    fn typed_paths_to_save_get_the_extension_and_ask_before_replacing() {
        let (dir, project) = folder_with_project();
        let d = dir.path();
        let save = PathUse::Save("ron");
        assert_eq!(
            check_typed_path(&show(&d.join("new")), None, save),
            Ok(Checked::Ready(d.join("new.ron")))
        );
        assert_eq!(
            check_typed_path(&show(&project), None, save),
            Ok(Checked::Exists(project.clone()))
        );
        assert_eq!(
            check_typed_path("b.ron", Some(d), save),
            Ok(Checked::Ready(d.join("b.ron")))
        );
        assert_eq!(
            check_typed_path(&show(d), None, save),
            Err(format!(
                "{} is a folder; add a file name, like {}.",
                show(d),
                show(&d.join("journey.ron"))
            ))
        );
        assert_eq!(
            check_typed_path(&show(&d.join("missing/x.ron")), None, save),
            Err(format!(
                "the folder {} does not exist; create it first or type another path.",
                show(&d.join("missing"))
            ))
        );
        assert_eq!(
            check_typed_path(&show(&d.join("x.csv")), None, save),
            Err(format!(
                "{} does not end in .ron; type a name ending in .ron.",
                show(&d.join("x.csv"))
            ))
        );
        assert_eq!(
            check_typed_path("  ", None, save),
            Err("Type the path of a file.".to_owned())
        );
        assert_eq!(
            check_typed_path("x.ron", None, save),
            Err("“x.ron” is not a full path; type one starting with / or ~/.".to_owned())
        );
    }

    #[test]
    fn typed_paths_to_open_must_be_existing_files_of_a_type_opened_here() {
        let (dir, project) = folder_with_project();
        let d = dir.path();
        let open = PathUse::Open(PROJECT_EXTENSIONS);
        assert_eq!(
            check_typed_path(&show(&project), None, open),
            Ok(Checked::Ready(project.clone()))
        );
        assert_eq!(
            check_typed_path(&show(&d.join("nope.ron")), None, open),
            Err(format!(
                "{} does not exist; check the path.",
                show(&d.join("nope.ron"))
            ))
        );
        assert_eq!(
            check_typed_path(&show(d), None, open),
            Err(format!(
                "{} is a folder; type the path of a file inside it.",
                show(d)
            ))
        );
        let sheet = d.join("s.csv");
        std::fs::write(&sheet, "x").unwrap();
        assert_eq!(
            check_typed_path(&show(&sheet), None, open),
            Err(format!(
                "{} is not a file Journeyboard opens here; type a path ending in .ron, .jbz, .png.",
                show(&sheet)
            ))
        );
    }
}
