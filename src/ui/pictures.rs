//! Storyboard pictures for the editor: card frames on the canvas and the inspector's
//! thumbnail, read and decoded on threads of their own, cached by file, use and
//! modification time, and freed when no longer shown.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};

/// What a picture is decoded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Purpose {
    /// The whole picture, at most [`THUMBNAIL_SIZE`], for the inspector.
    Thumbnail,
    /// Centre-cropped to a card's frame, [`FRAME_PIXELS`] wide: sharp up to about 150 %
    /// zoom on a standard display.
    Frame,
    /// Centre-cropped to a card's frame, [`SMALL_FRAME_PIXELS`] wide, for cards whose
    /// frame is that small on screen (a zoomed-out board of many pictures).
    SmallFrame,
}

pub(crate) enum Picture {
    /// Being read and decoded on a picture thread.
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

/// Storyboard pictures, read and decoded on threads of their own so a slow, huge or
/// hostile picture never stops the editor (or its autosave). Cached by path, purpose and
/// modification time. The newest request is read first; one not asked for again within a
/// second is dropped before it is read. A frame not shown for a while is freed, the
/// longest unseen first, once the frames hold more than [`FRAME_BUDGET_BYTES`]; only the
/// last [`THUMBNAILS_KEPT`] thumbnails are kept.
#[derive(Default)]
pub(crate) struct Pictures {
    entries: HashMap<Key, PictureEntry>,
    jobs: Option<Arc<Queue>>,
    finished: Option<(mpsc::Sender<DecodedPicture>, mpsc::Receiver<DecodedPicture>)>,
    /// Bytes of texture held by ready frames (both sizes).
    held: usize,
    /// Files looked at again in the frame at this time (egui time, seconds).
    checks: (f64, usize),
}

type Key = (PathBuf, Purpose);

/// What a picture not looked at yet shows.
static NOT_YET: Picture = Picture::Loading;

struct PictureEntry {
    modified: Option<std::time::SystemTime>,
    /// When the modification time was last looked at (egui time, seconds).
    checked_at: f64,
    /// When the picture was last asked for (egui time, seconds).
    used_at: f64,
    picture: Picture,
    /// Cleared when the entry is forgotten, so a queued job is skipped.
    wanted: Arc<AtomicBool>,
}

struct PictureJob {
    key: Key,
    folder: Option<PathBuf>,
    stored: String,
    modified: Option<std::time::SystemTime>,
    ctx: egui::Context,
    wanted: Arc<AtomicBool>,
}

struct DecodedPicture {
    key: Key,
    modified: Option<std::time::SystemTime>,
    result: Result<egui::ColorImage, String>,
}

/// The picture threads' work: taken newest first; `closed` when the editor is done.
#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueState {
    jobs: VecDeque<PictureJob>,
    closed: bool,
}

/// Largest thumbnail shown in the inspector, in pixels.
const THUMBNAIL_SIZE: (u32, u32) = (480, 360);

/// Thumbnails kept for cards selected before (the inspector shows one at a time).
const THUMBNAILS_KEPT: usize = 8;

/// Width of a frame's picture in pixels: sharp on a card up to about 150 % zoom at one
/// pixel per point.
pub(crate) const FRAME_PIXELS: u32 = 320;

/// Width of a small frame's picture in pixels: used while a frame is at most this wide
/// on screen.
pub(crate) const SMALL_FRAME_PIXELS: u32 = 128;

/// Texture bytes the card frames may hold before unseen ones are freed (96 MiB: about
/// 480 large frames, or 3,000 small ones).
const FRAME_BUDGET_BYTES: usize = 96 * 1024 * 1024;

/// A frame not shown for this long is freed even within the budget, in seconds.
const FRAME_KEEP_SECONDS: f64 = 120.0;

/// A picture still waiting to be read that was not asked for in this long is dropped from
/// the queue (it is asked for again if it comes back into view), in seconds.
const WAIT_SECONDS: f64 = 1.0;

/// Threads that read and decode pictures.
const PICTURE_THREADS: usize = 2;

/// How often a shown picture's file is looked at again for changes, in seconds.
const RECHECK_SECONDS: f64 = 1.0;

/// Most files looked at again for changes in one frame (each is a file system call on
/// the editor's thread); a picture asked for the first time is always looked at.
const RECHECKS_PER_FRAME: usize = 24;

/// How far the picture threads are (see [`Pictures::status`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PicturesStatus {
    /// Asked for, not read and decoded yet.
    pub loading: usize,
    /// Ready as textures.
    pub ready: usize,
    /// Could not be read.
    pub failed: usize,
    /// Bytes the ready frames' textures hold.
    pub texture_bytes: usize,
}

impl Drop for Pictures {
    fn drop(&mut self) {
        if let Some(queue) = &self.jobs {
            queue.close();
        }
    }
}

impl Pictures {
    /// How many pictures are loading, ready and failed, and the frames' texture bytes.
    pub(crate) fn status(&self) -> PicturesStatus {
        let mut status = PicturesStatus {
            texture_bytes: self.held,
            ..PicturesStatus::default()
        };
        for entry in self.entries.values() {
            match entry.picture {
                Picture::Loading => status.loading += 1,
                Picture::Ready(_) => status.ready += 1,
                Picture::Failed(_) => status.failed += 1,
            }
        }
        status
    }

    /// Forgets every picture (a new file may now sit at a path seen before).
    pub(crate) fn clear(&mut self) {
        for entry in self.entries.values() {
            entry.wanted.store(false, Ordering::Relaxed);
        }
        self.entries.clear();
        self.held = 0;
    }

    /// Forgets one stored picture, for every purpose: a new file may now be at its path.
    pub(crate) fn forget_stored(&mut self, folder: Option<&Path>, stored: &str) {
        let path =
            crate::file::resolve_picture(folder, stored).unwrap_or_else(|_| PathBuf::from(stored));
        for purpose in [Purpose::Thumbnail, Purpose::Frame, Purpose::SmallFrame] {
            self.remove(&(path.clone(), purpose));
        }
    }

    /// A card's frame picture for a frame `width_px` pixels wide on screen: the small or
    /// the large decode, whichever fits; while the one that fits is loading, the other
    /// if it is ready (no placeholder flashes when zooming).
    pub(crate) fn frame(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&Path>,
        stored: &str,
        width_px: f32,
    ) -> &Picture {
        let (wanted, other) = if width_px <= crate::convert::f32_from_u32(SMALL_FRAME_PIXELS) {
            (Purpose::SmallFrame, Purpose::Frame)
        } else {
            (Purpose::Frame, Purpose::SmallFrame)
        };
        if !matches!(self.get(ctx, folder, stored, wanted), Picture::Loading) {
            return self.get(ctx, folder, stored, wanted);
        }
        let other_ready = crate::file::resolve_picture(folder, stored)
            .ok()
            .and_then(|path| self.entries.get(&(path, other)))
            .is_some_and(|e| matches!(e.picture, Picture::Ready(_)));
        self.get(
            ctx,
            folder,
            stored,
            if other_ready { other } else { wanted },
        )
    }

    /// The picture for a stored picture path: ready, failed, or loading (then a picture
    /// thread asks for a repaint when it is done).
    pub(crate) fn get(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&Path>,
        stored: &str,
        purpose: Purpose,
    ) -> &Picture {
        self.take_finished(ctx);
        let now = ctx.input(|i| i.time);
        let key = match crate::file::resolve_picture(folder, stored) {
            Ok(full) => (full, purpose),
            Err(reason) => {
                // Refused as written: nothing to read, nothing to watch.
                // Keyed apart from every real path (a NUL is in no file name), so a
                // refused "/proj/a.png" never shares an entry with an allowed "a.png".
                let entry = self
                    .entries
                    .entry((PathBuf::from(format!("\0refused\0{stored}")), purpose))
                    .or_insert_with(|| PictureEntry::new(now, None, Picture::Failed(reason)));
                entry.used_at = now;
                return &entry.picture;
            }
        };
        let due = self.entries.get(&key).is_none_or(|e| {
            (now - e.checked_at >= RECHECK_SECONDS || now < e.checked_at)
                && !matches!(e.picture, Picture::Loading)
        });
        // A picture never looked at is always looked at; looking again is rationed.
        let first = !self.entries.contains_key(&key);
        if due && (first || self.rechecks_left(now)) {
            if !first {
                self.checks.1 += 1;
            }
            // Looking at the modification time does not open the file.
            let modified = std::fs::metadata(&key.0).and_then(|m| m.modified()).ok();
            match self.entries.get_mut(&key) {
                Some(entry) if entry.modified == modified => entry.checked_at = now,
                _ => {
                    let entry = PictureEntry::new(now, modified, Picture::Loading);
                    let wanted = entry.wanted.clone();
                    if let Some(old) = self.entries.insert(key.clone(), entry) {
                        self.forget(key.1, &old);
                    }
                    self.submit(PictureJob {
                        key: key.clone(),
                        folder: folder.map(Path::to_path_buf),
                        stored: stored.to_owned(),
                        modified,
                        ctx: ctx.clone(),
                        wanted,
                    });
                }
            }
        }
        match self.entries.get_mut(&key) {
            Some(entry) => {
                entry.used_at = now;
                &entry.picture
            }
            // This frame's file checks ran out before it was first looked at: asked for
            // again next frame.
            None => {
                ctx.request_repaint();
                &NOT_YET
            }
        }
    }

    /// Whether another file may be looked at this frame (see [`RECHECKS_PER_FRAME`]).
    fn rechecks_left(&mut self, now: f64) -> bool {
        if self.checks.0 != now {
            self.checks = (now, 0);
        }
        self.checks.1 < RECHECKS_PER_FRAME
    }

    /// Frees what is no longer shown: pictures waiting to be read that were not asked for
    /// in the last second, frames not asked for in [`FRAME_KEEP_SECONDS`], thumbnails
    /// beyond the last [`THUMBNAILS_KEPT`], then, while the frames hold more than the
    /// budget, the frames unseen longest (never one asked for this frame).
    pub(crate) fn free_unseen(&mut self, now: f64) {
        let is_frame = |p: Purpose| p != Purpose::Thumbnail;
        let mut stale: Vec<Key> = self
            .entries
            .iter()
            .filter(|(k, e)| {
                let unseen = now - e.used_at;
                (matches!(e.picture, Picture::Loading) && unseen > WAIT_SECONDS)
                    || (is_frame(k.1) && unseen > FRAME_KEEP_SECONDS)
            })
            .map(|(k, _)| k.clone())
            .collect();
        let mut thumbnails: Vec<(f64, Key)> = self
            .entries
            .iter()
            .filter(|(k, _)| k.1 == Purpose::Thumbnail)
            .map(|(k, e)| (e.used_at, k.clone()))
            .collect();
        if thumbnails.len() > THUMBNAILS_KEPT {
            thumbnails.sort_by(|a, b| b.0.total_cmp(&a.0));
            stale.extend(thumbnails.drain(THUMBNAILS_KEPT..).map(|(_, k)| k));
        }
        for key in stale {
            self.remove(&key);
        }
        if self.held <= FRAME_BUDGET_BYTES {
            return;
        }
        let mut unseen: Vec<(f64, Key)> = self
            .entries
            .iter()
            .filter(|(k, e)| is_frame(k.1) && e.used_at < now)
            .map(|(k, e)| (e.used_at, k.clone()))
            .collect();
        unseen.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, key) in unseen {
            if self.held <= FRAME_BUDGET_BYTES {
                break;
            }
            self.remove(&key);
        }
    }

    fn remove(&mut self, key: &Key) {
        if let Some(entry) = self.entries.remove(key) {
            self.forget(key.1, &entry);
        }
    }

    /// Stops an entry's job and counts a frame's texture as freed.
    fn forget(&mut self, purpose: Purpose, entry: &PictureEntry) {
        entry.wanted.store(false, Ordering::Relaxed);
        if let Picture::Ready(texture) = &entry.picture
            && purpose != Purpose::Thumbnail
        {
            let [w, h] = texture.size();
            self.held = self.held.saturating_sub(w * h * 4);
        }
    }

    /// Turns pictures the threads have finished into textures.
    fn take_finished(&mut self, ctx: &egui::Context) {
        let Some((_, finished)) = &self.finished else {
            return;
        };
        while let Ok(done) = finished.try_recv() {
            let Some(entry) = self.entries.get_mut(&done.key) else {
                continue; // forgotten since it was asked for
            };
            if entry.modified != done.modified || !matches!(entry.picture, Picture::Loading) {
                continue; // the file changed again; a newer job is on its way
            }
            entry.picture = match done.result {
                Ok(image) => {
                    let texture = ctx.load_texture(
                        format!("{} ({:?})", done.key.0.display(), done.key.1),
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    if done.key.1 != Purpose::Thumbnail {
                        let [w, h] = texture.size();
                        self.held += w * h * 4;
                    }
                    Picture::Ready(texture)
                }
                Err(message) => Picture::Failed(message),
            };
        }
    }

    /// Hands a job to the picture threads, starting them if needed.
    fn submit(&mut self, job: PictureJob) {
        if let Some(queue) = &self.jobs {
            queue.push(job);
            return;
        }
        let finished = self.finished.get_or_insert_with(mpsc::channel).0.clone();
        let queue = Arc::new(Queue::default());
        let mut started = 0;
        let mut problem = None;
        for n in 0..PICTURE_THREADS {
            let (queue, finished) = (queue.clone(), finished.clone());
            match std::thread::Builder::new()
                .name(format!("journeyboard-pictures-{n}"))
                .spawn(move || decode_jobs(&queue, &finished))
            {
                Ok(_) => started += 1,
                Err(e) => problem = Some(e),
            }
        }
        if started == 0 {
            let reason = problem.map_or_else(String::new, |e| format!(" ({e})"));
            self.fail(
                &job.key,
                format!("the picture reader could not start{reason}; reopen the project"),
            );
            return;
        }
        queue.push(job);
        self.jobs = Some(queue);
    }

    fn fail(&mut self, key: &Key, message: String) {
        if let Some(entry) = self.entries.get_mut(key) {
            entry.picture = Picture::Failed(message);
        }
    }
}

impl PictureEntry {
    fn new(now: f64, modified: Option<std::time::SystemTime>, picture: Picture) -> Self {
        PictureEntry {
            modified,
            checked_at: now,
            used_at: now,
            picture,
            wanted: Arc::new(AtomicBool::new(true)),
        }
    }
}

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        // A poisoned lock still hands out the jobs.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, job: PictureJob) {
        self.lock().jobs.push_back(job);
        self.ready.notify_one();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
    }

    /// The newest job still wanted, waiting for one; `None` once closed.
    fn take(&self) -> Option<PictureJob> {
        let mut state = self.lock();
        loop {
            if state.closed {
                return None;
            }
            while let Some(job) = state.jobs.pop_back() {
                if job.wanted.load(Ordering::Relaxed) {
                    return Some(job);
                }
            }
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// A picture thread: takes jobs until the editor closes.
fn decode_jobs(queue: &Queue, finished: &mpsc::Sender<DecodedPicture>) {
    while let Some(job) = queue.take() {
        let result = decode(job.folder.as_deref(), &job.stored, job.key.1);
        let done = DecodedPicture {
            key: job.key,
            modified: job.modified,
            result,
        };
        if finished.send(done).is_err() {
            return;
        }
        job.ctx.request_repaint();
    }
}

/// Reads and decodes a picture for its purpose (on a picture thread). A decoder that
/// panics on a crafted file gives a message, not a dead thread.
fn decode(
    folder: Option<&Path>,
    stored: &str,
    purpose: Purpose,
) -> Result<egui::ColorImage, String> {
    let decode = || {
        let frame = |width: u32| {
            let aspect = crate::board::frame_aspect();
            let height = crate::convert::round_to_u32(crate::convert::f32_from_u32(width) / aspect);
            crate::file::load_frame(folder, stored, aspect, (width, height))
        };
        let image = match purpose {
            Purpose::Thumbnail => crate::file::load_picture(folder, stored)?
                .thumbnail(THUMBNAIL_SIZE.0, THUMBNAIL_SIZE.1)
                .to_rgba8(),
            Purpose::Frame => frame(FRAME_PIXELS)?,
            Purpose::SmallFrame => frame(SMALL_FRAME_PIXELS)?,
        };
        let size = [image.width() as usize, image.height() as usize];
        Ok(egui::ColorImage::from_rgba_unmultiplied(
            size,
            image.as_raw(),
        ))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_else(|_| {
        Err(format!(
            "picture “{stored}” could not be decoded; choose another picture or remove it"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one egui pass at `time` seconds with `f`.
    fn at(ctx: &egui::Context, time: f64, f: impl FnMut(&egui::Context)) {
        let mut f = f;
        let input = egui::RawInput {
            time: Some(time),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| f(ui.ctx()));
        output.textures_delta.clear();
    }

    #[test]
    fn thumbnails_are_few_and_frames_are_counted_and_freed() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..12_u8 {
            let image = image::RgbImage::from_pixel(40, 20, image::Rgb([n * 20, 0, 0]));
            image.save(dir.path().join(format!("p{n}.png"))).unwrap();
        }
        let ctx = egui::Context::default();
        let mut pictures = Pictures::default();
        let names: Vec<String> = (0..12).map(|n| format!("p{n}.png")).collect();
        // Ask for every thumbnail and three frames until all are read.
        let mut time = 0.0;
        for _ in 0..500 {
            time += 0.01;
            at(&ctx, time, |ctx| {
                for name in &names {
                    pictures.get(ctx, Some(dir.path()), name, Purpose::Thumbnail);
                }
                for name in &names[..3] {
                    pictures.get(ctx, Some(dir.path()), name, Purpose::Frame);
                }
            });
            if pictures.status().ready == 15 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(pictures.status().ready, 15, "{:?}", pictures.status());
        // Frames count against the budget (40 × 20 cropped to the frame's 1.97:1 is
        // 39 × 20), thumbnails do not.
        assert_eq!(pictures.status().texture_bytes, 3 * 39 * 20 * 4);
        // Later, one thumbnail and one frame still asked for: eight thumbnails are kept
        // (the one in use among them), unseen frames freed after two minutes.
        time += 1.0;
        at(&ctx, time, |ctx| {
            pictures.get(ctx, Some(dir.path()), &names[11], Purpose::Thumbnail);
        });
        pictures.free_unseen(time);
        let thumbnails = pictures
            .entries
            .keys()
            .filter(|k| k.1 == Purpose::Thumbnail)
            .count();
        assert_eq!(thumbnails, THUMBNAILS_KEPT);
        assert!(
            pictures
                .entries
                .contains_key(&(dir.path().join(&names[11]), Purpose::Thumbnail))
        );
        time += FRAME_KEEP_SECONDS + 1.0;
        at(&ctx, time, |ctx| {
            pictures.get(ctx, Some(dir.path()), &names[0], Purpose::Frame);
        });
        pictures.free_unseen(time);
        assert_eq!(pictures.status().texture_bytes, 39 * 20 * 4);
        pictures.clear();
        assert_eq!(pictures.status(), PicturesStatus::default());
    }
}
