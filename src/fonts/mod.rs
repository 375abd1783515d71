//! Letters for every script. egui bundles fonts for Latin, Greek, Cyrillic and
//! (monochrome) emoji only; for any other character the machine's installed fonts are used
//! as fallbacks: found on demand by [`FallbackFonts`] (an egui font provider, shared by the
//! editor and the exports) and checked by [`missing_glyphs`] for `check` and the exports.
//!
//! Nothing is scanned at start-up: the installed fonts are indexed the first time a
//! character is not in the bundled fonts (about a tenth of a second with a few hundred
//! fonts), and a font's data is memory-mapped only when a character needs it. The choice
//! of font for a character is deterministic on one machine (a fixed order of preferred
//! families, then family name and path), so exports are repeatable. Project files never
//! name a font.

mod faces;
mod folders;
mod project;
mod scripts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use egui::epaint::text::{FallbackRequest, FontProvider};
use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};
use skrifa::MetadataProvider;
use unicode_general_category::{GeneralCategory, get_general_category};

pub use faces::{FaceData, face_data_for};
pub use folders::font_folders;
use folders::{MAX_FONT_FILES, collect_font_files, implausible_collection};
pub use project::{
    families_used, font_notice, font_warnings, fonts_used, missing_in, preinstall_for, text_notice,
};
pub use scripts::{Script, script_of};

/// Environment variable naming the font folders to search instead of the system's
/// (separated like `PATH`). For fonts kept outside the usual places, and for tests.
pub const FONT_DIRS_ENV: &str = "JOURNEYBOARD_FONT_DIRS";

/// Families tried first, in this order, for the characters they have. Noto and DejaVu
/// on Linux, then the fonts macOS and Windows ship for the same scripts. Han characters
/// shared by Chinese and Japanese take the first CJK family installed.
const PREFERRED_FAMILIES: [&str; 36] = [
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK KR",
    "Noto Sans Hebrew",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Thai",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "Noto Sans Math",
    "DejaVu Sans",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "PingFang SC",
    "Apple SD Gothic Neo",
    "Arial Hebrew",
    "Geeza Pro",
    "Kohinoor Devanagari",
    "Thonburi",
    "Arial Unicode MS",
    "Yu Gothic UI",
    "Yu Gothic",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Malgun Gothic",
    "Segoe UI",
    "Nirmala UI",
    "Leelawadee UI",
    "Segoe UI Symbol",
];

/// A font file larger than this is not loaded for drawing (the largest CJK collections
/// are about 40 MiB).
const MAX_FONT_BYTES: u64 = 128 * 1024 * 1024;

/// One face of an installed font file.
struct Face {
    id: fontdb::ID,
    family: String,
    path: PathBuf,
    index: u32,
    weight: u16,
    italic: bool,
    monospaced: bool,
    /// The characters it draws, as sorted ranges, read once from its character map
    /// (empty for a face without outlines, such as a colour-bitmap emoji font).
    coverage: OnceLock<Vec<(u32, u32)>>,
}

impl Face {
    /// The name egui knows this face by: unique per file and face.
    fn egui_name(&self) -> String {
        format!("{} ({}#{})", self.family, self.path.display(), self.index)
    }
}

/// A font file that was found but not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFont {
    /// The file.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
}

impl std::fmt::Display for SkippedFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "skipped font file {}: {}",
            self.path.display(),
            self.reason
        )
    }
}

/// The installed fonts, indexed once, in the order they are preferred.
pub struct InstalledFonts {
    /// Names, styles and where each face is; the files are only mapped while a face's
    /// character map is read.
    db: fontdb::Database,
    faces: Vec<Face>,
    /// Where fonts were looked for, when the user chose the folders.
    notes: Vec<String>,
    /// Font files read for drawing, by path (read once, shared by every context).
    loaded: Mutex<HashMap<PathBuf, egui::epaint::text::Blob>>,
    skipped: Vec<SkippedFont>,
    /// Which face draws a character (None: no installed font has it): the first in
    /// preference order, whatever else was looked up before.
    chosen: Mutex<HashMap<char, Option<usize>>>,
}

impl InstalledFonts {
    /// Indexes the font files under `folders` (recursively).
    pub fn scan(folders: &[PathBuf]) -> Self {
        let mut db = fontdb::Database::new();
        let mut skipped = Vec::new();
        let mut files = Vec::new();
        let mut seen = HashSet::new();
        for folder in folders {
            collect_font_files(folder, 0, &mut seen, &mut files);
        }
        // One file reached through two links is read once.
        let mut files: Vec<PathBuf> = files
            .into_iter()
            .map(|f| f.canonicalize().unwrap_or(f))
            .collect();
        files.sort();
        files.dedup();
        files.truncate(MAX_FONT_FILES);
        for path in files {
            let before = db.len();
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            if size > MAX_FONT_BYTES {
                skipped.push(SkippedFont {
                    path,
                    reason: format!(
                        "larger than {} MiB, the most Journeyboard loads",
                        MAX_FONT_BYTES >> 20
                    ),
                });
                continue;
            }
            if let Some(reason) = implausible_collection(&path, size) {
                skipped.push(SkippedFont { path, reason });
                continue;
            }
            match db.load_font_file(&path) {
                Err(e) => skipped.push(SkippedFont {
                    path,
                    reason: format!("could not be read ({e})"),
                }),
                Ok(()) if db.len() == before => skipped.push(SkippedFont {
                    path,
                    reason: "not a font Journeyboard can read (damaged, or another format)"
                        .to_owned(),
                }),
                Ok(()) => {}
            }
        }
        let mut faces: Vec<Face> = db
            .faces()
            .filter_map(|info| {
                let fontdb::Source::File(path) = &info.source else {
                    return None;
                };
                let family = info
                    .families
                    .first()
                    .map_or_else(|| info.post_script_name.clone(), |(name, _)| name.clone());
                Some(Face {
                    id: info.id,
                    family,
                    path: path.clone(),
                    index: info.index,
                    weight: info.weight.0,
                    italic: info.style != fontdb::Style::Normal,
                    monospaced: info.monospaced,
                    coverage: OnceLock::new(),
                })
            })
            .collect();
        faces.sort_by_cached_key(preference);
        Self {
            db,
            faces,
            loaded: Mutex::new(HashMap::new()),
            notes: Vec::new(),
            skipped,
            chosen: Mutex::new(HashMap::new()),
        }
    }

    /// The machine's fonts: the folders in [`FONT_DIRS_ENV`] if set, else the system's.
    /// Indexed on first use and kept for the life of the process.
    pub fn system() -> &'static Self {
        static SYSTEM: OnceLock<InstalledFonts> = OnceLock::new();
        SYSTEM.get_or_init(|| {
            let folders = font_folders();
            let mut fonts = Self::scan(&folders);
            if std::env::var_os(FONT_DIRS_ENV).is_some() {
                fonts.notes.push(format!(
                    "only the font folders in {FONT_DIRS_ENV} were searched ({}), not the \
                     system's",
                    if folders.is_empty() {
                        "it is empty".to_owned()
                    } else {
                        folders
                            .iter()
                            .map(|f| f.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ));
                for folder in folders.iter().filter(|f| !f.is_dir()) {
                    fonts.notes.push(format!(
                        "font folder {} (from {FONT_DIRS_ENV}) does not exist or is not a \
                         folder",
                        folder.display()
                    ));
                }
            }
            fonts
        })
    }

    /// What the user should know about where fonts were looked for (folders named but
    /// missing), besides the skipped files.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How many faces were indexed.
    pub fn face_count(&self) -> usize {
        self.faces.len()
    }

    /// Font files found but not usable.
    pub fn skipped(&self) -> &[SkippedFont] {
        &self.skipped
    }

    /// Whether `face` draws `c` (its coverage is read on first use).
    fn face_has(&self, face: &Face, c: char) -> bool {
        let ranges = face.coverage.get_or_init(|| {
            self.db
                .with_face_data(face.id, coverage_of)
                .unwrap_or_default()
        });
        covers(ranges, c)
    }

    /// The bytes of `face`'s file, read once (None if it went away since the scan).
    fn data(&self, face: &Face) -> Option<egui::epaint::text::Blob> {
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(data) = loaded.get(&face.path) {
            return Some(Arc::clone(data));
        }
        let data: egui::epaint::text::Blob = Arc::new(std::fs::read(&face.path).ok()?);
        loaded.insert(face.path.clone(), Arc::clone(&data));
        Some(data)
    }

    /// `face` as egui installs it, appended to the proportional family (None if its file
    /// went away since the scan).
    fn insert_for(&self, face: &Face) -> Option<FontInsert> {
        Some(FontInsert {
            name: face.egui_name(),
            data: FontData::from_blob(self.data(face)?, face.index),
            families: vec![InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            }],
        })
    }

    /// The face that draws `c`: the first, in preference order, that has it. A pure
    /// function of the character, so the choice never depends on what came before.
    fn face_for(&self, c: char) -> Option<&Face> {
        if script_of(c) == Script::Unassigned {
            return None; // no font package has it: no need to look
        }
        let mut chosen = self.chosen.lock().unwrap_or_else(PoisonError::into_inner);
        let found = *chosen
            .entry(c)
            .or_insert_with(|| self.faces.iter().position(|face| self.face_has(face, c)));
        found.and_then(|i| self.faces.get(i))
    }

    /// Where `c` comes in the preference order of faces (None: no face has it).
    fn rank_for(&self, c: char) -> Option<usize> {
        let face = self.face_for(c)?;
        self.faces.iter().position(|f| std::ptr::eq(f, face))
    }

    /// Whether some installed font draws `c`.
    pub fn has(&self, c: char) -> bool {
        self.face_for(c).is_some()
    }

    /// The family name of the font that draws `c`, if any.
    pub fn family_for(&self, c: char) -> Option<&str> {
        self.face_for(c).map(|face| face.family.as_str())
    }

    /// The font that draws `c` in words: family, file name and size in bytes (which tell
    /// two releases of a font apart).
    pub fn describe_font_for(&self, c: char) -> Option<String> {
        let face = self.face_for(c)?;
        let name = face
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let size = std::fs::metadata(&face.path).map_or(0, |m| m.len());
        Some(format!(
            "{} #{} — {name} ({size} bytes)",
            face.family, face.index
        ))
    }
}

/// The characters a face draws, as sorted inclusive ranges; empty when the face cannot be
/// read or has no outlines (`glyf`, `CFF `, `CFF2`), since egui draws outlines only.
fn coverage_of(bytes: &[u8], index: u32) -> Vec<(u32, u32)> {
    let Ok(font) = skrifa::FontRef::from_index(bytes, index) else {
        return Vec::new();
    };
    let has_outlines = [b"glyf", b"CFF ", b"CFF2"]
        .iter()
        .any(|tag| font.table_data(skrifa::Tag::new(tag)).is_some());
    if !has_outlines {
        return Vec::new();
    }
    let mut codes: Vec<u32> = font.charmap().mappings().map(|(c, _)| c).collect();
    codes.sort_unstable();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for code in codes {
        match ranges.last_mut() {
            Some((_, end)) if code <= *end + 1 => *end = (*end).max(code),
            _ => ranges.push((code, code)),
        }
    }
    ranges
}

/// Whether sorted `ranges` contain `c`.
fn covers(ranges: &[(u32, u32)], c: char) -> bool {
    let code = u32::from(c);
    let i = ranges.partition_point(|&(_, end)| end < code);
    ranges.get(i).is_some_and(|&(start, _)| start <= code)
}

/// Sort key: preferred families first (in their order), then upright regular weights,
/// proportional before monospaced, then by name and file so the order is stable.
fn preference(face: &Face) -> (usize, bool, u16, bool, String, PathBuf, u32) {
    let rank = PREFERRED_FAMILIES
        .iter()
        .position(|f| f.eq_ignore_ascii_case(&face.family))
        .unwrap_or(PREFERRED_FAMILIES.len());
    (
        rank,
        face.italic,
        face.weight.abs_diff(400),
        face.monospaced,
        face.family.to_lowercase(),
        face.path.clone(),
        face.index,
    )
}

/// The fonts bundled with egui for its proportional family, in egui's order, by name.
fn bundled_faces() -> Vec<(String, FontData)> {
    let definitions = egui::FontDefinitions::default();
    definitions
        .families
        .get(&FontFamily::Proportional)
        .into_iter()
        .flatten()
        .filter_map(|name| {
            let data = definitions.font_data.get(name)?;
            Some((name.clone(), FontData::clone(data)))
        })
        .collect()
}

/// Whether the fonts bundled with egui draw `c` (their coverage is read once).
pub fn bundled_has(c: char) -> bool {
    static BUNDLED: OnceLock<Vec<Vec<(u32, u32)>>> = OnceLock::new();
    if c.is_ascii() {
        return true;
    }
    BUNDLED
        .get_or_init(|| {
            bundled_faces()
                .iter()
                .map(|(_, data)| coverage_of(data.bytes(), data.index))
                .collect()
        })
        .iter()
        .any(|ranges| covers(ranges, c))
}

/// Whether drawing `c` takes an installed font: it needs a glyph and the bundled fonts
/// have none.
pub fn needs_installed_font(c: char) -> bool {
    needs_glyph(c) && !bundled_has(c)
}

/// Whether `c` needs a glyph of its own: not white space, a control or formatting
/// character, or a combining mark (drawn with the letter it follows).
pub fn needs_glyph(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    if c.is_whitespace() {
        return false;
    }
    !matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::NonspacingMark
            | GeneralCategory::EnclosingMark
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// The egui font provider that finds an installed font for characters the bundled fonts
/// lack. Install it on every context that lays out user text ([`install`]).
pub struct FallbackFonts;

impl FontProvider for FallbackFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let fonts = InstalledFonts::system();
        fonts.insert_for(fonts.face_for(c)?)
    }
}

/// Lets `ctx` draw every script the machine has fonts for.
pub fn install(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(FallbackFonts));
}

/// Installs in `ctx`, in preference order and before anything is drawn, the installed
/// faces that `texts` need. egui takes the first font in its chain that has a letter, so
/// with every needed face already there in this order each letter gets the same face as
/// [`InstalledFonts::face_for`] gives it, whatever was drawn before: exports repeat.
pub fn preinstall<'a>(ctx: &egui::Context, texts: impl Iterator<Item = &'a str>) {
    let fonts = InstalledFonts::system();
    let mut ranks: Vec<usize> = texts
        .flat_map(str::chars)
        .filter(|&c| needs_installed_font(c))
        .filter_map(|c| fonts.rank_for(c))
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    for rank in ranks {
        if let Some(insert) = fonts
            .faces
            .get(rank)
            .and_then(|face| fonts.insert_for(face))
        {
            ctx.add_font(insert);
        }
    }
}

/// Characters of one text that no font on this machine draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// The characters, each once, in order of appearance.
    pub chars: Vec<char>,
    /// Their scripts, each once.
    pub scripts: Vec<Script>,
}

/// The characters of `text` that neither the bundled fonts nor the installed ones draw.
/// Only looks at the installed fonts (indexing them on first use) when a character is
/// not in the bundled fonts.
pub fn missing_glyphs(text: &str, fonts: &InstalledFonts) -> Option<MissingGlyphs> {
    let mut chars: Vec<char> = Vec::new();
    for c in text.chars() {
        if needs_installed_font(c) && !chars.contains(&c) && !fonts.has(c) {
            chars.push(c);
        }
    }
    if chars.is_empty() {
        return None;
    }
    let mut scripts: Vec<Script> = Vec::new();
    for &c in &chars {
        let script = script_of(c);
        if !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    Some(MissingGlyphs { chars, scripts })
}

/// What to install for these scripts, in words (one clause per package).
pub fn install_advice(scripts: &[Script]) -> String {
    let mut by_package: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
    for script in scripts {
        let names = by_package.entry(script.debian_package()).or_default();
        if !names.contains(&script.name()) {
            names.push(script.name());
        }
    }
    by_package
        .iter()
        .map(|(package, names)| match package {
            Some(package) => format!(
                "install a font for {} (on Debian/Ubuntu: apt install {package}; \
                 elsewhere a Noto font for the script)",
                names.join(", ")
            ),
            None => format!(
                "retype the {}: no font package draws them",
                names.join(", ")
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_latin_greek_cyrillic_but_not_cjk() {
        for c in ['a', 'é', 'ß', 'Ω', 'ж', '€'] {
            assert!(bundled_has(c), "{c}");
        }
        for c in ['日', '한', 'ש', 'ع', 'क', 'ก'] {
            assert!(!bundled_has(c), "{c}");
        }
    }

    #[test]
    fn marks_and_spaces_need_no_glyph() {
        assert!(needs_glyph('a'));
        assert!(needs_glyph('日'));
        assert!(!needs_glyph(' '));
        assert!(!needs_glyph('\u{200d}')); // zero-width joiner
        assert!(!needs_glyph('\u{301}')); // combining acute
        assert!(!needs_glyph('\u{fe0f}')); // emoji presentation selector
        assert!(!needs_glyph('\u{200f}')); // right-to-left mark
    }

    #[test]
    fn no_folders_means_every_other_script_is_missing_with_advice() {
        let fonts = InstalledFonts::scan(&[]);
        let missing = missing_glyphs("Café 日本 שלום", &fonts).expect("missing");
        assert_eq!(missing.chars, vec!['日', '本', 'ש', 'ל', 'ו', 'ם']);
        assert_eq!(missing.scripts, vec![Script::Cjk, Script::Hebrew]);
        let advice = install_advice(&missing.scripts);
        assert!(advice.contains("apt install fonts-noto-cjk"), "{advice}");
        assert!(advice.contains("apt install fonts-noto-core"), "{advice}");
        assert!(missing_glyphs("Café Ωμέγα Жук", &fonts).is_none());
        let unassigned = missing_glyphs("x\u{378}", &fonts).expect("missing");
        assert_eq!(unassigned.scripts, vec![Script::Unassigned]);
        assert!(install_advice(&unassigned.scripts).starts_with("retype the unassigned"));
    }

    #[test]
    fn a_damaged_font_file_is_skipped_with_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bad = dir.path().join("broken.ttf");
        std::fs::write(&bad, b"\0\x01\0\0 not really a font").expect("write");
        std::fs::write(dir.path().join("notes.txt"), b"not a font name").expect("write");
        let fonts = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        assert_eq!(fonts.face_count(), 0);
        assert_eq!(fonts.skipped().len(), 1);
        assert_eq!(fonts.skipped()[0].path, bad);
        assert!(fonts.skipped()[0].to_string().contains("broken.ttf"));
    }

    /// The bundled egui fonts, written out as files: a stand-in for a system font folder.
    fn folder_of_bundled_fonts() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (i, (_, data)) in bundled_faces().iter().enumerate() {
            std::fs::write(dir.path().join(format!("f{i}.ttf")), data.bytes()).expect("write");
        }
        dir
    }

    #[test]
    fn a_folder_of_real_fonts_is_indexed_in_a_stable_order() {
        let dir = folder_of_bundled_fonts();
        let fonts = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        assert_eq!(fonts.face_count(), bundled_faces().len());
        assert!(fonts.skipped().is_empty());
        assert!(fonts.has('a'));
        assert!(!fonts.has('日'));
        let again = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        assert_eq!(fonts.family_for('a'), again.family_for('a'));
    }

    #[test]
    fn a_collection_claiming_millions_of_faces_is_skipped_unread() {
        // 12 bytes claiming 2^32-1 faces: fontdb would walk every one.
        let dir = tempfile::tempdir().expect("temp dir");
        let bomb = dir.path().join("bomb.ttc");
        std::fs::write(&bomb, b"ttcf\0\x01\0\0\xff\xff\xff\xff").expect("write");
        let fonts = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        assert_eq!(fonts.face_count(), 0);
        assert_eq!(fonts.skipped().len(), 1);
        assert!(
            fonts.skipped()[0]
                .reason
                .contains("claims 4294967295 faces"),
            "{}",
            fonts.skipped()[0]
        );
    }

    #[test]
    fn the_choice_of_font_for_a_letter_does_not_depend_on_earlier_lookups() {
        let dir = folder_of_bundled_fonts();
        let first = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        let second = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        // Look up other letters first in one index only.
        for c in ['😀', 'ж', 'Ω'] {
            first.has(c);
        }
        for c in ['a', 'é', '😀', '⚠'] {
            assert_eq!(
                first.describe_font_for(c),
                second.describe_font_for(c),
                "{c}"
            );
        }
        assert!(!first.has('\u{e123}'), "private use: not looked for");
    }

    #[test]
    fn a_link_loop_in_a_font_folder_ends() {
        let dir = tempfile::tempdir().expect("temp dir");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("link");
        let fonts = InstalledFonts::scan(&[dir.path().to_path_buf()]);
        assert_eq!(fonts.face_count(), 0);
    }
}
