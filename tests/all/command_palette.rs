//! The action table through the real UI: the command palette (Ctrl+K, Ctrl+Shift+P),
//! shortcuts and menus made from the one table, actions run at the end of the frame.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::ui::JourneyboardApp;
use tempfile::TempDir;

/// The editor on a copy of the bank example.
fn editor() -> (Harness<'static, JourneyboardApp>, TempDir) {
    common::editor_on_example("bank-account-opening")
}

fn open_palette(harness: &mut Harness<'static, JourneyboardApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
    harness.get_by_label("Command palette");
}

fn type_query(harness: &mut Harness<'static, JourneyboardApp>, query: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Command palette")
        .type_text(query);
    harness.run();
}

#[test]
fn ctrl_k_finds_an_action_by_a_fuzzy_name_and_enter_runs_it() {
    let (mut harness, _dir) = editor();
    assert!(harness.query_by_label("Command palette").is_none());
    open_palette(&mut harness, Modifiers::COMMAND, Key::K);
    type_query(&mut harness, "sel all");
    // The best match is listed with its shortcut, and highlighted.
    harness.get_by_label("Select All Ctrl+A");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness.query_by_label("Command palette").is_none(),
        "closed"
    );
    assert_eq!(
        harness.state().selection().touchpoints.len(),
        harness.state().project().touchpoint_count()
    );
}

#[test]
fn ctrl_shift_p_opens_it_too_and_escape_closes_it_doing_nothing() {
    let (mut harness, _dir) = editor();
    let before = harness.state().project().clone();
    open_palette(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    type_query(&mut harness, "add stage");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Command palette").is_none());
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn a_click_on_a_match_runs_it_as_one_undoable_step() {
    let (mut harness, _dir) = editor();
    let stages = harness.state().project().stages().len();
    open_palette(&mut harness, Modifiers::COMMAND, Key::K);
    type_query(&mut harness, "stage");
    harness.get_by_label("Add stage").click();
    harness.run();
    assert_eq!(harness.state().project().stages().len(), stages + 1);
    // The palette now offers to undo it, by name.
    open_palette(&mut harness, Modifiers::COMMAND, Key::K);
    type_query(&mut harness, "undo");
    harness
        .get_by_label("Undo Add stage “Stage 7” Ctrl+Z")
        .click();
    harness.run();
    assert_eq!(harness.state().project().stages().len(), stages);
}

#[test]
fn arrow_keys_move_the_highlight_and_disabled_actions_are_not_offered() {
    let (mut harness, _dir) = editor();
    open_palette(&mut harness, Modifiers::COMMAND, Key::K);
    // With an empty query every enabled action is listed; nothing is selected and nothing
    // was done, so these are not.
    harness.get_by_label("Export… (PNG, SVG, PDF, CSV, Mermaid) Ctrl+E");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Add touchpoint T");
    for absent in [
        "Copy",
        "Cut",
        "Delete",
        "Rename",
        "Undo",
        "Redo",
        "Duplicate",
    ] {
        assert!(
            harness.query_by_label_contains(absent).is_none(),
            "{absent} offered"
        );
    }
    // "zoom" lists Zoom 100 %, Zoom in, Zoom out in table order: Down, Enter zooms in.
    type_query(&mut harness, "zoom");
    let zoom = harness.state().zoom();
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label("Command palette").is_none());
    let ratio = harness.state().zoom() / zoom;
    assert!((ratio - 1.25).abs() < 1e-3, "zoomed by {ratio}");
}

#[test]
fn menus_and_shortcuts_come_from_the_same_table() {
    let (mut harness, _dir) = editor();
    // The View menu's toggle runs the same action as the palette.
    assert!(!harness.state().settings().dark);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert!(harness.state().settings().dark);
    // Edit → Add touchpoint adds one, selected and being renamed, as the palette would.
    let count = harness.state().project().touchpoint_count();
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Add touchpoint T")
        .click();
    harness.run();
    assert_eq!(harness.state().project().touchpoint_count(), count + 1);
    assert!(harness.state().selection().single().is_some());
}
