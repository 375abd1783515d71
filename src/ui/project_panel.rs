//! The project panel: title, description and persona; stages and owners.

use egui::Ui;

use super::inspector::Field;
use super::{JourneyboardApp, Modal};
use crate::edit::{self, Command};
use crate::model::Rgb;

#[derive(Default)]
pub(super) struct ProjectPanelState {
    /// An owner colour being picked (committed when the pointer is released).
    colour: Option<(String, [u8; 3])>,
}

impl JourneyboardApp {
    pub(super) fn project_ui(&mut self, ui: &mut Ui) {
        let p = &self.doc.project;
        let (title, description) = (p.title.clone(), p.description.clone());
        let persona = p.persona.clone();
        ui.heading("Project");
        self.text_field_ui(ui, Field::ProjectTitle, &title, "Journey title", false);
        self.text_field_ui(ui, Field::Description, &description, "Description", true);
        ui.add_space(6.0);
        ui.strong("Persona");
        self.text_field_ui(ui, Field::PersonaName, &persona.name, "Persona name", false);
        self.text_field_ui(
            ui,
            Field::PersonaDescription,
            &persona.description,
            "Persona description",
            true,
        );
        ui.separator();
        self.stages_ui(ui);
        ui.separator();
        self.owners_ui(ui);
    }

    fn stages_ui(&mut self, ui: &mut Ui) {
        ui.strong("Stages");
        let stages = self.doc.project.stages().to_vec();
        let count = stages.len();
        for (i, stage) in stages.iter().enumerate() {
            let used = self
                .doc
                .project
                .touchpoints()
                .filter(|(_, t)| t.stage == stage.id)
                .count();
            ui.horizontal(|ui| {
                ui.push_id(&stage.id, |ui| {
                    ui.set_max_width(ui.available_width() - 86.0);
                    self.text_field_ui(
                        ui,
                        Field::StageName(stage.id.clone()),
                        &stage.name,
                        &format!("Stage {}", i + 1),
                        false,
                    );
                });
                let up = ui.add_enabled(i > 0, egui::Button::new("⬆").small());
                name_icon(&up, &format!("Move stage “{}” earlier", stage.name));
                if up.clicked() {
                    self.apply(
                        Command::MoveStage(i, i - 1),
                        format!("Move stage “{}”", stage.name),
                    );
                }
                let down = ui.add_enabled(i + 1 < count, egui::Button::new("⬇").small());
                name_icon(&down, &format!("Move stage “{}” later", stage.name));
                if down.clicked() {
                    self.apply(
                        Command::MoveStage(i, i + 1),
                        format!("Move stage “{}”", stage.name),
                    );
                }
                let remove = ui.add_enabled(count > 1, egui::Button::new("×").small());
                name_icon(&remove, &format!("Remove stage “{}”", stage.name));
                if remove.clicked() {
                    if used == 0 {
                        self.apply(
                            Command::RemoveStage(stage.id.clone()),
                            format!("Remove stage “{}”", stage.name),
                        );
                    } else {
                        let target = stages
                            .iter()
                            .find(|s| s.id != stage.id)
                            .map(|s| s.id.clone())
                            .unwrap_or_default();
                        self.modal = Some(Modal::RemoveStage {
                            stage: stage.id.clone(),
                            target,
                        });
                    }
                }
            });
        }
        if ui.button("+ Add stage").clicked() {
            self.queue_action(super::actions::Action::AddStage);
        }
    }

    fn owners_ui(&mut self, ui: &mut Ui) {
        ui.strong("Owners");
        ui.weak("Teams accountable for touchpoints");
        let owners = self.doc.project.owners().to_vec();
        let pointer_down = ui.input(|i| i.pointer.any_down());
        for owner in &owners {
            let used = self
                .doc
                .project
                .touchpoints()
                .filter(|(_, t)| t.owner.as_deref() == Some(owner.id.as_str()))
                .count();
            ui.horizontal(|ui| {
                let mut colour = match &self.project_panel.colour {
                    Some((id, c)) if *id == owner.id => *c,
                    _ => owner.colour.0,
                };
                let response = egui::color_picker::color_edit_button_srgb(ui, &mut colour)
                    .on_hover_text(format!("Colour of “{}”", owner.name));
                if colour != owner.colour.0 {
                    if pointer_down {
                        self.project_panel.colour = Some((owner.id.clone(), colour));
                    } else {
                        self.project_panel.colour = None;
                        self.apply(
                            Command::SetOwner(owner.id.clone(), owner.name.clone(), Rgb(colour)),
                            format!("Recolour owner “{}”", owner.name),
                        );
                    }
                }
                drop(response);
                ui.push_id(&owner.id, |ui| {
                    ui.set_max_width(ui.available_width() - 40.0);
                    self.text_field_ui(
                        ui,
                        Field::OwnerName(owner.id.clone()),
                        &owner.name,
                        &format!("{used} touchpoint(s)"),
                        false,
                    );
                });
                let remove = ui.small_button("×");
                name_icon(&remove, &format!("Remove owner “{}”", owner.name));
                if remove.clicked() {
                    let command = edit::remove_owner_unassigning(&self.doc.project, &owner.id);
                    self.apply(command, format!("Remove owner “{}”", owner.name));
                    if used > 0 {
                        self.status = Some(format!(
                            "{used} touchpoint(s) now have no owner · Ctrl+Z to undo"
                        ));
                    }
                }
            });
        }
        if ui.button("+ Add owner").clicked() {
            let name = format!("Team {}", owners.len() + 1);
            let owner = self.doc.project.new_owner(&name);
            self.apply(
                Command::InsertOwner(usize::MAX, owner),
                format!("Add owner “{name}”"),
            );
        }
    }
}

/// Gives an icon button an accessible name (for screen readers and tests) and the same
/// text as its tooltip.
pub(super) fn name_icon(response: &egui::Response, name: &str) {
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, response.enabled(), name));
    if response.hovered() {
        response.clone().on_hover_text(name);
    }
}
