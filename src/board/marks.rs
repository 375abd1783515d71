//! Marks in the shape stream for the vector exports (SVG, PDF): which shapes make up a
//! card or a link, and a link's own curve, so an SVG can group a card's shapes and write a
//! link as one path with its ends named. The painters place them; only a context that asked
//! for them ([`record_marks`]) gets any, so the canvas paints exactly what it did before.
//!
//! A mark travels as a paint callback whose payload is the [`Mark`]: it keeps its place
//! among the shapes through egui's layers, and the CPU rasterizer skips callbacks.

use std::sync::Arc;

use egui::epaint::PaintCallback;
use egui::{Painter, Shape, Stroke};

use super::route::Route;

use crate::model::{LinkKind, TouchpointId};

/// What the shapes after a mark are, up to its [`Mark::End`].
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// One touchpoint's card (or storyboard frame); its first shape is the card's outline.
    Card(TouchpointId),
    /// One link: its line (until [`Mark::LinkLine`]) and arrow head.
    Link {
        /// Where the link starts.
        from: TouchpointId,
        /// Where it ends.
        to: TouchpointId,
        /// Flow, alternative, recovery or referral.
        kind: LinkKind,
        /// The line, in picture points.
        route: Route,
        /// Its width and colour.
        stroke: Stroke,
        /// Dash and gap lengths for a dashed line.
        dash: Option<[f32; 2]>,
    },
    /// The link's line is done: the shapes so far since [`Mark::Link`] draw `route`.
    LinkLine,
    /// A link's label on its backing.
    LinkLabel {
        /// Where the link starts.
        from: TouchpointId,
        /// Where it ends.
        to: TouchpointId,
    },
    /// The end of the innermost open mark.
    End,
}

/// Asks the painters to place marks in the shapes `ctx` paints from now on.
pub fn record_marks(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(recording_id(), true));
}

fn recording_id() -> egui::Id {
    egui::Id::unique("journeyboard-vector-marks")
}

/// Places `mark` among `painter`'s shapes when its context records marks.
pub(super) fn mark(painter: &Painter, mark: Mark) {
    let recording = painter
        .ctx()
        .data(|d| d.get_temp::<bool>(recording_id()).unwrap_or(false));
    if recording {
        painter.add(Shape::Callback(PaintCallback {
            rect: painter.clip_rect(),
            callback: Arc::new(mark),
        }));
    }
}

/// The mark a shape carries, if it is one.
pub fn mark_of(shape: &Shape) -> Option<&Mark> {
    match shape {
        Shape::Callback(callback) => callback.callback.downcast_ref::<Mark>(),
        _ => None,
    }
}
