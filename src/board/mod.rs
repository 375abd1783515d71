//! The storyboard picture: stage lanes, touchpoint cards and link arrows, painted as
//! epaint shapes from a project. The canvas and the PNG exporter both paint through here.
//!
//! Geometry is computed in *board* coordinates (1 board point = 1 screen point at 100 %
//! zoom) and painted through a [`BoardView`] transform. Text is laid out at its final
//! on-screen size, so it stays crisp at every zoom level.

mod away;
pub mod bidi;
mod card;
mod clip;
mod extras;
mod frame;
mod index;
mod labels;
pub mod layout;
pub mod marks;
mod notes;
mod pages;
mod poster;
pub mod route;
mod storyboard;
mod theme;

pub(crate) use labels::has_link_labels;
use labels::{LabelPlace, PlannedLabel, label_footnotes, plan_labels};
use route::Route;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::epaint::{PathShape, PathStroke};
use egui::text::LayoutJob;
use egui::{
    Align2, Color32, FontFamily, FontId, Galley, Painter, Rect, Shape, Stroke, Vec2,
    emath::TSTransform, pos2, vec2,
};

pub use away::AwayLink;
pub use card::{MIN_TEXT_ZOOM, MIN_TITLE_SIZE, ScoreSpot, paint_face, score_spot, title_rect};
pub use extras::{
    LEGEND_HEIGHT, STRIP_HEIGHT, emotion_by_stage, ink, paint_emotion_strip, paint_legend,
};
pub use frame::{FramePicture, frame_aspect, paint_pictogram};
pub use index::BoardIndex;
pub use layout::{
    CARD_SIZE, HANDLE_RADIUS, HANDLE_SIDES, HEADER_HEIGHT, LANE_WIDTH, LINK_LABEL_WIDTH,
    MIN_LANE_HEIGHT, board_rect, card_at, card_rect, content_rect, distance_to_polyline,
    handle_centre, handle_centres, lane_height, lane_left, placement_at,
};
pub use notes::{MOST_NOTES, notes_height, paint_notes};
pub use pages::{
    Page, PageSize, StoryPage, pages, pages_of, paint_page, paint_storyboard_page, storyboard_fits,
    storyboard_pages,
};
pub use poster::{
    MOMENTS_HEIGHT, PosterOptions, paint_poster, poster_board_origin, poster_footnotes, poster_size,
};
pub use storyboard::{
    FRAMES_PER_ROW, PANEL_SIZE, StoryFrame, paint_storyboard, storyboard_order, storyboard_panel,
    storyboard_picture_rect, storyboard_size,
};
pub use theme::{BoardTheme, emotion_colour, link_colour, owner_colour};

use crate::model::{LinkId, LinkKind, Project, TouchpointId};
use card::{CardFlags, paint_card};
use layout::LINK_LABEL_ROWS;
use theme::Palette;

/// The narrowest advance of a glyph in the board's fonts, as a share of the font size:
/// the hair space (U+200A) takes 0.053 em, letters and punctuation 0.2 em and more. Only
/// zero-width characters are narrower; a run of those longer than the budget is cut.
const MIN_ADVANCE_EM: f32 = 0.05;

/// `text` cut to what `rows` rows of `width` in a font of `font_size` can possibly
/// show (both in the same units), with "…" where it was cut; unchanged when it is
/// shorter. Only the kept prefix is read, so a string of any length costs no more than
/// what fits.
///
/// Text must go through this before egui lays it out: egui shapes every character it
/// is given, even those its elision then hides, so a 10 MB title would take gigabytes.
/// The budget allows for the narrowest glyph on every row, so any text that egui can
/// show in the box is kept whole, and egui's own wrapping and elision decide exactly as
/// before; only characters that could never be shown are dropped. A box without a
/// finite width shows just the ellipsis.
pub fn fit_text(text: &str, width: f32, font_size: f32, rows: usize) -> Cow<'_, str> {
    let per_row = if width.is_finite() && font_size > 0.0 {
        let glyphs = crate::convert::ceil_to_usize(width.max(0.0) / (font_size * MIN_ADVANCE_EM));
        // A row may overrun by one glyph, and a newline ends it.
        glyphs.saturating_add(2)
    } else {
        0
    };
    let budget = per_row.saturating_mul(rows.max(1));
    match text.char_indices().nth(budget) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Maps board coordinates to the screen: `screen = board * scaling + translation`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoardView {
    /// The transform from board to screen coordinates.
    pub screen_from_board: TSTransform,
}

impl BoardView {
    /// The zoom factor (1.0 = 100 %).
    pub fn zoom(&self) -> f32 {
        self.screen_from_board.scaling
    }
}

/// What the canvas wants highlighted or shifted while it paints.
#[derive(Default)]
pub struct PaintState<'a> {
    /// Board colours.
    pub theme: BoardTheme,
    /// Selected touchpoints.
    pub selected: Option<&'a HashSet<TouchpointId>>,
    /// Selected link.
    pub selected_link: Option<LinkId>,
    /// Touchpoint under the pointer (shows its link handle).
    pub hovered: Option<TouchpointId>,
    /// Touchpoints being dragged, and by how much (board points).
    pub dragging: Option<(&'a HashSet<TouchpointId>, Vec2)>,
    /// Touchpoint whose title is being edited in place (title not painted).
    pub renaming: Option<TouchpointId>,
    /// What the frames of touchpoints with a picture show; a touchpoint with a picture
    /// that is not here shows the "loading" placeholder.
    pub pictures: Option<&'a HashMap<TouchpointId, FramePicture>>,
    /// Touchpoints to highlight as moments of truth (a red halo).
    pub highlighted: Option<&'a HashSet<TouchpointId>>,
    /// A link label with no clear place becomes a numbered badge on its link, for a
    /// footnote (pictures); otherwise it goes under the cards (the canvas).
    pub footnote_labels: bool,
}

/// What [`paint_board`] placed that a page or poster lays out around.
pub struct Painted {
    /// The links whose labels became footnotes, in their numbers' order (only with
    /// [`PaintState::footnote_labels`]).
    pub footnotes: Vec<LinkId>,
    /// Where the link labels and footnote badges went (screen).
    pub labels: Vec<Rect>,
}

/// Paints the whole board with `painter`; `index` is [`BoardIndex::new`] of `project`.
/// Only what meets the painter's clip rectangle is looked at: the index gives the cards
/// and links in view, and links are cut to the view before they are flattened.
pub fn paint_board(
    painter: &Painter,
    project: &Project,
    index: &BoardIndex,
    view: BoardView,
    state: &PaintState<'_>,
) -> Painted {
    let palette = state.theme.palette();
    paint_lanes(painter, project, index, view, &palette);
    let placed = Placed {
        project,
        index,
        state,
        in_view: view
            .screen_from_board
            .inverse()
            .mul_rect(painter.clip_rect()),
    };
    // Links under the cards; their labels above them, so they stay readable, except
    // those with no clear place on the canvas, which go under the cards.
    let labels = paint_links(painter, &placed, view, &palette);
    let planned = if view.zoom() >= 0.4 {
        plan_labels(painter, &placed, view, &labels, state.footnote_labels)
    } else {
        Vec::new()
    };
    let paint_planned = |planned: &PlannedLabel| {
        let label = &labels[planned.label];
        let (from, to) = label.ends;
        marks::mark(painter, marks::Mark::LinkLabel { from, to });
        match &planned.place {
            LabelPlace::Text(laid) => {
                labels::paint_laid_label(painter, laid, view.zoom(), label.colour, &palette);
            }
            LabelPlace::Badge(rect, number) => {
                labels::paint_badge(painter, *rect, *number, label.badge_colour);
            }
        }
        marks::mark(painter, marks::Mark::End);
    };
    planned.iter().filter(|p| p.under).for_each(paint_planned);
    paint_cards(painter, &placed, view, &palette);
    planned.iter().filter(|p| !p.under).for_each(paint_planned);
    Painted {
        footnotes: planned
            .iter()
            .filter(|p| matches!(p.place, LabelPlace::Badge(..)))
            .map(|p| labels[p.label].id)
            .collect(),
        labels: planned
            .iter()
            .map(|p| match &p.place {
                LabelPlace::Text(laid) => laid.rect,
                LabelPlace::Badge(rect, _) => *rect,
            })
            .collect(),
    }
}

/// Cards where they are painted: in their lane, shifted while being dragged.
struct Placed<'a> {
    project: &'a Project,
    index: &'a BoardIndex,
    state: &'a PaintState<'a>,
    /// The part of the board in the painter's clip rectangle.
    in_view: Rect,
}

impl Placed<'_> {
    /// The cards being dragged, in id order.
    fn dragged_ids(&self) -> Vec<TouchpointId> {
        let mut ids: Vec<TouchpointId> = self
            .state
            .dragging
            .map(|(ids, _)| ids.iter().copied().collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    fn dragged(&self, id: TouchpointId) -> bool {
        self.state
            .dragging
            .is_some_and(|(ids, _)| ids.contains(&id))
    }

    /// The card's rectangle in board coordinates, as painted now.
    fn rect_of(&self, id: TouchpointId) -> Option<Rect> {
        let t = self.project.touchpoint(id)?;
        let offset = match self.state.dragging {
            Some((ids, delta)) if ids.contains(&id) => delta,
            _ => Vec2::ZERO,
        };
        Some(card_rect(self.project, t)?.translate(offset))
    }
}

/// Lanes and their headers, each with its stage name and card count.
fn paint_lanes(
    painter: &Painter,
    project: &Project,
    index: &BoardIndex,
    view: BoardView,
    palette: &Palette,
) {
    let zoom = view.zoom();
    let clip = painter.clip_rect();
    let lane_h = index.lane_height();
    for (i, stage) in project.stages().iter().enumerate() {
        let lane = Rect::from_min_size(
            pos2(lane_left(i), 0.0),
            vec2(LANE_WIDTH, HEADER_HEIGHT + lane_h),
        );
        let lane_on_screen = view.screen_from_board.mul_rect(lane);
        if !lane_on_screen.intersects(clip) {
            continue;
        }
        painter.rect_filled(lane_on_screen, 0.0, palette.lane[i % 2]);
        let header = view.screen_from_board.mul_rect(Rect::from_min_size(
            pos2(lane_left(i) + 4.0, 4.0),
            vec2(LANE_WIDTH - 8.0, HEADER_HEIGHT - 12.0),
        ));
        painter.rect_filled(header, 6.0 * zoom, palette.header);
        // Zoomed out, stage names keep the cards' readable title size while the header
        // has room for it.
        let readable = if zoom >= MIN_TEXT_ZOOM {
            MIN_TITLE_SIZE.min(header.height() * 0.7)
        } else {
            0.0
        };
        text_in(
            painter,
            header.shrink(10.0 * zoom),
            &stage.name,
            FontId::new((15.0 * zoom).max(readable), FontFamily::Proportional),
            palette.header_text,
            Align2::LEFT_CENTER,
        );
        text_in(
            painter,
            header.shrink(10.0 * zoom),
            &index.card_count(i).to_string(),
            FontId::new((12.0 * zoom).max(readable * 0.85), FontFamily::Proportional),
            palette.header_text.gamma_multiply(0.7),
            Align2::RIGHT_CENTER,
        );
        if i > 0 {
            painter.line_segment(
                [lane_on_screen.left_top(), lane_on_screen.left_bottom()],
                Stroke::new(1.0, palette.lane_line),
            );
        }
    }
}

/// A link label waiting to be painted above the cards.
struct LinkLabel<'a> {
    /// The link.
    id: LinkId,
    /// The colour of its footnote badge (white text reads on it).
    badge_colour: Color32,
    /// The link's route on screen.
    route: Route,
    /// The label.
    text: &'a str,
    /// The label's colour.
    colour: Color32,
    /// The link's ends.
    ends: (TouchpointId, TouchpointId),
}

/// The link curves with their arrow heads; returns the labels to paint above the cards.
fn paint_links<'a>(
    painter: &Painter,
    placed: &Placed<'a>,
    view: BoardView,
    palette: &Palette,
) -> Vec<LinkLabel<'a>> {
    let zoom = view.zoom();
    let mut labels = Vec::new();
    for (id, link, route) in shown_links(painter, placed, view) {
        let selected = placed.state.selected_link == Some(id);
        let colour = link_colour(link.kind);
        let width = if selected { 4.0 } else { 2.0 } * zoom.clamp(0.5, 2.0);
        if selected {
            paint_route(
                painter,
                &route,
                Stroke::new(width + 4.0, palette.selection.gamma_multiply(0.35)),
                false,
            );
        }
        let dashed = matches!(link.kind, LinkKind::Alternative | LinkKind::Referral);
        let stroke = Stroke::new(width, colour);
        marks::mark(
            painter,
            marks::Mark::Link {
                from: link.from,
                to: link.to,
                kind: link.kind,
                route: route.clone(),
                stroke,
                dash: dashed.then(|| dash_pattern(width)),
            },
        );
        paint_route(painter, &route, stroke, dashed);
        marks::mark(painter, marks::Mark::LinkLine);
        paint_arrow_head(painter, &route, colour, width);
        marks::mark(painter, marks::Mark::End);
        labels.extend(link_label(id, link, route, palette));
    }
    labels
}

/// A link's label, if it has one, to place once the links are painted.
fn link_label<'a>(
    id: LinkId,
    link: &'a crate::model::Link,
    route: Route,
    palette: &Palette,
) -> Option<LinkLabel<'a>> {
    let text = link.label.as_deref().filter(|l| !l.is_empty())?;
    Some(LinkLabel {
        id,
        badge_colour: theme::tag_colour(link.kind),
        route,
        text,
        colour: palette.link_text(link.kind),
        ends: (link.from, link.to),
    })
}

/// The links that meet the painter's clip rectangle, in id order, each with its route on
/// screen: as the index routed it, or, for a link at a card being dragged, to where the
/// card is now.
fn shown_links<'a>(
    painter: &Painter,
    placed: &Placed<'a>,
    view: BoardView,
) -> Vec<(LinkId, &'a crate::model::Link, Route)> {
    let zoom = view.zoom();
    let clip = painter.clip_rect();
    // Links near the view (a margin wider than any arrow head or selection stroke), and
    // those of the cards being dragged, wherever they are now. Each is still tested
    // against the view below.
    let margin = (LINK_LABEL_WIDTH * 0.5 + 20.0).max(40.0 / zoom);
    let mut ids = placed.index.links_in(placed.in_view.expand(margin));
    let dragged = placed.dragged_ids();
    if !dragged.is_empty() {
        ids.extend(dragged.iter().flat_map(|id| placed.index.links_of(*id)));
        ids.sort_unstable();
        ids.dedup();
    }
    let mut shown = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(link) = placed.project.link(id) else {
            continue;
        };
        let route = if placed.dragged(link.from) || placed.dragged(link.to) {
            let (Some(from), Some(to)) = (placed.rect_of(link.from), placed.rect_of(link.to))
            else {
                continue;
            };
            Cow::Owned(placed.index.route_between((link.from, from), (link.to, to)))
        } else {
            match placed.index.route(id) {
                Some(route) => Cow::Borrowed(route),
                None => continue,
            }
        };
        let route = route.mapped(|p| view.screen_from_board * p);
        if route.bounds().expand(20.0 * zoom).intersects(clip) {
            shown.push((id, link, route));
        }
    }
    shown
}

/// The cards; dragged ones last so they float above the rest.
fn paint_cards(painter: &Painter, placed: &Placed<'_>, view: BoardView, palette: &Palette) {
    let zoom = view.zoom();
    let clip = painter.clip_rect();
    let state = placed.state;
    let project = placed.project;
    // The same margin as the test below, in board points.
    let margin = HANDLE_RADIUS * 2.0 + 1.0;
    let in_view = placed.index.cards_in(placed.in_view.expand(margin));
    let order = in_view
        .into_iter()
        .filter(|id| !placed.dragged(*id))
        .chain(placed.dragged_ids());
    for id in order {
        let (Some(t), Some(rect)) = (project.touchpoint(id), placed.rect_of(id)) else {
            continue;
        };
        let rect = view.screen_from_board.mul_rect(rect);
        if !rect.expand(HANDLE_RADIUS * 2.0 * zoom).intersects(clip) {
            continue;
        }
        let flags = CardFlags {
            id,
            selected: state.selected.is_some_and(|s| s.contains(&id)),
            hovered: state.hovered == Some(id),
            lifted: placed.dragged(id),
            hide_title: state.renaming == Some(id),
            picture: t.picture.as_ref().map(|_| {
                state
                    .pictures
                    .and_then(|m| m.get(&id).copied())
                    .unwrap_or(FramePicture::Loading)
            }),
            highlighted: state.highlighted.is_some_and(|h| h.contains(&id)),
        };
        paint_card(painter, project, t, rect, zoom, palette, flags);
        marks::mark(painter, marks::Mark::End);
    }
}

fn paint_route(painter: &Painter, route: &Route, stroke: Stroke, dashed: bool) {
    let clip = painter.clip_rect();
    let [dash, gap] = dash_pattern(stroke.width);
    if !clip.contains_rect(route.bounds().expand(stroke.width)) {
        // Partly in view: only the parts in view are flattened (and dashed in step with
        // the whole route).
        let view = clip.expand(stroke.width * 2.0 + 2.0);
        let mut dashes = Vec::new();
        let mut so_far = 0.0;
        for piece in route.pieces() {
            for mut run in clip::visible_runs(*piece, view, 0.3) {
                if dashed {
                    run.start += so_far;
                    clip::dash_run(&run, stroke, dash, gap, &mut dashes);
                } else {
                    painter.add(PathShape::line(run.points, stroke));
                }
            }
            so_far += clip::estimated_length(*piece);
        }
        painter.extend(dashes);
    } else {
        let points = route.flatten(0.3);
        if dashed {
            painter.extend(Shape::dashed_line(&points, stroke, dash, gap));
        } else {
            painter.add(PathShape::line(
                points,
                PathStroke::new(stroke.width, stroke.color),
            ));
        }
    }
}

/// Dash and gap lengths of a dashed link `width` wide.
fn dash_pattern(width: f32) -> [f32; 2] {
    [width * 4.0, width * 2.5]
}

fn paint_arrow_head(painter: &Painter, route: &Route, colour: Color32, width: f32) {
    let tip = route.end();
    let dir = route.end_direction();
    let size = 4.0 * width + 4.0;
    let back = tip - dir * size;
    let normal = dir.rot90() * size * 0.5;
    painter.add(PathShape::convex_polygon(
        vec![tip, back + normal, back - normal],
        colour,
        Stroke::NONE,
    ));
}

pub(super) fn text_in(
    painter: &Painter,
    rect: Rect,
    text: &str,
    font: FontId,
    colour: Color32,
    align: Align2,
) -> Arc<Galley> {
    let text = fit_text(text, rect.width(), font.size, 1);
    let mut job = LayoutJob::simple(text.into_owned(), font, colour, rect.width());
    job.wrap.max_rows = 1;
    let galley = bidi::layout(painter, job);
    let pos = align
        .anchor_size(align.pos_in_rect(&rect), galley.size())
        .min;
    painter.galley(pos, galley.clone(), colour);
    galley
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Touchpoint;
    use crate::model::{Emotion, Position};

    #[test]
    fn placement_follows_the_lane_under_the_card_centre() {
        let p = Project::new("t");
        let (stage, pos) = placement_at(&p, pos2(LANE_WIDTH * 2.0 + 10.0, 200.0)).unwrap();
        assert_eq!(stage, "purchase");
        assert_eq!(
            pos,
            Position {
                x: 10.0,
                y: 200.0 - HEADER_HEIGHT
            }
        );
        // Far right clamps to the last lane; far up clamps to the top.
        let (stage, pos) = placement_at(&p, pos2(99_999.0, -50.0)).unwrap();
        assert_eq!(stage, "advocacy");
        assert_eq!(pos.y, 0.0);
        assert_eq!(pos.x, LANE_WIDTH - CARD_SIZE.x);
    }

    #[test]
    fn card_rect_round_trips_through_placement() {
        let mut p = Project::new("t");
        let t = Touchpoint {
            stage: "service".into(),
            position: Position { x: 20.0, y: 300.0 },
            ..Touchpoint::default()
        };
        let id = p.add_touchpoint(t).unwrap();
        let rect = card_rect(&p, p.touchpoint(id).unwrap()).unwrap();
        let (stage, pos) = placement_at(&p, rect.min).unwrap();
        assert_eq!(stage, "service");
        assert_eq!(pos, Position { x: 20.0, y: 300.0 });
        assert_eq!(card_at(&p, rect.center()), Some(id));
        assert_eq!(card_at(&p, rect.max + vec2(5.0, 5.0)), None);
    }

    #[test]
    fn emotion_colours_run_red_to_green() {
        let red = emotion_colour(Emotion::new(-2.0).unwrap());
        let green = emotion_colour(Emotion::new(2.0).unwrap());
        assert!(red.r() > red.g());
        assert!(green.g() > green.r());
    }

    /// Rows of the galley egui makes of `text` in a box: each row's characters and where
    /// they sit.
    fn laid_out(text: &str, width: f32, size: f32, rows: usize) -> Vec<Vec<(char, f32, f32)>> {
        let ctx = egui::Context::default();
        let mut out = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut job = LayoutJob::simple(
                text.to_owned(),
                FontId::proportional(size),
                Color32::BLACK,
                width,
            );
            job.wrap.max_rows = rows;
            let galley = ui.painter().layout_job(job);
            out = galley
                .rows
                .iter()
                .map(|row| {
                    row.glyphs
                        .iter()
                        .map(|g| (g.chr, g.pos.x + row.pos.x, row.pos.y))
                        .collect()
                })
                .collect();
        });
        output.textures_delta.clear();
        out
    }

    #[test]
    fn fitted_text_lays_out_exactly_as_the_whole_text() {
        let long = |unit: &str, n: usize| unit.repeat(n);
        let texts = [
            long("Touchpoint ", 400),
            long("i", 6_000),
            long(".", 6_000),
            long("word\n", 2_000),
            long("顧客", 3_000),
            long(" ", 6_000) + "x",
            long("\u{200a}", 6_000),
            long("Wi-Fi, ", 900),
            "Short title".to_owned(),
        ];
        // Card title, lane header, title block, link label, owner in the legend.
        let boxes = [
            (187.0, 14.0, 2),
            (232.0, 15.0, 1),
            (836.0, 26.0, 1),
            (LINK_LABEL_WIDTH, 11.0, LINK_LABEL_ROWS),
            (218.0, 11.0, 1),
            (187.0 * 3.0, 14.0 * 3.0, 2),
        ];
        for text in &texts {
            for (width, size, rows) in boxes {
                let fitted = fit_text(text, width, size, rows);
                assert_eq!(
                    laid_out(&fitted, width, size, rows),
                    laid_out(text, width, size, rows),
                    "{:?}… in {width} × {rows} rows at {size} pt",
                    text.chars().take(12).collect::<String>()
                );
            }
        }
    }

    #[test]
    fn fit_text_reads_only_what_can_be_shown() {
        assert!(matches!(
            fit_text("Short", 187.0, 14.0, 2),
            Cow::Borrowed("Short")
        ));
        let huge = "x".repeat(10_000_000);
        let fitted = fit_text(&huge, 187.0, 14.0, 2);
        let kept = fitted.chars().count();
        assert!(fitted.ends_with('…'));
        assert!((500..600).contains(&kept), "{kept}");
        // Twice the rows, twice the budget; no width, nothing but the ellipsis.
        assert_eq!(
            fit_text(&huge, 187.0, 14.0, 4).chars().count(),
            2 * kept - 1
        );
        assert_eq!(fit_text(&huge, f32::INFINITY, 14.0, 1), "…");
        assert_eq!(fit_text(&huge, -5.0, 14.0, 1), "xx…");
        // Multi-byte characters are cut at a character boundary.
        let wide = "é".repeat(1_000);
        assert_eq!(fit_text(&wide, 10.0, 10.0, 1).chars().count(), 20 + 2 + 1);
        // Zero-width characters are cut like any others.
        let invisible = "\u{200b}".repeat(1_000_000);
        assert_eq!(
            fit_text(&invisible, 187.0, 14.0, 1).chars().count(),
            270 + 1
        );
    }

    #[test]
    fn polyline_distance() {
        let line = [pos2(0.0, 0.0), pos2(10.0, 0.0)];
        assert_eq!(distance_to_polyline(pos2(5.0, 3.0), &line), 3.0);
        assert_eq!(distance_to_polyline(pos2(13.0, 4.0), &line), 5.0);
    }
}
