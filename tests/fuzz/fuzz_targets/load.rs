//! Fuzz target: any bytes given to the loader yield a project or an error, never a panic;
//! a project that loads also saves and loads back to the same project.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(project) = journeyboard::file::parse(text, Path::new("fuzz.ron")) {
        let saved = journeyboard::file::to_ron_string(&project).expect("a loaded project saves");
        let again = journeyboard::file::parse(&saved, Path::new("fuzz.ron")).expect("a saved project loads");
        assert_eq!(project, again);
    }
});
