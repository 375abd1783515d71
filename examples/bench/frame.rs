//! One full editor frame, as the user's window runs it: the whole app's UI at 1600 × 1000
//! points (menus, side panel, palette, canvas, status bar), then tessellation into
//! triangles. Only the GPU upload is left out. Shared by `bench frame` and the `frames`
//! example (for profilers).

use journeyboard::ui::{JourneyboardApp, NoDialogs, Settings};

/// The window size every frame benchmark uses.
pub const WINDOW: egui::Vec2 = egui::vec2(1600.0, 1000.0);

/// Which part of the board is in the window.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    /// "Fit to content" (what opening a project shows).
    Fit,
    /// 100 % zoom on the top of the third lane.
    Actual,
}

impl View {
    /// The name in the benchmark's output: `fit` or `100`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fit => "fit",
            Self::Actual => "100",
        }
    }
}

/// An editor with a generated journey of `touchpoints` open, viewed as `view`, after the
/// frames that fit it and settle its layout.
pub struct Editor {
    app: JourneyboardApp,
    ctx: egui::Context,
    _recovery: tempfile::TempDir,
}

impl Editor {
    /// The editor on `synthetic(touchpoints, 1)`.
    pub fn new(touchpoints: usize, view: View) -> anyhow::Result<Self> {
        Self::with_labels(touchpoints, view, false)
    }

    /// Like [`Self::new`]; with `labels`, every link has a label wider than the gap
    /// between lanes, so each one searches for a clear spot.
    pub fn with_labels(touchpoints: usize, view: View, labels: bool) -> anyhow::Result<Self> {
        let recovery = tempfile::tempdir()?;
        let mut project = journeyboard::model::generate::synthetic(touchpoints, 1);
        if labels {
            let links: Vec<_> = project.links().map(|(id, l)| (id, l.kind)).collect();
            for (id, kind) in links {
                project.set_link_meta(id, kind, Some("asks the team for a callback".to_owned()))?;
            }
        }
        let mut app = JourneyboardApp::new(
            Box::new(NoDialogs::default()),
            Settings::default(),
            recovery.path().join("recovery"),
        );
        app.set_project(project, None);
        let mut editor = Self {
            app,
            ctx: egui::Context::default(),
            _recovery: recovery,
        };
        editor.frame(); // fits the board
        if view == View::Actual {
            editor.app.view_board_at(
                egui::pos2(journeyboard::board::LANE_WIDTH * 2.5, 400.0),
                1.0,
            );
        }
        // egui settles sizes over the first frames (panels, text caches).
        for _ in 0..3 {
            editor.frame();
        }
        Ok(editor)
    }

    /// The editor on the project file at `path` (its pictures read from beside it),
    /// showing the board centred on `centre` at `zoom`, after the frames that settle it.
    #[allow(dead_code, reason = "the bench uses it; the frames example does not")]
    pub fn open(path: &std::path::Path, centre: egui::Pos2, zoom: f32) -> anyhow::Result<Self> {
        let recovery = tempfile::tempdir()?;
        let mut app = JourneyboardApp::new(
            Box::new(NoDialogs::default()),
            Settings::default(),
            recovery.path().join("recovery"),
        );
        app.open_path(path);
        if let Some(message) = app.error_message() {
            anyhow::bail!("{}: {message}", path.display());
        }
        let mut editor = Self {
            app,
            ctx: egui::Context::default(),
            _recovery: recovery,
        };
        editor.frame();
        editor.app.view_board_at(centre, zoom);
        for _ in 0..3 {
            editor.frame();
        }
        Ok(editor)
    }

    /// The app, for benchmarks that look at or steer it between frames.
    #[allow(dead_code, reason = "the bench uses it; the frames example does not")]
    pub fn app(&mut self) -> &mut JourneyboardApp {
        &mut self.app
    }

    /// Runs one frame: the app's UI and tessellation.
    pub fn frame(&mut self) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW)),
            ..egui::RawInput::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.ui_root(ui));
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        std::hint::black_box(primitives);
        output.textures_delta.clear();
    }
}
