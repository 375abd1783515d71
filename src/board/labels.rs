//! Link labels: each on its link where it covers no card and no label placed before it.
//! A label with no such place is, in a picture, replaced by a numbered badge on its link
//! and listed in a footnote; on the canvas it goes under the cards (over them only while
//! its link is selected, to be read).

use egui::text::LayoutJob;
use std::sync::Arc;

use egui::{Align2, Color32, FontFamily, FontId, Galley, Painter, Pos2, Rect, Vec2, vec2};

use super::theme::Palette;
use super::{
    BoardIndex, BoardView, LINK_LABEL_ROWS, LINK_LABEL_WIDTH, LinkLabel, PaintState, Placed, bidi,
    fit_text, link_label, shown_links,
};
use crate::model::{LinkId, Project};

/// What a link label must keep clear of: the cards (as painted now) and the labels
/// placed before it, all on screen.
pub(super) struct LabelSpot<'a> {
    pub(super) placed: &'a Placed<'a>,
    pub(super) view: BoardView,
    pub(super) taken: &'a Taken,
    /// What the painter shows (screen): a spot outside it counts as covered, so a label
    /// on a page stays on the page.
    pub(super) clip: Rect,
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
        let outside = rect.area() - area(self.clip);
        cards + self.taken.overlap(rect) + outside.max(0.0)
    }
}

/// Side of a cell of [`Taken`]'s grid, in screen points: a label or two across.
const TAKEN_CELL: f32 = 256.0;

/// The places given to labels so far (screen), filed in a grid of cells, so that a spot is
/// checked against the labels near it, not against every label placed before it.
#[derive(Default)]
pub(super) struct Taken {
    rects: Vec<Rect>,
    cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

impl Taken {
    /// The cells `rect` covers; none for a rectangle that is not finite.
    fn cells(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let finite = rect.min.is_finite() && rect.max.is_finite();
        let cell = |v: f32| crate::convert::floor_to_i32(v / TAKEN_CELL);
        let (x0, y0, x1, y1) = if finite {
            (
                cell(rect.min.x),
                cell(rect.min.y),
                cell(rect.max.x),
                cell(rect.max.y),
            )
        } else {
            (0, 0, -1, -1)
        };
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (x, y)))
    }

    pub(super) fn push(&mut self, rect: Rect) {
        let at = self.rects.len();
        self.rects.push(rect);
        for cell in Self::cells(rect) {
            self.cells.entry(cell).or_default().push(at);
        }
    }

    /// How much of `rect` the labels placed cover, in square points (each label counted
    /// once, in the order they were placed).
    fn overlap(&self, rect: Rect) -> f32 {
        let mut near: Vec<usize> = Self::cells(rect)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.dedup();
        near.into_iter()
            .map(|i| {
                let overlap = self.rects[i].intersect(rect);
                if overlap.is_positive() {
                    overlap.area()
                } else {
                    0.0
                }
            })
            .sum()
    }
}

/// A link label laid out and given its place, not yet painted.
pub(super) struct LaidLabel {
    /// The text.
    pub(super) galley: Arc<Galley>,
    /// Where it goes, backing included (screen).
    pub(super) rect: Rect,
    /// True when it covers no card and no label placed before it.
    pub(super) clear: bool,
}

/// Lays out a link's label and finds it a place on its route: at the middle when that
/// spot is clear of cards and other labels, otherwise at the first clear spot going out
/// from the middle (45 %, 55 %, 40 % … 10 %, 90 % along the route), first centred on the
/// route, then slid sideways or up or down while the route still runs through it; or,
/// when no spot is clear, where it overlaps least.
pub(super) fn lay_out_label(
    painter: &Painter,
    spot: &LabelSpot<'_>,
    along: &Along,
    label: &str,
    colour: Color32,
) -> LaidLabel {
    let zoom = spot.view.zoom();
    let font = FontId::new(11.0 * zoom, FontFamily::Proportional);
    let width = LINK_LABEL_WIDTH * zoom;
    let label = fit_text(label, width, font.size, LINK_LABEL_ROWS);
    let mut job = LayoutJob::simple(label.into_owned(), font, colour, width);
    job.wrap.max_rows = LINK_LABEL_ROWS;
    let galley = bidi::layout(painter, job);
    let size = galley.size() + vec2(8.0, 4.0) * zoom;
    let (rect, overlap) = clearest_spot(spot, along, size);
    LaidLabel {
        galley,
        rect,
        clear: overlap <= 0.0,
    }
}

/// Paints a laid-out label on its rounded backing.
pub(super) fn paint_laid_label(
    painter: &Painter,
    laid: &LaidLabel,
    zoom: f32,
    colour: Color32,
    palette: &Palette,
) {
    painter.rect_filled(laid.rect, 4.0 * zoom, palette.label_bg);
    painter.galley(
        laid.rect.min + vec2(4.0, 2.0) * zoom,
        laid.galley.clone(),
        colour,
    );
}

/// Side of the numbered badge that stands on a link for a label listed as a footnote,
/// in board points.
pub(super) const BADGE_SIZE: f32 = 16.0;

/// Where the numbered badge of footnote `number` goes on a link's route: the clearest
/// spot, searched as for a label.
pub(super) fn badge_spot(spot: &LabelSpot<'_>, along: &Along, number: usize) -> Rect {
    let zoom = spot.view.zoom();
    let digits = crate::convert::f32_from_usize(number.to_string().len());
    let size = vec2(BADGE_SIZE + (digits - 1.0).max(0.0) * 6.0, BADGE_SIZE) * zoom;
    clearest_spot(spot, along, size).0
}

/// Paints footnote `number`'s badge in `rect` in the link's colour.
pub(super) fn paint_badge(painter: &Painter, rect: Rect, number: usize, colour: Color32) {
    let zoom = rect.height() / BADGE_SIZE;
    painter.rect_filled(rect, rect.height() / 2.0, colour);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        number.to_string(),
        FontId::new(10.0 * zoom, FontFamily::Proportional),
        Color32::WHITE,
    );
}

/// Where a footnote's text starts, right of its badge, in points.
pub(super) const FOOTNOTE_TEXT_LEFT: f32 = 28.0;

/// One listed link label at `corner` (screen): footnote `number`'s badge, then the label
/// and the cards it links, cut to `width`. Returns where it went.
pub(super) fn paint_footnote(
    painter: &Painter,
    project: &Project,
    link: &crate::model::Link,
    number: usize,
    corner: Pos2,
    width: f32,
    palette: &Palette,
) -> Rect {
    let badge = Rect::from_min_size(corner, vec2(BADGE_SIZE + 6.0, BADGE_SIZE));
    paint_badge(painter, badge, number, super::theme::tag_colour(link.kind));
    let font = FontId::new(12.0, FontFamily::Proportional);
    let fit = |text: &str| fit_text(text, width, font.size, 1).into_owned();
    let title = |id| project.touchpoint(id).map_or("", |t| t.title.as_str());
    let line = format!(
        "{}  ({} → {})",
        fit(link.label.as_deref().unwrap_or_default()),
        fit(title(link.from)),
        fit(title(link.to))
    );
    let mut job = LayoutJob::simple(fit(&line), font, palette.link_text(link.kind), width);
    job.wrap.max_rows = 1;
    let galley = bidi::layout(painter, job);
    let text = Rect::from_min_size(corner + vec2(FOOTNOTE_TEXT_LEFT, 1.0), galley.size());
    painter.galley(text.min, galley, palette.text);
    badge.union(text)
}

/// The spot for a box of `size` on the route where it overlaps least (the first clear
/// one in the search order), and that overlap in square points.
fn clearest_spot(spot: &LabelSpot<'_>, along: &Along, size: Vec2) -> (Rect, f32) {
    let zoom = spot.view.zoom();
    let (mut least, mut rect) = (f32::INFINITY, Rect::NOTHING);
    // Centred on the route first; then slid sideways or up and down while the route
    // still runs through it, which finds the gaps between rows where a label wider than
    // the gap between lanes fits.
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
            let candidate = Rect::from_center_size(along.at(t) + shift, size);
            let overlap = spot.overlap(candidate);
            if overlap < least {
                (least, rect) = (overlap, candidate);
            }
            if overlap <= 0.0 {
                break 'search;
            }
        }
    }
    (rect, least)
}

/// The links whose labels have no clear place on the board as painted in `view` (the
/// painter's clip rectangle being the part shown), in the order [`paint_board`] with
/// [`PaintState::footnote_labels`] numbers them: what it returns, without painting.
pub(super) fn label_footnotes(
    painter: &Painter,
    project: &Project,
    index: &BoardIndex,
    view: BoardView,
) -> Vec<LinkId> {
    let state = PaintState {
        footnote_labels: true,
        ..PaintState::default()
    };
    let placed = Placed {
        project,
        index,
        state: &state,
        in_view: view
            .screen_from_board
            .inverse()
            .mul_rect(painter.clip_rect()),
    };
    if view.zoom() < 0.4 {
        return Vec::new();
    }
    let labels: Vec<LinkLabel<'_>> = shown_links(painter, &placed, view)
        .into_iter()
        .filter_map(|(id, link, route)| link_label(id, link, route, &state.theme.palette()))
        .collect();
    plan_labels(painter, &placed, view, &labels, true)
        .into_iter()
        .filter(|p| matches!(p.place, LabelPlace::Badge(..)))
        .map(|p| labels[p.label].id)
        .collect()
}

/// Whether any link of `project` has a label.
pub(crate) fn has_link_labels(project: &Project) -> bool {
    project
        .links()
        .any(|(_, l)| l.label.as_deref().is_some_and(|t| !t.is_empty()))
}

/// Where a label goes: as text, or as footnote `n`'s badge.
pub(super) enum LabelPlace {
    Text(LaidLabel),
    Badge(Rect, usize),
}

/// A label of [`paint_links`]'s list with its place.
pub(super) struct PlannedLabel {
    /// Which label.
    pub(super) label: usize,
    pub(super) place: LabelPlace,
    /// Painted under the cards (no clear place, and no footnotes).
    pub(super) under: bool,
}

/// Places the labels one after another, each clear of the cards and of those placed
/// before it where it can be. One with no clear place becomes a numbered badge for a
/// footnote when `footnotes` is set, and otherwise goes under the cards (unless its
/// link is selected).
pub(super) fn plan_labels(
    painter: &Painter,
    placed: &Placed<'_>,
    view: BoardView,
    labels: &[LinkLabel<'_>],
    footnotes: bool,
) -> Vec<PlannedLabel> {
    let zoom = view.zoom();
    let mut taken = Taken::default();
    let mut planned = Vec::with_capacity(labels.len());
    let mut number = 0;
    for (i, label) in labels.iter().enumerate() {
        let along = Along::new(label.route.flatten(0.5 * zoom.max(0.1)));
        let spot = LabelSpot {
            placed,
            view,
            taken: &taken,
            clip: painter.clip_rect(),
        };
        let laid = lay_out_label(painter, &spot, &along, label.text, label.colour);
        let (place, rect, under) = if laid.clear || !footnotes {
            // The selected link's label stays on top, to be read.
            let selected = placed.state.selected_link == Some(label.id);
            let (rect, under) = (laid.rect, !laid.clear && !selected);
            (LabelPlace::Text(laid), rect, under)
        } else {
            number += 1;
            let rect = badge_spot(&spot, &along, number);
            (LabelPlace::Badge(rect, number), rect, false)
        };
        taken.push(rect);
        planned.push(PlannedLabel {
            label: i,
            place,
            under,
        });
    }
    planned
}

/// A polyline measured along its length.
pub(super) struct Along {
    points: Vec<Pos2>,
    /// The length up to each point.
    lengths: Vec<f32>,
}

impl Along {
    pub(super) fn new(points: Vec<Pos2>) -> Self {
        let mut lengths = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += points[i - 1].distance(*p);
            }
            lengths.push(total);
        }
        Self { points, lengths }
    }

    /// The point `t` (0 to 1) of the way along.
    pub(super) fn at(&self, t: f32) -> Pos2 {
        let total = self.lengths.last().copied().unwrap_or(0.0);
        let goal = total * t.clamp(0.0, 1.0);
        let i = self.lengths.partition_point(|l| *l < goal);
        match (i.checked_sub(1), self.points.get(i)) {
            (Some(before), Some(p)) => {
                let (a, la) = (self.points[before], self.lengths[before]);
                let span = self.lengths[i] - la;
                let k = if span > 0.0 { (goal - la) / span } else { 0.0 };
                a + (*p - a) * k
            }
            (None, Some(p)) => *p,
            _ => self.points.last().copied().unwrap_or(Pos2::ZERO),
        }
    }
}

#[cfg(test)]
mod tests {
    use egui::{Rect, pos2, vec2};

    use super::Taken;

    /// The grid finds exactly the overlap a scan of every label finds, in the same sum.
    #[test]
    fn taken_labels_overlap_as_a_scan_of_all_of_them() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: u16| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            f32::from(u16::try_from(seed % u64::from(below)).unwrap_or(0))
        };
        let mut taken = Taken::default();
        let mut all: Vec<Rect> = Vec::new();
        for _ in 0..400 {
            let rect = Rect::from_min_size(
                pos2(next(3000) - 500.0, next(3000) - 500.0),
                vec2(20.0 + next(500), 10.0 + next(60)),
            );
            let scanned: f32 = all
                .iter()
                .map(|r| {
                    let i = r.intersect(rect);
                    if i.is_positive() { i.area() } else { 0.0 }
                })
                .sum();
            assert_eq!(
                (taken.overlap(rect) + 0.0).to_bits(),
                (scanned + 0.0).to_bits()
            );
            taken.push(rect);
            all.push(rect);
        }
    }
}
