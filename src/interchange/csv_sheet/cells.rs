//! How one cell's text carries a list of items, and how a text that a spreadsheet would
//! run as a formula is written so it stays text; both ways, each undoing the other exactly.

/// First characters that make a spreadsheet run a cell as a formula (OWASP's list for CSV
/// injection: `=`, `+`, `-`, `@`, tab, carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text made safe to open in a spreadsheet: text that would start a formula gets
/// a leading `'` (which spreadsheets read as "this is text" and do not show). Numbers such
/// as `-1.5` stay numbers. [`restore_formula`] undoes it exactly, so a text that already
/// starts with `'` before such a character gets one more.
pub(super) fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    let formula = text.starts_with(FORMULA_STARTS) && text.parse::<f64>().is_err();
    if formula || restore_formula(text) != text {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes [`neutralise_formula`]: one leading `'` before a formula character (or before
/// another `'`) is removed, as a spreadsheet does when it shows the cell.
pub(super) fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A list as one cell's text: items separated by `; `, quoted where needed.
pub(super) fn write_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| {
            let quote = item.is_empty() || item.trim() != item || item.contains([';', '"']);
            if quote {
                format!("\"{}\"", item.replace('"', "\"\""))
            } else {
                item.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The items of a list cell. Never fails: a quote that does not open a well-formed
/// quoted item is kept as text.
pub(super) fn read_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = cell;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some((item, after)) = quoted_item(rest) {
            items.push(item);
            rest = after;
            continue;
        }
        let (item, after) = rest.split_once(';').unwrap_or((rest, ""));
        let item = item.trim();
        if !item.is_empty() {
            items.push(item.to_owned());
        }
        rest = after;
    }
    items
}

/// A quoted item at the start of `text`, and the text after its `;`, when the quotes
/// close and only spaces follow up to the `;` or the end.
fn quoted_item(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('"')?;
    let mut item = String::new();
    loop {
        let quote = rest.find('"')?;
        item.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('"') {
            Some(after) => {
                item.push('"');
                rest = after;
            }
            None => break,
        }
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        Some((item, rest))
    } else {
        rest.strip_prefix(';').map(|after| (item, after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_back_exactly_what_was_written() {
        let cases: [&[&str]; 6] = [
            &[],
            &["Long wait", "Transferred twice"],
            &["a; b", "say \"hi\"", ""],
            &[" lead", "trail ", "\"", ";"],
            &["x\ny", "\"quoted\" then"],
            &[""],
        ];
        for items in cases {
            let items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
            let cell = write_list(&items);
            assert_eq!(read_list(&cell), items, "{cell:?}");
        }
        assert_eq!(
            write_list(&["Long wait".to_owned(), "Transferred twice".to_owned()]),
            "Long wait; Transferred twice"
        );
    }

    #[test]
    fn lists_as_people_type_them() {
        assert_eq!(read_list(" a ;; b ; "), ["a", "b"]);
        assert_eq!(
            read_list("\"free\" delivery; fast"),
            ["\"free\" delivery", "fast"]
        );
        assert_eq!(read_list("\"never closed; x"), ["\"never closed", "x"]);
        assert_eq!(read_list("5\" screen"), ["5\" screen"]);
    }
}
