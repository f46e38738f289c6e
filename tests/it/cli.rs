//! The `taskline` binary, run as a process: `list`, `run` in each format,
//! a JSON round trip through a file, and the error paths.

// The helpers below are test code too.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn taskline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskline"))
        .args(args)
        .env_remove("COLUMNS")
        .output()
        .expect("run the taskline binary")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs `taskline args`, asserting exit status 0.
fn ok(args: &[&str]) -> String {
    let out = taskline(args);
    assert!(out.status.success(), "taskline {args:?} failed ({}):\n{}", out.status, stderr(&out));
    stdout(&out)
}

/// A file name under the temp dir that no other test (or test process) uses.
fn temp_path(stem: &str, ext: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("taskline-cli-{stem}-{}-{n}.{ext}", std::process::id()))
}

/// Removes the file when dropped, so a failing test leaves nothing behind.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn golden(id: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/asyncio-reference/golden")
        .join(format!("{id}.jsonl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the CPython reference trace is missing: {} ({e}); expected a checkout of shared/ beside the repo",
            path.display()
        )
    })
}

#[test]
fn list_shows_the_scenarios_by_section() {
    let text = ok(&["list"]);
    assert!(text.contains("10_shield_wait_for"), "{text}");
    assert!(text.contains("01_hello_world"), "{text}");
    assert!(text.contains("2.4 shield"), "{text}");
}

#[test]
fn list_ids_prints_only_ids() {
    let text = ok(&["list", "--ids"]);
    let ids: Vec<&str> = text.lines().collect();
    assert!(ids.contains(&"01_hello_world"), "{text}");
    assert!(ids.contains(&"10_shield_wait_for"), "{text}");
    assert!(ids.iter().all(|id| !id.contains(' ')), "{text}");
}

#[test]
fn asyncio_trace_equals_the_cpython_reference() {
    let got = ok(&["run", "10_shield_wait_for", "--format", "asyncio-trace"]);
    let want = golden("10_shield_wait_for");
    assert!(got == want, "taskline's trace differs from CPython's:\n--- CPython\n{want}--- taskline\n{got}");
}

#[test]
fn a_saved_json_log_runs_like_the_scenario() {
    let direct = ok(&["run", "01_hello_world", "--format", "asyncio-trace"]);
    let json = ok(&["run", "01_hello_world", "--format", "json"]);
    let file = TempFile(temp_path("hello", "json"));
    std::fs::write(&file.0, &json).expect("write the log");
    let path = file.0.to_str().expect("UTF-8 temp path");
    let loaded = ok(&["run", path, "--format", "asyncio-trace"]);
    assert_eq!(loaded, direct);
    // And the JSON survives the round trip byte for byte.
    assert_eq!(ok(&["run", path, "--format", "json"]), json);
}

#[test]
fn an_unknown_scenario_is_an_error_listing_the_ids() {
    let out = taskline(&["run", "xyz"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("unknown scenario 'xyz'"), "{err}");
    assert!(err.contains("01_hello_world"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_near_miss_gets_a_suggestion() {
    let out = taskline(&["run", "10_shield_wait_fro"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("did you mean '10_shield_wait_for'?"), "{}", stderr(&out));
}

#[test]
fn a_corrupt_log_file_is_an_error_naming_it() {
    let file = TempFile(temp_path("corrupt", "json"));
    std::fs::write(&file.0, "this is {not json").expect("write garbage");
    let out = taskline(&["run", file.0.to_str().expect("UTF-8 temp path")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let name = file.0.file_name().and_then(|n| n.to_str()).expect("file name");
    assert!(stderr(&out).contains(name), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn a_missing_log_file_is_an_error_naming_it() {
    let path = temp_path("missing", "json");
    let out = taskline(&["run", path.to_str().expect("UTF-8 temp path")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains(&*path.to_string_lossy()), "{}", stderr(&out));
}

#[test]
fn run_options_do_not_apply_to_a_log_file() {
    let out = taskline(&["run", "saved.json", "--clock", "real"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("--clock"), "{}", stderr(&out));
}

#[test]
fn run_help_documents_the_formats() {
    let help = ok(&["run", "--help"]);
    assert!(help.contains("asyncio-trace"), "{help}");
    assert!(help.contains("Examples:"), "{help}");
    let short = ok(&["help", "run"]);
    assert!(short.contains("asyncio-trace"), "{short}");
}

#[test]
fn no_arguments_without_a_display_print_the_help() {
    // With a display, `taskline` alone opens the app; without one it explains itself.
    let out = Command::new(env!("CARGO_BIN_EXE_taskline"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run taskline");
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&out);
    assert!(help.contains("list"), "{help}");
    assert!(help.contains("run"), "{help}");
    assert!(help.contains("gui"), "{help}");
}

#[test]
fn version_is_printed() {
    let text = ok(&["--version"]);
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        &["run", "01_hello_world", "--format", "yaml"][..],
        &["run", "01_hello_world", "--max-events", "-1"],
        &["run", "01_hello_world", "--max-time", "nan"],
        &["run", "01_hello_world", "--width", "0"],
        &["run", "01_hello_world", "--width", "100000"],
        &["run", "01_hello_world", "--max-time", "-1"],
        &["run"],
        &["frobnicate"],
    ] {
        let out = taskline(args);
        assert_eq!(out.status.code(), Some(2), "taskline {args:?}: {out:?}");
        assert!(!stderr(&out).contains("panicked"), "taskline {args:?}: {}", stderr(&out));
    }
}

#[test]
fn text_shows_the_task_names() {
    let text = ok(&["run", "10_shield_wait_for", "--format", "text", "--width", "100"]);
    assert!(text.contains("main"), "{text}");
    assert!(text.contains("shielded"), "{text}");
}

#[test]
fn text_is_the_default_format() {
    let text = ok(&["run", "10_shield_wait_for", "--width", "100"]);
    assert_eq!(text, ok(&["run", "10_shield_wait_for", "--format", "text", "--width", "100"]));
}

#[test]
fn a_stopped_run_prints_its_output_and_exits_3() {
    let out = taskline(&["run", "10_shield_wait_for", "--format", "asyncio-trace", "--max-events", "5"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(!out.stdout.is_empty());
    assert!(stderr(&out).contains("5 events"), "{}", stderr(&out));

    let out = taskline(&["run", "10_shield_wait_for", "--format", "json", "--max-time", "6"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(stderr(&out).contains("time limit"), "{}", stderr(&out));
}
