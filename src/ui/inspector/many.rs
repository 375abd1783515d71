//! The inspector for several selected touchpoints: stage, channel, owner, initiative and
//! both scores set on all of them at once, each change one undo step. A field where the
//! cards differ reads "Mixed".

use egui::{ComboBox, Ui};

use super::COMBO_HEIGHT;
use crate::board::CARD_SIZE;
use crate::edit::Command;
use crate::model::layout::free_position;
use crate::model::{Channel, Initiative, OwnerId, Position, Project, StageId, TouchpointId};
use crate::ui::actions::Action;
use crate::ui::intent::Intents;
use crate::ui::scoring::{self, ScoreKind};

/// Shown where the selected cards differ.
const MIXED: &str = "Mixed";

/// The one value every item has, or `None` when they differ (or there are none).
fn common<T: PartialEq>(mut values: impl Iterator<Item = T>) -> Option<T> {
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// What the user picked in one of the fields, for every selected card.
enum Change {
    Stage(StageId),
    Channel(Channel),
    Owner(Option<OwnerId>),
    Initiative(Initiative),
}

/// The inspector for `ids` (two or more touchpoints).
pub(super) fn many_ui(
    ui: &mut Ui,
    project: &Project,
    ids: &std::collections::HashSet<TouchpointId>,
    out: &mut Intents,
) {
    let mut sorted: Vec<TouchpointId> = ids.iter().copied().collect();
    sorted.sort();
    let cards: Vec<_> = sorted
        .iter()
        .filter_map(|&id| project.touchpoint(id).map(|t| (id, t)))
        .collect();
    ui.heading(format!(
        "{} selected",
        crate::plural::count(cards.len(), "touchpoint", "touchpoints")
    ));
    ui.weak(
        "Changes here apply to all of them, as one step. Drag any of them to move them together.",
    );
    ui.add_space(4.0);
    let change = fields_ui(ui, project, &cards);
    if let Some(change) = change
        && let Some((command, label)) = apply_change(project, &sorted, &change)
    {
        out.edit(command, label);
    }
    ui.separator();
    for kind in [ScoreKind::Perception, ScoreKind::Emotion] {
        score_buttons_ui(ui, project, ids, kind, out);
    }
    ui.weak(scoring::KEY_GUIDE);
    ui.separator();
    if ui.button("Delete selected").clicked() {
        out.action(Action::Delete);
    }
}

/// Stage, channel, owner and initiative of the selected cards ("Mixed" where they
/// differ); what the user picked.
fn fields_ui(
    ui: &mut Ui,
    project: &Project,
    cards: &[(TouchpointId, &crate::model::Touchpoint)],
) -> Option<Change> {
    let mut change = None;
    let stage = common(cards.iter().map(|(_, t)| &t.stage));
    let stage_text = stage
        .and_then(|s| project.stage(s))
        .map_or(MIXED, |s| s.name.as_str());
    ComboBox::from_label("Stage")
        .height(COMBO_HEIGHT)
        .selected_text(stage_text)
        .show_ui(ui, |ui| {
            for s in project.stages() {
                if ui.selectable_label(stage == Some(&s.id), &s.name).clicked() {
                    change = Some(Change::Stage(s.id.clone()));
                }
            }
        });
    let channel = common(cards.iter().map(|(_, t)| t.channel));
    ComboBox::from_label("Channel")
        .height(COMBO_HEIGHT)
        .selected_text(channel.map_or(MIXED, Channel::label))
        .show_ui(ui, |ui| {
            for c in Channel::ALL {
                if ui.selectable_label(channel == Some(c), c.label()).clicked() {
                    change = Some(Change::Channel(c));
                }
            }
        });
    let owner = common(cards.iter().map(|(_, t)| t.owner.as_ref()));
    let owner_text = match owner {
        None => MIXED,
        Some(None) => "No owner",
        Some(Some(id)) => project.owner(id).map_or("No owner", |o| o.name.as_str()),
    };
    ComboBox::from_label("Owner")
        .height(COMBO_HEIGHT)
        .selected_text(owner_text)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(owner == Some(None), "No owner")
                .clicked()
            {
                change = Some(Change::Owner(None));
            }
            for o in project.owners() {
                let selected = owner.flatten() == Some(&o.id);
                if ui.selectable_label(selected, &o.name).clicked() {
                    change = Some(Change::Owner(Some(o.id.clone())));
                }
            }
        });
    let initiative = common(cards.iter().map(|(_, t)| t.initiative));
    ui.horizontal(|ui| {
        ui.label("Initiative");
        for i in [Initiative::Proactive, Initiative::Reactive] {
            if ui.radio(initiative == Some(i), i.label()).clicked() {
                change = Some(Change::Initiative(i));
            }
        }
    });
    change
}

/// One step making `change` on every card in `ids` that does not have it yet.
fn apply_change(
    project: &Project,
    ids: &[TouchpointId],
    change: &Change,
) -> Option<(Command, String)> {
    let mut commands = Vec::new();
    // Cards moved into a lane go to free places there, clear of its cards and of each
    // other (their positions came from other lanes, where rows line up).
    let mut placed: Vec<Position> = Vec::new();
    let label = match change {
        Change::Stage(s) => format!(
            "Move to stage “{}”",
            project.stage(s).map_or("", |s| s.name.as_str())
        ),
        Change::Channel(c) => format!("Set channel to {}", c.label()),
        Change::Owner(Some(o)) => format!(
            "Set owner to {}",
            project.owner(o).map_or("", |o| o.name.as_str())
        ),
        Change::Owner(None) => "Remove owner".to_owned(),
        Change::Initiative(i) => format!("Set initiative to {}", i.label()),
    };
    for &id in ids {
        let Some(t) = project.touchpoint(id) else {
            continue;
        };
        let mut changed = t.clone();
        match change {
            Change::Stage(stage) if t.stage != *stage => {
                let taken: Vec<Position> = project
                    .touchpoints()
                    .filter(|(_, other)| other.stage == *stage)
                    .map(|(_, other)| other.position)
                    .chain(placed.iter().copied())
                    .collect();
                changed.stage = stage.clone();
                if let Some(position) =
                    free_position(&taken, (CARD_SIZE.x, CARD_SIZE.y), t.position)
                {
                    changed.position = position;
                }
                placed.push(changed.position);
            }
            Change::Stage(_) => {}
            Change::Channel(c) => changed.channel = *c,
            Change::Owner(o) => changed.owner.clone_from(o),
            Change::Initiative(i) => changed.initiative = *i,
        }
        if changed != *t {
            commands.push(Command::SetTouchpoint(id, Box::new(changed)));
        }
    }
    let n = commands.len();
    (n > 0).then(|| {
        (
            Command::Batch(commands),
            format!(
                "{label} for {}",
                crate::plural::count(n, "touchpoint", "touchpoints")
            ),
        )
    })
}

/// A row of buttons setting one score on every selected card: 1–5 for perception,
/// −2 … +2 for emotion, and Clear.
fn score_buttons_ui(
    ui: &mut Ui,
    project: &Project,
    ids: &std::collections::HashSet<TouchpointId>,
    kind: ScoreKind,
    out: &mut Intents,
) {
    let values: [(f32, &str); 5] = match kind {
        ScoreKind::Perception => [(1.0, "1"), (2.0, "2"), (3.0, "3"), (4.0, "4"), (5.0, "5")],
        ScoreKind::Emotion => [
            (-2.0, "−2"),
            (-1.0, "−1"),
            (0.0, "0"),
            (1.0, "+1"),
            (2.0, "+2"),
        ],
    };
    let current = common(ids.iter().filter_map(|id| {
        project.touchpoint(*id).map(|t| match kind {
            ScoreKind::Perception => t.perception.map(crate::model::Perception::value),
            ScoreKind::Emotion => t.emotion.map(crate::model::Emotion::value),
        })
    }));
    let mut set = None;
    ui.horizontal(|ui| {
        let name = match kind {
            ScoreKind::Perception => "Perception",
            ScoreKind::Emotion => "Emotion",
        };
        ui.label(name);
        for (value, text) in values {
            let selected = current == Some(Some(value));
            let name = format!("Set {} to {text} on all", kind.name());
            let button = ui.selectable_label(selected, text);
            button.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
            });
            let button = button.on_hover_text(&name);
            if button.clicked() {
                set = Some(Some(value));
            }
        }
        if ui.small_button("Clear").clicked() {
            set = Some(None);
        }
        if current.is_none() {
            ui.weak(MIXED);
        }
    });
    if let Some(value) = set
        && let Some((command, label)) = scoring::set_scores(project, ids, kind, value)
    {
        out.edit(command, label);
    }
}
