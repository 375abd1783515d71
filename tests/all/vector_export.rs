//! SVG and PDF export: structure people and tools can work with, real text, embedded
//! fonts, tagging, the command line, and no partial file on failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::BTreeSet;
use std::process::Command;

use journeyboard::board;
use journeyboard::export::{self, ExportOptions, Format, Layout};
use journeyboard::file;
use journeyboard::model::Project;

fn cafe() -> (Project, std::path::PathBuf) {
    let path = common::example("cafe-order-ahead");
    (file::load(&path).unwrap(), path)
}

fn bytes(
    project: &Project,
    path: &std::path::Path,
    options: ExportOptions,
    format: Format,
) -> Vec<u8> {
    export::vector_bytes(project, options, path.parent(), format)
        .unwrap()
        .1
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f32 {
    node.attribute(name).unwrap().parse().unwrap()
}

#[test]
fn an_svg_has_a_group_per_card_with_its_outline_first_and_a_path_per_link() {
    let (project, path) = cafe();
    let svg = String::from_utf8(bytes(
        &project,
        &path,
        ExportOptions::default(),
        Format::Svg,
    ))
    .unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let size = export::picture_size(&project, ExportOptions::default());
    assert_eq!(number(root, "width"), size.x);

    // Cards: one group each, its first <rect> exactly the card's outline, its text real.
    let cards: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("card"))
        .collect();
    assert_eq!(cards.len(), project.touchpoint_count());
    let mut seen = BTreeSet::new();
    for card in &cards {
        let id: u64 = card.attribute("data-touchpoint").unwrap().parse().unwrap();
        assert!(seen.insert(id), "touchpoint {id} has two groups");
        let t = project
            .touchpoint(journeyboard::model::TouchpointId(id))
            .unwrap();
        let expected = board::card_rect(&project, t)
            .unwrap()
            .translate(export::board_origin().to_vec2());
        let outline = card
            .descendants()
            .find(|n| n.has_tag_name("rect"))
            .expect("a card group has a rect");
        assert_eq!(
            (
                number(outline, "x"),
                number(outline, "y"),
                number(outline, "width"),
                number(outline, "height")
            ),
            (
                expected.min.x,
                expected.min.y,
                expected.width(),
                expected.height()
            ),
            "card {id}"
        );
        assert!(card.attribute("transform").is_none());
        // Each row is one <text>, its words <tspan>s.
        let text: Vec<String> = card
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|row| {
                row.descendants()
                    .filter(roxmltree::Node::is_text)
                    .filter_map(|n| n.text())
                    .collect()
            })
            .collect();
        assert!(
            words(&text.join(" ")).contains(&words(&t.title)),
            "card {id}: {text:?} lacks {:?}",
            t.title
        );
    }

    // Links: one path each with its ends, from card edge to card edge, no transforms.
    let links: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("link"))
        .collect();
    assert_eq!(links.len(), project.link_count());
    let expected: BTreeSet<(u64, u64)> = project.links().map(|(_, l)| (l.from.0, l.to.0)).collect();
    let found: BTreeSet<(u64, u64)> = links
        .iter()
        .map(|n| {
            (
                n.attribute("data-from").unwrap().parse().unwrap(),
                n.attribute("data-to").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    let outline = |id: u64| {
        let t = project
            .touchpoint(journeyboard::model::TouchpointId(id))
            .unwrap();
        board::card_rect(&project, t)
            .unwrap()
            .translate(export::board_origin().to_vec2())
    };
    let on_edge = |r: egui::Rect, p: egui::Pos2| {
        let near = |a: f32, b: f32| (a - b).abs() < 0.01;
        ((near(p.x, r.min.x) || near(p.x, r.max.x)) && r.y_range().contains(p.y))
            || ((near(p.y, r.min.y) || near(p.y, r.max.y)) && r.x_range().contains(p.x))
    };
    let mut bent = 0;
    for link in &links {
        let d = link.attribute("d").unwrap();
        // Absolute move, then lines and cubic curves: the route around the cards.
        assert!(d.starts_with("M "), "{d}");
        assert!(
            d.chars()
                .filter(char::is_ascii_alphabetic)
                .all(|c| "MLC".contains(c)),
            "{d}"
        );
        bent += usize::from(d.contains(" C "));
        let numbers: Vec<f32> = d
            .split(|c: char| c.is_ascii_alphabetic() || c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect();
        let (start, end) = (
            egui::pos2(numbers[0], numbers[1]),
            egui::pos2(numbers[numbers.len() - 2], numbers[numbers.len() - 1]),
        );
        let from: u64 = link.attribute("data-from").unwrap().parse().unwrap();
        let to: u64 = link.attribute("data-to").unwrap().parse().unwrap();
        assert!(on_edge(outline(from), start), "{d} starts off card {from}");
        assert!(on_edge(outline(to), end), "{d} ends off card {to}");
        assert!(
            !d.chars().any(|c| "mlcqhvsaz".contains(c)),
            "relative commands in {d}"
        );
        assert!(link.attribute("transform").is_none());
    }
    assert!(bent > 0, "some links turn corners");
    // The dashed kinds keep their dashes as a pattern, not as pieces.
    assert!(
        links
            .iter()
            .any(|n| n.attribute("stroke-dasharray").is_some())
    );

    // The font is embedded, the pictures too, and nothing is drawn as a raster of text.
    assert!(svg.contains("@font-face") && svg.contains("data:font/ttf;base64,"));
    let pictures = doc
        .descendants()
        .filter(|n| n.has_tag_name("image"))
        .count();
    let with_picture = project
        .touchpoints()
        .filter(|(_, t)| t.picture.is_some())
        .count();
    assert_eq!(pictures, with_picture);
    assert_eq!(
        doc.descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text()),
        Some(project.title.as_str())
    );
}

#[test]
fn the_storyboard_layout_and_dark_theme_come_out_as_svg_too() {
    let (project, path) = cafe();
    let options = ExportOptions {
        layout: Layout::Storyboard,
        theme: board::BoardTheme::Dark,
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(bytes(&project, &path, options, Format::Svg)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let cards = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("card"))
        .count();
    assert_eq!(cards, project.touchpoint_count());
    let background = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("background"))
        .unwrap();
    let [r, g, b, _] = board::BoardTheme::Dark.canvas_colour().to_array();
    assert_eq!(
        background.attribute("fill"),
        Some(format!("#{r:02x}{g:02x}{b:02x}").as_str())
    );
}

#[test]
fn a_pdf_embeds_its_fonts_its_text_can_be_found_and_it_is_tagged() {
    let (project, path) = cafe();
    let pdf = bytes(&project, &path, ExportOptions::default(), Format::Pdf);
    let doc = lopdf::Document::load_mem(&pdf).expect("the PDF can be read");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let text = words(&page_text(&doc));
    // Latin text is found by its glyphs, which text tools place where they are drawn: no
    // span stands in for it with ActualText (poppler gave such words no size and read
    // them in reverse order).
    let (_, first) = pages.iter().next().unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(*first).unwrap()).unwrap();
    let stood_in: Vec<String> = content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(span_actual_text)
        .collect();
    assert!(stood_in.is_empty(), "{stood_in:?}");
    for (_, t) in project.touchpoints() {
        // Titles may wrap onto two rows; every word is there.
        for word in t.title.split_whitespace() {
            assert!(
                text.contains(word),
                "{word:?} of {:?} not in the PDF text",
                t.title
            );
        }
    }
    assert!(text.contains(&words(&project.title)));

    // Every font is embedded (a font file in each descriptor), and the page is tagged
    // with the journey's title.
    let mut descriptors = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor")
        {
            descriptors += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "a font is not embedded: {dict:?}"
            );
        }
    }
    assert!(descriptors > 0);
    let catalog = doc.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"), "the PDF is not tagged");
    let mark_info = catalog.get(b"MarkInfo").unwrap();
    let mark_info = match mark_info {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        other => other.as_dict().unwrap(),
    };
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<dc:title>") || raw.contains("/Title"));
}

#[test]
fn text_in_every_script_comes_out_as_typed_in_pdf_and_svg() {
    let path = common::example("global-hotel-stay");
    let project = file::load(&path).unwrap();
    let pdf = bytes(&project, &path, ExportOptions::default(), Format::Pdf);
    let text = words(&page_text(&lopdf::Document::load_mem(&pdf).unwrap()));
    let svg = String::from_utf8(bytes(
        &project,
        &path,
        ExportOptions::default(),
        Format::Svg,
    ))
    .unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let svg_text: String = doc
        .descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    // Hebrew, Arabic, Devanagari, Thai, CJK, Greek, Cyrillic: each word of each title,
    // letters in typing order (right-to-left words too), in both files.
    for (_, t) in project.touchpoints() {
        // Pieces in another font (a hyphen in a Devanagari word) are spans of their own,
        // read here with a space between them.
        let joined: String = text.split_whitespace().collect();
        for word in t.title.split_whitespace() {
            assert!(
                joined.contains(word),
                "PDF lacks {word:?} of {:?}: {text}",
                t.title
            );
            assert!(
                svg_text
                    .split_whitespace()
                    .collect::<String>()
                    .contains(word),
                "SVG lacks {word:?} of {:?}",
                t.title
            );
        }
    }
    // One embedded font per script the board uses, beside the bundled one.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let fonts = doc.get_page_fonts(doc.get_pages()[&1]).unwrap().len();
    assert!(fonts >= 6, "{fonts} fonts");
}

/// A marked-content span's ActualText: UTF-16BE with a byte-order mark, or
/// PDFDocEncoding (ASCII here).
fn span_actual_text(op: &lopdf::content::Operation) -> Option<String> {
    let properties = op.operands.get(1)?.as_dict().ok()?;
    let lopdf::Object::String(bytes, _) = properties.get(b"ActualText").ok()? else {
        return None;
    };
    Some(if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    })
}

/// The text a PDF reader finds on the first page, in content order: a span's ActualText
/// where it has one (a reader takes the outermost span's for all inside it), else each
/// font's codes read through its ToUnicode map (lopdf's own extractor cannot parse
/// krilla's maps).
fn page_text(doc: &lopdf::Document) -> String {
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let mut maps = std::collections::HashMap::new();
    for (name, font) in doc.get_page_fonts(page).unwrap() {
        let reference = font.get(b"ToUnicode").unwrap().as_reference().unwrap();
        let stream = doc.get_object(reference).unwrap().as_stream().unwrap();
        let cmap = String::from_utf8_lossy(&stream.decompressed_content().unwrap()).into_owned();
        maps.insert(name, to_unicode(&cmap));
    }
    let content = lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
    let mut font = Vec::new();
    let mut out = String::new();
    // How deep in marked content, and the depth of a span whose ActualText stands for
    // what is inside it.
    let (mut depth, mut replaced) = (0_usize, None);
    for op in content.operations {
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                depth += 1;
                if replaced.is_none()
                    && op.operator == "BDC"
                    && let Some(text) = span_actual_text(&op)
                {
                    out.push_str(&text);
                    out.push(' ');
                    replaced = Some(depth);
                }
            }
            "EMC" => {
                if replaced == Some(depth) {
                    replaced = None;
                }
                depth = depth.saturating_sub(1);
            }
            "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
            "Tj" | "TJ" if replaced.is_some() => {}
            "Tj" | "TJ" => {
                let map = &maps[&font];
                let mut strings = Vec::new();
                for operand in &op.operands {
                    match operand {
                        lopdf::Object::String(bytes, _) => strings.push(bytes.clone()),
                        lopdf::Object::Array(items) => strings.extend(
                            items
                                .iter()
                                .filter_map(|i| i.as_str().ok().map(<[u8]>::to_vec)),
                        ),
                        _ => {}
                    }
                }
                for bytes in strings {
                    for code in bytes.chunks(2) {
                        let code = u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                        out.push_str(map.get(&code).map_or("\u{fffd}", String::as_str));
                    }
                }
            }
            "ET" => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// A ToUnicode map's `bfchar` entries (krilla writes no ranges).
fn to_unicode(cmap: &str) -> std::collections::HashMap<u16, String> {
    let mut map = std::collections::HashMap::new();
    let mut in_chars = false;
    for line in cmap.lines() {
        if line.ends_with("beginbfchar") {
            in_chars = true;
        } else if line.ends_with("endbfchar") {
            in_chars = false;
        } else if in_chars {
            let parts: Vec<&str> = line
                .split(['<', '>'])
                .filter(|p| !p.trim().is_empty())
                .collect();
            let code = u16::from_str_radix(parts[0], 16).unwrap();
            let units: Vec<u16> = parts[1]
                .as_bytes()
                .chunks(4)
                .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                .collect();
            map.insert(code, String::from_utf16(&units).unwrap());
        }
    }
    assert!(!map.is_empty(), "an empty ToUnicode map: {cmap}");
    map
}

#[test]
fn the_command_line_writes_svg_and_pdf_by_name_and_refuses_what_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::example("bank-account-opening");
    for name in ["board.svg", "board.PDF"] {
        let out = dir.path().join(name);
        let result = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args([
                "export".as_ref(),
                example.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ])
            .args(["--theme", "dark", "--layout", "storyboard"])
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        let written = std::fs::read(&out).unwrap();
        if name.ends_with("svg") {
            assert!(written.starts_with(b"<?xml"));
        } else {
            assert!(written.starts_with(b"%PDF-"));
        }
        assert!(String::from_utf8_lossy(&result.stdout).contains("points"));
    }

    // A name and --format that disagree; a folder as the output; a folder that is not
    // there: a clear error and no file.
    let clash = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args(["export".as_ref(), example.as_os_str(), "-o".as_ref()])
        .arg(dir.path().join("b.svg"))
        .args(["--format", "pdf"])
        .output()
        .unwrap();
    assert!(!clash.status.success());
    assert!(String::from_utf8_lossy(&clash.stderr).contains("--format pdf"));
    assert!(!dir.path().join("b.svg").exists());

    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let onto_folder = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args([
            "export".as_ref(),
            example.as_os_str(),
            "-o".as_ref(),
            folder.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(!onto_folder.status.success());
    assert!(!String::from_utf8_lossy(&onto_folder.stderr).is_empty());
    assert!(folder.is_dir());

    let missing = dir.path().join("no-such-folder").join("board.svg");
    let result = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args([
            "export".as_ref(),
            example.as_os_str(),
            "-o".as_ref(),
            missing.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("no-such-folder"));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        left.len(),
        3,
        "only the two exports and the folder: {left:?}"
    );
}

#[test]
fn an_old_svg_or_pdf_is_kept_when_a_new_one_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("board.svg");
    std::fs::write(&out, b"previous").unwrap();
    // A picture file the export cannot read is a warning, not a failure; an unreadable
    // project is a failure and leaves the old file as it was.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, b"(not a project").unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_journeyboard"))
        .args([
            "export".as_ref(),
            broken.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(!result.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), b"previous");
}

#[test]
fn pages_hold_whole_stages_and_never_cut_a_card() {
    for (path, size) in [
        (common::example("cafe-order-ahead"), board::PageSize::Wide),
        (common::example("bank-account-opening"), board::PageSize::A4),
        (
            common::example("global-hotel-stay"),
            board::PageSize::Standard,
        ),
    ] {
        let project = file::load(&path).unwrap();
        for insights in [true, false] {
            let pages = board::pages(&project, size, shows(insights));
            assert!(!pages.is_empty());
            for (i, page) in pages.iter().enumerate() {
                assert_eq!((page.number, page.count), (i + 1, pages.len()));
            }
            // Every card is on exactly one page, whole.
            for (id, t) in project.touchpoints() {
                let lane = project.stage_index(&t.stage).unwrap();
                let rect = board::card_rect(&project, t).unwrap();
                let (top, bottom) = (
                    rect.min.y - board::HEADER_HEIGHT,
                    rect.max.y - board::HEADER_HEIGHT,
                );
                let holding = pages
                    .iter()
                    .filter(|p| {
                        p.stages.contains(&lane) && p.band.start <= top && bottom <= p.band.end
                    })
                    .count();
                assert_eq!(holding, 1, "{id} in {path:?} on {size:?}");
                let cut = pages
                    .iter()
                    .filter(|p| {
                        p.stages.contains(&lane) && p.band.start < bottom && top < p.band.end
                    })
                    .count();
                assert_eq!(cut, 1, "{id} in {path:?} is cut across pages");
            }
            // No page of a column of lanes is empty below the first.
            for page in pages.iter().filter(|p| p.band.start > 0.0) {
                let any = project.touchpoints().any(|(_, t)| {
                    let lane = project.stage_index(&t.stage).unwrap();
                    let top = board::card_rect(&project, t).unwrap().min.y - board::HEADER_HEIGHT;
                    page.stages.contains(&lane) && page.band.contains(&top)
                });
                assert!(any, "page {} of {path:?} on {size:?} is empty", page.number);
            }
            // Every stage is on a page, whole stages side by side.
            let mut stages: Vec<usize> = pages.iter().flat_map(|p| p.stages.clone()).collect();
            stages.sort_unstable();
            stages.dedup();
            assert_eq!(stages, (0..project.stages().len()).collect::<Vec<_>>());
        }
    }
}

#[test]
fn the_command_line_writes_numbered_pages_and_one_pdf_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::example("cafe-order-ahead");
    let project = file::load(&example).unwrap();
    let count = board::pages(&project, board::PageSize::Wide, shows(true)).len();
    assert!(count >= 2, "the café board is taller than a slide");
    let run = |name: &str, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_journeyboard"))
            .args(["export".as_ref(), example.as_os_str(), "-o".as_ref()])
            .arg(dir.path().join(name))
            .args(extra)
            .output()
            .unwrap()
    };
    let result = run("slides.png", &["--page", "16:9"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for n in 1..=count {
        let page = image::open(dir.path().join(format!("slides-{n:02}.png"))).unwrap();
        assert_eq!((page.width(), page.height()), (1920, 1080));
    }
    assert!(!dir.path().join("slides.png").exists());
    assert!(
        !dir.path()
            .join(format!("slides-{:02}.png", count + 1))
            .exists()
    );

    let result = run("slides.svg", &["--page", "4:3", "--theme", "dark"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let first = std::fs::read_to_string(dir.path().join("slides-01.svg")).unwrap();
    let doc = roxmltree::Document::parse(&first).unwrap();
    assert_eq!(number(doc.root_element(), "width"), 1440.0);
    // Every page names its curve and its scale, also pages of later stages.
    let pages_43 = board::pages(&project, board::PageSize::Standard, shows(true));
    let later = pages_43
        .iter()
        .position(|p| p.stages.start > 0)
        .expect("the café's five stages do not fit a 4:3 page");
    let later =
        std::fs::read_to_string(dir.path().join(format!("slides-{:02}.svg", later + 1))).unwrap();
    let later = roxmltree::Document::parse(&later).unwrap();
    let text: String = later
        .descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    for wanted in ["Emotion", "curve", "+2", "−2"] {
        assert!(
            text.contains(wanted),
            "{wanted:?} missing on a later page: {text}"
        );
    }
    // … where the page shows it (the SVG keeps text a clip hides, so look at its place).
    let title_x: f32 = later
        .descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .find(|n| n.text() == Some("Emotion "))
        .and_then(|n| n.attribute("x"))
        .and_then(|x| x.split_whitespace().next())
        .map(|x| x.parse().unwrap())
        .expect("the curve's title");
    assert!(
        (32.0..300.0).contains(&title_x),
        "the curve's title is at x = {title_x}"
    );

    let result = run("print.pdf", &["--page", "a4"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pdf = lopdf::Document::load(dir.path().join("print.pdf")).unwrap();
    let a4 = board::pages(&project, board::PageSize::A4, shows(true)).len();
    assert_eq!(pdf.get_pages().len(), a4);
    assert!(String::from_utf8_lossy(&result.stdout).contains(&format!("({a4} pages)")));
    // A4 landscape prints at its true size: 297 × 210 mm.
    let (_, first_page) = pdf.get_pages().into_iter().next().unwrap();
    let media = pdf
        .get_dictionary(first_page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap();
    let media: Vec<f32> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    assert!(
        (media[2] - 842.25).abs() < 1.0 && (media[3] - 595.5).abs() < 1.0,
        "{media:?}"
    );

    // The storyboard on 16:9 pages: whole rows of frames, every frame once.
    let result = run("story.png", &["--page", "16:9", "--layout", "storyboard"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let story = board::storyboard_pages(&project, board::PageSize::Wide);
    for n in 1..=story.len() {
        let page = image::open(dir.path().join(format!("story-{n:02}.png"))).unwrap();
        assert_eq!((page.width(), page.height()), (1920, 1080));
    }
    // As one PDF, the page count said is the storyboard's, not the lane map's.
    let result = run(
        "story.pdf",
        &["--page", "16:9", "--layout", "storyboard", "--no-insights"],
    );
    let frames = board::storyboard_pages(&project, board::PageSize::Wide).len();
    assert_ne!(
        frames,
        board::pages(&project, board::PageSize::Wide, shows(false)).len()
    );
    let pdf = lopdf::Document::load(dir.path().join("story.pdf")).unwrap();
    assert_eq!(pdf.get_pages().len(), frames);
    assert!(
        String::from_utf8_lossy(&result.stdout).contains(&format!("({frames} pages)")),
        "{}",
        String::from_utf8_lossy(&result.stdout)
    );
    let rows: Vec<usize> = story.iter().flat_map(|p| p.rows.clone()).collect();
    let all_rows = project.touchpoint_count().div_ceil(board::FRAMES_PER_ROW);
    assert_eq!(rows, (0..all_rows).collect::<Vec<_>>());
    assert!(story.len() >= 2);

    // The storyboard on a page narrower than its rows, pages of a sheet, or pages to
    // standard output are refused.
    for (name, extra, says) in [
        (
            "narrow.png",
            &["--page", "a4", "--layout", "storyboard"][..],
            "wider than the page",
        ),
        (
            "sheet.csv",
            &["--page", "16:9"][..],
            "--page applies to pictures",
        ),
        (
            "-",
            &["--page", "16:9", "--format", "pdf"][..],
            "standard output",
        ),
    ] {
        let out = if name == "-" {
            Command::new(env!("CARGO_BIN_EXE_journeyboard"))
                .args([
                    "export".as_ref(),
                    example.as_os_str(),
                    "-o".as_ref(),
                    "-".as_ref(),
                ])
                .args(extra)
                .output()
                .unwrap()
        } else {
            run(name, extra)
        };
        assert!(!out.status.success(), "{name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!dir.path().join("narrow-01.png").exists());
}

/// What pages show: the curve and the legend (`both`), or neither.
fn shows(both: bool) -> board::PosterOptions {
    ExportOptions {
        insights: both,
        legend: both,
        ..ExportOptions::default()
    }
    .poster()
}

/// Pages without the legend: none of its text on a page, and the board part takes its
/// room (a page shows more of a tall board's lanes).
#[test]
fn pages_leave_out_the_legend_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::example("cafe-order-ahead");
    let with = |legend: bool| {
        ExportOptions {
            legend,
            ..ExportOptions::default()
        }
        .poster()
    };
    // Cards 8 points apart: a band can be cut anywhere, so a page without the legend
    // shows more of the lanes.
    let mut tall = journeyboard::model::generate::synthetic(600, 2);
    let ids: Vec<_> = tall.touchpoints().map(|(id, _)| id).collect();
    let mut rows = std::collections::HashMap::new();
    for id in ids {
        let t = tall.touchpoint_mut(id).unwrap();
        let row: &mut f32 = rows.entry(t.stage.clone()).or_insert(0.0);
        t.position.y = *row;
        *row += board::CARD_SIZE.y + 8.0;
    }
    let on = board::pages(&tall, board::PageSize::Wide, with(true));
    let off = board::pages(&tall, board::PageSize::Wide, with(false));
    assert!(
        off.len() < on.len(),
        "{} pages without, {} with",
        off.len(),
        on.len()
    );
    let height = |pages: &[board::Page]| pages[0].band.end - pages[0].band.start;
    assert!(
        height(&off) > height(&on),
        "the first page shows {} points of the lanes without the legend, {} with it",
        height(&off),
        height(&on)
    );
    for (legend, name) in [(true, "with.svg"), (false, "without.svg")] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_journeyboard"));
        command
            .arg("export")
            .arg(&example)
            .arg("-o")
            .arg(dir.path().join(name))
            .args(["--page", "16:9"]);
        if !legend {
            command.arg("--no-legend");
        }
        let result = command.output().unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        let first = name.replace(".svg", "-01.svg");
        let page = std::fs::read_to_string(dir.path().join(first)).unwrap();
        assert_eq!(page.contains(">Owners<"), legend, "{name}");
    }
}

/// What a PDF claims and holds for PDF/UA-1: the claim in its XMP metadata, a language, a
/// title shown as the window's title, an outline entry per page, tags.
fn ua_claims(pdf: &[u8]) -> (bool, usize) {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF can be read");
    let raw = String::from_utf8_lossy(pdf);
    let claims = raw.contains("<pdfuaid:part>1</pdfuaid:part>");
    let catalog = doc.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"), "the PDF is not tagged");
    assert!(catalog.has(b"Lang"), "no language");
    let outlines = match catalog.get(b"Outlines") {
        Ok(lopdf::Object::Reference(r)) => doc.get_dictionary(*r).unwrap(),
        other => panic!("no outline: {other:?}"),
    };
    let count = outlines.get(b"Count").unwrap().as_i64().unwrap();
    (claims, usize::try_from(count).unwrap())
}

/// Every example, as one picture and as pages, is written to PDF/UA-1 as krilla checks it
/// (tags, title, language, an outline, every letter in a font); text with a letter no
/// font has is written as a tagged PDF that does not claim it, and the export says why.
#[test]
fn pdfs_are_pdf_ua_1_unless_a_letter_has_no_font() {
    let dir = tempfile::tempdir().unwrap();
    for path in common::example_paths() {
        let project = file::load(&path).unwrap();
        let pdf = bytes(&project, &path, ExportOptions::default(), Format::Pdf);
        assert_eq!(ua_claims(&pdf), (true, 1), "{}", path.display());
        let out = dir.path().join("deck.pdf");
        let pages = export::write_pages(
            &project,
            ExportOptions::default(),
            path.parent(),
            Format::Pdf,
            board::PageSize::A4,
            &out,
        )
        .unwrap();
        assert!(
            !pages.outcome.warnings.iter().any(|w| w.contains("PDF/UA")),
            "{:?}",
            pages.outcome.warnings
        );
        let deck = std::fs::read(&out).unwrap();
        assert_eq!(ua_claims(&deck), (true, pages.count), "{}", path.display());
    }
    // A private-use letter no font draws: tagged, no claim, and a warning naming it.
    let mut project = file::load(&common::example("cafe-order-ahead")).unwrap();
    project.title = "\u{e000} Café".to_owned();
    let out = dir.path().join("odd.pdf");
    let outcome = export::write(
        &project,
        ExportOptions::default(),
        None,
        Format::Pdf,
        &file::Destination::Path(out.clone()),
    )
    .unwrap();
    assert!(
        outcome
            .warnings
            .iter()
            .any(|w| w.contains("not PDF/UA-1") && w.contains("U+E000")),
        "{:?}",
        outcome.warnings
    );
    assert!(!ua_claims(&std::fs::read(&out).unwrap()).0);
}

/// Text egui shortens with an ellipsis (a page's footnotes cut to their column) keeps
/// each letter where the PNG has it, and the ellipsis, instead of every word at the
/// row's start.
#[test]
fn shortened_text_keeps_its_letters_where_the_png_draws_them() {
    let project = file::load(&common::example("bank-account-opening")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.svg");
    let written = export::write_pages(
        &project,
        ExportOptions::default(),
        None,
        Format::Svg,
        board::PageSize::Wide,
        &out,
    )
    .unwrap();
    let mut shortened = Vec::new();
    for file in &written.files {
        let svg = std::fs::read_to_string(file).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let mut xs = Vec::new();
            let mut words = String::new();
            for tspan in text.children().filter(|n| n.has_tag_name("tspan")) {
                let x: Vec<f32> = tspan
                    .attribute("x")
                    .unwrap()
                    .split_whitespace()
                    .map(|x| x.parse().unwrap())
                    .collect();
                let word = tspan.text().unwrap_or_default();
                // Each letter placed, not the word from a guessed start.
                assert_eq!(x.len(), word.chars().count(), "{word:?} at {x:?}");
                xs.extend(x);
                words.push_str(word);
            }
            // The example is written left to right: no letter left of the one before.
            assert!(
                xs.windows(2).all(|w| w[0] <= w[1]),
                "{words:?} has letters at {xs:?}"
            );
            if words.ends_with('…') {
                shortened.push(words);
            }
        }
    }
    assert!(
        shortened
            .iter()
            .any(|w| w.starts_with("friend hears about us  (Refers a friend")),
        "a footnote was shortened: {shortened:?}"
    );
}

/// Pages outline the moments of truth in red as the whole picture does, unless insights
/// are left out.
#[test]
fn pages_outline_the_moments_of_truth_with_insights() {
    let project = file::load(&common::example("bank-account-opening")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The halo's red, as the card painter strokes it.
    let halo = |insights: bool| {
        let out = dir.path().join(format!("deck-{insights}.svg"));
        let options = ExportOptions {
            insights,
            ..ExportOptions::default()
        };
        let written = export::write_pages(
            &project,
            options,
            None,
            Format::Svg,
            board::PageSize::Wide,
            &out,
        )
        .unwrap();
        written
            .files
            .iter()
            .map(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .matches("stroke=\"#d64545\"")
                    .count()
            })
            .sum::<usize>()
    };
    let whole = String::from_utf8(bytes(
        &project,
        &common::example("bank-account-opening"),
        ExportOptions::default(),
        Format::Svg,
    ))
    .unwrap()
    .matches("stroke=\"#d64545\"")
    .count();
    assert!(whole > 0, "the whole picture outlines them");
    assert_eq!(halo(true), whole, "every outline is on a page");
    assert_eq!(halo(false), 0);
}

/// Pages written over an earlier export's with fewer pages say which of the old ones are
/// left, so they are not sent as part of the deck.
#[test]
fn fewer_pages_over_more_say_which_old_pages_are_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.png");
    let write = |stem: &str, size| {
        let project = file::load(&common::example(stem)).unwrap();
        export::write_pages(
            &project,
            ExportOptions::default(),
            None,
            Format::Png,
            size,
            &out,
        )
        .unwrap()
    };
    let many = write("theme-park-family-visit", board::PageSize::A4);
    assert!(many.count > 3, "{}", many.count);
    assert!(
        many.outcome.warnings.is_empty(),
        "{:?}",
        many.outcome.warnings
    );
    // Someone's own file with a name like a page's is not one of them.
    std::fs::write(dir.path().join("deck-notes.png"), b"mine").unwrap();
    let few = write("cafe-order-ahead", board::PageSize::Wide);
    assert_eq!(few.count, 2);
    let expected = format!(
        "deck-03.png … deck-{:02}.png ({} files) beside the new pages are numbered like \
         pages of an earlier export",
        many.count,
        many.count - 2
    );
    assert!(
        few.outcome
            .warnings
            .iter()
            .any(|w| w.starts_with(&expected)),
        "{:?}",
        few.outcome.warnings
    );
    // The old pages are left as they were: nothing but the new pages is touched.
    assert!(
        dir.path()
            .join(format!("deck-{:02}.png", many.count))
            .exists()
    );
    let again = write("theme-park-family-visit", board::PageSize::A4);
    assert!(
        again.outcome.warnings.is_empty(),
        "{:?}",
        again.outcome.warnings
    );
    // Pages of a longer export are numbered with more digits: deck-001 is not deck-01.
    std::fs::write(dir.path().join("deck-001.png"), b"old").unwrap();
    let wider = write("theme-park-family-visit", board::PageSize::A4);
    assert!(
        wider.outcome.warnings.iter().any(|w| w.starts_with(
            "deck-001.png beside the new pages is numbered like pages of an earlier export"
        )),
        "{:?}",
        wider.outcome.warnings
    );
}

/// A journey with no stages has no lanes to cut: pages, and the dialog's preview of the
/// first, are refused with what to do, and nothing is written.
#[test]
fn pages_of_a_journey_with_no_stages_are_refused() {
    // Stages go once their cards have (as in the editor, where the last can go too).
    let mut project = Project::new("Empty");
    let keys: Vec<String> = project.stages().iter().map(|s| s.id.to_string()).collect();
    for key in keys {
        project.remove_stage(&key);
    }
    assert!(project.stages().is_empty());
    assert!(board::pages(&project, board::PageSize::Wide, shows(true)).is_empty());
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Png, Format::Svg, Format::Pdf] {
        let out = dir.path().join(format!("deck.{}", format.extension()));
        let options = ExportOptions::default();
        let err = export::write_pages(&project, options, None, format, board::PageSize::Wide, &out)
            .unwrap_err();
        assert!(err.to_string().contains("no stages"), "{err}");
    }
    let preview = export::render_first_page(
        &project,
        ExportOptions::default(),
        None,
        board::PageSize::A4,
    );
    assert!(matches!(preview, Err(e) if e.to_string().contains("no stages")));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
