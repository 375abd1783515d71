//! The command palette (Ctrl+K or Ctrl+Shift+P, as in Figma, VS Code and Zed): type to
//! find any action of the table by a fuzzy match on its name, see its shortcut, Enter or
//! a click runs it, Escape closes.

use egui::{Key, Modifiers};

use super::JourneyboardApp;
use super::actions::{Action, fuzzy_score};

/// Whether the palette is open, what is typed, and which match is highlighted.
#[derive(Default)]
pub(super) struct CommandPalette {
    open: bool,
    query: String,
    highlighted: usize,
    focus_requested: bool,
}

impl CommandPalette {
    /// Opens it empty, with the keyboard in its search field.
    pub fn open(&mut self) {
        *self = Self {
            open: true,
            focus_requested: true,
            ..Self::default()
        };
    }

    /// Whether it is showing.
    pub fn is_open(&self) -> bool {
        self.open
    }
}

impl JourneyboardApp {
    /// The enabled actions matching `query`, best first (table order among equals).
    fn palette_matches(&self, query: &str) -> Vec<Action> {
        let mut scored: Vec<(i32, usize, Action)> = Action::ALL
            .iter()
            .enumerate()
            .filter(|(_, a)| **a != Action::CommandPalette && self.action_enabled(**a))
            .filter_map(|(i, &a)| fuzzy_score(query, &self.action_label(a)).map(|s| (s, i, a)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, a)| a).collect()
    }

    /// Draws the palette when it is open.
    pub(super) fn command_palette_ui(&mut self, ctx: &egui::Context) {
        if !self.command_palette.open {
            return;
        }
        let matches = self.palette_matches(&self.command_palette.query);
        let last = matches.len().saturating_sub(1);
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        let palette = &mut self.command_palette;
        if down {
            palette.highlighted = (palette.highlighted + 1).min(last);
        }
        if up {
            palette.highlighted = palette.highlighted.saturating_sub(1);
        }
        palette.highlighted = palette.highlighted.min(last);
        let mut chosen = enter
            .then(|| matches.get(palette.highlighted).copied())
            .flatten();
        let mut close = escape || chosen.is_some();

        let width = 480.0_f32.min(ctx.content_rect().width() - 40.0);
        let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
            ui.set_width(width);
            let label = ui.strong("Command palette");
            let field = egui::TextEdit::singleline(&mut self.command_palette.query)
                .hint_text("Type a command…")
                .desired_width(f32::INFINITY);
            let response = ui.add(field).labelled_by(label.id);
            if self.command_palette.focus_requested {
                response.request_focus();
                self.command_palette.focus_requested = false;
            }
            if response.changed() {
                self.command_palette.highlighted = 0;
            }
            ui.separator();
            if matches.is_empty() {
                ui.weak("No command matches");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (i, &action) in matches.iter().enumerate() {
                        let mut button = egui::Button::selectable(
                            i == self.command_palette.highlighted,
                            self.action_label(action),
                        )
                        .min_size(egui::vec2(ui.available_width(), 22.0));
                        if let Some(shortcut) = &action.shown_shortcut() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
                        }
                        if ui.add(button).clicked() {
                            chosen = Some(action);
                            close = true;
                        }
                    }
                });
        });
        if modal.should_close() {
            close = true;
        }
        if close {
            self.command_palette.open = false;
        }
        if let Some(action) = chosen {
            self.queue_action(action);
        }
    }
}
