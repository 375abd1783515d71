//! Insights checked against hand-computed answers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use journeyboard::analysis::{self, Insights, report};
use journeyboard::file;
use journeyboard::model::{
    Emotion, Initiative, Link, LinkKind, Perception, Project, Touchpoint, TouchpointId,
};

/// A project from (stage, emotion, perception, reactive) rows and (from, to, kind) links;
/// touchpoint ids are the row numbers from 1.
fn project(
    rows: &[(&str, Option<f64>, Option<f64>, bool)],
    links: &[(u64, u64, LinkKind)],
) -> Project {
    let mut p = Project::new("crafted");
    for (i, (stage, emotion, perception, reactive)) in rows.iter().enumerate() {
        p.add_touchpoint(Touchpoint {
            title: format!("T{}", i + 1),
            stage: (*stage).into(),
            emotion: emotion.map(|e| Emotion::new(e).unwrap()),
            perception: perception.map(|v| Perception::new(v).unwrap()),
            initiative: if *reactive {
                Initiative::Reactive
            } else {
                Initiative::Proactive
            },
            ..Touchpoint::default()
        })
        .unwrap();
    }
    for (from, to, kind) in links {
        p.add_link(Link {
            from: TouchpointId(*from),
            to: TouchpointId(*to),
            kind: *kind,
            label: None,
        })
        .unwrap();
    }
    p
}

fn ids(path: &Option<analysis::JourneyPath>) -> Vec<u64> {
    path.as_ref()
        .unwrap()
        .touchpoints
        .iter()
        .map(|t| t.id)
        .collect()
}

fn ref_ids(refs: &[analysis::TouchpointRef]) -> Vec<u64> {
    refs.iter().map(|t| t.id).collect()
}

use LinkKind::{Alternative, Flow, Recovery, Referral};

#[test]
fn diamond_picks_the_happier_and_the_more_painful_branch() {
    // 1 → 2 → 4 and 1 → 3 → 4; 2 is +2, 3 is −2.
    let p = project(
        &[
            ("awareness", Some(0.0), None, false),
            ("research", Some(2.0), None, false),
            ("research", Some(-2.0), None, true),
            ("advocacy", Some(1.0), None, false),
        ],
        &[
            (1, 2, Flow),
            (1, 3, Alternative),
            (2, 4, Flow),
            (3, 4, Flow),
        ],
    );
    let i = analysis::analyse(&p);
    assert_eq!(ids(&i.happiest_path), vec![1, 2, 4]);
    assert!((i.happiest_path.as_ref().unwrap().mean_emotion - 1.0).abs() < 1e-6);
    assert_eq!(ids(&i.most_painful_path), vec![1, 3, 4]);
    assert!((i.most_painful_path.as_ref().unwrap().mean_emotion + 1.0 / 3.0).abs() < 1e-6);
    // Moments of truth: T3 lowest; the largest drop is 1 → 3 (0 − (−2) = 2).
    assert_eq!(i.lowest_emotion[0].touchpoint.id, 3);
    assert_eq!(i.largest_drops[0].from.id, 1);
    assert_eq!(i.largest_drops[0].to.id, 3);
    assert_eq!(i.largest_drops[0].drop, 2.0);
    assert_eq!(i.largest_drops.len(), 2); // 2 → 4 drops by 1 as well
    // Research: mean emotion 0, one of two reactive.
    let research = &i.stages[1];
    assert_eq!(research.mean_emotion, Some(0.0));
    assert_eq!(research.reactive_share, Some(0.5));
    assert!(i.dead_ends.is_empty() && i.unreachable.is_empty());
}

#[test]
fn mean_not_sum_decides_and_cycles_terminate() {
    // A long path of +1s against a short +2 then −1 path, with a recovery loop 5 → 2.
    // 1(+2) → 2(−1) → 5 exit;  1 → 3(+1) → 4(+1) → 5(+1);  5 → 2 (recovery, a cycle).
    let p = project(
        &[
            ("awareness", Some(2.0), None, false),
            ("research", Some(-1.0), None, false),
            ("research", Some(1.0), None, false),
            ("purchase", Some(1.0), None, false),
            ("advocacy", Some(1.0), None, false),
        ],
        &[
            (1, 2, Flow),
            (2, 5, Flow),
            (1, 3, Flow),
            (3, 4, Flow),
            (4, 5, Flow),
            (5, 2, Recovery),
        ],
    );
    let i = analysis::analyse(&p);
    // 1,3,4,5: mean 5/4 = 1.25; 1,2,5: mean 2/3.
    assert_eq!(ids(&i.happiest_path), vec![1, 3, 4, 5]);
    assert_eq!(ids(&i.most_painful_path), vec![1, 2, 5]);
    // The recovery 5 → 2 goes back from advocacy to research: flagged.
    assert_eq!(i.backward_links, vec![6]);
    assert_eq!(i.recoveries.len(), 1);
    assert_eq!(i.recoveries[0].lapse.id, 5);
    assert_eq!(i.stages[5].lapses, 1);
}

#[test]
fn pure_cycle_and_disconnected_parts() {
    // 1 → 2 → 3 → 1 (a loop nobody enters), 4 alone in research, 5 → 6 in advocacy.
    let p = project(
        &[
            ("awareness", Some(1.0), None, false),
            ("research", Some(0.0), None, false),
            ("purchase", Some(-1.0), None, false),
            ("research", None, Some(2.0), false),
            ("service", Some(-2.0), None, true),
            ("advocacy", Some(2.0), None, false),
        ],
        &[(1, 2, Flow), (2, 3, Flow), (3, 1, Flow), (5, 6, Flow)],
    );
    let i = analysis::analyse(&p);
    assert_eq!(ref_ids(&i.unreachable), vec![1, 2, 3]);
    // The loop and the lonely research card never reach advocacy.
    assert_eq!(ref_ids(&i.dead_ends), vec![1, 2, 3, 4]);
    // 3 → 1 goes back from purchase to awareness.
    assert_eq!(i.backward_links, vec![3]);
    // Paths still exist and terminate: the happiest has the +2.
    assert!(ids(&i.happiest_path).contains(&6));
    assert_eq!(ref_ids(&i.unscored), Vec::<u64>::new());
    assert_eq!(ref_ids(&i.unowned), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn all_unscored_gives_no_paths_and_no_moments() {
    let p = project(
        &[
            ("awareness", None, None, false),
            ("advocacy", None, None, false),
        ],
        &[(1, 2, Flow), (2, 1, Referral)],
    );
    let i = analysis::analyse(&p);
    assert!(i.happiest_path.is_none() && i.most_painful_path.is_none());
    assert!(i.lowest_emotion.is_empty() && i.largest_drops.is_empty());
    assert_eq!(ref_ids(&i.unscored), vec![1, 2]);
    assert!(i.stages.iter().all(|s| s.mean_emotion.is_none()));
    // A referral back to the start is normal: not flagged, and 1 is still an entry.
    assert!(i.backward_links.is_empty());
    assert!(i.unreachable.is_empty());
    let text = report::to_text(&p, &i);
    assert!(text.contains("no path has an emotion score yet"), "{text}");
}

#[test]
fn disagreement_between_perception_and_emotion() {
    // Perception 5 maps to +2; emotion −1: gap 3. Perception 4, emotion +1: gap 0.
    let p = project(
        &[
            ("awareness", Some(-1.0), Some(5.0), false),
            ("awareness", Some(1.0), Some(4.0), false),
        ],
        &[],
    );
    let i = analysis::analyse(&p);
    assert_eq!(i.disagreements.len(), 1);
    assert_eq!(i.disagreements[0].touchpoint.id, 1);
    assert_eq!(i.disagreements[0].gap, 3.0);
}

fn bank() -> (Project, Insights) {
    let p = file::load(&common::example("bank-account-opening")).unwrap();
    let i = analysis::analyse(&p);
    (p, i)
}

#[test]
fn bank_example_insights_match_the_hand_computed_answers() {
    let (_, i) = bank();
    // Stage means: Service = (−2 − 1 + 1) / 3; Advocacy = (2 + 1.5) / 2 (one unscored).
    let service = &i.stages[4];
    assert!((service.mean_emotion.unwrap() + 2.0 / 3.0).abs() < 1e-6);
    assert_eq!(service.reactive_share, Some(1.0));
    assert_eq!(i.stages[5].mean_emotion, Some(1.75));
    // Lowest emotion: #11 (−2), then #6 (−1.5).
    assert_eq!(i.lowest_emotion[0].touchpoint.id, 11);
    assert_eq!(i.lowest_emotion[1].touchpoint.id, 6);
    // Largest drop: link #11, #10 (+1.5) → #11 (−2): 3.5.
    assert_eq!(i.largest_drops[0].link, 11);
    assert_eq!(i.largest_drops[0].drop, 3.5);
    // Happiest path: 2 3 4 5 8 9 10 14 15, mean 10/9.
    assert_eq!(ids(&i.happiest_path), vec![2, 3, 4, 5, 8, 9, 10, 14, 15]);
    assert!((i.happiest_path.as_ref().unwrap().mean_emotion - 10.0 / 9.0).abs() < 1e-5);
    // Most painful: through both lapses, ending at the unscored review; mean 4/13.
    assert_eq!(
        ids(&i.most_painful_path),
        vec![1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16]
    );
    assert!((i.most_painful_path.as_ref().unwrap().mean_emotion - 4.0 / 13.0).abs() < 1e-5);
    // Ownership: Account operations has the worst touchpoint (#11); two unowned.
    let ops = i.owners.iter().find(|o| o.id == "operations").unwrap();
    assert_eq!(ops.touchpoints.len(), 4);
    assert_eq!(ops.worst.as_ref().unwrap().id, 11);
    assert_eq!(ops.reactive_share, Some(0.5));
    assert_eq!(ref_ids(&i.unowned), vec![2, 16]);
    assert_eq!(i.recoveries.len(), 2);
    assert!(i.dead_ends.is_empty() && i.unreachable.is_empty() && i.backward_links.is_empty());
}

#[test]
fn json_report_is_stable_and_documented_fields_exist() {
    let (p, i) = bank();
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&p, &i)).unwrap();
    assert_eq!(json["format"], "journeyboard-report");
    assert_eq!(json["version"], 1);
    assert_eq!(json["touchpoints"], 16);
    for field in [
        "stages",
        "happiest_path",
        "most_painful_path",
        "lowest_emotion",
        "largest_drops",
        "disagreements",
        "recoveries",
        "owners",
        "unowned",
        "unreachable",
        "dead_ends",
        "backward_links",
        "unscored",
    ] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
    assert_eq!(json["lowest_emotion"][0]["touchpoint"]["id"], 11);
    assert_eq!(json["stages"][4]["reactive_share"], 1.0);
    // Same input, same bytes.
    assert_eq!(
        report::to_json(&p, &i),
        report::to_json(&p, &analysis::analyse(&p))
    );
}

#[test]
fn cli_report_text_and_json() {
    let run = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .arg("report")
            .arg(common::example("online-order-late-delivery"))
            .args(["--format", format])
            .output()
            .unwrap()
    };
    let text = run("text");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("MOMENTS OF TRUTH"), "{text}");
    assert!(
        text.contains("#9 “Delivery misses its slot” emotion -2.0"),
        "{text}"
    );
    let json = run("json");
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        value["lowest_emotion"][0]["touchpoint"]["title"],
        "Delivery misses its slot"
    );
}

#[test]
fn large_generated_journeys_are_analysed() {
    // Correctness at scale (timing is in the bench binary, not here).
    let p = journeyboard::model::generate::synthetic(2000, 3);
    let i = analysis::analyse(&p);
    assert_eq!(i.stages.iter().map(|s| s.touchpoints).sum::<usize>(), 2000);
    let happy = i.happiest_path.unwrap();
    let sad = i.most_painful_path.unwrap();
    assert!(happy.mean_emotion >= sad.mean_emotion);
    // Each path follows links.
    for path in [&happy, &sad] {
        for pair in path.touchpoints.windows(2) {
            assert!(
                p.links()
                    .any(|(_, l)| l.from.0 == pair[0].id && l.to.0 == pair[1].id)
            );
        }
    }
}
