//! Native file dialogs behind a small trait, so tests never open one.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The file dialogs the editor needs.
pub trait FileDialogs {
    /// Asks for a project file to open.
    fn open_project(&mut self) -> Option<PathBuf>;
    /// Asks where to save the project.
    fn save_project(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Asks for a storyboard picture.
    fn pick_picture(&mut self) -> Option<PathBuf>;
    /// Asks where to write an exported PNG.
    fn save_png(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Asks for a CSV sheet or Mermaid diagram to import.
    fn pick_import(&mut self) -> Option<PathBuf>;
    /// Asks where to write an exported text file (`kind` like "CSV", `extension` like "csv").
    fn save_text(&mut self, kind: &str, extension: &str, suggested_name: &str) -> Option<PathBuf>;
}

/// The platform's dialogs, through `rfd` (desktop portal or zenity on Linux).
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn open_project(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open journey")
            .add_filter("Journeyboard project", &["ron", "png"])
            .pick_file()
    }

    fn save_project(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save journey")
            .add_filter("Journeyboard project", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_picture(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Choose a storyboard picture")
            .add_filter("Images", &["png", "jpg", "jpeg", "gif", "webp", "bmp"])
            .pick_file()
    }

    fn pick_import(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import touchpoints")
            .add_filter(
                "CSV sheet or Mermaid journey",
                &["csv", "mmd", "mermaid", "md"],
            )
            .pick_file()
    }

    fn save_text(&mut self, kind: &str, extension: &str, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(format!("Export {kind}"))
            .add_filter(kind, &[extension])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn save_png(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export storyboard as PNG")
            .add_filter("PNG image", &["png"])
            .set_file_name(suggested_name)
            .save_file()
    }
}

/// Dialogs that answer from a script: each call takes the next queued answer, or
/// `None` (as if cancelled). For tests and headless use.
#[derive(Clone, Default)]
pub struct NoDialogs {
    answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
}

impl NoDialogs {
    /// Queues the answer the next dialog will give.
    pub fn push_answer(&self, answer: Option<PathBuf>) {
        if let Ok(mut q) = self.answers.lock() {
            q.push_back(answer);
        }
    }

    fn next(&self) -> Option<PathBuf> {
        self.answers
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .flatten()
    }
}

impl FileDialogs for NoDialogs {
    fn open_project(&mut self) -> Option<PathBuf> {
        self.next()
    }

    fn save_project(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        self.next()
    }

    fn pick_picture(&mut self) -> Option<PathBuf> {
        self.next()
    }

    fn save_png(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        self.next()
    }

    fn pick_import(&mut self) -> Option<PathBuf> {
        self.next()
    }

    fn save_text(
        &mut self,
        _kind: &str,
        _extension: &str,
        _suggested_name: &str,
    ) -> Option<PathBuf> {
        self.next()
    }
}
