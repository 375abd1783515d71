//! Link curves cut to what is in view before they are flattened and dashed.
//!
//! A link between two cards far apart on a tall board is mostly off screen at 100 %; the
//! part in view is found by splitting the curve in halves and dropping every half whose
//! control points lie outside the view, so the cost follows what is shown, not the
//! curve's length. The parts that remain are flattened to polylines ("runs"), each with
//! the arc length of the curve before it, so dashes keep their place along the curve as
//! the board pans.

use egui::{Pos2, Rect, Stroke};

use super::layout::distance_to_segment;

/// Deepest split: a curve of 2²⁴ points' length is still cut into pieces of a point.
const MAX_DEPTH: u32 = 24;

/// A visible stretch of a curve: its points and how far along the curve it starts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Run {
    /// The arc length of the curve before the run's first point.
    pub start: f32,
    /// The flattened stretch.
    pub points: Vec<Pos2>,
}

/// The stretches of the cubic Bézier `curve` that come within `clip`, flattened so that
/// no point of the curve is farther than `tolerance` from them. Parts wholly outside
/// `clip` are skipped, and no run reaches farther from `clip` than its own size (so what
/// is drawn along a run, such as dashes, stays near the view); consecutive visible pieces
/// form one run.
pub(super) fn visible_runs(curve: [Pos2; 4], clip: Rect, tolerance: f32) -> Vec<Run> {
    let mut walk = Walk {
        clip,
        near: clip.expand(clip.width().max(clip.height())),
        tolerance: tolerance.max(0.01),
        runs: Vec::new(),
        open: false,
        length: 0.0,
    };
    walk.piece(curve, 0);
    walk.runs
}

struct Walk {
    clip: Rect,
    /// Where a flat piece may end and still be drawn whole.
    near: Rect,
    tolerance: f32,
    runs: Vec<Run>,
    /// True while the last run is still being extended.
    open: bool,
    /// Arc length so far.
    length: f32,
}

impl Walk {
    fn piece(&mut self, p: [Pos2; 4], depth: u32) {
        if !Rect::from_points(&p).intersects(self.clip) {
            self.open = false;
            self.length += estimated_length(p);
            return;
        }
        let bounds = Rect::from_points(&p);
        if depth >= MAX_DEPTH || (flat_enough(p, self.tolerance) && self.near.contains_rect(bounds))
        {
            if !self.open {
                self.runs.push(Run {
                    start: self.length,
                    points: vec![p[0]],
                });
                self.open = true;
            }
            if let Some(run) = self.runs.last_mut() {
                run.points.push(p[3]);
            }
            self.length += p[0].distance(p[3]);
            return;
        }
        let (left, right) = split(p);
        self.piece(left, depth + 1);
        self.piece(right, depth + 1);
    }
}

/// The curve's two halves (de Casteljau at t = ½).
pub(super) fn split(p: [Pos2; 4]) -> ([Pos2; 4], [Pos2; 4]) {
    let mid = |a: Pos2, b: Pos2| a + (b - a) * 0.5;
    let (p01, p12, p23) = (mid(p[0], p[1]), mid(p[1], p[2]), mid(p[2], p[3]));
    let (p012, p123) = (mid(p01, p12), mid(p12, p23));
    let centre = mid(p012, p123);
    ([p[0], p01, p012, centre], [centre, p123, p23, p[3]])
}

/// True when the inner control points are within `tolerance` of the chord, so the chord
/// is within `tolerance` of the curve.
fn flat_enough(p: [Pos2; 4], tolerance: f32) -> bool {
    distance_to_segment(p[1], p[0], p[3]) <= tolerance
        && distance_to_segment(p[2], p[0], p[3]) <= tolerance
}

/// A piece's arc length from its chord and control polygon (exact for a straight piece;
/// the curve's length lies between the two).
pub(super) fn estimated_length(p: [Pos2; 4]) -> f32 {
    let chord = p[0].distance(p[3]);
    let polygon = p[0].distance(p[1]) + p[1].distance(p[2]) + p[2].distance(p[3]);
    (chord + polygon) * 0.5
}

/// Dashes along `run`, in step with dashes drawn from the start of the whole curve
/// (`dash`, then `gap`, repeated).
pub(super) fn dash_run(run: &Run, stroke: Stroke, dash: f32, gap: f32, out: &mut Vec<egui::Shape>) {
    let period = dash + gap;
    if period.is_nan() || period <= 0.0 || run.points.len() < 2 {
        return;
    }
    // The first dash that starts at or after the run's start, or the one still being
    // drawn there (a negative offset starts it before the run's first point).
    let next = (-run.start).rem_euclid(period);
    let offset = if next > gap { next - period } else { next };
    egui::Shape::dashed_line_many_with_offset(&run.points, stroke, &[dash], &[gap], offset, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::CubicBezierShape;
    use egui::{Color32, pos2, vec2};

    fn sample(curve: [Pos2; 4], t: f32) -> Pos2 {
        CubicBezierShape::from_points_stroke(curve, false, Color32::TRANSPARENT, Stroke::NONE)
            .sample(t)
    }

    fn distance_to_runs(point: Pos2, runs: &[Run]) -> f32 {
        runs.iter()
            .flat_map(|r| r.points.windows(2))
            .map(|w| distance_to_segment(point, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }

    /// A long link from the bottom of one lane back to the top of the first.
    const TALL: [Pos2; 4] = [
        pos2(1500.0, 400_000.0),
        pos2(1500.0, 220_000.0),
        pos2(100.0, 180_000.0),
        pos2(100.0, 50.0),
    ];

    #[test]
    fn every_point_of_the_curve_in_view_is_on_a_run() {
        let clip = Rect::from_min_size(pos2(0.0, 199_000.0), vec2(1600.0, 1000.0));
        let runs = visible_runs(TALL, clip, 0.3);
        assert_eq!(runs.len(), 1, "{runs:?}");
        let mut inside = 0;
        for i in 0..=200_000 {
            let p = sample(TALL, i as f32 / 200_000.0);
            if clip.contains(p) {
                inside += 1;
                assert!(distance_to_runs(p, &runs) <= 0.35, "{p:?}");
            }
        }
        assert!(inside > 100, "{inside}");
        // Only what is near the view was flattened: a few hundred points, not the
        // thousands the whole curve takes, none far from the view.
        let points: usize = runs.iter().map(|r| r.points.len()).sum();
        assert!(points < 300, "{points}");
        let near = clip.expand(1600.0);
        assert!(
            runs.iter()
                .flat_map(|r| &r.points)
                .all(|p| near.contains(*p))
        );
    }

    #[test]
    fn runs_start_where_the_curve_has_come_so_far() {
        // The whole curve in view: one run from 0 whose length is the curve's.
        let all = Rect::from_min_max(pos2(-10.0, -10.0), pos2(2000.0, 500_000.0));
        let whole = visible_runs(TALL, all, 0.3);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].start, 0.0);
        let points = &whole[0].points;
        let length: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
        // Cut to a window, the run starts at the arc length of the curve before it.
        let clip = Rect::from_min_size(pos2(0.0, 199_000.0), vec2(1600.0, 1000.0));
        let cut = visible_runs(TALL, clip, 0.3);
        let first = cut[0].points[0];
        let mut before = 0.0;
        for w in points.windows(2) {
            if w[1].y < first.y - 0.5 && w[0].y >= first.y - 0.5 {
                before += w[0].distance(first);
                break;
            }
            before += w[0].distance(w[1]);
        }
        assert!(
            (cut[0].start - before).abs() < 1.0,
            "{} vs {before} of {length}",
            cut[0].start
        );
    }

    #[test]
    fn a_curve_out_of_view_has_no_runs_and_one_crossing_it_three_times_has_three() {
        let clip = Rect::from_min_size(pos2(5_000.0, 0.0), vec2(100.0, 100.0));
        assert!(visible_runs(TALL, clip, 0.3).is_empty());
        // An S-shaped curve that crosses a horizontal band three times.
        let s = [
            pos2(0.0, 0.0),
            pos2(0.0, 300.0),
            pos2(300.0, -200.0),
            pos2(300.0, 100.0),
        ];
        let band = Rect::from_min_max(pos2(-50.0, 40.0), pos2(400.0, 60.0));
        assert_eq!(visible_runs(s, band, 0.3).len(), 3);
    }

    #[test]
    fn dashes_keep_their_place_along_the_curve() {
        let line = |from: f32| Run {
            start: from,
            points: vec![pos2(from, 0.0), pos2(100.0, 0.0)],
        };
        let dashes = |run: &Run| {
            let mut out = Vec::new();
            dash_run(run, Stroke::new(1.0, Color32::BLACK), 8.0, 5.0, &mut out);
            out.iter()
                .filter_map(|s| match s {
                    egui::Shape::LineSegment { points, .. } => Some((points[0].x, points[1].x)),
                    _ => None,
                })
                .filter(|(a, b)| b > a)
                .collect::<Vec<_>>()
        };
        let whole = dashes(&line(0.0));
        assert_eq!(whole[0], (0.0, 8.0));
        assert_eq!(whole[1], (13.0, 21.0));
        // Starting mid-dash (at 30, dash 26–34) or mid-gap (at 36): the same dashes.
        for from in [30.0, 36.0] {
            let cut = dashes(&line(from));
            for (a, b) in cut {
                let near = whole
                    .iter()
                    .any(|(x, y)| (x.max(from) - a.max(from)).abs() < 1e-3 && (y - b).abs() < 1e-3);
                assert!(near, "dash {a}–{b} from {from} is not in {whole:?}");
            }
        }
    }
}
