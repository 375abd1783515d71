//! Text for the terminal: what a file says cannot move the cursor, retitle the window or
//! make text read backwards.

/// Text safe to print on a terminal: control characters (which can move the cursor, set
/// the window title or clear the screen) and bidirectional overrides (which can make text
/// read backwards) are shown as `\u{…}` escapes. Line breaks and tabs are kept.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_on_terminal(c) && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters a terminal may act on instead of showing: C0 and C1 controls, DEL, and
/// the bidirectional embedding, override and isolate controls.
fn is_unsafe_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// JSON safe to print on a terminal: the same characters written as `\uXXXX` escapes,
/// which JSON readers turn back into the same text.
pub fn json_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe_on_terminal(c) && c != '\n' && c != '\t' {
            // Outside strings JSON has only spaces and line breaks, so any such character is
            // inside a string, where `\uXXXX` means the same character.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_controls_as_escapes() {
        assert_eq!(
            for_terminal("a\u{1b}]0;pwned\u{7}b\u{202e}c\nd\te"),
            "a\\u{001B}]0;pwned\\u{0007}b\\u{202E}c\nd\te"
        );
        assert_eq!(for_terminal("Café 東京 🙂"), "Café 東京 🙂");
        let json = json_for_terminal("{\"t\": \"x\u{202e}y\u{9b}\"}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["t"], "x\u{202e}y\u{9b}");
        assert!(!json.contains('\u{202e}'));
    }
}
