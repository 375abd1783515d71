//! Thumbnails of storyboard pictures for the inspector, read and decoded on a thread of
//! their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub(super) enum Thumbnail {
    /// Being read and decoded on the picture thread.
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

/// Thumbnails of storyboard pictures, read and decoded on a thread of their own so a slow,
/// huge or hostile picture never stops the editor (or its autosave). Cached by path and
/// modification time.
#[derive(Default)]
pub(super) struct Thumbnails {
    entries: HashMap<PathBuf, ThumbnailEntry>,
    worker: Option<std::sync::mpsc::Sender<PictureJob>>,
    finished: Option<(
        std::sync::mpsc::Sender<DecodedPicture>,
        std::sync::mpsc::Receiver<DecodedPicture>,
    )>,
}

struct ThumbnailEntry {
    modified: Option<std::time::SystemTime>,
    /// When the modification time was last looked at (egui time, seconds).
    checked_at: f64,
    thumbnail: Thumbnail,
}

struct PictureJob {
    key: PathBuf,
    folder: Option<PathBuf>,
    stored: String,
    modified: Option<std::time::SystemTime>,
    ctx: egui::Context,
}

struct DecodedPicture {
    key: PathBuf,
    modified: Option<std::time::SystemTime>,
    result: Result<egui::ColorImage, String>,
}

/// Largest thumbnail shown in the inspector, in pixels.
const THUMBNAIL_SIZE: (u32, u32) = (480, 360);

/// How often a shown picture's file is looked at again for changes, in seconds.
const RECHECK_SECONDS: f64 = 1.0;

impl Thumbnails {
    /// Forgets every thumbnail (a new file may now sit at a path seen before).
    pub(super) fn clear(&mut self) {
        self.entries.clear();
    }

    /// The thumbnail for a stored picture path: ready, failed, or loading (then the
    /// picture thread asks for a repaint when it is done).
    pub(super) fn get(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&Path>,
        stored: &str,
    ) -> &Thumbnail {
        self.take_finished(ctx);
        let now = ctx.input(|i| i.time);
        let key = match crate::file::resolve_picture(folder, stored) {
            Ok(full) => full,
            Err(reason) => {
                // Refused as written: nothing to read, nothing to watch.
                let entry = self
                    .entries
                    .entry(PathBuf::from(stored))
                    .or_insert(ThumbnailEntry {
                        modified: None,
                        checked_at: now,
                        thumbnail: Thumbnail::Failed(reason),
                    });
                return &entry.thumbnail;
            }
        };
        let due = self
            .entries
            .get(&key)
            .is_none_or(|e| now - e.checked_at >= RECHECK_SECONDS || now < e.checked_at);
        if due {
            // Looking at the modification time does not open the file.
            let modified = std::fs::metadata(&key).and_then(|m| m.modified()).ok();
            match self.entries.get_mut(&key) {
                Some(entry) if entry.modified == modified => entry.checked_at = now,
                _ => {
                    self.entries.insert(
                        key.clone(),
                        ThumbnailEntry {
                            modified,
                            checked_at: now,
                            thumbnail: Thumbnail::Loading,
                        },
                    );
                    self.submit(PictureJob {
                        key: key.clone(),
                        folder: folder.map(Path::to_path_buf),
                        stored: stored.to_owned(),
                        modified,
                        ctx: ctx.clone(),
                    });
                }
            }
        }
        // Always present: inserted above or on an earlier frame.
        &self
            .entries
            .entry(key)
            .or_insert(ThumbnailEntry {
                modified: None,
                checked_at: now,
                thumbnail: Thumbnail::Loading,
            })
            .thumbnail
    }

    /// Turns pictures the thread has finished into textures.
    fn take_finished(&mut self, ctx: &egui::Context) {
        let Some((_, finished)) = &self.finished else {
            return;
        };
        while let Ok(done) = finished.try_recv() {
            let Some(entry) = self.entries.get_mut(&done.key) else {
                continue; // forgotten since it was asked for
            };
            if entry.modified != done.modified || !matches!(entry.thumbnail, Thumbnail::Loading) {
                continue; // the file changed again; a newer job is on its way
            }
            entry.thumbnail = match done.result {
                Ok(image) => Thumbnail::Ready(ctx.load_texture(
                    done.key.display().to_string(),
                    image,
                    egui::TextureOptions::LINEAR,
                )),
                Err(message) => Thumbnail::Failed(message),
            };
        }
    }

    /// Hands a job to the picture thread, starting it (again) if needed.
    fn submit(&mut self, job: PictureJob) {
        let finished = self
            .finished
            .get_or_insert_with(std::sync::mpsc::channel)
            .0
            .clone();
        let job = match &self.worker {
            Some(worker) => match worker.send(job) {
                Ok(()) => return,
                Err(std::sync::mpsc::SendError(job)) => job, // the thread has gone
            },
            None => job,
        };
        let (worker, jobs) = std::sync::mpsc::channel::<PictureJob>();
        let started = std::thread::Builder::new()
            .name("journeyboard-pictures".to_owned())
            .spawn(move || {
                for job in jobs {
                    let result = decode_thumbnail(job.folder.as_deref(), &job.stored);
                    let done = DecodedPicture {
                        key: job.key,
                        modified: job.modified,
                        result,
                    };
                    if finished.send(done).is_err() {
                        break; // the editor has closed
                    }
                    job.ctx.request_repaint();
                }
            });
        match started {
            Ok(_) => {
                let key = job.key.clone();
                if worker.send(job).is_err() {
                    self.fail(
                        &key,
                        "the picture reader stopped; reopen the project".to_owned(),
                    );
                }
                self.worker = Some(worker);
            }
            Err(e) => self.fail(
                &job.key,
                format!("the picture reader could not start ({e}); reopen the project"),
            ),
        }
    }

    fn fail(&mut self, key: &Path, message: String) {
        if let Some(entry) = self.entries.get_mut(key) {
            entry.thumbnail = Thumbnail::Failed(message);
        }
    }
}

/// Reads and decodes a picture into a thumbnail (on the picture thread). A decoder that
/// panics on a crafted file gives a message, not a dead thread.
fn decode_thumbnail(folder: Option<&Path>, stored: &str) -> Result<egui::ColorImage, String> {
    let decode = || {
        let image = crate::file::load_picture(folder, stored)?;
        let thumbnail = image
            .thumbnail(THUMBNAIL_SIZE.0, THUMBNAIL_SIZE.1)
            .to_rgba8();
        let size = [thumbnail.width() as usize, thumbnail.height() as usize];
        Ok(egui::ColorImage::from_rgba_unmultiplied(
            size,
            thumbnail.as_raw(),
        ))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_else(|_| {
        Err(format!(
            "picture “{stored}” could not be decoded; choose another picture or remove it"
        ))
    })
}
