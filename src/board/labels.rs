//! Link labels: each on its link where it covers no card and no label placed before it.

use egui::epaint::CubicBezierShape;
use egui::text::LayoutJob;
use egui::{Color32, FontFamily, FontId, Painter, Pos2, Rect, Stroke, vec2};

use super::theme::Palette;
use super::{BoardView, LINK_LABEL_ROWS, LINK_LABEL_WIDTH, Placed, bidi, fit_text};

/// What a link label must keep clear of: the cards (as painted now) and the labels
/// placed before it, all on screen.
pub(super) struct LabelSpot<'a> {
    pub(super) placed: &'a Placed<'a>,
    pub(super) view: BoardView,
    pub(super) taken: &'a [Rect],
}

impl LabelSpot<'_> {
    /// How much of `rect` (screen) lies on cards and other labels, in square points.
    fn overlap(&self, rect: Rect) -> f32 {
        let area = |r: Rect| {
            let i = r.intersect(rect);
            if i.is_positive() { i.area() } else { 0.0 }
        };
        let in_board = self.view.screen_from_board.inverse().mul_rect(rect);
        let cards: f32 = self
            .placed
            .index
            .cards_in(in_board)
            .into_iter()
            .filter_map(|id| self.placed.rect_of(id))
            .map(|r| area(self.view.screen_from_board.mul_rect(r)))
            .sum();
        cards + self.taken.iter().map(|r| area(*r)).sum::<f32>()
    }
}

/// A link's label on a rounded backing on its curve: at the middle when that spot is clear
/// of cards and other labels, otherwise at the first clear spot going out from the middle
/// (45 %, 55 %, 40 % … 10 %, 90 % along the curve), first centred on the curve, then slid
/// sideways or up or down while the curve still runs through it; or where it overlaps
/// least. Returns where it went (screen).
pub(super) fn paint_link_label(
    painter: &Painter,
    spot: &LabelSpot<'_>,
    curve: [Pos2; 4],
    label: &str,
    colour: Color32,
    palette: &Palette,
) -> Rect {
    let zoom = spot.view.zoom();
    let bezier =
        CubicBezierShape::from_points_stroke(curve, false, Color32::TRANSPARENT, Stroke::NONE);
    let font = FontId::new(11.0 * zoom, FontFamily::Proportional);
    let width = LINK_LABEL_WIDTH * zoom;
    let label = fit_text(label, width, font.size, LINK_LABEL_ROWS);
    let mut job = LayoutJob::simple(label.into_owned(), font, colour, width);
    job.wrap.max_rows = LINK_LABEL_ROWS;
    let galley = bidi::layout(painter, job);
    let size = galley.size() + vec2(8.0, 4.0) * zoom;
    let (mut least, mut rect) = (f32::INFINITY, Rect::NOTHING);
    // Centred on the curve first; then slid sideways or up and down while the curve still
    // runs through it, which finds the gaps between rows where a label wider than the gap
    // between lanes fits.
    let (half_x, half_y) = (
        (size.x / 2.0 - 6.0 * zoom).max(0.0),
        (size.y / 2.0 - 3.0 * zoom).max(0.0),
    );
    let shifts = [
        vec2(0.0, 0.0),
        vec2(-half_x, 0.0),
        vec2(half_x, 0.0),
        vec2(0.0, -half_y),
        vec2(0.0, half_y),
        vec2(-half_x, -half_y),
        vec2(half_x, -half_y),
        vec2(-half_x, half_y),
        vec2(half_x, half_y),
    ];
    'search: for shift in shifts {
        for step in 0_usize..=16 {
            // 0.5, 0.45, 0.55, 0.4, 0.6 … 0.1, 0.9.
            let k = crate::convert::f32_from_usize(step.div_ceil(2)) * 0.05;
            let t = if step % 2 == 1 { 0.5 - k } else { 0.5 + k };
            let candidate = Rect::from_center_size(bezier.sample(t) + shift, size);
            let overlap = spot.overlap(candidate);
            if overlap < least {
                (least, rect) = (overlap, candidate);
            }
            if overlap <= 0.0 {
                break 'search;
            }
        }
    }
    painter.rect_filled(rect, 4.0 * zoom, palette.label_bg);
    painter.galley(rect.min + vec2(4.0, 2.0) * zoom, galley, colour);
    rect
}
