//! The canvas's own state: zoom and pan, the board-to-screen transform, fitting, and
//! the gesture in progress.

use std::collections::HashSet;
use std::rc::Rc;

use egui::{Pos2, Rect, Vec2, emath::TSTransform, vec2};

use crate::board::{BoardIndex, BoardView, MIN_TEXT_ZOOM};
use crate::model::{Project, TouchpointId};
use crate::session::Session;

/// Lowest zoom (10 %).
pub const MIN_ZOOM: f32 = 0.1;
/// Lowest zoom Fit chooses: cards show their titles at a readable size from here up.
pub const MIN_FIT_ZOOM: f32 = 0.5;
/// Highest zoom (400 %).
pub const MAX_ZOOM: f32 = 4.0;

/// A gesture on the canvas in progress.
pub(in crate::ui) enum Drag {
    Move {
        ids: HashSet<TouchpointId>,
        delta: Vec2,
    },
    Link {
        from: TouchpointId,
        pointer: Pos2,
    },
    Band {
        start: Pos2,
        end: Pos2,
        additive: bool,
    },
    Pan,
}

/// An in-place rename in progress.
pub(in crate::ui) struct Rename {
    pub id: TouchpointId,
    pub text: String,
    pub focus_requested: bool,
}

/// The view (zoom, pan, canvas rectangle) and the gesture in progress.
pub(in crate::ui) struct CanvasState {
    pub zoom: f32,
    /// Screen offset of the board origin from the canvas's top-left corner.
    pub pan: Vec2,
    pub fit_requested: bool,
    pub drag: Option<Drag>,
    pub renaming: Option<Rename>,
    pub rect: Rect,
    /// Last known pointer position (a release may come with the pointer already gone).
    pub last_pointer: Option<Pos2>,
    pub pending_zoom: Option<f32>,
    /// The row of faces opened from a card's emotion face.
    pub emotion_picker: Option<super::scores::EmotionPicker>,
    /// Where the cards and links are, for the session revision it was built at.
    index: Option<((u64, u64), Rc<BoardIndex>)>,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: vec2(16.0, 16.0),
            fit_requested: true,
            drag: None,
            renaming: None,
            rect: Rect::ZERO,
            last_pointer: None,
            pending_zoom: None,
            emotion_picker: None,
            index: None,
        }
    }
}

impl CanvasState {
    /// The board index of the session's project, brought up to date after the document
    /// changed (an edit, undo, redo: only what moved is filed again; another document:
    /// built anew).
    pub fn index_for(&mut self, session: &Session) -> Rc<BoardIndex> {
        let revision = session.revision();
        match &mut self.index {
            Some((built, index)) if *built == revision => Rc::clone(index),
            Some((built, index)) if built.0 == revision.0 => {
                Rc::make_mut(index).update(session.project());
                *built = revision;
                Rc::clone(index)
            }
            _ => {
                let index = Rc::new(BoardIndex::new(session.project()));
                self.index = Some((revision, Rc::clone(&index)));
                index
            }
        }
    }

    /// Starts renaming a touchpoint in place, with its title as the text.
    pub fn start_rename(&mut self, id: TouchpointId, project: &Project) {
        self.renaming = Some(Rename {
            id,
            text: project
                .touchpoint(id)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
            focus_requested: false,
        });
    }

    /// Forgets the gesture and rename of the previous document and fits the new one.
    pub fn reset_for_new_document(&mut self) {
        self.drag = None;
        self.renaming = None;
        self.emotion_picker = None;
        self.fit_requested = true;
    }

    /// Screen position of a board point.
    pub fn screen_from_board(&self, pos_in_board: Pos2) -> Pos2 {
        self.view().screen_from_board * pos_in_board
    }

    /// Board point under a screen position.
    pub fn board_from_screen(&self, pos_on_screen: Pos2) -> Pos2 {
        self.view().screen_from_board.inverse() * pos_on_screen
    }

    /// Zooms about the centre of the canvas.
    pub fn set_zoom_centred(&mut self, zoom: f32) {
        self.pending_zoom = Some(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    pub(in crate::ui) fn view(&self) -> BoardView {
        BoardView {
            screen_from_board: TSTransform::from_translation(self.rect.min.to_vec2() + self.pan)
                * TSTransform::from_scaling(self.zoom),
        }
    }

    pub(super) fn zoom_about(&mut self, zoom: f32, anchor_on_screen: Pos2) {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor_in_board = self.view().screen_from_board.inverse() * anchor_on_screen;
        self.zoom = zoom;
        self.pan = anchor_on_screen - self.rect.min - anchor_in_board.to_vec2() * zoom;
    }

    /// Stops panning once the board would leave the canvas: at least 80 points of it
    /// stay visible, so the work can never get lost off screen.
    pub(super) fn keep_board_in_sight(&mut self, content: Rect) {
        let on_screen = self.view().screen_from_board.mul_rect(content);
        let margin = 80.0_f32.min(on_screen.width()).min(on_screen.height());
        let canvas = self.rect;
        let dx = (canvas.left() + margin - on_screen.right()).max(0.0)
            - (on_screen.left() - (canvas.right() - margin)).max(0.0);
        let dy = (canvas.top() + margin - on_screen.bottom()).max(0.0)
            - (on_screen.top() - (canvas.bottom() - margin)).max(0.0);
        self.pan += vec2(dx, dy);
    }

    /// Centres the view on a board point at a zoom level.
    pub fn centre_on(&mut self, centre_in_board: Pos2, zoom: f32) {
        self.fit_requested = false;
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = self.rect.size() / 2.0 - centre_in_board.to_vec2() * self.zoom;
    }

    /// Shows `content` (board coordinates) whole, at most at 100 %.
    pub fn frame(&mut self, content: Rect) {
        // Findings on the board may span it: down to the zoom where text still shows.
        self.fit_at_least(content, MIN_TEXT_ZOOM);
    }

    /// Shows `content` whole if it fits at a zoom where card titles can be read
    /// ([`MIN_FIT_ZOOM`]) and at most 100 %, centred. A board too big for that is shown
    /// from its top-left corner at that zoom, and the rest is a scroll away.
    pub(super) fn fit(&mut self, content: Rect) {
        self.fit_at_least(content, MIN_FIT_ZOOM);
    }

    fn fit_at_least(&mut self, content: Rect, min_zoom: f32) {
        let content = content.expand(24.0);
        let available = self.rect.size();
        if available.x <= 1.0 || available.y <= 1.0 {
            return;
        }
        let zoom = (available.x / content.width())
            .min(available.y / content.height())
            .clamp(min_zoom, 1.0);
        self.zoom = zoom;
        let offset = (available - content.size() * zoom) / 2.0;
        self.pan = vec2(offset.x.max(0.0), offset.y.max(0.0)) - content.min.to_vec2() * zoom;
        self.fit_requested = false;
    }
}
