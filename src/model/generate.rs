//! Synthetic journeys of any size, for benchmarks and for trying the tool at scale.

use super::{
    Channel, Emotion, Initiative, Link, LinkKind, Owner, OwnerId, Perception, Position, Project,
    Rgb, StageId, Touchpoint, TouchpointId,
};
use crate::convert::{f64_from_u64, f64_from_usize, u8_wrapping, u64_from_usize, usize_from_u64};

/// Most cards [`synthetic`] stacks in one lane, well inside the coordinates a project file
/// may hold ([`super::layout::MAX_STACKED_ROWS`]).
pub const PER_LANE: usize = 6_000;

/// Most touchpoints [`synthetic`] lays out: [`PER_LANE`] in each of ten stages.
pub const MAX_TOUCHPOINTS: usize = 10 * PER_LANE;

// Every generated card has a place a project file can hold.
const _: () = assert!(PER_LANE <= super::layout::MAX_STACKED_ROWS);

/// A deterministic journey of `touchpoints` touchpoints over the six default stages (and
/// "Stage 7", "Stage 8", … when more than [`PER_LANE`] cards would share a lane) with
/// about two links per touchpoint (flow to the next, a skip-ahead alternative, a recovery
/// from every seventh, referrals back to the start). The same `seed` gives the same project.
/// Counts above [`MAX_TOUCHPOINTS`] are lowered to it.
pub fn synthetic(touchpoints: usize, seed: u64) -> Project {
    let touchpoints = touchpoints.min(MAX_TOUCHPOINTS);
    let mut rng = Rng::new(seed);
    let mut project = Project::new(format!("Synthetic journey ({touchpoints} touchpoints)"));
    project.persona.name = "Generated persona".to_owned();
    add_teams(&mut project);
    let lanes = touchpoints.div_ceil(PER_LANE);
    for n in project.stages().len() + 1..=lanes {
        let stage = super::Stage {
            id: format!("stage-{n}").into(),
            name: format!("Stage {n}"),
        };
        if let Err(_never) = project.insert_stage(usize::MAX, stage) {
            // `stage-7`, `stage-8`, … are not among the default stages' keys.
        }
    }
    let stages: Vec<StageId> = project.stages().iter().map(|s| s.id.clone()).collect();
    let owner_ids: Vec<OwnerId> = project.owners().iter().map(|o| o.id.clone()).collect();
    let mut rows = vec![0_u32; stages.len()];
    let mut ids = Vec::with_capacity(touchpoints);
    for i in 0..touchpoints {
        let lane = i * stages.len() / touchpoints.max(1);
        let row = rows[lane];
        rows[lane] += 1;
        let mut touchpoint = random_touchpoint(&mut rng, i, &owner_ids);
        touchpoint.stage = stages[lane].clone();
        touchpoint.position =
            super::layout::stacked_position(row as usize).unwrap_or(Position { x: 0.0, y: 0.0 });
        if let Ok(id) = project.add_touchpoint(touchpoint) {
            ids.push(id);
        }
    }
    add_synthetic_links(&mut project, &ids, &mut rng);
    project
}

/// A small deterministic pseudo-random generator (a 64-bit linear congruential one).
struct Rng(u64);

impl Rng {
    /// The generator for `seed`.
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1))
    }

    /// The next number below `n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }

    /// The next index into a list of `len` items (0 when it is empty).
    fn index(&mut self, len: usize) -> usize {
        usize_from_u64(self.below(u64_from_usize(len)))
    }
}

/// Adds the five teams of a synthetic journey, each with its colour.
fn add_teams(project: &mut Project) {
    let owners = ["Marketing", "Digital", "Stores", "Operations", "Support"];
    let colours = [
        [0x8e, 0x44, 0xad],
        [0x2e, 0x86, 0xde],
        [0xe6, 0x7e, 0x22],
        [0x16, 0xa0, 0x85],
        [0xc0, 0x39, 0x2b],
    ];
    for (name, colour) in owners.iter().zip(colours) {
        let owner = Owner {
            id: project.fresh_owner_id(name),
            name: (*name).to_owned(),
            colour: Rgb(colour),
        };
        if let Err(_never) = project.insert_owner(usize::MAX, owner) {
            // The key is fresh, so the model cannot refuse it.
        }
    }
}

/// The `i`th touchpoint of a synthetic journey with random channel, owner, initiative,
/// scores and pain point; its stage and position are left for the caller to set.
fn random_touchpoint(rng: &mut Rng, i: usize, owner_ids: &[OwnerId]) -> Touchpoint {
    let channel = Channel::ALL[rng.index(Channel::ALL.len())];
    let owner = (rng.below(6) < 5).then(|| owner_ids[rng.index(5)].clone());
    Touchpoint {
        title: format!("Touchpoint {}", i + 1),
        notes: String::new(),
        stage: StageId::default(),
        channel,
        owner,
        initiative: if rng.below(4) == 0 {
            Initiative::Reactive
        } else {
            Initiative::Proactive
        },
        perception: (rng.below(8) > 0)
            .then(|| Perception::nearest(1.0 + f64_from_u64(rng.below(9)) / 2.0)),
        emotion: (rng.below(8) > 0)
            .then(|| Emotion::nearest(-2.0 + f64_from_u64(rng.below(9)) / 2.0)),
        pain_points: if rng.below(3) == 0 {
            vec!["Slow".to_owned()]
        } else {
            Vec::new()
        },
        opportunities: Vec::new(),
        picture: None,
        position: Position { x: 0.0, y: 0.0 },
    }
}

/// Links each touchpoint to the next (flow) and two ahead (recovery from every seventh)
/// or three ahead (alternative); the last one and every 97th refer back to a random one
/// early in the journey.
fn add_synthetic_links(project: &mut Project, ids: &[TouchpointId], rng: &mut Rng) {
    for i in 0..ids.len() {
        let mut link = |to: usize, kind: LinkKind| {
            if let Some(&to) = ids.get(to)
                && let Err(_never) = project.add_link(Link {
                    from: ids[i],
                    to,
                    kind,
                    label: None,
                })
            {
                // Both ends exist and the id is the next free one, so the model cannot
                // refuse the link.
            }
        };
        link(i + 1, LinkKind::Flow);
        if i % 7 == 3 {
            link(i + 2, LinkKind::Recovery);
        } else {
            link(i + 3, LinkKind::Alternative);
        }
        if i + 1 == ids.len() || i % 97 == 96 {
            link(rng.index(i / 6 + 1), LinkKind::Referral);
        }
    }
}

/// A project with `stages` stages (`s1`, `s2`, …) and a touchpoint in six of them, linked
/// in a chain: far more stages than any journey, to show that loading and checking stay
/// linear in the number of stages.
pub fn many_stages(stages: usize) -> Project {
    let mut project = Project::empty(format!("Many stages ({stages})"));
    for i in 1..=stages {
        let stage = super::Stage {
            id: format!("s{i}").into(),
            name: format!("S{i}"),
        };
        if let Err(_never) = project.insert_stage(usize::MAX, stage) {
            // Each key `s1`, `s2`, … is new, so the model cannot refuse it.
        }
    }
    let mut previous = None;
    let mut used: Vec<usize> = (0..=5).map(|k| (k * stages / 5).max(1)).collect();
    used.dedup();
    for stage in used {
        let touchpoint = Touchpoint {
            title: format!("In stage {stage}"),
            stage: format!("s{stage}").into(),
            position: super::layout::stacked_position(0).unwrap_or_default(),
            ..Touchpoint::default()
        };
        if let Ok(id) = project.add_touchpoint(touchpoint) {
            if let Some(from) = previous
                && let Err(_never) = project.add_link(Link {
                    from,
                    to: id,
                    kind: LinkKind::Flow,
                    label: None,
                })
            {
                // Both ends were just added, so the model cannot refuse the link.
            }
            previous = Some(id);
        }
    }
    project
}

/// A project with `owners` owners, each owning one touchpoint in the first stage: far
/// more owners than any company, to show that insights stay linear in the number of
/// owners. Touchpoints beyond one lane's capacity go to the next stage.
pub fn many_owners(owners: usize) -> Project {
    let mut project = Project::new(format!("Many owners ({owners})"));
    let stages: Vec<StageId> = project.stages().iter().map(|s| s.id.clone()).collect();
    for i in 1..=owners {
        let owner = Owner {
            id: format!("o{i}").into(),
            name: format!("Team {i}"),
            colour: Rgb([u8_wrapping(i * 97), u8_wrapping(i * 31), u8_wrapping(i * 7)]),
        };
        if let Err(_never) = project.insert_owner(usize::MAX, owner) {
            // Each key `o1`, `o2`, … is new, so the model cannot refuse it.
        }
        let row = (i - 1) % super::layout::MAX_STACKED_ROWS;
        let lane = ((i - 1) / super::layout::MAX_STACKED_ROWS).min(stages.len() - 1);
        let touchpoint = Touchpoint {
            title: format!("Task {i}"),
            stage: stages[lane].clone(),
            owner: Some(format!("o{i}").into()),
            emotion: Some(Emotion::nearest(-2.0 + f64_from_usize(i % 9) / 2.0)),
            initiative: if i % 4 == 0 {
                Initiative::Reactive
            } else {
                Initiative::Proactive
            },
            position: super::layout::stacked_position(row).unwrap_or_default(),
            ..Touchpoint::default()
        };
        if let Err(_never) = project.add_touchpoint(touchpoint) {
            // Its stage and owner were added above, so the model cannot refuse it.
        }
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stress_projects_have_what_they_say() {
        let p = many_stages(1_000);
        assert_eq!(p.stages().len(), 1_000);
        assert_eq!(p.touchpoint_count(), 6);
        assert_eq!(p.link_count(), 5);
        let p = many_owners(7_000);
        assert_eq!(p.owners().len(), 7_000);
        assert_eq!(p.touchpoint_count(), 7_000);
        assert!(p.touchpoints().all(|(_, t)| t.owner.is_some()));
    }

    #[test]
    fn sizes_and_determinism() {
        let p = synthetic(60, 7);
        assert_eq!(p.touchpoint_count(), 60);
        assert!(
            p.link_count() >= 110 && p.link_count() <= 125,
            "{}",
            p.link_count()
        );
        assert_eq!(p, synthetic(60, 7));
        assert_ne!(p, synthetic(60, 8));
        // Every stage gets cards.
        for stage in p.stages() {
            assert!(p.touchpoints().any(|(_, t)| t.stage == stage.id));
        }
    }

    #[test]
    fn large_journeys_get_more_lanes_and_no_lane_overflows() {
        assert_eq!(synthetic(36_000, 1).stages().len(), 6);
        let p = synthetic(50_000, 1);
        assert_eq!(p.touchpoint_count(), 50_000);
        assert_eq!(p.stages().len(), 9);
        assert_eq!(p.stages()[8].name, "Stage 9");
        let mut per_lane = std::collections::HashMap::new();
        for (_, t) in p.touchpoints() {
            *per_lane.entry(t.stage.clone()).or_insert(0) += 1;
            assert!(t.position.y <= super::super::layout::MAX_COORDINATE);
        }
        assert_eq!(per_lane.len(), 9);
        assert!(per_lane.values().all(|&n| n <= PER_LANE), "{per_lane:?}");
        let max = synthetic(MAX_TOUCHPOINTS + 5, 1);
        assert_eq!(max.touchpoint_count(), MAX_TOUCHPOINTS);
        assert_eq!(max.stages().len(), 10);
    }
}
