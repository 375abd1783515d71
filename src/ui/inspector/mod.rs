//! The inspector: every field of the selected touchpoint or link, editable. Text fields
//! become one undo step when they lose focus; sliders when released. It reads the session
//! and returns what the user asked for as intents.

mod many;

use std::path::Path;

use egui::{ComboBox, Slider, TextEdit, Ui, vec2};

use super::actions::Action;
use super::fields::{Drafts, Field, RowLabel, name_icon};
use super::intent::{Intent, Intents};
use super::pictures::{Picture, Pictures, Purpose};
use super::scoring::{self, ScoreKind};
use crate::edit::Command;
use crate::model::{
    Channel, Emotion, Initiative, LinkId, LinkKind, Perception, Project, Touchpoint, TouchpointId,
};
use crate::session::{Selection, Session};

/// Drop-down lists show this many points before they scroll: every channel fits.
pub(super) const COMBO_HEIGHT: f32 = 400.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Score {
    Perception,
    Emotion,
}

/// A pain point or opportunity being added: the empty field shown after the list.
#[derive(Clone, Copy, Debug)]
struct NewItem {
    touchpoint: TouchpointId,
    pains: bool,
    /// Whether the field has been given the keyboard yet.
    focused: bool,
}

/// What the inspector keeps between frames.
#[derive(Default)]
pub(super) struct InspectorState {
    /// A score slider being dragged.
    slider: Option<(TouchpointId, Score, f32)>,
    /// The new pain point or opportunity being typed, if any.
    adding: Option<NewItem>,
    new_owner: String,
}

/// The inspector for what is selected in `session`; what the user changes is pushed to
/// `out`.
pub(super) fn inspector_ui(
    ui: &mut Ui,
    state: &mut InspectorState,
    pictures: &mut Pictures,
    drafts: &mut Drafts,
    session: &Session,
    armed: Option<ScoreKind>,
    out: &mut Intents,
) {
    let folder = session.folder().map(crate::file::in_folder);
    Inspector {
        state,
        pictures,
        drafts,
        project: session.project(),
        selection: session.selection(),
        folder,
        armed,
        out,
    }
    .show(ui);
}

/// One frame of the inspector: what it reads and where its intents go.
struct Inspector<'a> {
    state: &'a mut InspectorState,
    /// Decoded pictures, shared with the canvas.
    pictures: &'a mut Pictures,
    drafts: &'a mut Drafts,
    project: &'a Project,
    selection: &'a Selection,
    /// The project's folder, where its pictures are.
    folder: Option<&'a Path>,
    /// The score P or E armed, waiting for its digit.
    armed: Option<ScoreKind>,
    out: &'a mut Intents,
}

impl Inspector<'_> {
    fn set_touchpoint(&mut self, id: TouchpointId, changed: Touchpoint, what: &str) {
        let Some(t) = self.project.touchpoint(id) else {
            return;
        };
        if *t != changed {
            let label = format!("Edit {what} of “{}”", t.title);
            self.out
                .edit(Command::SetTouchpoint(id, Box::new(changed)), label);
        }
    }

    fn show(&mut self, ui: &mut Ui) {
        if let Some(id) = self.selection.single() {
            self.touchpoint_inspector_ui(ui, id);
        } else if let Some(id) = self.selection.link {
            self.link_inspector_ui(ui, id);
        } else if !self.selection.touchpoints.is_empty() {
            many::many_ui(ui, self.project, &self.selection.touchpoints, self.out);
        } else {
            ui.heading("Nothing selected");
            ui.label("Click a card or a link on the board to edit it here.");
            ui.add_space(8.0);
            ui.label("Double-click a lane to add a touchpoint, or drag one from the palette on the left.");
        }
    }

    fn touchpoint_inspector_ui(&mut self, ui: &mut Ui, id: TouchpointId) {
        let Some(t) = self.project.touchpoint(id).cloned() else {
            return;
        };
        ui.heading("Touchpoint");
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::Title(id),
            &t.title,
            "Title",
            false,
        );

        self.details_ui(ui, id, &t);
        self.new_owner_ui(ui, id);
        ui.separator();
        self.score_ui(ui, id, Score::Perception);
        self.score_ui(ui, id, Score::Emotion);
        match self.armed {
            Some(kind) => {
                ui.colored_label(ui.visuals().selection.stroke.color, kind.prompt());
            }
            None => {
                ui.weak(scoring::KEY_GUIDE);
            }
        }
        ui.separator();
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::Notes(id),
            &t.notes,
            "Notes",
            true,
        );
        self.list_ui(ui, id, true);
        self.list_ui(ui, id, false);
        ui.separator();
        self.picture_ui(ui, id);
        ui.separator();
        if ui.button("Delete touchpoint").clicked() {
            self.out.action(Action::Delete);
        }
    }

    /// Stage, channel, owner and initiative: one step per change.
    fn details_ui(&mut self, ui: &mut Ui, id: TouchpointId, t: &Touchpoint) {
        let project = self.project;
        let mut changed = t.clone();
        let stage_name = project
            .stage(&t.stage)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        ComboBox::from_label("Stage")
            .height(COMBO_HEIGHT)
            .selected_text(stage_name)
            .show_ui(ui, |ui| {
                for s in project.stages() {
                    ui.selectable_value(&mut changed.stage, s.id.clone(), &s.name);
                }
            });
        ComboBox::from_label("Channel")
            .height(COMBO_HEIGHT)
            .selected_text(t.channel.label())
            .show_ui(ui, |ui| {
                for c in Channel::ALL {
                    ui.selectable_value(&mut changed.channel, c, c.label());
                }
            });
        let owner_name = t
            .owner
            .as_deref()
            .and_then(|o| project.owner(o))
            .map_or_else(|| "No owner".to_owned(), |o| o.name.clone());
        ComboBox::from_label("Owner")
            .height(COMBO_HEIGHT)
            .selected_text(owner_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut changed.owner, None, "No owner");
                for o in project.owners() {
                    ui.selectable_value(&mut changed.owner, Some(o.id.clone()), &o.name);
                }
            });
        ui.horizontal(|ui| {
            ui.label("Initiative");
            ui.radio_value(&mut changed.initiative, Initiative::Proactive, "Proactive")
                .on_hover_text("The company reaches out or designs the moment");
            ui.radio_value(&mut changed.initiative, Initiative::Reactive, "Reactive")
                .on_hover_text("The customer has to ask, e.g. service after a lapse");
        });
        if changed != *t {
            self.set_touchpoint(id, changed, "details");
        }
    }

    /// A new owner, created and assigned to the touchpoint in one step.
    fn new_owner_ui(&mut self, ui: &mut Ui, id: TouchpointId) {
        ui.horizontal(|ui| {
            let label = ui.label("New owner");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.state.new_owner)
                        .desired_width(140.0)
                        .hint_text("team name"),
                )
                .labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.state.new_owner.trim().to_owned();
            if (ui
                .add_enabled(!name.is_empty(), egui::Button::new("Add owner"))
                .clicked()
                || enter)
                && !name.is_empty()
            {
                let owner = self.project.new_owner(&name);
                if let Some(mut t) = self.project.touchpoint(id).cloned() {
                    t.owner = Some(owner.id.clone());
                    self.out.edit(
                        Command::Batch(vec![
                            Command::InsertOwner(usize::MAX, owner),
                            Command::SetTouchpoint(id, Box::new(t)),
                        ]),
                        format!("Add owner “{name}”"),
                    );
                }
                self.state.new_owner.clear();
            }
        });
    }

    fn score_ui(&mut self, ui: &mut Ui, id: TouchpointId, score: Score) {
        let Some(t) = self.project.touchpoint(id) else {
            return;
        };
        let (name, range, neutral, current) = match score {
            Score::Perception => (
                "Perception",
                Perception::MIN..=Perception::MAX,
                3.0,
                t.perception.map(Perception::value),
            ),
            Score::Emotion => (
                "Emotion",
                Emotion::MIN..=Emotion::MAX,
                0.0,
                t.emotion.map(Emotion::value),
            ),
        };
        let hint = match score {
            Score::Perception => "How the customer rates it: 1 very poor … 5 excellent",
            Score::Emotion => "How the customer feels: −2 frustrated … 0 neutral … +2 delighted",
        };
        let mut set: Option<Option<f32>> = None;
        ui.horizontal(|ui| match current {
            Some(value) => {
                let mut v = match self.state.slider {
                    Some((sid, s, v)) if sid == id && s == score => v,
                    _ => value,
                };
                let response = ui
                    .add(
                        Slider::new(&mut v, range)
                            .step_by(0.5)
                            .fixed_decimals(1)
                            .text(name),
                    )
                    .on_hover_text(hint);
                if response.dragged() {
                    self.state.slider = Some((id, score, v));
                } else if response.changed() || response.drag_stopped() {
                    self.state.slider = None;
                    set = Some(Some(v));
                }
                if ui
                    .small_button("Clear")
                    .on_hover_text("Mark as not scored yet")
                    .clicked()
                {
                    set = Some(None);
                }
            }
            None => {
                ui.label(format!("{name}: not scored")).on_hover_text(hint);
                if ui
                    .small_button(format!("Score {}", name.to_lowercase()))
                    .clicked()
                {
                    set = Some(Some(neutral));
                }
            }
        });
        if let Some(value) = set {
            let mut changed = t.clone();
            match score {
                Score::Perception => {
                    changed.perception = value.map(|v| Perception::nearest(f64::from(v)));
                }
                Score::Emotion => {
                    changed.emotion = value.map(|v| Emotion::nearest(f64::from(v)));
                }
            }
            self.set_touchpoint(id, changed, &name.to_lowercase());
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, id: TouchpointId, pains: bool) {
        let Some(t) = self.project.touchpoint(id) else {
            return;
        };
        let (title, items, one) = if pains {
            ("Pain points", t.pain_points.clone(), "pain point")
        } else {
            ("Opportunities", t.opportunities.clone(), "opportunity")
        };
        let field = |i| {
            if pains {
                Field::Pain(id, i)
            } else {
                Field::Opportunity(id, i)
            }
        };
        ui.label(title);
        let mut remove = None;
        for (i, item) in items.iter().enumerate() {
            let hint = format!("{} {}", capitalise(one), i + 1);
            let (remove_button, _) = self.drafts.row_field_ui(
                ui,
                self.project,
                self.out,
                field(i),
                item,
                RowLabel::Hint(&hint),
                |ui| ui.small_button("×"),
            );
            name_icon(&remove_button, &format!("Remove {one} {}", i + 1));
            if remove_button.clicked() {
                remove = Some(i);
            }
        }
        self.new_item_ui(ui, id, pains, field(items.len()), one);
        if let Some(i) = remove
            && let Some(t) = self.project.touchpoint(id)
        {
            let mut changed = t.clone();
            let list = if pains {
                &mut changed.pain_points
            } else {
                &mut changed.opportunities
            };
            if i < list.len() {
                list.remove(i);
            }
            self.set_touchpoint(id, changed, title);
        }
    }

    /// "+ Add …" opens an empty field with the keyboard in it; what is typed there becomes
    /// a new item (one undo step) when it loses focus, and an empty one is dropped.
    fn new_item_ui(&mut self, ui: &mut Ui, id: TouchpointId, pains: bool, field: Field, one: &str) {
        match self.state.adding {
            Some(adding) if adding.touchpoint == id && adding.pains == pains => {
                let hint = format!("New {one}");
                let ((), response) = self.drafts.row_field_ui(
                    ui,
                    self.project,
                    self.out,
                    field,
                    "",
                    RowLabel::Hint(&hint),
                    |_| (),
                );
                if !adding.focused {
                    response.request_focus();
                    self.state.adding = Some(NewItem {
                        focused: true,
                        ..adding
                    });
                } else if !response.has_focus() {
                    self.state.adding = None;
                }
            }
            _ => {
                if ui.small_button(format!("+ Add {one}")).clicked() {
                    self.state.adding = Some(NewItem {
                        touchpoint: id,
                        pains,
                        focused: false,
                    });
                }
            }
        }
    }

    fn picture_ui(&mut self, ui: &mut Ui, id: TouchpointId) {
        let Some(t) = self.project.touchpoint(id) else {
            return;
        };
        let picture = t.picture.clone();
        ui.label("Picture");
        if let Some(rel) = &picture {
            let ctx = ui.ctx().clone();
            match self
                .pictures
                .get(&ctx, self.folder, rel, Purpose::Thumbnail)
            {
                Picture::Ready(texture) => {
                    let size = texture.size_vec2();
                    let scale = (ui.available_width() / size.x).min(1.0);
                    ui.add(
                        egui::Image::new(texture)
                            .fit_to_exact_size(size * scale)
                            .alt_text(rel.clone()),
                    );
                }
                Picture::Loading => {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_min_size(vec2(ui.available_width(), 60.0));
                        // No spinner: it would repaint every frame. The picture thread
                        // asks for a repaint when it is done.
                        ui.weak("Loading picture…");
                    });
                }
                Picture::Failed(message) => {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_min_size(vec2(ui.available_width(), 60.0));
                        ui.colored_label(ui.visuals().warn_fg_color, "Picture unavailable");
                        ui.label(message.as_str());
                    });
                }
            }
            ui.weak(rel.as_str());
        }
        ui.horizontal(|ui| {
            if ui.button("Choose picture…").clicked() {
                self.out.push(Intent::ChoosePicture(id));
            }
            if picture.is_some()
                && ui.button("Remove picture").clicked()
                && let Some(t) = self.project.touchpoint(id)
            {
                let mut changed = t.clone();
                changed.picture = None;
                self.set_touchpoint(id, changed, "picture");
            }
        });
    }

    fn link_inspector_ui(&mut self, ui: &mut Ui, id: LinkId) {
        let Some(link) = self.project.link(id).cloned() else {
            return;
        };
        let title = |t| {
            self.project
                .touchpoint(t)
                .map(|t| t.title.clone())
                .unwrap_or_default()
        };
        ui.heading("Link");
        ui.label(format!("From “{}”", title(link.from)));
        ui.label(format!("to “{}”", title(link.to)));
        let mut kind = link.kind;
        ComboBox::from_label("Kind")
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                for k in LinkKind::ALL {
                    ui.selectable_value(&mut kind, k, k.label());
                }
            });
        if kind != link.kind {
            self.out.edit(
                Command::SetLink(id, kind, link.label.clone()),
                format!("Make link {}", kind.label().to_lowercase()),
            );
        }
        let label = link.label.clone().unwrap_or_default();
        self.drafts.text_field_ui(
            ui,
            self.project,
            self.out,
            Field::LinkLabel(id),
            &label,
            "Label",
            false,
        );
        ui.add_space(8.0);
        if ui.button("Delete link").clicked() {
            self.out.action(Action::Delete);
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn the_inspector_alone_turns_clicks_into_intents() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/bank-account-opening.ron"
        );
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path().to_path_buf());
        session.open(Path::new(path)).unwrap();
        let id = session.project().touchpoints().next().unwrap().0;
        session.select(Selection::of(id));
        let before = session.project().clone();
        let other = match before.touchpoint(id).unwrap().initiative {
            Initiative::Proactive => "Reactive",
            Initiative::Reactive => "Proactive",
        };
        let alone = (
            InspectorState::default(),
            Pictures::default(),
            Drafts::default(),
            session,
            Intents::default(),
        );
        let mut harness = Harness::new_ui_state(
            |ui,
             (state, pictures, drafts, session, out): &mut (
                InspectorState,
                Pictures,
                Drafts,
                Session,
                Intents,
            )| {
                inspector_ui(ui, state, pictures, drafts, session, None, out);
            },
            alone,
        );
        harness.get_by_label(other).click();
        harness.run();
        harness.get_by_label("Delete touchpoint").click();
        harness.run();
        let (_, _, _, session, out) = harness.state();
        assert!(out.as_slice().contains(&Intent::Action(Action::Delete)));
        assert!(
            out.as_slice()
                .iter()
                .any(|i| matches!(i, Intent::Edit { command: Command::SetTouchpoint(t, _), .. } if *t == id)),
            "{:?}",
            out.as_slice()
        );
        assert_eq!(
            session.project(),
            &before,
            "the inspector changes nothing itself"
        );
    }
}
