//! Chrome trace export of every built-in scenario, checked against the trace
//! event format's documented fields: valid JSON, a named track per task, a
//! slice per state interval at the event log's times, instants for cancels,
//! timeouts and shields, flows whose ends lie in slices.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use taskline::export::{self, At, Format, Options, Window};
use taskline::scenarios;
use taskline::trace::Log;
use taskline::trace::timeline::{self, LinkKind};

fn trace(log: &Log, options: &Options) -> Value {
    let bytes = export::render(log, Format::ChromeTrace, options).expect("trace");
    serde_json::from_slice(&bytes).expect("valid JSON")
}

fn events(trace: &Value) -> &Vec<Value> {
    trace["traceEvents"].as_array().expect("traceEvents is an array")
}

fn us(seconds: f64) -> f64 {
    (seconds * 1e6 * 1000.0).round() / 1000.0
}

/// The fields the format requires per phase, with their JSON types.
fn check_fields(e: &Value) {
    let ph = e["ph"].as_str().expect("ph");
    assert!(e["name"].is_string(), "name: {e}");
    // a counter belongs to the process; every other event to a thread (a task's track)
    assert!(e["pid"].is_u64() && (ph == "C" || e["tid"].is_u64()), "pid/tid: {e}");
    match ph {
        "C" => {
            assert!(e["ts"].is_number() && e["cat"] == "resource", "{e}");
            let args = e["args"].as_object().expect("a counter's args");
            assert!(!args.is_empty() && args.values().all(Value::is_number), "{e}");
        }
        "M" => {
            let name = e["name"].as_str().unwrap();
            assert!(["process_name", "thread_name", "thread_sort_index"].contains(&name), "{e}");
            assert!(e["args"].is_object(), "{e}");
        }
        "X" => {
            assert!(e["ts"].is_number() && e["dur"].is_number(), "{e}");
            assert!(e["dur"].as_f64().unwrap() >= 0.0, "{e}");
            assert!(e["cat"].is_string(), "{e}");
        }
        "i" => {
            assert!(e["ts"].is_number(), "{e}");
            assert!(["g", "p", "t"].contains(&e["s"].as_str().unwrap()), "{e}");
        }
        "s" | "f" => {
            assert!(e["ts"].is_number() && e["id"].is_u64() && e["cat"].is_string(), "{e}");
            assert_eq!(e["bp"], "e", "{e}");
        }
        other => panic!("unexpected phase {other}: {e}"),
    }
}

#[test]
fn every_scenario_gives_a_valid_trace_with_a_track_per_task() {
    for s in scenarios::all() {
        let log = s.run();
        let t = trace(&log, &Options::default());
        assert_eq!(t["displayTimeUnit"], "ms");
        let evs = events(&t);
        for e in evs {
            check_fields(e);
        }
        let names: BTreeMap<u64, &str> = evs
            .iter()
            .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
            .map(|e| (e["tid"].as_u64().unwrap(), e["args"]["name"].as_str().unwrap()))
            .collect();
        for (id, task) in log.tasks.iter().enumerate() {
            assert_eq!(names.get(&(id as u64 + 1)), Some(&log.str(task.name)), "{}: track of task {id}", s.id);
        }
        assert!(evs.iter().any(|e| e["ph"] == "M" && e["name"] == "process_name"), "{}", s.id);
    }
}

#[test]
fn slices_match_the_event_log() {
    for s in scenarios::all() {
        let log = s.run();
        let tl = timeline::derive(&log);
        let t = trace(&log, &Options { axis: Some(taskline::layout::Axis::Time), ..Options::default() });
        let slices: Vec<&Value> = events(&t).iter().filter(|e| e["ph"] == "X").collect();
        let segments: usize = tl.rows.iter().map(|r| r.segments.len()).sum();
        assert_eq!(slices.len(), segments, "{}: a slice per state interval", s.id);
        for e in slices {
            let task = e["tid"].as_u64().unwrap() as u32 - 1;
            let first = e["args"]["first_step"].as_u64().unwrap() as u32;
            let row = tl.row(task).unwrap();
            let seg = row.segments.iter().find(|g| g.seq0 == first).expect("its segment");
            assert_eq!(e["ts"].as_f64().unwrap(), us(seg.t0), "{}: {e}", s.id);
            assert_eq!(e["dur"].as_f64().unwrap(), us(seg.t1) - us(seg.t0), "{}: {e}", s.id);
            assert_eq!(e["args"]["state"], seg.state.name());
            assert_eq!(e["name"], seg.state.label(&log), "the state in words");
            // A state is entered by an event: the slice starts at its time
            // (a step resumed after a block starts when the block ends).
            if !matches!(seg.state, timeline::State::Running) {
                assert_eq!(us(seg.t0), us(log.events[first as usize].time), "{}: {e}", s.id);
            }
        }
    }
}

#[test]
fn slices_on_a_track_do_not_overlap() {
    for s in scenarios::all() {
        let t = trace(&s.run(), &Options::default());
        let mut by_track: BTreeMap<u64, Vec<(f64, f64)>> = BTreeMap::new();
        for e in events(&t).iter().filter(|e| e["ph"] == "X") {
            let ts = e["ts"].as_f64().unwrap();
            by_track.entry(e["tid"].as_u64().unwrap()).or_default().push((ts, ts + e["dur"].as_f64().unwrap()));
        }
        for (tid, spans) in by_track {
            assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0 + 1e-6), "{}: track {tid}: {spans:?}", s.id);
        }
    }
}

#[test]
fn cancels_timeouts_and_shields_are_instants() {
    let log = scenarios::find("10_shield_wait_for").unwrap().run();
    let t = trace(&log, &Options::default());
    let instants: BTreeSet<&str> =
        events(&t).iter().filter(|e| e["ph"] == "i").map(|e| e["name"].as_str().unwrap()).collect();
    for name in ["timeout fired", "cancel requested", "shield absorbed a cancel", "CancelledError delivered", "done"] {
        assert!(instants.contains(name), "{name} in {instants:?}");
    }
    let timeout = events(&t).iter().find(|e| e["name"] == "timeout fired").unwrap();
    assert_eq!(timeout["ts"], 5_000_000);
    assert_eq!(timeout["tid"], 1, "on main's track");
}

#[test]
fn flows_pair_up_and_start_and_end_inside_slices() {
    for s in scenarios::all() {
        let log = s.run();
        let tl = timeline::derive(&log);
        let t = trace(&log, &Options::default());
        let evs = events(&t);
        let mut ends: BTreeMap<u64, Vec<&Value>> = BTreeMap::new();
        for e in evs.iter().filter(|e| e["ph"] == "s" || e["ph"] == "f") {
            ends.entry(e["id"].as_u64().unwrap()).or_default().push(e);
        }
        for (id, pair) in &ends {
            assert_eq!(pair.len(), 2, "{}: flow {id}", s.id);
            assert_eq!((pair[0]["ph"].as_str(), pair[1]["ph"].as_str()), (Some("s"), Some("f")));
            assert_eq!(pair[0]["name"], pair[1]["name"]);
            assert!(pair[0]["ts"].as_f64() <= pair[1]["ts"].as_f64());
            for end in pair {
                let (tid, ts) = (end["tid"].as_u64(), end["ts"].as_f64().unwrap());
                let inside = evs.iter().filter(|e| e["ph"] == "X" && e["tid"].as_u64() == tid).any(|e| {
                    let a = e["ts"].as_f64().unwrap();
                    a <= ts && ts <= a + e["dur"].as_f64().unwrap()
                });
                assert!(inside, "{}: flow {id} end {end} binds to no slice", s.id);
            }
        }
        // Every spawn of a task shown is an arrow.
        let spawns = tl.links.iter().filter(|l| l.kind == LinkKind::Spawn).count();
        let flows = ends.values().filter(|p| p[0]["name"] == "create_task").count();
        assert_eq!(flows, spawns, "{}", s.id);
    }
}

#[test]
fn a_step_and_a_window_cut_the_trace() {
    let log = scenarios::find("10_shield_wait_for").unwrap().run();
    let at = trace(&log, &Options { at: Some(At::Time(5.0)), ..Options::default() });
    let max_end = events(&at)
        .iter()
        .filter(|e| e["ph"] == "X")
        .map(|e| e["ts"].as_f64().unwrap() + e["dur"].as_f64().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(max_end, 5_000_000.0, "nothing after 5 s");
    let window = trace(&log, &Options { window: Window { start: Some(6.0), end: Some(8.0) }, ..Options::default() });
    for e in events(&window).iter().filter(|e| e["ph"] == "X") {
        let ts = e["ts"].as_f64().unwrap();
        assert!(ts >= 6e6 && ts + e["dur"].as_f64().unwrap() <= 8e6, "{e}");
    }
}

/// The resource rows become counter tracks: the bounded queue's length
/// never exceeds its maxsize and reaches it; the lock is held and released
/// five times; `--no-resources` leaves them out.
#[test]
fn resource_rows_are_counter_tracks() {
    let script = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts").join(name);
        taskline::script::run_file(&path, taskline::Config::default()).expect("runs")
    };
    let log = script("438_queue_bounded_backpressure.py");
    let t = trace(&log, &Options::default());
    let lengths: Vec<u64> = events(&t)
        .iter()
        .filter(|e| e["ph"] == "C" && e["name"] == "queue (Queue)")
        .map(|e| e["args"]["length"].as_u64().expect("a length"))
        .collect();
    assert!(!lengths.is_empty());
    assert!(lengths.iter().all(|&n| n <= 2) && lengths.contains(&2), "{lengths:?}");
    let log = script("404_lock_protects_read_modify_write.py");
    let t = trace(&log, &Options::default());
    let held: Vec<u64> = events(&t)
        .iter()
        .filter(|e| e["ph"] == "C" && e["name"] == "lock (Lock)")
        .map(|e| e["args"]["held"].as_u64().expect("held"))
        .collect();
    assert_eq!(held.iter().filter(|&&v| v == 1).count(), 5, "{held:?}");
    let none = trace(&log, &Options { resources: taskline::layout::ResourceFilter::Hidden, ..Options::default() });
    assert!(!events(&none).iter().any(|e| e["ph"] == "C"));
}
