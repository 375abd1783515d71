//! Fuzz target: any text given to the CSV importer yields a project or an error with a row,
//! never a panic; an imported project is one the loader accepts after a save.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(imported) = journeyboard::interchange::csv_sheet::from_csv(text, "fuzz") {
        let saved = journeyboard::file::to_ron_string(&imported.project).expect("an import saves");
        let again = journeyboard::file::parse(&saved, Path::new("fuzz.ron")).expect("and loads");
        assert_eq!(imported.project, again);
    }
});
