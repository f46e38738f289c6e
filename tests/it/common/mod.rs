//! Shared helpers for the behaviour tests: compare a run's asyncio-trace
//! projection with the trace CPython 3.13 recorded for the Python twin in
//! `tests/data/behaviour/<name>.py` (golden: `<name>.jsonl`, re-record with
//! `tests/data/behaviour/record.sh`).

#![allow(dead_code)]

use std::path::PathBuf;

use taskline::TaskRef;
use taskline::trace::Log;
use taskline::trace::asyncio::to_jsonl;

/// `tests/data/behaviour`.
pub fn behaviour_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/behaviour")
}

/// The CPython 3.13 golden trace of the Python twin `name`.
pub fn golden(name: &str) -> String {
    let path = behaviour_dir().join(format!("{name}.jsonl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the golden trace {} ({e}); record it with \
             `PYENV_VERSION=3.13.0 python3 ../shared/asyncio-reference/trace.py tests/data/behaviour/{name}.py > tests/data/behaviour/{name}.jsonl`",
            path.display()
        )
    })
}

/// Where two traces first differ, as a readable message.
pub fn first_difference(want: &str, got: &str) -> Option<String> {
    let mut want_lines = want.lines();
    let mut got_lines = got.lines();
    let mut n = 0;
    loop {
        n += 1;
        match (want_lines.next(), got_lines.next()) {
            (None, None) => return None,
            (Some(w), Some(g)) if w == g => {}
            (w, g) => {
                return Some(format!(
                    "first difference at line {n}:\n  CPython:  {}\n  taskline: {}",
                    w.unwrap_or("<end of trace>"),
                    g.unwrap_or("<end of trace>")
                ));
            }
        }
    }
}

/// Asserts that the run's trace equals CPython's trace of `<name>.py`, byte for byte.
#[track_caller]
pub fn assert_matches_cpython(name: &str, log: &Log) {
    assert_matches_cpython_modulo(name, log, |s| s.to_owned());
}

/// Like [`assert_matches_cpython`], after applying `normalize` to taskline's trace.
#[track_caller]
pub fn assert_matches_cpython_modulo(name: &str, log: &Log, normalize: impl Fn(&str) -> String) {
    let want = golden(name);
    let got = normalize(&to_jsonl(log));
    if let Some(diff) = first_difference(&want, &got) {
        eprintln!("---- taskline's trace of {name}:\n{got}----");
        panic!("{name}: taskline differs from CPython 3.13 (Python twin: tests/data/behaviour/{name}.py)\n{diff}");
    }
}

/// `asyncio.current_task()` inside a task.
#[track_caller]
pub fn me() -> TaskRef {
    taskline::current_task().expect("called inside a task")
}

/// `repr(time.monotonic())`.
pub fn now() -> String {
    taskline::repr(&taskline::time::monotonic())
}

/// A fresh, empty directory under the system's temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    #[allow(clippy::new_without_default)]
    pub fn new() -> TempDir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("taskline-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    /// `name` inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The names of the directory's entries, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
