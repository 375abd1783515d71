//! The command line: open the editor on a file, or run a headless command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::file::{self, Destination};
use crate::model::Project;

mod bundle;
mod export;
mod first_argument;
mod terminal;

use export::{ExportArgs, export};
use first_argument::{graphical_session, unknown_first_argument};
pub use terminal::{for_terminal, json_for_terminal};

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

/// How an exported picture tells the journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutArg {
    /// The stage lanes with every card and link where they are on the board.
    Map,
    /// Numbered frames in journey order (main flow, branches after the frame they leave),
    /// four to a row, with the stages above them.
    Storyboard,
}

/// The page size `export --page` cuts the lane map into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageArg {
    /// A wide slide: 1920 × 1080 pixels at scale 1.
    #[value(name = "16:9")]
    Wide,
    /// A 4:3 slide: 1440 × 1080 pixels at scale 1.
    #[value(name = "4:3")]
    Standard,
    /// A4 landscape (a PDF page prints at 297 × 210 mm).
    A4,
    /// A3 landscape (a PDF page prints at 420 × 297 mm).
    A3,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The storyboard picture (it carries the project, so it reopens).
    Png,
    /// The storyboard as vector graphics with real text, for the web and design tools.
    Svg,
    /// The storyboard as a PDF page: fonts embedded, text selectable, tagged.
    Pdf,
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
    /// Write a synthetic journey of any size, to try the tool at scale.
    Generate {
        /// How many touchpoints (about two links each), up to 60,000.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=crate::model::generate::MAX_TOUCHPOINTS as i64))]
        touchpoints: u32,
        /// Seed: the same seed gives the same journey.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the project (`-` for standard output).
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
        /// Replace OUT.ron if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Build a project from a CSV sheet or a Mermaid journey diagram, or unpack a bundle
    /// (its pictures go beside OUT.ron).
    Import {
        /// The CSV (.csv), Mermaid (.mmd, .md) or bundle (.jbz) file.
        input: PathBuf,
        /// Where to write the project (`-` for standard output).
        #[arg(short, long, value_name = "OUT.ron")]
        output: PathBuf,
        /// The input's format (default: from its extension).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Replace OUT.ron if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Print journey insights: emotion curve, moments of truth, ownership, structure.
    Report {
        /// The project file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Export the storyboard as a PNG, SVG or PDF picture (no window or GPU needed), or the
    /// touchpoints as CSV, or the journey as a Mermaid diagram.
    Export {
        /// The project file (or a PNG exported by Journeyboard).
        file: PathBuf,
        /// Where to write the result: .png, .svg, .pdf, .csv or .mmd (`-` for standard
        /// output).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// What to write (default: from OUT's extension; PNG for standard output).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Pictures only. Pixels per board point: 1 for screens, 2 for slides, 3 or 4 for
        /// print [default: 1]. SVG and PDF are vector: it sets how sharp their pictures are.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=4))]
        scale: Option<u32>,
        /// Pictures only. Colour theme of the picture [default: light].
        #[arg(long, value_enum)]
        theme: Option<Theme>,
        /// Pictures only. Leave out the emotion curve and the moments of truth.
        #[arg(long)]
        no_insights: bool,
        /// Pictures only. Leave out the legend (owners, link kinds, emotion faces).
        #[arg(long)]
        no_legend: bool,
        /// Pictures only. List the touchpoints' notes under the picture (not with --page).
        #[arg(long)]
        notes: bool,
        /// Pictures only. The lane map or the storyboard's frames [default: map].
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// Pictures only. Cut the lane map (or the storyboard: 16:9 and A3) into pages:
        /// one PDF with a page each, or numbered PNG or SVG files (OUT-01.png …).
        #[arg(long, value_enum)]
        page: Option<PageArg>,
        /// Only these stages and their cards: one stage, or FROM..TO, each a stage's
        /// number (from 1), key or name, e.g. `2..4` or `research..service`.
        #[arg(long, value_name = "STAGES", conflicts_with = "cards")]
        stages: Option<String>,
        /// Only these cards and the links between them: touchpoint numbers (the CSV's
        /// `id` column), e.g. `3,5,8`.
        #[arg(long, value_name = "IDS")]
        cards: Option<String>,
        /// Write even over a Journeyboard project file.
        #[arg(long)]
        force: bool,
    },
    /// Write a project and every picture it names into one bundle file (.jbz) to send.
    Bundle {
        /// The project file (or a bundle, or a PNG exported by Journeyboard).
        file: PathBuf,
        /// Where to write the bundle.
        #[arg(short, long, value_name = "OUT.jbz")]
        output: PathBuf,
        /// Replace OUT.jbz if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Validate project files and print a one-line summary of each.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Prints what a command did, or its error; true if it succeeded.
fn finished(result: Result<String, String>) -> bool {
    match result {
        Ok(message) => {
            out(&format!("{}\n", for_terminal(&message)));
            true
        }
        Err(message) => {
            error(&message);
            false
        }
    }
}

/// Prints an error for the terminal.
fn error(message: &str) {
    eprintln!("error: {}", for_terminal(message));
}

/// Prints on standard output. A reader that has gone away (`… | head -1`) is not an
/// error, as with any Unix tool; other failures (a full disk) are reported.
fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => error(&format!(
            "could not write to standard output: {}",
            file::io_reason(&e)
        )),
        _ => {}
    }
}

/// Prints a status line: on standard output, unless the result itself goes there.
fn status(to: &Destination, message: &str) {
    if *to == Destination::Stdout {
        eprintln!("{}", for_terminal(message));
    } else {
        out(&format!("{}\n", for_terminal(message)));
    }
}

/// Checks that writing `output` loses nothing: never over an input, never over an
/// existing file when making a project, never over a project when exporting, unless
/// `force` allows the last two.
fn guard_output(
    output: &Destination,
    inputs: &[&Path],
    makes_project: bool,
    force: bool,
) -> Result<(), String> {
    let Destination::Path(out) = output else {
        return Ok(());
    };
    if let Some(input) = inputs.iter().find(|input| file::same_file(input, out)) {
        return Err(format!(
            "{} is the input file {}; writing there would replace what is being read. Choose \
             another output name",
            out.display(),
            input.display()
        ));
    }
    if force {
        return Ok(());
    }
    let is_file = std::fs::metadata(out).is_ok_and(|m| m.is_file());
    if makes_project && is_file {
        return Err(format!(
            "{} already exists and was not replaced; choose another name, or pass --force to \
             replace it",
            out.display()
        ));
    }
    if !makes_project && file::holds_project(out) {
        return Err(format!(
            "{} is a Journeyboard project; the export was not written there so the project is \
             not lost. Choose another name, or pass --force to replace it",
            out.display()
        ));
    }
    Ok(())
}

/// Writes a project where `output` says, after [`guard_output`].
fn write_project(
    project: &Project,
    output: &Path,
    inputs: &[&Path],
    force: bool,
) -> Result<Destination, String> {
    let to = Destination::from_arg(output);
    guard_output(&to, inputs, true, force)?;
    if let Destination::Path(path) = &to {
        let is_ron = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(file::EXTENSION));
        if !is_ron {
            return Err(format!(
                "this writes a Journeyboard project, so its name must end in .ron (not {}); \
                 use `export` to write a picture, CSV or Mermaid",
                path.display()
            ));
        }
    }
    let text = file::to_ron_string(project).map_err(|e| e.to_string())?;
    file::check_size(&text, output).map_err(|e| e.to_string())?;
    // What this writes, Journeyboard must open again: read it back before writing.
    if let Err(err) = file::parse(&text, output) {
        return Err(format!(
            "{} was not written, because Journeyboard could not open the result again ({err}). \
             Please report this with the input file",
            to.display()
        ));
    }
    to.write(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(to)
}

/// Runs `import`; true on success. Writes nothing if the input has a bad row or line.
fn import(input: &Path, output: &Path, format: Option<ImportFormat>, force: bool) -> bool {
    use crate::interchange::{Format, import_file};
    if format.is_none() && file::is_bundle(input) {
        return finished(bundle::unbundle(input, output, force));
    }
    let format = match format {
        Some(ImportFormat::Csv) => Format::Csv,
        Some(ImportFormat::Mermaid) => Format::Mermaid,
        None => match Format::from_path(input) {
            Some(f) => f,
            None => {
                error(&format!(
                    "cannot tell the format of {}; name it .csv or .mmd, or pass --format csv \
                     or --format mermaid",
                    input.display()
                ));
                return false;
            }
        },
    };
    let imported = match import_file(input, format) {
        Ok(imported) => imported,
        Err(err) => {
            let advice = if err.line == 0 {
                "Nothing was written"
            } else {
                "Nothing was written; fix that line and import again"
            };
            error(&format!("{err}. {advice}"));
            return false;
        }
    };
    for warning in &imported.warnings {
        eprintln!(
            "warning: {}",
            for_terminal(&format!("{}: {warning}", input.display()))
        );
    }
    match write_project(&imported.project, output, &[input], force) {
        Ok(to) => {
            status(
                &to,
                &format!("wrote {}: {}", to.display(), summary(&imported.project)),
            );
            true
        }
        Err(message) => {
            error(&message);
            false
        }
    }
}

/// One-line summary of a project, as `check` prints it.
pub fn summary(project: &Project) -> String {
    format!(
        "{}, {}, {}, {}, {} unscored",
        crate::plural::count(project.touchpoint_count(), "touchpoint", "touchpoints"),
        crate::plural::count(project.link_count(), "link", "links"),
        crate::plural::count(project.stages().len(), "stage", "stages"),
        crate::plural::count(project.owners().len(), "owner", "owners"),
        project.unscored_count()
    )
}

/// Runs `check` on each file; true if all are valid.
pub fn check(files: &[PathBuf]) -> bool {
    let mut all_ok = true;
    for path in files {
        // A bundle's pictures are unpacked too, so that a damaged one is found.
        match file::load_document(path).map(|d| d.project) {
            Ok(project) => {
                out(&format!(
                    "{}\n",
                    for_terminal(&format!("{}: ok: {}", path.display(), summary(&project)))
                ));
                for warning in crate::fonts::font_warnings(&project) {
                    eprintln!(
                        "warning: {}",
                        for_terminal(&format!("{}: {warning}", path.display()))
                    );
                }
            }
            Err(err) => {
                all_ok = false;
                error(&err.to_string());
            }
        }
    }
    all_ok
}

/// Runs `report`; true on success.
fn report(path: &Path, format: ReportFormat) -> bool {
    let project = match file::load(path) {
        Ok(project) => project,
        Err(err) => {
            error(&err.to_string());
            return false;
        }
    };
    let insights = crate::analysis::analyse(&project);
    match format {
        ReportFormat::Text => out(&for_terminal(&crate::analysis::report::to_text(
            &project, &insights,
        ))),
        ReportFormat::Json => out(&format!(
            "{}\n",
            json_for_terminal(&crate::analysis::report::to_json(&project, &insights))
        )),
    }
    true
}

/// Runs `generate`; true on success.
fn generate(touchpoints: u32, seed: u64, output: &Path, force: bool) -> bool {
    let project = crate::model::generate::synthetic(touchpoints as usize, seed);
    match write_project(&project, output, &[], force) {
        Ok(to) => {
            status(
                &to,
                &format!("wrote {}: {}", to.display(), summary(&project)),
            );
            true
        }
        Err(message) => {
            error(&message);
            false
        }
    }
}

/// Entry point of the binary: parses arguments and runs the command.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some(message) = unknown_first_argument(&args) {
        error(&message);
        return ExitCode::from(2);
    }
    let cli = Cli::parse_from(args);
    let success = |ok: bool| {
        if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    };
    match cli.command {
        Some(Command::Check { files }) => success(check(&files)),
        Some(Command::Bundle {
            file,
            output,
            force,
        }) => success(finished(bundle::bundle(&file, &output, force))),
        Some(Command::Generate {
            touchpoints,
            seed,
            output,
            force,
        }) => success(generate(touchpoints, seed, &output, force)),
        Some(Command::Report { file, format }) => success(report(&file, format)),
        Some(Command::Import {
            input,
            output,
            format,
            force,
        }) => success(import(&input, &output, format, force)),
        Some(Command::Export {
            file,
            output,
            format,
            scale,
            theme,
            no_insights,
            no_legend,
            notes,
            layout,
            page,
            stages,
            cards,
            force,
        }) => success(export(&ExportArgs {
            file: &file,
            output: &output,
            format,
            scale,
            theme,
            no_insights,
            no_legend,
            notes,
            layout,
            page,
            stages: stages.as_deref(),
            cards: cards.as_deref(),
            force,
        })),
        None if !graphical_session() => {
            error(
                "no graphical session: the editor needs X11 or Wayland (DISPLAY or \
                 WAYLAND_DISPLAY is not set). The commands check, export, import, report and \
                 generate work without one (see journeyboard --help)",
            );
            ExitCode::FAILURE
        }
        None => match crate::ui::run_native(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                error(&format!(
                    "could not open the editor window: {err}. A graphical session (X11 or \
                     Wayland) is needed; the `check` command works without one"
                ));
                ExitCode::FAILURE
            }
        },
    }
}
