//! What the canvas draws over the board: the selection band, the link being drawn, the
//! palette card being dropped, the empty-board hint and the in-place rename field.

use egui::{Align2, DragAndDrop, FontId, Id, Rect, Stroke, StrokeKind, TextEdit, Ui, vec2};

use super::palette::PaletteItem;
use super::{Canvas, Drag};
use crate::board::{self, BoardTheme, BoardView, CARD_SIZE};

impl Canvas<'_> {
    pub(super) fn paint_overlays(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        view: BoardView,
        theme: BoardTheme,
    ) {
        let zoom = view.zoom();
        let selection_colour = theme.selection_colour();
        match &self.state.drag {
            Some(Drag::Band { start, end, .. }) => {
                let band = Rect::from_two_pos(*start, *end);
                painter.rect(
                    band,
                    2.0,
                    selection_colour.gamma_multiply(0.12),
                    Stroke::new(1.0, selection_colour),
                    StrokeKind::Inside,
                );
            }
            Some(Drag::Link { from, pointer }) => {
                let project = &self.project;
                if let Some(rect) = project
                    .touchpoint(*from)
                    .and_then(|t| board::card_rect(project, t))
                {
                    let start =
                        nearest_handle(view.screen_from_board.mul_rect(rect), zoom, *pointer);
                    painter.line_segment([start, *pointer], Stroke::new(2.0, selection_colour));
                    painter.circle_filled(*pointer, 4.0, selection_colour);
                    if let Some(target) = self
                        .index
                        .card_at(view.screen_from_board.inverse() * *pointer)
                        .filter(|t| t != from)
                        .and_then(|t| project.touchpoint(t))
                        .and_then(|t| board::card_rect(project, t))
                    {
                        painter.rect_stroke(
                            view.screen_from_board.mul_rect(target),
                            8.0 * zoom,
                            Stroke::new(3.0, selection_colour),
                            StrokeKind::Outside,
                        );
                    }
                }
            }
            _ => {}
        }
        if let Some(item) = DragAndDrop::payload::<PaletteItem>(ui.ctx())
            && let Some(p) = ui.ctx().pointer_hover_pos()
            && self.state.rect.contains(p)
        {
            let ghost = Rect::from_center_size(p, CARD_SIZE * zoom);
            painter.rect(
                ghost,
                8.0 * zoom,
                theme.ghost_colour(),
                Stroke::new(2.0, selection_colour),
                StrokeKind::Inside,
            );
            painter.text(
                ghost.center(),
                Align2::CENTER_CENTER,
                item.label,
                FontId::proportional(14.0 * zoom),
                selection_colour,
            );
        }
        if self.project.touchpoint_count() == 0 {
            painter.text(
                self.state.rect.center(),
                Align2::CENTER_CENTER,
                "Double-click a lane or drag a touchpoint from the palette to start",
                FontId::proportional(16.0),
                theme.hint_colour(),
            );
        }
        self.rename_ui(ui, view);
    }

    fn rename_ui(&mut self, ui: &mut Ui, view: BoardView) {
        let Some(rename) = &mut self.state.renaming else {
            return;
        };
        let project = &self.project;
        let Some(card) = project
            .touchpoint(rename.id)
            .and_then(|t| board::card_rect(project, t))
        else {
            self.state.renaming = None; // the card has gone (undo, delete)
            return;
        };
        if !rename.focus_requested
            && ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
        {
            // Started by a (double-)click: show the field next frame, or the click
            // that started it would count as a click elsewhere and end it at once.
            ui.ctx().request_repaint();
            return;
        }
        let zoom = view.zoom();
        let card = view.screen_from_board.mul_rect(card);
        // Over the title, below the picture frame.
        let title = board::title_rect(card, zoom);
        let field = Rect::from_min_size(
            title.min - vec2(3.0, 4.0) * zoom,
            vec2(title.width() + 6.0 * zoom, (24.0 * zoom).max(18.0)),
        );
        let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let response = ui.put(
            field,
            TextEdit::singleline(&mut rename.text)
                .font(FontId::proportional((14.0 * zoom).max(8.0)))
                .hint_text("Touchpoint title")
                .id(Id::unique("rename_in_place")),
        );
        if !rename.focus_requested {
            // The whole title is selected, so typing replaces it (Figma, Miro).
            response.request_focus();
            let mut state =
                egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
            state
                .cursor
                .set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(
                    &rename.text,
                )));
            state.store(ui.ctx(), response.id);
            rename.focus_requested = true;
        }
        if escape {
            // egui reports the lost focus a frame later; cancel now.
            self.state.renaming = None;
        } else if response.lost_focus() {
            self.commit_rename();
        }
    }
}

/// The link handle of a card (on screen) nearest to `pointer`: where a link being drawn
/// starts from.
fn nearest_handle(card: Rect, zoom: f32, pointer: egui::Pos2) -> egui::Pos2 {
    let handles = board::handle_centres(card, zoom);
    handles
        .into_iter()
        .min_by(|a, b| a.distance_sq(pointer).total_cmp(&b.distance_sq(pointer)))
        .unwrap_or(handles[0])
}
