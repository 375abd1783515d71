//! Parts of the storyboard picture beyond the lanes: the emotion curve strip and the
//! legend (owners, link kinds, score scales).

use egui::epaint::PathStroke;
use egui::text::LayoutJob;
use egui::{Align2, Color32, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::{
    BoardTheme, BoardView, LANE_WIDTH, emotion_colour, fit_text, lane_left, link_colour, paint_face,
};
use crate::model::{Emotion, LinkKind, Project};

/// Height of the emotion curve strip, in board points.
pub const STRIP_HEIGHT: f32 = 150.0;
/// Height of the legend, in board points.
pub const LEGEND_HEIGHT: f32 = 120.0;

/// Mean emotion of the scored touchpoints of each stage, in stage order (`None` where no
/// touchpoint of the stage has an emotion score).
pub fn emotion_by_stage(project: &Project) -> Vec<Option<f32>> {
    let mut sums = vec![(0.0_f32, 0_u32); project.stages().len()];
    for (_, t) in project.touchpoints() {
        if let (Some(i), Some(e)) = (project.stage_index(&t.stage), t.emotion) {
            sums[i].0 += e.value();
            sums[i].1 += 1;
        }
    }
    sums.into_iter()
        .map(|(sum, n)| {
            let mean = sum / crate::convert::f32_from_u32(n);
            (n > 0).then_some(mean)
        })
        .collect()
}

/// Text, secondary text and rule colours of a theme, as the board uses them.
pub fn ink(theme: BoardTheme) -> (Color32, Color32, Color32) {
    let palette = theme.palette();
    (palette.text, palette.subtext, palette.lane_line)
}

/// The +2, 0 and −2 lines of the emotion strip with their labels.
fn paint_strip_axes(
    painter: &Painter,
    view: BoardView,
    strip: Rect,
    y_of: &dyn Fn(f32) -> f32,
    theme: BoardTheme,
) {
    let (_, subtext, line) = ink(theme);
    let zoom = view.zoom();
    let to_screen = |p: Pos2| view.screen_from_board * p;
    for (value, label) in [(2.0, "+2"), (0.0, "0"), (-2.0, "−2")] {
        let y = y_of(value);
        let from = to_screen(pos2(strip.min.x + 30.0, y));
        let to = to_screen(pos2(strip.max.x - 8.0, y));
        if value == 0.0 {
            painter.extend(Shape::dashed_line(
                &[from, to],
                Stroke::new(1.0, subtext),
                6.0 * zoom,
                4.0 * zoom,
            ));
        } else {
            painter.line_segment([from, to], Stroke::new(1.0, line));
        }
        painter.text(
            to_screen(pos2(strip.min.x + 24.0, y)),
            Align2::RIGHT_CENTER,
            label,
            FontId::new(10.0 * zoom, FontFamily::Proportional),
            subtext,
        );
    }
}

/// Paints the emotion curve across the stage lanes: one point per stage at the mean
/// emotion of its scored touchpoints, joined in journey order.
pub fn paint_emotion_strip(
    painter: &Painter,
    project: &Project,
    view: BoardView,
    top_in_board: f32,
    theme: BoardTheme,
) {
    let (text, subtext, _) = ink(theme);
    let zoom = view.zoom();
    let to_screen = |p: Pos2| view.screen_from_board * p;
    let width = lane_left(project.stages().len()).max(LANE_WIDTH);
    let strip = Rect::from_min_size(pos2(0.0, top_in_board), vec2(width, STRIP_HEIGHT));
    let strip_on_screen = view.screen_from_board.mul_rect(strip);
    painter.rect_filled(
        strip_on_screen,
        6.0 * zoom,
        theme.canvas_colour().gamma_multiply(0.6),
    );
    // The title and the scale go at the left of what is shown, so a page showing later
    // stages has them too.
    let shown_left = (view.screen_from_board.inverse() * painter.clip_rect().min).x;
    let labelled = Rect::from_min_max(pos2(shown_left.max(strip.min.x), strip.min.y), strip.max);
    painter.text(
        to_screen(labelled.min + vec2(10.0, 8.0)),
        Align2::LEFT_TOP,
        "Emotion curve (mean per stage)",
        FontId::new(12.0 * zoom, FontFamily::Proportional),
        text,
    );
    let plot_top = strip.min.y + 34.0;
    let plot_bottom = strip.max.y - 14.0;
    let y_of = |e: f32| plot_bottom - (e + 2.0) / 4.0 * (plot_bottom - plot_top);
    paint_strip_axes(painter, view, labelled, &y_of, theme);
    let means = emotion_by_stage(project);
    let points: Vec<Option<Pos2>> = means
        .iter()
        .enumerate()
        .map(|(i, m)| m.map(|e| pos2(lane_left(i) + LANE_WIDTH / 2.0, y_of(e))))
        .collect();
    if paint_curve_line(painter, &points, view, text) {
        label_gaps(painter, &points, view, strip, &y_of, subtext);
    }
    for (i, (point, mean)) in points.iter().zip(&means).enumerate() {
        if let (Some(p), Some(m)) = (point, mean) {
            let colour = emotion_colour(Emotion::nearest(f64::from(*m)));
            painter.circle(
                to_screen(*p),
                6.0 * zoom,
                colour,
                Stroke::new(1.5 * zoom, text),
            );
            let galley = painter.layout_no_wrap(
                crate::analysis::report::signed(Some(*m)),
                FontId::new(11.0 * zoom, FontFamily::Proportional),
                text,
            );
            // Beside the point where neither the curve nor the zero line strikes it.
            let lines: Vec<(Pos2, Pos2)> = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| points.get(j).copied().flatten())
                .map(|q| (to_screen(*p), to_screen(q)))
                .chain(std::iter::once((
                    to_screen(pos2(strip.min.x, y_of(0.0))),
                    to_screen(pos2(strip.max.x, y_of(0.0))),
                )))
                .collect();
            let spot =
                value_label_spot(to_screen(*p), galley.size(), zoom, &lines, strip_on_screen);
            painter.galley(spot.min, galley, text);
        }
    }
    if means.iter().all(Option::is_none) {
        painter.text(
            strip_on_screen.center(),
            Align2::CENTER_CENTER,
            "No emotion scores yet",
            FontId::new(13.0 * zoom, FontFamily::Proportional),
            subtext,
        );
    }
}

/// Where a point's value goes: above right of the point, else below right, above left or
/// below left, the first inside `strip` that no line of `lines` crosses (above right when
/// none is).
fn value_label_spot(
    point: Pos2,
    size: egui::Vec2,
    zoom: f32,
    lines: &[(Pos2, Pos2)],
    strip: Rect,
) -> Rect {
    let off = 8.0 * zoom;
    let spots = [
        Rect::from_min_size(point + vec2(off, -off - size.y), size),
        Rect::from_min_size(point + vec2(off, off), size),
        Rect::from_min_size(point + vec2(-off - size.x, -off - size.y), size),
        Rect::from_min_size(point + vec2(-off - size.x, off), size),
    ];
    let crossed = |spot: &Rect| {
        let kept = spot.expand(1.0 * zoom);
        lines.iter().any(|(a, b)| crosses(kept, *a, *b))
    };
    spots
        .iter()
        .find(|s| strip.contains_rect(**s) && !crossed(s))
        .copied()
        .unwrap_or(spots[0])
}

/// Whether the segment from `a` to `b` passes through `rect` (clipped slab by slab).
fn crosses(rect: Rect, a: Pos2, b: Pos2) -> bool {
    let (mut enter, mut leave) = (0.0_f32, 1.0_f32);
    for (from, delta, low, high) in [
        (a.x, b.x - a.x, rect.min.x, rect.max.x),
        (a.y, b.y - a.y, rect.min.y, rect.max.y),
    ] {
        if delta.abs() < f32::EPSILON {
            if from < low || from > high {
                return false;
            }
        } else {
            let (t0, t1) = ((low - from) / delta, (high - from) / delta);
            enter = enter.max(t0.min(t1));
            leave = leave.min(t0.max(t1));
        }
    }
    enter <= leave
}

/// Says which stages have no scores (where the curve is dashed across), so the curve
/// suggests no value that is not there.
fn label_gaps(
    painter: &Painter,
    points: &[Option<Pos2>],
    view: BoardView,
    strip: Rect,
    y_of: &dyn Fn(f32) -> f32,
    subtext: Color32,
) {
    let zoom = view.zoom();
    let font = FontId::new(11.0 * zoom, FontFamily::Proportional);
    let first = points.iter().position(Option::is_some);
    let last = points.iter().rposition(Option::is_some);
    for (i, point) in points.iter().enumerate() {
        if point.is_none() && first.is_some_and(|f| f < i) && last.is_some_and(|l| i < l) {
            painter.text(
                view.screen_from_board * pos2(lane_left(i) + LANE_WIDTH / 2.0, y_of(0.0) - 8.0),
                Align2::CENTER_BOTTOM,
                "no scores",
                font.clone(),
                subtext,
            );
        }
    }
    painter.text(
        view.screen_from_board * pos2(strip.max.x - 10.0, strip.min.y + 8.0),
        Align2::RIGHT_TOP,
        "dashed: across stages without scores",
        font,
        subtext,
    );
}

/// The stretches of the emotion curve: runs of neighbouring stage points drawn solid, and
/// the pairs of points either side of stages without scores, drawn dashed.
fn curve_stretches<T: Copy>(points: &[Option<T>]) -> (Vec<Vec<T>>, Vec<[T; 2]>) {
    let mut runs: Vec<Vec<T>> = Vec::new();
    let mut dashed = Vec::new();
    let mut previous: Option<(usize, T)> = None;
    for (i, point) in points.iter().enumerate() {
        let Some(p) = *point else {
            continue;
        };
        match (previous, runs.last_mut()) {
            (Some((j, _)), Some(run)) if j + 1 == i => run.push(p),
            (Some((_, q)), _) => {
                dashed.push([q, p]);
                runs.push(vec![p]);
            }
            (None, _) => runs.push(vec![p]),
        }
        previous = Some((i, p));
    }
    runs.retain(|run| run.len() > 1);
    (runs, dashed)
}

/// Joins the stage points of the emotion curve: solid between neighbouring stages, dashed
/// across stages without scores. Returns whether any stretch was dashed.
fn paint_curve_line(
    painter: &Painter,
    points: &[Option<Pos2>],
    view: BoardView,
    colour: Color32,
) -> bool {
    let zoom = view.zoom();
    let stroke = Stroke::new(2.5 * zoom, colour);
    let on_screen: Vec<Option<Pos2>> = points
        .iter()
        .map(|p| p.map(|p| view.screen_from_board * p))
        .collect();
    let (runs, dashed) = curve_stretches(&on_screen);
    for run in runs {
        painter.add(Shape::line(run, PathStroke::from(stroke)));
    }
    for [a, b] in &dashed {
        painter.extend(Shape::dashed_line(
            &[*a, *b],
            stroke,
            8.0 * zoom,
            6.0 * zoom,
        ));
    }
    !dashed.is_empty()
}

/// Paints the legend: owner colours, link kinds, and the two score scales.
pub fn paint_legend(
    painter: &Painter,
    project: &Project,
    view: BoardView,
    area_in_board: Rect,
    theme: BoardTheme,
) {
    let (text, subtext, _) = ink(theme);
    let column = (area_in_board.width() / 3.0).max(260.0);
    let legend = Legend {
        painter,
        view,
        text,
        subtext,
    };

    legend.owners(project, area_in_board, column);
    legend.links(area_in_board.min + vec2(column, 0.0));
    legend.scales(
        area_in_board.min + vec2(2.0 * column, 0.0),
        &theme.palette(),
    );
}

/// What every part of the legend paints with.
struct Legend<'a> {
    painter: &'a Painter,
    view: BoardView,
    text: Color32,
    subtext: Color32,
}

impl Legend<'_> {
    fn to_screen(&self, p: Pos2) -> Pos2 {
        self.view.screen_from_board * p
    }

    fn font(&self, size: f32) -> FontId {
        FontId::new(size * self.view.zoom(), FontFamily::Proportional)
    }

    fn heading(&self, pos: Pos2, label: &str) {
        self.painter.text(
            self.to_screen(pos),
            Align2::LEFT_TOP,
            label,
            self.font(12.0),
            self.text,
        );
    }

    /// Owner colours, in rows that fit the column.
    fn owners(&self, project: &Project, area_in_board: Rect, column: f32) {
        let (painter, view, subtext) = (self.painter, self.view, self.subtext);
        let zoom = view.zoom();
        let to_screen = |p: Pos2| self.to_screen(p);
        let font = |size: f32| self.font(size);
        let origin = area_in_board.min;
        self.heading(origin, "Owners");
        let mut x = origin.x;
        let mut y = origin.y + 22.0;
        // A name gets at most the column's width (less its swatch and gaps) and one row.
        let name_width = (column - 10.0 - 18.0 - 14.0) * zoom;
        let owners = project
            .owners()
            .iter()
            .map(|o| {
                let [r, g, b] = o.colour.0;
                (o.name.as_str(), Color32::from_rgb(r, g, b))
            })
            .chain([("No owner", super::theme::NO_OWNER)]);
        for (name, colour) in owners {
            let name = fit_text(name, name_width, font(11.0).size, 1);
            let mut job = LayoutJob::simple(name.into_owned(), font(11.0), subtext, name_width);
            job.wrap.max_rows = 1;
            let galley = super::bidi::layout(painter, job);
            let item_width = 18.0 + galley.size().x / zoom + 14.0;
            if x + item_width > origin.x + column - 10.0 && x > origin.x {
                x = origin.x;
                y += 18.0;
            }
            if y > area_in_board.max.y - 12.0 {
                break;
            }
            painter.rect_filled(
                view.screen_from_board
                    .mul_rect(Rect::from_min_size(pos2(x, y + 1.0), vec2(12.0, 12.0))),
                2.0 * zoom,
                colour,
            );
            painter.galley(to_screen(pos2(x + 18.0, y)), galley, subtext);
            x += item_width;
        }
    }

    /// The four link kinds with their line styles.
    fn links(&self, origin: Pos2) {
        let (painter, subtext) = (self.painter, self.subtext);
        let zoom = self.view.zoom();
        let to_screen = |p: Pos2| self.to_screen(p);
        let font = |size: f32| self.font(size);
        self.heading(origin, "Links");
        for (i, kind) in LinkKind::ALL.iter().enumerate() {
            let y = origin.y + 22.0 + crate::convert::f32_from_usize(i) * 18.0;
            let from = to_screen(pos2(origin.x, y + 7.0));
            let to = to_screen(pos2(origin.x + 36.0, y + 7.0));
            let stroke = Stroke::new(2.0 * zoom, link_colour(*kind));
            if matches!(kind, LinkKind::Alternative | LinkKind::Referral) {
                painter.extend(Shape::dashed_line(
                    &[from, to],
                    stroke,
                    8.0 * zoom,
                    5.0 * zoom,
                ));
            } else {
                painter.line_segment([from, to], stroke);
            }
            let description = match kind {
                LinkKind::Flow => "Flow: the usual next step",
                LinkKind::Alternative => "Alternative path",
                LinkKind::Recovery => "Recovery: a lapse sent to service",
                LinkKind::Referral => "Referral: advocacy brings new customers",
            };
            painter.text(
                to_screen(pos2(origin.x + 44.0, y)),
                Align2::LEFT_TOP,
                description,
                font(11.0),
                subtext,
            );
        }
    }

    /// The emotion faces and the perception bar, with what they mean.
    fn scales(&self, origin: Pos2, palette: &super::theme::Palette) {
        let (painter, view, subtext) = (self.painter, self.view, self.subtext);
        let zoom = view.zoom();
        let to_screen = |p: Pos2| self.to_screen(p);
        let font = |size: f32| self.font(size);
        self.heading(origin, "Emotion  −2 frustrated … 0 neutral … +2 delighted");
        for (i, e) in [-2.0, -1.0, 0.0, 1.0, 2.0].into_iter().enumerate() {
            let c = pos2(
                origin.x + 12.0 + crate::convert::f32_from_usize(i) * 30.0,
                origin.y + 34.0,
            );
            paint_face(
                painter,
                to_screen(c),
                10.0 * zoom,
                Emotion::new(e).ok(),
                subtext,
            );
        }
        let c = pos2(origin.x + 12.0 + 5.0 * 30.0 + 10.0, origin.y + 34.0);
        paint_face(painter, to_screen(c), 10.0 * zoom, None, subtext);
        painter.text(
            to_screen(c + vec2(16.0, 0.0)),
            Align2::LEFT_CENTER,
            "not scored",
            font(11.0),
            subtext,
        );
        self.heading(
            origin + vec2(0.0, 56.0),
            "Perception  1 very poor … 5 excellent",
        );
        for i in 0..5_u8 {
            let seg = Rect::from_min_size(
                pos2(origin.x + f32::from(i) * 13.0, origin.y + 80.0),
                vec2(11.0, 9.0),
            );
            let colour = if i < 3 {
                palette.perception
            } else {
                palette.lane_line
            };
            painter.rect_filled(view.screen_from_board.mul_rect(seg), 2.0 * zoom, colour);
        }
        painter.text(
            to_screen(pos2(origin.x + 72.0, origin.y + 84.5)),
            Align2::LEFT_CENTER,
            "= 3 of 5 (half steps fill half a segment)",
            font(11.0),
            subtext,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{crosses, curve_stretches, value_label_spot};
    use egui::{Rect, pos2, vec2};

    #[test]
    fn a_value_goes_where_no_line_strikes_it() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
        assert!(crosses(rect, pos2(-5.0, 5.0), pos2(15.0, 5.0)));
        assert!(crosses(rect, pos2(-5.0, -5.0), pos2(15.0, 15.0)));
        assert!(!crosses(rect, pos2(-5.0, 12.0), pos2(15.0, 12.0)));
        assert!(!crosses(rect, pos2(11.0, -5.0), pos2(30.0, 5.0)));
        let point = pos2(100.0, 100.0);
        let size = vec2(24.0, 13.0);
        // Nothing near: above right.
        let strip = Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 200.0));
        let free = value_label_spot(point, size, 1.0, &[], strip);
        assert!(free.min.x > point.x && free.max.y < point.y, "{free:?}");
        // The curve rising to the right and the zero line just above: below right.
        let lines = [
            (point, pos2(380.0, 20.0)),
            (pos2(0.0, 96.0), pos2(1000.0, 96.0)),
        ];
        let spot = value_label_spot(point, size, 1.0, &lines, strip);
        assert!(spot.min.x > point.x && spot.min.y > point.y, "{spot:?}");
        assert!(!lines.iter().any(|(a, b)| crosses(spot, *a, *b)));
        // Near the strip's bottom, below is no spot: above left, clear of the curve.
        let low = Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 110.0));
        let spot = value_label_spot(point, size, 1.0, &lines, low);
        assert!(low.contains_rect(spot), "{spot:?}");
        assert!(spot.max.x < point.x && spot.max.y < point.y, "{spot:?}");
    }

    #[test]
    fn the_curve_is_solid_between_neighbours_and_dashed_across_unscored_stages() {
        // Stages: scored, scored, none, scored, none, none, scored, then unscored at the end.
        let points = [Some(1), Some(2), None, Some(4), None, None, Some(7), None];
        let (runs, dashed) = curve_stretches(&points);
        assert_eq!(runs, vec![vec![1, 2]]);
        assert_eq!(dashed, vec![[2, 4], [4, 7]]);
        // No gaps: one solid line through every point, as before.
        let (runs, dashed) = curve_stretches(&[None, Some(1), Some(2), Some(3), None]);
        assert_eq!(runs, vec![vec![1, 2, 3]]);
        assert!(dashed.is_empty());
        let (runs, dashed) = curve_stretches::<i32>(&[None, None]);
        assert!(runs.is_empty() && dashed.is_empty());
    }
}
