//! Image snapshots of the timeline for a few seed scenarios, rendered by
//! kittest's wgpu renderer (Mesa's software GL in CI, see `.ci/run`).
//! Refresh with `UPDATE_SNAPSHOTS=true cargo test --test gui_snapshots`.

use egui_kittest::{Harness, SnapshotOptions};
use taskline::gui::TasklineApp;
use taskline::gui::state::{AxisChoice, Settings, ThemeChoice};

/// The app's timeline panel alone, 900 px wide, rendered once.
fn timeline_harness(app: TasklineApp, height: f32, dark: bool) -> Harness<'static, TasklineApp> {
    let mut h = Harness::builder()
        .with_size([900.0, height])
        .with_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light })
        .with_options(SnapshotOptions::new().threshold(2.0).max_failed_pixels(400))
        .wgpu()
        .build_ui_state(
            |ui, app: &mut TasklineApp| {
                egui::CentralPanel::default().show(ui, |ui| app.timeline_panel_ui(ui));
            },
            app,
        );
    h.run();
    h
}

fn snapshot(id: &str, axis: AxisChoice, step: Option<u32>, dark: bool) {
    let settings =
        Settings { axis, theme: if dark { ThemeChoice::Dark } else { ThemeChoice::Light }, ..Settings::default() };
    let mut app = TasklineApp::new(settings, Some(id));
    // Keep the axis asked for (an instant-only run would switch to event order).
    app.set_axis(axis.into());
    match step {
        Some(s) => app.player_mut().set(s),
        None => app.player_mut().end(),
    }
    let mut h = timeline_harness(app, 320.0, dark);
    let name = format!("timeline_{id}_{}{}", format!("{axis:?}").to_lowercase(), if dark { "_dark" } else { "" });
    h.snapshot(name);
}

#[test]
fn shield_at_the_timeout() {
    snapshot("10_shield_wait_for", AxisChoice::Time, Some(12), false);
}

#[test]
fn cancel_long_task_in_the_dark() {
    snapshot("07_cancel_long_task", AxisChoice::Time, None, true);
}

#[test]
fn sleep0_round_robin_in_event_order() {
    snapshot("27_sleep0_order", AxisChoice::Order, None, false);
}

#[test]
fn wait_for_timeout_hybrid() {
    snapshot("08_wait_for_timeout", AxisChoice::Hybrid, None, false);
}

/// The bounded queue: its resource row charts the length under `maxsize`.
#[test]
fn bounded_queue_with_its_resource_row() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/438_queue_bounded_backpressure.py");
    let settings = Settings { theme: ThemeChoice::Light, ..Settings::default() };
    let mut app = TasklineApp::new(settings, Some(script));
    app.player_mut().set(45);
    let mut h = timeline_harness(app, 360.0, false);
    h.snapshot("timeline_438_queue_bounded_backpressure");
}
