//! CSV and Mermaid in and out: round trips, real-world samples, errors with line numbers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::process::Command;

use journeyboard::file;
use journeyboard::interchange::{csv_sheet, mermaid};
use journeyboard::model::LinkKind;

#[test]
fn csv_round_trip_keeps_every_column() {
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        let csv = csv_sheet::to_csv(&project);
        let back = csv_sheet::from_csv(&csv, "back").unwrap().project;
        assert_eq!(back.touchpoint_count(), project.touchpoint_count());
        for (id, t) in project.touchpoints() {
            let b = back.touchpoint(id).unwrap();
            assert_eq!(b.title, t.title);
            assert_eq!(
                back.stage(&b.stage).unwrap().name,
                project.stage(&t.stage).unwrap().name
            );
            assert_eq!(b.channel, t.channel);
            assert_eq!(b.initiative, t.initiative);
            assert_eq!(b.perception, t.perception);
            assert_eq!(b.emotion, t.emotion);
            assert_eq!(b.pain_points, t.pain_points);
            assert_eq!(b.opportunities, t.opportunities);
            assert_eq!(b.notes, t.notes);
            let owner = |p: &journeyboard::model::Project,
                         o: &Option<journeyboard::model::OwnerId>| {
                o.as_deref()
                    .and_then(|o| p.owner(o))
                    .map(|o| o.name.clone())
            };
            assert_eq!(owner(&back, &b.owner), owner(&project, &t.owner));
        }
        // Every non-referral link comes back (as flow) via the `next` column.
        let pairs = |p: &journeyboard::model::Project, all: bool| {
            let mut v: Vec<(u64, u64)> = p
                .links()
                .filter(|(_, l)| all || l.kind != LinkKind::Referral)
                .map(|(_, l)| (l.from.0, l.to.0))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(pairs(&back, true), pairs(&project, false));
    }
}

#[test]
fn csv_as_spreadsheets_write_it() {
    // A UTF-8 BOM, header names in other cases and spacing, quoted titles with commas,
    // a blank line, an unknown column, no `next` column (so rows link in sheet order).
    let sheet = "\u{feff}Title,STAGE, Channel ,Owner,Emotion,Perception,Pain Points,Comment\r\n\
                 \"Ad, on the radio\",Awareness,social,Marketing,1,4,,\r\n\
                 \r\n\
                 \"Calls \"\"support\"\"\",Service,Phone,Support,-1.5,2.5,Long wait; Transferred twice,\r\n\
                 Tells a friend,Advocacy,word of mouth,,2,5,,\r\n";
    let imported = csv_sheet::from_csv(sheet, "Radio campaign").unwrap();
    let p = &imported.project;
    assert_eq!(
        imported.warnings,
        vec![
            "ignoring column H “Comment”: Journeyboard does not read it, and it is empty"
                .to_owned()
        ]
    );
    assert_eq!(p.touchpoint_count(), 3);
    let titles: Vec<_> = p.touchpoints().map(|(_, t)| t.title.clone()).collect();
    assert_eq!(
        titles,
        ["Ad, on the radio", "Calls \"support\"", "Tells a friend"]
    );
    // Stage names all default ones: the default six stages, in order.
    assert_eq!(p.stages().len(), 6);
    let calls = p.touchpoints().nth(1).unwrap().1;
    assert_eq!(calls.stage, "service");
    assert_eq!(calls.pain_points, ["Long wait", "Transferred twice"]);
    assert_eq!(
        p.owners()
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>(),
        ["Marketing", "Support"]
    );
    assert_eq!(p.link_count(), 2, "rows link in sheet order");
}

#[test]
fn custom_stages_follow_sheet_order() {
    let sheet = "title,stage\nA,Explore\nB,Book\nC,Explore\nD,Stay\n";
    let p = csv_sheet::from_csv(sheet, "t").unwrap().project;
    let names: Vec<_> = p.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Explore", "Book", "Stay"]);
}

#[test]
fn a_bad_row_is_reported_with_its_number() {
    let cases = [
        (
            "title,perception\nA,3\nB,6\n",
            3,
            "perception 6 is not on the scale 1 to 5",
        ),
        ("title,emotion\nA,x\n", 2, "emotion “x” is not a number"),
        ("title,channel\nA,fax\n", 2, "channel “fax” is not one of"),
        (
            "title,initiative\nA,sometimes\n",
            2,
            "must be proactive or reactive",
        ),
        ("title,id\nA,1\nB,1\n", 3, "used twice"),
        ("title,id,next\nA,1,2\nB,2,9\n", 3, "next names id 9"),
        ("name,stage\nA,Awareness\n", 1, "no “title” column"),
    ];
    for (sheet, line, words) in cases {
        let err = csv_sheet::from_csv(sheet, "t")
            .err()
            .unwrap_or_else(|| panic!("{sheet:?} imported"));
        assert_eq!(err.line, line, "{sheet:?}: {err}");
        assert!(err.to_string().contains(words), "{sheet:?}: {err}");
    }
}

const SAMPLE: &str = "%% The checkout journey, as it lives in our README
journey
    title Buying a sofa online
    section Discover
        Sees an ad: 4: Tom
        Reads reviews: 3: Tom, Partner
    %% the painful part
    section Buy
        Checkout: 5: Tom
        Delivery is late: 1: Tom, Courier
    section Afterwards
        Posts a photo: 5: Tom
";

#[test]
fn mermaid_round_trip_keeps_titles_sections_tasks_scores_and_actors() {
    let imported = mermaid::from_mermaid(SAMPLE, "fallback").unwrap();
    let p = &imported.project;
    assert_eq!(p.title, "Buying a sofa online");
    assert_eq!(
        p.stages()
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Discover", "Buy", "Afterwards"]
    );
    assert_eq!(p.touchpoint_count(), 5);
    let late = p
        .touchpoints()
        .find(|(_, t)| t.title == "Delivery is late")
        .unwrap()
        .1;
    assert_eq!(
        late.emotion.unwrap().value(),
        -2.0,
        "score 1 maps to emotion −2"
    );
    assert_eq!(p.owner(late.owner.as_deref().unwrap()).unwrap().name, "Tom");
    assert_eq!(p.link_count(), 4);
    let written = mermaid::to_mermaid(p);
    let expected = "journey
    title Buying a sofa online
    section Discover
      Sees an ad: 4: Tom
      Reads reviews: 3: Tom, Partner
    section Buy
      Checkout: 5: Tom
      Delivery is late: 1: Tom, Courier
    section Afterwards
      Posts a photo: 5: Tom
";
    assert_eq!(written, expected);
    // And again: Mermaid → Journeyboard → Mermaid is stable.
    let again = mermaid::to_mermaid(&mermaid::from_mermaid(&written, "x").unwrap().project);
    assert_eq!(again, expected);
}

#[test]
fn mermaid_syntax_it_does_not_understand_is_reported_with_the_line() {
    let err = mermaid::from_mermaid(
        "journey\n  title T\n  section A\n    Task: 3: Me\n  click Task call cb()\n",
        "t",
    )
    .err()
    .unwrap();
    assert_eq!(err.line, 5);
    assert!(err.to_string().contains("click Task call cb()"));
    let err = mermaid::from_mermaid("flowchart LR\n  A --> B\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 1);
    let err = mermaid::from_mermaid("journey\n section A\n  Task: seven: Me\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 3);
    let err = mermaid::from_mermaid("journey\n section A\n  Task: 9: Me\n", "t")
        .err()
        .unwrap();
    assert!(err.to_string().contains("outside 1–5"), "{err}");
}

#[test]
fn cli_import_and_export_and_no_partial_project_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let mmd = dir.path().join("sofa.mmd");
    std::fs::write(&mmd, SAMPLE).unwrap();
    let ron = dir.path().join("sofa.ron");
    let bin = env!("CARGO_BIN_EXE_journeyboard");
    let out = Command::new(bin)
        .arg("import")
        .arg(&mmd)
        .arg("-o")
        .arg(&ron)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(file::load(&ron).unwrap().touchpoint_count(), 5);
    let back = dir.path().join("back.mmd");
    let out = Command::new(bin)
        .args([
            "export".as_ref(),
            ron.as_os_str(),
            "--format".as_ref(),
            "mermaid".as_ref(),
            "-o".as_ref(),
            back.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&back)
            .unwrap()
            .contains("Delivery is late: 1: Tom, Courier")
    );
    let csv = dir.path().join("sofa.csv");
    let out = Command::new(bin)
        .args([
            "export".as_ref(),
            ron.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "-o".as_ref(),
            csv.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("\u{feff}id,title,stage")
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "title,emotion\nFine,1\nBroken,7\n").unwrap();
    let target = dir.path().join("never.ron");
    let out = Command::new(bin)
        .arg("import")
        .arg(&bad)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("bad.csv: row 3 (line 3): column B (emotion): emotion 7 is not on the scale"),
        "{stderr}"
    );
    assert!(!target.exists(), "no partial project is written");
}

// ---- issue 12: nothing lost, nothing silent ------------------------------------------

fn csv_error(sheet: &str) -> journeyboard::interchange::ImportError {
    csv_sheet::from_csv(sheet, "t")
        .err()
        .unwrap_or_else(|| panic!("{sheet:?} imported"))
}

#[test]
fn an_unterminated_quote_in_row_3_of_200_is_refused_with_that_row() {
    let mut sheet = String::from("title,stage,emotion\n");
    for i in 2..=200 {
        if i == 3 {
            sheet.push_str("\"Broken title,Buy,1\n");
        } else {
            sheet.push_str(&format!("Step {i},Buy,1\n"));
        }
    }
    let err = csv_error(&sheet);
    assert_eq!((err.line, err.text_line), (3, Some(3)), "{err}");
    assert_eq!(
        err.to_string(),
        "row 3 (line 3): the quote that opens the cell in column A never closes, so \
         everything after it would become one cell; add the closing quote (a quote inside a \
         quoted cell is written twice: \"\")"
    );
    // A stray quote later on closes it: still refused, naming where it opened and closed.
    let sheet = sheet.replace("Step 150,", "\"Step 150,");
    let err = csv_error(&sheet);
    assert_eq!(err.line, 3, "{err}");
    assert!(err.message.contains("closes on line 150"), "{err}");
}

#[test]
fn an_unterminated_quote_is_refused_by_the_cli_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(&sheet, "title\nA\n\"B\nC\nD\n").unwrap();
    let target = dir.path().join("out.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .arg("import")
        .arg(&sheet)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sheet.csv: row 3 (line 3): the quote that opens the cell in column A"),
        "{stderr}"
    );
    assert!(!target.exists());
}

#[test]
fn rows_are_counted_as_spreadsheets_count_them() {
    // A blank line is a row; a cell with a line break makes a row span two lines.
    let err = csv_error("title,notes\n\n\"A\",\"two\nlines\"\nB,x\nC,y\n\"D,\n");
    assert_eq!((err.line, err.text_line), (6, Some(7)), "{err}");
}

#[test]
fn duplicate_header_columns_are_refused_naming_both() {
    let err = csv_error("Title,stage,title\nA,Buy,B\n");
    assert_eq!(err.line, 1);
    assert_eq!(
        err.message,
        "columns A “Title” and C “title” are both the title column; rename or delete one of them"
    );
    let err = csv_error("title,Pain Points,pain-points\nA,x,y\n");
    assert!(
        err.message
            .contains("columns B “Pain Points” and C “pain-points” are both the pain_points"),
        "{err}"
    );
    // Unknown columns, even twice, are ignored with a warning each while empty...
    let imported = csv_sheet::from_csv("title,Comment,comment\nA,,\n", "t").unwrap();
    assert_eq!(
        imported.warnings,
        [
            "ignoring column B “Comment”: Journeyboard does not read it, and it is empty",
            "ignoring column C “comment”: Journeyboard does not read it, and it is empty"
        ]
    );
    // ...and refused at the first value, which would be lost, with its row and column.
    let err = csv_error("title,Comment,comment\nA,,\nB,,see notes\n");
    assert_eq!(err.line, 3, "{err}");
    assert!(
        err.message.starts_with(
            "column C “comment” is not a column Journeyboard reads, but holds “see notes” \
             here, which would be lost; rename the column to one of id, title, stage,"
        ),
        "{err}"
    );
}

#[test]
fn cells_past_the_last_header_column_are_refused_with_row_and_column() {
    let err = csv_error("title,stage\nA,Buy\nB,Buy,Pay by card,\n");
    assert_eq!(err.line, 3);
    assert!(
        err.message.starts_with(
            "column C holds “Pay by card”, but the header row names only 2 columns (A to B)"
        ),
        "{err}"
    );
    // Empty cells past the header (trailing commas) lose nothing and are fine.
    let p = csv_sheet::from_csv("title,stage\nA,Buy,,\nB,Buy,\"\"\n", "t")
        .unwrap()
        .project;
    assert_eq!(p.touchpoint_count(), 2);
    // A column without a name is fine while empty, refused at its first value.
    let imported = csv_sheet::from_csv("title,,stage\nA,,Buy\n", "t").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let err = csv_error("title,,stage\nA,,Buy\nB,kept?,Buy\n");
    assert_eq!(err.line, 3, "{err}");
    assert!(
        err.message.starts_with(
            "column B has no name in the header row, but holds “kept?” here, which would be lost"
        ),
        "{err}"
    );
}

#[test]
fn a_nul_byte_is_refused_with_row_and_column() {
    let err = csv_error("title,notes\nA,fine\nB,bro\0ken\n");
    assert_eq!(err.line, 3);
    assert!(
        err.message.starts_with(
            "column B holds a NUL character (after 3 characters of the cell), which usually \
             means the file is not UTF-8 text but UTF-16"
        ),
        "{err}"
    );
    // UTF-16 without a byte-order mark is full of NULs: refused at row 1.
    let utf16: String = "title\nA\n"
        .encode_utf16()
        .flat_map(|u| [char::from(u as u8), char::from((u >> 8) as u8)])
        .collect();
    let err = csv_error(&utf16);
    assert_eq!(err.line, 1);
    assert!(err.message.contains("column A holds a NUL"), "{err}");
}

#[test]
fn a_utf16_file_with_a_byte_order_mark_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.csv");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("title\nA\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let err = journeyboard::interchange::import_file(&path, journeyboard::interchange::Format::Csv)
        .err()
        .unwrap();
    let message = err.to_string();
    assert!(
        message.contains("sheet.csv: line 1: the file is UTF-16 text (“Unicode text”), not UTF-8"),
        "{message}"
    );
    assert!(message.contains("save it as UTF-8"), "{message}");
}

#[test]
fn ids_that_leave_no_room_are_refused_with_their_row() {
    for huge in [
        "18446744073709551615",
        "18446744073709551616",
        "9007199254740992",
    ] {
        let err = csv_error(&format!("id,title\n1,A\n{huge},B\n,C\n"));
        assert_eq!(err.line, 3, "{err}");
        assert!(
            err.message.starts_with(&format!(
                "column A (id): id {huge} is above 9,007,199,254,740,991, the largest id"
            )),
            "{err}"
        );
    }
    // The largest id is fine; a row without an id after it has no id left (the project
    // would not open again), so it is refused with its row rather than numbered past it.
    let p = csv_sheet::from_csv("id,title\n9007199254740991,A\n9007199254740990,B\n", "t")
        .unwrap()
        .project;
    let ids: Vec<u64> = p.touchpoints().map(|(id, _)| id.0).collect();
    assert_eq!(ids, [9_007_199_254_740_990, 9_007_199_254_740_991]);
    assert_eq!(p.link_count(), 1);
    let err = csv_error("id,title\n9007199254740991,A\n,B\n");
    assert_eq!(err.line, 3, "{err}");
    assert!(
        err.message
            .contains("above the largest id Journeyboard uses"),
        "{err}"
    );
    let err = csv_error("id,title\n-1,A\n");
    assert!(
        err.message
            .contains("id “-1” is not a whole number above 0"),
        "{err}"
    );
}

#[test]
fn a_semicolon_separated_sheet_is_read() {
    let sheet = "Title;Stage;Emotion;Pain points\n\
                 Sees an ad;Explore;1,5;\"Too loud; too long\"\n\
                 Buys;Pay;-2;\n";
    let imported = csv_sheet::from_csv(sheet, "t").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let p = &imported.project;
    assert_eq!(p.touchpoint_count(), 2);
    let (_, ad) = p.touchpoints().next().unwrap();
    assert_eq!(ad.title, "Sees an ad");
    assert_eq!(ad.emotion.unwrap().value(), 1.5);
    assert_eq!(ad.pain_points, ["Too loud", "too long"]);
    assert_eq!(
        p.stages()
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Explore", "Pay"]
    );
}

#[test]
fn a_header_without_a_title_says_what_it_found_and_what_to_do() {
    let err = csv_error("name,stage\nA,Awareness\n");
    assert_eq!(err.line, 1);
    assert!(
        err.message.starts_with(
            "no “title” column: the header row has “name”, “stage” (cells separated by “,”). \
             The first row must name the columns, and one of them must be title"
        ),
        "{err}"
    );
    let err = csv_error("title\tstage\nA\tAwareness\n");
    assert!(
        err.message.contains("The header looks tab-separated"),
        "{err}"
    );
    let err = csv_error("");
    assert_eq!(err.line, 1);
    assert!(err.message.starts_with("the sheet is empty"), "{err}");
}

#[test]
fn cell_errors_name_the_column() {
    let err = csv_error("title,stage,perception\nA,Buy,3\nB,Buy,6\n");
    assert_eq!(
        err.to_string(),
        "row 3 (line 3): column C (perception): perception 6 is not on the scale 1 to 5 in \
         steps of 0.5; write e.g. 3.5, or leave the cell blank"
    );
    let err = csv_error("id,title,next\n1,A,2\n2,B,x\n");
    assert!(
        err.message.starts_with("column C (next): “x” is not an id"),
        "{err}"
    );
}

#[test]
fn names_differing_only_in_case_are_one_stage_or_owner_and_reported() {
    let imported = csv_sheet::from_csv(
        "title,stage,owner\nA,Buy,Sales\nB,buy,sales\nC,BUY,Sales\nD,buy,SALES\n",
        "t",
    )
    .unwrap();
    let p = &imported.project;
    assert_eq!(p.stages().len(), 1);
    assert_eq!(p.stages()[0].name, "Buy");
    assert_eq!(p.owners().len(), 1);
    assert_eq!(
        imported.warnings,
        [
            "row 3: stage “buy” is taken as “Buy”, its first spelling (names are matched \
             ignoring case)",
            "row 4: stage “BUY” is taken as “Buy”, its first spelling (names are matched \
             ignoring case)",
            "row 3: owner “sales” is taken as “Sales”, its first spelling (names are matched \
             ignoring case)",
            "row 5: owner “SALES” is taken as “Sales”, its first spelling (names are matched \
             ignoring case)",
        ]
    );
}

#[test]
fn default_stages_keep_the_sheets_spelling_and_order() {
    // All default names in default order: the six default lanes, spelled as in the sheet.
    let p = csv_sheet::from_csv("title,stage\nA,awareness\nB,Service\n", "t")
        .unwrap()
        .project;
    let names: Vec<_> = p.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "awareness",
            "Research",
            "Purchase",
            "Onboarding & use",
            "Service",
            "Advocacy"
        ]
    );
    // Default names out of order: the sheet's order, not the default one.
    let p = csv_sheet::from_csv("title,stage\nA,Service\nB,Awareness\n", "t")
        .unwrap()
        .project;
    let names: Vec<_> = p.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Service", "Awareness"]);
}

#[test]
fn quoted_cells_keep_their_spaces_and_empty_names() {
    let sheet = "title,stage,owner,notes\n\"  padded \",\"\",\"\",\" note \"\n plain ,Buy,,x\n";
    let p = csv_sheet::from_csv(sheet, "t").unwrap().project;
    let tps: Vec<_> = p.touchpoints().map(|(_, t)| t.clone()).collect();
    assert_eq!(tps[0].title, "  padded ");
    assert_eq!(tps[0].notes, " note ");
    assert_eq!(p.stage(&tps[0].stage).unwrap().name, "");
    assert_eq!(p.owner(tps[0].owner.as_deref().unwrap()).unwrap().name, "");
    assert_eq!(tps[1].title, "plain");
    assert_eq!(tps[1].owner, None, "a blank owner cell is no owner");
}

#[test]
fn an_empty_title_is_imported_with_a_warning() {
    let imported = csv_sheet::from_csv("title,stage\n,Buy\nB,Buy\n", "t").unwrap();
    assert_eq!(imported.project.touchpoint_count(), 2);
    assert_eq!(
        imported.warnings,
        ["row 2: the title is empty; the touchpoint is imported without one"]
    );
}

#[test]
fn a_lane_over_the_coordinate_limit_is_refused_with_the_row() {
    use journeyboard::model::layout::MAX_STACKED_ROWS;
    let mut sheet = String::from("title,stage\n");
    for i in 0..=MAX_STACKED_ROWS {
        sheet.push_str(&format!("T{i},Buy\n"));
    }
    let err = csv_error(&sheet);
    assert_eq!(err.line, MAX_STACKED_ROWS + 2, "{err}");
    assert!(
        err.message.starts_with(&format!(
            "stage “Buy” has more than {MAX_STACKED_ROWS} touchpoints, more than one lane"
        )),
        "{err}"
    );
    // One row fewer fits.
    let fits: String = sheet
        .lines()
        .take(MAX_STACKED_ROWS + 1)
        .collect::<Vec<_>>()
        .join("\n");
    let p = csv_sheet::from_csv(&fits, "t").unwrap().project;
    assert_eq!(p.touchpoint_count(), MAX_STACKED_ROWS);

    let mut diagram = String::from("journey\n  section Buy\n");
    for i in 0..=MAX_STACKED_ROWS {
        diagram.push_str(&format!("    T{i}: 3\n"));
    }
    let err = mermaid::from_mermaid(&diagram, "t").err().unwrap();
    assert_eq!(err.line, MAX_STACKED_ROWS + 3, "{err}");
    assert!(err.message.contains("more than one lane can hold"), "{err}");
}

#[test]
fn imports_over_the_touchpoint_limit_are_refused_at_the_line_that_goes_over() {
    use journeyboard::interchange::MAX_IMPORTED_TOUCHPOINTS as MAX;
    // Spread over sections and stages so no lane is full: the count is what is refused.
    let mut diagram = String::from("journey\n  title Many\n");
    let mut sheet = String::from("title,stage\n");
    for i in 0..=MAX {
        if i % 5_000 == 0 {
            diagram.push_str(&format!("  section S{}\n", i / 5_000));
        }
        diagram.push_str(&format!("    Task {i}: 3: Owner\n"));
        sheet.push_str(&format!("Task {i},S{}\n", i / 5_000));
    }
    let err = mermaid::from_mermaid(&diagram, "t").err().unwrap();
    // Two header lines, one section line per 5,000 tasks before it, then the task.
    assert_eq!(err.line, 2 + MAX / 5_000 + 1 + MAX + 1, "{err}");
    assert!(
        err.message
            .starts_with("the diagram has more than 36,000 tasks"),
        "{err}"
    );
    let err = csv_error(&sheet);
    assert_eq!(err.line, MAX + 2, "{err}");
    assert!(
        err.message.contains("more than 36,000 touchpoint rows"),
        "{err}"
    );

    // The limit itself imports, every task kept.
    let fits: String = diagram
        .lines()
        .take(diagram.lines().count() - 1)
        .collect::<Vec<_>>()
        .join("\n");
    let imported = mermaid::from_mermaid(&fits, "t").unwrap().project;
    assert_eq!(imported.touchpoint_count(), MAX);
}

#[test]
fn a_diagram_over_the_section_limit_is_refused_at_the_section_that_goes_over() {
    use journeyboard::interchange::MAX_IMPORTED_STAGES as MAX;
    let diagram = format!("journey\n{}", "  section S\n".repeat(MAX + 1));
    let err = mermaid::from_mermaid(&diagram, "t").err().unwrap();
    assert_eq!(err.line, MAX + 2, "{err}");
    assert!(
        err.message
            .starts_with("the diagram has more than 36,000 sections"),
        "{err}"
    );
    let fits = format!("journey\n{}", "  section S\n".repeat(MAX));
    assert_eq!(
        mermaid::from_mermaid(&fits, "t")
            .unwrap()
            .project
            .stages()
            .len(),
        MAX
    );
}

#[test]
fn an_input_over_the_size_limit_is_refused_before_reading() {
    use journeyboard::interchange::{Format, import_file};
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("big.csv", Format::Csv), ("big.mmd", Format::Mermaid)] {
        let path = dir.path().join(name);
        // Sparse: no disk space or time is spent on the zeros.
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(file::MAX_FILE_BYTES + 1).unwrap();
        let err = import_file(&path, format).err().unwrap();
        assert_eq!(err.line, 0);
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the file is 67,108,865 bytes, over the limit of 67,108,864 bytes (64 MiB) \
                 for an import: the project it would make is larger than any project file \
                 Journeyboard opens. Split it into several files and import each",
                path.display()
            )
        );
    }
}

/// Title, stage names, and per stage the cards top to bottom as (title, emotion, owner).
type Journey = (
    String,
    Vec<(String, Vec<(String, Option<f32>, Option<String>)>)>,
);

fn journey(p: &journeyboard::model::Project) -> Journey {
    let lanes = p
        .stages()
        .iter()
        .map(|s| {
            let mut cards: Vec<_> = p.touchpoints().filter(|(_, t)| t.stage == s.id).collect();
            cards.sort_by(|(_, a), (_, b)| a.position.y.total_cmp(&b.position.y));
            let cards = cards
                .into_iter()
                .map(|(_, t)| {
                    (
                        t.title.clone(),
                        t.emotion.map(journeyboard::model::Emotion::value),
                        t.owner.as_deref().map(|o| p.owner(o).unwrap().name.clone()),
                    )
                })
                .collect();
            (s.name.clone(), cards)
        })
        .collect();
    (p.title.clone(), lanes)
}

#[test]
fn mermaid_export_of_hostile_names_imports_back_the_same_journey() {
    use journeyboard::model::{Emotion, Owner, Project, Rgb, Stage, Touchpoint};
    let mut p = Project::empty("");
    for (id, name) in [("a", "Explore: first"), ("b", ""), ("c", "Empty section")] {
        p.insert_stage(
            usize::MAX,
            Stage {
                id: id.into(),
                name: name.into(),
            },
        )
        .unwrap();
    }
    let owner = Owner {
        id: "sales".into(),
        name: "Sales, EMEA".into(),
        colour: Rgb([1, 2, 3]),
    };
    p.insert_owner(0, owner).unwrap();
    let titles = [
        "title Hijacked",
        "section Not a section",
        "%% not a comment",
        "journey",
        "accTitle: stolen",
        "Pay: 5: Me",
        "Time: 10:30",
        "",
    ];
    for (i, title) in titles.iter().enumerate() {
        let emotion = [Some(-0.5), Some(0.5), None, Some(-2.0)][i % 4];
        p.add_touchpoint(Touchpoint {
            title: (*title).to_owned(),
            stage: if i < 6 { "a" } else { "b" }.into(),
            owner: (i % 2 == 0).then(|| "sales".into()),
            emotion: emotion.map(|e| Emotion::new(e).unwrap()),
            position: journeyboard::model::Position {
                x: 0.0,
                y: i as f32,
            },
            ..Touchpoint::default()
        })
        .unwrap();
    }
    let text = mermaid::to_mermaid(&p);
    assert_eq!(
        text,
        "journey
    title #8203;
    section Explore#58; first
      #116;itle Hijacked: 2.5: Sales#44; EMEA
      #115;ection Not a section: 3.5
      %% journeyboard: unscored
      #37;% not a comment: 3: Sales#44; EMEA
      #106;ourney: 1
      #97;ccTitle#58; stolen: 2.5: Sales#44; EMEA
      Pay#58; 5#58; Me: 3.5
    section #8203;
      %% journeyboard: unscored
      Time#58; 10#58;30: 3: Sales#44; EMEA
      #8203;: 1
    section Empty section
"
    );
    let imported = mermaid::from_mermaid(&text, "fallback").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let back = imported.project;
    assert_eq!(back.touchpoint_count(), 8);
    assert_eq!(back.owners().len(), 1, "“Sales, EMEA” stays one owner");
    assert_eq!(journey(&back), journey(&p));
}

#[test]
fn mermaid_carries_the_description_and_several_actors() {
    let text = "journey
    title Sofa
    accDescr: What happens: from ad to sofa#10;Second line
    section Buy
      Checkout: 4: Tom, Courier#44; Ltd, Partner
";
    let p = mermaid::from_mermaid(text, "t").unwrap().project;
    assert_eq!(p.description, "What happens: from ad to sofa\nSecond line");
    let (_, t) = p.touchpoints().next().unwrap();
    assert_eq!(p.owner(t.owner.as_deref().unwrap()).unwrap().name, "Tom");
    assert_eq!(t.notes, "Actors: Tom, Courier#44; Ltd, Partner");
    let owners: Vec<_> = p.owners().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(owners, ["Tom", "Courier, Ltd", "Partner"]);
    assert_eq!(mermaid::to_mermaid(&p), text);
    // A multi-line accDescr block is read too.
    let p = mermaid::from_mermaid(
        "journey\n accDescr {\n  First\n  second }\n section A\n  T: 3\n",
        "t",
    )
    .unwrap()
    .project;
    assert_eq!(p.description, "First\n  second");
}

#[test]
fn mermaid_scores_between_half_steps_are_rounded_with_a_warning() {
    let imported =
        mermaid::from_mermaid("journey\n section A\n  Half: 2.5\n  Odd: 4.2\n", "t").unwrap();
    let emotions: Vec<f32> = imported
        .project
        .touchpoints()
        .map(|(_, t)| t.emotion.unwrap().value())
        .collect();
    assert_eq!(emotions, [-0.5, 1.0]);
    assert_eq!(
        imported.warnings,
        ["line 4: score 4.2 is taken as 4 (emotion +1); Journeyboard scores in steps of 0.5"]
    );
}

#[test]
fn mermaid_task_with_extra_colons_is_refused_with_a_hint() {
    let err = mermaid::from_mermaid("journey\n section A\n  Step 1: Sign up: 5: Me\n", "t")
        .err()
        .unwrap();
    assert_eq!(err.line, 3);
    assert!(
        err.message
            .contains("write a colon inside a name or actor as #58;"),
        "{err}"
    );
}

#[test]
fn thousands_of_warnings_are_counted_not_listed() {
    let mut sheet = String::from("title,stage\n");
    for _ in 0..250 {
        sheet.push_str(",Buy\n");
    }
    let imported = csv_sheet::from_csv(&sheet, "t").unwrap();
    assert_eq!(imported.project.touchpoint_count(), 250);
    assert_eq!(imported.warnings.len(), 101);
    assert_eq!(
        imported.warnings[99],
        "row 101: the title is empty; the touchpoint is imported without one"
    );
    assert_eq!(imported.warnings[100], "… and 150 more warnings like these");
}

#[test]
fn a_header_of_many_unnamed_columns_is_cheap_and_refused_at_the_first_value() {
    let header = format!("title{}\n", ",".repeat(50_000));
    let mut sheet = header;
    for i in 0..200 {
        sheet.push_str(&format!("T{i}\n"));
    }
    let imported = csv_sheet::from_csv(&sheet, "t").unwrap();
    assert_eq!(imported.project.touchpoint_count(), 200);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    sheet.push_str(&format!("Late{}x\n", ",".repeat(40_000)));
    let err = csv_error(&sheet);
    assert_eq!(err.line, 202, "{err}");
    assert!(
        err.message
            .contains("has no name in the header row, but holds “x”"),
        "{err}"
    );
}

#[test]
fn csv_for_spreadsheets_has_a_bom_and_neutralised_formulas_that_round_trip() {
    use journeyboard::model::{Emotion, Project, Touchpoint};
    let titles = [
        "=HYPERLINK(\"http://evil\",\"Click\")",
        "+1 555 0100",
        "-x",
        "@SUM(A1)",
        "\tTabbed",
        "\rReturn",
        "'=already quoted",
        "''",
        "'plain apostrophe",
        "-5",
        "Normal",
    ];
    let mut project = Project::new("Sheet");
    for title in titles {
        project
            .add_touchpoint(Touchpoint {
                title: title.to_owned(),
                stage: "research".into(),
                notes: "=cmd|' /C calc'!A0".to_owned(),
                emotion: Some(Emotion::new(-1.5).unwrap()),
                pain_points: vec!["=1+1".to_owned(), "fine".to_owned()],
                ..Touchpoint::default()
            })
            .unwrap();
    }
    let csv = csv_sheet::to_csv(&project);
    assert!(
        csv.starts_with("\u{feff}id,title,"),
        "a UTF-8 byte-order mark first"
    );
    // No cell (at the start of a field) begins with a formula character, except numbers.
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(",'+1 555 0100,"), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",'=cmd|"), "{csv}");
    assert!(csv.contains(",\"'=1+1; fine\","), "{csv}");
    for raw in [",=", ",\"=", ",+", ",\"+", ",@", ",\"@", ",\"\t", ",\"\r"] {
        assert!(!csv.contains(raw), "{raw:?} in {csv}");
    }
    assert!(csv.contains(",''=already quoted,"), "{csv}");
    assert!(csv.contains(",'plain apostrophe,"), "{csv}");
    assert!(csv.contains(",-1.5,"), "numbers stay numbers: {csv}");
    assert!(csv.contains(",-5,"), "{csv}");
    // Import removes exactly what export added.
    let back = csv_sheet::from_csv(&csv, "Sheet").unwrap().project;
    let mut got: Vec<String> = back.touchpoints().map(|(_, t)| t.title.clone()).collect();
    let mut want: Vec<String> = titles.iter().map(|t| (*t).to_owned()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    for (_, t) in back.touchpoints() {
        assert_eq!(t.notes, "=cmd|' /C calc'!A0");
        assert_eq!(t.pain_points, ["=1+1", "fine"]);
    }
}

#[test]
fn csv_from_a_spreadsheet_with_crlf_and_semicolons_imports() {
    let sheet = "\u{feff}title;stage;emotion\r\n'=Checks balance;Research;-1,5\r\n\"Two\r\nlines\";Purchase;2\r\n";
    let project = csv_sheet::from_csv(sheet, "t").unwrap().project;
    let mut titles: Vec<String> = project
        .touchpoints()
        .map(|(_, t)| t.title.clone())
        .collect();
    titles.sort();
    assert_eq!(titles, ["=Checks balance", "Two\r\nlines"]);
}
