//! Determinism (taskline-only): the same program gives the same log, byte
//! for byte, however often, in whatever order and on whatever thread it runs.

use taskline::scenarios;
use taskline::trace::{asyncio, json};

fn run_all() -> Vec<(&'static str, String, String)> {
    scenarios::all()
        .iter()
        .map(|s| {
            let log = s.run();
            (s.id, json::to_string(&log), asyncio::to_jsonl(&log))
        })
        .collect()
}

#[test]
fn every_builtin_scenario_gives_byte_identical_logs_twice() {
    assert!(scenarios::all().len() >= 20);
    let first = run_all();
    let second = run_all();
    for ((id, json_a, jsonl_a), (_, json_b, jsonl_b)) in first.iter().zip(&second) {
        assert!(json_a == json_b, "{id}: json::to_string differs between two runs");
        assert!(jsonl_a == jsonl_b, "{id}: to_jsonl differs between two runs");
        assert!(!json_a.is_empty() && !jsonl_a.is_empty());
    }
}

#[test]
fn the_order_of_runs_and_the_thread_do_not_matter() {
    let forward = run_all();
    // in reverse order, on another thread
    let backward: Vec<(&'static str, String)> =
        std::thread::spawn(|| scenarios::all().iter().rev().map(|s| (s.id, json::to_string(&s.run()))).collect())
            .join()
            .expect("the thread ran");
    for (id, json_b) in backward {
        let (_, json_a, _) = forward.iter().find(|(i, _, _)| *i == id).expect("same scenarios");
        assert!(*json_a == json_b, "{id}: differs when run in another order on another thread");
    }
}

#[test]
fn concurrent_runs_on_several_threads_agree() {
    let expected = run_all();
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| scenarios::all().iter().map(|s| json::to_string(&s.run())).collect::<Vec<_>>()))
        .collect();
    for h in handles {
        let got = h.join().expect("the thread ran");
        for ((id, json_a, _), json_b) in expected.iter().zip(got) {
            assert!(*json_a == json_b, "{id}: differs when runs overlap on several threads");
        }
    }
}
