//! The desktop app: step through a run on a Gantt timeline (eframe/egui).
//!
//! It reads only the event log ([`crate::trace`]) and the shared, egui-free
//! [`crate::layout`]; the runtime is used only to run a scenario.
//!
//! | module | owns |
//! |--------|------|
//! | [`state`] | the egui-free state logic: cursor and playback, source lines per task, event filter, recent files, persisted settings |
//! | [`document`] | an opened log and what is derived from it (timeline, layouts per axis, explanations, source) |
//! | [`timeline`] | painting a layout inside `egui_plot`, culled to what is visible |
//! | [`panels`] | the scenario picker, the source and the event log |
//! | [`live`] | a real-clock run shown as it grows |
//! | [`app`] | the window: menus, toolbar, keyboard, tooltips, screenshots |
//!
//! [`run`] opens the window; [`TasklineApp`] is also driven headless by the
//! kittest tests and the frame benchmark through [`TasklineApp::ui_root`].

pub mod app;
pub mod document;
pub mod live;
pub mod panels;
pub mod state;
pub mod timeline;

use std::path::PathBuf;

pub use app::TasklineApp;

/// How to open the window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaunchOptions {
    /// A scenario id or a log file; `None`: the last one, else the first scenario.
    pub target: Option<String>,
    /// Save the window as PNG here once it has rendered, then exit.
    pub screenshot: Option<PathBuf>,
    /// Put the cursor on this event first (`None`: the first event; past the end: the last).
    pub step: Option<u32>,
    /// The window's inner size in points.
    pub size: Option<[f32; 2]>,
    /// Dark or light for the screenshot (`None`: as saved, else the system's).
    pub dark: Option<bool>,
    /// Open the "Why?" window on the event at the cursor.
    pub why: bool,
}

/// Parses `WxH` (e.g. `1280x800`).
///
/// # Examples
/// ```
/// assert_eq!(taskline::gui::parse_size("1280x800"), Ok([1280.0, 800.0]));
/// assert!(taskline::gui::parse_size("big").is_err());
/// ```
pub fn parse_size(s: &str) -> Result<[f32; 2], String> {
    let (w, h) =
        s.trim().split_once(['x', 'X']).ok_or_else(|| format!("expected WIDTHxHEIGHT, e.g. 1280x800, not '{s}'"))?;
    let parse = |v: &str| -> Result<f32, String> {
        match v.trim().parse::<u32>() {
            Ok(n) if (200..=8192).contains(&n) => Ok(n as f32),
            Ok(_) => Err("each side must be between 200 and 8192".to_owned()),
            Err(e) => Err(format!("'{v}': {e}")),
        }
    };
    Ok([parse(w)?, parse(h)?])
}

/// Opens the window and runs until it is closed (or, with a screenshot, until it is saved).
pub fn run(options: LaunchOptions) -> anyhow::Result<()> {
    let size = options.size.unwrap_or([1400.0, 860.0]);
    let screenshot = options.screenshot.clone();
    let viewport = egui::ViewportBuilder::default()
        .with_title("taskline")
        .with_inner_size(size)
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    let native = eframe::NativeOptions {
        viewport,
        // A screenshot shows the defaults, not what the last session left.
        persist_window: screenshot.is_none(),
        ..eframe::NativeOptions::default()
    };
    let result = std::sync::Arc::new(std::sync::Mutex::new(None));
    let result2 = result.clone();
    eframe::run_native(
        "taskline",
        native,
        Box::new(move |cc| {
            let mut settings =
                if screenshot.is_some() { state::Settings::default() } else { app::load_settings(cc.storage) };
            if let Some(dark) = options.dark {
                settings.theme = if dark { state::ThemeChoice::Dark } else { state::ThemeChoice::Light };
            }
            let mut app = TasklineApp::new(settings, options.target.as_deref());
            if let Some(step) = options.step {
                app.player_mut().set(step);
            }
            if options.why {
                let at = app.cursor();
                app.open_why(at);
            }
            if let Some(path) = screenshot {
                app.screenshot_to(path);
            }
            Ok(Box::new(Reporter { app, result: result2 }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    let outcome = result.lock().ok().and_then(|r| r.clone());
    match outcome {
        Some(Err(e)) => Err(anyhow::anyhow!("could not save the screenshot: {e}")),
        None if options.screenshot.is_some() => {
            Err(anyhow::anyhow!("the window closed before the screenshot was taken"))
        }
        _ => Ok(()),
    }
}

/// Passes the screenshot's outcome out of the event loop.
#[derive(Debug)]
struct Reporter {
    app: TasklineApp,
    result: std::sync::Arc<std::sync::Mutex<Option<Result<(), String>>>>,
}

impl eframe::App for Reporter {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(&mut self.app, ui, frame);
        if let Some(r) = self.app.screenshot_result()
            && let Ok(mut slot) = self.result.lock()
        {
            *slot = Some(r);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }
}
