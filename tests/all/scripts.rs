//! Text in every script: the installed fonts fill in for the bundled ones in the editor
//! and the exports, the choice is repeatable, and a machine without a font says so.
//!
//! The tests that draw need the fonts `.ci/run` installs (fonts-noto-core,
//! fonts-noto-cjk); without them they fail with the list of texts and what to install.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use egui::{FontId, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::file;
use journeyboard::model::TouchpointId;
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

/// One sample per script the multi-script example uses, as it appears on its board.
const SAMPLES: [(&str, &str); 10] = [
    ("Japanese", "ホテルを検索する"),
    ("Chinese (simplified)", "小红书上的真实评价"),
    ("Chinese (traditional)", "比較價格與評價"),
    ("Korean", "객실 사진 보기"),
    ("Hebrew", "הזמנה באתר"),
    ("Arabic", "الدفع بالبطاقة"),
    ("Devanagari", "चेक-इन काउंटर पर प्रतीक्षा"),
    ("Thai", "ห้องพักพร้อมแล้ว"),
    ("Greek", "Ζητά πετσέτες"),
    ("Cyrillic", "Жалоба на шум ночью"),
];

fn journeyboard(args: &[&str], font_dirs: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_journeyboard"));
    command.args(args);
    if let Some(dirs) = font_dirs {
        command.env(journeyboard::fonts::FONT_DIRS_ENV, dirs);
    }
    command.output().unwrap()
}

fn example() -> String {
    common::example("global-hotel-stay")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn this_machine_has_a_font_for_every_script_of_the_example() {
    let project = file::load(&common::example("global-hotel-stay")).unwrap();
    let warnings = journeyboard::fonts::font_warnings(&project);
    assert!(
        warnings.is_empty(),
        "the multi-script tests need the fonts .ci/run installs:\n{}",
        warnings.join("\n")
    );
    for (_, sample) in SAMPLES {
        assert!(
            project.touchpoints().any(|(_, t)| t.title == sample),
            "{sample} is not a title of the example"
        );
    }
}

#[test]
fn the_editor_draws_every_script_with_an_installed_font() {
    let (mut harness, _dir) = common::editor_on_example("global-hotel-stay");

    // The cards are there under their own names (typing order, for screen readers)...
    for (_, sample) in SAMPLES {
        harness.get_by_label(&format!("Touchpoint: {sample}"));
    }
    // ...and every letter has a font: the bundled ones, or one found on this machine (the
    // harness would also have panicked on a letter drawn as a box).
    let font = FontId::proportional(14.0);
    for (script, sample) in SAMPLES {
        let drawn = harness
            .ctx
            .fonts_mut(|fonts| fonts.has_glyphs(&font, &sample.replace(' ', "")));
        assert!(drawn, "{script}: \"{sample}\" would show boxes");
    }
    // Nothing to warn about on a machine with the fonts.
    assert!(harness.query_by_label_contains("shown as boxes").is_none());

    // Typing a new script in the inspector: the letters get a font as they arrive.
    harness.get_by_label("Touchpoint: Ζητά πετσέτες").click();
    harness.run();
    assert_eq!(harness.state().selection().single(), Some(TouchpointId(9)));
    let title = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title");
    title.focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Title")
        .type_text(" · ขอผ้าเช็ดตัว");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness
            .state()
            .project()
            .touchpoint(TouchpointId(9))
            .unwrap()
            .title,
        "Ζητά πετσέτες · ขอผ้าเช็ดตัว"
    );
    harness.get_by_label("Touchpoint: Ζητά πετσέτες · ขอผ้าเช็ดตัว");
    assert!(
        harness
            .ctx
            .fonts_mut(|fonts| fonts.has_glyphs(&font, "ขอผ้าเช็ดตัว"))
    );
}

#[test]
fn the_editor_says_which_text_has_no_font_and_what_to_do() {
    // U+0378 is not a character: no font anywhere draws it, so the notice is certain.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.ron");
    let mut project = journeyboard::model::Project::new("Odd \u{378} title");
    project.persona.name = "Café".to_owned();
    file::save(&project, &path).unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().join("recovery"),
    );
    app.open_path(&path);
    // The harness panics on a glyph no font has (which the test above relies on); here
    // the box is expected.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1500.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness.run();
    for part in [
        "Opened odd.ron · 1 text has letters with no font on this machine, shown as boxes",
        "(first: the project title (\"Odd \u{378} title\"))",
        "retype the unassigned or private-use code points",
    ] {
        harness.get_by_label_contains(part);
    }

    // Typing such a letter says so when the field is left.
    harness.get_by_label("Project").click();
    harness.run();
    let name = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Persona name");
    name.focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Persona name")
        .type_text(" \u{379}");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().project().persona.name, "Café \u{379}");
    harness.get_by_label_contains(
        "“Café \u{379}” has letters with no font on this machine (\u{379}), shown as boxes; \
         retype the unassigned",
    );
}

#[test]
fn exports_are_the_same_bytes_in_separate_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for name in ["a.png", "b.png"] {
        let out = dir.path().join(name);
        let result = journeyboard(&["export", &example(), "-o", out.to_str().unwrap()], None);
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(
            result.stderr.is_empty(),
            "unexpected warnings: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        outputs.push(std::fs::read(out).unwrap());
    }
    assert!(outputs[0] == outputs[1], "two exports differ");
}

#[test]
fn check_names_the_texts_without_a_font_and_the_package_to_install() {
    let no_fonts = tempfile::tempdir().unwrap();
    let result = journeyboard(&["check", &example()], Some(no_fonts.path()));
    assert!(result.status.success(), "a missing font is not a bad file");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stdout.contains("ok: 12 touchpoints"), "{stdout}");
    assert!(stderr.contains("will show them as boxes"), "{stderr}");
    assert!(
        stderr.contains("the project title (\"Global hotel stay — 世界の旅行者"),
        "{stderr}"
    );
    assert!(stderr.contains("世 (U+4E16)"), "{stderr}");
    assert!(stderr.contains("apt install fonts-noto-cjk"), "{stderr}");
    assert!(stderr.contains("apt install fonts-noto-core"), "{stderr}");
    // Greek and Cyrillic are in the bundled fonts: not listed.
    assert!(!stderr.contains("Ζητά"), "{stderr}");
    // The advice says where fonts were looked for, since the user chose the folders.
    assert!(
        stderr.contains("only the font folders in JOURNEYBOARD_FONT_DIRS were searched"),
        "{stderr}"
    );
    let missing = no_fonts.path().join("no-such-folder");
    let result = journeyboard(&["check", &example()], Some(&missing));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains(&format!(
            "font folder {} (from JOURNEYBOARD_FONT_DIRS) does not exist",
            missing.display()
        )),
        "{stderr}"
    );

    // A Latin project never needs the installed fonts: nothing to say.
    let latin = common::example("bank-account-opening");
    let result = journeyboard(&["check", latin.to_str().unwrap()], Some(no_fonts.path()));
    assert!(result.status.success());
    assert!(
        result.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn an_export_without_fonts_is_written_with_a_warning() {
    let no_fonts = tempfile::tempdir().unwrap();
    let out = no_fonts.path().join("board.png");
    let result = journeyboard(
        &["export", &example(), "-o", out.to_str().unwrap()],
        Some(no_fonts.path()),
    );
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.starts_with("warning: "), "{stderr}");
    assert!(stderr.contains("apt install fonts-noto-cjk"), "{stderr}");
    assert!(image::open(&out).is_ok());
}

#[test]
fn a_damaged_font_file_is_skipped_with_a_warning_and_the_others_used() {
    let fonts = tempfile::tempdir().unwrap();
    std::fs::write(fonts.path().join("broken.ttf"), b"\0\x01\0\0garbage").unwrap();
    std::fs::write(fonts.path().join("empty.otf"), b"").unwrap();
    let result = journeyboard(&["check", &example()], Some(fonts.path()));
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    for name in ["broken.ttf", "empty.otf"] {
        assert!(
            stderr.contains(&format!(
                "skipped font file {}",
                fonts.path().join(name).display()
            )),
            "{name}: {stderr}"
        );
    }
    // The export still works, with the same warnings.
    let out = fonts.path().join("board.png");
    let result = journeyboard(
        &["export", &example(), "-o", out.to_str().unwrap()],
        Some(fonts.path()),
    );
    assert!(result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("broken.ttf"));

    // Fonts are looked at only when a letter needs them: a Latin project says nothing.
    let latin = common::example("bank-account-opening");
    let result = journeyboard(&["check", latin.to_str().unwrap()], Some(fonts.path()));
    assert!(
        result.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}
