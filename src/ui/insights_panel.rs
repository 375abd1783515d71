//! The Insights tab: the analysis of the journey, each finding clickable to select and
//! frame its touchpoints on the board.

use std::collections::HashSet;
use std::rc::Rc;

use egui::{CollapsingHeader, Grid, Ui};

use super::actions::Action;
use super::intent::{Intent, Intents};
use crate::analysis::report::signed;
use crate::analysis::{self, Insights, TouchpointRef};
use crate::model::{LinkId, Project, TouchpointId};
use crate::session::Session;

/// Insights cached against the document revision they were computed from.
#[derive(Default)]
pub(super) struct InsightsCache {
    revision: Option<(u64, u64)>,
    insights: Option<Rc<Insights>>,
    moments: HashSet<TouchpointId>,
}

/// What a click in the panel asks for.
enum Pick {
    Touchpoints(Vec<TouchpointId>),
    Link(LinkId),
}

fn tp_ids(refs: &[TouchpointRef]) -> Vec<TouchpointId> {
    refs.iter().map(|r| TouchpointId(r.id)).collect()
}

impl InsightsCache {
    /// The insights for the session's document, recomputed only after it changed.
    pub fn insights(&mut self, session: &Session) -> Rc<Insights> {
        let revision = session.revision();
        if let Some(insights) = &self.insights
            && self.revision == Some(revision)
        {
            return Rc::clone(insights);
        }
        let insights = Rc::new(analysis::analyse(session.project()));
        self.moments = analysis::moments_of_truth(&insights);
        self.insights = Some(Rc::clone(&insights));
        self.revision = Some(revision);
        insights
    }

    /// The moments of truth of the session's document, to highlight on the board.
    pub fn moments(&mut self, session: &Session) -> &HashSet<TouchpointId> {
        self.insights(session);
        &self.moments
    }
}

/// The Insights tab; a click on a finding asks to show its touchpoints on the board.
pub(super) fn insights_ui(
    ui: &mut Ui,
    cache: &mut InsightsCache,
    session: &Session,
    highlight_moments: bool,
    out: &mut Intents,
) {
    let insights = cache.insights(session);
    let project = session.project();
    let mut pick = None;
    ui.heading("Insights");
    let mut highlight = highlight_moments;
    if ui
        .checkbox(&mut highlight, "Highlight moments of truth on the board")
        .changed()
    {
        out.action(Action::ToggleMoments);
    }
    ui.weak("Click a finding to select and show its touchpoints.");
    pick = pick.or(stages_ui(ui, &insights, project));
    pick = pick.or(moments_ui(ui, &insights));
    pick = pick.or(recovery_and_owners_ui(ui, &insights));
    pick = pick.or(structure_ui(ui, &insights, project));
    match pick {
        Some(Pick::Touchpoints(touchpoints)) => out.push(Intent::ShowOnBoard {
            touchpoints,
            link: None,
        }),
        Some(Pick::Link(id)) => {
            if let Some(link) = project.link(id) {
                out.push(Intent::ShowOnBoard {
                    touchpoints: vec![link.from, link.to],
                    link: Some(id),
                });
            }
        }
        None => {}
    }
}

/// The emotion curve by stage and the happiest and most painful paths.
fn stages_ui(ui: &mut Ui, insights: &Insights, project: &Project) -> Option<Pick> {
    let mut pick = None;
    CollapsingHeader::new("Emotion curve by stage")
        .default_open(true)
        .show(ui, |ui| {
            Grid::new("stage_grid").striped(true).show(ui, |ui| {
                ui.strong("Stage");
                ui.strong("Emotion");
                ui.strong("Perception");
                ui.strong("Reactive");
                ui.end_row();
                for s in &insights.stages {
                    if ui.link(&s.name).clicked() {
                        let ids = project
                            .touchpoints()
                            .filter(|(_, t)| t.stage == *s.id)
                            .map(|(id, _)| id)
                            .collect();
                        pick = Some(Pick::Touchpoints(ids));
                    }
                    ui.label(signed(s.mean_emotion));
                    ui.label(
                        s.mean_perception
                            .map_or_else(|| "–".to_owned(), |p| format!("{p:.1}")),
                    );
                    ui.label(
                        s.reactive_share
                            .map_or_else(|| "–".to_owned(), |r| format!("{:.0} %", r * 100.0)),
                    );
                    ui.end_row();
                }
            });
            for (label, path) in [
                ("Happiest path", &insights.happiest_path),
                ("Most painful path", &insights.most_painful_path),
            ] {
                match path {
                    Some(p) => {
                        let text = format!(
                            "{label}: mean {:+.2} over {}",
                            p.mean_emotion,
                            crate::plural::count(p.touchpoints.len(), "step", "steps")
                        );
                        if ui.link(text).clicked() {
                            pick = Some(Pick::Touchpoints(tp_ids(&p.touchpoints)));
                        }
                    }
                    None => {
                        ui.weak(format!("{label}: no scored path yet"));
                    }
                }
            }
        });
    pick
}

/// Moments of truth: lowest emotion, largest drops, disagreements.
fn moments_ui(ui: &mut Ui, insights: &Insights) -> Option<Pick> {
    let mut pick = None;
    CollapsingHeader::new("Moments of truth")
        .default_open(true)
        .show(ui, |ui| {
            if insights.lowest_emotion.is_empty() && insights.largest_drops.is_empty() {
                ui.weak("No touchpoint below neutral yet.");
            }
            for l in &insights.lowest_emotion {
                if ui
                    .link(format!("{:+.1}  {}", l.emotion, l.touchpoint.title))
                    .clicked()
                {
                    pick = Some(Pick::Touchpoints(vec![TouchpointId(l.touchpoint.id)]));
                }
            }
            for d in &insights.largest_drops {
                let text = format!("Drop {:.1}: {} to {}", d.drop, d.from.title, d.to.title);
                if ui.link(text).clicked() {
                    pick = Some(Pick::Link(LinkId(d.link)));
                }
            }
            let shown = 10;
            for d in insights.disagreements.iter().take(shown) {
                let text = format!(
                    "Perception {:.1} vs emotion {:+.1}: {}",
                    d.perception, d.emotion, d.touchpoint.title
                );
                if ui.link(text).clicked() {
                    pick = Some(Pick::Touchpoints(vec![TouchpointId(d.touchpoint.id)]));
                }
            }
        });

    if insights.disagreements.len() > 10 {
        ui.weak(format!(
            "… and {} more touchpoints where perception and emotion disagree",
            insights.disagreements.len() - 10
        ));
    }
    pick
}

/// Recovery links and owner load.
fn recovery_and_owners_ui(ui: &mut Ui, insights: &Insights) -> Option<Pick> {
    let mut pick = None;
    CollapsingHeader::new("Reactive load and recovery")
        .default_open(false)
        .show(ui, |ui| {
            if insights.recoveries.is_empty() {
                ui.weak("No recovery links.");
            }
            for r in &insights.recoveries {
                if ui
                    .link(format!(
                        "Lapse at {}, recovered by {}",
                        r.lapse.title, r.to.title
                    ))
                    .clicked()
                {
                    pick = Some(Pick::Link(LinkId(r.link)));
                }
            }
        });

    CollapsingHeader::new("Ownership")
        .default_open(false)
        .show(ui, |ui| {
            for o in &insights.owners {
                let text = format!(
                    "{}: {}, emotion {}",
                    o.name,
                    crate::plural::count(o.touchpoints.len(), "touchpoint", "touchpoints"),
                    signed(o.mean_emotion)
                );
                if ui.link(text).clicked() {
                    pick = Some(Pick::Touchpoints(tp_ids(&o.touchpoints)));
                }
                if let Some(worst) = &o.worst {
                    ui.weak(format!("   worst: {}", worst.title));
                }
            }
            if !insights.unowned.is_empty()
                && ui
                    .link(format!(
                        "No owner: {}",
                        crate::plural::count(insights.unowned.len(), "touchpoint", "touchpoints")
                    ))
                    .clicked()
            {
                pick = Some(Pick::Touchpoints(tp_ids(&insights.unowned)));
            }
        });
    pick
}

/// Unreachable touchpoints, dead ends, unscored ones and backward links.
fn structure_ui(ui: &mut Ui, insights: &Insights, project: &Project) -> Option<Pick> {
    let mut pick = None;
    CollapsingHeader::new("Structure")
        .default_open(true)
        .show(ui, |ui| {
            let last = project
                .stages()
                .last()
                .map_or_else(String::new, |s| s.name.clone());
            for (label, refs) in [
                (
                    "Unreachable from any entry".to_owned(),
                    &insights.unreachable,
                ),
                (format!("Never reach {last}"), &insights.dead_ends),
                ("Not scored".to_owned(), &insights.unscored),
            ] {
                if refs.is_empty() {
                    ui.weak(format!("{label}: none"));
                } else if ui.link(format!("{label}: {}", refs.len())).clicked() {
                    pick = Some(Pick::Touchpoints(tp_ids(refs)));
                }
            }
            if insights.backward_links.is_empty() {
                ui.weak("Links back to an earlier stage: none");
            }
            for l in &insights.backward_links {
                // Named by the touchpoints it joins: ids appear nowhere else in the editor.
                let title = |id| {
                    project
                        .touchpoint(id)
                        .map_or_else(|| "?".to_owned(), |t| t.title.clone())
                };
                let text = project.link(LinkId(*l)).map_or_else(
                    || "A link goes back to an earlier stage".to_owned(),
                    |link| {
                        format!(
                            "“{}” → “{}” goes back to an earlier stage",
                            title(link.from),
                            title(link.to)
                        )
                    },
                );
                if ui.link(text).clicked() {
                    pick = Some(Pick::Link(LinkId(*l)));
                }
            }
        });
    pick
}
