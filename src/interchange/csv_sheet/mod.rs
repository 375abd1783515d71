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

mod cells;
mod header;
mod names;
mod read;
mod row;
mod write;

pub use read::from_csv;
pub use write::to_csv;

/// The columns Journeyboard reads and writes, in the order it writes them.
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
