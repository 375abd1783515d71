//! Scoring on the card itself: a click on a perception segment sets that perception, a
//! click on the emotion face opens a row of five faces to choose from. Each choice is
//! one undo step.

use std::collections::HashSet;

use egui::{Id, Pos2, Rect, Ui, vec2};

use super::Canvas;
use crate::board::{self, BoardView, ScoreSpot};
use crate::model::{Emotion, TouchpointId};
use crate::ui::scoring::{self, ScoreKind};

/// The emotion picker opened from a card's face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::ui) struct EmotionPicker {
    pub id: TouchpointId,
    /// Shown from the frame after the click that opened it (that click must not count
    /// as one outside it).
    pub shown: bool,
}

/// The emotions the picker offers, with their accessible names.
const EMOTIONS: [(f32, &str); 5] = [
    (-2.0, "Emotion −2 (very negative)"),
    (-1.0, "Emotion −1"),
    (0.0, "Emotion 0 (neutral)"),
    (1.0, "Emotion +1"),
    (2.0, "Emotion +2 (delighted)"),
];

impl Canvas<'_> {
    /// A plain click at `pointer` on card `id`: sets the perception it points at, or opens
    /// the emotion picker. Returns whether the click was on a score.
    pub(super) fn score_click(
        &mut self,
        id: TouchpointId,
        pointer: Option<Pos2>,
        view: BoardView,
    ) -> bool {
        let Some(card) = self
            .project
            .touchpoint(id)
            .and_then(|t| board::card_rect(self.project, t))
        else {
            return false;
        };
        let card = view.screen_from_board.mul_rect(card);
        match pointer.and_then(|p| board::score_spot(card, view.zoom(), p)) {
            Some(ScoreSpot::Perception(value)) => {
                let only = HashSet::from([id]);
                if let Some((command, label)) =
                    scoring::set_scores(self.project, &only, ScoreKind::Perception, Some(value))
                {
                    self.out.edit(command, label);
                }
                true
            }
            Some(ScoreSpot::Face) => {
                self.state.emotion_picker = Some(EmotionPicker { id, shown: false });
                true
            }
            None => false,
        }
    }

    /// The row of faces under a card's emotion face, while it is open.
    pub(super) fn emotion_picker_ui(&mut self, ui: &Ui, view: BoardView) {
        let Some(picker) = self.state.emotion_picker else {
            return;
        };
        let Some((card, t)) = self
            .project
            .touchpoint(picker.id)
            .and_then(|t| board::card_rect(self.project, t).map(|r| (r, t)))
        else {
            self.state.emotion_picker = None;
            return;
        };
        if !picker.shown {
            self.state.emotion_picker = Some(EmotionPicker {
                shown: true,
                ..picker
            });
            ui.ctx().request_repaint();
            return;
        }
        let card = view.screen_from_board.mul_rect(card);
        let anchor = Rect::from_min_size(
            card.left_bottom() + vec2(0.0, -30.0 * view.zoom()),
            vec2(card.width(), 30.0 * view.zoom()),
        );
        let mut open = true;
        let mut chosen = None;
        let current = t.emotion.map(Emotion::value);
        egui::Popup::new(
            Id::unique("emotion_picker"),
            ui.ctx().clone(),
            anchor,
            ui.layer_id(),
        )
        .open_bool(&mut open)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            chosen = faces_row(ui, current);
        });
        if let Some(value) = chosen {
            let only = HashSet::from([picker.id]);
            if let Some((command, label)) =
                scoring::set_scores(self.project, &only, ScoreKind::Emotion, value)
            {
                self.out.edit(command, label);
            }
            open = false;
        }
        if !open || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.state.emotion_picker = None;
        }
    }
}

/// Five faces and Clear, in a row; what was clicked (`Some(None)` for Clear).
fn faces_row(ui: &mut Ui, current: Option<f32>) -> Option<Option<f32>> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        for (value, name) in EMOTIONS {
            let (rect, response) = ui.allocate_exact_size(vec2(28.0, 28.0), egui::Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, current == Some(value), name)
            });
            let response = response.on_hover_text(name);
            if current == Some(value) || response.hovered() {
                ui.painter()
                    .rect_filled(rect, 4.0, ui.visuals().selection.bg_fill);
            }
            board::paint_face(
                ui.painter(),
                rect.center(),
                11.0,
                Some(Emotion::nearest(f64::from(value))),
                ui.visuals().text_color(),
            );
            if response.clicked() {
                chosen = Some(Some(value));
            }
        }
        if ui.small_button("Clear").clicked() {
            chosen = Some(None);
        }
    });
    chosen
}
