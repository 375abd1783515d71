//! Image snapshots of the editor, rendered by Journeyboard's own CPU rasterizer (the one
//! the PNG export uses), so they need no GPU.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::common::Cpu;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

#[test]
fn editor_snapshot_on_the_cpu_renderer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = JourneyboardApp::new(
        Box::new(NoDialogs::default()),
        Settings::default(),
        dir.path().into(),
    );
    app.open_path(&common::example("bank-account-opening"));
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .renderer(Cpu::default())
        .build_ui_state(|ui, app: &mut JourneyboardApp| app.ui_root(ui), app);
    harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .click();
    harness.run();
    harness.remove_cursor();
    harness.run();

    // The selected card is outlined in the selection colour.
    let image = harness.render().unwrap();
    let card = harness
        .get_by_label("Touchpoint: Calls the contact centre")
        .rect();
    let ppp = harness.ctx.pixels_per_point();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // A third of the way along the top edge (its middle has the top link handle).
    let border = image.get_pixel(
        ((card.min.x + card.width() / 3.0) * ppp) as u32,
        ((card.min.y + 0.5) * ppp) as u32,
    );
    assert_eq!(border.0, [0x1f, 0x7a, 0xe0, 255]);
    harness.snapshot("editor_bank_selected");
}
