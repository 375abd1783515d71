//! The CSV text layer: cells and rows in, cells and rows out.
//!
//! Reading follows RFC 4180 as spreadsheets write it, and refuses what would otherwise lose
//! data without a word: a quote that never closes (it would swallow the rest of the file
//! into one cell), text after a closing quote, and a NUL character outside a quoted cell
//! (a UTF-16 or binary file). It also says whether each cell was quoted, so that `""` (an
//! empty name) differs from a blank cell, and keeps quoted cells exactly while trimming
//! unquoted ones. Rows are numbered as spreadsheets number them, blank lines included.

use super::ImportError;

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cell {
    /// Its text: exact when quoted, trimmed when not.
    pub text: String,
    /// Written in quotes.
    pub quoted: bool,
}

/// One row of the sheet.
#[derive(Debug)]
pub(super) struct Record {
    /// 1-based row number (the header is row 1).
    pub row: usize,
    /// 1-based line of the text where the row starts.
    pub line: usize,
    /// Its cells, left to right.
    pub cells: Vec<Cell>,
}

/// Reads rows one at a time.
pub(super) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    row: usize,
    line: usize,
    delimiter: u8,
}

/// Spreadsheet name of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub(super) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Line breaks in `s`: `\n`, `\r\n` and a lone `\r` each count once.
fn line_breaks(s: &str) -> usize {
    let bytes = s.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

impl<'a> Reader<'a> {
    /// A reader over `text`. The separator is `,`, or `;` when the header row has
    /// semicolons and no commas (as spreadsheets write CSV where the decimal mark is a comma).
    pub(super) fn new(text: &'a str) -> Self {
        let (mut comma, mut semicolon, mut quoted) = (false, false, false);
        for b in text.bytes() {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => {
                    comma = true;
                    break;
                }
                b';' if !quoted => semicolon = true,
                b'\n' | b'\r' if !quoted => break,
                _ => {}
            }
        }
        let delimiter = if semicolon && !comma { b';' } else { b',' };
        Self {
            text,
            pos: 0,
            row: 0,
            line: 1,
            delimiter,
        }
    }

    /// The separator in use.
    pub(super) fn delimiter(&self) -> char {
        char::from(self.delimiter)
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Consumes a line ending at the current position, if any.
    fn end_of_line(&mut self) -> bool {
        match self.byte() {
            Some(b'\r') => {
                self.pos += 1;
                if self.byte() == Some(b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// The next row, or `None` at the end of the text.
    pub(super) fn next_record(&mut self) -> Option<Result<Record, ImportError>> {
        if self.pos >= self.text.len() {
            return None;
        }
        self.row += 1;
        Some(self.record())
    }

    fn record(&mut self) -> Result<Record, ImportError> {
        let (row, line) = (self.row, self.line);
        let mut cells = Vec::new();
        loop {
            let column = cells.len();
            let start = self.pos;
            self.skip_blanks();
            let cell = if self.byte() == Some(b'"') {
                self.quoted_cell(row, column)?
            } else {
                self.pos = start;
                let rest = &self.text.as_bytes()[start..];
                let len = rest
                    .iter()
                    .position(|&b| b == self.delimiter || b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len());
                self.pos = start + len;
                let raw = &self.text[start..start + len];
                if let Some(at) = raw.find('\0') {
                    return Err(nul_error(row, self.line, column, raw[..at].chars().count()));
                }
                Cell {
                    text: raw.trim().to_owned(),
                    quoted: false,
                }
            };
            cells.push(cell);
            match self.byte() {
                None => break,
                Some(b) if b == self.delimiter => self.pos += 1,
                _ => {
                    self.end_of_line();
                    break;
                }
            }
        }
        Ok(Record { row, line, cells })
    }

    /// A cell that starts with a quote (the current byte).
    fn quoted_cell(&mut self, row: usize, column: usize) -> Result<Cell, ImportError> {
        let opened_on = self.line;
        self.pos += 1;
        let mut text = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(quote) = rest.find('"') else {
                return Err(ImportError::in_row(
                    row,
                    opened_on,
                    format!(
                        "the quote that opens the cell in column {} never closes, so everything \
                         after it would become one cell; add the closing quote (a quote inside \
                         a quoted cell is written twice: \"\")",
                        column_letter(column)
                    ),
                ));
            };
            let part = &rest[..quote];
            self.line += line_breaks(part);
            text.push_str(part);
            self.pos += quote + 1;
            if self.byte() == Some(b'"') {
                text.push('"');
                self.pos += 1;
            } else {
                break;
            }
        }
        self.skip_blanks();
        match self.byte() {
            None | Some(b'\n' | b'\r') => {}
            Some(b) if b == self.delimiter => {}
            Some(_) => {
                let after: String = self.text[self.pos..]
                    .chars()
                    .take_while(|c| *c != '\n' && *c != '\r')
                    .take(20)
                    .collect();
                let closes = if self.line == opened_on {
                    String::new()
                } else {
                    format!(" closes on line {} and", self.line)
                };
                return Err(ImportError::in_row(
                    row,
                    opened_on,
                    format!(
                        "the quoted cell in column {}{closes} is followed by “{after}” after its \
                         closing quote; put the whole cell in quotes and write a quote inside \
                         it twice (\"\"), or check for a missing {} or a stray quote",
                        column_letter(column),
                        self.delimiter()
                    ),
                ));
            }
        }
        Ok(Cell { text, quoted: true })
    }
}

fn nul_error(row: usize, line: usize, column: usize, chars_before: usize) -> ImportError {
    ImportError::in_row(
        row,
        line,
        format!(
            "column {} holds a NUL character (after {chars_before} characters of the cell), \
             which usually means the file is not UTF-8 text but UTF-16 (“Unicode text”) or \
             not a sheet at all; save it as CSV UTF-8 and import again",
            column_letter(column)
        ),
    )
}

/// Appends one cell as CSV: quoted when it holds the separator, a quote, a line break or
/// a NUL, starts or ends with whitespace (unquoted cells are trimmed on import), or when
/// `keep_empty` asks for `""` so that an empty name differs from a blank cell.
pub(super) fn write_cell(out: &mut String, text: &str, keep_empty: bool) {
    let needs_quotes = (keep_empty && text.is_empty())
        || text.trim() != text
        || text.contains([',', ';', '"', '\n', '\r', '\0']);
    if needs_quotes {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<Vec<(String, bool)>>, ImportError> {
        let mut reader = Reader::new(text);
        let mut out = Vec::new();
        while let Some(record) = reader.next_record() {
            out.push(
                record?
                    .cells
                    .into_iter()
                    .map(|c| (c.text, c.quoted))
                    .collect(),
            );
        }
        Ok(out)
    }

    fn texts(text: &str) -> Vec<Vec<String>> {
        rows(text)
            .unwrap()
            .into_iter()
            .map(|r| r.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    #[test]
    fn cells_rows_quotes_and_line_endings() {
        assert_eq!(
            texts("a, b ,\" c \"\r\n\"x\"\"y\",\"1\n2\"\rlast"),
            [vec!["a", "b", " c "], vec!["x\"y", "1\n2"], vec!["last"]]
        );
        assert_eq!(texts("a\n\nb\n"), [vec!["a"], vec![""], vec!["b"]]);
        assert_eq!(texts("5\" screen,x"), [vec!["5\" screen", "x"]]);
    }

    #[test]
    fn quoted_and_blank_cells_differ() {
        assert_eq!(
            rows("\"\",").unwrap(),
            [vec![(String::new(), true), (String::new(), false)]]
        );
    }

    #[test]
    fn semicolons_separate_when_the_header_has_no_comma() {
        let reader = Reader::new("title;emotion\nA;1,5\n");
        assert_eq!(reader.delimiter(), ';');
        assert_eq!(texts("title;emotion\nA;1,5\n")[1], ["A", "1,5"]);
        assert_eq!(Reader::new("title,notes\nA;B,C\n").delimiter(), ',');
        assert_eq!(Reader::new("\"a;b\",c").delimiter(), ',');
        assert_eq!(Reader::new("title;stage").delimiter(), ';');
    }

    #[test]
    fn an_unclosed_quote_names_the_row_and_line_where_it_opened() {
        let err = rows("title\nA\n\"B\nC\nD\n").unwrap_err();
        assert_eq!((err.line, err.text_line), (3, Some(3)));
        assert!(err.message.contains("column A never closes"), "{err}");
        // A cell with a line break before it moves the line, not the row.
        let err = rows("t,n\n\"x\ny\",1\nA,\"oops\n").unwrap_err();
        assert_eq!((err.line, err.text_line), (3, Some(4)));
        assert!(err.message.contains("column B"), "{err}");
    }

    #[test]
    fn text_after_a_closing_quote_is_refused() {
        let err = rows("t\n\"a\"b\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("followed by “b”"), "{err}");
        let err = rows("t\n\"a\nb\nc\"d\n").unwrap_err();
        assert!(err.message.contains("closes on line 4"), "{err}");
    }

    #[test]
    fn nul_outside_quotes_is_refused_with_row_and_column() {
        let err = rows("t,u\nok,a\0b\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("column B holds a NUL"), "{err}");
        assert_eq!(texts("t\n\"a\0b\"\n")[1], ["a\0b"]);
    }

    #[test]
    fn column_letters_count_like_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn written_cells_read_back_exactly() {
        for text in [
            "",
            " x",
            "x ",
            "a,b",
            "a;b",
            "say \"hi\"",
            "1\n2",
            "\r",
            "\0",
            "plain",
            "\t",
        ] {
            let mut line = String::new();
            write_cell(&mut line, text, true);
            line.push_str(",end");
            let back = rows(&line).unwrap();
            assert_eq!(back[0][0].0, text, "{line:?}");
            assert_eq!(back[0][1].0, "end", "{line:?}");
        }
    }
}
