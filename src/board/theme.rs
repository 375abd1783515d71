//! Board colours: the light and dark palettes, and the colours that carry meaning
//! (link kinds, emotion, owners). The canvas, its overlays and the exports take theirs
//! from here.

use egui::Color32;

use crate::model::{Emotion, LinkKind, Project, Touchpoint};

/// Light or dark board colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BoardTheme {
    /// Dark text on light lanes (the default, and always used for exports).
    #[default]
    Light,
    /// Light text on dark lanes.
    Dark,
}

/// Colour of cards (and the legend's entry) with no owner.
pub(super) const NO_OWNER: Color32 = Color32::from_rgb(0xa0, 0xa6, 0xb0);

pub(super) struct Palette {
    pub(super) lane: [Color32; 2],
    pub(super) header: Color32,
    pub(super) header_text: Color32,
    pub(super) lane_line: Color32,
    pub(super) card: Color32,
    pub(super) card_border: Color32,
    pub(super) text: Color32,
    pub(super) subtext: Color32,
    pub(super) selection: Color32,
    pub(super) label_bg: Color32,
    /// Filled perception segments (cards and legend).
    pub(super) perception: Color32,
    /// Moments of truth: halo on cards, the box that lists them.
    pub(super) halo: Color32,
    /// Text of link labels by kind (flow, alternative, recovery, referral): the link's
    /// hue, dark or light enough to read on the label's backing (WCAG AA, 4.5:1).
    pub(super) link_text: [Color32; 4],
    /// Text and outline of the "Proactive" and "Reactive" pills.
    pub(super) proactive: Color32,
    pub(super) reactive: Color32,
    /// Text that warns (a picture that cannot be shown).
    pub(super) warning: Color32,
}

impl Palette {
    /// The colour a link label of `kind` is written in.
    pub(super) fn link_text(&self, kind: LinkKind) -> Color32 {
        self.link_text[match kind {
            LinkKind::Flow => 0,
            LinkKind::Alternative => 1,
            LinkKind::Recovery => 2,
            LinkKind::Referral => 3,
        }]
    }
}

/// Dark versions of the link colours, for white text on them and link labels on light
/// backgrounds.
const LINK_TEXT_DARK: [Color32; 4] = [
    Color32::from_rgb(0x5b, 0x6b, 0x80),
    Color32::from_rgb(0x6b, 0x4b, 0xb8),
    Color32::from_rgb(0xa3, 0x52, 0x0f),
    Color32::from_rgb(0x1d, 0x7a, 0x43),
];

/// The colour white text is written on for a branch tag of `kind` (both themes).
pub(super) fn tag_colour(kind: LinkKind) -> Color32 {
    BoardTheme::Light.palette().link_text(kind)
}

impl BoardTheme {
    /// Colour of the canvas around the lanes.
    pub fn canvas_colour(self) -> Color32 {
        match self {
            BoardTheme::Light => Color32::from_rgb(0xdd, 0xe1, 0xe7),
            BoardTheme::Dark => Color32::from_rgb(0x14, 0x16, 0x1a),
        }
    }

    /// Colour of selections and of gestures in progress (band, new link, drop target).
    pub fn selection_colour(self) -> Color32 {
        self.palette().selection
    }

    /// Colour of the empty-board hint and other quiet text over the canvas.
    pub fn hint_colour(self) -> Color32 {
        self.palette().subtext
    }

    /// Fill of the card being dropped from the palette.
    pub fn ghost_colour(self) -> Color32 {
        self.palette().card.gamma_multiply(0.65)
    }

    pub(super) fn palette(self) -> Palette {
        match self {
            BoardTheme::Light => Palette {
                lane: [
                    Color32::from_rgb(0xf6, 0xf7, 0xf9),
                    Color32::from_rgb(0xee, 0xf0, 0xf4),
                ],
                header: Color32::from_rgb(0x2f, 0x3a, 0x4a),
                header_text: Color32::WHITE,
                lane_line: Color32::from_rgb(0xd5, 0xda, 0xe1),
                card: Color32::WHITE,
                card_border: Color32::from_rgb(0xc4, 0xca, 0xd3),
                text: Color32::from_rgb(0x1c, 0x23, 0x2e),
                subtext: Color32::from_rgb(0x56, 0x60, 0x70),
                selection: Color32::from_rgb(0x1f, 0x7a, 0xe0),
                label_bg: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
                perception: Color32::from_rgb(0x1f, 0x7a, 0xe0),
                halo: Color32::from_rgb(0xd6, 0x45, 0x45),
                link_text: LINK_TEXT_DARK,
                proactive: Color32::from_rgb(0x0b, 0x6a, 0x62),
                reactive: Color32::from_rgb(0xa8, 0x4a, 0x14),
                warning: Color32::from_rgb(0xb8, 0x32, 0x32),
            },
            BoardTheme::Dark => Palette {
                lane: [
                    Color32::from_rgb(0x1e, 0x21, 0x27),
                    Color32::from_rgb(0x23, 0x27, 0x2e),
                ],
                header: Color32::from_rgb(0x39, 0x42, 0x50),
                header_text: Color32::WHITE,
                lane_line: Color32::from_rgb(0x3a, 0x40, 0x4a),
                card: Color32::from_rgb(0x2c, 0x31, 0x3a),
                card_border: Color32::from_rgb(0x4a, 0x52, 0x5e),
                text: Color32::from_rgb(0xec, 0xef, 0xf3),
                subtext: Color32::from_rgb(0xa9, 0xb2, 0xbe),
                selection: Color32::from_rgb(0x5a, 0xa9, 0xff),
                label_bg: Color32::from_rgba_unmultiplied(30, 33, 39, 230),
                perception: Color32::from_rgb(0x1f, 0x7a, 0xe0),
                halo: Color32::from_rgb(0xd6, 0x45, 0x45),
                link_text: [
                    Color32::from_rgb(0xa9, 0xb7, 0xc9),
                    Color32::from_rgb(0xc3, 0xae, 0xf2),
                    Color32::from_rgb(0xf0, 0xa4, 0x68),
                    Color32::from_rgb(0x6f, 0xd3, 0x9a),
                ],
                proactive: Color32::from_rgb(0x5f, 0xd0, 0xc4),
                reactive: Color32::from_rgb(0xf2, 0x9a, 0x62),
                warning: Color32::from_rgb(0xf0, 0xa0, 0xa0),
            },
        }
    }
}

/// Colour of a link kind.
pub fn link_colour(kind: LinkKind) -> Color32 {
    match kind {
        LinkKind::Flow => Color32::from_rgb(0x5b, 0x6b, 0x80),
        LinkKind::Alternative => Color32::from_rgb(0x8e, 0x6b, 0xd1),
        LinkKind::Recovery => Color32::from_rgb(0xe0, 0x7b, 0x24),
        LinkKind::Referral => Color32::from_rgb(0x2e, 0x9d, 0x5b),
    }
}

/// Colour for an emotion score: red (−2) through amber (0) to green (+2).
pub fn emotion_colour(emotion: Emotion) -> Color32 {
    const STOPS: [[u8; 3]; 5] = [
        [0xd6, 0x45, 0x45],
        [0xee, 0x8a, 0x3c],
        [0xe9, 0xc4, 0x46],
        [0x8c, 0xc8, 0x5a],
        [0x2e, 0x9d, 0x5b],
    ];
    let t = (emotion.value() + 2.0).clamp(0.0, 4.0);
    let i = crate::convert::floor_to_usize(t).min(3);
    let f = t - crate::convert::f32_from_usize(i);
    let mix = |a: u8, b: u8| {
        crate::convert::channel_from_f32(f32::from(a) + (f32::from(b) - f32::from(a)) * f)
    };
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    Color32::from_rgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]))
}

/// Colour that marks an owner on cards; grey for "no owner".
pub fn owner_colour(project: &Project, touchpoint: &Touchpoint) -> Color32 {
    touchpoint
        .owner
        .as_deref()
        .and_then(|o| project.owner(o))
        .map_or(NO_OWNER, |o| {
            let [r, g, b] = o.colour.0;
            Color32::from_rgb(r, g, b)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let lum = |c: Color32| {
            let f = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// `top` (premultiplied, possibly translucent) over opaque `under`.
    fn over(top: Color32, under: Color32) -> Color32 {
        let a = f32::from(top.a()) / 255.0;
        let c = |t: u8, u: u8| {
            crate::convert::channel_from_f32(f32::from(t) + f32::from(u) * (1.0 - a))
        };
        Color32::from_rgb(
            c(top.r(), under.r()),
            c(top.g(), under.g()),
            c(top.b(), under.b()),
        )
    }

    #[test]
    fn every_text_colour_reads_at_wcag_aa_on_what_it_is_drawn_on() {
        for theme in [BoardTheme::Light, BoardTheme::Dark] {
            let p = theme.palette();
            let mut pairs = vec![("header text on header", p.header_text, p.header)];
            for (name, bg) in [
                ("card", p.card),
                ("lane", p.lane[0]),
                ("other lane", p.lane[1]),
                ("canvas", theme.canvas_colour()),
            ] {
                pairs.push(("text", p.text, bg));
                pairs.push(("subtext", p.subtext, bg));
                for kind in [
                    LinkKind::Flow,
                    LinkKind::Alternative,
                    LinkKind::Recovery,
                    LinkKind::Referral,
                ] {
                    // A label's backing over whatever is under it.
                    pairs.push(("link label", p.link_text(kind), over(p.label_bg, bg)));
                }
                let _ = name;
            }
            for pill in [p.proactive, p.reactive] {
                pairs.push(("pill", pill, over(pill.gamma_multiply(0.12), p.card)));
            }
            // "Picture unavailable" on its pale red frame.
            let tinted = {
                let m = |a: u8, b: u8| {
                    crate::convert::channel_from_f32(
                        f32::from(a) + (f32::from(b) - f32::from(a)) * 0.08,
                    )
                };
                Color32::from_rgb(
                    m(p.card.r(), p.halo.r()),
                    m(p.card.g(), p.halo.g()),
                    m(p.card.b(), p.halo.b()),
                )
            };
            pairs.push(("warning", p.warning, tinted));
            for kind in [LinkKind::Alternative, LinkKind::Recovery] {
                pairs.push(("branch tag", Color32::WHITE, tag_colour(kind)));
            }
            for (what, fg, bg) in pairs {
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{theme:?}: {what} {fg:?} on {bg:?} is {ratio:.2}:1, under 4.5:1"
                );
            }
        }
    }
}
