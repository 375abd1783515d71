//! Commands that change a project, each with its exact inverse, and the undo history.
//!
//! The editor never mutates a [`Project`] directly: it builds a [`Command`] and hands it to
//! [`History::apply`]. Applying a command returns the command that undoes it, so undo and
//! redo are the same operation, and each step stores only what changed.

use crate::model::{
    Link, LinkId, LinkKind, ModelError, Owner, OwnerId, Persona, Position, Project, Rgb, Stage,
    StageId, Touchpoint, TouchpointId,
};

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds touchpoints under the given ids, then the links (whose ends must exist).
    Insert {
        /// Touchpoints to add.
        touchpoints: Vec<(TouchpointId, Touchpoint)>,
        /// Links to add.
        links: Vec<(LinkId, Link)>,
    },
    /// Removes links, then touchpoints (and every link touching them).
    Remove {
        /// Touchpoints to remove.
        touchpoints: Vec<TouchpointId>,
        /// Links to remove.
        links: Vec<LinkId>,
    },
    /// Moves touchpoints to a stage and position each.
    Move(Vec<(TouchpointId, StageId, Position)>),
    /// Replaces all fields of one touchpoint (an inspector edit).
    SetTouchpoint(TouchpointId, Box<Touchpoint>),
    /// Changes a link's kind and label.
    SetLink(LinkId, LinkKind, Option<String>),
    /// Changes the project's title, description and persona.
    SetInfo {
        /// New title.
        title: String,
        /// New description.
        description: String,
        /// New persona.
        persona: Persona,
    },
    /// Inserts a stage at an index.
    InsertStage(usize, Stage),
    /// Removes an empty stage.
    RemoveStage(StageId),
    /// Renames a stage.
    RenameStage(StageId, String),
    /// Moves a stage from one index to another.
    MoveStage(usize, usize),
    /// Inserts an owner at an index.
    InsertOwner(usize, Owner),
    /// Removes an owner no touchpoint uses.
    RemoveOwner(OwnerId),
    /// Changes an owner's name and colour.
    SetOwner(OwnerId, String, Rgb),
    /// Several commands as one step, applied in order.
    Batch(Vec<Command>),
}

/// Why a command could not be applied. The project is unchanged.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The model refused the change.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A stage that still holds touchpoints cannot simply be removed.
    #[error("stage \"{0}\" still holds touchpoints; move them to another stage first")]
    StageInUse(StageId),
    /// An owner that still owns touchpoints cannot simply be removed.
    #[error("owner \"{0}\" still owns touchpoints; reassign them first")]
    OwnerInUse(OwnerId),
    /// A stage or owner key that does not exist.
    #[error("there is no {0} \"{1}\"")]
    Missing(&'static str, String),
}

impl Command {
    /// Changes every picture path the command would set (touchpoints it inserts or
    /// replaces, in batches too): used when held pictures move on the first save.
    pub fn map_pictures(&mut self, f: &mut impl FnMut(&mut String)) {
        match self {
            Command::Insert { touchpoints, .. } => {
                for (_, t) in touchpoints {
                    if let Some(p) = &mut t.picture {
                        f(p);
                    }
                }
            }
            Command::SetTouchpoint(_, t) => {
                if let Some(p) = &mut t.picture {
                    f(p);
                }
            }
            Command::Batch(commands) => {
                for c in commands {
                    c.map_pictures(f);
                }
            }
            _ => {}
        }
    }

    /// Applies the command and returns the command that undoes it. On error the project
    /// is left as it was.
    pub fn apply(self, project: &mut Project) -> Result<Command, EditError> {
        match self {
            Command::Insert { touchpoints, links } => insert(project, touchpoints, links),
            Command::Remove { touchpoints, links } => Ok(remove(project, touchpoints, links)),
            Command::Move(moves) => move_touchpoints(project, moves),
            Command::SetTouchpoint(id, touchpoint) => set_touchpoint(project, id, *touchpoint),
            Command::SetLink(id, kind, label) => set_link(project, id, kind, label),
            Command::SetInfo {
                title,
                description,
                persona,
            } => Ok(Command::SetInfo {
                title: std::mem::replace(&mut project.title, title),
                description: std::mem::replace(&mut project.description, description),
                persona: std::mem::replace(&mut project.persona, persona),
            }),
            Command::InsertStage(index, stage) => {
                let id = stage.id.clone();
                project.insert_stage(index, stage)?;
                Ok(Command::RemoveStage(id))
            }
            Command::RemoveStage(id) => remove_stage(project, id),
            Command::RenameStage(id, name) => rename_stage(project, id, name),
            Command::MoveStage(from, to) => {
                project.move_stage(from, to);
                Ok(Command::MoveStage(to, from))
            }
            Command::InsertOwner(index, owner) => {
                let id = owner.id.clone();
                project.insert_owner(index, owner)?;
                Ok(Command::RemoveOwner(id))
            }
            Command::RemoveOwner(id) => remove_owner(project, id),
            Command::SetOwner(id, name, colour) => set_owner(project, id, name, colour),
            Command::Batch(commands) => apply_batch(project, commands),
        }
    }
}

/// Adds the touchpoints, then the links; on the first refusal removes what it added.
fn insert(
    project: &mut Project,
    touchpoints: Vec<(TouchpointId, Touchpoint)>,
    links: Vec<(LinkId, Link)>,
) -> Result<Command, EditError> {
    let tp_ids: Vec<_> = touchpoints.iter().map(|(id, _)| *id).collect();
    let link_ids: Vec<_> = links.iter().map(|(id, _)| *id).collect();
    let mut done = Vec::new();
    for (id, tp) in touchpoints {
        if let Err(e) = project.insert_touchpoint(id, tp) {
            for id in done {
                project.remove_touchpoint(id);
            }
            return Err(e.into());
        }
        done.push(id);
    }
    let mut done_links = Vec::new();
    for (id, link) in links {
        if let Err(e) = project.insert_link(id, link) {
            for id in done_links {
                project.remove_link(id);
            }
            for id in done {
                project.remove_touchpoint(id);
            }
            return Err(e.into());
        }
        done_links.push(id);
    }
    Ok(Command::Remove {
        touchpoints: tp_ids,
        links: link_ids,
    })
}

/// Removes the links, then the touchpoints; the inverse re-inserts everything that was
/// there, including links that went with a touchpoint. Missing ids are skipped.
fn remove(project: &mut Project, touchpoints: Vec<TouchpointId>, links: Vec<LinkId>) -> Command {
    let mut removed_links = Vec::new();
    for id in links {
        if let Some(link) = project.remove_link(id) {
            removed_links.push((id, link));
        }
    }
    let mut removed = Vec::new();
    for id in touchpoints {
        if let Some((tp, links)) = project.remove_touchpoint(id) {
            removed.push((id, tp));
            removed_links.extend(links);
        }
    }
    removed_links.sort_by_key(|(id, _)| *id);
    Command::Insert {
        touchpoints: removed,
        links: removed_links,
    }
}

/// Moves touchpoints to a stage and position each, after checking every id and stage.
fn move_touchpoints(
    project: &mut Project,
    moves: Vec<(TouchpointId, StageId, Position)>,
) -> Result<Command, EditError> {
    for (id, stage, _) in &moves {
        if project.touchpoint(*id).is_none() {
            return Err(ModelError::NoSuchTouchpoint(*id).into());
        }
        if project.stage(stage).is_none() {
            return Err(EditError::Missing("stage", stage.to_string()));
        }
    }
    let mut inverse = Vec::with_capacity(moves.len());
    for (id, stage, position) in moves {
        if let Some(tp) = project.touchpoint_mut(id) {
            let old_stage = std::mem::replace(&mut tp.stage, stage);
            let old_position = std::mem::replace(&mut tp.position, position);
            inverse.push((id, old_stage, old_position));
        }
    }
    inverse.reverse();
    Ok(Command::Move(inverse))
}

/// Replaces every field of one touchpoint, once its stage and owner are known to exist.
fn set_touchpoint(
    project: &mut Project,
    id: TouchpointId,
    touchpoint: Touchpoint,
) -> Result<Command, EditError> {
    project.check_references(id, &touchpoint)?;
    let tp = project
        .touchpoint_mut(id)
        .ok_or(ModelError::NoSuchTouchpoint(id))?;
    let old = std::mem::replace(tp, touchpoint);
    Ok(Command::SetTouchpoint(id, Box::new(old)))
}

/// Changes a link's kind and label.
fn set_link(
    project: &mut Project,
    id: LinkId,
    kind: LinkKind,
    label: Option<String>,
) -> Result<Command, EditError> {
    let old = project.link(id).ok_or(ModelError::NoSuchLink(id))?;
    let inverse = Command::SetLink(id, old.kind, old.label.clone());
    project.set_link_meta(id, kind, label)?;
    Ok(inverse)
}

/// Removes a stage that exists and holds no touchpoints.
fn remove_stage(project: &mut Project, id: StageId) -> Result<Command, EditError> {
    if project.stage(&id).is_none() {
        return Err(EditError::Missing("stage", id.to_string()));
    }
    let (index, stage) = project.remove_stage(&id).ok_or(EditError::StageInUse(id))?;
    Ok(Command::InsertStage(index, stage))
}

/// Renames a stage.
fn rename_stage(project: &mut Project, id: StageId, name: String) -> Result<Command, EditError> {
    let slot = project
        .stage_name_mut(&id)
        .ok_or_else(|| EditError::Missing("stage", id.to_string()))?;
    let old = std::mem::replace(slot, name);
    Ok(Command::RenameStage(id, old))
}

/// Removes an owner that exists and owns no touchpoints.
fn remove_owner(project: &mut Project, id: OwnerId) -> Result<Command, EditError> {
    if project.owner(&id).is_none() {
        return Err(EditError::Missing("owner", id.to_string()));
    }
    let (index, owner) = project.remove_owner(&id).ok_or(EditError::OwnerInUse(id))?;
    Ok(Command::InsertOwner(index, owner))
}

/// Changes an owner's name and colour.
fn set_owner(
    project: &mut Project,
    id: OwnerId,
    name: String,
    colour: Rgb,
) -> Result<Command, EditError> {
    let (slot_name, slot_colour) = project
        .owner_mut(&id)
        .ok_or_else(|| EditError::Missing("owner", id.to_string()))?;
    let old_name = std::mem::replace(slot_name, name);
    let old_colour = std::mem::replace(slot_colour, colour);
    Ok(Command::SetOwner(id, old_name, old_colour))
}

/// Applies the commands in order, all or nothing: on the first error it undoes those
/// already applied, last first.
fn apply_batch(project: &mut Project, commands: Vec<Command>) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(commands.len());
    for command in commands {
        match command.apply(project) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                for inverse in inverses.into_iter().rev() {
                    if let Err(_undo_failed) = inverse.apply(project) {
                        // The inverse of a command that has just applied applies too; were
                        // it ever refused, the error that stopped the batch is still the
                        // one to report, and the remaining inverses still run.
                    }
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch(inverses))
}

/// Removes a stage, first moving its touchpoints to `move_to` (keeping their place in
/// the lane). One undoable step.
pub fn remove_stage_moving_touchpoints(
    project: &Project,
    stage: &StageId,
    move_to: &StageId,
) -> Command {
    let moves: Vec<_> = project
        .touchpoints()
        .filter(|(_, t)| t.stage == *stage)
        .map(|(id, t)| (id, move_to.clone(), t.position))
        .collect();
    Command::Batch(vec![
        Command::Move(moves),
        Command::RemoveStage(stage.clone()),
    ])
}

/// Removes an owner, first leaving its touchpoints without an owner. One undoable step.
pub fn remove_owner_unassigning(project: &Project, owner: &OwnerId) -> Command {
    let mut commands: Vec<Command> = project
        .touchpoints()
        .filter(|(_, t)| t.owner.as_ref() == Some(owner))
        .map(|(id, t)| {
            let mut t = t.clone();
            t.owner = None;
            Command::SetTouchpoint(id, Box::new(t))
        })
        .collect();
    commands.push(Command::RemoveOwner(owner.clone()));
    Command::Batch(commands)
}

struct Step {
    label: String,
    /// Applying this command moves the project to the other side of the step.
    command: Command,
    /// Document state ids on either side of the step, for the unsaved-changes marker.
    before: u64,
    after: u64,
}

/// Applies the top step of `from` (undo or redo) to `project` and moves it, turned round,
/// onto `to`; returns the document state it leads to (`landing` picks it from the step).
/// The step is applied from a copy, so on failure it stays where it was.
fn replay(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    project: &mut Project,
    landing: fn(&Step) -> u64,
) -> Result<Option<u64>, EditError> {
    let Some(step) = from.last() else {
        return Ok(None);
    };
    let reverse = step.command.clone().apply(project)?;
    let Some(step) = from.pop() else {
        return Ok(None);
    };
    let state = landing(&step);
    to.push(Step {
        command: reverse,
        ..step
    });
    Ok(Some(state))
}

/// The undo and redo stacks, with labels for the Edit menu, and a marker of which state
/// was last saved.
#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
}

impl History {
    /// A history whose current state counts as saved.
    pub fn new_saved() -> Self {
        Self {
            saved_state: Some(0),
            ..Self::default()
        }
    }

    /// Applies a command as one undoable step labelled for the Edit menu.
    pub fn apply(
        &mut self,
        project: &mut Project,
        command: Command,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let inverse = command.apply(project)?;
        self.next_state += 1;
        let after = self.next_state;
        self.undo.push(Step {
            label: label.into(),
            command: inverse,
            before: self.state,
            after,
        });
        self.state = after;
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step: `Ok(false)` if there is none. If the step cannot be applied
    /// (the project no longer matches it), it stays on the stack, the project is unchanged,
    /// and the error says why.
    pub fn undo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(state) = replay(&mut self.undo, &mut self.redo, project, |s| s.before)? else {
            return Ok(false);
        };
        self.state = state;
        Ok(true)
    }

    /// Redoes the last undone step: `Ok(false)` if there is none. On failure the step
    /// stays, as for [`Self::undo`].
    pub fn redo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(state) = replay(&mut self.redo, &mut self.undo, project, |s| s.after)? else {
            return Ok(false);
        };
        self.state = state;
        Ok(true)
    }

    /// Label of the step Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step Redo would reapply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Changes every picture path the steps would set, on both sides (see
    /// [`Command::map_pictures`]).
    pub fn map_pictures(&mut self, f: &mut impl FnMut(&mut String)) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            step.command.map_pictures(f);
        }
    }

    /// Remembers the current state as the saved one.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    /// Identifies the document's current state: it changes with every edit, undo and
    /// redo, so anything derived from the project can be cached against it.
    pub fn state(&self) -> u64 {
        self.state
    }

    /// True when the project differs from the last saved (or opened) state.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Emotion;

    fn project_with_two() -> (Project, TouchpointId, TouchpointId) {
        let mut p = Project::new("t");
        let a = p
            .add_touchpoint(Touchpoint {
                title: "a".into(),
                stage: "awareness".into(),
                ..Touchpoint::default()
            })
            .unwrap();
        let b = p
            .add_touchpoint(Touchpoint {
                title: "b".into(),
                stage: "research".into(),
                ..Touchpoint::default()
            })
            .unwrap();
        p.add_link(Link {
            from: a,
            to: b,
            kind: LinkKind::Flow,
            label: None,
        })
        .unwrap();
        (p, a, b)
    }

    #[test]
    fn remove_and_undo_restores_touchpoint_and_links() {
        let (mut p, a, _) = project_with_two();
        let original = p.clone();
        let mut h = History::new_saved();
        h.apply(
            &mut p,
            Command::Remove {
                touchpoints: vec![a],
                links: vec![],
            },
            "Delete a",
        )
        .unwrap();
        assert_eq!(p.touchpoint_count(), 1);
        assert_eq!(p.link_count(), 0);
        assert!(h.is_dirty());
        assert_eq!(h.undo_label(), Some("Delete a"));
        assert!(h.undo(&mut p).unwrap());
        assert_eq!(p, original);
        assert_eq!(p.journey().graph().edge_count(), 1);
        assert!(!h.is_dirty());
        assert!(h.redo(&mut p).unwrap());
        assert_eq!(p.touchpoint_count(), 1);
        assert!(h.is_dirty());
    }

    #[test]
    fn move_changes_stage_and_undoes() {
        let (mut p, a, _) = project_with_two();
        let mut h = History::new_saved();
        let to = Position { x: 10.0, y: 99.0 };
        h.apply(
            &mut p,
            Command::Move(vec![(a, "service".into(), to)]),
            "Move",
        )
        .unwrap();
        assert_eq!(p.touchpoint(a).unwrap().stage, "service");
        assert_eq!(p.touchpoint(a).unwrap().position, to);
        h.undo(&mut p).unwrap();
        assert_eq!(p.touchpoint(a).unwrap().stage, "awareness");
        assert_eq!(p.touchpoint(a).unwrap().position, Position::default());
    }

    #[test]
    fn an_undo_that_cannot_apply_keeps_its_step_and_says_why() {
        let (mut p, a, _) = project_with_two();
        let mut h = History::new_saved();
        let to = Position { x: 10.0, y: 99.0 };
        h.apply(
            &mut p,
            Command::Move(vec![(a, "service".into(), to)]),
            "Move a",
        )
        .unwrap();
        // The touchpoint goes away behind the history's back: the move cannot be undone.
        p.remove_touchpoint(a).unwrap();
        let before = p.clone();
        let err = h.undo(&mut p).unwrap_err();
        assert!(matches!(err, EditError::Model(ModelError::NoSuchTouchpoint(id)) if id == a));
        assert_eq!(p, before);
        assert_eq!(h.undo_label(), Some("Move a"));
        assert_eq!(h.redo_label(), None);
        assert!(h.is_dirty());
        // Nothing to redo is not an error.
        assert!(!h.redo(&mut p).unwrap());
    }

    #[test]
    fn failing_batch_changes_nothing() {
        let (mut p, a, _) = project_with_two();
        let before = p.clone();
        let mut t = p.touchpoint(a).unwrap().clone();
        t.emotion = Some(Emotion::new(1.0).unwrap());
        let batch = Command::Batch(vec![
            Command::SetTouchpoint(a, Box::new(t)),
            Command::RemoveStage("awareness".into()), // in use: fails
        ]);
        let mut h = History::new_saved();
        assert!(matches!(
            h.apply(&mut p, batch, "x"),
            Err(EditError::StageInUse(_))
        ));
        assert_eq!(p, before);
        assert!(h.undo_label().is_none());
    }

    #[test]
    fn removing_a_stage_moves_its_touchpoints_in_one_step() {
        let (mut p, a, _) = project_with_two();
        let mut h = History::new_saved();
        let cmd = remove_stage_moving_touchpoints(&p, &"awareness".into(), &"research".into());
        h.apply(&mut p, cmd, "Remove stage").unwrap();
        assert!(p.stage("awareness").is_none());
        assert_eq!(p.touchpoint(a).unwrap().stage, "research");
        h.undo(&mut p).unwrap();
        assert_eq!(p.stage_index("awareness"), Some(0));
        assert_eq!(p.touchpoint(a).unwrap().stage, "awareness");
    }

    #[test]
    fn new_edit_after_undo_clears_redo_and_dirty_tracks_state() {
        let (mut p, a, b) = project_with_two();
        let mut h = History::new_saved();
        h.apply(
            &mut p,
            Command::RenameStage("awareness".into(), "Hear".into()),
            "r1",
        )
        .unwrap();
        h.mark_saved();
        h.undo(&mut p).unwrap();
        assert!(h.is_dirty());
        h.apply(
            &mut p,
            Command::Remove {
                touchpoints: vec![a, b],
                links: vec![],
            },
            "r2",
        )
        .unwrap();
        assert!(h.redo_label().is_none());
        assert!(h.is_dirty());
    }
}
