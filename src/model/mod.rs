//! The journey document: project, stages, owners, touchpoints, links and their scores.
//!
//! This module knows nothing of files, egui or the GUI. Every other layer reads a
//! [`Project`] and changes it only through its methods, which keep the journey graph
//! ([`Journey`]) in step with the touchpoints and links.

pub mod generate;
mod ids;
mod journey;
mod keyed;
pub mod layout;
mod parts;
mod score;

use std::collections::BTreeMap;

pub use ids::{LinkId, MAX_ID, OwnerId, StageId, TouchpointId};
pub use journey::Journey;
use keyed::KeyedList;
pub use parts::{
    Channel, Initiative, Link, LinkKind, Owner, Persona, Position, Rgb, Stage, Touchpoint,
};
pub use score::{Emotion, HalfStepScore, Perception, ScoreError};

/// A violation of the document's rules, found while building or editing a project.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// An id beyond [`MAX_ID`], or no id left below it.
    #[error(
        "{0} {1} is above the largest id Journeyboard uses ({MAX_ID}); renumber the ids \
         below that (they only need to be unique)"
    )]
    IdTooLarge(&'static str, u64),
    /// Two touchpoints share an id.
    #[error("touchpoint id {0} is used twice; give each touchpoint its own id")]
    DuplicateTouchpoint(TouchpointId),
    /// Two links share an id.
    #[error("link id {0} is used twice; give each link its own id")]
    DuplicateLink(LinkId),
    /// Two stages share a key.
    #[error("stage id \"{0}\" is defined twice; give each stage its own id")]
    DuplicateStage(StageId),
    /// Two owners share a key.
    #[error("owner id \"{0}\" is defined twice; give each owner its own id")]
    DuplicateOwner(OwnerId),
    /// A link refers to a touchpoint that does not exist.
    #[error(
        "link {link} goes {end} touchpoint {missing}, which does not exist; \
         add touchpoint {missing} or remove the link"
    )]
    MissingTouchpoint {
        /// The broken link.
        link: LinkId,
        /// "from" or "to".
        end: &'static str,
        /// The id that was not found.
        missing: TouchpointId,
    },
    /// A touchpoint is in a stage that is not defined.
    #[error(
        "touchpoint {touchpoint} (\"{title}\") is in stage \"{stage}\", which is not defined; \
         add it to `stages` or move the touchpoint to a defined stage"
    )]
    UnknownStage {
        /// The touchpoint.
        touchpoint: TouchpointId,
        /// Its title.
        title: String,
        /// The undefined stage key.
        stage: StageId,
    },
    /// A touchpoint names an owner that is not defined.
    #[error(
        "touchpoint {touchpoint} (\"{title}\") is owned by \"{owner}\", which is not defined; \
         add it to `owners` or change the touchpoint's owner"
    )]
    UnknownOwner {
        /// The touchpoint.
        touchpoint: TouchpointId,
        /// Its title.
        title: String,
        /// The undefined owner key.
        owner: OwnerId,
    },
    /// A touchpoint id that is not in the project.
    #[error("there is no touchpoint {0}")]
    NoSuchTouchpoint(TouchpointId),
    /// A link id that is not in the project.
    #[error("there is no link {0}")]
    NoSuchLink(LinkId),
}

/// Colours given to new owners, in turn (editor, CSV and Mermaid imports).
pub const OWNER_COLOURS: [[u8; 3]; 8] = [
    [0x2e, 0x86, 0xde],
    [0xe6, 0x7e, 0x22],
    [0x8e, 0x44, 0xad],
    [0x16, 0xa0, 0x85],
    [0xc0, 0x39, 0x2b],
    [0xf1, 0xc4, 0x0f],
    [0x34, 0x49, 0x5e],
    [0xd3, 0x54, 0x00],
];

/// The stages a new project starts with.
pub const DEFAULT_STAGES: [(&str, &str); 6] = [
    ("awareness", "Awareness"),
    ("research", "Research"),
    ("purchase", "Purchase"),
    ("onboarding", "Onboarding & use"),
    ("service", "Service"),
    ("advocacy", "Advocacy"),
];

/// A whole customer-journey storyboard: who it is for, its stages and owners, and the
/// touchpoints linked into a journey graph.
#[derive(Clone, Debug)]
pub struct Project {
    /// Title of the journey, e.g. "Opening a savings account".
    pub title: String,
    /// What this map covers and why.
    pub description: String,
    /// Who the journey is for.
    pub persona: Persona,
    stages: KeyedList<Stage>,
    owners: KeyedList<Owner>,
    touchpoints: BTreeMap<TouchpointId, Touchpoint>,
    links: BTreeMap<LinkId, Link>,
    journey: Journey,
    next_touchpoint_id: u64,
    next_link_id: u64,
}

impl PartialEq for Project {
    fn eq(&self, other: &Self) -> bool {
        // The journey graph is an index derived from touchpoints and links; the stage and
        // owner lists compare their items, not their key indexes.
        self.title == other.title
            && self.description == other.description
            && self.persona == other.persona
            && self.stages == other.stages
            && self.owners == other.owners
            && self.touchpoints == other.touchpoints
            && self.links == other.links
            && self.next_touchpoint_id == other.next_touchpoint_id
            && self.next_link_id == other.next_link_id
    }
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled journey")
    }
}

impl Project {
    /// A new, empty project with the default stages and no owners.
    pub fn new(title: impl Into<String>) -> Self {
        let mut project = Self::empty(title);
        for (id, name) in DEFAULT_STAGES {
            let inserted = project.stages.insert(
                usize::MAX,
                Stage {
                    id: (*id).into(),
                    name: name.to_owned(),
                },
            );
            // The default keys are distinct, so none is refused (a test checks all six).
            debug_assert!(inserted.is_ok(), "default stage {id} refused");
        }
        project
    }

    /// A project with no stages, owners, touchpoints or links (used by loaders).
    pub fn empty(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            persona: Persona::default(),
            stages: KeyedList::default(),
            owners: KeyedList::default(),
            touchpoints: BTreeMap::new(),
            links: BTreeMap::new(),
            journey: Journey::default(),
            next_touchpoint_id: 1,
            next_link_id: 1,
        }
    }

    // ---- stages -------------------------------------------------------------------

    /// The stages, in journey order.
    pub fn stages(&self) -> &[Stage] {
        self.stages.items()
    }

    /// The stage with this key. O(1).
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.get(id)
    }

    /// Position of the stage in journey order. O(1).
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.position(id)
    }

    /// Inserts a stage at `index` (clamped to the end). Fails if the key is taken.
    pub fn insert_stage(&mut self, index: usize, stage: Stage) -> Result<(), ModelError> {
        self.stages
            .insert(index, stage)
            .map_err(|stage| ModelError::DuplicateStage(stage.id))
    }

    /// Mutable access to a stage's name. The key cannot change.
    pub fn stage_name_mut(&mut self, id: &str) -> Option<&mut String> {
        self.stages.get_mut(id).map(|s| &mut s.name)
    }

    /// Moves the stage at `from` to `to` in journey order.
    pub fn move_stage(&mut self, from: usize, to: usize) {
        self.stages.move_item(from, to);
    }

    /// Removes a stage that no touchpoint uses. Returns it with its former index.
    pub fn remove_stage(&mut self, id: &str) -> Option<(usize, Stage)> {
        if self.touchpoints.values().any(|t| t.stage == id) {
            return None;
        }
        self.stages.remove(id)
    }

    /// A key not used by any stage, derived from `name`.
    pub fn fresh_stage_id(&self, name: &str) -> StageId {
        self.stages.fresh(&slug(name)).into()
    }

    // ---- owners -------------------------------------------------------------------

    /// The owners (teams), in the project's order.
    pub fn owners(&self) -> &[Owner] {
        self.owners.items()
    }

    /// The owner with this key. O(1).
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.owners.get(id)
    }

    /// Position of the owner in the project's order. O(1).
    pub fn owner_index(&self, id: &str) -> Option<usize> {
        self.owners.position(id)
    }

    /// Inserts an owner at `index` (clamped). Fails if the key is taken.
    pub fn insert_owner(&mut self, index: usize, owner: Owner) -> Result<(), ModelError> {
        self.owners
            .insert(index, owner)
            .map_err(|owner| ModelError::DuplicateOwner(owner.id))
    }

    /// Mutable access to an owner's name and colour. The key cannot change.
    pub fn owner_mut(&mut self, id: &str) -> Option<(&mut String, &mut Rgb)> {
        self.owners
            .get_mut(id)
            .map(|o| (&mut o.name, &mut o.colour))
    }

    /// Removes an owner that no touchpoint uses. Returns it with its former index.
    pub fn remove_owner(&mut self, id: &str) -> Option<(usize, Owner)> {
        if self
            .touchpoints
            .values()
            .any(|t| t.owner.as_deref() == Some(id))
        {
            return None;
        }
        self.owners.remove(id)
    }

    /// A new owner for `name`: a fresh key and the next colour of [`OWNER_COLOURS`] in
    /// turn. Not yet added to the project.
    pub fn new_owner(&self, name: &str) -> Owner {
        Owner {
            id: self.fresh_owner_id(name),
            name: name.to_owned(),
            colour: Rgb(OWNER_COLOURS[self.owners().len() % OWNER_COLOURS.len()]),
        }
    }

    /// A key not used by any owner, derived from `name`.
    pub fn fresh_owner_id(&self, name: &str) -> OwnerId {
        self.owners.fresh(&slug(name)).into()
    }

    // ---- touchpoints --------------------------------------------------------------

    /// All touchpoints, ordered by id.
    pub fn touchpoints(&self) -> impl ExactSizeIterator<Item = (TouchpointId, &Touchpoint)> + '_ {
        self.touchpoints.iter().map(|(id, t)| (*id, t))
    }

    /// Number of touchpoints.
    pub fn touchpoint_count(&self) -> usize {
        self.touchpoints.len()
    }

    /// The touchpoint with this id.
    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoints.get(&id)
    }

    /// Mutable access to a touchpoint's fields. Callers that change `stage` or `owner`
    /// must keep them pointing at defined stages and owners.
    pub fn touchpoint_mut(&mut self, id: TouchpointId) -> Option<&mut Touchpoint> {
        self.touchpoints.get_mut(&id)
    }

    /// Number of touchpoints with neither perception nor emotion scored.
    pub fn unscored_count(&self) -> usize {
        self.touchpoints
            .values()
            .filter(|t| t.is_unscored())
            .count()
    }

    /// The id the next new touchpoint will get.
    pub fn next_touchpoint_id(&self) -> TouchpointId {
        TouchpointId(self.next_touchpoint_id)
    }

    /// Adds a touchpoint under a fresh id.
    pub fn add_touchpoint(&mut self, touchpoint: Touchpoint) -> Result<TouchpointId, ModelError> {
        let id = self.next_touchpoint_id();
        self.insert_touchpoint(id, touchpoint)?;
        Ok(id)
    }

    /// Adds a touchpoint under a given id (loading a file, undoing a deletion).
    pub fn insert_touchpoint(
        &mut self,
        id: TouchpointId,
        touchpoint: Touchpoint,
    ) -> Result<(), ModelError> {
        if id.0 > MAX_ID {
            return Err(ModelError::IdTooLarge("touchpoint id", id.0));
        }
        if self.touchpoints.contains_key(&id) {
            return Err(ModelError::DuplicateTouchpoint(id));
        }
        self.check_references(id, &touchpoint)?;
        self.journey.add_touchpoint(id);
        self.touchpoints.insert(id, touchpoint);
        self.next_touchpoint_id = self.next_touchpoint_id.max(id.0.saturating_add(1));
        Ok(())
    }

    /// Checks that the touchpoint's stage and owner exist.
    pub fn check_references(
        &self,
        id: TouchpointId,
        touchpoint: &Touchpoint,
    ) -> Result<(), ModelError> {
        if self.stage(&touchpoint.stage).is_none() {
            return Err(ModelError::UnknownStage {
                touchpoint: id,
                title: touchpoint.title.clone(),
                stage: touchpoint.stage.clone(),
            });
        }
        if let Some(owner) = &touchpoint.owner
            && self.owner(owner).is_none()
        {
            return Err(ModelError::UnknownOwner {
                touchpoint: id,
                title: touchpoint.title.clone(),
                owner: owner.clone(),
            });
        }
        Ok(())
    }

    /// Removes a touchpoint and every link touching it; returns them so the removal can
    /// be undone.
    pub fn remove_touchpoint(
        &mut self,
        id: TouchpointId,
    ) -> Option<(Touchpoint, Vec<(LinkId, Link)>)> {
        let touchpoint = self.touchpoints.remove(&id)?;
        let link_ids = self.journey.links_touching(id);
        let links = link_ids
            .into_iter()
            .filter_map(|lid| self.links.remove(&lid).map(|l| (lid, l)))
            .collect();
        self.journey.remove_touchpoint(id);
        Some((touchpoint, links))
    }

    // ---- links --------------------------------------------------------------------

    /// All links, ordered by id.
    pub fn links(&self) -> impl ExactSizeIterator<Item = (LinkId, &Link)> + '_ {
        self.links.iter().map(|(id, l)| (*id, l))
    }

    /// Number of links.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// The link with this id.
    pub fn link(&self, id: LinkId) -> Option<&Link> {
        self.links.get(&id)
    }

    /// The id the next new link will get.
    pub fn next_link_id(&self) -> LinkId {
        LinkId(self.next_link_id)
    }

    /// Adds a link under a fresh id.
    pub fn add_link(&mut self, link: Link) -> Result<LinkId, ModelError> {
        let id = self.next_link_id();
        self.insert_link(id, link)?;
        Ok(id)
    }

    /// Adds a link under a given id (loading a file, undoing a deletion).
    pub fn insert_link(&mut self, id: LinkId, link: Link) -> Result<(), ModelError> {
        if id.0 > MAX_ID {
            return Err(ModelError::IdTooLarge("link id", id.0));
        }
        if self.links.contains_key(&id) {
            return Err(ModelError::DuplicateLink(id));
        }
        for (end, tp) in [("from", link.from), ("to", link.to)] {
            if !self.touchpoints.contains_key(&tp) {
                return Err(ModelError::MissingTouchpoint {
                    link: id,
                    end,
                    missing: tp,
                });
            }
        }
        self.journey.add_link(id, link.from, link.to);
        self.links.insert(id, link);
        self.next_link_id = self.next_link_id.max(id.0.saturating_add(1));
        Ok(())
    }

    /// Removes a link and returns it.
    pub fn remove_link(&mut self, id: LinkId) -> Option<Link> {
        let link = self.links.remove(&id)?;
        self.journey.remove_link(id);
        Some(link)
    }

    /// Changes a link's kind and label (its ends are fixed; delete and re-add to move it).
    pub fn set_link_meta(
        &mut self,
        id: LinkId,
        kind: LinkKind,
        label: Option<String>,
    ) -> Result<(), ModelError> {
        let link = self.links.get_mut(&id).ok_or(ModelError::NoSuchLink(id))?;
        link.kind = kind;
        link.label = label;
        Ok(())
    }

    /// The journey graph over touchpoints and links.
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    /// Raises the id counters to at least the given values (ids are never reused, so a
    /// file remembers its counters even after the highest ids were deleted).
    pub fn reserve_ids(&mut self, next_touchpoint: u64, next_link: u64) {
        self.next_touchpoint_id = self.next_touchpoint_id.max(next_touchpoint);
        self.next_link_id = self.next_link_id.max(next_link);
    }
}

/// A user's text as a message quotes it: at most 80 characters, then "…", so that a
/// title of megabytes cannot make a message of megabytes.
pub fn quoted_short(text: &str) -> String {
    const MAX: usize = 80;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Makes a lowercase key from a display name (`"Onboarding & use"` → `"onboarding-use"`;
/// `"item"` when nothing is left).
pub(crate) fn slug(name: &str) -> String {
    let mut base = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            base.extend(c.to_lowercase());
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    if base.is_empty() {
        "item".to_owned()
    } else {
        base.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(title: &str, stage: &str) -> Touchpoint {
        Touchpoint {
            title: title.into(),
            stage: stage.into(),
            ..Touchpoint::default()
        }
    }

    #[test]
    fn quoted_short_cuts_long_texts_only() {
        assert_eq!(quoted_short("Calls support"), "Calls support");
        let long = "é".repeat(1_000_000);
        let short = quoted_short(&long);
        assert_eq!(short.chars().count(), 81);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn ids_are_never_reused_after_deletion() {
        let mut p = Project::new("t");
        let a = p.add_touchpoint(tp("a", "awareness")).unwrap();
        let b = p.add_touchpoint(tp("b", "research")).unwrap();
        p.remove_touchpoint(b).unwrap();
        let c = p.add_touchpoint(tp("c", "research")).unwrap();
        assert_ne!(b, c);
        assert!(c > b && b > a);
    }

    #[test]
    fn removing_a_touchpoint_removes_its_links_from_graph_and_map() {
        let mut p = Project::new("t");
        let a = p.add_touchpoint(tp("a", "awareness")).unwrap();
        let b = p.add_touchpoint(tp("b", "research")).unwrap();
        let c = p.add_touchpoint(tp("c", "purchase")).unwrap();
        let link = |from, to| Link {
            from,
            to,
            kind: LinkKind::Flow,
            label: None,
        };
        p.add_link(link(a, b)).unwrap();
        let bc = p.add_link(link(b, c)).unwrap();
        let (_, removed) = p.remove_touchpoint(a).unwrap();
        assert_eq!(removed.len(), 1);
        assert_eq!(p.link_count(), 1);
        assert_eq!(p.journey().graph().edge_count(), 1);
        assert_eq!(p.journey().graph().node_count(), 2);
        assert!(p.link(bc).is_some());
    }

    #[test]
    fn references_are_checked() {
        let mut p = Project::new("t");
        let err = p.add_touchpoint(tp("x", "nowhere")).unwrap_err();
        assert!(matches!(err, ModelError::UnknownStage { .. }));
        let mut owned = tp("y", "research");
        owned.owner = Some("ghost".into());
        assert!(matches!(
            p.add_touchpoint(owned).unwrap_err(),
            ModelError::UnknownOwner { .. }
        ));
        let a = p.add_touchpoint(tp("a", "awareness")).unwrap();
        let err = p
            .add_link(Link {
                from: a,
                to: TouchpointId(99),
                kind: LinkKind::Flow,
                label: None,
            })
            .unwrap_err();
        assert_eq!(
            err,
            ModelError::MissingTouchpoint {
                link: LinkId(1),
                end: "to",
                missing: TouchpointId(99)
            }
        );
    }

    #[test]
    fn stages_in_use_cannot_be_removed() {
        let mut p = Project::new("t");
        p.add_touchpoint(tp("a", "awareness")).unwrap();
        assert!(p.remove_stage("awareness").is_none());
        assert_eq!(p.remove_stage("advocacy").map(|(i, _)| i), Some(5));
    }

    #[test]
    fn fresh_keys_are_slugs_and_unique() {
        let p = Project::new("t");
        assert_eq!(p.fresh_stage_id("Onboarding & use"), "onboarding-use");
        assert_eq!(p.fresh_stage_id("Awareness"), "awareness-2");
        assert_eq!(p.fresh_owner_id("  !! "), "item");
    }

    #[test]
    fn colours_parse_and_format() {
        assert_eq!(Rgb::from_hex("#3A7bD5"), Some(Rgb([0x3a, 0x7b, 0xd5])));
        assert_eq!(Rgb([1, 2, 255]).to_hex(), "#0102ff");
        assert_eq!(Rgb::from_hex("#12345"), None);
        assert_eq!(Rgb::from_hex("#12345g"), None);
        assert_eq!(Rgb::from_hex("#ééé"), None);
    }
}
