//! Identities: touchpoints and links are numbered, stages and owners have short text
//! keys. Each is its own type, so a stage key can never be put where an owner key
//! belongs.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Largest touchpoint or link id a project may hold: 9,007,199,254,740,991 (2⁵³ − 1), the
/// largest whole number that tools keeping numbers as floating point (JavaScript, many
/// spreadsheets) hold exactly. It leaves room above it for every id handed out later, so
/// the id counters never run out or wrap.
pub const MAX_ID: u64 = 9_007_199_254_740_991;

/// Stable identity of a touchpoint within its project. Never reused, even after deletion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TouchpointId(pub u64);

/// Stable identity of a link within its project. Never reused, even after deletion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LinkId(pub u64);

impl fmt::Display for TouchpointId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for LinkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A text key type: made from and read as text, compared with text, shown as itself.
macro_rules! text_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The key as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(key: String) -> Self {
                Self(key)
            }
        }

        impl From<&str> for $name {
            fn from(key: &str) -> Self {
                Self(key.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(key: $name) -> Self {
                key.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_key!(
    /// Stable key of a stage, e.g. `awareness`; unchanged when the stage is renamed.
    StageId
);

text_key!(
    /// Stable key of an owner, e.g. `support`; unchanged when the owner is renamed.
    OwnerId
);
