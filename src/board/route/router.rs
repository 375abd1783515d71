//! Routes kept between edits. Each link's route is worked out in steps that share work
//! with other links: the ports along a card's side (shared by the links at that side),
//! the heights it crosses lanes at (moved apart from links crossing at the same height),
//! and the tracks of its legs down gutters (shared by the legs beside them). A
//! [`Router`] keeps what each step gave for every link, and what each link looked at on
//! the board (its [`Footprint`]). After an edit it works out again only:
//!
//! - the links whose ends changed, and those whose footprint a card came into or left;
//! - the links at a side of a card where one of those comes or goes (their ports);
//! - the links crossing at a height where one of those crosses or crossed;
//! - the legs in a cluster of a gutter where one of those legs runs or ran;
//!
//! and gives the same routes as routing the whole board anew (a test holds it to that).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use egui::{Pos2, Rect, pos2};

use super::{
    CLEARANCE, Crossing, End, Lanes, Leg, NARROW_GAP, Plan, Route, Side, TRACK_SPACING, alternate,
    clusters, corner_room, crossings, leg_order, place_cluster, plan, port,
};
use crate::convert::f32_from_usize;
use crate::model::{LinkId, TouchpointId};

/// How far outside the heights a link looked at a card may come or go without changing
/// its route: a gap between rows is narrow below [`NARROW_GAP`], and a route keeps
/// [`CLEARANCE`] from a card, so what lies farther cannot change what a route found.
pub(super) const REACH: f32 = NARROW_GAP + 4.0 * CLEARANCE;

/// The part of the board a link's route was worked out from: lanes (a gutter's legs
/// look at the lanes on both sides) and heights.
#[derive(Clone, Copy, Debug)]
struct Footprint {
    lanes: (usize, usize),
    top: f32,
    bottom: f32,
}

impl Footprint {
    /// Whether a card at `rect` in `lane` may change a route worked out from here.
    fn meets(&self, (lane, rect): (usize, Rect)) -> bool {
        (self.lanes.0..=self.lanes.1).contains(&lane)
            && rect.min.y - REACH <= self.bottom
            && rect.max.y + REACH >= self.top
    }
}

/// One link as routed, with what each step gave.
#[derive(Clone, Debug)]
struct Routed {
    ends: (End, End),
    plan: Plan,
    start: Pos2,
    end: Pos2,
    /// The heights [`crossings`] gave, and then as moved apart from other links'.
    raw: Vec<f32>,
    heights: Vec<f32>,
    /// The lowest and highest heights [`crossings`] looked at.
    seen: (f32, f32),
    /// The heights its runs across lanes are listed under in [`Router::runs`].
    runs: Vec<u32>,
    /// Its legs as filed in [`Router::gutters`]: gutter, top and bottom.
    legs: Vec<(usize, f32, f32)>,
    /// Each leg's free stretch of gutter and its place across it.
    spans: Vec<(f32, f32)>,
    xs: Vec<f32>,
    footprint: Footprint,
    route: Route,
}

/// The links routed, by id: ids in order, and what each was routed with in the same
/// row.
#[derive(Clone, Debug, Default)]
struct Table {
    ids: Vec<LinkId>,
    rows: Vec<Routed>,
}

impl Table {
    fn at(&self, id: LinkId) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    fn get(&self, id: LinkId) -> Option<&Routed> {
        self.at(id).map(|i| &self.rows[i])
    }
}

/// Rows marked for a step of an update.
#[derive(Clone)]
struct Marks {
    marked: Vec<bool>,
    rows: Vec<usize>,
}

impl Marks {
    fn new(rows: usize) -> Self {
        Self {
            marked: vec![false; rows],
            rows: Vec::new(),
        }
    }

    fn insert(&mut self, row: usize) {
        if let Some(marked) = self.marked.get_mut(row)
            && !*marked
        {
            *marked = true;
            self.rows.push(row);
        }
    }

    fn contains(&self, row: usize) -> bool {
        self.marked.get(row).copied().unwrap_or(false)
    }
}

/// Every link's route, kept up to date edit by edit (see the module's notes).
#[derive(Clone, Debug, Default)]
pub(in crate::board) struct Router {
    routed: Table,
    /// The links at each side of each card: the link, and whether it starts there.
    sides: HashMap<(TouchpointId, Side), Vec<(LinkId, bool)>>,
    /// Runs across lanes, by the height [`crossings`] gave them (as bits).
    runs: HashMap<u32, Vec<Crossing>>,
    /// Each gutter's legs, in [`leg_order`].
    gutters: Vec<Vec<Leg>>,
}

/// What an update left to do in a gutter: legs taken out (link, top, bottom) and legs to
/// put in.
#[derive(Default)]
struct GutterWork {
    out: Vec<(LinkId, f32, f32)>,
    fresh: Vec<Leg>,
}

/// A height as a key: runs at equal heights share one.
fn key(y: f32) -> u32 {
    (y + 0.0).to_bits()
}

impl Router {
    /// The route of link `id` (none when its ends are not both on the board).
    pub(in crate::board) fn route(&self, id: LinkId) -> Option<&Route> {
        self.routed.get(id).map(|r| &r.route)
    }

    /// Brings the routes up to date with `links` (every link in id order, with its ends
    /// if both are on the board) over `lanes`, after the cards at `moved` (lane and
    /// rectangle, where they were and where they are now) came, went or moved. Returns
    /// the links whose route changed, with the route each had before.
    pub(in crate::board) fn update(
        &mut self,
        lanes: &Lanes<'_>,
        links: &[(LinkId, Option<(End, End)>)],
        moved: &[(usize, Rect)],
    ) -> Vec<(LinkId, Option<Route>)> {
        let mut dirty_sides: HashSet<(TouchpointId, Side)> = HashSet::default();
        let mut dirty_ys: HashSet<u32> = HashSet::default();
        let mut work: Vec<GutterWork> = Vec::new();
        let mut changed: Vec<(LinkId, Option<Route>)> = Vec::new();

        // Which links to plan again: those whose ends changed, those a card came into
        // or left the footprint of, and new ones; and which are gone.
        let old_rows = self.routed.rows.len();
        let mut hit = vec![false; old_rows];
        let mut gone = vec![false; old_rows];
        let mut added: Vec<(LinkId, (End, End))> = Vec::new();
        let mut at = 0;
        for (id, ends) in links {
            while self.routed.ids.get(at).is_some_and(|o| o < id) {
                gone[at] = true;
                at += 1;
            }
            let row = (self.routed.ids.get(at) == Some(id)).then_some(at);
            if row.is_some() {
                at += 1;
            }
            match (row, ends) {
                (Some(row), Some(ends)) => {
                    if self.routed.rows[row].ends != *ends {
                        // Out of the sides of the cards it joined, before it forgets them
                        // (a link may keep its id and join other cards).
                        self.leave_sides(row, &mut dirty_sides);
                        self.routed.rows[row].ends = *ends;
                        hit[row] = true;
                    }
                }
                (Some(row), None) => gone[row] = true,
                (None, Some(ends)) => added.push((*id, *ends)),
                (None, None) => {}
            }
        }
        for flag in gone.iter_mut().skip(at) {
            *flag = true;
        }
        if !moved.is_empty() {
            for (row, routed) in self.routed.rows.iter().enumerate() {
                if moved.iter().any(|m| routed.footprint.meets(*m)) {
                    hit[row] = true;
                }
            }
        }

        // Links gone: out of every list, their routes reported gone.
        for row in (0..old_rows).filter(|row| gone[*row]) {
            let id = self.routed.ids[row];
            self.leave_sides(row, &mut dirty_sides);
            self.leave_runs(row, &mut dirty_ys);
            self.leave_gutters(row, &mut work);
            changed.push((id, Some(self.routed.rows[row].route.clone())));
        }
        // The rows again, without the links gone and with the new ones.
        let mut fresh_rows = Marks::new(0);
        let mut replan;
        if gone.contains(&true) || !added.is_empty() {
            let old = std::mem::take(&mut self.routed);
            let rows = old.rows.len() - gone.iter().filter(|g| **g).count() + added.len();
            self.routed = Table {
                ids: Vec::with_capacity(rows),
                rows: Vec::with_capacity(rows),
            };
            fresh_rows = Marks::new(rows);
            replan = Marks::new(rows);
            let mut added = added.into_iter().peekable();
            for (row, (id, routed)) in old.ids.into_iter().zip(old.rows).enumerate() {
                while let Some((new, ends)) = added.next_if(|(new, _)| *new < id) {
                    fresh_rows.insert(self.routed.rows.len());
                    replan.insert(self.routed.rows.len());
                    self.routed.ids.push(new);
                    self.routed.rows.push(Routed::new(ends));
                }
                if !gone[row] {
                    if hit[row] {
                        replan.insert(self.routed.rows.len());
                    }
                    self.routed.ids.push(id);
                    self.routed.rows.push(routed);
                }
            }
            for (new, ends) in added {
                fresh_rows.insert(self.routed.rows.len());
                replan.insert(self.routed.rows.len());
                self.routed.ids.push(new);
                self.routed.rows.push(Routed::new(ends));
            }
        } else {
            replan = Marks::new(old_rows);
            for row in (0..old_rows).filter(|row| hit[*row]) {
                replan.insert(row);
            }
        }
        if replan.rows.is_empty() && changed.is_empty() {
            return changed;
        }
        let rows = self.routed.rows.len();

        // Plans, and the sides they meet.
        for &row in &replan.rows {
            if !fresh_rows.contains(row) {
                self.leave_sides(row, &mut dirty_sides);
            }
            let id = self.routed.ids[row];
            let routed = &mut self.routed.rows[row];
            let (from, to) = routed.ends;
            routed.plan = plan(lanes, from, to);
            let (from_side, to_side) = routed.plan.sides();
            for (card, side, start) in [(from.id, from_side, true), (to.id, to_side, false)] {
                self.sides
                    .entry((card, side))
                    .or_default()
                    .push((id, start));
                dirty_sides.insert((card, side));
            }
        }

        // Ports along the sides where a link came or went.
        let mut reheight = replan.clone();
        for side in &dirty_sides {
            self.place_ports(*side, &mut reheight);
        }

        // Heights across lanes, and the runs at those heights moved apart.
        for &row in &reheight.rows {
            self.leave_runs(row, &mut dirty_ys);
            let id = self.routed.ids[row];
            let routed = &mut self.routed.rows[row];
            let (raw, seen) = match &routed.plan {
                Plan::Gutters { gutters, .. } => {
                    crossings(lanes, gutters, routed.start.y, routed.end.y)
                }
                Plan::Column { .. } => (Vec::new(), (routed.start.y, routed.start.y)),
            };
            routed.heights.clone_from(&raw);
            routed.raw = raw;
            routed.seen = seen;
            for run in runs_of(id, &routed.plan, &routed.raw) {
                let k = key(run.y);
                routed.runs.push(k);
                dirty_ys.insert(k);
                self.runs.entry(k).or_default().push(run);
            }
        }
        let mut releg = reheight;
        let mut refoot = Marks::new(rows);
        for k in &dirty_ys {
            self.spread(lanes, *k, &mut releg, &mut refoot);
        }

        // Legs down gutters, and the tracks of the clusters they run or ran in.
        for &row in &releg.rows {
            self.leave_gutters(row, &mut work);
            let id = self.routed.ids[row];
            let routed = &mut self.routed.rows[row];
            let fresh = legs_of(lanes, id, routed);
            routed.spans = fresh.iter().map(|(_, l)| l.span).collect();
            routed.xs = vec![0.0; fresh.len()];
            routed.legs = fresh.iter().map(|(g, l)| (*g, l.top, l.bottom)).collect();
            for (gutter, leg) in fresh {
                if work.len() <= gutter {
                    work.resize_with(gutter + 1, GutterWork::default);
                }
                work[gutter].fresh.push(leg);
            }
        }
        let mut reroute = releg;
        for (gutter, todo) in work.into_iter().enumerate() {
            if !(todo.out.is_empty() && todo.fresh.is_empty()) {
                self.place_tracks(gutter, todo, &mut reroute);
            }
        }

        // The routes of every link whose ports, heights or tracks changed.
        for &row in &reroute.rows {
            let id = self.routed.ids[row];
            let routed = &mut self.routed.rows[row];
            let route = route_of(lanes, routed);
            if fresh_rows.contains(row) {
                routed.route = route;
                changed.push((id, None));
            } else if route != routed.route {
                changed.push((id, Some(std::mem::replace(&mut routed.route, route))));
            }
            refoot.insert(row);
        }
        for &row in &refoot.rows {
            let footprint = footprint(&self.routed.rows[row], &self.runs);
            self.routed.rows[row].footprint = footprint;
        }
        changed.sort_by_key(|(id, _)| *id);
        changed
    }

    /// Takes the link in `row` out of the lists of the sides its plan meets, marking
    /// them.
    fn leave_sides(&mut self, row: usize, dirty: &mut HashSet<(TouchpointId, Side)>) {
        let id = self.routed.ids[row];
        let routed = &self.routed.rows[row];
        let (from, to) = routed.ends;
        let (from_side, to_side) = routed.plan.sides();
        for (card, side, start) in [(from.id, from_side, true), (to.id, to_side, false)] {
            if let Some(group) = self.sides.get_mut(&(card, side)) {
                group.retain(|m| *m != (id, start));
                if group.is_empty() {
                    self.sides.remove(&(card, side));
                }
            }
            dirty.insert((card, side));
        }
    }

    /// Ports for the links at one side of one card, in the order of their other ends;
    /// links whose port moved are added to `moved`.
    fn place_ports(&mut self, side: (TouchpointId, Side), moved: &mut Marks) {
        let Some(group) = self.sides.get(&side) else {
            return;
        };
        let mut members: Vec<(f32, LinkId, bool, Rect)> = group
            .iter()
            .filter_map(|(id, start)| {
                let routed = self.routed.get(*id)?;
                let (from, to) = routed.ends;
                let (here, other) = if *start { (from, to) } else { (to, from) };
                let along = match side.1 {
                    Side::Left | Side::Right => other.rect.center().y,
                    Side::Top | Side::Bottom => other.rect.center().x,
                };
                Some((along, *id, *start, here.rect))
            })
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let count = members.len();
        for (rank, (_, id, start, rect)) in members.into_iter().enumerate() {
            let p = port(rect, side.1, rank, count);
            if let Some(row) = self.routed.at(id) {
                let routed = &mut self.routed.rows[row];
                let slot = if start {
                    &mut routed.start
                } else {
                    &mut routed.end
                };
                if *slot != p {
                    *slot = p;
                    moved.insert(row);
                }
            }
        }
    }

    /// Takes the runs of the link in `row` out of [`Self::runs`], marking their heights.
    fn leave_runs(&mut self, row: usize, dirty: &mut HashSet<u32>) {
        let id = self.routed.ids[row];
        for k in self.routed.rows[row].runs.drain(..) {
            if let Some(runs) = self.runs.get_mut(&k) {
                runs.retain(|r| r.link != id);
                if runs.is_empty() {
                    self.runs.remove(&k);
                }
            }
            dirty.insert(k);
        }
    }

    /// Notes the legs of the link in `row` as to be taken out of their gutters.
    fn leave_gutters(&mut self, row: usize, work: &mut Vec<GutterWork>) {
        let id = self.routed.ids[row];
        for (gutter, top, bottom) in self.routed.rows[row].legs.drain(..) {
            if work.len() <= gutter {
                work.resize_with(gutter + 1, GutterWork::default);
            }
            work[gutter].out.push((id, top, bottom));
        }
    }

    /// Moves apart the runs of links crossing at the height keyed `k`, within the gap
    /// between the rows there: the first stays, the others go below and above it in
    /// turn. Links whose heights changed are added to `moved`; all of them to `members`.
    fn spread(&mut self, lanes: &Lanes<'_>, k: u32, moved: &mut Marks, members: &mut Marks) {
        let Some(group) = self.runs.get_mut(&k) else {
            return;
        };
        group.sort_by(|a, b| a.lanes.cmp(&b.lanes).then(a.link.cmp(&b.link)));
        let y = f32::from_bits(k);
        // Tracks: a run may share one with runs over other lanes.
        let mut busy: Vec<usize> = Vec::new();
        let mut tracks = Vec::with_capacity(group.len());
        for run in group.iter() {
            let free = busy.iter().position(|last| *last < run.lanes.0);
            let track = free.unwrap_or_else(|| {
                busy.push(0);
                busy.len() - 1
            });
            busy[track] = run.lanes.1;
            tracks.push(track);
        }
        let spacing = if group.len() < 2 {
            0.0
        } else {
            let room = group
                .iter()
                .flat_map(|run| run.lanes.0..=run.lanes.1)
                .map(|lane| lanes.room_at(lane, y))
                .fold(f32::INFINITY, f32::min);
            TRACK_SPACING.min(room / f32_from_usize(busy.len()))
        };
        for (run, track) in group.iter().zip(tracks) {
            let at = y + alternate(track) * spacing;
            let Some(row) = self.routed.at(run.link) else {
                continue;
            };
            members.insert(row);
            let slots = self.routed.rows[row].heights.get_mut(run.first..=run.last);
            for slot in slots.into_iter().flatten() {
                if *slot != at {
                    *slot = at;
                    moved.insert(row);
                }
            }
        }
    }

    /// Takes the legs noted in `todo` out of gutter `gutter` and puts the fresh ones in,
    /// then places again the clusters where legs came or went; links whose tracks moved
    /// are added to `moved`.
    fn place_tracks(&mut self, gutter: usize, todo: GutterWork, moved: &mut Marks) {
        if self.gutters.len() <= gutter {
            self.gutters.resize_with(gutter + 1, Vec::new);
        }
        let legs = &mut self.gutters[gutter];
        if !todo.out.is_empty() {
            let out: HashSet<LinkId> = todo.out.iter().map(|(id, _, _)| *id).collect();
            legs.retain(|l| !out.contains(&l.link));
        }
        let mut touched: Vec<(f32, f32)> = todo.out.iter().map(|(_, t, b)| (*t, *b)).collect();
        touched.extend(todo.fresh.iter().map(|l| (l.top, l.bottom)));
        let mut fresh = todo.fresh;
        fresh.sort_by(leg_order);
        if !fresh.is_empty() {
            let kept = std::mem::take(legs);
            let mut merged = Vec::with_capacity(kept.len() + fresh.len());
            let mut kept = kept.into_iter().peekable();
            for leg in fresh {
                while let Some(k) = kept.next_if(|k| leg_order(k, &leg).is_lt()) {
                    merged.push(k);
                }
                merged.push(leg);
            }
            merged.extend(kept);
            *legs = merged;
        }
        let ranges = clusters(legs);
        let mut redo = vec![false; ranges.len()];
        for (top, bottom) in touched {
            let first = ranges.partition_point(|(_, reach)| *reach + TRACK_SPACING < top);
            for (n, (range, _)) in ranges.iter().enumerate().skip(first) {
                if legs[range.start].top - TRACK_SPACING > bottom {
                    break;
                }
                redo[n] = true;
            }
        }
        for ((range, _), _) in ranges.iter().zip(&redo).filter(|(_, redo)| **redo) {
            for (link, nth, x) in place_cluster(&legs[range.clone()]) {
                let Some(row) = self.routed.at(link) else {
                    continue;
                };
                if let Some(slot) = self.routed.rows[row].xs.get_mut(nth)
                    && *slot != x
                {
                    *slot = x;
                    moved.insert(row);
                }
            }
        }
    }
}

impl Routed {
    /// A link not yet routed.
    fn new(ends: (End, End)) -> Self {
        Self {
            ends,
            plan: Plan::Column { down: true },
            start: Pos2::ZERO,
            end: Pos2::ZERO,
            raw: Vec::new(),
            heights: Vec::new(),
            seen: (0.0, 0.0),
            runs: Vec::new(),
            legs: Vec::new(),
            spans: Vec::new(),
            xs: Vec::new(),
            footprint: Footprint {
                lanes: (1, 0),
                top: 0.0,
                bottom: 0.0,
            },
            route: Route::rounded(&[]),
        }
    }
}

/// A link's runs across lanes, at the heights [`crossings`] gave (height n + 1 is where
/// it crosses the lane between gutters n and n + 1; runs over several lanes at one
/// height are one run).
fn runs_of(id: LinkId, plan: &Plan, ys: &[f32]) -> Vec<Crossing> {
    let Plan::Gutters { gutters, .. } = plan else {
        return Vec::new();
    };
    let lane_at = |n: usize| gutters[n].min(gutters[n + 1]);
    let mut runs = Vec::new();
    let mut n = 0;
    while n + 1 < gutters.len() && n + 1 < ys.len() {
        let mut m = n;
        while m + 2 < gutters.len() && ys.get(m + 2) == ys.get(n + 1) {
            m += 1;
        }
        let (a, b) = (lane_at(n), lane_at(m));
        runs.push(Crossing {
            link: id,
            first: n + 1,
            last: m + 1,
            lanes: (a.min(b), a.max(b)),
            y: ys[n + 1],
        });
        n = m + 1;
    }
    runs
}

/// A link's legs down or up its gutters, between its heights, each with the gutter's
/// free stretch beside it and its order across the gutter, with the gutter.
fn legs_of(lanes: &Lanes<'_>, id: LinkId, routed: &Routed) -> Vec<(usize, Leg)> {
    let Plan::Gutters { gutters, from, to } = &routed.plan else {
        return Vec::new();
    };
    gutters
        .iter()
        .zip(routed.heights.windows(2))
        .enumerate()
        .map(|(nth, (&gutter, pair))| {
            let (top, bottom) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
            let down = pair[1] > pair[0];
            // Order across the gutter, left to right, that keeps legs of one kind from
            // crossing: a leg that comes in later sits nearer the side it came from.
            let order = match (from, to) {
                (Side::Right, Side::Right) | (Side::Left, Side::Left) => {
                    let inner = bottom - top;
                    if *from == Side::Right { inner } else { -inner }
                }
                (Side::Left, _) if down => top,
                (Side::Left, _) => -bottom,
                _ if down => -top,
                _ => bottom,
            };
            let leg = Leg {
                link: id,
                nth,
                top,
                bottom,
                order,
                span: lanes.gutter(gutter, top, bottom),
            };
            (gutter, leg)
        })
        .collect()
}

/// A link's route from its ports, heights and tracks.
fn route_of(lanes: &Lanes<'_>, routed: &Routed) -> Route {
    let (start, end) = (routed.start, routed.end);
    match &routed.plan {
        Plan::Column { .. } => {
            if (start.x - end.x).abs() < 0.5 {
                Route::rounded(&[start, end])
            } else {
                let middle = (start.y + end.y) / 2.0;
                Route::rounded(&[start, pos2(start.x, middle), pos2(end.x, middle), end])
            }
        }
        Plan::Gutters { gutters, .. } => {
            let mut points = vec![start];
            for (x, pair) in routed.xs.iter().zip(routed.heights.windows(2)) {
                points.push(pos2(*x, pair[0]));
                points.push(pos2(*x, pair[1]));
            }
            points.push(end);
            // Corners no wider than three times the room beside the legs.
            let room = corner_room(lanes, gutters, &routed.spans, &routed.xs, &routed.heights);
            Route::rounded_within(&points, 3.0 * room)
        }
    }
}

/// What a link's route was worked out from: the lanes of its ends and gutters (and the
/// lanes beside them), and the heights of its cards, of every height it crosses at or
/// looked at, and of the room it needs beside a height it shares with other links.
fn footprint(routed: &Routed, runs: &HashMap<u32, Vec<Crossing>>) -> Footprint {
    let (from, to) = routed.ends;
    let mut lanes = (from.lane.min(to.lane), from.lane.max(to.lane));
    if let Plan::Gutters { gutters, .. } = &routed.plan {
        for gutter in gutters {
            lanes = (lanes.0.min(gutter.saturating_sub(1)), lanes.1.max(*gutter));
        }
    }
    let mut top = from.rect.min.y.min(to.rect.min.y).min(routed.seen.0);
    let mut bottom = from.rect.max.y.max(to.rect.max.y).max(routed.seen.1);
    for y in routed.raw.iter().chain(&routed.heights) {
        top = top.min(*y);
        bottom = bottom.max(*y);
    }
    for k in &routed.runs {
        // Links crossing at one height spread over as much room as they need, up to a
        // track's spacing each: cards farther than that do not narrow them.
        let sharing = runs.get(k).map_or(1, Vec::len);
        let room = f32_from_usize(sharing) * TRACK_SPACING / 2.0 + CLEARANCE;
        let y = f32::from_bits(*k);
        top = top.min(y - room);
        bottom = bottom.max(y + room);
    }
    Footprint { lanes, top, bottom }
}

#[cfg(test)]
mod check;
