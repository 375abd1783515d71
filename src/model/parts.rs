//! The parts of a journey: stages, owners and their colours, the persona, touchpoints
//! with their channel, initiative and position, and links with their kind.

use super::keyed::Keyed;
use super::{Emotion, OwnerId, Perception, StageId, TouchpointId};

/// A phase of the journey (Awareness, Research, …). `id` is a short stable key that
/// touchpoints refer to; `name` is what users see and may be renamed freely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// Stable key, e.g. `"awareness"`; unchanged when the stage is renamed.
    pub id: StageId,
    /// Display name, e.g. `"Awareness"`.
    pub name: String,
}

impl Keyed for Stage {
    fn key(&self) -> &str {
        &self.id
    }
}

/// A team accountable for interactions ("no one owns the customer, but someone owns
/// each interaction"), with the colour its cards carry on the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// Stable key, e.g. `"support"`; unchanged when the owner is renamed.
    pub id: OwnerId,
    /// Display name, e.g. `"Customer support"`.
    pub name: String,
    /// The team's colour on the board.
    pub colour: Rgb,
}

impl Keyed for Owner {
    fn key(&self) -> &str {
        &self.id
    }
}

/// An sRGB colour, written `"#RRGGBB"` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#RRGGBB` (the `#` is optional, hex digits in either case).
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// Formats as `#rrggbb`.
    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// Who the journey is for: a persona or customer segment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Persona {
    /// Short name, e.g. "Maya, first-time saver".
    pub name: String,
    /// A sentence or two about their situation and goals.
    pub description: String,
}

/// The medium through which a touchpoint happens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Website.
    Web,
    /// Mobile app.
    MobileApp,
    /// Email.
    Email,
    /// Phone call.
    Phone,
    /// Physical store or branch.
    Store,
    /// Live chat or messaging.
    Chat,
    /// Social media.
    Social,
    /// Word of mouth: friends, family, colleagues.
    WordOfMouth,
    /// Self-service: kiosk, ATM, help centre.
    SelfService,
    /// Letters, brochures, printed mail.
    MailPrint,
    /// Anything else.
    #[default]
    Other,
}

impl Channel {
    /// Every channel, in the order menus list them.
    pub const ALL: [Channel; 11] = [
        Channel::Web,
        Channel::MobileApp,
        Channel::Email,
        Channel::Phone,
        Channel::Store,
        Channel::Chat,
        Channel::Social,
        Channel::WordOfMouth,
        Channel::SelfService,
        Channel::MailPrint,
        Channel::Other,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Web => "Web",
            Channel::MobileApp => "Mobile app",
            Channel::Email => "Email",
            Channel::Phone => "Phone",
            Channel::Store => "Store / branch",
            Channel::Chat => "Chat",
            Channel::Social => "Social",
            Channel::WordOfMouth => "Word of mouth",
            Channel::SelfService => "Self-service",
            Channel::MailPrint => "Mail / print",
            Channel::Other => "Other",
        }
    }
}

/// Who starts the interaction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Initiative {
    /// The company reaches out or designs the moment.
    #[default]
    Proactive,
    /// The customer has to ask, typically customer service after a lapse.
    Reactive,
}

impl Initiative {
    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Initiative::Proactive => "Proactive",
            Initiative::Reactive => "Reactive",
        }
    }
}

/// What a link between two touchpoints means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// The usual next step.
    #[default]
    Flow,
    /// An alternative path some customers take.
    Alternative,
    /// A lapse that sends the customer to service to recover.
    Recovery,
    /// Advocacy that brings new customers back to the start.
    Referral,
}

impl LinkKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [LinkKind; 4] = [
        LinkKind::Flow,
        LinkKind::Alternative,
        LinkKind::Recovery,
        LinkKind::Referral,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Flow => "Flow",
            LinkKind::Alternative => "Alternative",
            LinkKind::Recovery => "Recovery",
            LinkKind::Referral => "Referral",
        }
    }
}

/// A point on the board. `x` is measured from the left edge of the touchpoint's stage
/// lane (so cards move with their lane when stages are reordered); `y` from the top of
/// the lanes. Units are board points (1 point = 1 pixel at 100 % zoom).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Position {
    /// Offset from the lane's left edge.
    pub x: f32,
    /// Offset from the top of the lanes.
    pub y: f32,
}

/// One interaction or moment in the journey: a website visit, a call to support, a
/// delivery, a friend's recommendation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touchpoint {
    /// Short title shown on the card.
    pub title: String,
    /// Free notes from the workshop.
    pub notes: String,
    /// Key of the stage (lane) it belongs to.
    pub stage: StageId,
    /// Medium of the interaction.
    pub channel: Channel,
    /// Key of the owning team, if one is accountable yet.
    pub owner: Option<OwnerId>,
    /// Proactive or reactive.
    pub initiative: Initiative,
    /// How the customer rates it, 1–5; `None` = not scored yet.
    pub perception: Option<Perception>,
    /// How the customer feels, −2…+2; `None` = not scored yet.
    pub emotion: Option<Emotion>,
    /// What goes wrong for the customer here.
    pub pain_points: Vec<String>,
    /// Ideas to improve it.
    pub opportunities: Vec<String>,
    /// Storyboard picture, relative to the project file, with `/` separators.
    pub picture: Option<String>,
    /// Where the card sits, relative to its lane.
    pub position: Position,
}

impl Touchpoint {
    /// True when neither perception nor emotion has been scored.
    pub fn is_unscored(&self) -> bool {
        self.perception.is_none() && self.emotion.is_none()
    }
}

/// A directed step from one touchpoint to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Where the customer comes from.
    pub from: TouchpointId,
    /// Where the customer goes next.
    pub to: TouchpointId,
    /// What the step means.
    pub kind: LinkKind,
    /// Optional short label shown on the arrow.
    pub label: Option<String>,
}
