//! The inspector: every field of the selected touchpoint or link, editable. Text fields
//! become one undo step when they lose focus; sliders when released.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{ComboBox, Slider, TextEdit, Ui, vec2};

use super::{Document, JourneyboardApp};
use crate::edit::Command;
use crate::model::{
    Channel, Emotion, Initiative, LinkId, LinkKind, Perception, Persona, Touchpoint, TouchpointId,
};

/// A text field whose typing is not yet a command (it becomes one on focus loss).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Title(TouchpointId),
    Notes(TouchpointId),
    Pain(TouchpointId, usize),
    Opportunity(TouchpointId, usize),
    LinkLabel(LinkId),
    StageName(String),
    OwnerName(String),
    ProjectTitle,
    Description,
    PersonaName,
    PersonaDescription,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Score {
    Perception,
    Emotion,
}

enum Thumbnail {
    /// Being read and decoded on the picture thread.
    Loading,
    Ready(egui::TextureHandle),
    Failed(String),
}

#[derive(Default)]
pub(super) struct InspectorState {
    /// Text being typed, by field, while the field has focus.
    drafts: HashMap<Field, String>,
    /// A score slider being dragged.
    slider: Option<(TouchpointId, Score, f32)>,
    new_owner: String,
    thumbnails: Thumbnails,
    /// Why the last committed text edit could not be applied, for the status line.
    failed: Option<String>,
}

impl InspectorState {
    /// Turns every pending text edit into a command (before save, undo, close …).
    pub fn commit(&mut self, doc: &mut Document) {
        for (field, text) in std::mem::take(&mut self.drafts) {
            if let Err(message) = commit_field(doc, field, &text) {
                self.failed = Some(message);
            }
        }
    }

    /// Why the last text edit could not be applied, once.
    pub fn take_failure(&mut self) -> Option<String> {
        self.failed.take()
    }
}

/// Applies a finished text edit as one undoable step; on failure (the project no longer
/// has what was edited) says why, and the project is unchanged.
pub(super) fn commit_field(doc: &mut Document, field: Field, text: &str) -> Result<(), String> {
    let project = &doc.project;
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
        }
    };
    let info = |edit: &dyn Fn(&mut String, &mut String, &mut Persona)| {
        let (mut title, mut description, mut persona) = (
            project.title.clone(),
            project.description.clone(),
            project.persona.clone(),
        );
        edit(&mut title, &mut description, &mut persona);
        let changed = title != project.title
            || description != project.description
            || persona != project.persona;
        changed.then_some((
            Command::SetInfo {
                title,
                description,
                persona,
            },
            "Edit project details".to_owned(),
        ))
    };
    let step = match field {
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
    };
    if let Some((command, label)) = step {
        doc.history
            .apply(&mut doc.project, command, label.clone())
            .map_err(|err| format!("Could not apply “{label}”: {err}; the project is unchanged"))?;
    }
    Ok(())
}

impl JourneyboardApp {
    /// A labelled text field whose edit becomes one undo step when it loses focus.
    pub(super) fn text_field_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        current: &str,
        label: &str,
        multiline: bool,
    ) {
        let label_response = ui.label(label);
        let mut text = self
            .inspector
            .drafts
            .get(&field)
            .cloned()
            .unwrap_or_else(|| current.to_owned());
        let edit = if multiline {
            TextEdit::multiline(&mut text).desired_rows(3)
        } else {
            TextEdit::singleline(&mut text)
        };
        let response = ui
            .add(edit.desired_width(f32::INFINITY))
            .labelled_by(label_response.id);
        self.track_text(field, text, &response);
    }

    fn track_text(&mut self, field: Field, text: String, response: &egui::Response) {
        if response.has_focus() {
            self.inspector.drafts.insert(field, text);
        } else if self.inspector.drafts.remove(&field).is_some() || response.lost_focus() {
            match commit_field(&mut self.doc, field, &text) {
                Err(message) => self.status = Some(message),
                Ok(()) => {
                    if let Some(notice) = crate::fonts::text_notice(&text) {
                        self.status = Some(notice);
                    }
                }
            }
            self.prune_selection();
        }
    }

    fn set_touchpoint(&mut self, id: TouchpointId, changed: Touchpoint, what: &str) {
        let Some(t) = self.doc.project.touchpoint(id) else {
            return;
        };
        if *t != changed {
            let label = format!("Edit {what} of “{}”", t.title);
            self.apply(Command::SetTouchpoint(id, Box::new(changed)), label);
        }
    }

    pub(super) fn inspector_ui(&mut self, ui: &mut Ui) {
        if let Some(id) = self.selection.single() {
            self.touchpoint_inspector_ui(ui, id);
        } else if let Some(id) = self.selection.link {
            self.link_inspector_ui(ui, id);
        } else if !self.selection.touchpoints.is_empty() {
            ui.heading(format!(
                "{} touchpoints selected",
                self.selection.touchpoints.len()
            ));
            ui.label("Drag any of them to move them together.");
            if ui.button("Delete selected").clicked() {
                self.delete_selection();
            }
        } else {
            ui.heading("Nothing selected");
            ui.label("Click a card or a link on the board to edit it here.");
            ui.add_space(8.0);
            ui.label("Double-click a lane to add a touchpoint, or drag one from the palette on the left.");
        }
    }

    fn touchpoint_inspector_ui(&mut self, ui: &mut Ui, id: TouchpointId) {
        let Some(t) = self.doc.project.touchpoint(id).cloned() else {
            return;
        };
        ui.heading("Touchpoint");
        self.text_field_ui(ui, Field::Title(id), &t.title, "Title", false);

        let project = &self.doc.project;
        let mut changed = t.clone();
        let stage_name = project
            .stage(&t.stage)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        ComboBox::from_label("Stage")
            .selected_text(stage_name)
            .show_ui(ui, |ui| {
                for s in project.stages() {
                    ui.selectable_value(&mut changed.stage, s.id.clone(), &s.name);
                }
            });
        ComboBox::from_label("Channel")
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
        if changed != t {
            self.set_touchpoint(id, changed, "details");
        }

        // New owner, created and assigned in one step.
        ui.horizontal(|ui| {
            let label = ui.label("New owner");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.inspector.new_owner)
                        .desired_width(140.0)
                        .hint_text("team name"),
                )
                .labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.inspector.new_owner.trim().to_owned();
            if (ui
                .add_enabled(!name.is_empty(), egui::Button::new("Add owner"))
                .clicked()
                || enter)
                && !name.is_empty()
            {
                let owner = self.doc.project.new_owner(&name);
                if let Some(mut t) = self.doc.project.touchpoint(id).cloned() {
                    t.owner = Some(owner.id.clone());
                    self.apply(
                        Command::Batch(vec![
                            Command::InsertOwner(usize::MAX, owner),
                            Command::SetTouchpoint(id, Box::new(t)),
                        ]),
                        format!("Add owner “{name}”"),
                    );
                }
                self.inspector.new_owner.clear();
            }
        });

        ui.separator();
        self.score_ui(ui, id, Score::Perception);
        self.score_ui(ui, id, Score::Emotion);
        ui.separator();
        self.text_field_ui(ui, Field::Notes(id), &t.notes, "Notes", true);
        self.list_ui(ui, id, true);
        self.list_ui(ui, id, false);
        ui.separator();
        self.picture_ui(ui, id);
        ui.separator();
        if ui.button("Delete touchpoint").clicked() {
            self.delete_selection();
        }
    }

    fn score_ui(&mut self, ui: &mut Ui, id: TouchpointId, score: Score) {
        let Some(t) = self.doc.project.touchpoint(id) else {
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
                let mut v = match self.inspector.slider {
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
                    self.inspector.slider = Some((id, score, v));
                } else if response.changed() || response.drag_stopped() {
                    self.inspector.slider = None;
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
        let Some(t) = self.doc.project.touchpoint(id) else {
            return;
        };
        let (title, items, one) = if pains {
            ("Pain points", t.pain_points.clone(), "pain point")
        } else {
            ("Opportunities", t.opportunities.clone(), "opportunity")
        };
        ui.label(title);
        let mut remove = None;
        for (i, item) in items.iter().enumerate() {
            ui.horizontal(|ui| {
                let field = if pains {
                    Field::Pain(id, i)
                } else {
                    Field::Opportunity(id, i)
                };
                let mut text = self
                    .inspector
                    .drafts
                    .get(&field)
                    .cloned()
                    .unwrap_or_else(|| item.clone());
                let response = ui.add(
                    TextEdit::singleline(&mut text)
                        .desired_width(ui.available_width() - 30.0)
                        .hint_text(format!("{} {}", capitalise(one), i + 1)),
                );
                self.track_text(field, text, &response);
                let remove_button = ui.small_button("×");
                super::project_panel::name_icon(&remove_button, &format!("Remove {one} {}", i + 1));
                if remove_button.clicked() {
                    remove = Some(i);
                }
            });
        }
        let add = ui.small_button(format!("+ Add {one}")).clicked();
        if (add || remove.is_some())
            && let Some(t) = self.doc.project.touchpoint(id)
        {
            let mut changed = t.clone();
            let list = if pains {
                &mut changed.pain_points
            } else {
                &mut changed.opportunities
            };
            match remove {
                Some(i) if i < list.len() => {
                    list.remove(i);
                }
                Some(_) => {}
                None => list.push(format!("New {one}")),
            }
            self.set_touchpoint(id, changed, title);
        }
    }

    fn picture_ui(&mut self, ui: &mut Ui, id: TouchpointId) {
        let Some(t) = self.doc.project.touchpoint(id) else {
            return;
        };
        let picture = t.picture.clone();
        ui.label("Picture");
        if let Some(rel) = &picture {
            let folder = self.project_folder();
            let ctx = ui.ctx().clone();
            match self.inspector.thumbnails.get(&ctx, folder.as_deref(), rel) {
                Thumbnail::Ready(texture) => {
                    let size = texture.size_vec2();
                    let scale = (ui.available_width() / size.x).min(1.0);
                    ui.add(
                        egui::Image::new(texture)
                            .fit_to_exact_size(size * scale)
                            .alt_text(rel.clone()),
                    );
                }
                Thumbnail::Loading => {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_min_size(vec2(ui.available_width(), 60.0));
                        // No spinner: it would repaint every frame. The picture thread
                        // asks for a repaint when it is done.
                        ui.weak("Loading picture…");
                    });
                }
                Thumbnail::Failed(message) => {
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
                let answer = self.dialogs.pick_picture();
                if let Some(path) = self.chosen(answer, super::PathPurpose::Picture(id)) {
                    self.set_picture(id, &path);
                }
            }
            if picture.is_some()
                && ui.button("Remove picture").clicked()
                && let Some(t) = self.doc.project.touchpoint(id)
            {
                let mut changed = t.clone();
                changed.picture = None;
                self.set_touchpoint(id, changed, "picture");
            }
        });
    }

    /// Makes `chosen` the touchpoint's picture (copied beside the project if needed).
    pub(super) fn set_picture(&mut self, id: TouchpointId, chosen: &Path) {
        match self.store_picture(chosen) {
            Ok(stored) => {
                // A new file at a path seen before must be decoded again.
                self.inspector.thumbnails.clear();
                if let Some(t) = self.doc.project.touchpoint(id) {
                    let mut changed = t.clone();
                    changed.picture = Some(stored);
                    self.set_touchpoint(id, changed, "picture");
                }
            }
            Err(message) => self.status = Some(message),
        }
    }

    fn project_folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|folder| crate::file::in_folder(folder).to_path_buf())
    }

    /// Stores a chosen picture: kept where it is when inside the project folder,
    /// otherwise copied into `pictures/` beside the project file.
    fn store_picture(&self, chosen: &Path) -> Result<String, String> {
        let folder = self.project_folder().ok_or_else(|| {
            "Save the project first: pictures are kept beside the project file".to_owned()
        })?;
        crate::file::check_chosen_picture(chosen)?;
        let inside = chosen
            .canonicalize()
            .ok()
            .zip(folder.canonicalize().ok())
            .and_then(|(c, f)| c.strip_prefix(&f).ok().map(Path::to_path_buf));
        let relative = match inside {
            Some(relative) => relative,
            None => {
                let name = chosen
                    .file_name()
                    .ok_or_else(|| format!("{} is not a file", chosen.display()))?;
                let target_dir = folder.join("pictures");
                std::fs::create_dir_all(&target_dir)
                    .map_err(|e| format!("could not create {}: {e}", target_dir.display()))?;
                // `pictures` must be a real folder inside the project folder, not a link a
                // shared project folder planted to make us write elsewhere.
                let real_inside = std::fs::symlink_metadata(&target_dir).is_ok_and(|m| m.is_dir())
                    && target_dir
                        .canonicalize()
                        .ok()
                        .zip(folder.canonicalize().ok())
                        .is_some_and(|(t, f)| t.starts_with(f));
                if !real_inside {
                    return Err(format!(
                        "{} is a link that leads out of the project folder, so no picture is \
                         copied there; replace it with a folder",
                        target_dir.display()
                    ));
                }
                let mut target = target_dir.join(name);
                let mut n = 2;
                // A name that is taken, even by a link that leads nowhere, is not used.
                while std::fs::symlink_metadata(&target).is_ok() {
                    let stem = Path::new(name)
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy();
                    let ext = Path::new(name)
                        .extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or_default();
                    target = target_dir.join(format!("{stem}-{n}{ext}"));
                    n += 1;
                }
                let copy_error = |e: std::io::Error| {
                    format!(
                        "could not copy {} into the project folder: {e}",
                        chosen.display()
                    )
                };
                // Created new (never through a link), then filled.
                let mut source = std::fs::File::open(chosen).map_err(copy_error)?;
                let mut copy = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)
                    .map_err(copy_error)?;
                if let Err(e) = std::io::copy(&mut source, &mut copy) {
                    drop(copy);
                    let _ = std::fs::remove_file(&target); // a partial copy is no use
                    return Err(copy_error(e));
                }
                PathBuf::from("pictures").join(target.file_name().unwrap_or_default())
            }
        };
        Ok(relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"))
    }

    fn link_inspector_ui(&mut self, ui: &mut Ui, id: LinkId) {
        let Some(link) = self.doc.project.link(id).cloned() else {
            return;
        };
        let title = |t| {
            self.doc
                .project
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
            self.apply(
                Command::SetLink(id, kind, link.label.clone()),
                format!("Make link {}", kind.label().to_lowercase()),
            );
        }
        let label = link.label.clone().unwrap_or_default();
        self.text_field_ui(ui, Field::LinkLabel(id), &label, "Label", false);
        ui.add_space(8.0);
        if ui.button("Delete link").clicked() {
            self.delete_selection();
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

/// Thumbnails of storyboard pictures, read and decoded on a thread of their own so a slow,
/// huge or hostile picture never stops the editor (or its autosave). Cached by path and
/// modification time.
#[derive(Default)]
struct Thumbnails {
    entries: HashMap<PathBuf, ThumbnailEntry>,
    worker: Option<std::sync::mpsc::Sender<PictureJob>>,
    finished: Option<(
        std::sync::mpsc::Sender<DecodedPicture>,
        std::sync::mpsc::Receiver<DecodedPicture>,
    )>,
}

struct ThumbnailEntry {
    modified: Option<std::time::SystemTime>,
    /// When the modification time was last looked at (egui time, seconds).
    checked_at: f64,
    thumbnail: Thumbnail,
}

struct PictureJob {
    key: PathBuf,
    folder: Option<PathBuf>,
    stored: String,
    modified: Option<std::time::SystemTime>,
    ctx: egui::Context,
}

struct DecodedPicture {
    key: PathBuf,
    modified: Option<std::time::SystemTime>,
    result: Result<egui::ColorImage, String>,
}

/// Largest thumbnail shown in the inspector, in pixels.
const THUMBNAIL_SIZE: (u32, u32) = (480, 360);

/// How often a shown picture's file is looked at again for changes, in seconds.
const RECHECK_SECONDS: f64 = 1.0;

impl Thumbnails {
    /// Forgets every thumbnail (a new file may now sit at a path seen before).
    fn clear(&mut self) {
        self.entries.clear();
    }

    /// The thumbnail for a stored picture path: ready, failed, or loading (then the
    /// picture thread asks for a repaint when it is done).
    fn get(&mut self, ctx: &egui::Context, folder: Option<&Path>, stored: &str) -> &Thumbnail {
        self.take_finished(ctx);
        let now = ctx.input(|i| i.time);
        let key = match crate::file::resolve_picture(folder, stored) {
            Ok(full) => full,
            Err(reason) => {
                // Refused as written: nothing to read, nothing to watch.
                let entry = self
                    .entries
                    .entry(PathBuf::from(stored))
                    .or_insert(ThumbnailEntry {
                        modified: None,
                        checked_at: now,
                        thumbnail: Thumbnail::Failed(reason),
                    });
                return &entry.thumbnail;
            }
        };
        let due = self
            .entries
            .get(&key)
            .is_none_or(|e| now - e.checked_at >= RECHECK_SECONDS || now < e.checked_at);
        if due {
            // Looking at the modification time does not open the file.
            let modified = std::fs::metadata(&key).and_then(|m| m.modified()).ok();
            match self.entries.get_mut(&key) {
                Some(entry) if entry.modified == modified => entry.checked_at = now,
                _ => {
                    self.entries.insert(
                        key.clone(),
                        ThumbnailEntry {
                            modified,
                            checked_at: now,
                            thumbnail: Thumbnail::Loading,
                        },
                    );
                    self.submit(PictureJob {
                        key: key.clone(),
                        folder: folder.map(Path::to_path_buf),
                        stored: stored.to_owned(),
                        modified,
                        ctx: ctx.clone(),
                    });
                }
            }
        }
        // Always present: inserted above or on an earlier frame.
        &self
            .entries
            .entry(key)
            .or_insert(ThumbnailEntry {
                modified: None,
                checked_at: now,
                thumbnail: Thumbnail::Loading,
            })
            .thumbnail
    }

    /// Turns pictures the thread has finished into textures.
    fn take_finished(&mut self, ctx: &egui::Context) {
        let Some((_, finished)) = &self.finished else {
            return;
        };
        while let Ok(done) = finished.try_recv() {
            let Some(entry) = self.entries.get_mut(&done.key) else {
                continue; // forgotten since it was asked for
            };
            if entry.modified != done.modified || !matches!(entry.thumbnail, Thumbnail::Loading) {
                continue; // the file changed again; a newer job is on its way
            }
            entry.thumbnail = match done.result {
                Ok(image) => Thumbnail::Ready(ctx.load_texture(
                    done.key.display().to_string(),
                    image,
                    egui::TextureOptions::LINEAR,
                )),
                Err(message) => Thumbnail::Failed(message),
            };
        }
    }

    /// Hands a job to the picture thread, starting it (again) if needed.
    fn submit(&mut self, job: PictureJob) {
        let finished = self
            .finished
            .get_or_insert_with(std::sync::mpsc::channel)
            .0
            .clone();
        let job = match &self.worker {
            Some(worker) => match worker.send(job) {
                Ok(()) => return,
                Err(std::sync::mpsc::SendError(job)) => job, // the thread has gone
            },
            None => job,
        };
        let (worker, jobs) = std::sync::mpsc::channel::<PictureJob>();
        let started = std::thread::Builder::new()
            .name("journeyboard-pictures".to_owned())
            .spawn(move || {
                for job in jobs {
                    let result = decode_thumbnail(job.folder.as_deref(), &job.stored);
                    let done = DecodedPicture {
                        key: job.key,
                        modified: job.modified,
                        result,
                    };
                    if finished.send(done).is_err() {
                        break; // the editor has closed
                    }
                    job.ctx.request_repaint();
                }
            });
        match started {
            Ok(_) => {
                let key = job.key.clone();
                if worker.send(job).is_err() {
                    self.fail(
                        &key,
                        "the picture reader stopped; reopen the project".to_owned(),
                    );
                }
                self.worker = Some(worker);
            }
            Err(e) => self.fail(
                &job.key,
                format!("the picture reader could not start ({e}); reopen the project"),
            ),
        }
    }

    fn fail(&mut self, key: &Path, message: String) {
        if let Some(entry) = self.entries.get_mut(key) {
            entry.thumbnail = Thumbnail::Failed(message);
        }
    }
}

/// Reads and decodes a picture into a thumbnail (on the picture thread). A decoder that
/// panics on a crafted file gives a message, not a dead thread.
fn decode_thumbnail(folder: Option<&Path>, stored: &str) -> Result<egui::ColorImage, String> {
    let decode = || {
        let image = crate::file::load_picture(folder, stored)?;
        let thumbnail = image
            .thumbnail(THUMBNAIL_SIZE.0, THUMBNAIL_SIZE.1)
            .to_rgba8();
        let size = [thumbnail.width() as usize, thumbnail.height() as usize];
        Ok(egui::ColorImage::from_rgba_unmultiplied(
            size,
            thumbnail.as_raw(),
        ))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_else(|_| {
        Err(format!(
            "picture “{stored}” could not be decoded; choose another picture or remove it"
        ))
    })
}
