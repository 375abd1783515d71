//! Why a file could not be opened or saved, in the user's words: the error types, and
//! the helpers that put parser errors, sizes, numbers and system reasons into words.

use std::path::PathBuf;

use crate::model::{ModelError, ScoreError, TouchpointId};

/// Why a project file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error(
        "could not read {}: {}; check the file's name and folder, and that you may read it",
        path.display(),
        io_reason(source)
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A PNG picture that carries no project.
    #[error(
        "{} is a PNG picture without a Journeyboard project inside. Only pictures exported by \
         Journeyboard carry one; open the .ron project file instead",
        path.display()
    )]
    NoProjectInPng {
        /// The file.
        path: PathBuf,
    },
    /// A bundle (.jbz) that is refused or cannot be read.
    #[error(
        "{} {reason}; nothing was unpacked. Ask for the bundle again, or open its project \
         file instead",
        path.display()
    )]
    BadBundle {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A PNG file that could not be read.
    #[error("{}: {reason}", path.display())]
    BadPng {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The file is larger than any real journey.
    #[error(
        "{} is {}, over Journeyboard's limit of {} for a project file; check that this is \
         a Journeyboard project (a 5,000-touchpoint journey is about 3 MB)",
        path.display(),
        in_words(*size),
        in_words(*max)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The text is not valid UTF-8.
    #[error(
        "{}:{line}:{column}: the file is not UTF-8 text. Journeyboard files are UTF-8; \
         re-save it as UTF-8 in a text editor, or check that this is the right file",
        path.display()
    )]
    NotText {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column of the first bad byte.
        column: usize,
    },
    /// The text is not valid RON or does not match the schema.
    #[error(
        "{}:{line}:{column}: {message}. Fix the file at that line and column in a text \
         editor, or restore an earlier copy",
        path.display()
    )]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected or found.
        message: String,
    },
    /// The file holds nothing.
    #[error(
        "{} is empty. A Journeyboard project starts with `(` and `version: 2,`; if the file \
         was emptied by accident, restore an earlier copy (the editor's recovery copy \
         `.NAME.ron.jb-recovery` may be beside it)",
        path.display()
    )]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// Not a file that can hold a project (a folder, a pipe, a device).
    #[error("{} is {what}, not a project file; give the path of a .ron project", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// The file was written by a newer Journeyboard.
    #[error(
        "{} was made by a newer Journeyboard (file format version {found}; this version \
         reads up to {supported}). Update Journeyboard to open it",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The version number is not one that ever existed.
    #[error(
        "{}: file format version {found} does not exist (versions start at 1). Set \
         `version: 1` if the file was written by hand",
        path.display()
    )]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// The file parses but breaks the document's rules.
    #[error("{}: {problem}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: Problem,
    },
}

/// A rule of the document that a file breaks.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// Dangling reference, duplicate id, and the like.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A score outside its scale.
    #[error(
        "touchpoint {touchpoint} (\"{title}\") has {field} {}; use a value from {} to {} \
         in steps of 0.5, or remove the field to leave it unscored",
        source.value, source.min, source.max
    )]
    Score {
        /// The touchpoint.
        touchpoint: TouchpointId,
        /// Its title.
        title: String,
        /// "perception" or "emotion".
        field: &'static str,
        /// The rejected value and scale.
        source: ScoreError,
    },
    /// A position that is not a finite number.
    #[error(
        "touchpoint {touchpoint} (\"{title}\") has position x: {x}, y: {y}; positions must \
         be finite numbers between -{max} and {max}"
    )]
    Position {
        /// The touchpoint.
        touchpoint: TouchpointId,
        /// Its title.
        title: String,
        /// The x given.
        x: f32,
        /// The y given.
        y: f32,
        /// The largest allowed magnitude.
        max: f32,
    },
    /// An owner colour that is not `#RRGGBB`.
    #[error(
        "owner \"{owner}\" has colour \"{colour}\"; write colours as \"#RRGGBB\", e.g. \"#3a7bd5\""
    )]
    Colour {
        /// The owner's key.
        owner: String,
        /// The text given.
        colour: String,
    },
    /// An id or id counter beyond [`crate::model::MAX_ID`].
    #[error(
        "{what} {value} is above the largest id Journeyboard uses ({max}); renumber it below \
         that (ids only need to be unique)"
    )]
    IdTooLarge {
        /// Which id, e.g. "touchpoint id" or "next_link_id".
        what: &'static str,
        /// The value in the file.
        value: u64,
        /// The largest allowed.
        max: u64,
    },
    /// A stage or owner with an empty key.
    #[error("a {what} has an empty id; give it a short key such as \"{example}\"")]
    EmptyKey {
        /// "stage" or "owner".
        what: &'static str,
        /// A suggestion.
        example: &'static str,
    },
}

/// Why a project could not be saved. The previous file, if any, is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error(
        "could not save {}: {}. A file already there is unchanged; check that the \
         folder exists and is writable and that the disk has space, or save under \
         another name",
        path.display(),
        io_reason(source)
    )]
    Write {
        /// The file that was being saved.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A bundle could not be written, or the pictures of a project from a bundle could
    /// not be put beside it.
    #[error(
        "could not save {}: {reason}. A file already there is unchanged",
        path.display()
    )]
    Pictures {
        /// The file that was being saved.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The file is marked read-only.
    #[error(
        "{} is read-only, so it was not overwritten. Save under another name (Save As), \
         or make the file writable first",
        path.display()
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The output is something Journeyboard does not write into.
    #[error(
        "{} is {what}, not a file Journeyboard can write; choose a file name instead",
        path.display()
    )]
    NotAFile {
        /// The output as given.
        path: PathBuf,
        /// What it is ("a folder", "a socket", ...).
        what: String,
    },
    /// Writing to standard output failed.
    #[error("could not write to standard output: {}", io_reason(source))]
    Stdout {
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The project is larger than Journeyboard opens, so writing it would make a file
    /// that cannot be opened again.
    #[error(
        "{} was not written: the project would be {}, over the {} Journeyboard opens as a \
         project file. Split the journey into several projects, or shorten its longest texts",
        path.display(),
        in_words(*size),
        in_words(*max)
    )]
    TooLarge {
        /// The file that was being saved.
        path: PathBuf,
        /// The size the file would have had.
        size: u64,
        /// [`super::MAX_FILE_BYTES`].
        max: u64,
    },
    /// The project could not be turned into text (should not happen).
    #[error("could not save {}: {message}", path.display())]
    Serialize {
        /// The file that was being saved.
        path: PathBuf,
        /// The serializer's reason.
        message: String,
    },
}

/// What a file is when it is not a regular file, in the user's words (`None` for a
/// regular file): for messages about projects, pictures and sheets alike.
pub(crate) fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// What a part of the file is called in messages, from the schema's type names.
pub(super) fn part_name(schema_type: &str) -> &'static str {
    match schema_type {
        "PersonaFile" => "the persona",
        "StageFile" => "a stage",
        "OwnerFile" => "an owner",
        "TouchpointFile" => "a touchpoint",
        "LinkFile" => "a link",
        "ChannelFile" => "channel",
        "InitiativeFile" => "initiative",
        "LinkKindFile" => "link kind",
        _ => "the project",
    }
}

/// A parser error in the user's words: no internal type names, and what is allowed.
pub(super) fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match code {
        E::ExceededRecursionLimit => "brackets are nested more than 128 levels deep here, \
            deeper than any project needs; the file is damaged or not a Journeyboard project"
            .to_owned(),
        E::Eof => "the file ends too early: a closing bracket or quote is missing".to_owned(),
        E::ExpectedComma => "a comma is missing here, between two fields or list items".to_owned(),
        E::ExpectedFloat | E::ExpectedInteger => "a number is expected here".to_owned(),
        E::ExpectedString | E::ExpectedStringEnd => {
            "a text in double quotes (\"…\") is expected here".to_owned()
        }
        E::UnexpectedChar(c) => format!("the character ‘{c}’ does not belong here"),
        E::SuggestRawIdentifier(found) | E::InvalidIdentifier(found) => {
            format!("“{found}” is not a valid value here")
        }
        E::TrailingCharacters => {
            "there is more text after the project's closing bracket `)`".to_owned()
        }
        E::MissingStructField { field, outer } => {
            let part = part_name(outer.as_deref().unwrap_or(""));
            if *field == "version" {
                "the file has no `version` field. A Journeyboard project starts with `(` and \
                 `version: 1,`; check that this is a Journeyboard project"
                    .to_owned()
            } else {
                format!("{part} has no `{field}` field, which is required")
            }
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "{} has no field named `{found}` (a typo?); its fields are {}",
            part_name(outer.as_deref().unwrap_or("")),
            quoted(expected)
        ),
        E::DuplicateStructField { field, outer } => format!(
            "the field `{field}` appears twice in {}; keep one",
            part_name(outer.as_deref().unwrap_or(""))
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "`{found}` is not a {}; use one of {}",
            part_name(outer.as_deref().unwrap_or("")),
            quoted(expected)
        ),
        E::ExpectedNamedStructLike(name)
        | E::ExpectedDifferentStructName { expected: name, .. } => {
            format!("expected `(` to start {}", part_name(name))
        }
        other => {
            // Other messages name no types of ours; keep RON's wording.
            let text = other.to_string();
            [
                "ProjectFile",
                "VersionProbe",
                "PersonaFile",
                "StageFile",
                "OwnerFile",
                "TouchpointFile",
                "LinkFile",
            ]
            .iter()
            .fold(text, |text, name| text.replace(name, part_name(name)))
        }
    }
}

/// `1234567` → `"1,234,567"`.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size as people read it: `64 MiB`, `108.6 MB`, `512 bytes`.
pub fn in_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1_000_000 {
        let mb = crate::convert::f64_from_u64(bytes) / 1e6;
        format!("{mb:.1} MB ({bytes} bytes)")
    } else {
        format!("{bytes} bytes")
    }
}

/// The operating system's reason in words, without its error number.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
