//! The lane map cut into pages for slides and print: whole stages side by side as many as a
//! page is wide, and where the lanes are taller than a page, bands of rows cut between
//! cards, never through one. Each page has the journey's title, the stages it shows and
//! its number at the top, the board part with the stage headers, and as asked the emotion
//! curve under those stages (with insights; drawn to the same scale on every page, so it
//! continues from page to page) and the legend.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use egui::emath::TSTransform;
use egui::{Align2, FontFamily, FontId, Painter, Rect, Vec2, pos2, vec2};

use super::away::{AwayLink, TAG_STRIP, find_away_links, paint_away_links};
use super::{
    BoardIndex, BoardTheme, BoardView, FramePicture, HEADER_HEIGHT, LANE_WIDTH, LEGEND_HEIGHT,
    PaintState, PosterOptions, STRIP_HEIGHT, fit_text, lane_left, paint_board, paint_emotion_strip,
    paint_legend,
};
use crate::model::{Project, TouchpointId};

/// Space around a page's content, in points.
const MARGIN: f32 = 32.0;
/// Height of a page's title line and stage line.
const TOP: f32 = 64.0;
/// Gap between the blocks of a page.
const GAP: f32 = 16.0;

/// Page sizes, in points (CSS pixels: a 16:9 page is 1920 × 1080 pixels at scale 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PageSize {
    /// A wide slide, 1920 × 1080.
    Wide,
    /// A 4:3 slide, 1440 × 1080.
    Standard,
    /// A4 landscape, 1123 × 794 (297 × 210 mm at 96 points to the inch).
    A4,
    /// A3 landscape, 1587 × 1123.
    A3,
}

impl PageSize {
    /// The page's size in points.
    pub fn size(self) -> Vec2 {
        match self {
            Self::Wide => vec2(1920.0, 1080.0),
            Self::Standard => vec2(1440.0, 1080.0),
            Self::A4 => vec2(1123.0, 794.0),
            Self::A3 => vec2(1587.0, 1123.0),
        }
    }

    /// Every size, in the order the export dialog lists them.
    pub const ALL: [PageSize; 4] = [Self::Wide, Self::Standard, Self::A4, Self::A3];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Self::Wide => "16:9 slides",
            Self::Standard => "4:3 slides",
            Self::A4 => "A4 landscape",
            Self::A3 => "A3 landscape",
        }
    }

    /// PDF points per page point: paper prints at its true size (a point here is a CSS
    /// pixel, ¾ of a PDF point); slides keep one to one.
    pub fn pdf_scale(self) -> f32 {
        match self {
            Self::Wide | Self::Standard => 1.0,
            Self::A4 | Self::A3 => 0.75,
        }
    }
}

/// One page of the lane map.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The stages (lanes) it shows.
    pub stages: Range<usize>,
    /// The part of the lanes below their headers it shows (board y).
    pub band: Range<f32>,
    /// 1-based.
    pub number: usize,
    /// How many pages there are.
    pub count: usize,
    /// The links from or to one of its cards whose other card is on another page.
    pub away: Vec<AwayLink>,
}

/// Rows of link-label footnotes a page has room for, under its board part.
const FOOTNOTE_ROWS: usize = 2;
/// Height of a row of footnotes.
const FOOTNOTE_ROW: f32 = 20.0;
/// Width of a column of footnotes.
const FOOTNOTE_COLUMN: f32 = 440.0;

/// Height of the footnotes' rows, with the space above them.
const FOOTNOTES_HEIGHT: f32 = 4.0 + FOOTNOTE_ROWS_F * FOOTNOTE_ROW;
const FOOTNOTE_ROWS_F: f32 = 2.0;
const _: () = assert!(FOOTNOTE_ROWS == 2);

/// Whether pages of `size` list the link labels with no room on them in rows under the
/// board part: when the project has labels and the page keeps room for a whole row of
/// cards with them (not A4 with insights and legend). Otherwise such labels go under the
/// cards.
fn lists_footnotes(project: &Project, size: Vec2, shows: PosterOptions) -> bool {
    let band = board_area(size, shows, false).height() - HEADER_HEIGHT;
    super::has_link_labels(project)
        && band - FOOTNOTES_HEIGHT >= super::CARD_SIZE.y + 2.0 * crate::model::layout::LANE_INSET
}

/// Where a page's board part goes: the lanes' headers and below them the band; above the
/// footnotes' rows when `footnotes`, and above the curve and the legend when `shows` them.
fn board_area(size: Vec2, shows: PosterOptions, footnotes: bool) -> Rect {
    let mut bottom = 0.0;
    if shows.insights {
        bottom += GAP + STRIP_HEIGHT;
    }
    if shows.legend {
        bottom += GAP + LEGEND_HEIGHT;
    }
    if footnotes {
        bottom += FOOTNOTES_HEIGHT;
    }
    Rect::from_min_max(
        pos2(MARGIN, MARGIN + TOP),
        pos2(size.x - MARGIN, size.y - MARGIN - bottom),
    )
}

/// The pages of `project`'s lane map on pages of `size`.
pub fn pages(project: &Project, size: PageSize, shows: PosterOptions) -> Vec<Page> {
    pages_of(project, &BoardIndex::new(project), size, shows)
}

/// [`pages`] with `index`, [`BoardIndex::new`] of `project`, made already (an export
/// paints the pages with the same one).
pub fn pages_of(
    project: &Project,
    index: &BoardIndex,
    size: PageSize,
    shows: PosterOptions,
) -> Vec<Page> {
    let footnotes = lists_footnotes(project, size.size(), shows);
    let area = board_area(size.size(), shows, footnotes);
    let per_page = crate::convert::floor_to_usize(area.width() / LANE_WIDTH).max(1);
    let band_height = (area.height() - HEADER_HEIGHT).max(super::CARD_SIZE.y + 8.0);
    // With no stages there are no lanes to cut.
    if project.stages().is_empty() {
        return Vec::new();
    }
    let lanes = project.stages().len();
    let mut pages = Vec::new();
    for first in (0..lanes).step_by(per_page) {
        let stages = first..(first + per_page).min(lanes);
        let columns = Rect::from_min_max(
            pos2(lane_left(stages.start), HEADER_HEIGHT),
            pos2(lane_left(stages.end), HEADER_HEIGHT + index.lane_height()),
        );
        // The cards of these lanes, top and bottom, below the headers.
        let cards: Vec<(f32, f32)> = index
            .card_rects_in(columns)
            .into_iter()
            .map(|r| (r.min.y - HEADER_HEIGHT, r.max.y - HEADER_HEIGHT))
            .collect();
        // These lanes end below their lowest card: no pages of empty lane under it.
        let lowest = cards
            .iter()
            .map(|(_, bottom)| *bottom)
            .fold(0.0_f32, f32::max);
        let end = (lowest + 24.0).min(index.lane_height()).max(1.0);
        let mut top = 0.0_f32;
        loop {
            let mut cut = top + band_height;
            if cut < end {
                // Move the cut above any card it would go through, keeping room for the
                // tags of links that leave the page there, unless that costs more than
                // the room itself (a card a little lower in another lane would push the
                // cut above a whole row).
                let plain = cut_above(&cards, top, cut, 4.0).unwrap_or(cut);
                cut = cut_above(&cards, top, cut, TAG_ROOM)
                    .filter(|c| *c >= plain - TAG_ROOM && *c >= top + super::CARD_SIZE.y)
                    .unwrap_or(plain);
            }
            let cut = cut.min(end).max(top + 1.0);
            pages.push(Page {
                stages: stages.clone(),
                band: top..cut,
                number: 0,
                count: 0,
                away: Vec::new(),
            });
            // Done when no card reaches below the cut: the space under the lowest card
            // needs no page of its own.
            if cut >= end || lowest <= cut {
                break;
            }
            top = cut;
        }
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.number = i + 1;
        page.count = count;
    }
    find_away_links(project, &mut pages);
    pages
}

/// Room kept free of cards under a cut between bands where the lanes have it (cards
/// stacked a row apart do): the next page's band starts with it, and the tags of links
/// coming in from above go in it.
const TAG_ROOM: f32 = TAG_STRIP;

/// A cut between bands for a band from `top` that may reach `cut`: moved up to `room`
/// above a card while one (other than a card starting at `top`) crosses it or starts less
/// than `room` under it; `None` if that takes more than one move per card.
fn cut_above(cards: &[(f32, f32)], top: f32, mut cut: f32, room: f32) -> Option<f32> {
    for _ in 0..=cards.len() {
        let near = cards
            .iter()
            .filter(|(t, b)| *t < cut + room && *b > cut && *t > top)
            .map(|(t, _)| *t)
            .fold(f32::INFINITY, f32::min);
        if !near.is_finite() {
            return Some(cut);
        }
        cut = near - room;
    }
    None
}

/// The journey's title, a line saying what the page shows, and "n / N" at the top right.
fn paint_page_top(
    painter: &Painter,
    project: &Project,
    theme: BoardTheme,
    size: PageSize,
    shows: &str,
    number: usize,
    count: usize,
) {
    let page_size = size.size();
    let (text, subtext, _) = super::ink(theme);
    let width = page_size.x - 2.0 * MARGIN;
    let title = if project.title.trim().is_empty() {
        "Untitled journey"
    } else {
        project.title.as_str()
    };
    let title_font = FontId::new(22.0, FontFamily::Proportional);
    let title = fit_text(title, width - 120.0, title_font.size, 1);
    painter.text(
        pos2(MARGIN, MARGIN),
        Align2::LEFT_TOP,
        title,
        title_font,
        text,
    );
    painter.text(
        pos2(page_size.x - MARGIN, MARGIN + 4.0),
        Align2::RIGHT_TOP,
        format!("{number} / {count}"),
        FontId::new(14.0, FontFamily::Proportional),
        subtext,
    );
    let font = FontId::new(13.0, FontFamily::Proportional);
    let shows = fit_text(shows, width, font.size, 1);
    painter.text(
        pos2(MARGIN, MARGIN + 32.0),
        Align2::LEFT_TOP,
        shows,
        font,
        subtext,
    );
}

/// Paints `page` on a page of `size` with its top-left corner at the painter's origin;
/// `index` is [`BoardIndex::new`] of `project` and `highlighted` the moments of truth to
/// outline (with insights), both worked out once for all pages.
#[allow(clippy::too_many_arguments)]
pub fn paint_page(
    painter: &Painter,
    project: &Project,
    (index, highlighted): (&BoardIndex, Option<&HashSet<TouchpointId>>),
    shows: PosterOptions,
    size: PageSize,
    page: &Page,
    pictures: &HashMap<TouchpointId, FramePicture>,
) {
    let theme = shows.theme;
    let names: Vec<&str> = project
        .stages()
        .get(page.stages.clone())
        .unwrap_or_default()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let stages = format!(
        "{}: {}",
        if names.len() == 1 { "Stage" } else { "Stages" },
        names.join(" · ")
    );
    paint_page_top(
        painter,
        project,
        theme,
        size,
        &stages,
        page.number,
        page.count,
    );
    let page_size = size.size();
    let width = page_size.x - 2.0 * MARGIN;
    let labels = lists_footnotes(project, page_size, shows);
    let area = board_area(page_size, shows, labels);
    let shown = lane_left(page.stages.end) - lane_left(page.stages.start);
    let left = area.min.x - lane_left(page.stages.start);
    // The moments of truth on this page outlined as on the whole picture (not those of
    // a card just over the cut, whose outline would show at the edge).
    let highlighted: Option<HashSet<TouchpointId>> = highlighted.map(|ids| {
        ids.iter()
            .copied()
            .filter(|id| on_page(project, page, *id))
            .collect()
    });
    let state = PaintState {
        theme,
        pictures: Some(pictures),
        highlighted: highlighted.as_ref(),
        ..PaintState::default()
    };
    // The stage headers, then the band of rows under them.
    let headers = Rect::from_min_size(area.min, vec2(shown, HEADER_HEIGHT));
    let view = BoardView {
        screen_from_board: TSTransform::from_translation(vec2(left, area.min.y)),
    };
    paint_board(
        &painter.with_clip_rect(headers),
        project,
        index,
        view,
        &state,
    );
    let band_height = page.band.end - page.band.start;
    let band = Rect::from_min_size(
        pos2(area.min.x, area.min.y + HEADER_HEIGHT),
        vec2(shown, band_height),
    );
    let view = BoardView {
        screen_from_board: TSTransform::from_translation(vec2(left, area.min.y - page.band.start)),
    };
    // Labels with no room on the page become numbered badges, listed under the board
    // when there is room for the list.
    let painted = paint_board(
        &painter.with_clip_rect(band),
        project,
        index,
        view,
        &PaintState {
            footnote_labels: labels,
            ..state
        },
    );
    let listed = if labels {
        paint_page_footnotes(painter, project, &painted.footnotes, area, theme)
    } else {
        Vec::new()
    };
    // Under the lanes, down to what comes next (the footnotes are in the way themselves).
    let free = if labels {
        FOOTNOTES_HEIGHT
    } else if shows.insights || shows.legend {
        GAP
    } else {
        MARGIN
    };
    let under = Rect::from_min_max(
        pos2(band.min.x, band.max.y),
        pos2(band.max.x, area.max.y + free),
    );
    let taken: Vec<Rect> = painted.labels.iter().chain(&listed).copied().collect();
    paint_away_links(painter, project, index, (page, view), band, under, &taken);
    let mut bottom = area.max.y + if labels { FOOTNOTES_HEIGHT } else { 0.0 };
    if shows.insights {
        let strip_top = bottom + GAP;
        let strip = Rect::from_min_size(pos2(area.min.x, strip_top), vec2(shown, STRIP_HEIGHT));
        let view = BoardView {
            screen_from_board: TSTransform::from_translation(vec2(left, strip_top)),
        };
        paint_emotion_strip(&painter.with_clip_rect(strip), project, view, 0.0, theme);
        bottom = strip.max.y;
    }
    if shows.legend {
        let legend = Rect::from_min_size(pos2(0.0, bottom + GAP), vec2(width, LEGEND_HEIGHT));
        let view = BoardView {
            screen_from_board: TSTransform::from_translation(vec2(MARGIN, 0.0)),
        };
        paint_legend(painter, project, view, legend, theme);
    }
}

/// Whether touchpoint `id` is on `page`: its stage is one the page shows and its top
/// edge is in the page's band.
pub(super) fn on_page(project: &Project, page: &Page, id: TouchpointId) -> bool {
    card_spot(project, id).is_some_and(|(lane, top)| page.holds(lane, top))
}

/// Where touchpoint `id`'s card is for cutting pages: its lane, and its top edge below the
/// lanes' headers.
pub(super) fn card_spot(project: &Project, id: TouchpointId) -> Option<(usize, f32)> {
    let touchpoint = project.touchpoint(id)?;
    let lane = project.stage_index(&touchpoint.stage)?;
    Some((lane, touchpoint.position.y.max(0.0)))
}

impl Page {
    /// Whether a card in `lane` whose top edge is `top` below the headers is on this page.
    pub(super) fn holds(&self, lane: usize, top: f32) -> bool {
        self.stages.contains(&lane) && self.band.contains(&top)
    }
}

/// A page's link-label footnotes in rows under its board part, column by column; when
/// more have no room than the rows hold, the last place says how many more there are.
/// Returns where the footnotes went.
fn paint_page_footnotes(
    painter: &Painter,
    project: &Project,
    links: &[crate::model::LinkId],
    area: Rect,
    theme: BoardTheme,
) -> Vec<Rect> {
    let mut listed = Vec::new();
    let palette = theme.palette();
    let columns = crate::convert::floor_to_usize(area.width() / FOOTNOTE_COLUMN).max(1);
    let places = columns * FOOTNOTE_ROWS;
    let font = FontId::new(12.0, FontFamily::Proportional);
    let text_width = FOOTNOTE_COLUMN - 40.0;
    for (i, id) in links.iter().enumerate().take(places) {
        let Some(link) = project.link(*id) else {
            continue;
        };
        let corner = pos2(
            area.min.x + crate::convert::f32_from_usize(i / FOOTNOTE_ROWS) * FOOTNOTE_COLUMN,
            area.max.y + 4.0 + crate::convert::f32_from_usize(i % FOOTNOTE_ROWS) * FOOTNOTE_ROW,
        );
        if i + 1 == places && links.len() > places {
            let more = painter.text(
                corner,
                Align2::LEFT_TOP,
                format!(
                    "+ {} more labels with no room: export the whole board to list them",
                    links.len() - places + 1
                ),
                font.clone(),
                palette.subtext,
            );
            listed.push(more);
            break;
        }
        listed.push(super::labels::paint_footnote(
            painter,
            project,
            link,
            i + 1,
            corner,
            text_width,
            &palette,
        ));
    }
    listed
}

/// One page of the storyboard layout: whole rows of frames.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryPage {
    /// The rows of frames it shows.
    pub rows: Range<usize>,
    /// 1-based.
    pub number: usize,
    /// How many pages there are.
    pub count: usize,
}

/// Whether a row of storyboard frames fits across a page of `size` (16:9 and A3 do; 4:3
/// and A4 are narrower than a row).
pub fn storyboard_fits(size: PageSize) -> bool {
    size.size().x >= super::storyboard::ROW_WIDTH + 2.0 * MARGIN
}

/// The pages of `project`'s storyboard on pages of `size`: as many whole rows of frames as
/// fit under the page's title (at least one).
pub fn storyboard_pages(project: &Project, size: PageSize) -> Vec<StoryPage> {
    let page = size.size();
    let height = page.y - 2.0 * MARGIN - TOP;
    let per_page = crate::convert::floor_to_usize(height / super::storyboard::ROW_STEP).max(1);
    let rows = project
        .touchpoint_count()
        .div_ceil(super::storyboard::FRAMES_PER_ROW)
        .max(1);
    let mut pages: Vec<StoryPage> = (0..rows)
        .step_by(per_page)
        .map(|first| StoryPage {
            rows: first..(first + per_page).min(rows),
            number: 0,
            count: 0,
        })
        .collect();
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.number = i + 1;
        page.count = count;
    }
    pages
}

/// Paints `page` of the storyboard on a page of `size`, its top-left corner at the
/// painter's origin: the title line, the frame numbers it shows and its number, then its
/// rows of frames, centred across the page ([`storyboard_fits`] says whether a row fits).
pub fn paint_storyboard_page(
    painter: &Painter,
    project: &Project,
    theme: BoardTheme,
    size: PageSize,
    page: &StoryPage,
    pictures: &HashMap<TouchpointId, FramePicture>,
    highlighted: Option<&std::collections::HashSet<TouchpointId>>,
) {
    let frames = super::storyboard_order(project);
    let per_row = super::storyboard::FRAMES_PER_ROW;
    let first = page.rows.start * per_row + 1;
    let last = (page.rows.end * per_row).min(frames.len());
    paint_page_top(
        painter,
        project,
        theme,
        size,
        &format!("Frames {first}–{last} of {}", frames.len()),
        page.number,
        page.count,
    );
    let page_size = size.size();
    let origin = super::storyboard::row_origin(page.rows.start);
    let left = ((page_size.x - super::storyboard::ROW_WIDTH) / 2.0).max(MARGIN);
    let offset = vec2(left - origin.x, MARGIN + TOP - origin.y);
    super::storyboard::paint_rows(
        painter,
        project,
        theme,
        &frames,
        page.rows.clone(),
        offset,
        pictures,
        highlighted,
    );
}
