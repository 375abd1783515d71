//! The editor as a facilitator drives it in a live workshop (issue 15): panels that keep
//! their size, typing that lands where expected, scoring from the keyboard, several cards
//! edited together. Driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::{Key, Modifiers, Pos2, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::model::TouchpointId;
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
use tempfile::TempDir;

struct Editor {
    harness: Harness<'static, JourneyboardApp>,
    _dir: TempDir,
}

/// An editor of `size` on a copy of an example (or a new project).
fn editor_sized(example: Option<&str>, size: Vec2) -> Editor {
    editor_with(example, size, |_| {})
}

/// Like [`editor_sized`], after `prepare` has set up egui's memory (as a restored layout).
fn editor_with(example: Option<&str>, size: Vec2, prepare: impl FnOnce(&egui::Context)) -> Editor {
    let dir = tempfile::tempdir().unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().join("recovery"),
    );
    if let Some(stem) = example {
        let copy = dir.path().join(format!("{stem}.ron"));
        std::fs::copy(common::example(stem), &copy).unwrap();
        app.open_path(&copy);
    }
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    prepare(&harness.ctx);
    harness.run();
    Editor { harness, _dir: dir }
}

fn editor(example: Option<&str>) -> Editor {
    editor_sized(example, vec2(1500.0, 900.0))
}

impl Editor {
    fn app(&self) -> &JourneyboardApp {
        self.harness.state()
    }

    fn card(&self, title: &str) -> Pos2 {
        self.harness
            .get_by_label(&format!("Touchpoint: {title}"))
            .rect()
            .center()
    }

    fn click_card(&mut self, title: &str) {
        self.harness
            .get_by_label(&format!("Touchpoint: {title}"))
            .click();
        self.harness.run();
    }

    fn press(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run();
    }

    /// The left edge of the side panel (where its first tab starts).
    fn side_panel_left(&self) -> f32 {
        self.harness.get_by_label("Inspector").rect().left()
    }

    fn touchpoint(&self, id: u64) -> journeyboard::model::Touchpoint {
        self.app()
            .project()
            .touchpoint(TouchpointId(id))
            .unwrap()
            .clone()
    }

    fn id_of(&self, title: &str) -> TouchpointId {
        self.app()
            .project()
            .touchpoints()
            .find(|(_, t)| t.title == title)
            .map(|(id, _)| id)
            .unwrap()
    }
}

#[test]
fn the_side_panel_keeps_its_width_while_cards_are_selected_and_tabs_change() {
    let mut ed = editor(Some("bank-account-opening"));
    let start = ed.side_panel_left();
    // Cards with pain points and long titles, again and again, then every tab.
    for _ in 0..20 {
        ed.click_card("ID check fails on utility bill");
        ed.click_card("Direct debit missed during switch");
    }
    assert_eq!(ed.side_panel_left(), start, "the inspector widened");
    for tab in ["Project", "Insights", "Inspector", "Project"] {
        ed.harness.get_by_label(tab).click();
        ed.harness.run();
        for x in [1100.0, 1300.0, 1450.0] {
            ed.harness.hover_at(Pos2::new(x, 400.0));
            ed.harness.run();
        }
        assert_eq!(
            ed.side_panel_left(),
            start,
            "the {tab} tab widened the panel"
        );
    }
}

#[test]
fn the_side_panel_cannot_be_dragged_over_the_canvas_nor_kept_too_wide_for_a_smaller_window() {
    let mut ed = editor_sized(Some("bank-account-opening"), vec2(1600.0, 1000.0));
    // Drag the panel's edge almost to the window's left side.
    let edge = Pos2::new(ed.side_panel_left() - 8.0, 600.0);
    ed.harness.hover_at(edge);
    ed.harness.run();
    ed.harness.drag_at(edge);
    ed.harness.run();
    for x in [900.0, 300.0, 40.0] {
        ed.harness.hover_at(Pos2::new(x, 600.0));
        ed.harness.run();
    }
    ed.harness.drop_at(Pos2::new(40.0, 600.0));
    ed.harness.run();
    let left = ed.side_panel_left();
    assert!(
        left < 1600.0 - 320.0,
        "the drag did not widen the panel ({left})"
    );
    assert!(
        left >= 150.0 + 360.0,
        "the panel covers the canvas from {left}"
    );
    // The same layout in a smaller window (a laptop after the projector) keeps the canvas.
    ed.harness.set_size(vec2(1024.0, 700.0));
    ed.harness.run();
    let left = ed.side_panel_left();
    assert!(left >= 150.0 + 360.0, "side panel starts at {left}");
    assert!(left < 1024.0 - 250.0, "side panel starts at {left}");
    assert!(
        ed.harness
            .query_by_label("Touchpoint: Compares accounts online")
            .is_some()
    );
}

#[test]
fn every_stage_and_owner_control_is_inside_the_panel_at_small_and_large_sizes() {
    for size in [vec2(1024.0, 700.0), vec2(1600.0, 1000.0)] {
        let mut ed = editor_sized(Some("bank-account-opening"), size);
        ed.harness.get_by_label("Project").click();
        ed.harness.run();
        let right = size.x;
        for name in [
            "Move stage “Awareness” later",
            "Remove stage “Advocacy”",
            "Move stage “Advocacy” earlier",
            "Remove owner “Account operations”",
        ] {
            let rect = ed.harness.get_by_label(name).rect();
            assert!(
                rect.right() <= right - 4.0 && rect.left() > ed.side_panel_left(),
                "{name} at {rect:?} in a window {right} wide"
            );
        }
        // Removing a stage from the panel works (an empty one goes at once).
        ed.harness.get_by_label("+ Add stage").click();
        ed.harness.run();
        let stages = ed.app().project().stages().len();
        let last = ed.app().project().stages()[stages - 1].name.clone();
        ed.harness
            .get_by_label(&format!("Remove stage “{last}”"))
            .click();
        ed.harness.run();
        assert_eq!(ed.app().project().stages().len(), stages - 1);
    }
}

#[test]
fn adding_a_pain_point_focuses_an_empty_field_and_an_empty_one_is_dropped() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.click_card("Card arrives by post");
    let id = ed.id_of("Card arrives by post");
    let before = ed.touchpoint(id.0).pain_points.clone();
    ed.harness.get_by_label("+ Add pain point").click();
    ed.harness.run();
    // No placeholder text became data; the keyboard is in the new field.
    assert_eq!(ed.touchpoint(id.0).pain_points, before);
    let field = ed
        .harness
        .get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused());
    field.type_text("PIN letter arrives after the card");
    ed.harness.run();
    ed.press(Modifiers::NONE, Key::Enter);
    let mut expected = before.clone();
    expected.push("PIN letter arrives after the card".to_owned());
    assert_eq!(ed.touchpoint(id.0).pain_points, expected);
    // One undo step.
    ed.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(ed.touchpoint(id.0).pain_points, before);

    // Opened and left empty: nothing is added.
    ed.harness.get_by_label("+ Add opportunity").click();
    ed.harness.run();
    let opportunities = ed.touchpoint(id.0).opportunities.clone();
    ed.harness.hover_at(ed.card("Uses budgeting pots daily"));
    ed.harness.run();
    ed.click_card("Uses budgeting pots daily");
    assert_eq!(ed.touchpoint(id.0).opportunities, opportunities);
    assert!(ed.app().project().touchpoints().all(|(_, t)| {
        t.pain_points
            .iter()
            .chain(&t.opportunities)
            .all(|p| !p.trim().is_empty() && !p.starts_with("New "))
    }));
}
