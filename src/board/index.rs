//! Where every card and link is, so that a frame touches only what is in view: cards
//! sorted down each lane, link curves in a grid of cells, the lanes' height and card
//! counts. The canvas keeps one and brings it up to date after each edit, undo or redo
//! ([`BoardIndex::update`] re-files only the cards and links whose place changed); an
//! export builds one for its picture.

use rustc_hash::FxHashMap as HashMap;

use egui::{Pos2, Rect, vec2};

use super::layout::{
    CARD_SIZE, HEADER_HEIGHT, LANE_WIDTH, card_rect_in_lane, lane_height_below, lane_left,
};
use super::route::{self, End, Lanes, Route, Router};
use crate::model::{LinkId, Position, Project, StageId, TouchpointId};

/// Side of a cell of the link grid, in board points: a window at 100 % spans a handful.
const CELL: f32 = 1024.0;

/// More links whose route changed than this, and an update files every link anew (which
/// measured faster from a few hundred up, on boards of 5,000 and 50,000 cards).
const REFILE_ALL: usize = 256;

/// Most cells a piece of curve is filed under before it is split in two.
const CELLS_PER_PIECE: i64 = 4;

/// A card as filed in its lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Filed {
    pub(super) rect: Rect,
    pub(super) id: TouchpointId,
}

/// Where a card was filed, by id: its lane and position then.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Place {
    id: TouchpointId,
    lane: usize,
    position: Position,
}

/// A link as filed: its ends.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FiledLink {
    id: LinkId,
    from: TouchpointId,
    to: TouchpointId,
}

/// The cards, links and lanes of a project, by place.
#[derive(Clone, Debug, Default)]
pub struct BoardIndex {
    /// The stages, in order: the lanes.
    stages: Vec<StageId>,
    /// Height of the lanes below their headers ([`super::lane_height`]).
    lane_height: f32,
    /// Width of the board ([`super::board_rect`]).
    width: f32,
    /// Each lane's cards, by the top of their rectangle, then id.
    lanes: Vec<Vec<Filed>>,
    /// Every filed card's place, by id.
    places: Vec<Place>,
    /// Every link, by id.
    links: Vec<FiledLink>,
    /// Every link's route, kept up to date edit by edit.
    router: Router,
    /// Links whose curve passes through each cell.
    cells: HashMap<(i32, i32), Vec<LinkId>>,
    /// The links at each touchpoint, either end.
    incident: HashMap<TouchpointId, Vec<LinkId>>,
}

/// Cards and links whose place changed between two versions of a project.
#[derive(Default)]
struct Changes {
    /// Cards filed before and not now, or somewhere else now (as they were filed).
    gone: Vec<Place>,
    /// Cards filed now and not before, or somewhere else before (as they are now).
    came: Vec<Place>,
}

impl BoardIndex {
    /// Routes every link of `project` and files it and every card (about linear in their
    /// number and in the length of the routes, counted in cells).
    pub fn new(project: &Project) -> Self {
        let mut index = Self {
            stages: project.stages().iter().map(|s| s.id.clone()).collect(),
            width: lane_left(project.stages().len()).max(LANE_WIDTH),
            lanes: vec![Vec::new(); project.stages().len()],
            ..Self::default()
        };
        for (id, t) in project.touchpoints() {
            if let Some(lane) = project.stage_index(&t.stage) {
                let rect = card_rect_in_lane(lane, t.position);
                index.lanes[lane].push(Filed { rect, id });
                index.places.push(Place {
                    id,
                    lane,
                    position: t.position,
                });
            }
        }
        for lane in &mut index.lanes {
            lane.sort_by(order);
        }
        index.lane_height = index.lowest_lane_height();
        index.reroute(project, &[]);
        index
    }

    /// Brings the index up to date with `project`, a later version of the one it was
    /// built for: only cards whose lane or position changed are filed again; when a card
    /// moved or a link changed, the links it can reach are routed again (see
    /// [`Router`]) and those whose route changed are filed again (all of them when many
    /// did). When the stages changed or much of the board moved, it is built again
    /// instead.
    pub fn update(&mut self, project: &Project) {
        let same_stages = self.stages.len() == project.stages().len()
            && self
                .stages
                .iter()
                .zip(project.stages())
                .all(|(a, b)| *a == b.id);
        let changes = same_stages.then(|| self.card_changes(project)).flatten();
        let Some(changes) = changes else {
            *self = Self::new(project);
            return;
        };
        for gone in &changes.gone {
            let filed = Filed {
                rect: card_rect_in_lane(gone.lane, gone.position),
                id: gone.id,
            };
            let lane = &mut self.lanes[gone.lane];
            if let Ok(at) = lane.binary_search_by(|c| order(c, &filed)) {
                lane.remove(at);
            }
        }
        for came in &changes.came {
            let filed = Filed {
                rect: card_rect_in_lane(came.lane, came.position),
                id: came.id,
            };
            let lane = &mut self.lanes[came.lane];
            let at = lane.partition_point(|c| order(c, &filed).is_lt());
            lane.insert(at, filed);
        }
        self.lane_height = self.lowest_lane_height();
        // Routes depend only on where the cards are and which cards the links join: an
        // edit of a title, a score or a note routes nothing again.
        let same_links = self.links.len() == project.link_count()
            && self
                .links
                .iter()
                .zip(project.links())
                .all(|(filed, (id, link))| {
                    (filed.id, filed.from, filed.to) == (id, link.from, link.to)
                });
        if !(changes.gone.is_empty() && changes.came.is_empty() && same_links) {
            let moved: Vec<(usize, Rect)> = changes
                .gone
                .iter()
                .chain(&changes.came)
                .map(|p| (p.lane, card_rect_in_lane(p.lane, p.position)))
                .collect();
            self.reroute(project, &moved);
        }
    }

    /// The cards that moved, came or went since the index was filed, and `places` brought
    /// up to date; `None` when a rebuild is cheaper (more than a quarter of the cards).
    fn card_changes(&mut self, project: &Project) -> Option<Changes> {
        let mut changes = Changes::default();
        let mut places = Vec::with_capacity(project.touchpoint_count());
        let mut old = self.places.iter().peekable();
        for (id, t) in project.touchpoints() {
            while let Some(gone) = old.next_if(|p| p.id < id) {
                changes.gone.push(*gone);
            }
            let before = old.next_if(|p| p.id == id);
            let unchanged = before
                .filter(|p| p.position == t.position && self.stages.get(p.lane) == Some(&t.stage));
            let now = match unchanged {
                Some(p) => Some(*p),
                None => project.stage_index(&t.stage).map(|lane| Place {
                    id,
                    lane,
                    position: t.position,
                }),
            };
            if unchanged.is_none() {
                changes.gone.extend(before.copied());
                changes.came.extend(now);
            }
            places.extend(now);
        }
        changes.gone.extend(old.copied());
        if 4 * (changes.gone.len() + changes.came.len()) > places.len().max(64) {
            return None;
        }
        self.places = places;
        Some(changes)
    }

    /// Brings the routes up to date with the cards as filed now, after the cards at
    /// `moved` (lane and rectangle, before and after) came, went or moved, and files
    /// again the links whose route or ends changed.
    fn reroute(&mut self, project: &Project, moved: &[(usize, Rect)]) {
        let links: Vec<FiledLink> = project
            .links()
            .map(|(id, link)| FiledLink {
                id,
                from: link.from,
                to: link.to,
            })
            .collect();
        let ends: Vec<(LinkId, Option<(End, End)>)> = links
            .iter()
            .map(|l| (l.id, self.end(l.from).zip(self.end(l.to))))
            .collect();
        let lanes = Lanes {
            lanes: &self.lanes,
            width: self.width,
        };
        let changed = self.router.update(&lanes, &ends, moved);
        // Many changed routes (a move that reroutes much of a crowded board): file every
        // link anew, which costs the board's size, rather than take each changed one out
        // of cells that may hold thousands.
        if changed.len() > REFILE_ALL {
            self.cells.clear();
            self.incident.clear();
            for link in &links {
                self.file_ends(*link);
                if let Some(route) = self.router.route(link.id) {
                    file_route(&mut self.cells, link.id, route, true);
                }
            }
            self.links = links;
            return;
        }
        for (id, before) in changed {
            if let Some(route) = before {
                file_route(&mut self.cells, id, &route, false);
            }
            if let Some(route) = self.router.route(id) {
                file_route(&mut self.cells, id, route, true);
            }
        }
        // Ends: links that came, went or were joined to other cards.
        let old = std::mem::take(&mut self.links);
        let mut old = old.into_iter().peekable();
        for link in &links {
            while let Some(gone) = old.next_if(|l| l.id < link.id) {
                self.unfile_ends(gone);
            }
            match old.next_if(|l| l.id == link.id) {
                Some(before) if before == *link => {}
                before => {
                    if let Some(before) = before {
                        self.unfile_ends(before);
                    }
                    self.file_ends(*link);
                }
            }
        }
        for gone in old {
            self.unfile_ends(gone);
        }
        self.links = links;
    }

    /// The card `id` as filed, as a link's end.
    fn end(&self, id: TouchpointId) -> Option<End> {
        let at = self.places.binary_search_by_key(&id, |p| p.id).ok()?;
        let place = self.places[at];
        Some(End {
            id,
            lane: place.lane,
            rect: card_rect_in_lane(place.lane, place.position),
        })
    }

    fn route_lanes(&self) -> Lanes<'_> {
        Lanes {
            lanes: &self.lanes,
            width: self.width,
        }
    }

    /// The route of link `id`, as filed (board points).
    pub fn route(&self, id: LinkId) -> Option<&Route> {
        self.router.route(id)
    }

    /// A route between cards at `from` and `to` (board points), past the cards as filed
    /// and with no other link to make room for: for a link whose card is being dragged.
    pub fn route_between(&self, from: (TouchpointId, Rect), to: (TouchpointId, Rect)) -> Route {
        let lane_of = |rect: Rect| {
            crate::convert::floor_to_usize(rect.center().x.max(0.0) / LANE_WIDTH)
                .min(self.lanes.len().saturating_sub(1))
        };
        let end = |(id, rect): (TouchpointId, Rect)| End {
            id,
            lane: lane_of(rect),
            rect,
        };
        route::route_alone(&self.route_lanes(), end(from), end(to))
    }

    /// Files a link under its ends.
    fn file_ends(&mut self, link: FiledLink) {
        for end in [link.from, link.to] {
            self.incident.entry(end).or_default().push(link.id);
        }
    }

    /// Takes a link out of the lists of its ends.
    fn unfile_ends(&mut self, link: FiledLink) {
        for end in [link.from, link.to] {
            if let Some(links) = self.incident.get_mut(&end) {
                links.retain(|l| *l != link.id);
                if links.is_empty() {
                    self.incident.remove(&end);
                }
            }
        }
    }

    /// The lanes' height for the lowest card filed.
    fn lowest_lane_height(&self) -> f32 {
        let lowest = self
            .lanes
            .iter()
            .filter_map(|lane| lane.last())
            .map(|c| c.rect.max.y - HEADER_HEIGHT)
            .fold(0.0_f32, f32::max);
        lane_height_below(lowest)
    }

    /// Height of the lanes below their headers.
    pub fn lane_height(&self) -> f32 {
        self.lane_height
    }

    /// The whole board: every lane with its header.
    pub fn board_rect(&self) -> Rect {
        Rect::from_min_size(
            Pos2::ZERO,
            vec2(self.width, HEADER_HEIGHT + self.lane_height),
        )
    }

    /// How many cards lane `lane` holds.
    pub fn card_count(&self, lane: usize) -> usize {
        self.lanes.get(lane).map_or(0, Vec::len)
    }

    /// The cards whose rectangle meets `area` (board points), in id order (the order
    /// they are painted in).
    pub fn cards_in(&self, area: Rect) -> Vec<TouchpointId> {
        let mut found: Vec<TouchpointId> = self.cells_in(area).map(|c| c.id).collect();
        found.sort_unstable();
        found
    }

    /// The rectangles (board points) of the cards that meet `area`, in no set order.
    pub fn card_rects_in(&self, area: Rect) -> Vec<Rect> {
        self.cells_in(area).map(|c| c.rect).collect()
    }

    /// The filed cards whose rectangle meets `area`, lane by lane.
    fn cells_in(&self, area: Rect) -> impl Iterator<Item = &Filed> + '_ {
        self.lanes_across(area).flat_map(move |lane| {
            let cards = &self.lanes[lane];
            let first = cards.partition_point(|c| c.rect.max.y < area.min.y - CARD_SIZE.y);
            cards[first..]
                .iter()
                .take_while(move |c| c.rect.min.y <= area.max.y)
                .filter(move |c| c.rect.intersects(area))
        })
    }

    /// The touchpoint whose card contains `pos` (topmost, i.e. highest id, wins).
    pub fn card_at(&self, pos: Pos2) -> Option<TouchpointId> {
        // A point meets a rectangle exactly when the rectangle contains it.
        self.cards_in(Rect::from_min_max(pos, pos)).last().copied()
    }

    /// The links whose curve may pass through `area` (board points), in id order: every
    /// one that does, and some that pass near it.
    pub fn links_in(&self, area: Rect) -> Vec<LinkId> {
        let area = area.intersect(self.board_rect().expand(CELL));
        if area.min.x > area.max.x || area.min.y > area.max.y {
            return Vec::new();
        }
        let (x0, y0, x1, y1) = cell_range(area);
        let mut found = Vec::new();
        for y in y0..=y1 {
            for x in x0..=x1 {
                if let Some(links) = self.cells.get(&(x, y)) {
                    found.extend_from_slice(links);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The links that start or end at `id`.
    pub fn links_of(&self, id: TouchpointId) -> &[LinkId] {
        self.incident.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The lanes whose cards may meet `area`: a card reaches the left edge of the next
    /// lane, so the lane left of `area` counts too when `area` starts on its edge.
    fn lanes_across(&self, area: Rect) -> std::ops::Range<usize> {
        if self.lanes.is_empty() || area.max.x < 0.0 || area.min.x > self.width + 1.0 {
            return 0..0;
        }
        let lane = |x: f32| crate::convert::floor_to_usize(x.clamp(0.0, self.width) / LANE_WIDTH);
        let first = lane(area.min.x - 1.0);
        let last = lane(area.max.x).saturating_add(1);
        first.min(self.lanes.len())..last.min(self.lanes.len())
    }
}

/// Files link `id` under the cells its route passes through (`file`), or takes it
/// out of them.
fn file_route(cells: &mut HashMap<(i32, i32), Vec<LinkId>>, id: LinkId, route: &Route, file: bool) {
    for piece in route.pieces() {
        walk_cells(*piece, 0, &mut |cell| {
            if file {
                let links = cells.entry(cell).or_default();
                if links.last() != Some(&id) {
                    links.push(id);
                }
            } else if let Some(links) = cells.get_mut(&cell) {
                links.retain(|l| *l != id);
                if links.is_empty() {
                    cells.remove(&cell);
                }
            }
        });
    }
}

/// Cards in a lane's order: by the top of their rectangle, then by id.
fn order(a: &Filed, b: &Filed) -> std::cmp::Ordering {
    a.rect.min.y.total_cmp(&b.rect.min.y).then(a.id.cmp(&b.id))
}

/// Calls `visit` for every cell the curve `p` passes through: pieces that span more than
/// a few cells are split in halves until they do not. A cell may be visited more than
/// once.
fn walk_cells(p: [Pos2; 4], depth: u32, visit: &mut impl FnMut((i32, i32))) {
    let (x0, y0, x1, y1) = cell_range(Rect::from_points(&p));
    let cells = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
    if cells > CELLS_PER_PIECE && depth < 30 {
        let (left, right) = super::clip::split(p);
        walk_cells(left, depth + 1, visit);
        walk_cells(right, depth + 1, visit);
        return;
    }
    for y in y0..=y1 {
        for x in x0..=x1 {
            visit((x, y));
        }
    }
}

/// The cells `rect` covers, as (first column, first row, last column, last row).
fn cell_range(rect: Rect) -> (i32, i32, i32, i32) {
    let cell = |v: f32| crate::convert::floor_to_i32(v / CELL);
    (
        cell(rect.min.x),
        cell(rect.min.y),
        cell(rect.max.x),
        cell(rect.max.y),
    )
}

#[cfg(test)]
mod tests;
