//! The canvas on a board far larger than a window (issue 15): only the cards in view get
//! hit areas, and they are the right ones, found through the board index; clicking,
//! dragging and undoing deep inside a 20,000-touchpoint board act on the card under the
//! pointer. Driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use egui::{Pos2, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journeyboard::board::{self, LANE_WIDTH};
use journeyboard::model::{Project, TouchpointId, generate};
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

fn editor_on(project: Project) -> (Harness<'static, JourneyboardApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().join("recovery"),
    );
    app.set_project(project, None);
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_step_dt(0.05)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness.run();
    (harness, dir)
}

/// The titles of the cards that have a hit area (an accessible node) now.
fn cards_with_hit_areas(harness: &Harness<'static, JourneyboardApp>) -> BTreeSet<String> {
    harness
        .query_all_by_label_contains("Touchpoint: ")
        .filter_map(|n| n.accesskit_node().label())
        .filter_map(|l| l.strip_prefix("Touchpoint: ").map(str::to_owned))
        .collect()
}

/// A card's rectangle on screen now.
fn on_screen(harness: &Harness<'static, JourneyboardApp>, id: TouchpointId) -> Rect {
    let app = harness.state();
    let project = app.project();
    let rect = board::card_rect(project, project.touchpoint(id).unwrap()).unwrap();
    Rect::from_min_max(
        app.screen_from_board(rect.min),
        app.screen_from_board(rect.max),
    )
}

fn drag(harness: &mut Harness<'static, JourneyboardApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + (to - from) * 0.5);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

#[test]
fn deep_in_a_large_board_exactly_the_cards_in_view_can_be_clicked() {
    let project = generate::synthetic(20_000, 2);
    let (mut harness, _dir) = editor_on(project.clone());
    // 100 % in the middle of the fourth lane, 250,000 points down the board.
    harness
        .state_mut()
        .view_board_at(pos2(LANE_WIDTH * 3.5, 250_000.0), 1.0);
    harness.run();
    let canvas = harness.get_by_label("Storyboard canvas").rect();
    let listed = cards_with_hit_areas(&harness);
    assert!(
        (4..80).contains(&listed.len()),
        "{} cards have hit areas",
        listed.len()
    );
    // Every card wholly in view has one; none far from the view has one.
    for (id, t) in project.touchpoints() {
        let rect = on_screen(&harness, id);
        if canvas.contains_rect(rect) {
            assert!(listed.contains(&t.title), "{} is in view", t.title);
        }
        if !rect.intersects(canvas.expand(30.0)) {
            assert!(!listed.contains(&t.title), "{} is out of view", t.title);
        }
    }

    // The card nearest the middle of the view: a click selects it.
    let (id, title) = project
        .touchpoints()
        .filter(|(_, t)| listed.contains(&t.title))
        .min_by(|a, b| {
            let d = |id| on_screen(&harness, id).center().distance(canvas.center());
            d(a.0).total_cmp(&d(b.0))
        })
        .map(|(id, t)| (id, t.title.clone()))
        .unwrap();
    harness
        .get_by_label(&format!("Touchpoint: {title}"))
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection().touchpoints,
        [id].into_iter().collect()
    );

    // Dragged 400 points down its lane, then the view moved so that only its new place
    // is in view: it can be clicked there (the index is rebuilt for every revision of
    // the document); undone, it is back out of view and has no hit area.
    let before = on_screen(&harness, id);
    drag(
        &mut harness,
        before.center(),
        before.center() + vec2(0.0, 400.0),
    );
    let moved = on_screen(&harness, id);
    assert!((moved.center().y - before.center().y - 400.0).abs() < 1.5);
    let t = harness.state().project().touchpoint(id).unwrap().clone();
    let moved_on_board = board::card_rect(harness.state().project(), &t).unwrap();
    harness
        .state_mut()
        .view_board_at(moved_on_board.center() + vec2(0.0, 300.0), 1.0);
    harness.run();
    let label = format!("Touchpoint: {title}");
    let node = harness.get_by_label(&label).rect();
    assert!((node.center().y - on_screen(&harness, id).center().y).abs() < 1.5);
    assert!(
        !on_screen(&harness, id)
            .translate(vec2(0.0, -400.0))
            .intersects(canvas)
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(!on_screen(&harness, id).intersects(canvas.expand(30.0)));
    assert!(harness.query_by_label(&label).is_none());
}

#[test]
fn a_link_drawn_deep_in_a_large_board_joins_the_cards_under_the_pointer() {
    let project = generate::synthetic(20_000, 2);
    let (mut harness, _dir) = editor_on(project.clone());
    harness
        .state_mut()
        .view_board_at(pos2(LANE_WIDTH * 1.5, 400_000.0), 1.0);
    harness.run();
    let canvas = harness.get_by_label("Storyboard canvas").rect();
    // Two cards wholly in view, in neighbouring lanes and not linked yet.
    let in_view: Vec<(TouchpointId, String)> = project
        .touchpoints()
        .filter(|(id, _)| canvas.shrink(20.0).contains_rect(on_screen(&harness, *id)))
        .map(|(id, t)| (id, t.title.clone()))
        .collect();
    let (from, to) = in_view
        .iter()
        .flat_map(|a| in_view.iter().map(move |b| (a, b)))
        .find(|(a, b)| {
            a.0 != b.0
                && (on_screen(&harness, a.0).center().x - on_screen(&harness, b.0).center().x).abs()
                    > 100.0
                && !project
                    .links()
                    .any(|(_, l)| (l.from, l.to) == (a.0, b.0) || (l.from, l.to) == (b.0, a.0))
        })
        .expect("two unlinked cards in view");
    let links = project.link_count();
    // Hover the card so its handles show, then drag from its right handle.
    let handle = harness
        .get_by_label(&format!("Link from: {}", from.1))
        .rect()
        .center();
    let target = on_screen(&harness, to.0).center();
    drag(&mut harness, handle, target);
    let after = harness.state().project();
    assert_eq!(after.link_count(), links + 1);
    let (_, link) = after.links().last().unwrap();
    assert_eq!((link.from, link.to), (from.0, to.0));
}
