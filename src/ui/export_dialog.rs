//! File → Export…: one dialog for every export. Format (PNG, SVG, PDF, CSV, Mermaid),
//! what part of the journey (all of it, a run of stages, the selected cards), and for
//! pictures the layout, size, theme, what to include and pages. Its choices are remembered for
//! each project file, and app-wide for new projects.

use std::path::{Path, PathBuf};

use super::{ExportChoices, ExportKind, JourneyboardApp, board_theme};
use crate::board::{BoardTheme, PageSize};
use crate::export::scope::Scope;
use crate::export::{ExportOptions, Format, Layout};

/// Most project files whose export choices are remembered.
const REMEMBERED_PROJECTS: usize = 30;

/// Which part of the journey the dialog exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Show {
    All,
    /// A run of stages, first and last (from 0).
    Stages(usize, usize),
    Selected,
}

/// The export dialog's state while it is open.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ExportDialog {
    pub(super) options: ExportOptions,
    pub(super) format: Format,
    pub(super) kind: ExportKind,
    pub(super) page: Option<PageSize>,
    pub(super) show: Show,
}

/// What the dialog asked to export, once closed with "Export…".
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ExportRequest {
    pub(super) options: ExportOptions,
    pub(super) format: Format,
    pub(super) kind: ExportKind,
    pub(super) page: Option<PageSize>,
    pub(super) scope: Scope,
}

impl ExportDialog {
    fn from_choices(choices: ExportChoices) -> Self {
        Self {
            options: choices.into(),
            format: choices.format,
            kind: choices.kind,
            page: choices.page,
            show: Show::All,
        }
    }

    fn choices(&self) -> ExportChoices {
        let mut choices = ExportChoices::from(self.options);
        choices.format = self.format;
        choices.kind = self.kind;
        choices.page = self.page;
        choices
    }
}

/// The file's own name for remembering, the same however it was reached.
fn remembered_name(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

impl JourneyboardApp {
    /// The export dialog as last used for this project file, or as last used at all.
    pub(super) fn open_export_dialog(&mut self) -> ExportDialog {
        let own = self.session.path().map(remembered_name).and_then(|path| {
            self.settings
                .export_by_project
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, c)| *c)
        });
        ExportDialog::from_choices(own.unwrap_or(self.settings.export))
    }

    /// Remembers the dialog's choices for this project file and for new ones.
    pub(super) fn remember_export(&mut self, dialog: &ExportDialog) {
        let choices = dialog.choices();
        self.settings.export = choices;
        if let Some(path) = self.session.path().map(remembered_name) {
            let list = &mut self.settings.export_by_project;
            list.retain(|(p, _)| *p != path);
            list.insert(0, (path, choices));
            list.truncate(REMEMBERED_PROJECTS);
        }
    }

    /// The dialog's controls; the request once "Export…" is pressed, `Err(())` once
    /// "Cancel" is.
    pub(super) fn export_dialog_ui(
        &mut self,
        ui: &mut egui::Ui,
        dialog: &mut ExportDialog,
    ) -> Option<Result<ExportRequest, ()>> {
        ui.heading("Export");
        ui.label("Format");
        ui.horizontal_wrapped(|ui| {
            for (kind, format, label, hint) in [
                (
                    ExportKind::Picture,
                    Format::Png,
                    "PNG",
                    "A picture for slides and chat; it reopens as the project",
                ),
                (
                    ExportKind::Picture,
                    Format::Svg,
                    "SVG",
                    "Vector with real text, for the web, Figma, Illustrator, Inkscape",
                ),
                (
                    ExportKind::Picture,
                    Format::Pdf,
                    "PDF",
                    "Vector to print and send: fonts embedded, text selectable",
                ),
                (
                    ExportKind::Csv,
                    dialog.format,
                    "CSV",
                    "The touchpoints as a sheet, one row each, for spreadsheets",
                ),
                (
                    ExportKind::Mermaid,
                    dialog.format,
                    "Mermaid",
                    "The journey as a Mermaid diagram, for docs and wikis",
                ),
            ] {
                let on =
                    dialog.kind == kind && (kind != ExportKind::Picture || dialog.format == format);
                if ui.radio(on, label).on_hover_text(hint).clicked() {
                    dialog.kind = kind;
                    dialog.format = format;
                }
            }
        });
        self.show_ui(ui, dialog);
        let picture = dialog.kind == ExportKind::Picture;
        if picture {
            picture_options_ui(ui, dialog);
        }
        let scope = self.scope_of(dialog.show);
        if picture {
            let page = dialog
                .page
                .filter(|s| page_offered(dialog.options.layout, *s));
            self.preview_ui(ui, dialog.options, page, &scope);
        }
        // What the dialog says of the part, worked out again only when a choice or the
        // journey changes (a part is a copy of the project, and pages route the board).
        let key = (
            dialog.options,
            dialog.format,
            dialog.kind,
            dialog.page,
            scope.clone(),
            self.session.revision(),
        );
        if self.export_note.as_ref().is_none_or(|n| n.key != key) {
            let said = crate::export::scope::scoped(self.session.project(), &scope)
                .map(|project| {
                    if picture {
                        size_lines(dialog, &project)
                    } else {
                        vec![(
                            crate::plural::count(
                                project.touchpoint_count(),
                                "touchpoint",
                                "touchpoints",
                            ),
                            false,
                        )]
                    }
                })
                .map_err(|e| e.to_string());
            self.export_note = Some(PartNote { key, said });
        }
        let part_ok = match self.export_note.as_ref().map(|n| &n.said) {
            Some(Ok(lines)) => {
                for (line, warn) in lines {
                    if *warn {
                        ui.colored_label(ui.visuals().warn_fg_color, line);
                    } else {
                        ui.weak(line);
                    }
                }
                true
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().warn_fg_color, e);
                false
            }
            None => false,
        };
        let mut closed: Option<Result<ExportRequest, ()>> = None;
        ui.horizontal(|ui| {
            let export = ui.add_enabled(part_ok, egui::Button::new("Export…"));
            if export.clicked() {
                let page = dialog
                    .page
                    .filter(|s| page_offered(dialog.options.layout, *s) && picture);
                closed = Some(Ok(ExportRequest {
                    options: dialog.options,
                    format: dialog.format,
                    kind: dialog.kind,
                    page,
                    scope: scope.clone(),
                }));
            }
            if ui.button("Cancel").clicked() {
                closed = Some(Err(()));
            }
        });
        if closed.is_some() {
            self.export_preview = None;
            self.export_note = None;
        }
        closed
    }

    /// The part of the journey the dialog's choice names.
    fn scope_of(&self, show: Show) -> Scope {
        match show {
            Show::All => Scope::All,
            Show::Stages(first, last) => Scope::Stages { first, last },
            Show::Selected => Scope::Cards(
                self.session
                    .selection()
                    .touchpoints
                    .iter()
                    .copied()
                    .collect(),
            ),
        }
    }

    /// "Show": the whole journey, a run of stages, or the selected cards.
    fn show_ui(&self, ui: &mut egui::Ui, dialog: &mut ExportDialog) {
        let project = self.session.project();
        let stages = project.stages();
        let last_stage = stages.len().saturating_sub(1);
        ui.label("Show");
        ui.radio_value(&mut dialog.show, Show::All, "The whole journey");
        ui.horizontal(|ui| {
            let (mut first, mut last) = match dialog.show {
                Show::Stages(first, last) => (first, last),
                _ => (0, last_stage),
            };
            let on = matches!(dialog.show, Show::Stages(..));
            if ui.radio(on, "Stages").clicked() {
                dialog.show = Show::Stages(first, last);
            }
            let before = (first, last);
            stage_picker(ui, "First stage", stages, &mut first);
            ui.label("to");
            stage_picker(ui, "Last stage", stages, &mut last);
            if (first, last) != before {
                // Choosing a stage chooses "Stages"; the run never goes backwards.
                if first != before.0 && last < first {
                    last = first;
                } else if last < first {
                    first = last;
                }
                dialog.show = Show::Stages(first, last);
            }
        });
        let selected = self.session.selection().touchpoints.len();
        ui.add_enabled_ui(selected > 0, |ui| {
            ui.radio_value(
                &mut dialog.show,
                Show::Selected,
                format!(
                    "Selected cards only ({})",
                    crate::plural::count(selected, "card", "cards")
                ),
            )
        });
        if selected == 0 && dialog.show == Show::Selected {
            dialog.show = Show::All;
        }
    }
}

/// What the dialog says of a picture of `project` (the part exported): its size in pixels
/// or points, or its pages, each line with whether it is a warning.
fn size_lines(dialog: &ExportDialog, project: &crate::model::Project) -> Vec<(String, bool)> {
    let options = dialog.options;
    let mut lines = Vec::new();
    let page_size = dialog.page.filter(|s| page_offered(options.layout, *s));
    if let Some(size) = page_size {
        let count = match options.layout {
            Layout::Map => crate::board::pages(project, size, options.poster()).len(),
            Layout::Storyboard => crate::board::storyboard_pages(project, size).len(),
        };
        let what = if dialog.format == Format::Pdf {
            "one PDF with a page each"
        } else {
            "numbered files beside the name you choose"
        };
        lines.push((
            format!("{}, {what}", crate::plural::count(count, "page", "pages")),
            false,
        ));
        return lines;
    }
    let size = crate::export::picture_size(project, options);
    let requested = crate::convert::f32_from_u32(options.scale);
    let scale = crate::export::fitting_scale(size, requested);
    let pixels = size * scale;
    if dialog.format != Format::Png {
        let page = crate::export::pdf::MAX_PAGE_SIDE;
        let shrink = (page / size.x.max(size.y)).min(1.0);
        if dialog.format == Format::Pdf && shrink < 1.0 {
            lines.push((
                format!(
                    "Larger than a PDF page may be: the page shows it at {:.0} %",
                    shrink * 100.0
                ),
                true,
            ));
        } else {
            lines.push((
                format!(
                    "{:.0} × {:.0} points, vector (the size sets how sharp pictures are)",
                    size.x.ceil(),
                    size.y.ceil()
                ),
                false,
            ));
        }
    } else if scale < requested {
        lines.push((
            format!(
                "Too large at this size: made at scale {scale:.2}, {:.0} × {:.0} pixels",
                pixels.x.ceil(),
                pixels.y.ceil()
            ),
            true,
        ));
    } else {
        lines.push((
            format!("{:.0} × {:.0} pixels", pixels.x.ceil(), pixels.y.ceil()),
            false,
        ));
    }
    if options.layout == Layout::Map && crate::board::has_link_labels(project) {
        lines.push((
            "Taller by a list of any link labels with no room on the board".to_owned(),
            false,
        ));
    }
    lines
}

/// What the dialog says of the part it would export, kept until a choice or the journey
/// changes.
pub(super) struct PartNote {
    key: (
        ExportOptions,
        Format,
        ExportKind,
        Option<PageSize>,
        Scope,
        (u64, u64),
    ),
    /// Lines to show (each with whether it is a warning), or why the part cannot be
    /// exported.
    said: Result<Vec<(String, bool)>, String>,
}

/// Journeys with more touchpoints than this get no preview: it would take a while.
const PREVIEW_MOST: usize = 300;
/// The preview's width in points.
const PREVIEW_WIDTH: f32 = 420.0;

/// The export dialog's picture of what it will export, small.
pub(super) struct Preview {
    /// What it shows: the options, the pages, the part, the document's revision.
    key: (ExportOptions, Option<PageSize>, Scope, (u64, u64)),
    /// The picture, or why there is none.
    shown: Result<egui::TextureHandle, String>,
}

impl JourneyboardApp {
    /// A small picture of the export (the whole picture, or with pages the first page),
    /// made again when the choices or the journey change.
    fn preview_ui(
        &mut self,
        ui: &mut egui::Ui,
        options: ExportOptions,
        page: Option<PageSize>,
        scope: &Scope,
    ) {
        let key = (options, page, scope.clone(), self.session.revision());
        if self.export_preview.as_ref().is_none_or(|p| p.key != key) {
            let shown = self.make_preview(ui.ctx(), options, page, scope);
            self.export_preview = Some(Preview { key, shown });
        }
        match self.export_preview.as_ref().map(|p| &p.shown) {
            Some(Ok(texture)) => {
                let size = texture.size_vec2();
                let scale = (PREVIEW_WIDTH / size.x).min(240.0 / size.y).min(1.0);
                let alt = if page.is_some() {
                    "Preview of the export's first page"
                } else {
                    "Preview of the export"
                };
                ui.add(egui::Image::new((texture.id(), size * scale)).alt_text(alt));
            }
            Some(Err(why)) => {
                ui.weak(why.as_str());
            }
            None => {}
        }
    }

    fn make_preview(
        &self,
        ctx: &egui::Context,
        options: ExportOptions,
        page: Option<PageSize>,
        scope: &Scope,
    ) -> Result<egui::TextureHandle, String> {
        let part = crate::export::scope::scoped(self.session.project(), scope)
            .map_err(|e| e.to_string())?;
        if part.touchpoint_count() > PREVIEW_MOST {
            return Err(format!(
                "No preview for more than {PREVIEW_MOST} touchpoints (it would take a while)"
            ));
        }
        let options = ExportOptions {
            scale: 1,
            ..options
        };
        let folder = self.session.folder();
        let rendered = match page {
            Some(size) => crate::export::render_first_page(&part, options, folder, size),
            None => crate::export::render(&part, options, folder),
        }
        .map_err(|e| format!("No preview: {e}"))?;
        let image = rendered.image;
        let scale =
            (2.0 * PREVIEW_WIDTH / crate::convert::f32_from_u32(image.width().max(1))).min(1.0);
        let (width, height) = (
            crate::convert::round_to_u32(crate::convert::f32_from_u32(image.width()) * scale)
                .max(1),
            crate::convert::round_to_u32(crate::convert::f32_from_u32(image.height()) * scale)
                .max(1),
        );
        let small =
            image::imageops::resize(&image, width, height, image::imageops::FilterType::Triangle);
        let pixels = egui::ColorImage::from_rgba_unmultiplied(
            [
                crate::convert::usize_from_u32(width),
                crate::convert::usize_from_u32(height),
            ],
            small.as_raw(),
        );
        Ok(ctx.load_texture("export-preview", pixels, egui::TextureOptions::LINEAR))
    }
}

/// A drop-down of the stages, by name, choosing `chosen`; `label` names it for screen
/// readers and tests.
fn stage_picker(
    ui: &mut egui::Ui,
    label: &str,
    stages: &[crate::model::Stage],
    chosen: &mut usize,
) {
    let name = |i: usize| stages.get(i).map_or("", |s| s.name.as_str()).to_owned();
    egui::ComboBox::from_id_salt(("export_stage", label))
        .selected_text(name(*chosen))
        .show_ui(ui, |ui| {
            for i in 0..stages.len() {
                ui.selectable_value(chosen, i, name(i));
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
}

/// Whether pages of `size` are offered for `layout`: the storyboard's rows are too wide
/// for 4:3 and A4 pages.
fn page_offered(layout: Layout, size: PageSize) -> bool {
    layout == Layout::Map || crate::board::storyboard_fits(size)
}

/// Layout, size, theme, what to include and pages.
fn picture_options_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog) {
    let options = &mut dialog.options;
    ui.label("Layout");
    ui.horizontal(|ui| {
        ui.radio_value(&mut options.layout, Layout::Map, "Lane map");
        ui.radio_value(&mut options.layout, Layout::Storyboard, "Storyboard frames");
    });
    ui.label("Size");
    ui.horizontal(|ui| {
        for (scale, label) in [
            (1, "1× screen"),
            (2, "2× slides"),
            (3, "3×"),
            (4, "4× print"),
        ] {
            ui.radio_value(&mut options.scale, scale, label);
        }
    });
    let mut dark = options.theme == BoardTheme::Dark;
    ui.checkbox(&mut dark, "Dark theme");
    options.theme = board_theme(dark);
    ui.label("Include");
    let insights = match options.layout {
        Layout::Map => "Emotion curve and moments of truth",
        Layout::Storyboard => "Moments of truth outlined",
    };
    ui.checkbox(&mut options.insights, insights);
    ui.add_enabled(
        options.layout == Layout::Map,
        egui::Checkbox::new(&mut options.legend, "Legend"),
    )
    .on_disabled_hover_text("The storyboard frames have no legend.");
    // Pages the layout does not offer are not cut: the export is one picture.
    let one_picture = dialog
        .page
        .filter(|s| page_offered(options.layout, *s))
        .is_none();
    ui.add_enabled(
        one_picture,
        egui::Checkbox::new(
            &mut options.notes,
            "Touchpoints' notes, listed under the picture",
        ),
    )
    .on_disabled_hover_text("Pages have no room for the notes: choose One picture.");
    let layout = options.layout;
    ui.label("Pages");
    ui.horizontal_wrapped(|ui| {
        // A size this layout does not offer (4:3 chosen for the map, then the storyboard)
        // exports one picture, and says so.
        if ui.radio(one_picture, "One picture").clicked() {
            dialog.page = None;
        }
        for size in PageSize::ALL
            .into_iter()
            .filter(|s| page_offered(layout, *s))
        {
            ui.radio_value(&mut dialog.page, Some(size), size.label());
        }
    });
}

impl ExportRequest {
    /// The file extension of what it writes.
    pub(super) fn extension(&self) -> &'static str {
        match self.kind {
            ExportKind::Picture => self.format.extension(),
            ExportKind::Csv => "csv",
            ExportKind::Mermaid => "mmd",
        }
    }
}
