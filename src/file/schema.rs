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
    pub channel: ChannelFile,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub initiative: InitiativeFile,
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
    pub kind: LinkKindFile,
    #[serde(default)]
    pub label: Option<String>,
}

/// A channel as written in files. The names are the file format's and never change;
/// converting to and from the model's enum is exhaustive, so a model variant
/// renamed or added cannot change or escape the format unnoticed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum ChannelFile {
    #[serde(rename = "web")]
    Web,
    #[serde(rename = "mobile_app")]
    MobileApp,
    #[serde(rename = "email")]
    Email,
    #[serde(rename = "phone")]
    Phone,
    #[serde(rename = "store")]
    Store,
    #[serde(rename = "chat")]
    Chat,
    #[serde(rename = "social")]
    Social,
    #[serde(rename = "word_of_mouth")]
    WordOfMouth,
    #[serde(rename = "self_service")]
    SelfService,
    #[serde(rename = "mail_print")]
    MailPrint,
    #[default]
    #[serde(rename = "other")]
    Other,
}

impl From<Channel> for ChannelFile {
    fn from(value: Channel) -> Self {
        match value {
            Channel::Web => Self::Web,
            Channel::MobileApp => Self::MobileApp,
            Channel::Email => Self::Email,
            Channel::Phone => Self::Phone,
            Channel::Store => Self::Store,
            Channel::Chat => Self::Chat,
            Channel::Social => Self::Social,
            Channel::WordOfMouth => Self::WordOfMouth,
            Channel::SelfService => Self::SelfService,
            Channel::MailPrint => Self::MailPrint,
            Channel::Other => Self::Other,
        }
    }
}

impl From<ChannelFile> for Channel {
    fn from(value: ChannelFile) -> Self {
        match value {
            ChannelFile::Web => Self::Web,
            ChannelFile::MobileApp => Self::MobileApp,
            ChannelFile::Email => Self::Email,
            ChannelFile::Phone => Self::Phone,
            ChannelFile::Store => Self::Store,
            ChannelFile::Chat => Self::Chat,
            ChannelFile::Social => Self::Social,
            ChannelFile::WordOfMouth => Self::WordOfMouth,
            ChannelFile::SelfService => Self::SelfService,
            ChannelFile::MailPrint => Self::MailPrint,
            ChannelFile::Other => Self::Other,
        }
    }
}

/// Who starts an interaction, as written in files. The names are the file format's and never change;
/// converting to and from the model's enum is exhaustive, so a model variant
/// renamed or added cannot change or escape the format unnoticed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum InitiativeFile {
    #[default]
    #[serde(rename = "proactive")]
    Proactive,
    #[serde(rename = "reactive")]
    Reactive,
}

impl From<Initiative> for InitiativeFile {
    fn from(value: Initiative) -> Self {
        match value {
            Initiative::Proactive => Self::Proactive,
            Initiative::Reactive => Self::Reactive,
        }
    }
}

impl From<InitiativeFile> for Initiative {
    fn from(value: InitiativeFile) -> Self {
        match value {
            InitiativeFile::Proactive => Self::Proactive,
            InitiativeFile::Reactive => Self::Reactive,
        }
    }
}

/// What a link means, as written in files. The names are the file format's and never change;
/// converting to and from the model's enum is exhaustive, so a model variant
/// renamed or added cannot change or escape the format unnoticed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum LinkKindFile {
    #[default]
    #[serde(rename = "flow")]
    Flow,
    #[serde(rename = "alternative")]
    Alternative,
    #[serde(rename = "recovery")]
    Recovery,
    #[serde(rename = "referral")]
    Referral,
}

impl From<LinkKind> for LinkKindFile {
    fn from(value: LinkKind) -> Self {
        match value {
            LinkKind::Flow => Self::Flow,
            LinkKind::Alternative => Self::Alternative,
            LinkKind::Recovery => Self::Recovery,
            LinkKind::Referral => Self::Referral,
        }
    }
}

impl From<LinkKindFile> for LinkKind {
    fn from(value: LinkKindFile) -> Self {
        match value {
            LinkKindFile::Flow => Self::Flow,
            LinkKindFile::Alternative => Self::Alternative,
            LinkKindFile::Recovery => Self::Recovery,
            LinkKindFile::Referral => Self::Referral,
        }
    }
}

/// Only the version, read first so that a newer file is refused before its unknown
/// fields are reported as errors.
#[derive(Debug, Deserialize)]
pub(super) struct VersionProbe {
    pub version: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_disk<T: Serialize>(value: T) -> String {
        ron::to_string(&value).unwrap()
    }

    #[test]
    fn the_names_on_disk_are_fixed_and_convert_back() {
        let channels: Vec<String> = Channel::ALL
            .iter()
            .map(|&c| on_disk(ChannelFile::from(c)))
            .collect();
        assert_eq!(
            channels,
            [
                "web",
                "mobile_app",
                "email",
                "phone",
                "store",
                "chat",
                "social",
                "word_of_mouth",
                "self_service",
                "mail_print",
                "other"
            ]
        );
        for c in Channel::ALL {
            assert_eq!(Channel::from(ChannelFile::from(c)), c);
        }
        let kinds: Vec<String> = LinkKind::ALL
            .iter()
            .map(|&k| on_disk(LinkKindFile::from(k)))
            .collect();
        assert_eq!(kinds, ["flow", "alternative", "recovery", "referral"]);
        assert_eq!(
            on_disk(InitiativeFile::from(Initiative::Reactive)),
            "reactive"
        );
        assert_eq!(
            on_disk(InitiativeFile::from(Initiative::Proactive)),
            "proactive"
        );
        assert_eq!(Channel::from(ChannelFile::default()), Channel::Other);
    }
}
