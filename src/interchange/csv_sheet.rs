//! Touchpoints as a spreadsheet: one row per touchpoint.
//!
//! Columns (header names matched ignoring case, spaces and dashes, in any order): `id`,
//! `title`, `stage`, `channel`, `owner`, `initiative`, `perception`, `emotion`,
//! `pain_points`, `opportunities`, `notes`, `next`. Cells are separated by `,`, or by `;`
//! when the header row has semicolons and no commas. `next` names the ids of the
//! touchpoints each one leads to, separated by `;` (or `,`).
//!
//! Lists (pain points, opportunities) are separated by `;`. An item that is empty, holds a
//! `;` or a `"`, or starts or ends with a space is written in double quotes inside the
//! cell, with its own quotes doubled: `Long wait; "Says ""no""; hangs up"` is the two
//! items `Long wait` and `Says "no"; hangs up`. Unquoted items are trimmed.
//!
//! Cells are kept exactly when quoted and trimmed when not; the export quotes every cell
//! that needs it. A stage or owner cell written `""` is a stage or owner whose name is
//! empty, while a blank cell means none. Stage and owner names are matched ignoring case
//! (the first spelling is kept, the others are reported).
//!
//! Import refuses, with the row and column, anything it would otherwise lose: a quote that
//! never closes, a cell past the last header column, two header columns with one meaning,
//! a NUL character outside quotes (a UTF-16 or binary file), an id above [`MAX_SHEET_ID`].
//!
//! Not carried by a sheet: the persona and description, stages without touchpoints, owner
//! colours and owners without touchpoints, pictures, card positions (cards are laid out
//! down their lanes in sheet order), link kinds and labels (every link comes back as a
//! flow) and referral links.

use std::collections::{HashMap, HashSet};

use super::csv_text::{Reader, Record, column_letter, write_cell};
use super::{FreshKeys, ImportError, Imported, grouped};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{
    Channel, DEFAULT_STAGES, Emotion, Initiative, Link, LinkKind, OwnerId, Perception, Project,
    Stage, StageId, Touchpoint, TouchpointId,
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

/// Largest id a sheet may give a touchpoint: the model's [`crate::model::MAX_ID`].
pub const MAX_SHEET_ID: u64 = crate::model::MAX_ID;

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
        let stage = stage_index
            .get(t.stage.as_str())
            .and_then(|&i| project.stages().get(i))
            .map(|s| s.name.as_str());
        let owner = t.owner.as_deref().and_then(|o| owner_name.get(o).copied());
        let cells: [(String, bool); 12] = [
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
        ];
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

/// First characters that make a spreadsheet run a cell as a formula (OWASP's list for CSV
/// injection: `=`, `+`, `-`, `@`, tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text made safe to open in a spreadsheet: text that would start a formula gets
/// a leading `'` (which spreadsheets read as "this is text" and do not show). Numbers such
/// as `-1.5` stay numbers. [`restore_formula`] undoes it exactly, so a text that already
/// starts with `'` before such a character gets one more.
fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    let formula = text.starts_with(FORMULA_STARTS) && text.parse::<f64>().is_err();
    if formula || restore_formula(text) != text {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes [`neutralise_formula`]: one leading `'` before a formula character (or before
/// another `'`) is removed, as a spreadsheet does when it shows the cell.
fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A list as one cell's text: items separated by `; `, quoted where needed.
fn write_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| {
            let quote = item.is_empty() || item.trim() != item || item.contains([';', '"']);
            if quote {
                format!("\"{}\"", item.replace('"', "\"\""))
            } else {
                item.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The items of a list cell. Never fails: a quote that does not open a well-formed
/// quoted item is kept as text.
fn read_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = cell;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some((item, after)) = quoted_item(rest) {
            items.push(item);
            rest = after;
            continue;
        }
        let (item, after) = rest.split_once(';').unwrap_or((rest, ""));
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_owned());
        }
        rest = after;
    }
    items
}

/// A quoted item at the start of `text`, and the text after its `;`, when the quotes
/// close and only spaces follow up to the `;` or the end.
fn quoted_item(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('"')?;
    let mut item = String::new();
    loop {
        let quote = rest.find('"')?;
        item.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('"') {
            Some(after) => {
                item.push('"');
                rest = after;
            }
            None => break,
        }
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        Some((item, rest))
    } else {
        rest.strip_prefix(';').map(|after| (item, after))
    }
}

fn channel(cell: &str) -> Option<Channel> {
    let wanted = cell.trim().to_lowercase();
    if wanted.is_empty() {
        return Some(Channel::Other);
    }
    Channel::ALL.into_iter().find(|c| {
        let key = channel_key(*c);
        let label = c.label().to_lowercase();
        wanted == label
            || wanted == key
            || wanted.replace(['_', ' ', '-'], "") == key
            || label.split(" / ").any(|part| part == wanted)
    })
}

/// A channel's fixed key in sheets (also accepted with `_`, `-` or spaces between words:
/// `word_of_mouth`). Written out, not taken from the enum's debug text, so renaming a
/// variant cannot change what a sheet means.
fn channel_key(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "web",
        Channel::MobileApp => "mobileapp",
        Channel::Email => "email",
        Channel::Phone => "phone",
        Channel::Store => "store",
        Channel::Chat => "chat",
        Channel::Social => "social",
        Channel::WordOfMouth => "wordofmouth",
        Channel::SelfService => "selfservice",
        Channel::MailPrint => "mailprint",
        Channel::Other => "other",
    }
}

/// Names of stages or owners in order of first appearance, matched ignoring case.
#[derive(Default)]
struct Names {
    /// The first spelling of each name.
    first: Vec<String>,
    index: HashMap<String, usize>,
    reported: HashSet<String>,
}

impl Names {
    /// The index of `name`, added if new; a new spelling of a known name is reported.
    fn note(&mut self, name: &str, what: &str, row: usize, warnings: &mut Vec<String>) -> usize {
        let key = name.to_lowercase();
        if let Some(&i) = self.index.get(&key) {
            if self.first[i] != name && self.reported.insert(name.to_owned()) {
                warnings.push(format!(
                    "row {row}: {what} “{name}” is taken as “{}”, its first spelling (names \
                     are matched ignoring case)",
                    self.first[i]
                ));
            }
            return i;
        }
        self.first.push(name.to_owned());
        self.index.insert(key, self.first.len() - 1);
        self.first.len() - 1
    }
}

/// One touchpoint row, read but not yet placed.
struct Row {
    row: usize,
    line: usize,
    id: Option<u64>,
    touchpoint: Touchpoint,
    stage: Option<String>,
    owner: Option<String>,
    next: Vec<u64>,
}

/// The header: which column holds what.
struct Header {
    column: HashMap<&'static str, usize>,
    width: usize,
    /// For each column Journeyboard does not read, its header text (empty for a column
    /// without a name): a value in it would be lost, so it is refused.
    unknown: Vec<Option<String>>,
}

fn read_header(header: &Record, delimiter: char) -> Result<(Header, Vec<String>), ImportError> {
    let err = |message: String| ImportError::in_row(header.row, header.line, message);
    let mut column: HashMap<&'static str, usize> = HashMap::new();
    let warnings = Vec::new();
    let mut unknown = vec![None; header.cells.len()];
    for (i, cell) in header.cells.iter().enumerate() {
        let name = cell.text.trim();
        let normalised = name.to_lowercase().replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == normalised) {
            Some(c) => {
                if let Some(&first) = column.get(c) {
                    return Err(err(format!(
                        "columns {} “{}” and {} “{name}” are both the {c} column; rename or \
                         delete one of them",
                        column_letter(first),
                        header.cells[first].text,
                        column_letter(i),
                    )));
                }
                column.insert(c, i);
            }
            None => unknown[i] = Some(name.to_owned()),
        }
    }
    if !column.contains_key("title") {
        let found = header
            .cells
            .iter()
            .map(|c| format!("“{}”", c.text))
            .collect::<Vec<_>>()
            .join(", ");
        let hint = if header.cells.len() == 1 && header.cells[0].text.contains('\t') {
            " The header looks tab-separated: save the sheet as CSV, with cells separated by \
             commas or semicolons."
        } else {
            ""
        };
        return Err(err(format!(
            "no “title” column: the header row has {found} (cells separated by “{delimiter}”). \
             The first row must name the columns, and one of them must be title, holding each \
             touchpoint's name; the others Journeyboard reads are {}.{hint}",
            COLUMNS.join(", ")
        )));
    }
    Ok((
        Header {
            column,
            width: header.cells.len(),
            unknown,
        },
        warnings,
    ))
}

/// Reads one data row; `None` for a blank row.
fn read_row(
    record: &Record,
    header: &Header,
    delimiter: char,
    warnings: &mut Vec<String>,
) -> Result<Option<Row>, ImportError> {
    let (row, line) = (record.row, record.line);
    let err = |message: String| ImportError::in_row(row, line, message);
    if let Some((i, extra)) = record
        .cells
        .iter()
        .enumerate()
        .skip(header.width)
        .find(|(_, c)| !c.text.is_empty())
    {
        return Err(err(format!(
            "column {} holds “{}”, but the header row names only {} columns (A to {}), so \
             it would be lost; name that column in the header, remove the cell, or put \
             quotes around a cell that contains “{delimiter}”",
            column_letter(i),
            extra.text.chars().take(40).collect::<String>(),
            header.width,
            column_letter(header.width.saturating_sub(1)),
        )));
    }
    if record.cells.iter().all(|c| c.text.is_empty()) {
        return Ok(None);
    }
    let cell = |name: &str| header.column.get(name).and_then(|&i| record.cells.get(i));
    let text = |name: &str| cell(name).map_or("", |c| c.text.as_str());
    // "column G (emotion)" for messages.
    let at = |name: &str| {
        header.column.get(name).map_or_else(String::new, |&i| {
            format!("column {} ({name})", column_letter(i))
        })
    };
    let score = |name: &str, min: f64, max: f64| -> Result<Option<f64>, ImportError> {
        let raw = text(name);
        if raw.is_empty() {
            return Ok(None);
        }
        let value: f64 = raw.replace(',', ".").parse().map_err(|_| {
            err(format!(
                "{}: {name} “{raw}” is not a number; write a number from {min} to {max}, \
                 e.g. {}, or leave the cell blank",
                at(name),
                (min + max) / 2.0 + 0.5
            ))
        })?;
        if !(min..=max).contains(&value) || (value * 2.0).fract() != 0.0 {
            return Err(err(format!(
                "{}: {name} {raw} is not on the scale {min} to {max} in steps of 0.5; write \
                 e.g. {}, or leave the cell blank",
                at(name),
                (min + max) / 2.0 + 0.5
            )));
        }
        Ok(Some(value))
    };
    let perception = score("perception", 1.0, 5.0)?.and_then(|v| Perception::new(v).ok());
    let emotion = score("emotion", -2.0, 2.0)?.and_then(|v| Emotion::new(v).ok());
    let channel = channel(text("channel")).ok_or_else(|| {
        err(format!(
            "{}: channel “{}” is not one of: {}; use one of these or leave the cell blank",
            at("channel"),
            text("channel"),
            Channel::ALL
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let initiative = match text("initiative").to_lowercase().as_str() {
        "" | "proactive" => Initiative::Proactive,
        "reactive" => Initiative::Reactive,
        other => {
            return Err(err(format!(
                "{}: initiative “{other}” must be proactive or reactive (blank means \
                 proactive)",
                at("initiative")
            )));
        }
    };
    let id = match text("id") {
        "" => None,
        raw => {
            let digits = raw.strip_prefix('+').unwrap_or(raw);
            let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            match raw.parse::<u64>() {
                Ok(v) if (1..=MAX_SHEET_ID).contains(&v) => Some(v),
                Ok(v) if v > 0 => return Err(id_too_large(&err, &at("id"), raw)),
                Err(_) if all_digits => return Err(id_too_large(&err, &at("id"), raw)),
                _ => {
                    return Err(err(format!(
                        "{}: id “{raw}” is not a whole number above 0; write one, or leave \
                         the cell blank to have an id given",
                        at("id")
                    )));
                }
            }
        }
    };
    let mut next = Vec::new();
    for target in text("next").split([';', ',']).map(str::trim) {
        if target.is_empty() {
            continue;
        }
        next.push(target.parse::<u64>().map_err(|_| {
            err(format!(
                "{}: “{target}” is not an id; next lists the ids of the rows this one leads \
                 to, separated by ;",
                at("next")
            ))
        })?);
    }
    let title = text("title");
    if title.is_empty() {
        warnings.push(format!(
            "row {row}: the title is empty; the touchpoint is imported without one"
        ));
    }
    // A blank cell means none; `""` is a name that is empty.
    let name = |name: &str| {
        cell(name)
            .filter(|c| c.quoted || !c.text.is_empty())
            .map(|c| c.text.clone())
    };
    Ok(Some(Row {
        row,
        line,
        id,
        touchpoint: Touchpoint {
            title: title.to_owned(),
            notes: text("notes").to_owned(),
            channel,
            initiative,
            perception,
            emotion,
            pain_points: read_list(text("pain_points")),
            opportunities: read_list(text("opportunities")),
            ..Touchpoint::default()
        },
        stage: name("stage"),
        owner: name("owner"),
        next,
    }))
}

fn id_too_large(err: &dyn Fn(String) -> ImportError, at: &str, raw: &str) -> ImportError {
    err(format!(
        "{at}: id {raw} is above {}, the largest id Journeyboard takes from a sheet (a larger \
         one would leave no room for the ids of rows without one and of touchpoints added \
         later); renumber the ids, or leave the cell blank to have one given",
        grouped(MAX_SHEET_ID)
    ))
}

/// Builds a project from CSV text. `title` names the project. Stops at the first bad row
/// with its row number (the header is row 1, as spreadsheets count) and the text line
/// where that row starts.
pub fn from_csv(text: &str, title: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::new(text);
    let delimiter = reader.delimiter();
    let Some(header) = reader.next_record().transpose()? else {
        return Err(ImportError::in_row(
            1,
            1,
            "the sheet is empty; its first row must name the columns, at least title (e.g. \
             title,stage,owner)"
                .to_owned(),
        ));
    };
    let (header, mut warnings) = read_header(&header, delimiter)?;
    let mut rows = Vec::new();
    let mut sheet_ids: HashMap<u64, usize> = HashMap::new();
    while let Some(record) = reader.next_record() {
        let mut record = record?;
        for cell in &mut record.cells {
            let restored = restore_formula(&cell.text);
            if restored.len() != cell.text.len() {
                cell.text = restored.to_owned();
            }
        }
        // A value in a column Journeyboard does not read would be lost. Only the cells a
        // row has are looked at, so a header of thousands of empty names costs nothing.
        for (i, cell) in record.cells.iter().enumerate().take(header.width) {
            if let Some(Some(name)) = header.unknown.get(i)
                && !cell.text.is_empty()
            {
                let column = if name.is_empty() {
                    format!("column {} has no name in the header row", column_letter(i))
                } else {
                    format!(
                        "column {} “{name}” is not a column Journeyboard reads",
                        column_letter(i)
                    )
                };
                return Err(ImportError::in_row(
                    record.row,
                    record.line,
                    format!(
                        "{column}, but holds “{}” here, which would be lost; rename the \
                         column to one of {}, or delete it, then import again",
                        crate::model::quoted_short(&cell.text),
                        COLUMNS.join(", ")
                    ),
                ));
            }
        }
        let Some(row) = read_row(&record, &header, delimiter, &mut warnings)? else {
            continue;
        };
        if let Some(id) = row.id
            && let Some(first) = sheet_ids.insert(id, row.row)
        {
            let at = header.column.get("id").map_or(String::new(), |&i| {
                format!("column {} (id): ", column_letter(i))
            });
            return Err(ImportError::in_row(
                row.row,
                row.line,
                format!(
                    "{at}id {id} is used twice (also in row {first}); give each row its own \
                     id, or leave the cell blank to have one given"
                ),
            ));
        }
        if rows.len() == super::MAX_IMPORTED_TOUCHPOINTS {
            return Err(ImportError::in_row(
                row.row,
                row.line,
                format!(
                    "the sheet has more than {} touchpoint rows, the most Journeyboard imports \
                     into one project; split it into several sheets (by stage, say)",
                    grouped(super::MAX_IMPORTED_TOUCHPOINTS as u64)
                ),
            ));
        }
        rows.push(row);
    }
    for (i, name) in header.unknown.iter().enumerate() {
        if let Some(name) = name.as_deref().filter(|n| !n.is_empty()) {
            warnings.push(format!(
                "ignoring column {} “{name}”: Journeyboard does not read it, and it is empty",
                column_letter(i)
            ));
        }
    }
    let (mut project, lanes, stage_of_row) = build_stages(&rows, title, &mut warnings)?;
    let owner_of_row = build_owners(&mut project, &rows, &mut warnings)?;

    // Touchpoints, laid out down their lanes in sheet order. Rows without an id get the
    // ids after the highest one in the sheet.
    let mut lane_rows = vec![0_usize; lanes.len()];
    let mut placed = Vec::with_capacity(rows.len());
    let mut next_free = sheet_ids.keys().max().map_or(1, |max| max + 1);
    for ((r, lane), owner) in rows.iter().zip(stage_of_row).zip(owner_of_row) {
        let err = |message: String| ImportError::in_row(r.row, r.line, message);
        let position = stacked_position(lane_rows[lane]).ok_or_else(|| {
            err(format!(
                "stage “{}” has more than {MAX_STACKED_ROWS} touchpoints, more than one lane \
                 can hold; split the sheet or spread the rows over more stages",
                project.stages()[lane].name
            ))
        })?;
        lane_rows[lane] += 1;
        let mut touchpoint = r.touchpoint.clone();
        touchpoint.stage = lanes[lane].clone();
        touchpoint.owner = owner;
        touchpoint.position = position;
        let id = match r.id {
            Some(id) => id,
            None => {
                let id = next_free;
                next_free = next_free.checked_add(1).ok_or_else(|| {
                    err("no id is left for this row; renumber the ids in the sheet".to_owned())
                })?;
                id
            }
        };
        let id = TouchpointId(id);
        project
            .insert_touchpoint(id, touchpoint)
            .map_err(|e| err(e.to_string()))?;
        placed.push((r, id));
    }

    // Links: explicit `next` targets, or sheet order when there is no `next` column.
    let link = |project: &mut Project, r: &Row, from, to| {
        project
            .add_link(Link {
                from,
                to,
                kind: LinkKind::Flow,
                label: None,
            })
            .map(|_| ())
            .map_err(|e| ImportError::in_row(r.row, r.line, e.to_string()))
    };
    if header.column.contains_key("next") {
        for (r, id) in &placed {
            for &target in &r.next {
                if !sheet_ids.contains_key(&target) {
                    let at = header.column.get("next").map_or(String::new(), |&i| {
                        format!("column {} (next): ", column_letter(i))
                    });
                    return Err(ImportError::in_row(
                        r.row,
                        r.line,
                        format!(
                            "{at}next names id {target}, which no row has; give that row the \
                             id or remove it from next"
                        ),
                    ));
                }
                link(&mut project, r, *id, TouchpointId(target))?;
            }
        }
    } else {
        for pair in placed.windows(2) {
            link(&mut project, pair[1].0, pair[0].1, pair[1].1)?;
        }
    }
    Ok(Imported::new(project, warnings))
}

/// The project with its stages, each stage's key by lane, and each row's lane.
///
/// The default six stages are used when every stage named in the sheet is one of them (in
/// any case) and they first appear in the default order; a different spelling renames
/// that stage. Otherwise the stages are the names in order of first appearance, and rows
/// without a stage go to "Unsorted".
fn build_stages(
    rows: &[Row],
    title: &str,
    warnings: &mut Vec<String>,
) -> Result<(Project, Vec<StageId>, Vec<usize>), ImportError> {
    let default_index: HashMap<String, usize> = DEFAULT_STAGES
        .iter()
        .enumerate()
        .map(|(i, (_, name))| (name.to_lowercase(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut last_default = None;
    let mut use_defaults = true;
    for name in rows.iter().filter_map(|r| r.stage.as_deref()) {
        let key = name.to_lowercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        match default_index.get(&key) {
            Some(&i) if last_default.is_none_or(|last| i > last) => last_default = Some(i),
            _ => {
                use_defaults = false;
                break;
            }
        }
    }

    let mut names = Names::default();
    let mut stage_of_row = Vec::with_capacity(rows.len());
    for r in rows {
        let name = match (&r.stage, use_defaults) {
            (Some(name), _) => Some(name.as_str()),
            (None, true) => None,
            (None, false) => Some("Unsorted"),
        };
        stage_of_row.push(name.map(|n| names.note(n, "stage", r.row, warnings)));
    }

    let mut project;
    let mut lane_of_name = Vec::with_capacity(names.first.len());
    if use_defaults {
        project = Project::new(title);
        for name in &names.first {
            let i = default_index
                .get(&name.to_lowercase())
                .copied()
                .unwrap_or_default();
            if let Some(current) = project.stage_name_mut(DEFAULT_STAGES[i].0)
                && current != name
            {
                current.clone_from(name);
            }
            lane_of_name.push(i);
        }
    } else {
        project = Project::empty(title);
        let mut keys = FreshKeys::default();
        for (i, name) in names.first.iter().enumerate() {
            project
                .insert_stage(
                    usize::MAX,
                    Stage {
                        id: keys.fresh(name).into(),
                        name: name.clone(),
                    },
                )
                .map_err(|e| ImportError::whole_file(e.to_string()))?;
            lane_of_name.push(i);
        }
    }
    let lanes: Vec<StageId> = project.stages().iter().map(|s| s.id.clone()).collect();
    let stage_of_row = stage_of_row
        .into_iter()
        .map(|name| name.map_or(0, |n| lane_of_name[n]))
        .collect();
    Ok((project, lanes, stage_of_row))
}

/// Adds an owner for each owner name (in order of first appearance) and returns each
/// row's owner key.
fn build_owners(
    project: &mut Project,
    rows: &[Row],
    warnings: &mut Vec<String>,
) -> Result<Vec<Option<OwnerId>>, ImportError> {
    let mut names = Names::default();
    let of_row: Vec<Option<usize>> = rows
        .iter()
        .map(|r| {
            r.owner
                .as_deref()
                .map(|n| names.note(n, "owner", r.row, warnings))
        })
        .collect();
    let mut keys = FreshKeys::default();
    let mut ids = Vec::with_capacity(names.first.len());
    for name in &names.first {
        // `new_owner` gives the next palette colour; the key comes from `keys`, which
        // stays linear where probing the project for each name would not.
        let key = keys.fresh(name);
        let mut owner = project.new_owner(&key);
        keys.take(&owner.id);
        owner.name.clone_from(name);
        ids.push(owner.id.clone());
        project
            .insert_owner(usize::MAX, owner)
            .map_err(|e| ImportError::whole_file(e.to_string()))?;
    }
    Ok(of_row
        .into_iter()
        .map(|i| i.map(|i| ids[i].clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_exactly_what_was_written() {
        let cases: [&[&str]; 6] = [
            &[],
            &["Long wait", "Transferred twice"],
            &["a; b", "say \"hi\"", ""],
            &[" lead", "trail ", "\"", ";"],
            &["x\ny", "\"quoted\" then"],
            &[""],
        ];
        for items in cases {
            let items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
            let cell = write_list(&items);
            assert_eq!(read_list(&cell), items, "{cell:?}");
        }
        assert_eq!(
            write_list(&["Long wait".to_owned(), "Transferred twice".to_owned()]),
            "Long wait; Transferred twice"
        );
    }

    #[test]
    fn lists_as_people_type_them() {
        assert_eq!(read_list(" a ;; b ; "), ["a", "b"]);
        assert_eq!(
            read_list("\"free\" delivery; fast"),
            ["\"free\" delivery", "fast"]
        );
        assert_eq!(read_list("\"never closed; x"), ["\"never closed", "x"]);
        assert_eq!(read_list("5\" screen"), ["5\" screen"]);
    }
}
