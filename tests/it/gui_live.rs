//! Live view: the timeline grows as a run's log arrives, and the cursor
//! follows the newest event unless the user has stepped back.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use taskline::gui::TasklineApp;
use taskline::gui::live::LiveRun;
use taskline::runtime::{ClockMode, Config, Observer};
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
fn a_real_clock_run_publishes_snapshots_while_it_runs() {
    // What the live view is fed: the runtime publishes a snapshot before it
    // waits for a timer, so one arrives while main sleeps, whatever the load
    // (asserted on the snapshots themselves, not on when a UI saw them).
    let snapshots = Arc::new(Mutex::new(Vec::<Log>::new()));
    let sink = snapshots.clone();
    let observer = Observer::new(Duration::from_millis(50), move |log| {
        sink.lock().expect("snapshots").push(log.clone());
    });
    let scenario = taskline::scenarios::find("01_hello_world").expect("scenario");
    let full = scenario.run_with(Config { clock: ClockMode::Real, observer: Some(observer), ..Config::default() });
    let snapshots = snapshots.lock().expect("snapshots");
    let during = snapshots
        .iter()
        .find(|log| !log.events.is_empty() && log.events.len() < full.events.len())
        .expect("a snapshot published before the run ended");
    assert!(during.events.iter().all(|e| e.time < 0.9), "published while main sleeps");
    for log in snapshots.iter() {
        assert!(log.events.len() <= full.events.len());
        assert_eq!(log.events[..], full.events[..log.events.len()], "every snapshot is a prefix of the run");
    }
}

#[test]
fn a_real_clock_run_is_shown_until_it_ends() {
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
    assert_eq!(h.state().document().expect("a snapshot").log.meta.clock, "real");
    // The timeline grows to the end of the run, and the cursor follows the newest event.
    loop {
        assert!(started.elapsed() < HANG, "the real-clock run never finished");
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
        let doc = h.state().document().expect("recorded");
        if doc.log.end_time() >= 0.9 && h.state().player().at_end() && doc.log.events.iter().any(is_main_done) {
            break;
        }
    }
    // hello world sleeps 1 s on the real clock: a lower bound, never an upper one.
    assert!(started.elapsed() >= Duration::from_millis(900));
}

fn is_main_done(e: &taskline::trace::Event) -> bool {
    e.task == 0 && matches!(e.kind, taskline::trace::EventKind::Done)
}
