//! A route's line: rounded orthogonal legs as cubic Bézier pieces.

use egui::epaint::CubicBezierShape;
use egui::{Color32, Pos2, Rect, Stroke, Vec2, vec2};

/// Radius of a route's corners: a corner then keeps within 3 points of its two legs, so a
/// route that passes a card at half the clearance does not cut into it.
const CORNER: f32 = 10.0;

/// A link's line: cubic Bézier pieces end to end. A straight piece has its control
/// points on its chord (a third and two thirds along), so writers can tell it is a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pieces: Vec<[Pos2; 4]>,
}

impl Route {
    /// The pieces, each from where the one before ends.
    pub fn pieces(&self) -> &[[Pos2; 4]] {
        &self.pieces
    }

    /// Where the route starts.
    pub fn start(&self) -> Pos2 {
        self.pieces.first().map_or(Pos2::ZERO, |p| p[0])
    }

    /// Where the route ends: on the edge of the target card.
    pub fn end(&self) -> Pos2 {
        self.pieces.last().map_or(Pos2::ZERO, |p| p[3])
    }

    /// The direction the route arrives in, for the arrow head.
    pub fn end_direction(&self) -> Vec2 {
        let dir = self.pieces.last().map_or(Vec2::ZERO, |p| {
            let along = p[3] - p[2];
            if along.length_sq() > 1e-6 {
                along
            } else {
                p[3] - p[0]
            }
        });
        let dir = dir.normalized();
        if dir.is_finite() && dir != Vec2::ZERO {
            dir
        } else {
            vec2(1.0, 0.0)
        }
    }

    /// The route with every point moved by `f` (for example onto the screen).
    pub fn mapped(&self, f: impl Fn(Pos2) -> Pos2) -> Self {
        Self {
            pieces: self.pieces.iter().map(|p| p.map(&f)).collect(),
        }
    }

    /// A rectangle around every piece (control points included).
    pub fn bounds(&self) -> Rect {
        self.pieces
            .iter()
            .fold(Rect::NOTHING, |r, p| r.union(Rect::from_points(p)))
    }

    /// Points along the route, no further than `tolerance` from it.
    pub fn flatten(&self, tolerance: f32) -> Vec<Pos2> {
        let mut points = vec![self.start()];
        for piece in &self.pieces {
            if is_straight(*piece) {
                points.push(piece[3]);
            } else {
                let shape = CubicBezierShape::from_points_stroke(
                    *piece,
                    false,
                    Color32::TRANSPARENT,
                    Stroke::NONE,
                );
                points.extend(shape.flatten(Some(tolerance)).into_iter().skip(1));
            }
        }
        points
    }

    /// The route through `points` (a polyline of horizontal and vertical legs), its
    /// corners rounded.
    pub(super) fn rounded(points: &[Pos2]) -> Self {
        Self::rounded_within(points, CORNER)
    }

    /// [`Self::rounded`] with corners of at most `radius`: a corner keeps within 0.3 of
    /// its radius of its two legs, so a route that passes a card closely takes its
    /// corners tighter.
    pub(super) fn rounded_within(points: &[Pos2], radius: f32) -> Self {
        let points = tidy(points);
        let most = radius.clamp(0.0, CORNER);
        let mut pieces = Vec::new();
        let Some(&first) = points.first() else {
            return Self { pieces };
        };
        let mut at = first;
        for i in 1..points.len().saturating_sub(1) {
            let (before, corner, after) = (points[i - 1], points[i], points[i + 1]);
            let radius = most
                .min(before.distance(corner) / 2.0)
                .min(corner.distance(after) / 2.0);
            let (din, dout) = (
                (corner - before).normalized(),
                (after - corner).normalized(),
            );
            let enter = corner - din * radius;
            let leave = corner + dout * radius;
            push_line(&mut pieces, at, enter);
            // A quarter circle, near enough: control points 0.55 of the radius along.
            let k = radius * 0.55;
            pieces.push([enter, enter + din * k, leave - dout * k, leave]);
            at = leave;
        }
        if let Some(&last) = points.last() {
            push_line(&mut pieces, at, last);
        }
        if pieces.is_empty() {
            pieces.push(line(first, first));
        }
        Self { pieces }
    }
}

/// A straight piece from `a` to `b`.
fn line(a: Pos2, b: Pos2) -> [Pos2; 4] {
    [a, a + (b - a) / 3.0, a + (b - a) * (2.0 / 3.0), b]
}

fn push_line(pieces: &mut Vec<[Pos2; 4]>, a: Pos2, b: Pos2) {
    if a.distance(b) > 0.01 {
        pieces.push(line(a, b));
    }
}

/// Whether a piece is a straight line: its control points on its chord.
pub fn is_straight(p: [Pos2; 4]) -> bool {
    let chord = p[3] - p[0];
    let off = |q: Pos2| {
        let v = q - p[0];
        (v.x * chord.y - v.y * chord.x).abs()
    };
    let tolerance = 1e-3 * chord.length_sq().max(1e-6);
    off(p[1]) <= tolerance && off(p[2]) <= tolerance
}

/// `points` without repeats and without points in the middle of a straight run.
fn tidy(points: &[Pos2]) -> Vec<Pos2> {
    let mut out: Vec<Pos2> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_some_and(|q| q.distance(p) < 0.01) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let (u, v) = (b - a, p - b);
            if (u.x * v.y - u.y * v.x).abs() < 1e-3 && u.dot(v) >= 0.0 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn rounded_corners_join_up_and_lines_are_straight() {
        let r = Route::rounded(&[
            pos2(0.0, 0.0),
            pos2(50.0, 0.0),
            pos2(50.0, 100.0),
            pos2(120.0, 100.0),
        ]);
        for pair in r.pieces().windows(2) {
            assert_eq!(pair[0][3], pair[1][0]);
        }
        assert_eq!(r.start(), pos2(0.0, 0.0));
        assert_eq!(r.end(), pos2(120.0, 100.0));
        assert_eq!(r.end_direction(), vec2(1.0, 0.0));
        let straight = r.pieces().iter().filter(|p| is_straight(**p)).count();
        assert_eq!((straight, r.pieces().len()), (3, 5));
    }
}
