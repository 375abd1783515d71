//! The happiest and the most painful path through the journey.
//!
//! A path runs from an entry to an exit along flow, alternative and recovery links
//! (referrals loop back to the start and are not steps of one customer's path). Cycles
//! are cut where a depth-first search closes them, leaving a DAG. The path with the best
//! *mean* emotion is then found by parametric search: a path with mean ≥ λ exists exactly
//! when the best path by the sum of `emotion − λ` is ≥ 0, which one pass in topological
//! order answers. Bisection on λ takes a few dozen linear passes, so thousands of
//! touchpoints take milliseconds. Unscored touchpoints neither help nor hurt a path's
//! mean. Ties go to the path with more scored touchpoints, then the longer one.

use std::collections::HashMap;

use serde::Serialize;

use super::{TouchpointRef, touchpoint_ref};
use crate::model::{Emotion, LinkKind, Project, TouchpointId};

/// A path through the journey and its emotion curve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JourneyPath {
    /// The touchpoints, in order.
    pub touchpoints: Vec<TouchpointRef>,
    /// Emotion at each step (`None` where not scored): the curve along the path.
    pub emotions: Vec<Option<f32>>,
    /// Mean emotion over the scored steps.
    pub mean_emotion: f32,
}

struct Dag {
    ids: Vec<TouchpointId>,
    /// Predecessors in the DAG.
    preds: Vec<Vec<usize>>,
    has_succ: Vec<bool>,
    /// Topological order.
    order: Vec<usize>,
    emotion: Vec<Option<f32>>,
}

fn build_dag(project: &Project) -> Dag {
    let ids: Vec<TouchpointId> = project.touchpoints().map(|(id, _)| id).collect();
    let index: HashMap<TouchpointId, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let n = ids.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0_usize; n];
    for (_, link) in project.links() {
        if link.kind == LinkKind::Referral {
            continue;
        }
        if let (Some(&a), Some(&b)) = (index.get(&link.from), index.get(&link.to)) {
            succ[a].push(b);
            indegree[b] += 1;
        }
    }
    // Iterative depth-first search from entries first, then from anything left (parts
    // that are only cycles). Edges to a node still on the stack close a cycle: drop them.
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; n];
    let mut postorder = Vec::with_capacity(n);
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); n];
    let starts = (0..n).filter(|&i| indegree[i] == 0).chain(0..n);
    for start in starts {
        if state[start] != State::New {
            continue;
        }
        let mut stack = vec![(start, 0_usize)];
        state[start] = State::Open;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&child) = succ[node].get(*next) {
                *next += 1;
                match state[child] {
                    State::Open => {} // closes a cycle: not part of the DAG
                    State::Done => kept[node].push(child),
                    State::New => {
                        kept[node].push(child);
                        state[child] = State::Open;
                        stack.push((child, 0));
                    }
                }
            } else {
                state[node] = State::Done;
                postorder.push(node);
                stack.pop();
            }
        }
    }
    let mut preds = vec![Vec::new(); n];
    for (from, children) in kept.iter().enumerate() {
        for &to in children {
            preds[to].push(from);
        }
    }
    postorder.reverse();
    Dag {
        emotion: ids
            .iter()
            .map(|id| {
                project
                    .touchpoint(*id)
                    .and_then(|t| t.emotion)
                    .map(Emotion::value)
            })
            .collect(),
        has_succ: kept.iter().map(|k| !k.is_empty()).collect(),
        ids,
        preds,
        order: postorder,
    }
}

/// Best path for weights `sign * emotion − λ`: (sum, scored steps, steps) and the
/// predecessor links to rebuild it.
fn best_for(dag: &Dag, sign: f32, lambda: f32) -> Option<((f32, u32, u32), Vec<usize>)> {
    let n = dag.ids.len();
    let mut best = vec![(0.0_f32, 0_u32, 0_u32); n];
    let mut from = vec![usize::MAX; n];
    let better = |a: (f32, u32, u32), b: (f32, u32, u32)| {
        a.0 > b.0 || (a.0 == b.0 && (a.1, a.2) > (b.1, b.2))
    };
    for &v in &dag.order {
        let own = dag.emotion[v].map_or((0.0, 0, 1), |e| (sign * e - lambda, 1, 1));
        let mut incoming: Option<(f32, u32, u32)> = None;
        for &u in &dag.preds[v] {
            if incoming.is_none_or(|i| better(best[u], i)) {
                incoming = Some(best[u]);
                from[v] = u;
            }
        }
        let base = incoming.unwrap_or((0.0, 0, 0));
        best[v] = (base.0 + own.0, base.1 + own.1, base.2 + own.2);
    }
    let exit = (0..n)
        .filter(|&v| !dag.has_succ[v] && best[v].1 > 0)
        .max_by(|&a, &b| {
            if better(best[a], best[b]) {
                std::cmp::Ordering::Greater
            } else if better(best[b], best[a]) {
                std::cmp::Ordering::Less
            } else {
                b.cmp(&a) // lower index (lower id) wins a full tie
            }
        })?;
    let mut path = vec![exit];
    let mut v = exit;
    while from[v] != usize::MAX {
        v = from[v];
        path.push(v);
    }
    path.reverse();
    Some((best[exit], path))
}

fn best_path(project: &Project, dag: &Dag, sign: f32) -> Option<JourneyPath> {
    // Bisection on the achievable mean of sign * emotion, within [−2, 2].
    let (mut lo, mut hi) = (-2.0_f32, 2.0_f32);
    let (mut found, _) = best_for(dag, sign, lo).map(|(s, p)| (Some(p), s))?;
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        match best_for(dag, sign, mid) {
            Some(((sum, _, _), path)) if sum >= -1e-4 => {
                lo = mid;
                found = Some(path);
            }
            _ => hi = mid,
        }
    }
    let path = found?;
    let emotions: Vec<Option<f32>> = path.iter().map(|&v| dag.emotion[v]).collect();
    let scored: Vec<f32> = emotions.iter().flatten().copied().collect();
    let mean_emotion =
        scored.iter().sum::<f32>() / crate::convert::f32_from_usize(scored.len().max(1));
    Some(JourneyPath {
        touchpoints: path
            .iter()
            .map(|&v| touchpoint_ref(project, dag.ids[v]))
            .collect(),
        emotions,
        mean_emotion,
    })
}

/// The happiest and the most painful path, if any path has a scored touchpoint.
pub fn best_paths(project: &Project) -> (Option<JourneyPath>, Option<JourneyPath>) {
    let dag = build_dag(project);
    (
        best_path(project, &dag, 1.0),
        best_path(project, &dag, -1.0),
    )
}
