//! The Python-script path against CPython, in one run: the same scripts run
//! by taskline's interpreter (`taskline::script::run_source`, recording every
//! event) and by CPython 3.13 on the reference harness's virtual-time loop
//! (`VirtualTimeLoop` from `../shared/asyncio-reference/trace.py`) with
//! tracing off: plain C `asyncio.Task`s, no `TracedTask`, no recording.
//! Only the run is timed on both sides (not the interpreter start-up, not the
//! parsing of the script on CPython's side).
//!
//! The workloads:
//! - `sleeps`: 10k tasks x 100 sleeps on the virtual clock (target: taskline
//!   >= 50x faster);
//! - `lock`: 1,000 tasks contending for one `asyncio.Lock`, 100 acquisitions
//!   each, every holder yielding inside the lock so the waiters queue up
//!   (issue #10's target: >= 10x).
//!
//! Run: `cargo bench --bench script [-- sleeps|lock]`. Prints both times and
//! the ratio per workload. Without CPython 3.13 (`PYENV_VERSION=3.13.0
//! python3`) or without `../shared/asyncio-reference`, it prints why and
//! times taskline alone. `TASKLINE_BENCH_TASKS=<n>` shrinks every workload's
//! task count.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A workload: a name, its default task count, the Python script (`{TASKS}`
/// is replaced by the task count), what it is, and the target ratio.
struct Workload {
    name: &'static str,
    tasks: usize,
    script: &'static str,
    what: &'static str,
    target: f64,
}

/// The `sleeps` workload.
const SLEEPS: &str = r#""""10k tasks x 100 sleeps of 1 to 7 virtual seconds (the runtime bench's virtual_time workload)."""
import asyncio


async def sleeper(i):
    for _ in range(100):
        await asyncio.sleep(1 + i % 7)


async def main():
    tasks = [asyncio.create_task(sleeper(i)) for i in range({TASKS})]
    for t in tasks:
        await t
"#;

/// The `lock` workload: every task takes the lock 100 times and yields while
/// holding it, so each release hands the lock to the next waiter in line.
const LOCK: &str = r#""""1k tasks x 100 acquisitions of one asyncio.Lock, yielding inside it."""
import asyncio

held = 0


async def worker(lock):
    global held
    for _ in range(100):
        async with lock:
            held += 1
            await asyncio.sleep(0)


async def main():
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(worker(lock)) for i in range({TASKS})]
    for t in tasks:
        await t
    assert held == {TASKS} * 100
"#;

const WORKLOADS: [Workload; 2] = [
    Workload {
        name: "sleeps",
        tasks: 10_000,
        script: SLEEPS,
        what: "tasks x 100 sleeps (1 to 7 s) on the virtual clock",
        target: 50.0,
    },
    Workload {
        name: "lock",
        tasks: 1_000,
        script: LOCK,
        what: "tasks x 100 acquisitions of one asyncio.Lock, yielding while holding it",
        target: 10.0,
    },
];

/// Runs the script's `main()` on the reference harness's `VirtualTimeLoop`
/// with plain tasks (the loop's tracing `create_task` is bypassed), the way
/// `asyncio.run` would, and prints the seconds the run took.
const DRIVER: &str = r#"
import asyncio, importlib.util, sys, time

ref_trace, script = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("asyncio_reference_trace", ref_trace)
reftrace = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reftrace)


class PlainVirtualLoop(reftrace.VirtualTimeLoop):
    """The harness's virtual clock and FIFO timer ties, with plain C Tasks: no TracedTask, no recording."""

    def create_task(self, coro, *, name=None, context=None):
        return asyncio.SelectorEventLoop.create_task(self, coro, name=name, context=context)


real_perf_counter = time.perf_counter
loop = PlainVirtualLoop()
asyncio.set_event_loop(loop)
undo_time = reftrace.install_virtual_time(loop)
try:
    spec = importlib.util.spec_from_file_location("bench_script", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    start = real_perf_counter()
    loop.run_until_complete(loop.create_task(mod.main()))
    elapsed = real_perf_counter() - start
    virtual = loop.time()
finally:
    undo_time()
    asyncio.set_event_loop(None)
    loop.close()
print(f"{elapsed!r} {virtual!r}")
"#;

fn reference_trace_py() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/asyncio-reference/trace.py");
    path.is_file().then_some(path)
}

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

/// CPython's run time and final virtual clock, or why it could not run.
fn cpython_run(file: &str, source: &str) -> Result<(Duration, f64), String> {
    let trace_py = reference_trace_py().ok_or("../shared/asyncio-reference/trace.py is missing")?;
    let mut cmd = cpython_313().ok_or("CPython 3.13 is not installed (`PYENV_VERSION=3.13.0 python3`)")?;
    let dir = std::env::temp_dir().join(format!("taskline-bench-script-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let (script, driver) = (dir.join(file), dir.join("driver.py"));
    std::fs::write(&script, source).map_err(|e| format!("write {}: {e}", script.display()))?;
    std::fs::write(&driver, DRIVER).map_err(|e| format!("write {}: {e}", driver.display()))?;
    let out = cmd.arg(&driver).arg(&trace_py).arg(&script).output().map_err(|e| format!("run python3: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        return Err(format!("the CPython driver failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut fields = stdout.split_whitespace();
    let secs: f64 =
        fields.next().and_then(|s| s.parse().ok()).ok_or_else(|| format!("unexpected driver output {stdout:?}"))?;
    let virtual_end: f64 = fields.next().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
    Ok((Duration::from_secs_f64(secs), virtual_end))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let scale: Option<usize> = std::env::var("TASKLINE_BENCH_TASKS").ok().and_then(|s| s.parse().ok());
    for w in WORKLOADS.iter().filter(|w| only.is_empty() || only.iter().any(|o| o == w.name)) {
        bench(w, scale.unwrap_or(w.tasks));
    }
}

fn bench(w: &Workload, tasks: usize) {
    let source = w.script.replace("{TASKS}", &tasks.to_string());
    let file = format!("{}.py", w.name);
    println!("script bench `{}`: {tasks} {}", w.name, w.what);

    // taskline: the median of 3 runs (each parses, runs and records).
    let mut times = Vec::new();
    let mut events = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let log = taskline::script::run_source(&file, &source, taskline::Config::default());
        let elapsed = t.elapsed();
        match log {
            Ok(log) => events = log.events.len(),
            Err(e) => {
                println!("  taskline: run_source failed: {e}");
                return;
            }
        }
        times.push(elapsed);
    }
    let ours = median(times);
    println!(
        "  taskline (taskline::script::run_source, recording): {ours:?} (median of 3), {events} events, {:.2} M events/s",
        events as f64 / ours.as_secs_f64() / 1e6
    );

    match cpython_run(&file, &source) {
        Ok((theirs, virtual_end)) => {
            println!(
                "  CPython 3.13 (reference VirtualTimeLoop, plain tasks, no tracing): {theirs:?} (one run; virtual clock at the end {virtual_end})"
            );
            let ratio = theirs.as_secs_f64() / ours.as_secs_f64();
            println!(
                "  ratio: taskline is {ratio:.1}x faster than CPython (target >= {}x: {})",
                w.target,
                if ratio >= w.target { "met" } else { "NOT met" }
            );
        }
        Err(why) => println!("  CPython side skipped: {why}"),
    }
}
