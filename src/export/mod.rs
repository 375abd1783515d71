//! Pictures of the storyboard: the board's poster (`board::paint_poster`, the lane map) or
//! its storyboard frames (`board::paint_storyboard`) painted in a headless egui context.
//! A PNG is those shapes tessellated and rasterized on the CPU; an SVG or PDF is the same
//! shapes as vector items (`vector`), with real text. Export only composes and reads the
//! pictures: it never draws anything itself. No window or GPU; the same inputs give the
//! same bytes.

mod pages;
pub mod pdf;
pub use pages::{Pages, render_first_page, write_pages};
mod pictures;
pub mod raster;
pub mod scope;
pub mod svg;
pub mod vector;

use std::path::Path;

use egui::{Pos2, Rect};

use crate::board::{self, BoardTheme, PageSize, PosterOptions};
use crate::model::Project;
use pictures::{FramePictures, frame_pictures};
use raster::{Canvas, CpuRenderer};

/// Largest export side, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest export area, in pixels.
pub const MAX_PIXELS: u64 = 200_000_000;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Pixels per board point: 1 (screen), 2 (slides), 3–4 (print).
    pub scale: u32,
    /// Colours; exports are light unless asked otherwise.
    pub theme: BoardTheme,
    /// Include the emotion curve strip and the moments of truth (the lane map), or
    /// outline the moments of truth (both layouts).
    pub insights: bool,
    /// Include the legend: owners' colours, link kinds, emotion faces (the lane map, as one
    /// picture or pages).
    pub legend: bool,
    /// List the touchpoints' notes under a whole picture (either layout; pages have no
    /// room for them).
    pub notes: bool,
    /// The lane map, or the storyboard's frames in journey order.
    pub layout: Layout,
}

/// How the picture tells the journey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// The stage lanes with every card and link where they are on the board.
    #[default]
    Map,
    /// The touchpoints as numbered frames in journey order, wrapped into rows for slides
    /// (`board::storyboard_order`).
    Storyboard,
}

impl ExportOptions {
    /// What a lane-map picture (whole or pages) shows, for the board's painters.
    pub fn poster(self) -> PosterOptions {
        PosterOptions {
            theme: self.theme,
            insights: self.insights,
            legend: self.legend,
            notes: self.notes,
        }
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1,
            theme: BoardTheme::Light,
            insights: true,
            legend: true,
            notes: false,
            layout: Layout::Map,
        }
    }
}

/// The picture formats an export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// A raster picture that also carries the project (it reopens as the project).
    #[default]
    Png,
    /// Vector, for the web, Figma, Illustrator and Inkscape: cards and links as named
    /// groups and paths, real text.
    Svg,
    /// Vector, to print and send: fonts embedded, text selectable, tagged.
    Pdf,
}

impl Format {
    /// The format a file name asks for by its extension (any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
        }
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Svg => "SVG",
            Self::Pdf => "PDF",
        }
    }
}

/// What the user should know about a written export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Problems that did not stop the export.
    pub warnings: Vec<String>,
    /// Pixels (PNG) or page points (PDF) per board point: the scale asked for, or less
    /// when the picture would not fit the format's limits at that scale.
    pub scale: f32,
    /// The picture's size in points (the first page's, for pages): with a lane map's
    /// link-label footnotes, taller than [`picture_size`] says.
    pub size: egui::Vec2,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Pages asked for what cannot be cut into pages.
    #[error("{0}")]
    Pages(String),
    /// A scale outside 1–4.
    #[error("scale {0} is not supported; use 1, 2, 3 or 4")]
    Scale(u32),
    /// Writing the PNG failed (the message names the file and what to do).
    #[error(transparent)]
    Write(#[from] crate::file::SaveError),
    /// Encoding the picture failed (should not happen).
    #[error("could not encode the picture: {reason}")]
    Encode {
        /// The encoder's reason.
        reason: String,
    },
}

/// A rendered storyboard and what the user should know about it.
pub struct Rendered {
    /// The picture.
    pub image: image::RgbaImage,
    /// Problems that did not stop the export (e.g. a missing picture file, or a board
    /// too large for the scale asked for).
    pub warnings: Vec<String>,
    /// Pixels per point the picture was rendered at: the scale asked for, or less when
    /// the picture would not fit the limits at that scale.
    pub scale: f32,
    /// The picture's size in points.
    pub size: egui::Vec2,
}

/// The largest scale up to `requested` at which a picture of `size` points stays within
/// [`MAX_SIDE`] pixels on a side and [`MAX_PIXELS`] in all.
pub fn fitting_scale(size: egui::Vec2, requested: f32) -> f32 {
    let side = crate::convert::f32_from_u32(MAX_SIDE);
    let area = crate::convert::f32_from_u64(MAX_PIXELS);
    let (w, h) = (size.x.max(1.0), size.y.max(1.0));
    let mut scale = requested
        .min(side / w)
        .min(side / h)
        .min((area / (w * h)).sqrt());
    // Rounding up to whole pixels must not step over a limit: shave until it fits.
    let fits = |s: f32| {
        let (pw, ph) = (
            crate::convert::ceil_to_u64(w * s),
            crate::convert::ceil_to_u64(h * s),
        );
        pw <= u64::from(MAX_SIDE) && ph <= u64::from(MAX_SIDE) && pw * ph <= MAX_PIXELS
    };
    for _ in 0..64 {
        if fits(scale) {
            break;
        }
        scale *= 0.999;
    }
    scale
}

/// Where the board's origin sits in the picture, in points.
pub fn board_origin() -> Pos2 {
    board::poster_board_origin()
}

/// Size of the picture in points for a project. A lane map whose link labels do not all
/// fit on the board is taller by the footnotes that list them, which only painting finds.
pub fn picture_size(project: &Project, options: ExportOptions) -> egui::Vec2 {
    match options.layout {
        Layout::Map => board::poster_size(project, options.poster(), 0),
        Layout::Storyboard => board::storyboard_size(project, options.notes),
    }
}

/// The picture painted in a headless context, before it is rasterized or written out.
struct Painted {
    /// The context that painted them (its fonts tessellate the text).
    ctx: egui::Context,
    /// The shapes, in painting order, and the textures they use.
    output: egui::FullOutput,
    /// Size in points.
    size: egui::Vec2,
    /// Pixels per point the shapes were painted (and pictures read) for.
    scale: f32,
    warnings: Vec<String>,
    frames: FramePictures,
}

/// What one picture shows: the whole storyboard, or one page of the lane map.
#[derive(Clone, Default)]
enum Sheet {
    #[default]
    Whole,
    /// A page of the lane map, with what all pages share (made once for all pages).
    Page(PageSize, board::Page, std::sync::Arc<pages::PagesShared>),
    StoryPage(PageSize, board::StoryPage),
}

/// Paints the picture. `vector` keeps the pictures' pixels and asks the painters for the
/// marks the SVG and PDF need; it also lifts the raster size limits.
fn paint(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    vector: bool,
    sheet: &Sheet,
) -> Result<Painted, ExportError> {
    if !(1..=4).contains(&options.scale) {
        return Err(ExportError::Scale(options.scale));
    }
    let mut size = match sheet {
        Sheet::Whole => picture_size(project, options),
        Sheet::Page(page_size, ..) | Sheet::StoryPage(page_size, _) => page_size.size(),
    };
    let requested = crate::convert::f32_from_u32(options.scale);
    let scale_for = |size| {
        if vector {
            requested
        } else {
            fitting_scale(size, requested)
        }
    };
    let mut scale = scale_for(size);
    let mut warnings = Vec::new();
    let ctx = egui::Context::default();
    if vector {
        board::marks::record_marks(&ctx);
    }
    let frame = match options.layout {
        Layout::Map => {
            board::layout::frame_rect(Rect::from_min_size(Pos2::ZERO, board::CARD_SIZE), 1.0)
        }
        Layout::Storyboard => board::storyboard_picture_rect(board::storyboard_panel(0)),
    };
    // Vector pictures stay sharp when the page is enlarged: read them at twice the scale.
    let picture_scale = if vector { scale.max(2.0) } else { scale };
    let frames = frame_pictures(
        &ctx,
        project,
        project_folder,
        frame.size() * picture_scale,
        vector,
    );
    warnings.extend(frames.warnings.iter().cloned());
    warnings.extend(crate::fonts::font_warnings(project));
    crate::fonts::install(&ctx);
    crate::fonts::preinstall_for(&ctx, project);
    let input = |size: egui::Vec2, scale: f32| {
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
            ..egui::RawInput::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(scale);
        }
        input
    };
    // The whole lane map lists the link labels with no room on the board below it: a
    // first pass, with the fonts and scale of the picture, finds how many.
    let whole_map = matches!((options.layout, sheet), (Layout::Map, Sheet::Whole));
    let index = whole_map.then(|| board::BoardIndex::new(project));
    let mut textures = egui::TexturesDelta::default();
    if let Some(index) = index.as_ref().filter(|_| board::has_link_labels(project)) {
        // The list can make the picture too big for the scale it was measured at, and
        // text placed at another scale may place differently: measured again at the new
        // scale, and the longest list kept (the picture paints as many as it has room
        // for, and says how many more there are).
        let mut most = 0;
        for _ in 0..3 {
            let mut footnotes = 0;
            let measured = ctx.run_ui(input(size, scale), |ui| {
                footnotes = board::poster_footnotes(ui.painter(), project, index).len();
            });
            textures.append(measured.textures_delta);
            most = most.max(footnotes);
            size = board::poster_size(project, options.poster(), most);
            if scale_for(size) == scale {
                break;
            }
            scale = scale_for(size);
        }
    }
    if scale < requested {
        let (width, height) = (
            crate::convert::ceil_to_u64(size.x * scale).max(1),
            crate::convert::ceil_to_u64(size.y * scale).max(1),
        );
        warnings.push(format!(
            "the picture would be {} × {} pixels at scale {}, over the limit of {} pixels on \
             a side and {} million in all, so it was made at scale {scale:.2} ({width} × \
             {height} pixels); for sharper text export the storyboard layout, fewer stages, \
             or SVG or PDF, which have no such limit",
            crate::file::grouped(crate::convert::ceil_to_u64(size.x * requested)),
            crate::file::grouped(crate::convert::ceil_to_u64(size.y * requested)),
            options.scale,
            crate::file::grouped(u64::from(MAX_SIDE)),
            MAX_PIXELS / 1_000_000,
        ));
    }

    let mut output = ctx.run_ui(input(size, scale), |ui| {
        let poster = options.poster();
        match (options.layout, sheet) {
            (_, Sheet::Page(page_size, page, shared)) => board::paint_page(
                ui.painter(),
                project,
                (&shared.index, shared.highlighted.as_ref()),
                options.poster(),
                *page_size,
                page,
                &frames.shown,
            ),
            (_, Sheet::StoryPage(page_size, page)) => {
                let moments = options.insights.then(|| crate::analysis::moments(project));
                let highlighted = moments.as_ref().map(crate::analysis::Moments::highlighted);
                board::paint_storyboard_page(
                    ui.painter(),
                    project,
                    options.theme,
                    *page_size,
                    page,
                    &frames.shown,
                    highlighted.as_ref(),
                );
            }
            (Layout::Map, Sheet::Whole) => {
                if let Some(index) = &index {
                    board::paint_poster(ui.painter(), project, index, poster, size, &frames.shown);
                }
            }
            (Layout::Storyboard, Sheet::Whole) => {
                let moments = options.insights.then(|| crate::analysis::moments(project));
                let highlighted = moments.as_ref().map(crate::analysis::Moments::highlighted);
                board::paint_storyboard(
                    ui.painter(),
                    project,
                    options.theme,
                    size,
                    &frames.shown,
                    highlighted.as_ref(),
                    options.notes,
                );
            }
        }
    });
    // The first pass's textures (the pictures, the font atlas) come first.
    textures.append(std::mem::take(&mut output.textures_delta));
    output.textures_delta = textures;
    Ok(Painted {
        ctx,
        output,
        size,
        scale,
        warnings,
        frames,
    })
}

/// Renders the storyboard. `project_folder` resolves relative picture paths.
pub fn render(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
) -> Result<Rendered, ExportError> {
    let mut painted = paint(project, options, project_folder, false, &Sheet::Whole)?;
    Ok(rasterize(&mut painted, options))
}

/// Tessellates and rasterizes painted shapes.
fn rasterize(painted: &mut Painted, options: ExportOptions) -> Rendered {
    let Painted {
        ctx,
        output,
        size,
        scale,
        warnings,
        ..
    } = painted;
    let (size, scale) = (*size, *scale);
    let (width, height) = (
        crate::convert::ceil_to_u64(size.x * scale).max(1),
        crate::convert::ceil_to_u64(size.y * scale).max(1),
    );
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), scale);
    let mut renderer = CpuRenderer::default();
    renderer.update_textures(&mut output.textures_delta);
    let mut canvas = Canvas::new(
        crate::convert::usize_from_u64(width),
        crate::convert::usize_from_u64(height),
        options.theme.canvas_colour(),
    );
    renderer.paint(&mut canvas, &primitives, scale);
    renderer.free_textures(&mut output.textures_delta);
    Rendered {
        image: canvas.into_image(),
        warnings: std::mem::take(warnings),
        scale,
        size,
    }
}

/// The storyboard as an SVG or PDF document (a PNG is [`png_bytes`]).
pub fn vector_bytes(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    format: Format,
) -> Result<(Outcome, Vec<u8>), ExportError> {
    vector_sheets(
        project,
        options,
        project_folder,
        format,
        &[Sheet::Whole],
        pdf::Standard::Ua1,
    )
}

/// The journey's title for a document's metadata.
fn document_title(project: &Project) -> &str {
    if project.title.trim().is_empty() {
        "Journey"
    } else {
        project.title.as_str()
    }
}

/// A sheet's entry in a PDF's outline: the journey's title for the whole picture, the
/// page's number (and stages) for a page.
fn sheet_label(project: &Project, sheet: &Sheet) -> String {
    match sheet {
        Sheet::Whole => document_title(project).to_owned(),
        Sheet::Page(_, page, _) => {
            let names: Vec<&str> = project
                .stages()
                .get(page.stages.clone())
                .unwrap_or_default()
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            format!(
                "Page {} of {}: {}",
                page.number,
                page.count,
                names.join(" · ")
            )
        }
        Sheet::StoryPage(_, page) => format!("Page {} of {}", page.number, page.count),
    }
}

/// One SVG of the first sheet, or one PDF of all `sheets`, one page each (PDF/UA-1 when it
/// passes `standard`'s check, else tagged, with a warning).
fn vector_sheets(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    format: Format,
    sheets: &[Sheet],
    standard: pdf::Standard,
) -> Result<(Outcome, Vec<u8>), ExportError> {
    let mut outcome = Outcome {
        warnings: Vec::new(),
        scale: 1.0,
        size: egui::Vec2::ZERO,
    };
    let mut failure = None;
    // One sheet at a time: painted, turned into items, written, dropped, so memory is
    // one page's shapes and pictures plus what is written so far.
    let pages = sheets.iter().map_while(|sheet| {
        let painted = paint(project, options, project_folder, true, sheet);
        match painted {
            Ok(mut one) => {
                // The pictures' pixels are kept in `frames`; no texture goes anywhere.
                one.output.textures_delta.clear();
                let picture = Rect::from_min_size(Pos2::ZERO, one.size);
                if outcome.size == egui::Vec2::ZERO {
                    outcome.size = one.size;
                }
                let items = vector::items(&one.output.shapes, picture);
                for warning in std::mem::take(&mut one.warnings) {
                    if !outcome.warnings.contains(&warning) {
                        outcome.warnings.push(warning);
                    }
                }
                Some(pdf::PdfPage {
                    items,
                    size: one.size,
                    scale: match sheet {
                        Sheet::Whole => 1.0,
                        Sheet::Page(size, ..) | Sheet::StoryPage(size, _) => size.pdf_scale(),
                    },
                    pictures: std::mem::take(&mut one.frames.images),
                    label: sheet_label(project, sheet),
                })
            }
            Err(e) => {
                failure = Some(e);
                None
            }
        }
    });
    let title = document_title(project);
    let background = options.theme.canvas_colour();
    let (bytes, scale) = match format {
        Format::Svg | Format::Png => {
            let mut pages = pages;
            let first = pages.next();
            drop(pages);
            let bytes = first.map(|page| {
                svg::svg(
                    &page.items,
                    &svg::SvgInput {
                        size: page.size,
                        background,
                        title,
                        pictures: &page.pictures,
                        fallback_families: &crate::fonts::families_used(project),
                    },
                )
                .into_bytes()
            });
            (bytes.unwrap_or_default(), 1.0)
        }
        Format::Pdf => match pdf::pdf(pages, title, background, standard) {
            Ok(written) => written,
            Err(pdf::Failure::NotUa(reasons)) => {
                // Written again, as a tagged PDF that claims no standard.
                let (mut again, bytes) = vector_sheets(
                    project,
                    options,
                    project_folder,
                    format,
                    sheets,
                    pdf::Standard::Tagged,
                )?;
                again.warnings.push(format!(
                    "the PDF is tagged but is not PDF/UA-1 (accessible PDF): {reasons}"
                ));
                return Ok((again, bytes));
            }
            Err(pdf::Failure::Write(reason)) => return Err(ExportError::Encode { reason }),
        },
    };
    if let Some(e) = failure {
        return Err(e);
    }
    if scale < 1.0 {
        let size = outcome.size;
        outcome.warnings.push(format!(
            "the picture is {:.0} × {:.0} points, larger than the {:.0} points a PDF page may \
             have on a side, so the page shows it at {:.0} %; --page 16:9 (or a4, a3, 4:3) \
             cuts it into pages instead",
            size.x,
            size.y,
            pdf::MAX_PAGE_SIDE,
            scale * 100.0
        ));
        outcome.scale = scale;
    }
    Ok((outcome, bytes))
}

/// Writes the storyboard in `format` to a file (atomically: a failed write leaves any old
/// file intact) or to standard output.
pub fn write(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    format: Format,
    out: &crate::file::Destination,
) -> Result<Outcome, ExportError> {
    let (outcome, bytes) = match format {
        Format::Png => {
            let (rendered, bytes) = png_bytes(project, options, project_folder)?;
            let outcome = Outcome {
                warnings: rendered.warnings,
                scale: rendered.scale,
                size: rendered.size,
            };
            (outcome, bytes)
        }
        Format::Svg | Format::Pdf => vector_bytes(project, options, project_folder, format)?,
    };
    out.write(&bytes)?;
    Ok(outcome)
}

/// Renders the storyboard and encodes it as a PNG that carries the project.
pub fn png_bytes(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
) -> Result<(Rendered, Vec<u8>), ExportError> {
    let mut rendered = render(project, options, project_folder)?;
    let (bytes, warning) = encode_png_carrying(project, &rendered.image)?;
    rendered.warnings.extend(warning);
    Ok((rendered, bytes))
}

/// A PNG of `image` carrying the project, and a warning when the project was too large to
/// carry.
fn encode_png_carrying(
    project: &Project,
    image: &image::RgbaImage,
) -> Result<(Vec<u8>, Option<String>), ExportError> {
    let encode_error = |reason: String| ExportError::Encode { reason };
    let mut warning = None;
    // The picture carries the whole project, so it can be opened again; a project too
    // large to open again is left out rather than carried in a form no one can open.
    let mut ron = crate::file::to_ron_string(project).map_err(|e| encode_error(e.to_string()))?;
    if ron.len() as u64 > crate::file::MAX_FILE_BYTES {
        ron.clear();
        warning = Some(format!(
            "the project is larger than the {} a project file may be, so this picture does \
             not carry it and will not reopen as a project",
            crate::file::in_words(crate::file::MAX_FILE_BYTES)
        ));
    }
    let bytes = crate::file::encode_png_with_project(image, &ron).map_err(encode_error)?;
    Ok((bytes, warning))
}

/// Renders and writes a PNG atomically (a failed write leaves any old file intact).
pub fn write_png(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    out: &Path,
) -> Result<Rendered, ExportError> {
    write_png_to(
        project,
        options,
        project_folder,
        &crate::file::Destination::Path(out.to_owned()),
    )
}

/// Renders and writes a PNG to a file (atomically) or to standard output.
pub fn write_png_to(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    out: &crate::file::Destination,
) -> Result<Rendered, ExportError> {
    let (rendered, bytes) = png_bytes(project, options, project_folder)?;
    out.write(&bytes)?;
    Ok(rendered)
}
