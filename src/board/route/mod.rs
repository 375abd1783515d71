//! Link routes: each link runs from a port on its first card's side to a port on its
//! second card's side through the gutters between lanes and the gaps between rows,
//! never across a card on the way, with rounded corners.
//!
//! - A link to a later stage leaves its card's right side, runs down or up the gutter
//!   to the right of the lane, crosses each lane in between through a gap between
//!   rows, and enters the target's left side; a link to an earlier stage does the same
//!   leftwards.
//! - A link within a lane goes straight down (or up) from card to card when no card is
//!   in between, and otherwise around them: down the gutter right of the lane, or up
//!   the one to its left (the first lane's go up on its right too).
//! - A lane is crossed in a gap between rows: through its middle when the gap is
//!   narrow (down to 4 points: the editor stacks cards 8 apart), else keeping
//!   [`CLEARANCE`] from both rows. Corners are tightened where a route runs close by a
//!   card, so they do not cut into it.
//! - Links that meet one side of a card get ports spread along it, in the order of
//!   their other ends, and links that share a stretch of gutter get tracks of their own
//!   side by side: parallel links are fanned out, not drawn over each other.
//!
//! Every route is a pure function of the cards' places and the links, so the canvas,
//! every export and every page draw the same route for a link. A [`Router`] keeps the
//! routes and what each was worked out from, and after an edit works out again only
//! the links the edit can reach (see `router.rs`); the board index keeps one and refiles
//! only the links whose route changed.

mod lanes;
mod line;
mod router;

pub(in crate::board) use lanes::Lanes;
pub use line::{Route, is_straight};
pub(in crate::board) use router::Router;

use egui::{Pos2, Rect, pos2};

use super::layout::{CARD_SIZE, LANE_WIDTH};
use crate::convert::f32_from_usize;
use crate::model::{LinkId, TouchpointId};

/// Space a route keeps from the cards it passes.
pub const CLEARANCE: f32 = 8.0;
/// Space between the ports of links meeting one side of a card.
const PORT_SPACING: f32 = 14.0;
/// Space between links side by side in a gutter.
const TRACK_SPACING: f32 = 8.0;
/// Half the space between the cards of two lanes, as placed by default.
const HALF_GUTTER: f32 = (LANE_WIDTH - CARD_SIZE.x) / 2.0;
/// A gap between rows narrower than this is crossed through its middle.
const NARROW_GAP: f32 = 80.0;
/// The narrowest gap between cards a link passes through (the editor keeps 8 points
/// between cards it places).
const MIN_GAP: f32 = 4.0;

/// One end of a link: the card, its lane and its rectangle (board points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct End {
    pub id: TouchpointId,
    pub lane: usize,
    pub rect: Rect,
}

/// A side of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Side {
    Right,
    Left,
    Top,
    Bottom,
}

/// How a link runs, before ports and tracks are chosen.
#[derive(Clone, Debug, PartialEq)]
enum Plan {
    /// Straight down or up its lane, from one card's bottom to the next one's top (or
    /// the other way).
    Column { down: bool },
    /// Out of one side, through `gutters` in order (crossing the lanes between them),
    /// into a side of the target.
    Gutters {
        from: Side,
        to: Side,
        gutters: Vec<usize>,
    },
}

impl Plan {
    fn sides(&self) -> (Side, Side) {
        match self {
            Self::Column { down: true } => (Side::Bottom, Side::Top),
            Self::Column { down: false } => (Side::Top, Side::Bottom),
            Self::Gutters { from, to, .. } => (*from, *to),
        }
    }
}

/// How the link between `from` and `to` runs.
fn plan(lanes: &Lanes<'_>, from: End, to: End) -> Plan {
    use std::cmp::Ordering;
    match from.lane.cmp(&to.lane) {
        Ordering::Less => Plan::Gutters {
            from: Side::Right,
            to: Side::Left,
            gutters: (from.lane + 1..=to.lane).collect(),
        },
        Ordering::Greater => Plan::Gutters {
            from: Side::Left,
            to: Side::Right,
            gutters: (to.lane + 1..=from.lane).rev().collect(),
        },
        Ordering::Equal => {
            let (a, b) = (from.rect, to.rect);
            let between = |upper: Rect, lower: Rect| {
                lanes
                    .in_band(from.lane, upper.max.y + 0.5, lower.min.y - 0.5)
                    .iter()
                    .any(|c| c.id != from.id && c.id != to.id)
            };
            let gap = MIN_GAP;
            if b.min.y >= a.max.y + gap && !between(a, b) {
                Plan::Column { down: true }
            } else if a.min.y >= b.max.y + gap && !between(b, a) {
                Plan::Column { down: false }
            } else if b.center().y >= a.center().y || from.lane == 0 {
                // Around the cards in between: down the gutter on the lane's right.
                Plan::Gutters {
                    from: Side::Right,
                    to: Side::Right,
                    gutters: vec![from.lane + 1],
                }
            } else {
                // Up the gutter on its left.
                Plan::Gutters {
                    from: Side::Left,
                    to: Side::Left,
                    gutters: vec![from.lane],
                }
            }
        }
    }
}

/// Where a link meets side `side` of `rect` when it is port `rank` of `count` there.
fn port(rect: Rect, side: Side, rank: usize, count: usize) -> Pos2 {
    let length = match side {
        Side::Left | Side::Right => rect.height(),
        Side::Top | Side::Bottom => rect.width(),
    };
    let count_f = f32_from_usize(count.max(1));
    let spacing = PORT_SPACING.min(length * 0.8 / count_f);
    let offset = (f32_from_usize(rank) - (count_f - 1.0) / 2.0) * spacing;
    match side {
        Side::Right => pos2(rect.max.x, rect.center().y + offset),
        Side::Left => pos2(rect.min.x, rect.center().y + offset),
        Side::Top => pos2(rect.center().x + offset, rect.min.y),
        Side::Bottom => pos2(rect.center().x + offset, rect.max.y),
    }
}

/// A stretch of a link's route down or up a gutter, waiting for its track.
#[derive(Clone, Debug)]
struct Leg {
    link: LinkId,
    /// Which of the link's legs.
    nth: usize,
    top: f32,
    bottom: f32,
    /// Where it goes among the legs beside it: the lowest leftmost.
    order: f32,
    /// The gutter's free stretch beside it.
    span: (f32, f32),
}

/// Gives each leg of a cluster in a gutter its place across, as `(link, nth, x)`. Legs
/// whose stretches overlap (or come within a track's spacing) form a cluster (see
/// [`clusters`]); in a cluster each leg, in its order, takes the track after the highest
/// one taken by an earlier leg beside it, so a leg shares a track with those it never
/// meets and keeps its order with those it does. The tracks are spread evenly about the
/// middle of the gutter, and each leg kept inside its own free stretch.
fn place_cluster(cluster: &[Leg]) -> Vec<(LinkId, usize, f32)> {
    let mut cluster = cluster.to_vec();
    cluster.sort_by(|a, b| a.order.total_cmp(&b.order).then(a.link.cmp(&b.link)));
    let tracks = layer(&cluster);
    let count = f32_from_usize(tracks.iter().max().map_or(1, |t| t + 1));
    // The gutter's width where most of the cluster runs: one card at a lane's edge
    // narrows only the legs beside it.
    let mut widths: Vec<(f32, f32)> = cluster.iter().map(|l| l.span).collect();
    widths.sort_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
    let Some(&(left, right)) = widths.get(widths.len() / 2) else {
        return Vec::new();
    };
    let room = (right - left - CLEARANCE).max(0.0);
    let spacing = if count > 1.0 {
        TRACK_SPACING.min(room / (count - 1.0))
    } else {
        0.0
    };
    cluster
        .iter()
        .zip(tracks)
        .map(|(leg, track)| {
            let x = (left + right) / 2.0 + (f32_from_usize(track) - (count - 1.0) / 2.0) * spacing;
            let (own_left, own_right) = leg.span;
            let x = if own_right - own_left > CLEARANCE {
                x.clamp(own_left + CLEARANCE / 2.0, own_right - CLEARANCE / 2.0)
            } else {
                (own_left + own_right) / 2.0
            };
            (leg.link, leg.nth, x)
        })
        .collect()
}

/// The clusters of a gutter's legs, sorted by their tops, as ranges with the lowest
/// bottom of their legs: runs of legs each of which starts within a track's spacing of
/// the lowest reach of those before it.
fn clusters(gutter: &[Leg]) -> Vec<(std::ops::Range<usize>, f32)> {
    let mut found = Vec::new();
    let mut start = 0;
    while let Some(first) = gutter.get(start) {
        let mut end = start + 1;
        let mut reach = first.bottom;
        while let Some(next) = gutter.get(end).filter(|l| l.top <= reach + TRACK_SPACING) {
            reach = reach.max(next.bottom);
            end += 1;
        }
        found.push((start..end, reach));
        start = end;
    }
    found
}

/// The order legs are kept in along a gutter: by top, bottom, then link.
fn leg_order(a: &Leg, b: &Leg) -> std::cmp::Ordering {
    a.top
        .total_cmp(&b.top)
        .then(a.bottom.total_cmp(&b.bottom))
        .then(a.link.cmp(&b.link))
}

/// The track of each leg of a cluster, in the cluster's order: one more than the highest
/// track of an earlier leg whose stretch (widened by a track's spacing) meets its own.
/// A segment tree over the stretches' ends keeps the highest track taken at each height,
/// so this takes n log n for n legs.
fn layer(cluster: &[Leg]) -> Vec<usize> {
    let mut ys: Vec<f32> = cluster
        .iter()
        .flat_map(|l| [l.top - TRACK_SPACING / 2.0, l.bottom + TRACK_SPACING / 2.0])
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup();
    let at = |y: f32| ys.partition_point(|v| *v < y);
    let mut tree = MaxTree::new(ys.len());
    cluster
        .iter()
        .map(|leg| {
            let (a, b) = (
                at(leg.top - TRACK_SPACING / 2.0),
                at(leg.bottom + TRACK_SPACING / 2.0),
            );
            let track = tree.max(a, b).map_or(0, |t| t + 1);
            tree.raise(a, b, track);
            track
        })
        .collect()
}

/// Highest value over ranges of slots, raised a range at a time.
struct MaxTree {
    size: usize,
    /// Highest value in each node's range (`None`: nothing yet).
    high: Vec<Option<usize>>,
    /// A value raised over the whole of a node's range, not yet passed to its children.
    pending: Vec<Option<usize>>,
}

impl MaxTree {
    fn new(slots: usize) -> Self {
        let size = slots.max(1).next_power_of_two();
        Self {
            size,
            high: vec![None; 2 * size],
            pending: vec![None; 2 * size],
        }
    }

    /// The highest value over slots `a..=b`.
    fn max(&self, a: usize, b: usize) -> Option<usize> {
        self.max_in(1, 0, self.size - 1, a, b)
    }

    fn max_in(&self, node: usize, lo: usize, hi: usize, a: usize, b: usize) -> Option<usize> {
        if b < lo || hi < a {
            return None;
        }
        if a <= lo && hi <= b {
            return self.high[node];
        }
        let mid = (lo + hi) / 2;
        let children =
            self.max_in(2 * node, lo, mid, a, b)
                .max(self.max_in(2 * node + 1, mid + 1, hi, a, b));
        children.max(self.pending[node])
    }

    /// Raises slots `a..=b` to at least `value`.
    fn raise(&mut self, a: usize, b: usize, value: usize) {
        self.raise_in(1, 0, self.size - 1, a, b, value);
    }

    fn raise_in(&mut self, node: usize, lo: usize, hi: usize, a: usize, b: usize, value: usize) {
        if b < lo || hi < a {
            return;
        }
        self.high[node] = self.high[node].max(Some(value));
        if a <= lo && hi <= b {
            self.pending[node] = self.pending[node].max(Some(value));
            return;
        }
        let mid = (lo + hi) / 2;
        self.raise_in(2 * node, lo, mid, a, b, value);
        self.raise_in(2 * node + 1, mid + 1, hi, a, b, value);
    }
}

/// The least room a route has beside its legs: from each stretch down a gutter to the
/// cards on either side of it, and from each run across a lane to the cards above and
/// below it.
fn corner_room(
    lanes: &Lanes<'_>,
    gutters: &[usize],
    spans: &[(f32, f32)],
    xs: &[f32],
    ys: &[f32],
) -> f32 {
    let mut room = f32::INFINITY;
    for ((left, right), x) in spans.iter().zip(xs) {
        room = room.min(x - left).min(right - x);
    }
    for (n, pair) in gutters.windows(2).enumerate() {
        let lane = pair[0].min(pair[1]);
        if let Some(y) = ys.get(n + 1) {
            room = room.min(lanes.room_beside(lane, *y));
        }
    }
    room.max(0.0)
}

/// A link's run across one or more lanes at one height.
#[derive(Clone, Debug)]
struct Crossing {
    link: LinkId,
    /// Which of the link's heights: `first..=last`.
    first: usize,
    last: usize,
    /// The lanes crossed, left to right.
    lanes: (usize, usize),
    y: f32,
}

/// The offset of track `track` from the middle, in tracks: 0, +1, −1, +2, −2 …
fn alternate(track: usize) -> f32 {
    let step = f32_from_usize(track.div_ceil(2));
    if track % 2 == 1 { step } else { -step }
}

/// The heights of a link through `gutters`: where it leaves (`start`), where it crosses
/// each lane between two gutters, and where it arrives (`end`). One height for every
/// lane crossed when one is clear in all of them; otherwise the clear height in each
/// nearest the straight line from start to end.
///
/// Also the lowest and highest height it looked at (every height a lane offered): a
/// card that comes or goes farther than [`router::REACH`] outside them cannot change
/// the answer.
fn crossings(lanes: &Lanes<'_>, gutters: &[usize], start: f32, end: f32) -> (Vec<f32>, (f32, f32)) {
    let crossed: Vec<usize> = gutters
        .windows(2)
        .map(|pair| pair[0].min(pair[1]))
        .collect();
    let mut ys = Vec::with_capacity(gutters.len() + 1);
    ys.push(start);
    let mut seen = (start.min(end), start.max(end));
    let mut see = |y: f32| seen = (seen.0.min(y), seen.1.max(y));
    if !crossed.is_empty() {
        // One height for all: the start's or the end's if clear, or else the clear
        // height nearest both among those each lane offers.
        let clear = |y: &f32| crossed.iter().all(|lane| lanes.clear_at(*lane, *y));
        let cost = |y: f32| (y - start).abs() + (y - end).abs();
        let common = [start, end].into_iter().find(clear).or_else(|| {
            let mut offered = vec![(start + end) / 2.0];
            for lane in &crossed {
                for near in [start, end] {
                    let (above, below) = lanes.free_ys(*lane, near);
                    // No way across above: a gap opening anywhere above is one.
                    see(above.unwrap_or(f32::NEG_INFINITY));
                    offered.extend(above);
                    offered.push(below);
                }
            }
            for y in &offered {
                see(*y);
            }
            let best = offered
                .into_iter()
                .filter(clear)
                .min_by(|a, b| cost(*a).total_cmp(&cost(*b)));
            // A height that costs no more than the best lies this close to the line.
            if let Some(best) = best {
                let beyond = (start.min(end) - best).max(best - start.max(end)).max(0.0);
                see(start.min(end) - beyond);
                see(start.max(end) + beyond);
            }
            best
        });
        let steps = f32_from_usize(crossed.len() + 1);
        for (n, lane) in crossed.iter().enumerate() {
            let y = match common {
                Some(y) => y,
                None => {
                    let t = f32_from_usize(n + 1) / steps;
                    let near = start + (end - start) * t;
                    let (above, below) = lanes.free_ys(*lane, near);
                    let y = match above {
                        Some(above) if near - above < below - near => above,
                        _ => below,
                    };
                    // Any height nearer than the one found, and any way across at all.
                    let off = (y - near).abs();
                    see(near - off);
                    see(near + off);
                    see(above.unwrap_or(f32::NEG_INFINITY));
                    see(below);
                    y
                }
            };
            ys.push(y);
        }
    }
    ys.push(end);
    (ys, seen)
}

/// The route of a single link between cards at `from` and `to`, with no other link to
/// make room for (a link being drawn, or one whose card is being dragged).
pub(super) fn route_alone(lanes: &Lanes<'_>, from: End, to: End) -> Route {
    let mut router = Router::default();
    router.update(lanes, &[(LinkId(0), Some((from, to)))], &[]);
    router
        .route(LinkId(0))
        .cloned()
        .unwrap_or_else(|| Route::rounded(&[from.rect.center(), to.rect.center()]))
}
