//! The whole storyboard as one picture: the title block, the board, and as asked the
//! emotion curve and the moments-of-truth box (insights), the legend, the link labels
//! with no room on the board, and the touchpoints' notes. Exports paint this; every
//! part of it comes from the board's painters and palette, so the canvas and the picture
//! cannot drift apart.

use std::collections::HashMap;

use egui::text::LayoutJob;
use egui::{Align2, FontFamily, FontId, Painter, Pos2, Rect, Vec2, emath::TSTransform, pos2, vec2};

use super::{
    BoardIndex, BoardTheme, BoardView, LEGEND_HEIGHT, PaintState, STRIP_HEIGHT, bidi, board_rect,
    fit_text, paint_board, paint_emotion_strip, paint_legend,
};
use crate::analysis::Moments;
use crate::model::{LinkId, Project, TouchpointId};

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
    /// Add the emotion curve and the moments of truth below the board.
    pub insights: bool,
    /// Add the legend: owners' colours, link kinds, emotion faces.
    pub legend: bool,
    /// List the touchpoints' notes under the rest ([`super::paint_notes`]).
    pub notes: bool,
}

/// Where the board's origin sits in the picture, in points.
pub fn poster_board_origin() -> Pos2 {
    pos2(MARGIN, MARGIN + TITLE_HEIGHT)
}

/// Height of the heading of the link-label footnotes, in points.
const FOOTNOTES_HEADING: f32 = 24.0;
/// Height of one footnote, in points.
const FOOTNOTE_ROW: f32 = 20.0;

/// Size of the picture in points for a project, with `footnotes` link labels listed
/// below it ([`poster_footnotes`]).
pub fn poster_size(project: &Project, options: PosterOptions, footnotes: usize) -> Vec2 {
    let board = board_rect(project);
    let width = board.width().max(MIN_WIDTH) + 2.0 * MARGIN;
    let mut height = MARGIN + TITLE_HEIGHT + board.height() + MARGIN;
    if options.insights {
        height += GAP + STRIP_HEIGHT + GAP + MOMENTS_HEIGHT;
    }
    if options.legend {
        height += GAP + LEGEND_HEIGHT;
    }
    if footnotes > 0 {
        height +=
            GAP + FOOTNOTES_HEADING + crate::convert::f32_from_usize(footnotes) * FOOTNOTE_ROW;
    }
    let notes = if options.notes {
        super::notes_height(project)
    } else {
        0.0
    };
    if notes > 0.0 {
        height += GAP + notes;
    }
    vec2(width, height)
}

/// The board's view in the picture.
fn poster_view() -> BoardView {
    BoardView {
        screen_from_board: TSTransform::from_translation(poster_board_origin().to_vec2()),
    }
}

/// The links whose labels [`paint_poster`] lists as footnotes, for [`poster_size`]:
/// those with no place on the board clear of the cards and the other labels. `painter`
/// must show the whole board, from the picture's top-left corner, with the fonts the
/// picture is painted with.
pub fn poster_footnotes(painter: &Painter, project: &Project, index: &BoardIndex) -> Vec<LinkId> {
    super::label_footnotes(
        &board_painter(painter, index),
        project,
        index,
        poster_view(),
    )
}

/// The painter for the board part of the picture: clipped to the board and the margin
/// around it, the same when the labels are measured and when they are painted.
fn board_painter(painter: &Painter, index: &BoardIndex) -> Painter {
    let board = poster_view()
        .screen_from_board
        .mul_rect(index.board_rect())
        .expand(MARGIN);
    painter.with_clip_rect(board)
}

/// Paints the storyboard picture of `size` points (from [`poster_size`]) with its top-left
/// corner at the painter's origin; `index` is [`BoardIndex::new`] of `project`.
/// `pictures` are what the frames of touchpoints with a picture show. Link labels with no
/// clear place on the board are numbered badges on their links, listed below the rest.
pub fn paint_poster(
    painter: &Painter,
    project: &Project,
    index: &BoardIndex,
    options: PosterOptions,
    size: Vec2,
    pictures: &HashMap<TouchpointId, super::FramePicture>,
) {
    let theme = options.theme;
    let content_width = size.x - 2.0 * MARGIN;
    paint_title_block(painter, project, theme, size.x);
    let view = poster_view();
    // Only the moments of truth are shown; finding them copies no titles.
    let moments = options.insights.then(|| crate::analysis::moments(project));
    let highlighted = moments.as_ref().map(Moments::highlighted);
    let footnotes = paint_board(
        &board_painter(painter, index),
        project,
        index,
        view,
        &PaintState {
            theme,
            pictures: Some(pictures),
            highlighted: highlighted.as_ref(),
            footnote_labels: true,
            ..PaintState::default()
        },
    )
    .footnotes;
    let mut bottom = index.board_rect().height();
    if let Some(moments) = &moments {
        let strip_top = bottom + GAP;
        paint_emotion_strip(painter, project, view, strip_top, theme);
        let moments_top = strip_top + STRIP_HEIGHT + GAP;
        let area = Rect::from_min_size(pos2(0.0, moments_top), vec2(content_width, MOMENTS_HEIGHT));
        paint_moments(painter, project, moments, view, area, theme);
        bottom = area.max.y;
    }
    if options.legend {
        let legend =
            Rect::from_min_size(pos2(0.0, bottom + GAP), vec2(content_width, LEGEND_HEIGHT));
        paint_legend(painter, project, view, legend, theme);
        bottom = legend.max.y;
    }
    // The notes go last, below the footnotes.
    let notes = if options.notes {
        super::notes_height(project)
    } else {
        0.0
    };
    let notes_room = if notes > 0.0 { GAP + notes } else { 0.0 };
    if !footnotes.is_empty() {
        // As many rows as the picture was made tall enough for (see `poster_footnotes`).
        let left = size.y - MARGIN - notes_room - (poster_board_origin().y + bottom + GAP);
        let area = Rect::from_min_size(
            pos2(0.0, bottom + GAP),
            vec2(
                content_width,
                (FOOTNOTES_HEADING
                    + crate::convert::f32_from_usize(footnotes.len()) * FOOTNOTE_ROW)
                    .min(left),
            ),
        );
        paint_footnotes(painter, project, &footnotes, view, area, theme);
    }
    if notes > 0.0 {
        let top = size.y - MARGIN - notes;
        let area = Rect::from_min_size(pos2(MARGIN, top), vec2(content_width, notes));
        super::paint_notes(painter, project, area, theme);
    }
}

/// The link labels listed under the picture: each with its badge's number, the label, and
/// the cards it links.
fn paint_footnotes(
    painter: &Painter,
    project: &Project,
    links: &[LinkId],
    view: BoardView,
    area: Rect,
    theme: BoardTheme,
) {
    let palette = theme.palette();
    let to_screen = |p: Pos2| view.screen_from_board * p;
    painter.text(
        to_screen(area.min),
        Align2::LEFT_TOP,
        "Link labels with no room on the board (numbered on their links)",
        FontId::new(13.0, FontFamily::Proportional),
        palette.text,
    );
    let font = FontId::new(12.0, FontFamily::Proportional);
    let line_width = area.width() - super::labels::FOOTNOTE_TEXT_LEFT;
    let rows = crate::convert::floor_to_usize(
        ((area.height() - FOOTNOTES_HEADING) / FOOTNOTE_ROW + 0.01).max(0.0),
    );
    if rows == 0 {
        return;
    }
    for (i, id) in links.iter().enumerate() {
        let Some(link) = project.link(*id) else {
            continue;
        };
        let y = area.min.y + FOOTNOTES_HEADING + crate::convert::f32_from_usize(i) * FOOTNOTE_ROW;
        if i + 1 == rows && links.len() > rows {
            painter.text(
                to_screen(pos2(area.min.x, y)),
                Align2::LEFT_TOP,
                format!("+ {} more labels with no room", links.len() - i),
                font.clone(),
                palette.subtext,
            );
            break;
        }
        super::labels::paint_footnote(
            painter,
            project,
            link,
            i + 1,
            to_screen(pos2(area.min.x, y)),
            line_width,
            &palette,
        );
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
