//! SVG: the picture's vector items ([`super::vector`]) as SVG elements people and tools can
//! work with. Each card is a `<g class="card" data-touchpoint="ID">` whose first `<rect>`
//! is the card's outline; each link a `<path class="link" data-from="ID" data-to="ID">`
//! with its curve in absolute coordinates; text is real text (one `<text>` per row, each
//! character at the place the PNG has it), in the bundled font embedded in the file and
//! the installed fonts by name for other scripts; pictures are embedded PNGs.

use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;
use egui::{Color32, Pos2, Rect, TextureId};

use super::vector::{Item, Paint, Segment, TextRun, crop_uv, ellipse, rgb_alpha, rounded_rect};
use crate::board::marks::Mark;

/// The family name the embedded bundled font goes by inside the file.
const EMBEDDED_FAMILY: &str = "Journeyboard Ubuntu Light";

/// What an SVG needs besides its items.
pub struct SvgInput<'a> {
    /// Size in points (= SVG user units = CSS pixels).
    pub size: egui::Vec2,
    /// The canvas colour behind everything.
    pub background: Color32,
    /// The document title.
    pub title: &'a str,
    /// The pictures by texture, as painted.
    pub pictures: &'a HashMap<TextureId, image::RgbaImage>,
    /// Family names of the installed fonts the text uses, after the bundled one.
    pub fallback_families: &'a [String],
}

/// The SVG document for `items`.
pub fn svg(items: &[Item], input: &SvgInput<'_>) -> String {
    let mut w = Writer::default();
    let (width, height) = (num(input.size.x), num(input.size.y));
    let _ = write!(
        w.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title>{}</title>\n",
        escape(input.title)
    );
    w.out.push_str("<defs>\n<style>\n");
    let font = base64::engine::general_purpose::STANDARD.encode(bundled_font());
    let _ = writeln!(
        w.out,
        "@font-face {{ font-family: \"{EMBEDDED_FAMILY}\"; src: url(data:font/ttf;base64,{font}) format(\"truetype\"); }}"
    );
    let mut families = vec![
        format!("\"{EMBEDDED_FAMILY}\""),
        "\"Ubuntu Light\"".to_owned(),
        "Ubuntu".to_owned(),
    ];
    families.extend(
        input
            .fallback_families
            .iter()
            .map(|f| format!("\"{}\"", css_name(f))),
    );
    families.push("sans-serif".to_owned());
    let _ = writeln!(
        w.out,
        "text {{ font-family: {}; white-space: pre; }}",
        families.join(", ")
    );
    w.out.push_str("</style>\n</defs>\n");
    let (rgb, _) = rgb_alpha(input.background);
    let _ = writeln!(
        w.out,
        "<rect class=\"background\" width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        hex(rgb)
    );
    for item in items {
        w.item(item, input.pictures);
    }
    // Groups left open by a painter that stopped early still close.
    for _ in 0..w.depth {
        w.out.push_str("</g>\n");
    }
    w.out.push_str("</svg>\n");
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Open groups.
    depth: usize,
    /// The clip path the elements get now (its id).
    clip: Option<usize>,
    clips: usize,
}

impl Writer {
    fn item(&mut self, item: &Item, pictures: &HashMap<TextureId, image::RgbaImage>) {
        match item {
            Item::Begin(mark) => self.begin(mark),
            Item::End => {
                if self.depth > 0 {
                    self.depth -= 1;
                    self.out.push_str("</g>\n");
                }
            }
            Item::Clip(rect) => {
                self.clips += 1;
                let id = self.clips;
                let _ = writeln!(
                    self.out,
                    "<clipPath id=\"clip{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
                    num(rect.min.x),
                    num(rect.min.y),
                    num(rect.width()),
                    num(rect.height())
                );
                self.clip = Some(id);
            }
            Item::Unclip => self.clip = None,
            Item::Rect {
                rect,
                radius,
                paint,
            } => self.rect(*rect, *radius, paint),
            Item::Ellipse {
                centre,
                radius,
                paint,
            } => {
                if (radius.x - radius.y).abs() < f32::EPSILON {
                    self.element(
                        "circle",
                        &format!(
                            "cx=\"{}\" cy=\"{}\" r=\"{}\"",
                            num(centre.x),
                            num(centre.y),
                            num(radius.x)
                        ),
                        paint,
                    );
                } else {
                    self.element("path", &d_attribute(&ellipse(*centre, *radius)), paint);
                }
            }
            Item::Path { segments, paint } => {
                self.element("path", &d_attribute(segments), paint);
            }
            Item::Link {
                from,
                to,
                segments,
                paint,
            } => {
                self.element(
                    "path",
                    &format!(
                        "class=\"link\" data-from=\"{}\" data-to=\"{}\" {}",
                        from.0,
                        to.0,
                        d_attribute(segments)
                    ),
                    paint,
                );
            }
            Item::Text(run) => self.text(run),
            Item::Picture {
                rect,
                radius,
                texture,
                uv,
            } => {
                if let Some(png) = pictures.get(texture).and_then(|image| png_of(image, *uv)) {
                    self.picture(*rect, *radius, &png);
                }
            }
        }
    }

    fn begin(&mut self, mark: &Mark) {
        let attributes = match mark {
            Mark::Card(id) => format!("class=\"card\" data-touchpoint=\"{}\"", id.0),
            Mark::Link { from, to, kind, .. } => format!(
                "class=\"connection {}\" data-from=\"{}\" data-to=\"{}\"",
                kind.label().to_lowercase(),
                from.0,
                to.0
            ),
            Mark::LinkLabel { from, to } => format!(
                "class=\"link-label\" data-from=\"{}\" data-to=\"{}\"",
                from.0, to.0
            ),
            Mark::LinkLine | Mark::End => return,
        };
        self.depth += 1;
        let _ = writeln!(self.out, "<g {attributes}>");
    }

    fn clip_attribute(&self) -> String {
        self.clip
            .map(|id| format!(" clip-path=\"url(#clip{id})\""))
            .unwrap_or_default()
    }

    fn rect(&mut self, rect: Rect, radius: [f32; 4], paint: &Paint) {
        let same = radius.iter().all(|r| (r - radius[0]).abs() < 0.01);
        if same {
            let limit = rect.width().min(rect.height()) / 2.0;
            let r = radius[0].clamp(0.0, limit.max(0.0));
            let rounding = if r > 0.0 {
                format!(" rx=\"{}\"", num(r))
            } else {
                String::new()
            };
            self.element(
                "rect",
                &format!(
                    "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{rounding}",
                    num(rect.min.x),
                    num(rect.min.y),
                    num(rect.width().max(0.0)),
                    num(rect.height().max(0.0))
                ),
                paint,
            );
        } else {
            self.element("path", &d_attribute(&rounded_rect(rect, radius)), paint);
        }
    }

    fn element(&mut self, name: &str, geometry: &str, paint: &Paint) {
        let _ = writeln!(
            self.out,
            "<{name} {geometry}{}{}/>",
            paint_attributes(paint),
            self.clip_attribute()
        );
    }

    fn text(&mut self, run: &TextRun) {
        let (rgb, alpha) = rgb_alpha(run.colour);
        let opacity = if alpha < 1.0 {
            format!(" fill-opacity=\"{}\"", num(alpha))
        } else {
            String::new()
        };
        let _ = write!(
            self.out,
            "<text y=\"{}\" font-size=\"{}\" fill=\"{}\"{opacity}{}>",
            num(run.y),
            num(run.size),
            hex(rgb),
            self.clip_attribute(),
        );
        for piece in &run.pieces {
            // Each character where the PNG has it when that is known; otherwise the piece
            // from its left edge (a right-to-left piece is shaped by the viewer).
            let x = piece.each.as_ref().map_or_else(
                || num(piece.x),
                |each| each.iter().map(|x| num(*x)).collect::<Vec<_>>().join(" "),
            );
            let _ = write!(self.out, "<tspan x=\"{x}\">{}</tspan>", escape(&piece.text));
        }
        self.out.push_str("</text>\n");
    }

    fn picture(&mut self, rect: Rect, radius: [f32; 4], png: &[u8]) {
        self.clips += 1;
        let id = self.clips;
        let _ = writeln!(
            self.out,
            "<clipPath id=\"clip{id}\"><path {}/></clipPath>",
            d_attribute(&rounded_rect(rect, radius))
        );
        let data = base64::engine::general_purpose::STANDARD.encode(png);
        let outer = self.clip_attribute();
        let _ = writeln!(
            self.out,
            "<g{outer}><image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" clip-path=\"url(#clip{id})\" href=\"data:image/png;base64,{data}\"/></g>",
            num(rect.min.x),
            num(rect.min.y),
            num(rect.width()),
            num(rect.height())
        );
    }
}

/// The bundled font the board's text is set in (Ubuntu Light, egui's default).
fn bundled_font() -> Vec<u8> {
    let definitions = egui::FontDefinitions::default();
    definitions
        .font_data
        .get("Ubuntu-Light")
        .map(|data| data.bytes().to_vec())
        .unwrap_or_default()
}

/// The part `uv` of a picture as PNG bytes.
fn png_of(image: &image::RgbaImage, uv: Rect) -> Option<Vec<u8>> {
    let part = crop_uv(image, uv)?;
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(part)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .ok()?;
    Some(bytes)
}

fn paint_attributes(paint: &Paint) -> String {
    let mut out = String::new();
    match paint.fill {
        Some(fill) => {
            let (rgb, alpha) = rgb_alpha(fill);
            let _ = write!(out, " fill=\"{}\"", hex(rgb));
            if alpha < 1.0 {
                let _ = write!(out, " fill-opacity=\"{}\"", num(alpha));
            }
        }
        None => out.push_str(" fill=\"none\""),
    }
    if let Some(stroke) = paint.stroke {
        let (rgb, alpha) = rgb_alpha(stroke.color);
        let cap = if paint.dash.is_some() {
            "butt"
        } else {
            "round"
        };
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"{cap}\" stroke-linejoin=\"round\"",
            hex(rgb),
            num(stroke.width)
        );
        if alpha < 1.0 {
            let _ = write!(out, " stroke-opacity=\"{}\"", num(alpha));
        }
        if let Some([dash, gap]) = paint.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
    }
    out
}

/// `d="…"` for path steps, in absolute coordinates.
fn d_attribute(segments: &[Segment]) -> String {
    let p = |p: Pos2| format!("{} {}", num(p.x), num(p.y));
    let steps: Vec<String> = segments
        .iter()
        .map(|s| match *s {
            Segment::Move(a) => format!("M {}", p(a)),
            Segment::Line(a) => format!("L {}", p(a)),
            Segment::Quad(a, b) => format!("Q {} {}", p(a), p(b)),
            Segment::Cubic(a, b, c) => format!("C {} {} {}", p(a), p(b), p(c)),
            Segment::Close => "Z".to_owned(),
        })
        .collect();
    format!("d=\"{}\"", steps.join(" "))
}

/// A number as SVG wants it: at most two decimals, no trailing zeros, no `-0`.
fn num(x: f32) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{:.2}", (x * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text for XML content and attribute values; characters XML 1.0 cannot carry (most
/// controls) are left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if u32::from(c) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A font family name safe inside a CSS string in an XML element.
fn css_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '"' | '\\' | '<' | '>' | '&') && !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(120.5), "120.5");
    }

    #[test]
    fn text_is_escaped_and_controls_left_out() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
