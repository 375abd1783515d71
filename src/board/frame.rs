//! A card's frame: the storyboard picture at the top of every card, or, without one, a
//! pictogram of the touchpoint's channel drawn as vector shapes in the card's colours.

use egui::epaint::{CubicBezierShape, RectShape};
use egui::{
    Align2, Color32, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, TextureId,
    pos2, vec2,
};

use super::layout::frame_rect;
use super::theme::Palette;
use crate::model::Channel;

/// What a card's frame shows for a touchpoint that names a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FramePicture {
    /// The picture, already cropped to the frame's shape, as a texture.
    Ready(TextureId),
    /// Being read and decoded: a quiet placeholder.
    Loading,
    /// The file cannot be read (missing, outside the folder, not a picture): the frame
    /// says "Picture unavailable" in red (the inspector says why).
    Missing,
}

/// Width ÷ height of a card's frame; pictures are centre-cropped to it.
pub fn frame_aspect() -> f32 {
    let r = frame_rect(Rect::from_min_size(Pos2::ZERO, super::CARD_SIZE), 1.0);
    r.width() / r.height()
}

/// The frame of a card at `card` (screen): the picture, its state, or the channel's
/// pictogram when `picture` is `None`.
pub(super) fn paint_frame(
    painter: &Painter,
    card: Rect,
    zoom: f32,
    palette: &Palette,
    owner: Color32,
    channel: Channel,
    picture: Option<FramePicture>,
) {
    paint_frame_in(
        painter,
        frame_rect(card, zoom),
        zoom,
        palette,
        owner,
        channel,
        picture,
    );
}

/// A frame at `frame` (screen): as [`paint_frame`], for any rectangle of the frame's
/// shape (the storyboard layout's larger frames).
pub(super) fn paint_frame_in(
    painter: &Painter,
    frame: Rect,
    zoom: f32,
    palette: &Palette,
    owner: Color32,
    channel: Channel,
    picture: Option<FramePicture>,
) {
    if !frame.intersects(painter.clip_rect()) {
        return;
    }
    let radius = 5.0 * zoom;
    let tint = mix(palette.card, owner, 0.13);
    match picture {
        Some(FramePicture::Ready(texture)) => {
            // Behind a picture that does not fill the frame (a portrait one).
            painter.rect_filled(frame, radius, tint);
            painter.add(
                RectShape::filled(frame, radius, Color32::WHITE)
                    .with_texture(texture, Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0))),
            );
            painter.rect_stroke(
                frame,
                radius,
                Stroke::new(zoom.min(1.0), palette.card_border),
                StrokeKind::Inside,
            );
        }
        Some(FramePicture::Loading) => {
            painter.rect_filled(frame, radius, tint);
            let ink = palette.subtext.gamma_multiply(0.35);
            picture_glyph(painter, frame, zoom, ink);
        }
        Some(FramePicture::Missing) => {
            let red = palette.halo;
            painter.rect(
                frame,
                radius,
                mix(palette.card, red, 0.08),
                Stroke::new(1.5 * zoom, red.gamma_multiply(0.8)),
                StrokeKind::Inside,
            );
            let glyph = picture_glyph(painter, frame, zoom, red);
            let cross = Stroke::new(2.0 * zoom, red);
            painter.line_segment([glyph.left_top(), glyph.right_bottom()], cross);
            painter.line_segment([glyph.right_top(), glyph.left_bottom()], cross);
            if zoom >= super::card::MIN_TEXT_ZOOM {
                painter.text(
                    pos2(frame.center().x, frame.max.y - 8.0 * zoom),
                    Align2::CENTER_BOTTOM,
                    "Picture unavailable",
                    FontId::new(
                        (11.0 * zoom).max(super::card::MIN_TITLE_SIZE * 0.8),
                        FontFamily::Proportional,
                    ),
                    palette.warning,
                );
            }
        }
        None => {
            painter.rect_filled(frame, radius, tint);
            let ink = mix(owner, palette.text, 0.45);
            let side = frame.height() * 0.62;
            let bounds = Rect::from_center_size(frame.center(), vec2(side, side));
            paint_pictogram(painter, channel, bounds, ink);
        }
    }
}

/// Blends `b` over `a` by `t` (0 = a, 1 = b), opaque.
fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| {
        crate::convert::channel_from_f32(f32::from(x) + (f32::from(y) - f32::from(x)) * t)
    };
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// A small "picture" sign (a frame with a mountain and a sun) centred in `frame`; returns
/// where it is.
fn picture_glyph(painter: &Painter, frame: Rect, zoom: f32, ink: Color32) -> Rect {
    let r = Rect::from_center_size(frame.center(), vec2(34.0, 26.0) * zoom);
    painter.rect_stroke(
        r,
        3.0 * zoom,
        Stroke::new(2.0 * zoom, ink),
        StrokeKind::Inside,
    );
    painter.add(Shape::convex_polygon(
        vec![
            pos2(r.min.x + 4.0 * zoom, r.max.y - 4.0 * zoom),
            pos2(r.min.x + 13.0 * zoom, r.min.y + 10.0 * zoom),
            pos2(r.min.x + 22.0 * zoom, r.max.y - 4.0 * zoom),
        ],
        ink,
        Stroke::NONE,
    ));
    painter.circle_filled(
        pos2(r.max.x - 9.0 * zoom, r.min.y + 8.0 * zoom),
        3.0 * zoom,
        ink,
    );
    r
}

/// Draws in a unit square mapped onto the pictogram's bounds.
struct Pen<'a> {
    painter: &'a Painter,
    bounds: Rect,
    stroke: Stroke,
    ink: Color32,
}

impl Pen<'_> {
    fn at(&self, x: f32, y: f32) -> Pos2 {
        self.bounds.min + vec2(x, y) * self.bounds.width()
    }

    fn len(&self, v: f32) -> f32 {
        v * self.bounds.width()
    }

    fn line(&self, points: &[(f32, f32)]) {
        let points: Vec<Pos2> = points.iter().map(|&(x, y)| self.at(x, y)).collect();
        self.painter.add(Shape::line(points, self.stroke));
    }

    fn frame(&self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), radius: f32) {
        self.painter.rect_stroke(
            Rect::from_min_max(self.at(x0, y0), self.at(x1, y1)),
            self.len(radius),
            self.stroke,
            StrokeKind::Middle,
        );
    }

    fn block(&self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), radius: f32) {
        self.painter.rect_filled(
            Rect::from_min_max(self.at(x0, y0), self.at(x1, y1)),
            self.len(radius),
            self.ink,
        );
    }

    fn ring(&self, (x, y): (f32, f32), r: f32) {
        self.painter
            .circle_stroke(self.at(x, y), self.len(r), self.stroke);
    }

    fn dot(&self, (x, y): (f32, f32), r: f32) {
        self.painter
            .circle_filled(self.at(x, y), self.len(r), self.ink);
    }

    /// An arc around `(x, y)` from angle `a0` to `a1` (radians, clockwise from +x as the
    /// screen's y points down).
    fn arc(&self, (x, y): (f32, f32), r: f32, a0: f32, a1: f32) {
        let points: Vec<(f32, f32)> = (0..=16)
            .map(|i| {
                let a = a0 + (a1 - a0) * crate::convert::f32_from_usize(i) / 16.0;
                (x + r * a.cos(), y + r * a.sin())
            })
            .collect();
        self.line(&points);
    }

    /// A speech bubble from `(x0, y0)` to `(x1, y1)` with its tail at the bottom, on the
    /// left or the right.
    fn bubble(&self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), tail_left: bool) {
        self.frame((x0, y0), (x1, y1), 0.06);
        let (a, tip) = if tail_left {
            (x0 + 0.08, x0 + 0.02)
        } else {
            (x1 - 0.08, x1 - 0.02)
        };
        let b = if tail_left { a + 0.1 } else { a - 0.1 };
        self.line(&[(a, y1), (tip, y1 + 0.12), (b, y1)]);
    }

    /// A person: head and shoulders, centred at `x`, head top at `y`, `s` tall.
    fn person(&self, x: f32, y: f32, s: f32) {
        self.ring((x, y + s * 0.22), s * 0.2);
        self.arc(
            (x, y + s),
            s * 0.42,
            std::f32::consts::PI,
            std::f32::consts::TAU,
        );
    }
}

/// The channel's pictogram inside `bounds` (a square), in `ink`.
pub fn paint_pictogram(painter: &Painter, channel: Channel, bounds: Rect, ink: Color32) {
    use std::f32::consts::{FRAC_PI_2, PI};
    let pen = Pen {
        painter,
        bounds,
        stroke: Stroke::new((bounds.width() * 0.055).max(0.6), ink),
        ink,
    };
    match channel {
        Channel::Web => {
            pen.frame((0.02, 0.12), (0.98, 0.88), 0.06);
            pen.line(&[(0.02, 0.3), (0.98, 0.3)]);
            for x in [0.1, 0.18, 0.26] {
                pen.dot((x, 0.21), 0.025);
            }
            pen.block((0.12, 0.42), (0.5, 0.76), 0.02);
            pen.line(&[(0.6, 0.46), (0.88, 0.46)]);
            pen.line(&[(0.6, 0.59), (0.88, 0.59)]);
            pen.line(&[(0.6, 0.72), (0.8, 0.72)]);
        }
        Channel::MobileApp => {
            pen.frame((0.27, 0.0), (0.73, 1.0), 0.08);
            pen.line(&[(0.43, 0.08), (0.57, 0.08)]);
            pen.ring((0.5, 0.9), 0.035);
            for (x, y) in [(0.35, 0.2), (0.53, 0.2), (0.35, 0.42), (0.53, 0.42)] {
                pen.block((x, y), (x + 0.12, y + 0.14), 0.02);
            }
            pen.line(&[(0.35, 0.68), (0.65, 0.68)]);
        }
        Channel::Email => {
            pen.frame((0.02, 0.18), (0.98, 0.82), 0.04);
            pen.line(&[(0.04, 0.21), (0.5, 0.55), (0.96, 0.21)]);
            pen.line(&[(0.04, 0.8), (0.38, 0.48)]);
            pen.line(&[(0.96, 0.8), (0.62, 0.48)]);
        }
        Channel::Phone => {
            // A handset from the top left to the bottom right, then sound waves.
            let curve = [
                pen.at(0.2, 0.1),
                pen.at(0.0, 0.5),
                pen.at(0.5, 1.0),
                pen.at(0.9, 0.8),
            ];
            painter.add(CubicBezierShape::from_points_stroke(
                curve,
                false,
                Color32::TRANSPARENT,
                Stroke::new(pen.len(0.14), ink),
            ));
            pen.dot((0.2, 0.12), 0.11);
            pen.dot((0.88, 0.8), 0.11);
            pen.arc((0.38, 0.4), 0.28, -FRAC_PI_2 - 0.1, 0.0);
            pen.arc((0.38, 0.4), 0.48, -FRAC_PI_2 + 0.15, -0.15);
        }
        Channel::Store => {
            // Awning of scallops over a shop front with a door and a window.
            pen.line(&[(0.04, 0.3), (0.12, 0.06), (0.88, 0.06), (0.96, 0.3)]);
            for i in 0..4 {
                let x = 0.16 + 0.23 * crate::convert::f32_from_usize(i);
                pen.arc((x, 0.3), 0.115, 0.0, PI);
            }
            pen.line(&[(0.04, 0.3), (0.96, 0.3)]);
            pen.line(&[(0.1, 0.42), (0.1, 0.96), (0.9, 0.96), (0.9, 0.42)]);
            pen.frame((0.2, 0.58), (0.42, 0.96), 0.02);
            pen.frame((0.54, 0.54), (0.8, 0.76), 0.02);
        }
        Channel::Chat => {
            pen.bubble((0.0, 0.08), (0.66, 0.5), true);
            pen.bubble((0.34, 0.46), (1.0, 0.84), false);
            for x in [0.52, 0.67, 0.82] {
                pen.dot((x, 0.65), 0.035);
            }
        }
        Channel::Social => {
            // Three people joined: a share sign.
            let (a, b, c) = ((0.22, 0.5), (0.78, 0.18), (0.78, 0.82));
            pen.line(&[b, a, c]);
            for p in [a, b, c] {
                pen.dot(p, 0.14);
            }
        }
        Channel::WordOfMouth => {
            pen.person(0.24, 0.36, 0.6);
            pen.person(0.76, 0.36, 0.6);
            pen.bubble((0.3, 0.0), (0.7, 0.26), true);
        }
        Channel::SelfService => {
            // A kiosk: screen, card slot, stand.
            pen.frame((0.18, 0.0), (0.82, 0.72), 0.05);
            pen.block((0.28, 0.1), (0.72, 0.42), 0.02);
            pen.line(&[(0.36, 0.56), (0.64, 0.56)]);
            pen.line(&[(0.42, 0.72), (0.42, 0.94)]);
            pen.line(&[(0.58, 0.72), (0.58, 0.94)]);
            pen.line(&[(0.26, 0.96), (0.74, 0.96)]);
        }
        Channel::MailPrint => {
            // A sheet with a folded corner and lines of text.
            pen.line(&[
                (0.64, 0.02),
                (0.18, 0.02),
                (0.18, 0.98),
                (0.82, 0.98),
                (0.82, 0.2),
                (0.64, 0.02),
            ]);
            pen.line(&[(0.64, 0.02), (0.64, 0.2), (0.82, 0.2)]);
            for y in [0.4, 0.54, 0.68, 0.82] {
                pen.line(&[(0.3, y), (0.7, y)]);
            }
        }
        Channel::Other => {
            // A touch: a finger tip in rings.
            pen.dot((0.5, 0.5), 0.1);
            pen.ring((0.5, 0.5), 0.26);
            pen.ring((0.5, 0.5), 0.44);
        }
    }
}
