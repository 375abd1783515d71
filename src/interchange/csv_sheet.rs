//! Touchpoints as a spreadsheet: one row per touchpoint.
//!
//! Columns (header names matched case-insensitively, in any order): `id`, `title`,
//! `stage`, `channel`, `owner`, `initiative`, `perception`, `emotion`, `pain_points`,
//! `opportunities`, `notes`, `next`. Lists (pain points, opportunities, next) are separated
//! by `;`. `next` names the ids of the touchpoints each one leads to.

use std::collections::HashMap;

use super::{ImportError, Imported};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{
    Channel, Emotion, Initiative, Link, LinkKind, Perception, Project, Stage, Touchpoint,
    TouchpointId,
};

const COLUMNS: [&str; 12] = [
    "id",
    "title",
    "stage",
    "channel",
    "owner",
    "initiative",
    "perception",
    "emotion",
    "pain_points",
    "opportunities",
    "notes",
    "next",
];

/// The project as CSV text, one row per touchpoint, ordered by stage then position.
pub fn to_csv(project: &Project) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    let mut rows: Vec<_> = project.touchpoints().collect();
    rows.sort_by(|(a_id, a), (b_id, b)| {
        let lane = |t: &Touchpoint| project.stage_index(&t.stage).unwrap_or(usize::MAX);
        lane(a)
            .cmp(&lane(b))
            .then(a.position.y.total_cmp(&b.position.y))
            .then(a_id.cmp(b_id))
    });
    for (id, t) in rows {
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
        let record = [
            id.0.to_string(),
            t.title.clone(),
            project
                .stage(&t.stage)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            t.channel.label().to_owned(),
            t.owner
                .as_deref()
                .and_then(|o| project.owner(o))
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            t.initiative.label().to_owned(),
            number(t.perception.map(Perception::value)),
            number(t.emotion.map(Emotion::value)),
            t.pain_points.join("; "),
            t.opportunities.join("; "),
            t.notes.clone(),
            next.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ];
        let _ = writer.write_record(record);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn channel(cell: &str) -> Option<Channel> {
    let wanted = cell.trim().to_lowercase();
    if wanted.is_empty() {
        return Some(Channel::Other);
    }
    Channel::ALL.into_iter().find(|c| {
        let key = format!("{c:?}").to_lowercase();
        let label = c.label().to_lowercase();
        wanted == label
            || wanted == key
            || wanted.replace(['_', ' ', '-'], "") == key
            || label.split(" / ").any(|part| part == wanted)
    })
}

/// Builds a project from CSV text. `title` names the project. Stops at the first bad row
/// with its row number (the header is row 1, as spreadsheets count).
pub fn from_csv(text: &str, title: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::at(1, format!("cannot read the header row: {e}")))?
        .clone();
    let mut column: HashMap<&str, usize> = HashMap::new();
    let mut warnings = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        let normalised = name.trim().to_lowercase().replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == normalised) {
            Some(c) => {
                column.insert(c, i);
            }
            None => warnings.push(format!("ignoring unknown column “{name}”")),
        }
    }
    if !column.contains_key("title") {
        return Err(ImportError::at(
            1,
            "no “title” column; the header row needs at least a title column".to_owned(),
        ));
    }

    struct Row {
        line: usize,
        id: Option<u64>,
        touchpoint: Touchpoint,
        stage_name: String,
        owner_name: String,
        next: Vec<String>,
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| ImportError::at(line, e.to_string()))?;
        let cell = |name: &str| column.get(name).and_then(|&i| record.get(i)).unwrap_or("");
        if record.iter().all(str::is_empty) {
            continue; // blank line
        }
        let score = |name: &str, min: f64, max: f64| -> Result<Option<f64>, ImportError> {
            let raw = cell(name);
            if raw.is_empty() {
                return Ok(None);
            }
            let value: f64 = raw
                .replace(',', ".")
                .parse()
                .map_err(|_| ImportError::at(line, format!("{name} “{raw}” is not a number")))?;
            if !(min..=max).contains(&value) || (value * 2.0).fract() != 0.0 {
                return Err(ImportError::at(
                    line,
                    format!("{name} {raw} is not on the scale {min} to {max} in steps of 0.5"),
                ));
            }
            Ok(Some(value))
        };
        let perception = score("perception", 1.0, 5.0)?.and_then(|v| Perception::new(v).ok());
        let emotion = score("emotion", -2.0, 2.0)?.and_then(|v| Emotion::new(v).ok());
        let channel = channel(cell("channel")).ok_or_else(|| {
            ImportError::at(
                line,
                format!(
                    "channel “{}” is not one of: {}",
                    cell("channel"),
                    Channel::ALL
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let initiative = match cell("initiative").to_lowercase().as_str() {
            "" | "proactive" => Initiative::Proactive,
            "reactive" => Initiative::Reactive,
            other => {
                return Err(ImportError::at(
                    line,
                    format!("initiative “{other}” must be proactive or reactive"),
                ));
            }
        };
        let id = match cell("id") {
            "" => None,
            raw => Some(raw.parse::<u64>().ok().filter(|v| *v > 0).ok_or_else(|| {
                ImportError::at(line, format!("id “{raw}” is not a whole number above 0"))
            })?),
        };
        let title = cell("title");
        if title.is_empty() {
            return Err(ImportError::at(line, "the title is empty".to_owned()));
        }
        rows.push(Row {
            line,
            id,
            touchpoint: Touchpoint {
                title: title.to_owned(),
                notes: cell("notes").to_owned(),
                channel,
                initiative,
                perception,
                emotion,
                pain_points: list(cell("pain_points")),
                opportunities: list(cell("opportunities")),
                ..Touchpoint::default()
            },
            stage_name: cell("stage").to_owned(),
            owner_name: cell("owner").to_owned(),
            next: list(&cell("next").replace(',', ";")),
        });
    }

    // Stages: the default ones if every value names one, else in order of appearance.
    let mut project = Project::new(title);
    let default_names: Vec<String> = project
        .stages()
        .iter()
        .map(|s| s.name.to_lowercase())
        .collect();
    let all_default = rows
        .iter()
        .all(|r| r.stage_name.is_empty() || default_names.contains(&r.stage_name.to_lowercase()));
    if !all_default {
        project = Project::empty(title);
        for r in &rows {
            let name = if r.stage_name.is_empty() {
                "Unsorted"
            } else {
                r.stage_name.as_str()
            };
            if !project
                .stages()
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(name))
            {
                let id = project.fresh_stage_id(name);
                let _ = project.insert_stage(
                    usize::MAX,
                    Stage {
                        id,
                        name: name.to_owned(),
                    },
                );
            }
        }
    }
    for r in &rows {
        if !r.owner_name.is_empty()
            && !project
                .owners()
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&r.owner_name))
        {
            let owner = project.new_owner(&r.owner_name);
            let _ = project.insert_owner(usize::MAX, owner);
        }
    }

    // Touchpoints, laid out down their lanes in sheet order.
    let mut lane_rows: HashMap<String, u32> = HashMap::new();
    let mut by_sheet_id: HashMap<String, TouchpointId> = HashMap::new();
    let mut placed = Vec::new();
    let mut next_free = rows.iter().filter_map(|r| r.id).max().unwrap_or(0) + 1;
    for r in &rows {
        let stage_name = if r.stage_name.is_empty() {
            "Unsorted"
        } else {
            r.stage_name.as_str()
        };
        let stage = project
            .stages()
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(stage_name))
            .or_else(|| project.stages().first())
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let row_in_lane = lane_rows.entry(stage.clone()).or_insert(0);
        let position = stacked_position(*row_in_lane as usize).ok_or_else(|| {
            ImportError::at(
                r.line,
                format!(
                    "stage “{stage_name}” has more than {MAX_STACKED_ROWS} touchpoints, more than \
                     one lane can hold; split the sheet or spread the rows over more stages"
                ),
            )
        })?;
        *row_in_lane += 1;
        let mut touchpoint = r.touchpoint.clone();
        touchpoint.stage = stage;
        touchpoint.owner = project
            .owners()
            .iter()
            .find(|o| !r.owner_name.is_empty() && o.name.eq_ignore_ascii_case(&r.owner_name))
            .map(|o| o.id.clone());
        touchpoint.position = position;
        let id = TouchpointId(r.id.unwrap_or_else(|| {
            let id = next_free;
            next_free += 1;
            id
        }));
        project
            .insert_touchpoint(id, touchpoint)
            .map_err(|e| ImportError::at(r.line, e.to_string()))?;
        if let Some(sheet_id) = r.id {
            by_sheet_id.insert(sheet_id.to_string(), id);
        }
        placed.push((r, id));
    }

    // Links: explicit `next` targets, or sheet order when there is no `next` column.
    let add = |project: &mut Project, from, to| {
        let _ = project.add_link(Link {
            from,
            to,
            kind: LinkKind::Flow,
            label: None,
        });
    };
    if column.contains_key("next") {
        for (r, id) in &placed {
            for target in &r.next {
                let to = by_sheet_id.get(target).copied().ok_or_else(|| {
                    ImportError::at(r.line, format!("next names id {target}, which no row has"))
                })?;
                add(&mut project, *id, to);
            }
        }
    } else {
        for pair in placed.windows(2) {
            add(&mut project, pair[0].1, pair[1].1);
        }
    }
    Ok(Imported { project, warnings })
}
