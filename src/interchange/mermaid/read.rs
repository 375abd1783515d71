//! Reading Mermaid `journey` text line by line: front matter, the `journey` line, title,
//! sections, accessibility texts and tasks.

use super::UNSCORED;
use super::build::Builder;
use super::escape::unescape;
use crate::interchange::{ImportError, Imported};
use crate::model::Project;

/// The rest of `line` after the keyword `word` (any case) and whitespace, if it starts
/// with it followed by whitespace or nothing.
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    let rest = &line[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.chars().next().is_none_or(char::is_whitespace))
        .then(|| rest.trim())
}

/// The value after an accessibility keyword: `accTitle: text`, `accDescr: text`.
fn acc_value<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    head.eq_ignore_ascii_case(word)
        .then(|| line[word.len()..].trim_start().strip_prefix(':'))
        .flatten()
        .map(str::trim)
}

/// The text of a one-line YAML value: `Sofa order` or `"Sofa: order"` or `'It''s'`.
fn yaml_scalar(value: &str) -> String {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    // A plain value ends where a comment starts.
    value
        .split_once(" #")
        .map_or(value, |(before, _)| before.trim_end())
        .to_owned()
}

/// Builds a project from Mermaid `journey` text.
pub fn from_mermaid(text: &str, fallback_title: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = DiagramReader::new(fallback_title);
    for (index, raw) in text.lines().enumerate() {
        reader.read_line(index + 1, raw)?;
    }
    reader.finish()
}

/// A diagram being read line by line: the project so far, and what earlier lines said
/// that later ones depend on.
struct DiagramReader {
    builder: Builder,
    warnings: Vec<String>,
    /// Whether the `journey` line has been read.
    seen_header: bool,
    /// Whether the line before was the [`UNSCORED`] comment.
    unscored: bool,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    /// An `accDescr { … }` block being read: its first line and text so far.
    block: Option<(usize, String)>,
    /// YAML front matter (`---` … `---` before `journey`) being read: its first line.
    front_matter: Option<usize>,
    /// The front matter's `title:`.
    front_title: Option<String>,
    /// Whether a `title` line set the title (it wins over the front matter's).
    title_line: bool,
}

impl DiagramReader {
    /// Nothing read yet; the project is titled `fallback_title` until a title is read.
    fn new(fallback_title: &str) -> Self {
        Self {
            builder: Builder::new(fallback_title),
            warnings: Vec::new(),
            seen_header: false,
            unscored: false,
            acc_title: None,
            acc_descr: None,
            block: None,
            front_matter: None,
            front_title: None,
            title_line: false,
        }
    }

    /// Reads one line of the text (`line_no` counts from 1).
    fn read_line(&mut self, line_no: usize, raw: &str) -> Result<(), ImportError> {
        if self.front_matter.is_some() {
            self.front_matter_line(raw);
            return Ok(());
        }
        if !self.seen_header && raw.trim() == "---" {
            self.front_matter = Some(line_no);
            return Ok(());
        }
        if self.block.is_some() {
            self.block_line(raw);
            return Ok(());
        }
        let line = raw.trim();
        if line == UNSCORED {
            self.unscored = true;
            return Ok(());
        }
        if line.is_empty() || line.starts_with("%%") || line.starts_with("```") {
            return Ok(());
        }
        if !self.seen_header {
            if line.eq_ignore_ascii_case("journey") {
                self.seen_header = true;
                return Ok(());
            }
            return Err(ImportError::at(
                line_no,
                format!(
                    "expected `journey` to start the diagram, found “{line}”; Journeyboard \
                     imports Mermaid journey diagrams only"
                ),
            ));
        }
        self.statement(line_no, line)
    }

    /// A line inside the front matter: its end, or a top-level `title:`.
    fn front_matter_line(&mut self, raw: &str) {
        if raw.trim() == "---" {
            self.front_matter = None;
        } else if let Some(value) = raw.strip_prefix("title:") {
            // Only the top-level key (not indented): Mermaid's own diagram title.
            self.front_title = Some(yaml_scalar(value));
        }
    }

    /// A line inside an `accDescr { … }` block: more text, or the `}` that ends it.
    fn block_line(&mut self, raw: &str) {
        let Some((_, so_far)) = &mut self.block else {
            return;
        };
        match raw.split_once('}') {
            Some((last, _)) => {
                so_far.push_str(last);
                self.acc_descr = Some(unescape(so_far.trim()));
                self.block = None;
            }
            None => {
                so_far.push_str(raw);
                so_far.push('\n');
            }
        }
    }

    /// A trimmed line after `journey`: a title, section, accessibility text or task.
    fn statement(&mut self, line_no: usize, line: &str) -> Result<(), ImportError> {
        let task_unscored = std::mem::take(&mut self.unscored);
        if let Some(title) = keyword(line, "title") {
            self.builder.project.title = unescape(title);
            self.title_line = true;
        } else if let Some(name) = keyword(line, "section") {
            self.builder.add_stage(unescape(name), line_no)?;
        } else if let Some(value) = acc_value(line, "accTitle") {
            self.acc_title = Some(unescape(value));
        } else if let Some(value) = acc_value(line, "accDescr") {
            self.acc_descr = Some(unescape(value));
        } else if let Some(open) = line
            .get(.."accDescr".len())
            .filter(|h| h.eq_ignore_ascii_case("accDescr"))
            .and_then(|_| line["accDescr".len()..].trim_start().strip_prefix('{'))
        {
            match open.split_once('}') {
                Some((value, _)) => self.acc_descr = Some(unescape(value.trim())),
                None => self.block = Some((line_no, format!("{open}\n"))),
            }
        } else if line.contains(':') {
            self.builder
                .task(line_no, line, task_unscored, &mut self.warnings)?;
        } else {
            return Err(ImportError::at(
                line_no,
                format!(
                    "“{line}” is not journey syntax Journeyboard understands (title, section, \
                     or a task `Name: score: Actors`); remove the line or rewrite it as one of \
                     these"
                ),
            ));
        }
        Ok(())
    }

    /// The project once every line is read: refuses an unclosed block or front matter and
    /// a text without `journey`; sets the title and description; gives a diagram without
    /// sections the default stages.
    fn finish(mut self) -> Result<Imported, ImportError> {
        if let Some((line, _)) = self.block {
            return Err(ImportError::at(
                line,
                "the `accDescr {` block never closes; end it with `}`".to_owned(),
            ));
        }
        if let Some(line) = self.front_matter {
            return Err(ImportError::at(
                line,
                "the front matter that opens with `---` here never closes; end it with a line \
                 `---` before `journey`"
                    .to_owned(),
            ));
        }
        if let Some(title) = self.front_title.filter(|_| !self.title_line) {
            self.builder.project.title = title;
        }
        if !self.seen_header {
            return Err(ImportError::at(
                1,
                "the text is empty; a Mermaid journey starts with `journey`".to_owned(),
            ));
        }
        match (self.acc_descr, self.acc_title) {
            (Some(descr), title) => {
                if title.is_some() {
                    self.warnings.push(
                        "accTitle is not kept: the project description holds accDescr".to_owned(),
                    );
                }
                self.builder.project.description = descr;
            }
            (None, Some(title)) => self.builder.project.description = title,
            (None, None) => {}
        }
        let mut project = self.builder.project;
        if project.stages().is_empty() {
            self.warnings
                .push("the diagram has no sections or tasks".to_owned());
            let mut with_stages = Project::new(project.title.clone());
            with_stages.description = project.description;
            project = with_stages;
        }
        Ok(Imported::new(project, self.warnings))
    }
}
