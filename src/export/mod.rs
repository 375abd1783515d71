//! PNG storyboards: the board's shapes painted in a headless egui context, tessellated
//! and rasterized on the CPU. No window or GPU; the same inputs give the same bytes.

pub mod raster;

use std::collections::HashSet;
use std::path::Path;

use egui::text::LayoutJob;
use egui::{Align2, FontFamily, FontId, Pos2, Rect, emath::TSTransform, pos2, vec2};

use crate::board::{
    self, BoardTheme, BoardView, LEGEND_HEIGHT, PaintState, STRIP_HEIGHT, board_rect, fit_text,
};
use crate::model::{Project, TouchpointId};
use raster::{Canvas, CpuRenderer};

/// Largest export side, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest export area, in pixels.
pub const MAX_PIXELS: u64 = 200_000_000;
/// Space around the picture, in points.
const MARGIN: f32 = 32.0;
/// Height of the title block, in points.
const TITLE_HEIGHT: f32 = 92.0;
/// Gap between the blocks, in points.
const GAP: f32 = 20.0;
/// Height of the "moments of truth" box, in points.
const MOMENTS_HEIGHT: f32 = 84.0;
/// The picture is never narrower than this, so the title and legend fit.
const MIN_WIDTH: f32 = 900.0;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Pixels per board point: 1 (screen), 2 (slides), 3–4 (print).
    pub scale: u32,
    /// Colours; exports are light unless asked otherwise.
    pub theme: BoardTheme,
    /// Include the emotion curve strip and the legend.
    pub insights: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 1,
            theme: BoardTheme::Light,
            insights: true,
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The picture would be unreasonably large.
    #[error(
        "the picture would be {width} × {height} pixels, over the limit of {max_side} pixels \
         on a side and {max_pixels} pixels in all; lower --scale (now {scale}) or split the \
         journey into smaller projects"
    )]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
        /// The scale asked for.
        scale: u32,
        /// Side limit.
        max_side: u32,
        /// Area limit.
        max_pixels: u64,
    },
    /// A scale outside 1–4.
    #[error("scale {0} is not supported; use 1, 2, 3 or 4")]
    Scale(u32),
    /// Writing the PNG failed (the message names the file and what to do).
    #[error(transparent)]
    Write(#[from] crate::file::SaveError),
    /// Encoding the PNG failed (should not happen).
    #[error("could not encode the PNG: {reason}")]
    Encode {
        /// The encoder's reason.
        reason: String,
    },
}

/// A rendered storyboard and what the user should know about it.
pub struct Rendered {
    /// The picture.
    pub image: image::RgbaImage,
    /// Problems that did not stop the export (e.g. a missing picture file).
    pub warnings: Vec<String>,
}

/// Where the board's origin sits in the picture, in points.
pub fn board_origin() -> Pos2 {
    pos2(MARGIN, MARGIN + TITLE_HEIGHT)
}

/// Size of the picture in points for a project.
pub fn picture_size(project: &Project, options: ExportOptions) -> egui::Vec2 {
    let board = board_rect(project);
    let width = board.width().max(MIN_WIDTH) + 2.0 * MARGIN;
    let mut height = MARGIN + TITLE_HEIGHT + board.height() + MARGIN;
    if options.insights {
        height += GAP + STRIP_HEIGHT + GAP + MOMENTS_HEIGHT + GAP + LEGEND_HEIGHT;
    }
    vec2(width, height)
}

/// Renders the storyboard. `project_folder` resolves relative picture paths.
pub fn render(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
) -> Result<Rendered, ExportError> {
    if !(1..=4).contains(&options.scale) {
        return Err(ExportError::Scale(options.scale));
    }
    let size = picture_size(project, options);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (width, height) = (
        (size.x * options.scale as f32).ceil() as u64,
        (size.y * options.scale as f32).ceil() as u64,
    );
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) || width * height > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width,
            height,
            scale: options.scale,
            max_side: MAX_SIDE,
            max_pixels: MAX_PIXELS,
        });
    }

    let (missing, mut warnings) = check_pictures(project, project_folder);
    warnings.extend(crate::fonts::font_warnings(project));
    #[allow(clippy::cast_precision_loss)]
    let ppp = options.scale as f32;
    let ctx = egui::Context::default();
    crate::fonts::install(&ctx);
    crate::fonts::preinstall_for(&ctx, project);
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        ..egui::RawInput::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
        viewport.native_pixels_per_point = Some(ppp);
    }
    let mut output = ctx.run_ui(input, |ui| {
        paint_picture(ui.painter(), project, options, size, &missing);
    });
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), ppp);
    let mut renderer = CpuRenderer::default();
    renderer.update_textures(&mut output.textures_delta);
    #[allow(clippy::cast_possible_truncation)]
    let mut canvas = Canvas::new(
        width as usize,
        height as usize,
        options.theme.canvas_colour(),
    );
    renderer.paint(&mut canvas, &primitives, ppp);
    renderer.free_textures(&mut output.textures_delta);
    Ok(Rendered {
        image: canvas.into_image(),
        warnings,
    })
}

/// Renders the storyboard and encodes it as a PNG that carries the project.
pub fn png_bytes(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
) -> Result<(Rendered, Vec<u8>), ExportError> {
    let mut rendered = render(project, options, project_folder)?;
    let encode_error = |reason: String| ExportError::Encode { reason };
    // The picture carries the whole project, so it can be opened again; a project too
    // large to open again is left out rather than carried in a form no one can open.
    let mut ron = crate::file::to_ron_string(project).map_err(|e| encode_error(e.to_string()))?;
    if ron.len() as u64 > crate::file::MAX_FILE_BYTES {
        ron.clear();
        rendered.warnings.push(format!(
            "the project is larger than the {} a project file may be, so this picture does \
             not carry it and will not reopen as a project",
            crate::file::in_words(crate::file::MAX_FILE_BYTES)
        ));
    }
    let bytes =
        crate::file::encode_png_with_project(&rendered.image, &ron).map_err(encode_error)?;
    Ok((rendered, bytes))
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

fn check_pictures(
    project: &Project,
    folder: Option<&Path>,
) -> (HashSet<TouchpointId>, Vec<String>) {
    let mut missing = HashSet::new();
    let mut warnings = Vec::new();
    for (id, t) in project.touchpoints() {
        let Some(picture) = &t.picture else { continue };
        // Opened the safe way (inside the folder, a regular file, never blocking), then
        // closed: the export shows a picture badge, not the picture.
        let Err(problem) = crate::file::open_picture(folder, picture) else {
            continue;
        };
        missing.insert(id);
        warnings.push(format!(
            "touchpoint {id} (\"{}\"): {problem}; exported with a placeholder",
            crate::model::quoted_short(&t.title)
        ));
    }
    (missing, warnings)
}

fn paint_picture(
    painter: &egui::Painter,
    project: &Project,
    options: ExportOptions,
    size: egui::Vec2,
    missing: &HashSet<TouchpointId>,
) {
    let theme = options.theme;
    // The canvas starts filled with the theme's background colour.
    let (text, subtext, _) = board::ink(theme);
    let content_width = size.x - 2.0 * MARGIN;

    // Title block. Every user string is cut to what its box can show before layout.
    let title = if project.title.trim().is_empty() {
        "Untitled journey"
    } else {
        &project.title
    };
    let font = FontId::new(26.0, FontFamily::Proportional);
    let title = fit_text(title, content_width, font.size, 1);
    let mut job = LayoutJob::simple(title.into_owned(), font, text, content_width);
    job.wrap.max_rows = 1;
    painter.galley(
        pos2(MARGIN, MARGIN),
        board::bidi::layout(painter, job),
        text,
    );
    let font = FontId::new(13.0, FontFamily::Proportional);
    let fit = |s: &str| fit_text(s.trim(), content_width, font.size, 2).into_owned();
    let persona = match (
        fit(&project.persona.name),
        fit(&project.persona.description),
    ) {
        (name, description) if name.is_empty() && description.is_empty() => String::new(),
        (name, description) if description.is_empty() => format!("For {name}"),
        (name, description) if name.is_empty() => description,
        (name, description) => format!("For {name}: {description}"),
    };
    let persona = fit_text(&persona, content_width, font.size, 2).into_owned();
    let mut job = LayoutJob::simple(persona, font, subtext, content_width);
    job.wrap.max_rows = 2;
    painter.galley(
        pos2(MARGIN, MARGIN + 36.0),
        board::bidi::layout(painter, job),
        subtext,
    );
    painter.text(
        pos2(size.x - MARGIN, MARGIN + 6.0),
        Align2::RIGHT_TOP,
        format!(
            "{} touchpoints · {} links · {} unscored",
            project.touchpoint_count(),
            project.link_count(),
            project.unscored_count()
        ),
        FontId::new(12.0, FontFamily::Proportional),
        subtext,
    );

    // Board.
    let view = BoardView {
        screen_from_board: TSTransform::from_translation(board_origin().to_vec2()),
    };
    // Only the moments of truth are shown; finding them copies no titles.
    let moments = options.insights.then(|| crate::analysis::moments(project));
    let highlighted = moments.as_ref().map(crate::analysis::Moments::highlighted);
    board::paint_board(
        painter,
        project,
        view,
        &PaintState {
            theme,
            missing_pictures: Some(missing),
            highlighted: highlighted.as_ref(),
            ..PaintState::default()
        },
    );
    if let Some(moments) = &moments {
        let strip_top = board_rect(project).height() + GAP;
        board::paint_emotion_strip(painter, project, view, strip_top, theme);
        let moments_top = strip_top + STRIP_HEIGHT + GAP;
        paint_moments(
            painter,
            project,
            moments,
            view,
            moments_top,
            content_width,
            (text, subtext),
        );
        let legend = Rect::from_min_size(
            pos2(0.0, moments_top + MOMENTS_HEIGHT + GAP),
            vec2(content_width, LEGEND_HEIGHT),
        );
        board::paint_legend(painter, project, view, legend, theme);
    }
}

/// The "moments of truth" box: the lowest points and the largest drop, in words.
fn paint_moments(
    painter: &egui::Painter,
    project: &Project,
    moments: &crate::analysis::Moments,
    view: BoardView,
    top: f32,
    width: f32,
    (text, subtext): (egui::Color32, egui::Color32),
) {
    let to_screen = |p: Pos2| view.screen_from_board * p;
    let halo = egui::Color32::from_rgb(0xd6, 0x45, 0x45);
    let area = Rect::from_min_size(pos2(0.0, top), vec2(width, MOMENTS_HEIGHT));
    painter.rect(
        view.screen_from_board.mul_rect(area),
        6.0,
        halo.gamma_multiply(0.06),
        egui::Stroke::new(1.0, halo.gamma_multiply(0.6)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        to_screen(area.min + vec2(12.0, 10.0)),
        Align2::LEFT_TOP,
        "Moments of truth (outlined in red on the board)",
        FontId::new(13.0, FontFamily::Proportional),
        text,
    );
    let font = FontId::new(12.0, FontFamily::Proportional);
    let line_width = width - 24.0;
    // A title gets at most the whole line; the line is cut again once assembled.
    let title = |id| {
        let title = project.touchpoint(id).map_or("", |t| t.title.as_str());
        fit_text(title, line_width, font.size, 1)
    };
    let mut lines: Vec<String> = moments
        .lowest
        .iter()
        .take(2)
        .map(|(id, emotion)| format!("Lowest emotion {emotion:+.1}: {}", title(*id)))
        .collect();
    if let Some(d) = moments.drops.first() {
        lines.push(format!(
            "Largest drop {:.1}: from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
            d.drop,
            title(d.from),
            title(d.to)
        ));
    }
    if lines.is_empty() {
        lines.push("No touchpoint below neutral emotion.".to_owned());
    }
    for (i, line) in lines.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = area.min.y + 32.0 + i as f32 * 16.0;
        let line = fit_text(line, line_width, font.size, 1);
        let mut job = LayoutJob::simple(line.into_owned(), font.clone(), subtext, line_width);
        job.wrap.max_rows = 1;
        painter.galley(
            to_screen(pos2(area.min.x + 12.0, y)),
            board::bidi::layout(painter, job),
            subtext,
        );
    }
}
