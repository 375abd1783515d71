//! Journeys in and out of other tools: CSV sheets and Mermaid `journey` diagrams.

pub mod csv_sheet;
pub mod mermaid;

use std::path::{Path, PathBuf};

use crate::model::Project;

/// A project built from another format, with what the user should know.
pub struct Imported {
    /// The new project.
    pub project: Project,
    /// Things ignored or assumed (e.g. unknown columns).
    pub warnings: Vec<String>,
}

/// Why an import stopped. Nothing is written when it fails.
#[derive(Debug, thiserror::Error)]
#[error("{}line {line}: {message}", file.as_ref().map(|f| format!("{}: ", f.display())).unwrap_or_default())]
pub struct ImportError {
    /// The file, once known.
    pub file: Option<PathBuf>,
    /// 1-based line (for CSV, the row as spreadsheets number it: header = 1).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    pub(crate) fn at(line: usize, message: String) -> Self {
        Self {
            file: None,
            line,
            message,
        }
    }
}

/// The formats Journeyboard imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated touchpoint rows.
    Csv,
    /// Mermaid `journey` diagram.
    Mermaid,
}

impl Format {
    /// The format a file name suggests (`.csv`; `.mmd`, `.mermaid`, `.md`).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_string_lossy().to_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "mmd" | "mermaid" | "md" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

/// Reads a CSV or Mermaid file into a new project titled after the file.
pub fn import_file(path: &Path, format: Format) -> Result<Imported, ImportError> {
    let with_file = |mut e: ImportError| {
        e.file = Some(path.to_owned());
        e
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| with_file(ImportError::at(1, format!("cannot read the file: {e}"))))?;
    let title = path.file_stem().map_or_else(
        || "Imported journey".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    match format {
        Format::Csv => csv_sheet::from_csv(&text, &title),
        Format::Mermaid => mermaid::from_mermaid(&text, &title),
    }
    .map_err(with_file)
}
