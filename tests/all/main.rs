//! Journeyboard's integration tests, in one binary: each module was its own test program,
//! and linking 23 programs of the whole editor took most of a clean `cargo test`'s time
//! and disk. Run one module with `cargo test --test all MODULE::` (for example
//! `cargo test --test all cli::`; the filter matches anywhere in a test's name).

mod analysis;
mod bundle;
mod cli;
mod command_palette;
mod common;
mod drop_pictures;
mod editor_snapshot;
mod editor_ui;
mod export;
mod export_dialog;
mod file_format;
mod hostile;
mod hostile_pictures;
mod interchange;
mod interchange_roundtrip;
mod large_board;
mod mermaid_corpus;
mod outputs;
mod png_project;
mod proptest_roundtrip;
mod routing;
mod scale;
mod scripts;
mod vector_export;
mod workshop;
