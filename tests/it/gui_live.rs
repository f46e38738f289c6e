//! Live view: the timeline grows as a run's log arrives, and the cursor
//! follows the newest event unless the user has stepped back.

use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use taskline::gui::TasklineApp;
use taskline::gui::live::LiveRun;
use taskline::trace::Log;

/// The log cut after its first `n` events (a snapshot of a run in progress).
fn prefix(log: &Log, n: usize) -> Log {
    let mut cut = log.clone();
    cut.events.truncate(n);
    cut
}

#[test]
fn the_cursor_follows_new_events_until_the_user_steps_back() {
    let full = taskline::scenarios::find("07_cancel_long_task").expect("scenario").run();
    let (live, feed) = LiveRun::manual("07_cancel_long_task");
    let mut app = TasklineApp::new_for_test();
    app.attach_live(live);
    let mut h =
        Harness::builder().with_size([1400.0, 860.0]).build_ui_state(|ui, app: &mut TasklineApp| app.ui_root(ui), app);
    h.run_steps(2);
    assert!(h.state().document().is_none(), "nothing recorded yet");

    feed.publish(prefix(&full, 5));
    h.run_steps(2);
    assert_eq!(h.state().player().len(), 5);
    assert_eq!(h.state().cursor(), 4, "on the newest event");

    feed.publish(prefix(&full, 12));
    h.run_steps(2);
    assert_eq!(h.state().cursor(), 11, "followed");

    // The user steps back: new events no longer move the cursor.
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().cursor(), 10);
    feed.publish(prefix(&full, 20));
    h.run_steps(2);
    assert_eq!(h.state().player().len(), 20);
    assert_eq!(h.state().cursor(), 10, "left where the user put it");

    // Back at the end, it follows again.
    h.key_press(Key::End);
    h.run_steps(2);
    feed.publish(full.clone());
    feed.finish();
    h.run_steps(2);
    assert_eq!(h.state().cursor() as usize, full.events.len() - 1);
}

/// A guard against a hang, not a speed bound: a loaded machine may be slow.
const HANG: Duration = Duration::from_secs(300);

#[test]
fn a_real_clock_run_is_shown_while_it_runs() {
    let mut app = TasklineApp::new_for_test();
    app.start_live("01_hello_world");
    let started = Instant::now();
    let mut h =
        Harness::builder().with_size([1000.0, 700.0]).build_ui_state(|ui, app: &mut TasklineApp| app.ui_root(ui), app);
    while h.state().document().is_none() {
        assert!(started.elapsed() < HANG, "the real-clock run never arrived");
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    // hello world sleeps 1 s: the first snapshot is published while main
    // sleeps, before the run is over (whenever this thread gets to see it).
    let first = h.state().document().expect("a snapshot").log.clone();
    assert_eq!(first.meta.clock, "real");
    assert!(first.events.iter().all(|e| e.time < 0.9), "the first snapshot is from before the sleep ended");
    // The timeline grows to the end of the run, and the cursor follows the newest event.
    loop {
        assert!(started.elapsed() < HANG, "the real-clock run never finished");
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
        let doc = h.state().document().expect("recorded");
        if doc.log.end_time() >= 0.9 && doc.log.events.len() > first.events.len() && h.state().player().at_end() {
            break;
        }
    }
    assert!(started.elapsed() >= Duration::from_millis(900));
}
