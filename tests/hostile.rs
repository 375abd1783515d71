//! Hostile and broken input, failing saves, and non-ASCII content: a clear error or a
//! project, never a panic, a hang or a damaged file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use journeyboard::export::{self, ExportOptions};
use journeyboard::file::{self, LoadError, MAX_FILE_BYTES, SaveError};
use journeyboard::model::{Emotion, Link, LinkKind, Project, Touchpoint, TouchpointId};
use proptest::prelude::*;

fn parse(text: &str) -> Result<Project, LoadError> {
    file::parse(text, Path::new("hostile.ron"))
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..8),
                Just(b"(((((".to_vec()),
                Just(b"]]".to_vec()),
                Just(b"\"".to_vec()),
                Just(b"NaN".to_vec()),
                Just(b"version: 99,".to_vec()),
                Just("é漢😀".as_bytes().to_vec()),
            ]
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            let i = i % len;
            if let Some(x) = bytes.get_mut(i) {
                *x ^= b | 1;
            }
        }
        Mutation::Delete(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            if i < end {
                bytes.drain(i..end);
            }
        }
        Mutation::Insert(i, b) => {
            let i = i % len;
            let i = i.min(bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::Duplicate(i, n) => {
            let i = i % len;
            let end = (i + n).min(bytes.len());
            let chunk = bytes[i..end].to_vec();
            bytes.splice(end..end, chunk);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Mutated and truncated examples give a project or an error, never a panic.
    #[test]
    fn mutated_examples_never_panic(which in 0usize..3, mutations in proptest::collection::vec(mutation(), 1..6)) {
        let path = &common::example_paths()[which];
        let mut bytes = std::fs::read(path).unwrap();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let result = match std::str::from_utf8(&bytes) {
            Ok(text) => parse(text),
            Err(_) => {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("mutated.ron");
                std::fs::write(&file, &bytes).unwrap();
                file::load(&file)
            }
        };
        if let Err(err) = result {
            // Every error names the file.
            let message = err.to_string();
            prop_assert!(message.contains(".ron"), "{}", message);
        }
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    for depth in [200, 10_000, 200_000] {
        let text = format!(
            "(version: 1, title: {}1{})",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(parse(&text).is_err());
        let text = "(".repeat(depth);
        assert!(parse(&text).is_err());
    }
}

#[test]
fn very_long_strings_round_trip() {
    let long = "Ω".repeat(2_000_000); // 4 MB of text in one title
    let mut project = Project::new(long.clone());
    project
        .add_touchpoint(Touchpoint {
            title: long.clone(),
            stage: "research".into(),
            pain_points: vec![long.clone()],
            ..Touchpoint::default()
        })
        .unwrap();
    let text = file::to_ron_string(&project).unwrap();
    assert_eq!(parse(&text).unwrap(), project);
}

#[test]
fn absurd_coordinates_are_refused_with_the_touchpoint_named() {
    for value in ["NaN", "inf", "-inf", "1e300", "1e7", "-3e38"] {
        let text = format!(
            "(version: 1, title: \"t\", touchpoints: [(id: 7, title: \"Far away\", stage: \"research\", x: {value})])"
        );
        let err = parse(&text).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("hostile.ron"), "{value}: {message}");
        if let LoadError::Invalid { .. } = err {
            assert!(message.contains("#7 (\"Far away\")"), "{value}: {message}");
        }
    }
}

#[test]
fn thousands_of_links_between_two_touchpoints_load_and_analyse() {
    let mut text = String::from(
        "(version: 1, title: \"t\", touchpoints: [(id: 1, title: \"a\", stage: \"awareness\", emotion: 1), (id: 2, title: \"b\", stage: \"advocacy\", emotion: -1)], links: [",
    );
    for i in 1..=5000 {
        text.push_str(&format!("(id: {i}, from: 1, to: 2),"));
    }
    text.push_str("])");
    let project = parse(&text).unwrap();
    assert_eq!(project.link_count(), 5000);
    let insights = journeyboard::analysis::analyse(&project);
    assert_eq!(insights.largest_drops.len(), 5);
    assert!(export::render(&project, ExportOptions::default(), None).is_ok());
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let err = file::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.ron"));
}

#[test]
fn a_write_failing_half_way_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::write(&path, "previous content").unwrap();
    let err = file::write_atomic_with(&path, |out| {
        out.write_all(b"(version: 1, title: \"half")?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    })
    .unwrap_err();
    assert!(err.to_string().contains("no space left on device"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous content");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.ron");
    std::fs::write(&path, "previous content").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = file::save(&Project::new("x"), &path).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("Save As"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous content");
}

#[test]
fn killing_the_process_mid_save_leaves_a_complete_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::copy(common::example("bank-account-opening"), &path).unwrap();
    let original = file::load(&path).unwrap();
    for delay_ms in [5, 15, 30, 45, 70] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .arg("save-loop")
            .arg(&path)
            .args(["--loops", "100000"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        // Whatever moment the kill hit, the file is one of the two complete versions.
        let project = file::load(&path).unwrap_or_else(|e| panic!("after {delay_ms} ms: {e}"));
        assert_eq!(project.touchpoint_count(), original.touchpoint_count());
        assert!(project.description.starts_with(&original.description));
    }
}

#[test]
fn killing_the_process_during_autosave_leaves_the_file_and_a_complete_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journey.ron");
    std::fs::copy(common::example("online-order-late-delivery"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let original = file::load(&path).unwrap();
    let recovery = journeyboard::ui::recovery_path_for(Some(&path), Path::new("unused"));
    for delay_ms in [5, 20, 40, 60] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .arg("save-loop")
            .arg(&path)
            .args(["--loops", "100000", "--recovery"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the user's file is never written"
        );
        if recovery.exists() {
            let copy = file::load(&recovery).unwrap_or_else(|e| panic!("after {delay_ms} ms: {e}"));
            assert_eq!(copy.touchpoint_count(), original.touchpoint_count());
            assert!(copy.description.starts_with(&original.description));
        }
    }
    assert!(recovery.exists(), "the loop wrote recovery copies");
}

#[test]
fn the_committed_version_1_fixture_keeps_loading() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1.ron");
    let project = file::load(&path).unwrap();
    assert_eq!(project.title, "Fixture: format version 1");
    assert_eq!(project.persona.name, "Ana");
    assert_eq!(project.stages().len(), 3);
    assert_eq!(project.owners()[0].colour.to_hex(), "#16a085");
    let buys = project.touchpoint(TouchpointId(2)).unwrap();
    assert_eq!(buys.emotion, Some(Emotion::new(-1.0).unwrap()));
    assert_eq!(buys.owner.as_deref(), Some("ops"));
    assert_eq!(buys.position.y, 150.5);
    assert_eq!(
        project.link(journeyboard::model::LinkId(9)).unwrap().kind,
        LinkKind::Referral
    );
    // Ids are never reused after the highest ones.
    assert!(project.next_touchpoint_id().0 > 5);
    assert!(project.next_link_id().0 > 9);
}

fn non_ascii_project() -> Project {
    let mut p = Project::new("Café crème — 顧客の旅 — رحلة العميل 🎉");
    p.persona.name = "Zoë, שירות לקוחות".to_owned();
    let titles = [
        "Découvre l’offre",
        "顧客サポートに電話",
        "שיחה עם נציג",
        "Überraschung 🎁✨",
        "Ελληνικά και русский",
        "\u{202e}reversed\u{202c} and \u{200d} joiners",
    ];
    let mut ids = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        ids.push(
            p.add_touchpoint(Touchpoint {
                title: (*title).to_owned(),
                stage: p.stages()[i].id.clone(),
                emotion: Some(Emotion::new(f64::from(i as u8 % 5) - 2.0).unwrap()),
                pain_points: vec![format!("{title} – ½ ≠ ∞")],
                ..Touchpoint::default()
            })
            .unwrap(),
        );
    }
    for pair in ids.windows(2) {
        p.add_link(Link {
            from: pair[0],
            to: pair[1],
            kind: LinkKind::Flow,
            label: Some("→ 次へ".to_owned()),
        })
        .unwrap();
    }
    p
}

#[test]
fn non_ascii_loads_saves_reports_and_exports() {
    let project = non_ascii_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ünïcödé 顧客.ron");
    file::save(&project, &path).unwrap();
    let loaded = file::load(&path).unwrap();
    assert_eq!(loaded, project);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("顧客サポートに電話"),
        "stored as readable UTF-8, not escapes"
    );
    let report =
        journeyboard::analysis::report::to_text(&loaded, &journeyboard::analysis::analyse(&loaded));
    assert!(report.contains("שיחה עם נציג"));
    // Glyphs the bundled fonts lack (CJK, Arabic, Hebrew) become boxes, never a crash.
    let rendered = export::render(&loaded, ExportOptions::default(), None).unwrap();
    assert!(rendered.image.width() > 0);
}

#[test]
fn non_ascii_in_the_editor() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intl.ron");
    file::save(&non_ascii_project(), &path).unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().into(),
    );
    app.open_path(&path);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness
        .get_by_label("Touchpoint: 顧客サポートに電話")
        .click();
    harness.run();
    assert_eq!(harness.state().selection().single(), Some(TouchpointId(2)));
    assert!(harness.state().window_title().starts_with("intl.ron"));
}

#[test]
fn picture_paths_outside_the_project_folder_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("maps");
    std::fs::create_dir(&folder).unwrap();
    // A real image just outside the folder: it must still not be read.
    let outside = dir.path().join("secret.png");
    image::RgbaImage::new(4, 4).save(&outside).unwrap();
    let mut project = Project::new("t");
    for (title, picture) in [("up", "../secret.png"), ("root", "/etc/passwd")] {
        project
            .add_touchpoint(Touchpoint {
                title: title.into(),
                stage: "research".into(),
                picture: Some(picture.into()),
                ..Touchpoint::default()
            })
            .unwrap();
    }
    let rendered = export::render(&project, ExportOptions::default(), Some(&folder)).unwrap();
    assert_eq!(rendered.warnings.len(), 2);
    assert!(
        rendered
            .warnings
            .iter()
            .all(|w| w.contains("outside the project folder")),
        "{:?}",
        rendered.warnings
    );
}
