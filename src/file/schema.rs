//! The on-disk schema of a project file, version 1: plain structs that mirror the RON text.

use serde::{Deserialize, Serialize};

use crate::model::{Channel, Initiative, LinkKind};

/// The whole file. Field order here is the order in the file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProjectFile {
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub persona: PersonaFile,
    #[serde(default = "default_stages")]
    pub stages: Vec<StageFile>,
    #[serde(default)]
    pub owners: Vec<OwnerFile>,
    #[serde(default)]
    pub touchpoints: Vec<TouchpointFile>,
    #[serde(default)]
    pub links: Vec<LinkFile>,
    #[serde(default)]
    pub next_touchpoint_id: u64,
    #[serde(default)]
    pub next_link_id: u64,
}

fn default_stages() -> Vec<StageFile> {
    crate::model::DEFAULT_STAGES
        .iter()
        .map(|(id, name)| StageFile {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
        })
        .collect()
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PersonaFile {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StageFile {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OwnerFile {
    pub id: String,
    pub name: String,
    pub colour: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TouchpointFile {
    pub id: u64,
    pub title: String,
    pub stage: String,
    #[serde(default)]
    pub channel: Channel,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub initiative: Initiative,
    #[serde(default)]
    pub perception: Option<f64>,
    #[serde(default)]
    pub emotion: Option<f64>,
    #[serde(default)]
    pub pain_points: Vec<String>,
    #[serde(default)]
    pub opportunities: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub x: f32,
    #[serde(default)]
    pub y: f32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkFile {
    pub id: u64,
    pub from: u64,
    pub to: u64,
    #[serde(default)]
    pub kind: LinkKind,
    #[serde(default)]
    pub label: Option<String>,
}

/// Only the version, read first so that a newer file is refused before its unknown
/// fields are reported as errors.
#[derive(Debug, Deserialize)]
pub(super) struct VersionProbe {
    pub version: u32,
}
