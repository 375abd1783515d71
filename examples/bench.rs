//! Benchmarks that matter to users, with medians over repeated runs:
//! `cargo run --release --example bench [-- RUNS]`.
//!
//! The editor's frame budget on its own (issue 15), one JSON line per measurement:
//! `cargo run --release --example bench -- frame --touchpoints 100,1000,10000,50000 --json`
//! (see [`frame_command`]).
//!
//! Figures are wall-clock medians and 95th percentiles on whatever machine runs it, with
//! the machine's load printed first; compare ratios between runs on the same machine
//! rather than absolute numbers across machines.

use std::path::Path;
use std::time::{Duration, Instant};

use journeyboard::export::{self, ExportOptions};
use journeyboard::file;

// The allocator the editor runs with (src/main.rs), so frames are timed as users get them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "bench/frame.rs"]
mod frame;

/// Median, 95th percentile and maximum of some timings.
#[derive(Clone, Copy)]
struct Summary {
    median: Duration,
    p95: Duration,
    max: Duration,
}

fn measure(runs: usize, f: impl FnMut()) -> Summary {
    measure_paced(runs, Duration::ZERO, f)
}

/// Median, 95th percentile and maximum of `samples` (at least one).
fn summarise(mut samples: Vec<Duration>) -> Summary {
    samples.sort();
    let at = |q: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let i = ((samples.len() - 1) as f64 * q).round() as usize;
        samples[i]
    };
    Summary {
        median: at(0.5),
        p95: at(0.95),
        max: at(1.0),
    }
}

/// Like [`measure`], with an untimed pause of `pace` before each run.
fn measure_paced(runs: usize, pace: Duration, mut f: impl FnMut()) -> Summary {
    f(); // warm-up
    let samples = (0..runs.max(1))
        .map(|_| {
            if !pace.is_zero() {
                std::thread::sleep(pace);
            }
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    summarise(samples)
}

fn report(name: &str, summary: Summary) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<66} median {:>9.3} ms   p95 {:>9.3} ms   max {:.3}",
        ms(summary.median),
        ms(summary.p95),
        ms(summary.max)
    );
}

/// The machine's load averages (Linux), so figures can be read against it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

/// Inputs far beyond a workshop's, which must stay linear (issue 12): a 100,000-stage
/// file, 20,000 owners with a touchpoint each, a 10 MB title, CSV owners that differ only
/// in punctuation, and a Mermaid section name repeated thousands of times.
fn hostile_benchmarks(runs: usize, example: &journeyboard::model::Project) -> anyhow::Result<()> {
    use journeyboard::interchange::{csv_sheet, mermaid};
    use journeyboard::model::generate;
    let runs = runs.min(7);
    let stages = file::to_ron_string(&generate::many_stages(100_000))?;
    report(
        &format!(
            "load (parse + check) 100,000 stages, {} MB",
            stages.len() / 1_000_000
        ),
        measure(runs, || {
            let _ = file::parse(&stages, Path::new("many-stages.ron"));
        }),
    );
    let owners = generate::many_owners(20_000);
    report(
        "report (insights + text), 20,000 owners x 20,000 touchpoints",
        measure(runs, || {
            let insights = journeyboard::analysis::analyse(&owners);
            let _ = journeyboard::analysis::report::to_text(&owners, &insights);
        }),
    );
    let mut long = example.clone();
    long.title = "A journey title that goes on and on, ".repeat(270_000);
    report(
        &format!(
            "export render, scale 1, {} MB title",
            long.title.len() / 1_000_000
        ),
        measure(runs, || {
            let _ = export::render(&long, ExportOptions::default(), None);
        }),
    );
    let marks = [
        '!', '?', '.', '*', '+', '/', '(', ')', '[', ']', '&', '%', '$', '@',
    ];
    let mut sheet = String::from("title,stage,owner\n");
    for i in 0..2_000_usize {
        let owner: String = (0..4).map(|k| marks[(i / 14_usize.pow(k)) % 14]).collect();
        sheet.push_str(&format!("Task {i},Research,\"Sales{owner}\"\n"));
    }
    report(
        "CSV import, 2,000 owners differing only in punctuation",
        measure(runs, || {
            let _ = csv_sheet::from_csv(&sheet, "bench");
        }),
    );
    let diagram = format!("journey\n{}", "  section S\n    Task: 3: A\n".repeat(2_000));
    report(
        "Mermaid import, `section S` repeated 2,000 times",
        measure(runs, || {
            let _ = mermaid::from_mermaid(&diagram, "bench");
        }),
    );
    // Issue 13: a diagram at the import limit (36,000 tasks in sections of 5,000, since a
    // lane holds at most 6,666 cards) and one of 100,000 tasks, refused at the limit. The
    // full `import` also writes the project: serialize, read back, write atomically.
    let diagram_of = |n: usize| {
        let mut tasks = String::from("journey\n  title Many tasks\n");
        for i in 0..n {
            if i % 5_000 == 0 {
                tasks.push_str(&format!("  section Stage {}\n", i / 5_000));
            }
            tasks.push_str(&format!("    Task {i}: {}: Owner {}\n", 1 + i % 5, i % 7));
        }
        tasks
    };
    let at_limit = diagram_of(journeyboard::interchange::MAX_IMPORTED_TOUCHPOINTS);
    report(
        "Mermaid import (parse and build), 36,000 tasks",
        measure(runs, || {
            let _ = mermaid::from_mermaid(&at_limit, "bench");
        }),
    );
    let out = std::env::temp_dir().join("journeyboard-bench-import.ron");
    report(
        "Mermaid import, 36,000 tasks, as `import` does it (+ serialize, read back, write)",
        measure(runs, || {
            if let Ok(imported) = mermaid::from_mermaid(&at_limit, "bench")
                && let Ok(text) = file::to_ron_string(&imported.project)
                && file::parse(&text, &out).is_ok()
            {
                let _ = file::write_atomic(&out, text.as_bytes());
            }
        }),
    );
    let _ = std::fs::remove_file(&out);
    let too_many = diagram_of(100_000);
    report(
        "Mermaid import, 100,000 tasks (refused at the limit)",
        measure(runs, || {
            let _ = mermaid::from_mermaid(&too_many, "bench");
        }),
    );
    Ok(())
}

/// Fonts for other scripts (issue 13): indexing the installed fonts (what the first
/// letter outside the bundled fonts costs), and the multi-script example's export.
fn font_benchmarks(runs: usize) -> anyhow::Result<()> {
    use journeyboard::fonts::{InstalledFonts, font_folders, missing_in};
    let folders = font_folders();
    let fonts = InstalledFonts::scan(&folders);
    let example = file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/global-hotel-stay.ron"),
    )?;
    report(
        &format!(
            "index the installed fonts ({} faces) and find one for every letter of the \
             multi-script example",
            fonts.face_count()
        ),
        measure(runs, || {
            let fonts = InstalledFonts::scan(&folders);
            let _ = missing_in(&example, &fonts);
        }),
    );
    report(
        "export render, multi-script example, scale 1",
        measure(runs, || {
            let _ = export::render(&example, ExportOptions::default(), None);
        }),
    );
    Ok(())
}

/// `frame [--touchpoints N,N,…] [--frames K] [--pace MS] [--labels] [--json]`: the median
/// and 95th
/// percentile of `K` full editor frames (default 60) for each size, in the fit view and at
/// 100 %. `--pace` waits MS milliseconds between frames (untimed), as a window showing 60
/// frames a second does, instead of running them back to back.
/// With `--json`, one line per measurement:
/// `{"view":"fit","touchpoints":N,"median_ms":…,"p95_ms":…,"frames":K}`; the machine's
/// load goes to standard error before and after.
fn frame_command(args: &[String]) -> anyhow::Result<()> {
    let mut sizes = vec![100, 1_000, 10_000, 50_000];
    let mut frames = 60_usize;
    let mut pace = Duration::ZERO;
    let mut json = false;
    let mut labels = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--touchpoints" => {
                let list = args.next().map_or("", String::as_str);
                sizes = list
                    .split(',')
                    .map(|n| n.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| {
                        anyhow::anyhow!("--touchpoints takes numbers like 100,1000 ({e})")
                    })?;
            }
            "--frames" => {
                frames = args
                    .next()
                    .and_then(|k| k.parse().ok())
                    .filter(|k| *k > 0)
                    .ok_or_else(|| anyhow::anyhow!("--frames takes a number above 0"))?;
            }
            "--pace" => {
                let ms: u64 = args
                    .next()
                    .and_then(|k| k.parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("--pace takes milliseconds"))?;
                pace = Duration::from_millis(ms);
            }
            "--json" => json = true,
            "--labels" => labels = true,
            other => anyhow::bail!(
                "unknown option {other}: frame [--touchpoints N,N,…] [--frames K] [--pace MS] \
                 [--labels] [--json]"
            ),
        }
    }
    eprintln!("load average: {}", load_average());
    for &n in &sizes {
        for view in [frame::View::Fit, frame::View::Actual] {
            let mut editor = frame::Editor::with_labels(n, view, labels)?;
            let summary = measure_paced(frames, pace, || editor.frame());
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            if json {
                println!(
                    "{{\"view\":\"{}\",\"touchpoints\":{n},\"median_ms\":{:.3},\"p95_ms\":{:.3},\"frames\":{frames}}}",
                    view.name(),
                    ms(summary.median),
                    ms(summary.p95)
                );
            } else {
                report(
                    &format!("editor frame, view {}, {n} touchpoints", view.name()),
                    summary,
                );
            }
        }
    }
    eprintln!("load average at the end: {}", load_average());
    Ok(())
}

/// A photo-sized JPEG (`width` × `height`): soft gradients with fine grain, which
/// compresses like a photo (a few MB at quality 85).
fn photo_jpeg(width: u32, height: u32, seed: u32) -> anyhow::Result<Vec<u8>> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as u8;
        let r = ((x * 200 / width) as u8).saturating_add(grain);
        let g = ((y * 180 / height) as u8).saturating_add(grain);
        let b = (((x + y) * 120 / (width + height)) as u8 + 60).saturating_add(grain);
        image::Rgb([r, g, b])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85).encode_image(&image)?;
    Ok(bytes)
}

/// Issue 16's picture budget: a board of `count` touchpoints, each with its own
/// 4000 × 3000 JPEG, all in view. Prints how long the pictures take to show, the frame
/// time once they do (panning a little every frame), the export's time, and the
/// process's peak resident memory (VmHWM). For the whole process's figure run it under
/// `/usr/bin/time -v`; `--dir DIR` keeps the project for the editor itself.
fn pictures_command(args: &[String]) -> anyhow::Result<()> {
    let mut count = 200_usize;
    let mut frames = 60_usize;
    let mut keep: Option<std::path::PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--count" => {
                count = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("--count takes a number above 0"))?;
            }
            "--frames" => {
                frames = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("--frames takes a number above 0"))?;
            }
            "--dir" => keep = args.next().map(std::path::PathBuf::from),
            other => anyhow::bail!(
                "unknown option {other}: pictures [--count N] [--frames K] [--dir DIR]"
            ),
        }
    }
    eprintln!("load average: {}", load_average());
    let temp = tempfile::tempdir()?;
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(dir.join("pictures"))?;
    let started = Instant::now();
    let photo = photo_jpeg(4000, 3000, 7)?;
    let mut project = journeyboard::model::generate::synthetic(count, 1);
    project.title = format!("{count} photos");
    let ids: Vec<_> = project.touchpoints().map(|(id, _)| id).collect();
    for (n, id) in ids.into_iter().enumerate() {
        // One file each: every picture is read and decoded on its own.
        let name = format!("pictures/photo-{n:04}.jpg");
        std::fs::write(dir.join(&name), &photo)?;
        if let Some(t) = project.touchpoint_mut(id) {
            t.picture = Some(name);
        }
    }
    let path = dir.join("photos.ron");
    file::save(&project, &path)?;
    eprintln!(
        "wrote {} ({count} JPEGs of 4000 × 3000, {} KB each) in {:.1} s",
        path.display(),
        photo.len() / 1024,
        started.elapsed().as_secs_f64()
    );

    // Every card in view: the whole board, as small as it takes.
    let board = journeyboard::board::board_rect(&project);
    let zoom = (900.0 / board.height())
        .min(1000.0 / board.width())
        .min(1.0);
    let mut editor = frame::Editor::open(&path, board.center(), zoom)?;
    let started = Instant::now();
    let mut waited = 0;
    loop {
        editor.frame();
        let status = editor.app().pictures_status();
        if status.loading == 0 && status.ready + status.failed >= count {
            println!(
                "pictures shown: {} ready, {} failed, in {:.1} s ({waited} frames); textures {:.1} MiB",
                status.ready,
                status.failed,
                started.elapsed().as_secs_f64(),
                status.texture_bytes as f64 / (1024.0 * 1024.0)
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(600) {
            anyhow::bail!("pictures still loading after 10 minutes: {status:?}");
        }
        waited += 1;
        std::thread::sleep(Duration::from_millis(16));
    }
    let mut step = 0.0_f32;
    let summary = measure(frames, || {
        step += 1.0;
        let centre = board.center() + egui::vec2((step % 20.0 - 10.0) * 4.0, 0.0);
        editor.app().view_board_at(centre, zoom);
        editor.frame();
    });
    report(
        &format!(
            "editor frame, {count} pictures in view (zoom {:.0} %), panning",
            zoom * 100.0
        ),
        summary,
    );
    drop(editor);
    let started = Instant::now();
    let rendered = export::render(&project, ExportOptions::default(), Some(&dir))?;
    println!(
        "export PNG at scale 1 with {count} pictures: {:.1} s ({} × {} pixels, {} warnings)",
        started.elapsed().as_secs_f64(),
        rendered.image.width(),
        rendered.image.height(),
        rendered.warnings.len()
    );
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("peak resident memory (VmHWM): {peak}");
    eprintln!("load average at the end: {}", load_average());
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "frame") {
        return frame_command(&args[1..]);
    }
    if args.first().is_some_and(|a| a == "pictures") {
        return pictures_command(&args[1..]);
    }
    if args.first().is_some_and(|a| a == "index") {
        return index_command(&args[1..]);
    }
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(15);
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
        "{runs} runs each; load average {}; largest example {} ({} touchpoints)",
        load_average(),
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
    font_benchmarks(runs)?;
    hostile_benchmarks(runs, &project)?;
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
    println!("load average at the end: {}", load_average());
    Ok(())
}

/// `index [--touchpoints N,N,…] [--runs K]`: the board index with every link routed,
/// built for a whole generated project, brought up to date after one card moved (which
/// routes the board's links again and files again those whose route changed), and after
/// a title edit (which routes nothing).
fn index_command(args: &[String]) -> anyhow::Result<()> {
    let mut sizes = vec![1_000, 5_000, 10_000];
    let mut runs = 15;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--touchpoints" => {
                sizes = args
                    .next()
                    .map(|list| {
                        list.split(',')
                            .map(str::parse)
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .transpose()
                    .map_err(|e| {
                        anyhow::anyhow!("--touchpoints takes numbers like 100,1000 ({e})")
                    })?
                    .unwrap_or_default();
            }
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("--runs takes a number above 0"))?;
            }
            other => {
                anyhow::bail!("unknown option {other}: index [--touchpoints N,N,…] [--runs K]")
            }
        }
    }
    println!("{runs} runs each; load average {}", load_average());
    for n in sizes {
        let project = journeyboard::model::generate::synthetic(n, 1);
        report(
            &format!(
                "board index with routes, built, {n} touchpoints, {} links",
                project.link_count()
            ),
            measure(runs, || {
                let _ = journeyboard::board::BoardIndex::new(&project);
            }),
        );
        let mut edited = project.clone();
        let mut index = journeyboard::board::BoardIndex::new(&edited);
        let Some(middle) = edited.touchpoints().nth(n / 2).map(|(id, _)| id) else {
            anyhow::bail!("generated project is empty");
        };
        let mut step = 40.0;
        report(
            &format!("board index with routes, after one card moved, {n} touchpoints"),
            measure(runs, || {
                if let Some(t) = edited.touchpoint_mut(middle) {
                    t.position.y += step;
                    step = -step;
                }
                index.update(&edited);
            }),
        );
        let mut long = false;
        report(
            &format!("board index with routes, after a title edit, {n} touchpoints"),
            measure(runs, || {
                if let Some(t) = edited.touchpoint_mut(middle) {
                    long = !long;
                    t.title = if long { "Edited title" } else { "Edited" }.to_owned();
                }
                index.update(&edited);
            }),
        );
    }
    println!("load average at the end: {}", load_average());
    Ok(())
}

/// Load, save, editor frames, the board index, export and insights at 100, 1,000, 5,000 and
/// 50,000 touchpoints.
fn scale_benchmarks(runs: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    for n in [100, 1_000, 5_000, 50_000] {
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
        for view in [frame::View::Fit, frame::View::Actual] {
            let mut editor = frame::Editor::new(n, view)?;
            let what = match view {
                frame::View::Fit => "fit to content",
                frame::View::Actual => "100 % on one lane",
            };
            report(
                &format!("editor frame, {what}, {n} touchpoints"),
                measure(runs, || editor.frame()),
            );
        }
        let options = ExportOptions::default();
        // Boards over the pixel limits are made smaller; timed up to 10,000 touchpoints
        // (a 200-megapixel picture takes a while, and it would be the same picture).
        if n <= 10_000 {
            let made_at = export::render(&project, options, None).map_or(0.0, |r| r.scale);
            report(
                &format!("export render scale 1 (made at {made_at:.2}), {n} touchpoints"),
                measure(runs.min(3), || {
                    let _ = export::render(&project, options, None);
                }),
            );
        }
        report(
            &format!("board index, built for a whole project, {n} touchpoints"),
            measure(runs, || {
                let _ = journeyboard::board::BoardIndex::new(&project);
            }),
        );
        let mut edited = project.clone();
        let mut index = journeyboard::board::BoardIndex::new(&edited);
        let Some(middle) = edited.touchpoints().nth(n / 2).map(|(id, _)| id) else {
            anyhow::bail!("generated project is empty");
        };
        let mut step = 10.0;
        report(
            &format!("board index, brought up to date after one card moved, {n} touchpoints"),
            measure(runs, || {
                if let Some(t) = edited.touchpoint_mut(middle) {
                    t.position.y += step;
                    step = -step;
                }
                index.update(&edited);
            }),
        );
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
                let _ = history.undo(&mut edited);
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
