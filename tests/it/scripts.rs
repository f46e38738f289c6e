//! Python scripts run by taskline's interpreter (`taskline::script`) against
//! the traces CPython 3.13 recorded for the same files.
//!
//! Two sets of programs, each compared byte for byte with its golden trace:
//!
//! * `tests/scripts/NNN_topic_what.py`: small programs, one idea each, covering the
//!   supported Python subset and asyncio API (golden: `tests/scripts/NNN_topic_what.jsonl`,
//!   recorded with `tests/scripts/record.sh`, which records every script twice
//!   and refuses non-deterministic traces);
//! * `tests/scripts/NNN_topic_what/main.py`: multi-file programs (the script
//!   imports the program's own modules and packages from its folder; golden:
//!   `tests/scripts/NNN_topic_what.jsonl`, recorded by `record.sh` through
//!   `tests/trace_program.py`, which puts the program's folders on
//!   `sys.path` as taskline's module search path does);
//! * `../shared/asyncio-reference/scenarios/*.py`: the reference scenarios,
//!   read in place (golden: `../shared/asyncio-reference/golden/*.jsonl`).
//!
//! Tests:
//!
//! * [`every_script_matches_cpython`]: runs all of them (virtual clock, default
//!   `Config`) and reports every failing script with its first differing line.
//!   Set `TASKLINE_SCRIPT=<substring>` to run only the matching scripts, and
//!   `TASKLINE_SCRIPT_SHOW=1` to print taskline's whole trace of each failure.
//! * [`every_script_passes_check_source`]: the static check accepts every script.
//! * [`cli_prints_the_golden_trace`]: `taskline run <script> --format
//!   asyncio-trace` prints the same trace on stdout, for every script.
//! * [`scripts_folder_is_well_formed`]: every script has a docstring, an
//!   `async def main()` and a golden; every golden has a script.
//! * [`goldens_are_current_with_cpython`]: where CPython 3.13 is installed
//!   (`PYENV_VERSION=3.13.0 python3`), re-records every golden with
//!   taskline's copy of the reference harness, `tests/asyncio_trace.py` (the
//!   shared `trace.py` plus simulated worker threads for `to_thread`; for a
//!   program without them it records exactly what `trace.py` records, which
//!   this test checks on the reference scenarios too) and fails if any
//!   changed; elsewhere it prints a note and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use taskline::trace::asyncio::to_jsonl;

/// One program and the trace CPython recorded for it.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    /// `scripts/NNN_topic_what` or `reference/NN_name`.
    id: String,
    pub(crate) script: PathBuf,
    golden: PathBuf,
    /// A folder's `main.py` (recorded through `trace_program.py`).
    multi_file: bool,
}

fn scripts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

/// `../shared/asyncio-reference`; panics with a clear message if it is missing.
fn reference_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/asyncio-reference");
    assert!(
        dir.join("scenarios").is_dir() && dir.join("golden").is_dir() && dir.join("trace.py").is_file(),
        "the CPython reference is missing: expected {} with scenarios/, golden/ and trace.py \
         (a checkout of shared/ beside the repo). These tests run the reference scenarios from there.",
        dir.display()
    );
    dir
}

/// The `.py` files of `dir`, sorted by name.
fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    files
}

/// The multi-file programs of `dir`: its folders named `NNN_...`, sorted.
fn program_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && stem(p).bytes().take(3).all(|b| b.is_ascii_digit()) && stem(p).len() > 4)
        .collect();
    dirs.sort();
    dirs
}

/// A program folder's entry script: its `main.py`, or the one `main.py` a level down
/// (a listing in a chapter folder beside the program's packages).
fn program_entry(dir: &Path) -> PathBuf {
    if dir.join("main.py").is_file() {
        return dir.join("main.py");
    }
    let mut nested: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path().join("main.py"))).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    nested.sort();
    nested.into_iter().next().unwrap_or_else(|| dir.join("main.py"))
}

fn stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned()
}

/// Every script of `tests/scripts` and every reference scenario.
pub(crate) fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for script in python_files(&scripts_dir()) {
        let name = stem(&script);
        cases.push(Case {
            id: format!("scripts/{name}"),
            golden: script.with_extension("jsonl"),
            script,
            multi_file: false,
        });
    }
    for dir in program_dirs(&scripts_dir()) {
        let name = stem(&dir);
        cases.push(Case {
            id: format!("scripts/{name}"),
            golden: dir.with_extension("jsonl"),
            script: program_entry(&dir),
            multi_file: true,
        });
    }
    let reference = reference_dir();
    let scenarios = python_files(&reference.join("scenarios"));
    assert!(scenarios.len() >= 19, "expected the 19 reference scenarios, found {}", scenarios.len());
    for script in scenarios {
        let name = stem(&script);
        cases.push(Case {
            id: format!("reference/{name}"),
            golden: reference.join("golden").join(format!("{name}.jsonl")),
            script,
            multi_file: false,
        });
    }
    cases
}

/// The cases selected by `TASKLINE_SCRIPT` (all when unset).
fn selected_cases() -> Vec<Case> {
    let filter = std::env::var("TASKLINE_SCRIPT").unwrap_or_default();
    all_cases().into_iter().filter(|c| c.id.contains(&filter)).collect()
}

/// Where two traces first differ.
fn first_difference(want: &str, got: &str) -> Option<String> {
    let (mut w, mut g) = (want.lines(), got.lines());
    let mut n = 0;
    loop {
        n += 1;
        match (w.next(), g.next()) {
            (None, None) => return None,
            (Some(a), Some(b)) if a == b => {}
            (a, b) => {
                return Some(format!(
                    "line {n}:\n      CPython:  {}\n      taskline: {}",
                    a.unwrap_or("<end of trace>"),
                    b.unwrap_or("<end of trace>")
                ));
            }
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<non-string panic payload>".to_owned())
}

/// Runs `f` on every item with a few worker threads; returns the results in
/// item order. An item that panics gives `Err(message)`; an item still
/// running after `timeout` (measured from when it started) gives
/// `Err("did not finish ...")` and its thread is left behind.
fn run_parallel<T, R, F>(items: &[T], threads: usize, timeout: Duration, f: F) -> Vec<Result<R, String>>
where
    T: Clone + Send + Sync + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Send + Sync + Clone + 'static,
{
    let items: std::sync::Arc<Vec<T>> = std::sync::Arc::new(items.to_vec());
    let next = std::sync::Arc::new(AtomicUsize::new(0));
    let started = std::sync::Arc::new(Mutex::new(BTreeMap::<usize, Instant>::new()));
    let (tx, rx) = mpsc::channel::<(usize, Result<R, String>)>();
    for _ in 0..threads.max(1) {
        let (items, next, started, tx, f) = (items.clone(), next.clone(), started.clone(), tx.clone(), f.clone());
        std::thread::spawn(move || {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = items.get(i).cloned() else { break };
                started.lock().unwrap_or_else(|e| e.into_inner()).insert(i, Instant::now());
                let f = f.clone();
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || f(item)))
                    .map_err(|p| format!("panicked: {}", panic_message(p.as_ref())));
                if tx.send((i, r)).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let mut results: Vec<Option<Result<R, String>>> = (0..items.len()).map(|_| None).collect();
    let mut pending = items.len();
    while pending > 0 {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok((i, r)) => {
                started.lock().unwrap_or_else(|e| e.into_inner()).remove(&i);
                results[i] = Some(r);
                pending -= 1;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let hung: Vec<usize> = started
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .iter()
                    .filter(|(_, t)| t.elapsed() > timeout)
                    .map(|(i, _)| *i)
                    .collect();
                // Every worker is stuck, or only stuck items are left: give up on them.
                if !hung.is_empty() && (hung.len() >= threads.max(1) || hung.len() >= pending) {
                    break;
                }
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(format!("did not finish within {} s (hangs?)", timeout.as_secs()))))
        .collect()
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 4)
}

/// A trace as compared: object addresses masked (` at 0x1f2e` -> ` at 0x?`,
/// as the harness masks CPython's; taskline prints a stable fake address per
/// object) and the harness's module name `scenario` (it imports the file
/// under that name) read as `__main__`, the name the program has when run
/// as a script and the one taskline gives it. Applied to both sides.
fn normalized(trace: &str) -> String {
    let mut out = String::with_capacity(trace.len());
    let mut rest = trace;
    while let Some(i) = rest.find(" at 0x") {
        out.push_str(&rest[..i + 6]);
        let tail = &rest[i + 6..];
        let n = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push('?');
        rest = if n == 0 { tail.strip_prefix('?').unwrap_or(tail) } else { &tail[n..] };
    }
    out.push_str(rest);
    out.replace("<scenario.", "<__main__.").replace("'scenario.", "'__main__.")
}

#[test]
fn normalized_masks_addresses_and_the_module_name() {
    assert_eq!(
        normalized("<__main__.C object at 0x7f3a00000010> <function f at 0x?> <class 'scenario.C'> 0x1f"),
        "<__main__.C object at 0x?> <function f at 0x?> <class '__main__.C'> 0x1f"
    );
}

/// taskline's `asyncio-trace` of one script, or why there is none.
fn taskline_trace(script: &Path) -> Result<String, String> {
    match taskline::script::run_file(script, taskline::Config::default()) {
        Ok(log) => Ok(to_jsonl(&log)),
        Err(e) => Err(format!("run_file failed: {e}")),
    }
}

#[test]
fn every_script_matches_cpython() {
    let cases = selected_cases();
    assert!(!cases.is_empty(), "no script matches TASKLINE_SCRIPT");
    let show = std::env::var_os("TASKLINE_SCRIPT_SHOW").is_some();
    let results = run_parallel(&cases, threads(), Duration::from_secs(120), |case: Case| taskline_trace(&case.script));
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(results) {
        let want = match std::fs::read_to_string(&case.golden) {
            Ok(w) => w,
            Err(e) => {
                failures.push(format!("{}: cannot read the golden {} ({e})", case.id, case.golden.display()));
                continue;
            }
        };
        match result.and_then(|r| r) {
            Ok(got) => {
                if let Some(diff) = first_difference(&normalized(&want), &normalized(&got)) {
                    if show {
                        eprintln!("---- taskline's trace of {}:\n{got}----", case.id);
                    }
                    failures.push(format!("{}: differs at {diff}", case.id));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    let passed = cases.len() - failures.len();
    eprintln!("scripts: {passed} of {} match CPython 3.13", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ from CPython 3.13 ({passed} pass):\n  {}\n\
         (run one: TASKLINE_SCRIPT=<name> cargo test --test scripts every_script_matches_cpython; \
         TASKLINE_SCRIPT_SHOW=1 prints taskline's traces)",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

/// `taskline run <script> --format asyncio-trace`: its stdout, or why it failed.
fn cli_trace(script: &Path) -> Result<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_taskline"))
        .arg("run")
        .arg(script)
        .args(["--format", "asyncio-trace"])
        .env_remove("COLUMNS")
        .output()
        .map_err(|e| format!("cannot run the taskline binary: {e}"))?;
    let stdout = String::from_utf8(out.stdout).map_err(|e| format!("stdout is not UTF-8: {e}"))?;
    if stdout.is_empty() && !out.status.success() {
        return Err(format!("taskline run exited with {}:\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(stdout)
}

#[test]
fn cli_prints_the_golden_trace() {
    let cases = selected_cases();
    let results = run_parallel(&cases, threads(), Duration::from_secs(120), |case: Case| cli_trace(&case.script));
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(results) {
        let want = std::fs::read_to_string(&case.golden).unwrap_or_default();
        match result.and_then(|r| r) {
            Ok(got) => {
                if let Some(diff) = first_difference(&normalized(&want), &normalized(&got)) {
                    failures.push(format!("{}: `taskline run --format asyncio-trace` differs at {diff}", case.id));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts: the CLI's trace differs from CPython 3.13:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

#[test]
fn every_script_passes_check_source() {
    let mut failures = Vec::new();
    let cases = selected_cases();
    for case in &cases {
        let result = std::panic::catch_unwind(|| taskline::script::check_file(&case.script));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{}: {e}", case.id)),
            Err(p) => failures.push(format!("{}: check_source panicked: {}", case.id, panic_message(p.as_ref()))),
        }
    }
    assert!(
        failures.is_empty(),
        "check_source rejects {} of {} scripts:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

#[test]
fn scripts_folder_is_well_formed() {
    let dir = scripts_dir();
    let scripts = python_files(&dir);
    assert!(scripts.len() >= 60, "expected at least 60 scripts in {}, found {}", dir.display(), scripts.len());
    let mut problems = Vec::new();
    for script in &scripts {
        let name = stem(script);
        let source = std::fs::read_to_string(script).unwrap_or_default();
        let digits = name.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 3 || name.as_bytes().get(3) != Some(&b'_') {
            problems.push(format!("{name}.py: name it NNN_topic_what.py"));
        }
        if !source.starts_with("\"\"\"") {
            problems.push(format!("{name}.py: starts without a docstring saying what it checks"));
        }
        if !source.contains("\nasync def main():") {
            problems.push(format!("{name}.py: has no `async def main()`"));
        }
        if !script.with_extension("jsonl").is_file() {
            problems
                .push(format!("{name}.py: no golden {name}.jsonl (record it with tests/scripts/record.sh {name}.py)"));
        }
    }
    for program in program_dirs(&dir) {
        let name = stem(&program);
        let source = std::fs::read_to_string(program_entry(&program)).unwrap_or_default();
        if !source.starts_with("\"\"\"") || !source.contains("\nasync def main():") {
            problems.push(format!("{name}/main.py: needs a docstring and an `async def main()`"));
        }
        if !program.with_extension("jsonl").is_file() {
            problems.push(format!("{name}/: no golden {name}.jsonl (record it with tests/scripts/record.sh {name})"));
        }
    }
    for entry in std::fs::read_dir(&dir).expect("read tests/scripts").filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "jsonl")
            && !path.with_extension("py").is_file()
            && !program_entry(&path.with_extension("")).is_file()
        {
            problems.push(format!("{}: a golden without its script", path.display()));
        }
    }
    assert!(problems.is_empty(), "tests/scripts:\n  {}", problems.join("\n  "));
}

/// `python3` under `PYENV_VERSION=3.13.0`, if that is CPython 3.13.
fn cpython_313() -> Option<Command> {
    let out = Command::new("python3").env("PYENV_VERSION", "3.13.0").arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !version.trim().starts_with("Python 3.13") {
        return None;
    }
    let mut cmd = Command::new("python3");
    cmd.env("PYENV_VERSION", "3.13.0");
    Some(cmd)
}

/// taskline's copy of the reference harness (see the module docs).
fn harness() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/asyncio_trace.py")
}

/// The trace CPython 3.13 records for `script` with the harness copy
/// (through `trace_program.py` for a multi-file program).
fn cpython_trace(script: &Path, multi_file: bool) -> Result<String, String> {
    let mut cmd = cpython_313().ok_or("CPython 3.13 disappeared")?;
    if multi_file {
        cmd.arg(scripts_dir().join("../trace_program.py"));
    }
    let out = cmd.arg(harness()).arg(script).output().map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!("trace.py failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("trace.py wrote non-UTF-8: {e}"))
}

#[test]
fn goldens_are_current_with_cpython() {
    if cpython_313().is_none() {
        eprintln!(
            "NOTE: goldens_are_current_with_cpython skipped: CPython 3.13 is not installed \
             (`PYENV_VERSION=3.13.0 python3 --version` does not report Python 3.13); \
             the goldens were not re-recorded."
        );
        return;
    }
    let cases = selected_cases();
    let results = run_parallel(&cases, threads(), Duration::from_secs(120), |case: Case| {
        cpython_trace(&case.script, case.multi_file)
    });
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(results) {
        let want = std::fs::read_to_string(&case.golden).unwrap_or_default();
        match result.and_then(|r| r) {
            Ok(got) => {
                if let Some(diff) = first_difference(&want, &got) {
                    failures.push(format!(
                        "{}: the golden {} is stale, CPython now gives a different trace, at {diff}",
                        case.id,
                        case.golden.display()
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} goldens differ from a fresh CPython 3.13 recording (re-record tests/scripts with tests/scripts/record.sh):\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}
