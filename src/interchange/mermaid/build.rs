//! Building a project from a diagram's sections and tasks: each section a stage, each
//! task a touchpoint down its lane, its actors owners, consecutive tasks linked.

use std::collections::HashMap;

use super::ACTORS_PREFIX;
use super::escape::{Field, escape, unescape};
use crate::convert::u64_from_usize;
use crate::interchange::{FreshKeys, ImportError, grouped};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{Emotion, Link, LinkKind, OwnerId, Project, Stage, Touchpoint, TouchpointId};

/// A project being built from a diagram.
pub(super) struct Builder {
    /// The project so far.
    pub(super) project: Project,
    stage_keys: FreshKeys,
    owner_keys: FreshKeys,
    owner_by_name: HashMap<String, OwnerId>,
    /// Cards placed so far in each lane.
    lane_rows: Vec<usize>,
    lane: Option<usize>,
    previous: Option<TouchpointId>,
}

impl Builder {
    /// An empty project titled `title`, with no stage yet.
    pub(super) fn new(title: &str) -> Self {
        Self {
            project: Project::empty(title),
            stage_keys: FreshKeys::default(),
            owner_keys: FreshKeys::default(),
            owner_by_name: HashMap::new(),
            lane_rows: Vec::new(),
            lane: None,
            previous: None,
        }
    }

    /// Adds a stage (a section) at the end and makes it the lane new tasks go into.
    pub(super) fn add_stage(&mut self, name: String, line: usize) -> Result<usize, ImportError> {
        if self.lane_rows.len() >= crate::interchange::MAX_IMPORTED_STAGES {
            return Err(ImportError::at(
                line,
                format!(
                    "the diagram has more than {} sections, the most Journeyboard imports into \
                     one project; merge sections or split the diagram",
                    grouped(u64_from_usize(crate::interchange::MAX_IMPORTED_STAGES))
                ),
            ));
        }
        let id = self.stage_keys.fresh(&name).into();
        self.project
            .insert_stage(usize::MAX, Stage { id, name })
            .map_err(|e| ImportError::at(line, e.to_string()))?;
        self.lane_rows.push(0);
        let lane = self.lane_rows.len() - 1;
        self.lane = Some(lane);
        Ok(lane)
    }

    /// The owner named `name`, added (with the next palette colour) if new.
    fn owner(&mut self, name: &str, line: usize) -> Result<OwnerId, ImportError> {
        if let Some(id) = self.owner_by_name.get(name) {
            return Ok(id.clone());
        }
        // `new_owner` gives the next palette colour; the key comes from `owner_keys`,
        // which stays linear where probing the project for each name would not.
        let key = self.owner_keys.fresh(name);
        let mut owner = self.project.new_owner(&key);
        self.owner_keys.take(&owner.id);
        owner.name = name.to_owned();
        let id = owner.id.clone();
        self.project
            .insert_owner(usize::MAX, owner)
            .map_err(|e| ImportError::at(line, e.to_string()))?;
        self.owner_by_name.insert(name.to_owned(), id.clone());
        Ok(id)
    }

    /// Adds a task line as a touchpoint at the foot of the current lane (a "Journey"
    /// section when none is open yet), owned by its first actor and linked from the
    /// previous task.
    pub(super) fn task(
        &mut self,
        line_no: usize,
        line: &str,
        unscored: bool,
        warnings: &mut Vec<String>,
    ) -> Result<(), ImportError> {
        let err = |message: String| ImportError::at(line_no, message);
        if self.project.touchpoint_count() >= crate::interchange::MAX_IMPORTED_TOUCHPOINTS {
            return Err(err(format!(
                "the diagram has more than {} tasks, the most Journeyboard imports into one \
                 project; split it into several diagrams (by section, say)",
                grouped(u64_from_usize(crate::interchange::MAX_IMPORTED_TOUCHPOINTS))
            )));
        }
        let task = read_task(line_no, line, warnings)?;
        let lane = match self.lane {
            Some(lane) => lane,
            None => self.add_stage("Journey".to_owned(), line_no)?,
        };
        let owner = self.task_owner(&task.actors, line_no)?;
        let position = stacked_position(self.lane_rows[lane]).ok_or_else(|| {
            err(format!(
                "section has more than {MAX_STACKED_ROWS} tasks, more than one lane can hold; \
                 split it into several sections"
            ))
        })?;
        self.lane_rows[lane] += 1;
        let touchpoint = Touchpoint {
            title: task.title,
            stage: self.project.stages()[lane].id.clone(),
            owner,
            emotion: (!unscored).then_some(task.emotion),
            notes: if task.actors.len() > 1 {
                let listed: Vec<String> = task
                    .actors
                    .iter()
                    .map(|a| escape(a, Field::Actor))
                    .collect();
                format!("{ACTORS_PREFIX}{}", listed.join(", "))
            } else {
                String::new()
            },
            position,
            ..Touchpoint::default()
        };
        self.add_after_previous(touchpoint, line_no)
    }

    /// Adds an owner for each actor not seen before; the task's owner is the first actor.
    fn task_owner(
        &mut self,
        actors: &[String],
        line_no: usize,
    ) -> Result<Option<OwnerId>, ImportError> {
        let Some(first) = actors.first() else {
            return Ok(None);
        };
        for actor in actors {
            self.owner(actor, line_no)?;
        }
        Ok(Some(self.owner(first, line_no)?))
    }

    /// Adds a touchpoint and a flow link to it from the previous task, if any.
    fn add_after_previous(
        &mut self,
        touchpoint: Touchpoint,
        line_no: usize,
    ) -> Result<(), ImportError> {
        let err = |e: crate::model::ModelError| ImportError::at(line_no, e.to_string());
        let id = self.project.add_touchpoint(touchpoint).map_err(err)?;
        if let Some(from) = self.previous {
            self.project
                .add_link(Link {
                    from,
                    to: id,
                    kind: LinkKind::Flow,
                    label: None,
                })
                .map_err(err)?;
        }
        self.previous = Some(id);
        Ok(())
    }
}

/// A task line read: its name, emotion and actors, decoded.
struct TaskLine {
    title: String,
    emotion: Emotion,
    actors: Vec<String>,
}

/// Reads a task line `Name: score: Actor, Actor`.
fn read_task(
    line_no: usize,
    line: &str,
    warnings: &mut Vec<String>,
) -> Result<TaskLine, ImportError> {
    let (name, data) = line.split_once(':').unwrap_or((line, ""));
    let mut parts = data.split(':');
    let score_raw = parts.next().unwrap_or_default().trim();
    let actors_raw = parts.next().unwrap_or_default();
    if parts.next().is_some() {
        return Err(ImportError::at(
            line_no,
            format!(
                "“{line}” has more than three parts separated by colons; Mermaid ends a task's \
                 name at the first colon (`Name: score: Actors`), so write a colon inside a \
                 name or actor as #58;"
            ),
        ));
    }
    let emotion = task_emotion(line_no, name, score_raw, warnings)?;
    Ok(TaskLine {
        title: unescape(name.trim()),
        emotion,
        actors: actors_raw
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(unescape)
            .collect(),
    })
}

/// The emotion of a task's score (1–5 is emotion −2…+2); a score between half steps is
/// taken as the nearest one, with a warning.
fn task_emotion(
    line_no: usize,
    name: &str,
    score_raw: &str,
    warnings: &mut Vec<String>,
) -> Result<Emotion, ImportError> {
    let err = |message: String| ImportError::at(line_no, message);
    if score_raw.is_empty() {
        return Err(err(format!(
            "the task “{}” has no score; write it as `Name: score: Actors` with a score \
             from 1 to 5",
            name.trim()
        )));
    }
    let score: f64 = score_raw
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite())
        .ok_or_else(|| {
            err(format!(
                "task score “{score_raw}” is not a number; write a score from 1 to 5 after \
                 the task's name (`Name: score: Actors`)"
            ))
        })?;
    if !(1.0..=5.0).contains(&score) {
        return Err(err(format!(
            "task score {score_raw} is outside 1–5, which Journeyboard maps to emotion \
             −2…+2; write a score from 1 to 5"
        )));
    }
    Ok(Emotion::new(score - 3.0).unwrap_or_else(|_| {
        let nearest = Emotion::nearest(score - 3.0);
        warnings.push(format!(
            "line {line_no}: score {score_raw} is taken as {} (emotion {nearest}); \
             Journeyboard scores in steps of 0.5",
            nearest.value() + 3.0
        ));
        nearest
    }))
}
