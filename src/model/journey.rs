//! The journey graph: a petgraph index over touchpoints (nodes) and links (edges).

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

use super::{LinkId, TouchpointId};

/// The directed graph of the journey. Node weights are touchpoint ids and edge weights
/// link ids; the maps find a node or edge from its id. petgraph's indices are not
/// identities (freed slots are reused), so nothing outside this type stores them.
#[derive(Clone, Debug, Default)]
pub struct Journey {
    graph: StableDiGraph<TouchpointId, LinkId>,
    nodes: HashMap<TouchpointId, NodeIndex>,
    edges: HashMap<LinkId, EdgeIndex>,
}

impl Journey {
    /// The graph, for analysis with petgraph's algorithms.
    pub fn graph(&self) -> &StableDiGraph<TouchpointId, LinkId> {
        &self.graph
    }

    /// The graph node of a touchpoint.
    pub fn node(&self, id: TouchpointId) -> Option<NodeIndex> {
        self.nodes.get(&id).copied()
    }

    /// The graph edge of a link.
    pub fn edge(&self, id: LinkId) -> Option<EdgeIndex> {
        self.edges.get(&id).copied()
    }

    /// Links leaving a touchpoint.
    pub fn outgoing(&self, id: TouchpointId) -> Vec<LinkId> {
        self.adjacent(id, Direction::Outgoing)
    }

    /// Links arriving at a touchpoint.
    pub fn incoming(&self, id: TouchpointId) -> Vec<LinkId> {
        self.adjacent(id, Direction::Incoming)
    }

    fn adjacent(&self, id: TouchpointId, direction: Direction) -> Vec<LinkId> {
        self.node(id)
            .map(|n| {
                self.graph
                    .edges_directed(n, direction)
                    .map(|e| *e.weight())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every link into or out of a touchpoint (a self-loop once).
    pub(super) fn links_touching(&self, id: TouchpointId) -> Vec<LinkId> {
        let mut links = self.outgoing(id);
        links.extend(self.incoming(id));
        links.sort_unstable();
        links.dedup();
        links
    }

    pub(super) fn add_touchpoint(&mut self, id: TouchpointId) {
        let node = self.graph.add_node(id);
        self.nodes.insert(id, node);
    }

    pub(super) fn remove_touchpoint(&mut self, id: TouchpointId) {
        if let Some(node) = self.nodes.remove(&id) {
            for edge in self
                .graph
                .edges_directed(node, Direction::Outgoing)
                .chain(self.graph.edges_directed(node, Direction::Incoming))
            {
                self.edges.remove(edge.weight());
            }
            self.graph.remove_node(node);
        }
    }

    pub(super) fn add_link(&mut self, id: LinkId, from: TouchpointId, to: TouchpointId) {
        if let (Some(a), Some(b)) = (self.node(from), self.node(to)) {
            let edge = self.graph.add_edge(a, b, id);
            self.edges.insert(id, edge);
        }
    }

    pub(super) fn remove_link(&mut self, id: LinkId) {
        if let Some(edge) = self.edges.remove(&id) {
            self.graph.remove_edge(edge);
        }
    }
}
