//! Which script a character belongs to, in words, and which font package draws it.
//! Only as fine as the advice needs: a user who sees boxes is told what to install.

/// A writing system, as far as choosing a font package goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Han, kana, Hangul, Bopomofo and their punctuation and full-width forms.
    Cjk,
    /// Hebrew.
    Hebrew,
    /// Arabic (with Persian and Urdu letters).
    Arabic,
    /// Devanagari (Hindi, Marathi, Nepali).
    Devanagari,
    /// Thai.
    Thai,
    /// Other Indic scripts: Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
    /// Malayalam, Sinhala.
    OtherIndic,
    /// Pictographs and emoji.
    Emoji,
    /// Anything else (symbols, other scripts).
    Other,
    /// Code points with no character assigned yet, or for private use: no font package
    /// has them.
    Unassigned,
}

impl Script {
    /// The script's name in a message.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cjk => "Chinese, Japanese and Korean",
            Self::Hebrew => "Hebrew",
            Self::Arabic => "Arabic",
            Self::Devanagari => "Devanagari",
            Self::Thai => "Thai",
            Self::OtherIndic => "Indic scripts",
            Self::Emoji => "emoji",
            Self::Other => "other scripts and symbols",
            Self::Unassigned => "unassigned or private-use code points",
        }
    }

    /// The Debian/Ubuntu package with a font for it (none for unassigned code points).
    pub fn debian_package(self) -> Option<&'static str> {
        match self {
            Self::Cjk => Some("fonts-noto-cjk"),
            // An outline font: egui cannot draw colour-bitmap emoji (Noto Color Emoji).
            Self::Emoji => Some("fonts-symbola"),
            Self::Hebrew
            | Self::Arabic
            | Self::Devanagari
            | Self::Thai
            | Self::OtherIndic
            | Self::Other => Some("fonts-noto-core"),
            Self::Unassigned => None,
        }
    }
}

/// The script of `c`.
pub fn script_of(c: char) -> Script {
    use unicode_general_category::{GeneralCategory, get_general_category};
    if matches!(
        get_general_category(c),
        GeneralCategory::Unassigned | GeneralCategory::PrivateUse | GeneralCategory::Surrogate
    ) {
        return Script::Unassigned;
    }
    match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
        0x0980..=0x0DFF => Script::OtherIndic,
        0x0E00..=0x0E7F => Script::Thai,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => Script::Cjk,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF => Script::Emoji,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_the_issue_s_languages() {
        assert_eq!(script_of('日'), Script::Cjk);
        assert_eq!(script_of('カ'), Script::Cjk);
        assert_eq!(script_of('한'), Script::Cjk);
        assert_eq!(script_of('繁'), Script::Cjk);
        assert_eq!(script_of('ש'), Script::Hebrew);
        assert_eq!(script_of('ع'), Script::Arabic);
        assert_eq!(script_of('क'), Script::Devanagari);
        assert_eq!(script_of('ก'), Script::Thai);
        assert_eq!(script_of('த'), Script::OtherIndic);
        assert_eq!(script_of('🚀'), Script::Emoji);
        assert_eq!(script_of('ᚠ'), Script::Other);
        assert_eq!(script_of('\u{378}'), Script::Unassigned);
        assert_eq!(script_of('\u{e123}'), Script::Unassigned);
        assert_eq!(Script::Cjk.debian_package(), Some("fonts-noto-cjk"));
        assert_eq!(Script::Unassigned.debian_package(), None);
    }
}
