//! Scoring from the keyboard, for a facilitator while the room calls out numbers: with
//! cards selected, P then 1–5 sets their perception and E then 1–5 their emotion (1 is
//! −2 … 5 is +2; −, 0 and + also work). Shift with a digit adds a half step; Backspace
//! clears the score; Escape cancels. Every selected card gets the score in one undo step.

use std::collections::HashSet;

use egui::{Key, Modifiers};

use crate::edit::Command;
use crate::model::{Emotion, Perception, Project, TouchpointId};

/// Which score the keys set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreKind {
    Perception,
    Emotion,
}

impl ScoreKind {
    /// The score's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Perception => "perception",
            Self::Emotion => "emotion",
        }
    }

    /// What to press once it is armed.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Perception => {
                "Perception: press 1–5 (Shift for a half step more), Backspace to clear, Esc to cancel"
            }
            Self::Emotion => {
                "Emotion: press 1–5 for −2 … +2, or −, 0, + (Shift for a half step more), \
                 Backspace to clear, Esc to cancel"
            }
        }
    }
}

/// The one-line key guide the inspector shows.
pub const KEY_GUIDE: &str =
    "Keys: P then 1–5 sets perception · E then 1–5 (or −, 0, +) sets emotion · Shift adds ½";

/// What the keys did this frame.
pub enum ScoreEvent {
    /// P or E was pressed: the next digit sets this score.
    Armed(ScoreKind),
    /// A score was set (or cleared) on the selected cards: the step to apply.
    Set { command: Command, label: String },
    /// Escape, or the selection went away.
    Cancelled,
}

/// The score the next digit sets, if P or E was pressed.
#[derive(Default)]
pub struct ScoreKeys {
    armed: Option<ScoreKind>,
}

const DIGITS: [(Key, f32); 6] = [
    (Key::Num0, 0.0),
    (Key::Num1, 1.0),
    (Key::Num2, 2.0),
    (Key::Num3, 3.0),
    (Key::Num4, 4.0),
    (Key::Num5, 5.0),
];

impl ScoreKeys {
    /// The score armed by P or E, if any.
    pub fn armed(&self) -> Option<ScoreKind> {
        self.armed
    }

    /// Reads this frame's keys (only call it when no text field has the keyboard) and
    /// consumes those it uses, so 1 does not also zoom to 100 % and Backspace does not
    /// delete the cards.
    pub fn handle(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        selected: &HashSet<TouchpointId>,
    ) -> Option<ScoreEvent> {
        if selected.is_empty() {
            return self.armed.take().map(|_| ScoreEvent::Cancelled);
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::P) {
            self.armed = Some(ScoreKind::Perception);
            return Some(ScoreEvent::Armed(ScoreKind::Perception));
        }
        if pressed(Key::E) {
            self.armed = Some(ScoreKind::Emotion);
            return Some(ScoreEvent::Armed(ScoreKind::Emotion));
        }
        let kind = self.armed?;
        if pressed(Key::Escape) {
            self.armed = None;
            return Some(ScoreEvent::Cancelled);
        }
        let value = if pressed(Key::Backspace) || pressed(Key::Delete) {
            Some(None)
        } else {
            typed_value(ctx, kind).map(Some)
        }?;
        self.armed = None;
        set_scores(project, selected, kind, value)
            .map(|(command, label)| ScoreEvent::Set { command, label })
    }
}

/// The score a digit (or −, 0, + for emotion) pressed this frame gives, if any.
fn typed_value(ctx: &egui::Context, kind: ScoreKind) -> Option<f32> {
    for (key, digit) in DIGITS {
        for (modifiers, half) in [(Modifiers::SHIFT, 0.5), (Modifiers::NONE, 0.0)] {
            if !ctx.input_mut(|i| i.consume_key(modifiers, key)) {
                continue;
            }
            let value = match kind {
                ScoreKind::Perception if digit >= 1.0 => digit + half,
                ScoreKind::Perception => return None,
                // 0 is neutral; 1–5 run from −2 to +2.
                ScoreKind::Emotion if digit == 0.0 => half,
                ScoreKind::Emotion => digit - 3.0 + half,
            };
            return Some(match kind {
                ScoreKind::Perception => value.min(Perception::MAX),
                ScoreKind::Emotion => value.min(Emotion::MAX),
            });
        }
    }
    if kind == ScoreKind::Emotion {
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Minus) {
            return Some(-1.0);
        }
        if pressed(Key::Plus) || pressed(Key::Equals) {
            return Some(1.0);
        }
    }
    None
}

/// One step setting `kind` to `value` (`None` clears it) on every selected touchpoint
/// that does not have it yet; `None` when none changes.
pub fn set_scores(
    project: &Project,
    selected: &HashSet<TouchpointId>,
    kind: ScoreKind,
    value: Option<f32>,
) -> Option<(Command, String)> {
    let mut ids: Vec<TouchpointId> = selected.iter().copied().collect();
    ids.sort();
    let mut commands = Vec::new();
    let mut titles = Vec::new();
    for id in ids {
        let Some(t) = project.touchpoint(id) else {
            continue;
        };
        let mut changed = t.clone();
        match kind {
            ScoreKind::Perception => {
                changed.perception = value.map(|v| Perception::nearest(f64::from(v)));
            }
            ScoreKind::Emotion => changed.emotion = value.map(|v| Emotion::nearest(f64::from(v))),
        }
        if changed != *t {
            titles.push(t.title.clone());
            commands.push(Command::SetTouchpoint(id, Box::new(changed)));
        }
    }
    let what = match value {
        Some(v) => format!("Set {} to {}", kind.name(), score_text(kind, v)),
        None => format!("Clear {}", kind.name()),
    };
    let label = match titles.as_slice() {
        [] => return None,
        [one] => format!("{what} of “{one}”"),
        many => format!(
            "{what} of {}",
            crate::plural::count(many.len(), "touchpoint", "touchpoints")
        ),
    };
    let command = if commands.len() == 1 {
        commands.pop()?
    } else {
        Command::Batch(commands)
    };
    Some((command, label))
}

/// A score as people say it: "4", "3.5", "+1", "−0.5", "0".
fn score_text(kind: ScoreKind, value: f32) -> String {
    let number = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    match kind {
        ScoreKind::Emotion if value > 0.0 => format!("+{number}"),
        ScoreKind::Emotion if value < 0.0 => number.replacen('-', "−", 1),
        _ => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_set_on_every_selected_card_in_one_step_and_named_as_people_say_them() {
        let project = crate::model::generate::synthetic(3, 1);
        let ids: HashSet<TouchpointId> = project.touchpoints().map(|(id, _)| id).collect();
        // Only the cards whose emotion differs are in the step.
        let differ = project
            .touchpoints()
            .filter(|(_, t)| t.emotion.map(Emotion::value) != Some(-2.0))
            .count();
        assert!(differ >= 2, "the generated cards should mostly differ");
        let (command, label) = set_scores(&project, &ids, ScoreKind::Emotion, Some(-2.0)).unwrap();
        assert!(
            matches!(command, Command::Batch(ref c) if c.len() == differ),
            "{command:?}"
        );
        assert_eq!(label, format!("Set emotion to −2 of {differ} touchpoints"));
        assert!(set_scores(&project, &HashSet::new(), ScoreKind::Emotion, None).is_none());
        // One card whose perception is not 4 already (else there is nothing to set).
        let one: HashSet<TouchpointId> = project
            .touchpoints()
            .filter(|(_, t)| t.perception.map(Perception::value) != Some(4.0))
            .map(|(id, _)| id)
            .take(1)
            .collect();
        let (_, label) = set_scores(&project, &one, ScoreKind::Perception, Some(4.0)).unwrap();
        assert!(label.starts_with("Set perception to 4 of “"), "{label}");
        assert_eq!(score_text(ScoreKind::Emotion, -0.5), "−0.5");
        assert_eq!(score_text(ScoreKind::Emotion, 0.0), "0");
    }
}
