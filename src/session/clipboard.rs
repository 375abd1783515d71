//! Copy and paste of touchpoints as text, so they travel through the system clipboard
//! (between windows, or into a chat as readable RON).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::edit::Command;
use crate::file;
use crate::model::{LinkId, Project, TouchpointId};

/// First line of clipboard text that Journeyboard will paste.
const MARKER: &str = "// Journeyboard touchpoints\n";

/// The selected touchpoints, and the links among them, as clipboard text.
pub fn copy(project: &Project, ids: &HashSet<TouchpointId>) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let mut clip = Project::empty(project.title.clone());
    for stage in project.stages() {
        clip.insert_stage(usize::MAX, stage.clone()).ok()?;
    }
    for owner in project.owners() {
        clip.insert_owner(usize::MAX, owner.clone()).ok()?;
    }
    for (id, t) in project.touchpoints().filter(|(id, _)| ids.contains(id)) {
        clip.insert_touchpoint(id, t.clone()).ok()?;
    }
    for (id, link) in project.links() {
        if ids.contains(&link.from) && ids.contains(&link.to) {
            clip.insert_link(id, link.clone()).ok()?;
        }
    }
    let text = file::to_ron_string(&clip).ok()?;
    Some(format!("{MARKER}{text}"))
}

/// A command inserting the clipboard's touchpoints under fresh ids, shifted by
/// `offset` so they do not hide the originals. `None` if the text is not ours.
pub fn paste(project: &Project, text: &str, offset: f32) -> Option<Command> {
    let body = text.strip_prefix(MARKER)?;
    let clip = file::parse(body, Path::new("clipboard")).ok()?;
    let first_stage = project.stages().first()?.id.clone();
    let mut new_ids: HashMap<TouchpointId, TouchpointId> = HashMap::new();
    let mut touchpoints = Vec::new();
    for (next_tp, (old, t)) in (project.next_touchpoint_id().0..).zip(clip.touchpoints()) {
        let mut t = t.clone();
        if project.stage(&t.stage).is_none() {
            t.stage.clone_from(&first_stage);
        }
        if t.owner
            .as_deref()
            .is_some_and(|o| project.owner(o).is_none())
        {
            t.owner = None;
        }
        t.position.x += offset;
        t.position.y += offset;
        let id = TouchpointId(next_tp);
        new_ids.insert(old, id);
        touchpoints.push((id, t));
    }
    let mut next_link = project.next_link_id().0;
    let mut links = Vec::new();
    for (_, link) in clip.links() {
        let (Some(from), Some(to)) = (new_ids.get(&link.from), new_ids.get(&link.to)) else {
            continue;
        };
        let mut link = link.clone();
        link.from = *from;
        link.to = *to;
        links.push((LinkId(next_link), link));
        next_link += 1;
    }
    Some(Command::Insert { touchpoints, links })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_paste_keeps_inner_links_and_gets_new_ids() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/examples/bank-account-opening.ron"
        );
        let mut project = file::load(Path::new(path)).unwrap();
        let ids: HashSet<_> = [TouchpointId(11), TouchpointId(12), TouchpointId(5)].into();
        let text = copy(&project, &ids).unwrap();
        let before = project.touchpoint_count();
        let command = paste(&project, &text, 24.0).unwrap();
        command.apply(&mut project).unwrap();
        assert_eq!(project.touchpoint_count(), before + 3);
        // 11 → 12 is the only link among the three.
        let new_links: Vec<_> = project.links().filter(|(id, _)| id.0 > 18).collect();
        assert_eq!(new_links.len(), 1);
        assert!(new_links[0].1.from.0 > 16 && new_links[0].1.to.0 > 16);
        assert!(paste(&project, "hello", 0.0).is_none());
    }
}
