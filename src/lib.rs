//! Journeyboard: a desktop editor for customer-journey storyboards.
//!
//! The crate is layered; a module uses the ones below it, never one above (see
//! `ARCHITECTURE.md`):
//!
//! - [`cli`] — the command line: opens the editor or runs a headless command.
//! - [`ui`] — the editor window: an app shell and components that return intents.
//! - [`session`] — the open document without egui: project, path, history, selection.
//! - [`export`] — PNG: the board's poster painted headless and rasterized on the CPU.
//! - [`board`] — layout and painting of the storyboard, shared by canvas and export.
//! - [`fonts`] — letters for every script, for the editor and the exports.
//! - [`edit`] — commands with exact inverses, and the undo history.
//! - [`analysis`] — insights over the journey graph, and the report.
//! - [`interchange`] — CSV sheets and Mermaid journeys, in and out.
//! - [`file`] — the project format and every file read or written.
//! - [`model`] — the journey document: project, stages, owners, touchpoints, links.
//! - [`convert`] — named number conversions, used by every layer.
//!
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
pub mod plural;
pub mod session;
pub mod ui;
