//! Fuzz target: any bytes given as a PNG yield a project, "no project inside" or a
//! "damaged" error, never a panic, a hang or unbounded memory.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = journeyboard::file::project_text_in_png(Cursor::new(data), 1 << 20);
    let _ = journeyboard::file::has_project_chunk(Cursor::new(data));
});
