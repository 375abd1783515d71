//! Links that leave a page: where a link's other card is on another page, the page's
//! board part cuts the line at its edge, and a tag there in the link's colour says where
//! the line goes on ("to page 5") or comes from ("from page 2").

use egui::{Color32, FontFamily, FontId, Painter, Pos2, Rect, Vec2, pos2, vec2};

use super::{BoardIndex, BoardView, HEADER_HEIGHT, lane_left};
use crate::model::{LinkId, Project};

/// A link with one card on a page and the other on another page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwayLink {
    /// The link.
    pub link: LinkId,
    /// The number (1-based) of the page its other card is on.
    pub page: usize,
    /// Whether the link goes from this page's card to the other page (else it comes in).
    pub outgoing: bool,
}

impl AwayLink {
    /// What the tag at the page's edge says.
    pub fn text(&self) -> String {
        if self.outgoing {
            format!("to page {}", self.page)
        } else {
            format!("from page {}", self.page)
        }
    }
}

/// Fills every page's [`super::Page::away`]: each link whose two cards are on different
/// pages is listed on both. `pages` are in the order [`super::pages`] makes them (by
/// stages, then by band).
pub(super) fn find_away_links(project: &Project, pages: &mut [super::Page]) {
    let page_of = |id| {
        let (lane, top) = super::pages::card_spot(project, id)?;
        let i = pages.partition_point(|p| {
            p.stages.end <= lane || (p.stages.contains(&lane) && p.band.end <= top)
        });
        pages.get(i)?.holds(lane, top).then_some(i)
    };
    let mut found = Vec::new();
    for (id, link) in project.links() {
        if let (Some(from), Some(to)) = (page_of(link.from), page_of(link.to))
            && from != to
        {
            found.push((from, to, id));
        }
    }
    for (from, to, link) in found {
        pages[from].away.push(AwayLink {
            link,
            page: to + 1,
            outgoing: true,
        });
        pages[to].away.push(AwayLink {
            link,
            page: from + 1,
            outgoing: false,
        });
    }
}

/// Size of the tags' text.
const TAG_FONT: f32 = 10.0;
/// Space between a tag's text and its edge: a tag is about 15 points high, so it hangs
/// in the gap above the emotion curve or the legend.
const TAG_PAD: Vec2 = vec2(5.0, 1.5);
/// Space kept between a tag and a card or another tag.
const TAG_CLEARANCE: f32 = 2.0;
/// Room kept under a cut between bands where the lanes have it, for the tags of links
/// coming in from above; and the most of the space under the lanes a hanging tag uses.
pub(super) const TAG_STRIP: f32 = 24.0;
/// How far a tag may slide along the page's edge, each way, to find a clear spot, in
/// steps of [`TAG_STEP`] points: across any page.
const TAG_SLIDES: i16 = 600;
/// The step a tag slides by.
const TAG_STEP: f32 = 4.0;

/// The side of the page's board part a link leaves through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// Left or right: the tag goes inside, sliding up and down.
    Beside,
    /// The top: the tag goes inside, under the edge, sliding sideways.
    Top,
    /// The bottom: the tag hangs under the edge, or where it finds no clear spot there,
    /// goes inside; it slides sideways.
    Bottom,
}

/// Paints the tags of `page.away` where their links leave the page's board part: `shown`
/// is that part on the page (screen), `view` maps the board onto it, `under` is the space
/// under it down to what comes next, `taken` is what tags keep clear of besides cards
/// (link labels and footnotes).
pub(super) fn paint_away_links(
    painter: &Painter,
    project: &Project,
    index: &BoardIndex,
    (page, view): (&super::Page, BoardView),
    shown: Rect,
    under: Rect,
    taken: &[Rect],
) {
    let to_screen = view.screen_from_board;
    let visible = Rect::from_min_max(
        pos2(
            lane_left(page.stages.start),
            HEADER_HEIGHT + page.band.start,
        ),
        pos2(lane_left(page.stages.end), HEADER_HEIGHT + page.band.end),
    );
    let font = FontId::new(TAG_FONT, FontFamily::Proportional);
    let mut placed: Vec<Rect> = taken.to_vec();
    for away in &page.away {
        let (Some(link), Some(route)) = (project.link(away.link), index.route(away.link)) else {
            continue;
        };
        let mut points = route.flatten(1.0);
        if !away.outgoing {
            points.reverse();
        }
        let Some((exit, side)) = leaving(&points, visible) else {
            continue;
        };
        let galley = painter.layout_no_wrap(away.text(), font.clone(), Color32::WHITE);
        let size = galley.size() + 2.0 * TAG_PAD;
        let step = if side == Side::Beside {
            vec2(0.0, TAG_STEP)
        } else {
            vec2(TAG_STEP, 0.0)
        };
        // Under the lanes where there is room, else inside them; centred on where the
        // line leaves, then slid to the first clear spot.
        let hang = under.with_max_y(under.max.y.min(under.min.y + TAG_STRIP));
        let rooms: &[Rect] = if side == Side::Bottom {
            &[hang, shown]
        } else {
            &[shown]
        };
        let start = |room: Rect| {
            let centre = to_screen * exit;
            let inside = room.shrink2(size / 2.0);
            let centre = pos2(
                centre.x.clamp(inside.min.x, inside.max.x.max(inside.min.x)),
                centre.y.clamp(inside.min.y, inside.max.y.max(inside.min.y)),
            );
            Rect::from_center_size(centre, size)
        };
        let rect = rooms
            .iter()
            .find_map(|room| clear_spot(index, view, *room, &placed, start(*room), step))
            .unwrap_or_else(|| start(rooms[0]));
        let colour = super::theme::tag_colour(link.kind);
        painter.rect_filled(rect, rect.height() / 2.0, colour);
        painter.galley(rect.min + TAG_PAD, galley, Color32::WHITE);
        placed.push(rect);
    }
}

/// Where `points` (from the page's card on) first leave `visible`, and through which side.
fn leaving(points: &[Pos2], visible: Rect) -> Option<(Pos2, Side)> {
    points.windows(2).find_map(|pair| {
        let (a, b) = (pair[0], pair[1]);
        if !visible.contains(a) || visible.contains(b) {
            return None;
        }
        // The fraction of a → b at which each side is crossed; the first one counts.
        let along = |from: f32, to: f32, low: f32, high: f32| {
            if to < low {
                (low - from) / (to - from)
            } else if to > high {
                (high - from) / (to - from)
            } else {
                f32::INFINITY
            }
        };
        let tx = along(a.x, b.x, visible.min.x, visible.max.x);
        let ty = along(a.y, b.y, visible.min.y, visible.max.y);
        let side = if tx <= ty {
            Side::Beside
        } else if b.y < visible.min.y {
            Side::Top
        } else {
            Side::Bottom
        };
        let t = tx.min(ty);
        t.is_finite().then(|| (a + (b - a) * t, side))
    })
}

/// The first spot for a tag, from `first` sliding by `step` one way and the other, that
/// stays inside `room` and clear of every card and of the tags `placed` so far.
fn clear_spot(
    index: &BoardIndex,
    view: BoardView,
    room: Rect,
    placed: &[Rect],
    first: Rect,
    step: Vec2,
) -> Option<Rect> {
    let reach = step * f32::from(TAG_SLIDES);
    let search = Rect::from_min_max(first.min - reach, first.max + reach).intersect(room);
    let cards: Vec<Rect> = index
        .card_rects_in(view.screen_from_board.inverse().mul_rect(search))
        .into_iter()
        .map(|r| view.screen_from_board.mul_rect(r))
        .collect();
    let clear = |rect: &Rect| {
        let kept = rect.expand(TAG_CLEARANCE);
        !cards.iter().any(|c| c.intersects(kept)) && !placed.iter().any(|p| p.intersects(kept))
    };
    for k in 0..=TAG_SLIDES {
        let mut inside = false;
        for rect in [k, -k].map(|k| first.translate(step * f32::from(k))) {
            if room.contains_rect(rect) {
                inside = true;
                if clear(&rect) {
                    return Some(rect);
                }
            }
        }
        if !inside {
            // Slid off the room both ways.
            return None;
        }
    }
    None
}
