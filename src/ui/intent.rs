//! What the screen's parts ask for. Components read the session and push intents here;
//! the app applies them once, at the end of the frame (edits and selections first, in
//! order, then actions), so no component holds the app or changes the project itself.

use super::actions::Action;
use crate::edit::Command;
use crate::model::{LinkId, StageId, TouchpointId};
use crate::session::Selection;

/// One thing the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// An undoable change to the project, labelled for the Edit menu.
    Edit {
        /// The change.
        command: Command,
        /// What Undo will say.
        label: String,
    },
    /// A user action from the action table (menus, shortcuts, palette, buttons).
    Action(Action),
    /// Select this instead of the current selection.
    Select(Selection),
    /// Select these touchpoints (or this link) and show them whole on the canvas.
    ShowOnBoard {
        /// The touchpoints to show.
        touchpoints: Vec<TouchpointId>,
        /// A link between them to select instead of the touchpoints.
        link: Option<LinkId>,
    },
    /// Start renaming a touchpoint in place on its card.
    Rename(TouchpointId),
    /// Ask for a picture file for a touchpoint.
    ChoosePicture(TouchpointId),
    /// Remove a stage, asking where its touchpoints go if it holds any.
    RemoveStage(StageId),
    /// Paste clipboard text.
    Paste(String),
    /// Say something on the status line.
    Status(String),
}

/// The intents collected during one frame.
#[derive(Default)]
pub struct Intents(Vec<Intent>);

impl Intents {
    /// Asks for an undoable change.
    pub fn edit(&mut self, command: Command, label: impl Into<String>) {
        self.0.push(Intent::Edit {
            command,
            label: label.into(),
        });
    }

    /// Asks for an action of the table.
    pub fn action(&mut self, action: Action) {
        self.0.push(Intent::Action(action));
    }

    /// Asks for a new selection.
    pub fn select(&mut self, selection: Selection) {
        self.0.push(Intent::Select(selection));
    }

    /// Asks to say something on the status line.
    pub fn status(&mut self, message: impl Into<String>) {
        self.0.push(Intent::Status(message.into()));
    }

    /// Asks for anything else.
    pub fn push(&mut self, intent: Intent) {
        self.0.push(intent);
    }

    /// True when nothing was asked for.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes what was asked for, leaving this empty.
    pub fn take(&mut self) -> Vec<Intent> {
        std::mem::take(&mut self.0)
    }

    /// What was asked for so far (for tests of single components).
    pub fn as_slice(&self) -> &[Intent] {
        &self.0
    }
}
