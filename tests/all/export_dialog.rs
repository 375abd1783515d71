//! The export dialog held still while its choices change, and its page choice always
//! showing what will be written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};

type Harness = egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>;

fn toggled(harness: &Harness, label: &str) -> Option<Toggled> {
    harness.get_by_label(label).accesskit_node().toggled()
}

#[test]
fn a_page_size_the_storyboard_does_not_take_shows_one_picture_chosen() {
    let (mut harness, _dir) = common::editor_on_example("cafe-order-ahead");
    common::open_export_dialog(&mut harness);
    harness.get_by_label("Lane map").click();
    harness.run();
    harness.get_by_label("4:3 slides").click();
    harness.run();
    assert_eq!(toggled(&harness, "4:3 slides"), Some(Toggled::True));
    assert_eq!(toggled(&harness, "One picture"), Some(Toggled::False));
    // Storyboard rows are wider than a 4:3 page: it is not offered, and the export is
    // one picture, which the dialog shows chosen.
    harness.get_by_label("Storyboard frames").click();
    harness.run();
    assert!(harness.query_by_label("4:3 slides").is_none());
    assert_eq!(toggled(&harness, "One picture"), Some(Toggled::True));
    // Back on the lane map, the 4:3 pages chosen before are chosen again.
    harness.get_by_label("Lane map").click();
    harness.run();
    assert_eq!(toggled(&harness, "4:3 slides"), Some(Toggled::True));
}

#[test]
fn the_dialog_keeps_its_place_and_width_while_choices_change() {
    let (mut harness, _dir) = common::editor_on_example("cafe-order-ahead");
    common::open_export_dialog(&mut harness);
    let place = |harness: &Harness| {
        (
            harness.get_by_label("Format").rect().min,
            harness.get_by_label("Lane map").rect().min,
            harness.get_by_label("Storyboard frames").rect().min,
        )
    };
    let before = place(&harness);
    // Choices that change what the dialog holds below them.
    for label in [
        "Storyboard frames",
        "Lane map",
        "16:9 slides",
        "One picture",
        "SVG",
    ] {
        harness.get_by_label(label).click();
        harness.run();
        assert_eq!(place(&harness), before, "after {label}");
    }
    // CSV has no picture choices at all; the format row stays where it was.
    harness.get_by_label("CSV").click();
    harness.run();
    assert_eq!(harness.get_by_label("Format").rect().min, before.0);
}

#[test]
fn the_preview_shows_the_first_page_when_pages_are_chosen() {
    let (mut harness, _dir) = common::editor_on_example("cafe-order-ahead");
    common::open_export_dialog(&mut harness);
    harness.get_by_label("Lane map").click();
    harness.run();
    let aspect = |r: egui::Rect| r.width() / r.height();
    // The whole café picture is about as tall as it is wide.
    let whole = harness.get_by_label("Preview of the export").rect();
    assert!((aspect(whole) - 1.0).abs() < 0.2, "{whole:?}");
    for (label, width, height) in [("16:9 slides", 16.0, 9.0), ("A4 landscape", 297.0, 210.0)] {
        harness.get_by_label(label).click();
        harness.run();
        let page = harness
            .get_by_label("Preview of the export's first page")
            .rect();
        assert!(
            (aspect(page) - width / height).abs() < 0.03,
            "{label}: {page:?}"
        );
    }
    harness.get_by_label("One picture").click();
    harness.run();
    assert!(harness.query_by_label("Preview of the export").is_some());
}
