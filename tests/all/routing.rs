//! Link routes: around the cards, never through one; fanned out where links meet a card
//! or share a gutter; ending at the target card's edge.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::as_conversions
)]

use crate::common;

use egui::{Pos2, Rect};
use journeyboard::board::{self, BoardIndex, route::CLEARANCE};
use journeyboard::file;
use journeyboard::model::generate::synthetic;
use journeyboard::model::{Link, LinkKind, Position, Project, Touchpoint, TouchpointId};

/// Every card's rectangle, by id.
fn cards(project: &Project) -> Vec<(TouchpointId, Rect)> {
    project
        .touchpoints()
        .filter_map(|(id, t)| Some((id, board::card_rect(project, t)?)))
        .collect()
}

/// Points every point or so along a polyline.
fn dense(line: &[Pos2]) -> Vec<Pos2> {
    let mut out = Vec::new();
    for pair in line.windows(2) {
        let steps = (pair[0].distance(pair[1]).ceil() as usize).max(1);
        for s in 0..=steps {
            out.push(pair[0].lerp(pair[1], s as f32 / steps as f32));
        }
    }
    out
}

/// The links whose route passes through a card, each with the card: through any card
/// other than its ends, or back through one of its ends.
fn crossings(project: &Project) -> Vec<String> {
    let index = BoardIndex::new(project);
    let cards = cards(project);
    let mut found = Vec::new();
    for (id, link) in project.links() {
        let route = index.route(id).expect("both ends are on the board");
        if let Some((card, p)) = card_on(&route.flatten(0.2), &cards) {
            found.push(format!(
                "link {id:?} {:?} → {:?} passes through {card:?} at {p:?}",
                link.from, link.to
            ));
        }
    }
    found
}

/// The first card a polyline passes through (more than half a point inside its edge).
fn card_on(line: &[Pos2], cards: &[(TouchpointId, Rect)]) -> Option<(TouchpointId, Pos2)> {
    dense(line).into_iter().find_map(|p| {
        cards
            .iter()
            .find(|(_, r)| r.shrink(0.5).contains(p))
            .map(|(card, _)| (*card, p))
    })
}

#[test]
fn no_route_crosses_a_card_on_the_examples_or_a_large_board() {
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        assert_eq!(crossings(&project), Vec::<String>::new(), "{path:?}");
    }
    let project = synthetic(2_000, 11);
    assert_eq!(crossings(&project), Vec::<String>::new(), "synthetic");
}

/// A board of cards placed by hand: in the lanes at odd offsets and heights, and links
/// between any two of them (forwards, backwards, within a lane past other cards). `tight`
/// puts cards anywhere across their lane (against either edge) and as close as the
/// editor stacks them (8 points apart).
fn messy_board(cards: usize, seed: u64) -> Project {
    board_placed_by_hand(cards, seed, false)
}

fn board_placed_by_hand(cards: usize, seed: u64, tight: bool) -> Project {
    let mut project = Project::new("messy");
    let stages: Vec<_> = project.stages().iter().map(|s| s.id.clone()).collect();
    let mut state = seed;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let mut ids = Vec::new();
    let mut tops = vec![0.0_f32; stages.len()];
    for _ in 0..cards {
        let lane = next(stages.len() as u64) as usize;
        // Down the lane with gaps of 20 to 260 points, 12 to 44 points in from its edge;
        // tight: gaps of 8 to 40 points, anywhere across the lane.
        let (gap, x) = if tight {
            (8.0 + next(33) as f32, next(57) as f32)
        } else {
            (20.0 + next(240) as f32, 12.0 + next(32) as f32)
        };
        tops[lane] += gap;
        let position = Position { x, y: tops[lane] };
        tops[lane] += board::CARD_SIZE.y;
        let id = project
            .add_touchpoint(Touchpoint {
                stage: stages[lane].clone(),
                position,
                ..Touchpoint::default()
            })
            .unwrap();
        ids.push(id);
    }
    for _ in 0..cards * 2 {
        let (a, b) = (
            ids[next(ids.len() as u64) as usize],
            ids[next(ids.len() as u64) as usize],
        );
        if a != b {
            let _ = project.add_link(Link {
                from: a,
                to: b,
                kind: LinkKind::Flow,
                label: None,
            });
        }
    }
    project
}

#[test]
fn no_route_crosses_a_card_on_boards_placed_by_hand() {
    for seed in 1..=4 {
        let project = messy_board(120, seed);
        assert_eq!(crossings(&project), Vec::<String>::new(), "seed {seed}");
    }
}

#[test]
fn routes_pass_between_cards_stacked_tight_and_against_the_lane_edges() {
    for seed in 1..=3 {
        let project = board_placed_by_hand(150, seed, true);
        // Where a route would have to cut a card, gutters of no width: those are counted,
        // and none may go through a card more than the half point allowed at an edge.
        assert_eq!(crossings(&project), Vec::<String>::new(), "seed {seed}");
        // Cards 8 points apart still let links cross their lane between rows: no route
        // goes far above or below both of its cards.
        let index = BoardIndex::new(&project);
        for (id, link) in project.links() {
            let rect = |id| board::card_rect(&project, project.touchpoint(id).unwrap()).unwrap();
            let span = rect(link.from).union(rect(link.to));
            let bounds = index.route(id).unwrap().bounds();
            assert!(
                bounds.min.y >= span.min.y - 300.0 && bounds.max.y <= span.max.y + 300.0,
                "seed {seed}: link {id:?} runs from {bounds:?} for cards in {span:?}"
            );
        }
    }
}

#[test]
fn routes_end_on_the_target_edge_and_links_at_one_side_are_fanned_out() {
    let mut project = Project::new("fan");
    let at = |stage: &str, y: f32| Touchpoint {
        stage: stage.into(),
        position: Position { x: 28.0, y },
        ..Touchpoint::default()
    };
    let source = project.add_touchpoint(at("awareness", 28.0)).unwrap();
    let targets: Vec<TouchpointId> = [28.0, 284.0, 540.0]
        .iter()
        .map(|y| project.add_touchpoint(at("research", *y)).unwrap())
        .collect();
    // Two links between the same two cards, and one to each of the others.
    let mut links = Vec::new();
    for to in [targets[0], targets[0], targets[1], targets[2]] {
        links.push(
            project
                .add_link(Link {
                    from: source,
                    to,
                    kind: LinkKind::Flow,
                    label: None,
                })
                .unwrap(),
        );
    }
    let index = BoardIndex::new(&project);
    let rect = |id| board::card_rect(&project, project.touchpoint(id).unwrap()).unwrap();
    let mut starts = Vec::new();
    for (link, to) in links
        .iter()
        .zip([targets[0], targets[0], targets[1], targets[2]])
    {
        let route = index.route(*link).unwrap();
        // Out of the source's right side, into the target's left side, arriving rightwards.
        assert_eq!(route.start().x, rect(source).max.x);
        assert_eq!(route.end().x, rect(to).min.x);
        assert!(rect(to).y_range().contains(route.end().y));
        assert_eq!(route.end_direction(), egui::vec2(1.0, 0.0));
        starts.push(route.start().y);
    }
    // Four ports, in the order of the targets, at least 10 points apart.
    let mut sorted = starts.clone();
    sorted.sort_by(f32::total_cmp);
    assert_eq!(starts, sorted, "ports follow the targets' order");
    assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 10.0), "{sorted:?}");
    // The two links between the same cards are apart all the way.
    let (a, b) = (
        index.route(links[0]).unwrap().flatten(0.2),
        index.route(links[1]).unwrap().flatten(0.2),
    );
    for p in dense(&a) {
        let nearest = dense(&b)
            .into_iter()
            .map(|q| q.distance(p))
            .fold(f32::INFINITY, f32::min);
        assert!(nearest >= 6.0, "the parallel links meet at {p:?}");
    }
}

#[test]
fn links_sharing_a_gutter_get_tracks_of_their_own() {
    // Three cards down the first lane, each linked to a card far down the second: the
    // three links run down the same gutter, side by side.
    let mut project = Project::new("tracks");
    let at = |stage: &str, y: f32| Touchpoint {
        stage: stage.into(),
        position: Position { x: 28.0, y },
        ..Touchpoint::default()
    };
    let target = project.add_touchpoint(at("research", 2_000.0)).unwrap();
    let mut links = Vec::new();
    for y in [28.0, 284.0, 540.0] {
        let from = project.add_touchpoint(at("awareness", y)).unwrap();
        links.push(
            project
                .add_link(Link {
                    from,
                    to: target,
                    kind: LinkKind::Flow,
                    label: None,
                })
                .unwrap(),
        );
    }
    let index = BoardIndex::new(&project);
    // Where each runs down the gutter at the height of the lowest source's middle.
    let y = 52.0 + 540.0 + board::CARD_SIZE.y / 2.0 + 40.0;
    let mut xs: Vec<f32> = links
        .iter()
        .map(|link| {
            let line = index.route(*link).unwrap().flatten(0.2);
            line.windows(2)
                .find(|w| (w[0].y.min(w[1].y)..=w[0].y.max(w[1].y)).contains(&y))
                .map(|w| w[0].x)
                .unwrap()
        })
        .collect();
    xs.sort_by(f32::total_cmp);
    assert!(xs.windows(2).all(|w| w[1] - w[0] >= 4.0), "{xs:?}");
    // All in the gutter, clear of both lanes' cards.
    let gutter = (28.0 + board::CARD_SIZE.x + CLEARANCE / 2.0)..(280.0 + 28.0 - CLEARANCE / 2.0);
    assert!(xs.iter().all(|x| gutter.contains(x)), "{xs:?}");
}

#[test]
fn a_link_within_a_lane_goes_around_the_cards_between() {
    let mut project = Project::new("lane");
    let at = |y: f32| Touchpoint {
        stage: "purchase".into(),
        position: Position { x: 28.0, y },
        ..Touchpoint::default()
    };
    let top = project.add_touchpoint(at(28.0)).unwrap();
    let middle = project.add_touchpoint(at(284.0)).unwrap();
    let bottom = project.add_touchpoint(at(540.0)).unwrap();
    let next = project.add_touchpoint(at(796.0)).unwrap();
    let mut link = |from, to| {
        project
            .add_link(Link {
                from,
                to,
                kind: LinkKind::Flow,
                label: None,
            })
            .unwrap()
    };
    let (skip, straight) = (link(top, bottom), link(bottom, next));
    let index = BoardIndex::new(&project);
    let rect = |id| board::card_rect(&project, project.touchpoint(id).unwrap()).unwrap();
    // Next card down: straight from the bottom edge to the top edge.
    let route = index.route(straight).unwrap();
    assert_eq!(route.start(), rect(bottom).center_bottom());
    assert_eq!(route.end(), rect(next).center_top());
    assert_eq!(route.pieces().len(), 1);
    // Past a card: out to the right, down the gutter, back in from the right.
    let route = index.route(skip).unwrap();
    assert_eq!(route.start().x, rect(top).max.x);
    assert_eq!(route.end().x, rect(bottom).max.x);
    assert_eq!(route.end_direction(), egui::vec2(-1.0, 0.0));
    assert!(route.bounds().max.x > rect(top).max.x + CLEARANCE);
    assert_eq!(crossings(&project), Vec::<String>::new());
    // The check itself sees a line drawn straight through the middle card.
    let straight_through = [rect(top).center_bottom(), rect(bottom).center_top()];
    assert_eq!(
        card_on(&straight_through, &cards(&project)).map(|(card, _)| card),
        Some(middle)
    );
}

/// Two rows of cards across two lanes, as tightly as they stack, with a link between the
/// middle pair: its label fits nowhere on the board when `long`.
fn crowded(long: bool) -> Project {
    let mut project = Project::new("Crowded");
    let mut ids = Vec::new();
    for stage in ["awareness", "research"] {
        for row in 0..3 {
            ids.push(
                project
                    .add_touchpoint(Touchpoint {
                        title: format!("{stage} {row}"),
                        stage: stage.into(),
                        position: Position {
                            x: 28.0,
                            y: 28.0 + row as f32 * 236.0,
                        },
                        ..Touchpoint::default()
                    })
                    .unwrap(),
            );
        }
    }
    let label = if long {
        "the customer asks for a callback and waits two days for it"
    } else {
        "ok"
    };
    project
        .add_link(Link {
            from: ids[1],
            to: ids[4],
            kind: LinkKind::Flow,
            label: Some(label.into()),
        })
        .unwrap();
    project
}

/// The text of each `<text>` of an SVG, its words joined by single spaces.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(roxmltree::Node::is_text)
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn a_label_with_no_room_becomes_a_numbered_footnote_in_pictures() {
    use journeyboard::export::{ExportOptions, Format};
    let svg = |project: &Project| {
        let (outcome, bytes) = journeyboard::export::vector_bytes(
            project,
            ExportOptions::default(),
            None,
            Format::Svg,
        )
        .unwrap();
        (outcome, String::from_utf8(bytes).unwrap())
    };
    // A short label fits between the cards: no footnote, the picture as large as said.
    let short = crowded(false);
    let (outcome, doc) = svg(&short);
    let size = journeyboard::export::picture_size(&short, ExportOptions::default());
    assert_eq!(outcome.size, size);
    assert!(!doc.contains("no room on the board"));

    // A long one does not: a badge "1" on its link, and the label listed below the board
    // with the cards it links; the picture grows by the list.
    let long = crowded(true);
    let (outcome, doc) = svg(&long);
    assert!(
        outcome.size.y > size.y,
        "{:?} against {size:?}",
        outcome.size
    );
    let texts = svg_texts(&doc);
    let listed = texts
        .iter()
        .find(|t| t.contains("the customer asks for a callback"))
        .unwrap_or_else(|| panic!("the label is listed: {texts:?}"));
    assert!(
        listed.contains("awareness 1") && listed.contains("research 1"),
        "{listed}"
    );
    assert!(texts.iter().any(|t| t.contains("no room on the board")));
    // The badge is the link's label group, and says 1; nothing else is in that group.
    let parsed = roxmltree::Document::parse(&doc).unwrap();
    let groups: Vec<_> = parsed
        .descendants()
        .filter(|n| n.attribute("class") == Some("link-label"))
        .collect();
    assert_eq!(groups.len(), 1);
    let badge: String = groups[0]
        .descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|t| t.text())
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect();
    assert_eq!(badge, "1");
    // The PNG is as tall as the list needs.
    let png = journeyboard::export::render(&long, ExportOptions::default(), None).unwrap();
    assert_eq!(png.size, outcome.size);
    assert_eq!(png.image.height(), outcome.size.y.ceil() as u32);
}

#[test]
fn a_page_lists_its_labels_with_no_room_under_the_board_where_it_has_room_for_them() {
    use journeyboard::board::PageSize;
    use journeyboard::export::{ExportOptions, Format};
    let dir = tempfile::tempdir().unwrap();
    let project = crowded(true);
    let page_text = |size: PageSize, insights: bool| {
        let out = dir.path().join("deck.svg");
        let options = ExportOptions {
            insights,
            ..ExportOptions::default()
        };
        let pages =
            journeyboard::export::write_pages(&project, options, None, Format::Svg, size, &out)
                .unwrap();
        pages
            .files
            .iter()
            .flat_map(|f| svg_texts(&std::fs::read_to_string(f).unwrap()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // A 16:9 slide and A4 without insights: the badge, and the label listed.
    for (size, insights) in [(PageSize::Wide, true), (PageSize::A4, false)] {
        let text = page_text(size, insights);
        assert!(text.contains("callback"), "{size:?}: the label is listed");
        // The list names the cards the link joins, as far as its column has room.
        assert!(
            text.contains("callback and waits two days for it (awareness 1"),
            "{size:?}: {text}"
        );
    }
    // A4 with insights keeps its height for a row of cards: no list; the label is on
    // the page, under the cards.
    let text = page_text(PageSize::A4, true);
    assert!(text.contains("callback"));
    assert!(
        !text.contains("(awareness 1"),
        "no list on A4 with insights"
    );
}

/// The text of each `<text>` of an SVG whose words start with `prefix`, with a box
/// around it: from its first letter's x to a letter past its last, and the font's height
/// above its baseline.
fn svg_tags(svg: &str, prefixes: &[&str]) -> Vec<(String, Rect)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let xs = |n: roxmltree::Node<'_, '_>| -> Vec<f32> {
        n.attribute("x")
            .unwrap_or_default()
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let text = n
                .descendants()
                .filter(roxmltree::Node::is_text)
                .filter_map(|t| t.text())
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            prefixes.iter().any(|p| text.starts_with(p)).then(|| {
                let x: Vec<f32> = n
                    .descendants()
                    .filter(|t| t.has_tag_name("tspan"))
                    .flat_map(xs)
                    .collect();
                let y: f32 = n.attribute("y").unwrap().parse().unwrap();
                let size: f32 = n.attribute("font-size").unwrap().parse().unwrap();
                let (left, right) = (x[0], x[x.len() - 1] + size);
                (
                    text,
                    Rect::from_min_max(Pos2::new(left, y - size), Pos2::new(right, y + 2.0)),
                )
            })
        })
        .collect()
}

/// Every card's outline in an SVG: the first `<rect>` of each card group.
fn svg_cards(svg: &str) -> Vec<Rect> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let number = |n: roxmltree::Node<'_, '_>, name: &str| -> f32 {
        n.attribute(name).unwrap().parse().unwrap()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("card"))
        .map(|g| {
            let r = g.descendants().find(|n| n.has_tag_name("rect")).unwrap();
            Rect::from_min_size(
                Pos2::new(number(r, "x"), number(r, "y")),
                egui::vec2(number(r, "width"), number(r, "height")),
            )
        })
        .collect()
}

#[test]
fn a_link_that_leaves_a_page_says_on_which_page_it_goes_on_clear_of_cards_and_labels() {
    use journeyboard::board::PageSize;
    use journeyboard::export::{ExportOptions, Format};
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().unwrap();
    let mut tags_seen = 0;
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        for size in [PageSize::Wide, PageSize::A4] {
            let options = ExportOptions::default();
            let pages = board::pages(&project, size, options.poster());
            // Each card is on the page whose stages and band hold its top edge.
            let page_of = |id: TouchpointId| {
                let t = project.touchpoint(id).unwrap();
                let lane = project.stage_index(&t.stage).unwrap();
                let top = t.position.y.max(0.0);
                1 + pages
                    .iter()
                    .position(|p| p.stages.contains(&lane) && p.band.contains(&top))
                    .unwrap()
            };
            let mut expected = vec![BTreeSet::new(); pages.len()];
            for (id, link) in project.links() {
                let (from, to) = (page_of(link.from), page_of(link.to));
                if from != to {
                    expected[from - 1].insert((id.0, to, true));
                    expected[to - 1].insert((id.0, from, false));
                }
            }
            let out = dir.path().join("deck.svg");
            let written =
                journeyboard::export::write_pages(&project, options, None, Format::Svg, size, &out)
                    .unwrap();
            assert_eq!(written.files.len(), pages.len());
            for (page, file) in pages.iter().zip(&written.files) {
                let name = format!("{} {size:?} page {}", path.display(), page.number);
                let listed: BTreeSet<_> = page
                    .away
                    .iter()
                    .map(|a| (a.link.0, a.page, a.outgoing))
                    .collect();
                assert_eq!(listed, expected[page.number - 1], "{name}");
                // A tag for each, saying where the link goes on or comes from.
                let svg = std::fs::read_to_string(file).unwrap();
                let tags = svg_tags(&svg, &["to page ", "from page "]);
                let mut said: Vec<&str> = tags.iter().map(|(t, _)| t.as_str()).collect();
                let mut meant: Vec<String> = page.away.iter().map(board::AwayLink::text).collect();
                said.sort_unstable();
                meant.sort_unstable();
                assert_eq!(said, meant, "{name}");
                // Never on a card, a link label or another tag.
                let cards = svg_cards(&svg);
                let labels: Vec<Rect> = svg_tags(&svg, &[""])
                    .into_iter()
                    .filter(|(t, _)| !t.starts_with("to page ") && !t.starts_with("from page "))
                    .filter(|(t, _)| project.links().any(|(_, l)| l.label.as_deref() == Some(t)))
                    .map(|(_, r)| r)
                    .collect();
                for (i, (text, rect)) in tags.iter().enumerate() {
                    assert!(
                        !cards.iter().any(|c| c.intersects(*rect)),
                        "{name}: {text:?} at {rect:?} is on a card"
                    );
                    assert!(
                        !labels.iter().any(|l| l.intersects(*rect)),
                        "{name}: {text:?} at {rect:?} is on a link label"
                    );
                    assert!(
                        !tags[..i].iter().any(|(_, r)| r.intersects(*rect)),
                        "{name}: {text:?} at {rect:?} is on another tag"
                    );
                }
                tags_seen += tags.len();
            }
        }
    }
    assert!(
        tags_seen >= 40,
        "the examples' pages have such links: {tags_seen}"
    );
}
