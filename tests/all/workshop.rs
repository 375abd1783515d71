//! The editor as a facilitator drives it in a live workshop (issue 15): panels that keep
//! their size, typing that lands where expected, scoring from the keyboard, several cards
//! edited together. Driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::{Key, Modifiers, Pos2, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journeyboard::model::{HalfStepScore, TouchpointId};
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
use tempfile::TempDir;

struct Editor {
    harness: Harness<'static, JourneyboardApp>,
    dialogs: NoDialogs,
    _dir: TempDir,
}

/// An editor of `size` on a copy of an example (or a new project).
fn editor_sized(example: Option<&str>, size: Vec2) -> Editor {
    editor_with(example, size, |_| {})
}

/// Like [`editor_sized`], after `prepare` has set up egui's memory (as a restored layout).
fn editor_with(example: Option<&str>, size: Vec2, prepare: impl FnOnce(&egui::Context)) -> Editor {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = NoDialogs::default();
    let mut app = JourneyboardApp::new(
        Box::new(dialogs.clone()),
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
    Editor {
        harness,
        dialogs,
        _dir: dir,
    }
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

    /// A primary click at a point (press and release in one frame).
    fn click_at(&mut self, pos: Pos2) {
        self.harness.hover_at(pos);
        self.harness.run();
        for pressed in [true, false] {
            self.harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
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

/// The focused text field.
fn focused_field<'a>(harness: &'a Harness<'static, JourneyboardApp>) -> egui_kittest::Node<'a> {
    harness.get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused())
}

#[test]
fn a_new_cards_title_is_selected_so_typing_replaces_it() {
    let mut ed = editor(Some("bank-account-opening"));
    // From the palette (a click adds it in the lane in view).
    ed.harness.get_by_label("App moment").click();
    ed.harness.run();
    focused_field(&ed.harness).type_text("Compares banks");
    ed.harness.run();
    ed.press(Modifiers::NONE, Key::Enter);
    let titles: Vec<String> = ed
        .app()
        .project()
        .touchpoints()
        .map(|(_, t)| t.title.clone())
        .collect();
    assert!(titles.contains(&"Compares banks".to_owned()), "{titles:?}");
    assert!(
        !titles.iter().any(|t| t.contains("App moment")),
        "{titles:?}"
    );

    // F2 on a card selects its whole title too.
    ed.click_card("Card arrives by post");
    ed.press(Modifiers::NONE, Key::F2);
    focused_field(&ed.harness).type_text("Debit card arrives");
    ed.harness.run();
    ed.press(Modifiers::NONE, Key::Enter);
    let id = ed.id_of("Debit card arrives");
    assert_eq!(ed.touchpoint(id.0).title, "Debit card arrives");
}

#[test]
fn a_new_card_never_lands_on_another() {
    let mut ed = editor(Some("bank-account-opening"));
    let before = ed.app().project().touchpoint_count();
    for _ in 0..2 {
        ed.harness.get_by_label("Email").click();
        ed.harness.run();
        ed.press(Modifiers::NONE, Key::Escape);
    }
    // T adds one too, ready to rename.
    ed.press(Modifiers::NONE, Key::T);
    assert!(ed.app().renaming().is_some());
    ed.press(Modifiers::NONE, Key::Escape);
    let project = ed.app().project();
    assert_eq!(project.touchpoint_count(), before + 3);
    let rects: Vec<egui::Rect> = project
        .touchpoints()
        .filter_map(|(_, t)| journeyboard::board::card_rect(project, t))
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "cards overlap: {a:?} and {b:?}");
        }
    }
}

#[test]
fn paste_puts_the_cards_at_the_pointer_clear_of_other_cards() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.click_card("Card arrives by post");
    let copied = ed.app().project().touchpoint_count();
    // Copy gives the clipboard text through egui's output; paste it over the first lane.
    let ids = std::collections::HashSet::from([ed.id_of("Card arrives by post")]);
    let text = journeyboard::session::clipboard::copy(ed.app().project(), &ids).unwrap();
    let target = ed.card("Colleague mentions our app");
    ed.harness.hover_at(target);
    ed.harness.run();
    ed.harness.event(egui::Event::Paste(text));
    ed.harness.run();
    let project = ed.app().project();
    assert_eq!(project.touchpoint_count(), copied + 1);
    let (pasted_id, pasted) = project
        .touchpoints()
        .max_by_key(|(id, _)| *id)
        .map(|(id, t)| (id, t.clone()))
        .unwrap();
    assert_eq!(pasted.title, "Card arrives by post");
    // In the lane under the pointer (Awareness), not beside the original.
    assert_eq!(pasted.stage, "awareness");
    let rect = journeyboard::board::card_rect(project, &pasted).unwrap();
    for (id, t) in project.touchpoints() {
        if id != pasted_id {
            let other = journeyboard::board::card_rect(project, t).unwrap();
            assert!(!rect.intersects(other), "pasted card covers “{}”", t.title);
        }
    }
}

#[test]
fn p_or_e_then_a_digit_scores_the_selected_cards() {
    let mut ed = editor(Some("bank-account-opening"));
    let id = ed.id_of("Card arrives by post");
    ed.click_card("Card arrives by post");
    // The inspector shows the keys.
    assert!(ed.harness.query_by_label_contains("P then 1–5").is_some());
    ed.press(Modifiers::NONE, Key::P);
    // In the inspector and the status line.
    assert_eq!(
        ed.harness
            .query_all_by_label_contains("Perception: press 1–5")
            .count(),
        2
    );
    ed.press(Modifiers::NONE, Key::Num2);
    assert_eq!(
        ed.touchpoint(id.0).perception.map(HalfStepScore::value),
        Some(2.0)
    );
    // 1 did not also zoom to 100 %: the digit went to the score.
    let zoom = ed.app().zoom();
    ed.press(Modifiers::NONE, Key::E);
    ed.press(Modifiers::SHIFT, Key::Num4);
    assert_eq!(
        ed.touchpoint(id.0).emotion.map(HalfStepScore::value),
        Some(1.5)
    );
    ed.press(Modifiers::NONE, Key::E);
    ed.press(Modifiers::NONE, Key::Minus);
    assert_eq!(
        ed.touchpoint(id.0).emotion.map(HalfStepScore::value),
        Some(-1.0)
    );
    ed.press(Modifiers::NONE, Key::P);
    ed.press(Modifiers::NONE, Key::Num1);
    assert_eq!(
        ed.touchpoint(id.0).perception.map(HalfStepScore::value),
        Some(1.0)
    );
    assert_eq!(ed.app().zoom(), zoom);
    // Backspace clears the armed score and does not delete the card.
    ed.press(Modifiers::NONE, Key::E);
    ed.press(Modifiers::NONE, Key::Backspace);
    assert_eq!(ed.touchpoint(id.0).emotion, None);
    // Escape cancels; the digit after it zooms as usual.
    ed.press(Modifiers::NONE, Key::P);
    ed.press(Modifiers::NONE, Key::Escape);
    assert_eq!(
        ed.touchpoint(id.0).perception.map(HalfStepScore::value),
        Some(1.0)
    );
    // Each score was one step.
    ed.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        ed.touchpoint(id.0).emotion.map(HalfStepScore::value),
        Some(-1.0)
    );

    // Several cards at once, in one step.
    let others = [ed.id_of("Sees 'switch in 7 days' advert"), id];
    ed.click_card("Sees 'switch in 7 days' advert");
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click_modifiers(Modifiers::SHIFT);
    ed.harness.run();
    ed.press(Modifiers::NONE, Key::P);
    ed.press(Modifiers::NONE, Key::Num5);
    for other in others {
        assert_eq!(
            ed.touchpoint(other.0).perception.map(HalfStepScore::value),
            Some(5.0)
        );
    }
    ed.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        ed.touchpoint(id.0).perception.map(HalfStepScore::value),
        Some(1.0)
    );
}

#[test]
fn clicking_a_cards_perception_bar_or_face_scores_it() {
    let mut ed = editor(Some("bank-account-opening"));
    let id = ed.id_of("Card arrives by post");
    let card = ed
        .harness
        .get_by_label("Touchpoint: Card arrives by post")
        .rect();
    let zoom = ed.app().zoom();
    // The fourth perception segment (the layout of `board::card`: stripe 7 and padding
    // 10, a face of radius 11, then 8 before segments 9 wide with gaps of 2).
    let row_y = card.bottom() - (10.0 + 12.0) * zoom;
    let segment_x = |n: f32| card.left() + (17.0 + 22.0 + 8.0 + n * 11.0 + 4.5) * zoom;
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .hover();
    ed.harness.run();
    ed.click_at(Pos2::new(segment_x(3.0), row_y));
    assert_eq!(
        ed.touchpoint(id.0).perception.map(HalfStepScore::value),
        Some(4.0)
    );
    // The face opens five faces; the delighted one sets +2.
    ed.click_at(Pos2::new(card.left() + (17.0 + 11.0) * zoom, row_y));
    ed.harness.get_by_label("Emotion +2 (delighted)").click();
    ed.harness.run();
    assert_eq!(
        ed.touchpoint(id.0).emotion.map(HalfStepScore::value),
        Some(2.0)
    );
    assert!(
        ed.harness
            .query_by_label("Emotion +2 (delighted)")
            .is_none()
    );
}

#[test]
fn several_selected_cards_are_edited_together_in_one_step() {
    let mut ed = editor(Some("bank-account-opening"));
    let a = ed.id_of("Card arrives by post");
    let b = ed.id_of("Compares accounts online");
    ed.click_card("Card arrives by post");
    ed.harness
        .get_by_label("Touchpoint: Compares accounts online")
        .click_modifiers(Modifiers::SHIFT);
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label("2 touchpoints selected")
            .is_some()
    );
    // Owner: their owners differ, so the field reads Mixed.
    ed.harness.get_by_label("Owner").click();
    ed.harness.run();
    ed.harness.get_by_label("Contact centre").click();
    ed.harness.run();
    let contact = ed.touchpoint(a.0).owner.clone();
    assert!(contact.is_some());
    assert_eq!(ed.touchpoint(b.0).owner, contact);
    // Channel, then a perception for both.
    ed.harness.get_by_label("Channel").click();
    ed.harness.run();
    ed.harness.get_by_label("Phone").click();
    ed.harness.run();
    assert_eq!(ed.touchpoint(a.0).channel.label(), "Phone");
    assert_eq!(ed.touchpoint(b.0).channel.label(), "Phone");
    ed.harness
        .get_by_label("Set perception to 2 on all")
        .click();
    ed.harness.run();
    assert_eq!(
        ed.touchpoint(b.0).perception.map(HalfStepScore::value),
        Some(2.0)
    );
    // Stage: both move into Service, without covering its cards or each other.
    ed.harness.get_by_label("Stage").click();
    ed.harness.run();
    ed.harness.get_by_label("Service").click();
    ed.harness.run();
    let project = ed.app().project();
    let moved = [ed.touchpoint(a.0), ed.touchpoint(b.0)];
    assert!(moved.iter().all(|t| t.stage == "service"));
    let rects: Vec<_> = project
        .touchpoints()
        .filter(|(_, t)| t.stage == "service")
        .filter_map(|(_, t)| journeyboard::board::card_rect(project, t))
        .collect();
    for (i, r) in rects.iter().enumerate() {
        for other in &rects[i + 1..] {
            assert!(!r.intersects(*other), "{r:?} and {other:?} overlap");
        }
    }
    // Each change was one step: four undos restore both cards.
    let original = journeyboard::file::load(&common::example("bank-account-opening")).unwrap();
    for _ in 0..4 {
        ed.press(Modifiers::COMMAND, Key::Z);
    }
    for id in [a, b] {
        assert_eq!(Some(&ed.touchpoint(id.0)), original.touchpoint(id));
    }
}

#[test]
fn fit_keeps_cards_readable_in_a_small_window() {
    let ed = editor_sized(Some("bank-account-opening"), vec2(1024.0, 700.0));
    // The first view is the fit: never below the zoom where titles are drawn readable.
    assert!(ed.app().zoom() >= 0.5, "fit to {}", ed.app().zoom());
    // The first lane's cards are in view; the rest is a scroll away.
    let card = ed.card("Sees 'switch in 7 days' advert");
    assert!(card.x > 150.0 && card.x < 1024.0 - 260.0, "{card:?}");
}

#[test]
fn escape_closes_a_menu_and_the_edit_menu_lists_paste_with_its_shortcut() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.click_card("Card arrives by post");
    ed.harness.get_by_label("Edit").click();
    ed.harness.run();
    // Every item with a shortcut shows it, the clipboard ones included.
    for item in [
        "Paste Ctrl+V",
        "Copy Ctrl+C",
        "Cut Ctrl+X",
        "Duplicate Ctrl+D",
    ] {
        assert!(ed.harness.query_by_label(item).is_some(), "no “{item}”");
    }
    ed.press(Modifiers::NONE, Key::Escape);
    assert!(
        ed.harness.query_by_label("Paste Ctrl+V").is_none(),
        "the menu stayed open"
    );
    // The Escape went to the menu: the card is still selected.
    assert_eq!(ed.app().selection().touchpoints.len(), 1);
}

#[test]
fn the_export_dialog_remembers_its_choices() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.press(Modifiers::COMMAND, Key::E);
    ed.harness.get_by_label("4× print").click();
    ed.harness.run();
    ed.harness.get_by_label("Dark theme").click();
    ed.harness.run();
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    // No file dialog here: cancel the typed path it asks for.
    if ed.harness.query_by_label("Cancel").is_some() {
        ed.harness.get_by_label("Cancel").click();
        ed.harness.run();
    }
    assert_eq!(ed.app().settings().export.scale, 4);
    assert!(ed.app().settings().export.dark);
    ed.press(Modifiers::COMMAND, Key::E);
    // The radio button for 4× is the one set.
    assert_eq!(
        ed.harness
            .get_by_label("4× print")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    assert_eq!(
        ed.harness
            .get_by_label("1× screen")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::False)
    );
}

#[test]
fn a_link_can_start_from_the_left_handle() {
    let mut ed = editor(Some("bank-account-opening"));
    let links = ed.app().project().link_count();
    let from = ed.card("Leaves an app-store review");
    ed.harness.hover_at(from);
    ed.harness.run();
    let handle = ed
        .harness
        .get_by_label("Link from (left): Leaves an app-store review")
        .rect()
        .center();
    let to = ed.card("Sees 'switch in 7 days' advert");
    ed.harness.hover_at(handle);
    ed.harness.run();
    ed.harness.drag_at(handle);
    ed.harness.run();
    ed.harness.hover_at(to);
    ed.harness.run();
    ed.harness.drop_at(to);
    ed.harness.run();
    assert_eq!(ed.app().project().link_count(), links + 1);
}

#[test]
fn save_suggests_a_file_name_from_the_journey_title() {
    let mut ed = editor(None);
    ed.harness.get_by_label("Project").click();
    ed.harness.run();
    ed.harness.get_by_label("Journey title").focus();
    ed.harness.run();
    ed.harness
        .get_by_label("Journey title")
        .type_text("Hotel stay: Q3/Q4");
    ed.harness.run();
    ed.dialogs.push(journeyboard::ui::DialogAnswer::Unavailable);
    ed.press(Modifiers::COMMAND, Key::S);
    // No file dialog in tests: the typed-path field offers the suggestion.
    let field = ed.harness.get_by_role_and_label(
        egui::accesskit::Role::TextInput,
        journeyboard::ui::dialogs::NO_DIALOG_MESSAGE,
    );
    let value = field.value().unwrap_or_default();
    assert!(value.ends_with("Hotel stay Q3 Q4.ron"), "suggested {value}");
}

#[test]
fn the_project_tab_counts_a_stages_cards_again_after_an_edit() {
    let mut ed = editor(Some("bank-account-opening"));
    // A new, empty stage: the Project tab counts it at 0.
    ed.harness.get_by_label("Project").click();
    ed.harness.run();
    ed.harness.get_by_label("+ Add stage").click();
    ed.harness.run();
    let stages = ed.app().project().stages().len();
    let new_stage = ed.app().project().stages()[stages - 1].name.clone();
    // Move a card into it from the inspector, then come back to the Project tab.
    ed.harness.get_by_label("Inspector").click();
    ed.harness.run();
    ed.click_card("Compares accounts online");
    ed.harness.get_by_label("Stage").click();
    ed.harness.run();
    ed.harness.get_by_label(&new_stage).click();
    ed.harness.run();
    ed.harness.get_by_label("Project").click();
    ed.harness.run();
    // Its card is counted now, so removing the stage asks where the card goes instead
    // of removing it at once.
    ed.harness
        .get_by_label(&format!("Remove stage “{new_stage}”"))
        .click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label(&format!("Remove stage “{new_stage}”?"))
            .is_some()
    );
    assert_eq!(ed.app().project().stages().len(), stages);
}
