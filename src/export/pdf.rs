//! PDF: the picture's vector items ([`super::vector`]) written with krilla (the PDF writer
//! Typst's export is built on). Text is real text in the fonts egui drew it with, embedded
//! as subsets, so it can be selected, searched and copied; the document is tagged: its
//! title in the metadata, and the text as paragraphs in reading order (the title block and
//! stage names first, then each card's text, card by card, lane by lane from the left and
//! top to bottom within a lane, then the rest). Shapes and pictures are artifacts.
//!
//! It is written to PDF/UA-1, which krilla checks as it writes (tagging, title, outline,
//! glyphs that map to text); a document that fails the check (text in a font with no
//! glyph for it) is written again as a tagged PDF that does not claim PDF/UA, and the
//! export says why.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Pos2, Rect, TextureId};
use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::vector::{Item, Paint, Segment, TextRun, crop_uv, ellipse, rgb_alpha, rounded_rect};
use crate::board::marks::Mark;

/// The largest page side PDF readers accept, in points (200 inches).
pub const MAX_PAGE_SIDE: f32 = 14_400.0;

/// One page of a PDF.
pub struct PdfPage {
    /// What is drawn on it.
    pub items: Vec<Item>,
    /// Its size in points.
    pub size: egui::Vec2,
    /// PDF points per point (1, or ¾ for paper sizes).
    pub scale: f32,
    /// The pictures by texture, as painted for this page.
    pub pictures: HashMap<TextureId, image::RgbaImage>,
    /// Its entry in the document's outline.
    pub label: String,
}

/// What the PDF claims to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// PDF/UA-1, checked by krilla's validator.
    Ua1,
    /// Tagged, claiming no standard.
    Tagged,
}

/// Why no PDF was written.
#[derive(Debug)]
pub enum Failure {
    /// It would not be PDF/UA-1, for these reasons.
    NotUa(String),
    /// It could not be written.
    Write(String),
}

/// A PDF of `pages` (taken one at a time, each dropped once written), titled `title`,
/// each page on `background`. The second value is the smallest scale a page was made at:
/// below the page's own when a page is larger than a PDF page may be.
pub fn pdf(
    pages: impl Iterator<Item = PdfPage>,
    title: &str,
    background: egui::Color32,
    standard: Standard,
) -> Result<(Vec<u8>, f32), Failure> {
    let mut configuration = krilla::configure::ConfigurationBuilder::new();
    if standard == Standard::Ua1 {
        configuration =
            configuration.with_accessibility_validator(krilla::configure::Accessibility::UA1);
    }
    let configuration = configuration
        .finish()
        .map_err(|e| Failure::Write(format!("the PDF could not be set up ({e:?})")))?;
    let mut document = Document::new_with(krilla::SerializeSettings {
        configuration,
        ..krilla::SerializeSettings::default()
    });
    let mut outline = Outline::new();
    let mut tree = TagTree::new();
    let mut smallest = f32::INFINITY;
    // One embedded subset of each font for the whole document.
    let mut fonts = HashMap::new();
    for (page_index, input) in pages.enumerate() {
        let fit = (MAX_PAGE_SIDE / (input.size.x.max(input.size.y) * input.scale)).min(1.0);
        let scale = input.scale * fit;
        smallest = smallest.min(fit);
        let (width, height) = (
            (input.size.x * scale).max(1.0),
            (input.size.y * scale).max(1.0),
        );
        let settings = PageSettings::from_wh(width, height).ok_or_else(|| {
            Failure::Write(format!(
                "the page size {width} × {height} points is not valid"
            ))
        })?;
        outline.push_child(OutlineNode::new(
            input.label.clone(),
            XyzDestination::new(page_index, Point::from_xy(0.0, 0.0)),
        ));
        let mut blocks = Blocks::default();
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_scale(scale, scale));
        let mut writer = Writer {
            surface: &mut surface,
            pictures: &input.pictures,
            fonts: &mut fonts,
            clip_depth: 0,
            blocks: &mut blocks,
        };
        let whole = Rect::from_min_size(Pos2::ZERO, input.size);
        writer.artifact(|s| {
            fill_path(s, &rounded_rect(whole, [0.0; 4]), background);
        });
        for item in &input.items {
            writer.item(item);
        }
        for _ in 0..writer.clip_depth {
            writer.surface.pop();
        }
        surface.pop();
        surface.finish();
        page.finish();
        for node in blocks.nodes() {
            tree.push(node);
        }
    }
    // The words around the journey's own (headings, legend, notes) are English.
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("en".to_owned())
            .creator("Journeyboard".to_owned()),
    );
    document.set_outline(outline);
    document.set_tag_tree(tree);
    let bytes = document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) if standard == Standard::Ua1 => {
            Failure::NotUa(not_ua_reasons(errors.iter().map(|(e, _)| e)))
        }
        e => Failure::Write(format!("the PDF could not be written ({e:?})")),
    })?;
    Ok((bytes, if smallest.is_finite() { smallest } else { 1.0 }))
}

/// Why a PDF fails krilla's PDF/UA-1 check, for a person: letters no font has a glyph
/// for, by code point; anything else as krilla names it.
fn not_ua_reasons<'a>(
    errors: impl Iterator<Item = &'a krilla::configure::ValidationError>,
) -> String {
    let mut missing: Vec<char> = Vec::new();
    let mut other: Vec<String> = Vec::new();
    for error in errors {
        match error {
            krilla::configure::ValidationError::ContainsNotDefGlyph(_, _, text) => {
                missing.extend(text.chars());
            }
            error => other.push(format!("{error:?}")),
        }
    }
    missing.sort_unstable();
    missing.dedup();
    other.sort();
    other.dedup();
    let mut reasons = Vec::new();
    if !missing.is_empty() {
        let letters: Vec<String> = missing
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        reasons.push(format!(
            "no font has a glyph for {} (retype those letters, or install a font that has \
             them)",
            letters.join(", ")
        ));
    }
    reasons.extend(other);
    reasons.join("; ")
}

/// The tagged text gathered while drawing, to be put in reading order.
#[derive(Default)]
struct Blocks {
    /// Paragraphs outside cards, in painting order, and where the cards come among them.
    loose: Vec<Loose>,
    /// Each card's rows of text, with the card's top-left corner.
    cards: Vec<(Pos2, Vec<Vec<Identifier>>)>,
    /// The card being drawn: its place in `cards`.
    open_card: Option<usize>,
    /// Depth of other open groups (links, labels) inside the card or outside.
    other_depth: usize,
    /// Artifacts, which still need one parent in the tree.
    artifacts: Vec<Identifier>,
}

enum Loose {
    /// A row of text outside the cards: its pieces' spans.
    Paragraph(Vec<Identifier>),
    /// The cards go here.
    Cards,
}

impl Blocks {
    /// One row of text: its pieces' spans.
    fn text(&mut self, ids: Vec<Identifier>) {
        match self.open_card.and_then(|i| self.cards.get_mut(i)) {
            Some((_, rows)) => rows.push(ids),
            None => self.loose.push(Loose::Paragraph(ids)),
        }
    }

    /// The page's part of the tag tree, in reading order.
    fn nodes(mut self) -> Vec<Node> {
        let mut tree: Vec<Node> = Vec::new();
        // Lane by lane (cards in one lane share their left edge), top to bottom.
        self.cards.sort_by(|(a, _), (b, _)| {
            (a.x.round(), a.y)
                .partial_cmp(&(b.x.round(), b.y))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut cards = Some(std::mem::take(&mut self.cards));
        for loose in self.loose {
            match loose {
                Loose::Paragraph(id) => tree.push(paragraph(id).into()),
                Loose::Cards => {
                    for (_, texts) in cards.take().into_iter().flatten() {
                        if texts.is_empty() {
                            continue;
                        }
                        let mut card = TagGroup::new(Tag::Div);
                        for id in texts {
                            card.push(paragraph(id));
                        }
                        tree.push(card.into());
                    }
                }
            }
        }
        // Artifacts take no part in the reading order, but each needs a parent.
        for id in self.artifacts {
            tree.push(Node::Leaf(id));
        }
        tree
    }
}

fn paragraph(ids: Vec<Identifier>) -> TagGroup {
    let mut p = TagGroup::new(Tag::P);
    for id in ids {
        p.push(id);
    }
    p
}

struct Writer<'s, 'a> {
    surface: &'s mut Surface<'a>,
    pictures: &'s HashMap<TextureId, image::RgbaImage>,
    /// Embedded fonts by face (None: the face could not be read).
    fonts: &'s mut HashMap<String, Option<Font>>,
    clip_depth: usize,
    blocks: &'s mut Blocks,
}

impl Writer<'_, '_> {
    fn artifact(&mut self, draw: impl FnOnce(&mut Surface<'_>)) {
        let id = self
            .surface
            .start_tagged(ContentTag::Artifact(Artifact::new(
                ArtifactType::Other,
                None,
            )));
        draw(self.surface);
        self.surface.end_tagged();
        self.blocks.artifacts.push(id);
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Begin(mark) => self.begin(mark),
            Item::End => {
                if self.blocks.other_depth > 0 {
                    self.blocks.other_depth -= 1;
                } else {
                    self.blocks.open_card = None;
                }
            }
            Item::Clip(rect) => {
                if let Some(path) = path_of(&rounded_rect(*rect, [0.0; 4])) {
                    self.surface.push_clip_path(&path, &FillRule::NonZero);
                    self.clip_depth += 1;
                }
            }
            Item::Unclip => {
                if self.clip_depth > 0 {
                    self.surface.pop();
                    self.clip_depth -= 1;
                }
            }
            Item::Rect {
                rect,
                radius,
                paint,
            } => {
                self.note_card_corner(rect.min);
                let segments = rounded_rect(*rect, *radius);
                self.artifact(|s| draw(s, &segments, paint));
            }
            Item::Ellipse {
                centre,
                radius,
                paint,
            } => {
                let segments = ellipse(*centre, *radius);
                self.artifact(|s| draw(s, &segments, paint));
            }
            Item::Path { segments, paint } => self.artifact(|s| draw(s, segments, paint)),
            Item::Link {
                segments, paint, ..
            } => self.artifact(|s| draw(s, segments, paint)),
            Item::Text(run) => self.text(run),
            Item::Picture {
                rect,
                radius,
                texture,
                uv,
            } => {
                let Some(picture) = self.pictures.get(texture).and_then(|i| image_of(i, *uv))
                else {
                    return;
                };
                let (rect, radius) = (*rect, *radius);
                self.artifact(|s| {
                    let Some(clip) = path_of(&rounded_rect(rect, radius)) else {
                        return;
                    };
                    let Some(size) = Size::from_wh(rect.width(), rect.height()) else {
                        return;
                    };
                    s.push_clip_path(&clip, &FillRule::NonZero);
                    s.push_transform(&Transform::from_translate(rect.min.x, rect.min.y));
                    s.draw_image(picture, size);
                    s.pop();
                    s.pop();
                });
            }
        }
    }

    fn begin(&mut self, mark: &Mark) {
        match mark {
            Mark::Card(_) if self.blocks.open_card.is_none() && self.blocks.other_depth == 0 => {
                if !self.blocks.loose.iter().any(|l| matches!(l, Loose::Cards)) {
                    self.blocks.loose.push(Loose::Cards);
                }
                self.blocks.cards.push((Pos2::ZERO, Vec::new()));
                self.blocks.open_card = Some(self.blocks.cards.len() - 1);
            }
            Mark::LinkLine | Mark::End => {}
            _ => self.blocks.other_depth += 1,
        }
    }

    /// Records where the open card is (its first rectangle is its outline).
    fn note_card_corner(&mut self, at: Pos2) {
        if let Some((corner, _)) = self
            .blocks
            .open_card
            .and_then(|i| self.blocks.cards.get_mut(i))
            && *corner == Pos2::ZERO
        {
            *corner = at;
        }
    }

    /// A row of text, piece by piece (each in one font), every piece starting where egui
    /// put it and shaped in its own direction.
    fn text(&mut self, run: &TextRun) {
        let (rgb, alpha) = rgb_alpha(run.colour);
        let fill = Fill {
            paint: rgb::Color::new(rgb[0], rgb[1], rgb[2]).into(),
            opacity: NormalizedF32::new(alpha).unwrap_or(NormalizedF32::ONE),
            rule: FillRule::NonZero,
        };
        let pieces: Vec<(Font, f32, f32, &str, &str)> = run
            .pieces
            .iter()
            .filter_map(|piece| {
                let (font, scale) = self.font_for(&piece.text)?;
                // A right-to-left word is shaped whole, so a space after it would land on
                // its left, where egui put none: it is drawn without (the gap shows it).
                let text = if crate::board::bidi::has_rtl(&piece.text) {
                    piece.text.trim()
                } else {
                    piece.text.as_str()
                };
                Some((font, scale, piece.x, text, piece.text.as_str()))
            })
            .collect();
        if pieces.is_empty() {
            return;
        }
        // Each piece is its own span. One in a right-to-left or shaped script carries
        // its characters as typed, so readers copy and search it in its logical order;
        // others are found by their glyphs' own text, which text tools place on the page
        // (poppler gave words with actual text no size, in reverse order).
        let mut ids = Vec::with_capacity(pieces.len());
        for (font, scale, x, text, typed) in pieces {
            let actual = (text != typed || !typed.chars().all(plain_script)).then_some(typed);
            let id = self
                .surface
                .start_tagged(ContentTag::Span(SpanTag::empty().with_actual_text(actual)));
            self.surface.set_fill(Some(fill.clone()));
            self.surface.set_stroke(None);
            self.surface.draw_text(
                Point::from_xy(x, run.y),
                font,
                run.size * scale,
                text,
                false,
                TextDirection::Auto,
            );
            self.surface.end_tagged();
            ids.push(id);
        }
        self.blocks.text(ids);
    }

    /// The embedded font for a piece of text (the face of its first visible character)
    /// and the scale egui draws that face at; None when the face cannot be read.
    fn font_for(&mut self, text: &str) -> Option<(Font, f32)> {
        let c = text
            .chars()
            .find(|c| crate::fonts::needs_glyph(*c))
            .unwrap_or('a');
        let face = crate::fonts::face_data_for(c).or_else(|| crate::fonts::face_data_for('a'))?;
        let font = self
            .fonts
            .entry(face.key.clone())
            .or_insert_with(|| Font::new(krilla::Data::from(Arc::clone(&face.data)), face.index))
            .clone()?;
        Some((font, face.scale))
    }
}

fn path_of(segments: &[Segment]) -> Option<Path> {
    let mut b = PathBuilder::new();
    for s in segments {
        match *s {
            Segment::Move(p) => b.move_to(p.x, p.y),
            Segment::Line(p) => b.line_to(p.x, p.y),
            Segment::Quad(c, p) => b.quad_to(c.x, c.y, p.x, p.y),
            Segment::Cubic(c1, c2, p) => b.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y),
            Segment::Close => b.close(),
        }
    }
    b.finish()
}

fn fill_path(s: &mut Surface<'_>, segments: &[Segment], colour: egui::Color32) {
    draw(
        s,
        segments,
        &Paint {
            fill: Some(colour),
            stroke: None,
            dash: None,
        },
    );
}

fn draw(s: &mut Surface<'_>, segments: &[Segment], paint: &Paint) {
    let Some(path) = path_of(segments) else {
        return;
    };
    s.set_fill(paint.fill.map(|colour| {
        let (c, alpha) = rgb_alpha(colour);
        Fill {
            paint: rgb::Color::new(c[0], c[1], c[2]).into(),
            opacity: NormalizedF32::new(alpha).unwrap_or(NormalizedF32::ONE),
            rule: FillRule::NonZero,
        }
    }));
    s.set_stroke(paint.stroke.map(|stroke| {
        let (c, alpha) = rgb_alpha(stroke.color);
        Stroke {
            paint: rgb::Color::new(c[0], c[1], c[2]).into(),
            width: stroke.width,
            opacity: NormalizedF32::new(alpha).unwrap_or(NormalizedF32::ONE),
            line_cap: if paint.dash.is_some() {
                LineCap::Butt
            } else {
                LineCap::Round
            },
            line_join: LineJoin::Round,
            dash: paint.dash.map(|[dash, gap]| StrokeDash {
                array: vec![dash, gap],
                offset: 0.0,
            }),
            ..Stroke::default()
        }
    }));
    s.draw_path(&path);
}

/// The part `uv` of a picture as a PDF image.
fn image_of(picture: &image::RgbaImage, uv: Rect) -> Option<Image> {
    let part = crop_uv(picture, uv)?;
    let (w, h) = (part.width(), part.height());
    Some(Image::from_rgba8(part.into_raw(), w, h))
}

/// Whether `c` is drawn as it is typed, one glyph after another left to right: Latin,
/// Greek, Cyrillic and Armenian (below Hebrew), CJK, kana and Hangul, and punctuation
/// and symbols. Right-to-left and shaped scripts (Hebrew, Arabic, Indic, Thai …) are not.
fn plain_script(c: char) -> bool {
    let c = u32::from(c);
    c < 0x0590
        || (0x2000..0x2E80).contains(&c)
        || (0x2E80..0xA000).contains(&c)
        || (0xAC00..0xD7B0).contains(&c)
        || (0xF900..0xFB00).contains(&c)
        || (0xFE30..0xFE50).contains(&c)
        || (0xFF00..0xFFF0).contains(&c)
        || (0x1F000..0x20000).contains(&c)
        || (0x20000..0x30000).contains(&c)
}
