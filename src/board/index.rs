//! Where every card and link is, computed once per version of the project so that a
//! frame touches only what is in view: cards sorted down each lane, link curves in a grid
//! of cells, the lanes' height and card counts. The canvas keeps one per document revision
//! (rebuilt after an edit, undo or redo); an export builds one for its picture.

use std::collections::HashMap;

use egui::{Pos2, Rect, vec2};

use super::layout::{CARD_SIZE, HEADER_HEIGHT, LANE_WIDTH, card_rect, lane_left, link_curve};
use crate::model::{LinkId, Project, TouchpointId};

/// Side of a cell of the link grid, in board points: a window at 100 % spans a handful.
const CELL: f32 = 1024.0;

/// Most cells a piece of curve is filed under before it is split in two.
const CELLS_PER_PIECE: i64 = 4;

/// A card as filed in its lane.
#[derive(Clone, Copy, Debug)]
struct Filed {
    rect: Rect,
    id: TouchpointId,
}

/// The cards, links and lanes of one version of a project, by place.
#[derive(Debug, Default)]
pub struct BoardIndex {
    /// Height of the lanes below their headers ([`super::lane_height`]).
    lane_height: f32,
    /// Width of the board ([`super::board_rect`]).
    width: f32,
    /// Each lane's cards, by the top of their rectangle.
    lanes: Vec<Vec<Filed>>,
    /// Links whose curve passes through each cell, in id order.
    cells: HashMap<(i32, i32), Vec<LinkId>>,
    /// The links at each touchpoint, either end.
    incident: HashMap<TouchpointId, Vec<LinkId>>,
}

impl BoardIndex {
    /// Files every card and link of `project` (linear in their number and in the length
    /// of the links, counted in cells).
    pub fn new(project: &Project) -> Self {
        let mut index = Self {
            lane_height: super::layout::lane_height(project),
            width: lane_left(project.stages().len()).max(LANE_WIDTH),
            lanes: vec![Vec::new(); project.stages().len()],
            ..Self::default()
        };
        for (id, t) in project.touchpoints() {
            if let (Some(lane), Some(rect)) = (project.stage_index(&t.stage), card_rect(project, t))
            {
                index.lanes[lane].push(Filed { rect, id });
            }
        }
        for lane in &mut index.lanes {
            lane.sort_by(|a, b| a.rect.min.y.total_cmp(&b.rect.min.y).then(a.id.cmp(&b.id)));
        }
        let rect_of = |id| project.touchpoint(id).and_then(|t| card_rect(project, t));
        for (id, link) in project.links() {
            for end in [link.from, link.to] {
                index.incident.entry(end).or_default().push(id);
            }
            if let (Some(from), Some(to)) = (rect_of(link.from), rect_of(link.to)) {
                index.file_curve(id, link_curve(from, to), 0);
            }
        }
        index
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
        let mut found = Vec::new();
        for lane in self.lanes_across(area) {
            let cards = &self.lanes[lane];
            let first = cards.partition_point(|c| c.rect.max.y < area.min.y - CARD_SIZE.y);
            found.extend(
                cards[first..]
                    .iter()
                    .take_while(|c| c.rect.min.y <= area.max.y)
                    .filter(|c| c.rect.intersects(area))
                    .map(|c| c.id),
            );
        }
        found.sort_unstable();
        found
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

    /// The lanes whose column meets `area`.
    fn lanes_across(&self, area: Rect) -> std::ops::Range<usize> {
        if self.lanes.is_empty() || area.max.x < 0.0 || area.min.x > self.width {
            return 0..0;
        }
        let first = crate::convert::floor_to_usize(area.min.x.max(0.0) / LANE_WIDTH);
        let last = crate::convert::floor_to_usize(area.max.x.max(0.0) / LANE_WIDTH);
        first.min(self.lanes.len())..(last + 1).min(self.lanes.len())
    }

    /// Files link `id` under every cell its curve `p` passes through: pieces that span
    /// more than a few cells are split in halves until they do not.
    fn file_curve(&mut self, id: LinkId, p: [Pos2; 4], depth: u32) {
        let bounds = Rect::from_points(&p);
        let (x0, y0, x1, y1) = cell_range(bounds);
        let cells = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        if cells > CELLS_PER_PIECE && depth < 30 {
            let (left, right) = super::clip::split(p);
            self.file_curve(id, left, depth + 1);
            self.file_curve(id, right, depth + 1);
            return;
        }
        for y in y0..=y1 {
            for x in x0..=x1 {
                let links = self.cells.entry((x, y)).or_default();
                if links.last() != Some(&id) {
                    links.push(id);
                }
            }
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
mod tests {
    use super::*;
    use crate::model::generate::synthetic;
    use egui::pos2;

    /// Every card and link in a set of windows over a generated board, found by the
    /// index exactly as by looking at each one.
    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let project = synthetic(3_000, 3);
        let index = BoardIndex::new(&project);
        assert_eq!(index.board_rect(), super::super::board_rect(&project));
        let rect = |id| project.touchpoint(id).and_then(|t| card_rect(&project, t));
        let windows = [
            Rect::from_min_size(pos2(560.0, 300.0), vec2(1240.0, 900.0)),
            Rect::from_min_size(pos2(-500.0, 70_000.0), vec2(3000.0, 1900.0)),
            Rect::from_min_size(pos2(1000.0, 20_000.0), vec2(10.0, 10.0)),
            Rect::from_min_size(pos2(0.0, 0.0), vec2(2000.0, 80_000.0)),
            Rect::from_min_size(pos2(5_000.0, 0.0), vec2(100.0, 100.0)),
        ];
        for window in windows {
            let scanned: Vec<TouchpointId> = project
                .touchpoints()
                .filter(|(id, _)| rect(*id).is_some_and(|r| r.intersects(window)))
                .map(|(id, _)| id)
                .collect();
            assert_eq!(index.cards_in(window), scanned, "{window:?}");
            let found = index.links_in(window);
            for (id, link) in project.links() {
                let (Some(from), Some(to)) = (rect(link.from), rect(link.to)) else {
                    continue;
                };
                let line = super::super::link_polyline(from, to);
                if line.iter().any(|p| window.contains(*p)) {
                    assert!(found.contains(&id), "{id:?} passes through {window:?}");
                }
            }
            // A window holds a small share of a long board's links.
            if window.height() < 2_000.0 {
                assert!(found.len() < project.link_count() / 10, "{}", found.len());
            }
        }
    }

    #[test]
    fn card_at_prefers_the_topmost_card_and_counts_follow_lanes() {
        let mut project = Project::new("t");
        let t = |y| crate::model::Touchpoint {
            stage: "research".into(),
            position: crate::model::Position { x: 20.0, y },
            ..crate::model::Touchpoint::default()
        };
        let low = project.add_touchpoint(t(100.0)).unwrap();
        let high = project.add_touchpoint(t(150.0)).unwrap();
        let index = BoardIndex::new(&project);
        let overlap = pos2(LANE_WIDTH + 100.0, HEADER_HEIGHT + 180.0);
        assert_eq!(index.card_at(overlap), Some(high));
        assert_eq!(
            index.card_at(pos2(LANE_WIDTH + 100.0, HEADER_HEIGHT + 110.0)),
            Some(low)
        );
        assert_eq!(index.card_at(pos2(10.0, 10.0)), None);
        assert_eq!(index.card_count(1), 2);
        assert_eq!(index.card_count(0), 0);
        assert_eq!(index.card_count(99), 0);
    }
}
