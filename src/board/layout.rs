//! Where things are on the board, in board coordinates: lanes, cards, link handles, and
//! where a dropped card lands. The canvas, the exports and the importers' stacking rule
//! (`model::layout`) agree through these numbers.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::layout::{CARD_GAP, CARD_HEIGHT, CARD_WIDTH, ROW_STEP};
use crate::model::{Position, Project, StageId, Touchpoint, TouchpointId};

/// Width of one stage lane.
pub const LANE_WIDTH: f32 = 280.0;
/// Height of the lane header that shows the stage name.
pub const HEADER_HEIGHT: f32 = 52.0;
/// Size of a touchpoint card.
pub const CARD_SIZE: Vec2 = vec2(CARD_WIDTH, CARD_HEIGHT);
/// Space between a card's edge (or its owner stripe) and its picture frame.
pub const FRAME_INSET: f32 = 6.0;
/// Height of the picture frame at the top of a card; the frame is as wide as the card
/// inside its owner stripe and insets (205 points), so pictures show at about 2:1.
pub const FRAME_HEIGHT: f32 = 104.0;
/// Width of the owner stripe on a card's left edge.
pub const STRIPE_WIDTH: f32 = 7.0;
/// Lanes are at least this tall, so an empty board still has room to drop cards.
pub const MIN_LANE_HEIGHT: f32 = 520.0;
/// Space kept below the lowest card.
const LANE_BOTTOM_MARGIN: f32 = 120.0;
/// Radius of the link handle on a card's right edge.
pub const HANDLE_RADIUS: f32 = 7.0;
/// Widest a link label gets before it wraps, in board points.
pub const LINK_LABEL_WIDTH: f32 = 200.0;
/// Rows a link label may take; the rest is elided.
pub(super) const LINK_LABEL_ROWS: usize = 2;

// Cards stacked by importers and the generator (one per `ROW_STEP`) never overlap.
const _: () = assert!(ROW_STEP >= CARD_SIZE.y + CARD_GAP);

/// Left edge of lane `index`.
pub fn lane_left(index: usize) -> f32 {
    crate::convert::f32_from_usize(index) * LANE_WIDTH
}

/// Height of the lanes below their headers.
pub fn lane_height(project: &Project) -> f32 {
    let lowest = project
        .touchpoints()
        .map(|(_, t)| t.position.y.max(0.0) + CARD_SIZE.y)
        .fold(0.0_f32, f32::max);
    lane_height_below(lowest)
}

/// Height of the lanes when the lowest card's bottom edge is `lowest` below their top.
pub(super) fn lane_height_below(lowest: f32) -> f32 {
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

/// The rectangle of a card at `position` in lane `lane`.
pub(super) fn card_rect_in_lane(lane: usize, position: Position) -> Rect {
    let x = lane_left(lane) + position.x.clamp(0.0, LANE_WIDTH - CARD_SIZE.x);
    let y = HEADER_HEIGHT + position.y.max(0.0);
    Rect::from_min_size(pos2(x, y), CARD_SIZE)
}

/// The picture frame of a card on screen (`card` from [`card_rect`] mapped to the screen).
pub fn frame_rect(card: Rect, zoom: f32) -> Rect {
    Rect::from_min_size(
        card.min + vec2(STRIPE_WIDTH + FRAME_INSET, FRAME_INSET) * zoom,
        vec2(CARD_SIZE.x - STRIPE_WIDTH - 2.0 * FRAME_INSET, FRAME_HEIGHT) * zoom,
    )
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
    let lane = crate::convert::floor_to_usize(centre_x / LANE_WIDTH).min(count - 1);
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

/// The touchpoint whose card contains `pos_in_board` (topmost, i.e. highest id, wins).
pub fn card_at(project: &Project, pos_in_board: Pos2) -> Option<TouchpointId> {
    project
        .touchpoints()
        .filter(|(_, t)| card_rect(project, t).is_some_and(|r| r.contains(pos_in_board)))
        .map(|(id, _)| id)
        .last()
}

/// Centre of a card's link handle, in the same coordinates as `card_on_screen`.
pub fn handle_centre(card_on_screen: Rect, zoom: f32) -> Pos2 {
    handle_centres(card_on_screen, zoom)[0]
}

/// Centres of a card's four link handles, one on each side: right (the first), left,
/// top, bottom. A link can start from any of them.
pub fn handle_centres(card_on_screen: Rect, zoom: f32) -> [Pos2; 4] {
    let out = HANDLE_RADIUS * 0.3 * zoom;
    [
        card_on_screen.right_center() + vec2(out, 0.0),
        card_on_screen.left_center() - vec2(out, 0.0),
        card_on_screen.center_top() - vec2(0.0, out),
        card_on_screen.center_bottom() + vec2(0.0, out),
    ]
}

/// What each of [`handle_centres`] is called, for screen readers and tests.
pub const HANDLE_SIDES: [&str; 4] = ["", " (left)", " (top)", " (bottom)"];

/// Distance from a point to a polyline.
pub fn distance_to_polyline(point: Pos2, line: &[Pos2]) -> f32 {
    line.windows(2)
        .map(|w| distance_to_segment(point, w[0], w[1]))
        .fold(f32::INFINITY, f32::min)
}

/// Distance from a point to the segment from `a` to `b`.
pub(super) fn distance_to_segment(point: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((point - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    point.distance(a + ab * t)
}
