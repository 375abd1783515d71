//! The `journeyboard` binary end to end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::{Command, Output};

fn journeyboard(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_every_example_with_a_summary() {
    let paths = common::example_paths();
    let args: Vec<_> = std::iter::once("check".as_ref())
        .chain(paths.iter().map(|p| p.as_os_str()))
        .collect();
    let out = journeyboard(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), paths.len());
    assert!(
        stdout.contains(
            "bank-account-opening.ron: ok: 16 touchpoints, 18 links, 6 stages, 5 owners, 1 unscored"
        ),
        "{stdout}"
    );
}

#[test]
fn check_reports_a_broken_file_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(\n  version: 1,\n  title: \"x\",\n  stages: [(id: \"a\" name: \"A\")],\n)",
    )
    .unwrap();
    let good = common::example("online-order-late-delivery");
    let out = journeyboard(&["check".as_ref(), good.as_os_str(), broken.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.ron:4:21:"), "{stderr}");
    // The good file is still reported.
    assert!(text(&out.stdout).contains("online-order-late-delivery.ron: ok"));
}

#[test]
fn check_reports_a_missing_file() {
    let out = journeyboard(&["check".as_ref(), "/no/such/journey.ron".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("could not read /no/such/journey.ron"));
}

#[test]
fn check_without_files_is_a_usage_error() {
    let out = journeyboard(&["check".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage"));
}

#[test]
fn editor_without_a_display_fails_with_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .arg(common::example("bank-account-opening"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no graphical session: the editor needs X11 or Wayland"),
        "{stderr}"
    );
    assert!(stderr.contains("check"), "{stderr}");
    assert!(
        !stderr.contains("winit") && !stderr.contains(".cargo"),
        "{stderr}"
    );
}

#[test]
fn generate_writes_a_valid_journey_of_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.ron");
    let result = journeyboard(&[
        "generate".as_ref(),
        "--touchpoints".as_ref(),
        "250".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let project = journeyboard::file::load(&out).unwrap();
    assert_eq!(project.touchpoint_count(), 250);
    assert!(project.link_count() >= 480);
    assert!(text(&result.stdout).contains("250 touchpoints"));
}

#[test]
fn export_takes_a_run_of_stages_or_chosen_cards() {
    let dir = tempfile::tempdir().unwrap();
    let bank = common::example("bank-account-opening");
    let project = journeyboard::file::load(&bank).unwrap();
    let run = |extra: &[&str], out: &str| {
        let out = dir.path().join(out);
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "export".as_ref(),
            bank.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ];
        args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
        (journeyboard(&args), out)
    };
    // Stages 3 to 5 by name and by number: the SVG has those stages' cards and no other.
    let in_stages: Vec<u64> = project
        .touchpoints()
        .filter(|(_, t)| {
            let lane = project.stage_index(&t.stage).unwrap();
            (2..=4).contains(&lane)
        })
        .map(|(id, _)| id.0)
        .collect();
    for stages in ["purchase..service", "3..5"] {
        let (out, svg) = run(&["--stages", stages], "part.svg");
        assert!(out.status.success(), "{}", text(&out.stderr));
        let svg = std::fs::read_to_string(svg).unwrap();
        let cards: Vec<u64> = svg
            .match_indices("data-touchpoint=\"")
            .map(|(at, m)| {
                let rest = &svg[at + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(cards, in_stages, "--stages {stages}");
        assert!(svg.contains(">Purchase<") || svg.contains("Purchase"));
        assert!(!svg.contains("Awareness"), "--stages {stages}");
    }
    // Three cards as CSV: three rows.
    let (out, csv) = run(&["--cards", "3,4,5"], "part.csv");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(csv).unwrap();
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["3", "4", "5"]);
    // Mistakes say what is wrong and write nothing.
    for (extra, says) in [
        (
            &["--stages", "9"][..],
            "there is no stage 9: the journey has stages 1 to 6",
        ),
        (&["--stages", "4..2"][..], "runs backwards"),
        (&["--stages", "lunch"][..], "1 Awareness"),
        (&["--cards", "3,99"][..], "there is no touchpoint 99"),
        (
            &["--cards", "3", "--stages", "2"][..],
            "cannot be used with",
        ),
    ] {
        let (out, written) = run(extra, "wrong.png");
        assert!(!out.status.success(), "{extra:?}");
        assert!(
            text(&out.stderr).contains(says),
            "{extra:?}: {}",
            text(&out.stderr)
        );
        assert!(!written.exists());
    }
}

/// The text of an SVG file, its markup left out (words are runs of their own).
fn svg_words(svg: &str) -> String {
    let mut words = String::new();
    let mut in_tag = false;
    for c in svg.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => words.push(c),
            _ => {}
        }
    }
    words
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The SVG's height, from its root element.
fn svg_height(svg: &str) -> f32 {
    let at = svg.find(" height=\"").unwrap() + " height=\"".len();
    svg[at..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn export_includes_the_legend_and_the_notes_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let cafe = common::example("cafe-order-ahead");
    let run = |extra: &[&str], out: &str| {
        let out = dir.path().join(out);
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "export".as_ref(),
            cafe.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ];
        args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
        let output = journeyboard(&args);
        (output, out)
    };
    let read = |(out, path): (Output, std::path::PathBuf)| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        std::fs::read_to_string(path).unwrap()
    };
    let note = "Poster with a QR code to the app.";
    let whole = read(run(&[], "whole.svg"));
    assert!(whole.contains(">Owners<"), "the legend is there by default");
    assert!(
        !svg_words(&whole).contains(note),
        "notes are listed only when asked"
    );

    // Without the legend: its heading is gone and the picture is shorter by its height.
    let no_legend = read(run(&["--no-legend"], "no-legend.svg"));
    assert!(!no_legend.contains(">Owners<"));
    assert!(no_legend.contains(">Emotion<") || no_legend.contains("Emotion"));
    let legend_room = journeyboard::board::LEGEND_HEIGHT + 20.0;
    assert!((svg_height(&whole) - svg_height(&no_legend) - legend_room).abs() < 0.5);

    // With the notes: each touchpoint's notes, named by its title, at the bottom; in the
    // storyboard too.
    let notes = read(run(&["--notes"], "notes.svg"));
    assert!(notes.contains(">Notes<"));
    assert!(
        svg_words(&notes).contains("\"Order ahead\" in the café window (Discover): Poster"),
        "each touchpoint's notes are listed after its title and stage"
    );
    assert!(svg_words(&notes).contains(note));
    assert!(svg_height(&notes) > svg_height(&whole) + 100.0);
    let story = read(run(&["--notes", "--layout", "storyboard"], "story.svg"));
    assert!(story.contains(">Notes<") && svg_words(&story).contains(note));

    // Pages have no room for the notes, and sheets have no legend: refused, nothing written.
    let (out, path) = run(&["--notes", "--page", "16:9"], "pages.pdf");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--notes"),
        "{}",
        text(&out.stderr)
    );
    assert!(!path.exists() && !dir.path().join("pages-01.pdf").exists());
    let (out, path) = run(&["--no-legend"], "sheet.csv");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--no-legend applies to pictures"));
    assert!(!path.exists());
}
