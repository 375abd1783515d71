//! `journeyboard export`: pictures (PNG, SVG, PDF, pages), CSV and Mermaid.

use std::path::Path;

use super::{ExportFormat, LayoutArg, PageArg, Theme, error, for_terminal, guard_output, status};
use crate::file::{self, Destination};

/// The export format: `--format` if given, else from the output's extension; the two
/// must agree.
fn export_format(
    output: &Destination,
    asked: Option<ExportFormat>,
) -> Result<ExportFormat, String> {
    let Destination::Path(path) = output else {
        return Ok(asked.unwrap_or(ExportFormat::Png));
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let implied = match extension.as_str() {
        "png" => Some(ExportFormat::Png),
        "svg" => Some(ExportFormat::Svg),
        "pdf" => Some(ExportFormat::Pdf),
        "csv" => Some(ExportFormat::Csv),
        "mmd" | "mermaid" | "md" => Some(ExportFormat::Mermaid),
        _ => None,
    };
    let name = |f: ExportFormat| match f {
        ExportFormat::Png => "png",
        ExportFormat::Svg => "svg",
        ExportFormat::Pdf => "pdf",
        ExportFormat::Csv => "csv",
        ExportFormat::Mermaid => "mermaid",
    };
    match (asked, implied) {
        (Some(asked), Some(implied)) if asked != implied => Err(format!(
            "{} ends in .{extension}, which means {}, but --format {} was asked; name the output \
             to match, or leave out --format",
            path.display(),
            name(implied),
            name(asked)
        )),
        (Some(format), _) | (None, Some(format)) => Ok(format),
        (None, None) if extension == file::EXTENSION => Err(format!(
            "export writes pictures and sheets, not projects: name the output .png, .svg, \
             .pdf, .csv or .mmd (to copy {} as a project, copy the file)",
            path.display()
        )),
        (None, None) => Err(format!(
            "cannot tell what to write from the name {}; end it in .png, .svg, .pdf, .csv or \
             .mmd, or pass --format png, svg, pdf, csv or mermaid",
            path.display()
        )),
    }
}

/// The options of `export`, as given.
pub(super) struct ExportArgs<'a> {
    pub(super) file: &'a Path,
    pub(super) output: &'a Path,
    pub(super) format: Option<ExportFormat>,
    pub(super) scale: Option<u32>,
    pub(super) theme: Option<Theme>,
    pub(super) no_insights: bool,
    pub(super) no_legend: bool,
    pub(super) notes: bool,
    pub(super) layout: Option<LayoutArg>,
    pub(super) page: Option<PageArg>,
    pub(super) stages: Option<&'a str>,
    pub(super) cards: Option<&'a str>,
    pub(super) force: bool,
}

/// Runs `export`; true on success.
pub(super) fn export(args: &ExportArgs<'_>) -> bool {
    match try_export(args) {
        Ok(()) => true,
        Err(message) => {
            error(&message);
            false
        }
    }
}

fn try_export(args: &ExportArgs<'_>) -> Result<(), String> {
    let to = Destination::from_arg(args.output);
    let format = export_format(&to, args.format)?;
    let picture = match format {
        ExportFormat::Png => Some(crate::export::Format::Png),
        ExportFormat::Svg => Some(crate::export::Format::Svg),
        ExportFormat::Pdf => Some(crate::export::Format::Pdf),
        ExportFormat::Csv | ExportFormat::Mermaid => None,
    };
    if picture.is_none() {
        let picture_only = [
            ("--scale", args.scale.is_some()),
            ("--theme", args.theme.is_some()),
            ("--no-insights", args.no_insights),
            ("--no-legend", args.no_legend),
            ("--notes", args.notes),
            ("--layout", args.layout.is_some()),
            ("--page", args.page.is_some()),
        ];
        if let Some((option, _)) = picture_only.iter().find(|(_, given)| *given) {
            return Err(format!(
                "{option} applies to pictures (PNG, SVG, PDF) only, not to {} output; leave it \
                 out",
                if format == ExportFormat::Csv {
                    "CSV"
                } else {
                    "Mermaid"
                }
            ));
        }
    }
    guard_output(&to, &[args.file], false, args.force)?;
    // Only a picture needs a bundle's pictures unpacked.
    let document = if picture.is_some() {
        file::load_document(args.file)
    } else {
        file::load(args.file).map(|project| file::Document {
            project,
            bundle: None,
        })
    }
    .map_err(|e| e.to_string())?;
    let scope = match (args.stages, args.cards) {
        (Some(stages), _) => crate::export::scope::parse_stages(&document.project, stages),
        (None, Some(cards)) => crate::export::scope::parse_cards(&document.project, cards),
        (None, None) => Ok(crate::export::scope::Scope::All),
    }
    .map_err(|e| format!("{}: {e}", args.file.display()))?;
    let project = &*crate::export::scope::scoped(&document.project, &scope)
        .map_err(|e| format!("{}: {e}", args.file.display()))?;
    let written = |detail: String| status(&to, &format!("wrote {}{detail}", to.display()));
    match format {
        ExportFormat::Csv | ExportFormat::Mermaid => {
            let text = if format == ExportFormat::Csv {
                let csv = crate::interchange::csv_sheet::to_csv(project);
                // The byte-order mark is for spreadsheet programs opening a file; a script
                // reading standard output gets plain UTF-8.
                match to {
                    Destination::Stdout => csv.trim_start_matches('\u{feff}').to_owned(),
                    Destination::Path(_) => csv,
                }
            } else {
                crate::interchange::mermaid::to_mermaid(project)
            };
            to.write(text.as_bytes()).map_err(|e| e.to_string())?;
            written(String::new());
        }
        ExportFormat::Png | ExportFormat::Svg | ExportFormat::Pdf => {
            let picture = picture.unwrap_or_default();
            if picture != crate::export::Format::Svg
                && to == Destination::Stdout
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                return Err(format!(
                    "standard output is a terminal, where a {name} would show as garbage; \
                     redirect it (> board.{ext}), pipe it, or use -o board.{ext}",
                    name = picture.label(),
                    ext = picture.extension(),
                ));
            }
            let options = crate::export::ExportOptions {
                scale: args.scale.unwrap_or(1),
                theme: match args.theme.unwrap_or(Theme::Light) {
                    Theme::Light => crate::board::BoardTheme::Light,
                    Theme::Dark => crate::board::BoardTheme::Dark,
                },
                insights: !args.no_insights,
                legend: !args.no_legend,
                notes: args.notes,
                layout: match args.layout.unwrap_or(LayoutArg::Map) {
                    LayoutArg::Map => crate::export::Layout::Map,
                    LayoutArg::Storyboard => crate::export::Layout::Storyboard,
                },
            };
            let folder = document.folder(args.file);
            if let Some(page) = args.page {
                if args.notes {
                    return Err(
                        "--notes lists the notes under one whole picture, and pages have no \
                         room for them: leave out --notes or --page"
                            .to_owned(),
                    );
                }
                let Destination::Path(out) = &to else {
                    return Err(
                        "--page writes a file per page (or one PDF): name the output file \
                         instead of standard output"
                            .to_owned(),
                    );
                };
                let size = match page {
                    PageArg::Wide => crate::board::PageSize::Wide,
                    PageArg::Standard => crate::board::PageSize::Standard,
                    PageArg::A4 => crate::board::PageSize::A4,
                    PageArg::A3 => crate::board::PageSize::A3,
                };
                let pages =
                    crate::export::write_pages(project, options, folder, picture, size, out)
                        .map_err(|e| e.to_string())?;
                for warning in &pages.outcome.warnings {
                    eprintln!("warning: {}", for_terminal(warning));
                }
                status(&to, &format!("wrote {}", pages.describe()));
                return Ok(());
            }
            let outcome = crate::export::write(project, options, folder, picture, &to)
                .map_err(|e| e.to_string())?;
            for warning in &outcome.warnings {
                eprintln!("warning: {}", for_terminal(warning));
            }
            let size = outcome.size;
            written(match picture {
                crate::export::Format::Png => format!(
                    " ({} × {} pixels)",
                    crate::convert::ceil_to_u64(size.x * outcome.scale).max(1),
                    crate::convert::ceil_to_u64(size.y * outcome.scale).max(1)
                ),
                crate::export::Format::Svg | crate::export::Format::Pdf => format!(
                    " ({} × {} points)",
                    crate::convert::ceil_to_u64(size.x * outcome.scale).max(1),
                    crate::convert::ceil_to_u64(size.y * outcome.scale).max(1)
                ),
            });
        }
    }
    Ok(())
}
