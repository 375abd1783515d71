//! The editor window: menus, canvas, inspector and project panel. Turns input into
//! [`Command`]s; never changes the project any other way.

pub mod actions;
mod autosave;
mod canvas;
mod clipboard;
mod command_palette;
pub mod dialogs;
mod insights_panel;
mod inspector;
mod menus;
mod project_panel;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::board::BoardTheme;
use crate::edit::{Command, History};
use crate::file;
use crate::model::{LinkId, Project, TouchpointId};

pub use crate::file::recovery_path_for;
pub use dialogs::{DialogAnswer, FileDialogs, NoDialogs, RfdDialogs};

/// How many files "Open Recent" remembers.
const MAX_RECENT: usize = 10;
/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Settings kept between runs (window size and panel widths are kept by eframe/egui).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Dark board and UI.
    pub dark: bool,
    /// Highlight moments of truth on the board.
    pub highlight_moments: bool,
}

/// The open project with its file and undo history.
pub struct Document {
    /// The journey being edited.
    pub project: Project,
    /// Where it is saved, if it has been.
    pub path: Option<PathBuf>,
    /// Undo/redo stacks and the saved-state marker.
    pub history: History,
}

impl Document {
    fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            history: History::new_saved(),
        }
    }

    /// File name shown in the title bar.
    pub fn display_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// What is selected on the board.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected touchpoints.
    pub touchpoints: HashSet<TouchpointId>,
    /// Selected link (links and touchpoints are not selected together).
    pub link: Option<LinkId>,
}

impl Selection {
    fn clear(&mut self) {
        self.touchpoints.clear();
        self.link = None;
    }

    fn only(&mut self, id: TouchpointId) {
        self.clear();
        self.touchpoints.insert(id);
    }

    /// The one selected touchpoint, if exactly one is selected.
    pub fn single(&self) -> Option<TouchpointId> {
        if self.touchpoints.len() == 1 {
            self.touchpoints.iter().next().copied()
        } else {
            None
        }
    }
}

/// Something that would discard unsaved changes, waiting for Save / Discard / Cancel.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open(PathBuf),
    Import(PathBuf),
    Quit,
}

/// A dialog shown over the window.
#[derive(Clone, Debug, PartialEq)]
enum Modal {
    /// Save / Discard / Cancel before `Pending`.
    Unsaved(Pending),
    /// Choose where the touchpoints of a removed stage go.
    RemoveStage { stage: String, target: String },
    /// A recovery copy was found.
    Recover {
        recovery: PathBuf,
        project: Box<Project>,
    },
    /// An error the user must acknowledge.
    Error { title: String, message: String },
    /// PNG export options.
    Export(crate::export::ExportOptions),
    /// No file dialog could be shown: the user types a path instead.
    TypePath {
        purpose: PathPurpose,
        typed: dialogs::TypedPath,
    },
}

/// What a file dialog was asked for, to carry on once the user has typed a path instead.
#[derive(Clone, Debug, PartialEq)]
enum PathPurpose {
    /// Save the project there, then run what was waiting for the save.
    Save {
        then: Option<Pending>,
    },
    Open,
    Import,
    ExportPng(crate::export::ExportOptions),
    ExportText {
        mermaid: bool,
    },
    Picture(TouchpointId),
}

impl PathPurpose {
    fn title(&self) -> &'static str {
        match self {
            Self::Save { .. } => "Save the project",
            Self::Open => "Open a project",
            Self::Import => "Import a CSV sheet or Mermaid journey",
            Self::ExportPng(_) => "Export PNG",
            Self::ExportText { mermaid: true } => "Export Mermaid",
            Self::ExportText { mermaid: false } => "Export CSV",
            Self::Picture(_) => "Choose a storyboard picture",
        }
    }

    fn usage(&self) -> dialogs::PathUse {
        use dialogs::PathUse;
        match self {
            Self::Save { .. } => PathUse::Save(file::EXTENSION),
            Self::Open => PathUse::Open(dialogs::PROJECT_EXTENSIONS),
            Self::Import => PathUse::Open(dialogs::IMPORT_EXTENSIONS),
            Self::ExportPng(_) => PathUse::Save("png"),
            Self::ExportText { mermaid: true } => PathUse::Save("mmd"),
            Self::ExportText { mermaid: false } => PathUse::Save("csv"),
            Self::Picture(_) => PathUse::Open(dialogs::PICTURE_EXTENSIONS),
        }
    }

    /// What the status bar says when the user gives up on the path.
    fn cancelled(&self) -> &'static str {
        match self {
            Self::Save { .. } => {
                "Not saved: no file was chosen. Your changes are still open here, unsaved."
            }
            Self::Open => "Nothing opened: no file was chosen.",
            Self::Import => "Nothing imported: no file was chosen.",
            Self::ExportPng(_) | Self::ExportText { .. } => "Not exported: no file was chosen.",
            Self::Picture(_) => "Picture unchanged: no file was chosen.",
        }
    }
}

/// Which tab the right-hand panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum SideTab {
    #[default]
    Inspector,
    Project,
    Insights,
}

/// The Journeyboard editor.
pub struct JourneyboardApp {
    doc: Document,
    selection: Selection,
    canvas: canvas::CanvasState,
    inspector: inspector::InspectorState,
    project_panel: project_panel::ProjectPanelState,
    tab: SideTab,
    dialogs: Box<dyn FileDialogs>,
    settings: Settings,
    modal: Option<Modal>,
    status: Option<String>,
    autosave: autosave::Autosave,
    allow_close: bool,
    sent_title: String,
    insights: insights_panel::InsightsCache,
    /// Actions asked for during this frame (menus, shortcuts, palette), run at its end.
    queued_actions: Vec<actions::Action>,
    command_palette: command_palette::CommandPalette,
}

impl JourneyboardApp {
    /// An editor on a new, empty project. `recovery_dir` holds autosaves of untitled
    /// projects.
    pub fn new(dialogs: Box<dyn FileDialogs>, settings: Settings, recovery_dir: PathBuf) -> Self {
        let mut app = Self {
            doc: Document::new(Project::new("Untitled journey"), None),
            selection: Selection::default(),
            canvas: canvas::CanvasState::default(),
            inspector: inspector::InspectorState::default(),
            project_panel: project_panel::ProjectPanelState::default(),
            tab: SideTab::default(),
            dialogs,
            settings,
            modal: None,
            status: None,
            autosave: autosave::Autosave::new(recovery_dir),
            allow_close: false,
            sent_title: String::new(),
            insights: insights_panel::InsightsCache::default(),
            queued_actions: Vec::new(),
            command_palette: command_palette::CommandPalette::default(),
        };
        app.offer_recovery();
        app
    }

    /// Opens a file in place of the current project (without asking about unsaved
    /// changes: callers do). A file that fails to load shows its error and keeps the
    /// current project.
    pub fn open_path(&mut self, path: &Path) {
        match file::load(path) {
            Ok(project) => {
                self.autosave.discard(&self.doc);
                if file::is_png(path) {
                    // The project came out of an exported picture: saving must not write
                    // RON over the PNG, so it starts as a new, unsaved project.
                    self.doc = Document::new(project, None);
                    self.doc.history = History::default();
                    self.after_document_change();
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    self.status = Some(format!(
                        "Opened the project inside {name}; Save writes it as a .ron project"
                    ));
                } else {
                    self.doc = Document::new(project, Some(path.to_owned()));
                    self.after_document_change();
                    self.status = Some(format!("Opened {}", self.doc.display_name()));
                }
                if let Some(notice) = crate::fonts::font_notice(&self.doc.project) {
                    self.status = Some(format!(
                        "{} · {notice}",
                        self.status.take().unwrap_or_default()
                    ));
                }
                self.remember_recent(path);
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

    fn after_document_change(&mut self) {
        self.forget_insights();
        self.selection.clear();
        self.inspector = inspector::InspectorState::default();
        self.project_panel = project_panel::ProjectPanelState::default();
        self.canvas.reset_for_new_document();
    }

    fn offer_recovery(&mut self) {
        if let Some((recovery, project)) = self.autosave.find_recovery(&self.doc) {
            self.modal = Some(Modal::Recover {
                recovery,
                project: Box::new(project),
            });
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(MAX_RECENT);
    }

    /// The project being edited.
    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Settings to persist.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The message shown in an error dialog, if one is open.
    pub fn error_message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Error { message, .. }) => Some(message),
            _ => None,
        }
    }

    /// The window title: file name, unsaved marker, app name.
    pub fn window_title(&self) -> String {
        let dirty = if self.doc.history.is_dirty() { "*" } else { "" };
        format!("{}{dirty} — Journeyboard", self.doc.display_name())
    }

    /// The touchpoint being renamed in place, if any.
    pub fn renaming(&self) -> Option<TouchpointId> {
        self.canvas.renaming.as_ref().map(|r| r.id)
    }

    /// The canvas zoom (1.0 = 100 %).
    pub fn zoom(&self) -> f32 {
        self.canvas.zoom
    }

    /// Where a board point is on screen (for tests and tools that aim at the board).
    pub fn screen_from_board(&self, pos_in_board: egui::Pos2) -> egui::Pos2 {
        self.canvas.screen_from_board(pos_in_board)
    }

    /// Shows the board centred on a board point at a zoom level (benchmarks, tools).
    pub fn view_board_at(&mut self, centre_in_board: egui::Pos2, zoom: f32) {
        self.canvas.centre_on(centre_in_board, zoom);
    }

    /// Opens a project that is already in memory (for tools and benchmarks), as if it
    /// had been loaded from `path`.
    pub fn set_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.doc = Document::new(project, path);
        self.after_document_change();
    }

    /// Applies a command as one undoable step.
    pub fn apply(&mut self, command: Command, label: impl Into<String>) {
        if let Err(err) = self
            .doc
            .history
            .apply(&mut self.doc.project, command, label)
        {
            self.status = Some(format!("Could not do that: {err}"));
        }
        self.prune_selection();
    }

    fn prune_selection(&mut self) {
        let project = &self.doc.project;
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

    /// Undoes the last step; if it cannot be undone, says why and keeps it.
    pub fn undo(&mut self) {
        self.inspector.commit(&mut self.doc);
        let label = self.doc.history.undo_label().map(str::to_owned);
        match self.doc.history.undo(&mut self.doc.project) {
            Ok(true) => self.status = None,
            Ok(false) => {}
            Err(err) => {
                self.status = Some(format!(
                    "Could not undo “{}”: {err}. The step is kept and the project unchanged.",
                    label.unwrap_or_default()
                ));
            }
        }
        self.prune_selection();
    }

    /// Redoes the last undone step; if it cannot be redone, says why and keeps it.
    pub fn redo(&mut self) {
        self.inspector.commit(&mut self.doc);
        let label = self.doc.history.redo_label().map(str::to_owned);
        if let Err(err) = self.doc.history.redo(&mut self.doc.project) {
            self.status = Some(format!(
                "Could not redo “{}”: {err}. The step is kept and the project unchanged.",
                label.unwrap_or_default()
            ));
        }
        self.prune_selection();
    }

    /// Saves to the current file, or asks for one. Returns true if saved.
    pub fn save(&mut self) -> bool {
        self.save_then(None)
    }

    /// Saves; when a path must be typed first, `then` runs after that save.
    fn save_then(&mut self, then: Option<Pending>) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as_then(then),
        }
    }

    /// Asks for a file and saves there. Returns true if saved.
    pub fn save_as(&mut self) -> bool {
        self.save_as_then(None)
    }

    fn save_as_then(&mut self, then: Option<Pending>) -> bool {
        let suggested = self.suggested_name(file::EXTENSION);
        let answer = self.dialogs.save_project(&suggested);
        match self.chosen(answer, PathPurpose::Save { then }) {
            Some(path) => self.save_to(&path),
            None => false,
        }
    }

    /// The file name offered for the project's exports and saves.
    fn suggested_name(&self, extension: &str) -> String {
        format!(
            "{}.{extension}",
            self.doc.display_name().trim_end_matches(".ron")
        )
    }

    /// The chosen path of a dialog's answer. A cancel says so in the status bar; when no
    /// dialog could be shown, asks for a typed path and carries on with `purpose` later.
    fn chosen(&mut self, answer: DialogAnswer, purpose: PathPurpose) -> Option<PathBuf> {
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
    fn ask_for_path(&mut self, purpose: PathPurpose) {
        let folder = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
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
            (PathPurpose::ExportPng(_), Some(dir)) => {
                dir.join(self.suggested_name("png")).display().to_string()
            }
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
    fn finish_typed_path(&mut self, purpose: PathPurpose, path: &Path, ctx: &egui::Context) {
        match purpose {
            PathPurpose::Save { then } => {
                if self.save_to(path)
                    && let Some(pending) = then
                {
                    self.run_pending(pending, ctx);
                }
            }
            PathPurpose::Open => self.request(Pending::Open(path.to_owned()), ctx),
            PathPurpose::Import => self.request(Pending::Import(path.to_owned()), ctx),
            PathPurpose::ExportPng(options) => self.export_png_to(options, path),
            PathPurpose::ExportText { mermaid } => self.export_text_to(mermaid, path),
            PathPurpose::Picture(id) => self.set_picture(id, path),
        }
    }

    /// Saves to `path`; on failure shows the error and keeps the unsaved state.
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.inspector.commit(&mut self.doc);
        match file::save(&self.doc.project, path) {
            Ok(()) => {
                self.autosave.discard(&self.doc);
                self.doc.path = Some(path.to_owned());
                self.doc.history.mark_saved();
                self.remember_recent(path);
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
    fn request(&mut self, pending: Pending, ctx: &egui::Context) {
        self.inspector.commit(&mut self.doc);
        if self.doc.history.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.run_pending(pending, ctx);
        }
    }

    fn run_pending(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => {
                self.autosave.discard(&self.doc);
                self.doc = Document::new(Project::new("Untitled journey"), None);
                self.after_document_change();
            }
            Pending::Open(path) => self.open_path(&path),
            Pending::Import(path) => self.import_path(&path),
            Pending::Quit => {
                self.autosave.discard(&self.doc);
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Draws the whole editor into `ui` and handles its input. eframe calls this every
    /// frame; tests call it through egui_kittest.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        install_fonts_once(&ctx);
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        if self.modal.is_none() && !self.command_palette.is_open() {
            self.handle_shortcuts(&ctx);
        }
        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        self.side_panel_ui(ui);
        self.palette_ui(ui);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas_ui(ui));
        self.modal_ui(&ctx);
        self.command_palette_ui(&ctx);
        self.run_queued_actions(&ctx);
        self.autosave_tick(&ctx);
        // A text edit committed this frame (by a save, undo, click elsewhere …) that could
        // not be applied: say so on the next frame.
        if let Some(message) = self.inspector.take_failure() {
            self.status = Some(message);
            ctx.request_repaint();
        }
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            self.inspector.commit(&mut self.doc);
            if self.doc.history.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Quit));
            } else {
                self.autosave.discard(&self.doc);
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(Pending::Open(path), ctx);
        }
    }

    fn open_dialog(&mut self, ctx: &egui::Context) {
        self.inspector.commit(&mut self.doc);
        let answer = self.dialogs.open_project();
        if let Some(path) = self.chosen(answer, PathPurpose::Open) {
            self.request(Pending::Open(path), ctx);
        }
    }

    /// Selects every touchpoint.
    pub fn select_all(&mut self) {
        self.selection.link = None;
        self.selection.touchpoints = self.doc.project.touchpoints().map(|(id, _)| id).collect();
    }

    /// Deletes the selected touchpoints (with their links) or the selected link.
    pub fn delete_selection(&mut self) {
        let mut touchpoints: Vec<_> = self.selection.touchpoints.iter().copied().collect();
        touchpoints.sort_unstable();
        let links: Vec<_> = self.selection.link.into_iter().collect();
        if touchpoints.is_empty() && links.is_empty() {
            return;
        }
        let label = match (touchpoints.len(), links.len()) {
            (0, _) => "Delete link".to_owned(),
            (1, _) => format!("Delete “{}”", self.title_of(touchpoints[0])),
            (n, _) => format!("Delete {n} touchpoints"),
        };
        self.apply(Command::Remove { touchpoints, links }, label);
        self.selection.clear();
    }

    fn title_of(&self, id: TouchpointId) -> String {
        self.doc
            .project
            .touchpoint(id)
            .map(|t| t.title.clone())
            .unwrap_or_default()
    }

    fn copy_selection(&mut self, ctx: &egui::Context) {
        if let Some(text) = clipboard::copy(&self.doc.project, &self.selection.touchpoints) {
            ctx.copy_text(text);
            let n = self.selection.touchpoints.len();
            self.status = Some(format!(
                "Copied {n} touchpoint{}",
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    fn paste(&mut self, text: &str) {
        let Some(command) = clipboard::paste(&self.doc.project, text, 24.0) else {
            return;
        };
        self.insert_and_select(command, "Paste");
    }

    /// Duplicates the selected touchpoints and the links among them.
    pub fn duplicate_selection(&mut self) {
        if let Some(text) = clipboard::copy(&self.doc.project, &self.selection.touchpoints)
            && let Some(command) = clipboard::paste(&self.doc.project, &text, 24.0)
        {
            self.insert_and_select(command, "Duplicate");
        }
    }

    fn insert_and_select(&mut self, command: Command, verb: &str) {
        let ids: HashSet<TouchpointId> = match &command {
            Command::Insert { touchpoints, .. } => touchpoints.iter().map(|(id, _)| *id).collect(),
            _ => HashSet::new(),
        };
        let n = ids.len();
        self.apply(
            command,
            format!("{verb} {n} touchpoint{}", if n == 1 { "" } else { "s" }),
        );
        self.selection.clear();
        self.selection.touchpoints = ids;
    }

    fn start_rename(&mut self, id: TouchpointId) {
        let title = self.title_of(id);
        self.canvas.renaming = Some(canvas::Rename {
            id,
            text: title,
            focus_requested: false,
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let p = &self.doc.project;
                ui.label(format!(
                    "{} touchpoints · {} links · zoom {:.0} %",
                    p.touchpoint_count(),
                    p.link_count(),
                    self.canvas.zoom * 100.0
                ));
                ui.separator();
                match &self.status {
                    Some(status) => ui.label(status.as_str()),
                    None => ui.weak(
                        "Drag background to pan · Shift+drag to select · Ctrl+wheel to zoom · \
                         double-click to add · drag from a card's round handle to link",
                    ),
                };
            });
        });
    }

    fn side_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::right("side_panel")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, SideTab::Inspector, "Inspector");
                    ui.selectable_value(&mut self.tab, SideTab::Project, "Project");
                    ui.selectable_value(&mut self.tab, SideTab::Insights, "Insights");
                });
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| match self.tab {
                    SideTab::Inspector => self.inspector_ui(ui),
                    SideTab::Project => self.project_ui(ui),
                    SideTab::Insights => self.insights_ui(ui),
                });
            });
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut then: Option<Pending> = None;
        let mut export_after = None;
        let mut typed_path = None;
        egui::Modal::new(egui::Id::unique("journeyboard_modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &modal {
                Modal::Unsaved(pending) => {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has unsaved changes. Save them before you continue?",
                        self.doc.display_name()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            if self.save_then(Some(pending.clone())) {
                                then = Some(pending.clone());
                            }
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.doc.history.mark_saved();
                            then = Some(pending.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::RemoveStage { stage, target } => {
                    let name = self
                        .doc
                        .project
                        .stage(stage)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    let count = self
                        .doc
                        .project
                        .touchpoints()
                        .filter(|(_, t)| &t.stage == stage)
                        .count();
                    ui.heading(format!("Remove stage “{name}”?"));
                    ui.label(format!("It holds {count} touchpoint(s). Move them to:"));
                    let mut target = target.clone();
                    egui::ComboBox::from_label("Move to stage")
                        .selected_text(
                            self.doc
                                .project
                                .stage(&target)
                                .map(|s| s.name.clone())
                                .unwrap_or_default(),
                        )
                        .show_ui(ui, |ui| {
                            for s in self.doc.project.stages() {
                                if &s.id != stage {
                                    ui.selectable_value(&mut target, s.id.clone(), &s.name);
                                }
                            }
                        });
                    ui.horizontal(|ui| {
                        if ui.button("Move and remove").clicked() {
                            let cmd = crate::edit::remove_stage_moving_touchpoints(
                                &self.doc.project,
                                stage,
                                &target,
                            );
                            self.apply(cmd, format!("Remove stage “{name}”"));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                    if !close {
                        self.modal = Some(Modal::RemoveStage {
                            stage: stage.clone(),
                            target,
                        });
                    }
                }
                Modal::Recover { recovery, project } => {
                    ui.heading("Recover unsaved changes?");
                    ui.label(format!(
                        "Journeyboard found changes to “{}” that were not saved when it last \
                         closed (recovery copy: {}).",
                        self.doc.display_name(),
                        recovery.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            let path = self.doc.path.clone();
                            self.doc = Document::new((**project).clone(), path);
                            self.doc.history = History::default(); // unsaved until saved
                            self.after_document_change();
                            self.autosave.adopt(recovery.clone());
                            self.status =
                                Some("Restored unsaved changes; save to keep them".to_owned());
                            close = true;
                        }
                        if ui.button("Discard recovered changes").clicked() {
                            let _ = std::fs::remove_file(recovery);
                            close = true;
                        }
                    });
                }
                Modal::Export(options) => {
                    let mut options = *options;
                    ui.heading("Export PNG");
                    ui.label("Size");
                    ui.horizontal(|ui| {
                        for (scale, label) in [
                            (1, "1× screen"),
                            (2, "2× slides"),
                            (3, "3×"),
                            (4, "4× print"),
                        ] {
                            ui.radio_value(&mut options.scale, scale, label);
                        }
                    });
                    let mut dark = options.theme == BoardTheme::Dark;
                    ui.checkbox(&mut dark, "Dark theme");
                    options.theme = board_theme(dark);
                    ui.checkbox(&mut options.insights, "Emotion curve and legend");
                    let size = crate::export::picture_size(&self.doc.project, options);
                    #[allow(clippy::cast_precision_loss)]
                    let scale = options.scale as f32;
                    ui.weak(format!(
                        "{:.0} × {:.0} pixels",
                        size.x * scale,
                        size.y * scale
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Export…").clicked() {
                            close = true;
                            export_after = Some(options);
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                    if !close {
                        self.modal = Some(Modal::Export(options));
                    }
                }
                Modal::TypePath { purpose, typed } => {
                    let mut typed = typed.clone();
                    match typed.ui(ui) {
                        Some(dialogs::TypedPathOutcome::Chosen(path)) => {
                            close = true;
                            typed_path = Some((purpose.clone(), Some(path)));
                        }
                        Some(dialogs::TypedPathOutcome::Cancelled) => {
                            close = true;
                            typed_path = Some((purpose.clone(), None));
                        }
                        None => {
                            self.modal = Some(Modal::TypePath {
                                purpose: purpose.clone(),
                                typed,
                            });
                        }
                    }
                }
                Modal::Error { title, message } => {
                    ui.heading(title);
                    ui.label(message);
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
            }
        });
        if close {
            // Only clear the modal we showed; a button may have opened a new one.
            if self.modal.as_ref() == Some(&modal) || matches!(modal, Modal::RemoveStage { .. }) {
                self.modal = None;
            }
            if let Some(pending) = then {
                self.run_pending(pending, ctx);
            }
            if let Some(options) = export_after {
                self.export_png(options);
            }
            match typed_path {
                Some((purpose, Some(path))) => self.finish_typed_path(purpose, &path, ctx),
                Some((purpose, None)) => self.status = Some(purpose.cancelled().to_owned()),
                None => {}
            }
        }
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Err(err) = self.autosave.tick(&self.doc, now) {
            self.status = Some(err);
        }
        if self.doc.history.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
        }
    }

    /// Imports a CSV sheet or Mermaid diagram as a new, unsaved project (without asking
    /// about unsaved changes: callers do). Errors keep the current project.
    pub fn import_path(&mut self, path: &Path) {
        use crate::interchange::{Format, import_file};
        let Some(format) = Format::from_path(path) else {
            self.modal = Some(Modal::Error {
                title: "Could not import".to_owned(),
                message: format!(
                    "{} is neither a .csv sheet nor a .mmd Mermaid diagram",
                    path.display()
                ),
            });
            return;
        };
        match import_file(path, format) {
            Ok(imported) => {
                self.autosave.discard(&self.doc);
                self.doc = Document::new(imported.project, None);
                self.doc.history = History::default();
                self.after_document_change();
                let mut status = format!(
                    "Imported {}; save it as a .ron project",
                    self.doc.project.title
                );
                if let Some(w) = imported.warnings.first() {
                    status.push_str(&format!(" · {w}"));
                }
                if let Some(notice) = crate::fonts::font_notice(&self.doc.project) {
                    status.push_str(&format!(" · {notice}"));
                }
                self.status = Some(status);
            }
            Err(err) => {
                self.modal = Some(Modal::Error {
                    title: "Could not import".to_owned(),
                    message: format!(
                        "{err}\n\nNothing was imported; the project you had open is unchanged."
                    ),
                });
            }
        }
    }

    /// Asks where to write the touchpoints as CSV (or the journey as Mermaid) and does.
    pub fn export_text(&mut self, mermaid: bool) {
        self.inspector.commit(&mut self.doc);
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
            .doc
            .path
            .as_deref()
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
        if !self.export_may_write(path) {
            return;
        }
        let text = if mermaid {
            crate::interchange::mermaid::to_mermaid(&self.doc.project)
        } else {
            crate::interchange::csv_sheet::to_csv(&self.doc.project)
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

    /// Asks where to write a PNG and exports the storyboard there.
    pub fn export_png(&mut self, options: crate::export::ExportOptions) {
        self.inspector.commit(&mut self.doc);
        let answer = self.dialogs.save_png(&self.suggested_name("png"));
        if let Some(path) = self.chosen(answer, PathPurpose::ExportPng(options)) {
            self.export_png_to(options, &path);
        }
    }

    /// Exports the storyboard as a PNG to `path`.
    fn export_png_to(&mut self, options: crate::export::ExportOptions, path: &Path) {
        if !self.export_may_write(path) {
            return;
        }
        let folder = self.doc.path.as_deref().and_then(Path::parent);
        match crate::export::write_png(&self.doc.project, options, folder, path) {
            Ok(rendered) => {
                let mut status = format!(
                    "Exported {} ({} × {} pixels)",
                    path.display(),
                    rendered.image.width(),
                    rendered.image.height()
                );
                if let Some(first) = rendered.warnings.first() {
                    status.push_str(&format!(" · warning: {first}"));
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

    /// Writes the recovery copy now if there are unsaved changes (what the 30 s timer
    /// does). Returns where it was written.
    pub fn autosave_now(&mut self) -> Option<PathBuf> {
        self.autosave.write(&self.doc).ok().flatten()
    }
}

/// Switches egui's visuals between light and dark.
pub fn apply_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

fn board_theme(dark: bool) -> BoardTheme {
    if dark {
        BoardTheme::Dark
    } else {
        BoardTheme::Light
    }
}

/// eframe's wrapper: persistence and the window.
pub struct EframeApp {
    /// The editor.
    pub app: JourneyboardApp,
}

const SETTINGS_KEY: &str = "journeyboard_settings";

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self.app.settings());
    }
}

/// Adds the fallback fonts for other scripts to `ctx`, once per context (the first pass
/// lays out nothing before it, so even the first frame has every script).
fn install_fonts_once(ctx: &egui::Context) {
    let id = egui::Id::unique("journeyboard-fallback-fonts");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        ctx.data_mut(|d| d.insert_temp(id, true));
        crate::fonts::install(ctx);
    }
}

/// Where autosaves of never-saved projects go.
pub fn default_recovery_dir() -> PathBuf {
    eframe::storage_dir("Journeyboard")
        .unwrap_or_else(std::env::temp_dir)
        .join("recovery")
}

/// Opens the editor window, optionally on a file. Blocks until the window closes.
pub fn run_native(path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Journeyboard")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        // Journeyboard's own provider (fonts::install) finds fonts for other scripts.
        system_font_fallback: false,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Journeyboard",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            apply_theme(&cc.egui_ctx, settings.dark);
            let mut app =
                JourneyboardApp::new(Box::new(RfdDialogs), settings, default_recovery_dir());
            if let Some(path) = &path {
                app.open_path(path);
            }
            Ok(Box::new(EframeApp { app }))
        }),
    )
    .map_err(|e| e.to_string())
}
