//! The app: menus, toolbar, panels and the timeline view around one
//! [`Document`], with the step-through [`Player`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{Color32, Key, RichText, Ui};
use egui_plot::{Plot, PlotBounds};

use crate::layout::{Axis, FutureMode, LegendKey, Theme};
use crate::scenarios;
use crate::trace::explain::fmt_seconds;
use crate::trace::timeline::EndKind;
use crate::trace::{NONE, json};

use super::document::{Document, Origin};
use super::live::LiveRun;
use super::panels::{Action, EventLogPanel, Picker, SourcePanel};
use super::state::{FileWatch, LiveLine, NativeDialog, Player, SPEEDS, Settings, ThemeChoice};
use super::timeline::{
    self as tl_paint, Prepared, TimelineItem, bar_shapes, color, end_shapes, marker_color, marker_shapes,
};

/// The storage key of the settings.
const SETTINGS_KEY: &str = "taskline.settings";

/// Saves a screenshot of the window and closes it (`--screenshot`).
#[derive(Debug)]
pub struct ScreenshotPlan {
    /// Where to write the PNG.
    pub path: PathBuf,
    frames: u32,
    requested: bool,
    /// Set by the screenshot callback: the outcome.
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl ScreenshotPlan {
    /// A plan to save to `path` once the window has settled.
    pub fn new(path: PathBuf) -> ScreenshotPlan {
        ScreenshotPlan { path, frames: 0, requested: false, result: Arc::new(Mutex::new(None)) }
    }

    /// The outcome, once the screenshot was taken.
    pub fn result(&self) -> Option<Result<(), String>> {
        self.result.lock().ok().and_then(|r| r.clone())
    }
}

/// What the hover over the timeline points at.
#[derive(Clone, Debug, PartialEq)]
enum Hit {
    Bar(usize),
    /// A resource row (index in the layout's `resources`) at an x.
    Resource(usize, f64),
    /// The folded resource row (the rows in it) at an x.
    Folded(Vec<usize>, f64),
    Marker(usize),
    End(usize),
}

/// The desktop app; see the module docs of [`crate::gui`].
#[derive(Debug)]
pub struct TasklineApp {
    settings: Settings,
    doc: Option<Document>,
    player: Player,
    picker: Picker,
    source_panel: SourcePanel,
    log_panel: EventLogPanel,
    error: Option<String>,
    open_dialog: Option<String>,
    fit_requested: bool,
    screenshot: Option<ScreenshotPlan>,
    live: Option<LiveRun>,
    last_frame_shapes: usize,
    export: Option<ExportDialog>,
    /// The x range the timeline showed last frame (for "export what is visible").
    view_x: Option<(f64, f64)>,
    /// The timeline's plot transform last frame.
    last_transform: Option<egui_plot::PlotTransform>,
    /// The open file, rerun or reread when it is saved again.
    watch: Option<FileWatch>,
    /// A native open or save dialog that is up.
    native: Option<(NativeDialog, NativePurpose)>,
    /// The event whose "Why?" chain is shown, if any.
    why: Option<u32>,
}

/// What a native file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NativePurpose {
    Open,
    ExportTo,
}

/// The Export dialog: format, file, and which part of the view.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    /// The format.
    pub format: crate::export::Format,
    /// The file to write.
    pub path: String,
    /// Show the run as it stands at the cursor (else the whole run).
    pub at_cursor: bool,
    /// Only the x range the timeline shows.
    pub visible_only: bool,
    /// The outcome of the last export.
    pub message: Option<String>,
}

impl ExportDialog {
    fn new(stem: &str) -> ExportDialog {
        let format = crate::export::Format::Png;
        ExportDialog {
            format,
            path: format!("{stem}{}", format.extension()),
            at_cursor: true,
            visible_only: false,
            message: None,
        }
    }
}

impl Default for TasklineApp {
    fn default() -> TasklineApp {
        TasklineApp {
            settings: Settings::default(),
            doc: None,
            player: Player::new(0),
            picker: Picker::default(),
            source_panel: SourcePanel::default(),
            log_panel: EventLogPanel::default(),
            error: None,
            open_dialog: None,
            fit_requested: true,
            screenshot: None,
            live: None,
            last_frame_shapes: 0,
            export: None,
            view_x: None,
            last_transform: None,
            watch: None,
            native: None,
            why: None,
        }
    }
}

impl TasklineApp {
    /// The app with default settings and nothing open (for tests and benches).
    pub fn new_for_test() -> TasklineApp {
        TasklineApp::default()
    }

    /// The app with `target` open: a scenario id or a log file; `None` opens
    /// the last one (from `settings`) or the first scenario.
    pub fn new(settings: Settings, target: Option<&str>) -> TasklineApp {
        let mut app = TasklineApp { settings, ..TasklineApp::default() };
        app.player.speed = app.settings.speed;
        let target = target.map(str::to_owned).or_else(|| app.settings.last_opened.clone());
        match target {
            Some(t) => app.open_target(&t),
            None => app.open_first(),
        }
        if app.doc.is_none() {
            app.open_first();
        }
        app
    }

    /// The app on an already recorded log (benches, live tests).
    pub fn with_log(origin: Origin, log: crate::trace::Log) -> TasklineApp {
        let mut app = TasklineApp::default();
        app.set_document(Document::new(origin, log));
        app
    }

    fn open_first(&mut self) {
        if let Some(s) = scenarios::all().first() {
            self.open_scenario(s.id);
        }
    }

    /// Opens a scenario id or a file path; errors show in the window.
    pub fn open_target(&mut self, target: &str) {
        if scenarios::find(target).is_some() {
            self.open_scenario(target);
        } else {
            self.open_path(Path::new(target));
        }
    }

    /// Runs and opens a built-in scenario.
    pub fn open_scenario(&mut self, id: &str) {
        match scenarios::find(id) {
            Some(s) => {
                self.live = None;
                self.set_document(Document::scenario(s));
                self.settings.last_opened = Some(s.id.to_owned());
            }
            None => self.error = Some(format!("unknown scenario '{id}'")),
        }
    }

    /// Opens a saved log (`.json`) or runs a Python script (`.py`).
    /// A file that does not load leaves the current document open and shows why.
    pub fn open_path(&mut self, path: &Path) {
        match load_file(path) {
            Ok(log) => {
                self.live = None;
                if self.watch.as_ref().is_none_or(|w| w.path() != path) {
                    self.watch = Some(FileWatch::new(path, std::time::Duration::from_millis(500)));
                }
                self.set_document(Document::new(Origin::File(path.to_path_buf()), log));
                self.settings.recent.push(path.to_path_buf());
                self.settings.last_opened = Some(path.display().to_string());
            }
            Err(e) => self.error = Some(format!("could not open {}: {e}", path.display())),
        }
    }

    /// Takes the answer of a native file dialog, if one came.
    fn poll_native(&mut self, ctx: &egui::Context) {
        let Some((dialog, purpose)) = &mut self.native else { return };
        let purpose = *purpose;
        match dialog.take() {
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Some(answer) => {
                self.native = None;
                if let Some(path) = answer {
                    match purpose {
                        NativePurpose::Open => {
                            self.open_dialog = None;
                            self.open_path(&path);
                        }
                        NativePurpose::ExportTo => {
                            if let Some(d) = &mut self.export {
                                d.path = path.display().to_string();
                            }
                        }
                    }
                }
            }
        }
    }

    /// Reruns the open script (or rereads the open log) when it was saved again.
    fn poll_watch(&mut self, ctx: &egui::Context) {
        let is_file = matches!(self.doc.as_ref().map(|d| &d.origin), Some(Origin::File(_)));
        if !is_file {
            self.watch = None;
            return;
        }
        if self.watch.as_mut().is_some_and(FileWatch::changed) {
            self.reload();
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }

    /// Reopens the current document (re-runs a scenario, re-reads a file).
    pub fn reload(&mut self) {
        let cursor = self.player.cursor();
        match self.doc.as_ref().map(|d| d.origin.clone()) {
            Some(Origin::Scenario(id)) => self.open_scenario(id),
            Some(Origin::File(p)) => self.open_path(&p),
            Some(Origin::Live(id)) => self.start_live(id),
            None => {}
        }
        self.player.set(cursor);
    }

    /// Starts a real-clock run of a scenario, shown as it records.
    pub fn start_live(&mut self, id: &str) {
        match scenarios::find(id) {
            Some(s) => {
                let live = LiveRun::start(s);
                self.doc = None;
                self.live = Some(live);
                self.poll_live();
            }
            None => self.error = Some(format!("unknown scenario '{id}'")),
        }
    }

    /// Shows a live run fed by `live` (tests feed it by hand).
    pub fn attach_live(&mut self, live: LiveRun) {
        self.doc = None;
        self.live = Some(live);
        self.poll_live();
    }

    fn poll_live(&mut self) {
        let Some(live) = &mut self.live else { return };
        let Some(log) = live.take_update() else { return };
        let id = live.id();
        let len = u32::try_from(log.events.len()).unwrap_or(NONE - 1);
        let was_new = self.doc.is_none();
        let doc = Document::new(Origin::Live(id), log);
        self.doc = Some(doc);
        if was_new {
            self.player = Player::new(len);
            self.player.speed = self.settings.speed;
            self.player.end();
            self.log_panel.reset();
            self.fit_requested = true;
        } else {
            self.player.set_len(len);
            self.fit_requested = true;
        }
    }

    fn set_document(&mut self, doc: Document) {
        let len = doc.len();
        // Everything at one instant: time has no length, event order shows it.
        if self.axis() == Axis::Time {
            self.settings.axis = crate::layout::default_axis(&doc.timeline).into();
        }
        self.doc = Some(doc);
        self.player = Player::new(len);
        self.player.speed = self.settings.speed;
        self.log_panel.reset();
        self.fit_requested = true;
        self.error = None;
    }

    /// Saves a screenshot to `path` after the first frames, then closes the window.
    pub fn screenshot_to(&mut self, path: PathBuf) {
        self.screenshot = Some(ScreenshotPlan::new(path));
    }

    // ------------------------------------------------------------ queries

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The open document, to change it.
    pub fn document_mut(&mut self) -> Option<&mut Document> {
        self.doc.as_mut()
    }

    /// The player (cursor, playback).
    pub fn player(&self) -> &Player {
        &self.player
    }

    /// The player, to move the cursor.
    pub fn player_mut(&mut self) -> &mut Player {
        &mut self.player
    }

    /// The current event.
    pub fn cursor(&self) -> u32 {
        self.player.cursor()
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings, to change them.
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// The x axis.
    pub fn axis(&self) -> Axis {
        self.settings.axis.into()
    }

    /// Sets the x axis (and fits the view to it).
    pub fn set_axis(&mut self, axis: Axis) {
        if self.axis() != axis {
            self.settings.axis = axis.into();
            self.fit_requested = true;
        }
    }

    /// The event whose "Why?" window is open, if any.
    pub fn why_target(&self) -> Option<u32> {
        self.why
    }

    /// Opens the "Why?" window on event `seq` (the button, the `W` key).
    pub fn open_why(&mut self, seq: u32) {
        self.why = self.doc.as_ref().filter(|d| seq < d.len()).map(|_| seq);
    }

    /// The explanation line's text at the cursor.
    pub fn explanation(&self) -> String {
        self.doc.as_ref().map(|d| d.explanation(self.player.cursor())).unwrap_or_default()
    }

    /// The event highlighted in the event log.
    pub fn highlighted_log_event(&mut self) -> Option<u32> {
        let doc = self.doc.as_ref()?;
        self.log_panel.refresh(doc);
        self.log_panel.highlighted(self.player.cursor())
    }

    /// The event log's panel (filters).
    pub fn log_panel_mut(&mut self) -> &mut EventLogPanel {
        &mut self.log_panel
    }

    /// The source lines highlighted at the cursor.
    pub fn highlighted_lines(&self) -> Vec<LiveLine> {
        self.doc.as_ref().map(|d| d.live_lines(self.player.cursor())).unwrap_or_default()
    }

    /// The error shown, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Where the middle of `row` at axis position `x` was on screen last frame (tests hover there).
    pub fn timeline_screen_pos(&self, row: usize, x: f64) -> Option<egui::Pos2> {
        let t = self.last_transform.as_ref()?;
        Some(t.position_from_point(&egui_plot::PlotPoint::new(x, row as f64 + 0.5)))
    }

    /// Shapes the timeline painted in the last frame.
    pub fn last_frame_shapes(&self) -> usize {
        self.last_frame_shapes
    }

    fn theme(&self, ui: &Ui) -> Theme {
        if ui.visuals().dark_mode { Theme::Dark } else { Theme::Light }
    }

    // ------------------------------------------------------------ the frame

    /// Shows the whole app in `ui` (the window's root; also what kittest and the bench drive).
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.poll_live();
        if let Some(doc) = &mut self.doc {
            doc.poll_background();
        }
        self.poll_watch(&ctx);
        self.poll_native(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        if self.player.playing {
            let dt = f64::from(ctx.input(|i| i.stable_dt)).min(0.25);
            self.player.tick(dt);
            ctx.request_repaint();
        }
        if self.live.as_ref().is_some_and(|l| !l.is_done()) {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        egui::Panel::bottom("explanation")
            .resizable(false)
            .show(ui, |ui| ui.push_id("explanation_body", |ui| self.explanation_ui(ui)));
        if self.settings.show_log {
            egui::Panel::bottom("event_log").resizable(true).default_size(220.0).min_size(80.0).show(ui, |ui| {
                let theme = self.theme(ui);
                if let Some(doc) = &self.doc
                    && let Some(Action::SetCursor(seq)) =
                        ui.push_id("log_body", |ui| self.log_panel.ui(ui, doc, self.player.cursor(), theme)).inner
                {
                    self.player.playing = false;
                    self.player.set(seq);
                }
            });
        }
        if self.settings.show_picker {
            egui::Panel::left("picker").resizable(true).default_size(250.0).min_size(160.0).show(ui, |ui| {
                let current = match self.doc.as_ref().map(|d| &d.origin) {
                    Some(Origin::Scenario(id)) => Some(*id),
                    _ => None,
                };
                if let Some(Action::OpenScenario(id)) =
                    ui.push_id("picker_body", |ui| self.picker.ui(ui, current)).inner
                {
                    self.open_scenario(id);
                }
            });
        }
        if self.settings.show_source {
            egui::Panel::right("source").resizable(true).default_size(430.0).min_size(200.0).show(ui, |ui| {
                let theme = self.theme(ui);
                match &self.doc {
                    Some(doc) => {
                        ui.push_id("source_body", |ui| self.source_panel.ui(ui, doc, self.player.cursor(), theme));
                    }
                    None => {
                        ui.weak("Nothing open.");
                    }
                }
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.timeline_ui(ui));
        self.error_ui(&ctx);
        self.open_dialog_ui(&ctx);
        self.export_dialog_ui(&ctx);
        self.why_ui(&ctx);
        self.screenshot_step(&ctx);
    }

    /// The "Why?" window: the chain of causes of one event, each a link that
    /// moves the cursor to it.
    fn why_ui(&mut self, ctx: &egui::Context) {
        let Some(target) = self.why else { return };
        let Some(doc) = &self.doc else {
            self.why = None;
            return;
        };
        let mut open = true;
        let mut jump = None;
        let cursor = self.player.cursor();
        let line = |seq: u32| {
            let ev = doc.event(seq);
            let task = ev.filter(|e| e.task != NONE).map_or("the loop", |e| doc.log.task_name(e.task));
            format!("#{seq} · {} · {task}: {}", fmt_seconds(doc.timeline.time_at(seq)), doc.explanation(seq))
        };
        egui::Window::new(format!("Why #{target}?"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -60.0])
            .show(ctx, |ui| {
                if ui.selectable_label(cursor == target, RichText::new(line(target)).strong()).clicked() {
                    jump = Some(target);
                }
                let chain = doc.why(target);
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    for c in &chain {
                        ui.label(RichText::new(format!("⬆ {} #{}", c.reason.describe(), c.seq)).weak().italics());
                        if ui.selectable_label(cursor == c.seq, line(c.seq)).on_hover_text("Go to this event").clicked()
                        {
                            jump = Some(c.seq);
                        }
                    }
                });
                ui.separator();
                ui.weak(if chain.is_empty() {
                    "A root: nothing in the run caused it (the program's start, a deadlock, a stop)."
                } else {
                    "Back to the program's start. Click an event to go to it; W explains the event at the cursor."
                });
            });
        if let Some(seq) = jump {
            self.player.playing = false;
            self.player.set(seq);
        }
        if !open {
            self.why = None;
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let pref = match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        };
        if ctx.options(|o| o.theme_preference) != pref {
            ctx.set_theme(pref);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.first() {
            self.open_path(path);
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let (space, left, right, home, end, shift, why) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::Space),
                i.key_pressed(Key::ArrowLeft),
                i.key_pressed(Key::ArrowRight),
                i.consume_key(egui::Modifiers::NONE, Key::Home),
                i.consume_key(egui::Modifiers::NONE, Key::End),
                i.modifiers.shift,
                i.consume_key(egui::Modifiers::NONE, Key::W),
            )
        });
        if why && self.player.cursor() < doc.len() {
            self.why = Some(self.player.cursor());
        }
        if space {
            self.player.toggle_play();
        }
        if left || right || home || end {
            self.player.playing = false;
        }
        match (left, right, shift) {
            (true, _, false) => self.player.step_back(),
            (_, true, false) => self.player.step_forward(),
            (true, _, true) => self.player.prev_instant(&doc.timeline),
            (_, true, true) => self.player.next_instant(&doc.timeline),
            _ => {}
        }
        if home {
            self.player.home();
        }
        if end {
            self.player.end();
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open…").clicked() {
                    self.open_dialog = Some(String::new());
                    ui.close();
                }
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("(none yet)");
                    }
                    let recent: Vec<PathBuf> = self.settings.recent.iter().cloned().collect();
                    for p in recent {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_path(&p);
                            ui.close();
                        }
                    }
                });
                if ui.add_enabled(self.doc.is_some(), egui::Button::new("Reload")).clicked() {
                    self.reload();
                    ui.close();
                }
                ui.separator();
                ui.menu_button("Export", |ui| self.export_menu_ui(ui));
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.settings.show_picker, "Scenario picker");
                ui.checkbox(&mut self.settings.show_source, "Source");
                ui.checkbox(&mut self.settings.show_log, "Event log");
                ui.checkbox(&mut self.settings.show_legend, "Legend");
                ui.checkbox(&mut self.settings.show_resources, "Resource rows")
                    .on_hover_text("One row per lock, semaphore, queue, barrier or event, under the tasks");
                ui.add_enabled(
                    self.settings.show_resources,
                    egui::Checkbox::new(&mut self.settings.fold_resources, "  Fold them into one row"),
                );
                self.resource_rows_menu_ui(ui);
                ui.checkbox(&mut self.settings.dim_future, "Show the future dimmed");
                ui.separator();
                ui.label("Theme");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::System, "System");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Light, "Light");
                ui.radio_value(&mut self.settings.theme, ThemeChoice::Dark, "Dark");
            });
            ui.menu_button("Run", |ui| {
                let id = self.doc.as_ref().and_then(|d| d.scenario).map(|s| s.id);
                let label = "Run live on the real clock";
                if ui
                    .add_enabled(id.is_some(), egui::Button::new(label))
                    .on_hover_text("Records the scenario in wall-clock time and shows it as it runs")
                    .clicked()
                {
                    if let Some(id) = id {
                        self.start_live(id);
                    }
                    ui.close();
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label("Space: play / pause");
                ui.label("Left / Right: one event back / forward");
                ui.label("Shift+Left / Shift+Right: previous / next instant");
                ui.label("Home / End: start / end");
                ui.label("Drag to pan, scroll or pinch to zoom, double-click to reset the view");
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(doc) = &self.doc {
                    let title = doc.scenario.map_or_else(|| doc.log.meta.title.clone(), |s| s.title.to_owned());
                    let seed = doc.log.meta.seed.map(|s| format!(" — random seed {s}")).unwrap_or_default();
                    ui.weak(format!("{} — {}{seed}", title, doc.origin.label()));
                }
            });
        });
    }

    /// The Export menu: opens the export dialog on a format ([`crate::export`]).
    fn export_menu_ui(&mut self, ui: &mut Ui) {
        let Some(doc) = &self.doc else {
            ui.weak("Nothing open.");
            return;
        };
        let stem: String = doc
            .origin
            .label()
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
            .collect();
        for (format, label) in [
            (crate::export::Format::Png, "PNG image…"),
            (crate::export::Format::Svg, "SVG image…"),
            (crate::export::Format::Gif, "Animated GIF (step by step)…"),
            (crate::export::Format::Json, "Event log (JSON)…"),
            (crate::export::Format::ChromeTrace, "Chrome trace (Perfetto)…"),
        ] {
            if ui.button(label).clicked() {
                let mut d = ExportDialog::new(&stem);
                d.format = format;
                d.path = format!("{stem}{}", format.extension());
                self.export = Some(d);
                ui.close();
            }
        }
    }

    /// The export options for the current view.
    pub fn export_options(&self, dialog: &ExportDialog, dark: bool) -> crate::export::Options {
        let mut o = crate::export::Options {
            axis: Some(self.axis()),
            future: self.settings.future_mode(),
            theme: if dark { Theme::Dark } else { Theme::Light },
            legend: self.settings.show_legend,
            ..crate::export::Options::default()
        };
        if dialog.at_cursor && dialog.format != crate::export::Format::Gif {
            o.at = Some(crate::export::At::Step(self.player.cursor()));
        }
        if dialog.visible_only
            && let Some((a, b)) = self.view_x
        {
            o.window = crate::export::Window { start: Some(a), end: Some(b) };
        }
        o
    }

    /// Writes the export the dialog describes; returns the message shown.
    pub fn run_export(&mut self, dialog: &ExportDialog, dark: bool) -> String {
        let Some(doc) = &self.doc else { return "nothing open".into() };
        let options = self.export_options(dialog, dark);
        let path = PathBuf::from(dialog.path.trim());
        match crate::export::export(&doc.log, &path, Some(dialog.format), &options) {
            Ok(f) => format!("wrote {} ({f})", path.display()),
            Err(e) => format!("could not export: {e}"),
        }
    }

    /// The picture the dialog describes (as a PNG would show it), for the clipboard.
    pub fn export_image(&self, dialog: &ExportDialog, dark: bool) -> Result<egui::ColorImage, String> {
        let Some(doc) = &self.doc else { return Err("nothing open".into()) };
        let options = self.export_options(dialog, dark);
        let png = crate::export::render(&doc.log, crate::export::Format::Png, &options).map_err(|e| e.to_string())?;
        let rgba =
            image::load_from_memory_with_format(&png, image::ImageFormat::Png).map_err(|e| e.to_string())?.to_rgba8();
        let size = [rgba.width() as usize, rgba.height() as usize];
        Ok(egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
    }

    fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut d) = self.export.take() else { return };
        let mut keep = true;
        let mut go = false;
        let mut copy = false;
        egui::Window::new("Export")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("format");
                    for f in crate::export::Format::ALL {
                        if ui.selectable_value(&mut d.format, f, f.name()).clicked() {
                            // Keep the file name's stem, change its ending.
                            let stem = crate::export::Format::ALL
                                .iter()
                                .find_map(|g| d.path.strip_suffix(g.extension()).map(str::to_owned))
                                .unwrap_or_else(|| d.path.clone());
                            d.path = format!("{stem}{}", f.extension());
                        }
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("file");
                    ui.add(egui::TextEdit::singleline(&mut d.path).desired_width(360.0)).accessible_name("export file");
                    let up = self.native.is_some();
                    if ui
                        .add_enabled(!up, egui::Button::new("Browse…"))
                        .on_hover_text("The desktop's save dialog (type a path where there is none)")
                        .clicked()
                    {
                        let (name, ext) = (d.path.clone(), d.format.extension().trim_start_matches('.').to_owned());
                        let dialog = NativeDialog::start(move || {
                            rfd::FileDialog::new()
                                .set_file_name(name.as_str())
                                .add_filter(ext.as_str(), &[ext.as_str()])
                                .save_file()
                        });
                        self.native = Some((dialog, NativePurpose::ExportTo));
                    }
                });
                if d.format.is_image() {
                    if d.format != crate::export::Format::Gif {
                        ui.checkbox(
                            &mut d.at_cursor,
                            format!("as it stands at the cursor (event #{})", self.player.cursor()),
                        );
                    }
                    ui.checkbox(&mut d.visible_only, "only the part of the timeline in view");
                    ui.weak("Same axis, theme, legend and future mode as the window.");
                }
                if let Some(m) = &d.message {
                    ui.label(m);
                }
                ui.horizontal(|ui| {
                    if ui.button("Export").clicked() {
                        go = true;
                    }
                    if ui
                        .button("Copy image")
                        .on_hover_text("Copies the picture (as the PNG would be) to the clipboard")
                        .clicked()
                    {
                        copy = true;
                    }
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                });
            });
        if go {
            let dark = ctx.global_style().visuals.dark_mode;
            d.message = Some(self.run_export(&d, dark));
        }
        if copy {
            let dark = ctx.global_style().visuals.dark_mode;
            d.message = Some(match self.export_image(&d, dark) {
                Ok(img) => {
                    let [w, h] = img.size;
                    ctx.copy_image(img);
                    format!("copied a {w}×{h} picture to the clipboard")
                }
                Err(e) => format!("could not copy the picture: {e}"),
            });
        }
        if keep {
            self.export = Some(d);
        }
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            let has = self.doc.is_some();
            ui.add_enabled_ui(has, |ui| {
                let big = |s: &str| RichText::new(s).size(15.0);
                if ui.button(big("|◀◀")).on_hover_text("Start (Home)").clicked() {
                    self.player.home();
                }
                if ui.button(big("◀◀")).on_hover_text("Previous instant (Shift+Left)").clicked()
                    && let Some(d) = &self.doc
                {
                    self.player.prev_instant(&d.timeline);
                }
                if ui.button(big("◀ step")).on_hover_text("Step back one event (Left)").clicked() {
                    self.player.step_back();
                }
                let play = if self.player.playing { "| | pause" } else { "▶ play" };
                if ui
                    .add(egui::Button::new(big(play).strong()).min_size(egui::vec2(34.0, 0.0)))
                    .on_hover_text("Play / pause (Space)")
                    .clicked()
                {
                    self.player.toggle_play();
                }
                if ui.button(big("step ▶")).on_hover_text("Step forward one event (Right)").clicked() {
                    self.player.step_forward();
                }
                if ui.button(big("▶▶")).on_hover_text("Next instant (Shift+Right)").clicked()
                    && let Some(d) = &self.doc
                {
                    self.player.next_instant(&d.timeline);
                }
                if ui.button(big("▶▶|")).on_hover_text("End (End)").clicked() {
                    self.player.end();
                }
                egui::ComboBox::from_id_salt("speed")
                    .width(80.0)
                    .selected_text(format!("{} ev/s", self.player.speed))
                    .show_ui(ui, |ui| {
                        for s in SPEEDS {
                            ui.selectable_value(&mut self.player.speed, s, format!("{s} ev/s"));
                        }
                    })
                    .response
                    .accessible_name("playback speed")
                    .on_hover_text("Playback speed, events per second");
                self.settings.speed = self.player.speed;
            });
            ui.separator();
            ui.label("x axis");
            let mut axis = self.axis();
            for (a, label, tip) in [
                (Axis::Time, "time", "Virtual time in seconds"),
                (Axis::Order, "order", "One column per event: the interleaving inside an instant"),
                (Axis::Hybrid, "hybrid", "Time, with busy instants widened"),
            ] {
                ui.selectable_value(&mut axis, a, label).on_hover_text(tip);
            }
            self.set_axis(axis);
            ui.separator();
            ui.toggle_value(&mut self.settings.dim_future, "dim future")
                .on_hover_text("Show what comes next dimmed, instead of hiding it");
            if ui.button("fit").on_hover_text("Zoom to fit (or double-click the timeline)").clicked() {
                self.fit_requested = true;
            }
            ui.separator();
            ui.label("theme");
            egui::ComboBox::from_id_salt("theme")
                .width(70.0)
                .selected_text(format!("{:?}", self.settings.theme).to_lowercase())
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.settings.theme, ThemeChoice::System, "system");
                    ui.selectable_value(&mut self.settings.theme, ThemeChoice::Light, "light");
                    ui.selectable_value(&mut self.settings.theme, ThemeChoice::Dark, "dark");
                })
                .response
                .accessible_name("theme");
        });
        // The scrubber over the whole run.
        ui.horizontal(|ui| {
            let len = self.player.len();
            let mut c = self.player.cursor();
            let label = match &self.doc {
                Some(d) => format!("event {} / {}   {}", c, len.saturating_sub(1), fmt_seconds(d.timeline.time_at(c))),
                None => String::new(),
            };
            ui.spacing_mut().slider_width = (ui.available_width() - 230.0).max(100.0);
            let r = ui
                .add_enabled(
                    len > 1,
                    egui::Slider::new(&mut c, 0..=len.saturating_sub(1)).show_value(false).trailing_fill(true),
                )
                .accessible_name("scrubber: the current event");
            if r.changed() {
                self.player.playing = false;
                self.player.set(c);
            }
            ui.monospace(label);
            if let Some(live) = &self.live {
                let text =
                    if live.is_done() { "recorded on the real clock" } else { "LIVE: recording on the real clock" };
                ui.colored_label(Color32::from_rgb(0xd5, 0x5e, 0x00), text);
            }
        });
        ui.add_space(2.0);
    }

    fn explanation_ui(&mut self, ui: &mut Ui) {
        let mut open_why = None;
        ui.add_space(3.0);
        ui.horizontal_wrapped(|ui| match &self.doc {
            Some(doc) if !doc.is_empty() => {
                let c = self.player.cursor();
                ui.label(RichText::new(format!("#{c} · {}", fmt_seconds(doc.timeline.time_at(c)))).monospace().weak());
                ui.label(RichText::new(doc.explanation(c)).size(15.0));
                if let Some(because) = doc.because(c) {
                    ui.label(RichText::new(because).size(13.0).weak());
                }
                if ui.small_button("Why?").on_hover_text("The chain of causes of this event (W)").clicked() {
                    open_why = Some(c);
                }
            }
            Some(_) => {
                ui.weak("The log has no event.");
            }
            None if self.live.is_some() => {
                ui.weak("Waiting for the first event…");
            }
            None => {
                ui.weak("Pick a scenario on the left, or open a log (File ▸ Open, or drop a file here).");
            }
        });
        if let Some(seq) = open_why {
            self.open_why(seq);
        }
        ui.add_space(3.0);
    }

    /// A checkbox per resource row of the open log (hide rows one by one).
    fn resource_rows_menu_ui(&mut self, ui: &mut Ui) {
        let Some(doc) = &self.doc else { return };
        let Some(prep) = doc.prepared_if_made(self.axis()) else { return };
        let names: Vec<String> = prep.layout.resources.iter().map(|r| r.name.clone()).collect();
        if names.is_empty() {
            return;
        }
        ui.add_enabled_ui(self.settings.show_resources, |ui| {
            for name in names {
                let mut shown = !self.settings.hidden_resources.contains(&name);
                if ui.checkbox(&mut shown, format!("  {name}")).changed() {
                    self.set_resource_shown(&name, shown);
                }
            }
        });
    }

    /// Shows or hides one resource row (by its object's name).
    pub fn set_resource_shown(&mut self, name: &str, shown: bool) {
        self.settings.hidden_resources.retain(|n| n != name);
        if !shown {
            self.settings.hidden_resources.push(name.to_owned());
        }
    }

    /// The resource rows drawn (indices in the layout's `resources`) for `prep`.
    fn shown_resources(&self, prep: &Prepared) -> Vec<usize> {
        if !self.settings.show_resources {
            return Vec::new();
        }
        (prep.layout.resources.iter().enumerate())
            .filter(|(_, r)| !self.settings.hidden_resources.contains(&r.name))
            .map(|(i, _)| i)
            .collect()
    }

    /// The names of the rows the timeline shows, tasks then resources (for tests).
    pub fn timeline_row_names(&self) -> Vec<String> {
        let Some(prep) = self.doc.as_ref().and_then(|d| d.prepared_if_made(self.axis())) else { return Vec::new() };
        let res = self.shown_resources(prep);
        (prep.layout.rows.iter().map(|r| r.name.clone())).chain(self.resource_row_names(prep, &res)).collect()
    }

    /// The names of the resource rows shown: one per row, or one for the folded row.
    fn resource_row_names(&self, prep: &Prepared, shown: &[usize]) -> Vec<String> {
        match shown.len() {
            0 => Vec::new(),
            n if self.settings.fold_resources => {
                vec![format!("{n} resource{} (folded)", if n == 1 { "" } else { "s" })]
            }
            _ => shown.iter().map(|&i| prep.layout.resources[i].title()).collect(),
        }
    }

    /// What the resource row of the object `name` says at the cursor
    /// ("held by w1", "2 items of maxsize 2"), if the row is shown.
    pub fn resource_state(&self, name: &str) -> Option<String> {
        let doc = self.doc.as_ref()?;
        let prep = doc.prepared_if_made(self.axis())?;
        let i = self.shown_resources(prep).into_iter().find(|&i| prep.layout.resources[i].name == name)?;
        let cursor = self.player.cursor();
        let x = prep.present_end_x(cursor);
        let text = tooltip_text(doc, prep, &Hit::Resource(i, x), cursor, self.settings.future_mode());
        text.first().and_then(|t| t.split_once(" — ")).map(|(_, s)| s.to_owned())
    }

    /// The wake arrows drawn at the cursor: `(waker, woken)` task names.
    pub fn wake_arrows(&self) -> Vec<(String, String)> {
        let Some(doc) = &self.doc else { return Vec::new() };
        let Some(prep) = doc.prepared_if_made(self.axis()) else { return Vec::new() };
        let cursor = self.player.cursor();
        let name = |row: usize| prep.layout.rows.get(row).map_or(String::new(), |r| r.name.clone());
        (prep.layout.wakes.iter())
            .filter(|w| w.seq <= cursor || self.settings.future_mode() == FutureMode::Dim)
            .map(|w| (name(w.from_row), name(w.to_row)))
            .collect()
    }

    fn legend_ui(&self, ui: &mut Ui, theme: Theme) {
        // The fixed legend, and the wake arrow when the open log has one.
        let has_wakes = (self.doc.as_ref())
            .and_then(|d| d.prepared_if_made(self.axis()))
            .is_some_and(|p| !p.layout.wakes.is_empty());
        let mut keys = crate::layout::glyph::legend(None, false);
        if has_wakes {
            keys.push(LegendKey::Wake);
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 10.0;
            for key in keys {
                match key {
                    LegendKey::Bar(kind) => {
                        let style = kind.style();
                        legend_entry(ui, 24.0, key.label(), |rect, shapes| {
                            let bar = egui::Rect::from_center_size(
                                rect.center(),
                                egui::vec2(24.0, (12.0 * style.height).max(4.0)),
                            );
                            bar_shapes(kind, bar, theme, false, 6.0, shapes);
                        })
                        .on_hover_text(format!("{}: {:?} fill", style.name, style.pattern).to_lowercase());
                    }
                    LegendKey::End(kind) => {
                        legend_entry(ui, 12.0, key.label(), |rect, shapes| {
                            let col = color(crate::layout::style::end_style(kind, theme).1);
                            end_shapes(kind, rect.center(), 4.5, col, shapes);
                        });
                    }
                    LegendKey::Glyph(g) => {
                        legend_entry(ui, 12.0, key.label(), |rect, shapes| {
                            marker_shapes(g.kind(), rect.center(), 5.0, marker_color(g.kind(), theme), shapes);
                        });
                    }
                    LegendKey::Wake => {
                        let style = crate::layout::glyph::wake_style(theme);
                        legend_entry(ui, 24.0, key.label(), |rect, shapes| {
                            let col = color(style.colour);
                            let (l, r, y) = (rect.left(), rect.right(), rect.center().y);
                            shapes.push(egui::Shape::line_segment(
                                [egui::pos2(l, y), egui::pos2(r - 5.0, y)],
                                egui::Stroke::new(style.width, col),
                            ));
                            shapes.push(egui::Shape::convex_polygon(
                                vec![egui::pos2(r, y), egui::pos2(r - 6.0, y - 3.6), egui::pos2(r - 6.0, y + 3.6)],
                                col,
                                egui::Stroke::NONE,
                            ));
                        });
                    }
                    LegendKey::Link(_) | LegendKey::Cursor => {}
                }
            }
        });
    }

    /// The centre of the window alone: the legend and the timeline (image snapshots use it).
    pub fn timeline_panel_ui(&mut self, ui: &mut Ui) {
        self.apply_theme(ui.ctx());
        self.timeline_ui(ui);
    }

    fn timeline_ui(&mut self, ui: &mut Ui) {
        let theme = self.theme(ui);
        if self.settings.show_legend {
            self.legend_ui(ui, theme);
            ui.add_space(2.0);
        }
        let axis = self.axis();
        let future = self.settings.future_mode();
        let cursor = self.player.cursor();
        let fit = std::mem::take(&mut self.fit_requested);
        let Some(doc) = &mut self.doc else {
            ui.centered_and_justified(|ui| ui.weak(if self.live.is_some() { "Recording…" } else { "Nothing open" }));
            return;
        };
        doc.prepared(axis);
        let Some(doc) = &self.doc else { return };
        let i = Axis::ALL.iter().position(|&a| a == axis).unwrap_or(0);
        let _ = i;
        let prep = prepared_ref(doc, axis);
        let Some(prep) = prep else { return };
        let shown_res = self.shown_resources(prep);
        let folded = self.settings.fold_resources;
        let res_names = self.resource_row_names(prep, &shown_res);
        let rows = prep.rows() + res_names.len();
        let names: Vec<String> = (prep.layout.rows.iter().map(|r| r.name.clone())).chain(res_names).collect();
        let options = tl_paint::Options { theme, future, ..tl_paint::Options::default() };
        let x_title = prep.layout.x_title.clone();
        let lay_axis = prep.layout.axis;
        let format_x = move |x: f64| -> String {
            match lay_axis {
                Axis::Time => format!("{} s", crate::trace::explain::fmt_number(x)),
                Axis::Order => {
                    if (x - x.round()).abs() < 1e-9 && x >= 0.0 {
                        format!("#{}", x.round() as u64)
                    } else {
                        String::new()
                    }
                }
                Axis::Hybrid => String::new(),
            }
        };
        let hybrid_ticks: Vec<(f64, String)> = if lay_axis == Axis::Hybrid {
            prep.layout.ticks.iter().map(|t| (t.x, t.label.clone())).collect()
        } else {
            Vec::new()
        };
        let hybrid_ticks2 = hybrid_ticks.clone();
        let mut plot = Plot::new("timeline")
            .invert_y(true)
            .show_x(false)
            .show_y(false)
            .allow_boxed_zoom(true)
            .allow_double_click_reset(true)
            .set_margin_fraction(egui::vec2(0.0, 0.0))
            .x_axis_label(x_title)
            .y_axis_min_width(70.0)
            .show_grid(egui::Vec2b::new(true, false))
            .y_grid_spacer(move |input| tl_paint::row_marks(input, rows))
            .y_axis_formatter(move |mark, _| {
                let r = mark.value.floor();
                if r >= 0.0 && (mark.value - r - 0.5).abs() < 1e-6 {
                    names.get(r as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_axis_formatter(move |mark, _| {
                if lay_axis == Axis::Hybrid {
                    hybrid_ticks
                        .iter()
                        .find(|(x, _)| (x - mark.value).abs() < 1e-9)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default()
                } else {
                    format_x(mark.value)
                }
            });
        if lay_axis == Axis::Hybrid {
            plot = plot.x_grid_spacer(move |input| {
                let (lo, hi) = input.bounds;
                let visible: Vec<_> = hybrid_ticks2.iter().filter(|(x, _)| *x >= lo && *x <= hi).collect();
                let keep = visible.len().div_ceil(12).max(1);
                visible
                    .into_iter()
                    .step_by(keep)
                    .map(|(x, _)| egui_plot::GridMark { value: *x, step_size: (hi - lo) / 10.0 })
                    .collect()
            });
        }
        // Rows at most ~44 points tall: a few tasks leave room below rather than giant bars.
        let min_rows = f64::from(((ui.available_height() - 48.0) / 44.0).max(1.0));
        let item = TimelineItem::new(prep, cursor, options)
            .with_min_rows(min_rows)
            .with_resources(shown_res.clone())
            .with_resources_folded(folded);
        let stats = std::rc::Rc::new(std::cell::Cell::new(0usize));
        let stats2 = stats.clone();
        let response = plot.show(ui, move |plot_ui| {
            if fit {
                // Follow the item's bounds (and the window's size) until the user pans or zooms.
                plot_ui.set_auto_bounds(egui::Vec2b::TRUE);
            }
            let counter = ItemWithStats { item, out: stats2 };
            plot_ui.add(counter);
        });
        self.last_frame_shapes = stats.get();
        let transform = response.transform;
        let b = transform.bounds();
        self.view_x = Some((b.min()[0], b.max()[0]));
        self.last_transform = Some(transform);
        let resp = response.response;
        // Tooltips and clicks.
        let hover = resp.hover_pos().map(|p| (p, tl_paint::point_at(&transform, p)));
        let mut hit = None;
        if let Some((pos, pt)) = hover {
            hit = hit_test(prep, &transform, pos, pt, cursor, future);
            let row = pt.y.floor();
            if hit.is_none() && row >= prep.rows() as f64 {
                let k = row as usize - prep.rows();
                hit = if folded {
                    (k == 0 && !shown_res.is_empty()).then(|| Hit::Folded(shown_res.clone(), pt.x))
                } else {
                    shown_res.get(k).map(|&i| Hit::Resource(i, pt.x))
                };
            }
        }
        // A screenshot shows no stray tooltip of wherever the pointer happens to be.
        if let Some(h) = hit.as_ref().filter(|_| self.screenshot.is_none()) {
            let text = tooltip_text(doc, prep, h, cursor, future);
            resp.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(420.0);
                for (i, line) in text.iter().enumerate() {
                    if i == 0 {
                        ui.strong(line);
                    } else {
                        ui.label(line);
                    }
                }
            });
        }
        if resp.clicked()
            && let Some((_, pt)) = hover
        {
            let seq = match &hit {
                Some(Hit::Marker(i)) => prep.layout.markers.get(*i).map(|m| m.seq),
                Some(Hit::End(i)) => prep.layout.ends.get(*i).map(|e| e.seq),
                _ => prep.layout.seq_at_x(pt.x),
            };
            if let Some(seq) = seq {
                self.player.playing = false;
                self.player.set(seq);
            }
        }
    }

    fn error_ui(&mut self, ctx: &egui::Context) {
        let Some(msg) = self.error.clone() else { return };
        let mut open = true;
        egui::Window::new("Notice")
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.label(&msg);
                if ui.button("OK").clicked() {
                    self.error = None;
                }
            });
        if !open {
            self.error = None;
        }
    }

    fn open_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut text) = self.open_dialog.take() else { return };
        let mut keep = true;
        let mut open_now = false;
        egui::Window::new("Open a log")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.label("A log saved with `taskline run … --format json`, or a Python script (.py):");
                let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(420.0).hint_text("run.json"));
                r.request_focus();
                if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    open_now = true;
                }
                ui.weak("You can also drop a file on the window.");
                ui.horizontal(|ui| {
                    if ui.button("Open").clicked() {
                        open_now = true;
                    }
                    let up = self.native.is_some();
                    if ui
                        .add_enabled(!up, egui::Button::new("Browse…"))
                        .on_hover_text("The desktop's file dialog (type a path where there is none)")
                        .clicked()
                    {
                        let dialog = NativeDialog::start(|| {
                            rfd::FileDialog::new()
                                .add_filter("taskline log or Python script", &["json", "py"])
                                .pick_file()
                        });
                        self.native = Some((dialog, NativePurpose::Open));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        if open_now && !text.trim().is_empty() {
            self.open_path(Path::new(text.trim()));
            keep = false;
        }
        if keep {
            self.open_dialog = Some(text);
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(plan) = &mut self.screenshot else { return };
        plan.frames += 1;
        ctx.request_repaint();
        if !plan.requested && plan.frames >= 8 {
            plan.requested = true;
            let path = plan.path.clone();
            let result = plan.result.clone();
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |image| {
                let r = save_png(&image, &path);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(r);
                }
                ctx2.request_repaint();
            });
        }
        if plan.result().is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The outcome of `--screenshot`, once taken.
    pub fn screenshot_result(&self) -> Option<Result<(), String>> {
        self.screenshot.as_ref().and_then(ScreenshotPlan::result)
    }
}

/// One legend entry: an icon `icon_w` wide painted by `paint`, then `text`; one allocation, so it wraps as a unit.
fn legend_entry(
    ui: &mut Ui,
    icon_w: f32,
    text: &str,
    paint: impl FnOnce(egui::Rect, &mut Vec<egui::Shape>),
) -> egui::Response {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let col = ui.visuals().text_color();
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, col);
    let size = egui::vec2(icon_w + 4.0 + galley.size().x, galley.size().y.max(12.0));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let icon = egui::Rect::from_min_size(egui::pos2(rect.left(), rect.center().y - 6.0), egui::vec2(icon_w, 12.0));
    let mut shapes = Vec::new();
    paint(icon, &mut shapes);
    ui.painter().extend(shapes);
    ui.painter().galley(egui::pos2(icon.right() + 4.0, rect.center().y - galley.size().y / 2.0), galley, col);
    response
}

fn prepared_ref(doc: &Document, axis: Axis) -> Option<&Prepared> {
    doc.prepared_if_made(axis)
}

/// The timeline item, counting the shapes it paints.
struct ItemWithStats<'a> {
    item: TimelineItem<'a>,
    out: std::rc::Rc<std::cell::Cell<usize>>,
}

impl egui_plot::PlotItem for ItemWithStats<'_> {
    fn shapes(&self, ui: &Ui, transform: &egui_plot::PlotTransform, shapes: &mut Vec<egui::Shape>) {
        self.item.shapes(ui, transform, shapes);
        self.out.set(self.item.stats.get());
    }
    fn initialize(&mut self, x_range: std::ops::RangeInclusive<f64>) {
        self.item.initialize(x_range);
    }
    fn color(&self) -> Color32 {
        self.item.color()
    }
    fn allow_hover(&self) -> bool {
        false
    }
    fn geometry(&self) -> egui_plot::PlotGeometry<'_> {
        egui_plot::PlotGeometry::None
    }
    fn bounds(&self) -> PlotBounds {
        self.item.bounds()
    }
    fn base(&self) -> &egui_plot::PlotItemBase {
        self.item.base()
    }
    fn base_mut(&mut self) -> &mut egui_plot::PlotItemBase {
        self.item.base_mut()
    }
}

fn hit_test(
    prep: &Prepared,
    transform: &egui_plot::PlotTransform,
    pos: egui::Pos2,
    pt: egui_plot::PlotPoint,
    cursor: u32,
    future: FutureMode,
) -> Option<Hit> {
    if pt.y < 0.0 {
        return None;
    }
    let row = pt.y.floor() as usize;
    let shown = |seq: u32| seq <= cursor || future == FutureMode::Dim;
    let px = 1.0 / transform.dpos_dvalue_x().abs().max(1e-12);
    // Markers and end marks first: they are small and on top.
    let tol = 7.0f32;
    let mr = prep.markers_in(pt.x - px * 14.0, pt.x + px * 14.0);
    let mut best: Option<(f32, Hit)> = None;
    for i in mr {
        let m = &prep.layout.markers[i];
        if m.row != Some(row) || !shown(m.seq) {
            continue;
        }
        let mp = egui::pos2(transform.position_from_point_x(m.x), transform.position_from_point_y(row as f64 + 0.22));
        let d = mp.distance(pos);
        if d <= tol * 1.5 && best.as_ref().is_none_or(|b| d < b.0) {
            best = Some((d, Hit::Marker(i)));
        }
    }
    if let Some(ei) = prep.end_of_row(row) {
        let e = &prep.layout.ends[ei];
        if shown(e.seq) {
            let ex = transform.position_from_point_x(e.x);
            if (pos.x - ex).abs() <= 14.0 && best.is_none() {
                best = Some((0.0, Hit::End(ei)));
            }
        }
    }
    if let Some((_, h)) = best {
        return Some(h);
    }
    if row >= prep.rows() || (!prep.row_exists(row, cursor) && future == FutureMode::Hide) {
        return None;
    }
    let b = prep.bar_at(row, pt.x)?;
    let (seq0, _) = prep.bar_seqs(b);
    (shown(seq0) && (future == FutureMode::Dim || pt.x <= prep.present_end_x(cursor))).then_some(Hit::Bar(b))
}

fn tooltip_text(doc: &Document, prep: &Prepared, hit: &Hit, cursor: u32, future: FutureMode) -> Vec<String> {
    let log = &doc.log;
    let tl = &doc.timeline;
    match hit {
        Hit::Folded(rows, x) => {
            let mut lines = vec![format!("{} resource rows, folded (View ▸ Resource rows)", rows.len())];
            for &i in rows {
                if let Some(first) = tooltip_text(doc, prep, &Hit::Resource(i, *x), cursor, future).into_iter().next() {
                    lines.push(first);
                }
            }
            lines
        }
        Hit::Resource(i, x) => {
            let Some(res) = prep.layout.resources.get(*i) else { return Vec::new() };
            // Not beyond what has happened (unless the future is shown).
            let x = if future == FutureMode::Hide { x.min(prep.present_end_x(cursor)) } else { *x };
            let state = match res.kind {
                crate::layout::ResourceKind::Lock if res.type_name == "Lock" => {
                    let happened = |s: u32| s <= cursor || future == FutureMode::Dim;
                    let hold =
                        res.holds.iter().rfind(|h| happened(h.seq0) && h.x0 <= x && (x < h.x1 || !happened(h.seq1)));
                    hold.map_or_else(|| "free".to_owned(), |h| format!("held by {}", h.label))
                }
                _ => res.state_at(x),
            };
            vec![format!("{} — {state}", res.title()), res.explanation()]
        }
        Hit::Bar(b) => {
            let bar = &prep.layout.bars[*b];
            let Some(seg) = tl.rows.get(bar.row).and_then(|r| r.segments.get(bar.segment)) else { return Vec::new() };
            let task = log.task_name(tl.rows[bar.row].task);
            let mut lines = vec![format!("{task}: {}", seg.state.name())];
            if let Some(w) = prep.layout.sync_wait_at(bar.row, (bar.x0 + bar.x1) / 2.0) {
                let at = prep.present_end_x(cursor).min(w.x1);
                let c = (future == FutureMode::Hide).then_some(cursor);
                lines[0] = format!("{task}: {}", prep.layout.wait_text_at(w, at, c));
            }
            let mut reason = seg.state.label(log);
            if let Some(d) = log.strings.opt(seg.detail)
                && !d.is_empty()
            {
                reason.push_str(&format!(" — {d}"));
            }
            let line = doc.line_of(seg.seq0);
            if let Some(l) = line {
                reason.push_str(&format!(", line {l}"));
            }
            lines.push(reason);
            lines.push(format!(
                "from {} to {} ({}), events #{}–#{}",
                fmt_seconds(seg.t0),
                fmt_seconds(seg.t1),
                fmt_seconds(seg.duration()),
                seg.seq0,
                seg.seq1
            ));
            if let Some(text) = line.and_then(|l| doc.source_line(l)) {
                lines.push(format!("› {text}"));
            }
            lines
        }
        Hit::Marker(i) => {
            let m = &prep.layout.markers[*i];
            let task = m.row.and_then(|r| tl.rows.get(r)).map_or("the loop", |r| log.task_name(r.task));
            let mut lines = vec![format!("{}: {}", task, tl_paint::marker_name(m.kind)), m.text.clone()];
            lines.push(format!("at {} (event #{}) — click to go there", fmt_seconds(tl.time_at(m.seq)), m.seq));
            if let Some(text) = doc.line_of(m.seq).and_then(|l| doc.source_line(l).map(|t| (l, t))) {
                lines.push(format!("line {}: {}", text.0, text.1));
            }
            lines
        }
        Hit::End(i) => {
            let e = &prep.layout.ends[*i];
            let task = tl.rows.get(e.row).map_or("", |r| log.task_name(r.task));
            let kind = match e.kind {
                EndKind::Done => "done",
                EndKind::Cancelled => "cancelled",
                EndKind::Failed => "failed",
            };
            let mut lines = vec![format!("{task}: {kind}")];
            if !e.detail.is_empty() {
                lines.push(e.detail.clone());
            }
            lines.push(format!("at {} (event #{})", fmt_seconds(tl.time_at(e.seq)), e.seq));
            lines
        }
    }
}

/// Loads a log file (JSON), or runs a `.py` script.
pub fn load_file(path: &Path) -> Result<crate::trace::Log, String> {
    if path.extension().is_some_and(|e| e == "py") {
        return load_script(path);
    }
    json::load(path).map_err(|e| e.to_string())
}

/// Runs a `.py` script with the script front end ([`crate::script`]) on the virtual clock.
fn load_script(path: &Path) -> Result<crate::trace::Log, String> {
    crate::script::run_file(path, crate::Config::default()).map_err(|e| e.to_string())
}

/// Writes an egui image as PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for c in &image.pixels {
        bytes.extend_from_slice(&c.to_srgba_unmultiplied());
    }
    let w32 = u32::try_from(w).map_err(|e| e.to_string())?;
    let h32 = u32::try_from(h).map_err(|e| e.to_string())?;
    let img = image::RgbaImage::from_raw(w32, h32, bytes).ok_or("bad screenshot size")?;
    img.save(path).map_err(|e| format!("{}: {e}", path.display()))
}

impl eframe::App for TasklineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        }
    }
}

/// Loads the persisted settings.
pub fn load_settings(storage: Option<&dyn eframe::Storage>) -> Settings {
    storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default()
}
