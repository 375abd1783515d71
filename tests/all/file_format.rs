//! The RON project file: examples, round trips, determinism, atomic save, bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use journeyboard::file::{self, LoadError, Problem};
use journeyboard::model::{Emotion, LinkKind, ModelError, Project, TouchpointId};

fn parse(text: &str) -> Result<Project, LoadError> {
    file::parse(text, Path::new("test.ron"))
}

#[test]
fn every_example_loads_and_is_rich_enough_for_a_demo() {
    for path in common::example_paths() {
        let project = file::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let name = path.display();
        assert!(
            project.touchpoint_count() >= 12,
            "{name}: too few touchpoints"
        );
        let stages_used: BTreeSet<&str> = project
            .touchpoints()
            .map(|(_, t)| t.stage.as_str())
            .collect();
        assert_eq!(
            stages_used.len(),
            project.stages().len(),
            "{name}: a stage is empty"
        );
        assert!(project.owners().len() >= 3, "{name}: too few owners");
        let kinds: BTreeSet<_> = project
            .links()
            .map(|(_, l)| format!("{:?}", l.kind))
            .collect();
        for kind in [LinkKind::Recovery, LinkKind::Referral] {
            assert!(
                kinds.contains(&format!("{kind:?}")),
                "{name}: no {kind:?} link"
            );
        }
        let initiatives: BTreeSet<_> = project
            .touchpoints()
            .map(|(_, t)| format!("{:?}", t.initiative))
            .collect();
        assert_eq!(initiatives.len(), 2, "{name}: needs both initiatives");
        assert!(project.touchpoints().any(|(_, t)| t.emotion.is_some()));
    }
}

#[test]
fn examples_are_stored_in_canonical_form() {
    // Saving an example must not change a byte: the files double as the reference for
    // the deterministic format. `JOURNEYBOARD_BLESS=1 cargo test` rewrites them.
    for path in common::example_paths() {
        let on_disk = std::fs::read_to_string(&path).unwrap();
        let project = file::load(&path).unwrap();
        let canonical = file::to_ron_string(&project).unwrap();
        if common::bless() {
            std::fs::write(&path, &canonical).unwrap();
        } else {
            assert_eq!(on_disk, canonical, "{} is not canonical", path.display());
        }
    }
}

#[test]
fn round_trip_is_lossless_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        let out = dir.path().join("copy.ron");
        file::save(&project, &out).unwrap();
        let first = std::fs::read(&out).unwrap();
        let reloaded = file::load(&out).unwrap();
        assert_eq!(project, reloaded);
        file::save(&reloaded, &out).unwrap();
        assert_eq!(first, std::fs::read(&out).unwrap(), "second save differs");
    }
}

#[test]
fn a_one_field_edit_changes_one_line() {
    let mut project = file::load(&common::example("bank-account-opening")).unwrap();
    let before = file::to_ron_string(&project).unwrap();
    project.touchpoint_mut(TouchpointId(6)).unwrap().emotion = Some(Emotion::new(-1.0).unwrap());
    let after = file::to_ron_string(&project).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(
        changed,
        vec![("            emotion: -1.5,", "            emotion: -1.0,")]
    );
}

#[test]
fn deleted_ids_are_not_reused_after_save_and_load() {
    let mut project = file::load(&common::example("bank-account-opening")).unwrap();
    let highest = project.touchpoints().map(|(id, _)| id).max().unwrap();
    project.remove_touchpoint(highest).unwrap();
    let text = file::to_ron_string(&project).unwrap();
    let reloaded = parse(&text).unwrap();
    assert!(reloaded.next_touchpoint_id() > highest);
}

#[test]
fn save_is_atomic_when_the_folder_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let project = file::load(&common::example("bank-account-opening")).unwrap();
    let err = file::save(&project, &dir.path().join("no/such/folder/x.ron")).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("no/such/folder/x.ron"), "{message}");
    assert!(
        message.contains("A file already there is unchanged"),
        "{message}"
    );
}

#[test]
fn failed_rename_leaves_the_target_intact_and_no_temporary_file() {
    // The target is a folder holding a file: writing and syncing the temporary file
    // succeed, the final rename fails. Nothing of the target may change and the
    // temporary file must be cleaned up.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("journey.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "previous content").unwrap();
    let err = file::save(&Project::new("New"), &target).unwrap_err();
    assert!(err.to_string().contains("journey.ron"), "{err}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "previous content"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["journey.ron".to_owned()]);
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let text = "(\n    version: 1,\n    title: \"x\"\n    stages: [],\n)";
    let err = parse(text).unwrap_err();
    let LoadError::Syntax { line, column, .. } = &err else {
        panic!("expected a syntax error, got {err}");
    };
    assert_eq!((*line, *column), (4, 5));
    let message = err.to_string();
    assert!(message.starts_with("test.ron:4:5: "), "{message}");
}

#[test]
fn truncated_file_is_a_syntax_error_not_a_panic() {
    let text = std::fs::read_to_string(common::example("theme-park-family-visit")).unwrap();
    for cut in [1, 10, text.len() / 2, text.len() - 3] {
        let mut end = cut;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        assert!(parse(&text[..end]).is_err(), "cut at {end} loaded");
    }
}

#[test]
fn unknown_fields_are_reported_with_position() {
    let err = parse("(version: 1, title: \"x\", titel: \"y\")").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("titel"), "{message}");
    assert!(message.starts_with("test.ron:1:"), "{message}");
}

#[test]
fn newer_version_is_refused_clearly() {
    let err = parse("(version: 3, title: \"x\", some_new_field: [1, 2])").unwrap_err();
    assert!(matches!(
        err,
        LoadError::NewerVersion {
            found: 3,
            supported: 2,
            ..
        }
    ));
    assert!(
        err.to_string().contains("made by a newer Journeyboard"),
        "{err}"
    );
    // Even when the newer format uses syntax this build cannot parse.
    let err = parse("(version: 4, title: \"x\", shiny: <<new syntax>>)").unwrap_err();
    assert!(
        matches!(err, LoadError::NewerVersion { found: 4, .. }),
        "{err}"
    );
    let err = parse("(version: 0, title: \"x\")").unwrap_err();
    assert!(
        matches!(err, LoadError::UnknownVersion { found: 0, .. }),
        "{err}"
    );
}

#[test]
fn link_to_missing_touchpoint_names_both_ids() {
    let text = r#"(version: 1, title: "x",
        touchpoints: [(id: 1, title: "a", stage: "awareness")],
        links: [(id: 7, from: 1, to: 42)])"#;
    let err = parse(text).unwrap_err();
    let LoadError::Invalid { problem, .. } = &err else {
        panic!("{err}")
    };
    assert!(matches!(
        problem,
        Problem::Model(ModelError::MissingTouchpoint {
            missing: TouchpointId(42),
            ..
        })
    ));
    let message = err.to_string();
    assert!(
        message.contains("link #7") && message.contains("touchpoint #42"),
        "{message}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 3, title: "a", stage: "awareness"), (id: 3, title: "b", stage: "research")])"#;
    let err = parse(text).unwrap_err();
    assert!(
        err.to_string().contains("touchpoint id #3 is used twice"),
        "{err}"
    );

    let text = r#"(version: 1, title: "x",
        touchpoints: [(id: 1, title: "a", stage: "awareness"), (id: 2, title: "b", stage: "research")],
        links: [(id: 5, from: 1, to: 2), (id: 5, from: 2, to: 1)])"#;
    assert!(
        parse(text)
            .unwrap_err()
            .to_string()
            .contains("link id #5 is used twice")
    );

    let text = r#"(version: 1, title: "x", stages: [(id: "a", name: "A"), (id: "a", name: "B")])"#;
    assert!(
        parse(text)
            .unwrap_err()
            .to_string()
            .contains("stage id \"a\" is defined twice")
    );
}

#[test]
fn scores_outside_their_scale_name_the_touchpoint() {
    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 4, title: "Calls support", stage: "service", perception: 6.0)])"#;
    let message = parse(text).unwrap_err().to_string();
    assert!(
        message.contains("touchpoint #4 (\"Calls support\")"),
        "{message}"
    );
    assert!(
        message.contains("perception 6") && message.contains("1 to 5"),
        "{message}"
    );

    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 4, title: "Calls support", stage: "service", emotion: 0.3)])"#;
    let message = parse(text).unwrap_err().to_string();
    assert!(
        message.contains("emotion 0.3") && message.contains("-2 to 2"),
        "{message}"
    );
}

#[test]
fn undefined_stage_or_owner_is_refused() {
    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 1, title: "Visit", stage: "checkout")])"#;
    let message = parse(text).unwrap_err().to_string();
    assert!(
        message.contains("stage \"checkout\", which is not defined"),
        "{message}"
    );

    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 1, title: "Visit", stage: "research", owner: "legal")])"#;
    let message = parse(text).unwrap_err().to_string();
    assert!(
        message.contains("owned by \"legal\", which is not defined"),
        "{message}"
    );
}

#[test]
fn bad_colour_and_position_are_refused() {
    let text = r#"(version: 1, title: "x", owners: [(id: "a", name: "A", colour: "blue")])"#;
    assert!(parse(text).unwrap_err().to_string().contains("\"#RRGGBB\""));
    let text = r#"(version: 1, title: "x", touchpoints: [
        (id: 1, title: "Far", stage: "research", x: 1e30)])"#;
    assert!(
        parse(text)
            .unwrap_err()
            .to_string()
            .contains("finite numbers")
    );
}

#[test]
fn minimal_hand_written_file_gets_defaults() {
    let project = parse(
        "\u{feff}(version: 1, title: \"Sketch\", touchpoints: [(id: 1, title: \"Ad\", \
         stage: \"awareness\", emotion: Some(1.5))])",
    )
    .unwrap();
    assert_eq!(project.stages().len(), 6);
    assert_eq!(project.stages()[3].name, "Onboarding & use");
    let tp = project.touchpoint(TouchpointId(1)).unwrap();
    assert_eq!(tp.emotion.map(Emotion::value), Some(1.5));
    assert!(tp.perception.is_none());
}

#[test]
fn unreadable_and_non_utf8_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let message = file::load(&missing).unwrap_err().to_string();
    assert!(
        message.contains("could not read") && message.contains("missing.ron"),
        "{message}"
    );

    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, b"(version: 1,\n title: \"\xff\xfe\")").unwrap();
    let err = file::load(&binary).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::NotText {
                line: 2,
                column: 10,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn readme_annotated_example_is_a_valid_project() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("```ron\n").expect("README has a ```ron block") + "```ron\n".len();
    let len = readme[start..].find("```").unwrap();
    let project = parse(&readme[start..start + len]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(project.touchpoint_count(), 2);
    assert_eq!(project.link_count(), 1);
    assert_eq!(project.next_touchpoint_id(), TouchpointId(17));
}

#[test]
fn version_1_keeps_its_coordinate_limit_and_version_2_has_room_for_taller_cards() {
    let file = |version: u32, y: f32| {
        format!(
            "(version: {version}, title: \"t\", stages: [(id: \"a\", name: \"A\")], \
             touchpoints: [(id: 1, title: \"Far\", stage: \"a\", x: 0, y: {y})])"
        )
    };
    // Beyond version 1's ±1,000,000: refused as it always was, naming the card.
    let err = parse(&file(1, 1_500_000.0)).unwrap_err();
    assert!(err.to_string().contains("Far"), "{err}");
    // Version 2 allows twice as far (cards are taller).
    let project = parse(&file(2, 1_500_000.0)).unwrap();
    assert_eq!(
        project.touchpoint(TouchpointId(1)).unwrap().position.y,
        1_500_000.0
    );
    // A version 1 card at its limit is stretched and stays inside version 2's.
    let project = parse(&file(1, 1_000_000.0)).unwrap();
    let y = project.touchpoint(TouchpointId(1)).unwrap().position.y;
    assert!(y > 1_000_000.0 && y <= file::MAX_COORDINATE, "{y}");
}
