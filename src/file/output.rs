//! The one way Journeyboard writes a file: saves, autosave, exports and imports all come
//! through [`write_atomic_with`], so every output gets the same care.
//!
//! - A regular file is replaced atomically: the bytes go to a hidden temporary file in the
//!   same folder, are synced, and the temporary file is renamed over the old one, which
//!   keeps its permissions. A new file gets the permissions the user's umask gives.
//! - A symbolic link is followed to its target, which is replaced (atomically, in the
//!   target's folder); the link itself stays a link.
//! - A named pipe or a character device (`/dev/null`, a terminal) is written straight
//!   into, never renamed over. Folders, block devices and sockets are refused.
//! - Temporary files left by a process killed mid-save are removed on the next save in
//!   that folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::SaveError;

/// Name prefix of our temporary files; the writer's [`writer_token`] and process id
/// follow it.
const TEMP_PREFIX: &str = ".journeyboard-save-";
/// Name suffix of our temporary files.
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file whose writer cannot be identified is stale after this long.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);
/// Most symbolic links followed from one output path, as the kernel allows.
const MAX_LINK_HOPS: usize = 40;

/// Where an output goes: a path, or standard output for `-`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (the command line's `-o -`).
    Stdout,
    /// A file (or a link, pipe or device).
    Path(PathBuf),
}

impl Destination {
    /// `-` means standard output, anything else a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg.as_os_str() == "-" {
            Self::Stdout
        } else {
            Self::Path(arg.to_owned())
        }
    }

    /// How messages name it.
    pub fn display(&self) -> String {
        match self {
            Self::Stdout => "standard output".to_owned(),
            Self::Path(path) => path.display().to_string(),
        }
    }

    /// Writes `bytes` there: atomically to a file, straight to standard output.
    pub fn write(&self, bytes: &[u8]) -> Result<(), SaveError> {
        match self {
            Self::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)
                    .and_then(|()| out.flush())
                    .map_err(|source| SaveError::Stdout { source })
            }
            Self::Path(path) => write_atomic(path, bytes),
        }
    }
}

/// Whether links are followed to the file they name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    /// A link is written through to its target (outputs the user names).
    Follow,
    /// A link is replaced by the new file, never followed (Journeyboard's own files beside
    /// a project, such as the recovery copy, which a hostile folder could plant as links).
    Replace,
}

/// What is at an output path once links are followed.
enum Target {
    /// Nothing yet: create it.
    New(PathBuf),
    /// A regular file to replace.
    Regular(PathBuf, std::fs::Metadata),
    /// A named pipe or character device to write into.
    Stream(PathBuf),
}

/// Writes bytes to `path` atomically (see the module documentation).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes to `path` what `write` produces. A regular file is replaced atomically: if
/// `write` or any step fails, the previous file is untouched and the temporary file is
/// removed. A read-only file is refused.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    write_with(path, Links::Follow, write)
}

/// Writes `bytes` to `path` atomically without following a link there: a link at `path`
/// is replaced by the file. For Journeyboard's own files beside a project (the recovery
/// copy), which a project folder from someone else could have planted as links to the
/// user's other files.
pub fn write_atomic_replacing_links(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with(path, Links::Replace, |out| out.write_all(bytes))
}

fn write_with(
    path: &Path,
    links: Links,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |source: std::io::Error| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    let (real, existing) = match classify(path, links)? {
        Target::Stream(real) => {
            // Opening without create or truncate: a pipe or device is written as it is.
            // Appending keeps what a shell redirection such as `>> log` expects.
            let mut stream = std::fs::OpenOptions::new()
                .append(true)
                .open(&real)
                .map_err(fail)?;
            write(&mut stream).map_err(fail)?;
            return stream.flush().map_err(fail);
        }
        Target::New(real) => (real, None),
        Target::Regular(real, meta) => {
            if meta.permissions().readonly() {
                return Err(SaveError::ReadOnly {
                    path: path.to_owned(),
                });
            }
            (real, Some(meta))
        }
    };
    let folder = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{TEMP_PREFIX}{}-{}-", writer_token(), std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file is like any other: 0666 less the umask (applied at creation). A file
        // being replaced keeps its mode, and the temporary copy never has more: a private
        // project is not readable by others while it is written.
        let mode = existing
            .as_ref()
            .map_or(0o666, |meta| meta.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    // Before writing: leftovers of killed saves may be what filled the disk.
    remove_stale_temporaries(&folder);
    let mut temp = builder.tempfile_in(&folder).map_err(fail)?;
    write(&mut temp).map_err(fail)?;
    temp.flush().map_err(fail)?;
    if let Some(meta) = &existing {
        keep_owner_and_mode(temp.as_file(), meta).map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(&real).map_err(|err| fail(err.error))?;
    // Make the rename itself durable; not every platform can sync a folder.
    if let Ok(dir) = std::fs::File::open(&folder)
        && let Err(_unsupported) = dir.sync_all()
    {
        // Best effort: the data itself is already synced and renamed into place, so the
        // save has succeeded; only the rename's durability across a crash is not assured.
    }
    Ok(())
}

/// The replaced file's permissions (less set-user-id and set-group-id, which a data file
/// must not gain by a save) and, where the system allows it, its owner and group: a file
/// re-saved by an administrator stays readable by the person it belonged to.
fn keep_owner_and_mode(temp: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = old.permissions().mode() & 0o1777;
        temp.set_permissions(std::fs::Permissions::from_mode(mode))?;
        let new = temp.metadata()?;
        if (new.uid() != old.uid() || new.gid() != old.gid())
            && let Err(_not_allowed) =
                std::os::unix::fs::fchown(temp, Some(old.uid()), Some(old.gid()))
        {
            // Only allowed to an administrator (or to change the group to one of ours);
            // otherwise the file becomes the saver's, as with any editor.
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        temp.set_permissions(old.permissions())
    }
}

/// True for paths that name an open file descriptor rather than a file (`/dev/stdout`,
/// `/dev/fd/3`, `/proc/self/fd/1`): their link text (`pipe:[…]`, or the file a shell
/// opened for `>> log`) must not be followed and replaced; they are written into.
fn names_a_descriptor(path: &Path) -> bool {
    let text = path.to_string_lossy();
    matches!(text.as_ref(), "/dev/stdout" | "/dev/stderr")
        || text.starts_with("/dev/fd/")
        || (text.starts_with("/proc/") && text.contains("/fd/"))
}

/// Follows links from `path` (unless told not to) and says what the output is.
fn classify(path: &Path, links: Links) -> Result<Target, SaveError> {
    let refuse = |what: &str| SaveError::NotAFile {
        path: path.to_owned(),
        what: what.to_owned(),
    };
    if names_a_descriptor(path) {
        return Ok(Target::Stream(path.to_owned()));
    }
    let mut real = path.to_owned();
    for _ in 0..=MAX_LINK_HOPS {
        let meta = match std::fs::symlink_metadata(&real) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Target::New(real));
            }
            Err(source) => {
                return Err(SaveError::Write {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let kind = meta.file_type();
        if links == Links::Replace && !kind.is_file() && !kind.is_dir() {
            // A link, a named pipe (whose opening would wait for a reader) or a device
            // planted at our own file's name: replace it by renaming over it.
            return Ok(Target::New(real));
        }
        if kind.is_symlink() {
            let target = std::fs::read_link(&real).map_err(|source| SaveError::Write {
                path: path.to_owned(),
                source,
            })?;
            real = match real.parent() {
                Some(parent) if target.is_relative() => parent.join(target),
                _ => target,
            };
            if names_a_descriptor(&real) {
                return Ok(Target::Stream(real));
            }
            continue;
        }
        if kind.is_file() {
            return Ok(Target::Regular(real, meta));
        }
        if kind.is_dir() {
            return Err(refuse("a folder"));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() || kind.is_char_device() {
                return Ok(Target::Stream(real));
            }
            if kind.is_block_device() {
                return Err(refuse("a block device (a disk)"));
            }
            if kind.is_socket() {
                return Err(refuse("a socket"));
            }
        }
        return Err(refuse("not a regular file"));
    }
    Err(refuse("a chain of more than 40 symbolic links"))
}

/// Which process table a process id belongs to: a hash of this machine's name and its
/// process-id namespace (Linux), so that a process id seen in a temporary file's name is
/// only looked up where it means the same process. Empty where the system cannot tell.
fn writer_token() -> &'static str {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(|| {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname");
        let namespace = std::fs::read_link("/proc/self/ns/pid");
        match (host, namespace) {
            (Ok(host), Ok(namespace)) => {
                // FNV-1a: short, stable, no dependency.
                let mut hash: u32 = 0x811c_9dc5;
                for byte in host
                    .trim()
                    .bytes()
                    .chain(namespace.to_string_lossy().bytes())
                {
                    hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
                }
                format!("{hash:08x}")
            }
            _ => "x".to_owned(),
        }
    })
}

/// Removes temporary files of ours in `folder` whose writer is gone: a process killed
/// mid-save leaves one behind. A file whose writer is running, or whose writer cannot
/// be looked up here (another machine on a shared drive, another container) and that is
/// recent, is left alone.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .filter(|n| n.ends_with(TEMP_SUFFIX))
        else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let mut parts = rest.splitn(3, '-');
        let (token, pid) = (
            parts.next(),
            parts.next().and_then(|p| p.parse::<u32>().ok()),
        );
        let here = token == Some(writer_token()) && writer_token() != "x";
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        let stale = match pid {
            Some(pid) if here && pid == own => false,
            Some(pid) if here => process_is_gone(pid).unwrap_or(old),
            _ => old,
        };
        if stale && let Err(_gone_or_locked) = std::fs::remove_file(entry.path()) {
            // Best effort: another save may be removing it at the same moment, and a
            // leftover that stays is tried again at the next save.
        }
    }
}

/// Whether process `pid` has ended, where the system can tell (Linux: `/proc`).
fn process_is_gone(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(!proc.join(pid.to_string()).exists())
}

/// The name a temporary file of this process gets, for tests of the clean-up.
#[doc(hidden)]
pub fn temp_name_for_pid(pid: u32) -> String {
    format!("{TEMP_PREFIX}{}-{pid}-AbCd12{TEMP_SUFFIX}", writer_token())
}

/// True if `a` and `b` name the same existing file (also through links or hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    // Both must exist; only Unix metadata also says which file a path is.
    #[cfg_attr(not(unix), allow(unused_variables))]
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta_a.dev() == meta_b.dev() && meta_a.ino() == meta_b.ino()
    }
    #[cfg(not(unix))]
    {
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

/// True if `path` holds a Journeyboard project file (by its `.ron` name or its text),
/// which an export or import must not overwrite without being told to.
pub fn holds_project(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(super::EXTENSION))
    {
        return true;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 4096), &mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    looks_like_project_text(&text)
}

/// True if the text starts the way a project file does: optional `#![enable(..)]`
/// lines and comments, then `(` with a `version` field.
fn looks_like_project_text(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with("//") || rest.starts_with("#!") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.starts_with('(') && rest.contains("version")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_text_is_recognised_by_its_start() {
        assert!(looks_like_project_text(
            "#![enable(implicit_some)]\n(\n    version: 1,"
        ));
        assert!(looks_like_project_text(
            "// notes\n(version: 1, title: \"x\")"
        ));
        assert!(!looks_like_project_text("id,title\n1,(version)"));
        assert!(!looks_like_project_text("journey\n  title (version)"));
    }

    #[test]
    fn dash_is_standard_output() {
        assert_eq!(Destination::from_arg(Path::new("-")), Destination::Stdout);
        assert_eq!(
            Destination::from_arg(Path::new("./-")),
            Destination::Path(PathBuf::from("./-"))
        );
    }
}
