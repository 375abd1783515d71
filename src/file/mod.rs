//! The project file: a versioned, human-readable RON format with atomic saves and
//! errors that say what is wrong, where, and what to do.
//!
//! The format is documented for users in the README ("The project file"). In short:
//! a RON struct with a `version` (currently 1), the project's title, description and
//! persona, its `stages` and `owners` in order, then `touchpoints` and `links`, each
//! sorted by id. Saving the same project twice gives identical bytes.

mod bundle;
mod output;
mod pictures;
mod png_embed;
mod schema;
mod words;

pub use bundle::{
    BUNDLE_EXTENSION, BUNDLE_PROJECT, BundleFolder, BundleSummary, Document, MAX_BUNDLE_BYTES,
    MAX_BUNDLE_ENTRIES, MAX_BUNDLE_UNPACKED_BYTES, copy_pictures, is_bundle, load_document,
    open_bundle, release_held_pictures, remove_created, write_bundle,
};
pub use output::{
    Destination, holds_project, same_file, temp_name_for_pid, write_atomic,
    write_atomic_replacing_links, write_atomic_with,
};
pub use pictures::{
    MAX_PICTURE_BYTES, MAX_PICTURE_DECODE_BYTES, MAX_PICTURE_SIDE, PictureFile,
    check_chosen_picture, content_hash, decode_picture, frame_of, in_folder, load_frame,
    load_picture, open_picture, pictures_dir_for, resolve_picture, store_picture,
    store_picture_bytes,
};
pub use png_embed::{
    PNG_KEYWORD, PNG_SIGNATURE, encode_png_with_project, has_project_chunk, project_text_in_png,
};
use words::describe_ron_error;
pub(crate) use words::grouped;
pub(crate) use words::special_kind;
pub use words::{LoadError, Problem, SaveError, in_words, io_reason};

use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::{
    Emotion, Link, LinkId, Owner, Perception, Persona, Position, Project, Rgb, Stage, Touchpoint,
    TouchpointId,
};
use schema::{
    LinkFile, OwnerFile, PersonaFile, ProjectFile, StageFile, TouchpointFile, VersionProbe,
};

/// The newest file format version this build reads and the one it writes.
pub const CURRENT_VERSION: u32 = 2;

/// The usual file name extension of a project file.
pub const EXTENSION: &str = "ron";

/// Largest project file Journeyboard opens: 64 MiB, about a hundred times a
/// 5,000-touchpoint journey.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest coordinate magnitude accepted in a file (board points).
pub use crate::model::layout::MAX_COORDINATE;

/// The autosave recovery file for a project: `.NAME.jb-recovery` beside a saved file, or
/// `untitled.jb-recovery` in `recovery_dir` for a project never saved. Written by the
/// editor's autosave, offered back on the next start.
pub fn recovery_path_for(path: Option<&Path>, recovery_dir: &Path) -> PathBuf {
    match path.and_then(|p| Some((p.parent()?, p.file_name()?))) {
        Some((folder, name)) => folder.join(format!(".{}.jb-recovery", name.to_string_lossy())),
        None => recovery_dir.join("untitled.jb-recovery"),
    }
}

/// Reads and validates a project file, the project inside an exported PNG, or the
/// project in a bundle (without unpacking its pictures; [`load_document`] does).
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    if is_png(path) {
        return load_png(path);
    }
    if is_bundle(path) {
        return bundle::open_bundle_project(path);
    }
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|err| match err {
        BoundedRead::Io(source) => read_error(source),
        BoundedRead::Special(what) => LoadError::NotAFile {
            path: path.to_owned(),
            what,
        },
        BoundedRead::TooLarge(size) => LoadError::TooLarge {
            path: path.to_owned(),
            size,
            max: MAX_FILE_BYTES,
        },
    })?;
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
    let limit = crate::convert::usize_from_u64(MAX_FILE_BYTES);
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
    from_file(file, version).map_err(|problem| LoadError::Invalid {
        path: origin.to_owned(),
        problem,
    })
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
                id: s.id.to_string(),
                name: s.name.clone(),
            })
            .collect(),
        owners: project
            .owners()
            .iter()
            .map(|o| OwnerFile {
                id: o.id.to_string(),
                name: o.name.clone(),
                colour: o.colour.to_hex(),
            })
            .collect(),
        touchpoints: project
            .touchpoints()
            .map(|(id, t)| TouchpointFile {
                id: id.0,
                title: t.title.clone(),
                stage: t.stage.to_string(),
                channel: t.channel.into(),
                owner: t.owner.as_ref().map(ToString::to_string),
                initiative: t.initiative.into(),
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
                kind: l.kind.into(),
                label: l.label.clone(),
            })
            .collect(),
        next_touchpoint_id: project.next_touchpoint_id().0,
        next_link_id: project.next_link_id().0,
    }
}

/// Builds the project a parsed file describes, refusing what the model cannot hold.
fn from_file(mut file: ProjectFile, version: u32) -> Result<Project, Problem> {
    check_ids(&file)?;
    if version == 1 {
        migrate_v1(&mut file)?;
    }
    let mut project = Project::empty(file.title);
    project.description = file.description;
    project.persona = Persona {
        name: file.persona.name,
        description: file.persona.description,
    };
    add_stages(&mut project, file.stages)?;
    add_owners(&mut project, file.owners)?;
    for t in file.touchpoints {
        let (id, touchpoint) = touchpoint_from_file(t)?;
        project.insert_touchpoint(id, touchpoint)?;
    }
    for l in file.links {
        project.insert_link(
            LinkId(l.id),
            Link {
                from: TouchpointId(l.from),
                to: TouchpointId(l.to),
                kind: l.kind.into(),
                label: l.label,
            },
        )?;
    }
    project.reserve_ids(file.next_touchpoint_id, file.next_link_id);
    Ok(project)
}

/// Version 1 cards had no picture frame and were stacked 150 points apart; version 2
/// cards are taller. Each lane is stretched so no card overlaps another
/// ([`crate::model::layout::migrate_v1_positions`]). Version 1's coordinate limit
/// ([`crate::model::layout::MAX_COORDINATE_V1`]) still applies to its files.
fn migrate_v1(file: &mut ProjectFile) -> Result<(), Problem> {
    use crate::model::layout::MAX_COORDINATE_V1;
    let mut lanes: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, t) in file.touchpoints.iter().enumerate() {
        let inside = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE_V1;
        if !inside(t.x) || !inside(t.y) {
            return Err(Problem::Position {
                touchpoint: TouchpointId(t.id),
                title: crate::model::quoted_short(&t.title),
                x: t.x,
                y: t.y,
                max: MAX_COORDINATE_V1,
            });
        }
        lanes.entry(t.stage.as_str()).or_default().push(i);
    }
    let mut moved = Vec::new();
    for members in lanes.values() {
        let mut lane: Vec<Position> = members
            .iter()
            .map(|&i| Position {
                x: file.touchpoints[i].x,
                y: file.touchpoints[i].y,
            })
            .collect();
        crate::model::layout::migrate_v1_positions(&mut lane);
        moved.extend(members.iter().copied().zip(lane));
    }
    for (i, p) in moved {
        file.touchpoints[i].y = p.y;
    }
    Ok(())
}

/// Refuses ids, and next ids, above the model's [`crate::model::MAX_ID`].
fn check_ids(file: &ProjectFile) -> Result<(), Problem> {
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
    Ok(())
}

/// Adds the file's stages in order, refusing an empty key.
fn add_stages(project: &mut Project, stages: Vec<StageFile>) -> Result<(), Problem> {
    for stage in stages {
        if stage.id.trim().is_empty() {
            return Err(Problem::EmptyKey {
                what: "stage",
                example: "research",
            });
        }
        project.insert_stage(
            usize::MAX,
            Stage {
                id: stage.id.into(),
                name: stage.name,
            },
        )?;
    }
    Ok(())
}

/// Adds the file's owners in order, refusing an empty key or a colour that is not hex.
fn add_owners(project: &mut Project, owners: Vec<OwnerFile>) -> Result<(), Problem> {
    for owner in owners {
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
                id: owner.id.into(),
                name: owner.name,
                colour,
            },
        )?;
    }
    Ok(())
}

/// A touchpoint as the model holds it, refusing scores off their scale and positions
/// that are not finite or lie past [`MAX_COORDINATE`].
fn touchpoint_from_file(t: TouchpointFile) -> Result<(TouchpointId, Touchpoint), Problem> {
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
    Ok((
        id,
        Touchpoint {
            title: t.title,
            notes: t.notes,
            stage: t.stage.into(),
            channel: t.channel.into(),
            owner: t.owner.map(Into::into),
            initiative: t.initiative.into(),
            perception,
            emotion,
            pain_points: t.pain_points,
            opportunities: t.opportunities,
            picture: t.picture,
            position: Position { x: t.x, y: t.y },
        },
    ))
}

/// Why [`read_bounded`] read nothing.
pub(crate) enum BoundedRead {
    /// The system's reason (no such file, no permission, …).
    Io(std::io::Error),
    /// Not a regular file: what it is instead ("a named pipe", …).
    Special(&'static str),
    /// Larger than allowed: its size, or the limit plus one if it grew while read.
    TooLarge(u64),
}

/// The bytes of a regular file of at most `max` bytes. The file's type is looked at
/// before it is opened (opening a named pipe would wait for a writer forever), its size
/// before it is read, and at most one byte over `max` is read, in case it grew since.
pub(crate) fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, BoundedRead> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(BoundedRead::Io)?;
    if let Some(what) = special_kind(&meta.file_type()) {
        return Err(BoundedRead::Special(what));
    }
    if meta.len() > max {
        return Err(BoundedRead::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(BoundedRead::Io)?;
    if bytes.len() as u64 > max {
        return Err(BoundedRead::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// 1-based line and column just after `prefix`.
pub(crate) fn line_column(prefix: &str) -> (usize, usize) {
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
