//! Storyboard pictures for the editor: card frames on the canvas and the inspector's
//! thumbnail, read and decoded on threads of their own, cached by file, use and
//! modification time, and freed when no longer shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// What a picture is decoded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Purpose {
    /// The whole picture, at most [`THUMBNAIL_SIZE`], for the inspector.
    Thumbnail,
    /// Centre-cropped to a card's frame, at most [`FRAME_PIXELS`] wide.
    Frame,
}

pub(crate) enum Picture {
    /// Being read and decoded on the picture thread.
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

/// Storyboard pictures, read and decoded on threads of their own so a slow, huge or
/// hostile picture never stops the editor (or its autosave). Cached by path, purpose and
/// modification time; a frame not shown for a while is freed, the longest unseen first,
/// once the frames hold more than [`FRAME_BUDGET_BYTES`].
#[derive(Default)]
pub(crate) struct Pictures {
    entries: HashMap<Key, PictureEntry>,
    worker: Option<mpsc::Sender<PictureJob>>,
    finished: Option<(mpsc::Sender<DecodedPicture>, mpsc::Receiver<DecodedPicture>)>,
    /// Bytes of texture held by ready entries.
    held: usize,
}

type Key = (PathBuf, Purpose);

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

/// Largest thumbnail shown in the inspector, in pixels.
const THUMBNAIL_SIZE: (u32, u32) = (480, 360);

/// Width of a frame's picture in pixels: sharp on a card up to 150 % zoom.
pub(crate) const FRAME_PIXELS: u32 = 320;

/// Texture bytes the card frames may hold before unseen ones are freed (96 MiB: about
/// 470 frames).
const FRAME_BUDGET_BYTES: usize = 96 * 1024 * 1024;

/// A frame not shown for this long is freed even within the budget, in seconds.
const FRAME_KEEP_SECONDS: f64 = 120.0;

/// Threads that read and decode pictures.
const PICTURE_THREADS: usize = 2;

/// How often a shown picture's file is looked at again for changes, in seconds.
const RECHECK_SECONDS: f64 = 1.0;

/// How far the picture threads are (see [`Pictures::status`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PicturesStatus {
    /// Asked for, not read and decoded yet.
    pub loading: usize,
    /// Ready as textures.
    pub ready: usize,
    /// Could not be read.
    pub failed: usize,
    /// Bytes the ready textures hold.
    pub texture_bytes: usize,
}

impl Pictures {
    /// How many pictures are loading, ready and failed, and the texture bytes held.
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
        for purpose in [Purpose::Thumbnail, Purpose::Frame] {
            self.remove(&(path.clone(), purpose));
        }
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
                let entry = self
                    .entries
                    .entry((PathBuf::from(stored), purpose))
                    .or_insert_with(|| PictureEntry::new(now, None, Picture::Failed(reason)));
                entry.used_at = now;
                return &entry.picture;
            }
        };
        let due = self
            .entries
            .get(&key)
            .is_none_or(|e| now - e.checked_at >= RECHECK_SECONDS || now < e.checked_at);
        if due {
            // Looking at the modification time does not open the file.
            let modified = std::fs::metadata(&key.0).and_then(|m| m.modified()).ok();
            match self.entries.get_mut(&key) {
                Some(entry) if entry.modified == modified => entry.checked_at = now,
                _ => {
                    let entry = PictureEntry::new(now, modified, Picture::Loading);
                    let wanted = entry.wanted.clone();
                    if let Some(old) = self.entries.insert(key.clone(), entry) {
                        self.forget(&old);
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
        // Always present: inserted above or on an earlier frame.
        let entry = self
            .entries
            .entry(key)
            .or_insert_with(|| PictureEntry::new(now, None, Picture::Loading));
        entry.used_at = now;
        &entry.picture
    }

    /// Frees the frames not asked for since `FRAME_KEEP_SECONDS`, then, while the frames
    /// hold more than the budget, those unseen longest (never one asked for this frame).
    pub(crate) fn free_unseen(&mut self, now: f64) {
        let stale: Vec<Key> = self
            .entries
            .iter()
            .filter(|(k, e)| k.1 == Purpose::Frame && now - e.used_at > FRAME_KEEP_SECONDS)
            .map(|(k, _)| k.clone())
            .collect();
        for key in stale {
            self.remove(&key);
        }
        if self.held <= FRAME_BUDGET_BYTES {
            return;
        }
        let mut unseen: Vec<(f64, Key)> = self
            .entries
            .iter()
            .filter(|(k, e)| k.1 == Purpose::Frame && e.used_at < now)
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
            self.forget(&entry);
        }
    }

    /// Stops an entry's job and counts its texture as freed.
    fn forget(&mut self, entry: &PictureEntry) {
        entry.wanted.store(false, Ordering::Relaxed);
        if let Picture::Ready(texture) = &entry.picture {
            self.held = self.held.saturating_sub(texture_bytes(texture));
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
                    self.held += texture_bytes(&texture);
                    Picture::Ready(texture)
                }
                Err(message) => Picture::Failed(message),
            };
        }
    }

    /// Hands a job to the picture threads, starting them (again) if needed.
    fn submit(&mut self, job: PictureJob) {
        let job = match &self.worker {
            Some(worker) => match worker.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job, // the threads have gone
            },
            None => job,
        };
        let finished = self.finished.get_or_insert_with(mpsc::channel).0.clone();
        let (worker, jobs) = mpsc::channel::<PictureJob>();
        let jobs = Arc::new(Mutex::new(jobs));
        let mut started = 0;
        let mut problem = None;
        for n in 0..PICTURE_THREADS {
            let (jobs, finished) = (jobs.clone(), finished.clone());
            match std::thread::Builder::new()
                .name(format!("journeyboard-pictures-{n}"))
                .spawn(move || decode_jobs(&jobs, &finished))
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
        let key = job.key.clone();
        if worker.send(job).is_err() {
            self.fail(
                &key,
                "the picture reader stopped; reopen the project".to_owned(),
            );
        }
        self.worker = Some(worker);
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

/// Bytes a texture takes (RGBA).
fn texture_bytes(texture: &egui::TextureHandle) -> usize {
    let [w, h] = texture.size();
    w * h * 4
}

/// A picture thread: takes jobs until the editor closes, skipping those no longer wanted.
fn decode_jobs(jobs: &Mutex<mpsc::Receiver<PictureJob>>, finished: &mpsc::Sender<DecodedPicture>) {
    loop {
        // The lock is held only to take one job; a poisoned lock still hands them out.
        let next = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = next else {
            return; // the editor has closed
        };
        if !job.wanted.load(Ordering::Relaxed) {
            continue;
        }
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
        let image = match purpose {
            Purpose::Thumbnail => crate::file::load_picture(folder, stored)?
                .thumbnail(THUMBNAIL_SIZE.0, THUMBNAIL_SIZE.1)
                .to_rgba8(),
            Purpose::Frame => {
                let aspect = crate::board::frame_aspect();
                let height = crate::convert::round_to_u32(
                    crate::convert::f32_from_u32(FRAME_PIXELS) / aspect,
                );
                crate::file::load_frame(folder, stored, aspect, (FRAME_PIXELS, height))?
            }
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
