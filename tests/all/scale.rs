//! Inputs far larger than a workshop makes: 100,000 stages, 20,000 owners each with one
//! touchpoint, thousands of keys made from one name. They must load, check, analyse and
//! report correctly (and, measured outside the tests, in linear time: see the commands in
//! `write_scale_inputs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::Path;

use journeyboard::analysis::{self, report};
use journeyboard::model::{Owner, Project, Rgb, Stage};
use journeyboard::{cli, file};

/// Stages in the many-stages file.
const STAGES: usize = 100_000;
/// Owners (and touchpoints) in the many-owners file.
const OWNERS: usize = 20_000;

/// A project file with `stages` stages (`s1`…) and a touchpoint in every
/// `stages / 5`-th stage and the last, linked in a chain with one recovery link, in the
/// compact form a generator would write (about 2.8 MB for 100,000 stages).
fn many_stages_ron(stages: usize) -> String {
    let mut ron = String::from("(version: 1, title: \"Many stages\", stages: [");
    for i in 1..=stages {
        write!(ron, "(id:\"s{i}\",name:\"S{i}\"),").unwrap();
    }
    ron.push_str("], touchpoints: [");
    let used = touchpoint_stages(stages);
    for (n, stage) in used.iter().enumerate() {
        let emotion = if n % 2 == 0 { -1.0 } else { 1.5 };
        write!(
            ron,
            "(id: {}, title: \"In stage {stage}\", stage: \"s{stage}\", emotion: Some({emotion:.1})),",
            n + 1
        )
        .unwrap();
    }
    ron.push_str("], links: [");
    for n in 1..used.len() {
        let kind = if n == 2 { "recovery" } else { "flow" };
        write!(ron, "(id: {n}, from: {n}, to: {}, kind: {kind}),", n + 1).unwrap();
    }
    ron.push_str("])\n");
    ron
}

/// The (1-based) stages that get a touchpoint in [`many_stages_ron`].
fn touchpoint_stages(stages: usize) -> Vec<usize> {
    let mut used: Vec<usize> = (1..=5).map(|k| k * stages / 5).collect();
    used.insert(0, 1);
    used.dedup();
    used
}

/// A project file with `owners` owners (`o1`…), each owning one touchpoint, all in the
/// first default stage; touchpoint `i` has emotion −2 + (i mod 9) / 2.
fn many_owners_ron(owners: usize) -> String {
    let mut ron = String::from("(version: 1, title: \"Many owners\", owners: [");
    for i in 1..=owners {
        write!(
            ron,
            "(id: \"o{i}\", name: \"Team {i}\", colour: \"#{:06x}\"),",
            i * 97 % 0x0100_0000
        )
        .unwrap();
    }
    ron.push_str("], touchpoints: [");
    for i in 1..=owners {
        write!(
            ron,
            "(id: {i}, title: \"Task {i}\", stage: \"awareness\", owner: Some(\"o{i}\"), \
             emotion: Some({:.1}), initiative: {}),",
            emotion_of(i),
            if i % 4 == 0 { "reactive" } else { "proactive" }
        )
        .unwrap();
    }
    ron.push_str("])\n");
    ron
}

fn emotion_of(i: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let step = (i % 9) as f32;
    -2.0 + step / 2.0
}

fn parse(ron: &str, name: &str) -> Project {
    file::parse(ron, Path::new(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_hundred_thousand_stages_check_and_analyse_correctly() {
    let ron = many_stages_ron(STAGES);
    assert!(ron.len() > 2_000_000, "{} bytes", ron.len());
    let project = parse(&ron, "many-stages.ron");
    let used = touchpoint_stages(STAGES);
    // What `check` prints.
    assert_eq!(
        cli::summary(&project),
        format!(
            "{} touchpoints, {} links, {STAGES} stages, 0 owners, 0 unscored",
            used.len(),
            used.len() - 1
        )
    );
    // Every stage is found by key, at its place.
    for i in [1, 2, 777, 50_000, 99_999, STAGES] {
        assert_eq!(project.stage_index(&format!("s{i}")), Some(i - 1));
        assert_eq!(
            project.stage(&format!("s{i}")).map(|s| s.name.as_str()),
            Some(format!("S{i}").as_str())
        );
    }
    assert_eq!(project.stage_index("s0"), None);
    assert_eq!(project.stage_index(&format!("s{}", STAGES + 1)), None);

    let insights = analysis::analyse(&project);
    assert_eq!(insights.stages.len(), STAGES);
    let total: usize = insights.stages.iter().map(|s| s.touchpoints).sum();
    assert_eq!(total, used.len());
    for (n, stage) in used.iter().enumerate() {
        let summary = &insights.stages[stage - 1];
        assert_eq!(summary.id, format!("s{stage}"));
        assert_eq!(summary.touchpoints, 1, "stage {stage}");
        let emotion = if n % 2 == 0 { -1.0 } else { 1.5 };
        assert_eq!(summary.mean_emotion, Some(emotion), "stage {stage}");
        // The recovery link starts at touchpoint 2, in the second used stage.
        assert_eq!(summary.lapses, usize::from(n == 1), "stage {stage}");
    }
    assert_eq!(insights.stages[1].touchpoints, 0);
    assert_eq!(insights.stages[1].mean_emotion, None);
    assert!(insights.backward_links.is_empty());
    assert_eq!(insights.recoveries.len(), 1);
    assert_eq!(insights.recoveries[0].stage, format!("s{}", used[1]));
    // Only the touchpoint in the last stage reaches it; none is unreachable.
    assert_eq!(insights.dead_ends.len(), 0);
    assert!(insights.unreachable.is_empty());
}

#[test]
fn stage_edits_at_scale_keep_every_lookup_right() {
    let mut project = parse(&many_stages_ron(STAGES), "many-stages.ron");
    // Move the last stage to the front and remove an unused one from the middle.
    project.move_stage(STAGES - 1, 0);
    assert_eq!(project.stage_index(&format!("s{STAGES}")), Some(0));
    assert_eq!(project.stage_index("s1"), Some(1));
    assert_eq!(project.stage_index("s50001"), Some(50_001));
    let (index, removed) = project.remove_stage("s4").unwrap();
    assert_eq!((index, removed.id.as_str()), (4, "s4"));
    assert_eq!(project.stage_index("s5"), Some(4));
    assert_eq!(
        project.stage_index(&format!("s{}", STAGES - 1)),
        Some(STAGES - 2)
    );
    assert!(project.stage("s4").is_none());
    // A stage in use stays.
    assert!(project.remove_stage("s1").is_none());
    // A duplicate key is refused; the freed key can be used again.
    let stage = |id: &str| Stage {
        id: id.into(),
        name: id.to_owned(),
    };
    assert!(project.insert_stage(0, stage("s9")).is_err());
    project.insert_stage(7, stage("s4")).unwrap();
    assert_eq!(project.stage_index("s4"), Some(7));
    assert_eq!(project.stage_index("s5"), Some(4));
    assert_eq!(project.stage_index("s8"), Some(8));
    assert_eq!(project.stages().len(), STAGES);
    // Saving and loading again gives the same project in the new order.
    let saved = file::to_ron_string(&project).unwrap();
    assert_eq!(parse(&saved, "saved.ron"), project);
}

#[test]
fn twenty_thousand_owners_report_correctly() {
    let project = parse(&many_owners_ron(OWNERS), "many-owners.ron");
    assert_eq!(
        cli::summary(&project),
        format!("{OWNERS} touchpoints, 0 links, 6 stages, {OWNERS} owners, 0 unscored")
    );
    let insights = analysis::analyse(&project);
    assert_eq!(insights.owners.len(), OWNERS);
    assert!(insights.unowned.is_empty());
    for (n, owner) in insights.owners.iter().enumerate() {
        let i = n + 1;
        assert_eq!(owner.id, format!("o{i}"));
        assert_eq!(owner.name, format!("Team {i}"));
        assert_eq!(owner.touchpoints.len(), 1, "owner {i}");
        assert_eq!(owner.touchpoints[0].id, i as u64);
        assert_eq!(owner.touchpoints[0].title, format!("Task {i}"));
        assert_eq!(owner.mean_emotion, Some(emotion_of(i)), "owner {i}");
        assert_eq!(owner.worst.as_ref().map(|w| w.id), Some(i as u64));
        let reactive = if i % 4 == 0 { 1.0 } else { 0.0 };
        assert_eq!(owner.reactive_share, Some(reactive), "owner {i}");
    }
    assert_eq!(insights.stages[0].touchpoints, OWNERS);
    assert_eq!(insights.stages[0].reactive_share, Some(0.25));

    let text = report::to_text(&project, &insights);
    let ownership = text
        .split("\nOWNERSHIP\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\nSTRUCTURE").next())
        .unwrap();
    let lines: Vec<&str> = ownership.lines().collect();
    assert_eq!(
        lines.len(),
        OWNERS + 1,
        "one line per owner and one for no owner"
    );
    assert_eq!(
        lines[0],
        "  Team 1: 1 touchpoint, emotion -1.5, perception –, reactive 0 %, worst #1 “Task 1”"
    );
    assert_eq!(
        lines[OWNERS - 1],
        format!(
            "  Team {OWNERS}: 1 touchpoint, emotion {}, perception –, reactive 100 %, worst #{OWNERS} “Task {OWNERS}”",
            report::signed(Some(emotion_of(OWNERS)))
        )
    );
    assert_eq!(lines[OWNERS], "  No owner: none");

    let json: serde_json::Value =
        serde_json::from_str(&report::to_json(&project, &insights)).unwrap();
    let owners = json["owners"].as_array().unwrap();
    assert_eq!(owners.len(), OWNERS);
    assert_eq!(owners[12_344]["id"], "o12345");
    assert_eq!(owners[12_344]["touchpoints"][0]["id"], 12_345);
}

#[test]
fn thousands_of_keys_from_one_name_are_numbered_in_turn() {
    let mut project = Project::empty("keys");
    // Names that differ only in punctuation all make the key "sales".
    let punctuation = ["", "!", "?", ".", ",", ";", ":", "-", "/", "&"];
    for n in 0..2_000 {
        let name = format!("Sales{}{}", punctuation[n % 10], punctuation[n / 10 % 10]);
        let id = project.fresh_owner_id(&name);
        let expected = if n == 0 {
            "sales".to_owned()
        } else {
            format!("sales-{}", n + 1)
        };
        assert_eq!(id, expected.as_str(), "name {name:?}");
        project
            .insert_owner(
                usize::MAX,
                Owner {
                    id,
                    name,
                    colour: Rgb([0, 0, 0]),
                },
            )
            .unwrap();
        let stage = project.fresh_stage_id("S");
        project
            .insert_stage(
                usize::MAX,
                Stage {
                    id: stage,
                    name: "S".to_owned(),
                },
            )
            .unwrap();
    }
    assert_eq!(project.owners().len(), 2_000);
    assert_eq!(project.stages()[1_999].id, "s-2000");
    // A freed key is the first one offered again, then numbering resumes after the end.
    project.remove_owner("sales-700").unwrap();
    assert_eq!(project.fresh_owner_id("sales"), "sales-700");
    let owner = project.new_owner("Sales");
    project.insert_owner(0, owner).unwrap();
    assert_eq!(project.owner_index("sales-700"), Some(0));
    assert_eq!(project.owner_index("sales-701"), Some(700));
    assert_eq!(project.fresh_owner_id("Sales!"), "sales-2001");
}

/// Writes the measured inputs: `JOURNEYBOARD_SCALE_DIR=/tmp/scale cargo test --test scale
/// -- --ignored write_scale_inputs`, then for example
/// `/usr/bin/time -v target/debug/journeyboard check /tmp/scale/many-stages.ron` and
/// `/usr/bin/time -v target/debug/journeyboard report /tmp/scale/many-owners.ron`.
#[test]
#[ignore = "writes measurement inputs; run on demand"]
fn write_scale_inputs() {
    let dir = std::env::var_os("JOURNEYBOARD_SCALE_DIR").map_or_else(
        || std::env::temp_dir().join("journeyboard-scale"),
        std::path::PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("many-stages.ron"), many_stages_ron(STAGES)).unwrap();
    std::fs::write(dir.join("many-owners.ron"), many_owners_ron(OWNERS)).unwrap();
    println!("wrote {}", dir.display());
}
