//! The one table of what a user can do in the editor: each action's label, menu, keyboard
//! shortcuts and when it is enabled. The menus, the keyboard shortcuts and the command
//! palette are all made from it, so an action is written once. Actions are queued while
//! the frame is drawn and run once at its end, with the other intents (`ui::intent`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action of the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start a new, empty project.
    New,
    /// Open a project file.
    Open,
    /// Save to the current file (or ask for one).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Save the project and its pictures as one bundle file (.jbz).
    SaveBundle,
    /// Import a CSV sheet or Mermaid diagram as a new project.
    Import,
    /// Export the touchpoints as CSV.
    ExportCsv,
    /// Export the journey as a Mermaid diagram.
    ExportMermaid,
    /// Export the journey, or a part of it: PNG, SVG, PDF, CSV or Mermaid.
    ExportPicture,
    /// Close the editor.
    Quit,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Copy the selected touchpoints and remove them.
    Cut,
    /// Copy the selected touchpoints.
    Copy,
    /// Paste touchpoints from the clipboard (at the pointer when it is over the board).
    Paste,
    /// Copy the selected touchpoints in place.
    Duplicate,
    /// Delete the selected touchpoints or link.
    Delete,
    /// Select every touchpoint.
    SelectAll,
    /// Rename the selected touchpoint on the board.
    Rename,
    /// Add a touchpoint in the middle of the view.
    AddTouchpoint,
    /// Add a stage at the end of the journey.
    AddStage,
    /// Zoom to show the whole board.
    Fit,
    /// Zoom to 100 %.
    Zoom100,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Outline the moments of truth on the board, or stop.
    ToggleMoments,
    /// Switch between the light and dark theme.
    ToggleDark,
    /// Open the command palette.
    CommandPalette,
}

/// The menu an action appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// View.
    View,
}

impl Menu {
    /// The menu's title in the menu bar.
    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
        }
    }
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Self; 28] = [
        Self::New,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::SaveBundle,
        Self::Import,
        Self::ExportCsv,
        Self::ExportMermaid,
        Self::ExportPicture,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Cut,
        Self::Copy,
        Self::Paste,
        Self::Duplicate,
        Self::Delete,
        Self::SelectAll,
        Self::Rename,
        Self::AddTouchpoint,
        Self::AddStage,
        Self::CommandPalette,
        Self::Fit,
        Self::Zoom100,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ToggleMoments,
        Self::ToggleDark,
    ];

    /// The action's name, as menus and the palette show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::SaveBundle => "Save as Bundle…",
            Self::Import => "Import CSV or Mermaid…",
            Self::ExportCsv => "Export CSV…",
            Self::ExportMermaid => "Export Mermaid…",
            Self::ExportPicture => "Export… (PNG, SVG, PDF, CSV, Mermaid)",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Cut => "Cut",
            Self::Copy => "Copy",
            Self::Paste => "Paste",
            Self::Duplicate => "Duplicate",
            Self::Delete => "Delete",
            Self::SelectAll => "Select All",
            Self::Rename => "Rename",
            Self::AddTouchpoint => "Add touchpoint",
            Self::AddStage => "Add stage",
            Self::Fit => "Fit to content",
            Self::Zoom100 => "Zoom 100 %",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ToggleMoments => "Highlight moments of truth",
            Self::ToggleDark => "Dark theme",
            Self::CommandPalette => "Command palette…",
        }
    }

    /// Where the action sits in the menu bar; the palette lists every action.
    pub fn menu(self) -> Menu {
        match self {
            Self::New
            | Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::SaveBundle
            | Self::Import
            | Self::ExportCsv
            | Self::ExportMermaid
            | Self::ExportPicture
            | Self::Quit => Menu::File,
            Self::Undo
            | Self::Redo
            | Self::Cut
            | Self::Copy
            | Self::Paste
            | Self::Duplicate
            | Self::Delete
            | Self::SelectAll
            | Self::Rename
            | Self::AddTouchpoint
            | Self::AddStage
            | Self::CommandPalette => Menu::Edit,
            Self::Fit
            | Self::Zoom100
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::ToggleMoments
            | Self::ToggleDark => Menu::View,
        }
    }

    /// Whether a separator comes before this action in its menu.
    pub fn starts_group(self) -> bool {
        matches!(
            self,
            Self::Save | Self::Import | Self::Quit | Self::Cut | Self::Rename | Self::ToggleMoments
        )
    }

    /// The keyboard shortcuts that run it; the first is the one shown. Cut and copy also
    /// arrive as the platform's clipboard events.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [key(CMD, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [key(CMD, Key::O)];
        const IMPORT: [KeyboardShortcut; 1] = [key(CMD, Key::I)];
        const ADD_TOUCHPOINT: [KeyboardShortcut; 1] = [key(NONE, Key::T)];
        const MOMENTS: [KeyboardShortcut; 1] = [key(NONE, Key::M)];
        const SAVE: [KeyboardShortcut; 1] = [key(CMD, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [key(CMD_SHIFT, Key::S)];
        const EXPORT_PNG: [KeyboardShortcut; 1] = [key(CMD, Key::E)];
        const QUIT: [KeyboardShortcut; 1] = [key(CMD, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [key(CMD, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)];
        const DUPLICATE: [KeyboardShortcut; 1] = [key(CMD, Key::D)];
        const DELETE: [KeyboardShortcut; 2] = [key(NONE, Key::Delete), key(NONE, Key::Backspace)];
        const SELECT_ALL: [KeyboardShortcut; 1] = [key(CMD, Key::A)];
        const RENAME: [KeyboardShortcut; 1] = [key(NONE, Key::F2)];
        const FIT: [KeyboardShortcut; 1] = [key(NONE, Key::F)];
        const ZOOM_100: [KeyboardShortcut; 2] = [key(NONE, Key::Num1), key(CMD, Key::Num0)];
        const ZOOM_IN: [KeyboardShortcut; 2] = [key(CMD, Key::Plus), key(CMD, Key::Equals)];
        const ZOOM_OUT: [KeyboardShortcut; 1] = [key(CMD, Key::Minus)];
        const PALETTE: [KeyboardShortcut; 2] = [key(CMD, Key::K), key(CMD_SHIFT, Key::P)];
        match self {
            Self::New => &NEW,
            Self::Open => &OPEN,
            Self::Import => &IMPORT,
            Self::AddTouchpoint => &ADD_TOUCHPOINT,
            Self::ToggleMoments => &MOMENTS,
            Self::Save => &SAVE,
            Self::SaveAs => &SAVE_AS,
            Self::ExportPicture => &EXPORT_PNG,
            Self::Quit => &QUIT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::Duplicate => &DUPLICATE,
            Self::Delete => &DELETE,
            Self::SelectAll => &SELECT_ALL,
            Self::Rename => &RENAME,
            Self::Fit => &FIT,
            Self::Zoom100 => &ZOOM_100,
            Self::ZoomIn => &ZOOM_IN,
            Self::ZoomOut => &ZOOM_OUT,
            Self::CommandPalette => &PALETTE,
            Self::ExportCsv
            | Self::SaveBundle
            | Self::ExportMermaid
            | Self::Cut
            | Self::Copy
            | Self::Paste
            | Self::AddStage
            | Self::ToggleDark => &[],
        }
    }

    /// The shortcut menus and the palette show: the first of [`Self::shortcuts`], or for
    /// cut, copy and paste the platform's keys (they arrive as clipboard events).
    pub fn shown_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::Cut => Some(key(CMD, Key::X)),
            Self::Copy => Some(key(CMD, Key::C)),
            Self::Paste => Some(key(CMD, Key::V)),
            _ => self.shortcuts().first().copied(),
        }
    }

    /// Whether its shortcuts work while a text field has the keyboard (file actions and
    /// the palette do; the rest belong to the field: its own undo, select all, delete …).
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Self::New
                | Self::Open
                | Self::Save
                | Self::SaveAs
                | Self::SaveBundle
                | Self::ExportPicture
                | Self::Quit
                | Self::CommandPalette
        )
    }
}

/// How well `query` matches `label`, for the command palette: `None` when the query's
/// letters do not all appear in order; otherwise higher is better. Matching ignores case
/// and spaces in the query; letters that start a word or follow the previous match count
/// more, so "exp png" finds "Export… (PNG, SVG, PDF, CSV, Mermaid)" first.
pub fn fuzzy_score(query: &str, label: &str) -> Option<i32> {
    let label: Vec<char> = label.chars().flat_map(char::to_lowercase).collect();
    let mut score = 0;
    let mut from = 0;
    let mut previous: Option<usize> = None;
    for q in query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
    {
        let found = (from..label.len()).find(|&i| label[i] == q)?;
        let word_start = found == 0 || !label[found - 1].is_alphanumeric();
        score += 1;
        if word_start {
            score += 8;
        }
        if previous.is_some_and(|p| p + 1 == found) {
            score += 5;
        }
        // Gaps cost a little, so tighter matches win among equals.
        score -= i32::try_from(found - from).unwrap_or(i32::MAX).min(10);
        previous = Some(found);
        from = found + 1;
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_action_is_listed_once_with_its_own_label() {
        let actions: HashSet<Action> = Action::ALL.into_iter().collect();
        assert_eq!(actions.len(), Action::ALL.len());
        let labels: HashSet<&str> = Action::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(labels.len(), Action::ALL.len());
    }

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen = HashSet::new();
        for action in Action::ALL {
            for shortcut in action.shortcuts() {
                assert!(
                    seen.insert((
                        shortcut.modifiers.command,
                        shortcut.modifiers.shift,
                        shortcut.logical_key
                    )),
                    "{action:?} repeats a shortcut"
                );
            }
        }
    }

    #[test]
    fn fuzzy_matching_prefers_word_starts_and_runs() {
        assert!(fuzzy_score("xyz", "Export PNG…").is_none());
        assert!(fuzzy_score("", "Save").is_some());
        let rank = |query: &str| {
            let mut scored: Vec<(i32, &str)> = Action::ALL
                .iter()
                .filter_map(|a| fuzzy_score(query, a.label()).map(|s| (s, a.label())))
                .collect();
            scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            scored.first().map(|(_, label)| *label)
        };
        assert_eq!(
            rank("exp png"),
            Some("Export… (PNG, SVG, PDF, CSV, Mermaid)")
        );
        assert_eq!(rank("EXPORT CSV"), Some("Export CSV…"));
        assert_eq!(rank("sa"), Some("Save"));
        assert_eq!(rank("save as"), Some("Save As…"));
        assert_eq!(rank("zi"), Some("Zoom in"));
        assert_eq!(rank("dark"), Some("Dark theme"));
        assert_eq!(rank("add st"), Some("Add stage"));
    }
}
