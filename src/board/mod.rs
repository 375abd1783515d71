//! The storyboard picture: stage lanes, touchpoint cards and link arrows, painted as
//! epaint shapes from a project. The canvas and the PNG exporter both paint through here.
//!
//! Geometry is computed in *board* coordinates (1 board point = 1 screen point at 100 %
//! zoom) and painted through a [`BoardView`] transform. Text is laid out at its final
//! on-screen size, so it stays crisp at every zoom level.

pub mod bidi;
mod extras;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use egui::epaint::{CubicBezierShape, PathShape, PathStroke, QuadraticBezierShape};
use egui::text::LayoutJob;
use egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, Vec2, emath::TSTransform, pos2, vec2,
};

pub use extras::{
    LEGEND_HEIGHT, STRIP_HEIGHT, emotion_by_stage, ink, paint_emotion_strip, paint_legend,
};

use crate::model::{
    Emotion, Initiative, LinkId, LinkKind, Perception, Position, Project, StageId, Touchpoint,
    TouchpointId,
};

/// Width of one stage lane.
pub const LANE_WIDTH: f32 = 280.0;
/// Height of the lane header that shows the stage name.
pub const HEADER_HEIGHT: f32 = 52.0;
/// Size of a touchpoint card.
pub const CARD_SIZE: Vec2 = vec2(224.0, 120.0);
/// Lanes are at least this tall, so an empty board still has room to drop cards.
pub const MIN_LANE_HEIGHT: f32 = 520.0;
/// Space kept below the lowest card.
const LANE_BOTTOM_MARGIN: f32 = 120.0;
/// Radius of the link handle on a card's right edge.
pub const HANDLE_RADIUS: f32 = 7.0;
/// Widest a link label gets before it wraps, in board points.
pub const LINK_LABEL_WIDTH: f32 = 200.0;
/// Rows a link label may take; the rest is elided.
const LINK_LABEL_ROWS: usize = 2;

/// The narrowest advance of a glyph in the board's fonts, as a share of the font size:
/// the hair space (U+200A) takes 0.053 em, letters and punctuation 0.2 em and more. Only
/// zero-width characters are narrower; a run of those longer than the budget is cut.
const MIN_ADVANCE_EM: f32 = 0.05;

/// `text` cut to what `rows` rows of `width` in a font of `font_size` can possibly
/// show (both in the same units), with "…" where it was cut; unchanged when it is
/// shorter. Only the kept prefix is read, so a string of any length costs no more than
/// what fits.
///
/// Text must go through this before egui lays it out: egui shapes every character it
/// is given, even those its elision then hides, so a 10 MB title would take gigabytes.
/// The budget allows for the narrowest glyph on every row, so any text that egui can
/// show in the box is kept whole, and egui's own wrapping and elision decide exactly as
/// before; only characters that could never be shown are dropped. A box without a
/// finite width shows just the ellipsis.
pub fn fit_text(text: &str, width: f32, font_size: f32, rows: usize) -> Cow<'_, str> {
    let per_row = if width.is_finite() && font_size > 0.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let glyphs = (width.max(0.0) / (font_size * MIN_ADVANCE_EM)).ceil() as usize;
        // A row may overrun by one glyph, and a newline ends it.
        glyphs.saturating_add(2)
    } else {
        0
    };
    let budget = per_row.saturating_mul(rows.max(1));
    match text.char_indices().nth(budget) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Light or dark board colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BoardTheme {
    /// Dark text on light lanes (the default, and always used for exports).
    #[default]
    Light,
    /// Light text on dark lanes.
    Dark,
}

struct Palette {
    lane: [Color32; 2],
    header: Color32,
    header_text: Color32,
    lane_line: Color32,
    card: Color32,
    card_border: Color32,
    text: Color32,
    subtext: Color32,
    selection: Color32,
    label_bg: Color32,
}

impl BoardTheme {
    /// Colour of the canvas around the lanes.
    pub fn canvas_colour(self) -> Color32 {
        match self {
            BoardTheme::Light => Color32::from_rgb(0xdd, 0xe1, 0xe7),
            BoardTheme::Dark => Color32::from_rgb(0x14, 0x16, 0x1a),
        }
    }

    fn palette(self) -> Palette {
        match self {
            BoardTheme::Light => Palette {
                lane: [
                    Color32::from_rgb(0xf6, 0xf7, 0xf9),
                    Color32::from_rgb(0xee, 0xf0, 0xf4),
                ],
                header: Color32::from_rgb(0x2f, 0x3a, 0x4a),
                header_text: Color32::WHITE,
                lane_line: Color32::from_rgb(0xd5, 0xda, 0xe1),
                card: Color32::WHITE,
                card_border: Color32::from_rgb(0xc4, 0xca, 0xd3),
                text: Color32::from_rgb(0x1c, 0x23, 0x2e),
                subtext: Color32::from_rgb(0x5d, 0x67, 0x75),
                selection: Color32::from_rgb(0x1f, 0x7a, 0xe0),
                label_bg: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
            },
            BoardTheme::Dark => Palette {
                lane: [
                    Color32::from_rgb(0x1e, 0x21, 0x27),
                    Color32::from_rgb(0x23, 0x27, 0x2e),
                ],
                header: Color32::from_rgb(0x39, 0x42, 0x50),
                header_text: Color32::WHITE,
                lane_line: Color32::from_rgb(0x3a, 0x40, 0x4a),
                card: Color32::from_rgb(0x2c, 0x31, 0x3a),
                card_border: Color32::from_rgb(0x4a, 0x52, 0x5e),
                text: Color32::from_rgb(0xec, 0xef, 0xf3),
                subtext: Color32::from_rgb(0xa9, 0xb2, 0xbe),
                selection: Color32::from_rgb(0x5a, 0xa9, 0xff),
                label_bg: Color32::from_rgba_unmultiplied(30, 33, 39, 230),
            },
        }
    }
}

/// Maps board coordinates to the screen: `screen = board * scaling + translation`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoardView {
    /// The transform from board to screen coordinates.
    pub screen_from_board: TSTransform,
}

impl BoardView {
    /// The zoom factor (1.0 = 100 %).
    pub fn zoom(&self) -> f32 {
        self.screen_from_board.scaling
    }
}

/// What the canvas wants highlighted or shifted while it paints.
#[derive(Default)]
pub struct PaintState<'a> {
    /// Board colours.
    pub theme: BoardTheme,
    /// Selected touchpoints.
    pub selected: Option<&'a HashSet<TouchpointId>>,
    /// Selected link.
    pub selected_link: Option<LinkId>,
    /// Touchpoint under the pointer (shows its link handle).
    pub hovered: Option<TouchpointId>,
    /// Touchpoints being dragged, and by how much (board points).
    pub dragging: Option<(&'a HashSet<TouchpointId>, Vec2)>,
    /// Touchpoint whose title is being edited in place (title not painted).
    pub renaming: Option<TouchpointId>,
    /// Touchpoints whose picture file cannot be found (badge crossed out in red).
    pub missing_pictures: Option<&'a HashSet<TouchpointId>>,
    /// Touchpoints to highlight as moments of truth (a red halo).
    pub highlighted: Option<&'a HashSet<TouchpointId>>,
}

/// Left edge of lane `index`.
pub fn lane_left(index: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let i = index as f32;
    i * LANE_WIDTH
}

/// Height of the lanes below their headers.
pub fn lane_height(project: &Project) -> f32 {
    let lowest = project
        .touchpoints()
        .map(|(_, t)| t.position.y.max(0.0) + CARD_SIZE.y)
        .fold(0.0_f32, f32::max);
    (lowest + LANE_BOTTOM_MARGIN).max(MIN_LANE_HEIGHT)
}

/// The whole board: every lane with its header.
pub fn board_rect(project: &Project) -> Rect {
    let width = lane_left(project.stages().len()).max(LANE_WIDTH);
    Rect::from_min_size(
        Pos2::ZERO,
        vec2(width, HEADER_HEIGHT + lane_height(project)),
    )
}

/// A card's rectangle in board coordinates, or `None` if its stage is unknown.
pub fn card_rect(project: &Project, touchpoint: &Touchpoint) -> Option<Rect> {
    let lane = project.stage_index(&touchpoint.stage)?;
    Some(card_rect_in_lane(lane, touchpoint.position))
}

fn card_rect_in_lane(lane: usize, position: Position) -> Rect {
    let x = lane_left(lane) + position.x.clamp(0.0, LANE_WIDTH - CARD_SIZE.x);
    let y = HEADER_HEIGHT + position.y.max(0.0);
    Rect::from_min_size(pos2(x, y), CARD_SIZE)
}

/// Where a card whose top-left corner is at `min_in_board` belongs: the stage of the lane
/// under the card's centre, and its position in that lane. Positions are rounded to
/// whole points so files stay tidy.
pub fn placement_at(project: &Project, min_in_board: Pos2) -> Option<(StageId, Position)> {
    let count = project.stages().len();
    if count == 0 {
        return None;
    }
    let centre_x = min_in_board.x + CARD_SIZE.x / 2.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lane = ((centre_x / LANE_WIDTH).floor().max(0.0) as usize).min(count - 1);
    let stage = project.stages()[lane].id.clone();
    let x = (min_in_board.x - lane_left(lane))
        .clamp(0.0, LANE_WIDTH - CARD_SIZE.x)
        .round();
    let y = (min_in_board.y - HEADER_HEIGHT).max(0.0).round();
    Some((stage, Position { x, y }))
}

/// The bounding box of everything worth showing: lanes and cards.
pub fn content_rect(project: &Project) -> Rect {
    board_rect(project)
}

/// Points along a link's curve, in board coordinates.
pub fn link_curve(from: Rect, to: Rect) -> [Pos2; 4] {
    let dx = to.center().x - from.center().x;
    let dy = to.center().y - from.center().y;
    if dx.abs() >= from.width() * 0.75 {
        // Mostly sideways: leave from the side facing the target.
        let (start, end, dir) = if dx > 0.0 {
            (from.right_center(), to.left_center(), 1.0)
        } else {
            (from.left_center(), to.right_center(), -1.0)
        };
        let bend = ((end.x - start.x).abs() * 0.45).max(40.0) * dir;
        [start, start + vec2(bend, 0.0), end - vec2(bend, 0.0), end]
    } else {
        // Same lane: leave from the top or bottom.
        let (start, end, dir) = if dy >= 0.0 {
            (from.center_bottom(), to.center_top(), 1.0)
        } else {
            (from.center_top(), to.center_bottom(), -1.0)
        };
        let bend = ((end.y - start.y).abs() * 0.45).max(30.0) * dir;
        let side = if dx.abs() < 1.0 {
            0.0
        } else {
            dx.signum() * 10.0
        };
        [start, start + vec2(side, bend), end - vec2(side, bend), end]
    }
}

/// Flattened link curve, for hit testing.
pub fn link_polyline(from: Rect, to: Rect) -> Vec<Pos2> {
    let curve = CubicBezierShape::from_points_stroke(
        link_curve(from, to),
        false,
        Color32::TRANSPARENT,
        Stroke::NONE,
    );
    curve.flatten(Some(0.5))
}

/// Distance from a point to a polyline.
pub fn distance_to_polyline(point: Pos2, line: &[Pos2]) -> f32 {
    line.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let ab = b - a;
            let t = if ab.length_sq() > 0.0 {
                ((point - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            point.distance(a + ab * t)
        })
        .fold(f32::INFINITY, f32::min)
}

/// Colour of a link kind.
pub fn link_colour(kind: LinkKind) -> Color32 {
    match kind {
        LinkKind::Flow => Color32::from_rgb(0x5b, 0x6b, 0x80),
        LinkKind::Alternative => Color32::from_rgb(0x8e, 0x6b, 0xd1),
        LinkKind::Recovery => Color32::from_rgb(0xe0, 0x7b, 0x24),
        LinkKind::Referral => Color32::from_rgb(0x2e, 0x9d, 0x5b),
    }
}

/// Colour for an emotion score: red (−2) through amber (0) to green (+2).
pub fn emotion_colour(emotion: Emotion) -> Color32 {
    const STOPS: [[u8; 3]; 5] = [
        [0xd6, 0x45, 0x45],
        [0xee, 0x8a, 0x3c],
        [0xe9, 0xc4, 0x46],
        [0x8c, 0xc8, 0x5a],
        [0x2e, 0x9d, 0x5b],
    ];
    let t = (emotion.value() + 2.0).clamp(0.0, 4.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = (t.floor() as usize).min(3);
    #[allow(clippy::cast_precision_loss)]
    let f = t - i as f32;
    let mix = |a: u8, b: u8| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = (f32::from(a) + (f32::from(b) - f32::from(a)) * f).round() as u8;
        v
    };
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    Color32::from_rgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]))
}

/// Colour that marks an owner on cards; grey for "no owner".
pub fn owner_colour(project: &Project, touchpoint: &Touchpoint) -> Color32 {
    touchpoint
        .owner
        .as_deref()
        .and_then(|o| project.owner(o))
        .map_or(Color32::from_rgb(0xa0, 0xa6, 0xb0), |o| {
            let [r, g, b] = o.colour.0;
            Color32::from_rgb(r, g, b)
        })
}

/// Paints the whole board with `painter`. Shapes outside the painter's clip rectangle are
/// skipped.
pub fn paint_board(painter: &Painter, project: &Project, view: BoardView, state: &PaintState<'_>) {
    let palette = state.theme.palette();
    let zoom = view.zoom();
    let to_screen = |r: Rect| view.screen_from_board.mul_rect(r);
    let clip = painter.clip_rect();

    // Lanes and headers, with each lane's card count (one pass over the cards).
    let lane_h = lane_height(project);
    let mut counts = vec![0_usize; project.stages().len()];
    for (_, t) in project.touchpoints() {
        if let Some(i) = project.stage_index(&t.stage) {
            counts[i] += 1;
        }
    }
    for (i, stage) in project.stages().iter().enumerate() {
        let lane = Rect::from_min_size(
            pos2(lane_left(i), 0.0),
            vec2(LANE_WIDTH, HEADER_HEIGHT + lane_h),
        );
        let lane_on_screen = to_screen(lane);
        if !lane_on_screen.intersects(clip) {
            continue;
        }
        painter.rect_filled(lane_on_screen, 0.0, palette.lane[i % 2]);
        let header = to_screen(Rect::from_min_size(
            pos2(lane_left(i) + 4.0, 4.0),
            vec2(LANE_WIDTH - 8.0, HEADER_HEIGHT - 12.0),
        ));
        painter.rect_filled(header, 6.0 * zoom, palette.header);
        let count = counts[i];
        text_in(
            painter,
            header.shrink(10.0 * zoom),
            &stage.name,
            FontId::new(15.0 * zoom, FontFamily::Proportional),
            palette.header_text,
            Align2::LEFT_CENTER,
        );
        text_in(
            painter,
            header.shrink(10.0 * zoom),
            &count.to_string(),
            FontId::new(12.0 * zoom, FontFamily::Proportional),
            palette.header_text.gamma_multiply(0.7),
            Align2::RIGHT_CENTER,
        );
        if i > 0 {
            painter.line_segment(
                [lane_on_screen.left_top(), lane_on_screen.left_bottom()],
                Stroke::new(1.0, palette.lane_line),
            );
        }
    }

    let offset_of = |id: TouchpointId| -> Vec2 {
        match state.dragging {
            Some((ids, delta)) if ids.contains(&id) => delta,
            _ => Vec2::ZERO,
        }
    };
    let rect_of = |id: TouchpointId| -> Option<Rect> {
        let t = project.touchpoint(id)?;
        Some(card_rect(project, t)?.translate(offset_of(id)))
    };

    // Links under the cards; their labels above them, so they stay readable.
    let mut labels = Vec::new();
    for (id, link) in project.links() {
        let (Some(from), Some(to)) = (rect_of(link.from), rect_of(link.to)) else {
            continue;
        };
        let curve = link_curve(from, to).map(|p| view.screen_from_board * p);
        let bounds = Rect::from_points(&curve).expand(20.0 * zoom);
        if !bounds.intersects(clip) {
            continue;
        }
        let selected = state.selected_link == Some(id);
        let colour = link_colour(link.kind);
        let width = if selected { 4.0 } else { 2.0 } * zoom.clamp(0.5, 2.0);
        if selected {
            paint_curve(
                painter,
                curve,
                Stroke::new(width + 4.0, palette.selection.gamma_multiply(0.35)),
                false,
            );
        }
        let dashed = matches!(link.kind, LinkKind::Alternative | LinkKind::Referral);
        paint_curve(painter, curve, Stroke::new(width, colour), dashed);
        paint_arrow_head(painter, curve, colour, width);
        if let Some(label) = link.label.as_deref().filter(|l| !l.is_empty()) {
            labels.push((curve, label, colour));
        }
    }

    // Cards; dragged ones last so they float above the rest.
    let dragged = |id: &TouchpointId| state.dragging.is_some_and(|(ids, _)| ids.contains(id));
    let order = project
        .touchpoints()
        .filter(|(id, _)| !dragged(id))
        .chain(project.touchpoints().filter(|(id, _)| dragged(id)));
    for (id, t) in order {
        let Some(rect) = rect_of(id) else { continue };
        let rect = to_screen(rect);
        if !rect.expand(HANDLE_RADIUS * 2.0 * zoom).intersects(clip) {
            continue;
        }
        let selected = state.selected.is_some_and(|s| s.contains(&id));
        paint_card(
            painter,
            project,
            t,
            rect,
            zoom,
            &palette,
            CardFlags {
                selected,
                hovered: state.hovered == Some(id),
                lifted: dragged(&id),
                hide_title: state.renaming == Some(id),
                picture_missing: state.missing_pictures.is_some_and(|m| m.contains(&id)),
                highlighted: state.highlighted.is_some_and(|h| h.contains(&id)),
            },
        );
    }
    for (curve, label, colour) in labels.into_iter().filter(|_| zoom >= 0.4) {
        let mid =
            CubicBezierShape::from_points_stroke(curve, false, Color32::TRANSPARENT, Stroke::NONE)
                .sample(0.5);
        let font = FontId::new(11.0 * zoom, FontFamily::Proportional);
        let width = LINK_LABEL_WIDTH * zoom;
        let label = fit_text(label, width, font.size, LINK_LABEL_ROWS);
        let mut job = LayoutJob::simple(label.into_owned(), font, colour, width);
        job.wrap.max_rows = LINK_LABEL_ROWS;
        let galley = bidi::layout(painter, job);
        let rect = Rect::from_center_size(mid, galley.size() + vec2(8.0, 4.0) * zoom);
        painter.rect_filled(rect, 4.0 * zoom, palette.label_bg);
        painter.galley(rect.min + vec2(4.0, 2.0) * zoom, galley, colour);
    }
}

#[derive(Clone, Copy)]
struct CardFlags {
    selected: bool,
    hovered: bool,
    lifted: bool,
    hide_title: bool,
    picture_missing: bool,
    highlighted: bool,
}

fn paint_card(
    painter: &Painter,
    project: &Project,
    t: &Touchpoint,
    rect: Rect,
    zoom: f32,
    palette: &Palette,
    flags: CardFlags,
) {
    let radius = 8.0 * zoom;
    if flags.lifted {
        painter.rect_filled(
            rect.translate(vec2(3.0, 5.0) * zoom),
            radius,
            Color32::from_black_alpha(40),
        );
    } else {
        // Only the strip below the card shows; painting just that keeps exports fast.
        let shadow = Rect::from_min_max(
            pos2(rect.min.x, rect.max.y - radius),
            rect.max + vec2(0.0, 1.5 * zoom),
        );
        painter.rect_filled(shadow, radius, Color32::from_black_alpha(18));
    }
    if flags.highlighted {
        let halo = Color32::from_rgb(0xd6, 0x45, 0x45);
        painter.rect_stroke(
            rect.expand(4.0 * zoom),
            radius + 4.0 * zoom,
            Stroke::new(5.0 * zoom, halo.gamma_multiply(0.35)),
            StrokeKind::Outside,
        );
        painter.rect_stroke(
            rect.expand(1.5 * zoom),
            radius + 1.5 * zoom,
            Stroke::new(2.0 * zoom, halo),
            StrokeKind::Outside,
        );
    }
    let border = if flags.selected {
        Stroke::new(2.5 * zoom.clamp(0.6, 1.5), palette.selection)
    } else {
        Stroke::new(1.0, palette.card_border)
    };
    painter.rect(rect, radius, palette.card, border, StrokeKind::Inside);
    // Owner stripe on the left edge.
    let stripe = Rect::from_min_size(rect.min, vec2(7.0 * zoom, rect.height()));
    painter.rect_filled(
        stripe,
        CornerRadius {
            nw: radius_u8(radius),
            sw: radius_u8(radius),
            ne: 0,
            se: 0,
        },
        owner_colour(project, t),
    );

    // Below ~40 % zoom text is unreadable: paint a title bar placeholder instead.
    let pad = 10.0 * zoom;
    let inner = Rect::from_min_max(
        rect.min + vec2(7.0 * zoom + pad, pad),
        rect.max - vec2(pad, pad),
    );
    if zoom < 0.4 {
        let bar = Rect::from_min_size(inner.min, vec2(inner.width() * 0.8, 10.0 * zoom));
        painter.rect_filled(bar, 2.0 * zoom, palette.subtext.gamma_multiply(0.5));
        paint_scores(
            painter,
            t,
            inner,
            zoom,
            palette,
            false,
            flags.picture_missing,
        );
        return;
    }

    let mut y = inner.min.y;
    if !flags.hide_title {
        let font = FontId::new(14.0 * zoom, FontFamily::Proportional);
        let title = if t.title.trim().is_empty() {
            "Untitled"
        } else {
            &t.title
        };
        let title = fit_text(title, inner.width(), font.size, 2);
        let mut job = LayoutJob::simple(title.into_owned(), font, palette.text, inner.width());
        job.wrap.max_rows = 2;
        let galley = bidi::layout(painter, job);
        y += galley.size().y;
        painter.galley(inner.min, galley, palette.text);
    } else {
        y += 18.0 * zoom;
    }
    let font = FontId::new(11.5 * zoom, FontFamily::Proportional);
    let owner_name = t
        .owner
        .as_deref()
        .and_then(|o| project.owner(o))
        .map_or("No owner", |o| o.name.as_str());
    let owner_name = fit_text(owner_name, inner.width(), font.size, 1);
    let mut job = LayoutJob::simple(
        format!("{} · {}", t.channel.label(), owner_name),
        font,
        palette.subtext,
        inner.width(),
    );
    job.wrap.max_rows = 1;
    let galley = bidi::layout(painter, job);
    painter.galley(pos2(inner.min.x, y + 3.0 * zoom), galley, palette.subtext);

    paint_scores(
        painter,
        t,
        inner,
        zoom,
        palette,
        true,
        flags.picture_missing,
    );

    if flags.hovered || flags.selected {
        painter.circle(
            handle_centre(rect, zoom),
            HANDLE_RADIUS * zoom,
            palette.card,
            Stroke::new(2.0 * zoom.clamp(0.6, 1.5), palette.selection),
        );
    }
}

fn radius_u8(r: f32) -> u8 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = r.clamp(0.0, 255.0) as u8;
    v
}

/// Centre of a card's link handle, in the same coordinates as `card_on_screen`.
pub fn handle_centre(card_on_screen: Rect, zoom: f32) -> Pos2 {
    card_on_screen.right_center() + vec2(HANDLE_RADIUS * 0.3 * zoom, 0.0)
}

/// Bottom row: emotion face, perception bar, initiative pill, badges.
fn paint_scores(
    painter: &Painter,
    t: &Touchpoint,
    inner: Rect,
    zoom: f32,
    palette: &Palette,
    text: bool,
    picture_missing: bool,
) {
    let row_h = 24.0 * zoom;
    let row = Rect::from_min_max(pos2(inner.min.x, inner.max.y - row_h), inner.max);
    let face_r = 11.0 * zoom;
    let face_c = pos2(row.min.x + face_r, row.center().y);
    paint_face(painter, face_c, face_r, t.emotion, palette.subtext);

    // Perception: five segments, half-filled for .5.
    let seg_w = 9.0 * zoom;
    let seg_h = 8.0 * zoom;
    let start = pos2(face_c.x + face_r + 8.0 * zoom, row.center().y - seg_h / 2.0);
    let half_steps = t.perception.map_or(0, Perception::half_steps);
    for i in 0..5_i8 {
        #[allow(clippy::cast_precision_loss)]
        let x = start.x + f32::from(i) * (seg_w + 2.0 * zoom);
        let seg = Rect::from_min_size(pos2(x, start.y), vec2(seg_w, seg_h));
        painter.rect_filled(seg, 2.0 * zoom, palette.lane_line);
        let filled = (half_steps - 2 * i).clamp(0, 2);
        if filled > 0 {
            let w = seg_w * f32::from(filled) / 2.0;
            let fill = Rect::from_min_size(seg.min, vec2(w, seg_h));
            painter.rect_filled(fill, 2.0 * zoom, Color32::from_rgb(0x1f, 0x7a, 0xe0));
        }
    }
    let bar_end = start.x + 5.0 * (seg_w + 2.0 * zoom);
    if text {
        let label = t
            .perception
            .map_or_else(|| "–".to_owned(), |p| p.to_string());
        painter.text(
            pos2(bar_end + 3.0 * zoom, row.center().y),
            Align2::LEFT_CENTER,
            label,
            FontId::new(11.0 * zoom, FontFamily::Proportional),
            palette.subtext,
        );
    }

    // Right side: pain-point and picture badges, then the initiative pill.
    let mut right = row.max.x;
    if t.picture.is_some() {
        let r = Rect::from_min_size(
            pos2(right - 16.0 * zoom, row.center().y - 6.0 * zoom),
            vec2(16.0, 12.0) * zoom,
        );
        painter.rect(
            r,
            2.0 * zoom,
            palette.card,
            Stroke::new(1.2 * zoom, palette.subtext),
            StrokeKind::Inside,
        );
        painter.add(Shape::convex_polygon(
            vec![
                pos2(r.min.x + 2.0 * zoom, r.max.y - 2.0 * zoom),
                pos2(r.center().x - 1.0 * zoom, r.min.y + 4.0 * zoom),
                pos2(r.max.x - 2.0 * zoom, r.max.y - 2.0 * zoom),
            ],
            palette.subtext,
            Stroke::NONE,
        ));
        if picture_missing {
            let red = Stroke::new(1.8 * zoom, Color32::from_rgb(0xd6, 0x45, 0x45));
            painter.line_segment([r.left_top(), r.right_bottom()], red);
            painter.line_segment([r.right_top(), r.left_bottom()], red);
        }
        right = r.min.x - 5.0 * zoom;
    }
    if !t.pain_points.is_empty() {
        let c = pos2(right - 8.0 * zoom, row.center().y);
        painter.circle_filled(c, 8.0 * zoom, Color32::from_rgb(0xd6, 0x45, 0x45));
        if text {
            painter.text(
                c,
                Align2::CENTER_CENTER,
                t.pain_points.len().min(99).to_string(),
                FontId::new(10.0 * zoom, FontFamily::Proportional),
                Color32::WHITE,
            );
        }
        right = c.x - 13.0 * zoom;
    }
    if text {
        let (label, colour) = match t.initiative {
            Initiative::Proactive => ("Proactive", Color32::from_rgb(0x13, 0x84, 0x7a)),
            Initiative::Reactive => ("Reactive", Color32::from_rgb(0xc0, 0x56, 0x1a)),
        };
        let galley = painter.layout_no_wrap(
            label.to_owned(),
            FontId::new(10.0 * zoom, FontFamily::Proportional),
            colour,
        );
        let size = galley.size() + vec2(10.0, 4.0) * zoom;
        let pill = Rect::from_min_size(pos2(right - size.x, row.center().y - size.y / 2.0), size);
        if pill.min.x > bar_end + 24.0 * zoom {
            painter.rect(
                pill,
                size.y / 2.0,
                colour.gamma_multiply(0.12),
                Stroke::new(1.0 * zoom, colour),
                StrokeKind::Inside,
            );
            painter.galley(pill.min + vec2(5.0, 2.0) * zoom, galley, colour);
        }
    }
}

/// A round face whose colour and smile follow the emotion; dashed outline and a "?"
/// when not scored.
pub fn paint_face(
    painter: &Painter,
    centre: Pos2,
    radius: f32,
    emotion: Option<Emotion>,
    ink: Color32,
) {
    let Some(emotion) = emotion else {
        let points: Vec<Pos2> = (0..=32)
            .map(|i| {
                #[allow(clippy::cast_precision_loss)]
                let a = i as f32 / 32.0 * std::f32::consts::TAU;
                centre + vec2(a.cos(), a.sin()) * radius
            })
            .collect();
        painter.extend(Shape::dashed_line(
            &points,
            Stroke::new(1.2, ink),
            radius * 0.3,
            radius * 0.25,
        ));
        painter.text(
            centre,
            Align2::CENTER_CENTER,
            "?",
            FontId::proportional(radius * 1.2),
            ink,
        );
        return;
    };
    painter.circle_filled(centre, radius, emotion_colour(emotion));
    let eye_y = centre.y - radius * 0.25;
    let eye_r = (radius * 0.12).max(0.8);
    let face_ink = Color32::from_rgb(0x2a, 0x22, 0x1c);
    painter.circle_filled(pos2(centre.x - radius * 0.35, eye_y), eye_r, face_ink);
    painter.circle_filled(pos2(centre.x + radius * 0.35, eye_y), eye_r, face_ink);
    let smile = emotion.value() / 2.0; // −1 … +1
    let mouth_y = centre.y + radius * 0.35 - smile * radius * 0.1;
    let left = pos2(centre.x - radius * 0.45, mouth_y);
    let right = pos2(centre.x + radius * 0.45, mouth_y);
    let control = pos2(centre.x, mouth_y + smile * radius * 0.5);
    painter.add(QuadraticBezierShape::from_points_stroke(
        [left, control, right],
        false,
        Color32::TRANSPARENT,
        Stroke::new((radius * 0.12).max(1.0), face_ink),
    ));
}

fn paint_curve(painter: &Painter, curve: [Pos2; 4], stroke: Stroke, dashed: bool) {
    if dashed {
        let points =
            CubicBezierShape::from_points_stroke(curve, false, Color32::TRANSPARENT, Stroke::NONE)
                .flatten(Some(0.3));
        painter.extend(Shape::dashed_line(
            &points,
            stroke,
            stroke.width * 4.0,
            stroke.width * 2.5,
        ));
    } else {
        painter.add(CubicBezierShape::from_points_stroke(
            curve,
            false,
            Color32::TRANSPARENT,
            PathStroke::new(stroke.width, stroke.color),
        ));
    }
}

fn paint_arrow_head(painter: &Painter, curve: [Pos2; 4], colour: Color32, width: f32) {
    let tip = curve[3];
    let dir = (curve[3] - curve[2]).normalized();
    let dir = if dir.is_finite() && dir != Vec2::ZERO {
        dir
    } else {
        vec2(1.0, 0.0)
    };
    let size = 4.0 * width + 4.0;
    let back = tip - dir * size;
    let normal = dir.rot90() * size * 0.5;
    painter.add(PathShape::convex_polygon(
        vec![tip, back + normal, back - normal],
        colour,
        Stroke::NONE,
    ));
}

fn text_in(
    painter: &Painter,
    rect: Rect,
    text: &str,
    font: FontId,
    colour: Color32,
    align: Align2,
) -> Arc<Galley> {
    let text = fit_text(text, rect.width(), font.size, 1);
    let mut job = LayoutJob::simple(text.into_owned(), font, colour, rect.width());
    job.wrap.max_rows = 1;
    let galley = bidi::layout(painter, job);
    let pos = align
        .anchor_size(align.pos_in_rect(&rect), galley.size())
        .min;
    painter.galley(pos, galley.clone(), colour);
    galley
}

/// The touchpoint whose card contains `pos_in_board` (topmost, i.e. highest id, wins).
pub fn card_at(project: &Project, pos_in_board: Pos2) -> Option<TouchpointId> {
    project
        .touchpoints()
        .filter(|(_, t)| card_rect(project, t).is_some_and(|r| r.contains(pos_in_board)))
        .map(|(id, _)| id)
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Touchpoint;

    #[test]
    fn placement_follows_the_lane_under_the_card_centre() {
        let p = Project::new("t");
        let (stage, pos) = placement_at(&p, pos2(LANE_WIDTH * 2.0 + 10.0, 200.0)).unwrap();
        assert_eq!(stage, "purchase");
        assert_eq!(
            pos,
            Position {
                x: 10.0,
                y: 200.0 - HEADER_HEIGHT
            }
        );
        // Far right clamps to the last lane; far up clamps to the top.
        let (stage, pos) = placement_at(&p, pos2(99_999.0, -50.0)).unwrap();
        assert_eq!(stage, "advocacy");
        assert_eq!(pos.y, 0.0);
        assert_eq!(pos.x, LANE_WIDTH - CARD_SIZE.x);
    }

    #[test]
    fn card_rect_round_trips_through_placement() {
        let mut p = Project::new("t");
        let t = Touchpoint {
            stage: "service".into(),
            position: Position { x: 20.0, y: 300.0 },
            ..Touchpoint::default()
        };
        let id = p.add_touchpoint(t).unwrap();
        let rect = card_rect(&p, p.touchpoint(id).unwrap()).unwrap();
        let (stage, pos) = placement_at(&p, rect.min).unwrap();
        assert_eq!(stage, "service");
        assert_eq!(pos, Position { x: 20.0, y: 300.0 });
        assert_eq!(card_at(&p, rect.center()), Some(id));
        assert_eq!(card_at(&p, rect.max + vec2(5.0, 5.0)), None);
    }

    #[test]
    fn emotion_colours_run_red_to_green() {
        let red = emotion_colour(Emotion::new(-2.0).unwrap());
        let green = emotion_colour(Emotion::new(2.0).unwrap());
        assert!(red.r() > red.g());
        assert!(green.g() > green.r());
    }

    /// Rows of the galley egui makes of `text` in a box: each row's characters and where
    /// they sit.
    fn laid_out(text: &str, width: f32, size: f32, rows: usize) -> Vec<Vec<(char, f32, f32)>> {
        let ctx = egui::Context::default();
        let mut out = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut job = LayoutJob::simple(
                text.to_owned(),
                FontId::proportional(size),
                Color32::BLACK,
                width,
            );
            job.wrap.max_rows = rows;
            let galley = ui.painter().layout_job(job);
            out = galley
                .rows
                .iter()
                .map(|row| {
                    row.glyphs
                        .iter()
                        .map(|g| (g.chr, g.pos.x + row.pos.x, row.pos.y))
                        .collect()
                })
                .collect();
        });
        output.textures_delta.clear();
        out
    }

    #[test]
    fn fitted_text_lays_out_exactly_as_the_whole_text() {
        let long = |unit: &str, n: usize| unit.repeat(n);
        let texts = [
            long("Touchpoint ", 400),
            long("i", 6_000),
            long(".", 6_000),
            long("word\n", 2_000),
            long("顧客", 3_000),
            long(" ", 6_000) + "x",
            long("\u{200a}", 6_000),
            long("Wi-Fi, ", 900),
            "Short title".to_owned(),
        ];
        // Card title, lane header, title block, link label, owner in the legend.
        let boxes = [
            (187.0, 14.0, 2),
            (232.0, 15.0, 1),
            (836.0, 26.0, 1),
            (LINK_LABEL_WIDTH, 11.0, LINK_LABEL_ROWS),
            (218.0, 11.0, 1),
            (187.0 * 3.0, 14.0 * 3.0, 2),
        ];
        for text in &texts {
            for (width, size, rows) in boxes {
                let fitted = fit_text(text, width, size, rows);
                assert_eq!(
                    laid_out(&fitted, width, size, rows),
                    laid_out(text, width, size, rows),
                    "{:?}… in {width} × {rows} rows at {size} pt",
                    text.chars().take(12).collect::<String>()
                );
            }
        }
    }

    #[test]
    fn fit_text_reads_only_what_can_be_shown() {
        assert!(matches!(
            fit_text("Short", 187.0, 14.0, 2),
            Cow::Borrowed("Short")
        ));
        let huge = "x".repeat(10_000_000);
        let fitted = fit_text(&huge, 187.0, 14.0, 2);
        let kept = fitted.chars().count();
        assert!(fitted.ends_with('…'));
        assert!((500..600).contains(&kept), "{kept}");
        // Twice the rows, twice the budget; no width, nothing but the ellipsis.
        assert_eq!(
            fit_text(&huge, 187.0, 14.0, 4).chars().count(),
            2 * kept - 1
        );
        assert_eq!(fit_text(&huge, f32::INFINITY, 14.0, 1), "…");
        assert_eq!(fit_text(&huge, -5.0, 14.0, 1), "xx…");
        // Multi-byte characters are cut at a character boundary.
        let wide = "é".repeat(1_000);
        assert_eq!(fit_text(&wide, 10.0, 10.0, 1).chars().count(), 20 + 2 + 1);
        // Zero-width characters are cut like any others.
        let invisible = "\u{200b}".repeat(1_000_000);
        assert_eq!(
            fit_text(&invisible, 187.0, 14.0, 1).chars().count(),
            270 + 1
        );
    }

    #[test]
    fn polyline_distance() {
        let line = [pos2(0.0, 0.0), pos2(10.0, 0.0)];
        assert_eq!(distance_to_polyline(pos2(5.0, 3.0), &line), 3.0);
        assert_eq!(distance_to_polyline(pos2(13.0, 4.0), &line), 5.0);
    }
}
