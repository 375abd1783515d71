//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The bundled example projects.
pub fn example_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 3,
        "expected at least three examples in {dir:?}"
    );
    paths
}

/// One example by file stem.
pub fn example(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/examples/{stem}.ron"))
}

/// True when golden files should be rewritten (`JOURNEYBOARD_BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("JOURNEYBOARD_BLESS").is_some_and(|v| v == "1")
}
