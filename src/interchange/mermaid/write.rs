//! Writing a project as a Mermaid `journey` diagram.

use std::collections::HashMap;

use super::escape::{Field, escape, unescape};
use super::{ACTORS_PREFIX, UNSCORED};
use crate::model::{Emotion, Project, Touchpoint, TouchpointId};

/// The actors kept in a touchpoint's notes (`Actors: A, B` on the first line).
fn noted_actors(notes: &str) -> Vec<String> {
    notes
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(ACTORS_PREFIX))
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(unescape)
                .collect()
        })
        .unwrap_or_default()
}

/// The score written for an emotion: `emotion + 3`, with `.5` for half steps.
fn score_text(emotion: Option<Emotion>) -> String {
    let half_steps = emotion.map_or(0, Emotion::half_steps);
    let doubled = i32::from(half_steps) + 6;
    if doubled % 2 == 0 {
        (doubled / 2).to_string()
    } else {
        format!("{}.5", doubled / 2)
    }
}

/// The project as a Mermaid `journey` diagram.
pub fn to_mermaid(project: &Project) -> String {
    let owner_name: HashMap<&str, &str> = project
        .owners()
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let mut by_stage: HashMap<&str, Vec<(TouchpointId, &Touchpoint)>> = HashMap::new();
    for (id, t) in project.touchpoints() {
        by_stage.entry(t.stage.as_str()).or_default().push((id, t));
    }
    let mut out = String::from("journey\n");
    out.push_str(&format!(
        "    title {}\n",
        escape(&project.title, Field::Title)
    ));
    if !project.description.is_empty() {
        out.push_str(&format!(
            "    accDescr: {}\n",
            escape(&project.description, Field::Description)
        ));
    }
    for stage in project.stages() {
        out.push_str(&format!(
            "    section {}\n",
            escape(&stage.name, Field::Section)
        ));
        let mut tasks = by_stage.remove(stage.id.as_str()).unwrap_or_default();
        tasks.sort_by(|(a_id, a), (b_id, b)| {
            a.position.y.total_cmp(&b.position.y).then(a_id.cmp(b_id))
        });
        for (_, t) in tasks {
            // The owner first (import makes the first actor the owner), then the other
            // actors kept in the notes.
            let mut actors = noted_actors(&t.notes);
            match t.owner.as_deref().and_then(|o| owner_name.get(o)) {
                Some(owner) if actors.first().map(String::as_str) == Some(*owner) => {}
                Some(owner) => actors.insert(0, (*owner).to_owned()),
                None => actors.clear(),
            }
            if t.emotion.is_none() {
                out.push_str(&format!("      {UNSCORED}\n"));
            }
            out.push_str(&format!(
                "      {}: {}",
                escape(&t.title, Field::Task),
                score_text(t.emotion)
            ));
            if !actors.is_empty() {
                let listed: Vec<String> = actors.iter().map(|a| escape(a, Field::Actor)).collect();
                out.push_str(&format!(": {}", listed.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_scores_are_exact() {
        let score = |v: f64| score_text(Some(Emotion::new(v).unwrap()));
        assert_eq!(score(-2.0), "1");
        assert_eq!(score(-0.5), "2.5");
        assert_eq!(score(0.5), "3.5");
        assert_eq!(score(2.0), "5");
        assert_eq!(score_text(None), "3");
    }
}
