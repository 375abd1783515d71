//! The pictures an export's frames show: every file the touchpoints name read once, on up
//! to two threads, cropped and sized for the export, as textures of its context.

use std::collections::HashMap;
use std::path::Path;

use crate::board::{self, FramePicture};
use crate::model::{Project, TouchpointId};

/// The pictures of an export's frames, as textures of the export's context.
pub(super) struct FramePictures {
    pub(super) shown: HashMap<TouchpointId, FramePicture>,
    /// Each texture's pixels, kept for a vector export (empty for a PNG).
    pub(super) images: HashMap<egui::TextureId, image::RgbaImage>,
    /// Kept until the picture is painted: dropping a handle frees its texture.
    _textures: Vec<egui::TextureHandle>,
    /// One per touchpoint whose picture cannot be read.
    pub(super) warnings: Vec<String>,
}

/// Reads every picture the touchpoints name (each file once, on up to two threads),
/// cropped to the frame and sized to `pixels`, and turns them into textures. A picture
/// that cannot be read is a warning and a "picture missing" frame, not a failed export.
pub(super) fn frame_pictures(
    ctx: &egui::Context,
    project: &Project,
    folder: Option<&Path>,
    pixels: egui::Vec2,
    keep_pixels: bool,
) -> FramePictures {
    let mut stored: Vec<&str> = project
        .touchpoints()
        .filter_map(|(_, t)| t.picture.as_deref())
        .collect();
    stored.sort_unstable();
    stored.dedup();
    let max = (
        crate::convert::round_to_u32(pixels.x),
        crate::convert::round_to_u32(pixels.y),
    );
    let aspect = board::frame_aspect();
    let decoded = decode_all(&stored, |path| {
        crate::file::load_frame(folder, path, aspect, max)
    });
    let mut textures = Vec::new();
    let mut images = HashMap::new();
    let mut by_path: HashMap<&str, Result<FramePicture, String>> = HashMap::new();
    for (path, result) in stored.iter().zip(decoded) {
        let shown = result.map(|image| {
            let size = [image.width() as usize, image.height() as usize];
            let pixels = egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw());
            let handle = ctx.load_texture(*path, pixels, egui::TextureOptions::LINEAR);
            let id = handle.id();
            textures.push(handle);
            if keep_pixels {
                images.insert(id, image);
            }
            FramePicture::Ready(id)
        });
        by_path.insert(path, shown);
    }
    let mut shown = HashMap::new();
    let mut warnings = Vec::new();
    for (id, t) in project.touchpoints() {
        let Some(picture) = t.picture.as_deref() else {
            continue;
        };
        match by_path.get(picture) {
            Some(Ok(frame)) => {
                shown.insert(id, *frame);
            }
            Some(Err(problem)) => {
                shown.insert(id, FramePicture::Missing);
                warnings.push(format!(
                    "touchpoint {id} (\"{}\"): {problem}; exported with a placeholder",
                    crate::model::quoted_short(&t.title)
                ));
            }
            None => {}
        }
    }
    FramePictures {
        shown,
        images,
        _textures: textures,
        warnings,
    }
}

/// Runs `decode` on every path, on up to two threads (each holds one full-size picture
/// at a time, so memory stays bounded), keeping the order. A decoder that panics on a
/// crafted file gives that file an error.
fn decode_all<T: Send>(
    paths: &[&str],
    decode: impl Fn(&str) -> Result<T, String> + Sync,
) -> Vec<Result<T, String>> {
    let one = |path: &str| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(path))).unwrap_or_else(
            |_| {
                Err(format!(
                    "picture “{path}” could not be decoded; choose another picture or remove it"
                ))
            },
        )
    };
    let half = paths.len().div_ceil(2);
    if half < 2 {
        return paths.iter().map(|p| one(p)).collect();
    }
    let (first, second) = paths.split_at(half);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().map(|p| one(p)).collect::<Vec<_>>());
        let mut results: Vec<Result<T, String>> = first.iter().map(|p| one(p)).collect();
        match other.join() {
            Ok(rest) => results.extend(rest),
            Err(_) => results.extend(second.iter().map(|p| one(p))),
        }
        results
    })
}
