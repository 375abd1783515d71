//! Right-to-left text in reading order. egui shapes each run of one font (so Arabic
//! letters join and Hebrew letters of a word run right to left) but places the runs left to
//! right in typing order: the words of a Hebrew or Arabic sentence come out backwards.
//! [`layout`] wraps the text in typing order as usual, then puts each row in reading order
//! with the Unicode bidirectional algorithm before it is drawn.

use std::borrow::Cow;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Galley, Painter};
use unicode_bidi::BidiInfo;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Whether `c` is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms, and the historic right-to-left scripts).
fn is_rtl_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
    ) && get_general_category(c) != GeneralCategory::DecimalNumber
}

/// Whether any character of `text` is written right to left.
pub fn has_rtl(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(is_rtl_letter)
}

/// One line (no line breaks) in reading order, ready for egui's left-to-right placement.
///
/// The bidirectional algorithm gives the full visual order; then each run of right-to-left
/// letters (with their marks) is turned back to typing order, because egui's shaper
/// reverses such a run itself (and joins Arabic letters only in typing order).
pub fn visual_line(line: &str) -> Cow<'_, str> {
    if !has_rtl(line) {
        return Cow::Borrowed(line);
    }
    let info = BidiInfo::new(line, None);
    let Some(paragraph) = info.paragraphs.first() else {
        return Cow::Borrowed(line);
    };
    let visual: Vec<char> = info
        .reorder_line(paragraph, paragraph.range.clone())
        .chars()
        .collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < visual.len() {
        let c = visual[i];
        let is_mark = get_general_category(c) == GeneralCategory::NonspacingMark;
        if is_rtl_letter(c) || is_mark {
            let start = i;
            while i < visual.len()
                && (is_rtl_letter(visual[i])
                    || get_general_category(visual[i]) == GeneralCategory::NonspacingMark)
            {
                i += 1;
            }
            out.extend(visual[start..i].iter().rev());
        } else {
            out.push(c);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// Lays out `job` like [`Painter::layout_job`], with right-to-left text in reading order:
/// rows break between words where they would in typing order (measured here, since the
/// shaped rows no longer map back to the characters), then each row is reordered.
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
        let mut row = String::new();
        for word in paragraph.split_inclusive(' ') {
            let candidate = format!("{row}{word}");
            if row.is_empty() || fits(candidate.trim_end()) {
                row = candidate;
            } else {
                rows.push(std::mem::replace(&mut row, word.to_owned()));
            }
        }
        rows.push(row);
    }
    let mut visual = job;
    visual.text = rows
        .iter()
        .map(|row| visual_line(row.trim_end()).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
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
    fn arabic_marks_stay_with_their_letters() {
        // "بَاب" with a fatha: the mark follows its letter in typing order.
        assert_eq!(visual_line("بَاب كبير"), "كبير بَاب");
    }
}
