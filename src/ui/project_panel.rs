//! The project panel: title, description and persona; stages and owners. It reads the
//! project and returns what the user asked for as intents.

use std::collections::HashMap;

use egui::Ui;

use super::actions::Action;
use super::fields::{Drafts, Field, RowLabel, name_icon};
use super::intent::{Intent, Intents};
use crate::edit::{self, Command};
use crate::model::{OwnerId, Project, Rgb, StageId};
use crate::session::Session;

#[derive(Default)]
pub(super) struct ProjectPanelState {
    /// An owner colour being picked (committed when the pointer is released).
    colour: Option<(OwnerId, [u8; 3])>,
    /// How many touchpoints each stage and owner has, for the session revision counted.
    usage: Option<((u64, u64), Usage)>,
}

/// How many touchpoints each stage and each owner has.
#[derive(Default)]
struct Usage {
    stages: HashMap<StageId, usize>,
    owners: HashMap<OwnerId, usize>,
}

impl Usage {
    /// Counts the cards of `project` in one pass.
    fn of(project: &Project) -> Self {
        let mut usage = Self::default();
        for (_, t) in project.touchpoints() {
            *usage.stages.entry(t.stage.clone()).or_default() += 1;
            if let Some(owner) = &t.owner {
                *usage.owners.entry(owner.clone()).or_default() += 1;
            }
        }
        usage
    }
}

/// The project panel for the session's project; what the user changes is pushed to
/// `out`.
pub(super) fn project_ui(
    ui: &mut Ui,
    state: &mut ProjectPanelState,
    drafts: &mut Drafts,
    session: &Session,
    out: &mut Intents,
) {
    let project = session.project();
    // Counted again only after the document changed, not every frame.
    let revision = session.revision();
    if state.usage.as_ref().is_none_or(|(at, _)| *at != revision) {
        state.usage = Some((revision, Usage::of(project)));
    }
    ProjectPanel {
        state,
        drafts,
        project,
        out,
    }
    .show(ui);
}

/// One frame of the project panel.
struct ProjectPanel<'a> {
    state: &'a mut ProjectPanelState,
    drafts: &'a mut Drafts,
    project: &'a Project,
    out: &'a mut Intents,
}

impl ProjectPanel<'_> {
    /// A stage's or owner's number of touchpoints.
    fn used(&self, count: impl Fn(&Usage) -> Option<usize>) -> usize {
        self.state
            .usage
            .as_ref()
            .and_then(|(_, usage)| count(usage))
            .unwrap_or(0)
    }

    fn show(&mut self, ui: &mut Ui) {
        let p = self.project;
        let (title, description) = (p.title.clone(), p.description.clone());
        let persona = p.persona.clone();
        ui.heading("Project");
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::ProjectTitle,
            &title,
            "Journey title",
            false,
        );
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::Description,
            &description,
            "Description",
            true,
        );
        ui.add_space(6.0);
        ui.strong("Persona");
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::PersonaName,
            &persona.name,
            "Persona name",
            false,
        );
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
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
        let stages = self.project.stages().to_vec();
        let count = stages.len();
        for (i, stage) in stages.iter().enumerate() {
            let used = self.used(|u| u.stages.get(&stage.id).copied());
            let label = format!("Stage {}", i + 1);
            let [up, down, remove] = ui
                .push_id(&stage.id, |ui| {
                    self.drafts
                        .row_field_ui(
                            ui,
                            self.project,
                            self.out,
                            Field::StageName(stage.id.clone()),
                            &stage.name,
                            RowLabel::Before(&label),
                            |ui| {
                                // Right to left: the last control first.
                                let remove =
                                    ui.add_enabled(count > 1, egui::Button::new("×").small());
                                let down =
                                    ui.add_enabled(i + 1 < count, egui::Button::new("⬇").small());
                                let up = ui.add_enabled(i > 0, egui::Button::new("⬆").small());
                                [up, down, remove]
                            },
                        )
                        .0
                })
                .inner;
            name_icon(&up, &format!("Move stage “{}” earlier", stage.name));
            name_icon(&down, &format!("Move stage “{}” later", stage.name));
            name_icon(&remove, &format!("Remove stage “{}”", stage.name));
            if up.clicked() {
                self.out.edit(
                    Command::MoveStage(i, i - 1),
                    format!("Move stage “{}”", stage.name),
                );
            }
            if down.clicked() {
                self.out.edit(
                    Command::MoveStage(i, i + 1),
                    format!("Move stage “{}”", stage.name),
                );
            }
            if remove.clicked() {
                if used == 0 {
                    self.out.edit(
                        Command::RemoveStage(stage.id.clone()),
                        format!("Remove stage “{}”", stage.name),
                    );
                } else {
                    self.out.push(Intent::RemoveStage(stage.id.clone()));
                }
            }
        }
        if ui.button("+ Add stage").clicked() {
            self.out.action(Action::AddStage);
        }
    }

    fn owners_ui(&mut self, ui: &mut Ui) {
        ui.strong("Owners");
        ui.weak("Teams accountable for touchpoints");
        let owners = self.project.owners().to_vec();
        let pointer_down = ui.input(|i| i.pointer.any_down());
        for owner in &owners {
            let used = self.used(|u| u.owners.get(&owner.id).copied());
            ui.horizontal(|ui| {
                let mut colour = match &self.state.colour {
                    Some((id, c)) if *id == owner.id => *c,
                    _ => owner.colour.0,
                };
                let response = egui::color_picker::color_edit_button_srgb(ui, &mut colour)
                    .on_hover_text(format!("Colour of “{}”", owner.name));
                if colour != owner.colour.0 {
                    if pointer_down {
                        self.state.colour = Some((owner.id.clone(), colour));
                    } else {
                        self.state.colour = None;
                        self.out.edit(
                            Command::SetOwner(owner.id.clone(), owner.name.clone(), Rgb(colour)),
                            format!("Recolour owner “{}”", owner.name),
                        );
                    }
                }
                drop(response);
                let label = touchpoints_count(used);
                let remove = ui
                    .push_id(&owner.id, |ui| {
                        self.drafts
                            .row_field_ui(
                                ui,
                                self.project,
                                self.out,
                                Field::OwnerName(owner.id.clone()),
                                &owner.name,
                                RowLabel::Before(&label),
                                |ui| ui.small_button("×"),
                            )
                            .0
                    })
                    .inner;
                name_icon(&remove, &format!("Remove owner “{}”", owner.name));
                if remove.clicked() {
                    let command = edit::remove_owner_unassigning(self.project, &owner.id);
                    self.out
                        .edit(command, format!("Remove owner “{}”", owner.name));
                    if used > 0 {
                        self.out.status(format!(
                            "{} now {} no owner · Ctrl+Z to undo",
                            touchpoints_count(used),
                            if used == 1 { "has" } else { "have" }
                        ));
                    }
                }
            });
        }
        if ui.button("+ Add owner").clicked() {
            let name = format!("Team {}", owners.len() + 1);
            let owner = self.project.new_owner(&name);
            self.out.edit(
                Command::InsertOwner(usize::MAX, owner),
                format!("Add owner “{name}”"),
            );
        }
    }
}

/// "1 touchpoint", "3 touchpoints".
fn touchpoints_count(n: usize) -> String {
    crate::plural::count(n, "touchpoint", "touchpoints")
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The panel alone, with what it reads and where its intents go.
    struct Alone {
        state: ProjectPanelState,
        drafts: Drafts,
        session: Session,
        out: Intents,
    }

    #[test]
    fn the_panel_returns_intents_and_changes_nothing_itself() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path().join("recovery"));
        session.replace(Project::new("Trip"), None, true);
        let alone = Alone {
            state: ProjectPanelState::default(),
            drafts: Drafts::default(),
            session,
            out: Intents::default(),
        };
        // As wide as the side panel: every row's buttons must be inside it.
        let mut harness = Harness::builder()
            .with_size(egui::vec2(320.0, 900.0))
            .build_ui_state(
                |ui, a: &mut Alone| {
                    project_ui(ui, &mut a.state, &mut a.drafts, &a.session, &mut a.out);
                },
                alone,
            );
        harness.get_by_label("+ Add stage").click();
        harness.run();
        let remove = harness.get_by_label("Remove stage “Research”");
        assert!(
            remove.rect().max.x <= 320.0,
            "{:?} is off the panel",
            remove.rect()
        );
        remove.click();
        harness.run();
        let intents = harness.state().out.as_slice().to_vec();
        assert!(
            intents.contains(&Intent::Action(Action::AddStage)),
            "{intents:?}"
        );
        assert!(
            intents.contains(&Intent::Edit {
                command: Command::RemoveStage("research".into()),
                label: "Remove stage “Research”".to_owned(),
            }),
            "{intents:?}"
        );
        assert_eq!(*harness.state().session.project(), Project::new("Trip"));
    }
}
