//! Files from the editor: open, save, import and export, the file dialogs (or a typed
//! path when none can be shown), and asking Save / Discard / Cancel before unsaved
//! changes would be lost.

use std::path::{Path, PathBuf};

use super::dialogs::{self, DialogAnswer};
use super::export_dialog::ExportRequest;
use super::modals::Modal;
use super::{ExportKind, JourneyboardApp};
use crate::export::scope::Scope;
use crate::file;
use crate::model::TouchpointId;
use crate::session::Opened;

/// Something that would discard unsaved changes, waiting for Save / Discard / Cancel.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Pending {
    New,
    Open(PathBuf),
    Import(PathBuf),
    Quit,
}

/// What a file dialog was asked for, to carry on once the user has typed a path instead.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PathPurpose {
    /// Save the project there, then run what was waiting for the save.
    Save {
        then: Option<Pending>,
    },
    /// Save the project and its pictures there as one bundle.
    SaveBundle,
    Open,
    Import,
    /// Export what the dialog asked for (a picture, or CSV or Mermaid of a part).
    Export(Box<ExportRequest>),
    ExportText {
        mermaid: bool,
    },
    Picture(TouchpointId),
}

impl PathPurpose {
    pub(super) fn title(&self) -> &'static str {
        match self {
            Self::Save { .. } => "Save the project",
            Self::SaveBundle => "Save the project and its pictures as a bundle",
            Self::Open => "Open a project",
            Self::Import => "Import a CSV sheet or Mermaid journey",
            Self::Export(request) => match (request.kind, request.format) {
                (ExportKind::Csv, _) => "Export CSV",
                (ExportKind::Mermaid, _) => "Export Mermaid",
                (ExportKind::Picture, crate::export::Format::Png) => "Export PNG",
                (ExportKind::Picture, crate::export::Format::Svg) => "Export SVG",
                (ExportKind::Picture, crate::export::Format::Pdf) => "Export PDF",
            },
            Self::ExportText { mermaid: true } => "Export Mermaid",
            Self::ExportText { mermaid: false } => "Export CSV",
            Self::Picture(_) => "Choose a storyboard picture",
        }
    }

    pub(super) fn usage(&self) -> dialogs::PathUse {
        use dialogs::PathUse;
        match self {
            Self::Save { .. } => PathUse::Save(file::EXTENSION),
            Self::SaveBundle => PathUse::Save(file::BUNDLE_EXTENSION),
            Self::Open => PathUse::Open(dialogs::PROJECT_EXTENSIONS),
            Self::Import => PathUse::Open(dialogs::IMPORT_EXTENSIONS),
            Self::Export(request) => PathUse::Save(request.extension()),
            Self::ExportText { mermaid: true } => PathUse::Save("mmd"),
            Self::ExportText { mermaid: false } => PathUse::Save("csv"),
            Self::Picture(_) => PathUse::Open(dialogs::PICTURE_EXTENSIONS),
        }
    }

    /// What the status bar says when the user gives up on the path.
    pub(super) fn cancelled(&self) -> &'static str {
        match self {
            Self::Save { .. } | Self::SaveBundle => {
                "Not saved: no file was chosen. Your changes are still open here, unsaved."
            }
            Self::Open => "Nothing opened: no file was chosen.",
            Self::Import => "Nothing imported: no file was chosen.",
            Self::Export(_) | Self::ExportText { .. } => "Not exported: no file was chosen.",
            Self::Picture(_) => "Picture unchanged: no file was chosen.",
        }
    }
}

impl JourneyboardApp {
    /// Opens a file in place of the current project (without asking about unsaved
    /// changes: callers do). A file that fails to load shows its error and keeps the
    /// current project.
    pub fn open_path(&mut self, path: &Path) {
        match self.session.open(path) {
            Ok(opened) => {
                self.after_document_change();
                let mut status = match opened {
                    // The project came out of an exported picture: saving must not write
                    // RON over the PNG, so it starts as a new, unsaved project.
                    Opened::FromPicture => format!(
                        "Opened the project inside {}; Save writes it as a .ron project",
                        path.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    ),
                    Opened::Project => format!("Opened {}", self.session.display_name()),
                };
                if let Some(notice) = crate::fonts::font_notice(self.session.project()) {
                    status.push_str(&format!(" · {notice}"));
                }
                self.status = Some(status);
                self.settings.remember_recent(path);
                self.offer_recovery();
            }
            Err(err) => {
                self.modal = Some(Modal::Error {
                    title: "Could not open the file".to_owned(),
                    message: format!("{err}\n\nThe project you had open is unchanged."),
                });
            }
        }
    }

    /// Saves to the current file, or asks for one. Returns true if saved.
    pub fn save(&mut self) -> bool {
        self.save_then(None)
    }

    /// Saves; when a path must be typed first, `then` runs after that save.
    pub(super) fn save_then(&mut self, then: Option<Pending>) -> bool {
        match self.session.path().map(Path::to_path_buf) {
            Some(path) => self.save_to(&path),
            None => self.save_as_then(then),
        }
    }

    /// Asks for a file and saves there. Returns true if saved.
    pub fn save_as(&mut self) -> bool {
        self.save_as_then(None)
    }

    /// Asks for a file and saves the project and its pictures there as one bundle
    /// (`.jbz`, added to a name without it). Returns true if saved.
    pub fn save_bundle(&mut self) -> bool {
        self.commit_drafts();
        let suggested = self.suggested_name(file::BUNDLE_EXTENSION);
        let answer = self.dialogs.save_project(&suggested);
        let Some(chosen) = self.chosen(answer, PathPurpose::SaveBundle) else {
            return false;
        };
        let path = bundle_name(&chosen);
        // The dialog asked about replacing the name chosen, not this one.
        if path != chosen && path.exists() {
            self.modal = Some(Modal::Error {
                title: "Could not save".to_owned(),
                message: format!(
                    "{} already exists. Choose it by that name to replace it, or another \
                     name.\n\nYour changes are still open here, unsaved.",
                    path.display()
                ),
            });
            return false;
        }
        self.save_to(&path)
    }

    pub(super) fn save_as_then(&mut self, then: Option<Pending>) -> bool {
        // A title still being typed names the file too.
        self.commit_drafts();
        // A bundle is saved as a bundle again.
        let extension = match self.session.path() {
            Some(path) if file::is_bundle(path) => file::BUNDLE_EXTENSION,
            _ => file::EXTENSION,
        };
        let suggested = self.suggested_name(extension);
        let answer = self.dialogs.save_project(&suggested);
        match self.chosen(answer, PathPurpose::Save { then }) {
            Some(path) => self.save_to(&path),
            None => false,
        }
    }

    /// The file name offered for the project's exports and saves.
    /// A saved project's own name; a new one's journey title, made safe as a file name.
    pub(super) fn suggested_name(&self, extension: &str) -> String {
        let stem = match self.session.path().and_then(|p| p.file_stem()) {
            Some(stem) => stem.to_string_lossy().into_owned(),
            None => file_stem_from_title(&self.session.project().title),
        };
        format!("{stem}.{extension}")
    }

    /// The chosen path of a dialog's answer. A cancel says so in the status bar; when no
    /// dialog could be shown, asks for a typed path and carries on with `purpose` later.
    pub(super) fn chosen(&mut self, answer: DialogAnswer, purpose: PathPurpose) -> Option<PathBuf> {
        match answer {
            DialogAnswer::Chosen(path) => Some(path),
            DialogAnswer::Cancelled => {
                self.status = Some(purpose.cancelled().to_owned());
                None
            }
            DialogAnswer::Unavailable => {
                self.ask_for_path(purpose);
                None
            }
        }
    }

    /// Opens the window where the user types a path (no file dialog is available).
    pub(super) fn ask_for_path(&mut self, purpose: PathPurpose) {
        let folder = self.session.file_folder().map(Path::to_path_buf);
        let start = folder.clone().or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from)
        });
        let suggested = match (&purpose, &start) {
            (PathPurpose::Save { .. }, Some(dir)) => dir
                .join(self.suggested_name(file::EXTENSION))
                .display()
                .to_string(),
            (PathPurpose::SaveBundle, Some(dir)) => dir
                .join(self.suggested_name(file::BUNDLE_EXTENSION))
                .display()
                .to_string(),
            (PathPurpose::Export(request), Some(dir)) => dir
                .join(self.suggested_name(request.extension()))
                .display()
                .to_string(),
            (PathPurpose::ExportText { mermaid }, Some(dir)) => dir
                .join(self.suggested_name(if *mermaid { "mmd" } else { "csv" }))
                .display()
                .to_string(),
            (_, Some(dir)) => format!("{}/", dir.display()),
            (_, None) => String::new(),
        };
        let typed = dialogs::TypedPath::new(purpose.title(), purpose.usage(), suggested, folder);
        self.modal = Some(Modal::TypePath { purpose, typed });
    }

    /// Carries on with what a dialog was for, now that the user typed `path`.
    pub(super) fn finish_typed_path(
        &mut self,
        purpose: PathPurpose,
        path: &Path,
        ctx: &egui::Context,
    ) {
        match purpose {
            PathPurpose::Save { then } => {
                if self.save_to(path)
                    && let Some(pending) = then
                {
                    self.run_pending(pending, ctx);
                }
            }
            PathPurpose::SaveBundle => {
                self.save_to(&bundle_name(path));
            }
            PathPurpose::Open => self.request(Pending::Open(path.to_owned()), ctx),
            PathPurpose::Import => self.request(Pending::Import(path.to_owned()), ctx),
            PathPurpose::Export(request) => self.export_to(&request, path),
            PathPurpose::ExportText { mermaid } => self.export_text_to(mermaid, path),
            PathPurpose::Picture(id) => self.set_picture(id, path),
        }
    }

    /// Saves to `path`; on failure shows the error and keeps the unsaved state.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.commit_drafts();
        match self.session.save_to(path) {
            Ok(()) => {
                self.settings.remember_recent(path);
                self.status = Some(format!("Saved {}", path.display()));
                true
            }
            Err(err) => {
                self.modal = Some(Modal::Error {
                    title: "Could not save".to_owned(),
                    message: format!("{err}\n\nYour changes are still open here, unsaved."),
                });
                false
            }
        }
    }

    /// Runs `pending` now, or asks Save / Discard / Cancel first if there are unsaved
    /// changes.
    pub(super) fn request(&mut self, pending: Pending, ctx: &egui::Context) {
        self.commit_drafts();
        if self.session.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.run_pending(pending, ctx);
        }
    }

    pub(super) fn run_pending(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => {
                self.session.new_project();
                self.after_document_change();
            }
            Pending::Open(path) => self.open_path(&path),
            Pending::Import(path) => self.import_path(&path),
            Pending::Quit => {
                self.session.discard_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn open_dialog(&mut self, ctx: &egui::Context) {
        self.commit_drafts();
        let answer = self.dialogs.open_project();
        if let Some(path) = self.chosen(answer, PathPurpose::Open) {
            self.request(Pending::Open(path), ctx);
        }
    }

    /// Imports a CSV sheet or Mermaid diagram as a new, unsaved project (without asking
    /// about unsaved changes: callers do). Errors keep the current project.
    pub fn import_path(&mut self, path: &Path) {
        match self.session.import(path) {
            Ok(warnings) => {
                self.after_document_change();
                let mut status = format!(
                    "Imported {}; save it as a .ron project",
                    self.session.project().title
                );
                if let Some(w) = warnings.first() {
                    status.push_str(&format!(" · {w}"));
                }
                if let Some(notice) = crate::fonts::font_notice(self.session.project()) {
                    status.push_str(&format!(" · {notice}"));
                }
                self.status = Some(status);
            }
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "Could not import".to_owned(),
                    message: format!(
                        "{message}\n\nNothing was imported; the project you had open is unchanged."
                    ),
                });
            }
        }
    }

    /// Asks where to write the touchpoints as CSV (or the journey as Mermaid) and does.
    pub fn export_text(&mut self, mermaid: bool) {
        self.commit_drafts();
        let (kind, ext) = if mermaid {
            ("Mermaid journey", "mmd")
        } else {
            ("CSV", "csv")
        };
        let answer = self.dialogs.save_text(kind, ext, &self.suggested_name(ext));
        if let Some(path) = self.chosen(answer, PathPurpose::ExportText { mermaid }) {
            self.export_text_to(mermaid, &path);
        }
    }

    /// Refuses (with a message) to export over a project file: the open one, or any other,
    /// as the command line does without `--force`. True if the export may go ahead.
    fn export_may_write(&mut self, path: &Path) -> bool {
        let open_project = self
            .session
            .path()
            .is_some_and(|open| file::same_file(open, path));
        let message = if open_project {
            format!(
                "{} is the project you are editing. The export was not written there, so the \
                 project is not lost; choose another name",
                path.display()
            )
        } else if file::holds_project(path) {
            format!(
                "{} is a Journeyboard project. The export was not written there, so that \
                 project is not lost; choose another name",
                path.display()
            )
        } else {
            return true;
        };
        self.modal = Some(Modal::Error {
            title: "Not exported".to_owned(),
            message,
        });
        false
    }

    /// Writes the touchpoints as CSV (or the journey as Mermaid) to `path`.
    fn export_text_to(&mut self, mermaid: bool, path: &Path) {
        self.export_part_as_text(mermaid, &Scope::All, path);
    }

    /// Writes a part of the journey as CSV or Mermaid to `path`.
    fn export_part_as_text(&mut self, mermaid: bool, scope: &Scope, path: &Path) {
        if !self.export_may_write(path) {
            return;
        }
        let project = match crate::export::scope::scoped(self.session.project(), scope) {
            Ok(project) => project,
            Err(e) => {
                self.modal = Some(part_refused(&e));
                return;
            }
        };
        let text = if mermaid {
            crate::interchange::mermaid::to_mermaid(&project)
        } else {
            crate::interchange::csv_sheet::to_csv(&project)
        };
        match file::write_atomic(path, text.as_bytes()) {
            Ok(()) => self.status = Some(format!("Exported {}", path.display())),
            Err(err) => {
                self.modal = Some(Modal::Error {
                    title: "Could not export".to_owned(),
                    message: err.to_string(),
                });
            }
        }
    }

    /// Asks where to write what the export dialog asked for, and writes it there.
    pub(super) fn export_request(&mut self, request: &ExportRequest) {
        self.commit_drafts();
        let name = self.suggested_name(request.extension());
        let answer = match request.kind {
            ExportKind::Picture => self.dialogs.save_picture(request.format, &name),
            ExportKind::Csv => self.dialogs.save_text("CSV", "csv", &name),
            ExportKind::Mermaid => self.dialogs.save_text("Mermaid journey", "mmd", &name),
        };
        let purpose = PathPurpose::Export(Box::new(request.clone()));
        if let Some(path) = self.chosen(answer, purpose) {
            self.export_to(request, &path);
        }
    }

    /// Writes what the export dialog asked for to `path`.
    fn export_to(&mut self, request: &ExportRequest, path: &Path) {
        match request.kind {
            ExportKind::Csv => self.export_part_as_text(false, &request.scope, path),
            ExportKind::Mermaid => self.export_part_as_text(true, &request.scope, path),
            ExportKind::Picture => self.export_picture_to(request, path),
        }
    }

    /// Exports the storyboard, or the part asked for, as a picture to `path`.
    fn export_picture_to(&mut self, request: &ExportRequest, path: &Path) {
        if !self.export_may_write(path) {
            return;
        }
        let (options, page) = (request.options, request.page);
        // A name that says which picture it is wins over the choice in the dialog.
        let format = crate::export::Format::from_path(path).unwrap_or(request.format);
        let folder = self.session.folder();
        let project = match crate::export::scope::scoped(self.session.project(), &request.scope) {
            Ok(project) => project,
            Err(e) => {
                self.modal = Some(part_refused(&e));
                return;
            }
        };
        let project = &*project;
        let result = match page {
            Some(size) => crate::export::write_pages(project, options, folder, format, size, path)
                .map(|pages| (format!("Exported {}", pages.describe()), pages.outcome)),
            None => {
                let destination = file::Destination::Path(path.to_owned());
                crate::export::write(project, options, folder, format, &destination).map(
                    |outcome| {
                        let size = outcome.size * outcome.scale;
                        let unit = if format == crate::export::Format::Png {
                            "pixels"
                        } else {
                            "points"
                        };
                        let done = format!(
                            "Exported {} ({:.0} × {:.0} {unit})",
                            path.display(),
                            size.x.ceil().max(1.0),
                            size.y.ceil().max(1.0)
                        );
                        (done, outcome)
                    },
                )
            }
        };
        match result {
            Ok((mut status, outcome)) => {
                // The first two; a picture folder gone missing gives one per card.
                for warning in outcome.warnings.iter().take(2) {
                    status.push_str(&format!(" · warning: {warning}"));
                }
                if outcome.warnings.len() > 2 {
                    status.push_str(&format!(
                        " · and {} more warnings (the command line lists them all)",
                        outcome.warnings.len() - 2
                    ));
                }
                self.status = Some(status);
            }
            Err(err) => {
                self.modal = Some(Modal::Error {
                    title: "Could not export".to_owned(),
                    message: err.to_string(),
                });
            }
        }
    }

    /// Asks for a picture file for a touchpoint and makes it its picture.
    pub(super) fn choose_picture(&mut self, id: TouchpointId) {
        let answer = self.dialogs.pick_picture();
        if let Some(path) = self.chosen(answer, PathPurpose::Picture(id)) {
            self.set_picture(id, &path);
        }
    }

    /// Makes `chosen` the touchpoint's picture (copied into the project folder if it is
    /// elsewhere); a picture that cannot be used is refused with the reason.
    fn set_picture(&mut self, id: TouchpointId, chosen: &Path) {
        let Some((folder, dir)) = self.where_pictures_go() else {
            return;
        };
        match file::store_picture(&folder, &dir, chosen) {
            Ok(stored) => {
                // A new file at a path seen before must be decoded again.
                self.pictures.forget_stored(Some(&folder), &stored);
                if let Some(t) = self.session.project().touchpoint(id)
                    && t.picture.as_deref() != Some(stored.as_str())
                {
                    let mut changed = t.clone();
                    changed.picture = Some(stored);
                    let label = format!("Edit picture of “{}”", t.title);
                    self.apply(
                        crate::edit::Command::SetTouchpoint(id, Box::new(changed)),
                        &label,
                    );
                }
            }
            Err(message) => self.status = Some(message),
        }
    }
}

/// A file name stem from a journey title: characters that some systems refuse in names
/// (`/ \ : * ? " < > |` and control characters) become spaces, runs of spaces one, at most
/// 80 characters; "Untitled" when nothing is left.
pub(super) fn file_stem_from_title(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut stem = String::new();
    for word in words {
        if stem.chars().count() + word.chars().count() + 1 > 80 {
            break;
        }
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(word);
    }
    // A name of only dots would mean the folder itself, or its parent.
    let stem = stem.trim_matches('.').trim().to_owned();
    if stem.is_empty() {
        "Untitled".to_owned()
    } else {
        stem
    }
}

/// `path` named as a bundle: `.ron` becomes `.jbz`, another name gets `.jbz` added.
fn bundle_name(path: &Path) -> PathBuf {
    if file::is_bundle(path) {
        return path.to_path_buf();
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(file::EXTENSION))
    {
        return path.with_extension(file::BUNDLE_EXTENSION);
    }
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".{}", file::BUNDLE_EXTENSION));
    path.with_file_name(name)
}

/// The dialog saying a part of the journey could not be exported, and why.
fn part_refused(error: &crate::export::scope::ScopeError) -> Modal {
    Modal::Error {
        title: "Not exported".to_owned(),
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem_from_title;

    #[test]
    fn a_title_becomes_a_file_name_any_system_accepts() {
        assert_eq!(
            file_stem_from_title("Opening a current account"),
            "Opening a current account"
        );
        assert_eq!(
            file_stem_from_title("Q3: cancel / refund?"),
            "Q3 cancel refund"
        );
        assert_eq!(file_stem_from_title("   "), "Untitled");
        assert_eq!(file_stem_from_title(".."), "Untitled");
        assert_eq!(file_stem_from_title("a\nb\tc"), "a b c");
        let long = "word ".repeat(40);
        let stem = file_stem_from_title(&long);
        assert!(
            stem.chars().count() <= 80 && stem.ends_with("word"),
            "{stem}"
        );
        assert_eq!(file_stem_from_title("東京の旅"), "東京の旅");
    }

    #[test]
    fn a_bundle_is_named_jbz() {
        use std::path::Path;
        assert_eq!(
            super::bundle_name(Path::new("/a/x.jbz")),
            Path::new("/a/x.jbz")
        );
        assert_eq!(
            super::bundle_name(Path::new("/a/x.RON")),
            Path::new("/a/x.jbz")
        );
        assert_eq!(
            super::bundle_name(Path::new("/a/Q3 v1.2")),
            Path::new("/a/Q3 v1.2.jbz")
        );
    }
}
