//! A CPU rasterizer for egui's tessellated meshes: no window, no GPU, deterministic.
//!
//! egui meshes are already anti-aliased by feathering, so sampling each pixel once at its
//! centre, interpolating vertex colour and texture coordinates, and blending with
//! premultiplied alpha reproduces what a GPU draws. Shared triangle edges follow the
//! top-left rule, so no pixel is blended twice.

use std::collections::HashMap;
use std::ops::Range;

use egui::epaint::textures::TexturesDelta;
use egui::epaint::{ClippedPrimitive, ImageData, Primitive, TextureId, Vertex};
use egui::{Color32, Rect};

use crate::convert::{channel_from_f32, f32_from_usize, floor_to_usize, u32_saturating};

/// One of egui's textures, kept as premultiplied pixels for sampling.
struct Texture {
    width: usize,
    height: usize,
    /// Premultiplied sRGBA.
    pixels: Vec<[u8; 4]>,
}

impl Texture {
    /// The colour at texture coordinates `(u, v)`, premultiplied 0–255.
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        // Bilinear, clamped to the edge, as egui's linear texture filtering.
        let x = (u * f32_from_usize(self.width) - 0.5).clamp(0.0, f32_from_usize(self.width - 1));
        let y = (v * f32_from_usize(self.height) - 0.5).clamp(0.0, f32_from_usize(self.height - 1));
        // Both are clamped to 0 or more, so rounding down is cutting off the fraction.
        let (x0, y0) = (floor_to_usize(x), floor_to_usize(y));
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - f32_from_usize(x0), y - f32_from_usize(y0));
        let p = |x: usize, y: usize| self.pixels[y * self.width + x];
        let (a, b, c, d) = (p(x0, y0), p(x1, y0), p(x0, y1), p(x1, y1));
        let mut out = [0.0; 4];
        for i in 0..4 {
            let (a, b, c, d) = (
                f32::from(a[i]),
                f32::from(b[i]),
                f32::from(c[i]),
                f32::from(d[i]),
            );
            let top = a + (b - a) * fx;
            let bottom = c + (d - c) * fx;
            out[i] = top + (bottom - top) * fy;
        }
        out
    }
}

/// Keeps egui's textures (the font atlas, images) and draws meshes into an RGBA buffer.
#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<TextureId, Texture>,
}

/// An image being drawn: premultiplied sRGBA, 8 bits a channel like a GPU framebuffer.
pub struct Canvas {
    width: usize,
    height: usize,
    /// RGBA bytes, row by row.
    pixels: Vec<u8>,
}

impl Canvas {
    /// A canvas filled with one colour.
    pub fn new(width: usize, height: usize, background: Color32) -> Self {
        Self {
            width,
            height,
            pixels: background.to_array().repeat(width * height),
        }
    }

    /// The finished picture, un-premultiplied, as an `image` buffer.
    pub fn into_image(self) -> image::RgbaImage {
        let mut bytes = self.pixels;
        for px in bytes.chunks_exact_mut(4) {
            let a = px[3];
            if a != 255 {
                for c in &mut px[..3] {
                    *c = if a == 0 {
                        0
                    } else {
                        channel_from_f32(f32::from(*c) * 255.0 / f32::from(a))
                    };
                }
            }
        }
        let (w, h) = (u32_saturating(self.width), u32_saturating(self.height));
        image::RgbaImage::from_raw(w, h, bytes).unwrap_or_default()
    }
}

/// A colour's premultiplied channels as floats, 0–255.
fn rgba(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [f32::from(r), f32::from(g), f32::from(b), f32::from(a)]
}

impl CpuRenderer {
    /// Applies new and changed textures (call before [`Self::paint`]); takes them out of
    /// `delta`.
    pub fn update_textures(&mut self, delta: &mut TexturesDelta) {
        let mut sets: Vec<_> = delta.set.drain().collect();
        sets.sort_by_key(|(id, _)| format!("{id:?}"));
        for (id, deltas) in sets {
            let id = &id;
            for image_delta in deltas {
                let ImageData::Color(image) = &image_delta.image;
                let [w, h] = image.size;
                let pixels: Vec<[u8; 4]> = image.pixels.iter().map(Color32::to_array).collect();
                match image_delta.pos {
                    None => {
                        self.textures.insert(
                            *id,
                            Texture {
                                width: w,
                                height: h,
                                pixels,
                            },
                        );
                    }
                    Some([x0, y0]) => {
                        if let Some(texture) = self.textures.get_mut(id) {
                            for y in 0..h {
                                for x in 0..w {
                                    let (tx, ty) = (x0 + x, y0 + y);
                                    if tx < texture.width && ty < texture.height {
                                        texture.pixels[ty * texture.width + tx] = pixels[y * w + x];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Frees the textures egui no longer needs (call after painting); takes them out of
    /// `delta`.
    pub fn free_textures(&mut self, delta: &mut TexturesDelta) {
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    /// Draws tessellated primitives onto the canvas. Positions are in points and scaled by
    /// `pixels_per_point`.
    pub fn paint(
        &self,
        canvas: &mut Canvas,
        primitives: &[ClippedPrimitive],
        pixels_per_point: f32,
    ) {
        for primitive in primitives {
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                continue; // paint callbacks need a GPU; Journeyboard never emits them
            };
            let clip = Rect::from_min_max(
                primitive.clip_rect.min * pixels_per_point,
                primitive.clip_rect.max * pixels_per_point,
            );
            let texture = self.textures.get(&mesh.texture_id);
            for tri in mesh.indices.chunks_exact(3) {
                let vertex = |i: u32| mesh.vertices.get(i as usize).copied();
                if let (Some(a), Some(b), Some(c)) =
                    (vertex(tri[0]), vertex(tri[1]), vertex(tri[2]))
                {
                    draw_triangle(canvas, [a, b, c], pixels_per_point, clip, texture);
                }
            }
        }
    }
}

/// One edge of a triangle as a line function. Both triangles that share an edge evaluate
/// it from the same canonical end point, so their values are exact negatives and the
/// top-left rule gives every pixel centre on the edge to exactly one of them.
struct Edge {
    origin: (f32, f32),
    delta: (f32, f32),
    sign: f32,
    top_left: bool,
}

impl Edge {
    fn new(a: (f32, f32), b: (f32, f32)) -> Self {
        let (origin, end, sign) = if (a.0, a.1) <= (b.0, b.1) {
            (a, b, 1.0)
        } else {
            (b, a, -1.0)
        };
        Self {
            origin,
            delta: (end.0 - origin.0, end.1 - origin.1),
            sign,
            top_left: is_top_left(a, b),
        }
    }

    /// Positive inside a counter-clockwise triangle.
    fn value(&self, q: (f32, f32)) -> f32 {
        self.sign * (self.delta.0 * (q.1 - self.origin.1) - self.delta.1 * (q.0 - self.origin.0))
    }

    fn contains(&self, q: (f32, f32)) -> bool {
        let w = self.value(q);
        w > 0.0 || (w == 0.0 && self.top_left)
    }

    /// How the value changes per pixel to the right.
    fn slope(&self) -> f32 {
        -self.sign * self.delta.1
    }
}

/// Draws one triangle of a mesh: every pixel centre inside it, the clip rect and the
/// canvas, blended once.
fn draw_triangle(
    canvas: &mut Canvas,
    v: [Vertex; 3],
    ppp: f32,
    clip: Rect,
    texture: Option<&Texture>,
) {
    let Some(tri) = Triangle::new(v, ppp) else {
        return;
    };
    let Some((xs, ys)) = tri.pixel_box(clip, canvas.width, canvas.height) else {
        return;
    };
    let shader = Shader::new(&tri, texture);
    // Narrow triangles (most of egui's anti-aliasing feather) are tested pixel by pixel;
    // wide ones solve each edge for the run's ends, then check those ends with the exact
    // test.
    let narrow = xs.len() <= 8;
    for y in ys {
        let run = if narrow {
            tri.narrow_run(xs.clone(), y)
        } else {
            tri.wide_run(xs.clone(), y)
        };
        if let Some(run) = run {
            fill_run(canvas, &tri, &shader, y, run, narrow);
        }
    }
}

/// The centre of pixel `(x, y)`.
fn centre(x: usize, y: usize) -> (f32, f32) {
    (f32_from_usize(x) + 0.5, f32_from_usize(y) + 0.5)
}

/// A triangle in pixels, wound counter-clockwise, with its vertices in the same order.
struct Triangle {
    vertices: [Vertex; 3],
    points: [(f32, f32); 3],
    /// The edge opposite each vertex; each is positive inside.
    edges: [Edge; 3],
    /// One over twice the area, for barycentric weights.
    inv_area: f32,
}

impl Triangle {
    /// The triangle of three vertices scaled by `ppp`; `None` when it has no area or is
    /// not finite.
    fn new(v: [Vertex; 3], ppp: f32) -> Option<Self> {
        let p = v.map(|v| (v.pos.x * ppp, v.pos.y * ppp));
        let area = edge(p[0], p[1], p[2]);
        if area == 0.0 || !area.is_finite() {
            return None;
        }
        // Make the winding counter-clockwise (positive area) so one inside test serves both.
        let (points, vertices) = if area < 0.0 {
            ([p[0], p[2], p[1]], [v[0], v[2], v[1]])
        } else {
            (p, v)
        };
        Some(Self {
            vertices,
            points,
            edges: [
                Edge::new(points[1], points[2]),
                Edge::new(points[2], points[0]),
                Edge::new(points[0], points[1]),
            ],
            inv_area: 1.0 / area.abs(),
        })
    }

    /// Whether a point is inside, by the top-left rule on the edges.
    fn inside(&self, q: (f32, f32)) -> bool {
        self.edges.iter().all(|e| e.contains(q))
    }

    /// The columns and rows whose pixel centres (x + 0.5) lie inside the bounding box,
    /// the clip rect and the canvas; `None` when there are none.
    fn pixel_box(
        &self,
        clip: Rect,
        width: usize,
        height: usize,
    ) -> Option<(Range<usize>, Range<usize>)> {
        let lo = |a: f32, b: f32| (a.max(b) - 0.5).ceil().max(0.0);
        let hi = |a: f32, b: f32, limit: usize| {
            (a.min(b) - 0.5).ceil().clamp(0.0, f32_from_usize(limit))
        };
        let p = &self.points;
        let min_x = p.iter().map(|q| q.0).fold(f32::INFINITY, f32::min);
        let max_x = p.iter().map(|q| q.0).fold(f32::NEG_INFINITY, f32::max);
        let min_y = p.iter().map(|q| q.1).fold(f32::INFINITY, f32::min);
        let max_y = p.iter().map(|q| q.1).fold(f32::NEG_INFINITY, f32::max);
        // Whole numbers of 0 or more, so rounding down changes nothing.
        let (x0, x1, y0, y1) = (
            floor_to_usize(lo(min_x, clip.min.x)),
            floor_to_usize(hi(max_x + 1.0, clip.max.x, width)),
            floor_to_usize(lo(min_y, clip.min.y)),
            floor_to_usize(hi(max_y + 1.0, clip.max.y, height)),
        );
        (x0 < x1 && y0 < y1).then_some((x0..x1, y0..y1))
    }

    /// The run of pixels inside on row `y`, testing each pixel of `xs`.
    fn narrow_run(&self, xs: Range<usize>, y: usize) -> Option<Range<usize>> {
        let first = xs.clone().find(|&x| self.inside(centre(x, y)))?;
        let last = xs.rev().find(|&x| self.inside(centre(x, y)))?;
        Some(first..last + 1)
    }

    /// The run of pixels inside on row `y` within `xs`: each edge solved for where it
    /// crosses the row, then the run's ends moved until the exact test agrees.
    fn wide_run(&self, xs: Range<usize>, y: usize) -> Option<Range<usize>> {
        let (x0, x1) = (xs.start, xs.end);
        let py = centre(0, y).1;
        let (mut from, mut to) = (f32_from_usize(x0), f32_from_usize(x1 - 1));
        let mut empty = false;
        for e in &self.edges {
            let slope = e.slope();
            let at_zero = e.value((0.0, py));
            if slope > 0.0 {
                from = from.max((-at_zero / slope - 0.5).ceil());
            } else if slope < 0.0 {
                to = to.min((-at_zero / slope - 0.5).floor());
            } else if at_zero < 0.0 {
                empty = true;
            }
        }
        if empty || !(from.is_finite() && to.is_finite()) || from > to + 1.0 {
            return None;
        }
        // Whole numbers of at least x0, so rounding down changes nothing.
        let (mut start, mut end) = (
            floor_to_usize(from.max(f32_from_usize(x0))).min(x1),
            floor_to_usize((to + 1.0).max(f32_from_usize(x0))).min(x1),
        );
        while start > x0 && self.inside(centre(start - 1, y)) {
            start -= 1;
        }
        while start < end && !self.inside(centre(start, y)) {
            start += 1;
        }
        while end < x1 && self.inside(centre(end, y)) {
            end += 1;
        }
        while end > start && !self.inside(centre(end - 1, y)) {
            end -= 1;
        }
        (start < end).then_some(start..end)
    }
}

/// How a triangle's pixels are coloured: vertex colours and texture coordinates
/// interpolated, with shortcuts for a flat colour and for an opaque one.
struct Shader<'a> {
    colours: [[f32; 4]; 3],
    uvs: [(f32, f32); 3],
    flat_colour: bool,
    /// The colour of every pixel, when colour and texture coordinates are the same at
    /// all three vertices (most of egui's triangles: flat colour from the atlas's white
    /// texel).
    flat_source: Option<[f32; 4]>,
    /// That colour as bytes, when it is opaque: copied rather than blended.
    opaque: Option<[u8; 4]>,
    texture: Option<&'a Texture>,
}

impl<'a> Shader<'a> {
    /// The shader for a triangle's vertices and texture.
    fn new(tri: &Triangle, texture: Option<&'a Texture>) -> Self {
        let colours = tri.vertices.map(|v| rgba(v.color));
        let uvs = tri.vertices.map(|v| (v.uv.x, v.uv.y));
        let flat_colour = colours[0] == colours[1] && colours[1] == colours[2];
        let flat_source = (flat_colour && uvs[0] == uvs[1] && uvs[1] == uvs[2]).then(|| {
            let texel = texture.map_or([255.0; 4], |t| t.sample(uvs[0].0, uvs[0].1));
            modulate(colours[0], texel)
        });
        let opaque = flat_source
            .filter(|s| s[3] >= 255.0)
            .map(|s| s.map(channel_from_f32));
        Self {
            colours,
            uvs,
            flat_colour,
            flat_source,
            opaque,
            texture,
        }
    }

    /// The premultiplied colour at point `q` of the triangle.
    fn shade(&self, tri: &Triangle, q: (f32, f32)) -> [f32; 4] {
        if let Some(src) = self.flat_source {
            return src;
        }
        let (colours, uvs) = (&self.colours, &self.uvs);
        let (b0, b1, b2) = (
            tri.edges[0].value(q) * tri.inv_area,
            tri.edges[1].value(q) * tri.inv_area,
            tri.edges[2].value(q) * tri.inv_area,
        );
        let mut colour = colours[0];
        if !self.flat_colour {
            for (i, slot) in colour.iter_mut().enumerate() {
                *slot = colours[0][i] * b0 + colours[1][i] * b1 + colours[2][i] * b2;
            }
        }
        let u = uvs[0].0 * b0 + uvs[1].0 * b1 + uvs[2].0 * b2;
        let v = uvs[0].1 * b0 + uvs[1].1 * b1 + uvs[2].1 * b2;
        modulate(colour, self.texture.map_or([255.0; 4], |t| t.sample(u, v)))
    }
}

/// Paints the pixels of `run` on row `y`: an opaque wide run is copied whole; otherwise
/// each pixel (of a narrow run, each one inside) is copied or blended.
fn fill_run(
    canvas: &mut Canvas,
    tri: &Triangle,
    shader: &Shader<'_>,
    y: usize,
    run: Range<usize>,
    narrow: bool,
) {
    let row = y * canvas.width;
    let span = &mut canvas.pixels[(row + run.start) * 4..(row + run.end) * 4];
    if let Some(src) = shader.opaque
        && !narrow
    {
        for dst in span.chunks_exact_mut(4) {
            dst.copy_from_slice(&src);
        }
        return;
    }
    for (x, dst) in run.zip(span.chunks_exact_mut(4)) {
        let q = centre(x, y);
        if narrow && !tri.inside(q) {
            continue; // narrow runs may have gaps at a sliver's tip
        }
        match shader.opaque {
            Some(src) => dst.copy_from_slice(&src),
            None => blend(dst, shader.shade(tri, q)),
        }
    }
}

/// Vertex colour times texel, both premultiplied 0–255.
fn modulate(colour: [f32; 4], texel: [f32; 4]) -> [f32; 4] {
    [
        colour[0] * texel[0] / 255.0,
        colour[1] * texel[1] / 255.0,
        colour[2] * texel[2] / 255.0,
        colour[3] * texel[3] / 255.0,
    ]
}

/// Premultiplied "source over" into an 8-bit RGBA pixel.
fn blend(dst: &mut [u8], src: [f32; 4]) {
    if src == [0.0; 4] {
        return;
    }
    let keep = 1.0 - src[3] / 255.0;
    for i in 0..4 {
        dst[i] = channel_from_f32(src[i] + f32::from(dst[i]) * keep);
    }
}

/// Twice the signed area of triangle (a, b, c); positive when counter-clockwise in a
/// y-down frame as used here.
fn edge(a: (f32, f32), b: (f32, f32), c: (f32, f32)) -> f32 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

/// Top-left fill rule for an edge of a positively wound triangle (y grows downwards).
fn is_top_left(a: (f32, f32), b: (f32, f32)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    (dy == 0.0 && dx < 0.0) || dy > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::Mesh;
    use egui::{pos2, vec2};

    fn render_mesh(mesh: Mesh, size: usize) -> image::RgbaImage {
        let mut canvas = Canvas::new(size, size, Color32::WHITE);
        let renderer = CpuRenderer::default();
        let side = f32_from_usize(size);
        let clip = Rect::from_min_size(pos2(0.0, 0.0), vec2(side, side));
        renderer.paint(
            &mut canvas,
            &[ClippedPrimitive {
                clip_rect: clip,
                primitive: Primitive::Mesh(mesh),
            }],
            1.0,
        );
        canvas.into_image()
    }

    #[test]
    fn a_rectangle_of_two_triangles_covers_each_pixel_once() {
        let mut mesh = Mesh::default();
        let half_red = Color32::from_rgba_premultiplied(128, 0, 0, 128);
        mesh.add_colored_rect(Rect::from_min_max(pos2(2.0, 2.0), pos2(8.0, 8.0)), half_red);
        let image = render_mesh(mesh, 10);
        // Inside: half red over white, blended exactly once (also on the diagonal).
        for (x, y) in [(2, 2), (5, 5), (7, 7), (3, 6), (7, 2)] {
            assert_eq!(image.get_pixel(x, y).0, [255, 127, 127, 255], "at {x},{y}");
        }
        // Outside stays white.
        for (x, y) in [(1, 1), (8, 8), (0, 5), (9, 9)] {
            assert_eq!(image.get_pixel(x, y).0, [255, 255, 255, 255], "at {x},{y}");
        }
    }

    #[test]
    fn clip_rect_limits_drawing() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0)),
            Color32::BLACK,
        );
        let mut canvas = Canvas::new(10, 10, Color32::WHITE);
        CpuRenderer::default().paint(
            &mut canvas,
            &[ClippedPrimitive {
                clip_rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(5.0, 10.0)),
                primitive: Primitive::Mesh(mesh),
            }],
            1.0,
        );
        let image = canvas.into_image();
        assert_eq!(image.get_pixel(4, 4).0, [0, 0, 0, 255]);
        assert_eq!(image.get_pixel(5, 4).0, [255, 255, 255, 255]);
    }
}
