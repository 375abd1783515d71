//! The board canvas: pan and zoom, cards to select, drag, link and rename. It reads the
//! session and returns what the user asked for as intents; its own state is the view and
//! the gesture in progress.

mod overlays;
mod palette;
mod scores;
mod view;

use egui::{
    DragAndDrop, Id, Modifiers, PointerButton, Pos2, Rect, Role, Sense, Ui, Vec2, WidgetInfo,
};

use std::collections::HashMap;

use super::intent::Intents;
use super::pictures::{Picture, Pictures};
use crate::board::{self, BoardTheme, BoardView, FramePicture, HANDLE_RADIUS, PaintState};
use crate::edit::Command;
use crate::model::{Link, LinkKind, Project, Touchpoint, TouchpointId};
use crate::session::{Selection, Session};

pub(super) use palette::{
    PALETTE, PALETTE_WIDTH, add_touchpoint_in_view, arrange_at, lane_positions, palette_ui,
};
use palette::{PaletteItem, add_touchpoint_at};
pub(super) use view::{CanvasState, Drag};

/// How the canvas is drawn this frame, decided by the app.
pub(super) struct CanvasOptions<'a> {
    /// Light or dark board.
    pub theme: BoardTheme,
    /// False while a dialog is open: wheel and pinch do not reach the board.
    pub input_enabled: bool,
    /// Touchpoints highlighted as moments of truth, when that overlay is on.
    pub highlighted: Option<&'a std::collections::HashSet<TouchpointId>>,
}

/// The canvas for `session`; what the user asks for is pushed to `out`.
pub(super) fn canvas_ui(
    ui: &mut Ui,
    state: &mut CanvasState,
    session: &Session,
    options: &CanvasOptions,
    pictures: &mut Pictures,
    out: &mut Intents,
) {
    let index = state.index_for(session);
    let mut canvas = Canvas {
        state,
        project: session.project(),
        folder: session.folder().map(crate::file::in_folder),
        pictures,
        index: &index,
        selection: session.selection().clone(),
        out,
    };
    canvas.show(ui, options);
    if canvas.selection != *session.selection() {
        let selection = canvas.selection;
        canvas.out.select(selection);
    }
}

/// One frame of the canvas. `selection` is a working copy: changes are asked for at the
/// end of the frame, after the edits they follow.
struct Canvas<'a> {
    state: &'a mut CanvasState,
    project: &'a Project,
    /// The folder the project's pictures are read from.
    folder: Option<&'a std::path::Path>,
    /// Decoded pictures for the cards' frames.
    pictures: &'a mut Pictures,
    /// Where the project's cards and links are (kept for the document's revision).
    index: &'a board::BoardIndex,
    selection: Selection,
    out: &'a mut Intents,
}

/// Something that happened to one card.
#[derive(Clone, Copy)]
enum Event {
    Click(TouchpointId, Modifiers),
    DoubleClick(TouchpointId),
    DragStart(TouchpointId, Modifiers),
    LinkStart(TouchpointId),
}

/// What happened to the cards this frame.
#[derive(Default)]
struct CardsInput {
    events: Vec<Event>,
    /// The card under the pointer (shows its link handle).
    hovered: Option<TouchpointId>,
    /// How far the dragged cards moved, on screen.
    dragged: Vec2,
    drag_stopped: bool,
    link_drag_stopped: bool,
}

impl CardsInput {
    /// Notes what a card's and its handle's responses say.
    fn note(
        &mut self,
        id: TouchpointId,
        card: &egui::Response,
        handle: &egui::Response,
        modifiers: Modifiers,
    ) {
        if card.hovered() || handle.hovered() {
            self.hovered = Some(id);
        }
        if card.clicked() {
            self.events.push(Event::Click(id, modifiers));
        }
        if card.double_clicked() {
            self.events.push(Event::DoubleClick(id));
        }
        if card.drag_started_by(PointerButton::Primary) {
            self.events.push(Event::DragStart(id, modifiers));
        }
        if card.dragged_by(PointerButton::Primary) {
            self.dragged += card.drag_delta();
        }
        self.drag_stopped |= card.drag_stopped();
        if handle.drag_started() {
            self.events.push(Event::LinkStart(id));
        }
        self.link_drag_stopped |= handle.drag_stopped();
    }
}

fn card_label(t: &Touchpoint) -> String {
    format!("Touchpoint: {}", t.title)
}

impl Canvas<'_> {
    fn show(&mut self, ui: &mut Ui, options: &CanvasOptions) {
        let rect = ui.max_rect();
        self.state.rect = rect;
        let ctx = ui.ctx().clone();
        let background = ui.interact(
            rect,
            Id::unique("journeyboard_canvas"),
            Sense::click_and_drag(),
        );
        background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Storyboard canvas"));
        self.view_input(ui, options.input_enabled);
        let view = self.state.view();
        let pointer = ctx
            .input(|i| i.pointer.interact_pos())
            .or(self.state.last_pointer);
        if let Some(p) = ctx.input(|i| i.pointer.interact_pos()) {
            self.state.last_pointer = Some(p);
        }
        let mut cards = self.cards_input(ui, view);
        for event in std::mem::take(&mut cards.events) {
            self.card_event(event, pointer, view);
        }
        self.follow_drags(&cards, view, pointer);
        self.background_input(&background, view, pointer);
        self.palette_drop(&ctx, rect, view, pointer);
        self.paint(ui, view, options, cards.hovered);
    }

    /// Fitting, zoom asked for by an action, and wheel and pinch over the canvas; the
    /// board is always kept in sight.
    fn view_input(&mut self, ui: &Ui, input_enabled: bool) {
        let rect = self.state.rect;
        if self.state.fit_requested {
            self.state.fit(self.index.board_rect());
        }
        if let Some(zoom) = self.state.pending_zoom.take() {
            self.state.zoom_about(zoom, rect.center());
        }
        if ui.rect_contains_pointer(rect) && input_enabled {
            let (scroll, zoom_delta, pointer) = ui
                .ctx()
                .input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            if zoom_delta != 1.0
                && let Some(pointer) = pointer
            {
                let zoom = self.state.zoom * zoom_delta;
                self.state.zoom_about(zoom, pointer);
            } else if scroll != Vec2::ZERO {
                self.state.pan += scroll;
            }
        }
        self.state.keep_board_in_sight(self.index.board_rect());
    }

    /// Registers every visible card and its link handle (after the background, so they
    /// win hits) and collects what happened to them this frame.
    fn cards_input(&self, ui: &mut Ui, view: BoardView) -> CardsInput {
        let rect = self.state.rect;
        let zoom = view.zoom();
        // Read once: asking egui for input takes a lock, and a board may show thousands
        // of cards.
        let modifiers = ui.input(|i| i.modifiers);
        let mut input = CardsInput::default();
        let offset = match &self.state.drag {
            Some(Drag::Move { ids, delta }) => Some((ids, *delta)),
            _ => None,
        };
        // The cards in view and those being dragged, in id order (later ones win hits).
        let in_view = view.screen_from_board.inverse().mul_rect(rect);
        let mut ids = self
            .index
            .cards_in(in_view.expand(HANDLE_RADIUS * 2.0 + 1.0));
        if let Some((dragged, _)) = offset {
            ids.extend(dragged.iter().copied());
            ids.sort_unstable();
            ids.dedup();
        }
        for id in ids {
            let Some(t) = self.project.touchpoint(id) else {
                continue;
            };
            let Some(card) = board::card_rect(self.project, t) else {
                continue;
            };
            let card = match offset {
                Some((ids, delta)) if ids.contains(&id) => card.translate(delta),
                _ => card,
            };
            let card = view.screen_from_board.mul_rect(card);
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
            // A handle on each side; together they act as one.
            let handle = board::handle_centres(card, zoom)
                .into_iter()
                .zip(board::HANDLE_SIDES)
                .map(|(centre, side)| {
                    let handle_rect = Rect::from_center_size(
                        centre,
                        Vec2::splat((HANDLE_RADIUS * zoom * 2.0).max(12.0)),
                    );
                    let handle = ui.interact(
                        handle_rect.intersect(rect),
                        Id::unique(("handle", id.0, side)),
                        Sense::drag(),
                    );
                    let handle_label = format!("Link from{side}: {}", t.title);
                    handle.widget_info(|| WidgetInfo::labeled(Role::Button, true, &handle_label));
                    handle
                })
                .reduce(|a, b| a | b);
            if let Some(handle) = handle {
                input.note(id, &response, &handle, modifiers);
            }
        }
        input
    }

    /// Selection, rename and the start of a drag, from a card's click or drag.
    fn card_event(&mut self, event: Event, pointer: Option<Pos2>, view: BoardView) {
        match event {
            Event::Click(id, modifiers) => {
                self.commit_rename();
                let plain = !(modifiers.shift || modifiers.command);
                if plain && self.score_click(id, pointer, view) {
                    self.selection.only(id);
                } else if !plain {
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
                self.state.start_rename(id, self.project);
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
                self.state.drag = Some(Drag::Move {
                    ids: self.selection.touchpoints.clone(),
                    delta: Vec2::ZERO,
                });
            }
            Event::LinkStart(id) => {
                self.commit_rename();
                self.state.drag = Some(Drag::Link {
                    from: id,
                    pointer: pointer.unwrap_or_default(),
                });
            }
        }
    }

    /// Moves the dragged cards or the new link's end with the pointer, and finishes them
    /// on release.
    fn follow_drags(&mut self, cards: &CardsInput, view: BoardView, pointer: Option<Pos2>) {
        if let Some(Drag::Move { delta, .. }) = &mut self.state.drag {
            *delta += cards.dragged / view.zoom();
        }
        if let (Some(Drag::Link { pointer: p, .. }), Some(now)) = (&mut self.state.drag, pointer) {
            *p = now;
        }
        if cards.drag_stopped {
            self.finish_move();
        }
        if cards.link_drag_stopped {
            self.finish_link(view);
        }
    }

    /// The canvas background, the board, and what is drawn over it.
    fn paint(
        &mut self,
        ui: &mut Ui,
        view: BoardView,
        options: &CanvasOptions,
        hovered: Option<TouchpointId>,
    ) {
        let rect = self.state.rect;
        let painter = ui.painter_at(rect);
        let theme = options.theme;
        painter.rect_filled(rect, 0.0, theme.canvas_colour());
        let frames = self.frame_pictures(ui.ctx(), view, rect);
        let dragging = match &self.state.drag {
            Some(Drag::Move { ids, delta }) => Some((ids, *delta)),
            _ => None,
        };
        board::paint_board(
            &painter,
            self.project,
            self.index,
            view,
            &PaintState {
                theme,
                selected: Some(&self.selection.touchpoints),
                selected_link: self.selection.link,
                hovered,
                dragging,
                renaming: self.state.renaming.as_ref().map(|r| r.id),
                pictures: Some(&frames),
                highlighted: options.highlighted,
                footnote_labels: false,
            },
        );
        self.paint_overlays(ui, &painter, view, theme);
        self.emotion_picker_ui(ui, view);
    }

    /// What the frames of the cards in view show: their pictures are asked for (read on
    /// the picture threads the first time), and frames long out of view are freed.
    fn frame_pictures(
        &mut self,
        ctx: &egui::Context,
        view: BoardView,
        rect: egui::Rect,
    ) -> HashMap<TouchpointId, FramePicture> {
        let in_view = view.screen_from_board.inverse().mul_rect(rect);
        let mut ids = self.index.cards_in(in_view);
        if let Some(Drag::Move { ids: dragged, .. }) = &self.state.drag {
            ids.extend(dragged.iter().copied());
        }
        // How wide a frame is on screen, in pixels: small frames get small pictures.
        let width_px =
            board::layout::frame_rect(Rect::ZERO, view.zoom()).width() * ctx.pixels_per_point();
        let mut frames = HashMap::new();
        for id in ids {
            let Some(stored) = self
                .project
                .touchpoint(id)
                .and_then(|t| t.picture.as_deref())
            else {
                continue;
            };
            let shown = match self.pictures.frame(ctx, self.folder, stored, width_px) {
                Picture::Ready(texture) => FramePicture::Ready(texture.id()),
                Picture::Loading => FramePicture::Loading,
                Picture::Failed(_) => FramePicture::Missing,
            };
            frames.insert(id, shown);
        }
        self.pictures.free_unseen(ctx.input(|i| i.time));
        if !frames.is_empty() {
            // A picture file that changes, disappears or appears shows within a second,
            // also while nobody touches the editor (a board on a projector).
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
        frames
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
            add_touchpoint_at(self.project, PALETTE[0], from_screen * p, self.out);
        }
        if background.drag_started() {
            self.commit_rename();
            let modifiers = background.ctx.input(|i| i.modifiers);
            self.state.drag = match (background.dragged_by(PointerButton::Primary), pointer) {
                (true, Some(start)) if modifiers.shift || modifiers.command => Some(Drag::Band {
                    start,
                    end: start,
                    additive: true,
                }),
                _ => Some(Drag::Pan),
            };
        }
        if background.dragged() {
            match &mut self.state.drag {
                Some(Drag::Pan) => self.state.pan += background.drag_delta(),
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
            }) = self.state.drag.take()
            {
                let band = Rect::from_two_pos(start, end);
                if !additive {
                    self.selection.clear();
                }
                self.selection.link = None;
                let band_on_board = view.screen_from_board.inverse().mul_rect(band);
                self.selection
                    .touchpoints
                    .extend(self.index.cards_in(band_on_board));
            } else if matches!(self.state.drag, Some(Drag::Pan)) {
                self.state.drag = None;
            }
        }
    }

    fn link_at(&self, pos_in_board: Pos2, tolerance: f32) -> Option<crate::model::LinkId> {
        let near = Rect::from_center_size(pos_in_board, Vec2::splat(2.0 * tolerance));
        self.index
            .links_in(near)
            .into_iter()
            .filter_map(|id| {
                let line = self.index.route(id)?.flatten(0.5);
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
            add_touchpoint_at(
                self.project,
                *item,
                view.screen_from_board.inverse() * pointer,
                self.out,
            );
        }
    }

    fn finish_move(&mut self) {
        let Some(Drag::Move { ids, delta }) = self.state.drag.take() else {
            return;
        };
        if delta.length() < 0.5 {
            return;
        }
        let project = &self.project;
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
        self.out.edit(Command::Move(moves), label);
    }

    fn finish_link(&mut self, view: BoardView) {
        let Some(Drag::Link { from, pointer }) = self.state.drag.take() else {
            return;
        };
        let project = &self.project;
        let target = self
            .index
            .card_at(view.screen_from_board.inverse() * pointer);
        let Some(to) = target.filter(|to| *to != from) else {
            return;
        };
        let linked = self
            .index
            .links_of(from)
            .iter()
            .filter_map(|id| project.link(*id))
            .any(|l| l.from == from && l.to == to);
        if linked {
            self.out.status("These touchpoints are already linked");
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
        self.out.edit(
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
        // Selected once the link exists: the selection is asked for after the edit.
        self.selection.clear();
        self.selection.link = Some(id);
    }

    /// Ends an in-place rename, keeping the text.
    fn commit_rename(&mut self) {
        let Some(rename) = self.state.renaming.take() else {
            return;
        };
        let Some(t) = self.project.touchpoint(rename.id) else {
            return;
        };
        let text = rename.text.trim().to_owned();
        if text == t.title || text.is_empty() {
            return;
        }
        let mut changed = t.clone();
        let old = std::mem::replace(&mut changed.title, text);
        self.out.edit(
            Command::SetTouchpoint(rename.id, Box::new(changed)),
            format!("Rename “{old}”"),
        );
    }
}
