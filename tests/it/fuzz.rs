//! A deterministic mutation fuzzer over the whole in-process pipeline.
//!
//! Inputs are mutants of the scripts in `tests/scripts/*.py` and
//! `assets/scenarios/*.py` (line, token and byte mutations, asyncio API
//! names swapped in, nesting inserted) and of JSON event logs recorded from
//! them (values, keys and structure mutated, events duplicated, times made
//! nan/inf/negative/backward, text truncated). Each script is checked and run
//! with tiny budgets, then every output is produced: JSON (and loaded back:
//! it must give the same log), the asyncio trace, the text timeline, the
//! timeline derivation, the SVG scene and the Chrome trace. Each log is
//! loaded, and when it loads, put through the same outputs.
//!
//! The oracle: no panic (anywhere, also on the interpreter's own thread,
//! where `run_source` turns a panic into "the interpreter failed"), no hang
//! (budgets bound every run; a watchdog reports an input that takes over
//! 60 s and aborts after 300 s), and the JSON round trip. Before each run
//! the input is written to `$CARGO_TARGET_TMPDIR/fuzz/current.{py,json}`, so
//! a crash that kills the process (a stack overflow) leaves it behind.
//! Distinct failures are saved as `crash-<n>.{py,json}` next to it.
//!
//! Environment: `TASKLINE_FUZZ_N` (inputs, default 5000), `TASKLINE_FUZZ_SEED`
//! (default 1), `TASKLINE_FUZZ_START` (first input index, default 0),
//! `TASKLINE_FUZZ_RASTER=1` (also rasterise a PNG per input: slow),
//! `TASKLINE_FUZZ_REPLAY=FILE` (run only that `.py` or `.json` file),
//! `TASKLINE_FUZZ_VERBOSE=1` (say why each refused input was refused).
//! Input `i` of seed `s` is the same on every machine. See docs/testing.md.
//!
//! The reproducers of the failures found are in `tests/data/fuzz/`.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Map, Number, Value};
use taskline::Config;
use taskline::export::{self, At, Options, Window};
use taskline::layout::{Axis, FutureMode, Theme};
use taskline::trace::{Log, asyncio, json, timeline};

// ------------------------------------------------------------------ PRNG

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ------------------------------------------------------------------ corpus

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn py_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "py"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

struct Corpus {
    scripts: Vec<(String, String)>,
    logs: Vec<String>,
}

fn corpus() -> Corpus {
    let mut scripts = py_files(&root().join("tests/scripts"));
    scripts.extend(py_files(&root().join("assets/scenarios")));
    assert!(scripts.len() > 20, "the scripts to mutate: {} found", scripts.len());
    let mut logs = Vec::new();
    for (name, src) in scripts.iter().step_by(3) {
        if let Ok(log) = taskline::script::run_source(name, src, small_config()) {
            logs.push(json::to_string(&log));
        }
    }
    for s in taskline::scenarios::all() {
        logs.push(json::to_string(&s.run()));
    }
    Corpus { scripts, logs }
}

// ------------------------------------------------------------------ script mutations

const EDGE_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "1e308",
    "-1e308",
    "float('inf')",
    "float('-inf')",
    "float('nan')",
    "10**100",
    "-10**100",
    "-0.0",
    "1e-300",
    "2**63",
    "2**64",
    "0.5",
    "3",
    "-5",
    "9223372036854775807",
];

const NAMES: &[&str] = &[
    "shield",
    "wait_for",
    "gather",
    "cancel",
    "TaskGroup",
    "timeout",
    "timeout_at",
    "sleep",
    "create_task",
    "current_task",
    "all_tasks",
    "CancelledError",
    "TimeoutError",
    "run",
    "ensure_future",
    "wait",
    "uncancel",
    "cancelling",
    "cancelled",
    "result",
    "exception",
    "done",
    "add_done_callback",
    "get_running_loop",
    "monotonic",
    "main",
    "print",
    "range",
    "len",
    "str",
    "repr",
    "list",
    "dict",
    "set",
    "tuple",
    "int",
    "float",
    "isinstance",
    "sorted",
    "await",
    "async",
    "return",
    "yield",
    "lambda",
    "None",
    "True",
    "False",
    "nonlocal",
    "global",
    "del",
    "raise",
    "pass",
    "break",
    "continue",
    "asyncio",
    "time",
    "task",
    "t",
    "x",
    "self",
    "tg",
    "Exception",
    "BaseException",
    "ValueError",
    "ExceptionGroup",
    "__name__",
    "_",
];

const OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">", "<=", ">=", " and ", " or ", " not ", " in ", " is ",
    "=", "+=", ":=", "|", "&", "^", "<<", ">>", "@", ",", ".", ":", "(", ")", "[", "]", "{", "}",
];

const WRAPPERS: &[&str] = &[
    "async with asyncio.timeout({n}):",
    "async with asyncio.TaskGroup() as tg:",
    "try:",
    "for _ in range({n}):",
    "while {n} < 1:",
    "if {n}:",
    "async def inner():",
    "def inner():",
    "with asyncio.timeout({n}):",
];

const STATEMENTS: &[&str] = &[
    "await asyncio.sleep({n})",
    "await asyncio.shield(asyncio.shield(asyncio.sleep({n})))",
    "await asyncio.wait_for(asyncio.shield(asyncio.sleep({n})), {n})",
    "await asyncio.gather(asyncio.sleep({n}), asyncio.sleep(0), return_exceptions=True)",
    "asyncio.current_task().cancel()",
    "asyncio.current_task().uncancel()",
    "raise asyncio.CancelledError()",
    "t = asyncio.create_task(asyncio.sleep({n}))",
    "t.cancel()",
    "await t",
    "return {n}",
    "print({n}, repr({n}), f'{{{n}:>{{3}}}}')",
    "x = [x]",
    "x = {n} / 0",
    "time.sleep({n})",
    "await main()",
    "asyncio.run(main())",
    "x = [0] * {n}",
    "x = []; x.append(x); print(x == x, x < [x], x in x)",
    "x = []; x.append(x); print(x, x[0] is x)",
    "d = {}; d[{n}] = d; print(repr(d), len(d))",
    "x = [1, 2, 3]; x[{n}:{n}] = x; print(x[::{n}])",
];

const CHARS: &[char] =
    &['(', ')', '[', ']', '{', '}', ':', '\n', ' ', '\t', '\'', '"', '#', '\\', ',', '.', '=', 'é', '\0', '*'];

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut s = template.to_owned();
    while let Some(i) = s.find("{n}") {
        let n = *rng.pick(EDGE_NUMBERS);
        s.replace_range(i..i + 3, n);
    }
    s
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Ident,
    Number,
    Op,
}

/// Token spans of a line: identifiers, numbers, operators (strings and comments skipped roughly).
fn tokens(line: &str) -> Vec<(usize, usize, Class)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((start, i, Class::Ident));
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            out.push((start, i, Class::Number));
        } else if c == b'#' {
            break;
        } else if c == b'\'' || c == b'"' {
            i += 1;
            while i < b.len() && b[i] != c {
                i += 1;
            }
            i += 1;
        } else if b"+-*/%=<>!|&^@.,:()[]{}".contains(&c) {
            while i < b.len() && b"*/=<>".contains(&b[i]) && i - start < 2 {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            out.push((start, i, Class::Op));
        } else {
            i += 1;
        }
    }
    out
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many mutations to stack: mostly one, so that many mutants still run.
fn rounds(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3 + rng.below(4),
    }
}

fn mutate_script(src: &str, others: &[(String, String)], rng: &mut Rng) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    for _ in 0..rounds(rng) {
        let n = lines.len().max(1);
        let at = rng.below(n).min(lines.len().saturating_sub(1));
        match rng.below(15) {
            0 => {
                if lines.len() > 1 {
                    lines.remove(at);
                }
            }
            1 => {
                let l = lines[at].clone();
                lines.insert(at, l);
            }
            2 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            3..=5 => {
                // token replacement
                let line = lines[at].clone();
                let toks = tokens(&line);
                if toks.is_empty() {
                    continue;
                }
                let (s, e, class) = *rng.pick(&toks);
                let with = match class {
                    Class::Number => rng.pick(EDGE_NUMBERS).to_string(),
                    Class::Ident => {
                        if rng.chance(25) {
                            rng.pick(EDGE_NUMBERS).to_string()
                        } else {
                            rng.pick(NAMES).to_string()
                        }
                    }
                    Class::Op => rng.pick(OPERATORS).to_string(),
                };
                let mut l = line;
                l.replace_range(s..e, &with);
                lines[at] = l;
            }
            6 => {
                // wrap a line in a block
                let ind = indent_of(&lines[at]).to_owned();
                let header = {
                    let t = *rng.pick(WRAPPERS);
                    fill(t, rng)
                };
                let body = format!("    {}", lines[at]);
                lines[at] = format!("{ind}{header}");
                lines.insert(at + 1, body);
                if header == "try:" {
                    let handler =
                        ["except BaseException:", "except* Exception:", "finally:", "except asyncio.CancelledError:"];
                    lines.insert(at + 2, format!("{ind}{}", rng.pick(&handler)));
                    lines.insert(
                        at + 3,
                        format!("{ind}    {}", {
                            let t = *rng.pick(STATEMENTS);
                            fill(t, rng)
                        }),
                    );
                }
            }
            7 | 8 | 13 | 14 => {
                // insert an asyncio statement at the line's indentation
                let ind = indent_of(&lines[at]).to_owned();
                lines.insert(
                    at,
                    format!("{ind}{}", {
                        let t = *rng.pick(STATEMENTS);
                        fill(t, rng)
                    }),
                );
            }
            9 => {
                // wrap an awaited expression in asyncio combinators
                let line = lines[at].clone();
                if let Some(i) = line.find("await ") {
                    let rest = line[i + 6..].trim_end();
                    if !rest.is_empty() && !rest.ends_with(':') {
                        let depth = 1 + rng.below(4);
                        let mut expr = rest.to_owned();
                        for _ in 0..depth {
                            expr = match rng.below(4) {
                                0 => format!("asyncio.shield({expr})"),
                                1 => format!("asyncio.wait_for({expr}, {})", rng.pick(EDGE_NUMBERS)),
                                2 => format!("asyncio.gather({expr}, return_exceptions={})", rng.chance(50)),
                                _ => format!("asyncio.create_task({expr})"),
                            };
                        }
                        lines[at] = format!("{}await {expr}", &line[..i]);
                    }
                }
            }
            10 => {
                // a line from another script
                let (_, other) = rng.pick(others);
                let theirs: Vec<&str> = other.lines().collect();
                if !theirs.is_empty() {
                    let l = theirs[rng.below(theirs.len())].trim_start();
                    let ind = indent_of(&lines[at]).to_owned();
                    lines.insert(at, format!("{ind}{l}"));
                }
            }
            11 => {
                // indentation
                if rng.chance(50) {
                    lines[at].insert_str(0, "    ");
                } else if lines[at].starts_with("    ") {
                    lines[at].replace_range(0..4, "");
                }
            }
            _ => {
                // bytes
                let l = &mut lines[at];
                let i = char_boundary(l, rng.below(l.len() + 1));
                match rng.below(3) {
                    0 => l.insert(i, *rng.pick(CHARS)),
                    1 => {
                        let j = char_boundary(l, i + 1 + rng.below(8));
                        l.replace_range(i..j, "");
                    }
                    _ => {
                        let j = char_boundary(l, i + 1 + rng.below(12));
                        let dup = l[i..j].to_owned();
                        l.insert_str(i, &dup);
                    }
                }
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

// ------------------------------------------------------------------ log mutations

fn edge_value(rng: &mut Rng, donor: &Value) -> Value {
    match rng.below(22) {
        0 => Value::from(0),
        1 => Value::from(-1),
        2 => Value::from(1e308),
        3 => Value::from(-1e308),
        4 => Value::from("nan"),
        5 => Value::from("inf"),
        6 => Value::from("-inf"),
        7 => Value::from(u64::MAX),
        8 => Value::from(i64::MIN),
        9 => Value::from(u64::from(u32::MAX)),
        10 => Value::from(4_294_967_296u64),
        11 => Value::from(5e-324),
        12 => Value::from(""),
        13 => Value::from("\u{202e}x\n<svg>&\"é"),
        14 => Value::Null,
        15 => Value::Bool(true),
        16 => Value::Object(Map::new()),
        17 => Value::Array(Vec::new()),
        18 => Value::from(1),
        19 => Value::from(2.5),
        20 => Value::from(1.0e15),
        _ => donor.clone(),
    }
}

const KINDS: &[&str] = &[
    "created",
    "start",
    "resume",
    "suspend",
    "done",
    "cancelled",
    "exception",
    "cancel_requested",
    "print",
    "block",
    "log",
    "wake",
    "timeout_fired",
    "shield_absorbed",
    "bogus",
    "",
];

/// A random node of `v` (a path of keys and indices).
fn random_path(v: &Value, rng: &mut Rng) -> Vec<Result<String, usize>> {
    let mut path = Vec::new();
    let mut cur = v;
    // mostly inside the events and tasks: the top-level keys are checked first and simplest
    let into = match rng.below(10) {
        0..=6 => Some("events"),
        7 | 8 => Some("tasks"),
        _ => None,
    };
    if let Some(k) = into
        && let Some(Value::Array(a)) = v.get(k)
        && !a.is_empty()
    {
        let i = rng.below(a.len());
        path.push(Ok(k.to_owned()));
        path.push(Err(i));
        cur = &a[i];
    }
    loop {
        if rng.chance(25) && !path.is_empty() {
            return path;
        }
        match cur {
            Value::Object(m) if !m.is_empty() => {
                let k = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                cur = &m[&k];
                path.push(Ok(k));
            }
            Value::Array(a) if !a.is_empty() => {
                let i = rng.below(a.len());
                cur = &a[i];
                path.push(Err(i));
            }
            _ => return path,
        }
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Result<String, usize>]) -> Option<&'a mut Value> {
    let mut cur = v;
    for p in path {
        cur = match (p, cur) {
            (Ok(k), Value::Object(m)) => m.get_mut(k)?,
            (Err(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn set(v: &mut Value, key: &str, to: Value) {
    if let Some(m) = v.as_object_mut() {
        m.insert(key.to_owned(), to);
    }
}

/// Makes `seq` and task `id` equal to the position again (the loader checks
/// these first), so that mutants with events moved or duplicated get further.
fn renumber(v: &mut Value) {
    for (list, key) in [("events", "seq"), ("tasks", "id")] {
        if let Some(Value::Array(items)) = v.get_mut(list) {
            for (i, item) in items.iter_mut().enumerate() {
                if let Some(m) = item.as_object_mut()
                    && m.get(key).is_some_and(Value::is_u64)
                {
                    m.insert(key.to_owned(), Value::from(i as u64));
                }
            }
        }
    }
}

fn mutate_log(text: &str, rng: &mut Rng) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    for _ in 0..rounds(rng) {
        let path = random_path(&v, rng);
        let donor = {
            let p = random_path(&v, rng);
            node_mut(&mut v, &p).map(|n| n.clone()).unwrap_or(Value::Null)
        };
        match rng.below(10) {
            0..=2 => {
                if let Some(n) = node_mut(&mut v, &path) {
                    *n = edge_value(rng, &donor);
                }
            }
            3 => {
                // remove the node from its parent
                if let Some((last, parent)) = path.split_last()
                    && let Some(p) = node_mut(&mut v, parent)
                {
                    match (last, p) {
                        (Ok(k), Value::Object(m)) => {
                            m.remove(k);
                        }
                        (Err(i), Value::Array(a)) => {
                            a.remove(*i);
                        }
                        _ => {}
                    }
                }
            }
            4 => {
                // an unknown or renamed key
                if let Some(Value::Object(m)) = node_mut(&mut v, &path) {
                    let k = m.keys().nth(rng.below(m.len().max(1))).cloned();
                    if let Some(k) = k
                        && let Some(val) = m.remove(&k)
                    {
                        m.insert(format!("{k}_"), val);
                    }
                }
            }
            5 | 6 => {
                // events: duplicate, swap, truncate, kind, time, task
                if let Some(Value::Array(events)) = v.get_mut("events")
                    && !events.is_empty()
                {
                    let i = rng.below(events.len());
                    let j = rng.below(events.len());
                    match rng.below(6) {
                        0 => {
                            let e = events[i].clone();
                            events.insert(j, e);
                        }
                        1 => events.swap(i, j),
                        2 => events.truncate(i),
                        3 => set(&mut events[i], "kind", Value::from(*rng.pick(KINDS))),
                        4 => {
                            let t = match rng.below(5) {
                                0 => Value::from("nan"),
                                1 => Value::from("inf"),
                                2 => Value::from(-1.0),
                                3 => Value::from(1e300),
                                _ => Value::from(0.0),
                            };
                            set(&mut events[i], "t", t);
                        }
                        _ => set(&mut events[i], "task", Value::from(rng.below(8) as u64)),
                    }
                }
            }
            7 => {
                // tasks: parent cycles, duplicates, removal
                if let Some(Value::Array(tasks)) = v.get_mut("tasks")
                    && !tasks.is_empty()
                {
                    let i = rng.below(tasks.len());
                    match rng.below(3) {
                        0 => {
                            let p = Value::from(rng.below(tasks.len() + 2) as u64);
                            set(&mut tasks[i], "parent", p);
                        }
                        1 => {
                            let t = tasks[i].clone();
                            tasks.push(t);
                        }
                        _ => {
                            tasks.pop();
                        }
                    }
                }
            }
            8 => {
                // nest: wrap a node in an array or object
                if let Some(n) = node_mut(&mut v, &path) {
                    let inner = n.take();
                    *n = if rng.chance(50) {
                        Value::Array(vec![inner])
                    } else {
                        let mut m = Map::new();
                        m.insert("kind".into(), Value::from("deadline"));
                        m.insert("deadline".into(), Value::from(1.0));
                        m.insert("inner".into(), inner);
                        Value::Object(m)
                    };
                }
            }
            _ => {
                if let Some(n) = node_mut(&mut v, &path)
                    && let Some(x) = n.as_f64()
                {
                    let delta = [1.0, -1.0, 1e-9, 1e9, -1e300];
                    let y = x + rng.pick(&delta);
                    if let Some(num) = Number::from_f64(y) {
                        *n = Value::Number(num);
                    }
                }
            }
        }
    }
    if rng.chance(85) {
        renumber(&mut v);
    }
    let mut out = if rng.chance(50) { serde_json::to_string_pretty(&v).unwrap_or_default() } else { v.to_string() };
    if rng.chance(8) {
        let cut = char_boundary(&out, rng.below(out.len() + 1));
        out.truncate(cut);
    }
    out
}

// ------------------------------------------------------------------ the pipeline

fn small_config() -> Config {
    Config { max_events: 300, max_time: 100.0, ..Config::default() }
}

/// A failure the oracle found (not a panic: those are caught around the pipeline).
struct Failure(String);

fn random_options(rng: &mut Rng, log: &Log) -> Options {
    let mut o = Options { width: 320 + rng.below(900) as u32, legend: rng.chance(50), ..Options::default() };
    if rng.chance(30) {
        o.axis = Some(*rng.pick(&Axis::ALL));
    }
    if rng.chance(30) {
        let n = log.events.len() as u32;
        o.at = Some(if rng.chance(50) {
            At::Step(rng.below(n as usize + 2) as u32)
        } else {
            At::Time(*rng.pick(&[0.0, 0.5, 1.0, log.end_time(), f64::NAN, -1.0, 1e300]))
        });
        o.future = if rng.chance(50) { FutureMode::Dim } else { FutureMode::Hide };
    }
    if rng.chance(15) {
        let end = log.end_time();
        o.window = Window { start: Some(end * 0.25), end: if rng.chance(50) { Some(end) } else { None } };
    }
    if rng.chance(20) {
        o.theme = Theme::Dark;
    }
    o
}

/// Every output of a log; the JSON must load back as the same log.
fn outputs(log: &Log, rng: &mut Rng, raster: bool) -> Result<(), Failure> {
    let text = json::to_string(log);
    let back = json::from_str(&text).map_err(|e| Failure(format!("the JSON written does not load back: {e}")))?;
    if json::to_string(&back) != text {
        return Err(Failure("the JSON written loads back as a different log".into()));
    }
    if asyncio::to_jsonl(&back) != asyncio::to_jsonl(log) {
        return Err(Failure("the reloaded log gives a different asyncio trace".into()));
    }
    let tl = timeline::derive(log);
    std::hint::black_box(&tl);
    let txt = taskline::cli::text::render(log, 40 + rng.below(160));
    std::hint::black_box(&txt);
    let options = random_options(rng, log);
    if let Ok(svg) = export::svg::render(log, &options)
        && !svg.starts_with("<svg")
    {
        return Err(Failure("the SVG does not start with <svg".into()));
    }
    let _ = export::chrome::render(log, &options);
    if raster {
        let small = Options { width: 320, ..options };
        let _ = export::png::render(log, &small);
    }
    Ok(())
}

fn run_script(name: &str, src: &str, rng: &mut Rng, raster: bool) -> Result<(), Failure> {
    if let Err(taskline::script::ScriptError::Io { message, .. }) = taskline::script::check_source(name, src) {
        return Err(Failure(format!("check_source: {message}")));
    }
    match taskline::script::run_source(name, src, small_config()) {
        Ok(log) => {
            REACHED.fetch_add(1, Ordering::Relaxed);
            if log.meta.stopped.as_deref() == Some("taskline: the interpreter failed") {
                return Err(Failure("the interpreter failed (a panic on its thread)".into()));
            }
            outputs(&log, rng, raster)
        }
        Err(e) => {
            if VERBOSE.load(Ordering::Relaxed) {
                eprintln!("fuzz: refused: {}", e.to_string().lines().next().unwrap_or(""));
            }
            Ok(())
        }
    }
}

fn run_log(text: &str, rng: &mut Rng, raster: bool) -> Result<(), Failure> {
    match json::from_str(text) {
        Ok(log) => {
            REACHED.fetch_add(1, Ordering::Relaxed);
            outputs(&log, rng, raster)
        }
        Err(e) => {
            if VERBOSE.load(Ordering::Relaxed) {
                eprintln!("fuzz: not loaded: {e}");
            }
            if e.to_string().is_empty() {
                return Err(Failure("an empty load error".into()));
            }
            Ok(())
        }
    }
}

// ------------------------------------------------------------------ panics, watchdog

/// Inputs that got through checking (scripts that ran, logs that loaded): the fuzzer's reach.
static REACHED: AtomicU64 = AtomicU64::new(0);
/// `TASKLINE_FUZZ_VERBOSE=1`: say why each refused input was refused.
static VERBOSE: AtomicBool = AtomicBool::new(false);
/// How many fuzz runs or replays are going on (the panic hook records panics while any is).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Records panics of the fuzzer's threads (the test's, named after it, and
/// the interpreter's unnamed ones) instead of printing each.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            let ours = thread.name().is_none_or(|n| n.contains("fuzz"));
            if ACTIVE.load(Ordering::SeqCst) > 0 && ours {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let mut p = PANIC.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if p.is_none() {
                    *p = Some(format!("panic at {at}: {msg}"));
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// The tests that run the pipeline take turns: the panic hook's record is shared.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn take_panic() -> Option<String> {
    PANIC.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
}

/// The signature that makes two failures "the same": the panic's place, or the message without numbers.
fn signature(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    let cut: String = first.chars().take(90).collect();
    let mut out = String::new();
    for c in cut.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

struct Watchdog {
    started_ms: std::sync::Arc<AtomicU64>,
}

const IDLE: u64 = u64::MAX;

impl Watchdog {
    fn start(current: PathBuf) -> Watchdog {
        let started_ms = std::sync::Arc::new(AtomicU64::new(IDLE));
        let s = started_ms.clone();
        std::thread::spawn(move || {
            let mut reported = IDLE;
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let began = s.load(Ordering::SeqCst);
                if began == IDLE {
                    continue;
                }
                let took = now_ms().saturating_sub(began);
                if took > 60_000 && reported != began {
                    eprintln!("fuzz: an input has run for over 60 s: {}", current.display());
                    reported = began;
                }
                if took > 300_000 {
                    eprintln!("fuzz: HANG: an input has run for over 300 s, aborting: {}", current.display());
                    std::process::abort();
                }
            }
        });
        Watchdog { started_ms }
    }
    fn begin(&self) {
        self.started_ms.store(now_ms(), Ordering::SeqCst);
    }
    fn end(&self) {
        self.started_ms.store(IDLE, Ordering::SeqCst);
    }
}

fn now_ms() -> u64 {
    EPOCH.get_or_init(Instant::now).elapsed().as_millis() as u64
}

static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().replace('_', "").parse().ok()).unwrap_or(default)
}

enum Input {
    Script(String),
    Log(String),
}

/// Input `i` of a seed: drawn with `Rng::new(seed, i)`, which then also draws the export options.
fn generate(corpus: &Corpus, rng: &mut Rng) -> Input {
    if rng.chance(65) {
        let (_, base) = rng.pick(&corpus.scripts);
        Input::Script(mutate_script(base, &corpus.scripts, rng))
    } else {
        let base = rng.pick(&corpus.logs);
        Input::Log(mutate_log(base, rng))
    }
}

/// Runs one input; `Err` describes the failure (a panic or the oracle's).
fn run_input(input: &Input, rng: &mut Rng, raster: bool) -> Result<(), String> {
    let _ = take_panic();
    let result = catch_unwind(AssertUnwindSafe(|| match input {
        Input::Script(src) => run_script("fuzz.py", src, rng, raster),
        Input::Log(text) => run_log(text, rng, raster),
    }));
    let panicked = take_panic();
    match (result, panicked) {
        (Ok(Ok(())), None) => Ok(()),
        (_, Some(p)) => Err(p),
        (Ok(Err(Failure(f))), None) => Err(f),
        (Err(_), None) => Err("panic (message not captured)".into()),
    }
}

/// Runs the pipeline on one file, as the fuzzer would: `Err` with the failure
/// (call it holding [`serial`]).
pub fn replay(path: &Path) -> Result<(), String> {
    install_panic_hook();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let input = if path.extension().is_some_and(|e| e == "json") { Input::Log(text) } else { Input::Script(text) };
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    // several draws of the random export options
    let r = (0..8).try_for_each(|k| run_input(&input, &mut Rng::new(1, k), false));
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    r
}

#[test]
fn fuzz_scripts_and_logs() {
    let _turn = serial();
    install_panic_hook();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).expect("create the fuzz directory");
    if let Ok(path) = std::env::var("TASKLINE_FUZZ_REPLAY") {
        match replay(Path::new(&path)) {
            Ok(()) => eprintln!("fuzz: {path}: no failure"),
            Err(e) => panic!("fuzz: {path}: {e}"),
        }
        return;
    }
    let n = env_u64("TASKLINE_FUZZ_N", 5000);
    let seed = env_u64("TASKLINE_FUZZ_SEED", 1);
    let start = env_u64("TASKLINE_FUZZ_START", 0);
    let raster = std::env::var("TASKLINE_FUZZ_RASTER").is_ok_and(|v| v == "1");
    VERBOSE.store(std::env::var("TASKLINE_FUZZ_VERBOSE").is_ok_and(|v| v == "1"), Ordering::Relaxed);
    let corpus = corpus();
    let current_py = dir.join(format!("current-{seed}.py"));
    let current_json = dir.join(format!("current-{seed}.json"));
    let dog = Watchdog::start(dir.join(format!("current-{seed}.*")));
    let began = Instant::now();
    let mut failures: BTreeMap<String, (u64, String, PathBuf)> = BTreeMap::new();
    let (mut scripts, mut logs) = (0u64, 0u64);
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    for i in start..start + n {
        let mut rng = Rng::new(seed, i);
        let input = generate(&corpus, &mut rng);
        match input {
            Input::Script(_) => scripts += 1,
            Input::Log(_) => logs += 1,
        }
        let (path, text) = match &input {
            Input::Script(s) => (&current_py, s),
            Input::Log(s) => (&current_json, s),
        };
        std::fs::write(path, text).expect("write the current input");
        dog.begin();
        let r = run_input(&input, &mut rng, raster);
        dog.end();
        if let Err(message) = r {
            let sig = signature(&message);
            if let std::collections::btree_map::Entry::Vacant(slot) = failures.entry(sig) {
                let ext = if matches!(input, Input::Script(_)) { "py" } else { "json" };
                let saved = dir.join(format!("crash-{seed}-{i}.{ext}"));
                std::fs::write(&saved, text).expect("save the failing input");
                eprintln!("fuzz: input {i} (seed {seed}) fails: {message}\n      saved as {}", saved.display());
                slot.insert((i, message, saved));
            }
        }
        if (i + 1 - start) % 50_000 == 0 {
            eprintln!(
                "fuzz: {} inputs, {:.0} s, {} distinct failures",
                i + 1 - start,
                began.elapsed().as_secs_f64(),
                failures.len()
            );
        }
    }
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    eprintln!(
        "fuzz: seed {seed}: {n} inputs ({scripts} scripts, {logs} logs; {} ran or loaded) from index {start} in {:.1} s; {} distinct failures",
        REACHED.load(Ordering::Relaxed),
        began.elapsed().as_secs_f64(),
        failures.len()
    );
    if !failures.is_empty() {
        let list: Vec<String> = failures
            .values()
            .map(|(i, m, p)| {
                format!(
                    "  input {i}: {m}\n    reproduce: TASKLINE_FUZZ_SEED={seed} TASKLINE_FUZZ_START={i} TASKLINE_FUZZ_N=1, or TASKLINE_FUZZ_REPLAY={}",
                    p.display()
                )
            })
            .collect();
        panic!("the fuzzer found {} distinct failures:\n{}", failures.len(), list.join("\n"));
    }
}

#[test]
fn inputs_are_the_same_for_the_same_seed_and_index() {
    let corpus = corpus();
    let text = |input: Input| match input {
        Input::Script(s) => format!("py:{s}"),
        Input::Log(s) => format!("json:{s}"),
    };
    let draws: Vec<String> = (0..40).map(|i| text(generate(&corpus, &mut Rng::new(9, i)))).collect();
    let again: Vec<String> = (0..40).map(|i| text(generate(&corpus, &mut Rng::new(9, i)))).collect();
    assert_eq!(draws, again);
    let distinct: std::collections::BTreeSet<&String> = draws.iter().collect();
    assert!(distinct.len() > 35, "only {} distinct inputs in 40", distinct.len());
    assert!(draws.iter().any(|d| d.starts_with("py:")) && draws.iter().any(|d| d.starts_with("json:")));
}

#[test]
fn the_pipeline_passes_an_unmutated_script_and_its_log() {
    let src = std::fs::read_to_string(root().join("assets/scenarios/10_shield_wait_for.py")).expect("read");
    let log = taskline::script::run_source("10_shield_wait_for.py", &src, small_config()).expect("runs");
    assert!(log.events.len() > 10, "{} events", log.events.len());
    let _turn = serial();
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    install_panic_hook();
    let mut rng = Rng::new(3, 3);
    let script = run_input(&Input::Script(src), &mut rng, false);
    let logged = run_input(&Input::Log(json::to_string(&log)), &mut rng, false);
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    assert_eq!(script, Ok(()));
    assert_eq!(logged, Ok(()));
}

// ------------------------------------------------------------------ regressions

/// A reproducer in `tests/data/fuzz/`: each failure the fuzzer found has one,
/// and a test below that replays it through the pipeline (ignored while its
/// fix is on another branch).
fn reproducer(name: &str) -> PathBuf {
    root().join("tests/data/fuzz").join(name)
}

#[track_caller]
fn assert_replays_clean(name: &str) {
    let path = reproducer(name);
    assert!(path.is_file(), "{} is missing", path.display());
    let turn = serial();
    let result = replay(&path);
    drop(turn);
    if let Err(e) = result {
        panic!("{}: {e}", path.display());
    }
}

#[test]
fn a_timeout_through_nested_shields_does_not_panic() {
    assert_replays_clean("nested_shields_timeout.py");
}

#[test]
fn the_shutdown_cancel_through_nested_shields_does_not_panic() {
    assert_replays_clean("nested_shields_shutdown.py");
}

#[test]
fn a_self_referential_container_compares_without_overflowing() {
    assert_replays_clean("self_referential_containers.py");
}

#[test]
fn a_nan_deadline_is_refused_where_it_is_set() {
    assert_replays_clean("nan_deadline.py");
}
