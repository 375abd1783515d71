//! Mermaid `journey` diagrams, the open notation for journeys in docs and READMEs.
//!
//! Mapping: `title` → project title; each `section` → a stage; each task
//! `Name: score: Actor, Actor` → a touchpoint in that stage. The score (1–5) maps to
//! emotion as `score − 3` (1 → −2 frustrated, 3 → 0 neutral, 5 → +2 delighted). Each
//! actor becomes an owner; a task's owner is its first actor, and when a task has several
//! actors they are also kept in its notes as a first line `Actors: A, B` so that they come
//! back on export. Tasks are linked in order. Exporting writes sections in stage order,
//! tasks top to bottom, scores as `emotion + 3` rounded to a whole number (3 when unscored).

use super::{ImportError, Imported};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{Emotion, Link, LinkKind, Project, Stage, Touchpoint, TouchpointId};

const ACTORS_PREFIX: &str = "Actors: ";

/// Builds a project from Mermaid `journey` text.
pub fn from_mermaid(text: &str, fallback_title: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut project = Project::empty(fallback_title);
    let mut seen_header = false;
    let mut stage: Option<String> = None;
    let mut rows: Vec<u32> = Vec::new();
    let mut previous: Option<TouchpointId> = None;
    let mut warnings = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with("%%") || line.starts_with("```") {
            continue;
        }
        if !seen_header {
            if line == "journey" {
                seen_header = true;
                continue;
            }
            return Err(ImportError::at(
                line_no,
                format!("expected `journey` to start the diagram, found “{line}”"),
            ));
        }
        if let Some(title) = line.strip_prefix("title ") {
            project.title = title.trim().to_owned();
        } else if let Some(name) = line.strip_prefix("section ") {
            let name = name.trim();
            let id = project.fresh_stage_id(name);
            let _ = project.insert_stage(
                usize::MAX,
                Stage {
                    id: id.clone(),
                    name: name.to_owned(),
                },
            );
            rows.push(0);
            stage = Some(id);
        } else if let Some(description) = line
            .strip_prefix("accDescr:")
            .or_else(|| line.strip_prefix("accTitle:"))
        {
            project.description = description.trim().to_owned();
        } else if line.contains(':') {
            let parts: Vec<&str> = line.split(':').collect();
            let (name, score, actors) = match parts.as_slice() {
                [name, score] => ((*name).to_owned(), *score, ""),
                [name @ .., score, actors] => (name.join(":"), *score, *actors),
                _ => unreachable_parts(line_no)?,
            };
            let score: i32 = score.trim().parse().map_err(|_| {
                ImportError::at(
                    line_no,
                    format!("task score “{}” is not a whole number", score.trim()),
                )
            })?;
            if !(1..=5).contains(&score) {
                return Err(ImportError::at(
                    line_no,
                    format!(
                        "task score {score} is outside 1–5, which Journeyboard maps to emotion −2…+2"
                    ),
                ));
            }
            let stage_id = match &stage {
                Some(id) => id.clone(),
                None => {
                    let id = project.fresh_stage_id("Journey");
                    let _ = project.insert_stage(
                        usize::MAX,
                        Stage {
                            id: id.clone(),
                            name: "Journey".to_owned(),
                        },
                    );
                    rows.push(0);
                    stage = Some(id.clone());
                    id
                }
            };
            let actors: Vec<String> = actors
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            for actor in &actors {
                if !project.owners().iter().any(|o| &o.name == actor) {
                    let owner = project.new_owner(actor);
                    let _ = project.insert_owner(usize::MAX, owner);
                }
            }
            let lane = project.stage_index(&stage_id).unwrap_or(0);
            let row = rows.get(lane).copied().unwrap_or(0);
            if let Some(r) = rows.get_mut(lane) {
                *r += 1;
            }
            let position = stacked_position(row as usize).ok_or_else(|| {
                ImportError::at(
                    line_no,
                    format!(
                        "section has more than {MAX_STACKED_ROWS} tasks, more than one lane can \
                         hold; split it into several sections"
                    ),
                )
            })?;
            let touchpoint = Touchpoint {
                title: name.trim().to_owned(),
                stage: stage_id,
                owner: actors
                    .first()
                    .and_then(|a| project.owners().iter().find(|o| &o.name == a))
                    .map(|o| o.id.clone()),
                emotion: Emotion::new(f64::from(score - 3)).ok(),
                notes: if actors.len() > 1 {
                    format!("{ACTORS_PREFIX}{}", actors.join(", "))
                } else {
                    String::new()
                },
                position,
                ..Touchpoint::default()
            };
            let id = project
                .add_touchpoint(touchpoint)
                .map_err(|e| ImportError::at(line_no, e.to_string()))?;
            if let Some(from) = previous {
                let _ = project.add_link(Link {
                    from,
                    to: id,
                    kind: LinkKind::Flow,
                    label: None,
                });
            }
            previous = Some(id);
        } else {
            return Err(ImportError::at(
                line_no,
                format!(
                    "“{line}” is not journey syntax Journeyboard understands (title, section, or a task `Name: score: Actors`)"
                ),
            ));
        }
    }
    if !seen_header {
        return Err(ImportError::at(
            1,
            "the text is empty; a Mermaid journey starts with `journey`".to_owned(),
        ));
    }
    if project.stages().is_empty() {
        warnings.push("the diagram has no sections or tasks".to_owned());
        project = Project::new(project.title.clone());
    }
    Ok(Imported { project, warnings })
}

fn unreachable_parts(line: usize) -> Result<(String, &'static str, &'static str), ImportError> {
    Err(ImportError::at(
        line,
        "a task needs `Name: score`".to_owned(),
    ))
}

/// The project as a Mermaid `journey` diagram.
pub fn to_mermaid(project: &Project) -> String {
    let clean = |s: &str| s.replace(['\n', '\r'], " ").replace(':', " -");
    let mut out = String::from("journey\n");
    out.push_str(&format!("    title {}\n", clean(&project.title)));
    for stage in project.stages() {
        let mut tasks: Vec<_> = project
            .touchpoints()
            .filter(|(_, t)| t.stage == stage.id)
            .collect();
        if tasks.is_empty() {
            continue;
        }
        tasks.sort_by(|(a_id, a), (b_id, b)| {
            a.position.y.total_cmp(&b.position.y).then(a_id.cmp(b_id))
        });
        out.push_str(&format!("    section {}\n", clean(&stage.name)));
        for (_, t) in tasks {
            #[allow(clippy::cast_possible_truncation)]
            let score = t.emotion.map_or(3, |e| (e.value() + 3.0).round() as i32);
            let actors = t
                .notes
                .lines()
                .next()
                .and_then(|l| l.strip_prefix(ACTORS_PREFIX))
                .map(str::to_owned)
                .or_else(|| {
                    t.owner
                        .as_deref()
                        .and_then(|o| project.owner(o))
                        .map(|o| clean(&o.name))
                })
                .unwrap_or_default();
            if actors.is_empty() {
                out.push_str(&format!("      {}: {score}\n", clean(&t.title)));
            } else {
                out.push_str(&format!("      {}: {score}: {actors}\n", clean(&t.title)));
            }
        }
    }
    out
}
