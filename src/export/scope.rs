//! What part of the journey an export shows: all of it, a run of stages, or chosen cards.
//! Every export (pictures, pages, CSV, Mermaid) is made from the part as a project of its
//! own, so a PNG of a part reopens as that part.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::model::{Project, TouchpointId};

/// The part of the journey to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every stage and card.
    #[default]
    All,
    /// Stages `first..=last` (counted from 0) with their cards.
    Stages {
        /// The first stage shown.
        first: usize,
        /// The last stage shown.
        last: usize,
    },
    /// These cards and the links between them, in the stages that hold them; the cards
    /// keep their places relative to each other, moved up together so the highest is at
    /// the top of its lane.
    Cards(BTreeSet<TouchpointId>),
}

/// Why a part cannot be exported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScopeError {
    /// A stage range outside the project's stages, or backwards.
    #[error("the journey has stages 1 to {count}; stages {first} to {last} are not a run of them")]
    Stages {
        /// As asked, counted from 1.
        first: usize,
        /// As asked, counted from 1.
        last: usize,
        /// How many stages there are.
        count: usize,
    },
    /// None of the cards asked for are in the project.
    #[error("none of the cards to export are in the journey (choose at least one)")]
    NoCards,
}

/// The part of `project` that `scope` names, as a project; the project itself for
/// [`Scope::All`].
pub fn scoped<'a>(project: &'a Project, scope: &Scope) -> Result<Cow<'a, Project>, ScopeError> {
    match scope {
        Scope::All => Ok(Cow::Borrowed(project)),
        Scope::Stages { first, last } => {
            let count = project.stages().len();
            if first > last || *last >= count {
                return Err(ScopeError::Stages {
                    first: first + 1,
                    last: last + 1,
                    count,
                });
            }
            let kept: Vec<String> = project.stages()[*first..=*last]
                .iter()
                .map(|s| s.id.to_string())
                .collect();
            let mut part = project.clone();
            let outside: Vec<TouchpointId> = project
                .touchpoints()
                .filter(|(_, t)| !kept.iter().any(|k| t.stage == k.as_str()))
                .map(|(id, _)| id)
                .collect();
            for id in outside {
                part.remove_touchpoint(id);
            }
            drop_stages_except(&mut part, &kept);
            drop_unused_owners(&mut part);
            Ok(Cow::Owned(part))
        }
        Scope::Cards(ids) => {
            let mut part = project.clone();
            let outside: Vec<TouchpointId> = project
                .touchpoints()
                .map(|(id, _)| id)
                .filter(|id| !ids.contains(id))
                .collect();
            for id in outside {
                part.remove_touchpoint(id);
            }
            if part.touchpoint_count() == 0 {
                return Err(ScopeError::NoCards);
            }
            let kept: Vec<String> = part
                .stages()
                .iter()
                .filter(|s| part.touchpoints().any(|(_, t)| t.stage == s.id))
                .map(|s| s.id.to_string())
                .collect();
            drop_stages_except(&mut part, &kept);
            drop_unused_owners(&mut part);
            // Up together, so the part starts where a lane's first card does.
            let top = part
                .touchpoints()
                .map(|(_, t)| t.position.y)
                .fold(f32::INFINITY, f32::min);
            let lift = (top - crate::model::layout::LANE_INSET).max(0.0);
            let moved: Vec<TouchpointId> = part.touchpoints().map(|(id, _)| id).collect();
            for id in moved {
                if let Some(t) = part.touchpoint_mut(id) {
                    t.position.y -= lift;
                }
            }
            Ok(Cow::Owned(part))
        }
    }
}

/// Removes the owners no card of the part has, so its legend lists only its own (each
/// owner keeps its colour).
fn drop_unused_owners(project: &mut Project) {
    let owners: Vec<String> = project.owners().iter().map(|o| o.id.to_string()).collect();
    for id in owners {
        // Refused for an owner a card still has.
        project.remove_owner(&id);
    }
}

/// Removes every stage not in `kept` (they hold no cards by now).
fn drop_stages_except(project: &mut Project, kept: &[String]) {
    let gone: Vec<String> = project
        .stages()
        .iter()
        .map(|s| s.id.to_string())
        .filter(|id| !kept.contains(id))
        .collect();
    for id in gone {
        project.remove_stage(&id);
    }
}

/// The stages `text` names, for `--stages`: one stage, or `FROM..TO`, each a stage's
/// number (from 1), key or name (any case).
pub fn parse_stages(project: &Project, text: &str) -> Result<Scope, String> {
    let stage = |name: &str| -> Result<usize, String> {
        let name = name.trim();
        let count = project.stages().len();
        if let Ok(n) = name.parse::<usize>() {
            return n.checked_sub(1).filter(|i| *i < count).ok_or_else(|| {
                format!("there is no stage {n}: the journey has stages 1 to {count}")
            });
        }
        project
            .stages()
            .iter()
            .position(|s| *s.id == *name || s.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let names: Vec<String> = project
                    .stages()
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{} {}", i + 1, s.name))
                    .collect();
                format!(
                    "there is no stage called {name:?}; the stages are {}",
                    names.join(", ")
                )
            })
    };
    let (first, last) = match text.split_once("..") {
        Some((from, to)) => (stage(from)?, stage(to)?),
        None => {
            let one = stage(text)?;
            (one, one)
        }
    };
    if first > last {
        return Err(format!(
            "--stages {text} runs backwards: give the earlier stage first ({}..{})",
            last + 1,
            first + 1
        ));
    }
    Ok(Scope::Stages { first, last })
}

/// Numbers as runs, in order: "1–7, 9, 11–12" ("none" for none).
fn number_ranges(numbers: impl Iterator<Item = u64>) -> String {
    let sorted: BTreeSet<u64> = numbers.collect();
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for n in sorted {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    if runs.is_empty() {
        return "none".to_owned();
    }
    runs.iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cards `text` names, for `--cards`: touchpoint numbers separated by commas (the
/// numbers in the CSV export's `id` column and the SVG's `data-touchpoint`).
pub fn parse_cards(project: &Project, text: &str) -> Result<Scope, String> {
    let mut ids = BTreeSet::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let n: u64 = part
            .parse()
            .map_err(|_| format!("--cards takes touchpoint numbers like 3,5,8, not {part:?}"))?;
        let id = TouchpointId(n);
        if project.touchpoint(id).is_none() {
            return Err(format!(
                "there is no touchpoint {n} in the journey: its touchpoints are numbered {} \
                 (the id column of a CSV export)",
                number_ranges(project.touchpoints().map(|(id, _)| id.0))
            ));
        }
        ids.insert(id);
    }
    if ids.is_empty() {
        return Err("--cards takes touchpoint numbers like 3,5,8".to_owned());
    }
    Ok(Scope::Cards(ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::synthetic;

    #[test]
    fn a_run_of_stages_keeps_their_cards_and_the_links_between_them() {
        let project = synthetic(60, 2);
        let part = scoped(&project, &Scope::Stages { first: 1, last: 2 }).unwrap();
        let names: Vec<&str> = part.stages().iter().map(|s| s.id.as_ref()).collect();
        let expected: Vec<&str> = project.stages()[1..=2]
            .iter()
            .map(|s| s.id.as_ref())
            .collect();
        assert_eq!(names, expected);
        let inside = project
            .touchpoints()
            .filter(|(_, t)| expected.contains(&t.stage.as_ref()))
            .count();
        assert!(inside > 0);
        assert_eq!(part.touchpoint_count(), inside);
        // Links only between kept cards, and all of those.
        let kept = |id| part.touchpoint(id).is_some();
        let between = project
            .links()
            .filter(|(_, l)| kept(l.from) && kept(l.to))
            .count();
        assert_eq!(part.link_count(), between);
        // Only the owners of the kept cards, each with its colour.
        let used: BTreeSet<String> = part
            .touchpoints()
            .filter_map(|(_, t)| t.owner.as_ref().map(ToString::to_string))
            .collect();
        let owners: BTreeSet<String> = part.owners().iter().map(|o| o.id.to_string()).collect();
        assert_eq!(owners, used);
        for owner in part.owners() {
            assert_eq!(project.owner(&owner.id), Some(owner));
        }
        assert!(matches!(
            scoped(&project, &Scope::Stages { first: 2, last: 9 }),
            Err(ScopeError::Stages { .. })
        ));
    }

    #[test]
    fn chosen_cards_move_up_together_in_the_stages_that_hold_them() {
        let project = synthetic(60, 2);
        let mut chosen: Vec<(TouchpointId, f32)> = project
            .touchpoints()
            .filter(|(_, t)| t.position.y > 1_000.0)
            .map(|(id, t)| (id, t.position.y))
            .take(3)
            .collect();
        chosen.sort_by(|a, b| a.1.total_cmp(&b.1));
        let ids: BTreeSet<TouchpointId> = chosen.iter().map(|(id, _)| *id).collect();
        let part = scoped(&project, &Scope::Cards(ids.clone())).unwrap();
        assert_eq!(
            part.touchpoints()
                .map(|(id, _)| id)
                .collect::<BTreeSet<_>>(),
            ids
        );
        let y = |id| part.touchpoint(id).unwrap().position.y;
        assert_eq!(y(chosen[0].0), crate::model::layout::LANE_INSET);
        assert_eq!(y(chosen[2].0) - y(chosen[0].0), chosen[2].1 - chosen[0].1);
        assert!(part.stages().len() <= 3);
        // Three cards have at most three owners; the journey has more.
        assert!(part.owners().len() <= 3 && project.owners().len() > 3);
        for owner in part.owners() {
            assert!(
                part.touchpoints()
                    .any(|(_, t)| t.owner.as_ref() == Some(&owner.id))
            );
        }
        assert_eq!(
            scoped(&project, &Scope::Cards(BTreeSet::new())),
            Err(ScopeError::NoCards)
        );
    }

    #[test]
    fn stages_are_named_by_number_key_or_name() {
        let project = Project::new("t");
        assert_eq!(
            parse_stages(&project, "2..4"),
            Ok(Scope::Stages { first: 1, last: 3 })
        );
        assert_eq!(
            parse_stages(&project, "research..Service"),
            Ok(Scope::Stages { first: 1, last: 4 })
        );
        assert_eq!(
            parse_stages(&project, "purchase"),
            Ok(Scope::Stages { first: 2, last: 2 })
        );
        assert!(
            parse_stages(&project, "4..2")
                .unwrap_err()
                .contains("backwards")
        );
        assert!(parse_stages(&project, "9").unwrap_err().contains("1 to 6"));
        assert!(
            parse_stages(&project, "lunch")
                .unwrap_err()
                .contains("2 Research")
        );
        assert!(
            parse_cards(&project, "1")
                .unwrap_err()
                .contains("no touchpoint 1")
        );
        assert!(parse_cards(&project, "a,b").unwrap_err().contains("3,5,8"));
        assert!(
            parse_cards(&project, "1")
                .unwrap_err()
                .contains("numbered none")
        );
    }

    #[test]
    fn a_card_number_not_in_the_journey_is_refused_with_the_numbers_there_are() {
        let mut project = synthetic(7, 1);
        let mut ids: Vec<_> = project.touchpoints().map(|(id, _)| id).collect();
        ids.sort_unstable();
        project.remove_touchpoint(ids[3]);
        let message = parse_cards(&project, "2,999").unwrap_err();
        let (first, last) = (ids[0].0, ids[6].0);
        let (before, after) = (ids[2].0, ids[4].0);
        assert!(
            message.contains(&format!(
                "no touchpoint 999 in the journey: its touchpoints are numbered \
                 {first}–{before}, {after}–{last}"
            )),
            "{message}"
        );
        assert_eq!(super::number_ranges([4, 1, 2, 9].into_iter()), "1–2, 4, 9");
    }
}
