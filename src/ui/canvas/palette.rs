//! The palette of touchpoint templates beside the canvas, and adding a touchpoint where
//! the user dropped or asked for it.

use egui::{DragAndDrop, Pos2, Sense, Ui, vec2};

use super::CanvasState;
use crate::board::{self, CARD_SIZE};
use crate::edit::Command;
use crate::model::{Channel, Initiative, Project, Touchpoint};
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

/// Adds a touchpoint in the middle of the view (palette click, Add touchpoint action).
pub fn add_touchpoint_in_view(
    state: &mut CanvasState,
    project: &Project,
    item: PaletteItem,
    out: &mut Intents,
) {
    let centre = state.view().screen_from_board.inverse() * state.rect.center();
    add_touchpoint_at(project, item, centre, out);
}

/// Adds a touchpoint whose card is centred on `centre_in_board`, selects it and starts
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
    let stage_name = project
        .stage(&stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let id = project.next_touchpoint_id();
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
}
