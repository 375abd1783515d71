//! The palette of touchpoint templates beside the canvas, and adding a touchpoint where
//! the user dropped or asked for it.

use egui::{DragAndDrop, Pos2, Rect, Sense, Ui, pos2, vec2};

use super::CanvasState;
use crate::board::{self, CARD_SIZE};
use crate::edit::Command;
use crate::model::layout::{LANE_INSET, free_position};
use crate::model::{Channel, Initiative, Position, Project, StageId, Touchpoint, TouchpointId};
use crate::session::Selection;
use crate::ui::intent::{Intent, Intents};

/// A touchpoint template dragged from the palette.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaletteItem {
    /// Button text and the new card's title.
    pub label: &'static str,
    /// Channel of the new touchpoint.
    pub channel: Channel,
    /// Initiative of the new touchpoint.
    pub initiative: Initiative,
}

/// The templates the palette offers.
pub const PALETTE: [PaletteItem; 10] = [
    PaletteItem {
        label: "Touchpoint",
        channel: Channel::Other,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Website visit",
        channel: Channel::Web,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "App moment",
        channel: Channel::MobileApp,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Email",
        channel: Channel::Email,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Phone call",
        channel: Channel::Phone,
        initiative: Initiative::Reactive,
    },
    PaletteItem {
        label: "Store visit",
        channel: Channel::Store,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Chat",
        channel: Channel::Chat,
        initiative: Initiative::Reactive,
    },
    PaletteItem {
        label: "Social post",
        channel: Channel::Social,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Word of mouth",
        channel: Channel::WordOfMouth,
        initiative: Initiative::Proactive,
    },
    PaletteItem {
        label: "Self-service",
        channel: Channel::SelfService,
        initiative: Initiative::Reactive,
    },
];

/// The palette's width, fixed: its buttons fill it and must never widen it.
pub const PALETTE_WIDTH: f32 = 150.0;

/// The palette of touchpoint templates, to click or drag onto the canvas. Returns the
/// template clicked (a drag leaves a payload the canvas takes when it is dropped).
pub fn palette_ui(ui: &mut Ui) -> Option<PaletteItem> {
    let mut clicked = None;
    egui::Panel::left("palette")
        .resizable(false)
        .exact_size(PALETTE_WIDTH)
        .show(ui, |ui| {
            ui.strong("Add touchpoint");
            ui.weak("Drag onto a lane, or click");
            ui.add_space(4.0);
            for item in PALETTE {
                let button = egui::Button::new(item.label)
                    .sense(Sense::click_and_drag())
                    .min_size(vec2(ui.available_width(), 24.0));
                let response = ui.add(button).on_hover_text(format!(
                    "{} · {}",
                    item.channel.label(),
                    item.initiative.label()
                ));
                if response.drag_started() {
                    DragAndDrop::set_payload(ui.ctx(), item);
                }
                if response.clicked() {
                    clicked = Some(item);
                }
            }
        });
    clicked
}

/// Adds a touchpoint in the lane in the middle of the view (palette click, Add touchpoint
/// action): at the first free place from the top of what is shown, never on another card.
/// The view follows when that place is below it.
pub fn add_touchpoint_in_view(
    state: &mut CanvasState,
    project: &Project,
    item: PaletteItem,
    out: &mut Intents,
) {
    let from_screen = state.view().screen_from_board.inverse();
    let centre = from_screen * state.rect.center();
    let top = (from_screen * state.rect.left_top()).y;
    let Some((stage, _)) = board::placement_at(project, centre - CARD_SIZE / 2.0) else {
        out.status("Add a stage first (Project tab)");
        return;
    };
    let wanted = Position {
        x: LANE_INSET,
        y: (top - board::HEADER_HEIGHT + LANE_INSET)
            .max(LANE_INSET)
            .round(),
    };
    if let Some(card) = add_touchpoint(project, item, stage, wanted, out) {
        let on_screen = state.view().screen_from_board.mul_rect(card);
        if !state.rect.contains_rect(on_screen) {
            let zoom = state.zoom;
            state.centre_on(card.center(), zoom);
        }
    }
}

/// Adds a touchpoint whose card is centred on `centre_in_board` (a drop, a double-click
/// on a lane), or just below when a card is already there; selects it and starts
/// renaming it.
pub(super) fn add_touchpoint_at(
    project: &Project,
    item: PaletteItem,
    centre_in_board: Pos2,
    out: &mut Intents,
) {
    let Some((stage, position)) = board::placement_at(project, centre_in_board - CARD_SIZE / 2.0)
    else {
        out.status("Add a stage first (Project tab)");
        return;
    };
    add_touchpoint(project, item, stage, position, out);
}

/// Where the cards of `stage` are, for placing new ones clear of them.
pub(in crate::ui) fn lane_positions(project: &Project, stage: &StageId) -> Vec<Position> {
    project
        .touchpoints()
        .filter(|(_, t)| t.stage == *stage)
        .map(|(_, t)| t.position)
        .collect()
}

/// Adds a touchpoint in `stage` at `wanted` or the first free place below it, selects it
/// and starts renaming it. Returns where its card is on the board.
fn add_touchpoint(
    project: &Project,
    item: PaletteItem,
    stage: StageId,
    wanted: Position,
    out: &mut Intents,
) -> Option<Rect> {
    let taken = lane_positions(project, &stage);
    let Some(position) = free_position(&taken, (CARD_SIZE.x, CARD_SIZE.y), wanted) else {
        out.status(
            "This lane is full to the bottom of the board; add the touchpoint to another stage",
        );
        return None;
    };
    let stage_name = project
        .stage(&stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let id = project.next_touchpoint_id();
    let touchpoint_stage = stage.clone();
    let touchpoint = Touchpoint {
        title: item.label.to_owned(),
        stage,
        channel: item.channel,
        initiative: item.initiative,
        position,
        ..Touchpoint::default()
    };
    out.edit(
        Command::Insert {
            touchpoints: vec![(id, touchpoint)],
            links: vec![],
        },
        format!("Add touchpoint to {stage_name}"),
    );
    // Asked for after the edit, so the new card exists when they are applied.
    out.select(Selection::of(id));
    out.push(Intent::Rename(id));
    let lane = project.stage_index(&touchpoint_stage)?;
    Some(Rect::from_min_size(
        pos2(
            board::lane_left(lane) + position.x,
            board::HEADER_HEIGHT + position.y,
        ),
        CARD_SIZE,
    ))
}

/// Puts pasted touchpoints at `anchor` (a board point, where the pointer is): the group
/// is centred on it, each card goes to the lane it lands in, and a card that would cover
/// another (already there or pasted before it) moves down to the first free place.
pub fn arrange_at(project: &Project, pasted: &mut [(TouchpointId, Touchpoint)], anchor: Pos2) {
    let card_min = |t: &Touchpoint| {
        project.stage_index(&t.stage).map(|lane| {
            pos2(
                board::lane_left(lane) + t.position.x,
                board::HEADER_HEIGHT + t.position.y,
            )
        })
    };
    let Some(bounds) = pasted
        .iter()
        .filter_map(|(_, t)| card_min(t).map(|min| Rect::from_min_size(min, CARD_SIZE)))
        .reduce(Rect::union)
    else {
        return;
    };
    let delta = anchor - bounds.center();
    let mut order: Vec<usize> = (0..pasted.len()).collect();
    order.sort_by(|&a, &b| pasted[a].1.position.y.total_cmp(&pasted[b].1.position.y));
    let mut placed: Vec<(StageId, Position)> = Vec::new();
    for i in order {
        let t = &mut pasted[i].1;
        let Some(min) = card_min(t) else {
            continue;
        };
        let Some((stage, wanted)) = board::placement_at(project, min + delta) else {
            continue;
        };
        let taken: Vec<Position> = project
            .touchpoints()
            .map(|(_, other)| (&other.stage, other.position))
            .chain(placed.iter().map(|(s, p)| (s, *p)))
            .filter(|(s, _)| **s == stage)
            .map(|(_, p)| p)
            .collect();
        if let Some(position) = free_position(&taken, (CARD_SIZE.x, CARD_SIZE.y), wanted) {
            t.stage = stage.clone();
            t.position = position;
            placed.push((stage, position));
        }
    }
}
