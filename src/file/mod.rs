//! The project file: a versioned, human-readable RON format with atomic saves and
//! errors that say what is wrong, where, and what to do.
//!
//! The format is documented for users in the README ("The project file"). In short:
//! a RON struct with a `version` (currently 1), the project's title, description and
//! persona, its `stages` and `owners` in order, then `touchpoints` and `links`, each
//! sorted by id. Saving the same project twice gives identical bytes.

mod output;
mod pictures;
mod png_embed;
mod schema;

pub use output::{
    Destination, holds_project, same_file, temp_name_for_pid, write_atomic,
    write_atomic_replacing_links, write_atomic_with,
};
pub use pictures::{
    MAX_PICTURE_BYTES, MAX_PICTURE_DECODE_BYTES, MAX_PICTURE_SIDE, PictureFile,
    check_chosen_picture, decode_picture, in_folder, load_picture, open_picture, resolve_picture,
};
pub use png_embed::{
    PNG_KEYWORD, PNG_SIGNATURE, encode_png_with_project, has_project_chunk, project_text_in_png,
};

use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::{
    Emotion, Link, LinkId, ModelError, Owner, Perception, Persona, Position, Project, Rgb,
    ScoreError, Stage, Touchpoint, TouchpointId,
};
use schema::{
    LinkFile, OwnerFile, PersonaFile, ProjectFile, StageFile, TouchpointFile, VersionProbe,
};

/// The newest file format version this build reads and the one it writes.
pub const CURRENT_VERSION: u32 = 1;

/// The usual file name extension of a project file.
pub const EXTENSION: &str = "ron";

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
        "{} is empty. A Journeyboard project starts with `(` and `version: 1,`; if the file \
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
        "could not save {}: {}. The previous file is unchanged; check that the \
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
        /// [`MAX_FILE_BYTES`].
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

/// Largest project file Journeyboard opens: 64 MiB, about a hundred times a
/// 5,000-touchpoint journey.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest coordinate magnitude accepted in a file (board points).
pub use crate::model::layout::MAX_COORDINATE;

/// Reads and validates a project file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    // Look before opening: opening a named pipe would wait for a writer forever.
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
            what: describe_file_type(&meta),
        });
    }
    if is_png(path) {
        return load_png(path);
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::new();
    // Read at most one byte over the limit, in case the file grew since it was measured.
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
        })
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let (line, column) = line_column(&String::from_utf8_lossy(valid));
            return Err(LoadError::NotText {
                path: path.to_owned(),
                line,
                column,
            });
        }
    };
    parse(text, path)
}

/// What a path that is not a regular file is, in words.
fn describe_file_type(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// True if the file starts with the PNG signature.
pub fn is_png(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0_u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == PNG_SIGNATURE)
}

/// Loads the project carried inside an exported PNG.
fn load_png(path: &Path) -> Result<Project, LoadError> {
    let open = || {
        std::fs::File::open(path).map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let bad = |reason: String| LoadError::BadPng {
        path: path.to_owned(),
        reason,
    };
    #[allow(clippy::cast_possible_truncation)]
    let limit = MAX_FILE_BYTES as usize;
    let text = match project_text_in_png(std::io::BufReader::new(open()?), limit) {
        Ok(Some(text)) => text,
        Ok(None) => {
            // The decoder skips text chunks it cannot read; look for ours by hand, so
            // a damaged project is not reported as a picture without one.
            return Err(if has_project_chunk(std::io::BufReader::new(open()?)) {
                bad(DAMAGED_IN_PNG.to_owned())
            } else {
                LoadError::NoProjectInPng {
                    path: path.to_owned(),
                }
            });
        }
        Err(reason) => return Err(bad(reason)),
    };
    parse(&text, path).map_err(|err| match err {
        LoadError::Syntax {
            line,
            column,
            message,
            ..
        } => bad(format!(
            "the project inside this picture is damaged (line {line}, column {column} of \
             its text: {message}). {AFTER_DAMAGE_IN_PNG}"
        )),
        other => other,
    })
}

/// Why a project chunk could not be read, in words.
const DAMAGED_IN_PNG: &str = "the project inside this picture is damaged and cannot be read. \
    Open the .ron project file instead, or export the picture again from it";

/// What to do about a damaged project inside a PNG.
const AFTER_DAMAGE_IN_PNG: &str = "Open the .ron project file instead, or export the \
    picture again from it";

/// Parses project text; `origin` names the source in error messages.
pub fn parse(text: &str, origin: &Path) -> Result<Project, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: origin.to_owned(),
        });
    }
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let syntax = |err: ron::error::SpannedError| LoadError::Syntax {
        path: origin.to_owned(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: describe_ron_error(&err.code),
    };
    let version = match options.from_str::<VersionProbe>(text) {
        Ok(probe) => probe.version,
        Err(err) => match scan_version(text) {
            // A newer format may use syntax this build cannot parse: say so first.
            Some(found) if found > CURRENT_VERSION => found,
            _ => return Err(syntax(err)),
        },
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion {
            path: origin.to_owned(),
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    if version == 0 {
        return Err(LoadError::UnknownVersion {
            path: origin.to_owned(),
            found: version,
        });
    }
    let file: ProjectFile = options.from_str(text).map_err(syntax)?;
    from_file(file).map_err(|problem| LoadError::Invalid {
        path: origin.to_owned(),
        problem,
    })
}

/// What a part of the file is called in messages, from the schema's type names.
fn part_name(schema_type: &str) -> &'static str {
    match schema_type {
        "PersonaFile" => "the persona",
        "StageFile" => "a stage",
        "OwnerFile" => "an owner",
        "TouchpointFile" => "a touchpoint",
        "LinkFile" => "a link",
        "Channel" => "channel",
        "Initiative" => "initiative",
        "LinkKind" => "link kind",
        _ => "the project",
    }
}

/// A parser error in the user's words: no internal type names, and what is allowed.
fn describe_ron_error(code: &ron::Error) -> String {
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

/// The canonical text of a project: pretty, deterministic RON.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .escape_strings(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default().to_string_pretty(&to_file(project), config)?;
    text.push('\n');
    Ok(text)
}

/// Saves a project atomically: the text goes to a temporary file in the same folder,
/// is flushed and synced, then renamed over `path`. If anything fails, `path` keeps
/// its previous content.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    let text = to_ron_string(project).map_err(|err| SaveError::Serialize {
        path: path.to_owned(),
        message: err.to_string(),
    })?;
    check_size(&text, path)?;
    write_atomic(path, text.as_bytes())
}

/// Refuses project text the loader would refuse as too large: what Journeyboard
/// writes, it must be able to open again.
pub fn check_size(text: &str, path: &Path) -> Result<(), SaveError> {
    let size = text.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            path: path.to_owned(),
            size,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

fn to_file(project: &Project) -> ProjectFile {
    ProjectFile {
        version: CURRENT_VERSION,
        title: project.title.clone(),
        description: project.description.clone(),
        persona: PersonaFile {
            name: project.persona.name.clone(),
            description: project.persona.description.clone(),
        },
        stages: project
            .stages()
            .iter()
            .map(|s| StageFile {
                id: s.id.clone(),
                name: s.name.clone(),
            })
            .collect(),
        owners: project
            .owners()
            .iter()
            .map(|o| OwnerFile {
                id: o.id.clone(),
                name: o.name.clone(),
                colour: o.colour.to_hex(),
            })
            .collect(),
        touchpoints: project
            .touchpoints()
            .map(|(id, t)| TouchpointFile {
                id: id.0,
                title: t.title.clone(),
                stage: t.stage.clone(),
                channel: t.channel,
                owner: t.owner.clone(),
                initiative: t.initiative,
                perception: t.perception.map(|s| f64::from(s.value())),
                emotion: t.emotion.map(|s| f64::from(s.value())),
                pain_points: t.pain_points.clone(),
                opportunities: t.opportunities.clone(),
                notes: t.notes.clone(),
                picture: t.picture.clone(),
                x: t.position.x,
                y: t.position.y,
            })
            .collect(),
        links: project
            .links()
            .map(|(id, l)| LinkFile {
                id: id.0,
                from: l.from.0,
                to: l.to.0,
                kind: l.kind,
                label: l.label.clone(),
            })
            .collect(),
        next_touchpoint_id: project.next_touchpoint_id().0,
        next_link_id: project.next_link_id().0,
    }
}

fn from_file(file: ProjectFile) -> Result<Project, Problem> {
    let too_large = |what, value: u64, max: u64| {
        if value > max {
            Err(Problem::IdTooLarge { what, value, max })
        } else {
            Ok(())
        }
    };
    let max = crate::model::MAX_ID;
    too_large("next_touchpoint_id", file.next_touchpoint_id, max + 1)?;
    too_large("next_link_id", file.next_link_id, max + 1)?;
    for t in &file.touchpoints {
        too_large("touchpoint id", t.id, max)?;
    }
    for l in &file.links {
        too_large("link id", l.id, max)?;
    }
    let mut project = Project::empty(file.title);
    project.description = file.description;
    project.persona = Persona {
        name: file.persona.name,
        description: file.persona.description,
    };
    for stage in file.stages {
        if stage.id.trim().is_empty() {
            return Err(Problem::EmptyKey {
                what: "stage",
                example: "research",
            });
        }
        project.insert_stage(
            usize::MAX,
            Stage {
                id: stage.id,
                name: stage.name,
            },
        )?;
    }
    for owner in file.owners {
        if owner.id.trim().is_empty() {
            return Err(Problem::EmptyKey {
                what: "owner",
                example: "support",
            });
        }
        let Some(colour) = Rgb::from_hex(&owner.colour) else {
            return Err(Problem::Colour {
                owner: owner.id,
                colour: owner.colour,
            });
        };
        project.insert_owner(
            usize::MAX,
            Owner {
                id: owner.id,
                name: owner.name,
                colour,
            },
        )?;
    }
    for t in file.touchpoints {
        let id = TouchpointId(t.id);
        let score_problem = |field, source| Problem::Score {
            touchpoint: id,
            title: crate::model::quoted_short(&t.title),
            field,
            source,
        };
        let perception = t
            .perception
            .map(Perception::new)
            .transpose()
            .map_err(|e| score_problem("perception", e))?;
        let emotion = t
            .emotion
            .map(Emotion::new)
            .transpose()
            .map_err(|e| score_problem("emotion", e))?;
        let finite = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE;
        if !finite(t.x) || !finite(t.y) {
            return Err(Problem::Position {
                touchpoint: id,
                title: crate::model::quoted_short(&t.title),
                x: t.x,
                y: t.y,
                max: MAX_COORDINATE,
            });
        }
        project.insert_touchpoint(
            id,
            Touchpoint {
                title: t.title,
                notes: t.notes,
                stage: t.stage,
                channel: t.channel,
                owner: t.owner,
                initiative: t.initiative,
                perception,
                emotion,
                pain_points: t.pain_points,
                opportunities: t.opportunities,
                picture: t.picture,
                position: Position { x: t.x, y: t.y },
            },
        )?;
    }
    for l in file.links {
        project.insert_link(
            LinkId(l.id),
            Link {
                from: TouchpointId(l.from),
                to: TouchpointId(l.to),
                kind: l.kind,
                label: l.label,
            },
        )?;
    }
    project.reserve_ids(file.next_touchpoint_id, file.next_link_id);
    Ok(project)
}

/// `1234567` → `"1,234,567"`.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size as people read it: `64 MiB`, `108.6 MB`, `512 bytes`.
pub fn in_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1_000_000 {
        #[allow(clippy::cast_precision_loss)]
        let mb = bytes as f64 / 1e6;
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

/// 1-based line and column just after `prefix`.
fn line_column(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Finds the project's own `version: N` field in a file that does not parse: only at the
/// top level of the outer brackets, never inside a string or a comment (a title may well
/// say "version: 7").
fn scan_version(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'v' if depth == 1
                && text[i..].starts_with("version")
                && (i == 0 || !is_ident_byte(bytes[i - 1])) =>
            {
                let rest = text[i + "version".len()..].trim_start();
                let rest = rest.strip_prefix(':')?.trim_start();
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                return digits.parse().ok();
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(""), (1, 1));
        assert_eq!(line_column("ab\ncd"), (2, 3));
    }

    #[test]
    fn scan_version_finds_number() {
        assert_eq!(scan_version("(\n  version: 7, title: ???"), Some(7));
        assert_eq!(scan_version("(title: \"x\")"), None);
        // Inside a string, a comment or a nested struct it is not the file's version.
        assert_eq!(scan_version("(title: \"version: 7\", ???"), None);
        assert_eq!(scan_version("(// version: 7\n title: ???"), None);
        assert_eq!(scan_version("(persona: (version: 7), ???"), None);
        assert_eq!(
            scan_version("(title: \"a \\\" version: 7\", version: 9 ???"),
            Some(9)
        );
    }
}
