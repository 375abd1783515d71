//! The open document without a window: the project, its file, the undo history, the
//! selection and the autosave state. Every change to the project goes through here as an
//! [`edit::Command`](crate::edit::Command); the editor (and tests) ask it what can be
//! undone, whether there are unsaved changes and what is selected.

mod autosave;
pub mod clipboard;
mod selection;

use std::path::{Path, PathBuf};

use crate::edit::{Command, EditError, History};
use crate::file;
use crate::model::{Project, TouchpointId};

pub use selection::Selection;

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// How far pasted and duplicated touchpoints are shifted from their originals, in board
/// units, so they do not hide them.
const PASTE_OFFSET: f32 = 24.0;

/// The document being edited, with everything about it that is not drawing.
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    selection: Selection,
    autosave: autosave::Autosave,
    /// Counts the documents this session has held, so views can forget what they knew
    /// about the previous one.
    generation: u64,
    /// Where the document's pictures are read from.
    pictures: PictureFolder,
}

/// Where a document's pictures are read from.
#[derive(Debug, Default)]
enum PictureFolder {
    /// Beside its file (or nowhere, before the first save).
    #[default]
    Beside,
    /// The private folder a bundle's pictures were unpacked into.
    Bundle(file::BundleFolder),
    /// The folder where they were before the document was saved as a bundle.
    Kept(PathBuf),
    /// Pictures added before the project had a file: held in a private folder (under
    /// [`HELD_PICTURES`]) until the first save moves them beside it.
    Held(tempfile::TempDir),
    /// Held pictures after the first save went to a bundle: the private folder now holds
    /// them at the paths the project names, like [`PictureFolder::Kept`].
    Moved(tempfile::TempDir),
}

/// Where pictures added before the first save are held, inside the private folder; the
/// first save moves them to `<project>.pictures/` beside the file and changes their paths
/// in the project and its history.
pub const HELD_PICTURES: &str = "untitled.pictures";

/// What [`Session::open`] found in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// A project file: it is now the document, saved to that file.
    Project,
    /// An exported PNG carrying a project: the document is new and unsaved, so a save
    /// never writes a project over the picture.
    FromPicture,
}

impl Session {
    /// A session on a new, untitled project. `recovery_dir` holds autosaves of projects
    /// that have no file yet.
    pub fn new(recovery_dir: PathBuf) -> Self {
        Self {
            project: Project::new("Untitled journey"),
            path: None,
            history: History::new_saved(),
            selection: Selection::default(),
            autosave: autosave::Autosave::new(recovery_dir),
            generation: 0,
            pictures: PictureFolder::Beside,
        }
    }

    /// The project being edited.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The file the project is saved in, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder pictures are read relative to: the project file's, or for a bundle the
    /// private folder its pictures were unpacked into.
    pub fn folder(&self) -> Option<&Path> {
        match &self.pictures {
            PictureFolder::Beside => self.file_folder(),
            PictureFolder::Bundle(bundle) => Some(bundle.path()),
            PictureFolder::Kept(folder) => Some(folder),
            PictureFolder::Held(held) | PictureFolder::Moved(held) => Some(held.path()),
        }
    }

    /// The folder (relative to [`Self::folder`]) where pictures added now are stored:
    /// `<project>.pictures`, or before the first save the held pictures' folder.
    pub fn pictures_dir(&self) -> String {
        match (&self.pictures, &self.path) {
            (PictureFolder::Held(_), _) | (_, None) => HELD_PICTURES.to_owned(),
            (_, Some(path)) => file::pictures_dir_for(path),
        }
    }

    /// The folder to add pictures to: [`Self::folder`], or before the first save a
    /// private folder that holds them until then.
    pub fn folder_for_new_pictures(&mut self) -> Result<PathBuf, String> {
        if let Some(folder) = self.folder() {
            return Ok(file::in_folder(folder).to_path_buf());
        }
        let held = tempfile::Builder::new()
            .prefix("journeyboard-pictures-")
            .tempdir()
            .map_err(|e| {
                format!(
                    "could not make a folder to hold pictures until the first save: {}; \
                     save the project first",
                    file::io_reason(&e)
                )
            })?;
        let path = held.path().to_path_buf();
        self.pictures = PictureFolder::Held(held);
        Ok(path)
    }

    /// The folder of the project's file (or bundle), where dialogs start.
    pub fn file_folder(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The file name shown in the title bar ("Untitled" before the first save).
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: file name, unsaved marker, app name.
    pub fn window_title(&self) -> String {
        let dirty = if self.is_dirty() { "*" } else { "" };
        format!("{}{dirty} — Journeyboard", self.display_name())
    }

    /// True when the project differs from its file (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The Edit menu's label for Undo, if there is a step to undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// The Edit menu's label for Redo, if there is a step to redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Changes whenever the project may have changed (an edit, undo, redo or another
    /// document), so what is computed from the project can be cached against it.
    pub fn revision(&self) -> (u64, u64) {
        (self.generation, self.history.state())
    }

    /// Changes when the session holds another document (new, open, import, restore).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What is selected on the board.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Applies a command as one undoable step. On failure the project is unchanged and the
    /// error says why.
    pub fn apply(&mut self, command: Command, label: impl Into<String>) -> Result<(), EditError> {
        let result = self.history.apply(&mut self.project, command, label);
        self.prune_selection();
        result
    }

    /// Undoes the last step: `Ok(false)` if there is none. If it cannot be undone, the
    /// step is kept, the project is unchanged, and the message says why in the user's words.
    pub fn undo(&mut self) -> Result<bool, String> {
        let label = self.history.undo_label().map(str::to_owned);
        self.replay("undo", label, History::undo)
    }

    /// Redoes the last undone step, as [`Self::undo`] does.
    pub fn redo(&mut self) -> Result<bool, String> {
        let label = self.history.redo_label().map(str::to_owned);
        self.replay("redo", label, History::redo)
    }

    /// Undo or redo (`step`), with the reason in the user's words when it cannot be done.
    fn replay(
        &mut self,
        verb: &str,
        label: Option<String>,
        step: fn(&mut History, &mut Project) -> Result<bool, EditError>,
    ) -> Result<bool, String> {
        let result = step(&mut self.history, &mut self.project).map_err(|err| {
            format!(
                "Could not {verb} “{}”: {err}. The step is kept and the project unchanged.",
                label.unwrap_or_default()
            )
        });
        self.prune_selection();
        result
    }

    /// Selects what `selection` names, leaving out what the project does not hold.
    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
        self.prune_selection();
    }

    /// Selects every touchpoint.
    pub fn select_all(&mut self) {
        self.selection = Selection {
            touchpoints: self.project.touchpoints().map(|(id, _)| id).collect(),
            link: None,
        };
    }

    fn prune_selection(&mut self) {
        let project = &self.project;
        self.selection
            .touchpoints
            .retain(|id| project.touchpoint(*id).is_some());
        if self
            .selection
            .link
            .is_some_and(|l| project.link(l).is_none())
        {
            self.selection.link = None;
        }
    }

    /// The title of a touchpoint, or "" if there is none with that id.
    pub fn title_of(&self, id: TouchpointId) -> &str {
        self.project.touchpoint(id).map_or("", |t| t.title.as_str())
    }

    /// Deletes the selected touchpoints (with their links) or the selected link as one
    /// step. `Ok(false)` when nothing is selected.
    pub fn delete_selection(&mut self) -> Result<bool, EditError> {
        let mut touchpoints: Vec<_> = self.selection.touchpoints.iter().copied().collect();
        touchpoints.sort_unstable();
        let links: Vec<_> = self.selection.link.into_iter().collect();
        let label = match (touchpoints.as_slice(), links.len()) {
            ([], 0) => return Ok(false),
            ([], _) => "Delete link".to_owned(),
            ([one], _) => format!("Delete “{}”", self.title_of(*one)),
            (many, _) => format!("Delete {} touchpoints", many.len()),
        };
        self.apply(Command::Remove { touchpoints, links }, label)?;
        self.selection = Selection::default();
        Ok(true)
    }

    /// The selected touchpoints (and the links among them) as clipboard text, with how
    /// many there are; `None` when no touchpoint is selected.
    pub fn copy_selection(&self) -> Option<(String, usize)> {
        clipboard::copy(&self.project, &self.selection.touchpoints)
            .map(|text| (text, self.selection.touchpoints.len()))
    }

    /// Pastes touchpoints copied from Journeyboard as one step and selects them. Returns
    /// how many were pasted: 0 when the text is not Journeyboard's.
    ///
    /// `arrange` may move the new touchpoints before they are inserted (the editor puts
    /// them at the pointer); they arrive shifted by [`PASTE_OFFSET`] from where they were
    /// copied.
    pub fn paste(
        &mut self,
        text: &str,
        arrange: impl FnOnce(&Project, &mut [(TouchpointId, crate::model::Touchpoint)]),
    ) -> Result<usize, EditError> {
        match clipboard::paste(&self.project, text, PASTE_OFFSET) {
            Some(Command::Insert {
                mut touchpoints,
                links,
            }) => {
                arrange(&self.project, &mut touchpoints);
                self.insert_and_select(Command::Insert { touchpoints, links }, "Paste")
            }
            Some(command) => self.insert_and_select(command, "Paste"),
            None => Ok(0),
        }
    }

    /// Duplicates the selected touchpoints and the links among them as one step, and
    /// selects the copies. Returns how many were duplicated.
    pub fn duplicate_selection(&mut self) -> Result<usize, EditError> {
        match self
            .copy_selection()
            .and_then(|(text, _)| clipboard::paste(&self.project, &text, PASTE_OFFSET))
        {
            Some(command) => self.insert_and_select(command, "Duplicate"),
            None => Ok(0),
        }
    }

    fn insert_and_select(&mut self, command: Command, verb: &str) -> Result<usize, EditError> {
        let ids: std::collections::HashSet<TouchpointId> = match &command {
            Command::Insert { touchpoints, .. } => touchpoints.iter().map(|(id, _)| *id).collect(),
            _ => std::collections::HashSet::new(),
        };
        let n = ids.len();
        let plural = if n == 1 { "" } else { "s" };
        self.apply(command, format!("{verb} {n} touchpoint{plural}"))?;
        self.select(Selection {
            touchpoints: ids,
            link: None,
        });
        Ok(n)
    }

    /// Puts another project in the session (new, import, tools). `path` is where it is
    /// saved, if anywhere; a project with a path starts saved, one without starts
    /// unsaved unless it is empty and new. The recovery copy of the previous document is
    /// removed.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>, saved: bool) {
        self.discard_recovery();
        self.project = project;
        self.path = path;
        self.history = if saved {
            History::new_saved()
        } else {
            History::default()
        };
        self.selection = Selection::default();
        self.generation += 1;
        self.pictures = PictureFolder::Beside;
    }

    /// Starts a new, untitled project in place of this one.
    pub fn new_project(&mut self) {
        self.replace(Project::new("Untitled journey"), None, true);
    }

    /// Opens a project file, a bundle (saved back as a bundle) or a PNG exported with its
    /// project, in place of the current document. On failure nothing changes.
    pub fn open(&mut self, path: &Path) -> Result<Opened, file::LoadError> {
        let document = file::load_document(path)?;
        Ok(if file::is_png(path) {
            self.replace(document.project, None, false);
            Opened::FromPicture
        } else {
            self.replace(document.project, Some(path.to_owned()), true);
            if let Some(bundle) = document.bundle {
                self.pictures = PictureFolder::Bundle(bundle);
            }
            Opened::Project
        })
    }

    /// Imports a CSV sheet or Mermaid journey as a new, unsaved project. Returns the
    /// importer's warnings; on failure nothing changes and the message says why.
    pub fn import(&mut self, path: &Path) -> Result<Vec<String>, String> {
        use crate::interchange::{Format, import_file};
        let Some(format) = Format::from_path(path) else {
            return Err(format!(
                "{} is neither a .csv sheet nor a .mmd Mermaid diagram",
                path.display()
            ));
        };
        let imported = import_file(path, format).map_err(|err| err.to_string())?;
        self.replace(imported.project, None, false);
        Ok(imported.warnings)
    }

    /// Saves the project to `path`, which becomes its file; the recovery copy is removed.
    /// On failure the changes stay unsaved.
    pub fn save_to(&mut self, path: &Path) -> Result<(), file::SaveError> {
        let failed = |reason: String| file::SaveError::Pictures {
            path: path.to_owned(),
            reason,
        };
        if let PictureFolder::Held(held) = &self.pictures {
            let held = held.path().to_path_buf();
            return self.save_held_to(path, &held);
        }
        let from = self.folder().map(Path::to_path_buf);
        if file::is_bundle(path) {
            // The project and its pictures in one file. The pictures stay readable where
            // they are: a bundle's unpacked folder, or the folder they were in.
            file::write_bundle(&self.project, from.as_deref(), path).map_err(failed)?;
            if let (PictureFolder::Beside, Some(folder)) = (&self.pictures, from) {
                self.pictures = PictureFolder::Kept(folder);
            }
        } else {
            // Saved as a file in a folder other than the pictures': they go beside it.
            let to = path.parent().map(file::in_folder);
            let created = match (&self.pictures, &from, to) {
                (_, Some(from), Some(to)) if !file::same_file(from, to) => {
                    file::copy_pictures(&self.project, from, to).map_err(failed)?
                }
                _ => Vec::new(),
            };
            if let Err(e) = file::save(&self.project, path) {
                file::remove_created(&created);
                return Err(e);
            }
            self.pictures = PictureFolder::Beside;
        }
        self.discard_recovery();
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    /// The first save of a project with held pictures: they are copied to
    /// `<project>.pictures/` beside `path` (for a bundle, beside the held ones, from where
    /// the bundle takes them), the project is saved with their new paths, and only then
    /// do the document and its history take those paths. On failure nothing changes and
    /// what was copied is removed.
    fn save_held_to(&mut self, path: &Path, held: &Path) -> Result<(), file::SaveError> {
        let failed = |reason: String| file::SaveError::Pictures {
            path: path.to_owned(),
            reason,
        };
        let new_dir = file::pictures_dir_for(path);
        let bundle = file::is_bundle(path);
        let to = if bundle {
            held.to_path_buf()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), |p| file::in_folder(p).to_path_buf())
        };
        let created =
            file::release_held_pictures(held, HELD_PICTURES, &to, &new_dir).map_err(failed)?;
        let old_prefix = format!("{HELD_PICTURES}/");
        let new_prefix = format!("{new_dir}/");
        let mut rename = |p: &mut String| {
            if let Some(rest) = p.strip_prefix(&old_prefix) {
                *p = format!("{new_prefix}{rest}");
            }
        };
        let mut renamed = self.project.clone();
        let ids: Vec<_> = renamed.touchpoints().map(|(id, _)| id).collect();
        for id in ids {
            if let Some(p) = renamed.touchpoint_mut(id).and_then(|t| t.picture.as_mut()) {
                rename(p);
            }
        }
        let saved = if bundle {
            file::write_bundle(&renamed, Some(held), path)
                .map(|_| ())
                .map_err(failed)
        } else {
            file::save(&renamed, path)
        };
        if let Err(e) = saved {
            file::remove_created(&created);
            return Err(e);
        }
        self.project = renamed;
        self.history.map_pictures(&mut rename);
        let held = std::mem::take(&mut self.pictures);
        if bundle && let PictureFolder::Held(folder) = held {
            // The bundle took them from here; later saves copy them like a bundle's.
            self.pictures = PictureFolder::Moved(folder);
        }
        self.discard_recovery();
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    /// Forgets the unsaved changes' state (the user chose Discard): they count as saved,
    /// so what follows does not ask again.
    pub fn discard_changes(&mut self) {
        self.history.mark_saved();
    }

    /// Called every frame with the time in seconds: writes the recovery copy every
    /// [`AUTOSAVE_SECONDS`] while there are unsaved changes.
    pub fn autosave_tick(&mut self, now: f64) -> Result<(), String> {
        self.autosave
            .tick(&self.project, self.path.as_deref(), self.is_dirty(), now)
    }

    /// Writes the recovery copy now if there are unsaved changes; returns where.
    pub fn write_recovery(&mut self) -> Result<Option<PathBuf>, String> {
        if !self.is_dirty() {
            return Ok(None);
        }
        self.autosave
            .write(&self.project, self.path.as_deref())
            .map(Some)
    }

    /// Removes the recovery copy this session wrote (after a save, a discard or a quit).
    pub fn discard_recovery(&mut self) {
        self.autosave.discard();
    }

    /// A recovery copy left by a session that did not save, if one differs from the
    /// document.
    pub fn find_recovery(&self) -> Option<(PathBuf, Project)> {
        self.autosave
            .find_recovery(&self.project, self.path.as_deref())
    }

    /// Takes the recovered project as the document, unsaved until the user saves; the
    /// recovery file is removed by that save.
    pub fn restore(&mut self, recovery: PathBuf, project: Project) {
        let path = self.path.clone();
        // The same document: its pictures are still where they were (a bundle's
        // unpacked folder, not the folder the bundle is in).
        let pictures = std::mem::take(&mut self.pictures);
        self.replace(project, path, false);
        self.pictures = pictures;
        self.autosave.adopt(recovery);
    }
}

#[cfg(test)]
mod tests;
