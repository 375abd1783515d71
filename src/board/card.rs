//! One touchpoint card: shadow, halo, owner stripe, title, channel, notes, and the score
//! row (emotion face, perception bar, initiative, badges).

use egui::epaint::QuadraticBezierShape;
use egui::text::LayoutJob;
use egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke,
    StrokeKind, pos2, vec2,
};

use super::frame::{FramePicture, paint_frame};
use super::layout::{FRAME_HEIGHT, FRAME_INSET, HANDLE_RADIUS, STRIPE_WIDTH, handle_centres};
use super::theme::{Palette, emotion_colour, owner_colour};
use super::{bidi, fit_text};
use crate::model::{Emotion, Initiative, Perception, Project, Touchpoint};

#[derive(Clone, Copy)]
pub(super) struct CardFlags {
    /// Which touchpoint the card shows (for the vector exports' marks).
    pub(super) id: crate::model::TouchpointId,
    pub(super) selected: bool,
    pub(super) hovered: bool,
    pub(super) lifted: bool,
    pub(super) hide_title: bool,
    /// What the frame shows for a touchpoint with a picture (`None`: no picture, the
    /// channel's pictogram).
    pub(super) picture: Option<FramePicture>,
    pub(super) highlighted: bool,
}

/// Below this zoom a card's text could not be read at any size that fits: a bar stands in
/// for the title.
pub const MIN_TEXT_ZOOM: f32 = 0.4;

/// The smallest size a card's title is drawn at while its text shows (zoom 40 % and
/// above), so a zoomed-out board stays readable on a projector.
pub const MIN_TITLE_SIZE: f32 = 11.0;

pub(super) fn paint_card(
    painter: &Painter,
    project: &Project,
    t: &Touchpoint,
    rect: Rect,
    zoom: f32,
    palette: &Palette,
    flags: CardFlags,
) {
    paint_card_frame(painter, project, t, rect, zoom, palette, flags);
    paint_frame(
        painter,
        rect,
        zoom,
        palette,
        owner_colour(project, t),
        t.channel,
        flags.picture,
    );

    // Below ~40 % zoom text is unreadable: paint a title bar placeholder instead.
    let inner = card_inner(rect, zoom);
    if zoom < MIN_TEXT_ZOOM {
        let bar = Rect::from_min_size(inner.min, vec2(inner.width() * 0.8, 10.0 * zoom));
        painter.rect_filled(bar, 2.0 * zoom, palette.subtext.gamma_multiply(0.5));
        paint_scores(painter, t, inner, zoom, palette, false);
        return;
    }

    paint_card_text(painter, project, t, inner, zoom, palette, flags.hide_title);

    paint_scores(painter, t, inner, zoom, palette, true);

    if flags.hovered || flags.selected {
        for centre in handle_centres(rect, zoom) {
            painter.circle(
                centre,
                HANDLE_RADIUS * zoom,
                palette.card,
                Stroke::new(2.0 * zoom.clamp(0.6, 1.5), palette.selection),
            );
        }
    }
}

/// Shadow (lifted while dragged), moments-of-truth halo, border and owner stripe.
fn paint_card_frame(
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
        let halo = palette.halo;
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
    super::marks::mark(painter, super::marks::Mark::Card(flags.id));
    painter.rect(rect, radius, palette.card, border, StrokeKind::Inside);
    // Owner stripe on the left edge.
    let stripe = Rect::from_min_size(rect.min, vec2(STRIPE_WIDTH * zoom, rect.height()));
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
}

/// Title (up to two rows) and "channel · owner".
fn paint_card_text(
    painter: &Painter,
    project: &Project,
    t: &Touchpoint,
    inner: Rect,
    zoom: f32,
    palette: &Palette,
    hide_title: bool,
) {
    let mut y = inner.min.y;
    // Zoomed out, the title keeps a readable size and takes the rows the card has above
    // its scores; the smaller "channel · owner" line is left out.
    let compact = 14.0 * zoom < MIN_TITLE_SIZE;
    if !hide_title {
        let size = (14.0 * zoom).max(MIN_TITLE_SIZE);
        let rows = if compact {
            let room = inner.height() - 26.0 * zoom;
            crate::convert::floor_to_usize(room / (size * 1.25)).clamp(1, 3)
        } else {
            2
        };
        let font = FontId::new(size, FontFamily::Proportional);
        let title = if t.title.trim().is_empty() {
            "Untitled"
        } else {
            &t.title
        };
        let title = fit_text(title, inner.width(), font.size, rows);
        let mut job = LayoutJob::simple(title.into_owned(), font, palette.text, inner.width());
        job.wrap.max_rows = rows;
        let galley = bidi::layout(painter, job);
        y += galley.size().y;
        painter.galley(inner.min, galley, palette.text);
    } else {
        y += 18.0 * zoom;
    }
    if compact {
        return;
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
}

fn radius_u8(r: f32) -> u8 {
    crate::convert::truncate_to_u8(r)
}

/// Bottom row: emotion face, perception bar, initiative pill, badges.
pub(super) fn paint_scores(
    painter: &Painter,
    t: &Touchpoint,
    inner: Rect,
    zoom: f32,
    palette: &Palette,
    text: bool,
) {
    let row = score_row(inner, zoom);
    let (face_c, face_r) = face_circle(row, zoom);
    paint_face(painter, face_c, face_r, t.emotion, palette.subtext);

    let bar_end = paint_perception_bar(painter, t, row, zoom, palette, text);
    // Right side: pain-point and picture badges, then the initiative pill.
    let right = paint_badges(painter, t, row, zoom, palette, text);
    if text {
        paint_initiative_pill(painter, t.initiative, row, right, bar_end, zoom, palette);
    }
}

/// Where a card's title starts (its first row's width) on a card at `card` (screen).
pub fn title_rect(card: Rect, zoom: f32) -> Rect {
    let inner = card_inner(card, zoom);
    Rect::from_min_size(inner.min, vec2(inner.width(), 18.0 * zoom))
}

/// The part of a card below its frame, inside its padding and owner stripe.
fn card_inner(card: Rect, zoom: f32) -> Rect {
    let pad = 10.0 * zoom;
    Rect::from_min_max(
        card.min
            + vec2(
                STRIPE_WIDTH * zoom + pad,
                (FRAME_INSET + FRAME_HEIGHT + 8.0) * zoom,
            ),
        card.max - vec2(pad, pad),
    )
}

/// The bottom row of a card's inner part: face, perception bar, pill and badges.
fn score_row(inner: Rect, zoom: f32) -> Rect {
    Rect::from_min_max(pos2(inner.min.x, inner.max.y - 24.0 * zoom), inner.max)
}

/// Centre and radius of the emotion face in a score row.
fn face_circle(row: Rect, zoom: f32) -> (Pos2, f32) {
    let r = 11.0 * zoom;
    (pos2(row.min.x + r, row.center().y), r)
}

/// The five perception segments of a score row, left to right.
fn perception_segments(row: Rect, zoom: f32) -> [Rect; 5] {
    let (face_c, face_r) = face_circle(row, zoom);
    let (w, h, gap) = (9.0 * zoom, 8.0 * zoom, 2.0 * zoom);
    let start = pos2(face_c.x + face_r + 8.0 * zoom, row.center().y - h / 2.0);
    [0.0_f32, 1.0, 2.0, 3.0, 4.0]
        .map(|i| Rect::from_min_size(pos2(start.x + i * (w + gap), start.y), vec2(w, h)))
}

/// What a click on a card's score row sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScoreSpot {
    /// The emotion face: choose an emotion.
    Face,
    /// A perception segment: this perception (1–5).
    Perception(f32),
}

/// The score spot under `pos` on a card drawn at `card` (screen) and `zoom`, if any.
/// The targets are a little larger than what is drawn, so they are easy to hit.
pub fn score_spot(card: Rect, zoom: f32, pos: Pos2) -> Option<ScoreSpot> {
    if zoom < MIN_TEXT_ZOOM {
        return None;
    }
    let row = score_row(card_inner(card, zoom), zoom);
    let (face_c, face_r) = face_circle(row, zoom);
    if pos.distance(face_c) <= face_r + 2.0 {
        return Some(ScoreSpot::Face);
    }
    let segments = perception_segments(row, zoom);
    (1_u8..)
        .zip(segments)
        .find(|(_, seg)| {
            seg.expand2(vec2(1.0 * zoom, row.height() / 2.0 - seg.height() / 2.0))
                .contains(pos)
        })
        .map(|(value, _)| ScoreSpot::Perception(f32::from(value)))
}

/// Perception as five segments, half-filled for .5, with its value when `text`; returns
/// where the segments end.
fn paint_perception_bar(
    painter: &Painter,
    t: &Touchpoint,
    row: Rect,
    zoom: f32,
    palette: &Palette,
    text: bool,
) -> f32 {
    // Perception: five segments, half-filled for .5.
    let half_steps = t.perception.map_or(0, Perception::half_steps);
    let segments = perception_segments(row, zoom);
    for (i, seg) in (0..5_i8).zip(segments) {
        painter.rect_filled(seg, 2.0 * zoom, palette.lane_line);
        let filled = (half_steps - 2 * i).clamp(0, 2);
        if filled > 0 {
            let w = seg.width() * f32::from(filled) / 2.0;
            let fill = Rect::from_min_size(seg.min, vec2(w, seg.height()));
            painter.rect_filled(fill, 2.0 * zoom, palette.perception);
        }
    }
    let bar_end = segments[4].max.x + 2.0 * zoom;
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
    bar_end
}

/// The picture badge (crossed out when the file is missing) and the pain-point count,
/// from the right edge of `row`; returns where the next item must end.
fn paint_badges(
    painter: &Painter,
    t: &Touchpoint,
    row: Rect,
    zoom: f32,
    palette: &Palette,
    text: bool,
) -> f32 {
    let mut right = row.max.x;
    if !t.pain_points.is_empty() {
        let c = pos2(right - 8.0 * zoom, row.center().y);
        painter.circle_filled(c, 8.0 * zoom, palette.halo);
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
    right
}

/// "Proactive" or "Reactive" in a pill ending at `right`, left out when it would reach
/// the perception bar.
fn paint_initiative_pill(
    painter: &Painter,
    initiative: Initiative,
    row: Rect,
    right: f32,
    bar_end: f32,
    zoom: f32,
    palette: &Palette,
) {
    let (label, colour) = match initiative {
        Initiative::Proactive => ("Proactive", palette.proactive),
        Initiative::Reactive => ("Reactive", palette.reactive),
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
                let a = crate::convert::f32_from_usize(i) / 32.0 * std::f32::consts::TAU;
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
    paint_sign(painter, centre, radius, emotion.value(), face_ink);
}

/// The emotion's sign on a small white disc at the face's lower right, so it reads
/// without its colour: "+" above neutral, "−" below, nothing at neutral.
fn paint_sign(painter: &Painter, centre: Pos2, radius: f32, value: f32, ink: Color32) {
    if value == 0.0 || radius < 4.0 {
        return;
    }
    let disc = centre + vec2(radius, radius) * 0.78;
    let r = radius * 0.48;
    painter.circle(
        disc,
        r,
        Color32::WHITE,
        Stroke::new((r * 0.14).max(0.6), ink),
    );
    let arm = r * 0.55;
    let stroke = Stroke::new((r * 0.28).max(1.0), ink);
    painter.line_segment([disc - vec2(arm, 0.0), disc + vec2(arm, 0.0)], stroke);
    if value > 0.0 {
        painter.line_segment([disc - vec2(0.0, arm), disc + vec2(0.0, arm)], stroke);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line segments painting a face of `emotion` draws: its sign's strokes.
    fn sign_strokes(emotion: Option<f64>) -> usize {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            paint_face(
                ui.painter(),
                pos2(50.0, 50.0),
                10.0,
                emotion.map(Emotion::nearest),
                Color32::GRAY,
            );
        });
        output.textures_delta.clear();
        output
            .shapes
            .iter()
            .filter(|s| matches!(s.shape, Shape::LineSegment { .. }))
            .count()
    }

    #[test]
    fn a_face_carries_its_sign_as_well_as_its_colour() {
        // "+" is two strokes, "−" one; neutral has no sign (unscored is a dashed ring).
        assert_eq!(sign_strokes(Some(2.0)), 2);
        assert_eq!(sign_strokes(Some(0.5)), 2);
        assert_eq!(sign_strokes(Some(-0.5)), 1);
        assert_eq!(sign_strokes(Some(-2.0)), 1);
        assert_eq!(sign_strokes(Some(0.0)), 0);
    }
}
