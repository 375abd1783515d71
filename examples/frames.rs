//! Editor frames in a loop, for profilers and instruction counters: the whole window at
//! 1600 × 1000 points on a generated journey, fitted to content, as the bench's editor
//! frame measures it.
//!
//! `cargo run --release --example frames -- [TOUCHPOINTS] [FRAMES] [fit|100]` (defaults
//! 1,000, 500 and fit); under callgrind:
//! `valgrind --tool=callgrind target/release/examples/frames 1000 30`.

// The allocator the editor runs with (src/main.rs), so frames are timed as users get them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "bench/frame.rs"]
mod frame;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let touchpoints: usize = args.next().map_or(Ok(1_000), |a| a.parse())?;
    let frames: u32 = args.next().map_or(Ok(500), |a| a.parse())?;
    let view = match args.next().as_deref() {
        None | Some("fit") => frame::View::Fit,
        Some("100") => frame::View::Actual,
        Some(other) => anyhow::bail!("the view is `fit` or `100`, not {other}"),
    };
    let mut editor = frame::Editor::new(touchpoints, view)?;
    let start = std::time::Instant::now();
    for _ in 0..frames {
        editor.frame();
    }
    let per_frame = start.elapsed().as_secs_f64() * 1e3 / f64::from(frames.max(1));
    println!(
        "{touchpoints} touchpoints, view {}, {frames} frames: {per_frame:.3} ms per frame",
        view.name()
    );
    Ok(())
}
