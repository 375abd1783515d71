//! Pictures dropped from the file manager (issue 16, item 3): on a card they become its
//! picture, on a lane one new touchpoint each, in order down the lane; each drop is one
//! undo step. Driven through the real UI with egui_kittest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::{Path, PathBuf};

use egui::{Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::board::{self, CARD_SIZE};
use journeyboard::file;
use journeyboard::model::{Position, Project, Touchpoint, TouchpointId};
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

/// An editor on a two-card project (both in Research) in `dir/project` (saved there, or
/// never saved), and pictures to drop in `dir/incoming`, outside it.
fn editor(dir: &Path, saved: bool) -> Harness<'static, JourneyboardApp> {
    editor_with(dir, saved, NoDialogs::default())
}

/// [`editor`] with file dialogs that answer from `dialogs`' queue.
fn editor_with(dir: &Path, saved: bool, dialogs: NoDialogs) -> Harness<'static, JourneyboardApp> {
    let mut project = Project::new("Drops");
    for (i, title) in ["First", "Second"].into_iter().enumerate() {
        project
            .add_touchpoint(Touchpoint {
                title: title.to_owned(),
                stage: "research".into(),
                position: Position {
                    x: 28.0,
                    y: 28.0 + journeyboard::model::layout::ROW_STEP * i as f32,
                },
                ..Touchpoint::default()
            })
            .unwrap();
    }
    std::fs::create_dir_all(dir.join("incoming")).unwrap();
    for (name, colour) in [
        ("photo.png", [200, 0, 0]),
        ("b-sketch.png", [0, 200, 0]),
        ("c-screen.png", [0, 0, 200]),
    ] {
        std::fs::write(dir.join("incoming").join(name), common::png(colour)).unwrap();
    }
    let mut app =
        JourneyboardApp::new(Box::new(dialogs), Settings::default(), dir.join("recovery"));
    std::fs::create_dir_all(dir.join("project")).unwrap();
    let path = dir.join("project/drops.ron");
    file::save(&project, &path).unwrap();
    if saved {
        app.open_path(&path);
    } else {
        app.set_project(project, None);
    }
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_max_steps(12)
        .renderer(common::Cpu::default())
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness.run();
    harness
}

fn drop_at(harness: &mut Harness<'static, JourneyboardApp>, at: Pos2, files: &[PathBuf]) {
    harness.hover_at(at);
    harness.run();
    for f in files {
        harness
            .input_mut()
            .dropped_files
            .push(std::sync::Arc::new(common::Dropped(f.clone())));
    }
    harness.run();
}

fn picture_of(harness: &Harness<'static, JourneyboardApp>, id: u64) -> Option<String> {
    harness
        .state()
        .project()
        .touchpoint(TouchpointId(id))
        .unwrap()
        .picture
        .clone()
}

#[test]
fn a_picture_dropped_on_a_card_becomes_its_picture_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = editor(dir.path(), true);
    let card = harness.get_by_label("Touchpoint: Second").rect().center();
    drop_at(&mut harness, card, &[dir.path().join("incoming/photo.png")]);
    let name = stored_name("drops", &common::png([200, 0, 0]));
    assert_eq!(picture_of(&harness, 2), Some(name.clone()));
    assert_eq!(picture_of(&harness, 1), None);
    // Copied beside the project into `drops.pictures/`, named by its content.
    assert_eq!(
        std::fs::read(dir.path().join("project").join(&name)).unwrap(),
        common::png([200, 0, 0])
    );
    assert_eq!(
        harness.state().session().undo_label(),
        Some("Set picture of “Second”")
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(picture_of(&harness, 2), None);
}

#[test]
fn pictures_dropped_on_a_lane_become_touchpoints_in_order_down_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = editor(dir.path(), true);
    // Empty space in the Purchase lane, level with the first card.
    let first = harness.get_by_label("Touchpoint: First").rect();
    let lane_offset = board::LANE_WIDTH * harness.state().zoom();
    let at = first.center() + vec2(lane_offset, 0.0);
    let files: Vec<PathBuf> = ["photo.png", "b-sketch.png", "c-screen.png"]
        .iter()
        .map(|n| dir.path().join("incoming").join(n))
        .collect();
    drop_at(&mut harness, at, &files);
    let project = harness.state().project();
    assert_eq!(project.touchpoint_count(), 5);
    let new: Vec<&Touchpoint> = (3..=5)
        .map(|id| project.touchpoint(TouchpointId(id)).unwrap())
        .collect();
    assert_eq!(
        new.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
        ["photo", "b-sketch", "c-screen"]
    );
    assert!(new.iter().all(|t| t.stage == "purchase"));
    assert_eq!(
        new[1].picture,
        Some(stored_name("drops", &common::png([0, 200, 0])))
    );
    // Down the lane in the order dropped, never overlapping.
    for pair in new.windows(2) {
        assert!(pair[1].position.y >= pair[0].position.y + CARD_SIZE.y);
    }
    assert_eq!(
        harness.state().session().undo_label(),
        Some("Add 3 touchpoints with pictures to Purchase")
    );
    assert_eq!(harness.state().selection().touchpoints.len(), 3);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().project().touchpoint_count(), 2);
}

#[test]
fn before_the_first_save_pictures_are_held_then_written_beside_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = NoDialogs::default();
    let mut harness = editor_with(dir.path(), false, dialogs.clone());
    let red = common::png([200, 0, 0]);
    let green = common::png([0, 200, 0]);
    let first = harness.get_by_label("Touchpoint: First").rect().center();
    drop_at(
        &mut harness,
        first,
        &[dir.path().join("incoming/photo.png")],
    );
    assert_eq!(picture_of(&harness, 1), Some(stored_name("untitled", &red)));
    // Held pictures show on the card like any other.
    assert!(run_until(&mut harness, |h| frame_centre(
        h,
        "Touchpoint: First"
    )[0] > 180));
    let second = harness.get_by_label("Touchpoint: Second").rect().center();
    drop_at(
        &mut harness,
        second,
        &[dir.path().join("incoming/b-sketch.png")],
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(picture_of(&harness, 2), None);
    // A file that is not a picture is still opened as a project (and refused as one).
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a project").unwrap();
    drop_at(&mut harness, first, &[text]);
    assert_eq!(harness.state().project().touchpoint_count(), 2);
    // Opening it would replace the unsaved document: asked first, and cancelled.
    assert!(harness.query_by_label("Save changes?").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save changes?").is_none());

    // The first save writes them to `trip.pictures/` beside the file, with the paths
    // changed in the file, the document and the undo history.
    std::fs::create_dir(dir.path().join("saved")).unwrap();
    let path = dir.path().join("saved/trip.ron");
    dialogs.push_answer(Some(path.clone()));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = file::load(&path).unwrap();
    let red_name = stored_name("trip", &red);
    assert_eq!(
        saved.touchpoint(TouchpointId(1)).unwrap().picture,
        Some(red_name.clone())
    );
    assert_eq!(
        std::fs::read(dir.path().join("saved").join(&red_name)).unwrap(),
        red
    );
    assert_eq!(picture_of(&harness, 1), Some(red_name));
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    let green_name = stored_name("trip", &green);
    assert_eq!(picture_of(&harness, 2), Some(green_name.clone()));
    assert_eq!(
        std::fs::read(dir.path().join("saved").join(&green_name)).unwrap(),
        green
    );
    assert!(run_until(&mut harness, |h| frame_centre(
        h,
        "Touchpoint: Second"
    )[1] > 180));
}

/// Where a picture with `bytes` is stored for project `stem`: `stem.pictures/HASH.png`.
fn stored_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.pictures/{:016x}.png", file::content_hash(bytes))
}

#[test]
fn a_picture_pasted_from_the_clipboard_goes_on_the_selected_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = editor(dir.path(), true);
    let red = egui::ColorImage::new([4, 3], vec![egui::Color32::from_rgb(220, 10, 10); 12]);
    let paste = |harness: &mut Harness<'static, JourneyboardApp>| {
        harness.event(egui::Event::PasteImage(std::sync::Arc::new(red.clone())));
        harness.run();
    };
    // Nothing selected: nothing changes, and the status says why.
    paste(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Select one card to paste the picture onto")
            .is_some()
    );
    harness.get_by_label("Touchpoint: First").click();
    harness.run();
    paste(&mut harness);
    let name = picture_of(&harness, 1).unwrap();
    assert!(
        name.starts_with("drops.pictures/") && name.ends_with(".png"),
        "{name}"
    );
    let saved = image::open(dir.path().join("project").join(&name))
        .unwrap()
        .to_rgba8();
    assert_eq!(saved.dimensions(), (4, 3));
    assert_eq!(saved.get_pixel(2, 1).0, [220, 10, 10, 255]);
    assert_eq!(
        harness.state().session().undo_label(),
        Some("Set picture of “First”")
    );
    // The same picture pasted on another card is the same file.
    harness.get_by_label("Touchpoint: Second").click();
    harness.run();
    paste(&mut harness);
    assert_eq!(picture_of(&harness, 2), Some(name));
    assert_eq!(
        std::fs::read_dir(dir.path().join("project/drops.pictures"))
            .unwrap()
            .count(),
        1
    );
}

/// The colour near the top-left corner of a card's frame (clear of any pictogram), as the
/// editor draws it now.
fn frame_centre(harness: &mut Harness<'static, JourneyboardApp>, label: &str) -> [u8; 4] {
    let card = harness.get_by_label(label).rect();
    let zoom = harness.state().zoom();
    let centre = board::layout::frame_rect(card, zoom).lerp_inside(vec2(0.1, 0.2));
    let ppp = harness.ctx.pixels_per_point();
    let image = harness.render().unwrap();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    image
        .get_pixel((centre.x * ppp) as u32, (centre.y * ppp) as u32)
        .0
}

/// Runs frames until `done` holds (pictures are decoded on threads of their own), for at
/// most ten seconds.
fn run_until(
    harness: &mut Harness<'static, JourneyboardApp>,
    mut done: impl FnMut(&mut Harness<'static, JourneyboardApp>) -> bool,
) -> bool {
    for _ in 0..500 {
        harness.run();
        if done(harness) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

#[test]
fn a_card_shows_its_picture_in_its_frame_and_a_missing_one_in_red() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = editor(dir.path(), true);
    // Without a picture the frame is the pictogram's pale tint, not the picture's red.
    let before = frame_centre(&mut harness, "Touchpoint: Second");
    assert!(before[0] > 150 && before[1] > 150, "{before:?}");
    let card = harness.get_by_label("Touchpoint: Second").rect().center();
    drop_at(&mut harness, card, &[dir.path().join("incoming/photo.png")]);
    let shown = run_until(&mut harness, |h| {
        let [r, g, b, _] = frame_centre(h, "Touchpoint: Second");
        r > 180 && g < 40 && b < 40
    });
    assert!(
        shown,
        "the dropped picture never filled the frame: {:?}",
        frame_centre(&mut harness, "Touchpoint: Second")
    );
    // The picture file disappears: the frame turns to "missing", and the inspector says
    // why when the card is selected.
    std::fs::remove_file(
        dir.path()
            .join("project")
            .join(stored_name("drops", &common::png([200, 0, 0]))),
    )
    .unwrap();
    harness.get_by_label("Touchpoint: Second").click();
    // The pale red of "unavailable" (not the picture's strong red, not the grey of
    // "loading").
    let missing = run_until(&mut harness, |h| {
        let [r, g, b, _] = frame_centre(h, "Touchpoint: Second");
        h.query_by_label_contains("Picture unavailable").is_some() && g > 150 && r > g && r > b
    });
    assert!(
        missing,
        "{:?}",
        frame_centre(&mut harness, "Touchpoint: Second")
    );
    let tint = frame_centre(&mut harness, "Touchpoint: Second");
    assert!(
        tint[0] > tint[1] && tint[0] > tint[2],
        "not a red tint: {tint:?}"
    );
}
