//! The `journeyboard` binary: a thin wrapper around the library's command line.

/// mimalloc rather than the system allocator: every editor frame allocates and frees a
/// few megabytes (shapes, then the triangles they become), and glibc's allocator gives
/// that memory back to the system at the end of each frame only to fault it in again in
/// the next, about a third of a 100-touchpoint frame (`cargo run --release --example
/// bench -- frame`, see the README's Performance section). mimalloc keeps it for reuse.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    journeyboard::cli::main()
}
