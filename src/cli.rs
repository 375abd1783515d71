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

/// Colours of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    /// Dark text on light lanes (best for slides and print).
    Light,
    /// Light text on dark lanes.
    Dark,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The storyboard picture (it carries the project, so it reopens).
    Png,
    /// One row per touchpoint, for spreadsheets.
    Csv,
    /// A Mermaid `journey` diagram.
    Mermaid,
}

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// One row per touchpoint.
    Csv,
    /// A Mermaid `journey` diagram.
    Mermaid,
}

/// Output format of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Sections for people to read.
    Text,
    /// Stable, documented JSON for scripts.
    Json,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Test aid, hidden from help: saves FILE over and over, alternating two versions,
    /// so a test can kill the process mid-save and check the file is always complete.
    #[command(hide = true)]
    SaveLoop {
        /// The project file to load and save.
        file: PathBuf,
        /// How many saves.
        #[arg(long, default_value_t = 1000)]
        loops: u32,
        /// Write the autosave recovery copy beside FILE instead of FILE itself.
        #[arg(long)]
        recovery: bool,
    },
    /// Write a synthetic journey of any size, to try the tool at scale.
    Generate {
        /// How many touchpoints (about two links each), up to 36,000.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=crate::model::generate::MAX_TOUCHPOINTS as i64))]
        touchpoints: u32,
        /// Seed: the same seed gives the same journey.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the project.
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// Build a project from a CSV sheet or a Mermaid journey diagram.
    Import {
        /// The CSV (.csv) or Mermaid (.mmd, .md) file.
        input: PathBuf,
        /// Where to write the project.
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
        /// The input's format (default: from its extension).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
    },
    /// Print journey insights: emotion curve, moments of truth, ownership, structure.
    Report {
        /// The project file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Export the storyboard as a PNG picture (no window or GPU needed), or the
    /// touchpoints as CSV, or the journey as a Mermaid diagram.
    Export {
        /// The project file (or a PNG exported by Journeyboard).
        file: PathBuf,
        /// Where to write the result.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// What to write.
        #[arg(long, value_enum, default_value_t = ExportFormat::Png)]
        format: ExportFormat,
        /// Pixels per board point: 1 for screens, 2 for slides, 3 or 4 for print.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=4))]
        scale: u32,
        /// Colour theme of the picture.
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// Leave out the emotion curve and the legend.
        #[arg(long)]
        no_insights: bool,
    },
    /// Validate project files and print a one-line summary of each.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs `import`; true on success. Writes nothing if the input has a bad row or line.
fn import(input: &std::path::Path, output: &std::path::Path, format: Option<ImportFormat>) -> bool {
    use crate::interchange::{Format, import_file};
    let format = match format {
        Some(ImportFormat::Csv) => Format::Csv,
        Some(ImportFormat::Mermaid) => Format::Mermaid,
        None => match Format::from_path(input) {
            Some(f) => f,
            None => {
                eprintln!(
                    "error: cannot tell the format of {}; name it .csv or .mmd, or pass --format",
                    input.display()
                );
                return false;
            }
        },
    };
    match import_file(input, format) {
        Ok(imported) => {
            for warning in &imported.warnings {
                eprintln!("warning: {}: {warning}", input.display());
            }
            match file::save(&imported.project, output) {
                Ok(()) => {
                    println!("wrote {}: {}", output.display(), summary(&imported.project));
                    true
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    false
                }
            }
        }
        Err(err) => {
            eprintln!("error: {err}. Nothing was written; fix that line and import again");
            false
        }
    }
}

/// Writes CSV or Mermaid text for a project.
fn export_text(file: &std::path::Path, output: &std::path::Path, format: ExportFormat) -> bool {
    let project = match file::load(file) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("error: {err}");
            return false;
        }
    };
    let text = match format {
        ExportFormat::Csv => crate::interchange::csv_sheet::to_csv(&project),
        ExportFormat::Mermaid | ExportFormat::Png => {
            crate::interchange::mermaid::to_mermaid(&project)
        }
    };
    match file::write_atomic(output, text.as_bytes()) {
        Ok(()) => {
            println!("wrote {}", output.display());
            true
        }
        Err(err) => {
            eprintln!("error: {err}");
            false
        }
    }
}

/// Runs `export`; true on success.
pub fn export(
    file: &std::path::Path,
    output: &std::path::Path,
    options: crate::export::ExportOptions,
) -> bool {
    let project = match file::load(file) {
        Ok(project) => project,
        Err(err) => {
            eprintln!("error: {err}");
            return false;
        }
    };
    match crate::export::write_png(&project, options, file.parent(), output) {
        Ok(rendered) => {
            for warning in &rendered.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "wrote {} ({} × {} pixels)",
                output.display(),
                rendered.image.width(),
                rendered.image.height()
            );
            true
        }
        Err(err) => {
            eprintln!("error: {err}");
            false
        }
    }
}

/// Saves `path` (or, with `recovery`, its autosave recovery copy, the way the editor's
/// autosave writes it) `loops` times, alternating its own content and a variant with a
/// longer description; true if every save succeeded.
fn save_loop(path: &std::path::Path, loops: u32, recovery: bool) -> bool {
    let Ok(original) = file::load(path) else {
        return false;
    };
    let mut variant = original.clone();
    variant.description = format!("{} {}", original.description, "(autosaved) ".repeat(200));
    let target = if recovery {
        crate::ui::recovery_path_for(Some(path), &std::env::temp_dir())
    } else {
        path.to_owned()
    };
    (0..loops).all(|i| {
        let project = if i % 2 == 0 { &variant } else { &original };
        file::save(project, &target).is_ok()
    })
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
    let success = |ok: bool| {
        if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    };
    match cli.command {
        Some(Command::Check { files }) => success(check(&files)),
        Some(Command::SaveLoop {
            file,
            loops,
            recovery,
        }) => success(save_loop(&file, loops, recovery)),
        Some(Command::Generate {
            touchpoints,
            seed,
            output,
        }) => {
            let project = crate::model::generate::synthetic(touchpoints as usize, seed);
            match file::save(&project, &output) {
                Ok(()) => {
                    println!("wrote {}: {}", output.display(), summary(&project));
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Report { file, format }) => match file::load(&file) {
            Ok(project) => {
                let insights = crate::analysis::analyse(&project);
                match format {
                    ReportFormat::Text => {
                        print!("{}", crate::analysis::report::to_text(&project, &insights));
                    }
                    ReportFormat::Json => {
                        println!("{}", crate::analysis::report::to_json(&project, &insights));
                    }
                }
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Import {
            input,
            output,
            format,
        }) => success(import(&input, &output, format)),
        Some(Command::Export {
            file,
            output,
            format: format @ (ExportFormat::Csv | ExportFormat::Mermaid),
            ..
        }) => success(export_text(&file, &output, format)),
        Some(Command::Export {
            file,
            output,
            scale,
            theme,
            no_insights,
            ..
        }) => {
            let options = crate::export::ExportOptions {
                scale,
                theme: match theme {
                    Theme::Light => crate::board::BoardTheme::Light,
                    Theme::Dark => crate::board::BoardTheme::Dark,
                },
                insights: !no_insights,
            };
            success(export(&file, &output, options))
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
