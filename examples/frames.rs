//! Editor frames in a loop, for profilers and instruction counters: the whole window at
//! 1600 × 1000 points on a generated journey, fitted to content, as the bench's editor
//! frame measures it.
//!
//! `cargo run --release --example frames -- [TOUCHPOINTS] [FRAMES]` (defaults 1,000 and
//! 500); under callgrind:
//! `valgrind --tool=callgrind target/release/examples/frames 1000 30`.

use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let touchpoints: usize = args.next().map_or(Ok(1_000), |a| a.parse())?;
    let frames: u32 = args.next().map_or(Ok(500), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let project = journeyboard::model::generate::synthetic(touchpoints, 1);
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().join("recovery"),
    );
    app.set_project(project, None);
    let ctx = egui::Context::default();
    let frame = |app: &mut JourneyboardApp| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 1000.0),
            )),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| app.ui_root(ui));
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        std::hint::black_box(primitives);
        output.textures_delta.clear();
    };
    frame(&mut app); // fits the board
    let start = std::time::Instant::now();
    for _ in 0..frames {
        frame(&mut app);
    }
    let per_frame = start.elapsed().as_secs_f64() * 1e3 / f64::from(frames.max(1));
    println!("{touchpoints} touchpoints, {frames} frames: {per_frame:.3} ms per frame");
    Ok(())
}
