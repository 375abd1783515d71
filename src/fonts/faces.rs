//! The font files behind the board's text, for the vector exports that embed them (PDF)
//! or name them: the same choice egui makes for each character.

use std::sync::{Arc, OnceLock};

use egui::FontData;

use super::{InstalledFonts, bundled_faces, coverage_of, covers};

/// A font file as a vector export embeds it.
#[derive(Clone)]
pub struct FaceData {
    /// Names the face uniquely (to share one embedded font among runs).
    pub key: String,
    /// The file's bytes.
    pub data: egui::epaint::text::Blob,
    /// The face within the file.
    pub index: u32,
    /// How much egui scales this face against the text size (some bundled emoji faces
    /// are drawn smaller).
    pub scale: f32,
}

/// The face egui draws `c` with in the board's (proportional) family: the first bundled
/// face that has it, else the installed face the fallback provider picks; None when no
/// font has it (egui then draws a box).
pub fn face_data_for(c: char) -> Option<FaceData> {
    /// A bundled face: its name, data and coverage.
    type Bundled = (String, FontData, Vec<(u32, u32)>);
    static BUNDLED: OnceLock<Vec<Bundled>> = OnceLock::new();
    let bundled = BUNDLED.get_or_init(|| {
        bundled_faces()
            .into_iter()
            .map(|(name, data)| {
                let coverage = coverage_of(data.bytes(), data.index);
                (name, data, coverage)
            })
            .collect()
    });
    if let Some((name, data, _)) = bundled.iter().find(|(_, _, ranges)| covers(ranges, c)) {
        return Some(FaceData {
            key: name.clone(),
            data: Arc::clone(&data.font),
            index: data.index,
            scale: data.tweak.scale,
        });
    }
    let fonts = InstalledFonts::system();
    let face = fonts.face_for(c)?;
    Some(FaceData {
        key: face.egui_name(),
        data: fonts.data(face)?,
        index: face.index,
        scale: 1.0,
    })
}
