//! Bundles: one `.jbz` file that carries a project and its pictures to someone else.
//!
//! A bundle is a zip archive holding `project.ron` (the project, as saved) and every
//! picture its touchpoints name, at the path the project gives it (`pictures/a.png`).
//! Nothing else is read from it.
//!
//! A bundle comes from someone else, so it is checked whole before anything in it is
//! unpacked, and refused with a message when:
//!
//! - the file is over [`MAX_BUNDLE_BYTES`], or it holds more than [`MAX_BUNDLE_ENTRIES`]
//!   entries;
//! - an entry's name leaves the bundle or could be read as another path: absolute, with
//!   `..` or `.`, a drive letter, a backslash, a NUL, or empty parts;
//! - an entry is a link or is encrypted;
//! - `project.ron` is missing, or says it is larger than [`super::MAX_FILE_BYTES`]; a
//!   picture says it is larger than [`super::MAX_PICTURE_BYTES`]; all entries together
//!   say they are larger than [`MAX_BUNDLE_UNPACKED_BYTES`].
//!
//! An entry is never inflated past what it says it holds or past its limit, whichever is
//! smaller, so a zip bomb (kilobytes that inflate to gigabytes) stops at the limit. The
//! pictures are unpacked into a private temporary folder that is removed when the bundle
//! is dropped; pictures read from there pass the same checks as in a project's folder.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::{LoadError, MAX_FILE_BYTES, MAX_PICTURE_BYTES, in_words};
use crate::model::Project;

/// The file name extension of a bundle.
pub const BUNDLE_EXTENSION: &str = "jbz";

/// The name of the project inside a bundle.
pub const BUNDLE_PROJECT: &str = "project.ron";

/// Largest bundle file opened: 1 GiB.
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;

/// Most entries a bundle may hold.
pub const MAX_BUNDLE_ENTRIES: usize = 10_000;

/// Most bytes all of a bundle's entries may hold together, unpacked: 1 GiB.
pub const MAX_BUNDLE_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// Longest entry name accepted, in bytes.
const MAX_NAME_BYTES: usize = 1024;

/// True if `path` names a bundle (by its extension).
pub fn is_bundle(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(BUNDLE_EXTENSION))
}

/// The private folder a bundle's pictures were unpacked into: pass [`Self::path`]
/// wherever a project's folder is asked for. It is removed when this is dropped.
#[derive(Debug)]
pub struct BundleFolder(tempfile::TempDir);

impl BundleFolder {
    /// The folder, as a project folder.
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

/// A project as opened from any file Journeyboard reads (a project file, an exported PNG
/// or a bundle), with the folder its pictures are read from.
#[derive(Debug)]
pub struct Document {
    /// The project.
    pub project: Project,
    /// Where a bundle's pictures were unpacked; `None` for other files.
    pub bundle: Option<BundleFolder>,
}

impl Document {
    /// The folder pictures are read from: the bundle's, or the folder of `path` (the
    /// file the document was opened from).
    pub fn folder<'a>(&'a self, path: &'a Path) -> Option<&'a Path> {
        match &self.bundle {
            Some(folder) => Some(folder.path()),
            None => path.parent(),
        }
    }
}

/// Opens a project file, an exported PNG or a bundle.
pub fn load_document(path: &Path) -> Result<Document, LoadError> {
    if is_bundle(path) {
        let (project, folder) = open_bundle(path)?;
        Ok(Document {
            project,
            bundle: Some(folder),
        })
    } else {
        Ok(Document {
            project: super::load(path)?,
            bundle: None,
        })
    }
}

/// What a bundle holds, as written.
#[derive(Debug, PartialEq, Eq)]
pub struct BundleSummary {
    /// How many pictures went in.
    pub pictures: usize,
    /// Their bytes together.
    pub picture_bytes: u64,
}

/// Writes `project` and the pictures its touchpoints name (read from `folder`, the
/// project's folder) to `out` as one bundle, atomically: a failure leaves any previous
/// file at `out` as it was. A picture that cannot be read is an error naming the
/// touchpoint and the picture, and nothing is written.
pub fn write_bundle(
    project: &Project,
    folder: Option<&Path>,
    out: &Path,
) -> Result<BundleSummary, String> {
    let mut pictures = BTreeMap::new();
    let mut problems = Vec::new();
    let mut bundled = project.clone();
    let ids: Vec<_> = project.touchpoints().map(|(id, _)| id).collect();
    for id in ids {
        let Some(t) = bundled.touchpoint_mut(id) else {
            continue;
        };
        let Some(stored) = t.picture.clone() else {
            continue;
        };
        let read = super::resolve_picture(folder, &stored)
            .and_then(|_| entry_name_for(&stored))
            .and_then(|name| {
                if !pictures.contains_key(&name) {
                    let bytes = super::open_picture(folder, &stored)?.read_all(&stored)?;
                    pictures.insert(name.clone(), bytes);
                }
                Ok(name)
            });
        match read {
            // The bundled project names each picture the way the bundle stores it.
            Ok(name) => t.picture = Some(name),
            Err(reason) => problems.push(format!("touchpoint “{}”: {reason}", t.title)),
        }
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(5);
        problems.truncate(5);
        if more > 0 {
            problems.push(format!("and {more} more"));
        }
        return Err(format!(
            "{} was not written: {}",
            out.display(),
            problems.join("; ")
        ));
    }
    let text = super::to_ron_string(&bundled).map_err(|e| e.to_string())?;
    super::write_atomic_with(out, |sink| {
        let mut zip = ZipWriter::new_stream(sink);
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        // Pictures are compressed already.
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        zip.start_file(BUNDLE_PROJECT, deflated)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
        for (name, bytes) in &pictures {
            zip.start_file(name.as_str(), stored)
                .map_err(std::io::Error::other)?;
            zip.write_all(bytes)?;
        }
        zip.finish().map_err(std::io::Error::other)?;
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(BundleSummary {
        pictures: pictures.len(),
        picture_bytes: pictures.values().map(|b| b.len() as u64).sum(),
    })
}

/// Copies the pictures `project` names from folder `from` (a bundle's) to folder `to`
/// (where the project is being saved as a file), at the same paths. A file already there
/// with the same bytes is kept; one with other bytes is an error, and nothing is
/// overwritten.
pub fn copy_pictures(project: &Project, from: &Path, to: &Path) -> Result<(), String> {
    let named: BTreeSet<&str> = project
        .touchpoints()
        .filter_map(|(_, t)| t.picture.as_deref())
        .collect();
    for stored in named {
        // A picture missing from the bundle stays missing.
        let Ok(picture) = super::open_picture(Some(from), stored) else {
            continue;
        };
        let bytes = picture.read_all(stored)?;
        let target = super::resolve_picture(Some(to), stored)?;
        match std::fs::read(&target) {
            Ok(there) if there == bytes => continue,
            Ok(_) => {
                return Err(format!(
                    "{} already holds another picture of that name; save the project in \
                     another folder",
                    target.display()
                ));
            }
            Err(_) => {}
        }
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)?;
                file.write_all(&bytes)
            });
        written.map_err(|e| {
            format!(
                "could not write the picture {}: {}",
                target.display(),
                super::io_reason(&e)
            )
        })?;
    }
    Ok(())
}

/// The entry name a picture path is stored under: its parts joined by `/`, with `.` and
/// `a/..` worked out (the path has passed [`super::resolve_picture`]).
fn entry_name_for(stored: &str) -> Result<String, String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(stored).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str().ok_or_else(|| {
                format!("picture path “{stored}” is not UTF-8 text, so it cannot go in a bundle")
            })?),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    let name = parts.join("/");
    check_entry_name(&name).map_err(|why| format!("picture path “{stored}” {why}"))?;
    if name == BUNDLE_PROJECT {
        return Err(format!(
            "picture path “{stored}” is the name the bundle keeps for the project; rename the picture"
        ));
    }
    Ok(name)
}

/// Why an entry name cannot be unpacked safely everywhere, if it cannot.
fn check_entry_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() || name.len() > MAX_NAME_BYTES {
        return Err("is empty or too long");
    }
    if name.contains(['\\', '\0', ':']) {
        return Err("holds a backslash, a colon or a NUL, which name other places on some systems");
    }
    if name.starts_with('/') {
        return Err("is absolute");
    }
    if name
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err("has empty, “.” or “..” parts, which could lead out of the bundle");
    }
    Ok(())
}

/// Opens the bundle at `path`: checks every entry (see the module documentation), reads
/// the project, and unpacks the pictures it names into a private folder.
pub fn open_bundle(path: &Path) -> Result<(Project, BundleFolder), LoadError> {
    let bad = |reason: String| LoadError::BadBundle {
        path: path.to_owned(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    let meta = file.metadata().map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_file() {
        return Err(bad("is not a regular file".to_owned()));
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(bad(format!(
            "is {}, over the limit of {} for a bundle",
            in_words(meta.len()),
            in_words(MAX_BUNDLE_BYTES)
        )));
    }
    let mut zip = ZipArchive::new(file).map_err(|e| {
        bad(format!(
            "is not a readable bundle ({e}); a bundle is the .jbz file Journeyboard writes"
        ))
    })?;
    let entries = check_entries(&mut zip).map_err(bad)?;
    let text = read_entry(&mut zip, &entries, BUNDLE_PROJECT, MAX_FILE_BYTES).map_err(bad)?;
    let text =
        String::from_utf8(text).map_err(|_| bad(format!("{BUNDLE_PROJECT} is not UTF-8 text")))?;
    let origin = PathBuf::from(format!("{}: {BUNDLE_PROJECT}", path.display()));
    let project = super::parse(&text, &origin)?;
    let folder = tempfile::Builder::new()
        .prefix("journeyboard-bundle-")
        .tempdir()
        .map_err(|source| LoadError::Read {
            path: std::env::temp_dir(),
            source,
        })?;
    let named: BTreeSet<&str> = project
        .touchpoints()
        .filter_map(|(_, t)| t.picture.as_deref())
        .collect();
    for name in named {
        if !entries.contains_key(name) {
            // Shown as a missing picture, like one missing from a project's folder.
            continue;
        }
        let bytes = read_entry(&mut zip, &entries, name, MAX_PICTURE_BYTES).map_err(bad)?;
        let target = folder.path().join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| LoadError::Read {
                path: parent.to_owned(),
                source,
            })?;
        }
        std::fs::write(&target, bytes).map_err(|source| LoadError::Read {
            path: target.clone(),
            source,
        })?;
    }
    Ok((project, BundleFolder(folder)))
}

/// Every entry's index by name, after the checks of the module documentation.
fn check_entries<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
) -> Result<BTreeMap<String, usize>, String> {
    if zip.len() > MAX_BUNDLE_ENTRIES {
        return Err(format!(
            "holds {} entries, over the limit of {MAX_BUNDLE_ENTRIES}",
            zip.len()
        ));
    }
    let mut entries = BTreeMap::new();
    let mut total = 0_u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| format!("entry {i}: {e}"))?;
        let name = entry
            .name()
            .map_err(|e| format!("entry {i} has a name that cannot be read ({e})"))?
            .into_owned();
        // Names are shown cut short: a crafted one can be a kilobyte.
        let shown: String = name.chars().take(80).collect();
        if entry.is_dir() {
            continue;
        }
        check_entry_name(&name).map_err(|why| format!("entry “{shown}” {why}"))?;
        if entry.is_symlink() {
            return Err(format!("entry “{shown}” is a link"));
        }
        if entry.encrypted() {
            return Err(format!("entry “{shown}” is encrypted"));
        }
        let limit = if name == BUNDLE_PROJECT {
            MAX_FILE_BYTES
        } else {
            MAX_PICTURE_BYTES
        };
        if entry.size() > limit {
            return Err(format!(
                "entry “{shown}” says it unpacks to {}, over the limit of {}",
                in_words(entry.size()),
                in_words(limit)
            ));
        }
        total = total.saturating_add(entry.size());
        if total > MAX_BUNDLE_UNPACKED_BYTES {
            return Err(format!(
                "its entries unpack to more than {} together",
                in_words(MAX_BUNDLE_UNPACKED_BYTES)
            ));
        }
        entries.insert(name, i);
    }
    if !entries.contains_key(BUNDLE_PROJECT) {
        return Err(format!(
            "holds no {BUNDLE_PROJECT}, so it is not a Journeyboard bundle"
        ));
    }
    Ok(entries)
}

/// The bytes of entry `name`, never more than it said it holds nor more than `limit`.
fn read_entry<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    entries: &BTreeMap<String, usize>,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, String> {
    let index = *entries
        .get(name)
        .ok_or_else(|| format!("holds no {name}"))?;
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("entry “{name}” cannot be read ({e})"))?;
    let declared = entry.size().min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    entry
        .take(declared + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("entry “{name}” cannot be read ({e})"))?;
    if bytes.len() as u64 > declared {
        return Err(format!(
            "entry “{name}” unpacks to more than it says it holds; the bundle is damaged or \
             was made to harm"
        ));
    }
    Ok(bytes)
}
