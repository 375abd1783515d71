//! Text fields shared by the inspector and the project panel: what is being typed stays a
//! draft until the field loses focus, then becomes one undoable step.

use std::collections::HashMap;

use egui::{TextEdit, Ui};

use super::intent::Intents;
use crate::edit::Command;
use crate::model::{LinkId, OwnerId, Persona, Project, StageId, Touchpoint, TouchpointId};

/// A text field whose typing is not yet a command (it becomes one on focus loss).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title(TouchpointId),
    Notes(TouchpointId),
    Pain(TouchpointId, usize),
    Opportunity(TouchpointId, usize),
    LinkLabel(LinkId),
    StageName(StageId),
    OwnerName(OwnerId),
    ProjectTitle,
    Description,
    PersonaName,
    PersonaDescription,
}

/// How a field in a row is named: by a label before it, or by a hint inside it (also its
/// accessible name).
#[derive(Clone, Copy)]
pub enum RowLabel<'a> {
    Before(&'a str),
    Hint(&'a str),
}

/// Text being typed, by field, while its field has the keyboard.
#[derive(Default)]
pub struct Drafts {
    drafts: HashMap<Field, String>,
}

impl Drafts {
    /// Every pending text edit as a step to apply (before save, undo, close …), leaving
    /// no drafts.
    pub fn take_edits(&mut self, project: &Project) -> Vec<(Command, String)> {
        let mut drafts: Vec<_> = std::mem::take(&mut self.drafts).into_iter().collect();
        // Deterministic order, so the steps land in the same order every time.
        drafts.sort_by_key(|(field, _)| format!("{field:?}"));
        drafts
            .into_iter()
            .filter_map(|(field, text)| edit_for(project, field, &text))
            .collect()
    }

    /// The draft of `field`, or `current` when it is not being typed in.
    pub fn text(&self, field: &Field, current: &str) -> String {
        self.drafts
            .get(field)
            .cloned()
            .unwrap_or_else(|| current.to_owned())
    }

    /// A labelled text field whose edit becomes one undo step when it loses focus.
    #[allow(clippy::too_many_arguments)]
    pub fn text_field_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        out: &mut Intents,
        field: Field,
        current: &str,
        label: &str,
        multiline: bool,
    ) {
        let label_response = ui.label(label);
        let mut text = self.text(&field, current);
        let edit = if multiline {
            TextEdit::multiline(&mut text).desired_rows(3)
        } else {
            TextEdit::singleline(&mut text)
        };
        let response = ui
            .add(edit.desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        self.track(project, out, field, text, &response);
    }

    /// One row: a label, a single-line field that takes the room left, and controls at the
    /// row's right end (`trailing` adds them from right to left). The row never asks for
    /// more width than its container has, so the controls stay visible at any panel width.
    #[allow(clippy::too_many_arguments)]
    pub fn row_field_ui<R>(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        out: &mut Intents,
        field: Field,
        current: &str,
        label: RowLabel<'_>,
        trailing: impl FnOnce(&mut Ui) -> R,
    ) -> (R, egui::Response) {
        ui.horizontal(|ui| {
            let label_response = match label {
                RowLabel::Before(text) => Some(ui.label(text)),
                RowLabel::Hint(_) => None,
            };
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let result = trailing(ui);
                let mut text = self.text(&field, current);
                let mut edit =
                    TextEdit::singleline(&mut text).desired_width(ui.available_width().max(24.0));
                if let RowLabel::Hint(hint) = label {
                    edit = edit.hint_text(hint.to_owned());
                }
                let mut response = ui.add(edit);
                if let Some(label_response) = &label_response {
                    response = response.labelled_by(label_response.id);
                }
                self.track(project, out, field, text, &response);
                (result, response)
            })
            .inner
        })
        .inner
    }

    /// Keeps the text as a draft while the field has focus; asks for the step when it
    /// loses it.
    pub fn track(
        &mut self,
        project: &Project,
        out: &mut Intents,
        field: Field,
        text: String,
        response: &egui::Response,
    ) {
        if response.has_focus() {
            self.drafts.insert(field, text);
        } else if (self.drafts.remove(&field).is_some() || response.lost_focus())
            && let Some((command, label)) = edit_for(project, field, &text)
        {
            out.edit(command, label);
            if let Some(notice) = crate::fonts::text_notice(&text) {
                out.status(notice);
            }
        }
    }
}

/// The undoable step (command and label) a finished text edit makes, or `None` when it
/// changes nothing or the project no longer has what was edited.
pub fn edit_for(project: &Project, field: Field, text: &str) -> Option<(Command, String)> {
    let touchpoint_edit = |id: TouchpointId, what: &str, edit: &dyn Fn(&mut Touchpoint)| {
        let t = project.touchpoint(id)?;
        let mut changed = t.clone();
        edit(&mut changed);
        (changed != *t).then(|| {
            (
                Command::SetTouchpoint(id, Box::new(changed)),
                format!("Edit {what} of “{}”", t.title),
            )
        })
    };
    let list_edit = |list: &mut Vec<String>, i: usize| {
        if text.trim().is_empty() {
            if i < list.len() {
                list.remove(i);
            }
        } else if let Some(slot) = list.get_mut(i) {
            *slot = text.to_owned();
        } else if i == list.len() {
            // The empty field after the list: what is typed there becomes a new item.
            list.push(text.to_owned());
        }
    };
    let info = |edit: &dyn Fn(&mut String, &mut String, &mut Persona)| info_edit(project, edit);
    match field {
        Field::Title(id) => touchpoint_edit(id, "title", &|t| t.title = text.to_owned()),
        Field::Notes(id) => touchpoint_edit(id, "notes", &|t| t.notes = text.to_owned()),
        Field::Pain(id, i) => {
            touchpoint_edit(id, "pain points", &|t| list_edit(&mut t.pain_points, i))
        }
        Field::Opportunity(id, i) => {
            touchpoint_edit(id, "opportunities", &|t| list_edit(&mut t.opportunities, i))
        }
        Field::LinkLabel(id) => project.link(id).and_then(|l| {
            let label = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
            (label != l.label).then(|| {
                (
                    Command::SetLink(id, l.kind, label),
                    "Edit link label".to_owned(),
                )
            })
        }),
        Field::StageName(id) => project.stage(&id).and_then(|s| {
            let name = text.trim().to_owned();
            (!name.is_empty() && name != s.name).then(|| {
                (
                    Command::RenameStage(id, name),
                    format!("Rename stage “{}”", s.name),
                )
            })
        }),
        Field::OwnerName(id) => project.owner(&id).and_then(|o| {
            let name = text.trim().to_owned();
            (!name.is_empty() && name != o.name).then(|| {
                (
                    Command::SetOwner(id, name, o.colour),
                    format!("Rename owner “{}”", o.name),
                )
            })
        }),
        Field::ProjectTitle => info(&|t, _, _| *t = text.to_owned()),
        Field::Description => info(&|_, d, _| *d = text.to_owned()),
        Field::PersonaName => info(&|_, _, p| p.name = text.to_owned()),
        Field::PersonaDescription => info(&|_, _, p| p.description = text.to_owned()),
    }
}

/// The step that sets the project's title, description and persona as `edit` changes
/// them, or `None` when it changes nothing.
fn info_edit(
    project: &Project,
    edit: &dyn Fn(&mut String, &mut String, &mut Persona),
) -> Option<(Command, String)> {
    let (mut title, mut description, mut persona) = (
        project.title.clone(),
        project.description.clone(),
        project.persona.clone(),
    );
    edit(&mut title, &mut description, &mut persona);
    let changed =
        title != project.title || description != project.description || persona != project.persona;
    changed.then_some((
        Command::SetInfo {
            title,
            description,
            persona,
        },
        "Edit project details".to_owned(),
    ))
}

/// Gives an icon button an accessible name (for screen readers and tests) and the same
/// text as its tooltip.
pub fn name_icon(response: &egui::Response, name: &str) {
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, response.enabled(), name));
    if response.hovered() {
        response.clone().on_hover_text(name);
    }
}
