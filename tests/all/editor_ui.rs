//! The editor driven through its real UI with egui_kittest: clicks, drags, typing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, Pos2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::board::{CARD_SIZE, HEADER_HEIGHT, LANE_WIDTH, lane_left};
use journeyboard::file;
use journeyboard::file::recovery_path_for;
use journeyboard::model::{LinkKind, TouchpointId};
use journeyboard::ui::dialogs::NO_DIALOG_MESSAGE;
use journeyboard::ui::{DialogAnswer, JourneyboardApp, NoDialogs, Settings};
use tempfile::TempDir;

struct Editor {
    harness: Harness<'static, JourneyboardApp>,
    dialogs: NoDialogs,
    dir: TempDir,
}

/// An editor on a copy of an example (or a new project), in a temporary folder.
fn editor(example: Option<&str>) -> Editor {
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
    let harness = Harness::builder()
        .with_size(vec2(1500.0, 900.0))
        .with_step_dt(0.05)
        // Pictures load on a thread of their own: its repaint may arrive during a run and
        // add a few frames (the default allows 4).
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    Editor {
        harness,
        dialogs,
        dir,
    }
}

impl Editor {
    fn app(&self) -> &JourneyboardApp {
        self.harness.state()
    }

    fn card_centre(&self, title: &str) -> Pos2 {
        self.harness
            .get_by_label(&format!("Touchpoint: {title}"))
            .rect()
            .center()
    }

    fn drag(&mut self, from: Pos2, to: Pos2) {
        self.harness.hover_at(from);
        self.harness.run();
        self.harness.drag_at(from);
        self.harness.run();
        self.harness.hover_at(from + (to - from) * 0.5);
        self.harness.run();
        self.harness.hover_at(to);
        self.harness.run();
        self.harness.drop_at(to);
        self.harness.run();
    }

    fn double_click(&mut self, pos: Pos2) {
        self.harness.hover_at(pos);
        self.harness.run();
        // One click per frame; the harness clock (step_dt 0.05 s) keeps both inside the
        // double-click interval.
        for _ in 0..2 {
            for pressed in [true, false] {
                self.harness.event(Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
            }
            self.harness.step();
        }
        self.harness.run();
    }

    fn shortcut(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run();
    }

    fn undo(&mut self) {
        self.shortcut(Modifiers::COMMAND, Key::Z);
    }

    fn redo(&mut self) {
        self.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    }

    fn board_point(&self, lane: usize, y: f32) -> Pos2 {
        self.app()
            .screen_from_board(pos2(lane_left(lane) + LANE_WIDTH / 2.0, HEADER_HEIGHT + y))
    }

    fn stage_of(&self, id: u64) -> journeyboard::model::StageId {
        self.app()
            .project()
            .touchpoint(TouchpointId(id))
            .unwrap()
            .stage
            .clone()
    }

    fn path(&self, stem: &str) -> PathBuf {
        self.dir.path().join(format!("{stem}.ron"))
    }

    /// Runs frames until the inspector has finished loading pictures (they are read on a
    /// thread of their own); fails after a minute.
    fn wait_for_pictures(&mut self) {
        let mut waited = std::time::Duration::ZERO;
        while self.harness.query_by_label("Loading picture…").is_some() {
            assert!(
                waited < std::time::Duration::from_secs(60),
                "the picture never finished loading"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
            waited += std::time::Duration::from_millis(20);
            self.harness.step();
        }
        self.harness.run();
    }

    /// Replaces the text of the typed-path field (shown when no file dialog is available).
    fn type_path(&mut self, path: &Path) {
        self.harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, NO_DIALOG_MESSAGE)
            .focus();
        self.harness.run();
        self.shortcut(Modifiers::COMMAND, Key::A);
        self.harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, NO_DIALOG_MESSAGE)
            .type_text(&path.display().to_string());
        self.harness.run();
    }
}

/// The in-place rename field on a card: the focused text input over the canvas.
fn rename_field<'h>(harness: &'h Harness<'static, JourneyboardApp>) -> egui_kittest::Node<'h> {
    harness.get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused())
}

#[test]
fn dragging_from_the_palette_adds_a_touchpoint_in_the_lane_under_the_pointer() {
    let mut ed = editor(None);
    assert_eq!(ed.app().project().touchpoint_count(), 0);
    let source = ed.harness.get_by_label("Website visit").rect().center();
    let target = ed.board_point(2, 200.0);
    ed.drag(source, target);

    let project = ed.app().project();
    assert_eq!(project.touchpoint_count(), 1);
    let (id, t) = project.touchpoints().next().unwrap();
    assert_eq!(t.stage, "purchase");
    assert_eq!(t.title, "Website visit");
    assert_eq!(format!("{:?}", t.channel), "Web");
    assert!(ed.app().selection().touchpoints.contains(&id));
    assert!(ed.app().window_title().starts_with("Untitled*"));

    // Rename in place starts at once: typing replaces nothing until Enter commits.
    ed.harness.key_press(Key::Escape);
    ed.harness.run();
    ed.undo();
    assert_eq!(ed.app().project().touchpoint_count(), 0);
    ed.redo();
    assert_eq!(ed.app().project().touchpoint_count(), 1);
}

#[test]
fn moving_a_card_into_another_lane_changes_its_stage_in_one_undo_step() {
    let mut ed = editor(Some("bank-account-opening"));
    assert_eq!(ed.stage_of(3), "research");
    let before = ed
        .app()
        .project()
        .touchpoint(TouchpointId(3))
        .unwrap()
        .position;
    let from = ed.card_centre("Compares accounts online");
    let zoom = ed.app().zoom();
    let to = from + vec2(2.0 * LANE_WIDTH * zoom, 40.0 * zoom);
    ed.drag(from, to);

    assert_eq!(ed.stage_of(3), "onboarding");
    let moved = ed
        .app()
        .project()
        .touchpoint(TouchpointId(3))
        .unwrap()
        .position;
    assert!(
        (moved.y - before.y - 40.0).abs() < 1.5,
        "{moved:?} vs {before:?}"
    );
    assert_eq!(
        ed.app().session().undo_label(),
        Some("Move “Compares accounts online” to Onboarding & use")
    );
    ed.undo();
    assert_eq!(ed.stage_of(3), "research");
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(3))
            .unwrap()
            .position,
        before
    );
    assert!(ed.app().session().undo_label().is_none());
    ed.redo();
    assert_eq!(ed.stage_of(3), "onboarding");
}

#[test]
fn dragging_a_cards_handle_onto_another_card_links_them() {
    let mut ed = editor(Some("bank-account-opening"));
    let links_before = ed.app().project().link_count();
    let handle = ed
        .harness
        .get_by_label("Link from: Sees 'switch in 7 days' advert")
        .rect()
        .center();
    let target = ed.card_centre("Books a branch appointment");
    ed.drag(handle, target);

    let project = ed.app().project();
    assert_eq!(project.link_count(), links_before + 1);
    let (id, link) = project.links().last().unwrap();
    assert_eq!((link.from, link.to), (TouchpointId(1), TouchpointId(4)));
    assert_eq!(link.kind, LinkKind::Flow);
    assert_eq!(ed.app().selection().link, Some(id));

    // The inspector now shows the link: make it an alternative path.
    ed.harness.get_by_label("Kind").click();
    ed.harness.run();
    ed.harness.get_by_label("Alternative").click();
    ed.harness.run();
    assert_eq!(
        ed.app().project().link(id).unwrap().kind,
        LinkKind::Alternative
    );

    ed.undo();
    assert_eq!(ed.app().project().link(id).unwrap().kind, LinkKind::Flow);
    ed.undo();
    assert!(ed.app().project().link(id).is_none());
    ed.redo();
    assert!(ed.app().project().link(id).is_some());
}

#[test]
fn inspector_edits_are_one_undo_step_each() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .click();
    ed.harness.run();
    assert_eq!(ed.app().selection().single(), Some(TouchpointId(12)));

    // Typing in the title is one step, committed when the field loses focus.
    let title = ed
        .harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Title");
    title.focus();
    ed.harness.run();
    ed.harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Title")
        .type_text(" (evening)");
    ed.harness.run();
    // Not yet a command while typing.
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Calls the contact centre"
    );
    ed.harness.key_press(Key::Enter);
    ed.harness.run();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Calls the contact centre (evening)"
    );
    assert_eq!(
        ed.app().session().undo_label(),
        Some("Edit title of “Calls the contact centre”")
    );

    // Stage through its combo box.
    ed.harness.get_by_label("Stage").click();
    ed.harness.run();
    ed.harness.get_by_label("Advocacy").click();
    ed.harness.run();
    assert_eq!(ed.stage_of(12), "advocacy");

    // Emotion: clear it to "not scored".
    let clears = ed.harness.query_all_by_label("Clear").collect::<Vec<_>>();
    assert_eq!(clears.len(), 2, "perception and emotion each have Clear");
    clears[1].click();
    ed.harness.run();
    assert!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .emotion
            .is_none()
    );
    assert!(ed.harness.query_by_label("Emotion: not scored").is_some());

    // Three steps, undone one at a time.
    ed.undo();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .emotion
            .map(journeyboard::model::Emotion::value),
        Some(-1.0)
    );
    ed.undo();
    assert_eq!(ed.stage_of(12), "service");
    ed.undo();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Calls the contact centre"
    );
    ed.redo();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Calls the contact centre (evening)"
    );
}

#[test]
fn rename_in_place_with_double_click_and_f2() {
    let mut ed = editor(Some("online-order-late-delivery"));
    let centre = ed.card_centre("Chats with support");
    ed.harness
        .get_by_label("Touchpoint: Chats with support")
        .click();
    ed.harness.run();
    ed.shortcut(Modifiers::NONE, Key::F2);
    let field = rename_field(&ed.harness);
    assert!(field.is_focused());
    // Over the title, below the card's picture frame, inside the card.
    let card = ed
        .harness
        .get_by_label("Touchpoint: Chats with support")
        .rect();
    let frame = journeyboard::board::layout::frame_rect(card, ed.app().zoom());
    assert!(
        field.rect().min.y >= frame.max.y,
        "{:?} over {frame:?}",
        field.rect()
    );
    assert!(
        card.contains_rect(field.rect().shrink(1.0)),
        "{:?} in {card:?}",
        field.rect()
    );
    // Select all and replace.
    ed.shortcut(Modifiers::COMMAND, Key::A);
    rename_field(&ed.harness).type_text("Live chat with an agent");
    ed.harness.run();
    ed.harness.key_press(Key::Enter);
    ed.harness.run();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Live chat with an agent"
    );
    // Escape cancels a rename.
    ed.double_click(centre);
    assert_eq!(ed.app().renaming(), Some(TouchpointId(12)));
    rename_field(&ed.harness).type_text(" (typo)");
    ed.harness.run();
    ed.harness.key_press(Key::Escape);
    ed.harness.run();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .title,
        "Live chat with an agent"
    );
}

#[test]
fn keyboard_selection_delete_duplicate_and_undo() {
    let mut ed = editor(Some("theme-park-family-visit"));
    let n = ed.app().project().touchpoint_count();
    let links = ed.app().project().link_count();
    ed.harness
        .get_by_label("Touchpoint: Two-hour queue for the big ride")
        .click();
    ed.harness.run();
    ed.shortcut(Modifiers::COMMAND, Key::D);
    assert_eq!(ed.app().project().touchpoint_count(), n + 1);
    let copy = ed.app().selection().single().unwrap();
    assert!(copy.0 > 17);
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), n);

    // Select all and delete: everything goes, and one undo brings it all back.
    ed.shortcut(Modifiers::COMMAND, Key::A);
    assert_eq!(ed.app().selection().touchpoints.len(), n);
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), 0);
    assert_eq!(ed.app().project().link_count(), 0);
    ed.undo();
    assert_eq!(ed.app().project().touchpoint_count(), n);
    assert_eq!(ed.app().project().link_count(), links);
}

#[test]
fn shift_click_and_rubber_band_select_several_cards() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Compares accounts online")
        .click();
    ed.harness.run();
    ed.harness
        .get_by_label("Touchpoint: Books a branch appointment")
        .click_modifiers(Modifiers::SHIFT);
    ed.harness.run();
    assert_eq!(ed.app().selection().touchpoints.len(), 2);

    // Shift-drag a box around the Service lane's three cards.
    let zoom = ed.app().zoom();
    let top_left = ed
        .app()
        .screen_from_board(pos2(lane_left(4) + 4.0, HEADER_HEIGHT + 10.0));
    let bottom_right = top_left + vec2(LANE_WIDTH - 8.0, 360.0 + CARD_SIZE.y) * zoom;
    ed.harness.key_press(Key::Escape); // clears the selection
    ed.harness.run();
    assert!(ed.app().selection().touchpoints.is_empty());
    ed.harness.hover_at(top_left);
    ed.harness.run();
    ed.harness.event_modifiers(
        Event::PointerButton {
            pos: top_left,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    ed.harness.run();
    for t in [0.1, 0.5, 1.0] {
        let p = top_left + (bottom_right - top_left) * t;
        ed.harness
            .event_modifiers(Event::PointerMoved(p), Modifiers::SHIFT);
        ed.harness.run();
    }
    ed.harness.event_modifiers(
        Event::PointerButton {
            pos: bottom_right,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    ed.harness.run();
    let selected: std::collections::BTreeSet<u64> = ed
        .app()
        .selection()
        .touchpoints
        .iter()
        .map(|id| id.0)
        .collect();
    assert!(
        [11, 12, 13].iter().all(|id| selected.contains(id)),
        "{selected:?}"
    );
}

#[test]
fn save_through_the_ui_and_reload_gives_the_same_project() {
    let mut ed = editor(Some("bank-account-opening"));
    let path = ed.path("bank-account-opening");
    ed.harness
        .get_by_label("Touchpoint: Leaves an app-store review")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert!(
        ed.app()
            .window_title()
            .starts_with("bank-account-opening.ron*")
    );
    ed.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(
        ed.app().window_title(),
        "bank-account-opening.ron — Journeyboard"
    );
    let reloaded = file::load(&path).unwrap();
    assert_eq!(&reloaded, ed.app().project());
    assert!(reloaded.touchpoint(TouchpointId(16)).is_none());

    // Save As goes where the (scripted) dialog says.
    let other = ed.dir.path().join("copy.ron");
    ed.dialogs.push_answer(Some(other.clone()));
    ed.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert_eq!(&file::load(&other).unwrap(), ed.app().project());
    assert_eq!(ed.app().session().path(), Some(other.as_path()));
    assert_eq!(ed.app().settings().recent.len(), 2);
}

#[test]
fn a_broken_file_shows_its_error_and_keeps_the_open_project() {
    let mut ed = editor(Some("bank-account-opening"));
    let broken = ed.dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(\n  version: 1,\n  title: \"x\",\n  stages: [(id: \"a\" name: \"A\")],\n)",
    )
    .unwrap();
    ed.dialogs.push_answer(Some(broken));
    ed.shortcut(Modifiers::COMMAND, Key::O);
    let message = ed.app().error_message().unwrap().to_owned();
    assert!(message.contains("broken.ron:4:21"), "{message}");
    assert!(
        ed.harness
            .query_by_label_contains("broken.ron:4:21")
            .is_some()
    );
    assert_eq!(ed.app().project().touchpoint_count(), 16);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert!(ed.app().error_message().is_none());
}

#[test]
fn unsaved_changes_ask_before_new() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    ed.shortcut(Modifiers::COMMAND, Key::N);
    assert!(ed.harness.query_by_label("Save changes?").is_some());
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), 15);

    ed.shortcut(Modifiers::COMMAND, Key::N);
    ed.harness.get_by_label("Discard").click();
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), 0);
    assert_eq!(ed.app().window_title(), "Untitled — Journeyboard");
    // The file on disk was never touched.
    assert_eq!(
        file::load(&ed.path("bank-account-opening"))
            .unwrap()
            .touchpoint_count(),
        16
    );
}

#[test]
fn edit_menu_names_the_step_undo_will_revert() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    ed.harness.get_by_label("Edit").click();
    ed.harness.run();
    ed.harness
        .get_by_label_contains("Undo Delete “Card arrives by post”")
        .click();
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), 16);
}

#[test]
fn project_panel_adds_renames_and_removes_stages_and_owners() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness.get_by_label("Project").click();
    ed.harness.run();
    // Rename the first stage.
    let field = ed
        .harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Stage 1");
    field.focus();
    ed.harness.run();
    ed.shortcut(Modifiers::COMMAND, Key::A);
    ed.harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Stage 1")
        .type_text("Discover");
    ed.harness.key_press(Key::Enter);
    ed.harness.run();
    assert_eq!(ed.app().project().stages()[0].name, "Discover");

    // Removing a stage that holds touchpoints asks where they go.
    ed.harness.get_by_label("Remove stage “Discover”").click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label("Remove stage “Discover”?")
            .is_some()
    );
    ed.harness.get_by_label("Move and remove").click();
    ed.harness.run();
    assert!(ed.app().project().stage("awareness").is_none());
    assert_eq!(ed.stage_of(1), "research");
    ed.undo();
    assert_eq!(ed.stage_of(1), "awareness");
    assert_eq!(ed.app().project().stages()[0].name, "Discover");

    ed.harness.get_by_label("+ Add owner").click();
    ed.harness.run();
    assert_eq!(ed.app().project().owners().len(), 6);
    assert_eq!(ed.app().project().owners()[5].name, "Team 6");
}

#[test]
fn autosave_writes_beside_the_file_and_is_offered_after_a_crash() {
    let mut ed = editor(Some("online-order-late-delivery"));
    let path = ed.path("online-order-late-delivery");
    let original = std::fs::read(&path).unwrap();
    ed.harness
        .get_by_label("Touchpoint: Review request email")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    let recovery = ed.harness.state_mut().autosave_now().unwrap();
    assert_eq!(
        recovery,
        recovery_path_for(Some(&path), Path::new("unused"))
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "autosave never writes the user's file"
    );
    let edited = ed.app().project().clone();

    // "Crash": drop the editor without saving, start a new one on the same file.
    drop(ed.harness);
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        ed.dir.path().join("r"),
    );
    app.open_path(&path);
    let mut harness = Harness::builder()
        .with_size(vec2(1500.0, 900.0))
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    assert!(harness.query_by_label("Recover unsaved changes?").is_some());
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().project(), &edited);
    assert!(harness.state().window_title().ends_with("* — Journeyboard"));
    // Saving removes the recovery copy.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!recovery.exists());
    assert_eq!(&file::load(&path).unwrap(), &edited);
}

#[test]
fn zoom_shortcuts_and_fit() {
    let mut ed = editor(Some("theme-park-family-visit"));
    let fitted = ed.app().zoom();
    assert!(fitted < 1.0);
    ed.harness.hover_at(pos2(700.0, 450.0));
    ed.shortcut(Modifiers::NONE, Key::Num1);
    assert_eq!(ed.app().zoom(), 1.0);
    ed.shortcut(Modifiers::COMMAND, Key::Minus);
    assert!((ed.app().zoom() - 0.8).abs() < 1e-4);
    ed.shortcut(Modifiers::NONE, Key::F);
    assert!((ed.app().zoom() - fitted).abs() < 1e-4);
    // Ctrl+wheel zooms, never beyond 400 %.
    for _ in 0..40 {
        ed.harness.event(Event::Zoom(1.5));
        ed.harness.run();
    }
    assert_eq!(ed.app().zoom(), 4.0);
}

#[test]
fn dropping_a_project_file_on_the_window_opens_it() {
    let mut ed = editor(None);
    let path = common::example("theme-park-family-visit");
    ed.harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(path)));
    ed.harness.run();
    assert_eq!(ed.app().project().touchpoint_count(), 17);
    assert_eq!(
        ed.app().window_title(),
        "theme-park-family-visit.ron — Journeyboard"
    );
    assert!(
        ed.harness
            .query_by_label("Touchpoint: Two-hour queue for the big ride")
            .is_some()
    );
}

#[test]
fn clicking_a_link_selects_it_and_delete_removes_it() {
    let mut ed = editor(Some("bank-account-opening"));
    // Link #3 runs from "Compares accounts online" down to "Books a branch appointment".
    let a = ed
        .harness
        .get_by_label("Touchpoint: Compares accounts online")
        .rect();
    let b = ed
        .harness
        .get_by_label("Touchpoint: Books a branch appointment")
        .rect();
    let midway = pos2(a.center().x, (a.bottom() + b.top()) / 2.0);
    ed.harness.hover_at(midway);
    ed.harness.run();
    ed.harness.event(Event::PointerButton {
        pos: midway,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    ed.harness.event(Event::PointerButton {
        pos: midway,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    ed.harness.run();
    let link = ed.app().selection().link.expect("the link is selected");
    assert_eq!(link.0, 3);
    assert!(ed.harness.query_by_label("Delete link").is_some());
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert!(ed.app().project().link(link).is_none());
    assert_eq!(ed.app().project().touchpoint_count(), 16);
    ed.undo();
    assert!(ed.app().project().link(link).is_some());
}

#[test]
fn copy_and_paste_through_the_clipboard_text() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Direct debit missed during switch")
        .click();
    ed.harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .click_modifiers(Modifiers::SHIFT);
    ed.harness.run();
    ed.harness.event(Event::Copy);
    ed.harness.step(); // one frame, so its output holds the copy command
    let text = ed
        .harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("copy puts text on the clipboard");
    ed.harness.run();
    assert!(ed.harness.query_by_label("Copied 2 touchpoints").is_some());
    assert!(text.contains("Direct debit missed during switch"));
    ed.harness.event(Event::Paste(text));
    ed.harness.run();
    let project = ed.app().project();
    assert_eq!(project.touchpoint_count(), 18);
    let pasted: Vec<_> = project.touchpoints().filter(|(id, _)| id.0 > 16).collect();
    assert_eq!(pasted.len(), 2);
    // The link between the two came along, between the copies.
    assert!(project.links().any(|(_, l)| l.from.0 > 16 && l.to.0 > 16));
    assert_eq!(ed.app().selection().touchpoints.len(), 2);
    ed.undo();
    assert_eq!(ed.app().project().touchpoint_count(), 16);
}

#[test]
fn a_broken_picture_shows_a_placeholder_not_a_crash() {
    let mut ed = editor(Some("online-order-late-delivery"));
    // A file that is no picture at all is refused, naming it.
    let not_an_image = ed.dir.path().join("notes.png");
    std::fs::write(&not_an_image, b"this is not a PNG").unwrap();
    ed.harness
        .get_by_label("Touchpoint: Chats with support")
        .click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(not_an_image));
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    let t = ed.app().project().touchpoint(TouchpointId(12)).unwrap();
    assert_eq!(t.picture, None);
    assert!(
        ed.harness
            .query_by_label_contains("notes.png is not a PNG, JPEG, WebP, GIF or BMP picture")
            .is_some()
    );
    // A PNG that is damaged inside is taken, and shows a placeholder with the reason.
    let broken = ed.dir.path().join("sketch.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(b"and then nothing a decoder could use");
    std::fs::write(&broken, bytes).unwrap();
    ed.dialogs.push_answer(Some(broken));
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    ed.wait_for_pictures();
    let t = ed.app().project().touchpoint(TouchpointId(12)).unwrap();
    // Inside the project's folder: stored where it is, relative to the project file.
    assert_eq!(t.picture.as_deref(), Some("sketch.png"));
    assert!(ed.harness.query_by_label("Picture unavailable").is_some());
    assert!(
        ed.harness
            .query_by_label_contains("not a picture Journeyboard can read")
            .is_some()
    );

    // A real picture gets a thumbnail.
    let real = ed.dir.path().join("photo.png");
    image::RgbaImage::from_pixel(64, 48, image::Rgba([200, 40, 40, 255]))
        .save(&real)
        .unwrap();
    ed.dialogs.push_answer(Some(real));
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    ed.wait_for_pictures();
    assert!(ed.harness.query_by_label("Picture unavailable").is_none());
    assert!(ed.harness.query_all_by_label("photo.png").count() >= 1);
}

#[test]
fn quit_with_unsaved_changes_asks_first() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    ed.shortcut(Modifiers::COMMAND, Key::Q);
    assert!(ed.harness.query_by_label("Save changes?").is_some());
    ed.harness.get_by_label("Save").click();
    ed.harness.run();
    assert_eq!(
        file::load(&ed.path("bank-account-opening"))
            .unwrap()
            .touchpoint_count(),
        15
    );
}

#[test]
fn export_png_from_the_file_menu() {
    let mut ed = editor(Some("theme-park-family-visit"));
    let out = ed.dir.path().join("board.png");
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label_contains("Export… (PNG").click();
    ed.harness.run();
    ed.harness.get_by_label("2× slides").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(out.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let image = image::open(&out).unwrap();
    let expected = journeyboard::export::picture_size(
        ed.app().project(),
        journeyboard::export::ExportOptions {
            scale: 2,
            ..Default::default()
        },
    );
    assert_eq!(image.width(), (expected.x * 2.0).ceil() as u32);
    assert!(ed.harness.query_by_label_contains("Exported").is_some());

    // The storyboard layout, chosen in the same dialog, and remembered for next time.
    let story = ed.dir.path().join("story.png");
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label_contains("Export… (PNG").click();
    ed.harness.run();
    ed.harness.get_by_label("Storyboard frames").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(story.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let size = journeyboard::board::storyboard_size(ed.app().project(), false);
    assert_eq!(
        image::open(&story).unwrap().width(),
        (size.x * 2.0).ceil() as u32
    );
    assert!(ed.app().settings().export.storyboard);

    // SVG and PDF from the same dialog: the choice is remembered, the files are vector.
    for (format, name, start) in [
        ("SVG", "board.svg", &b"<?xml"[..]),
        ("PDF", "board.pdf", &b"%PDF-"[..]),
    ] {
        let out = ed.dir.path().join(name);
        ed.harness.get_by_label("File").click();
        ed.harness.run();
        ed.harness.get_by_label_contains("Export… (PNG").click();
        ed.harness.run();
        ed.harness.get_by_label(format).click();
        ed.harness.run();
        assert!(
            ed.harness
                .query_by_label_contains("points, vector")
                .is_some()
        );
        ed.dialogs.push_answer(Some(out.clone()));
        ed.harness.get_by_label("Export…").click();
        ed.harness.run();
        let written = std::fs::read(&out).unwrap();
        assert!(written.starts_with(start), "{name}");
        assert_eq!(
            ed.app().settings().export.format.label(),
            format,
            "the format is remembered"
        );
        assert!(ed.harness.query_by_label_contains("points)").is_some());
    }
    let svg = std::fs::read_to_string(ed.dir.path().join("board.svg")).unwrap();
    let cards = svg.matches("class=\"card\"").count();
    assert_eq!(cards, ed.app().project().touchpoint_count());

    // Pages: the lane map on 16:9 slides, one PDF with a page each.
    let deck = ed.dir.path().join("deck.pdf");
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label_contains("Export… (PNG").click();
    ed.harness.run();
    ed.harness.get_by_label("Lane map").click();
    ed.harness.run();
    ed.harness.get_by_label("16:9 slides").click();
    ed.harness.run();
    let pages = journeyboard::board::pages(
        ed.app().project(),
        journeyboard::board::PageSize::Wide,
        journeyboard::export::ExportOptions::default().poster(),
    )
    .len();
    assert!(
        ed.harness
            .query_by_label_contains(&format!("{pages} pages, one PDF with a page each"))
            .is_some()
    );
    ed.dialogs.push_answer(Some(deck.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let pdf = lopdf::Document::load(&deck).unwrap();
    assert_eq!(pdf.get_pages().len(), pages);
    assert_eq!(
        ed.app().settings().export.page,
        Some(journeyboard::board::PageSize::Wide)
    );

    // The storyboard's rows fit 16:9 and A3 pages only: the others are not offered.
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label_contains("Export… (PNG").click();
    ed.harness.run();
    ed.harness.get_by_label("Storyboard frames").click();
    ed.harness.run();
    assert!(ed.harness.query_by_label("16:9 slides").is_some());
    assert!(ed.harness.query_by_label("A3 landscape").is_some());
    assert!(ed.harness.query_by_label("4:3 slides").is_none());
    assert!(ed.harness.query_by_label("A4 landscape").is_none());
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();
}

#[test]
fn insights_panel_selects_findings_and_follows_edits() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness.get_by_label("Insights").click();
    ed.harness.run();
    ed.harness
        .get_by_label("-2.0  Direct debit missed during switch")
        .click();
    ed.harness.run();
    assert_eq!(ed.app().selection().single(), Some(TouchpointId(11)));
    // The card is framed: it is on screen.
    let card = ed
        .harness
        .get_by_label("Touchpoint: Direct debit missed during switch")
        .rect();
    assert!(card.min.x >= 0.0 && card.max.x <= 1500.0);

    ed.harness
        .get_by_label("Highlight moments of truth on the board")
        .click();
    ed.harness.run();
    assert!(ed.app().settings().highlight_moments);

    // Insights follow edits: delete #11 and #6 becomes the lowest.
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label("-1.5  ID check fails on utility bill")
            .is_some()
    );
    assert!(
        ed.harness
            .query_by_label("-2.0  Direct debit missed during switch")
            .is_none()
    );
    let happiest = ed.harness.get_by_label_contains("Happiest path: mean");
    happiest.click();
    ed.harness.run();
    assert_eq!(ed.app().selection().touchpoints.len(), 9);
}

#[cfg(unix)]
#[test]
fn a_failed_save_keeps_the_changes_and_shows_why() {
    use std::os::unix::fs::PermissionsExt;
    let mut ed = editor(Some("bank-account-opening"));
    let path = ed.path("bank-account-opening");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    ed.shortcut(Modifiers::COMMAND, Key::S);
    let message = ed.app().error_message().unwrap().to_owned();
    assert!(
        message.contains("read-only") && message.contains("unsaved"),
        "{message}"
    );
    assert!(
        ed.app().window_title().contains('*'),
        "still marked unsaved"
    );
    assert_eq!(
        ed.app().project().touchpoint_count(),
        15,
        "the edit is kept"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_picture_from_outside_the_project_folder_is_copied_beside_it() {
    let mut ed = editor(Some("online-order-late-delivery"));
    let elsewhere = tempfile::tempdir().unwrap();
    let photo = elsewhere.path().join("workshop photo.png");
    image::RgbaImage::from_pixel(32, 24, image::Rgba([20, 120, 200, 255]))
        .save(&photo)
        .unwrap();
    ed.harness
        .get_by_label("Touchpoint: Chats with support")
        .click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(photo.clone()));
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    ed.wait_for_pictures();
    let stored = ed
        .app()
        .project()
        .touchpoint(TouchpointId(12))
        .unwrap()
        .picture
        .clone()
        .unwrap();
    // Copied into `<project>.pictures/`, named by its content.
    let bytes = std::fs::read(&photo).unwrap();
    let name = format!(
        "online-order-late-delivery.pictures/{:016x}.png",
        journeyboard::file::content_hash(&bytes)
    );
    assert_eq!(stored, name);
    assert_eq!(std::fs::read(ed.dir.path().join(&name)).unwrap(), bytes);
    assert!(ed.harness.query_by_label("Picture unavailable").is_none());
    // The same picture chosen for another card is stored once.
    ed.harness
        .get_by_label("Touchpoint: Search ad for 'sofa bed'")
        .click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(photo));
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    let folder = ed.dir.path().join("online-order-late-delivery.pictures");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    let again = ed.app().project().touchpoint(TouchpointId(1)).unwrap();
    assert_eq!(again.picture.as_deref(), Some(name.as_str()));
}

#[test]
fn opening_an_exported_png_restores_the_project_and_saves_as_ron() {
    let mut ed = editor(None);
    let project = file::load(&common::example("online-order-late-delivery")).unwrap();
    let png = ed.dir.path().join("from-client.png");
    journeyboard::export::write_png(&project, Default::default(), None, &png).unwrap();
    let png_bytes = std::fs::read(&png).unwrap();
    ed.dialogs.push_answer(Some(png.clone()));
    ed.shortcut(Modifiers::COMMAND, Key::O);
    assert_eq!(ed.app().project(), &project);
    assert!(
        ed.app().session().path().is_none(),
        "never saved over the picture"
    );
    assert!(ed.app().window_title().starts_with("Untitled*"));
    // Save asks for a name and writes RON.
    let ron = ed.dir.path().join("from-client.ron");
    ed.dialogs.push_answer(Some(ron.clone()));
    ed.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(file::load(&ron).unwrap(), project);
    assert_eq!(std::fs::read(&png).unwrap(), png_bytes);
}

#[test]
fn import_and_export_csv_and_mermaid_from_the_file_menu() {
    let mut ed = editor(None);
    let mmd = ed.dir.path().join("sofa.mmd");
    std::fs::write(
        &mmd,
        "journey\n  title Sofa\n  section Buy\n    Checkout: 5: Tom\n    Late van: 1: Tom\n",
    )
    .unwrap();
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(mmd));
    ed.harness
        .get_by_label("Import CSV or Mermaid… Ctrl+I")
        .click();
    ed.harness.run();
    assert_eq!(ed.app().project().title, "Sofa");
    assert_eq!(ed.app().project().touchpoint_count(), 2);
    assert!(ed.app().session().path().is_none());

    let csv = ed.dir.path().join("sofa.csv");
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(csv.clone()));
    ed.harness.get_by_label("Export CSV…").click();
    ed.harness.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Late van,Buy"), "{text}");

    // A broken sheet shows its row and keeps the project.
    let bad = ed.dir.path().join("bad.csv");
    std::fs::write(&bad, "title,perception\nOk,3\nNope,9\n").unwrap();
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(bad));
    ed.harness
        .get_by_label("Import CSV or Mermaid… Ctrl+I")
        .click();
    ed.harness.run();
    // Unsaved changes: the import asks first; discard them.
    ed.harness.get_by_label("Discard").click();
    ed.harness.run();
    let message = ed.app().error_message().unwrap();
    assert!(message.contains("line 3"), "{message}");
    assert_eq!(ed.app().project().title, "Sofa");
}

#[test]
fn pain_points_are_added_and_removed_in_the_inspector() {
    let mut ed = editor(Some("bank-account-opening"));
    ed.harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .click();
    ed.harness.run();
    ed.harness.get_by_label("+ Add pain point").click();
    ed.harness.run();
    let pains = |ed: &Editor| {
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .pain_points
            .clone()
    };
    // An empty field has the keyboard; no placeholder became data.
    assert_eq!(pains(&ed), ["25 minutes on hold"]);
    ed.harness
        .get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.is_focused())
        .type_text("Transferred twice");
    ed.harness.run();
    ed.harness.key_press(Key::Enter);
    ed.harness.run();
    assert_eq!(pains(&ed), ["25 minutes on hold", "Transferred twice"]);
    ed.harness.get_by_label("Remove pain point 1").click();
    ed.harness.run();
    assert_eq!(pains(&ed), ["Transferred twice"]);
    ed.undo();
    assert_eq!(pains(&ed), ["25 minutes on hold", "Transferred twice"]);
}

/// An editor on an example project that was never saved, with one unsaved change.
fn unsaved_editor() -> Editor {
    let mut ed = editor(None);
    let project = file::load(&common::example("bank-account-opening")).unwrap();
    ed.harness.state_mut().set_project(project, None);
    ed.harness.run();
    ed.harness
        .get_by_label("Touchpoint: Card arrives by post")
        .click();
    ed.harness.run();
    ed.harness.key_press(Key::Delete);
    ed.harness.run();
    assert!(ed.app().window_title().starts_with("Untitled*"));
    ed
}

#[test]
fn with_no_file_dialog_save_asks_for_a_typed_path_and_saves_there() {
    let mut ed = unsaved_editor();
    ed.dialogs.push(DialogAnswer::Unavailable);
    ed.shortcut(Modifiers::COMMAND, Key::S);
    assert!(ed.harness.query_by_label("Save the project").is_some());
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_some());

    // A folder that does not exist is refused, and nothing is written.
    let missing = ed.dir.path().join("missing").join("journey.ron");
    ed.type_path(&missing);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label(&format!(
                "the folder {} does not exist; create it first or type another path.",
                ed.dir.path().join("missing").display()
            ))
            .is_some()
    );
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_some());
    assert!(ed.app().window_title().starts_with("Untitled*"));

    // A good path without an extension gets .ron and is saved there.
    ed.type_path(&ed.dir.path().join("typed"));
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    let saved = ed.dir.path().join("typed.ron");
    assert_eq!(&file::load(&saved).unwrap(), ed.app().project());
    assert_eq!(ed.app().project().touchpoint_count(), 15);
    assert_eq!(ed.app().window_title(), "typed.ron — Journeyboard");
    assert_eq!(ed.app().session().path(), Some(saved.as_path()));
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_none());
    assert!(
        ed.harness
            .query_by_label(&format!("Saved {}", saved.display()))
            .is_some()
    );
}

#[test]
fn with_no_file_dialog_cancel_keeps_the_changes_and_says_not_saved() {
    let mut ed = unsaved_editor();
    ed.dialogs.push(DialogAnswer::Unavailable);
    ed.shortcut(Modifiers::COMMAND, Key::S);
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_some());
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_none());
    assert!(ed.app().window_title().starts_with("Untitled*"));
    assert!(ed.app().session().is_dirty());
    assert!(
        ed.harness
            .query_by_label(
                "Not saved: no file was chosen. Your changes are still open here, unsaved."
            )
            .is_some()
    );
    // Nothing was written beside the editor's files.
    let written: Vec<_> = std::fs::read_dir(ed.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "recovery")
        .collect();
    assert!(written.is_empty(), "{written:?}");

    // A dialog the user cancels says so too.
    ed.dialogs.push_answer(None);
    ed.shortcut(Modifiers::COMMAND, Key::S);
    assert!(ed.harness.query_by_label(NO_DIALOG_MESSAGE).is_none());
    assert!(
        ed.harness
            .query_by_label(
                "Not saved: no file was chosen. Your changes are still open here, unsaved."
            )
            .is_some()
    );
}

#[test]
fn with_no_file_dialog_new_saves_to_a_typed_path_first() {
    let mut ed = unsaved_editor();
    ed.dialogs.push(DialogAnswer::Unavailable);
    ed.shortcut(Modifiers::COMMAND, Key::N);
    ed.harness.get_by_label("Save").click();
    ed.harness.run();
    let saved = ed.dir.path().join("before-new.ron");
    ed.type_path(&saved);
    ed.harness.key_press(Key::Enter);
    ed.harness.run();
    assert_eq!(file::load(&saved).unwrap().touchpoint_count(), 15);
    // Then the new project the user asked for.
    assert_eq!(ed.app().project().touchpoint_count(), 0);
    assert_eq!(ed.app().window_title(), "Untitled — Journeyboard");
}

#[test]
fn with_no_file_dialogs_export_open_and_pictures_take_typed_paths() {
    let mut ed = editor(Some("online-order-late-delivery"));
    let dialogs = ed.dialogs.clone();
    let unavailable = || dialogs.push(DialogAnswer::Unavailable);

    // Export CSV over an existing file asks once more before replacing it.
    let csv = ed.dir.path().join("sheet.csv");
    std::fs::write(&csv, "old").unwrap();
    unavailable();
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label("Export CSV…").click();
    ed.harness.run();
    assert!(ed.harness.query_by_label("Export CSV").is_some());
    ed.type_path(&csv);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label(&format!(
                "{} already exists. Press OK again to replace it.",
                csv.display()
            ))
            .is_some()
    );
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "old");
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("\u{feff}id,title")
    );

    // Choose picture with a typed path.
    let photo = ed.dir.path().join("photo.png");
    image::RgbaImage::from_pixel(16, 12, image::Rgba([10, 200, 10, 255]))
        .save(&photo)
        .unwrap();
    ed.harness
        .get_by_label("Touchpoint: Chats with support")
        .click();
    ed.harness.run();
    unavailable();
    ed.harness.get_by_label("Choose picture…").click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label("Choose a storyboard picture")
            .is_some()
    );
    // A folder is refused with what to do.
    let folder = ed.dir.path().to_path_buf();
    ed.type_path(&folder);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert!(
        ed.harness
            .query_by_label(&format!(
                "{} is a folder; type the path of a file inside it.",
                ed.dir.path().display()
            ))
            .is_some()
    );
    ed.type_path(&photo);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    ed.wait_for_pictures();
    assert_eq!(
        ed.app()
            .project()
            .touchpoint(TouchpointId(12))
            .unwrap()
            .picture
            .as_deref(),
        Some("photo.png")
    );
    assert!(ed.harness.query_by_label("Picture unavailable").is_none());

    // Open with a typed path (after saving the change).
    ed.shortcut(Modifiers::COMMAND, Key::S);
    let other = ed.dir.path().join("other.ron");
    std::fs::copy(common::example("bank-account-opening"), &other).unwrap();
    unavailable();
    ed.shortcut(Modifiers::COMMAND, Key::O);
    assert!(ed.harness.query_by_label("Open a project").is_some());
    ed.type_path(&other);
    ed.harness.get_by_label("OK").click();
    ed.harness.run();
    assert_eq!(ed.app().session().path(), Some(other.as_path()));
    assert_eq!(ed.app().project().touchpoint_count(), 16);
}

#[test]
fn exports_never_replace_the_open_project_or_another_project() {
    let mut ed = editor(Some("bank-account-opening"));
    let open = ed.dir.path().join("bank-account-opening.ron");
    let other = ed.dir.path().join("other.ron");
    std::fs::copy(&open, &other).unwrap();
    let before = std::fs::read(&open).unwrap();
    for (item, target) in [
        ("Export CSV…", open.clone()),
        ("Export Mermaid…", other.clone()),
    ] {
        ed.harness.get_by_label("File").click();
        ed.harness.run();
        ed.dialogs.push_answer(Some(target.clone()));
        ed.harness.get_by_label(item).click();
        ed.harness.run();
        let message = ed.app().error_message().unwrap();
        assert!(
            message.contains("The export was not written there"),
            "{message}"
        );
        ed.harness.get_by_label("OK").click();
        ed.harness.run();
    }
    assert_eq!(std::fs::read(&open).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    // The PNG export is guarded the same way.
    ed.harness.get_by_label("File").click();
    ed.harness.run();
    ed.harness.get_by_label_contains("Export… (PNG").click();
    ed.harness.run();
    ed.dialogs.push_answer(Some(open.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    assert!(
        ed.app()
            .error_message()
            .unwrap()
            .contains("is the project you are editing")
    );
    assert_eq!(std::fs::read(&open).unwrap(), before);
}

/// File → Export…, through the menu.
fn open_export_dialog(ed: &mut Editor) {
    common::open_export_dialog(&mut ed.harness);
}

#[test]
fn export_dialog_exports_a_part_or_a_sheet_and_remembers_each_project() {
    let mut ed = editor(Some("bank-account-opening"));
    // With nothing selected, "selected cards only" cannot be chosen. A preview of the
    // picture shows, and goes for a sheet.
    open_export_dialog(&mut ed);
    let preview = ed.harness.get_by_label("Preview of the export").rect();
    assert!(
        preview.width() > 100.0 && preview.height() > 50.0,
        "{preview:?}"
    );
    ed.harness.get_by_label("CSV").click();
    ed.harness.run();
    assert!(ed.harness.query_by_label("Preview of the export").is_none());
    ed.harness.get_by_label("PNG").click();
    ed.harness.run();
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(
            &ed.harness.get_by_label_contains("Selected cards only")
        )
        .is_disabled()
    );
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();

    // Two cards selected: an SVG of just those two.
    ed.harness
        .get_by_label("Touchpoint: Compares accounts online")
        .click();
    ed.harness.run();
    ed.harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .click_modifiers(Modifiers::SHIFT);
    ed.harness.run();
    open_export_dialog(&mut ed);
    ed.harness.get_by_label("SVG").click();
    ed.harness.run();
    ed.harness
        .get_by_label("Selected cards only (2 cards)")
        .click();
    ed.harness.run();
    let part = ed.dir.path().join("part.svg");
    ed.dialogs.push_answer(Some(part.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let svg = std::fs::read_to_string(&part).unwrap();
    assert_eq!(svg.matches("class=\"card\"").count(), 2);
    assert!(svg.contains("Compares accounts online") || svg.contains("Compares"));

    // A run of stages as CSV: the rows of those stages' cards only.
    open_export_dialog(&mut ed);
    ed.harness.get_by_label("CSV").click();
    ed.harness.run();
    // The picture's options are not offered for a sheet.
    assert!(ed.harness.query_by_label("Lane map").is_none());
    ed.harness.get_by_label("First stage").click();
    ed.harness.run();
    ed.harness.get_by_label("Purchase").click();
    ed.harness.run();
    ed.harness.get_by_label("Last stage").click();
    ed.harness.run();
    ed.harness.get_by_label("Service").click();
    ed.harness.run();
    let sheet = ed.dir.path().join("part.csv");
    ed.dialogs.push_answer(Some(sheet.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let project = ed.app().project().clone();
    let in_run = project
        .touchpoints()
        .filter(|(_, t)| (2..=4).contains(&project.stage_index(&t.stage).unwrap()))
        .count();
    let csv = std::fs::read_to_string(&sheet).unwrap();
    assert_eq!(csv.lines().count(), 1 + in_run);
    assert!(!csv.contains(",Awareness,"));

    // The choice (CSV) is this project's; another project gets the app's last choice,
    // and its own once it has one.
    let remembered = ed.app().settings().export_by_project.clone();
    assert_eq!(remembered.len(), 1);
    assert_eq!(remembered[0].1.kind, journeyboard::ui::ExportKind::Csv);
    let other = ed.dir.path().join("other.ron");
    std::fs::copy(common::example("cafe-order-ahead"), &other).unwrap();
    ed.harness.state_mut().open_path(&other);
    ed.harness.run();
    open_export_dialog(&mut ed);
    ed.harness.get_by_label("PDF").click();
    ed.harness.run();
    let pdf = ed.dir.path().join("other.pdf");
    ed.dialogs.push_answer(Some(pdf.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let bank = ed.path("bank-account-opening");
    ed.harness.state_mut().open_path(&bank);
    ed.harness.run();
    open_export_dialog(&mut ed);
    // Back on the bank journey: CSV again, so no picture options.
    assert!(ed.harness.query_by_label("Lane map").is_none());
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();
    let by_project = &ed.app().settings().export_by_project;
    assert_eq!(by_project.len(), 2);
    assert_eq!(by_project[0].1.format, journeyboard::export::Format::Pdf);
}

/// The dialog's "Include" choices: the legend (lane map only) and the touchpoints' notes
/// (one picture only) go into the file as ticked, and are remembered.
#[test]
fn export_dialog_includes_the_legend_and_the_notes_as_ticked() {
    let mut ed = editor(Some("cafe-order-ahead"));
    let disabled = |ed: &Editor, label: &str| {
        egui_kittest::kittest::NodeT::accesskit_node(&ed.harness.get_by_label_contains(label))
            .is_disabled()
    };
    open_export_dialog(&mut ed);
    ed.harness.get_by_label("SVG").click();
    ed.harness.run();
    ed.harness.get_by_label("Lane map").click();
    ed.harness.run();
    assert!(!disabled(&ed, "Legend") && !disabled(&ed, "Touchpoints' notes"));
    // Untick the legend, tick the notes.
    ed.harness.get_by_label("Legend").click();
    ed.harness
        .get_by_label_contains("Touchpoints' notes")
        .click();
    ed.harness.run();
    let out = ed.dir.path().join("with-notes.svg");
    ed.dialogs.push_answer(Some(out.clone()));
    ed.harness.get_by_label("Export…").click();
    ed.harness.run();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(!svg.contains(">Owners<"), "no legend");
    assert!(svg.contains(">Notes<"), "the notes are listed");
    let export = ed.app().settings().export;
    assert!(
        export.legend == Some(false) && export.notes,
        "the choices are remembered"
    );

    // The storyboard has no legend; pages have no room for the notes.
    open_export_dialog(&mut ed);
    ed.harness.get_by_label("Storyboard frames").click();
    ed.harness.run();
    assert!(disabled(&ed, "Legend"));
    ed.harness.get_by_label("Lane map").click();
    ed.harness.run();
    ed.harness.get_by_label("16:9 slides").click();
    ed.harness.run();
    assert!(disabled(&ed, "Touchpoints' notes"));
    // A4 pages are not offered for the storyboard, which is then one picture: its notes
    // can be chosen.
    ed.harness.get_by_label("A4 landscape").click();
    ed.harness.run();
    assert!(disabled(&ed, "Touchpoints' notes"));
    ed.harness.get_by_label("Storyboard frames").click();
    ed.harness.run();
    assert!(!disabled(&ed, "Touchpoints' notes"));
    ed.harness.get_by_label("Cancel").click();
    ed.harness.run();
}
