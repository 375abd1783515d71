//! The command line: open the editor on a file, or run a headless command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::file;
use crate::model::Project;

/// Command-line arguments of the `journeyboard` binary.
#[derive(Debug, Parser)]
#[command(
    name = "journeyboard",
    version,
    about = "Customer-journey storyboard editor",
    long_about = "Customer-journey storyboard editor.\n\nWith no command, opens the editor \
                  (on FILE if given). The commands below work without a window.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Project file to open in the editor.
    pub file: Option<PathBuf>,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate project files and print a one-line summary of each.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// One-line summary of a project, as `check` prints it.
pub fn summary(project: &Project) -> String {
    format!(
        "{} touchpoints, {} links, {} stages, {} owners, {} unscored",
        project.touchpoint_count(),
        project.link_count(),
        project.stages().len(),
        project.owners().len(),
        project.unscored_count()
    )
}

/// Runs `check` on each file; true if all are valid.
pub fn check(files: &[PathBuf]) -> bool {
    let mut all_ok = true;
    for path in files {
        match file::load(path) {
            Ok(project) => println!("{}: ok: {}", path.display(), summary(&project)),
            Err(err) => {
                all_ok = false;
                eprintln!("error: {err}");
            }
        }
    }
    all_ok
}

/// Entry point of the binary: parses arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => {
            if check(&files) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        None => match crate::ui::run_native(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!(
                    "error: could not open the editor window: {err}. A graphical session \
                     (X11 or Wayland) is needed; the `check` command works without one"
                );
                ExitCode::FAILURE
            }
        },
    }
}
