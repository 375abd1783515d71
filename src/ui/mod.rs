//! The editor window: an app shell (menu bar, shortcuts and command palette, all made from
//! one action table; dialogs; the status line) around components — canvas, inspector,
//! project panel, insights — that read the session and return what the user asked for as
//! intents. The app applies them at the end of each frame; nothing here changes the
//! project except through the session's commands.

pub mod actions;
mod app;
mod canvas;
mod command_palette;
pub mod dialogs;
mod drop;
mod export_dialog;
mod fields;
mod file_flow;
mod insights_panel;
mod inspector;
pub mod intent;
mod menus;
mod modals;
mod pictures;
mod project_panel;
mod scoring;

use std::path::PathBuf;

use crate::board::BoardTheme;

pub use crate::session::{AUTOSAVE_SECONDS, Selection};
pub use app::JourneyboardApp;
pub use dialogs::{DialogAnswer, FileDialogs, NoDialogs, RfdDialogs};
pub use pictures::PicturesStatus;

/// How many files "Open Recent" remembers.
const MAX_RECENT: usize = 10;

/// Settings kept between runs (window size and panel widths are kept by eframe/egui).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Dark board and UI.
    pub dark: bool,
    /// Highlight moments of truth on the board.
    pub highlight_moments: bool,
    /// The export dialog's last choices, offered again for a project with none of its
    /// own.
    pub export: ExportChoices,
    /// The export dialog's last choices for each project file, newest first.
    pub export_by_project: Vec<(PathBuf, ExportChoices)>,
}

/// What the export dialog writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExportKind {
    /// A picture: PNG, SVG or PDF.
    #[default]
    Picture,
    /// The touchpoints as a CSV sheet.
    Csv,
    /// The journey as a Mermaid diagram.
    Mermaid,
}

/// What the picture export dialog was last set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    /// Pixels per board point, 1–4.
    pub scale: u32,
    /// A dark picture.
    pub dark: bool,
    /// With the emotion curve and the moments of truth.
    pub insights: bool,
    /// With the legend; `None` in settings written before it was a choice of its own, when
    /// insights brought the legend with them, so it follows `insights`.
    #[serde(default)]
    pub legend: Option<bool>,
    /// With the touchpoints' notes listed under the picture.
    pub notes: bool,
    /// The storyboard's frames instead of the lane map.
    pub storyboard: bool,
    /// PNG, SVG or PDF.
    pub format: crate::export::Format,
    /// Cut the lane map into pages of this size (None: one picture).
    pub page: Option<crate::board::PageSize>,
    /// A picture, CSV or Mermaid.
    pub kind: ExportKind,
}

impl Default for ExportChoices {
    fn default() -> Self {
        Self::from(crate::export::ExportOptions::default())
    }
}

impl From<crate::export::ExportOptions> for ExportChoices {
    fn from(options: crate::export::ExportOptions) -> Self {
        Self {
            scale: options.scale,
            dark: options.theme == BoardTheme::Dark,
            insights: options.insights,
            legend: Some(options.legend),
            notes: options.notes,
            storyboard: options.layout == crate::export::Layout::Storyboard,
            format: crate::export::Format::Png,
            page: None,
            kind: ExportKind::Picture,
        }
    }
}

impl From<ExportChoices> for crate::export::ExportOptions {
    fn from(choices: ExportChoices) -> Self {
        Self {
            // A settings file edited by hand may hold any number.
            scale: choices.scale.clamp(1, 4),
            theme: board_theme(choices.dark),
            insights: choices.insights,
            legend: choices.legend.unwrap_or(choices.insights),
            notes: choices.notes,
            layout: if choices.storyboard {
                crate::export::Layout::Storyboard
            } else {
                crate::export::Layout::Map
            },
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    fn remember_recent(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Switches egui's visuals between light and dark.
pub fn apply_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

/// The board theme matching the editor's.
fn board_theme(dark: bool) -> BoardTheme {
    if dark {
        BoardTheme::Dark
    } else {
        BoardTheme::Light
    }
}

/// eframe's wrapper: persistence and the window.
pub struct EframeApp {
    /// The editor.
    pub app: JourneyboardApp,
}

const SETTINGS_KEY: &str = "journeyboard_settings";

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self.app.settings());
    }
}

/// Adds the fallback fonts for other scripts to `ctx`, once per context (the first pass
/// lays out nothing before it, so even the first frame has every script).
fn install_fonts_once(ctx: &egui::Context) {
    let id = egui::Id::unique("journeyboard-fallback-fonts");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        ctx.data_mut(|d| d.insert_temp(id, true));
        crate::fonts::install(ctx);
    }
}

/// Where autosaves of never-saved projects go.
pub fn default_recovery_dir() -> PathBuf {
    eframe::storage_dir("Journeyboard")
        .unwrap_or_else(std::env::temp_dir)
        .join("recovery")
}

/// Opens the editor window, optionally on a file. Blocks until the window closes.
pub fn run_native(path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Journeyboard")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        // Journeyboard's own provider (fonts::install) finds fonts for other scripts.
        system_font_fallback: false,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Journeyboard",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            apply_theme(&cc.egui_ctx, settings.dark);
            let mut app =
                JourneyboardApp::new(Box::new(RfdDialogs), settings, default_recovery_dir());
            if let Some(path) = &path {
                app.open_path(path);
            }
            Ok(Box::new(EframeApp { app }))
        }),
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::ExportChoices;

    /// Export choices saved before the legend was a choice of its own: insights brought
    /// the legend with them, and still do; saved now, the legend is a choice.
    #[test]
    fn older_export_choices_keep_the_legend_with_insights() {
        for (saved, legend) in [
            (
                "(scale: 2, dark: false, insights: false, storyboard: false)",
                false,
            ),
            (
                "(scale: 2, dark: false, insights: true, storyboard: false)",
                true,
            ),
            ("(insights: true, legend: Some(false))", false),
        ] {
            let choices: ExportChoices = ron::from_str(saved).unwrap_or_else(|e| panic!("{e}"));
            let options = crate::export::ExportOptions::from(choices);
            assert_eq!(options.legend, legend, "{saved}");
            assert!(!options.notes, "{saved}");
        }
    }
}
