//! Where the machine keeps fonts, and walking those folders for font files: bounded in
//! depth, folders and files, each folder once (links included), and collections whose
//! header could not be true refused before they are read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::FONT_DIRS_ENV;

/// File extensions of font files (compared without case).
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];
/// How deep font folders are searched (links to folders are followed once).
const MAX_DEPTH: usize = 8;
/// At most this many font files are indexed, so a huge or looping font folder cannot
/// stall the editor.
pub(super) const MAX_FONT_FILES: usize = 20_000;

/// Most faces a font collection (`.ttc`) may hold; the largest real ones have a few dozen.
/// A header claiming more is refused before fontdb walks it.
const MAX_FACES_IN_FILE: u32 = 256;
/// Most folders visited under the font folders (a link to `/` ends there).
const MAX_FOLDERS: usize = 10_000;

/// A font collection header that claims more faces than the file can hold, or than any
/// real collection has: fontdb would walk every claimed face.
pub(super) fn implausible_collection(path: &Path, size: u64) -> Option<String> {
    use std::io::Read;
    let mut header = [0_u8; 12];
    let mut file = std::fs::File::open(path).ok()?;
    file.read_exact(&mut header).ok()?;
    if &header[..4] != b"ttcf" {
        return None;
    }
    let claimed = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
    let room = size.saturating_sub(12) / 4;
    (u64::from(claimed) > room || claimed > MAX_FACES_IN_FILE).then(|| {
        format!(
            "its collection header claims {claimed} faces, more than the file holds or the \
             {MAX_FACES_IN_FILE} Journeyboard reads (damaged or crafted)"
        )
    })
}

/// Adds the font files under `folder` to `files`, following links to folders at most once
/// each (a loop of links ends there).
pub(super) fn collect_font_files(
    folder: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
) {
    if depth > MAX_DEPTH || files.len() >= MAX_FONT_FILES || seen.len() >= MAX_FOLDERS {
        return;
    }
    let Ok(real) = folder.canonicalize() else {
        return;
    };
    if !seen.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_font_files(&path, depth + 1, seen, files);
        } else if path.is_file()
            && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                FONT_EXTENSIONS
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(e))
            })
        {
            files.push(path);
            if files.len() >= MAX_FONT_FILES {
                return;
            }
        }
    }
}

/// Where the machine keeps fonts.
pub fn font_folders() -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os(FONT_DIRS_ENV) {
        return std::env::split_paths(&dirs)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut folders = Vec::new();
    if cfg!(target_os = "windows") {
        let root = std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
        folders.push(root.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            folders.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        folders.push(PathBuf::from("/System/Library/Fonts"));
        folders.push(PathBuf::from("/Library/Fonts"));
        if let Some(home) = &home {
            folders.push(home.join("Library/Fonts"));
        }
    } else {
        let data_dirs = std::env::var_os("XDG_DATA_DIRS")
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
        for dir in std::env::split_paths(&data_dirs) {
            folders.push(dir.join("fonts"));
        }
        let data_home = std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".local/share")));
        if let Some(data_home) = data_home {
            folders.push(data_home.join("fonts"));
        }
        if let Some(home) = &home {
            folders.push(home.join(".fonts"));
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        folders.extend(fontconfig_folders(home.as_deref()));
    }
    folders
}

/// The folders fontconfig is configured with (`<dir>` in fonts.conf and the files it
/// includes): NixOS, Guix, Flatpak and hand-made setups keep fonts elsewhere.
#[cfg(all(unix, not(target_os = "macos")))]
fn fontconfig_folders(home: Option<&Path>) -> Vec<PathBuf> {
    let mut config = fontconfig_parser::FontConfig::default();
    let file = std::env::var_os("FONTCONFIG_FILE")
        .map_or_else(|| PathBuf::from("/etc/fonts/fonts.conf"), PathBuf::from);
    if config.merge_config(&file).is_err() {
        return Vec::new();
    }
    config
        .dirs
        .into_iter()
        .filter_map(|dir| match dir.path.strip_prefix("~") {
            Ok(rest) => home.map(|h| h.join(rest)),
            Err(_) => Some(dir.path),
        })
        .collect()
}
