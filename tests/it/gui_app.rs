//! The desktop app driven headless with egui_kittest: stepping, playback,
//! every keyboard shortcut, axis modes, and a corrupt log file.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use taskline::gui::TasklineApp;
use taskline::gui::state::Settings;
use taskline::layout::Axis;
use taskline::trace::EventKind;

fn harness(target: &str) -> Harness<'static, TasklineApp> {
    let app = TasklineApp::new(Settings::default(), Some(target));
    Harness::builder().with_size([1400.0, 860.0]).build_ui_state(|ui, app: &mut TasklineApp| app.ui_root(ui), app)
}

/// Presses a key and runs a few frames (playback and scrolling keep repainting).
fn press(h: &mut Harness<'static, TasklineApp>, key: Key) {
    h.key_press(key);
    h.run_steps(3);
}

fn press_shift(h: &mut Harness<'static, TasklineApp>, key: Key) {
    h.key_press_modifiers(egui::Modifiers::SHIFT, key);
    h.run_steps(3);
}

#[test]
fn stepping_moves_the_cursor_the_log_row_the_explanation_and_the_source_lines() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    assert_eq!(h.state().cursor(), 0);
    // Press Right until the timeout fires.
    let mut steps = 0;
    loop {
        press(&mut h, Key::ArrowRight);
        steps += 1;
        let app = h.state();
        let doc = app.document().expect("open");
        if doc.event(app.cursor()).expect("event").kind == EventKind::TimeoutFired {
            break;
        }
        assert!(steps < 50, "no timeout");
    }
    let cursor = h.state().cursor();
    assert_eq!(cursor, steps);
    assert_eq!(h.state_mut().highlighted_log_event(), Some(cursor));
    let text = h.state().explanation();
    assert!(text.contains("deadline") || text.contains("timeout"), "{text}");
    // The explanation line is on screen.
    h.get_by_label(&text);
    // Both tasks are suspended: main at the wait_for line, shielded at its sleep.
    let lines = h.state().highlighted_lines();
    let doc = h.state().document().expect("open");
    let names: Vec<&str> = lines.iter().map(|l| doc.log.task_name(l.task)).collect();
    assert_eq!(names, ["main", "shielded"]);
    let src = doc.source.as_ref().expect("source");
    let line = |n: u32| src.text.lines().nth(n as usize - 1).unwrap_or("");
    // The built-in scenario is shown as its Python listing.
    assert_eq!(src.file, "10_shield_wait_for.py");
    assert!(line(lines[0].line).contains("wait_for(asyncio.shield"), "{}", line(lines[0].line));
    assert!(line(lines[1].line).contains("sleep(delay_seconds)"), "{}", line(lines[1].line));
    // A few more steps: the shield absorbs the cancel and main gets CancelledError, shielded runs on.
    for _ in 0..3 {
        press(&mut h, Key::ArrowRight);
    }
    let app = h.state();
    let doc = app.document().expect("open");
    let c = app.cursor();
    assert!(doc.log.events[..=c as usize].iter().any(|e| e.kind == EventKind::ShieldAbsorbed));
    let shielded = doc.timeline.state_at(1, c).expect("shielded is alive");
    assert_eq!(shielded.state.name(), "sleeping");
}

#[test]
fn every_keyboard_shortcut() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    let last = h.state().player().len() - 1;
    press(&mut h, Key::End);
    assert_eq!(h.state().cursor(), last);
    press(&mut h, Key::Home);
    assert_eq!(h.state().cursor(), 0);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().cursor(), 2);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().cursor(), 1);
    // Shift+Right: the end of the instant at 0 s, then of the one at 5 s.
    press_shift(&mut h, Key::ArrowRight);
    let end0 = h.state().cursor();
    let tl = &h.state().document().expect("open").timeline;
    assert_eq!(tl.time_at(end0), 0.0);
    assert!(tl.time_at(end0 + 1) > 0.0);
    press_shift(&mut h, Key::ArrowRight);
    let c = h.state().cursor();
    assert_eq!(h.state().document().expect("open").timeline.time_at(c), 5.0);
    press_shift(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().cursor(), end0);
    // Space plays, Space pauses.
    press(&mut h, Key::Space);
    assert!(h.state().player().playing);
    press(&mut h, Key::Space);
    assert!(!h.state().player().playing);
}

#[test]
fn play_advances_until_paused() {
    let mut h = harness("05_two_tasks_concurrent");
    h.run();
    h.state_mut().player_mut().speed = 50.0;
    h.get_by_label("▶ play").click();
    h.run_steps(2);
    assert!(h.state().player().playing);
    for _ in 0..4 {
        h.step();
    }
    let moved = h.state().cursor();
    assert!(moved > 0, "playing moves the cursor");
    h.key_press(Key::Space);
    h.run_steps(2);
    assert!(!h.state().player().playing);
    let paused_at = h.state().cursor();
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(h.state().cursor(), paused_at, "paused stays");
}

#[test]
fn axis_buttons_switch_the_axis() {
    let mut h = harness("27_sleep0_order");
    h.run();
    assert_eq!(h.state().axis(), Axis::Order, "an instant-only run opens in event order");
    h.get_by_label("time").click();
    h.run();
    assert_eq!(h.state().axis(), Axis::Time);
    h.get_by_label("hybrid").click();
    h.run();
    assert_eq!(h.state().axis(), Axis::Hybrid);
    h.get_by_label("order").click();
    h.run();
    assert_eq!(h.state().axis(), Axis::Order);
    assert!(h.state().last_frame_shapes() > 0, "the timeline painted");
}

#[test]
fn picking_a_scenario_opens_it() {
    let mut h = harness("01_hello_world");
    h.run();
    h.get_by_label("Two tasks run concurrently").click();
    h.run();
    let doc = h.state().document().expect("open");
    assert_eq!(doc.scenario.map(|s| s.id), Some("05_two_tasks_concurrent"));
    assert_eq!(h.state().cursor(), 0);
}

#[test]
fn a_corrupt_log_shows_an_error_and_the_app_keeps_running() {
    let dir = std::env::temp_dir().join(format!("taskline-gui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let bad = dir.join("corrupt.json");
    std::fs::write(&bad, "{ this is not a log").expect("write");
    let mut h = harness("10_shield_wait_for");
    h.run();
    press(&mut h, Key::ArrowRight);
    h.state_mut().open_path(&bad);
    h.run();
    let err = h.state().error().expect("an error").to_owned();
    assert!(err.contains("corrupt.json"), "{err}");
    h.get_by_label_contains("could not open");
    // The scenario is still open and still steps.
    assert_eq!(h.state().document().and_then(|d| d.scenario).map(|s| s.id), Some("10_shield_wait_for"));
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().cursor(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_saved_log_opens_and_goes_into_recent_files() {
    let dir = std::env::temp_dir().join(format!("taskline-gui-ok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let path = dir.join("shield.json");
    let log = taskline::scenarios::find("10_shield_wait_for").expect("scenario").run();
    taskline::trace::json::save(&log, &path).expect("save");
    let mut h = harness("01_hello_world");
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    let app = h.state();
    assert!(app.error().is_none(), "{:?}", app.error());
    assert_eq!(app.document().expect("open").log.events.len(), log.events.len());
    assert!(app.document().expect("open").source.is_some(), "the log names its scenario: its source shows");
    assert_eq!(app.settings().recent.iter().next(), Some(&path));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_log_filter_highlights_the_last_shown_event() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    let event = 3u32;
    h.state_mut().log_panel_mut().filter.task = Some(1);
    h.state_mut().player_mut().set(event);
    h.run();
    let hl = h.state_mut().highlighted_log_event().expect("a row");
    let doc = h.state().document().expect("open");
    assert!(hl <= event);
    assert_eq!(doc.log.events[hl as usize].task, 1);
    assert!(doc.log.events[hl as usize + 1..=event as usize].iter().all(|e| e.task != 1));
}

#[test]
fn hovering_a_bar_tells_its_state_reason_and_line() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    press(&mut h, Key::End);
    // The shielded task's sleep, row 1, at 3 s.
    let pos = h.state().timeline_screen_pos(1, 3.0).expect("the timeline was drawn");
    h.hover_at(pos);
    h.run_steps(8);
    h.get_by_label("shielded: sleeping");
    h.get_by_label_contains("sleeping until 10.0 s");
    // The line of the Python listing: `await asyncio.sleep(delay_seconds)`.
    h.get_by_label_contains("line 9");
}

#[test]
fn clicking_a_marker_moves_the_cursor_there() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    press(&mut h, Key::End);
    let (seq, x) = {
        let doc = h.state().document().expect("open");
        // The shielded task's last print, at 10 s: not the first event of that instant
        // (a click on empty space would go to the nearest event, the first at 10 s).
        let m = doc
            .timeline
            .markers
            .iter()
            .rfind(|m| m.task == 1 && m.kind == taskline::trace::timeline::MarkerKind::Print)
            .expect("print marker");
        assert!(doc.timeline.time_at(m.seq - 1) == m.t, "not the instant's first event");
        (m.seq, m.t)
    };
    // Markers sit in the top part of their row: 0.22 of a row down.
    let centre = h.state().timeline_screen_pos(1, x).expect("drawn");
    let top = h.state().timeline_screen_pos(1, x).expect("drawn").y
        - (h.state().timeline_screen_pos(0, x).expect("drawn").y - centre.y).abs() * 0.28;
    let pos = egui::pos2(centre.x, top);
    h.hover_at(pos);
    h.run_steps(2);
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    assert_eq!(h.state().cursor(), seq);
}

#[test]
fn a_script_saved_again_is_rerun() {
    let path = std::env::temp_dir().join(format!("taskline-gui-watch-{}.py", std::process::id()));
    let script =
        |word: &str| format!("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('{word}')\n");
    std::fs::write(&path, script("first")).expect("write the script");
    let mut h = harness(path.to_str().expect("utf-8 path"));
    h.run_steps(2);
    let printed = |h: &Harness<'static, TasklineApp>| -> Vec<String> {
        let log = &h.state().document().expect("open").log;
        log.events.iter().filter(|e| e.kind == EventKind::Print).map(|e| log.str(e.a).to_owned()).collect()
    };
    assert_eq!(printed(&h), ["first"]);
    // The learner edits and saves the file: the app reruns it.
    std::fs::write(&path, script("second")).expect("rewrite the script");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(later)).expect("touch");
    let started = std::time::Instant::now();
    while printed(&h) != ["second"] {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(300),
            "the saved script was not rerun (hang guard, not a speed bound)"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
    assert!(h.state().error().is_none());
    std::fs::remove_file(&path).expect("clean up");
}

#[test]
fn the_export_window_copies_the_picture_it_would_write() {
    let mut h = harness("10_shield_wait_for");
    h.run();
    let dialog = taskline::gui::app::ExportDialog {
        format: taskline::export::Format::Png,
        path: "unused.png".into(),
        at_cursor: false,
        visible_only: false,
        message: None,
    };
    let image = h.state().export_image(&dialog, false).expect("a picture");
    // The same pixels as the PNG the window would write.
    let options = h.state().export_options(&dialog, false);
    let log = &h.state().document().expect("open").log;
    let png = taskline::export::render(log, taskline::export::Format::Png, &options).expect("png");
    let decoded = image::load_from_memory(&png).expect("decode").to_rgba8();
    assert_eq!(image.size, [decoded.width() as usize, decoded.height() as usize]);
    assert!(image.size[0] >= 600 && image.size[1] >= 100, "{:?}", image.size);
    let px = decoded.get_pixel(decoded.width() / 2, decoded.height() / 2).0;
    assert_eq!(image.pixels[image.size[0] * (image.size[1] / 2) + image.size[0] / 2].to_srgba_unmultiplied(), px);
}

#[test]
fn why_opens_the_chain_of_causes_and_a_click_goes_to_the_cause() {
    let mut h = harness("15_cancel_awaiting_task");
    h.run();
    // Go to child's end: it ended cancelled.
    let end = {
        let doc = h.state().document().expect("open");
        doc.log
            .events
            .iter()
            .position(|e| e.kind == EventKind::Cancelled && doc.log.task_name(e.task) == "child")
            .expect("child cancelled") as u32
    };
    h.state_mut().player_mut().set(end);
    h.run_steps(3);
    // The explanation line says because, and names the delivered cancel.
    h.get_by_label_contains("because: the cancel requested at #12");
    h.get_by_label("Why?").click();
    h.run_steps(3);
    assert_eq!(h.state().why_target(), Some(end));
    h.get_by_label_contains(&format!("Why #{end}?"));
    // The chain goes back to main's cancel() call (line 26) and to the program's start.
    h.get_by_label_contains("main called parent.cancel()");
    h.get_by_label_contains("⬆ passed on by the cancel at #11");
    h.get_by_label_contains("asyncio.run created the main task");
    // Clicking a link moves the cursor to that event; the window stays on its target.
    h.get_by_label_contains("main called parent.cancel()").click();
    h.run_steps(3);
    assert_eq!(h.state().cursor(), 11);
    assert_eq!(h.state().why_target(), Some(end));
    // W explains the event at the cursor.
    press(&mut h, Key::W);
    assert_eq!(h.state().why_target(), Some(11));
}

/// The lock scenario shows a resource row for its lock, the lock's holder at
/// the cursor, and a wake arrow from the releasing task to the next holder;
/// the row can be folded, hidden one by one or all at once.
#[test]
fn the_lock_scenario_shows_its_resource_row_the_holder_and_a_wake_arrow() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/404_lock_protects_read_modify_write.py");
    let mut h = harness(script);
    h.run();
    // Step until the first hand-over of the lock (deposit#1 wakes deposit#2).
    let mut steps = 0;
    while h.state().wake_arrows().is_empty() {
        press(&mut h, Key::ArrowRight);
        steps += 1;
        assert!(steps < 80, "no wake arrow");
    }
    assert_eq!(h.state().wake_arrows(), [("deposit#1".to_owned(), "deposit#2".to_owned())]);
    let names = h.state().timeline_row_names();
    assert_eq!(names.last().map(String::as_str), Some("lock (Lock)"), "{names:?}");
    // A few steps on, deposit#2 holds the lock.
    for _ in 0..6 {
        press(&mut h, Key::ArrowRight);
        if h.state().resource_state("lock").as_deref() == Some("held by deposit#2") {
            break;
        }
    }
    assert_eq!(h.state().resource_state("lock").as_deref(), Some("held by deposit#2"));
    // The explanation line of a release names the next holder.
    press(&mut h, Key::End);
    let doc = h.state().document().expect("open");
    let release = (doc.log.events.iter())
        .position(|e| e.kind == EventKind::Sync && e.sync_op() == taskline::trace::SyncOp::Release)
        .expect("a release") as u32;
    h.state_mut().player_mut().set(release);
    h.run_steps(2);
    let text = h.state().explanation();
    assert!(text.contains("first in its queue of waiters, gets it next"), "{text}");
    h.get_by_label(&text);
    // Hidden one by one, or all at once.
    h.state_mut().set_resource_shown("lock", false);
    h.run_steps(2);
    assert!(!h.state().timeline_row_names().iter().any(|n| n == "lock (Lock)"));
    assert_eq!(h.state().resource_state("lock"), None);
    h.state_mut().set_resource_shown("lock", true);
    // Folded: one row for them all, still saying who holds the lock.
    h.state_mut().settings_mut().fold_resources = true;
    h.run_steps(2);
    assert_eq!(h.state().timeline_row_names().last().map(String::as_str), Some("1 resource (folded)"));
    assert!(h.state().resource_state("lock").is_some());
    h.state_mut().settings_mut().fold_resources = false;
    h.state_mut().settings_mut().show_resources = false;
    h.run_steps(2);
    assert!(!h.state().timeline_row_names().iter().any(|n| n == "lock (Lock)"));
}
