//! Journey insights computed from the graph: emotion curve, moments of truth, reactive
//! load, ownership and structure. Never stored; recomputed from the project.
//!
//! The [`Insights`] struct serializes to the documented JSON of `journeyboard report
//! --format json` (see the README); field names are part of that contract.

mod paths;
pub mod report;

use std::collections::{HashSet, VecDeque};

use petgraph::Direction;
use serde::Serialize;

use crate::convert::{f32_from_u32, f32_from_usize};
use crate::model::{Emotion, Initiative, LinkId, LinkKind, Perception, Project, TouchpointId};

pub use paths::{JourneyPath, best_paths};

/// Two scores disagree "strongly" when perception (mapped to the emotion scale as
/// `perception − 3`) and emotion are at least this far apart.
pub const DISAGREEMENT_GAP: f32 = 2.0;
/// How many entries the "top" lists keep.
pub const TOP: usize = 5;

/// A touchpoint named in a report: id and title.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TouchpointRef {
    /// Stable id.
    pub id: u64,
    /// Title at the time of the report.
    pub title: String,
}

/// Scores and reactive share of one stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageSummary {
    /// Stage key.
    pub id: String,
    /// Stage name.
    pub name: String,
    /// Touchpoints in the stage.
    pub touchpoints: usize,
    /// Mean emotion of those with an emotion score.
    pub mean_emotion: Option<f32>,
    /// Mean perception of those with a perception score.
    pub mean_perception: Option<f32>,
    /// Share (0–1) of the stage's touchpoints that are reactive.
    pub reactive_share: Option<f32>,
    /// Recovery links that start in this stage (lapses happening here).
    pub lapses: usize,
}

/// One of the lowest-emotion touchpoints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LowPoint {
    /// The touchpoint.
    pub touchpoint: TouchpointRef,
    /// Its emotion.
    pub emotion: f32,
    /// Its perception, if scored.
    pub perception: Option<f32>,
}

/// A link along which emotion falls.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmotionDrop {
    /// The link's id.
    pub link: u64,
    /// Where the customer comes from.
    pub from: TouchpointRef,
    /// Where they go.
    pub to: TouchpointRef,
    /// Emotion before minus emotion after (positive).
    pub drop: f32,
}

/// A touchpoint where perception and emotion disagree strongly.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// The touchpoint.
    pub touchpoint: TouchpointRef,
    /// Perception, 1–5.
    pub perception: f32,
    /// Emotion, −2…+2.
    pub emotion: f32,
    /// `|(perception − 3) − emotion|`.
    pub gap: f32,
}

/// A recovery link: a lapse that sends the customer to service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recovery {
    /// The link's id.
    pub link: u64,
    /// Where the lapse happens.
    pub lapse: TouchpointRef,
    /// The stage of the lapse.
    pub stage: String,
    /// Where the customer is sent.
    pub to: TouchpointRef,
}

/// What one owner (team) is accountable for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerSummary {
    /// Owner key.
    pub id: String,
    /// Owner name.
    pub name: String,
    /// Their touchpoints.
    pub touchpoints: Vec<TouchpointRef>,
    /// Mean emotion over their scored touchpoints.
    pub mean_emotion: Option<f32>,
    /// Mean perception over their scored touchpoints.
    pub mean_perception: Option<f32>,
    /// Share (0–1) of their touchpoints that are reactive.
    pub reactive_share: Option<f32>,
    /// Their lowest-emotion touchpoint (then lowest perception).
    pub worst: Option<TouchpointRef>,
}

/// All insights of a project.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insights {
    /// Per stage, in journey order: the emotion curve and reactive load.
    pub stages: Vec<StageSummary>,
    /// The happiest path from an entry to an exit (highest mean emotion).
    pub happiest_path: Option<JourneyPath>,
    /// The most painful path from an entry to an exit (lowest mean emotion).
    pub most_painful_path: Option<JourneyPath>,
    /// Moments of truth: the lowest-emotion touchpoints (emotion below neutral), lowest
    /// first.
    pub lowest_emotion: Vec<LowPoint>,
    /// Moments of truth: the largest emotion drops along a link, largest first.
    pub largest_drops: Vec<EmotionDrop>,
    /// Touchpoints whose perception and emotion disagree strongly.
    pub disagreements: Vec<Disagreement>,
    /// Recovery links, by id.
    pub recoveries: Vec<Recovery>,
    /// Per owner, in the project's order.
    pub owners: Vec<OwnerSummary>,
    /// Touchpoints nobody owns.
    pub unowned: Vec<TouchpointRef>,
    /// Touchpoints no entry leads to (only reachable through a cycle, or not at all).
    pub unreachable: Vec<TouchpointRef>,
    /// Touchpoints from which the last stage can never be reached.
    pub dead_ends: Vec<TouchpointRef>,
    /// Non-referral links that go to an earlier stage.
    pub backward_links: Vec<u64>,
    /// Touchpoints with neither perception nor emotion.
    pub unscored: Vec<TouchpointRef>,
}

fn mean(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, n) = values.fold((0.0, 0_u32), |(s, n), v| (s + v, n + 1));
    let mean = sum / f32_from_u32(n);
    (n > 0).then_some(mean)
}

fn share(part: usize, whole: usize) -> Option<f32> {
    let share = f32_from_usize(part) / f32_from_usize(whole);
    (whole > 0).then_some(share)
}

/// A reference to a touchpoint, with its title.
pub fn touchpoint_ref(project: &Project, id: TouchpointId) -> TouchpointRef {
    TouchpointRef {
        id: id.0,
        title: project
            .touchpoint(id)
            .map(|t| t.title.clone())
            .unwrap_or_default(),
    }
}

/// Computes every insight. Linear in the size of the journey except for sorting, and
/// for the two best paths (a few dozen linear passes); safe on cycles.
pub fn analyse(project: &Project) -> Insights {
    let r = |id| touchpoint_ref(project, id);
    let refs = |ids: Vec<TouchpointId>| ids.into_iter().map(r).collect();
    let (lowest_emotion, largest_drops) = lows_and_drops(project);
    let (happiest_path, most_painful_path) = best_paths(project);
    Insights {
        stages: stage_summaries(project),
        happiest_path,
        most_painful_path,
        lowest_emotion,
        largest_drops,
        disagreements: disagreements(project),
        recoveries: recoveries(project),
        owners: owner_summaries(project),
        unowned: project
            .touchpoints()
            .filter(|(_, t)| t.owner.is_none())
            .map(|(id, _)| r(id))
            .collect(),
        unreachable: refs(unreachable(project)),
        dead_ends: refs(dead_ends(project)),
        backward_links: backward_links(project),
        unscored: project
            .touchpoints()
            .filter(|(_, t)| t.is_unscored())
            .map(|(id, _)| r(id))
            .collect(),
    }
}

/// The recovery links, by id, each with the stage of its lapse.
fn recoveries(project: &Project) -> Vec<Recovery> {
    let r = |id| touchpoint_ref(project, id);
    project
        .links()
        .filter(|(_, l)| l.kind == LinkKind::Recovery)
        .map(|(id, l)| Recovery {
            link: id.0,
            lapse: r(l.from),
            stage: project
                .touchpoint(l.from)
                .map(|t| t.stage.to_string())
                .unwrap_or_default(),
            to: r(l.to),
        })
        .collect()
}

/// How many recovery links start in each stage, in the project's stage order.
fn lapses_by_stage(project: &Project) -> Vec<usize> {
    let mut lapses = vec![0_usize; project.stages().len()];
    for (_, link) in project
        .links()
        .filter(|(_, l)| l.kind == LinkKind::Recovery)
    {
        if let Some(i) = project
            .touchpoint(link.from)
            .and_then(|t| project.stage_index(&t.stage))
        {
            lapses[i] += 1;
        }
    }
    lapses
}

/// The emotion curve and reactive load per stage, in journey order.
fn stage_summaries(project: &Project) -> Vec<StageSummary> {
    let mut by_stage: Vec<Vec<TouchpointId>> = vec![Vec::new(); project.stages().len()];
    for (id, t) in project.touchpoints() {
        if let Some(i) = project.stage_index(&t.stage) {
            by_stage[i].push(id);
        }
    }
    let lapses = lapses_by_stage(project);
    project
        .stages()
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let ids = by_stage[i].as_slice();
            let tps = || ids.iter().filter_map(|id| project.touchpoint(*id));
            StageSummary {
                id: stage.id.to_string(),
                name: stage.name.clone(),
                touchpoints: ids.len(),
                mean_emotion: mean(tps().filter_map(|t| t.emotion).map(Emotion::value)),
                mean_perception: mean(tps().filter_map(|t| t.perception).map(Perception::value)),
                reactive_share: share(
                    tps()
                        .filter(|t| t.initiative == Initiative::Reactive)
                        .count(),
                    ids.len(),
                ),
                lapses: lapses[i],
            }
        })
        .collect()
}

/// Moments of truth: the lowest-emotion touchpoints and the largest drops along a link.
fn lows_and_drops(project: &Project) -> (Vec<LowPoint>, Vec<EmotionDrop>) {
    let r = |id| touchpoint_ref(project, id);
    let found = moments(project);
    let lowest_emotion = found
        .lowest
        .into_iter()
        .map(|(id, e)| LowPoint {
            touchpoint: r(id),
            emotion: e,
            perception: project
                .touchpoint(id)
                .and_then(|t| t.perception)
                .map(Perception::value),
        })
        .collect();
    let largest_drops = found
        .drops
        .into_iter()
        .map(|d| EmotionDrop {
            link: d.link.0,
            from: r(d.from),
            to: r(d.to),
            drop: d.drop,
        })
        .collect();
    (lowest_emotion, largest_drops)
}

/// Touchpoints whose perception and emotion are at least [`DISAGREEMENT_GAP`] apart.
fn disagreements(project: &Project) -> Vec<Disagreement> {
    project
        .touchpoints()
        .filter_map(|(id, t)| {
            let (p, e) = (t.perception?.value(), t.emotion?.value());
            let gap = ((p - 3.0) - e).abs();
            (gap >= DISAGREEMENT_GAP).then(|| Disagreement {
                touchpoint: touchpoint_ref(project, id),
                perception: p,
                emotion: e,
                gap,
            })
        })
        .collect()
}

/// Per owner, in the project's order: their touchpoints, scores and worst touchpoint.
fn owner_summaries(project: &Project) -> Vec<OwnerSummary> {
    let r = |id| touchpoint_ref(project, id);
    // One pass sorts the touchpoints by owner.
    let mut by_owner: Vec<Vec<TouchpointId>> = vec![Vec::new(); project.owners().len()];
    for (id, t) in project.touchpoints() {
        if let Some(i) = t.owner.as_deref().and_then(|o| project.owner_index(o)) {
            by_owner[i].push(id);
        }
    }
    project
        .owners()
        .iter()
        .zip(by_owner)
        .map(|(owner, ids)| {
            let tps = || {
                ids.iter()
                    .filter_map(|id| project.touchpoint(*id).map(|t| (*id, t)))
            };
            OwnerSummary {
                id: owner.id.to_string(),
                name: owner.name.clone(),
                touchpoints: ids.iter().map(|id| r(*id)).collect(),
                mean_emotion: mean(tps().filter_map(|(_, t)| t.emotion).map(Emotion::value)),
                mean_perception: mean(
                    tps()
                        .filter_map(|(_, t)| t.perception)
                        .map(Perception::value),
                ),
                reactive_share: share(
                    tps()
                        .filter(|(_, t)| t.initiative == Initiative::Reactive)
                        .count(),
                    ids.len(),
                ),
                worst: worst_touchpoint(tps()).map(r),
            }
        })
        .collect()
}

/// The scored touchpoint with the lowest emotion, then lowest perception, then lowest id;
/// a missing score counts as higher than any.
fn worst_touchpoint<'a>(
    tps: impl Iterator<Item = (TouchpointId, &'a crate::model::Touchpoint)>,
) -> Option<TouchpointId> {
    tps.filter(|(_, t)| t.emotion.is_some() || t.perception.is_some())
        .min_by(|(ia, a), (ib, b)| {
            let key = |t: &crate::model::Touchpoint| {
                (
                    t.emotion.map_or(f32::INFINITY, Emotion::value),
                    t.perception.map_or(f32::INFINITY, Perception::value),
                )
            };
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0)
                .then(ka.1.total_cmp(&kb.1))
                .then(ia.cmp(ib))
        })
        .map(|(id, _)| id)
}

/// Non-referral links that go to an earlier stage, by id.
fn backward_links(project: &Project) -> Vec<u64> {
    let stage = |id| {
        project
            .touchpoint(id)
            .and_then(|t| project.stage_index(&t.stage))
    };
    project
        .links()
        .filter(|(_, l)| l.kind != LinkKind::Referral)
        .filter(|(_, l)| matches!((stage(l.from), stage(l.to)), (Some(a), Some(b)) if b < a))
        .map(|(id, _)| id.0)
        .collect()
}

/// Entry touchpoints: no incoming link other than referrals (a referral is advocacy
/// bringing someone new, not the previous step of the same customer).
pub fn entries(project: &Project) -> Vec<TouchpointId> {
    let graph = project.journey().graph();
    project
        .touchpoints()
        .filter(|(id, _)| {
            project.journey().node(*id).is_some_and(|n| {
                graph
                    .edges_directed(n, Direction::Incoming)
                    .filter_map(|e| project.link(*e.weight()))
                    .all(|l| l.kind == LinkKind::Referral)
            })
        })
        .map(|(id, _)| id)
        .collect()
}

/// Touchpoints that no entry leads to, following every kind of link.
fn unreachable(project: &Project) -> Vec<TouchpointId> {
    not_reached(project, entries(project), Direction::Outgoing)
}

/// Touchpoints from which no path reaches a touchpoint in the last stage.
fn dead_ends(project: &Project) -> Vec<TouchpointId> {
    let Some(last) = project.stages().last() else {
        return Vec::new();
    };
    let in_last_stage = project
        .touchpoints()
        .filter(|(_, t)| t.stage == last.id)
        .map(|(id, _)| id)
        .collect();
    // Walking links backwards from the last stage finds everything that reaches it.
    not_reached(project, in_last_stage, Direction::Incoming)
}

/// Touchpoints a breadth-first walk from `starts` along links in `direction` never visits.
fn not_reached(
    project: &Project,
    starts: Vec<TouchpointId>,
    direction: Direction,
) -> Vec<TouchpointId> {
    let graph = project.journey().graph();
    let mut queue: VecDeque<_> = starts
        .into_iter()
        .filter_map(|id| project.journey().node(id))
        .collect();
    let mut seen: HashSet<_> = queue.iter().copied().collect();
    while let Some(n) = queue.pop_front() {
        for next in graph.neighbors_directed(n, direction) {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    project
        .touchpoints()
        .filter(|(id, _)| {
            project
                .journey()
                .node(*id)
                .is_some_and(|n| !seen.contains(&n))
        })
        .map(|(id, _)| id)
        .collect()
}

/// A link along which emotion falls, by id.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkDrop {
    /// The link.
    pub link: LinkId,
    /// Where the customer comes from.
    pub from: TouchpointId,
    /// Where they go.
    pub to: TouchpointId,
    /// Emotion before minus emotion after (positive).
    pub drop: f32,
}

/// The moments of truth by id, without copying any title: what [`Insights`] lists as
/// `lowest_emotion` and `largest_drops`, for pictures that show only a few of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Moments {
    /// The [`TOP`] lowest-emotion touchpoints below neutral with their emotion, lowest
    /// first (then lowest perception, then lowest id).
    pub lowest: Vec<(TouchpointId, f32)>,
    /// The [`TOP`] largest emotion drops along non-referral links, largest first.
    pub drops: Vec<LinkDrop>,
}

impl Moments {
    /// The few touchpoints to highlight on the board: the three lowest-emotion ones and
    /// where the two largest drops land.
    pub fn highlighted(&self) -> HashSet<TouchpointId> {
        highlight(
            self.lowest.iter().map(|(id, _)| *id),
            self.drops.iter().map(|d| d.to),
        )
    }
}

fn highlight(
    lowest: impl Iterator<Item = TouchpointId>,
    drop_targets: impl Iterator<Item = TouchpointId>,
) -> HashSet<TouchpointId> {
    lowest.take(3).chain(drop_targets.take(2)).collect()
}

/// Finds the moments of truth. Linear in the journey, plus sorting the candidates.
pub fn moments(project: &Project) -> Moments {
    let emotion = |id: TouchpointId| {
        project
            .touchpoint(id)
            .and_then(|t| t.emotion)
            .map(Emotion::value)
    };
    let mut low: Vec<_> = project
        .touchpoints()
        .filter_map(|(id, t)| {
            let e = t.emotion?.value();
            (e < 0.0).then_some((e, t.perception.map_or(6.0, Perception::value), id))
        })
        .collect();
    low.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut drops: Vec<LinkDrop> = project
        .links()
        .filter(|(_, l)| l.kind != LinkKind::Referral)
        .filter_map(|(id, l)| {
            let drop = emotion(l.from)? - emotion(l.to)?;
            (drop > 0.0).then_some(LinkDrop {
                link: id,
                from: l.from,
                to: l.to,
                drop,
            })
        })
        .collect();
    drops.sort_by(|a, b| b.drop.total_cmp(&a.drop).then(a.link.cmp(&b.link)));
    drops.truncate(TOP);
    Moments {
        lowest: low
            .into_iter()
            .take(TOP)
            .map(|(e, _, id)| (id, e))
            .collect(),
        drops,
    }
}

/// The few touchpoints to highlight on the board as moments of truth: the three
/// lowest-emotion ones and where the two largest drops land.
pub fn moments_of_truth(insights: &Insights) -> HashSet<TouchpointId> {
    highlight(
        insights
            .lowest_emotion
            .iter()
            .map(|l| TouchpointId(l.touchpoint.id)),
        insights.largest_drops.iter().map(|d| TouchpointId(d.to.id)),
    )
}
