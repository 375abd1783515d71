//! The picture as vector items for SVG and PDF: the shapes the board's painters made (the
//! same ones the PNG rasterizes), turned into rectangles, circles, paths, text runs and
//! pictures, with the painters' marks ([`crate::board::marks`]) as groups. A link's line
//! becomes its one curve rather than the flattened (and dashed) pieces the rasterizer
//! draws.

use egui::epaint::{
    ClippedShape, ColorMode, CornerRadius, PathStroke, RectShape, StrokeKind, TextShape,
};
use egui::{Color32, Pos2, Rect, Shape, Stroke, TextureId, Vec2, pos2};

use crate::board::marks::{Mark, mark_of};

/// One step of a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// Start a new piece at a point.
    Move(Pos2),
    /// A straight line to a point.
    Line(Pos2),
    /// A quadratic Bézier curve: control point, end.
    Quad(Pos2, Pos2),
    /// A cubic Bézier curve: two control points, end.
    Cubic(Pos2, Pos2, Pos2),
    /// Back to the piece's start.
    Close,
}

/// How an item is filled and outlined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    /// The fill, if any (premultiplied, as egui keeps colours).
    pub fill: Option<Color32>,
    /// The outline, if any: width and colour.
    pub stroke: Option<Stroke>,
    /// Dash and gap lengths of a dashed outline.
    pub dash: Option<[f32; 2]>,
}

impl Paint {
    fn new(fill: Color32, stroke: Stroke) -> Self {
        Self {
            fill: (fill.a() > 0).then_some(fill),
            stroke: (stroke.width > 0.0 && stroke.color.a() > 0).then_some(stroke),
            dash: None,
        }
    }

    fn is_visible(&self) -> bool {
        self.fill.is_some() || self.stroke.is_some()
    }
}

/// What is drawn, in picture points.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A group begins: a card, a link, a link's label.
    Begin(Mark),
    /// The innermost group ends.
    End,
    /// A rectangle with rounded corners (north-west, north-east, south-east, south-west).
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radii.
        radius: [f32; 4],
        /// Fill and outline.
        paint: Paint,
    },
    /// An ellipse (a circle when both radii are equal).
    Ellipse {
        /// Its centre.
        centre: Pos2,
        /// Horizontal and vertical radius.
        radius: Vec2,
        /// Fill and outline.
        paint: Paint,
    },
    /// Any other outline.
    Path {
        /// The steps.
        segments: Vec<Segment>,
        /// Fill and outline.
        paint: Paint,
    },
    /// A link's line from card to card: a move, then lines and cubic curves.
    Link {
        /// Where it starts.
        from: crate::model::TouchpointId,
        /// Where it ends.
        to: crate::model::TouchpointId,
        /// The route's steps.
        segments: Vec<Segment>,
        /// Width, colour and dashes.
        paint: Paint,
    },
    /// One row of text in one colour and size.
    Text(TextRun),
    /// A picture filling a rectangle with rounded corners.
    Picture {
        /// Where.
        rect: Rect,
        /// Corner radii.
        radius: [f32; 4],
        /// Which texture.
        texture: TextureId,
        /// The part of the texture shown (0–1).
        uv: Rect,
    },
    /// The items up to the matching [`Item::Unclip`] are cut to a rectangle.
    Clip(Rect),
    /// The end of a clip.
    Unclip,
}

/// A row of text in one colour and size, on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The row in pieces of one font each, left to right.
    pub pieces: Vec<TextPiece>,
    /// The baseline.
    pub y: f32,
    /// Font size in points (the em).
    pub size: f32,
    /// Colour (premultiplied).
    pub colour: Color32,
}

/// Characters drawn in one font, in the order they were typed (a right-to-left piece is
/// shaped right to left by whoever draws it), with the spaces after them.
#[derive(Clone, Debug, PartialEq)]
pub struct TextPiece {
    /// The characters.
    pub text: String,
    /// Where the piece's leftmost letter starts.
    pub x: f32,
    /// Where each character starts, when egui drew them one glyph each, left to right.
    pub each: Option<Vec<f32>>,
}

/// The items of `shapes`, in painting order. Shapes outside `picture` clip rectangles are
/// wrapped in clips.
pub fn items(shapes: &[ClippedShape], picture: Rect) -> Vec<Item> {
    let mut out = Vec::new();
    let mut clip: Option<Rect> = None;
    let mut in_link_line = false;
    for clipped in shapes {
        let wanted = (!clipped.clip_rect.contains_rect(picture)).then_some(clipped.clip_rect);
        if let Some(mark) = mark_of(&clipped.shape) {
            in_link_line = push_mark(&mut out, mark);
            continue;
        }
        if in_link_line {
            continue; // the link's curve stands for its painted pieces
        }
        if wanted != clip {
            if clip.is_some() {
                out.push(Item::Unclip);
            }
            if let Some(rect) = wanted {
                out.push(Item::Clip(rect));
            }
            clip = wanted;
        }
        shape_items(&clipped.shape, &mut out);
    }
    if clip.is_some() {
        out.push(Item::Unclip);
    }
    out
}

/// Adds a mark's items; returns whether the shapes that follow draw a link's line.
fn push_mark(out: &mut Vec<Item>, mark: &Mark) -> bool {
    match mark {
        Mark::Link {
            from,
            to,
            route,
            stroke,
            dash,
            ..
        } => {
            out.push(Item::Begin(mark.clone()));
            let steps = route.pieces().iter().map(|p| {
                if crate::board::route::is_straight(*p) {
                    Segment::Line(p[3])
                } else {
                    Segment::Cubic(p[1], p[2], p[3])
                }
            });
            out.push(Item::Link {
                from: *from,
                to: *to,
                segments: std::iter::once(Segment::Move(route.start()))
                    .chain(steps)
                    .collect(),
                paint: Paint {
                    fill: None,
                    stroke: Some(*stroke),
                    dash: *dash,
                },
            });
            true
        }
        Mark::LinkLine => false,
        Mark::End => {
            out.push(Item::End);
            false
        }
        Mark::Card(_) | Mark::LinkLabel { .. } => {
            out.push(Item::Begin(mark.clone()));
            false
        }
    }
}

fn radii(corners: CornerRadius) -> [f32; 4] {
    [corners.nw, corners.ne, corners.se, corners.sw].map(f32::from)
}

fn solid(stroke: &PathStroke) -> Stroke {
    match stroke.color {
        ColorMode::Solid(colour) => Stroke::new(stroke.width, colour),
        // Gradients along a path: the board never paints them.
        ColorMode::UV(_) => Stroke::NONE,
    }
}

fn polyline(points: &[Pos2], closed: bool) -> Vec<Segment> {
    let mut segments = Vec::with_capacity(points.len() + 1);
    for (i, p) in points.iter().enumerate() {
        segments.push(if i == 0 {
            Segment::Move(*p)
        } else {
            Segment::Line(*p)
        });
    }
    if closed {
        segments.push(Segment::Close);
    }
    segments
}

fn shape_items(shape: &Shape, out: &mut Vec<Item>) {
    match shape {
        Shape::Noop | Shape::Callback(_) => {}
        Shape::Vec(shapes) => shapes.iter().for_each(|s| shape_items(s, out)),
        Shape::Rect(rect) => rect_items(rect, out),
        Shape::Circle(c) => push_visible(
            out,
            Item::Ellipse {
                centre: c.center,
                radius: Vec2::splat(c.radius),
                paint: Paint::new(c.fill, c.stroke),
            },
        ),
        Shape::Ellipse(e) => push_visible(
            out,
            Item::Ellipse {
                centre: e.center,
                radius: e.radius,
                paint: Paint::new(e.fill, e.stroke),
            },
        ),
        Shape::LineSegment { points, stroke } => push_visible(
            out,
            Item::Path {
                segments: polyline(points, false),
                paint: Paint::new(Color32::TRANSPARENT, *stroke),
            },
        ),
        Shape::Path(path) => push_visible(
            out,
            Item::Path {
                segments: polyline(&path.points, path.closed),
                paint: Paint::new(path.fill, solid(&path.stroke)),
            },
        ),
        Shape::Band(band) => {
            // The outline: along the top edge, then back along the bottom one.
            let points: Vec<Pos2> = band
                .points
                .iter()
                .map(|p| pos2(p.x, p.y.min))
                .chain(band.points.iter().rev().map(|p| pos2(p.x, p.y.max)))
                .collect();
            push_visible(
                out,
                Item::Path {
                    segments: polyline(&points, true),
                    paint: Paint::new(band.fill, band.stroke),
                },
            );
        }
        Shape::CubicBezier(c) => {
            let [a, b, cc, d] = c.points;
            let mut segments = vec![Segment::Move(a), Segment::Cubic(b, cc, d)];
            if c.closed {
                segments.push(Segment::Close);
            }
            push_visible(
                out,
                Item::Path {
                    segments,
                    paint: Paint::new(c.fill, solid(&c.stroke)),
                },
            );
        }
        Shape::QuadraticBezier(q) => {
            let [a, b, c] = q.points;
            let mut segments = vec![Segment::Move(a), Segment::Quad(b, c)];
            if q.closed {
                segments.push(Segment::Close);
            }
            push_visible(
                out,
                Item::Path {
                    segments,
                    paint: Paint::new(q.fill, solid(&q.stroke)),
                },
            );
        }
        Shape::Text(text) => text_items(text, out),
        Shape::Mesh(mesh) => mesh_items(mesh, out),
    }
}

fn push_visible(out: &mut Vec<Item>, item: Item) {
    let visible = match &item {
        Item::Rect { paint, .. }
        | Item::Ellipse { paint, .. }
        | Item::Path { paint, .. }
        | Item::Link { paint, .. } => paint.is_visible(),
        _ => true,
    };
    if visible {
        out.push(item);
    }
}

/// A rectangle: its fill (or picture) on the rectangle, its outline where the
/// tessellator puts it (inside, centred on or outside the edge).
fn rect_items(shape: &RectShape, out: &mut Vec<Item>) {
    let radius = radii(shape.corner_radius);
    if let Some(brush) = &shape.brush {
        out.push(Item::Picture {
            rect: shape.rect,
            radius,
            texture: brush.fill_texture_id,
            uv: brush.uv,
        });
    } else {
        push_visible(
            out,
            Item::Rect {
                rect: shape.rect,
                radius,
                paint: Paint::new(shape.fill, Stroke::NONE),
            },
        );
    }
    let stroke = shape.stroke;
    if stroke.width <= 0.0 || stroke.color.a() == 0 {
        return;
    }
    let half = stroke.width / 2.0;
    let shift = match shape.stroke_kind {
        StrokeKind::Inside => -half,
        StrokeKind::Middle => 0.0,
        StrokeKind::Outside => half,
    };
    out.push(Item::Rect {
        rect: shape.rect.expand(shift),
        radius: radius.map(|r| (r + shift).max(0.0)),
        paint: Paint::new(Color32::TRANSPARENT, stroke),
    });
}

/// Each row of a galley as a text run. The board lays out one colour per galley.
fn text_items(text: &TextShape, out: &mut Vec<Item>) {
    let galley = &text.galley;
    let format = galley.job.sections.first().map(|s| &s.format);
    let size = format.map_or(14.0, |f| f.font_id.size);
    let mut colour = text
        .override_text_color
        .or(format.map(|f| f.color))
        .unwrap_or(text.fallback_color);
    if colour == Color32::PLACEHOLDER {
        colour = text.fallback_color;
    }
    if text.opacity_factor < 1.0 {
        colour = colour.gamma_multiply(text.opacity_factor);
    }
    if colour.a() == 0 {
        return;
    }
    let rows = row_texts(galley);
    for (row, row_text) in galley.rows.iter().zip(rows) {
        let origin = text.pos + row.pos.to_vec2();
        let Some(baseline) = row.glyphs.first().map(|g| origin.y + g.pos.y) else {
            continue;
        };
        let glyphs: Vec<(char, f32)> = row
            .glyphs
            .iter()
            .map(|g| (g.chr, origin.x + g.pos.x))
            .collect();
        let pieces = pieces(&row_text, &glyphs);
        if pieces
            .iter()
            .any(|p| p.text.chars().any(crate::fonts::needs_glyph))
        {
            out.push(Item::Text(TextRun {
                pieces,
                y: baseline,
                size,
                colour,
            }));
        }
    }
}

/// The characters of each row of `galley`, from the text it was laid out from (egui's
/// glyphs name only the first character of each shaped cluster). Rows that are the
/// text's lines (right-to-left text is broken into lines before layout) take their line;
/// rows egui wrapped or elided take the characters their glyphs match, in order (and the
/// ellipsis egui put at the end).
fn row_texts(galley: &egui::Galley) -> Vec<String> {
    let text = &galley.job.text;
    let lines: Vec<&str> = text.split('\n').collect();
    // An elided galley's last row holds only part of its line, and egui's ellipsis.
    let as_lines = !galley.elided
        && lines.len() == galley.rows.len()
        && galley
            .rows
            .iter()
            .enumerate()
            .all(|(i, r)| r.ends_with_newline == (i + 1 < lines.len()));
    if as_lines {
        return lines.into_iter().map(str::to_owned).collect();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut rows = Vec::with_capacity(galley.rows.len());
    let rows_count = galley.rows.len();
    for (r, placed) in galley.rows.iter().enumerate() {
        let mut row = String::new();
        let glyphs = &placed.row.glyphs;
        for (g, glyph) in glyphs.iter().enumerate() {
            // The ellipsis egui puts at the end of elided text is no typed character,
            // even where the text has one of its own a little further on.
            if galley.elided && r + 1 == rows_count && g + 1 == glyphs.len() && glyph.chr == '…' {
                row.push(glyph.chr);
                continue;
            }
            // Characters before this glyph's own (marks and the rest of a cluster).
            let ahead = chars
                .get(at..)
                .and_then(|rest| rest.iter().take(8).position(|c| *c == glyph.chr));
            // None: another glyph of the cluster just taken, or one egui added.
            if let Some(skip) = ahead {
                row.extend(&chars[at..=at + skip]);
                at += skip + 1;
            }
        }
        if placed.ends_with_newline {
            // Anything left of this line belongs to this row.
            while let Some(c) = chars.get(at) {
                at += 1;
                if *c == '\n' {
                    break;
                }
                row.push(*c);
            }
        }
        rows.push(row);
    }
    rows
}

/// The face that draws `c`, by key; characters that draw nothing of their own (spaces,
/// marks) have none and go with the piece before them.
fn face_key(c: char) -> Option<String> {
    if !crate::fonts::needs_glyph(c) {
        return None;
    }
    crate::fonts::face_data_for(c).map(|f| f.key)
}

/// Splits a sequence into words of one face (by [`face_key`] of each element's
/// character): a word ends after its spaces and where the face changes. Words, because
/// egui shapes right-to-left text word by word in the order the row puts the words.
fn runs<T: Copy>(items: &[T], chr: impl Fn(T) -> char) -> Vec<(Option<String>, Vec<T>)> {
    let mut runs: Vec<(Option<String>, Vec<T>)> = Vec::new();
    let mut spaced = false;
    for item in items {
        let c = chr(*item);
        let key = face_key(c);
        match runs.last_mut() {
            Some((_, run)) if key.is_none() => {
                run.push(*item);
                spaced |= c.is_whitespace();
                continue;
            }
            Some((last, run)) if !spaced && (last.is_none() || *last == key) => {
                if last.is_none() {
                    *last = key;
                }
                run.push(*item);
            }
            _ => runs.push((key, vec![*item])),
        }
        spaced = false;
    }
    runs
}

/// A row's text in words of one face, each placed where egui drew it: at its leftmost
/// glyph, and character by character when its glyphs are its characters one for one.
fn pieces(text: &str, glyphs: &[(char, f32)]) -> Vec<TextPiece> {
    let chars: Vec<char> = text.chars().collect();
    let text_runs = runs(&chars, |c| c);
    let glyph_runs = runs(glyphs, |(c, _)| c);
    let row_x = glyphs.iter().map(|g| g.1).fold(f32::INFINITY, f32::min);
    let row_x = if row_x.is_finite() { row_x } else { 0.0 };
    let matched = text_runs.len() == glyph_runs.len();
    text_runs
        .into_iter()
        .enumerate()
        .map(|(i, (_, run))| {
            let glyph_run = glyph_runs.get(i).filter(|_| matched);
            // Spaces may sit on either side of a right-to-left word: its letters say where
            // it is.
            let x = glyph_run
                .map(|(_, g)| {
                    g.iter()
                        .filter(|g| crate::fonts::needs_glyph(g.0))
                        .map(|g| g.1)
                        .fold(f32::INFINITY, f32::min)
                })
                .filter(|x| x.is_finite())
                .unwrap_or(row_x);
            let one_for_one = glyph_run
                .filter(|(_, g)| {
                    g.len() == run.len() && g.iter().map(|g| g.0).eq(run.iter().copied())
                })
                .map(|(_, g)| g.iter().map(|g| g.1).collect());
            TextPiece {
                text: run.into_iter().collect(),
                x,
                each: one_for_one,
            }
        })
        .collect()
}

/// A mesh textured with a picture, as the picture over the mesh's bounds (the board's
/// only textured meshes are pictures); untextured meshes as their triangles.
fn mesh_items(mesh: &egui::epaint::Mesh, out: &mut Vec<Item>) {
    if mesh.vertices.is_empty() {
        return;
    }
    if mesh.texture_id != TextureId::default() {
        let rect = Rect::from_points(&mesh.vertices.iter().map(|v| v.pos).collect::<Vec<_>>());
        let uv = Rect::from_points(&mesh.vertices.iter().map(|v| v.uv).collect::<Vec<_>>());
        out.push(Item::Picture {
            rect,
            radius: [0.0; 4],
            texture: mesh.texture_id,
            uv,
        });
        return;
    }
    for tri in mesh.indices.chunks_exact(3) {
        let vertex = |i: u32| {
            mesh.vertices
                .get(crate::convert::usize_from_u32(i))
                .copied()
        };
        if let (Some(a), Some(b), Some(c)) = (vertex(tri[0]), vertex(tri[1]), vertex(tri[2])) {
            push_visible(
                out,
                Item::Path {
                    segments: polyline(&[a.pos, b.pos, c.pos], true),
                    paint: Paint::new(a.color, Stroke::NONE),
                },
            );
        }
    }
}

/// The outline of a rectangle with rounded corners as path steps (the corners as cubic
/// curves), clockwise from the top-left.
pub fn rounded_rect(rect: Rect, radius: [f32; 4]) -> Vec<Segment> {
    // How far along the tangent the control points of a quarter circle sit.
    const K: f32 = 0.552_284_8;
    let limit = rect.width().min(rect.height()) / 2.0;
    let [nw, ne, se, sw] = radius.map(|r| r.clamp(0.0, limit));
    let (l, t, r, b) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let mut s = vec![
        Segment::Move(pos2(l + nw, t)),
        Segment::Line(pos2(r - ne, t)),
    ];
    if ne > 0.0 {
        s.push(Segment::Cubic(
            pos2(r - ne + K * ne, t),
            pos2(r, t + ne - K * ne),
            pos2(r, t + ne),
        ));
    }
    s.push(Segment::Line(pos2(r, b - se)));
    if se > 0.0 {
        s.push(Segment::Cubic(
            pos2(r, b - se + K * se),
            pos2(r - se + K * se, b),
            pos2(r - se, b),
        ));
    }
    s.push(Segment::Line(pos2(l + sw, b)));
    if sw > 0.0 {
        s.push(Segment::Cubic(
            pos2(l + sw - K * sw, b),
            pos2(l, b - sw + K * sw),
            pos2(l, b - sw),
        ));
    }
    s.push(Segment::Line(pos2(l, t + nw)));
    if nw > 0.0 {
        s.push(Segment::Cubic(
            pos2(l, t + nw - K * nw),
            pos2(l + nw - K * nw, t),
            pos2(l + nw, t),
        ));
    }
    s.push(Segment::Close);
    s
}

/// An ellipse as four cubic curves.
pub fn ellipse(centre: Pos2, radius: Vec2) -> Vec<Segment> {
    const K: f32 = 0.552_284_8;
    let (cx, cy, rx, ry) = (centre.x, centre.y, radius.x, radius.y);
    vec![
        Segment::Move(pos2(cx + rx, cy)),
        Segment::Cubic(
            pos2(cx + rx, cy + K * ry),
            pos2(cx + K * rx, cy + ry),
            pos2(cx, cy + ry),
        ),
        Segment::Cubic(
            pos2(cx - K * rx, cy + ry),
            pos2(cx - rx, cy + K * ry),
            pos2(cx - rx, cy),
        ),
        Segment::Cubic(
            pos2(cx - rx, cy - K * ry),
            pos2(cx - K * rx, cy - ry),
            pos2(cx, cy - ry),
        ),
        Segment::Cubic(
            pos2(cx + K * rx, cy - ry),
            pos2(cx + rx, cy - K * ry),
            pos2(cx + rx, cy),
        ),
        Segment::Close,
    ]
}

/// A colour's red, green and blue (0–255) and opacity (0–1), un-premultiplied.
pub fn rgb_alpha(colour: Color32) -> ([u8; 3], f32) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    ([r, g, b], f32::from(a) / 255.0)
}

/// The part `uv` (0–1) of a picture, or None when that part is empty.
pub fn crop_uv(picture: &image::RgbaImage, uv: Rect) -> Option<image::RgbaImage> {
    let (w, h) = (picture.width(), picture.height());
    let px = |f: f32, side: u32| {
        crate::convert::round_to_u32(f.clamp(0.0, 1.0) * crate::convert::f32_from_u32(side))
    };
    let (x0, y0, x1, y1) = (
        px(uv.min.x, w),
        px(uv.min.y, h),
        px(uv.max.x, w),
        px(uv.max.y, h),
    );
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    Some(image::imageops::crop_imm(picture, x0, y0, x1 - x0, y1 - y0).to_image())
}
