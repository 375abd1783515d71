//! The storyboard layout of an export: the journey told as numbered frames in journey
//! order (the main flow from the first touchpoint, each alternative or recovery branch
//! right after the frame it branches from), wrapped into rows sized for slides, with a
//! stage header over each run of frames of one stage.

use std::collections::{HashMap, HashSet};

use egui::text::LayoutJob;
use egui::{
    Align2, Color32, FontFamily, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::card::paint_scores;
use super::frame::{FramePicture, paint_frame_in};
use super::theme::{owner_colour, tag_colour};
use super::{BoardTheme, bidi, fit_text};
use crate::model::{LinkKind, Project, TouchpointId};

/// Space around the picture, in points.
const MARGIN: f32 = 32.0;
/// Height of the title block, in points (as the lane map's).
const TITLE_HEIGHT: f32 = 92.0;
/// Frames in a row: four make a row about as wide as a 16:9 slide (1,600 points).
pub const FRAMES_PER_ROW: usize = 4;
/// Size of one frame (panel), in points.
pub const PANEL_SIZE: Vec2 = vec2(360.0, 318.0);
/// Space between frames, in points.
const GAP: f32 = 24.0;
/// Height of the stage header band above each row, in points.
const HEADER: f32 = 30.0;
/// Inset of the picture and text inside a frame, in points.
const INSET: f32 = 10.0;

/// One frame of the storyboard: the touchpoint, and the kind of link that led to it when
/// it starts a branch (alternative or recovery).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoryFrame {
    /// The touchpoint shown.
    pub id: TouchpointId,
    /// Set on the first frame of an alternative or recovery branch.
    pub branch: Option<LinkKind>,
}

/// The touchpoints in journey order. Referral links (which lead back to the start) do not
/// set the order; "links" below are the others. The journey starts at the first
/// touchpoint (lowest stage, then highest on the board) that has a flow link out and no
/// link in (else one with any link out and none in; in a journey that loops back to its
/// start, the first linked touchpoint), and follows flow links (the first in board order
/// where there are several; where none leads on, a recovery link, tagged): the main flow.
/// After each frame come the branches that leave it (alternative and recovery links, and
/// any other flow link), each followed the same way until it meets a frame already placed, with branches of branches the same way. Touchpoints no path
/// reaches are told the same way in board order: a run with a frame that links to a frame
/// told before goes just before that frame (another way in, tagged with its link's kind),
/// any other after everything; unlinked touchpoints come last.
pub fn storyboard_order(project: &Project) -> Vec<StoryFrame> {
    let board_order = board_order(project);
    let rank: HashMap<TouchpointId, usize> = board_order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut outgoing: HashMap<TouchpointId, Vec<(LinkKind, TouchpointId)>> = HashMap::new();
    let mut linked_in = HashSet::new();
    for (_, link) in project.links() {
        if link.kind == LinkKind::Referral {
            continue;
        }
        linked_in.insert(link.to);
        outgoing
            .entry(link.from)
            .or_default()
            .push((link.kind, link.to));
    }
    for targets in outgoing.values_mut() {
        // The flow first (it continues the chain), then branches; each in board order.
        targets.sort_by_key(|(kind, to)| {
            (
                *kind != LinkKind::Flow,
                rank.get(to).copied().unwrap_or(usize::MAX),
            )
        });
    }
    let mut seen = HashSet::new();
    // A run of frames along flow links from `start`, claiming them.
    // A run of frames from `start`, claiming them: along flow links, or where none leads
    // on, along a recovery link (the journey goes on through service; that frame is
    // tagged), each frame with the tag it is told with.
    let chain = |start: TouchpointId, seen: &mut HashSet<TouchpointId>| {
        seen.insert(start);
        let mut run = vec![(start, None)];
        let mut at = start;
        while let Some((kind, next)) = outgoing.get(&at).and_then(|targets| {
            let open = |wanted: LinkKind| {
                targets
                    .iter()
                    .find(|(kind, to)| *kind == wanted && !seen.contains(to))
                    .copied()
            };
            open(LinkKind::Flow).or_else(|| open(LinkKind::Recovery))
        }) {
            seen.insert(next);
            run.push((next, (kind != LinkKind::Flow).then_some(kind)));
            at = next;
        }
        run
    };
    // Runs of frames as told; a run that is another way into the journey waits to go in
    // just before the frame it leads to.
    let mut runs: Vec<Vec<StoryFrame>> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    let mut before: HashMap<TouchpointId, Vec<usize>> = HashMap::new();
    let links_out = |id: &TouchpointId| outgoing.get(id).is_some_and(|t| !t.is_empty());
    let flows_out = |id: &TouchpointId| {
        outgoing
            .get(id)
            .is_some_and(|t| t.iter().any(|(kind, _)| *kind == LinkKind::Flow))
    };
    let unlinked = |id: &TouchpointId| !links_out(id) && !linked_in.contains(id);
    // Starts of a flow, then other starts (a poster that only offers an alternative way
    // in), then any linked touchpoint (loops), then the unlinked ones.
    let starts = board_order
        .iter()
        .filter(|id| flows_out(id) && !linked_in.contains(*id))
        .chain(
            board_order
                .iter()
                .filter(|id| links_out(id) && !linked_in.contains(*id)),
        )
        .chain(board_order.iter().filter(|id| !unlinked(id)))
        .chain(board_order.iter().filter(|id| unlinked(id)));
    // The run each told touchpoint belongs to.
    let mut run_of: HashMap<TouchpointId, usize> = HashMap::new();
    for start in starts {
        if seen.contains(start) {
            continue;
        }
        let mut told = Vec::new();
        // Chains being told, each with the next frame to place and the kind of link that
        // started it: an explicit stack, as a journey may branch thousands of times.
        let mut stack = vec![(chain(*start, &mut seen), 0_usize, None)];
        while let Some((run, next, branch)) = stack.last_mut() {
            let Some(&(id, tag)) = run.get(*next) else {
                stack.pop();
                continue;
            };
            told.push(StoryFrame {
                id,
                branch: if *next == 0 { *branch } else { tag },
            });
            *next += 1;
            let Some(targets) = outgoing.get(&id) else {
                continue;
            };
            let mut branches = Vec::new();
            for (kind, to) in targets {
                if !seen.contains(to) {
                    let started = (*kind != LinkKind::Flow).then_some(*kind);
                    branches.push((chain(*to, &mut seen), 0, started));
                }
            }
            // The first branch is told first.
            stack.extend(branches.into_iter().rev());
        }
        // The first frame of this run that links to a frame of an earlier run: the way in.
        let joins = told.iter().find_map(|frame| {
            outgoing.get(&frame.id).and_then(|targets| {
                targets
                    .iter()
                    .find(|(_, to)| run_of.contains_key(to))
                    .map(|(kind, to)| (frame.id, *kind, *to))
            })
        });
        let this = runs.len();
        for frame in &told {
            run_of.insert(frame.id, this);
        }
        match joins {
            Some((from, kind, to)) => {
                // A run that starts with the frame linking in is tagged with that link.
                if let Some(first) = told.first_mut()
                    && first.id == from
                {
                    first.branch = (kind != LinkKind::Flow).then_some(kind);
                }
                before.entry(to).or_default().push(this);
            }
            None => top.push(this),
        }
        runs.push(told);
    }
    // The runs in order, each waiting run just before its frame (explicit stack again).
    let mut frames = Vec::with_capacity(board_order.len());
    let mut opened = HashSet::new();
    let mut stack: Vec<(usize, usize)> = top.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((run, next)) = stack.last_mut() {
        let Some(&frame) = runs.get(*run).and_then(|r| r.get(*next)) else {
            stack.pop();
            continue;
        };
        if opened.insert(frame.id)
            && let Some(waiting) = before.get(&frame.id)
        {
            stack.extend(waiting.iter().rev().map(|&r| (r, 0)));
            continue;
        }
        frames.push(frame);
        *next += 1;
    }
    frames
}

/// Touchpoints by stage, then from the top of the lane, then by id.
fn board_order(project: &Project) -> Vec<TouchpointId> {
    let mut ids: Vec<(usize, f32, TouchpointId)> = project
        .touchpoints()
        .map(|(id, t)| {
            let lane = project.stage_index(&t.stage).unwrap_or(usize::MAX);
            (lane, t.position.y, id)
        })
        .collect();
    ids.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    ids.into_iter().map(|(_, _, id)| id).collect()
}

/// Rows of frames for `count` frames.
fn rows(count: usize) -> usize {
    count.div_ceil(FRAMES_PER_ROW).max(1)
}

/// How far apart the rows of frames are, stage band included.
pub(super) const ROW_STEP: f32 = HEADER + PANEL_SIZE.y + GAP;

/// The width of a row of frames, without the margins.
pub(super) const ROW_WIDTH: f32 = 4.0 * PANEL_SIZE.x + 3.0 * GAP;

/// Where row `row`'s stage band starts, and its left edge.
pub(super) fn row_origin(row: usize) -> Pos2 {
    let panel = storyboard_panel(row * FRAMES_PER_ROW);
    pos2(panel.min.x, panel.min.y - HEADER)
}

/// Size of the storyboard picture in points for a project.
pub fn storyboard_size(project: &Project, notes: bool) -> Vec2 {
    let per_row = crate::convert::f32_from_usize(FRAMES_PER_ROW);
    let width = 2.0 * MARGIN + per_row * PANEL_SIZE.x + (per_row - 1.0) * GAP;
    let rows = crate::convert::f32_from_usize(rows(project.touchpoint_count()));
    let mut height = MARGIN + TITLE_HEIGHT + rows * (HEADER + PANEL_SIZE.y + GAP) + MARGIN;
    if notes {
        height += super::notes_height(project);
    }
    vec2(width, height)
}

/// The picture area of a frame whose panel is at `panel`.
pub fn storyboard_picture_rect(panel: Rect) -> Rect {
    let width = panel.width() - 2.0 * INSET;
    Rect::from_min_size(
        panel.min + vec2(INSET, INSET),
        vec2(width, width / super::frame_aspect()),
    )
}

/// Where frame number `n` (0-based) sits in the picture.
pub fn storyboard_panel(n: usize) -> Rect {
    let row = crate::convert::f32_from_usize(n / FRAMES_PER_ROW);
    let column = crate::convert::f32_from_usize(n % FRAMES_PER_ROW);
    let top = MARGIN + TITLE_HEIGHT + row * (HEADER + PANEL_SIZE.y + GAP) + HEADER;
    Rect::from_min_size(
        pos2(MARGIN + column * (PANEL_SIZE.x + GAP), top),
        PANEL_SIZE,
    )
}

/// Paints the storyboard of `size` points ([`storyboard_size`]) with its top-left corner
/// at the painter's origin. `pictures` are what the frames of touchpoints with a picture
/// show; `highlighted` frames (moments of truth) get the board's red halo; with `notes`,
/// the touchpoints' notes are listed under the frames.
pub fn paint_storyboard(
    painter: &Painter,
    project: &Project,
    theme: BoardTheme,
    size: Vec2,
    pictures: &HashMap<TouchpointId, FramePicture>,
    highlighted: Option<&HashSet<TouchpointId>>,
    notes: bool,
) {
    super::poster::paint_title_block(painter, project, theme, size.x);
    let frames = storyboard_order(project);
    let rows = 0..rows(frames.len());
    paint_rows(
        painter,
        project,
        theme,
        &frames,
        rows,
        Vec2::ZERO,
        pictures,
        highlighted,
    );
    let height = super::notes_height(project);
    if notes && height > 0.0 {
        // Under the last row's gap, inside the margin.
        let area = Rect::from_min_max(
            pos2(MARGIN, size.y - MARGIN - height),
            pos2(size.x - MARGIN, size.y - MARGIN),
        );
        super::paint_notes(painter, project, area, theme);
    }
}

/// The frames of `rows` (rows of [`FRAMES_PER_ROW`] of `frames`) with their stage bands,
/// each where [`storyboard_panel`] puts it moved by `offset`.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_rows(
    painter: &Painter,
    project: &Project,
    theme: BoardTheme,
    frames: &[StoryFrame],
    rows: std::ops::Range<usize>,
    offset: Vec2,
    pictures: &HashMap<TouchpointId, FramePicture>,
    highlighted: Option<&HashSet<TouchpointId>>,
) {
    let palette = theme.palette();
    for (row_start, row) in frames.chunks(FRAMES_PER_ROW).enumerate() {
        if !rows.contains(&row_start) {
            continue;
        }
        let first = row_start * FRAMES_PER_ROW;
        paint_stage_headers(painter, project, row, first, theme, offset);
    }
    let shown = rows.start * FRAMES_PER_ROW..rows.end * FRAMES_PER_ROW;
    for (n, frame) in frames.iter().enumerate() {
        if !shown.contains(&n) {
            continue;
        }
        let Some(t) = project.touchpoint(frame.id) else {
            continue;
        };
        let panel = storyboard_panel(n).translate(offset);
        if !panel.expand(8.0).intersects(painter.clip_rect()) {
            continue;
        }
        if highlighted.is_some_and(|h| h.contains(&frame.id)) {
            painter.rect_stroke(
                panel.expand(3.0),
                11.0,
                Stroke::new(3.0, palette.halo),
                StrokeKind::Outside,
            );
        }
        let owner = owner_colour(project, t);
        super::marks::mark(painter, super::marks::Mark::Card(frame.id));
        painter.rect(
            panel,
            8.0,
            palette.card,
            Stroke::new(1.0, palette.card_border),
            StrokeKind::Inside,
        );
        // The owner's colour along the top edge.
        painter.rect_filled(
            Rect::from_min_size(panel.min + vec2(8.0, 0.0), vec2(panel.width() - 16.0, 4.0)),
            2.0,
            owner,
        );
        let picture_rect = storyboard_picture_rect(panel);
        let picture = t.picture.as_ref().map(|_| {
            pictures
                .get(&frame.id)
                .copied()
                .unwrap_or(FramePicture::Missing)
        });
        paint_frame_in(
            painter,
            picture_rect,
            1.0,
            &palette,
            owner,
            t.channel,
            picture,
        );
        paint_number(painter, picture_rect, n + 1, &palette);
        if let Some(kind) = frame.branch {
            paint_branch_tag(painter, picture_rect, kind);
        }
        let text_width = panel.width() - 2.0 * INSET;
        let mut y = picture_rect.max.y + 8.0;
        let title = if t.title.trim().is_empty() {
            "Untitled"
        } else {
            &t.title
        };
        let font = FontId::new(15.0, FontFamily::Proportional);
        let title = fit_text(title, text_width, font.size, 2);
        let mut job = LayoutJob::simple(title.into_owned(), font, palette.text, text_width);
        job.wrap.max_rows = 2;
        let galley = bidi::layout(painter, job);
        let title_height = galley.size().y;
        painter.galley(pos2(picture_rect.min.x, y), galley, palette.text);
        y += title_height.max(19.0) + 2.0;
        let caption = t.notes.lines().map(str::trim).find(|l| !l.is_empty());
        if let Some(caption) = caption {
            let font = FontId::new(12.0, FontFamily::Proportional);
            let caption = fit_text(caption, text_width, font.size, 2);
            let mut job =
                LayoutJob::simple(caption.into_owned(), font, palette.subtext, text_width);
            job.wrap.max_rows = 2;
            painter.galley(
                pos2(picture_rect.min.x, y),
                bidi::layout(painter, job),
                palette.subtext,
            );
        }
        let inner = Rect::from_min_max(
            pos2(picture_rect.min.x, panel.max.y - INSET - 24.0),
            panel.max - vec2(INSET, INSET),
        );
        paint_scores(painter, t, inner, 1.0, &palette, true);
        super::marks::mark(painter, super::marks::Mark::End);
    }
}

/// The stage names over one row: a band over each run of frames of the same stage.
fn paint_stage_headers(
    painter: &Painter,
    project: &Project,
    row: &[StoryFrame],
    first: usize,
    theme: BoardTheme,
    offset: Vec2,
) {
    let palette = theme.palette();
    let mut start = 0;
    while start < row.len() {
        let stage = project.touchpoint(row[start].id).map(|t| t.stage.clone());
        let mut end = start + 1;
        while end < row.len() && project.touchpoint(row[end].id).map(|t| t.stage.clone()) == stage {
            end += 1;
        }
        let left = storyboard_panel(first + start).translate(offset);
        let right = storyboard_panel(first + end - 1).translate(offset);
        let band = Rect::from_min_max(
            pos2(left.min.x, left.min.y - HEADER),
            pos2(right.max.x, left.min.y - 6.0),
        );
        painter.rect_filled(band, 5.0, palette.header);
        let name = stage
            .as_deref()
            .and_then(|s| project.stage(s))
            .map_or("", |s| s.name.as_str());
        let font = FontId::new(13.0, FontFamily::Proportional);
        let text_width = band.width() - 20.0;
        let name = fit_text(name, text_width, font.size, 1);
        let mut job = LayoutJob::simple(name.into_owned(), font, palette.header_text, text_width);
        job.wrap.max_rows = 1;
        let galley = bidi::layout(painter, job);
        let at = pos2(band.min.x + 10.0, band.center().y - galley.size().y / 2.0);
        painter.galley(at, galley, palette.header_text);
        start = end;
    }
}

/// The frame's number on a dark disc at the picture's top-left corner.
fn paint_number(painter: &Painter, picture: Rect, n: usize, palette: &super::theme::Palette) {
    let centre = picture.min + vec2(16.0, 16.0);
    painter.circle_filled(centre, 12.0, palette.header);
    painter.text(
        centre,
        Align2::CENTER_CENTER,
        n.to_string(),
        FontId::new(12.0, FontFamily::Proportional),
        palette.header_text,
    );
}

/// "Alternative" or "Recovery" in the link's colour at the picture's top-right corner:
/// this frame starts a branch.
fn paint_branch_tag(painter: &Painter, picture: Rect, kind: LinkKind) {
    let label = match kind {
        LinkKind::Alternative => "Alternative",
        LinkKind::Recovery => "Recovery",
        LinkKind::Flow | LinkKind::Referral => return,
    };
    let colour = tag_colour(kind);
    let galley = painter.layout_no_wrap(
        label.to_owned(),
        FontId::new(11.0, FontFamily::Proportional),
        Color32::WHITE,
    );
    let size = galley.size() + vec2(12.0, 6.0);
    let pill = Rect::from_min_size(
        pos2(picture.max.x - 6.0 - size.x, picture.min.y + 6.0),
        size,
    );
    painter.rect_filled(pill, size.y / 2.0, colour);
    painter.galley(pill.min + vec2(6.0, 3.0), galley, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Position, Touchpoint};

    fn at(project: &mut Project, title: &str, stage: &str, y: f32) -> TouchpointId {
        project
            .add_touchpoint(Touchpoint {
                title: title.into(),
                stage: stage.into(),
                position: Position { x: 28.0, y },
                ..Touchpoint::default()
            })
            .unwrap()
    }

    fn link(project: &mut Project, from: TouchpointId, to: TouchpointId, kind: LinkKind) {
        project
            .add_link(Link {
                from,
                to,
                kind,
                label: None,
            })
            .unwrap();
    }

    #[test]
    fn the_main_flow_with_branches_after_the_frame_they_leave() {
        let mut p = Project::new("t");
        // Added out of order: the order comes from the links, not the ids.
        let pay = at(&mut p, "Pay", "purchase", 28.0);
        let see = at(&mut p, "See ad", "awareness", 28.0);
        let compare = at(&mut p, "Compare", "research", 28.0);
        let call = at(&mut p, "Call support", "service", 28.0);
        let fixed = at(&mut p, "Fixed", "service", 300.0);
        let shop = at(&mut p, "Visit shop", "research", 300.0);
        let tell = at(&mut p, "Tell friends", "advocacy", 28.0);
        let lonely = at(&mut p, "Unlinked", "onboarding", 28.0);
        let poster = at(&mut p, "Poster", "awareness", 300.0);
        link(&mut p, poster, compare, LinkKind::Alternative);
        link(&mut p, see, compare, LinkKind::Flow);
        link(&mut p, compare, pay, LinkKind::Flow);
        link(&mut p, see, shop, LinkKind::Alternative);
        link(&mut p, shop, pay, LinkKind::Flow);
        link(&mut p, pay, tell, LinkKind::Flow);
        link(&mut p, pay, call, LinkKind::Recovery);
        link(&mut p, call, fixed, LinkKind::Flow);
        link(&mut p, tell, see, LinkKind::Referral);
        let order = storyboard_order(&p);
        let ids: Vec<TouchpointId> = order.iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            [see, shop, poster, compare, pay, call, fixed, tell, lonely],
            "{order:?}"
        );
        let branch_of = |id| order.iter().find(|f| f.id == id).unwrap().branch;
        assert_eq!(branch_of(shop), Some(LinkKind::Alternative));
        assert_eq!(branch_of(call), Some(LinkKind::Recovery));
        assert_eq!(branch_of(fixed), None);
        assert_eq!(branch_of(see), None);
        assert_eq!(branch_of(poster), Some(LinkKind::Alternative));
        // An unlinked card above the start comes last; a poster above the start that
        // links into the journey goes before the frame it leads to.
        let mut q = Project::new("q");
        let note = at(&mut q, "Note", "awareness", 0.0);
        let poster = at(&mut q, "Poster", "awareness", 10.0);
        let see = at(&mut q, "See", "awareness", 300.0);
        let compare = at(&mut q, "Compare", "research", 28.0);
        let pay = at(&mut q, "Pay", "purchase", 28.0);
        link(&mut q, see, compare, LinkKind::Flow);
        link(&mut q, compare, pay, LinkKind::Flow);
        link(&mut q, poster, compare, LinkKind::Alternative);
        let order = storyboard_order(&q);
        let ids: Vec<TouchpointId> = order.iter().map(|f| f.id).collect();
        assert_eq!(ids, [see, poster, compare, pay, note], "{order:?}");
        assert_eq!(order[1].branch, Some(LinkKind::Alternative));
        assert_eq!(order[0].branch, None);
        // A journey that loops back to its start, with a recovery branch: starts at the
        // top of the first stage, the recovery is a branch.
        let mut r = Project::new("r");
        let browse = at(&mut r, "Browse", "awareness", 28.0);
        let order_ = at(&mut r, "Order", "research", 28.0);
        let pickup = at(&mut r, "Pick up", "purchase", 28.0);
        let call = at(&mut r, "Call", "service", 28.0);
        link(&mut r, browse, order_, LinkKind::Flow);
        link(&mut r, order_, pickup, LinkKind::Flow);
        link(&mut r, pickup, browse, LinkKind::Flow);
        link(&mut r, order_, call, LinkKind::Recovery);
        link(&mut r, call, pickup, LinkKind::Flow);
        let order = storyboard_order(&r);
        let ids: Vec<TouchpointId> = order.iter().map(|f| f.id).collect();
        assert_eq!(ids, [browse, order_, call, pickup], "{order:?}");
        assert_eq!(order[2].branch, Some(LinkKind::Recovery));
        // A way in longer than one frame goes before the frame it leads to.
        let mut w = Project::new("w");
        let start = at(&mut w, "Start", "awareness", 28.0);
        let pay = at(&mut w, "Pay", "purchase", 28.0);
        let flyer = at(&mut w, "Flyer", "awareness", 300.0);
        let qr = at(&mut w, "QR", "research", 28.0);
        link(&mut w, start, pay, LinkKind::Flow);
        link(&mut w, flyer, qr, LinkKind::Flow);
        link(&mut w, qr, pay, LinkKind::Flow);
        let ids: Vec<TouchpointId> = storyboard_order(&w).iter().map(|f| f.id).collect();
        assert_eq!(ids, [start, flyer, qr, pay]);
        // Every touchpoint once, even in a cycle with no start.
        let mut ring = Project::new("ring");
        let a = at(&mut ring, "a", "awareness", 28.0);
        let b = at(&mut ring, "b", "research", 28.0);
        link(&mut ring, a, b, LinkKind::Flow);
        link(&mut ring, b, a, LinkKind::Flow);
        let ids: Vec<TouchpointId> = storyboard_order(&ring).iter().map(|f| f.id).collect();
        assert_eq!(ids, [a, b]);
    }

    #[test]
    fn frames_wrap_into_rows_of_four_inside_the_picture() {
        let project = crate::model::generate::synthetic(9, 1);
        let size = storyboard_size(&project, false);
        let last = storyboard_panel(8);
        assert!(last.max.y < size.y && last.max.x < size.x);
        assert_eq!(storyboard_panel(4).min.x, storyboard_panel(0).min.x);
        assert!(storyboard_panel(4).min.y > storyboard_panel(3).max.y);
        assert!(storyboard_panel(3).max.x <= size.x - MARGIN + 0.5);
        // Every touchpoint exactly once, in a generated journey full of branches.
        let big = crate::model::generate::synthetic(2_000, 3);
        let mut ids: Vec<TouchpointId> = storyboard_order(&big).iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), 2_000);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 2_000);
    }
}
