//! Mermaid journeys written the ways Mermaid's documentation shows them (our own examples
//! of each form, in tests/fixtures/mermaid/): each imports as the journey it describes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use journeyboard::interchange::{Format, import_file, mermaid};
use journeyboard::model::Project;

fn import(name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mermaid")
        .join(name);
    import_file(&path, Format::Mermaid)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .project
}

/// (stage name, task titles in order) of a project, and its owners' names.
fn shape(project: &Project) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let stages = project
        .stages()
        .iter()
        .map(|s| {
            let mut tasks: Vec<_> = project
                .touchpoints()
                .filter(|(_, t)| t.stage == s.id)
                .map(|(_, t)| (t.position.y, t.title.clone()))
                .collect();
            tasks.sort_by(|a, b| a.0.total_cmp(&b.0));
            (s.name.clone(), tasks.into_iter().map(|(_, t)| t).collect())
        })
        .collect();
    let owners = project.owners().iter().map(|o| o.name.clone()).collect();
    (stages, owners)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn front_matter_gives_the_title_and_its_config_is_ignored() {
    let p = import("front-matter.mmd");
    assert_eq!(p.title, "Buying a sofa: online");
    let (stages, owners) = shape(&p);
    assert_eq!(
        stages,
        [
            ("Browse".to_owned(), names(&["Compares sofas"])),
            ("Order".to_owned(), names(&["Pays by card"]))
        ]
    );
    assert_eq!(owners, names(&["Me", "Partner"]));
}

#[test]
fn acc_title_and_acc_descr_blocks_become_the_description() {
    let p = import("accessibility.mmd");
    assert_eq!(p.title, "Renewing a passport");
    assert!(
        p.description
            .starts_with("How a citizen renews a passport online,"),
        "{}",
        p.description
    );
    assert!(
        p.description.ends_with("to the new passport."),
        "{}",
        p.description
    );
    assert_eq!(shape(&p).0.len(), 2);
    let p = import("accessibility-one-line.mmd");
    assert_eq!(p.description, "Young professional moves her salary account");
    assert_eq!(
        shape(&p).0,
        [("Research".to_owned(), names(&["Reads comparison site"]))]
    );
}

#[test]
fn windows_line_endings_tabs_comments_and_trailing_colons() {
    let p = import("crlf-tabs-comments.mmd");
    assert_eq!(p.title, "Late delivery");
    let (stages, owners) = shape(&p);
    assert_eq!(
        stages,
        [
            (
                "Wait".to_owned(),
                names(&["Checks tracking", "Calls support"])
            ),
            ("Recover".to_owned(), names(&["Gets a refund"]))
        ]
    );
    assert_eq!(owners, names(&["Customer"]));
    let emotions: Vec<Option<f32>> = p
        .touchpoints()
        .map(|(_, t)| t.emotion.map(journeyboard::model::Emotion::value))
        .collect();
    assert_eq!(emotions, [Some(-1.0), Some(-2.0), Some(2.0)]);
}

#[test]
fn a_title_may_hold_colons() {
    let p = import("title-with-colons.mmd");
    assert_eq!(p.title, "Delivery day: 8:00 to 18:00");
    assert_eq!(
        shape(&p).0,
        [(
            "Morning".to_owned(),
            names(&["Van leaves depot", "Text with time slot"])
        )]
    );
}

#[test]
fn scores_off_the_scale_are_refused_with_the_line_and_what_is_allowed() {
    for (text, line, expected) in [
        (
            "journey\n  section S\n    Fine: 3\n    Too high: 6: Me\n",
            4,
            "outside 1–5",
        ),
        ("journey\n  section S\n    Zero: 0\n", 3, "outside 1–5"),
        (
            "journey\n  section S\n    Word: great: Me\n",
            3,
            "is not a number; write a score from 1 to 5",
        ),
    ] {
        let err = mermaid::from_mermaid(text, "t").err().unwrap();
        assert_eq!(err.line, line, "{err}");
        assert!(err.message.contains(expected), "{err}");
    }
}

#[test]
fn unclosed_front_matter_is_refused_where_it_opens() {
    let err = mermaid::from_mermaid("\n---\ntitle: x\njourney\n  section S\n    A: 3\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 2);
    assert!(err.message.contains("never closes"), "{err}");
}
