//! The menu bar and keyboard shortcuts, both made from the action table
//! ([`super::actions`]), and the one place actions run: queued during the frame, run at
//! its end.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::actions::{Action, Menu};
use super::file_flow::{PathPurpose, Pending};
use super::intent::Intent;
use super::modals::Modal;
use super::{JourneyboardApp, apply_theme, canvas};
use crate::edit::Command;
use crate::model::Stage;
use crate::session::Selection;

impl JourneyboardApp {
    /// Asks for `action` to run at the end of this frame.
    pub fn queue_action(&mut self, action: Action) {
        self.intents.action(action);
    }

    /// Whether `action` can run now (menus grey it out, the palette leaves it out).
    pub fn action_enabled(&self, action: Action) -> bool {
        let selection = self.session.selection();
        let has_selection = !selection.touchpoints.is_empty();
        match action {
            Action::Undo => self.session.undo_label().is_some(),
            Action::Redo => self.session.redo_label().is_some(),
            Action::Cut | Action::Copy | Action::Duplicate => has_selection,
            Action::Delete => has_selection || selection.link.is_some(),
            Action::Rename => selection.single().is_some(),
            _ => true,
        }
    }

    /// The action's label as shown now: Undo and Redo name their step.
    pub fn action_label(&self, action: Action) -> String {
        let step = match action {
            Action::Undo => self.session.undo_label(),
            Action::Redo => self.session.redo_label(),
            _ => None,
        };
        match step {
            Some(step) => format!("{} {step}", action.label()),
            None => action.label().to_owned(),
        }
    }

    /// Whether a toggle action is on (None for actions that are not toggles).
    pub fn action_checked(&self, action: Action) -> Option<bool> {
        match action {
            Action::ToggleMoments => Some(self.settings.highlight_moments),
            Action::ToggleDark => Some(self.settings.dark),
            _ => None,
        }
    }

    /// Turns this frame's key presses into queued actions. A shortcut with more modifiers
    /// is tried first, so Ctrl+Shift+S is Save As and not Save. While a text field has
    /// the keyboard only file actions and the palette are taken from it.
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Every (action, shortcut) pair, most modifiers first: the table is fixed, so the
        // order is worked out once, not every frame.
        static ORDERED: std::sync::OnceLock<Vec<(Action, KeyboardShortcut)>> =
            std::sync::OnceLock::new();
        let ordered = ORDERED.get_or_init(|| {
            let mut pairs: Vec<(Action, KeyboardShortcut)> = Action::ALL
                .iter()
                .flat_map(|&a| a.shortcuts().iter().map(move |&s| (a, s)))
                .collect();
            pairs.sort_by_key(|(_, s)| {
                std::cmp::Reverse(
                    u8::from(s.modifiers.shift)
                        + u8::from(s.modifiers.command || s.modifiers.ctrl)
                        + u8::from(s.modifiers.alt),
                )
            });
            pairs
        });
        let typing = ctx.text_edit_focused();
        for &(action, shortcut) in ordered {
            if typing && !action.works_while_typing() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) && self.action_enabled(action) {
                self.queue_action(action);
            }
        }
        if typing {
            return; // the focused text field gets the rest (its own copy, paste, …)
        }
        // Escape closes an open menu first (the menu sees it); then ends a rename, then
        // clears the selection.
        if !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            // egui drops text focus on Escape before widgets run, so a rename in
            // progress is cancelled here.
            if self.canvas.renaming.take().is_none() {
                self.session.select(Selection::default());
            }
        }
        // Copy, cut and paste arrive as events (egui maps the platform shortcuts).
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.queue_action(Action::Copy),
                egui::Event::Cut => self.queue_action(Action::Cut),
                egui::Event::Paste(text) => self.intents.push(Intent::Paste(text)),
                // The clipboard held a picture (a screenshot, say) and no text.
                egui::Event::PasteImage(image) => self.paste_picture(&image),
                _ => {}
            }
        }
    }

    /// Does what an action of the table means.
    pub(super) fn run_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::New => self.request(Pending::New, ctx),
            Action::Open => self.open_dialog(ctx),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::SaveBundle => {
                self.save_bundle();
            }
            Action::Import => {
                self.commit_drafts();
                let answer = self.dialogs.pick_import();
                if let Some(path) = self.chosen(answer, PathPurpose::Import) {
                    self.request(Pending::Import(path), ctx);
                }
            }
            Action::ExportCsv => self.export_text(false),
            Action::ExportMermaid => self.export_text(true),
            Action::ExportPicture => {
                let dialog = self.open_export_dialog();
                self.modal = Some(Modal::Export(Box::new(dialog)));
            }
            Action::Quit => self.request(Pending::Quit, ctx),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Cut => {
                self.copy_selection(ctx);
                self.delete_selection();
            }
            Action::Copy => self.copy_selection(ctx),
            // The platform answers with a paste event, handled like Ctrl+V.
            Action::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Action::Duplicate => self.duplicate_selection(),
            Action::Delete => self.delete_selection(),
            Action::SelectAll => self.session.select_all(),
            Action::Rename => {
                if let Some(id) = self.session.selection().single() {
                    self.canvas.start_rename(id, self.session.project());
                }
            }
            Action::AddTouchpoint => canvas::add_touchpoint_in_view(
                &mut self.canvas,
                self.session.project(),
                canvas::PALETTE[0],
                &mut self.intents,
            ),
            Action::AddStage => self.add_stage(),
            Action::Fit => self.canvas.fit_requested = true,
            Action::Zoom100 => self.canvas.set_zoom_centred(1.0),
            Action::ZoomIn => self.canvas.set_zoom_centred(self.canvas.zoom * 1.25),
            Action::ZoomOut => self.canvas.set_zoom_centred(self.canvas.zoom / 1.25),
            Action::ToggleMoments => {
                self.settings.highlight_moments = !self.settings.highlight_moments;
            }
            Action::ToggleDark => {
                self.settings.dark = !self.settings.dark;
                apply_theme(ctx, self.settings.dark);
            }
            Action::CommandPalette => self.command_palette.open(),
        }
    }

    /// Adds a stage at the end of the journey, named "Stage N".
    pub(super) fn add_stage(&mut self) {
        let project = self.session.project();
        let name = format!("Stage {}", project.stages().len() + 1);
        let id = project.fresh_stage_id(&name);
        self.apply(
            Command::InsertStage(
                usize::MAX,
                Stage {
                    id,
                    name: name.clone(),
                },
            ),
            &format!("Add stage “{name}”"),
        );
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu_bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in [Menu::File, Menu::Edit, Menu::View] {
                    ui.menu_button(menu.title(), |ui| self.menu_ui(ui, menu));
                }
            });
        });
    }

    /// One menu: its actions from the table, in table order, with their shortcuts.
    fn menu_ui(&mut self, ui: &mut egui::Ui, menu: Menu) {
        let ctx = ui.ctx().clone();
        for action in Action::ALL.into_iter().filter(|a| a.menu() == menu) {
            if action.starts_group() {
                ui.separator();
            }
            let enabled = self.action_enabled(action);
            let clicked = if let Some(mut checked) = self.action_checked(action) {
                ui.horizontal(|ui| {
                    let clicked = ui
                        .add_enabled(enabled, egui::Checkbox::new(&mut checked, action.label()))
                        .clicked();
                    if let Some(shortcut) = &action.shown_shortcut() {
                        ui.weak(ctx.format_shortcut(shortcut));
                    }
                    clicked
                })
                .inner
            } else {
                let mut button = egui::Button::new(self.action_label(action));
                if let Some(shortcut) = &action.shown_shortcut() {
                    button = button.shortcut_text(ctx.format_shortcut(shortcut));
                }
                ui.add_enabled(enabled, button).clicked()
            };
            if clicked {
                self.queue_action(action);
            }
            if action == Action::Open {
                self.recent_menu_ui(ui);
            }
        }
    }

    fn recent_menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ui.menu_button("Open Recent", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("No recent files");
            }
            for path in self.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.request(Pending::Open(path), &ctx);
                }
            }
        });
    }
}
