//! The lanes as a router sees them: where a line may cross a lane between its cards, and
//! how much room a gutter leaves beside them.

use super::{CLEARANCE, HALF_GUTTER, MIN_GAP, NARROW_GAP};
use crate::board::index::Filed;
use crate::board::layout::{HEADER_HEIGHT, lane_left};

/// The cards of every lane, each lane sorted by the top of its cards. All cards are the
/// same size, so their bottoms are in the same order.
pub(in crate::board) struct Lanes<'a> {
    pub(in crate::board) lanes: &'a [Vec<Filed>],
    /// Width of the board.
    pub(in crate::board) width: f32,
}

impl Lanes<'_> {
    pub(super) fn lane(&self, lane: usize) -> &[Filed] {
        self.lanes.get(lane).map_or(&[], Vec::as_slice)
    }

    /// Cards in `lane` that reach into the band from `top` to `bottom`.
    pub(super) fn in_band(&self, lane: usize, top: f32, bottom: f32) -> &[Filed] {
        let cards = self.lane(lane);
        let first = cards.partition_point(|c| c.rect.max.y < top);
        let rest = &cards[first..];
        let len = rest.partition_point(|c| c.rect.min.y <= bottom);
        &rest[..len]
    }

    /// The heights nearest `near`, above and below it, at which a line across `lane`
    /// passes between its cards (both `near` itself when it does), by [`passable`]; there
    /// may be none above.
    pub(super) fn free_ys(&self, lane: usize, near: f32) -> (Option<f32>, f32) {
        let cards = self.lane(lane);
        // Gap k is between card k − 1 (or the lane's top) and card k (or no end).
        let gap = |k: usize| {
            let top = k
                .checked_sub(1)
                .and_then(|i| cards.get(i))
                .map_or(HEADER_HEIGHT, |c| c.rect.max.y);
            let bottom = cards.get(k).map_or(f32::INFINITY, |c| c.rect.min.y);
            passable(top, bottom)
        };
        // The first gap that ends below `near`.
        let first = cards.partition_point(|c| c.rect.min.y <= near);
        let mut below = f32::INFINITY;
        for k in first..=cards.len() {
            if let Some((from, to)) = gap(k)
                && to >= near
            {
                below = from.max(near);
                break;
            }
        }
        let mut above = None;
        for k in (0..=first.min(cards.len())).rev() {
            if let Some((from, to)) = gap(k)
                && from <= near
            {
                above = Some(to.min(near));
                break;
            }
        }
        if !below.is_finite() {
            // Cards to the end of the lane could not say otherwise; below the last.
            below = cards.last().map_or(near, |c| c.rect.max.y + CLEARANCE);
        }
        (above, below)
    }

    /// How far apart lines across `lane` spread evenly about `y` may be, the outermost
    /// keeping half [`CLEARANCE`] from the cards above and below.
    pub(super) fn room_at(&self, lane: usize, y: f32) -> f32 {
        (2.0 * self.room_beside(lane, y) - CLEARANCE).max(0.0)
    }

    /// How far a line across `lane` at `y` is from the nearest card above or below it.
    pub(super) fn room_beside(&self, lane: usize, y: f32) -> f32 {
        let cards = self.lane(lane);
        let i = cards.partition_point(|c| c.rect.max.y <= y);
        let above = i
            .checked_sub(1)
            .map_or(HEADER_HEIGHT, |k| cards[k].rect.max.y);
        let below = cards.get(i).map_or(f32::INFINITY, |c| c.rect.min.y);
        (y - above).min(below - y)
    }

    /// Whether a line across `lane` at `y` passes between its cards ([`passable`]).
    pub(super) fn clear_at(&self, lane: usize, y: f32) -> bool {
        self.free_ys(lane, y) == (Some(y), y)
    }

    /// The free stretch of gutter `gutter` (between lane `gutter - 1` and lane `gutter`,
    /// so gutter 0 is left of the first lane) beside the band from `top` to `bottom`:
    /// from the right edge of the cards on its left to the left edge of those on its
    /// right.
    pub(super) fn gutter(&self, gutter: usize, top: f32, bottom: f32) -> (f32, f32) {
        let boundary = lane_left(gutter);
        let (top, bottom) = (top - CLEARANCE, bottom + CLEARANCE);
        let left = match gutter.checked_sub(1) {
            Some(lane) => self
                .in_band(lane, top, bottom)
                .iter()
                .map(|c| c.rect.max.x)
                .fold(boundary - HALF_GUTTER, f32::max),
            None => 0.0,
        };
        let right = if gutter < self.lanes.len() {
            self.in_band(gutter, top, bottom)
                .iter()
                .map(|c| c.rect.min.x)
                .fold(boundary + HALF_GUTTER, f32::min)
        } else {
            self.width.max(boundary)
        };
        (left, right)
    }
}

/// Where a line across a lane may run in the gap between a card's bottom `top` and the
/// next card's top `bottom`: [`CLEARANCE`] from both, or in the middle of a gap narrower
/// than [`NARROW_GAP`] (or than twice the clearance); `None` for a gap under
/// [`MIN_GAP`] or for overlapping cards.
fn passable(top: f32, bottom: f32) -> Option<(f32, f32)> {
    let width = bottom - top;
    if width.is_nan() || width < MIN_GAP {
        None
    } else if width < NARROW_GAP.max(2.0 * CLEARANCE) {
        let middle = (top + bottom) / 2.0;
        Some((middle, middle))
    } else {
        Some((top + CLEARANCE, bottom - CLEARANCE))
    }
}
