//! Mermaid's character codes: which characters each kind of text must write as `#NNN;`
//! so the journey syntax does not misread them, and decoding codes back (see the module
//! documentation of [`super`]).

/// How an empty text is written: a zero-width space.
const EMPTY: &str = "#8203;";

/// Where a text goes, which decides what must be escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Title,
    Description,
    Section,
    Task,
    Actor,
}

/// Words Mermaid reads as keywords at the start of a line (case-insensitively).
const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// `text` as Mermaid source for `field`; see the module documentation.
pub(super) fn escape(text: &str, field: Field) -> String {
    if text.is_empty() {
        return EMPTY.to_owned();
    }
    let lower = text.to_lowercase();
    let keyword_start = field == Field::Task
        && (KEYWORDS.iter().any(|k| lower.starts_with(k)) || text.starts_with("```"));
    let chars: Vec<char> = text.chars().collect();
    let last = chars.len() - 1;
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let special = match c {
            '#' | ';' | '\n' | '\r' | '<' => true,
            '%' => chars.get(i + 1) == Some(&'%'),
            ':' => matches!(field, Field::Section | Field::Task | Field::Actor),
            ',' => field == Field::Actor,
            _ => (i == 0 || i == last) && c.is_whitespace(),
        };
        if special || (i == 0 && keyword_start) {
            out.push_str(&format!("#{};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A named character code Mermaid users write.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "num" => '#',
        "colon" => ':',
        "semi" => ';',
        "comma" => ',',
        "percnt" => '%',
        _ => return None,
    })
}

/// The text a Mermaid field stands for: `#NNN;` and the named codes decoded in one pass
/// from the left (as Mermaid does); anything else, including unknown codes, kept as is.
pub(super) fn unescape(raw: &str) -> String {
    if raw == EMPTY {
        return String::new();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(hash) = rest.find('#') {
        out.push_str(&rest[..hash]);
        let after = &rest[hash + 1..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let code = &after[..len];
        let decoded = if len > 0 && after.as_bytes().get(len) == Some(&b';') {
            if code.bytes().all(|b| b.is_ascii_digit()) {
                code.parse::<u32>()
                    .ok()
                    .filter(|n| *n != 0)
                    .and_then(char::from_u32)
            } else {
                named(code)
            }
        } else {
            None
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[len + 1..];
            }
            None => {
                out.push('#');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_exactly() {
        let fields = [
            Field::Title,
            Field::Description,
            Field::Section,
            Field::Task,
            Field::Actor,
        ];
        for text in [
            "",
            "plain",
            "title hijack",
            "Section 5",
            "journey",
            "%% comment",
            "50%% off",
            "a: 5: b",
            "Sales, EMEA",
            "x; y",
            "#58;",
            "#",
            "#8203;",
            "\u{200b}",
            " lead",
            "trail\t",
            "line\nbreak\r\n",
            "<b>bold</b>",
            "```",
            "accTitle: x",
        ] {
            for field in fields {
                let written = escape(text, field);
                assert!(!written.contains("%%"), "{written:?}");
                assert!(!written.contains(['\n', '\r']), "{written:?}");
                assert_eq!(unescape(&written), text, "{text:?} as {written:?}");
            }
        }
    }

    #[test]
    fn only_what_mermaid_misreads_is_escaped() {
        assert_eq!(escape("Reads reviews", Field::Task), "Reads reviews");
        assert_eq!(escape("Title page", Field::Task), "#84;itle page");
        assert_eq!(escape("Title page", Field::Section), "Title page");
        assert_eq!(escape("a: b", Field::Title), "a: b");
        assert_eq!(escape("a: b", Field::Task), "a#58; b");
        assert_eq!(escape("Sales, EMEA", Field::Actor), "Sales#44; EMEA");
        assert_eq!(escape("Sales, EMEA", Field::Task), "Sales, EMEA");
        assert_eq!(escape(" x ", Field::Title), "#32;x#32;");
        assert_eq!(escape("100%", Field::Title), "100%");
        assert_eq!(escape("", Field::Section), "#8203;");
    }

    #[test]
    fn codes_decode_as_mermaid_does() {
        assert_eq!(unescape("A #quot;B#quot; #9829;"), "A \"B\" ♥");
        assert_eq!(unescape("##58;"), "#:");
        assert_eq!(
            unescape("#unknown; #0; #99999999999; # x;"),
            "#unknown; #0; #99999999999; # x;"
        );
    }
}
