//! CSV and Mermaid in and out: round trips, real-world samples, errors with line numbers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use journeyboard::file;
use journeyboard::interchange::{csv_sheet, mermaid};
use journeyboard::model::LinkKind;

#[test]
fn csv_round_trip_keeps_every_column() {
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        let csv = csv_sheet::to_csv(&project);
        let back = csv_sheet::from_csv(&csv, "back").unwrap().project;
        assert_eq!(back.touchpoint_count(), project.touchpoint_count());
        for (id, t) in project.touchpoints() {
            let b = back.touchpoint(id).unwrap();
            assert_eq!(b.title, t.title);
            assert_eq!(
                back.stage(&b.stage).unwrap().name,
                project.stage(&t.stage).unwrap().name
            );
            assert_eq!(b.channel, t.channel);
            assert_eq!(b.initiative, t.initiative);
            assert_eq!(b.perception, t.perception);
            assert_eq!(b.emotion, t.emotion);
            assert_eq!(b.pain_points, t.pain_points);
            assert_eq!(b.opportunities, t.opportunities);
            assert_eq!(b.notes, t.notes);
            let owner = |p: &journeyboard::model::Project, o: &Option<String>| {
                o.as_deref()
                    .and_then(|o| p.owner(o))
                    .map(|o| o.name.clone())
            };
            assert_eq!(owner(&back, &b.owner), owner(&project, &t.owner));
        }
        // Every non-referral link comes back (as flow) via the `next` column.
        let pairs = |p: &journeyboard::model::Project, all: bool| {
            let mut v: Vec<(u64, u64)> = p
                .links()
                .filter(|(_, l)| all || l.kind != LinkKind::Referral)
                .map(|(_, l)| (l.from.0, l.to.0))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(pairs(&back, true), pairs(&project, false));
    }
}

#[test]
fn csv_as_spreadsheets_write_it() {
    // A UTF-8 BOM, header names in other cases and spacing, quoted titles with commas,
    // a blank line, an unknown column, no `next` column (so rows link in sheet order).
    let sheet = "\u{feff}Title,STAGE, Channel ,Owner,Emotion,Perception,Pain Points,Comment\r\n\
                 \"Ad, on the radio\",Awareness,social,Marketing,1,4,,nice\r\n\
                 \r\n\
                 \"Calls \"\"support\"\"\",Service,Phone,Support,-1.5,2.5,Long wait; Transferred twice,\r\n\
                 Tells a friend,Advocacy,word of mouth,,2,5,,\r\n";
    let imported = csv_sheet::from_csv(sheet, "Radio campaign").unwrap();
    let p = &imported.project;
    assert_eq!(
        imported.warnings,
        vec!["ignoring unknown column “Comment”".to_owned()]
    );
    assert_eq!(p.touchpoint_count(), 3);
    let titles: Vec<_> = p.touchpoints().map(|(_, t)| t.title.clone()).collect();
    assert_eq!(
        titles,
        ["Ad, on the radio", "Calls \"support\"", "Tells a friend"]
    );
    // Stage names all default ones: the default six stages, in order.
    assert_eq!(p.stages().len(), 6);
    let calls = p.touchpoints().nth(1).unwrap().1;
    assert_eq!(calls.stage, "service");
    assert_eq!(calls.pain_points, ["Long wait", "Transferred twice"]);
    assert_eq!(
        p.owners()
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>(),
        ["Marketing", "Support"]
    );
    assert_eq!(p.link_count(), 2, "rows link in sheet order");
}

#[test]
fn custom_stages_follow_sheet_order() {
    let sheet = "title,stage\nA,Explore\nB,Book\nC,Explore\nD,Stay\n";
    let p = csv_sheet::from_csv(sheet, "t").unwrap().project;
    let names: Vec<_> = p.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Explore", "Book", "Stay"]);
}

#[test]
fn a_bad_row_is_reported_with_its_number() {
    let cases = [
        (
            "title,perception\nA,3\nB,6\n",
            3,
            "perception 6 is not on the scale 1 to 5",
        ),
        ("title,emotion\nA,x\n", 2, "emotion “x” is not a number"),
        ("title,channel\nA,fax\n", 2, "channel “fax” is not one of"),
        (
            "title,initiative\nA,sometimes\n",
            2,
            "must be proactive or reactive",
        ),
        ("title,id\nA,1\nB,1\n", 3, "used twice"),
        ("title,id,next\nA,1,2\nB,2,9\n", 3, "next names id 9"),
        ("name,stage\nA,Awareness\n", 1, "no “title” column"),
    ];
    for (sheet, line, words) in cases {
        let err = csv_sheet::from_csv(sheet, "t")
            .err()
            .unwrap_or_else(|| panic!("{sheet:?} imported"));
        assert_eq!(err.line, line, "{sheet:?}: {err}");
        assert!(err.to_string().contains(words), "{sheet:?}: {err}");
    }
}

const SAMPLE: &str = "%% The checkout journey, as it lives in our README
journey
    title Buying a sofa online
    section Discover
        Sees an ad: 4: Tom
        Reads reviews: 3: Tom, Partner
    %% the painful part
    section Buy
        Checkout: 5: Tom
        Delivery is late: 1: Tom, Courier
    section Afterwards
        Posts a photo: 5: Tom
";

#[test]
fn mermaid_round_trip_keeps_titles_sections_tasks_scores_and_actors() {
    let imported = mermaid::from_mermaid(SAMPLE, "fallback").unwrap();
    let p = &imported.project;
    assert_eq!(p.title, "Buying a sofa online");
    assert_eq!(
        p.stages()
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Discover", "Buy", "Afterwards"]
    );
    assert_eq!(p.touchpoint_count(), 5);
    let late = p
        .touchpoints()
        .find(|(_, t)| t.title == "Delivery is late")
        .unwrap()
        .1;
    assert_eq!(
        late.emotion.unwrap().value(),
        -2.0,
        "score 1 maps to emotion −2"
    );
    assert_eq!(p.owner(late.owner.as_deref().unwrap()).unwrap().name, "Tom");
    assert_eq!(p.link_count(), 4);
    let written = mermaid::to_mermaid(p);
    let expected = "journey
    title Buying a sofa online
    section Discover
      Sees an ad: 4: Tom
      Reads reviews: 3: Tom, Partner
    section Buy
      Checkout: 5: Tom
      Delivery is late: 1: Tom, Courier
    section Afterwards
      Posts a photo: 5: Tom
";
    assert_eq!(written, expected);
    // And again: Mermaid → Journeyboard → Mermaid is stable.
    let again = mermaid::to_mermaid(&mermaid::from_mermaid(&written, "x").unwrap().project);
    assert_eq!(again, expected);
}

#[test]
fn mermaid_syntax_it_does_not_understand_is_reported_with_the_line() {
    let err = mermaid::from_mermaid(
        "journey\n  title T\n  section A\n    Task: 3: Me\n  click Task call cb()\n",
        "t",
    )
    .err()
    .unwrap();
    assert_eq!(err.line, 5);
    assert!(err.to_string().contains("click Task call cb()"));
    let err = mermaid::from_mermaid("flowchart LR\n  A --> B\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 1);
    let err = mermaid::from_mermaid("journey\n section A\n  Task: seven: Me\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 3);
    let err = mermaid::from_mermaid("journey\n section A\n  Task: 9: Me\n", "t")
        .err()
        .unwrap();
    assert!(err.to_string().contains("outside 1–5"), "{err}");
}

#[test]
fn cli_import_and_export_and_no_partial_project_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let mmd = dir.path().join("sofa.mmd");
    std::fs::write(&mmd, SAMPLE).unwrap();
    let ron = dir.path().join("sofa.ron");
    let bin = env!("CARGO_BIN_EXE_journeyboard");
    let out = Command::new(bin)
        .arg("import")
        .arg(&mmd)
        .arg("-o")
        .arg(&ron)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(file::load(&ron).unwrap().touchpoint_count(), 5);
    let back = dir.path().join("back.mmd");
    let out = Command::new(bin)
        .args([
            "export".as_ref(),
            ron.as_os_str(),
            "--format".as_ref(),
            "mermaid".as_ref(),
            "-o".as_ref(),
            back.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&back)
            .unwrap()
            .contains("Delivery is late: 1: Tom, Courier")
    );
    let csv = dir.path().join("sofa.csv");
    let out = Command::new(bin)
        .args([
            "export".as_ref(),
            ron.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "-o".as_ref(),
            csv.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("id,title,stage")
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "title,emotion\nFine,1\nBroken,7\n").unwrap();
    let target = dir.path().join("never.ron");
    let out = Command::new(bin)
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.csv: row 3 (line 3): column B (emotion): emotion 7 is not on the scale"),
        "{stderr}"
    );
    assert!(!target.exists(), "no partial project is written");
}
