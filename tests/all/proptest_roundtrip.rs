//! Property: any valid project survives save → load unchanged, and saves identically.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use journeyboard::file;
use journeyboard::model::{
    Channel, Emotion, Initiative, Link, LinkKind, Owner, Perception, Position, Project, Rgb, Stage,
    Touchpoint,
};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including quotes, backslashes, newlines, RTL and emoji.
    prop_oneof![
        "\\PC{0,20}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
        Just("say \"hi\" \\ r#\"raw\"# é 漢字 שלום 😀\n\ttab".to_owned()),
    ]
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
    picture: Option<String>,
    x: f32,
    y: f32,
}

fn tp_spec() -> impl Strategy<Value = TpSpec> {
    (
        (
            text(),
            text(),
            0usize..8,
            proptest::option::of(0usize..5),
            0usize..11,
        ),
        (
            any::<bool>(),
            proptest::option::of(2i8..=10),
            proptest::option::of(-4i8..=4),
        ),
        (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::option::of(text()),
            -1.0e5f32..1.0e5,
            -1.0e5f32..1.0e5,
        ),
    )
        .prop_map(
            |(
                (title, notes, stage, owner, channel),
                (reactive, perception, emotion),
                (pains, opportunities, picture, x, y),
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
                picture,
                x,
                y,
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        (text(), text(), text(), text()),
        proptest::collection::vec(text(), 1..8),
        proptest::collection::vec((text(), any::<[u8; 3]>()), 0..5),
        proptest::collection::vec(tp_spec(), 0..12),
        proptest::collection::vec(
            (
                0usize..12,
                0usize..12,
                0usize..4,
                proptest::option::of(text()),
            ),
            0..20,
        ),
        proptest::collection::vec(any::<bool>(), 0..12),
    )
        .prop_map(
            |((title, description, persona, persona_d), stages, owners, tps, links, deletions)| {
                let mut p = Project::empty(title);
                p.description = description;
                p.persona.name = persona;
                p.persona.description = persona_d;
                for name in stages {
                    let id = p.fresh_stage_id(&name);
                    p.insert_stage(usize::MAX, Stage { id, name }).unwrap();
                }
                for (name, rgb) in owners {
                    let id = p.fresh_owner_id(&name);
                    p.insert_owner(
                        usize::MAX,
                        Owner {
                            id,
                            name,
                            colour: Rgb(rgb),
                        },
                    )
                    .unwrap();
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
                        picture: s.picture,
                        position: Position { x: s.x, y: s.y },
                    };
                    ids.push(p.add_touchpoint(tp).unwrap());
                }
                if !ids.is_empty() {
                    for (from, to, kind, label) in links {
                        let link = Link {
                            from: ids[from % ids.len()],
                            to: ids[to % ids.len()],
                            kind: LinkKind::ALL[kind],
                            label,
                        };
                        p.add_link(link).unwrap();
                    }
                }
                // Delete some touchpoints so that id counters run ahead of the highest id.
                for (id, delete) in ids.iter().zip(deletions) {
                    if delete {
                        p.remove_touchpoint(*id).unwrap();
                    }
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_load_round_trip(project in project()) {
        let text = file::to_ron_string(&project).unwrap();
        let loaded = file::parse(&text, Path::new("generated.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &project);
        prop_assert_eq!(file::to_ron_string(&loaded).unwrap(), text);
        // Ids are never reused after a reload.
        prop_assert!(loaded.next_touchpoint_id() >= project.next_touchpoint_id());
        prop_assert!(loaded.touchpoints().all(|(id, _)| id < loaded.next_touchpoint_id()));
    }
}
