//! Journeys in and out of other tools: CSV sheets and Mermaid `journey` diagrams.
//!
//! Both importers build the project in one pass with names indexed in hash maps and fresh
//! keys handed out by [`FreshKeys`], so their cost grows linearly with the input. Input
//! files are read up to [`crate::file::MAX_FILE_BYTES`], the size of the largest project the
//! loader opens.

/// The most touchpoints an import creates: a hundred times a large workshop's. Beyond it a
/// sheet or diagram is refused at the row or line that goes over, so `import` stays within
/// about a second (a project of this size is a 20 MB file).
pub const MAX_IMPORTED_TOUCHPOINTS: usize = 36_000;

/// The most stages (Mermaid sections) an import creates: as many as touchpoints (a journey
/// has a handful). A sheet cannot go over it (each stage needs a row), a diagram is refused
/// at the section that does.
pub const MAX_IMPORTED_STAGES: usize = MAX_IMPORTED_TOUCHPOINTS;

pub mod csv_sheet;
mod csv_text;
pub mod mermaid;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::file::{BoundedRead, MAX_FILE_BYTES, grouped, line_column, read_bounded};
use crate::model::Project;

/// A project built from another format, with what the user should know.
pub struct Imported {
    /// The new project.
    pub project: Project,
    /// Things ignored or assumed (e.g. unknown columns).
    pub warnings: Vec<String>,
}

/// Most warnings an import lists one by one; the rest are counted.
const MAX_WARNINGS: usize = 100;

impl Imported {
    /// The result, with warnings beyond [`MAX_WARNINGS`] counted instead of listed.
    fn new(project: Project, mut warnings: Vec<String>) -> Self {
        if warnings.len() > MAX_WARNINGS {
            let more = warnings.len() - MAX_WARNINGS;
            warnings.truncate(MAX_WARNINGS);
            warnings.push(format!("… and {more} more warnings like these"));
        }
        Self { project, warnings }
    }
}

/// Why an import stopped. Nothing is written when it fails.
#[derive(Debug, thiserror::Error)]
pub struct ImportError {
    /// The file, once known.
    pub file: Option<PathBuf>,
    /// 1-based line (for CSV, the row as spreadsheets number it: header = 1); 0 when the
    /// problem is the file as a whole.
    pub line: usize,
    /// For CSV, the 1-based line of the text where the problem is: where the row starts,
    /// or where a quote opens (a cell with line breaks makes one row span several lines).
    pub text_line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        match (self.line, self.text_line) {
            (0, _) => {}
            (row, Some(line)) => write!(f, "row {row} (line {line}): ")?,
            (line, None) => write!(f, "line {line}: ")?,
        }
        f.write_str(&self.message)
    }
}

impl ImportError {
    /// A problem on a line of a text format.
    pub(crate) fn at(line: usize, message: String) -> Self {
        Self {
            file: None,
            line,
            text_line: None,
            message,
        }
    }

    /// A problem in a sheet's row, which starts on `line` of the text.
    pub(crate) fn in_row(row: usize, line: usize, message: String) -> Self {
        Self {
            file: None,
            line: row,
            text_line: Some(line),
            message,
        }
    }

    /// A problem with the file as a whole.
    fn whole_file(message: String) -> Self {
        Self::at(0, message)
    }
}

/// The formats Journeyboard imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated touchpoint rows.
    Csv,
    /// Mermaid `journey` diagram.
    Mermaid,
}

impl Format {
    /// The format a file name suggests (`.csv`; `.mmd`, `.mermaid`, `.md`).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_string_lossy().to_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "mmd" | "mermaid" | "md" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

/// Reads a CSV or Mermaid file into a new project titled after the file.
///
/// Files over [`MAX_FILE_BYTES`] are refused before they are read: the project they would
/// make is larger than any project file Journeyboard opens.
pub fn import_file(path: &Path, format: Format) -> Result<Imported, ImportError> {
    let with_file = |mut e: ImportError| {
        e.file = Some(path.to_owned());
        e
    };
    let text = read_text(path).map_err(with_file)?;
    let title = path.file_stem().map_or_else(
        || "Imported journey".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    match format {
        Format::Csv => csv_sheet::from_csv(&text, &title),
        Format::Mermaid => mermaid::from_mermaid(&text, &title),
    }
    .map_err(with_file)
}

/// The file's text, refused when over [`MAX_FILE_BYTES`] or not UTF-8.
fn read_text(path: &Path) -> Result<String, ImportError> {
    let cannot_read = |e: std::io::Error| {
        ImportError::whole_file(format!(
            "cannot read the file ({}); check the path and that you may read it",
            crate::file::io_reason(&e)
        ))
    };
    let too_large = |size: u64| {
        ImportError::whole_file(format!(
            "the file is {} bytes, over the limit of {} bytes (64 MiB) for an import: the \
             project it would make is larger than any project file Journeyboard opens. Split \
             it into several files and import each",
            grouped(size),
            grouped(MAX_FILE_BYTES)
        ))
    };
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|err| match err {
        BoundedRead::Io(e) => cannot_read(e),
        // A named pipe with no writer would wait forever; a folder cannot be read.
        BoundedRead::Special(_) => ImportError::whole_file(
            "this is not a regular file (a folder, named pipe or device); give the path of a \
             .csv or .mmd file"
                .to_owned(),
        ),
        BoundedRead::TooLarge(size) => too_large(size),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = &bytes[..e.utf8_error().valid_up_to()];
        let (line, column) = line_column(&String::from_utf8_lossy(valid));
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        let what = if utf16 {
            "the file is UTF-16 text (“Unicode text”), not UTF-8"
        } else {
            "the file is not UTF-8 text"
        };
        ImportError::at(
            line,
            format!(
                "{what} (first bad byte at column {column}); save it as UTF-8 (in a \
                 spreadsheet: “CSV UTF-8”) and import again"
            ),
        )
    })
}

/// Hands out unique keys for stages or owners in time proportional to their number.
///
/// A key is made from a display name as the editor makes it (lowercase letters and digits,
/// other runs of characters become `-`, `item` when nothing is left), with `-2`, `-3`, …
/// added when taken. Each base name remembers the next suffix to try, so thousands of
/// names with the same base (e.g. differing only in punctuation) do not probe from `-2`
/// every time.
#[derive(Default)]
pub(crate) struct FreshKeys {
    taken: HashSet<String>,
    next_suffix: HashMap<String, u64>,
}

impl FreshKeys {
    /// Marks `key` as used.
    pub(crate) fn take(&mut self, key: &str) {
        self.taken.insert(key.to_owned());
    }

    /// A key for `name` not handed out or taken before; it is taken now.
    pub(crate) fn fresh(&mut self, name: &str) -> String {
        let base = crate::model::slug(name);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let key = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(key.clone()) {
                return key;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_keys_are_slugs_numbered_from_two_and_never_repeat() {
        let mut keys = FreshKeys::default();
        assert_eq!(keys.fresh("Onboarding & use"), "onboarding-use");
        assert_eq!(keys.fresh("Sales!"), "sales");
        assert_eq!(keys.fresh("Sales?"), "sales-2");
        keys.take("sales-3");
        assert_eq!(keys.fresh("sales."), "sales-4");
        assert_eq!(keys.fresh("sales-4"), "sales-4-2");
        assert_eq!(keys.fresh("!!!"), "item");
        assert_eq!(keys.fresh(""), "item-2");
    }

    #[test]
    fn many_names_with_one_base_stay_unique() {
        let mut keys = FreshKeys::default();
        let all: HashSet<String> = (0..5000).map(|_| keys.fresh("S")).collect();
        assert_eq!(all.len(), 5000);
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(67_108_864), "67,108,864");
    }
}
