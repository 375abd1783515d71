//! The board index against what a scan of the project finds, and kept up to date against
//! one built anew.

use super::*;
use crate::model::generate::synthetic;
use egui::pos2;

/// Every card and link in a set of windows over a generated board, found by the
/// index exactly as by looking at each one.
#[test]
fn the_index_finds_what_a_scan_finds() {
    let project = synthetic(3_000, 3);
    let index = BoardIndex::new(&project);
    assert_eq!(index.board_rect(), super::super::board_rect(&project));
    let rect = |id| {
        project
            .touchpoint(id)
            .and_then(|t| super::super::card_rect(&project, t))
    };
    let windows = [
        Rect::from_min_size(pos2(560.0, 300.0), vec2(1240.0, 900.0)),
        Rect::from_min_size(pos2(-500.0, 70_000.0), vec2(3000.0, 1900.0)),
        Rect::from_min_size(pos2(1000.0, 20_000.0), vec2(10.0, 10.0)),
        Rect::from_min_size(pos2(0.0, 0.0), vec2(2000.0, 80_000.0)),
        Rect::from_min_size(pos2(5_000.0, 0.0), vec2(100.0, 100.0)),
    ];
    for window in windows {
        let scanned: Vec<TouchpointId> = project
            .touchpoints()
            .filter(|(id, _)| rect(*id).is_some_and(|r| r.intersects(window)))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(index.cards_in(window), scanned, "{window:?}");
        let found = index.links_in(window);
        for (id, link) in project.links() {
            let Some(route) = index.route(id) else {
                assert!(rect(link.from).is_none() || rect(link.to).is_none());
                continue;
            };
            let line = route.flatten(0.5);
            if line.iter().any(|p| window.contains(*p)) {
                assert!(found.contains(&id), "{id:?} passes through {window:?}");
            }
        }
        // A window holds a small share of a long board's links.
        if window.height() < 2_000.0 {
            assert!(found.len() < project.link_count() / 10, "{}", found.len());
        }
    }
}

/// Everything an index holds, in one order, to compare two indexes.
fn contents(index: &BoardIndex) -> impl PartialEq + std::fmt::Debug + use<> {
    let mut cells: Vec<((i32, i32), Vec<LinkId>)> = index
        .cells
        .iter()
        .map(|(cell, links)| {
            let mut links = links.clone();
            links.sort_unstable();
            (*cell, links)
        })
        .collect();
    cells.sort_unstable_by_key(|(cell, _)| *cell);
    let mut incident: Vec<(TouchpointId, Vec<LinkId>)> = index
        .incident
        .iter()
        .map(|(id, links)| {
            let mut links = links.clone();
            links.sort_unstable();
            (*id, links)
        })
        .collect();
    incident.sort_unstable_by_key(|(id, _)| *id);
    (
        index.stages.clone(),
        index.lane_height,
        index.width,
        index.lanes.clone(),
        index.places.clone(),
        index.links.clone(),
        routes(index),
        cells,
        incident,
    )
}

fn routes(index: &BoardIndex) -> Vec<(LinkId, Option<Route>)> {
    index
        .links
        .iter()
        .map(|l| (l.id, index.route(l.id).cloned()))
        .collect()
}

/// Edits at random, a few at a time, across crowded boards (cards moved a little or
/// far, to other stages, added and deleted; links added and deleted): after each,
/// the routes kept up to date are exactly those of the board routed anew.
#[test]
fn routes_kept_up_to_date_are_the_routes_worked_out_anew() {
    use crate::model::{Link, LinkKind, Touchpoint, generate::synthetic};
    let steps = std::env::var("JOURNEYBOARD_ROUTE_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % 1_000_003).unwrap() % below.max(1)
    };
    let float = |n: usize| f32::from(u16::try_from(n).unwrap());
    for (n, squeeze) in [(400, 1.0), (300, 0.35), (120, 0.2)] {
        let mut project = synthetic(n, 3);
        let stages = project_stages(&project);
        // Rows squeezed together: cards 8 to 40 points apart, some side by side.
        let mut ids: Vec<TouchpointId> = project.touchpoints().map(|(id, _)| id).collect();
        for id in &ids {
            project.touchpoint_mut(*id).unwrap().position.y *= squeeze;
        }
        let mut index = BoardIndex::new(&project);
        for step in 0..steps {
            for _ in 0..=next(3) {
                let id = ids[next(ids.len())];
                match next(20) {
                    0 => {
                        project.remove_touchpoint(id);
                        ids.retain(|i| *i != id);
                    }
                    1 => {
                        let stage = stages[next(stages.len())].clone();
                        let position = Position {
                            x: float(next(60)),
                            y: float(next(3000)) * squeeze,
                        };
                        let t = Touchpoint {
                            stage,
                            position,
                            ..Touchpoint::default()
                        };
                        ids.push(project.add_touchpoint(t).unwrap());
                    }
                    2 => {
                        let to = ids[next(ids.len())];
                        let kind = LinkKind::Referral;
                        let link = Link {
                            from: id,
                            to,
                            kind,
                            label: None,
                        };
                        let _ = project.add_link(link);
                    }
                    3 => {
                        let nth = next(project.link_count());
                        let link = project.links().nth(nth).map(|(link, _)| link);
                        if let Some(link) = link {
                            project.remove_link(link);
                        }
                    }
                    4..=6 => {
                        project.touchpoint_mut(id).unwrap().stage =
                            stages[next(stages.len())].clone();
                    }
                    _ => {
                        let reach = [400, 60, 12][next(3)];
                        let t = project.touchpoint_mut(id).unwrap();
                        t.position.y =
                            (t.position.y + float(next(reach)) - float(reach / 2)).max(0.0);
                        t.position.x = float(next(60));
                    }
                }
            }
            index.update(&project);
            let fresh = BoardIndex::new(&project);
            if let Some(difference) = index.router.first_difference(&fresh.router) {
                panic!("{n} cards squeezed {squeeze}, step {step}: {difference}");
            }
            assert_eq!(contents(&index), contents(&fresh), "{n} cards, step {step}");
        }
    }
}

/// A link that keeps its id but joins other cards leaves the sides of the cards it joined:
/// a link added later at one of them gets the port a fresh build gives it.
#[test]
fn a_link_that_joins_other_cards_leaves_the_sides_it_had() {
    use crate::model::{Link, LinkKind};
    let mut project = synthetic(24, 1);
    let mut index = BoardIndex::new(&project);
    let (id, link) = project
        .links()
        .next()
        .map(|(id, l)| (id, l.clone()))
        .unwrap();
    let other = project
        .touchpoints()
        .map(|(t, _)| t)
        .find(|t| *t != link.from && *t != link.to)
        .unwrap();
    project.remove_link(id);
    project
        .insert_link(
            id,
            Link {
                from: other,
                ..link.clone()
            },
        )
        .unwrap();
    index.update(&project);
    project
        .add_link(Link {
            from: link.from,
            to: link.to,
            kind: LinkKind::Flow,
            label: None,
        })
        .unwrap();
    index.update(&project);
    let fresh = BoardIndex::new(&project);
    assert_eq!(index.router.first_difference(&fresh.router), None);
    assert_eq!(routes(&index), routes(&fresh));
}

fn project_stages(project: &Project) -> Vec<StageId> {
    project.stages().iter().map(|s| s.id.clone()).collect()
}

/// Edits of every kind, one after another, each followed by an update of the index:
/// the updated index always holds exactly what a new one would.
#[test]
fn an_updated_index_is_the_index_built_anew() {
    use crate::model::{Link, LinkKind, Position, Touchpoint};
    let mut project = synthetic(600, 5);
    let mut index = BoardIndex::new(&project);
    let ids: Vec<TouchpointId> = project.touchpoints().map(|(id, _)| id).collect();
    let mut check = |project: &Project, what: &str| {
        index.update(project);
        assert_eq!(
            contents(&index),
            contents(&BoardIndex::new(project)),
            "after {what}"
        );
    };
    check(&project, "nothing");
    project.touchpoint_mut(ids[5]).unwrap().title = "Renamed".into();
    check(&project, "a title edit");
    // Move one card down its lane, one far across the board, then one to the bottom
    // (the lanes grow).
    project.touchpoint_mut(ids[10]).unwrap().position.y += 37.0;
    check(&project, "a small move");
    let t = project.touchpoint_mut(ids[20]).unwrap();
    t.stage = "advocacy".into();
    t.position = Position { x: 5.0, y: 9_000.0 };
    check(&project, "a move to another lane");
    project.touchpoint_mut(ids[30]).unwrap().position.y = 90_000.0;
    check(&project, "a move below every card");
    project.touchpoint_mut(ids[30]).unwrap().position.y = 100.0;
    check(&project, "the lowest card moved up");
    // Add a card and link it; relink; delete a card with links; delete a link.
    let new = project
        .add_touchpoint(Touchpoint {
            stage: "purchase".into(),
            position: Position {
                x: 20.0,
                y: 4_321.0,
            },
            ..Touchpoint::default()
        })
        .unwrap();
    check(&project, "a new card");
    project
        .add_link(Link {
            from: new,
            to: ids[0],
            kind: LinkKind::Referral,
            label: None,
        })
        .unwrap();
    check(&project, "a new link");
    project.remove_touchpoint(ids[40]);
    check(&project, "a deleted card");
    let link = project.links().nth(7).map(|(id, _)| id).unwrap();
    project.remove_link(link);
    check(&project, "a deleted link");
    // Stages renamed and reordered: built anew.
    project.move_stage(0, 3);
    check(&project, "reordered stages");
    // Most of the board moved at once: built anew.
    for id in &ids[100..400] {
        if let Some(t) = project.touchpoint_mut(*id) {
            t.position.x += 3.0;
        }
    }
    check(&project, "a large move");
}

#[test]
fn card_at_prefers_the_topmost_card_and_counts_follow_lanes() {
    let mut project = Project::new("t");
    let t = |y| crate::model::Touchpoint {
        stage: "research".into(),
        position: crate::model::Position { x: 20.0, y },
        ..crate::model::Touchpoint::default()
    };
    let low = project.add_touchpoint(t(100.0)).unwrap();
    let high = project.add_touchpoint(t(150.0)).unwrap();
    let index = BoardIndex::new(&project);
    let overlap = pos2(LANE_WIDTH + 100.0, HEADER_HEIGHT + 180.0);
    assert_eq!(index.card_at(overlap), Some(high));
    assert_eq!(
        index.card_at(pos2(LANE_WIDTH + 100.0, HEADER_HEIGHT + 110.0)),
        Some(low)
    );
    assert_eq!(index.card_at(pos2(10.0, 10.0)), None);
    // A card pushed to its lane's right edge touches the next lane: found there too,
    // as a scan finds it; an area without bounds finds every card.
    let right = project
        .add_touchpoint(crate::model::Touchpoint {
            stage: "purchase".into(),
            position: crate::model::Position { x: 99.0, y: 0.0 },
            ..crate::model::Touchpoint::default()
        })
        .unwrap();
    let index = BoardIndex::new(&project);
    let edge = pos2(3.0 * LANE_WIDTH, HEADER_HEIGHT + 50.0);
    assert_eq!(super::super::card_at(&project, edge), Some(right));
    assert_eq!(index.card_at(edge), Some(right));
    assert_eq!(index.cards_in(Rect::EVERYTHING).len(), 3);
    assert_eq!(
        index.cards_in(Rect::from_min_max(edge, pos2(f32::INFINITY, 1e9))),
        [right]
    );
    assert_eq!(index.card_count(1), 2);
    assert_eq!(index.card_count(0), 0);
    assert_eq!(index.card_count(99), 0);
}
