//! Journeyboard: a desktop editor for customer-journey storyboards.
//!
//! The crate is layered, dependencies pointing downwards: `cli` → `file` → `model`.
//! See `README.md` for the file format and the project's promises.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod analysis;
pub mod board;
pub mod cli;
pub mod convert;
pub mod edit;
pub mod export;
pub mod file;
pub mod fonts;
pub mod interchange;
pub mod model;
pub mod session;
pub mod ui;
