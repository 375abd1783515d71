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

mod build;
mod escape;
mod read;
mod write;

pub use read::from_mermaid;
pub use write::to_mermaid;

/// How a task's notes start when they keep its actors: `Actors: A, B`.
const ACTORS_PREFIX: &str = "Actors: ";

/// The comment line written before a task whose touchpoint has no emotion score.
const UNSCORED: &str = "%% journeyboard: unscored";
