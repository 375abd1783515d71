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
}
