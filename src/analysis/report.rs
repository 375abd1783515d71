//! The insights as text for people and as stable JSON for scripts.

use serde::Serialize;

use super::{Insights, JourneyPath, TouchpointRef};
use crate::model::Project;

/// Version of the JSON report format; raised only when a field changes meaning or goes.
pub const REPORT_VERSION: u32 = 1;

/// The JSON document: a header, then every field of [`Insights`].
#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    persona: &'a str,
    touchpoints: usize,
    links: usize,
    #[serde(flatten)]
    insights: &'a Insights,
}

/// The report as pretty JSON (documented in the README).
pub fn to_json(project: &Project, insights: &Insights) -> String {
    let report = JsonReport {
        format: "journeyboard-report",
        version: REPORT_VERSION,
        title: &project.title,
        persona: &project.persona.name,
        touchpoints: project.touchpoint_count(),
        links: project.link_count(),
        insights,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A score with its sign and one decimal (`+1.5`, `-0.5`, `0.0`), or "–" when missing.
/// Values that round to zero print as `0.0`, never `-0.0`.
pub fn signed(v: Option<f32>) -> String {
    v.map_or_else(
        || "–".to_owned(),
        |v| {
            if v.abs() < 0.05 {
                "0.0".to_owned()
            } else {
                format!("{v:+.1}")
            }
        },
    )
}

fn plain(v: Option<f32>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

fn percent(v: Option<f32>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{:.0} %", v * 100.0))
}

fn name(t: &TouchpointRef) -> String {
    format!("#{} “{}”", t.id, one_line(&t.title))
}

/// A user's text on one line of the report: a line break inside a title must not start
/// what looks like a line of the report, so it is shown as `\n`.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace('\n', "\\n").replace('\r', "\\r").into()
    } else {
        text.into()
    }
}

fn list(items: &[TouchpointRef]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.iter().map(name).collect::<Vec<_>>().join(", ")
    }
}

fn path_line(label: &str, path: Option<&JourneyPath>) -> String {
    match path {
        Some(p) => format!(
            "{label} (mean emotion {:+.2}, {}): {}\n",
            p.mean_emotion,
            crate::plural::count(p.touchpoints.len(), "step", "steps"),
            p.touchpoints
                .iter()
                .zip(&p.emotions)
                .map(|(t, e)| format!("“{}” {}", one_line(&t.title), signed(*e)))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        None => format!("{label}: no path has an emotion score yet\n"),
    }
}

/// Appends one formatted line (the text, then `\n`) to a `String`. Formatting into a
/// `String` cannot fail, so there is no `fmt::Result` to drop.
macro_rules! push_line {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// The report as text, section by section.
pub fn to_text(project: &Project, insights: &Insights) -> String {
    let mut out = String::new();
    header(&mut out, project);
    emotion_curve(&mut out, insights);
    moments_of_truth(&mut out, insights);
    reactive_load(&mut out, insights);
    ownership(&mut out, insights);
    structure(&mut out, project, insights);
    out
}

/// The title, the persona and the size of the journey, then a blank line.
fn header(out: &mut String, project: &Project) {
    push_line!(out, "Journey report: {}", one_line(&project.title));
    if !project.persona.name.is_empty() {
        push_line!(out, "Persona: {}", one_line(&project.persona.name));
    }
    push_line!(
        out,
        "{}, {}\n",
        crate::plural::count(project.touchpoint_count(), "touchpoint", "touchpoints"),
        crate::plural::count(project.link_count(), "link", "links")
    );
}

/// One line per stage with its scores, then the happiest and the most painful path.
fn emotion_curve(out: &mut String, insights: &Insights) {
    push_line!(out, "EMOTION CURVE BY STAGE");
    let width = insights
        .stages
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    for s in &insights.stages {
        push_line!(
            out,
            "  {:<width$}  emotion {:>4}  perception {:>3}  reactive {:>5}  lapses {}  ({})",
            one_line(&s.name),
            signed(s.mean_emotion),
            plain(s.mean_perception),
            percent(s.reactive_share),
            s.lapses,
            crate::plural::count(s.touchpoints, "touchpoint", "touchpoints")
        );
    }
    out.push('\n');
    out.push_str(&path_line("Happiest path", insights.happiest_path.as_ref()));
    out.push_str(&path_line(
        "Most painful path",
        insights.most_painful_path.as_ref(),
    ));
}

/// The lowest-emotion touchpoints, the largest drops and the strong disagreements.
fn moments_of_truth(out: &mut String, insights: &Insights) {
    push_line!(out, "\nMOMENTS OF TRUTH");
    if insights.lowest_emotion.is_empty() {
        push_line!(out, "  Lowest emotion: no touchpoint below neutral");
    }
    for l in &insights.lowest_emotion {
        push_line!(
            out,
            "  Lowest emotion: {} emotion {:+.1}, perception {}",
            name(&l.touchpoint),
            l.emotion,
            plain(l.perception)
        );
    }
    for d in &insights.largest_drops {
        push_line!(
            out,
            "  Emotion drop {:.1} along link #{}: {} → {}",
            d.drop,
            d.link,
            name(&d.from),
            name(&d.to)
        );
    }
    for d in &insights.disagreements {
        push_line!(
            out,
            "  Perception {:.1} but emotion {:+.1}: {}",
            d.perception,
            d.emotion,
            name(&d.touchpoint)
        );
    }
}

/// The recovery links, one line each.
fn reactive_load(out: &mut String, insights: &Insights) {
    push_line!(out, "\nREACTIVE LOAD AND RECOVERY");
    if insights.recoveries.is_empty() {
        push_line!(out, "  No recovery links");
    }
    for r in &insights.recoveries {
        push_line!(
            out,
            "  Recovery link #{}: lapse at {} ({}) → {}",
            r.link,
            name(&r.lapse),
            r.stage,
            name(&r.to)
        );
    }
}

/// One line per owner, then the touchpoints nobody owns.
fn ownership(out: &mut String, insights: &Insights) {
    push_line!(out, "\nOWNERSHIP");
    for o in &insights.owners {
        push_line!(
            out,
            "  {}: {}, emotion {}, perception {}, reactive {}, worst {}",
            one_line(&o.name),
            crate::plural::count(o.touchpoints.len(), "touchpoint", "touchpoints"),
            signed(o.mean_emotion),
            plain(o.mean_perception),
            percent(o.reactive_share),
            o.worst.as_ref().map_or_else(|| "–".to_owned(), name)
        );
    }
    push_line!(out, "  No owner: {}", list(&insights.unowned));
}

/// Unreachable touchpoints, dead ends, backward links and unscored touchpoints.
fn structure(out: &mut String, project: &Project, insights: &Insights) {
    push_line!(out, "\nSTRUCTURE");
    push_line!(
        out,
        "  Unreachable from any entry: {}",
        list(&insights.unreachable)
    );
    let last = project
        .stages()
        .last()
        .map_or("the last stage", |s| s.name.as_str());
    push_line!(
        out,
        "  Never reach {}: {}",
        one_line(last),
        list(&insights.dead_ends)
    );
    let backward = if insights.backward_links.is_empty() {
        "none".to_owned()
    } else {
        insights
            .backward_links
            .iter()
            .map(|l| format!("#{l}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    push_line!(
        out,
        "  Links back to an earlier stage (not referrals): {backward}"
    );
    push_line!(out, "  Not scored: {}", list(&insights.unscored));
}
