//! The dialogs shown over the window: save changes?, remove a stage, recover unsaved
//! changes, the export dialog (`export_dialog`), a typed path when no file dialog can be shown, errors.

use std::path::PathBuf;

use super::export_dialog::{ExportDialog, ExportRequest};
use super::file_flow::{PathPurpose, Pending};
use super::{JourneyboardApp, dialogs};
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
    /// The export dialog.
    Export(Box<ExportDialog>),
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
    /// Closed; remember the dialog's choices and ask where to write the export.
    Export(Box<(ExportRequest, ExportDialog)>),
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
        let id = egui::Id::unique("journeyboard_modal");
        let mut modal = egui::Modal::new(id);
        let export = matches!(kept, Modal::Export(_));
        if export {
            // The export dialog changes height with its choices: held by its top edge at
            // a fixed width, the controls above a change stay under the pointer.
            modal = modal.area(
                egui::Modal::default_area(id)
                    .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0)),
            );
        }
        modal.show(ctx, |ui| {
            ui.set_max_width(460.0);
            if export {
                ui.set_min_width(460.0);
            }
            closed = match &mut kept {
                Modal::Unsaved(pending) => self.unsaved_ui(ui, pending),
                Modal::RemoveStage { stage, target } => self.remove_stage_ui(ui, stage, target),
                Modal::Recover { recovery, project } => self.recover_ui(ui, recovery, project),
                Modal::Export(dialog) => match self.export_dialog_ui(ui, dialog) {
                    Some(Ok(request)) => Closed::Export(Box::new((request, (**dialog).clone()))),
                    Some(Err(())) => Closed::Yes,
                    None => Closed::No,
                },
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
            Closed::Export(asked) => {
                let (request, dialog) = *asked;
                self.remember_export(&dialog);
                self.export_request(&request);
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
}
