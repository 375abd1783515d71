//! The `journeyboard` binary: a thin wrapper around the library's command line.

fn main() -> std::process::ExitCode {
    journeyboard::cli::main()
}
