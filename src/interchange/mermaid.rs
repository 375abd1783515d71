//! Mermaid `journey` diagrams, the open notation for journeys in docs and READMEs.
//!
//! Mapping: `title` → project title; `accDescr` → project description; each `section` →
//! a stage (empty ones too); each task `Name: score: Actor, Actor` → a touchpoint in that
//! stage, in order down its lane. The score (1–5, halves allowed) maps to emotion as
//! `score − 3` (1 → −2 frustrated, 3 → 0 neutral, 5 → +2 delighted, 2.5 → −0.5); export
//! writes `emotion + 3` exactly (`2.5` for −0.5, which Mermaid reads as a number too).
//! An unscored touchpoint is written with score 3 after a comment line
//! `%% journeyboard: unscored`, which Mermaid ignores and import reads back. Each actor
//! becomes an owner; a task's owner is its first actor, and when a task has several
//! actors they are also kept in its notes as a first line `Actors: A, B` so that they come
//! back on export (after the owner, who is always written first). Tasks are linked in
//! order.
//!
//! Escaping: Mermaid decodes `#NNN;` (a decimal character code) in any text, so export
//! writes as codes the characters its journey syntax would misread, and import decodes
//! them (and the named codes `#quot;`, `#amp;`, `#lt;`, `#gt;`, `#apos;`, `#nbsp;`,
//! `#num;`, `#colon;`, `#semi;`, `#comma;`, `#percnt;`):
//! - everywhere: `#` (`#35;`), `;` (`#59;`), line breaks (`#10;`, `#13;`), `<` (`#60;`), a
//!   `%` followed by another `%` (`#37;`, so no `%%` comment starts), and whitespace at
//!   either end (e.g. `#32;`), which Mermaid would trim;
//! - in section names, task names and actors: `:` (`#58;`); in actors also `,` (`#44;`);
//! - a task name starting with a keyword Mermaid reads case-insensitively (`journey`,
//!   `title`, `section`, `accTitle`, `accDescr`) or with a code fence has its first
//!   character written as a code (`#116;itle page`);
//! - an empty text is written as `#8203;` (a zero-width space, so Mermaid shows nothing),
//!   which import reads back as empty.
//!
//! Not carried by Mermaid: perception, channel, initiative, pain points, opportunities,
//! notes other than the `Actors:` line, pictures, the persona, links other than the order
//! of tasks, card positions, stage and owner keys, owner colours and owners without tasks.

use std::collections::HashMap;

use super::{FreshKeys, ImportError, Imported, grouped};
use crate::model::layout::{MAX_STACKED_ROWS, stacked_position};
use crate::model::{Emotion, Link, LinkKind, OwnerId, Project, Stage, Touchpoint, TouchpointId};

const ACTORS_PREFIX: &str = "Actors: ";

/// How an empty text is written: a zero-width space.
const EMPTY: &str = "#8203;";

/// The comment line written before a task whose touchpoint has no emotion score.
const UNSCORED: &str = "%% journeyboard: unscored";

/// Where a text goes, which decides what must be escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Description,
    Section,
    Task,
    Actor,
}

/// Words Mermaid reads as keywords at the start of a line (case-insensitively).
const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// `text` as Mermaid source for `field`; see the module documentation.
fn escape(text: &str, field: Field) -> String {
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
fn unescape(raw: &str) -> String {
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

/// The actors kept in a touchpoint's notes (`Actors: A, B` on the first line).
fn noted_actors(notes: &str) -> Vec<String> {
    notes
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(ACTORS_PREFIX))
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(unescape)
                .collect()
        })
        .unwrap_or_default()
}

/// A project being built from a diagram.
struct Builder {
    project: Project,
    stage_keys: FreshKeys,
    owner_keys: FreshKeys,
    owner_by_name: HashMap<String, OwnerId>,
    /// Cards placed so far in each lane.
    lane_rows: Vec<usize>,
    lane: Option<usize>,
    previous: Option<TouchpointId>,
}

impl Builder {
    fn add_stage(&mut self, name: String, line: usize) -> Result<usize, ImportError> {
        if self.lane_rows.len() >= super::MAX_IMPORTED_STAGES {
            return Err(ImportError::at(
                line,
                format!(
                    "the diagram has more than {} sections, the most Journeyboard imports into \
                     one project; merge sections or split the diagram",
                    grouped(super::MAX_IMPORTED_STAGES as u64)
                ),
            ));
        }
        let id = self.stage_keys.fresh(&name).into();
        self.project
            .insert_stage(usize::MAX, Stage { id, name })
            .map_err(|e| ImportError::at(line, e.to_string()))?;
        self.lane_rows.push(0);
        let lane = self.lane_rows.len() - 1;
        self.lane = Some(lane);
        Ok(lane)
    }

    fn owner(&mut self, name: &str, line: usize) -> Result<OwnerId, ImportError> {
        if let Some(id) = self.owner_by_name.get(name) {
            return Ok(id.clone());
        }
        // `new_owner` gives the next palette colour; the key comes from `owner_keys`,
        // which stays linear where probing the project for each name would not.
        let key = self.owner_keys.fresh(name);
        let mut owner = self.project.new_owner(&key);
        self.owner_keys.take(&owner.id);
        owner.name = name.to_owned();
        let id = owner.id.clone();
        self.project
            .insert_owner(usize::MAX, owner)
            .map_err(|e| ImportError::at(line, e.to_string()))?;
        self.owner_by_name.insert(name.to_owned(), id.clone());
        Ok(id)
    }

    fn task(
        &mut self,
        line_no: usize,
        line: &str,
        unscored: bool,
        warnings: &mut Vec<String>,
    ) -> Result<(), ImportError> {
        let err = |message: String| ImportError::at(line_no, message);
        if self.project.touchpoint_count() >= super::MAX_IMPORTED_TOUCHPOINTS {
            return Err(err(format!(
                "the diagram has more than {} tasks, the most Journeyboard imports into one \
                 project; split it into several diagrams (by section, say)",
                grouped(super::MAX_IMPORTED_TOUCHPOINTS as u64)
            )));
        }
        let (name, data) = line.split_once(':').unwrap_or((line, ""));
        let mut parts = data.split(':');
        let score_raw = parts.next().unwrap_or_default().trim();
        let actors_raw = parts.next().unwrap_or_default();
        if parts.next().is_some() {
            return Err(err(format!(
                "“{line}” has more than three parts separated by colons; Mermaid ends a task's \
                 name at the first colon (`Name: score: Actors`), so write a colon inside a \
                 name or actor as #58;"
            )));
        }
        if score_raw.is_empty() {
            return Err(err(format!(
                "the task “{}” has no score; write it as `Name: score: Actors` with a score \
                 from 1 to 5",
                name.trim()
            )));
        }
        let score: f64 = score_raw
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite())
            .ok_or_else(|| {
                err(format!(
                    "task score “{score_raw}” is not a number; write a score from 1 to 5 after \
                     the task's name (`Name: score: Actors`)"
                ))
            })?;
        if !(1.0..=5.0).contains(&score) {
            return Err(err(format!(
                "task score {score_raw} is outside 1–5, which Journeyboard maps to emotion \
                 −2…+2; write a score from 1 to 5"
            )));
        }
        let emotion = Emotion::new(score - 3.0).unwrap_or_else(|_| {
            let nearest = Emotion::nearest(score - 3.0);
            warnings.push(format!(
                "line {line_no}: score {score_raw} is taken as {} (emotion {nearest}); \
                 Journeyboard scores in steps of 0.5",
                nearest.value() + 3.0
            ));
            nearest
        });
        let lane = match self.lane {
            Some(lane) => lane,
            None => self.add_stage("Journey".to_owned(), line_no)?,
        };
        let actors: Vec<String> = actors_raw
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(unescape)
            .collect();
        let owner = match actors.first() {
            Some(first) => {
                for actor in &actors {
                    self.owner(actor, line_no)?;
                }
                Some(self.owner(first, line_no)?)
            }
            None => None,
        };
        let position = stacked_position(self.lane_rows[lane]).ok_or_else(|| {
            err(format!(
                "section has more than {MAX_STACKED_ROWS} tasks, more than one lane can hold; \
                 split it into several sections"
            ))
        })?;
        self.lane_rows[lane] += 1;
        let touchpoint = Touchpoint {
            title: unescape(name.trim()),
            stage: self.project.stages()[lane].id.clone(),
            owner,
            emotion: (!unscored).then_some(emotion),
            notes: if actors.len() > 1 {
                let listed: Vec<String> = actors.iter().map(|a| escape(a, Field::Actor)).collect();
                format!("{ACTORS_PREFIX}{}", listed.join(", "))
            } else {
                String::new()
            },
            position,
            ..Touchpoint::default()
        };
        let id = self
            .project
            .add_touchpoint(touchpoint)
            .map_err(|e| err(e.to_string()))?;
        if let Some(from) = self.previous {
            self.project
                .add_link(Link {
                    from,
                    to: id,
                    kind: LinkKind::Flow,
                    label: None,
                })
                .map_err(|e| err(e.to_string()))?;
        }
        self.previous = Some(id);
        Ok(())
    }
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
    let mut b = Builder {
        project: Project::empty(fallback_title),
        stage_keys: FreshKeys::default(),
        owner_keys: FreshKeys::default(),
        owner_by_name: HashMap::new(),
        lane_rows: Vec::new(),
        lane: None,
        previous: None,
    };
    let mut seen_header = false;
    let mut warnings = Vec::new();
    let mut unscored = false;
    let mut acc_title: Option<String> = None;
    let mut acc_descr: Option<String> = None;
    // An `accDescr { … }` block being read: its first line and text so far.
    let mut block: Option<(usize, String)> = None;
    // YAML front matter (`---` … `---` before `journey`): its line, and its `title:`.
    let mut front_matter: Option<usize> = None;
    let mut front_title: Option<String> = None;
    let mut title_line = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        if front_matter.is_some() {
            if raw.trim() == "---" {
                front_matter = None;
            } else if let Some(value) = raw.strip_prefix("title:") {
                // Only the top-level key (not indented): Mermaid's own diagram title.
                front_title = Some(yaml_scalar(value));
            }
            continue;
        }
        if !seen_header && raw.trim() == "---" {
            front_matter = Some(line_no);
            continue;
        }
        if let Some((_, so_far)) = &mut block {
            match raw.split_once('}') {
                Some((last, _)) => {
                    so_far.push_str(last);
                    acc_descr = Some(unescape(so_far.trim()));
                    block = None;
                }
                None => {
                    so_far.push_str(raw);
                    so_far.push('\n');
                }
            }
            continue;
        }
        let line = raw.trim();
        if line == UNSCORED {
            unscored = true;
            continue;
        }
        if line.is_empty() || line.starts_with("%%") || line.starts_with("```") {
            continue;
        }
        if !seen_header {
            if line.eq_ignore_ascii_case("journey") {
                seen_header = true;
                continue;
            }
            return Err(ImportError::at(
                line_no,
                format!(
                    "expected `journey` to start the diagram, found “{line}”; Journeyboard \
                     imports Mermaid journey diagrams only"
                ),
            ));
        }
        let task_unscored = std::mem::take(&mut unscored);
        if let Some(title) = keyword(line, "title") {
            b.project.title = unescape(title);
            title_line = true;
        } else if let Some(name) = keyword(line, "section") {
            b.add_stage(unescape(name), line_no)?;
        } else if let Some(value) = acc_value(line, "accTitle") {
            acc_title = Some(unescape(value));
        } else if let Some(value) = acc_value(line, "accDescr") {
            acc_descr = Some(unescape(value));
        } else if let Some(open) = line
            .get(.."accDescr".len())
            .filter(|h| h.eq_ignore_ascii_case("accDescr"))
            .and_then(|_| line["accDescr".len()..].trim_start().strip_prefix('{'))
        {
            match open.split_once('}') {
                Some((value, _)) => acc_descr = Some(unescape(value.trim())),
                None => block = Some((line_no, format!("{open}\n"))),
            }
        } else if line.contains(':') {
            b.task(line_no, line, task_unscored, &mut warnings)?;
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
    }
    if let Some((line, _)) = block {
        return Err(ImportError::at(
            line,
            "the `accDescr {` block never closes; end it with `}`".to_owned(),
        ));
    }
    if let Some(line) = front_matter {
        return Err(ImportError::at(
            line,
            "the front matter that opens with `---` here never closes; end it with a line \
             `---` before `journey`"
                .to_owned(),
        ));
    }
    if let Some(title) = front_title.filter(|_| !title_line) {
        b.project.title = title;
    }
    if !seen_header {
        return Err(ImportError::at(
            1,
            "the text is empty; a Mermaid journey starts with `journey`".to_owned(),
        ));
    }
    match (acc_descr, acc_title) {
        (Some(descr), title) => {
            if title.is_some() {
                warnings.push(
                    "accTitle is not kept: the project description holds accDescr".to_owned(),
                );
            }
            b.project.description = descr;
        }
        (None, Some(title)) => b.project.description = title,
        (None, None) => {}
    }
    let mut project = b.project;
    if project.stages().is_empty() {
        warnings.push("the diagram has no sections or tasks".to_owned());
        let mut with_stages = Project::new(project.title.clone());
        with_stages.description = project.description;
        project = with_stages;
    }
    Ok(Imported::new(project, warnings))
}

/// The score written for an emotion: `emotion + 3`, with `.5` for half steps.
fn score_text(emotion: Option<Emotion>) -> String {
    let half_steps = emotion.map_or(0, Emotion::half_steps);
    let doubled = i32::from(half_steps) + 6;
    if doubled % 2 == 0 {
        (doubled / 2).to_string()
    } else {
        format!("{}.5", doubled / 2)
    }
}

/// The project as a Mermaid `journey` diagram.
pub fn to_mermaid(project: &Project) -> String {
    let owner_name: HashMap<&str, &str> = project
        .owners()
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let mut by_stage: HashMap<&str, Vec<(TouchpointId, &Touchpoint)>> = HashMap::new();
    for (id, t) in project.touchpoints() {
        by_stage.entry(t.stage.as_str()).or_default().push((id, t));
    }
    let mut out = String::from("journey\n");
    out.push_str(&format!(
        "    title {}\n",
        escape(&project.title, Field::Title)
    ));
    if !project.description.is_empty() {
        out.push_str(&format!(
            "    accDescr: {}\n",
            escape(&project.description, Field::Description)
        ));
    }
    for stage in project.stages() {
        out.push_str(&format!(
            "    section {}\n",
            escape(&stage.name, Field::Section)
        ));
        let mut tasks = by_stage.remove(stage.id.as_str()).unwrap_or_default();
        tasks.sort_by(|(a_id, a), (b_id, b)| {
            a.position.y.total_cmp(&b.position.y).then(a_id.cmp(b_id))
        });
        for (_, t) in tasks {
            // The owner first (import makes the first actor the owner), then the other
            // actors kept in the notes.
            let mut actors = noted_actors(&t.notes);
            match t.owner.as_deref().and_then(|o| owner_name.get(o)) {
                Some(owner) if actors.first().map(String::as_str) == Some(*owner) => {}
                Some(owner) => actors.insert(0, (*owner).to_owned()),
                None => actors.clear(),
            }
            if t.emotion.is_none() {
                out.push_str(&format!("      {UNSCORED}\n"));
            }
            out.push_str(&format!(
                "      {}: {}",
                escape(&t.title, Field::Task),
                score_text(t.emotion)
            ));
            if !actors.is_empty() {
                let listed: Vec<String> = actors.iter().map(|a| escape(a, Field::Actor)).collect();
                out.push_str(&format!(": {}", listed.join(", ")));
            }
            out.push('\n');
        }
    }
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

    #[test]
    fn half_scores_are_exact() {
        let score = |v: f64| score_text(Some(Emotion::new(v).unwrap()));
        assert_eq!(score(-2.0), "1");
        assert_eq!(score(-0.5), "2.5");
        assert_eq!(score(0.5), "3.5");
        assert_eq!(score(2.0), "5");
        assert_eq!(score_text(None), "3");
    }
}
