//! Exported PNGs carry the project and open again like the RON file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::process::Command;

use journeyboard::export::{self, ExportOptions};
use journeyboard::file::{self, LoadError};

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn an_exported_png_opens_as_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        let png = dir.path().join("board.png");
        export::write_png(&project, ExportOptions::default(), path.parent(), &png).unwrap();
        assert!(file::is_png(&png));
        assert_eq!(file::load(&png).unwrap(), project);
        // It is still an ordinary picture.
        let picture = image::open(&png).unwrap();
        assert!(picture.width() > 100);
    }
}

#[test]
fn the_project_chunk_is_compressed_itxt_with_the_documented_keyword() {
    let dir = tempfile::tempdir().unwrap();
    let project = file::load(&common::example("theme-park-family-visit")).unwrap();
    let png = dir.path().join("board.png");
    export::write_png(&project, ExportOptions::default(), None, &png).unwrap();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let reader = decoder.read_info().unwrap();
    let chunk = reader
        .info()
        .utf8_text
        .iter()
        .find(|c| c.keyword == "journeyboard-project")
        .unwrap()
        .clone();
    assert!(chunk.compressed);
    let mut chunk = chunk;
    chunk.decompress_text().unwrap();
    assert_eq!(
        chunk.get_text().unwrap(),
        file::to_ron_string(&project).unwrap()
    );
    // Compressed: the project adds far fewer bytes to the picture than its RON has.
    let ron = file::to_ron_string(&project).unwrap();
    let image = image::RgbaImage::new(64, 64);
    let bare = file::encode_png_with_project(&image, "").unwrap().len();
    let carrying = file::encode_png_with_project(&image, &ron).unwrap().len();
    assert!(
        carrying - bare < ron.len() / 2,
        "{} of {}",
        carrying - bare,
        ron.len()
    );
}

#[test]
fn a_png_without_a_project_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("holiday.png");
    image::RgbaImage::new(8, 8).save(&png).unwrap();
    let err = file::load(&png).unwrap_err();
    assert!(matches!(err, LoadError::NoProjectInPng { .. }), "{err}");
    assert!(err.to_string().contains("holiday.png"));
    assert!(err.to_string().contains("open the .ron project file"));

    let broken = dir.path().join("broken.png");
    let mut bytes = file::PNG_SIGNATURE.to_vec();
    bytes.extend_from_slice(b"garbage after the signature");
    std::fs::write(&broken, bytes).unwrap();
    let err = file::load(&broken).unwrap_err();
    assert!(matches!(err, LoadError::BadPng { .. }), "{err}");
}

#[test]
fn check_report_and_export_accept_the_png() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.png");
    let out = run(&[
        "export".as_ref(),
        common::example("bank-account-opening").as_os_str(),
        "-o".as_ref(),
        first.as_os_str(),
    ]);
    assert!(out.status.success());
    let check = run(&["check".as_ref(), first.as_os_str()]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("16 touchpoints, 18 links"));
    let report = run(&["report".as_ref(), first.as_os_str()]);
    assert!(String::from_utf8_lossy(&report.stdout).contains("MOMENTS OF TRUTH"));
    // Export from the picture again: the same picture comes out.
    let second = dir.path().join("second.png");
    let again = run(&[
        "export".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        second.as_os_str(),
    ]);
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}
