//! Conformance: every reference scenario's `asyncio-trace` projection equals
//! the trace CPython 3.13 recorded for the same program, byte for byte.

use std::path::PathBuf;

use taskline::scenarios;
use taskline::trace::asyncio::to_jsonl;

fn reference_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/asyncio-reference");
    assert!(
        dir.join("golden").is_dir(),
        "the CPython reference traces are missing: expected {} (a checkout of shared/ beside the repo)",
        dir.display()
    );
    dir
}

fn golden_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(reference_dir().join("golden"))
        .expect("read golden/")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".jsonl")).map(str::to_owned))
        .collect();
    ids.sort();
    ids
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  CPython:  {w}\n  taskline: {g}", i + 1);
        }
    }
    format!("line counts differ: CPython {} lines, taskline {}", want.lines().count(), got.lines().count())
}

/// taskline's own scenarios beyond the reference set: their Python listings
/// are in assets/scenarios (the ones the app shows), their CPython 3.13
/// traces (recorded with the reference harness from those listings) in
/// tests/data/golden.
#[test]
fn every_extra_scenario_matches_its_cpython_twin() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden");
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read tests/data/golden") {
        let path = entry.expect("dir entry").path();
        let Some(id) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".jsonl")) else {
            continue;
        };
        let scenario = scenarios::find(id).unwrap_or_else(|| panic!("{id}: no built-in scenario with this id"));
        let want = std::fs::read_to_string(&path).expect("read golden");
        let got = to_jsonl(&scenario.run());
        if want != got {
            failures.push(format!("{id}: {}", first_difference(&want, &got)));
        }
        checked += 1;
    }
    assert!(checked >= 4, "expected the extra goldens in {}", dir.display());
    assert!(failures.is_empty(), "{} scenarios differ from CPython:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_reference_scenario_matches_cpython_exactly() {
    let ids = golden_ids();
    assert!(ids.len() >= 18, "expected the reference traces, found {ids:?}");
    let mut failures = Vec::new();
    for id in &ids {
        let Some(scenario) = scenarios::find(id) else {
            failures.push(format!("{id}: no built-in scenario with this id"));
            continue;
        };
        let want =
            std::fs::read_to_string(reference_dir().join("golden").join(format!("{id}.jsonl"))).expect("read golden");
        let got = to_jsonl(&scenario.run());
        if want != got {
            failures.push(format!("{id}: {}", first_difference(&want, &got)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios differ from CPython:\n{}",
        failures.len(),
        ids.len(),
        failures.join("\n")
    );
}
