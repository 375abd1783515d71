//! Benchmarks that matter to users, with medians over repeated runs:
//! `cargo run --release --bin journeyboard-bench [-- RUNS]`.
//!
//! Figures are wall-clock medians on whatever machine runs it; compare ratios between
//! runs on the same machine rather than absolute numbers across machines.

use std::path::Path;
use std::time::{Duration, Instant};

use journeyboard::export::{self, ExportOptions};
use journeyboard::file;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    f(); // warm-up
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    let min = samples.iter().min().copied().unwrap_or_default();
    let max = samples.iter().max().copied().unwrap_or_default();
    (median(samples), min, max)
}

fn report(name: &str, (median, min, max): (Duration, Duration, Duration)) {
    println!(
        "{name:<66} median {:>9.3} ms   (min {:.3}, max {:.3})",
        median.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn main() -> anyhow::Result<()> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    // The largest bundled example.
    let mut largest = None;
    for entry in std::fs::read_dir(&examples)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ron") {
            let project = file::load(&path)?;
            if largest
                .as_ref()
                .is_none_or(|(_, p): &(_, journeyboard::model::Project)| {
                    project.touchpoint_count() > p.touchpoint_count()
                })
            {
                largest = Some((path, project));
            }
        }
    }
    let Some((path, project)) = largest else {
        anyhow::bail!("no example projects in {}", examples.display());
    };
    println!(
        "{runs} runs each; largest example {} ({} touchpoints)",
        path.display(),
        project.touchpoint_count()
    );
    for scale in [1, 2] {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        report(
            &format!("export render, scale {scale}"),
            measure(runs, || {
                let _ = export::render(&project, options, path.parent());
            }),
        );
    }
    let big = journeyboard::model::generate::synthetic(60, 1);
    let big_options = ExportOptions {
        scale: 2,
        ..ExportOptions::default()
    };
    let size = export::picture_size(&big, big_options);
    report(
        &format!(
            "export render, 60 generated touchpoints, scale 2 ({:.0}×{:.0} px)",
            size.x * 2.0,
            size.y * 2.0
        ),
        measure(runs, || {
            let _ = export::render(&big, big_options, None);
        }),
    );
    for n in [1_000, 5_000] {
        let journey = journeyboard::model::generate::synthetic(n, 1);
        report(
            &format!(
                "insights, {n} generated touchpoints ({} links)",
                journey.link_count()
            ),
            measure(runs, || {
                let _ = journeyboard::analysis::analyse(&journey);
            }),
        );
    }
    scale_benchmarks(runs)?;
    let out = std::env::temp_dir().join("journeyboard-bench.png");
    let options = ExportOptions {
        scale: 2,
        ..ExportOptions::default()
    };
    report(
        "export render + PNG encode + atomic write, scale 2",
        measure(runs, || {
            let _ = export::write_png(&project, options, path.parent(), &out);
        }),
    );
    let _ = std::fs::remove_file(&out);
    Ok(())
}

/// Load, save, editor frames, export and insights at 100, 1,000 and 5,000 touchpoints.
fn scale_benchmarks(runs: usize) -> anyhow::Result<()> {
    use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
    let dir = tempfile::tempdir()?;
    for n in [100, 1_000, 5_000] {
        let project = journeyboard::model::generate::synthetic(n, 1);
        let path = dir.path().join(format!("journey-{n}.ron"));
        file::save(&project, &path)?;
        report(
            &format!("load RON, {n} touchpoints"),
            measure(runs, || {
                let _ = file::load(&path);
            }),
        );
        report(
            &format!("save RON (atomic), {n} touchpoints"),
            measure(runs, || {
                let _ = file::save(&project, &path);
            }),
        );
        let mut app = JourneyboardApp::new(
            Box::new(NoDialogs::default()),
            Settings::default(),
            dir.path().join("recovery"),
        );
        app.set_project(project.clone(), Some(path.clone()));
        let ctx = egui::Context::default();
        let frame = |app: &mut JourneyboardApp| {
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1600.0, 1000.0),
                )),
                ..egui::RawInput::default()
            };
            let output = ctx.run_ui(input, |ui| app.ui_root(ui));
            let mut output = output;
            let _ = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
            output.textures_delta.clear();
        };
        frame(&mut app); // fits the board
        report(
            &format!("editor frame, fit to content, {n} touchpoints"),
            measure(runs, || frame(&mut app)),
        );
        app.view_board_at(
            egui::pos2(journeyboard::board::LANE_WIDTH * 2.5, 400.0),
            1.0,
        );
        frame(&mut app);
        report(
            &format!("editor frame, 100 % on one lane, {n} touchpoints"),
            measure(runs, || frame(&mut app)),
        );
        let options = ExportOptions::default();
        if export::render(&project, options, None).is_ok() {
            report(
                &format!("export render scale 1, {n} touchpoints"),
                measure(runs.min(5), || {
                    let _ = export::render(&project, options, None);
                }),
            );
        } else {
            println!("export render scale 1, {n} touchpoints: over the size limit (refused)");
        }
        let mut edited = project.clone();
        let mut history = journeyboard::edit::History::new_saved();
        let Some((id, t)) = project
            .touchpoints()
            .nth(n / 2)
            .map(|(id, t)| (id, t.clone()))
        else {
            anyhow::bail!("generated project is empty");
        };
        report(
            &format!("move one card + undo (two undo-history steps), {n} touchpoints"),
            measure(runs, || {
                let mut position = t.position;
                position.y += 10.0;
                let command =
                    journeyboard::edit::Command::Move(vec![(id, t.stage.clone(), position)]);
                let _ = history.apply(&mut edited, command, "move");
                history.undo(&mut edited);
            }),
        );
        report(
            &format!("insights, {n} touchpoints"),
            measure(runs, || {
                let _ = journeyboard::analysis::analyse(&project);
            }),
        );
    }
    Ok(())
}
