//! The app shell: holds the session and each component's state, lays the window out,
//! and applies what the components and the action table asked for at the end of the frame.

use std::path::PathBuf;

use super::canvas::{self, CanvasOptions, CanvasState};
use super::command_palette::CommandPalette;
use super::fields::Drafts;
use super::file_flow::Pending;
use super::insights_panel::{self, InsightsCache};
use super::inspector::{self, InspectorState};
use super::intent::{Intent, Intents};
use super::modals::Modal;
use super::pictures::Pictures;
use super::project_panel::{self, ProjectPanelState};
use super::scoring::{ScoreEvent, ScoreKeys};
use super::{FileDialogs, Settings, board_theme, install_fonts_once};
use crate::board;
use crate::model::{Project, TouchpointId};
use crate::session::{Selection, Session};

/// Which tab the right-hand panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum SideTab {
    #[default]
    Inspector,
    Project,
    Insights,
}

/// The side panel's narrowest, default and widest width, and the least the canvas keeps.
const MIN_SIDE_PANEL_WIDTH: f32 = 260.0;
const DEFAULT_SIDE_PANEL_WIDTH: f32 = 320.0;
const MAX_SIDE_PANEL_WIDTH: f32 = 560.0;
const MIN_CANVAS_WIDTH: f32 = 360.0;

/// Most rounds of intents applied in one frame: an action may ask for more (Add
/// touchpoint asks to select and rename), never endlessly.
const MAX_INTENT_ROUNDS: usize = 8;

/// The Journeyboard editor.
pub struct JourneyboardApp {
    pub(super) session: Session,
    /// The session generation the components' states belong to.
    seen_generation: u64,
    pub(super) canvas: CanvasState,
    pub(super) inspector: InspectorState,
    /// Decoded storyboard pictures: card frames and the inspector's thumbnail.
    pub(super) pictures: Pictures,
    pub(super) drafts: Drafts,
    project_panel: ProjectPanelState,
    insights: InsightsCache,
    tab: SideTab,
    pub(super) dialogs: Box<dyn FileDialogs>,
    pub(super) settings: Settings,
    pub(super) modal: Option<Modal>,
    /// The export dialog's preview, for the choices it was made for.
    pub(super) export_preview: Option<super::export_dialog::Preview>,
    /// What the export dialog says of the part it would export (see `PartNote`).
    pub(super) export_note: Option<super::export_dialog::PartNote>,
    pub(super) status: Option<String>,
    pub(super) allow_close: bool,
    sent_title: String,
    /// What the user asked for during this frame, applied at its end.
    pub(super) intents: Intents,
    pub(super) command_palette: CommandPalette,
    /// P or E pressed: the next digit scores the selected cards.
    score_keys: ScoreKeys,
}

impl JourneyboardApp {
    /// An editor on a new, empty project. `recovery_dir` holds autosaves of untitled
    /// projects.
    pub fn new(dialogs: Box<dyn FileDialogs>, settings: Settings, recovery_dir: PathBuf) -> Self {
        let mut app = Self {
            session: Session::new(recovery_dir),
            seen_generation: 0,
            canvas: CanvasState::default(),
            inspector: InspectorState::default(),
            pictures: Pictures::default(),
            drafts: Drafts::default(),
            project_panel: ProjectPanelState::default(),
            insights: InsightsCache::default(),
            tab: SideTab::default(),
            dialogs,
            settings,
            modal: None,
            export_preview: None,
            export_note: None,
            status: None,
            allow_close: false,
            sent_title: String::new(),
            intents: Intents::default(),
            command_palette: CommandPalette::default(),
            score_keys: ScoreKeys::default(),
        };
        app.offer_recovery();
        app
    }

    /// The open document: project, file, history, selection.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The project being edited.
    pub fn project(&self) -> &Project {
        self.session.project()
    }

    /// The current selection.
    pub fn selection(&self) -> &Selection {
        self.session.selection()
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
        self.session.window_title()
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

    /// Pictures asked for and not read yet, and pictures ready as textures, with the
    /// bytes those textures hold (benchmarks, tests).
    pub fn pictures_status(&self) -> super::pictures::PicturesStatus {
        self.pictures.status()
    }

    /// Shows the board centred on a board point at a zoom level (benchmarks, tools).
    pub fn view_board_at(&mut self, centre_in_board: egui::Pos2, zoom: f32) {
        self.canvas.centre_on(centre_in_board, zoom);
    }

    /// Opens a project that is already in memory (for tools and benchmarks), as if it
    /// had been loaded from `path`.
    pub fn set_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.session.replace(project, path, true);
        self.after_document_change();
    }

    /// Writes the recovery copy now if there are unsaved changes (what the 30 s timer
    /// does). Returns where it was written.
    pub fn autosave_now(&mut self) -> Option<PathBuf> {
        match self.session.write_recovery() {
            Ok(path) => path,
            Err(message) => {
                self.status = Some(message);
                None
            }
        }
    }

    /// Forgets what the components knew about the previous document, once per new one.
    pub(super) fn after_document_change(&mut self) {
        if self.seen_generation == self.session.generation() {
            return;
        }
        self.seen_generation = self.session.generation();
        self.insights = InsightsCache::default();
        self.inspector = InspectorState::default();
        self.drafts = Drafts::default();
        self.project_panel = ProjectPanelState::default();
        self.canvas.reset_for_new_document();
        self.pictures.clear();
    }

    /// Offers the recovery copy of the document, if one is there.
    pub(super) fn offer_recovery(&mut self) {
        if let Some((recovery, project)) = self.session.find_recovery() {
            self.modal = Some(Modal::Recover {
                recovery,
                project: Box::new(project),
            });
        }
    }

    /// Applies a command as one undoable step; if it cannot be applied, says why.
    pub(super) fn apply(&mut self, command: crate::edit::Command, label: &str) {
        if let Err(err) = self.session.apply(command, label) {
            self.status = Some(format!(
                "Could not apply “{label}”: {err}; the project is unchanged"
            ));
        }
    }

    /// Turns every text still being typed into its undo step (before save, undo, close …).
    pub(super) fn commit_drafts(&mut self) {
        for (command, label) in self.drafts.take_edits(self.session.project()) {
            self.apply(command, &label);
        }
    }

    /// Undoes the last step; if it cannot be undone, says why and keeps it.
    pub(super) fn undo(&mut self) {
        self.commit_drafts();
        match self.session.undo() {
            Ok(true) => self.status = None,
            Ok(false) => {}
            Err(message) => self.status = Some(message),
        }
    }

    /// Redoes the last undone step; if it cannot be redone, says why and keeps it.
    pub(super) fn redo(&mut self) {
        self.commit_drafts();
        if let Err(message) = self.session.redo() {
            self.status = Some(message);
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
            self.handle_score_keys(&ctx);
            self.handle_shortcuts(&ctx);
        }
        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        self.side_panel_ui(ui);
        if let Some(item) = canvas::palette_ui(ui) {
            canvas::add_touchpoint_in_view(
                &mut self.canvas,
                self.session.project(),
                item,
                &mut self.intents,
            );
        }
        self.canvas_ui(ui);
        self.modal_ui(&ctx);
        self.command_palette_ui(&ctx);
        self.apply_intents(&ctx);
        self.autosave_tick(&ctx);
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    /// P or E then a digit scores the selected cards (before the shortcuts, so the digit
    /// does not also zoom).
    fn handle_score_keys(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() || self.canvas.renaming.is_some() {
            return;
        }
        let selected = &self.session.selection().touchpoints;
        match self
            .score_keys
            .handle(ctx, self.session.project(), selected)
        {
            Some(ScoreEvent::Armed(kind)) => self.status = Some(kind.prompt().to_owned()),
            Some(ScoreEvent::Set { command, label }) => {
                self.apply(command, &label);
                if self.session.undo_label() == Some(label.as_str()) {
                    self.status = Some(format!("{label} · Ctrl+Z to undo"));
                }
            }
            Some(ScoreEvent::Cancelled) => self.status = None,
            None => {}
        }
    }

    fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let highlighted = self
            .settings
            .highlight_moments
            .then(|| self.insights.moments(&self.session));
        let options = CanvasOptions {
            theme: board_theme(self.settings.dark),
            input_enabled: self.modal.is_none(),
            highlighted,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas::canvas_ui(
                    ui,
                    &mut self.canvas,
                    &self.session,
                    &options,
                    &mut self.pictures,
                    &mut self.intents,
                );
            });
    }

    /// Applies what was asked for this frame: edits, selections and the rest in order,
    /// then actions (which run after what the components did, as a menu click does after
    /// the text field it took the focus from). Actions may ask for more; those follow.
    fn apply_intents(&mut self, ctx: &egui::Context) {
        for _ in 0..MAX_INTENT_ROUNDS {
            let intents = self.intents.take();
            if intents.is_empty() {
                return;
            }
            ctx.request_repaint();
            let mut actions = Vec::new();
            for intent in intents {
                match intent {
                    Intent::Action(action) => actions.push(action),
                    other => self.apply_intent(other, ctx),
                }
            }
            for action in actions {
                if self.action_enabled(action) {
                    self.run_action(action, ctx);
                }
            }
        }
    }

    fn apply_intent(&mut self, intent: Intent, ctx: &egui::Context) {
        match intent {
            Intent::Edit { command, label } => self.apply(command, &label),
            Intent::Action(action) => {
                if self.action_enabled(action) {
                    self.run_action(action, ctx);
                }
            }
            Intent::Select(selection) => self.session.select(selection),
            Intent::ShowOnBoard { touchpoints, link } => self.show_on_board(&touchpoints, link),
            Intent::Rename(id) => {
                if self.session.project().touchpoint(id).is_some() {
                    self.canvas.start_rename(id, self.session.project());
                }
            }
            Intent::ChoosePicture(id) => self.choose_picture(id),
            Intent::RemoveStage(stage) => self.remove_stage(stage),
            Intent::Paste(text) => {
                // At the pointer when it is over the board, as in Figma and Miro.
                let pointer = ctx
                    .input(|i| i.pointer.hover_pos())
                    .filter(|p| self.canvas.rect.contains(*p))
                    .map(|p| self.canvas.board_from_screen(p));
                self.paste(&text, pointer);
            }
            Intent::Status(message) => self.status = Some(message),
        }
    }

    /// Selects touchpoints (or a link between them) and zooms the canvas to show them.
    fn show_on_board(&mut self, touchpoints: &[TouchpointId], link: Option<crate::model::LinkId>) {
        let selection = match link {
            Some(link) => Selection {
                touchpoints: Default::default(),
                link: Some(link),
            },
            None => Selection {
                touchpoints: touchpoints.iter().copied().collect(),
                link: None,
            },
        };
        self.session.select(selection);
        let project = self.session.project();
        let rect = touchpoints
            .iter()
            .filter_map(|id| {
                project
                    .touchpoint(*id)
                    .and_then(|t| board::card_rect(project, t))
            })
            .reduce(egui::Rect::union);
        if let Some(rect) = rect {
            self.canvas.frame(rect.expand(40.0));
        }
    }

    /// Removes a stage: at once when it is empty, otherwise after asking where its
    /// touchpoints go.
    fn remove_stage(&mut self, stage: crate::model::StageId) {
        let project = self.session.project();
        let Some(name) = project.stage(&stage).map(|s| s.name.clone()) else {
            return;
        };
        let used = project.touchpoints().any(|(_, t)| t.stage == stage);
        if !used {
            self.apply(
                crate::edit::Command::RemoveStage(stage),
                &format!("Remove stage “{name}”"),
            );
            return;
        }
        let target = project
            .stages()
            .iter()
            .find(|s| s.id != stage)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        self.modal = Some(Modal::RemoveStage { stage, target });
    }

    /// Pastes touchpoints copied from Journeyboard; other text is left alone.
    pub(super) fn paste(&mut self, text: &str, at: Option<egui::Pos2>) {
        let arrange =
            |project: &Project, pasted: &mut [(TouchpointId, crate::model::Touchpoint)]| {
                if let Some(anchor) = at {
                    canvas::arrange_at(project, pasted, anchor);
                }
            };
        if let Err(err) = self.session.paste(text, arrange) {
            self.status = Some(format!("Could not paste: {err}; the project is unchanged"));
        }
    }

    /// Copies the selected touchpoints to the system clipboard.
    pub(super) fn copy_selection(&mut self, ctx: &egui::Context) {
        if let Some((text, n)) = self.session.copy_selection() {
            ctx.copy_text(text);
            let plural = if n == 1 { "" } else { "s" };
            self.status = Some(format!("Copied {n} touchpoint{plural}"));
        }
    }

    /// Deletes what is selected, saying so if it cannot be done.
    pub(super) fn delete_selection(&mut self) {
        if let Err(err) = self.session.delete_selection() {
            self.status = Some(format!("Could not delete: {err}; the project is unchanged"));
        }
    }

    /// Duplicates the selected touchpoints, saying so if it cannot be done.
    pub(super) fn duplicate_selection(&mut self) {
        if let Err(err) = self.session.duplicate_selection() {
            self.status = Some(format!(
                "Could not duplicate: {err}; the project is unchanged"
            ));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            self.commit_drafts();
            if self.session.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Quit));
            } else {
                self.session.discard_recovery();
            }
        }
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let p = self.session.project();
                ui.label(format!(
                    "{} · {} · zoom {:.0} %",
                    crate::plural::count(p.touchpoint_count(), "touchpoint", "touchpoints"),
                    crate::plural::count(p.link_count(), "link", "links"),
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
        // The panel may be dragged between these widths; the canvas keeps at least
        // MIN_CANVAS_WIDTH. A stored width outside them (an older run, a smaller window)
        // is brought back inside, so a restored layout never hides the board.
        let window = ui.available_width();
        let widest = (window - canvas::PALETTE_WIDTH - MIN_CANVAS_WIDTH)
            .clamp(MIN_SIDE_PANEL_WIDTH, MAX_SIDE_PANEL_WIDTH);
        egui::Panel::right("side_panel")
            .resizable(true)
            .default_size(DEFAULT_SIDE_PANEL_WIDTH.min(widest))
            .size_range(MIN_SIDE_PANEL_WIDTH..=widest)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, SideTab::Inspector, "Inspector");
                    ui.selectable_value(&mut self.tab, SideTab::Project, "Project");
                    ui.selectable_value(&mut self.tab, SideTab::Insights, "Insights");
                });
                ui.separator();
                // Scrolling both ways keeps the content from widening the panel: content
                // wider than the panel scrolls inside it instead.
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| match self.tab {
                        SideTab::Inspector => inspector::inspector_ui(
                            ui,
                            &mut self.inspector,
                            &mut self.pictures,
                            &mut self.drafts,
                            &self.session,
                            self.score_keys.armed(),
                            &mut self.intents,
                        ),
                        SideTab::Project => project_panel::project_ui(
                            ui,
                            &mut self.project_panel,
                            &mut self.drafts,
                            &self.session,
                            &mut self.intents,
                        ),
                        SideTab::Insights => insights_panel::insights_ui(
                            ui,
                            &mut self.insights,
                            &self.session,
                            self.settings.highlight_moments,
                            &mut self.intents,
                        ),
                    });
            });
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Err(err) = self.session.autosave_tick(now) {
            self.status = Some(err);
        }
        if self.session.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                crate::session::AUTOSAVE_SECONDS,
            ));
        }
    }
}
