//! Where generated and imported cards go: stacked down their lane, one row per card, and
//! the limits every writer of positions shares with the loader.

use super::Position;

/// Largest coordinate magnitude a project may hold (board points). The loader refuses
/// anything beyond it, so everything that writes positions stays inside it.
pub const MAX_COORDINATE: f32 = 2.0e6;

/// Inset of the first card from the lane's left edge and from the top of the lanes.
pub const LANE_INSET: f32 = 28.0;

/// Width of a touchpoint card, in board points.
pub const CARD_WIDTH: f32 = 224.0;
/// Height of a touchpoint card, in board points: its picture frame, title, channel and
/// score row.
pub const CARD_HEIGHT: f32 = 228.0;

/// Vertical distance between cards stacked in a lane (format version 2: cards carry a
/// picture frame above their text).
pub const ROW_STEP: f32 = 256.0;

/// The row step of format version 1, whose cards had no frame; see
/// [`migrate_v1_positions`].
pub const ROW_STEP_V1: f32 = 150.0;

/// How many cards can be stacked in one lane before their positions leave
/// [`MAX_COORDINATE`]: 7,813.
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

/// Largest coordinate magnitude of format version 1 (board points).
pub const MAX_COORDINATE_V1: f32 = 1.0e6;

/// Moves the cards of a version 1 file to where a version 2 board has them. Version 2
/// cards are taller (a picture frame sits above the text), so each lane is stretched
/// downwards by `ROW_STEP / ROW_STEP_V1` from its first row: a card that was in row `r` of
/// a stacked lane is in row `r` again. A card that would now overlap the card above it
/// moves down just below it, so the order stays; `x` never changes. All cards of a lane
/// are drawn in one column (a lane is narrower than two cards), so the one above is the
/// previous in height order. `lane` holds the positions of one lane's cards, in the
/// file's order.
pub fn migrate_v1_positions(lane: &mut [Position]) {
    let stretch = ROW_STEP / ROW_STEP_V1;
    for p in lane.iter_mut() {
        // The board draws a card above the lanes' top at the top.
        p.y = p.y.max(0.0);
        if p.y > LANE_INSET {
            p.y = (LANE_INSET + (p.y - LANE_INSET) * stretch)
                .round()
                .min(MAX_COORDINATE);
        }
    }
    // Top to bottom; equal heights keep the file's order (a stable sort).
    let mut order: Vec<usize> = (0..lane.len()).collect();
    order.sort_by(|&a, &b| lane[a].y.total_cmp(&lane[b].y));
    let mut lowest: Option<f32> = None;
    for i in order {
        if let Some(above) = lowest {
            lane[i].y = lane[i]
                .y
                .max(above + CARD_HEIGHT + CARD_GAP)
                .min(MAX_COORDINATE);
        }
        lowest = Some(lane[i].y);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_row_fits_and_the_next_does_not() {
        let last = stacked_position(MAX_STACKED_ROWS - 1).unwrap();
        assert!(last.y <= MAX_COORDINATE);
        assert!(last.y + ROW_STEP > MAX_COORDINATE);
        assert_eq!(MAX_STACKED_ROWS, 7_813);
        assert_eq!(stacked_position(MAX_STACKED_ROWS), None);
        assert_eq!(stacked_position(0), Some(Position { x: 28.0, y: 28.0 }));
    }

    #[test]
    fn version_1_lanes_stretch_to_the_new_rows_without_overlaps() {
        // Stacked rows land on stacked rows again.
        let mut lane: Vec<Position> = (0..4).filter_map(stacked_position_v1).collect();
        migrate_v1_positions(&mut lane);
        let expected: Vec<Position> = (0..4).filter_map(stacked_position).collect();
        assert_eq!(lane, expected);
        // Cards 125 apart did not overlap at 120 high; stretched they would: pushed below,
        // in their order. One above the first row stays where it was.
        let mut lane = vec![
            at(28.0, 153.0),
            at(28.0, 28.0),
            at(30.0, 10.0),
            at(28.0, 600.0),
        ];
        migrate_v1_positions(&mut lane);
        assert_eq!(lane[2], at(30.0, 10.0));
        assert_eq!(lane[1], at(28.0, 10.0 + CARD_HEIGHT + CARD_GAP));
        assert_eq!(lane[0], at(28.0, lane[1].y + CARD_HEIGHT + CARD_GAP));
        assert_eq!(
            lane[3],
            at(28.0, (28.0 + 572.0 * ROW_STEP / ROW_STEP_V1).round())
        );
        let mut ys: Vec<f32> = lane.iter().map(|p| p.y).collect();
        ys.sort_by(f32::total_cmp);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= CARD_HEIGHT + CARD_GAP));
        // Cards stored at another x are in the same column on the board: still apart.
        let mut lane = vec![
            at(0.0, 100.0),
            at(0.0, 101.0),
            at(500.0, 150.0),
            at(0.0, 260.0),
        ];
        migrate_v1_positions(&mut lane);
        let mut ys: Vec<f32> = lane.iter().map(|p| p.y).collect();
        ys.sort_by(f32::total_cmp);
        assert!(
            ys.windows(2).all(|w| w[1] - w[0] >= CARD_HEIGHT + CARD_GAP),
            "{ys:?}"
        );
        // Cards above the lanes' top were drawn at the top: apart now too.
        let mut lane = vec![at(28.0, -300.0), at(28.0, -10.0)];
        migrate_v1_positions(&mut lane);
        assert_eq!(lane[0].y, 0.0);
        assert_eq!(lane[1].y, CARD_HEIGHT + CARD_GAP);
        // The farthest version 1 coordinate stays inside the limit.
        let mut lane = vec![at(0.0, 1.0e6)];
        migrate_v1_positions(&mut lane);
        assert!(lane[0].y <= MAX_COORDINATE);
    }

    fn stacked_position_v1(row: usize) -> Option<Position> {
        let y = LANE_INSET + crate::convert::f32_from_usize(row) * ROW_STEP_V1;
        Some(at(LANE_INSET, y))
    }

    fn at(x: f32, y: f32) -> Position {
        Position { x, y }
    }

    #[test]
    fn a_free_position_is_the_wanted_one_or_the_first_clear_one_below() {
        let size = (CARD_WIDTH, CARD_HEIGHT);
        // An empty lane, or a spot clear of the cards: where it was wanted.
        assert_eq!(
            free_position(&[], size, at(28.0, 40.0)),
            Some(at(28.0, 40.0))
        );
        let taken = [at(28.0, 28.0), at(28.0, 284.0), at(28.0, 800.0)];
        assert_eq!(
            free_position(&taken, size, at(28.0, 520.0)),
            Some(at(28.0, 520.0))
        );
        // On the first card: below the second, which is in the way too.
        let placed = free_position(&taken, size, at(28.0, 30.0)).unwrap();
        assert_eq!(placed, at(28.0, 284.0 + CARD_HEIGHT + CARD_GAP));
        // The result never overlaps a card, wherever it was wanted.
        for y in (0..1200_u16).step_by(7) {
            let y = f32::from(y);
            let p = free_position(&taken, size, at(28.0, y)).unwrap();
            assert!(p.y >= y);
            for t in &taken {
                assert!(
                    (t.y - p.y).abs() >= CARD_HEIGHT + CARD_GAP,
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
