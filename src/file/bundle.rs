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

/// Most folders and file in an entry's name.
const MAX_NAME_PARTS: usize = 8;

/// True if a file or folder may be called `part` on every common system.
pub(super) fn portable(part: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
    !RESERVED.contains(&stem.trim_end())
        && !part.ends_with(['.', ' '])
        && !part
            .chars()
            .any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '|' | '?' | '*'))
}

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
    // Every picture by entry name, with the path the project gives it: checked and
    // measured first, read only while the bundle is written.
    let mut pictures: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut bundled = project.clone();
    let mut total = 0_u64;
    let ids: Vec<_> = project.touchpoints().map(|(id, _)| id).collect();
    for id in ids {
        let Some(t) = bundled.touchpoint_mut(id) else {
            continue;
        };
        let Some(stored) = t.picture.clone() else {
            continue;
        };
        let checked = entry_name_for(&stored).and_then(|name| {
            if !pictures.contains_key(&name) {
                let picture = super::open_picture(folder, &stored)?;
                total = total.saturating_add(picture.len);
                pictures.insert(name.clone(), stored.clone());
            }
            Ok(name)
        });
        match checked {
            // The bundled project names each picture the way the bundle stores it.
            Ok(name) => t.picture = Some(name),
            Err(reason) => problems.push(format!("touchpoint “{}”: {reason}", t.title)),
        }
    }
    let not_written =
        |reasons: &[String]| format!("{} was not written: {}", out.display(), reasons.join("; "));
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(5);
        problems.truncate(5);
        if more > 0 {
            problems.push(format!("and {more} more"));
        }
        return Err(not_written(&problems));
    }
    let text = super::to_ron_string(&bundled).map_err(|e| e.to_string())?;
    // What is written must open again.
    total = total.saturating_add(text.len() as u64);
    if pictures.len() + 1 > MAX_BUNDLE_ENTRIES || total > MAX_BUNDLE_UNPACKED_BYTES {
        return Err(not_written(&[format!(
            "its project and {} come to {}, over a bundle's limits ({MAX_BUNDLE_ENTRIES} \
             files, {} together); send the project folder instead",
            crate::plural::count(pictures.len(), "picture", "pictures"),
            in_words(total),
            in_words(MAX_BUNDLE_UNPACKED_BYTES)
        )]));
    }
    super::check_size(&text, out).map_err(|e| e.to_string())?;
    let mut picture_bytes = 0;
    super::write_atomic_with(out, |sink| {
        let mut zip = ZipWriter::new_stream(sink);
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        // Pictures are compressed already.
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        zip.start_file(BUNDLE_PROJECT, deflated)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
        for (name, path) in &pictures {
            let picture = super::open_picture(folder, path).map_err(std::io::Error::other)?;
            zip.start_file(name.as_str(), stored)
                .map_err(std::io::Error::other)?;
            let copied = std::io::copy(&mut picture.reader(), &mut zip)?;
            if copied > MAX_PICTURE_BYTES {
                return Err(std::io::Error::other(format!(
                    "picture “{path}” grew over {} while it was being written",
                    in_words(MAX_PICTURE_BYTES)
                )));
            }
            picture_bytes += copied;
        }
        zip.finish().map_err(std::io::Error::other)?;
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(BundleSummary {
        pictures: pictures.len(),
        picture_bytes,
    })
}

/// Copies the pictures `project` names from folder `from` (a bundle's, or where the
/// project was) into folder `to` (where it is being saved as a file), at the same paths,
/// and returns the files it created. A file already there with the same bytes is kept;
/// one with other bytes, or a link or anything but a folder on the way, is an error, and
/// what this call created is removed again.
pub fn copy_pictures(project: &Project, from: &Path, to: &Path) -> Result<Vec<PathBuf>, String> {
    let named: BTreeSet<&str> = project
        .touchpoints()
        .filter_map(|(_, t)| t.picture.as_deref())
        .collect();
    let mut created = Vec::new();
    for stored in named {
        // A picture missing where it was stays missing.
        let Ok(picture) = super::open_picture(Some(from), stored) else {
            continue;
        };
        let copied = entry_name_for(stored).and_then(|name| {
            let bytes = picture.read_all(stored)?;
            copy_one(&bytes, to, &name, &mut created)
        });
        if let Err(reason) = copied {
            remove_created(&created);
            return Err(reason);
        }
    }
    Ok(created)
}

/// Moves pictures held for a project that had no file yet into the folder it is saved
/// in: every file in `held/held_dir/` is copied to `to/new_dir/` under the same name
/// (names are content hashes, so a file already there with the same name and bytes is
/// kept; one with other bytes is an error). Returns what it created; on an error what it
/// created is removed again.
pub fn release_held_pictures(
    held: &Path,
    held_dir: &str,
    to: &Path,
    new_dir: &str,
) -> Result<Vec<PathBuf>, String> {
    let mut created = Vec::new();
    let Ok(entries) = std::fs::read_dir(held.join(held_dir)) else {
        return Ok(created); // nothing held
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    names.sort();
    for name in names {
        let source = held.join(held_dir).join(&name);
        let copied = super::read_bounded(&source, MAX_PICTURE_BYTES)
            .map_err(|_| format!("the held picture {} could not be read", source.display()))
            .and_then(|bytes| copy_one(&bytes, to, &format!("{new_dir}/{name}"), &mut created));
        if let Err(reason) = copied {
            remove_created(&created);
            return Err(reason);
        }
    }
    Ok(created)
}

/// Removes what [`copy_pictures`] created (files, then folders emptied), best effort.
pub fn remove_created(created: &[PathBuf]) {
    for path in created.iter().rev() {
        let _ = if path.is_dir() {
            std::fs::remove_dir(path)
        } else {
            std::fs::remove_file(path)
        };
    }
}

/// Writes `bytes` to `to/name` (an entry name: plain parts), creating its folders, never
/// through a link, and notes what it created.
fn copy_one(bytes: &[u8], to: &Path, name: &str, created: &mut Vec<PathBuf>) -> Result<(), String> {
    let failed = |path: &Path, e: &std::io::Error| {
        format!(
            "could not write {}: {}",
            path.display(),
            super::io_reason(e)
        )
    };
    let mut target = to.to_path_buf();
    let mut parts = name.split('/').peekable();
    while let Some(part) = parts.next() {
        target.push(part);
        let last = parts.peek().is_none();
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if !last && meta.is_dir() => {}
            Ok(meta) if last && meta.is_file() => {
                // The same picture already there is kept; anything else is not replaced.
                let same = meta.len() == bytes.len() as u64
                    && super::read_bounded(&target, MAX_PICTURE_BYTES).is_ok_and(|b| b == bytes);
                return if same {
                    Ok(())
                } else {
                    Err(format!(
                        "{} already holds another file; save the project in another folder",
                        target.display()
                    ))
                };
            }
            Ok(_) => {
                return Err(format!(
                    "{} is a link or not a plain {}, so no picture is written there; save \
                     the project in another folder",
                    target.display(),
                    if last { "file" } else { "folder" }
                ));
            }
            Err(_) if !last => {
                std::fs::create_dir(&target).map_err(|e| failed(&target, &e))?;
                created.push(target.clone());
            }
            Err(_) => {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)
                    .map_err(|e| failed(&target, &e))?;
                created.push(target.clone());
                file.write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(|e| failed(&target, &e))?;
            }
        }
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
    if name.split('/').count() > MAX_NAME_PARTS {
        return Err("is nested too deep");
    }
    if name.split('/').any(|part| !portable(part)) {
        return Err(
            "is not a name every system can hold (a reserved name such as CON or NUL, a \
             control character, one of < > \" | ? *, or a dot or space at the end); rename it",
        );
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
    let (project, mut zip, entries) = read_bundle(path)?;
    let folder = tempfile::Builder::new()
        .prefix("journeyboard-bundle-")
        .tempdir()
        .map_err(|e| bad(cannot_unpack(&e)))?;
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
        // `name` is an entry's name, checked: relative, plain parts, no links anywhere in
        // a folder only this process writes.
        let target = folder.path().join(name);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes));
        written.map_err(|e| bad(cannot_unpack(&e)))?;
    }
    Ok((project, BundleFolder(folder)))
}

/// Reads the project in the bundle at `path` without unpacking any picture (for
/// commands that show none).
pub(super) fn open_bundle_project(path: &Path) -> Result<Project, LoadError> {
    read_bundle(path).map(|(project, _, _)| project)
}

fn cannot_unpack(e: &std::io::Error) -> String {
    format!(
        "could not be unpacked into the temporary folder {} ({}); free space there, or set \
         TMPDIR to another folder",
        std::env::temp_dir().display(),
        super::io_reason(e)
    )
}

type Archive = ZipArchive<std::io::BufReader<std::fs::File>>;

/// The bundle's project, its archive and its entries, after every check.
fn read_bundle(path: &Path) -> Result<(Project, Archive, BTreeMap<String, usize>), LoadError> {
    let bad = |reason: String| LoadError::BadBundle {
        path: path.to_owned(),
        reason,
    };
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    // Looked at before it is opened: opening a named pipe would wait for a writer.
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if let Some(what) = super::special_kind(&meta.file_type()) {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
            what,
        });
    }
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(bad(format!(
            "is {}, over the limit of {} for a bundle",
            in_words(meta.len()),
            in_words(MAX_BUNDLE_BYTES)
        )));
    }
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    // The directory's size and entry count are checked before the zip reader stores it.
    check_directory(&mut file, meta.len()).map_err(bad)?;
    let mut zip = ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
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
    Ok((project, zip, entries))
}

/// Largest central directory read: room for [`MAX_BUNDLE_ENTRIES`] entries with long names.
const MAX_DIRECTORY_BYTES: u64 = 16 * 1024 * 1024;

/// Checks the archive's end record before the zip reader reads its directory: at most
/// [`MAX_BUNDLE_ENTRIES`] entries in at most [`MAX_DIRECTORY_BYTES`], and no zip64 (a
/// bundle never needs it).
fn check_directory(file: &mut std::fs::File, len: u64) -> Result<(), String> {
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ZIP64_LOCATOR: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
    // The end record is 22 bytes plus a comment of at most 65,535.
    let tail_len = len.min(22 + 65_535);
    let mut tail = Vec::new();
    file.seek(std::io::SeekFrom::Start(len - tail_len))
        .and_then(|_| Read::by_ref(file).take(tail_len).read_to_end(&mut tail))
        .map_err(|e| format!("could not be read ({})", super::io_reason(&e)))?;
    file.seek(std::io::SeekFrom::Start(0))
        .map_err(|e| format!("could not be read ({})", super::io_reason(&e)))?;
    let not_zip = || {
        "is not a zip archive, so not a bundle; a bundle is the .jbz file Journeyboard writes"
            .to_owned()
    };
    let at = tail
        .windows(4)
        .rposition(|w| w == END)
        .filter(|at| tail.len() - at >= 22)
        .ok_or_else(not_zip)?;
    let u16_at = |i: usize| u16::from_le_bytes([tail[at + i], tail[at + i + 1]]);
    let u32_at = |i: usize| {
        u32::from_le_bytes([
            tail[at + i],
            tail[at + i + 1],
            tail[at + i + 2],
            tail[at + i + 3],
        ])
    };
    let (entries, size, offset) = (u16_at(10), u32_at(12), u32_at(16));
    let zip64 = entries == u16::MAX
        || size == u32::MAX
        || offset == u32::MAX
        || (at >= 20 && tail[at - 20..at - 16] == ZIP64_LOCATOR);
    if zip64 {
        return Err("is a zip64 archive, which bundles never are".to_owned());
    }
    if usize::from(entries) > MAX_BUNDLE_ENTRIES {
        return Err(format!(
            "holds {entries} entries, over the limit of {MAX_BUNDLE_ENTRIES}"
        ));
    }
    if u64::from(size) > MAX_DIRECTORY_BYTES {
        return Err(format!(
            "has a directory of {}, over the limit of {}",
            in_words(u64::from(size)),
            in_words(MAX_DIRECTORY_BYTES)
        ));
    }
    Ok(())
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
    // Two entries of one name could show one tool one project and another tool another.
    if zip.has_duplicate_names() {
        return Err("holds two entries of the same name".to_owned());
    }
    // Entries sharing their bytes are how the most compact zip bombs are made.
    if zip.has_overlapping_files().unwrap_or(true) {
        return Err("has entries that overlap".to_owned());
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
        // Pictures are stored as they are and a project compresses about tenfold; far more
        // is a bomb's signature.
        if entry.size() > 1024 * 1024 && entry.size() / entry.compressed_size().max(1) > 100 {
            return Err(format!(
                "entry “{shown}” unpacks to over a hundred times its size, as zip bombs do"
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
