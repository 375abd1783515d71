//! Which texts of a project will show boxes on this machine, for `check`, the exports and
//! the editor's status line.

use super::{InstalledFonts, MissingGlyphs, Script, install_advice, missing_glyphs};
use crate::model::{Project, quoted_short};

/// Texts listed one by one before the rest are counted.
const LISTED: usize = 8;
/// Characters listed per text.
const CHARS_LISTED: usize = 6;

/// One text of a project and where it is, in words.
struct Place<'a> {
    place: String,
    text: &'a str,
    /// Whether the board and its export draw it (notes and lists are in the inspector).
    drawn: bool,
}

/// Every text of a project that is drawn, with where it is.
fn texts(project: &Project) -> Vec<Place<'_>> {
    let mut all = vec![
        Place {
            place: "the project title".to_owned(),
            text: &project.title,
            drawn: true,
        },
        Place {
            place: "the project description".to_owned(),
            text: &project.description,
            drawn: false,
        },
        Place {
            place: "the persona's name".to_owned(),
            text: &project.persona.name,
            drawn: true,
        },
        Place {
            place: "the persona's description".to_owned(),
            text: &project.persona.description,
            drawn: true,
        },
    ];
    for stage in project.stages() {
        all.push(Place {
            place: format!("stage \"{}\"", quoted_short(&stage.id)),
            text: &stage.name,
            drawn: true,
        });
    }
    for owner in project.owners() {
        all.push(Place {
            place: format!("owner \"{}\"", quoted_short(&owner.id)),
            text: &owner.name,
            drawn: true,
        });
    }
    for (id, t) in project.touchpoints() {
        let at = |what: &str| format!("touchpoint #{} {what}", id.0);
        all.push(Place {
            place: at("title"),
            text: &t.title,
            drawn: true,
        });
        all.push(Place {
            place: at("notes"),
            text: &t.notes,
            drawn: false,
        });
        for pain in &t.pain_points {
            all.push(Place {
                place: at("pain point"),
                text: pain,
                drawn: false,
            });
        }
        for opportunity in &t.opportunities {
            all.push(Place {
                place: at("opportunity"),
                text: opportunity,
                drawn: false,
            });
        }
    }
    for (id, link) in project.links() {
        if let Some(label) = &link.label {
            all.push(Place {
                place: format!("link #{} label", id.0),
                text: label,
                drawn: true,
            });
        }
    }
    all
}

/// Whether every character of the project is in the bundled fonts (then the installed
/// fonts are never looked at).
fn all_bundled(project: &Project) -> bool {
    texts(project)
        .iter()
        .all(|p| p.text.chars().all(|c| !super::needs_installed_font(c)))
}

/// What the user should know about fonts for this project on this machine: the texts
/// that will show boxes (and what to install), and font files that were skipped. Empty
/// when every letter has a font. Looks at the installed fonts only when a letter is not
/// in the bundled ones.
pub fn font_warnings(project: &Project) -> Vec<String> {
    if all_bundled(project) {
        return Vec::new();
    }
    let fonts = InstalledFonts::system();
    // Skipped files and folder notes are said once per process (check of several files).
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let mut warnings: Vec<String> = Vec::new();
    if !SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
        warnings.extend(fonts.notes().iter().cloned());
        warnings.extend(fonts.skipped().iter().map(ToString::to_string));
    }
    warnings.extend(missing_in(project, fonts));
    warnings
}

/// The texts `fonts` cannot draw (with where they are) and their scripts.
fn missing_texts(
    project: &Project,
    fonts: &InstalledFonts,
) -> (Vec<(String, MissingGlyphs)>, Vec<Script>) {
    let mut found: Vec<(String, MissingGlyphs)> = Vec::new();
    for place in texts(project) {
        if let Some(missing) = missing_glyphs(place.text, fonts) {
            found.push((
                format!("{} (\"{}\")", place.place, quoted_short(place.text)),
                missing,
            ));
        }
    }
    let mut scripts: Vec<Script> = found
        .iter()
        .flat_map(|(_, m)| m.scripts.iter().copied())
        .collect();
    scripts.sort();
    scripts.dedup();
    (found, scripts)
}

/// One line for the editor's status bar when a text just typed has letters no font on this
/// machine draws (None when every letter has one; only looks at the installed fonts when a
/// letter is not in the bundled ones).
pub fn text_notice(text: &str) -> Option<String> {
    if text.chars().all(|c| !super::needs_installed_font(c)) {
        return None;
    }
    let missing = missing_glyphs(text, InstalledFonts::system())?;
    let letters: String = missing.chars.iter().take(CHARS_LISTED).collect();
    Some(format!(
        "“{}” has letters with no font on this machine ({letters}), shown as boxes; {}",
        quoted_short(text),
        install_advice(&missing.scripts)
    ))
}

/// One line for the editor's status bar when some letters of the project have no font
/// on this machine, naming the first such text and what to install.
pub fn font_notice(project: &Project) -> Option<String> {
    if all_bundled(project) {
        return None;
    }
    let (found, scripts) = missing_texts(project, InstalledFonts::system());
    let (first, _) = found.first()?;
    Some(format!(
        "{} {} letters with no font on this machine, shown as boxes (first: {first}); {}",
        found.len(),
        if found.len() == 1 {
            "text has"
        } else {
            "texts have"
        },
        install_advice(&scripts)
    ))
}

/// Installs in `ctx` the fonts the project's drawn texts need, in preference order (see
/// [`super::preinstall`]): the export calls it before painting.
pub fn preinstall_for(ctx: &egui::Context, project: &Project) {
    let all = texts(project);
    super::preinstall(ctx, all.iter().filter(|p| p.drawn).map(|p| p.text));
}

/// The installed fonts this project's texts are drawn with on this machine, one line each,
/// sorted (empty when the bundled fonts draw everything). Golden images record it, since
/// another release of a font draws other pixels.
pub fn fonts_used(project: &Project) -> Vec<String> {
    installed_used(project, InstalledFonts::describe_font_for)
}

/// The family names of the installed fonts this project's texts are drawn with on this
/// machine, sorted (empty when the bundled fonts draw everything).
pub fn families_used(project: &Project) -> Vec<String> {
    installed_used(project, |fonts, c| fonts.family_for(c).map(str::to_owned))
}

/// What `name` says of the installed font of each character of the project's drawn texts
/// that needs one, sorted, each once.
fn installed_used(
    project: &Project,
    name: impl Fn(&InstalledFonts, char) -> Option<String>,
) -> Vec<String> {
    if all_bundled(project) {
        return Vec::new();
    }
    let fonts = InstalledFonts::system();
    let mut used: Vec<String> = texts(project)
        .iter()
        .filter(|place| place.drawn)
        .flat_map(|place| place.text.chars())
        .filter(|&c| super::needs_installed_font(c))
        .filter_map(|c| name(fonts, c))
        .collect();
    used.sort();
    used.dedup();
    used
}

/// The warning about texts that `fonts` cannot draw, listing them.
pub fn missing_in(project: &Project, fonts: &InstalledFonts) -> Option<String> {
    let (found, scripts) = missing_texts(project, fonts);
    if found.is_empty() {
        return None;
    }
    let mut lines = vec![format!(
        "{} {} letters that no font on this machine has, and will show them as boxes:",
        found.len(),
        if found.len() == 1 {
            "text has"
        } else {
            "texts have"
        }
    )];
    for (place, missing) in found.iter().take(LISTED) {
        let mut chars: Vec<String> = missing
            .chars
            .iter()
            .take(CHARS_LISTED)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        if missing.chars.len() > CHARS_LISTED {
            chars.push(format!("{} more", missing.chars.len() - CHARS_LISTED));
        }
        lines.push(format!("  {place}: {}", chars.join(", ")));
    }
    if found.len() > LISTED {
        lines.push(format!("  and {} more texts", found.len() - LISTED));
    }
    lines.push(format!("  to fix: {}", install_advice(&scripts)));
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_project_never_looks_at_installed_fonts() {
        let project = Project::new("Café for Ωμέγα");
        assert!(all_bundled(&project));
        assert!(font_warnings(&project).is_empty());
    }

    #[test]
    fn missing_letters_are_named_with_their_place_and_package() {
        let mut project = Project::new("Hotel 日本");
        project.persona.name = "שרה".to_owned();
        let warning = missing_in(&project, &InstalledFonts::scan(&[])).expect("warning");
        assert!(warning.starts_with("2 texts have letters"), "{warning}");
        assert!(
            warning.contains("the project title (\"Hotel 日本\"): 日 (U+65E5), 本 (U+672C)"),
            "{warning}"
        );
        assert!(
            warning.contains("the persona's name (\"שרה\")"),
            "{warning}"
        );
        assert!(warning.contains("apt install fonts-noto-cjk"), "{warning}");
        assert!(warning.contains("apt install fonts-noto-core"), "{warning}");
    }
}
