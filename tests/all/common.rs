//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// The bundled example projects.
pub fn example_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 3,
        "expected at least three examples in {dir:?}"
    );
    paths
}

/// One example by file stem.
pub fn example(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/examples/{stem}.ron"))
}

/// True when golden files should be rewritten (`JOURNEYBOARD_BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("JOURNEYBOARD_BLESS").is_some_and(|v| v == "1")
}

/// The editor, through egui_kittest, on a copy of an example in a temporary folder (kept
/// alive by the returned `TempDir`), after its first frames.
pub fn editor_on_example(
    stem: &str,
) -> (
    egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>,
    tempfile::TempDir,
) {
    use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(format!("{stem}.ron"));
    std::fs::copy(example(stem), &copy).unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().join("recovery"),
    );
    app.open_path(&copy);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1500.0, 900.0))
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness.run();
    (harness, dir)
}

/// A file dropped on the window, as the platform hands it to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A small PNG (8 × 6 pixels) of one colour.
pub fn png(colour: [u8; 3]) -> Vec<u8> {
    encode_png(image::RgbImage::from_pixel(8, 6, image::Rgb(colour)))
}

/// `image` as PNG bytes.
pub fn encode_png(image: image::RgbImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// egui_kittest's renderer interface over the CPU rasterizer.
#[derive(Default)]
pub struct Cpu(journeyboard::export::raster::CpuRenderer);

impl egui_kittest::TestRenderer for Cpu {
    fn handle_delta(&mut self, delta: &mut egui::epaint::textures::TexturesDelta) {
        self.0.update_textures(delta);
        self.0.free_textures(delta);
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * ppp;
        let primitives = ctx.tessellate(output.shapes.clone(), ppp);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut canvas = journeyboard::export::raster::Canvas::new(
            size.x.round() as usize,
            size.y.round() as usize,
            egui::Color32::BLACK,
        );
        self.0.paint(&mut canvas, &primitives, ppp);
        Ok(canvas.into_image())
    }
}

/// File → Export…, through the menu.
pub fn open_export_dialog(
    harness: &mut egui_kittest::Harness<'static, journeyboard::ui::JourneyboardApp>,
) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export… (PNG").click();
    harness.run();
}
