//! The touchpoints' notes listed under a whole picture, when an export asks for them: one
//! entry per touchpoint with notes, in journey order (stage by stage, down each lane), each
//! naming the touchpoint and its stage and giving its notes on up to two lines.

use egui::text::LayoutJob;
use egui::{Align2, FontFamily, FontId, Painter, Rect, pos2};

use super::{BoardTheme, bidi, fit_text, storyboard_order};
use crate::convert::f32_from_usize;
use crate::model::{Project, TouchpointId};

/// Height of the list's heading, in points.
const HEADING: f32 = 24.0;
/// Height of one entry: its first line and a second for longer notes, in points.
const ENTRY: f32 = 34.0;
/// Most entries listed; a picture of a bigger journey says how many more have notes.
pub const MOST_NOTES: usize = 150;

/// The touchpoints whose notes the list shows, in journey order.
fn noted(project: &Project) -> Vec<TouchpointId> {
    storyboard_order(project)
        .into_iter()
        .map(|frame| frame.id)
        .filter(|id| {
            project
                .touchpoint(*id)
                .is_some_and(|t| !t.notes.trim().is_empty())
        })
        .collect()
}

/// Height of the notes list of `project` (0 when no touchpoint has notes).
pub fn notes_height(project: &Project) -> f32 {
    let count = noted(project).len();
    if count == 0 {
        return 0.0;
    }
    // The last place says how many more there are.
    HEADING + f32_from_usize(count.min(MOST_NOTES + 1)) * ENTRY
}

/// Paints the notes list of `project` in `area` (as tall as [`notes_height`]).
pub fn paint_notes(painter: &Painter, project: &Project, area: Rect, theme: BoardTheme) {
    let palette = theme.palette();
    let noted = noted(project);
    if noted.is_empty() {
        return;
    }
    painter.text(
        area.min,
        Align2::LEFT_TOP,
        "Notes",
        FontId::new(13.0, FontFamily::Proportional),
        palette.text,
    );
    let width = area.width();
    let font = FontId::new(12.0, FontFamily::Proportional);
    for (i, id) in noted.iter().enumerate() {
        let top = area.min.y + HEADING + f32_from_usize(i) * ENTRY;
        if i == MOST_NOTES {
            painter.text(
                pos2(area.min.x, top),
                Align2::LEFT_TOP,
                format!(
                    "+ {} more touchpoints with notes (in the project file)",
                    noted.len() - i
                ),
                font.clone(),
                palette.subtext,
            );
            break;
        }
        let Some(t) = project.touchpoint(*id) else {
            continue;
        };
        let stage = project
            .stages()
            .iter()
            .find(|s| s.id == t.stage)
            .map_or("", |s| s.name.as_str());
        let title = if t.title.trim().is_empty() {
            "Untitled"
        } else {
            t.title.trim()
        };
        // The notes' lines run on, so two lines of the list hold as much as they can.
        let notes = t
            .notes
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let text = format!("{title} ({stage}): {notes}");
        let text = fit_text(&text, width, font.size, 2);
        let mut job = LayoutJob::simple(text.into_owned(), font.clone(), palette.text, width);
        job.wrap.max_rows = 2;
        let galley = bidi::layout(painter, job);
        painter.galley(pos2(area.min.x, top), galley, palette.text);
    }
}
