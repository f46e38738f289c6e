//! Why did it happen: the cause of every event (`taskline::trace::cause`)
//! and `taskline why`.
//!
//! * Every event of every test script and reference scenario has a cause,
//!   unless it is a root (the program's start, a deadlock, a budget stop).
//! * The direct causes of every event of the built-in scenarios are the ones
//!   reviewed by hand in `tests/why/<id>.txt` (one line per event: the event,
//!   `<-`, how it follows, the cause). After a deliberate change, re-record
//!   them with `TASKLINE_BLESS=1 cargo test --test it why::` and review the diff.

use std::path::PathBuf;
use std::process::Command;

use taskline::trace::cause::{self, Cause};
use taskline::trace::{Log, NONE};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn describe(log: &Log, seq: u32) -> String {
    let ev = &log.events[seq as usize];
    let task = if ev.task == NONE { "-" } else { log.task_name(ev.task) };
    format!("#{seq} {task} {}", ev.kind)
}

/// The unexplained events of a log: neither a cause nor a root.
fn unexplained(log: &Log) -> Vec<String> {
    let causes = cause::derive(log);
    (0..log.events.len() as u32)
        .filter(|&seq| causes[seq as usize].is_none() && !cause::is_root(log, seq))
        .map(|seq| describe(log, seq))
        .collect()
}

#[test]
fn every_event_of_every_script_has_a_cause_or_is_a_root() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in crate::scripts::all_cases() {
        let Ok(log) = taskline::script::run_file(&case.script, taskline::Config::default()) else { continue };
        checked += 1;
        let missing = unexplained(&log);
        if !missing.is_empty() {
            failures.push(format!("{}: {}", case.script.display(), missing.join(", ")));
        }
    }
    assert!(checked > 150, "only {checked} scripts ran");
    assert!(failures.is_empty(), "events without a cause:\n  {}", failures.join("\n  "));
}

/// One line per event: the event, and its direct cause with the link's words.
fn causes_text(log: &Log) -> String {
    let causes = cause::derive(log);
    let mut out = String::new();
    for (seq, c) in causes.iter().enumerate() {
        out.push_str(&describe(log, seq as u32));
        match c {
            Some(Cause { seq: at, reason }) => {
                out.push_str(&format!(" <- {} {}\n", reason.describe(), describe(log, *at)));
            }
            None => out.push_str(" (root)\n"),
        }
    }
    out
}

#[test]
fn the_causes_of_the_builtin_scenarios_are_the_reviewed_ones() {
    let bless = std::env::var_os("TASKLINE_BLESS").is_some();
    let dir = manifest().join("tests/why");
    let mut failures = Vec::new();
    for s in taskline::scenarios::all() {
        let got = causes_text(&s.run());
        let path = dir.join(format!("{}.txt", s.id));
        if bless {
            std::fs::create_dir_all(&dir).expect("tests/why");
            std::fs::write(&path, &got).expect("write the golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if want != got {
            let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{}: line {}: want {:?}, got {:?}",
                s.id,
                line + 1,
                want.lines().nth(line),
                got.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn taskline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_taskline")).args(args).env_remove("COLUMNS").output().expect("run taskline")
}

#[test]
fn taskline_why_prints_the_chain_back_to_the_cancel_call_and_its_line() {
    let out = taskline(&["why", "15_cancel_awaiting_task", "18"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("why #18  1.0 s  child  cancelled:"), "{text}");
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}: {text}"));
    // Delivered cancel <- forwarded from parent's <- main's cancel() call at line 26, in that order.
    let delivered = at("<- the cancel requested at #12");
    let forwarded = at("<- passed on by the cancel at #11");
    let call = at("main called parent.cancel()");
    assert!(delivered < forwarded && forwarded < call, "{text}");
    assert!(lines[call..].join(" ").contains("line 26"), "{text}");
    assert_eq!(lines.last().map(|l| l.trim()), Some("(the start of the chain)"));
}

#[test]
fn taskline_why_refuses_an_event_past_the_end() {
    let out = taskline(&["why", "01_hello_world", "999"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no event #999: 01_hello_world has") && err.contains("(#0 to #"), "{err}");
}

#[test]
fn a_lock_handed_on_is_explained_by_the_release_of_the_task_that_held_it() {
    let script = manifest().join("tests/scripts/404_lock_protects_read_modify_write.py");
    let log = taskline::script::run_file(&script, taskline::Config::default()).expect("runs");
    let causes = cause::derive(&log);
    let acquire = |task: &str| {
        log.events
            .iter()
            .position(|e| {
                e.kind == taskline::trace::EventKind::Sync
                    && e.sync_op() == taskline::trace::SyncOp::Acquire
                    && log.task_name(e.task) == task
            })
            .expect("an acquire") as u32
    };
    let chain = cause::chain(&causes, acquire("deposit#2"));
    let handed = chain.iter().find(|c| c.reason == cause::Reason::SyncWoke).expect("woken by a sync operation");
    let release = &log.events[handed.seq as usize];
    assert_eq!(log.task_name(release.task), "deposit#1");
    assert_eq!(release.sync_op(), taskline::trace::SyncOp::Release);
}
