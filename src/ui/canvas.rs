//! The board canvas: pan and zoom, cards to select, drag, link and rename, a palette to
//! drag new touchpoints from.

use std::collections::HashSet;

use egui::{
    Align2, Color32, DragAndDrop, FontId, Id, Modifiers, PointerButton, Pos2, Rect, Role, Sense,
    Stroke, StrokeKind, TextEdit, Ui, Vec2, WidgetInfo, emath::TSTransform, vec2,
};

use super::JourneyboardApp;
use crate::board::{self, BoardView, CARD_SIZE, HANDLE_RADIUS, PaintState};
use crate::edit::Command;
use crate::model::{Channel, Initiative, Link, LinkKind, Touchpoint, TouchpointId};

/// Lowest zoom (10 %).
pub const MIN_ZOOM: f32 = 0.1;
/// Highest zoom (400 %).
pub const MAX_ZOOM: f32 = 4.0;

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

pub(super) enum Drag {
    Move {
        ids: HashSet<TouchpointId>,
        delta: Vec2,
    },
    Link {
        from: TouchpointId,
        pointer: Pos2,
    },
    Band {
        start: Pos2,
        end: Pos2,
        additive: bool,
    },
    Pan,
}

pub(super) struct Rename {
    pub id: TouchpointId,
    pub text: String,
    pub focus_requested: bool,
}

pub(super) struct CanvasState {
    pub zoom: f32,
    /// Screen offset of the board origin from the canvas's top-left corner.
    pub pan: Vec2,
    pub fit_requested: bool,
    pub drag: Option<Drag>,
    pub renaming: Option<Rename>,
    pub rect: Rect,
    /// Last known pointer position (a release may come with the pointer already gone).
    last_pointer: Option<Pos2>,
    pending_zoom: Option<f32>,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: vec2(16.0, 16.0),
            fit_requested: true,
            drag: None,
            renaming: None,
            rect: Rect::ZERO,
            last_pointer: None,
            pending_zoom: None,
        }
    }
}

impl CanvasState {
    pub fn reset_for_new_document(&mut self) {
        self.drag = None;
        self.renaming = None;
        self.fit_requested = true;
    }

    /// Screen position of a board point.
    pub fn screen_from_board(&self, pos_in_board: Pos2) -> Pos2 {
        self.view().screen_from_board * pos_in_board
    }

    /// Zooms about the centre of the canvas.
    pub fn set_zoom_centred(&mut self, zoom: f32) {
        self.pending_zoom = Some(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    fn view(&self) -> BoardView {
        BoardView {
            screen_from_board: TSTransform::from_translation(self.rect.min.to_vec2() + self.pan)
                * TSTransform::from_scaling(self.zoom),
        }
    }

    fn zoom_about(&mut self, zoom: f32, anchor_on_screen: Pos2) {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor_in_board = self.view().screen_from_board.inverse() * anchor_on_screen;
        self.zoom = zoom;
        self.pan = anchor_on_screen - self.rect.min - anchor_in_board.to_vec2() * zoom;
    }

    /// Stops panning once the board would leave the canvas: at least 80 points of it
    /// stay visible, so the work can never get lost off screen.
    fn keep_board_in_sight(&mut self, content: Rect) {
        let on_screen = self.view().screen_from_board.mul_rect(content);
        let margin = 80.0_f32.min(on_screen.width()).min(on_screen.height());
        let canvas = self.rect;
        let dx = (canvas.left() + margin - on_screen.right()).max(0.0)
            - (on_screen.left() - (canvas.right() - margin)).max(0.0);
        let dy = (canvas.top() + margin - on_screen.bottom()).max(0.0)
            - (on_screen.top() - (canvas.bottom() - margin)).max(0.0);
        self.pan += vec2(dx, dy);
    }

    /// Centres the view on a board point at a zoom level.
    pub fn centre_on(&mut self, centre_in_board: Pos2, zoom: f32) {
        self.fit_requested = false;
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = self.rect.size() / 2.0 - centre_in_board.to_vec2() * self.zoom;
    }

    /// Shows `content` (board coordinates) whole, at most at 100 %.
    pub fn frame(&mut self, content: Rect) {
        self.fit(content);
    }

    fn fit(&mut self, content: Rect) {
        let content = content.expand(24.0);
        let available = self.rect.size();
        if available.x <= 1.0 || available.y <= 1.0 {
            return;
        }
        let zoom = (available.x / content.width())
            .min(available.y / content.height())
            .clamp(MIN_ZOOM, 1.0);
        self.zoom = zoom;
        let offset = (available - content.size() * zoom) / 2.0;
        self.pan = vec2(offset.x.max(0.0), offset.y.max(0.0)) - content.min.to_vec2() * zoom;
        self.fit_requested = false;
    }
}

enum Event {
    Click(TouchpointId, Modifiers),
    DoubleClick(TouchpointId),
    DragStart(TouchpointId, Modifiers),
    LinkStart(TouchpointId),
}

fn card_label(t: &Touchpoint) -> String {
    format!("Touchpoint: {}", t.title)
}

impl JourneyboardApp {
    /// The palette of touchpoint templates, to click or drag onto the canvas.
    pub(super) fn palette_ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("palette")
            .resizable(false)
            .default_size(150.0)
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
                        self.add_touchpoint_in_view(item);
                    }
                }
            });
    }

    /// Adds a touchpoint in the middle of the view (palette click, Add touchpoint action).
    pub(super) fn add_touchpoint_in_view(&mut self, item: PaletteItem) {
        let centre = self.canvas.view().screen_from_board.inverse() * self.canvas.rect.center();
        self.add_touchpoint_at(item, centre);
    }

    /// Adds a touchpoint whose card is centred on `centre_in_board`, selects it and
    /// starts renaming it.
    fn add_touchpoint_at(&mut self, item: PaletteItem, centre_in_board: Pos2) {
        let project = &self.doc.project;
        let Some((stage, position)) =
            board::placement_at(project, centre_in_board - CARD_SIZE / 2.0)
        else {
            self.status = Some("Add a stage first (Project tab)".to_owned());
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
        self.apply(
            Command::Insert {
                touchpoints: vec![(id, touchpoint)],
                links: vec![],
            },
            format!("Add touchpoint to {stage_name}"),
        );
        if self.doc.project.touchpoint(id).is_some() {
            self.selection.only(id);
            self.start_rename(id);
        }
    }

    pub(super) fn canvas_ui(&mut self, ui: &mut Ui) {
        let rect = ui.max_rect();
        self.canvas.rect = rect;
        let ctx = ui.ctx().clone();
        let background = ui.interact(
            rect,
            Id::unique("journeyboard_canvas"),
            Sense::click_and_drag(),
        );
        background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Storyboard canvas"));

        if self.canvas.fit_requested {
            self.canvas.fit(board::content_rect(&self.doc.project));
        }
        if let Some(zoom) = self.canvas.pending_zoom.take() {
            self.canvas.zoom_about(zoom, rect.center());
        }
        if ui.rect_contains_pointer(rect) && self.modal.is_none() {
            let (scroll, zoom_delta, pointer) =
                ctx.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            if zoom_delta != 1.0
                && let Some(pointer) = pointer
            {
                self.canvas
                    .zoom_about(self.canvas.zoom * zoom_delta, pointer);
            } else if scroll != Vec2::ZERO {
                self.canvas.pan += scroll;
            }
        }

        self.canvas
            .keep_board_in_sight(board::content_rect(&self.doc.project));
        let view = self.canvas.view();
        let zoom = self.canvas.zoom;
        let to_screen = |r: Rect| view.screen_from_board.mul_rect(r);
        let pointer = ctx
            .input(|i| i.pointer.interact_pos())
            .or(self.canvas.last_pointer);
        if let Some(p) = ctx.input(|i| i.pointer.interact_pos()) {
            self.canvas.last_pointer = Some(p);
        }

        // Cards and their link handles, registered after the background so they win hits.
        let mut events = Vec::new();
        let mut hovered = None;
        let mut card_dragged = Vec2::ZERO;
        let mut card_drag_stopped = false;
        let mut link_drag_stopped = false;
        let offset = match &self.canvas.drag {
            Some(Drag::Move { ids, delta }) => Some((ids.clone(), *delta)),
            _ => None,
        };
        for (id, t) in self.doc.project.touchpoints() {
            let Some(card) = board::card_rect(&self.doc.project, t) else {
                continue;
            };
            let card = match &offset {
                Some((ids, delta)) if ids.contains(&id) => card.translate(*delta),
                _ => card,
            };
            let card = to_screen(card);
            if !card.expand(HANDLE_RADIUS * zoom * 2.0).intersects(rect) {
                continue;
            }
            let response = ui.interact(
                card.intersect(rect),
                Id::unique(("card", id.0)),
                Sense::click_and_drag(),
            );
            let label = card_label(t);
            let selected = self.selection.touchpoints.contains(&id);
            response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &label));
            let handle_rect = Rect::from_center_size(
                board::handle_centre(card, zoom),
                Vec2::splat((HANDLE_RADIUS * zoom * 2.0).max(12.0)),
            );
            let handle = ui.interact(
                handle_rect.intersect(rect),
                Id::unique(("handle", id.0)),
                Sense::drag(),
            );
            let handle_label = format!("Link from: {}", t.title);
            handle.widget_info(|| WidgetInfo::labeled(Role::Button, true, &handle_label));
            if response.hovered() || handle.hovered() {
                hovered = Some(id);
            }
            if response.clicked() {
                events.push(Event::Click(id, ctx.input(|i| i.modifiers)));
            }
            if response.double_clicked() {
                events.push(Event::DoubleClick(id));
            }
            if response.drag_started_by(PointerButton::Primary) {
                events.push(Event::DragStart(id, ctx.input(|i| i.modifiers)));
            }
            if response.dragged_by(PointerButton::Primary) {
                card_dragged += response.drag_delta();
            }
            card_drag_stopped |= response.drag_stopped();
            if handle.drag_started() {
                events.push(Event::LinkStart(id));
            }
            link_drag_stopped |= handle.drag_stopped();
        }

        for event in events {
            match event {
                Event::Click(id, modifiers) => {
                    self.commit_rename();
                    if modifiers.shift || modifiers.command {
                        self.selection.link = None;
                        if !self.selection.touchpoints.remove(&id) {
                            self.selection.touchpoints.insert(id);
                        }
                    } else {
                        self.selection.only(id);
                    }
                }
                Event::DoubleClick(id) => {
                    self.selection.only(id);
                    self.start_rename(id);
                }
                Event::DragStart(id, modifiers) => {
                    self.commit_rename();
                    if !self.selection.touchpoints.contains(&id) {
                        if modifiers.shift || modifiers.command {
                            self.selection.touchpoints.insert(id);
                            self.selection.link = None;
                        } else {
                            self.selection.only(id);
                        }
                    }
                    self.canvas.drag = Some(Drag::Move {
                        ids: self.selection.touchpoints.clone(),
                        delta: Vec2::ZERO,
                    });
                }
                Event::LinkStart(id) => {
                    self.commit_rename();
                    self.canvas.drag = Some(Drag::Link {
                        from: id,
                        pointer: pointer.unwrap_or_default(),
                    });
                }
            }
        }
        if let Some(Drag::Move { delta, .. }) = &mut self.canvas.drag {
            *delta += card_dragged / zoom;
        }
        if let (Some(Drag::Link { pointer: p, .. }), Some(now)) = (&mut self.canvas.drag, pointer) {
            *p = now;
        }
        if card_drag_stopped {
            self.finish_move();
        }
        if link_drag_stopped {
            self.finish_link(view);
        }

        self.background_input(&background, view, pointer);
        self.palette_drop(&ctx, rect, view, pointer);

        // Paint.
        let highlighted = self.highlighted().cloned();
        let highlighted = highlighted.as_ref();
        let painter = ui.painter_at(rect);
        let theme = super::board_theme(self.settings.dark);
        painter.rect_filled(rect, 0.0, theme.canvas_colour());
        let dragging = match &self.canvas.drag {
            Some(Drag::Move { ids, delta }) => Some((ids, *delta)),
            _ => None,
        };
        board::paint_board(
            &painter,
            &self.doc.project,
            view,
            &PaintState {
                theme,
                selected: Some(&self.selection.touchpoints),
                selected_link: self.selection.link,
                hovered,
                dragging,
                renaming: self.canvas.renaming.as_ref().map(|r| r.id),
                missing_pictures: None,
                highlighted,
            },
        );
        self.paint_overlays(ui, &painter, view);
    }

    fn background_input(
        &mut self,
        background: &egui::Response,
        view: BoardView,
        pointer: Option<Pos2>,
    ) {
        let zoom = view.zoom();
        let from_screen = view.screen_from_board.inverse();
        if background.clicked() {
            self.commit_rename();
            let hit = pointer.and_then(|p| self.link_at(from_screen * p, 6.0 / zoom));
            self.selection.clear();
            self.selection.link = hit;
        }
        if background.double_clicked()
            && let Some(p) = pointer
        {
            self.add_touchpoint_at(PALETTE[0], from_screen * p);
        }
        if background.drag_started() {
            self.commit_rename();
            let modifiers = background.ctx.input(|i| i.modifiers);
            self.canvas.drag = match (background.dragged_by(PointerButton::Primary), pointer) {
                (true, Some(start)) if modifiers.shift || modifiers.command => Some(Drag::Band {
                    start,
                    end: start,
                    additive: true,
                }),
                _ => Some(Drag::Pan),
            };
        }
        if background.dragged() {
            match &mut self.canvas.drag {
                Some(Drag::Pan) => self.canvas.pan += background.drag_delta(),
                Some(Drag::Band { end, .. }) => {
                    if let Some(p) = pointer {
                        *end = p;
                    }
                }
                _ => {}
            }
        }
        if background.drag_stopped() {
            if let Some(Drag::Band {
                start,
                end,
                additive,
            }) = self.canvas.drag.take()
            {
                let band = Rect::from_two_pos(start, end);
                if !additive {
                    self.selection.clear();
                }
                self.selection.link = None;
                let project = &self.doc.project;
                for (id, t) in project.touchpoints() {
                    if board::card_rect(project, t)
                        .is_some_and(|r| band.intersects(view.screen_from_board.mul_rect(r)))
                    {
                        self.selection.touchpoints.insert(id);
                    }
                }
            } else if matches!(self.canvas.drag, Some(Drag::Pan)) {
                self.canvas.drag = None;
            }
        }
    }

    fn link_at(&self, pos_in_board: Pos2, tolerance: f32) -> Option<crate::model::LinkId> {
        let project = &self.doc.project;
        let rect = |id| {
            project
                .touchpoint(id)
                .and_then(|t| board::card_rect(project, t))
        };
        project
            .links()
            .filter_map(|(id, l)| {
                let line = board::link_polyline(rect(l.from)?, rect(l.to)?);
                let d = board::distance_to_polyline(pos_in_board, &line);
                (d <= tolerance).then_some((id, d))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    }

    fn palette_drop(
        &mut self,
        ctx: &egui::Context,
        rect: Rect,
        view: BoardView,
        pointer: Option<Pos2>,
    ) {
        let released = ctx.input(|i| i.pointer.any_released());
        let Some(pointer) = pointer.filter(|p| released && rect.contains(*p)) else {
            return;
        };
        if let Some(item) = DragAndDrop::take_payload::<PaletteItem>(ctx) {
            self.add_touchpoint_at(*item, view.screen_from_board.inverse() * pointer);
        }
    }

    fn finish_move(&mut self) {
        let Some(Drag::Move { ids, delta }) = self.canvas.drag.take() else {
            return;
        };
        if delta.length() < 0.5 {
            return;
        }
        let project = &self.doc.project;
        let mut moves: Vec<_> = ids
            .iter()
            .filter_map(|id| {
                let t = project.touchpoint(*id)?;
                let rect = board::card_rect(project, t)?;
                let (stage, position) = board::placement_at(project, rect.min + delta)?;
                Some((*id, stage, position))
            })
            .collect();
        moves.sort_by_key(|(id, _, _)| *id);
        let label = match moves.as_slice() {
            [(id, stage, _)] => {
                let t = project
                    .touchpoint(*id)
                    .map(|t| t.title.clone())
                    .unwrap_or_default();
                let old_stage = project
                    .touchpoint(*id)
                    .map(|t| t.stage.clone())
                    .unwrap_or_default();
                if &old_stage == stage {
                    format!("Move “{t}”")
                } else {
                    let name = project
                        .stage(stage)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    format!("Move “{t}” to {name}")
                }
            }
            many => format!("Move {} touchpoints", many.len()),
        };
        self.apply(Command::Move(moves), label);
    }

    fn finish_link(&mut self, view: BoardView) {
        let Some(Drag::Link { from, pointer }) = self.canvas.drag.take() else {
            return;
        };
        let project = &self.doc.project;
        let target = board::card_at(project, view.screen_from_board.inverse() * pointer);
        let Some(to) = target.filter(|to| *to != from) else {
            return;
        };
        if project.links().any(|(_, l)| l.from == from && l.to == to) {
            self.status = Some("These touchpoints are already linked".to_owned());
            return;
        }
        let id = project.next_link_id();
        let title = |id| {
            project
                .touchpoint(id)
                .map(|t| t.title.clone())
                .unwrap_or_default()
        };
        let label = format!("Link “{}” to “{}”", title(from), title(to));
        self.apply(
            Command::Insert {
                touchpoints: vec![],
                links: vec![(
                    id,
                    Link {
                        from,
                        to,
                        kind: LinkKind::Flow,
                        label: None,
                    },
                )],
            },
            label,
        );
        if self.doc.project.link(id).is_some() {
            self.selection.clear();
            self.selection.link = Some(id);
        }
    }

    /// Ends an in-place rename, keeping the text.
    pub(super) fn commit_rename(&mut self) {
        let Some(rename) = self.canvas.renaming.take() else {
            return;
        };
        let Some(t) = self.doc.project.touchpoint(rename.id) else {
            return;
        };
        let text = rename.text.trim().to_owned();
        if text == t.title || text.is_empty() {
            return;
        }
        let mut changed = t.clone();
        let old = std::mem::replace(&mut changed.title, text);
        self.apply(
            Command::SetTouchpoint(rename.id, Box::new(changed)),
            format!("Rename “{old}”"),
        );
    }

    fn paint_overlays(&mut self, ui: &mut Ui, painter: &egui::Painter, view: BoardView) {
        let zoom = view.zoom();
        let selection_colour = Color32::from_rgb(0x1f, 0x7a, 0xe0);
        match &self.canvas.drag {
            Some(Drag::Band { start, end, .. }) => {
                let band = Rect::from_two_pos(*start, *end);
                painter.rect(
                    band,
                    2.0,
                    selection_colour.gamma_multiply(0.12),
                    Stroke::new(1.0, selection_colour),
                    StrokeKind::Inside,
                );
            }
            Some(Drag::Link { from, pointer }) => {
                let project = &self.doc.project;
                if let Some(rect) = project
                    .touchpoint(*from)
                    .and_then(|t| board::card_rect(project, t))
                {
                    let start = board::handle_centre(view.screen_from_board.mul_rect(rect), zoom);
                    painter.line_segment([start, *pointer], Stroke::new(2.0, selection_colour));
                    painter.circle_filled(*pointer, 4.0, selection_colour);
                    if let Some(target) =
                        board::card_at(project, view.screen_from_board.inverse() * *pointer)
                            .filter(|t| t != from)
                            .and_then(|t| project.touchpoint(t))
                            .and_then(|t| board::card_rect(project, t))
                    {
                        painter.rect_stroke(
                            view.screen_from_board.mul_rect(target),
                            8.0 * zoom,
                            Stroke::new(3.0, selection_colour),
                            StrokeKind::Outside,
                        );
                    }
                }
            }
            _ => {}
        }
        if let Some(item) = DragAndDrop::payload::<PaletteItem>(ui.ctx())
            && let Some(p) = ui.ctx().pointer_hover_pos()
            && self.canvas.rect.contains(p)
        {
            let ghost = Rect::from_center_size(p, CARD_SIZE * zoom);
            painter.rect(
                ghost,
                8.0 * zoom,
                Color32::from_white_alpha(160),
                Stroke::new(2.0, selection_colour),
                StrokeKind::Inside,
            );
            painter.text(
                ghost.center(),
                Align2::CENTER_CENTER,
                item.label,
                FontId::proportional(14.0 * zoom),
                selection_colour,
            );
        }
        if self.doc.project.touchpoint_count() == 0 {
            painter.text(
                self.canvas.rect.center(),
                Align2::CENTER_CENTER,
                "Double-click a lane or drag a touchpoint from the palette to start",
                FontId::proportional(16.0),
                Color32::from_gray(120),
            );
        }
        self.rename_ui(ui, view);
    }

    fn rename_ui(&mut self, ui: &mut Ui, view: BoardView) {
        let Some(rename) = &mut self.canvas.renaming else {
            return;
        };
        let project = &self.doc.project;
        let Some(card) = project
            .touchpoint(rename.id)
            .and_then(|t| board::card_rect(project, t))
        else {
            self.canvas.renaming = None;
            return;
        };
        if !rename.focus_requested
            && ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released())
        {
            // Started by a (double-)click: show the field next frame, or the click
            // that started it would count as a click elsewhere and end it at once.
            ui.ctx().request_repaint();
            return;
        }
        let zoom = view.zoom();
        let card = view.screen_from_board.mul_rect(card);
        let field = Rect::from_min_size(
            card.min + vec2(14.0, 6.0) * zoom,
            vec2(card.width() - 22.0 * zoom, (24.0 * zoom).max(18.0)),
        );
        let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let response = ui.put(
            field,
            TextEdit::singleline(&mut rename.text)
                .font(FontId::proportional((14.0 * zoom).max(8.0)))
                .hint_text("Touchpoint title")
                .id(Id::unique("rename_in_place")),
        );
        if !rename.focus_requested {
            response.request_focus();
            rename.focus_requested = true;
        }
        if escape {
            // egui reports the lost focus a frame later; cancel now.
            self.canvas.renaming = None;
        } else if response.lost_focus() {
            self.commit_rename();
        }
    }
}
