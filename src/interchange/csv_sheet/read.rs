//! Reading a sheet into a project: the header, then every row, then the stages and owners
//! they name, then the touchpoints laid out down their lanes, then the links.

use std::collections::HashMap;

use super::cells::restore_formula;
use super::header::{
    Header, column_prefix, read_header, refuse_unread_values, warn_unread_columns,
};
use super::names::{build_owners, build_stages};
use super::row::{Row, read_row};
use crate::interchange::csv_text::Reader;
use crate::interchange::{ImportError, Imported, MAX_IMPORTED_TOUCHPOINTS, grouped};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{Link, LinkKind, OwnerId, Project, StageId, TouchpointId};

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
    let (rows, sheet_ids) = read_rows(&mut reader, &header, delimiter, &mut warnings)?;
    warn_unread_columns(&header, &mut warnings);
    let (mut project, lanes, stage_of_row) = build_stages(&rows, title, &mut warnings)?;
    let owner_of_row = build_owners(&mut project, &rows, &mut warnings)?;
    let next_free = sheet_ids.keys().max().map_or(1, |max| max + 1);
    let placed = place_touchpoints(
        &mut project,
        &rows,
        &lanes,
        stage_of_row,
        owner_of_row,
        next_free,
    )?;
    add_links(&mut project, &header, &placed, &sheet_ids)?;
    Ok(Imported::new(project, warnings))
}

/// Reads every data row after the header, with the row each sheet id is first given in.
/// Refuses a value in a column Journeyboard does not read, an id given twice, and more
/// rows than [`MAX_IMPORTED_TOUCHPOINTS`].
fn read_rows(
    reader: &mut Reader<'_>,
    header: &Header,
    delimiter: char,
    warnings: &mut Vec<String>,
) -> Result<(Vec<Row>, HashMap<u64, usize>), ImportError> {
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
        refuse_unread_values(&record, header)?;
        let Some(row) = read_row(&record, header, delimiter, warnings)? else {
            continue;
        };
        if let Some(id) = row.id
            && let Some(first) = sheet_ids.insert(id, row.row)
        {
            let at = column_prefix(header, "id");
            return Err(ImportError::in_row(
                row.row,
                row.line,
                format!(
                    "{at}id {id} is used twice (also in row {first}); give each row its own \
                     id, or leave the cell blank to have one given"
                ),
            ));
        }
        if rows.len() == MAX_IMPORTED_TOUCHPOINTS {
            return Err(ImportError::in_row(
                row.row,
                row.line,
                format!(
                    "the sheet has more than {} touchpoint rows, the most Journeyboard imports \
                     into one project; split it into several sheets (by stage, say)",
                    grouped(crate::convert::u64_from_usize(MAX_IMPORTED_TOUCHPOINTS))
                ),
            ));
        }
        rows.push(row);
    }
    Ok((rows, sheet_ids))
}

/// Adds each row's touchpoint with its owner, laid out down its lane (`lanes` holds the
/// stage key of each lane) in sheet order, and returns each row with its id. Rows without an id get the ids from `next_free` on (after the highest
/// one in the sheet).
fn place_touchpoints<'r>(
    project: &mut Project,
    rows: &'r [Row],
    lanes: &[StageId],
    stage_of_row: Vec<usize>,
    owner_of_row: Vec<Option<OwnerId>>,
    mut next_free: u64,
) -> Result<Vec<(&'r Row, TouchpointId)>, ImportError> {
    let mut lane_rows = vec![0_usize; lanes.len()];
    let mut placed = Vec::with_capacity(rows.len());
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
    Ok(placed)
}

/// Adds the flow links: each row's explicit `next` targets, or sheet order when there is
/// no `next` column. Refuses a target id that no row has.
fn add_links(
    project: &mut Project,
    header: &Header,
    placed: &[(&Row, TouchpointId)],
    sheet_ids: &HashMap<u64, usize>,
) -> Result<(), ImportError> {
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
    if !header.column.contains_key("next") {
        for pair in placed.windows(2) {
            link(project, pair[1].0, pair[0].1, pair[1].1)?;
        }
        return Ok(());
    }
    for (r, id) in placed {
        for &target in &r.next {
            if !sheet_ids.contains_key(&target) {
                let at = column_prefix(header, "next");
                return Err(ImportError::in_row(
                    r.row,
                    r.line,
                    format!(
                        "{at}next names id {target}, which no row has; give that row the \
                         id or remove it from next"
                    ),
                ));
            }
            link(project, r, *id, TouchpointId(target))?;
        }
    }
    Ok(())
}
