//! One data row of a sheet read into a touchpoint, refusing any cell it would otherwise
//! lose or misread.

use super::MAX_SHEET_ID;
use super::cells::read_list;
use super::header::Header;
use crate::interchange::csv_text::{Cell, Record, column_letter};
use crate::interchange::{ImportError, grouped};
use crate::model::{Channel, Emotion, Initiative, Perception, Touchpoint};

/// One touchpoint row, read but not yet placed.
pub(super) struct Row {
    /// Its row number, as spreadsheets count (the header is row 1).
    pub(super) row: usize,
    /// The text line where the row starts.
    pub(super) line: usize,
    /// The id the sheet gives it, if any.
    pub(super) id: Option<u64>,
    /// Its fields; stage, owner and position are set when it is placed.
    pub(super) touchpoint: Touchpoint,
    /// Its stage's name: `None` for a blank cell, `Some("")` for `""`.
    pub(super) stage: Option<String>,
    /// Its owner's name, read the same way.
    pub(super) owner: Option<String>,
    /// The ids of the rows it leads to.
    pub(super) next: Vec<u64>,
}

/// Reads one data row; `None` for a blank row.
pub(super) fn read_row(
    record: &Record,
    header: &Header,
    delimiter: char,
    warnings: &mut Vec<String>,
) -> Result<Option<Row>, ImportError> {
    refuse_cells_past_header(record, header, delimiter)?;
    if record.cells.iter().all(|c| c.text.is_empty()) {
        return Ok(None);
    }
    let cells = Cells { record, header };
    let perception = cells
        .score("perception", 1.0, 5.0)?
        .and_then(|v| Perception::new(v).ok());
    let emotion = cells
        .score("emotion", -2.0, 2.0)?
        .and_then(|v| Emotion::new(v).ok());
    let channel = cells.channel()?;
    let initiative = cells.initiative()?;
    let id = cells.id()?;
    let next = cells.next()?;
    let title = cells.text("title");
    if title.is_empty() {
        warnings.push(format!(
            "row {}: the title is empty; the touchpoint is imported without one",
            record.row
        ));
    }
    Ok(Some(Row {
        row: record.row,
        line: record.line,
        id,
        touchpoint: Touchpoint {
            title: title.to_owned(),
            notes: cells.text("notes").to_owned(),
            channel,
            initiative,
            perception,
            emotion,
            pain_points: read_list(cells.text("pain_points")),
            opportunities: read_list(cells.text("opportunities")),
            ..Touchpoint::default()
        },
        stage: cells.name("stage"),
        owner: cells.name("owner"),
        next,
    }))
}

/// Refuses a value past the header's last column: it would be lost (often a cell that
/// holds the delimiter without quotes).
fn refuse_cells_past_header(
    record: &Record,
    header: &Header,
    delimiter: char,
) -> Result<(), ImportError> {
    let Some((i, extra)) = record
        .cells
        .iter()
        .enumerate()
        .skip(header.width)
        .find(|(_, c)| !c.text.is_empty())
    else {
        return Ok(());
    };
    Err(ImportError::in_row(
        record.row,
        record.line,
        format!(
            "column {} holds “{}”, but the header row names only {} columns (A to {}), so \
             it would be lost; name that column in the header, remove the cell, or put \
             quotes around a cell that contains “{delimiter}”",
            column_letter(i),
            extra.text.chars().take(40).collect::<String>(),
            header.width,
            column_letter(header.width.saturating_sub(1)),
        ),
    ))
}

/// One data row's cells, looked up by column name, each read with a message that says
/// where it went wrong.
struct Cells<'a> {
    record: &'a Record,
    header: &'a Header,
}

impl<'a> Cells<'a> {
    /// The cell of a column, if the header names it and the row reaches it.
    fn cell(&self, name: &str) -> Option<&'a Cell> {
        self.header
            .column
            .get(name)
            .and_then(|&i| self.record.cells.get(i))
    }

    /// The text of a column's cell; empty when there is none.
    fn text(&self, name: &str) -> &'a str {
        self.cell(name).map_or("", |c| c.text.as_str())
    }

    /// "column G (emotion)" for messages; empty when the header does not name it.
    fn at(&self, name: &str) -> String {
        self.header.column.get(name).map_or_else(String::new, |&i| {
            format!("column {} ({name})", column_letter(i))
        })
    }

    /// An error in this row.
    fn err(&self, message: String) -> ImportError {
        ImportError::in_row(self.record.row, self.record.line, message)
    }

    /// A score from `min` to `max` in steps of 0.5 (a decimal comma is taken as a point);
    /// `None` for a blank cell.
    fn score(&self, name: &str, min: f64, max: f64) -> Result<Option<f64>, ImportError> {
        let raw = self.text(name);
        if raw.is_empty() {
            return Ok(None);
        }
        let value: f64 = raw.replace(',', ".").parse().map_err(|_| {
            self.err(format!(
                "{}: {name} “{raw}” is not a number; write a number from {min} to {max}, \
                 e.g. {}, or leave the cell blank",
                self.at(name),
                (min + max) / 2.0 + 0.5
            ))
        })?;
        if !(min..=max).contains(&value) || (value * 2.0).fract() != 0.0 {
            return Err(self.err(format!(
                "{}: {name} {raw} is not on the scale {min} to {max} in steps of 0.5; write \
                 e.g. {}, or leave the cell blank",
                self.at(name),
                (min + max) / 2.0 + 0.5
            )));
        }
        Ok(Some(value))
    }

    /// The channel; blank means "other".
    fn channel(&self) -> Result<Channel, ImportError> {
        parse_channel(self.text("channel")).ok_or_else(|| {
            self.err(format!(
                "{}: channel “{}” is not one of: {}; use one of these or leave the cell blank",
                self.at("channel"),
                self.text("channel"),
                Channel::ALL
                    .iter()
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }

    /// Proactive or reactive, in any case; blank means proactive.
    fn initiative(&self) -> Result<Initiative, ImportError> {
        match self.text("initiative").to_lowercase().as_str() {
            "" | "proactive" => Ok(Initiative::Proactive),
            "reactive" => Ok(Initiative::Reactive),
            other => Err(self.err(format!(
                "{}: initiative “{other}” must be proactive or reactive (blank means \
                 proactive)",
                self.at("initiative")
            ))),
        }
    }

    /// The id, from 1 to [`MAX_SHEET_ID`]; `None` for a blank cell (an id is given later).
    fn id(&self) -> Result<Option<u64>, ImportError> {
        let raw = self.text("id");
        if raw.is_empty() {
            return Ok(None);
        }
        let digits = raw.strip_prefix('+').unwrap_or(raw);
        let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        match raw.parse::<u64>() {
            Ok(v) if (1..=MAX_SHEET_ID).contains(&v) => Ok(Some(v)),
            Ok(v) if v > 0 => Err(self.id_too_large(raw)),
            Err(_) if all_digits => Err(self.id_too_large(raw)),
            _ => Err(self.err(format!(
                "{}: id “{raw}” is not a whole number above 0; write one, or leave \
                 the cell blank to have an id given",
                self.at("id")
            ))),
        }
    }

    /// The error for an id above [`MAX_SHEET_ID`].
    fn id_too_large(&self, raw: &str) -> ImportError {
        self.err(format!(
            "{}: id {raw} is above {}, the largest id Journeyboard takes from a sheet (a larger \
             one would leave no room for the ids of rows without one and of touchpoints added \
             later); renumber the ids, or leave the cell blank to have one given",
            self.at("id"),
            grouped(MAX_SHEET_ID)
        ))
    }

    /// The ids this row leads to, separated by `;` or `,`.
    fn next(&self) -> Result<Vec<u64>, ImportError> {
        let mut next = Vec::new();
        for target in self.text("next").split([';', ',']).map(str::trim) {
            if target.is_empty() {
                continue;
            }
            next.push(target.parse::<u64>().map_err(|_| {
                self.err(format!(
                    "{}: “{target}” is not an id; next lists the ids of the rows this one \
                     leads to, separated by ;",
                    self.at("next")
                ))
            })?);
        }
        Ok(next)
    }

    /// A stage or owner name: `None` for a blank cell, while `""` is a name that is empty.
    fn name(&self, name: &str) -> Option<String> {
        self.cell(name)
            .filter(|c| c.quoted || !c.text.is_empty())
            .map(|c| c.text.clone())
    }
}

/// The channel a cell names: its label (or one part of a label such as "Mail / print"),
/// its key, or blank for "other"; `None` for anything else.
fn parse_channel(cell: &str) -> Option<Channel> {
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
