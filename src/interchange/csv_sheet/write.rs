//! Writing a project as a sheet: one row per touchpoint, ordered by stage then position.

use std::collections::HashMap;

use super::COLUMNS;
use super::cells::{neutralise_formula, write_list};
use crate::interchange::csv_text::write_cell;
use crate::model::{Emotion, LinkKind, Perception, Project, Touchpoint, TouchpointId};

/// The project as CSV text, one row per touchpoint, ordered by stage then position.
pub fn to_csv(project: &Project) -> String {
    let stage_index: HashMap<&str, usize> = project
        .stages()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let owner_name: HashMap<&str, &str> = project
        .owners()
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let mut rows: Vec<_> = project.touchpoints().collect();
    rows.sort_by(|(a_id, a), (b_id, b)| {
        let lane = |t: &Touchpoint| stage_index.get(t.stage.as_str()).copied();
        lane(a)
            .unwrap_or(usize::MAX)
            .cmp(&lane(b).unwrap_or(usize::MAX))
            .then(a.position.y.total_cmp(&b.position.y))
            .then(a_id.cmp(b_id))
    });
    // A byte-order mark, so that spreadsheet programs (Excel above all) read the text as
    // UTF-8 rather than the system's legacy code page.
    let mut out = String::from('\u{feff}');
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    for (id, t) in rows {
        let stage = stage_index
            .get(t.stage.as_str())
            .and_then(|&i| project.stages().get(i))
            .map(|s| s.name.as_str());
        let owner = t.owner.as_deref().and_then(|o| owner_name.get(o).copied());
        let cells = row_cells(project, id, t, stage, owner);
        for (i, (text, keep_empty)) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_cell(&mut out, &neutralise_formula(text), *keep_empty);
        }
        out.push('\n');
    }
    out
}

/// One touchpoint's cells in [`COLUMNS`] order, each with whether an empty text must be
/// written as `""` (a stage or owner whose name is empty, rather than none).
fn row_cells(
    project: &Project,
    id: TouchpointId,
    t: &Touchpoint,
    stage: Option<&str>,
    owner: Option<&str>,
) -> [(String, bool); 12] {
    let number = |v: Option<f32>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut next: Vec<u64> = project
        .journey()
        .outgoing(id)
        .into_iter()
        .filter_map(|l| project.link(l))
        .filter(|l| l.kind != LinkKind::Referral)
        .map(|l| l.to.0)
        .collect();
    next.sort_unstable();
    [
        (id.0.to_string(), false),
        (t.title.clone(), false),
        (stage.unwrap_or_default().to_owned(), stage.is_some()),
        (t.channel.label().to_owned(), false),
        (owner.unwrap_or_default().to_owned(), owner.is_some()),
        (t.initiative.label().to_owned(), false),
        (number(t.perception.map(Perception::value)), false),
        (number(t.emotion.map(Emotion::value)), false),
        (write_list(&t.pain_points), false),
        (write_list(&t.opportunities), false),
        (t.notes.clone(), false),
        (
            next.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            false,
        ),
    ]
}
