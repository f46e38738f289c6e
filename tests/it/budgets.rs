//! Runaway scripts under the default guards' mechanism: a run stopped by the
//! event budget writes its whole log (exactly `--max-events` events, the
//! last being the `budget` stop) in every output format, whether the script
//! awaits (`asyncio.sleep(0)`), never awaits (`time.sleep(0)`) or creates
//! tasks without end; the task budget stops a script that piles up live tasks.

use std::path::PathBuf;
use std::process::{Command, Output};

use taskline::trace::{EventKind, LogRecord, json};

const BUDGET: usize = 50_000;

const SLEEP0: &str =
    "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n";
const BLOCKING: &str =
    "import asyncio\nimport time\n\nasync def main():\n    while True:\n        time.sleep(0)\n\nasyncio.run(main())\n";
const SPAWN: &str = "import asyncio\n\nasync def f():\n    pass\n\nasync def main():\n    while True:\n        asyncio.create_task(f())\n\nasyncio.run(main())\n";

/// Writes `source` to a script file of its own; removed when dropped.
struct Script(PathBuf);

impl Script {
    fn new(stem: &str, source: &str) -> Script {
        let path = std::env::temp_dir().join(format!("taskline-budgets-{stem}-{}.py", std::process::id()));
        std::fs::write(&path, source).unwrap();
        Script(path)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_taskline"))
            .arg("run")
            .arg(&self.0)
            .args(args)
            .env_remove("COLUMNS")
            .output()
            .expect("run the taskline binary")
    }
}

impl Drop for Script {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn stopped_by_the_event_budget(stem: &str, source: &str) {
    let script = Script::new(stem, source);
    let budget = BUDGET.to_string();
    let out = script.run(&["--max-events", &budget, "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stem}: stopped by a guard: {stderr}");
    assert!(stderr.contains(&format!("stopped after {BUDGET} events (event budget)")), "{stem}: {stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    let log = json::from_str(&text).unwrap_or_else(|e| panic!("{stem}: the JSON log is valid: {e}"));
    assert_eq!(log.events.len(), BUDGET, "{stem}: the whole log, to the budget");
    let last = log.events.last().unwrap();
    assert_eq!(last.kind, EventKind::Log, "{stem}");
    assert!(matches!(log.logs[last.a as usize], LogRecord::Budget { .. }), "{stem}: the last event is the stop");
    assert!(log.meta.stopped.as_deref().is_some_and(|s| s.contains("event budget")), "{stem}: {:?}", log.meta);
    // Every task in the table has its `created` event in the log.
    let created = log.events.iter().filter(|e| e.kind == EventKind::Created).count();
    assert_eq!(created, log.tasks.len(), "{stem}");

    // The other formats write the same log.
    let out = script.run(&["--max-events", &budget, "--format", "asyncio-trace"]);
    assert_eq!(out.status.code(), Some(3), "{stem}");
    let trace = String::from_utf8(out.stdout).unwrap();
    assert!(trace.lines().last().is_some_and(|l| l.contains(r#""kind": "budget""#)), "{stem}");
    let out = script.run(&["--max-events", &budget, "--format", "text", "--width", "100"]);
    assert_eq!(out.status.code(), Some(3), "{stem}");
    let text = String::from_utf8(out.stdout).unwrap();
    let last_line = text.lines().rfind(|l| l.trim_start().starts_with('#')).unwrap_or_default();
    assert!(last_line.trim_start().starts_with(&format!("#{}", BUDGET - 1)), "{stem}: {last_line}");
}

#[test]
fn an_await_loop_stopped_by_the_event_budget_keeps_its_whole_log() {
    stopped_by_the_event_budget("sleep0", SLEEP0);
}

#[test]
fn a_loop_that_never_awaits_is_stopped_by_the_event_budget_and_keeps_its_whole_log() {
    stopped_by_the_event_budget("blocking", BLOCKING);
}

#[test]
fn a_task_spawning_loop_stopped_by_the_event_budget_keeps_its_whole_log() {
    stopped_by_the_event_budget("spawn", SPAWN);
}

#[test]
fn the_task_budget_stops_a_script_that_piles_up_live_tasks() {
    let script = Script::new("spawn-tasks", SPAWN);
    let out = script.run(&["--max-tasks", "1000", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("stopped with more than 1000 live tasks (task budget)"), "{stderr}");
    let log = json::from_str(&String::from_utf8(out.stdout).unwrap()).expect("a valid JSON log");
    // The script notices the stop within its next few steps.
    assert!(log.tasks.len() > 1000 && log.tasks.len() < 3000, "{} tasks", log.tasks.len());
    let budgets = log
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Budget { .. }))
        .count();
    assert_eq!(budgets, 1);
}
