//! Where storyboard pictures live: relative to the project file, never outside its folder,
//! so a project shared by a client cannot make Journeyboard read other files.
//!
//! A stored picture path comes from a file that may have been crafted. [`open_picture`] is
//! the one way to open it: the path must stay inside the project folder both as written
//! and once links are followed, it must name a regular file (never a folder, named pipe,
//! device or socket, which could block or never end) no larger than
//! [`MAX_PICTURE_BYTES`], and it is opened in a way that cannot block. [`load_picture`]
//! then reads and decodes it within fixed limits.

use super::io_reason;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// Largest picture file Journeyboard reads, in bytes (64 MiB): far above any storyboard
/// photo or sketch, and small enough to read in one piece.
pub const MAX_PICTURE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest picture Journeyboard decodes, in pixels on a side.
pub const MAX_PICTURE_SIDE: u32 = 12_000;

/// Most memory a picture may take while it is decoded, in bytes (512 MiB).
pub const MAX_PICTURE_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// The picture file for a stored path, or why it will not be read. This checks the path as
/// written; [`open_picture`] also follows links.
pub fn resolve_picture(project_folder: Option<&Path>, stored: &str) -> Result<PathBuf, String> {
    let path = Path::new(stored);
    let mut depth = 0_i32;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return Err(outside(stored));
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(outside(stored)),
        }
    }
    if depth == 0 {
        return Err(format!("picture path “{stored}” names no file"));
    }
    let folder = project_folder.ok_or_else(|| {
        format!("picture “{stored}” cannot be found until the project is saved: pictures are kept beside the project file")
    })?;
    Ok(in_folder(folder).join(path))
}

/// The folder itself, or `.` for the empty path that `Path::parent` gives for a bare
/// file name (`journeyboard export journey.ron …` run in the project's folder).
pub fn in_folder(folder: &Path) -> &Path {
    if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }
}

/// The folder beside a project file where the pictures added to it are stored:
/// `journey.pictures` for `journey.ron` (or `journey.jbz`). A file name that not every
/// system could hold as a folder (a colon, a reserved name such as CON, a dot at the end,
/// over 120 bytes) is made portable, so a bundle of the project can always be written.
pub fn pictures_dir_for(project_file: &Path) -> String {
    let stem = project_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut clean: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:<>\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    while clean.len() > 120 {
        clean.pop();
    }
    let clean = clean.trim_end_matches(['.', ' ']);
    let name = format!("{clean}.pictures");
    if clean.is_empty() || !super::bundle::portable(&name) {
        "project.pictures".to_owned()
    } else {
        name
    }
}

/// Formats accepted as storyboard pictures, with the extension a stored copy gets.
const PICTURE_FORMATS: [(image::ImageFormat, &str); 5] = [
    (image::ImageFormat::Png, "png"),
    (image::ImageFormat::Jpeg, "jpg"),
    (image::ImageFormat::WebP, "webp"),
    (image::ImageFormat::Gif, "gif"),
    (image::ImageFormat::Bmp, "bmp"),
];

/// Stores a picture the user chose for a touchpoint of the project whose pictures are
/// read from `folder`: kept where it is when inside that folder, otherwise copied into
/// `folder/pictures_dir/` under a name made from its content (the same picture added twice
/// is stored once). Only PNG, JPEG, WebP, GIF and BMP are accepted. Returns the path to
/// store in the project (relative, with `/`).
pub fn store_picture(folder: &Path, pictures_dir: &str, chosen: &Path) -> Result<String, String> {
    let folder = in_folder(folder);
    check_chosen_picture(chosen)?;
    let inside = chosen
        .canonicalize()
        .ok()
        .zip(folder.canonicalize().ok())
        .and_then(|(c, f)| c.strip_prefix(&f).ok().map(Path::to_path_buf));
    if let Some(relative) = inside {
        // Only its kind is needed: the first bytes say it.
        picture_extension(&read_head(chosen)?, chosen)?;
        return Ok(relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"));
    }
    let bytes = read_chosen(chosen)?;
    store_picture_bytes(folder, pictures_dir, &bytes, chosen)
}

/// Reads a chosen picture file, at most [`MAX_PICTURE_BYTES`].
fn read_chosen(chosen: &Path) -> Result<Vec<u8>, String> {
    let shown = chosen.display().to_string();
    super::read_bounded(chosen, MAX_PICTURE_BYTES).map_err(|e| match e {
        super::BoundedRead::Io(e) => {
            format!(
                "{shown} cannot be read: {}; choose another picture",
                io_reason(&e)
            )
        }
        super::BoundedRead::Special(what) => {
            format!("{shown} is {what}, not a picture file; choose a picture file")
        }
        super::BoundedRead::TooLarge(len) => too_big(&shown, len),
    })
}

/// The first bytes of a chosen picture file (already checked to be a regular file), enough
/// to tell its format.
fn read_head(chosen: &Path) -> Result<Vec<u8>, String> {
    let mut head = Vec::new();
    File::open(chosen)
        .and_then(|f| f.take(64).read_to_end(&mut head))
        .map_err(|e| {
            format!(
                "{} cannot be read: {}; choose another picture",
                chosen.display(),
                io_reason(&e)
            )
        })?;
    Ok(head)
}

/// The extension a picture's bytes get when stored, or why they are not a picture
/// Journeyboard takes (`shown` names the file in the message).
fn picture_extension(bytes: &[u8], shown: &Path) -> Result<&'static str, String> {
    let format = image::guess_format(bytes).ok();
    PICTURE_FORMATS
        .iter()
        .find(|(f, _)| Some(*f) == format)
        .map(|(_, ext)| *ext)
        .ok_or_else(|| {
            format!(
                "{} is not a PNG, JPEG, WebP, GIF or BMP picture; choose one of those",
                shown.display()
            )
        })
}

/// Stores picture bytes in `folder/pictures_dir/` under a name made from their content
/// (a 64-bit FNV-1a hash: a name, not a security measure); a different file already under
/// that name gets `-2`, `-3` … Never writes through a link. `shown` names the picture in
/// messages. Returns the stored path (relative to `folder`, with `/`).
pub fn store_picture_bytes(
    folder: &Path,
    pictures_dir: &str,
    bytes: &[u8],
    shown: &Path,
) -> Result<String, String> {
    let ext = picture_extension(bytes, shown)?;
    let hash = content_hash(bytes);
    let folder = in_folder(folder);
    let target_dir = pictures_folder(folder, pictures_dir)?;
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{hash:016x}.{ext}")
        } else {
            format!("{hash:016x}-{n}.{ext}")
        };
        let target = target_dir.join(&name);
        match std::fs::symlink_metadata(&target) {
            Ok(meta)
                if meta.is_file()
                    && super::read_bounded(&target, MAX_PICTURE_BYTES)
                        .is_ok_and(|b| b == bytes) =>
            {
                return Ok(format!("{pictures_dir}/{name}"));
            }
            Ok(_) => n += 1,
            Err(_) => {
                write_new(&target, bytes, shown)?;
                return Ok(format!("{pictures_dir}/{name}"));
            }
        }
    }
}

/// The 64-bit FNV-1a hash of `bytes`: stable across builds and platforms.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `folder/name`, created if needed: a real folder inside `folder`, never a link a shared
/// project folder planted to make Journeyboard write elsewhere.
fn pictures_folder(folder: &Path, name: &str) -> Result<PathBuf, String> {
    let target_dir = folder.join(name);
    std::fs::create_dir_all(&target_dir).map_err(|e| {
        format!(
            "could not create {}: {}",
            target_dir.display(),
            io_reason(&e)
        )
    })?;
    let real_inside = std::fs::symlink_metadata(&target_dir).is_ok_and(|m| m.is_dir())
        && target_dir
            .canonicalize()
            .ok()
            .zip(folder.canonicalize().ok())
            .is_some_and(|(t, f)| t.starts_with(f));
    if !real_inside {
        return Err(format!(
            "{} is a link that leads out of the project folder, so no picture is copied \
             there; replace it with a folder",
            target_dir.display()
        ));
    }
    Ok(target_dir)
}

/// Writes a new file (never through a link, never over a file); a partial file is
/// removed again.
fn write_new(target: &Path, bytes: &[u8], shown: &Path) -> Result<(), String> {
    use std::io::Write;
    let copy_error = |e: std::io::Error| {
        format!(
            "could not copy {} into the project folder: {}",
            shown.display(),
            io_reason(&e)
        )
    };
    let mut copy = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(copy_error)?;
    if let Err(e) = copy.write_all(bytes).and_then(|()| copy.sync_all()) {
        drop(copy);
        // A partial copy is no use; if even removing it fails, say where it is.
        return Err(match std::fs::remove_file(target) {
            Ok(()) => copy_error(e),
            Err(_) => format!(
                "{}; the partial copy {} could not be removed, delete it by hand",
                copy_error(e),
                target.display()
            ),
        });
    }
    Ok(())
}

fn outside(stored: &str) -> String {
    format!(
        "picture “{stored}” is outside the project folder, so it is not read; move it \
         into the project's folder and choose it again"
    )
}

/// A picture file opened for reading: a regular file inside the project folder, of at
/// most [`MAX_PICTURE_BYTES`].
#[derive(Debug)]
pub struct PictureFile {
    /// Where the file really is (links followed).
    pub path: PathBuf,
    /// Its size in bytes when it was opened.
    pub len: u64,
    /// When it was last changed, where the system records it.
    pub modified: Option<SystemTime>,
    file: File,
}

impl PictureFile {
    /// The file to read, never past one byte over [`MAX_PICTURE_BYTES`] (more means it
    /// grew over the limit after it was opened).
    pub fn reader(self) -> impl Read {
        self.file.take(MAX_PICTURE_BYTES + 1)
    }

    /// Reads the whole file (never more than [`MAX_PICTURE_BYTES`], even if it grows).
    pub fn read_all(self, stored: &str) -> Result<Vec<u8>, String> {
        let capacity = usize::try_from(self.len).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        self.file
            .take(MAX_PICTURE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(stored, &self.path, &e))?;
        if bytes.len() as u64 > MAX_PICTURE_BYTES {
            return Err(too_big(stored, bytes.len() as u64));
        }
        Ok(bytes)
    }
}

/// Opens the picture a project names, after every check that keeps a crafted project from
/// reading other files or hanging the editor:
///
/// - the path as written stays inside the project folder ([`resolve_picture`]);
/// - followed through links, it still ends inside the (real) project folder;
/// - it is a regular file, not a folder, named pipe, device or socket;
/// - it is at most [`MAX_PICTURE_BYTES`].
///
/// On Unix the file is opened non-blocking and without following a last link, and checked
/// again once open, so a file swapped for a named pipe in between cannot block.
pub fn open_picture(project_folder: Option<&Path>, stored: &str) -> Result<PictureFile, String> {
    let joined = resolve_picture(project_folder, stored)?;
    let folder = in_folder(project_folder.unwrap_or_else(|| Path::new(".")));
    let real_folder = folder.canonicalize().map_err(|e| {
        format!(
            "the project folder {} cannot be read ({}), so picture “{stored}” is not read",
            folder.display(),
            io_reason(&e)
        )
    })?;
    // `canonicalize` resolves links by reading them; it never opens the file itself.
    let real = joined.canonicalize().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "picture {} not found; choose it again or remove it",
                joined.display()
            )
        } else {
            cannot_read(stored, &joined, &e)
        }
    })?;
    if !real.starts_with(&real_folder) {
        return Err(format!(
            "picture “{stored}” is outside the project folder (a link leads out of it), so \
             it is not read; move it into the project's folder and choose it again"
        ));
    }
    // Check what it is before opening: opening a named pipe could wait forever.
    let meta = std::fs::metadata(&real).map_err(|e| cannot_read(stored, &real, &e))?;
    check_kind_and_size(stored, &meta)?;
    let file = open_no_block(&real).map_err(|e| cannot_read(stored, &real, &e))?;
    // The file may have been replaced between the check and the open: check what was opened.
    let meta = file
        .metadata()
        .map_err(|e| cannot_read(stored, &real, &e))?;
    check_kind_and_size(stored, &meta)?;
    Ok(PictureFile {
        path: real,
        len: meta.len(),
        modified: meta.modified().ok(),
        file,
    })
}

/// Checks a picture the user chose (from a dialog or typed) before it is copied beside the
/// project: a regular file of at most [`MAX_PICTURE_BYTES`]. Copying a named pipe or device
/// could wait or run forever.
pub fn check_chosen_picture(chosen: &Path) -> Result<(), String> {
    let shown = chosen.display().to_string();
    let meta = std::fs::metadata(chosen).map_err(|e| {
        format!(
            "{shown} cannot be read: {}; choose another picture",
            io_reason(&e)
        )
    })?;
    check_kind_and_size(&shown, &meta)
}

/// Opens, reads and decodes a stored picture within the limits ([`MAX_PICTURE_BYTES`] of
/// file, [`MAX_PICTURE_SIDE`] pixels a side, [`MAX_PICTURE_DECODE_BYTES`] of memory).
pub fn load_picture(
    project_folder: Option<&Path>,
    stored: &str,
) -> Result<image::DynamicImage, String> {
    let file = open_picture(project_folder, stored)?;
    let path = file.path.clone();
    let bytes = file.read_all(stored)?;
    decode_picture(&bytes, &path)
}

/// A stored picture as a card's frame: read and decoded within the limits of
/// [`load_picture`], centre-cropped to `aspect` (width ÷ height) and scaled down to at most
/// `max` pixels (`(width, height)`, never scaled up). The whole picture is scaled before
/// it is cropped, so at most one full-size copy is held while it is made.
pub fn load_frame(
    project_folder: Option<&Path>,
    stored: &str,
    aspect: f32,
    max: (u32, u32),
) -> Result<image::RgbaImage, String> {
    let picture = load_picture(project_folder, stored)?;
    Ok(frame_of(&picture, aspect, max))
}

/// `picture` centre-cropped to `aspect` and scaled down to fit `max`. A portrait picture
/// (taller than wide: a phone screenshot) is not cropped but fitted whole, centred on a
/// transparent frame, so the frame's tint shows beside it.
pub fn frame_of(picture: &image::DynamicImage, aspect: f32, max: (u32, u32)) -> image::RgbaImage {
    use crate::convert::{f32_from_u32, round_to_u32};
    let (w, h) = (
        f32_from_u32(picture.width()),
        f32_from_u32(picture.height()),
    );
    if w < 1.0 || h < 1.0 || !aspect.is_finite() || aspect <= 0.0 {
        return image::RgbaImage::new(1, 1);
    }
    if h > w {
        // The frame's height at most `max.1` (and the picture's), its width height × aspect.
        let frame_h = f32_from_u32(max.1).min(f32_from_u32(max.0) / aspect).min(h);
        let scale = (frame_h / h).min(1.0);
        let fitted = picture
            .thumbnail_exact(
                round_to_u32(w * scale).max(1),
                round_to_u32(h * scale).max(1),
            )
            .into_rgba8();
        let mut frame = image::RgbaImage::new(
            round_to_u32(frame_h * aspect).max(fitted.width()),
            round_to_u32(frame_h).max(fitted.height()),
        );
        let x = (frame.width() - fitted.width()) / 2;
        let y = (frame.height() - fitted.height()) / 2;
        image::imageops::overlay(&mut frame, &fitted, i64::from(x), i64::from(y));
        return frame;
    }
    // The part that shows, in the picture's pixels.
    let (crop_w, crop_h) = if w / h > aspect {
        (h * aspect, h)
    } else {
        (w, w / aspect)
    };
    let scale = (f32_from_u32(max.0) / crop_w)
        .min(f32_from_u32(max.1) / crop_h)
        .min(1.0);
    let scaled = (
        round_to_u32(w * scale).max(1),
        round_to_u32(h * scale).max(1),
    );
    let small = if scale < 1.0 {
        picture.thumbnail_exact(scaled.0, scaled.1).into_rgba8()
    } else {
        picture.to_rgba8()
    };
    let (out_w, out_h) = (
        round_to_u32(crop_w * scale).clamp(1, small.width()),
        round_to_u32(crop_h * scale).clamp(1, small.height()),
    );
    let x = (small.width() - out_w) / 2;
    let y = (small.height() - out_h) / 2;
    image::imageops::crop_imm(&small, x, y, out_w, out_h).to_image()
}

/// Decodes picture bytes within the limits; `path` names the file in messages.
pub fn decode_picture(bytes: &[u8], path: &Path) -> Result<image::DynamicImage, String> {
    let not_readable = |e: &dyn std::fmt::Display| {
        format!(
            "{} is not a picture Journeyboard can read: {e}. Choose another picture or \
             remove it",
            path.display()
        )
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| not_readable(&e))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PICTURE_SIDE);
    limits.max_image_height = Some(MAX_PICTURE_SIDE);
    limits.max_alloc = Some(MAX_PICTURE_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "{} is too large to show: pictures may be at most {} pixels a side and take at \
             most {} MiB to decode. Choose a smaller picture or remove it",
            path.display(),
            super::grouped(u64::from(MAX_PICTURE_SIDE)),
            MAX_PICTURE_DECODE_BYTES / (1024 * 1024)
        ),
        other => not_readable(&other),
    })
}

fn check_kind_and_size(stored: &str, meta: &std::fs::Metadata) -> Result<(), String> {
    if let Some(kind) = super::special_kind(&meta.file_type()) {
        return Err(format!(
            "picture “{stored}” is {kind}, not a picture file, so it is not read; choose a \
             picture file or remove it"
        ));
    }
    if meta.len() > MAX_PICTURE_BYTES {
        return Err(too_big(stored, meta.len()));
    }
    Ok(())
}

/// The message for a picture file of `len` bytes, over [`MAX_PICTURE_BYTES`].
fn too_big(stored: &str, len: u64) -> String {
    let mib = crate::convert::f64_from_u64(len) / (1024.0 * 1024.0);
    format!(
        "picture “{stored}” is {mib:.1} MiB, over the limit of {} MiB for pictures, so it is \
         not read; save it smaller (for example as JPEG) and choose it again",
        MAX_PICTURE_BYTES / (1024 * 1024)
    )
}

fn cannot_read(stored: &str, path: &Path, e: &std::io::Error) -> String {
    format!(
        "picture “{stored}” ({}) cannot be read: {}; choose it again or remove it",
        path.display(),
        io_reason(e)
    )
}

/// Opens for reading without blocking on a named pipe or device and without following a
/// link in the last component (the path is already resolved, so a link there means the file
/// was swapped since).
#[cfg(unix)]
fn open_no_block(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_block(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_projects_pictures_folder_is_named_after_it_and_portable() {
        use super::pictures_dir_for as dir;
        use std::path::Path;
        assert_eq!(dir(Path::new("/x/journey.ron")), "journey.pictures");
        assert_eq!(dir(Path::new("trip.jbz")), "trip.pictures");
        assert_eq!(dir(Path::new("Plan: Q3?.ron")), "Plan_ Q3_.pictures");
        assert_eq!(
            dir(Path::new("ends with dot..ron")),
            "ends with dot.pictures"
        );
        assert_eq!(dir(Path::new("CON.ron")), "project.pictures");
        assert_eq!(dir(Path::new(".ron")), ".ron.pictures");
        let long = format!("{}.ron", "é".repeat(200));
        let name = dir(Path::new(&long));
        assert!(name.len() <= 130 && name.ends_with(".pictures"), "{name}");
    }

    use super::*;

    #[test]
    fn a_bare_project_name_means_the_current_folder() {
        assert_eq!(
            resolve_picture(Some(Path::new("")), "a.png").unwrap(),
            PathBuf::from("./a.png")
        );
    }

    #[test]
    fn pictures_stay_inside_the_project_folder() {
        let folder = Path::new("/maps/bank");
        assert_eq!(
            resolve_picture(Some(folder), "frames/a.png").unwrap(),
            PathBuf::from("/maps/bank/frames/a.png")
        );
        assert!(resolve_picture(Some(folder), "frames/../b.png").is_ok());
        for bad in [
            "../secret.png",
            "frames/../../x.png",
            "/etc/passwd",
            "",
            ".",
        ] {
            assert!(resolve_picture(Some(folder), bad).is_err(), "{bad}");
        }
        assert!(
            resolve_picture(None, "a.png")
                .unwrap_err()
                .contains("saved")
        );
    }

    #[test]
    fn limits_are_written_for_people() {
        assert_eq!(
            too_big("a.png", 70 * 1024 * 1024),
            "picture “a.png” is 70.0 MiB, over the limit of 64 MiB for pictures, so it is \
             not read; save it smaller (for example as JPEG) and choose it again"
        );
    }

    /// The race the open guards against: the file checked was regular, then swapped for a
    /// named pipe before the open. The open must not wait for a writer, and what was opened
    /// is refused.
    #[cfg(unix)]
    #[test]
    fn opening_a_named_pipe_does_not_wait_and_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("swapped.png");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(status) if status.success() => {}
            other => {
                println!("note: skipped: mkfifo is not available ({other:?})");
                return;
            }
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let opened = open_no_block(&path).and_then(|f| f.metadata());
            tx.send(opened.map(|m| check_kind_and_size("swapped.png", &m)))
                .ok();
        });
        // A one-minute hang guard (not a timing claim): release a blocked open, then fail.
        let Ok(result) = rx.recv_timeout(std::time::Duration::from_secs(60)) else {
            std::fs::OpenOptions::new().write(true).open(&fifo).ok();
            panic!("opening the named pipe blocked");
        };
        assert_eq!(
            result.unwrap().unwrap_err(),
            "picture “swapped.png” is a named pipe, not a picture file, so it is not read; \
             choose a picture file or remove it"
        );
        // A link as the last component is not followed (the real path never has one).
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(open_no_block(&link).is_err());
    }

    #[test]
    fn a_regular_picture_opens_and_decodes() {
        let dir = tempfile::tempdir().unwrap();
        image::RgbaImage::from_pixel(5, 3, image::Rgba([1, 2, 3, 255]))
            .save(dir.path().join("a.png"))
            .unwrap();
        let opened = open_picture(Some(dir.path()), "a.png").unwrap();
        assert_eq!(
            opened.path,
            dir.path().canonicalize().unwrap().join("a.png")
        );
        let image = load_picture(Some(dir.path()), "a.png").unwrap();
        assert_eq!((image.width(), image.height()), (5, 3));
    }
}
