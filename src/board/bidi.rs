//! Right-to-left text in reading order. egui shapes each run of one font (so Arabic
//! letters join and Hebrew letters of a word run right to left) but places the runs left to
//! right in typing order: the words of a Hebrew or Arabic sentence come out backwards.
//! [`layout`] wraps the text in typing order as usual, then puts each row in reading order
//! with the Unicode bidirectional algorithm before it is drawn.

use std::borrow::Cow;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Galley, Painter};
use unicode_bidi::{BidiInfo, Level};
use unicode_general_category::{GeneralCategory, get_general_category};

/// Whether `c` is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms, and the historic right-to-left scripts).
fn is_rtl_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
    ) && get_general_category(c) != GeneralCategory::DecimalNumber
}

/// Arabic-Indic digits: read left to right, but shaped as Arabic script, so egui's shaper
/// reverses them like letters.
fn is_arabic_digit(c: char) -> bool {
    matches!(u32::from(c), 0x0660..=0x0669 | 0x06F0..=0x06F9)
}

/// Explicit direction marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters egui's shaper runs right to left within a run of one font: right-to-left
/// letters and Arabic-Indic digits, with the marks and joiners (ZWNJ, ZWJ) between them.
fn shaped_backwards(c: char) -> bool {
    is_rtl_letter(c) || is_arabic_digit(c)
}

fn joins_run(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark | GeneralCategory::Format
    )
}

/// Whether `text` needs reordering: it has a right-to-left letter, an Arabic-Indic digit
/// or an explicit direction control.
pub fn has_rtl(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| shaped_backwards(c) || is_bidi_control(c))
}

/// The base direction of a paragraph: from its first strong letter.
fn base_level(paragraph: &str) -> Option<Level> {
    has_rtl(paragraph)
        .then(|| {
            BidiInfo::new(paragraph, None)
                .paragraphs
                .first()
                .map(|p| p.level)
        })
        .flatten()
}

/// One line in reading order, ready for egui's left-to-right placement.
pub fn visual_line(line: &str) -> Cow<'_, str> {
    visual_line_at(line, None)
}

/// One line in reading order, with the base direction of the paragraph it comes from
/// (`None`: from the line's own first strong letter).
///
/// The bidirectional algorithm gives the full visual order (every paragraph of the line,
/// whatever separates them); then each run that egui's shaper will reverse (right-to-left
/// letters and Arabic-Indic digits, with their marks and joiners) is turned back, because
/// the shaper reverses such a run itself (and joins Arabic letters only in typing order).
fn visual_line_at(line: &str, level: Option<Level>) -> Cow<'_, str> {
    if !has_rtl(line) {
        return Cow::Borrowed(line);
    }
    let info = BidiInfo::new(line, level);
    let mut visual: Vec<char> = Vec::with_capacity(line.len());
    for paragraph in &info.paragraphs {
        visual.extend(
            info.reorder_line(paragraph, paragraph.range.clone())
                .chars(),
        );
    }
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < visual.len() {
        // A run starts at a backwards-shaped character, or at marks and joiners that lead
        // into one (reversed marks come before their letter).
        let mut end = i;
        while end < visual.len() && joins_run(visual[end]) {
            end += 1;
        }
        if end < visual.len() && shaped_backwards(visual[end]) {
            while end < visual.len() && (shaped_backwards(visual[end]) || joins_run(visual[end])) {
                end += 1;
            }
            out.extend(visual[i..end].iter().rev());
            i = end;
        } else {
            out.push(visual[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// Lays out `job` like [`Painter::layout_job`], with right-to-left text in reading order.
/// Rows are broken here, in typing order, between words (at any white space), and inside a
/// word too long for a row; each row is then reordered with its paragraph's direction and
/// laid out as it is. egui's shaped rows no longer map back to the characters, so the
/// breaking cannot be left to it.
pub fn layout(painter: &Painter, job: LayoutJob) -> Arc<Galley> {
    if !has_rtl(&job.text) || job.sections.len() != 1 {
        return painter.layout_job(job);
    }
    let Some(format) = job.sections.first().map(|s| s.format.clone()) else {
        return painter.layout_job(job);
    };
    let width = job.wrap.max_width;
    let fits = |row: &str| {
        !width.is_finite()
            || painter
                .layout_no_wrap(row.to_owned(), format.font_id.clone(), format.color)
                .size()
                .x
                <= width
    };
    let mut rows: Vec<String> = Vec::new();
    for paragraph in job.text.split('\n') {
        let level = base_level(paragraph);
        let mut row = String::new();
        for word in paragraph.split_inclusive(char::is_whitespace) {
            let candidate = format!("{row}{word}");
            if fits(candidate.trim_end()) {
                row = candidate;
                continue;
            }
            if !row.is_empty() {
                rows.push(visual_line_at(row.trim_end(), level).into_owned());
                row.clear();
            }
            // The word alone: break it where it overflows.
            for c in word.chars() {
                row.push(c);
                if !row.trim_end().is_empty() && !fits(row.trim_end()) && row.chars().count() > 1 {
                    row.pop();
                    rows.push(visual_line_at(&row, level).into_owned());
                    row = c.to_string();
                }
            }
        }
        rows.push(visual_line_at(row.trim_end(), level).into_owned());
    }
    let mut visual = job;
    visual.text = rows.join("\n");
    visual.wrap.max_width = f32::INFINITY;
    if let Some(section) = visual.sections.first_mut() {
        section.byte_range = egui::text::ByteIndex(0)..egui::text::ByteIndex(visual.text.len());
    }
    painter.layout_job(visual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_untouched() {
        assert!(matches!(visual_line("Café Ωμέγα 日本"), Cow::Borrowed(_)));
        assert!(!has_rtl("Жук 123"));
    }

    #[test]
    fn hebrew_words_come_in_reading_order_letters_in_typing_order() {
        // "booking on-site": the first word typed is the rightmost one read.
        assert_eq!(visual_line("הזמנה באתר"), "באתר הזמנה");
        // A right-to-left word inside a left-to-right sentence stays in place.
        assert_eq!(visual_line("Purchase · הזמנה"), "Purchase · הזמנה");
        // Two Hebrew words inside an English sentence swap places.
        assert_eq!(visual_line("see שפה יפנית now"), "see יפנית שפה now");
    }

    #[test]
    fn numbers_in_right_to_left_text_keep_their_order() {
        assert_eq!(visual_line("תור 40 דקות"), "דקות 40 תור");
    }

    #[test]
    fn every_paragraph_of_a_line_is_kept() {
        // A paragraph separator, a next-line or a lone carriage return ends a bidi
        // paragraph: the text after it is reordered too, never dropped.
        for sep in ['\u{2029}', '\u{85}', '\r'] {
            let line = format!("שלום{sep}Booking");
            let visual = visual_line(&line);
            assert!(visual.contains("Booking"), "{sep:?}: {visual}");
            assert!(visual.contains("שלום"), "{sep:?}: {visual}");
        }
    }

    #[test]
    fn persian_joiners_stay_inside_their_word() {
        // "می‌خواهم" with a zero-width non-joiner: one word, one run for the shaper.
        let word = "می\u{200c}خواهم";
        assert_eq!(visual_line(word), word);
        assert_eq!(visual_line(&format!("{word} کتاب")), format!("کتاب {word}"));
    }

    #[test]
    fn arabic_indic_digits_are_turned_for_the_shaper() {
        // egui's shaper reverses Arabic-Indic digits; they are fed reversed so they read
        // left to right, even in text with no Arabic letter.
        assert_eq!(visual_line("١٢٣"), "٣٢١");
        assert_eq!(visual_line("Room ٤٠"), "Room ٠٤");
    }

    #[test]
    fn a_row_keeps_its_paragraph_s_direction() {
        let hebrew = base_level("שלום Booking");
        assert!(hebrew.is_some_and(|l| l.is_rtl()));
        // A second row starting with Latin in a Hebrew paragraph stays right to left: the
        // Hebrew word that follows comes first (leftmost) in the row.
        assert_eq!(visual_line_at("Booking גגג", hebrew), "גגג Booking");
        assert_eq!(visual_line("Booking גגג"), "Booking גגג");
    }

    #[test]
    fn direction_controls_act_with_or_without_a_hebrew_letter() {
        assert!(has_rtl("\u{202e}abc"));
        assert!(!visual_line("\u{202e}abc").contains("abc"));
    }

    #[test]
    fn arabic_marks_stay_with_their_letters() {
        // "بَاب" with a fatha: the mark follows its letter in typing order.
        assert_eq!(visual_line("بَاب كبير"), "كبير بَاب");
    }
}
