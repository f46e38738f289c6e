//! A panic of taskline itself (the interpreter or the loop, not a task's
//! own Rust code) keeps the log: the events so far are written, the panic
//! is the last event, stderr says so, and the CLI exits with status 4.
//! The panic is injected with a hidden test hook
//! (`TASKLINE_TEST_PANIC_AT_STEP`: the interpreter panics at that step).

use std::path::PathBuf;
use std::process::{Command, Output};

use taskline::trace::{EventKind, Log, LogRecord};

const SCRIPT: &str = "\
import asyncio


async def main():
    for i in range(1000):
        print('tick', i)
        await asyncio.sleep(1)
";

fn script_path(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taskline-internal-panic-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("ticks.py");
    std::fs::write(&path, SCRIPT).expect("write the script");
    path
}

fn run_with_injected_panic(tag: &str, format: &str) -> Output {
    let path = script_path(tag);
    Command::new(env!("CARGO_BIN_EXE_taskline"))
        .args(["run", path.to_str().expect("utf-8 path"), "--format", format])
        .env("TASKLINE_TEST_PANIC_AT_STEP", "300")
        .env_remove("COLUMNS")
        .output()
        .expect("run the taskline binary")
}

fn assert_internal_error_reported(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "exit status; stderr:\n{stderr}");
    assert!(stderr.contains("internal error:"), "stderr:\n{stderr}");
    assert!(stderr.contains("injected panic at interpreter step 300"), "stderr:\n{stderr}");
    assert!(stderr.contains("the log so far is kept"), "stderr:\n{stderr}");
}

#[test]
fn an_interpreter_panic_keeps_the_json_log_with_the_panic_last_and_exits_4() {
    let out = run_with_injected_panic("json", "json");
    assert_internal_error_reported(&out);
    let log: Log = taskline::trace::json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("the JSON log loads");
    let prints: Vec<&str> = log.events.iter().filter(|e| e.kind == EventKind::Print).map(|e| log.str(e.a)).collect();
    assert!(prints.len() >= 2, "the events before the panic are kept: {prints:?}");
    assert_eq!(prints[0], "tick 0");
    assert!(!prints.contains(&"tick 999"), "the run went on after the panic");
    let last = log.events.last().expect("events");
    assert_eq!(last.kind, EventKind::Log);
    let LogRecord::Budget { message } = &log.logs[last.a as usize] else {
        panic!("last event: {:?}", log.logs[last.a as usize]);
    };
    let message = log.str(*message);
    assert!(message.starts_with("internal error: "), "{message}");
    assert!(message.contains("injected panic"), "{message}");
    assert!(log.meta.stopped.as_deref().is_some_and(|s| s.starts_with("internal error: ")), "{:?}", log.meta.stopped);
}

#[test]
fn an_interpreter_panic_keeps_the_asyncio_trace_and_the_text() {
    let out = run_with_injected_panic("trace", "asyncio-trace");
    assert_internal_error_reported(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.iter().any(|l| l.contains("\"text\": \"tick 0\"")), "{stdout}");
    assert!(lines.last().is_some_and(|l| l.contains("internal error: ")), "{stdout}");

    let out = run_with_injected_panic("text", "text");
    assert_internal_error_reported(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tick 0"), "{stdout}");
    assert!(stdout.contains("internal error: "), "{stdout}");
}

#[test]
fn without_the_hook_the_same_script_runs_to_its_end() {
    let path = script_path("none");
    let out = Command::new(env!("CARGO_BIN_EXE_taskline"))
        .args(["run", path.to_str().expect("utf-8 path"), "--format", "asyncio-trace"])
        .env_remove("TASKLINE_TEST_PANIC_AT_STEP")
        .output()
        .expect("run the taskline binary");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("tick 999"));
}

#[test]
fn an_interpreter_panic_still_exports_the_pictures_and_exits_4() {
    let path = script_path("export");
    for ext in ["svg", "png", "trace.json"] {
        let target = path.with_file_name(format!("ticks.{ext}"));
        let out = Command::new(env!("CARGO_BIN_EXE_taskline"))
            .args(["export", path.to_str().expect("utf-8 path"), "-o", target.to_str().expect("utf-8 path")])
            .env("TASKLINE_TEST_PANIC_AT_STEP", "300")
            .output()
            .expect("run the taskline binary");
        assert_internal_error_reported(&out);
        let bytes = std::fs::read(&target).unwrap_or_else(|e| panic!("{ext}: the export was not written: {e}"));
        assert!(!bytes.is_empty(), "{ext}: empty file");
        if ext == "svg" {
            let svg = String::from_utf8_lossy(&bytes);
            assert!(svg.contains("<svg"), "{ext}: not an SVG");
        }
    }
}
