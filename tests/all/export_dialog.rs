//! The export dialog held still while its choices change, and its page choice always
//! showing what will be written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};

type Harness = egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>;

fn open(harness: &mut Harness) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export… (PNG").click();
    harness.run();
}

fn toggled(harness: &Harness, label: &str) -> Option<Toggled> {
    harness.get_by_label(label).accesskit_node().toggled()
}

#[test]
fn a_page_size_the_storyboard_does_not_take_shows_one_picture_chosen() {
    let (mut harness, _dir) = common::editor_on_example("cafe-order-ahead");
    open(&mut harness);
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
    open(&mut harness);
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
