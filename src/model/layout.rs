//! Where generated and imported cards go: stacked down their lane, one row per card, and
//! the limits every writer of positions shares with the loader.

use super::Position;

/// Largest coordinate magnitude a project may hold (board points). The loader refuses
/// anything beyond it, so everything that writes positions stays inside it.
pub const MAX_COORDINATE: f32 = 1.0e6;

/// Inset of the first card from the lane's left edge and from the top of the lanes.
pub const LANE_INSET: f32 = 28.0;

/// Vertical distance between cards stacked in a lane.
pub const ROW_STEP: f32 = 150.0;

/// How many cards can be stacked in one lane before their positions leave
/// [`MAX_COORDINATE`]: 6,666.
pub const MAX_STACKED_ROWS: usize =
    crate::convert::truncate_to_usize((MAX_COORDINATE - LANE_INSET) / ROW_STEP) + 1;

/// Position of the card in row `row` (0-based) of a lane, or `None` beyond
/// [`MAX_STACKED_ROWS`].
pub fn stacked_position(row: usize) -> Option<Position> {
    if row >= MAX_STACKED_ROWS {
        return None;
    }
    let y = LANE_INSET + crate::convert::f32_from_usize(row) * ROW_STEP;
    Some(Position { x: LANE_INSET, y })
}

/// Least gap kept between a card placed by [`free_position`] and its neighbours.
pub const CARD_GAP: f32 = 8.0;

/// Where a card of `size` (width, height) goes in a lane near `wanted`: `wanted` itself
/// if no card at `taken` (positions in the same lane) overlaps it, otherwise the first
/// place below it in the lane's column of stacked rows that is clear of every card, at
/// least [`CARD_GAP`] from each. `None` when the lane is full down to
/// [`MAX_COORDINATE`].
pub fn free_position(taken: &[Position], size: (f32, f32), wanted: Position) -> Option<Position> {
    let (w, h) = size;
    let clear = |p: Position| {
        taken
            .iter()
            .all(|t| (t.x - p.x).abs() >= w + CARD_GAP || (t.y - p.y).abs() >= h + CARD_GAP)
    };
    if clear(wanted) {
        return Some(wanted);
    }
    // Walk down past the cards in the way: each step goes just below the lowest card
    // overlapping the candidate, so a lane of n cards takes at most n steps.
    let mut candidate = Position {
        x: wanted.x,
        y: wanted.y,
    };
    for _ in 0..=taken.len() {
        let blocking = taken
            .iter()
            .filter(|t| {
                (t.x - candidate.x).abs() < w + CARD_GAP && (t.y - candidate.y).abs() < h + CARD_GAP
            })
            .map(|t| t.y)
            .fold(None, |lowest: Option<f32>, y| {
                Some(lowest.map_or(y, |l| l.max(y)))
            });
        match blocking {
            None => return (candidate.y <= MAX_COORDINATE).then_some(candidate),
            Some(y) => candidate.y = y + h + CARD_GAP,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_row_fits_and_the_next_does_not() {
        let last = stacked_position(MAX_STACKED_ROWS - 1).unwrap();
        assert!(last.y <= MAX_COORDINATE);
        assert!(last.y + ROW_STEP > MAX_COORDINATE);
        assert_eq!(stacked_position(MAX_STACKED_ROWS), None);
        assert_eq!(stacked_position(0), Some(Position { x: 28.0, y: 28.0 }));
    }

    fn at(x: f32, y: f32) -> Position {
        Position { x, y }
    }

    #[test]
    fn a_free_position_is_the_wanted_one_or_the_first_clear_one_below() {
        let size = (224.0, 120.0);
        // An empty lane, or a spot clear of the cards: where it was wanted.
        assert_eq!(
            free_position(&[], size, at(28.0, 40.0)),
            Some(at(28.0, 40.0))
        );
        let taken = [at(28.0, 28.0), at(28.0, 178.0), at(28.0, 500.0)];
        assert_eq!(
            free_position(&taken, size, at(28.0, 320.0)),
            Some(at(28.0, 320.0))
        );
        // On the first card: below the second, which is in the way too.
        let placed = free_position(&taken, size, at(28.0, 30.0)).unwrap();
        assert_eq!(placed, at(28.0, 178.0 + 120.0 + CARD_GAP));
        // The result never overlaps a card, wherever it was wanted.
        for y in (0..800_u16).step_by(7) {
            let y = f32::from(y);
            let p = free_position(&taken, size, at(28.0, y)).unwrap();
            assert!(p.y >= y);
            for t in &taken {
                assert!(
                    (t.y - p.y).abs() >= 120.0 + CARD_GAP,
                    "{p:?} overlaps {t:?}"
                );
            }
        }
        // A lane full to the coordinate limit has no room.
        let full = [at(28.0, MAX_COORDINATE - 60.0)];
        assert_eq!(
            free_position(&full, size, at(28.0, MAX_COORDINATE - 50.0)),
            None
        );
    }
}
