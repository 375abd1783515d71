//! The lane map or the storyboard cut into pages: one PDF, or numbered PNG or SVG files.

use std::path::Path;

use super::{
    ExportError, ExportOptions, Format, Layout, Outcome, Sheet, encode_png_carrying, paint,
    rasterize, vector_sheets,
};
use crate::board::{self, PageSize};
use crate::model::Project;

/// What every page of a lane map cut into pages paints from, worked out once.
pub(super) struct PagesShared {
    /// The board's cards and routes.
    pub(super) index: board::BoardIndex,
    /// The moments of truth to outline, with insights.
    pub(super) highlighted: Option<std::collections::HashSet<crate::model::TouchpointId>>,
}

/// What [`write_pages`] wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pages {
    /// Warnings and scale.
    pub outcome: Outcome,
    /// The files: one PDF, or a PNG or SVG per page.
    pub files: Vec<std::path::PathBuf>,
    /// How many pages.
    pub count: usize,
}

impl Pages {
    /// What was written, for a status line: "deck.pdf (7 pages)" or
    /// "12 pages: deck-01.png … deck-12.png".
    pub fn describe(&self) -> String {
        match self.files.as_slice() {
            [one] => format!(
                "{} ({})",
                one.display(),
                crate::plural::count(self.count, "page", "pages")
            ),
            [first, .., last] => format!(
                "{} pages: {} … {}",
                self.files.len(),
                first.display(),
                last.display()
            ),
            [] => "no pages".to_owned(),
        }
    }
}

/// Writes the lane map or the storyboard cut into pages of `size` (the lane map by whole
/// stages and bands of rows, the storyboard by whole rows of frames): one PDF with a page
/// each, or numbered PNG or SVG files beside `out` (`board.png` → `board-01.png`,
/// `board-02.png` …). Each file is written atomically.
pub fn write_pages(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    format: Format,
    size: PageSize,
    out: &Path,
) -> Result<Pages, ExportError> {
    let sheets = sheets(project, options, size)?;
    if format == Format::Pdf {
        let (outcome, bytes) = vector_sheets(
            project,
            options,
            project_folder,
            format,
            &sheets,
            super::pdf::Standard::Ua1,
        )?;
        crate::file::Destination::Path(out.to_owned()).write(&bytes)?;
        return Ok(Pages {
            outcome,
            files: vec![out.to_owned()],
            count: sheets.len(),
        });
    }
    let digits = sheets.len().to_string().len().max(2);
    let stem = out
        .file_stem()
        .map_or_else(|| "board".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut outcome = Outcome {
        warnings: Vec::new(),
        scale: crate::convert::f32_from_u32(options.scale),
        size: egui::Vec2::ZERO,
    };
    let mut written = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let name = format!("{stem}-{:0digits$}.{}", i + 1, format.extension());
        let path = out.with_file_name(name);
        let (one, bytes) = match format {
            Format::Png => {
                let mut painted = paint(project, options, project_folder, false, sheet)?;
                let rendered = rasterize(&mut painted, options);
                let (bytes, warning) = encode_png_carrying(project, &rendered.image)?;
                let mut warnings = rendered.warnings;
                warnings.extend(warning);
                (
                    Outcome {
                        warnings,
                        scale: rendered.scale,
                        size: rendered.size,
                    },
                    bytes,
                )
            }
            Format::Svg | Format::Pdf => vector_sheets(
                project,
                options,
                project_folder,
                format,
                std::slice::from_ref(sheet),
                super::pdf::Standard::Ua1,
            )?,
        };
        if outcome.size == egui::Vec2::ZERO {
            outcome.size = one.size;
        }
        for warning in one.warnings {
            if !outcome.warnings.contains(&warning) {
                outcome.warnings.push(warning);
            }
        }
        crate::file::Destination::Path(path.clone()).write(&bytes)?;
        written.push(path);
    }
    let left = left_over(out, &stem, format, &written);
    if let (Some(first), Some(last)) = (left.first(), left.last()) {
        let names = if left.len() == 1 {
            first.clone()
        } else {
            format!("{first} … {last} ({} files)", left.len())
        };
        outcome.warnings.push(format!(
            "{names} beside the new pages {} numbered like pages of an earlier export and \
             {} not part of this one: delete {} before sending the folder",
            if left.len() == 1 { "is" } else { "are" },
            if left.len() == 1 { "is" } else { "are" },
            if left.len() == 1 { "it" } else { "them" },
        ));
    }
    Ok(Pages {
        outcome,
        files: written,
        count: sheets.len(),
    })
}

/// The names of numbered pages beside `out` (`stem-NN.ext`, two digits or more) that are
/// not among those just `written`: an earlier export's, which this one did not overwrite
/// (more pages, or numbered with more digits). A folder that cannot be listed gives none
/// (the pages themselves were written).
fn left_over(
    out: &Path,
    stem: &str,
    format: Format,
    written: &[std::path::PathBuf],
) -> Vec<String> {
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let suffix = format!(".{}", format.extension());
    let prefix = format!("{stem}-");
    let mut left: Vec<(usize, String)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| {
            let digits = name.strip_prefix(&prefix)?.strip_suffix(&suffix)?;
            let number: usize = (digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())??;
            let ours = written
                .iter()
                .any(|w| w.file_name().is_some_and(|n| *n == *name));
            (!ours).then_some((number, name))
        })
        .collect();
    left.sort_unstable();
    left.into_iter().map(|(_, name)| name).collect()
}

/// The first page of the lane map or storyboard cut into pages of `size`, rendered as
/// its PNG would be (for the export dialog's preview).
pub fn render_first_page(
    project: &Project,
    options: ExportOptions,
    project_folder: Option<&Path>,
    size: PageSize,
) -> Result<super::Rendered, ExportError> {
    let sheets = sheets(project, options, size)?;
    let first = sheets
        .first()
        .ok_or_else(|| ExportError::Pages("there are no pages".to_owned()))?;
    let mut painted = paint(project, options, project_folder, false, first)?;
    Ok(rasterize(&mut painted, options))
}

/// The sheets, one per page, of the lane map or storyboard cut into pages of `size`.
fn sheets(
    project: &Project,
    options: ExportOptions,
    size: PageSize,
) -> Result<Vec<Sheet>, ExportError> {
    Ok(match options.layout {
        Layout::Map => {
            let index = board::BoardIndex::new(project);
            let pages = board::pages_of(project, &index, size, options.poster());
            if pages.is_empty() {
                return Err(ExportError::Pages(
                    "the journey has no stages, so there are no lanes to cut into pages; add \
                     a stage (Project tab) first"
                        .to_owned(),
                ));
            }
            let shared = std::sync::Arc::new(PagesShared {
                index,
                highlighted: options
                    .insights
                    .then(|| crate::analysis::moments(project).highlighted()),
            });
            pages
                .into_iter()
                .map(|page| Sheet::Page(size, page, std::sync::Arc::clone(&shared)))
                .collect()
        }
        Layout::Storyboard if board::storyboard_fits(size) => {
            board::storyboard_pages(project, size)
                .into_iter()
                .map(|page| Sheet::StoryPage(size, page))
                .collect()
        }
        Layout::Storyboard => {
            return Err(ExportError::Pages(format!(
                "a row of storyboard frames is wider than the page ({}); use --page 16:9 or \
                 a3 for the storyboard, or the lane map (--layout map)",
                size.label()
            )));
        }
    })
}
