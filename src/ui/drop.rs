//! Pictures from outside: files dropped on the window (a project, bundle or exported PNG
//! opens; pictures become storyboard frames where they land — on a card, its picture; on
//! a lane, one new touchpoint each, in order down the lane) and a picture pasted from the
//! clipboard onto the selected card. Each is one undo step.

use std::path::{Path, PathBuf};

use egui::Pos2;

use super::JourneyboardApp;
use super::dialogs::PICTURE_EXTENSIONS;
use super::file_flow::Pending;
use crate::board::{self, CARD_SIZE};
use crate::edit::Command;
use crate::file;
use crate::model::layout::{CARD_GAP, free_position};
use crate::model::{Touchpoint, TouchpointId};
use crate::session::Selection;

/// True if `path` names a picture the editor shows (by its extension).
fn is_picture(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| PICTURE_EXTENSIONS.contains(&e.as_str()))
}

impl JourneyboardApp {
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let (dropped, pointer): (Vec<PathBuf>, Option<Pos2>) = ctx.input(|i| {
            (
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect(),
                i.pointer.hover_pos(),
            )
        });
        let (pictures, others): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| is_picture(p));
        // An exported PNG carries its project: a PNG dropped alone that holds one opens.
        let project_png = match pictures.as_slice() {
            [one] if others.is_empty() => {
                std::fs::metadata(one).is_ok_and(|m| m.is_file())
                    && std::fs::File::open(one).is_ok_and(file::has_project_chunk)
            }
            _ => false,
        };
        if let Some(first) = others.into_iter().next() {
            self.request(Pending::Open(first), ctx);
        } else if project_png {
            self.request(Pending::Open(pictures[0].clone()), ctx);
        } else if !pictures.is_empty() {
            self.drop_pictures(&pictures, pointer.or(self.canvas.last_pointer));
        }
    }

    /// Pictures dropped at `pointer`: on a card, its picture (the first of them); on a
    /// lane, a new touchpoint for each.
    fn drop_pictures(&mut self, pictures: &[PathBuf], pointer: Option<Pos2>) {
        let Some(pointer) = pointer.filter(|p| self.canvas.rect.contains(*p)) else {
            self.status = Some("Drop pictures on a card, or on a lane for new touchpoints".into());
            return;
        };
        let Some((folder, dir)) = self.where_pictures_go() else {
            return;
        };
        let mut stored = Vec::with_capacity(pictures.len());
        for picture in pictures {
            match file::store_picture(&folder, &dir, picture) {
                Ok(name) => stored.push((picture, name)),
                Err(message) => {
                    self.status = Some(message);
                    return;
                }
            }
        }
        // Files stored over names seen before must be decoded again.
        for (_, name) in &stored {
            self.pictures.forget_stored(Some(&folder), name);
        }
        let at = self.canvas.view().screen_from_board.inverse() * pointer;
        let index = self.canvas.index_for(&self.session);
        match index.card_at(at) {
            Some(id) => self.picture_on_card(id, &stored),
            None => self.pictures_in_lane(at, &stored),
        }
    }

    fn picture_on_card(&mut self, id: TouchpointId, stored: &[(&PathBuf, String)]) {
        let Some(t) = self.session.project().touchpoint(id) else {
            return;
        };
        let Some((_, name)) = stored.first() else {
            return;
        };
        let mut changed = t.clone();
        changed.picture = Some(name.clone());
        let label = format!("Set picture of “{}”", t.title);
        self.apply(Command::SetTouchpoint(id, Box::new(changed)), &label);
        self.session.select(Selection::of(id));
        if stored.len() > 1 {
            self.status = Some(
                "A card has one picture: the first was set. Drop several on a lane for a \
                 touchpoint each"
                    .to_owned(),
            );
        }
    }

    fn pictures_in_lane(&mut self, at: Pos2, stored: &[(&PathBuf, String)]) {
        let project = self.session.project();
        let Some((stage, mut wanted)) = board::placement_at(project, at - CARD_SIZE / 2.0) else {
            self.status = Some("Add a stage first (Project tab)".to_owned());
            return;
        };
        let mut taken = super::canvas::lane_positions(project, &stage);
        let first = project.next_touchpoint_id().0;
        let mut touchpoints = Vec::with_capacity(stored.len());
        for (k, (path, name)) in (0_u64..).zip(stored) {
            let Some(position) = free_position(&taken, (CARD_SIZE.x, CARD_SIZE.y), wanted) else {
                self.status = Some(
                    "This lane is full to the bottom of the board; drop the pictures on \
                     another stage"
                        .to_owned(),
                );
                return;
            };
            taken.push(position);
            wanted.y = position.y + CARD_SIZE.y + CARD_GAP;
            let title = path
                .file_stem()
                .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
            touchpoints.push((
                TouchpointId(first + k),
                Touchpoint {
                    title,
                    stage: stage.clone(),
                    picture: Some(name.clone()),
                    position,
                    ..Touchpoint::default()
                },
            ));
        }
        let stage_name = project
            .stage(&stage)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let label = format!(
            "Add {} with pictures to {stage_name}",
            crate::plural::count(touchpoints.len(), "touchpoint", "touchpoints")
        );
        let ids: Vec<TouchpointId> = touchpoints.iter().map(|(id, _)| *id).collect();
        self.apply(
            Command::Insert {
                touchpoints,
                links: vec![],
            },
            &label,
        );
        let mut selection = Selection::default();
        selection.touchpoints.extend(ids);
        self.session.select(selection);
    }

    /// The folder new pictures are stored in and the folder (inside it) they go to; on
    /// failure the status line says why and there is nothing to store.
    pub(super) fn where_pictures_go(&mut self) -> Option<(PathBuf, String)> {
        match self.session.folder_for_new_pictures() {
            Ok(folder) => Some((folder, self.session.pictures_dir())),
            Err(message) => {
                self.status = Some(message);
                None
            }
        }
    }

    /// A picture pasted from the clipboard: saved as a PNG named by its content beside
    /// the project, and made the selected card's picture.
    pub(super) fn paste_picture(&mut self, image: &egui::ColorImage) {
        let ids: Vec<TouchpointId> = self
            .session
            .selection()
            .touchpoints
            .iter()
            .copied()
            .collect();
        let [id] = ids.as_slice() else {
            self.status = Some("Select one card to paste the picture onto".to_owned());
            return;
        };
        let Some((folder, dir)) = self.where_pictures_go() else {
            return;
        };
        let stored = pasted_png(image).and_then(|bytes| {
            file::store_picture_bytes(&folder, &dir, &bytes, Path::new("the pasted picture"))
        });
        match stored {
            Ok(stored) => {
                self.pictures.forget_stored(Some(&folder), &stored);
                self.picture_on_card(*id, &[(&PathBuf::from("pasted"), stored)]);
            }
            Err(message) => self.status = Some(message),
        }
    }
}

/// The pasted picture as PNG bytes.
fn pasted_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let side = usize::try_from(file::MAX_PICTURE_SIDE).unwrap_or(usize::MAX);
    if width == 0 || height == 0 || width > side || height > side {
        return Err(format!(
            "The pasted picture is {width} × {height} pixels; pictures may be 1 to {side} a side"
        ));
    }
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let (w, h) = (
        crate::convert::u32_saturating(width),
        crate::convert::u32_saturating(height),
    );
    let buffer = image::RgbaImage::from_raw(w, h, rgba)
        .ok_or_else(|| "The pasted picture could not be read".to_owned())?;
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(buffer)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|e| format!("The pasted picture could not be saved as PNG: {e}"))?;
    Ok(bytes)
}
