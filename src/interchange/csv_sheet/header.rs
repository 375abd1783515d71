//! The header row of a sheet: which column holds what, and the columns Journeyboard does
//! not read (a value in one of them would be lost, so it is refused).

use std::collections::HashMap;

use super::COLUMNS;
use crate::interchange::ImportError;
use crate::interchange::csv_text::{Record, column_letter};

/// The header: which column holds what.
pub(super) struct Header {
    /// The column index of each column Journeyboard reads, by its name in [`COLUMNS`].
    pub(super) column: HashMap<&'static str, usize>,
    /// How many columns the header row has.
    pub(super) width: usize,
    /// For each column Journeyboard does not read, its header text (empty for a column
    /// without a name): a value in it would be lost, so it is refused.
    pub(super) unknown: Vec<Option<String>>,
}

/// Reads the header row: which column holds what. Refuses two columns with one meaning
/// and a header without a title column.
pub(super) fn read_header(
    header: &Record,
    delimiter: char,
) -> Result<(Header, Vec<String>), ImportError> {
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

/// Refuses a row with a value in a column Journeyboard does not read, which would be lost.
/// Only the cells the row has are looked at, so a header of thousands of empty names costs
/// nothing.
pub(super) fn refuse_unread_values(record: &Record, header: &Header) -> Result<(), ImportError> {
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
    Ok(())
}

/// Warns about each named column Journeyboard does not read (all of them empty, since
/// a value in one is refused).
pub(super) fn warn_unread_columns(header: &Header, warnings: &mut Vec<String>) {
    for (i, name) in header.unknown.iter().enumerate() {
        if let Some(name) = name.as_deref().filter(|n| !n.is_empty()) {
            warnings.push(format!(
                "ignoring column {} “{name}”: Journeyboard does not read it, and it is empty",
                column_letter(i)
            ));
        }
    }
}

/// "column G (emotion): " for messages about a column, or nothing when the header does
/// not name it.
pub(super) fn column_prefix(header: &Header, name: &str) -> String {
    header.column.get(name).map_or(String::new(), |&i| {
        format!("column {} ({name}): ", column_letter(i))
    })
}
