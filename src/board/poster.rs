//! The whole storyboard as one picture: the title block, the board, and with insights
//! the emotion curve, the moments-of-truth box and the legend. Exports paint this; every
//! part of it comes from the board's painters and palette, so the canvas and the picture
//! cannot drift apart.

use std::collections::HashMap;

use egui::text::LayoutJob;
use egui::{Align2, FontFamily, FontId, Painter, Pos2, Rect, Vec2, emath::TSTransform, pos2, vec2};

use super::{
    BoardTheme, BoardView, LEGEND_HEIGHT, PaintState, STRIP_HEIGHT, bidi, board_rect, fit_text,
    paint_board, paint_emotion_strip, paint_legend,
};
use crate::analysis::Moments;
use crate::model::{Project, TouchpointId};

/// Space around the picture, in points.
const MARGIN: f32 = 32.0;
/// Height of the title block, in points.
const TITLE_HEIGHT: f32 = 92.0;
/// Gap between the blocks, in points.
const GAP: f32 = 20.0;
/// Height of the "moments of truth" box, in points.
pub const MOMENTS_HEIGHT: f32 = 84.0;
/// The picture is never narrower than this, so the title and legend fit.
const MIN_WIDTH: f32 = 900.0;

/// How the storyboard picture is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PosterOptions {
    /// Board colours.
    pub theme: BoardTheme,
    /// Add the emotion curve, the moments of truth and the legend below the board.
    pub insights: bool,
}

/// Where the board's origin sits in the picture, in points.
pub fn poster_board_origin() -> Pos2 {
    pos2(MARGIN, MARGIN + TITLE_HEIGHT)
}

/// Size of the picture in points for a project.
pub fn poster_size(project: &Project, insights: bool) -> Vec2 {
    let board = board_rect(project);
    let width = board.width().max(MIN_WIDTH) + 2.0 * MARGIN;
    let mut height = MARGIN + TITLE_HEIGHT + board.height() + MARGIN;
    if insights {
        height += GAP + STRIP_HEIGHT + GAP + MOMENTS_HEIGHT + GAP + LEGEND_HEIGHT;
    }
    vec2(width, height)
}

/// Paints the storyboard picture of `size` points (from [`poster_size`]) with its top-left
/// corner at the painter's origin. `pictures` are what the frames of touchpoints with a
/// picture show.
pub fn paint_poster(
    painter: &Painter,
    project: &Project,
    options: PosterOptions,
    size: Vec2,
    pictures: &HashMap<TouchpointId, super::FramePicture>,
) {
    let theme = options.theme;
    let content_width = size.x - 2.0 * MARGIN;
    paint_title_block(painter, project, theme, size.x);
    let view = BoardView {
        screen_from_board: TSTransform::from_translation(poster_board_origin().to_vec2()),
    };
    // Only the moments of truth are shown; finding them copies no titles.
    let moments = options.insights.then(|| crate::analysis::moments(project));
    let highlighted = moments.as_ref().map(Moments::highlighted);
    let index = super::BoardIndex::new(project);
    paint_board(
        painter,
        project,
        &index,
        view,
        &PaintState {
            theme,
            pictures: Some(pictures),
            highlighted: highlighted.as_ref(),
            ..PaintState::default()
        },
    );
    if let Some(moments) = &moments {
        let strip_top = index.board_rect().height() + GAP;
        paint_emotion_strip(painter, project, view, strip_top, theme);
        let moments_top = strip_top + STRIP_HEIGHT + GAP;
        let area = Rect::from_min_size(pos2(0.0, moments_top), vec2(content_width, MOMENTS_HEIGHT));
        paint_moments(painter, project, moments, view, area, theme);
        let legend = Rect::from_min_size(
            pos2(0.0, moments_top + MOMENTS_HEIGHT + GAP),
            vec2(content_width, LEGEND_HEIGHT),
        );
        paint_legend(painter, project, view, legend, theme);
    }
}

/// The title, the persona and the counts above the board. Every user text is cut to what
/// its box can show before layout.
pub(super) fn paint_title_block(
    painter: &Painter,
    project: &Project,
    theme: BoardTheme,
    width: f32,
) {
    let (text, subtext, _) = super::ink(theme);
    let content_width = width - 2.0 * MARGIN;
    let title = if project.title.trim().is_empty() {
        "Untitled journey"
    } else {
        &project.title
    };
    let font = FontId::new(26.0, FontFamily::Proportional);
    let title = fit_text(title, content_width, font.size, 1);
    let mut job = LayoutJob::simple(title.into_owned(), font, text, content_width);
    job.wrap.max_rows = 1;
    painter.galley(pos2(MARGIN, MARGIN), bidi::layout(painter, job), text);

    let font = FontId::new(13.0, FontFamily::Proportional);
    let persona = persona_line(project, content_width, font.size);
    let mut job = LayoutJob::simple(persona, font, subtext, content_width);
    job.wrap.max_rows = 2;
    painter.galley(
        pos2(MARGIN, MARGIN + 36.0),
        bidi::layout(painter, job),
        subtext,
    );
    painter.text(
        pos2(width - MARGIN, MARGIN + 6.0),
        Align2::RIGHT_TOP,
        format!(
            "{} · {} · {} unscored",
            crate::plural::count(project.touchpoint_count(), "touchpoint", "touchpoints"),
            crate::plural::count(project.link_count(), "link", "links"),
            project.unscored_count()
        ),
        FontId::new(12.0, FontFamily::Proportional),
        subtext,
    );
}

/// "For Maya: first-time saver …", cut to two rows of `width`.
fn persona_line(project: &Project, width: f32, font_size: f32) -> String {
    let fit = |s: &str| fit_text(s.trim(), width, font_size, 2).into_owned();
    let persona = match (
        fit(&project.persona.name),
        fit(&project.persona.description),
    ) {
        (name, description) if name.is_empty() && description.is_empty() => String::new(),
        (name, description) if description.is_empty() => format!("For {name}"),
        (name, description) if name.is_empty() => description,
        (name, description) => format!("For {name}: {description}"),
    };
    fit_text(&persona, width, font_size, 2).into_owned()
}

/// The "moments of truth" box in `area` (board coordinates): the lowest points and the
/// largest drop, in words, outlined in the halo colour the board gives those cards.
fn paint_moments(
    painter: &Painter,
    project: &Project,
    moments: &Moments,
    view: BoardView,
    area: Rect,
    theme: BoardTheme,
) {
    let palette = theme.palette();
    let to_screen = |p: Pos2| view.screen_from_board * p;
    painter.rect(
        view.screen_from_board.mul_rect(area),
        6.0,
        palette.halo.gamma_multiply(0.06),
        egui::Stroke::new(1.0, palette.halo.gamma_multiply(0.6)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        to_screen(area.min + vec2(12.0, 10.0)),
        Align2::LEFT_TOP,
        "Moments of truth (outlined in red on the board)",
        FontId::new(13.0, FontFamily::Proportional),
        palette.text,
    );
    let font = FontId::new(12.0, FontFamily::Proportional);
    let line_width = area.width() - 24.0;
    for (i, line) in moment_lines(project, moments, line_width, font.size)
        .iter()
        .enumerate()
    {
        let y = area.min.y + 32.0 + crate::convert::f32_from_usize(i) * 16.0;
        let line = fit_text(line, line_width, font.size, 1);
        let mut job =
            LayoutJob::simple(line.into_owned(), font.clone(), palette.subtext, line_width);
        job.wrap.max_rows = 1;
        painter.galley(
            to_screen(pos2(area.min.x + 12.0, y)),
            bidi::layout(painter, job),
            palette.subtext,
        );
    }
}

/// The lines of the moments box: the two lowest emotions and the largest drop.
fn moment_lines(project: &Project, moments: &Moments, width: f32, font_size: f32) -> Vec<String> {
    // A title gets at most the whole line; the line is cut again once assembled.
    let title = |id| {
        let title = project.touchpoint(id).map_or("", |t| t.title.as_str());
        fit_text(title, width, font_size, 1)
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
    lines
}
