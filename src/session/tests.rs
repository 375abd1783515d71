//! The session's unit tests.
use super::*;
use crate::model::Emotion;

fn example() -> Session {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/bank-account-opening.ron"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(dir.path().join("recovery"));
    assert_eq!(session.open(Path::new(path)).unwrap(), Opened::Project);
    session
}

fn set_emotion(session: &mut Session, id: TouchpointId, emotion: f64) {
    let mut t = session.project().touchpoint(id).unwrap().clone();
    t.emotion = Some(Emotion::new(emotion).unwrap());
    session
        .apply(Command::SetTouchpoint(id, Box::new(t)), "Set emotion")
        .unwrap();
}

#[test]
fn edits_undo_and_redo_through_the_session() {
    let mut s = example();
    assert!(!s.is_dirty());
    assert!(s.undo_label().is_none());
    let id = s.project().touchpoints().next().unwrap().0;
    let before = s.project().clone();
    set_emotion(&mut s, id, -2.0);
    assert!(s.is_dirty());
    assert_eq!(s.undo_label(), Some("Set emotion"));
    assert!(s.window_title().starts_with("bank-account-opening.ron*"));
    assert!(s.undo().unwrap());
    assert_eq!(s.project(), &before);
    assert!(!s.is_dirty(), "undo back to the saved state is clean");
    assert_eq!(s.redo_label(), Some("Set emotion"));
    assert!(s.redo().unwrap());
    assert!(s.is_dirty());
    assert!(!s.redo().unwrap(), "nothing left to redo");
}

#[test]
fn deleting_prunes_the_selection_and_paste_selects_the_copies() {
    let mut s = example();
    assert!(!s.delete_selection().unwrap(), "nothing selected");
    s.select_all();
    let n = s.project().touchpoint_count();
    assert_eq!(s.selection().touchpoints.len(), n);
    let (text, copied) = s.copy_selection().unwrap();
    assert_eq!(copied, n);
    assert!(s.delete_selection().unwrap());
    assert_eq!(s.project().touchpoint_count(), 0);
    assert!(s.selection().touchpoints.is_empty());
    assert_eq!(s.paste(&text, |_, _| {}).unwrap(), n);
    assert_eq!(s.selection().touchpoints.len(), n);
    assert_eq!(s.paste("not ours", |_, _| {}).unwrap(), 0);
    assert_eq!(
        s.undo_label(),
        Some(format!("Paste {n} touchpoints").as_str())
    );
    s.undo().unwrap();
    assert!(
        s.selection().touchpoints.is_empty(),
        "undone copies deselected"
    );
    assert_eq!(s.duplicate_selection().unwrap(), 0);
}

#[test]
fn a_failed_open_or_import_leaves_the_document_alone() {
    let mut s = example();
    let generation = s.generation();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(version: 1, oops").unwrap();
    assert!(s.open(&bad).is_err());
    assert!(s.import(&dir.path().join("notes.txt")).is_err());
    assert_eq!(s.generation(), generation);
    assert!(s.path().is_some());
}

#[test]
fn saving_marks_clean_and_another_document_changes_the_generation() {
    let mut s = example();
    let id = s.project().touchpoints().next().unwrap().0;
    set_emotion(&mut s, id, 1.0);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.ron");
    let revision = s.revision();
    s.save_to(&out).unwrap();
    assert!(!s.is_dirty());
    assert_eq!(s.path(), Some(out.as_path()));
    assert_eq!(
        s.revision(),
        revision,
        "saving changes nothing in the project"
    );
    s.new_project();
    assert_ne!(s.revision(), revision);
    assert!(s.path().is_none());
    assert!(!s.is_dirty(), "a new empty project has nothing to save");
    assert_eq!(
        file::load(&out).unwrap().touchpoint(id).unwrap().emotion,
        Some(Emotion::new(1.0).unwrap())
    );
}

#[test]
fn autosave_writes_a_recovery_copy_that_a_new_session_finds() {
    let dir = tempfile::tempdir().unwrap();
    let file_path = dir.path().join("j.ron");
    let mut s = Session::new(dir.path().join("rec"));
    s.save_to(&file_path).unwrap();
    s.apply(
        Command::RenameStage("research".into(), "Looking around".into()),
        "Rename stage",
    )
    .unwrap();
    let recovery = s.write_recovery().unwrap().unwrap();
    let mut next = Session::new(dir.path().join("rec"));
    next.open(&file_path).unwrap();
    let (found, project) = next.find_recovery().unwrap();
    assert_eq!(found, recovery);
    assert_eq!(&project, s.project());
    next.restore(found, project);
    assert!(next.is_dirty());
    next.save_to(&file_path).unwrap();
    assert!(
        !recovery.exists(),
        "saving removes the adopted recovery copy"
    );
}

#[test]
fn a_bundles_pictures_stay_where_they_are_read_from_through_restore_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pictures")).unwrap();
    std::fs::write(dir.path().join("pictures/a.png"), b"picture").unwrap();
    let mut project = Project::new("Pictured");
    project
        .add_touchpoint(crate::model::Touchpoint {
            stage: "research".into(),
            picture: Some("pictures/a.png".to_owned()),
            ..crate::model::Touchpoint::default()
        })
        .unwrap();
    let source = dir.path().join("source.ron");
    file::save(&project, &source).unwrap();
    let mut s = Session::new(dir.path().join("recovery"));
    s.open(&source).unwrap();
    // Saved as a bundle in another folder: still read from where they are.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let bundle = dir.path().join("out/sent.jbz");
    s.save_to(&bundle).unwrap();
    assert_eq!(s.folder(), Some(dir.path()));
    // Opened from the bundle: read from its unpacked folder, also after a recovery
    // copy is restored (never from the folder the bundle is in).
    s.open(&bundle).unwrap();
    let unpacked = s.folder().unwrap().to_path_buf();
    assert!(unpacked.join("pictures/a.png").is_file());
    s.restore(dir.path().join("recovery.ron"), project.clone());
    assert_eq!(s.folder(), Some(unpacked.as_path()));
    // Saved as a project file elsewhere: the pictures go beside it.
    let copy = dir.path().join("out/copy.ron");
    s.save_to(&copy).unwrap();
    assert_eq!(s.folder(), Some(dir.path().join("out").as_path()));
    assert_eq!(
        std::fs::read(dir.path().join("out/pictures/a.png")).unwrap(),
        b"picture"
    );
}

#[test]
fn pictures_held_before_a_first_save_as_a_bundle_follow_a_later_save_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(dir.path().join("recovery"));
    let id = s.project().next_touchpoint_id();
    let card = crate::model::Touchpoint {
        stage: "research".into(),
        ..crate::model::Touchpoint::default()
    };
    s.apply(
        Command::Insert {
            touchpoints: vec![(id, card)],
            links: vec![],
        },
        "Add",
    )
    .unwrap();
    // Held: a private folder, under `untitled.pictures/`.
    let folder = s.folder_for_new_pictures().unwrap();
    let png = {
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(2, 2))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    };
    let stored =
        file::store_picture_bytes(&folder, &s.pictures_dir(), &png, Path::new("x.png")).unwrap();
    assert!(stored.starts_with("untitled.pictures/"), "{stored}");
    let mut t = s.project().touchpoint(id).unwrap().clone();
    t.picture = Some(stored.clone());
    s.apply(Command::SetTouchpoint(id, Box::new(t)), "Set picture")
        .unwrap();
    // First save: a bundle. Its pictures are under `trip.pictures/`.
    let bundle = dir.path().join("trip.jbz");
    s.save_to(&bundle).unwrap();
    let renamed = stored.replace("untitled.pictures/", "trip.pictures/");
    assert_eq!(
        s.project().touchpoint(id).unwrap().picture.as_deref(),
        Some(renamed.as_str())
    );
    let (_, unpacked) = file::open_bundle(&bundle).unwrap();
    assert_eq!(std::fs::read(unpacked.path().join(&renamed)).unwrap(), png);
    // Then Save As a project file in another folder: the pictures go beside it.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let ron = dir.path().join("out/journey.ron");
    s.save_to(&ron).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("out").join(&renamed)).unwrap(),
        png
    );
    assert_eq!(s.folder(), Some(dir.path().join("out").as_path()));
}

#[test]
fn save_as_a_file_in_another_folder_takes_the_pictures_along() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/a.pictures")).unwrap();
    std::fs::write(dir.path().join("a/a.pictures/x.png"), b"picture").unwrap();
    let mut project = Project::new("Pictured");
    project
        .add_touchpoint(crate::model::Touchpoint {
            stage: "research".into(),
            picture: Some("a.pictures/x.png".to_owned()),
            ..crate::model::Touchpoint::default()
        })
        .unwrap();
    let first = dir.path().join("a/a.ron");
    file::save(&project, &first).unwrap();
    let mut s = Session::new(dir.path().join("recovery"));
    s.open(&first).unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    s.save_to(&dir.path().join("b/copy.ron")).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("b/a.pictures/x.png")).unwrap(),
        b"picture"
    );
    assert_eq!(s.folder(), Some(dir.path().join("b").as_path()));
    // Saving again in the same folder copies nothing and changes nothing.
    s.save_to(&dir.path().join("b/copy.ron")).unwrap();
    assert!(dir.path().join("a/a.pictures/x.png").is_file());
}
