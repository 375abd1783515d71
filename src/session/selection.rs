//! What is selected on the board: touchpoints, or one link.

use std::collections::HashSet;

use crate::model::{LinkId, TouchpointId};

/// What is selected on the board. Links and touchpoints are not selected together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected touchpoints.
    pub touchpoints: HashSet<TouchpointId>,
    /// Selected link.
    pub link: Option<LinkId>,
}

impl Selection {
    /// Nothing selected.
    pub fn clear(&mut self) {
        self.touchpoints.clear();
        self.link = None;
    }

    /// Only this touchpoint.
    pub fn only(&mut self, id: TouchpointId) {
        self.clear();
        self.touchpoints.insert(id);
    }

    /// A selection of one touchpoint.
    pub fn of(id: TouchpointId) -> Self {
        let mut s = Self::default();
        s.only(id);
        s
    }

    /// The one selected touchpoint, if exactly one is selected.
    pub fn single(&self) -> Option<TouchpointId> {
        if self.touchpoints.len() == 1 {
            self.touchpoints.iter().next().copied()
        } else {
            None
        }
    }

    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.touchpoints.is_empty() && self.link.is_none()
    }
}
