//! The dialogs shown over the window: save changes?, remove a stage, recover unsaved
//! changes, PNG export options, a typed path when no file dialog can be shown, errors.

use std::path::PathBuf;

use super::file_flow::{PathPurpose, Pending};
use super::{JourneyboardApp, board_theme, dialogs};
use crate::board::BoardTheme;
use crate::export::{ExportOptions, Layout};
use crate::model::{Project, StageId};

/// A dialog shown over the window.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Modal {
    /// Save / Discard / Cancel before `Pending`.
    Unsaved(Pending),
    /// Choose where the touchpoints of a removed stage go.
    RemoveStage { stage: StageId, target: StageId },
    /// A recovery copy was found.
    Recover {
        recovery: PathBuf,
        project: Box<Project>,
    },
    /// An error the user must acknowledge.
    Error { title: String, message: String },
    /// PNG export options.
    Export(
        crate::export::ExportOptions,
        crate::export::Format,
        Option<crate::board::PageSize>,
    ),
    /// No file dialog could be shown: the user types a path instead.
    TypePath {
        purpose: PathPurpose,
        typed: dialogs::TypedPath,
    },
}

/// What a dialog's buttons asked for this frame.
enum Closed {
    /// Still open (its state may have changed).
    No,
    /// Closed; nothing more to do.
    Yes,
    /// Closed; carry on with what was waiting.
    Then(Pending),
    /// Closed; ask where to write the PNG.
    Export(
        ExportOptions,
        crate::export::Format,
        Option<crate::board::PageSize>,
    ),
    /// Closed; carry on with the typed path (or say it was given up).
    Typed(PathPurpose, Option<PathBuf>),
}

impl JourneyboardApp {
    /// Shows the open dialog, if any, and does what its buttons asked.
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        // Taken out while it shows (not cloned): a button may open another dialog.
        let Some(mut kept) = self.modal.take() else {
            return;
        };
        let mut closed = Closed::No;
        egui::Modal::new(egui::Id::unique("journeyboard_modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            closed = match &mut kept {
                Modal::Unsaved(pending) => self.unsaved_ui(ui, pending),
                Modal::RemoveStage { stage, target } => self.remove_stage_ui(ui, stage, target),
                Modal::Recover { recovery, project } => self.recover_ui(ui, recovery, project),
                Modal::Export(options, format, page) => {
                    self.export_options_ui(ui, options, format, page)
                }
                Modal::TypePath { purpose, typed } => match typed.ui(ui) {
                    Some(dialogs::TypedPathOutcome::Chosen(path)) => {
                        Closed::Typed(purpose.clone(), Some(path))
                    }
                    Some(dialogs::TypedPathOutcome::Cancelled) => {
                        Closed::Typed(purpose.clone(), None)
                    }
                    None => Closed::No,
                },
                Modal::Error { title, message } => {
                    ui.heading(title.as_str());
                    ui.label(message.as_str());
                    if ui.button("OK").clicked() {
                        Closed::Yes
                    } else {
                        Closed::No
                    }
                }
            };
        });
        match closed {
            // A button may have opened another dialog (an error): that one stays.
            Closed::No => {
                if self.modal.is_none() {
                    self.modal = Some(kept);
                }
            }
            Closed::Yes => {}
            Closed::Then(pending) => self.run_pending(pending, ctx),
            Closed::Export(options, format, page) => {
                self.settings.export = options.into();
                self.settings.export.format = format;
                self.settings.export.page = page;
                self.export_picture(options, format, page);
            }
            Closed::Typed(purpose, Some(path)) => self.finish_typed_path(purpose, &path, ctx),
            Closed::Typed(purpose, None) => self.status = Some(purpose.cancelled().to_owned()),
        }
    }

    fn unsaved_ui(&mut self, ui: &mut egui::Ui, pending: &Pending) -> Closed {
        ui.heading("Save changes?");
        ui.label(format!(
            "“{}” has unsaved changes. Save them before you continue?",
            self.session.display_name()
        ));
        let mut closed = Closed::No;
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                closed = if self.save_then(Some(pending.clone())) {
                    Closed::Then(pending.clone())
                } else {
                    Closed::Yes
                };
            }
            if ui.button("Discard").clicked() {
                self.session.discard_changes();
                closed = Closed::Then(pending.clone());
            }
            if ui.button("Cancel").clicked() {
                closed = Closed::Yes;
            }
        });
        closed
    }

    fn remove_stage_ui(
        &mut self,
        ui: &mut egui::Ui,
        stage: &StageId,
        target: &mut StageId,
    ) -> Closed {
        let project = self.session.project();
        let name = project
            .stage(stage)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let count = project
            .touchpoints()
            .filter(|(_, t)| t.stage == *stage)
            .count();
        ui.heading(format!("Remove stage “{name}”?"));
        ui.label(format!(
            "It holds {}. Move them to:",
            crate::plural::count(count, "touchpoint", "touchpoints")
        ));
        egui::ComboBox::from_label("Move to stage")
            .selected_text(
                project
                    .stage(target)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            )
            .show_ui(ui, |ui| {
                for s in project.stages() {
                    if s.id != *stage {
                        ui.selectable_value(target, s.id.clone(), &s.name);
                    }
                }
            });
        let mut closed = Closed::No;
        ui.horizontal(|ui| {
            if ui.button("Move and remove").clicked() {
                let cmd = crate::edit::remove_stage_moving_touchpoints(
                    self.session.project(),
                    stage,
                    target,
                );
                self.apply(cmd, &format!("Remove stage “{name}”"));
                closed = Closed::Yes;
            }
            if ui.button("Cancel").clicked() {
                closed = Closed::Yes;
            }
        });
        closed
    }

    fn recover_ui(&mut self, ui: &mut egui::Ui, recovery: &PathBuf, project: &Project) -> Closed {
        ui.heading("Recover unsaved changes?");
        ui.label(format!(
            "Journeyboard found changes to “{}” that were not saved when it last closed \
             (recovery copy: {}).",
            self.session.display_name(),
            recovery.display()
        ));
        let mut closed = Closed::No;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                self.session.restore(recovery.clone(), project.clone());
                self.after_document_change();
                self.status = Some("Restored unsaved changes; save to keep them".to_owned());
                closed = Closed::Yes;
            }
            if ui.button("Discard recovered changes").clicked() {
                if let Err(err) = std::fs::remove_file(recovery)
                    && err.kind() != std::io::ErrorKind::NotFound
                {
                    self.status = Some(format!(
                        "Could not delete the recovery copy {}: {}; it will be offered again \
                         next time, or delete it yourself",
                        recovery.display(),
                        crate::file::io_reason(&err)
                    ));
                }
                closed = Closed::Yes;
            }
        });
        closed
    }

    fn export_options_ui(
        &self,
        ui: &mut egui::Ui,
        options: &mut ExportOptions,
        format: &mut crate::export::Format,
        page: &mut Option<crate::board::PageSize>,
    ) -> Closed {
        use crate::export::Format;
        ui.heading("Export picture");
        ui.label("Format");
        ui.horizontal(|ui| {
            ui.radio_value(format, Format::Png, "PNG")
                .on_hover_text("A picture for slides and chat; it reopens as the project");
            ui.radio_value(format, Format::Svg, "SVG")
                .on_hover_text("Vector with real text, for the web, Figma, Illustrator, Inkscape");
            ui.radio_value(format, Format::Pdf, "PDF")
                .on_hover_text("Vector to print and send: fonts embedded, text selectable");
        });
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
        let insights = match options.layout {
            Layout::Map => "Emotion curve, moments of truth and legend",
            Layout::Storyboard => "Moments of truth outlined",
        };
        ui.checkbox(&mut options.insights, insights);
        // The storyboard's rows are too wide for 4:3 and A4 pages.
        let offered = |size: crate::board::PageSize| {
            options.layout == Layout::Map || crate::board::storyboard_fits(size)
        };
        ui.label("Pages");
        ui.horizontal_wrapped(|ui| {
            ui.radio_value(page, None, "One picture");
            for size in crate::board::PageSize::ALL
                .into_iter()
                .filter(|s| offered(*s))
            {
                ui.radio_value(page, Some(size), size.label());
            }
        });
        let page_size = page.filter(|s| offered(*s));
        if let Some(size) = page_size {
            let project = self.session.project();
            let count = match options.layout {
                Layout::Map => crate::board::pages(project, size, options.insights).len(),
                Layout::Storyboard => crate::board::storyboard_pages(project, size).len(),
            };
            let what = if *format == Format::Pdf {
                "one PDF with a page each"
            } else {
                "numbered files beside the name you choose"
            };
            ui.weak(format!(
                "{}, {what}",
                crate::plural::count(count, "page", "pages")
            ));
        }
        let size = crate::export::picture_size(self.session.project(), *options);
        let requested = crate::convert::f32_from_u32(options.scale);
        let scale = crate::export::fitting_scale(size, requested);
        let pixels = size * scale;
        if page_size.is_some() {
            // Said above.
        } else if *format != Format::Png {
            let page = crate::export::pdf::MAX_PAGE_SIDE;
            let shrink = (page / size.x.max(size.y)).min(1.0);
            if *format == Format::Pdf && shrink < 1.0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Larger than a PDF page may be: the page shows it at {:.0} %",
                        shrink * 100.0
                    ),
                );
            } else {
                ui.weak(format!(
                    "{:.0} × {:.0} points, vector (the size sets how sharp pictures are)",
                    size.x.ceil(),
                    size.y.ceil()
                ));
            }
        } else if scale < requested {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Too large at this size: made at scale {scale:.2}, {:.0} × {:.0} pixels",
                    pixels.x.ceil(),
                    pixels.y.ceil()
                ),
            );
        } else {
            ui.weak(format!(
                "{:.0} × {:.0} pixels",
                pixels.x.ceil(),
                pixels.y.ceil()
            ));
        }
        let mut closed = Closed::No;
        ui.horizontal(|ui| {
            if ui.button("Export…").clicked() {
                closed = Closed::Export(*options, *format, page_size);
            }
            if ui.button("Cancel").clicked() {
                closed = Closed::Yes;
            }
        });
        closed
    }
}
