//! Properties: any project survives export → import through Mermaid (the fields Mermaid
//! carries) and through CSV (everything a sheet carries), with hostile text everywhere; and
//! imports of many names stay correct at scale.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};

use journeyboard::interchange::{csv_sheet, mermaid};
use journeyboard::model::{
    Channel, Emotion, Initiative, Link, LinkKind, Owner, Perception, Position, Project, Rgb, Stage,
    Touchpoint,
};
use proptest::prelude::*;

/// Text each format could misread: keywords, separators, quotes, comment markers, codes,
/// line breaks, whitespace at the ends, empty strings, names of the default stages.
const HOSTILE: &[&str] = &[
    "",
    " ",
    " lead",
    "trail ",
    "\tboth\u{3000}",
    "title Hijack",
    "Title page",
    "section S",
    "SECTION x",
    "%% not a comment",
    "50%% off",
    "%",
    "journey",
    "journeyman",
    "accTitle: stolen",
    "accDescr { x",
    "Task: 5: Tom",
    "a:b",
    ":",
    "Sales, EMEA",
    ",",
    "x; y",
    ";",
    "\"quoted\"",
    "\"",
    "\"\"",
    "line\nbreak",
    "cr\r\nlf",
    "\r",
    "#",
    "#58;",
    "#8203;",
    "\u{200b}",
    "&amp;",
    "<b>bold</b>",
    "```",
    "}",
    "Actors: A, B",
    "Actors: ",
    "Unsorted",
    "Awareness",
    "purchase",
    "Service",
    "=1+1",
    "a\0nul",
    "שלום \u{202e}evil",
    "😀",
];

fn text() -> impl Strategy<Value = String> {
    let pick = || proptest::sample::select(HOSTILE);
    prop_oneof![
        3 => pick().prop_map(str::to_owned),
        2 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
        2 => (pick(), pick(), "\\PC{0,3}").prop_map(|(a, b, c)| format!("{a}{c}{b}")),
    ]
}

/// Names that differ ignoring case (sheets match stage and owner names ignoring case).
fn distinct_names(min: usize, max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), min..max).prop_map(|names| {
        let mut seen = HashSet::new();
        names
            .into_iter()
            .filter(|n| seen.insert(n.to_lowercase()))
            .collect()
    })
}

#[derive(Debug, Clone)]
struct TpSpec {
    title: String,
    notes: String,
    stage: usize,
    owner: Option<usize>,
    channel: usize,
    reactive: bool,
    perception: Option<i8>,
    emotion: Option<i8>,
    pains: Vec<String>,
    opportunities: Vec<String>,
    y: f32,
}

fn tp_spec() -> impl Strategy<Value = TpSpec> {
    (
        (text(), text(), 0usize..8, proptest::option::of(0usize..6)),
        (
            0usize..11,
            any::<bool>(),
            proptest::option::of(2i8..=10),
            proptest::option::of(-4i8..=4),
        ),
        (
            proptest::collection::vec(text(), 0..4),
            proptest::collection::vec(text(), 0..3),
            -1.0e4f32..1.0e4,
        ),
    )
        .prop_map(
            |(
                (title, notes, stage, owner),
                (channel, reactive, perception, emotion),
                (pains, opportunities, y),
            )| TpSpec {
                title,
                notes,
                stage,
                owner,
                channel,
                reactive,
                perception,
                emotion,
                pains,
                opportunities,
                y,
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        (text(), text()),
        distinct_names(1, 6),
        distinct_names(0, 5),
        proptest::collection::vec(tp_spec(), 0..14),
        proptest::collection::vec((0usize..14, 0usize..14, 0usize..4), 0..16),
        proptest::collection::vec(any::<bool>(), 0..14),
    )
        .prop_map(
            |((title, description), stages, owners, tps, links, deletions)| {
                let mut p = Project::empty(title);
                p.description = description;
                for name in stages {
                    let id = p.fresh_stage_id(&name);
                    p.insert_stage(usize::MAX, Stage { id, name }).unwrap();
                }
                for name in owners {
                    let id = p.fresh_owner_id(&name);
                    let owner = Owner {
                        id,
                        name,
                        colour: Rgb([1, 2, 3]),
                    };
                    p.insert_owner(usize::MAX, owner).unwrap();
                }
                let mut ids = Vec::new();
                for s in tps {
                    let stage = p.stages()[s.stage % p.stages().len()].id.clone();
                    let owner = s
                        .owner
                        .and_then(|o| p.owners().get(o).map(|o| o.id.clone()));
                    let tp = Touchpoint {
                        title: s.title,
                        notes: s.notes,
                        stage,
                        channel: Channel::ALL[s.channel],
                        owner,
                        initiative: if s.reactive {
                            Initiative::Reactive
                        } else {
                            Initiative::Proactive
                        },
                        perception: s
                            .perception
                            .map(|h| Perception::new(f64::from(h) / 2.0).unwrap()),
                        emotion: s.emotion.map(|h| Emotion::new(f64::from(h) / 2.0).unwrap()),
                        pain_points: s.pains,
                        opportunities: s.opportunities,
                        picture: None,
                        position: Position { x: 10.0, y: s.y },
                    };
                    ids.push(p.add_touchpoint(tp).unwrap());
                }
                if !ids.is_empty() {
                    for (from, to, kind) in links {
                        let link = Link {
                            from: ids[from % ids.len()],
                            to: ids[to % ids.len()],
                            kind: LinkKind::ALL[kind],
                            label: None,
                        };
                        p.add_link(link).unwrap();
                    }
                }
                // Gaps in the ids, as in real projects.
                for (id, delete) in ids.iter().zip(deletions) {
                    if delete {
                        p.remove_touchpoint(*id).unwrap();
                    }
                }
                p
            },
        )
}

fn owner_name(p: &Project, t: &Touchpoint) -> Option<String> {
    t.owner
        .as_deref()
        .map(|o| p.owner(o).expect("owner exists").name.clone())
}

/// Per stage, in order: its name and its cards top to bottom as (title, emotion, owner).
type Lanes = Vec<(String, Vec<(String, Option<Emotion>, Option<String>)>)>;

fn lanes(p: &Project) -> Lanes {
    p.stages()
        .iter()
        .map(|s| {
            let mut cards: Vec<_> = p.touchpoints().filter(|(_, t)| t.stage == s.id).collect();
            cards.sort_by(|(a_id, a), (b_id, b)| {
                a.position.y.total_cmp(&b.position.y).then(a_id.cmp(b_id))
            });
            let cards = cards
                .into_iter()
                .map(|(_, t)| (t.title.clone(), t.emotion, owner_name(p, t)))
                .collect();
            (s.name.clone(), cards)
        })
        .collect()
}

fn flow_pairs(p: &Project, all: bool) -> Vec<(u64, u64)> {
    let mut v: Vec<(u64, u64)> = p
        .links()
        .filter(|(_, l)| all || l.kind != LinkKind::Referral)
        .map(|(_, l)| (l.from.0, l.to.0))
        .collect();
    v.sort_unstable();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mermaid_export_import_gives_back_the_same_journey(project in project()) {
        let text = mermaid::to_mermaid(&project);
        let back = mermaid::from_mermaid(&text, "fallback")
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(back.warnings.is_empty(), "{:?}\n{}", back.warnings, text);
        let back = back.project;
        prop_assert_eq!(&back.title, &project.title, "{}", text);
        prop_assert_eq!(&back.description, &project.description, "{}", text);
        prop_assert_eq!(back.touchpoint_count(), project.touchpoint_count());
        prop_assert_eq!(lanes(&back), lanes(&project), "{}", text);
        // Export → import → export is stable.
        prop_assert_eq!(mermaid::to_mermaid(&back), text);
    }

    #[test]
    fn csv_export_import_keeps_everything_a_sheet_carries(project in project()) {
        let text = csv_sheet::to_csv(&project);
        let imported = csv_sheet::from_csv(&text, "back")
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let back = imported.project;
        prop_assert_eq!(back.touchpoint_count(), project.touchpoint_count());
        for (id, t) in project.touchpoints() {
            let b = back.touchpoint(id).expect("same id");
            prop_assert_eq!(&b.title, &t.title, "{}", text);
            prop_assert_eq!(&b.notes, &t.notes, "{}", text);
            prop_assert_eq!(b.channel, t.channel);
            prop_assert_eq!(b.initiative, t.initiative);
            prop_assert_eq!(b.perception, t.perception);
            prop_assert_eq!(b.emotion, t.emotion);
            prop_assert_eq!(&b.pain_points, &t.pain_points, "{}", text);
            prop_assert_eq!(&b.opportunities, &t.opportunities, "{}", text);
            prop_assert_eq!(
                &back.stage(&b.stage).unwrap().name,
                &project.stage(&t.stage).unwrap().name,
                "{}", text
            );
            prop_assert_eq!(owner_name(&back, b), owner_name(&project, t), "{}", text);
        }
        // The stages that hold touchpoints, in the project's order.
        let used = |p: &Project| -> Vec<String> {
            lanes(p)
                .into_iter()
                .filter(|(_, cards)| !cards.is_empty())
                .map(|(name, _)| name)
                .collect()
        };
        prop_assert_eq!(used(&back), used(&project), "{}", text);
        // Every non-referral link comes back as a flow.
        prop_assert_eq!(flow_pairs(&back, true), flow_pairs(&project, false));
        // The only warnings are for empty titles.
        let empty_titles = project.touchpoints().filter(|(_, t)| t.title.is_empty()).count();
        prop_assert_eq!(imported.warnings.len(), empty_titles, "{:?}", imported.warnings);
        // Export → import → export is stable.
        prop_assert_eq!(csv_sheet::to_csv(&back), text);
    }
}

#[test]
fn twenty_thousand_repeated_sections_import_as_twenty_thousand_stages() {
    let mut text = String::from("journey\n  title Many\n");
    for i in 0..20_000 {
        text.push_str("  section S\n");
        if i % 2 == 0 {
            text.push_str("    Step: 3: Me\n");
        }
    }
    let p = mermaid::from_mermaid(&text, "t").unwrap().project;
    assert_eq!(p.stages().len(), 20_000);
    assert!(p.stages().iter().all(|s| s.name == "S"));
    let keys: HashSet<&str> = p.stages().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(keys.len(), 20_000, "every stage has its own key");
    assert_eq!(p.stages()[0].id, "s");
    assert_eq!(p.stages()[19_999].id, "s-20000");
    assert_eq!(p.touchpoint_count(), 10_000);
    assert_eq!(p.link_count(), 9_999);
    // Every task sits in the section it follows.
    let lane_of: HashMap<&str, usize> = p
        .stages()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut lanes: Vec<usize> = p
        .touchpoints()
        .map(|(_, t)| lane_of[t.stage.as_str()])
        .collect();
    lanes.sort_unstable();
    assert_eq!(lanes, (0..20_000).step_by(2).collect::<Vec<_>>());
}

#[test]
fn twenty_thousand_owners_differing_only_in_punctuation_stay_apart() {
    let punctuation = [
        '!', '?', '.', '*', '+', '/', '(', ')', '[', ']', '&', '%', '$', '@',
    ];
    let mut names = Vec::new();
    'outer: for a in punctuation {
        for b in punctuation {
            for c in punctuation {
                for d in punctuation {
                    names.push(format!("Sales{a}{b}{c}{d}"));
                    if names.len() == 20_000 {
                        break 'outer;
                    }
                }
            }
        }
    }
    let mut sheet = String::from("title,owner,stage\n");
    for (i, name) in names.iter().enumerate() {
        sheet.push_str(&format!("T{i},{name},Stage {}\n", i % 10));
    }
    let p = csv_sheet::from_csv(&sheet, "t").unwrap().project;
    assert_eq!(p.owners().len(), 20_000);
    assert_eq!(p.touchpoint_count(), 20_000);
    assert_eq!(p.stages().len(), 10);
    let keys: HashSet<&str> = p.owners().iter().map(|o| o.id.as_str()).collect();
    assert_eq!(keys.len(), 20_000, "every owner has its own key");
    assert_eq!(p.owners()[0].id, "sales");
    assert_eq!(p.owners()[1].id, "sales-2");
    // Each row's owner is the one with its name.
    let name_of: HashMap<&str, &str> = p
        .owners()
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    for (i, (_, t)) in p.touchpoints().enumerate() {
        assert_eq!(name_of[t.owner.as_deref().unwrap()], names[i]);
    }
}
