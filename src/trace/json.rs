//! Saving and loading a [`Log`] as JSON (schema version 3; versions 1 and 2 still load).
//!
//! The file is one JSON object. Every string is resolved (no interned symbol
//! numbers appear in the file); tasks are referred to by their id, the index
//! in `"tasks"`. Keys are written in the order shown here, the top level
//! pretty-printed with one task or event per line, so the same log always
//! gives the same bytes and a diff of two logs reads line by line.
//!
//! ```json
//! {
//!   "format": "taskline-log",
//!   "version": 3,
//!   "meta": {"source": "05_two_tasks", "title": "Two tasks", "clock": "virtual", "stopped": null},
//!   "tasks": [
//!     {"id": 0, "name": "main", "coro": "main", "parent": null, "via": "asyncio.run"},
//!     {"id": 1, "name": "two", "coro": "delay", "parent": 0, "via": "create_task"}
//!   ],
//!   "events": [
//!     {"seq": 0, "t": 0.0, "task": 0, "kind": "created", "detail": {"coro": "main", "by": null}},
//!     {"seq": 1, "t": 0.0, "task": 0, "kind": "start", "detail": {}, "loc": {"file": "two.py", "line": 4}}
//!   ]
//! }
//! ```
//!
//! # Top level
//! | key | value |
//! |-----|-------|
//! | `format` | always `"taskline-log"`; a file without it is not a taskline log |
//! | `version` | `3` (version 1, written before `sync` events existed, and 2, before `job` events, load too); a reader refuses versions it does not know |
//! | `meta` | `source`, `title`, `clock` (strings), `stopped` (string or null) and, for scripts, `seed` (the `random` seed, an integer; absent in older logs), see [`Meta`] |
//! | `tasks` | the task table in creation order: `id` (equal to the position), `name`, `coro`, `parent` (task id or null), `via` (`asyncio.run`, `create_task`, `wait_for`, `gather`, `shield` or another asyncio function's name) |
//! | `events` | the events in the order they happened |
//!
//! # Events
//! `seq` equals the position in the array; `t` is the virtual time in seconds;
//! `task` is a task id or null (an event of the loop itself); `kind` is an
//! [`EventKind::name`]; `loc`, present only when the event has a source
//! location, is `{"file": "...", "line": N}` (`line` is left out if the
//! location has no line number).
//!
//! A "string or null" field is null when the runtime recorded no value.
//! Times and durations are JSON numbers; the non-finite values JSON cannot
//! hold are written as the strings `"inf"`, `"-inf"` and `"nan"`.
//!
//! | kind | detail |
//! |------|--------|
//! | `created` | `coro` (string or null), `by`: the creating task (id or null) |
//! | `start`, `resume` | `{}`; when an exception is thrown in: `throw` (its type, e.g. `"CancelledError"`) and `msg` (if it has one); `start` also has `"body_runs": false` when it was thrown in before the first line |
//! | `suspend` | `awaiting`: the chain, innermost last (string or null); `wait`: what the task waits for (below) |
//! | `done` | `result`: `repr()` of the value (string or null) |
//! | `cancelled` | `{}`; `msg` when a cancel message was given; `coro_returned` (repr) when the coroutine returned while a cancel was pending |
//! | `exception` | `type` and `msg` (strings or null) |
//! | `cancel_requested` | `by`: a task id, `"loop"` (a loop callback) or `"shutdown"` (the `asyncio.run` shutdown); `state` (string or null); `via` and `msg` (strings, only when set); `forwarded_from` (task id, only when set); `returned` (bool); `cancelling` (integer) |
//! | `print` | `text` (string or null); `job` (id, only for a print made inside a worker-thread job) |
//! | `block` | `seconds` (number) |
//! | `log` | `kind` and per kind: `warning`: `category`, `message`; `loop_exception`: `message`, `exception` (`{"type", "msg"}`, only when set), `about` (task id, only when set); `shutdown`: `cancelling` (task ids); `deadlock`, `budget`: `message` |
//! | `wake` | `reason`: a [`WakeReason::name`] |
//! | `timeout_fired` | `deadline` (number) |
//! | `shield_absorbed` | `shielded`: the task the shield kept running (id) |
//! | `job` | `job` (id: jobs are numbered from 0 in order of submission), `op` (a [`JobOp::name`]) and per op: `queued`: `func`, `pool` (strings); `started`: `worker` (integer: the thread `{pool}_{worker}`); `done`: `result` (repr, string); `exception`: `type`, `msg` (strings) |
//! | `sync` | `object` (id: objects are numbered from 0 in order of first use), `type` (e.g. `"Lock"`), `name` (e.g. `"db_lock"`), `size` (only when known: a queue's `maxsize`, a semaphore's initial value, a barrier's parties), `op` (a [`SyncOp::name`]), `other` (task id, only when set), `count` (integer) |
//!
//! The `wait` object of a `suspend` has a `kind` ([`WaitKind::name`]) and
//! that kind's payload: `yield`, `future`: nothing; `sleep`: `until` (the
//! deadline); `task`, `shield`: `task` (id); `gather`: `tasks` (ids); `job`: `job` (id);
//! `deadline`: `deadline` (number) and `inner`, the `wait` object of what
//! is awaited under the deadline; `wait` (`asyncio.wait`, `as_completed`):
//! `tasks` (ids), `mode` (a [`WaitMode::name`]) and, with a timeout,
//! `deadline` (number).
//!
//! # Loading
//! Loading checks everything a reader of a [`Log`] relies on and reports the
//! first problem as a [`LoadError`] naming the event (or task) and the field;
//! no input makes it panic:
//! - task ids in range, known kinds, the fields of each detail;
//! - every event's `t` is a finite number of seconds, not negative, and no
//!   earlier than the event before it (the clock never goes back);
//! - every task in `tasks` has exactly one `created` event, and an event about
//!   a task comes after that task's `created` event;
//! - a `block`'s `seconds` is finite and not negative; the `until` of a sleep
//!   and a `deadline` are numbers (`"inf"` allowed), not NaN.
//!
//! So every log that loads derives a timeline ([`super::timeline::derive`])
//! with a row for each task and every event in it. [`load`] reads at most
//! [`MAX_LOG_BYTES`] (1 GiB) from any file (a regular file, a FIFO, a device);
//! a larger one is refused, and text that cannot be a taskline log (it does not
//! start with `{`) is refused as soon as its first bytes are read. Strings are interned
//! afresh and the side tables ([`Log::errors`], [`Log::cancels`],
//! [`Log::logs`], [`Log::waits`]) are rebuilt in event order, so
//! `to_string(&from_str(&to_string(log))?)` equals `to_string(log)`. Payload
//! bits an event kind does not use are loaded as zero (optional task and
//! string fields as [`NONE`]); side-table entries that no event refers to
//! are not saved. Unknown keys are ignored, so a later taskline may add
//! fields without changing the version.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Number, Value};

use super::asyncio::via_name;
use super::{
    CancelRecord, Canceller, ErrorRecord, Event, EventKind, JobOp, JobRecord, Log, LogRecord, Meta, NONE, Sym,
    SyncObject, SyncOp, TaskId, TaskInfo, Via, WaitKind, WaitMode, WaitRecord, WakeReason, flags,
};

/// The value of the `format` key.
pub const FORMAT: &str = "taskline-log";

/// The schema version this module writes (it reads this one and 1).
pub const VERSION: u64 = 3;

/// The schema versions this module reads.
const READABLE_VERSIONS: [u64; 3] = [1, 2, 3];

/// How deeply `deadline` waits may nest (a guard against cycles in memory).
const MAX_WAIT_DEPTH: usize = 16;

/// Why a log could not be loaded (or saved).
///
/// Every message starts with the file's path when there is one, e.g.
/// `log.json: event 12: unknown task 99`.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Reading or writing the file failed.
    #[error("{}: cannot {action}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What was attempted: `read`, `write` or `replace`.
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid JSON.
    #[error("{}line {line}, column {column}: {message}", prefix(.file))]
    Syntax {
        /// The file, if the text came from one.
        file: Option<PathBuf>,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the JSON parser expected or found.
        message: String,
    },
    /// Valid JSON, but not a taskline log (no `"format": "taskline-log"`).
    #[error("{}not a taskline log ({})", prefix(.file), format_problem(.found))]
    NotALog {
        /// The file, if the text came from one.
        file: Option<PathBuf>,
        /// The `format` value found instead, if there was one.
        found: Option<String>,
    },
    /// A taskline log of a schema version this build cannot read.
    #[error(
        "{}unsupported log version {found} (this taskline reads versions 1 to {supported})",
        prefix(.file),
        supported = VERSION
    )]
    UnsupportedVersion {
        /// The file, if the text came from one.
        file: Option<PathBuf>,
        /// The `version` value found, as written in the file.
        found: String,
    },
    /// The file is larger than [`MAX_LOG_BYTES`].
    #[error("{}: larger than {} (the most taskline loads); is it a taskline log?", .path.display(), size_text(MAX_LOG_BYTES))]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// A taskline log whose content is missing a field or inconsistent.
    #[error("{}{at}: {problem}", prefix(.file))]
    Invalid {
        /// The file, if the text came from one.
        file: Option<PathBuf>,
        /// Where: `meta`, `task 3`, `event 12`, or `log` for the top level.
        at: String,
        /// What is wrong, e.g. `unknown task 99`.
        problem: String,
    },
}

/// The largest log file [`load`] reads: 1 GiB.
pub const MAX_LOG_BYTES: u64 = 1 << 30;

fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { format!("{} GiB", bytes >> 30) } else { format!("{bytes} bytes") }
}

fn prefix(file: &Option<PathBuf>) -> String {
    file.as_ref().map_or_else(String::new, |f| format!("{}: ", f.display()))
}

fn format_problem(found: &Option<String>) -> String {
    match found {
        None => format!("missing \"format\": \"{FORMAT}\""),
        Some(f) => format!("\"format\" is {f}, not \"{FORMAT}\""),
    }
}

impl LoadError {
    /// Attaches the file name to an error from [`from_str`].
    fn in_file(mut self, path: &Path) -> LoadError {
        match &mut self {
            LoadError::Io { .. } | LoadError::TooLarge { .. } => {}
            LoadError::Syntax { file, .. }
            | LoadError::NotALog { file, .. }
            | LoadError::UnsupportedVersion { file, .. }
            | LoadError::Invalid { file, .. } => *file = Some(path.to_path_buf()),
        }
        self
    }
}

// ---------------------------------------------------------------- writing

/// Serializes a log as JSON (deterministic: the same log gives the same text).
///
/// A log whose events refer to side-table entries or tasks that do not exist
/// is still written (never a panic), but [`from_str`] will refuse the result.
///
/// # Examples
/// ```
/// use taskline::trace::{Log, json};
/// let text = json::to_string(&Log::new());
/// assert!(text.starts_with("{\n  \"format\": \"taskline-log\",\n  \"version\": 3,"));
/// assert_eq!(json::from_str(&text).unwrap().events.len(), 0);
/// ```
pub fn to_string(log: &Log) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail, and serde_json writes only UTF-8.
    let _ = write(log, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a log as JSON to `out` (the text of [`to_string`]), one task or
/// event at a time: the memory used is that of one event, whatever the
/// size of the log. Wrap a file or stdout in a [`std::io::BufWriter`].
///
/// # Errors
/// The writer's first error.
///
/// # Examples
/// ```
/// use taskline::trace::{Log, json};
/// let mut out = Vec::new();
/// json::write(&Log::new(), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), json::to_string(&Log::new()));
/// ```
pub fn write<W: io::Write>(log: &Log, mut out: W) -> io::Result<()> {
    out.write_all(b"{\n  \"format\": ")?;
    serde_json::to_writer(&mut out, FORMAT)?;
    write!(out, ",\n  \"version\": {VERSION},\n  \"meta\": ")?;
    serde_json::to_writer(&mut out, &meta_json(&log.meta))?;
    out.write_all(b",\n  \"tasks\": ")?;
    write_array(&mut out, log.tasks.iter().enumerate().map(|(id, t)| task_json(log, id, t)))?;
    out.write_all(b",\n  \"events\": ")?;
    write_array(&mut out, log.events.iter().enumerate().map(|(seq, e)| event_json(log, seq, e)))?;
    out.write_all(b"\n}\n")?;
    out.flush()
}

fn write_array<W: io::Write>(out: &mut W, items: impl Iterator<Item = Value>) -> io::Result<()> {
    let mut any = false;
    for item in items {
        out.write_all(if any { b",\n    " } else { b"[\n    " })?;
        any = true;
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(if any { b"\n  ]" } else { b"[]" })
}

fn obj() -> Map<String, Value> {
    Map::new()
}

fn float(x: f64) -> Value {
    match Number::from_f64(x) {
        Some(n) => Value::Number(n),
        None if x.is_nan() => Value::from("nan"),
        None if x > 0.0 => Value::from("inf"),
        None => Value::from("-inf"),
    }
}

fn sym(log: &Log, s: Sym) -> Value {
    log.strings.opt(s).map_or(Value::Null, Value::from)
}

fn task_ref(task: TaskId) -> Value {
    if task == NONE { Value::Null } else { Value::from(task) }
}

fn put_opt_sym(d: &mut Map<String, Value>, log: &Log, key: &str, s: Sym) {
    if let Some(v) = log.strings.opt(s) {
        d.insert(key.into(), Value::from(v));
    }
}

fn meta_json(meta: &Meta) -> Value {
    let mut m = obj();
    m.insert("source".into(), Value::from(meta.source.as_str()));
    m.insert("title".into(), Value::from(meta.title.as_str()));
    m.insert("clock".into(), Value::from(meta.clock.as_str()));
    m.insert("stopped".into(), meta.stopped.as_deref().map_or(Value::Null, Value::from));
    if let Some(seed) = meta.seed {
        m.insert("seed".into(), Value::from(seed));
    }
    Value::Object(m)
}

fn task_json(log: &Log, id: usize, t: &TaskInfo) -> Value {
    let mut m = obj();
    m.insert("id".into(), Value::from(id));
    m.insert("name".into(), sym(log, t.name));
    m.insert("coro".into(), sym(log, t.coro));
    m.insert("parent".into(), t.parent.map_or(Value::Null, Value::from));
    m.insert("via".into(), Value::from(via_name(log, t.via)));
    Value::Object(m)
}

fn event_json(log: &Log, seq: usize, ev: &Event) -> Value {
    let mut m = obj();
    m.insert("seq".into(), Value::from(seq));
    m.insert("t".into(), float(ev.time));
    m.insert("task".into(), task_ref(ev.task));
    m.insert("kind".into(), Value::from(ev.kind.name()));
    m.insert("detail".into(), Value::Object(detail_json(log, ev)));
    if let Some(s) = log.strings.opt(ev.loc) {
        let mut loc = obj();
        match log.location(ev.loc) {
            Some((file, line)) => {
                loc.insert("file".into(), Value::from(file));
                loc.insert("line".into(), Value::from(line));
            }
            None => {
                loc.insert("file".into(), Value::from(s));
            }
        }
        m.insert("loc".into(), Value::Object(loc));
    }
    Value::Object(m)
}

fn detail_json(log: &Log, ev: &Event) -> Map<String, Value> {
    let mut d = obj();
    match ev.kind {
        EventKind::Created => {
            d.insert("coro".into(), sym(log, ev.a));
            d.insert("by".into(), task_ref(ev.b_u32()));
        }
        EventKind::Start | EventKind::Resume => {
            if let Some(err) = log.error(ev.a) {
                d.insert("throw".into(), sym(log, err.kind));
                put_opt_sym(&mut d, log, "msg", err.msg);
            }
            if ev.kind == EventKind::Start && ev.flags & flags::BODY_NOT_RUN != 0 {
                d.insert("body_runs".into(), Value::Bool(false));
            }
        }
        EventKind::Suspend => {
            d.insert("awaiting".into(), sym(log, ev.a));
            d.insert("wait".into(), wait_json(log, ev.wait_kind(), ev.b, 0));
        }
        EventKind::Done => {
            d.insert("result".into(), sym(log, ev.a));
        }
        EventKind::Cancelled => {
            put_opt_sym(&mut d, log, "msg", ev.a);
            if ev.flags & flags::CORO_RETURNED != 0 {
                d.insert("coro_returned".into(), sym(log, ev.b_u32()));
            }
        }
        EventKind::Exception => {
            d.insert("type".into(), sym(log, ev.a));
            d.insert("msg".into(), sym(log, ev.b_u32()));
        }
        EventKind::CancelRequested => {
            if let Some(c) = log.cancels.get(ev.a as usize) {
                let by = match c.by {
                    Canceller::Task(t) => Value::from(t),
                    Canceller::Loop => Value::from("loop"),
                    Canceller::Shutdown => Value::from("shutdown"),
                };
                d.insert("by".into(), by);
                d.insert("state".into(), sym(log, c.state));
                put_opt_sym(&mut d, log, "via", c.via);
                if let Some(f) = c.forwarded_from {
                    d.insert("forwarded_from".into(), Value::from(f));
                }
                put_opt_sym(&mut d, log, "msg", c.msg);
                d.insert("returned".into(), Value::Bool(c.returned));
                d.insert("cancelling".into(), Value::from(c.cancelling));
            }
        }
        EventKind::Print => {
            d.insert("text".into(), sym(log, ev.a));
            match ev.flags {
                flags::STDERR => {
                    d.insert("stream".into(), Value::from("stderr"));
                }
                flags::STDOUT_WRITE => {
                    d.insert("stream".into(), Value::from("stdout.write"));
                }
                _ => {}
            }
            if let Some(j) = ev.print_job() {
                d.insert("job".into(), Value::from(j));
            }
        }
        EventKind::Job => {
            d.insert("job".into(), Value::from(ev.a));
            d.insert("op".into(), Value::from(ev.job_op().name()));
            let job = log.jobs.get(ev.a as usize);
            match ev.job_op() {
                JobOp::Queued => {
                    if let Some(j) = job {
                        d.insert("func".into(), sym(log, j.func));
                        d.insert("pool".into(), sym(log, j.pool));
                    }
                }
                JobOp::Started => {
                    d.insert("worker".into(), Value::from(ev.b));
                }
                JobOp::Done => {
                    d.insert("result".into(), sym(log, ev.b_u32()));
                }
                JobOp::Exception => {
                    if let Some(e) = log.error(ev.b_u32()) {
                        d.insert("type".into(), sym(log, e.kind));
                        d.insert("msg".into(), sym(log, e.msg));
                    }
                }
                JobOp::Cancelled => {}
            }
        }
        EventKind::Block => {
            d.insert("seconds".into(), float(ev.b_f64()));
        }
        EventKind::Log => {
            if let Some(rec) = log.logs.get(ev.a as usize) {
                log_json(log, rec, &mut d);
            }
        }
        EventKind::Wake => {
            d.insert("reason".into(), Value::from(ev.wake_reason().name()));
        }
        EventKind::TimeoutFired => {
            d.insert("deadline".into(), float(ev.b_f64()));
        }
        EventKind::ShieldAbsorbed => {
            d.insert("shielded".into(), task_ref(ev.b_u32()));
        }
        EventKind::Sync => {
            d.insert("object".into(), Value::from(ev.a));
            if let Some(o) = log.objects.get(ev.a as usize) {
                d.insert("type".into(), sym(log, o.kind));
                d.insert("name".into(), sym(log, o.name));
                if o.size != NONE {
                    d.insert("size".into(), Value::from(o.size));
                }
            }
            d.insert("op".into(), Value::from(ev.sync_op().name()));
            if ev.sync_other() != NONE {
                d.insert("other".into(), Value::from(ev.sync_other()));
            }
            d.insert("count".into(), Value::from(ev.sync_count()));
        }
    }
    d
}

fn wait_json(log: &Log, kind: WaitKind, b: u64, depth: usize) -> Value {
    let mut w = obj();
    w.insert("kind".into(), Value::from(kind.name()));
    let b32 = u32::try_from(b).unwrap_or(NONE);
    match kind {
        WaitKind::Yield | WaitKind::Future => {}
        WaitKind::Job => {
            w.insert("job".into(), Value::from(b32));
        }
        WaitKind::Sleep => {
            w.insert("until".into(), float(f64::from_bits(b)));
        }
        WaitKind::Task | WaitKind::Shield => {
            w.insert("task".into(), task_ref(b32));
        }
        WaitKind::Gather => {
            if let Some(WaitRecord::Gather(tasks)) = log.waits.get(b32 as usize) {
                w.insert("tasks".into(), tasks.iter().map(|&t| Value::from(t)).collect());
            }
        }
        WaitKind::Wait => {
            if let Some(WaitRecord::Wait { tasks, mode, deadline }) = log.waits.get(b32 as usize) {
                w.insert("tasks".into(), tasks.iter().map(|&t| Value::from(t)).collect());
                w.insert("mode".into(), Value::from(mode.name()));
                if let Some(d) = deadline {
                    w.insert("deadline".into(), float(*d));
                }
            }
        }
        WaitKind::Deadline => {
            if let Some(WaitRecord::Deadline { deadline, inner, inner_b }) = log.waits.get(b32 as usize) {
                w.insert("deadline".into(), float(*deadline));
                if depth < MAX_WAIT_DEPTH {
                    w.insert("inner".into(), wait_json(log, *inner, *inner_b, depth + 1));
                }
            }
        }
    }
    Value::Object(w)
}

fn log_json(log: &Log, rec: &LogRecord, d: &mut Map<String, Value>) {
    d.insert("kind".into(), Value::from(rec.kind()));
    match rec {
        LogRecord::Warning { category, message } => {
            d.insert("category".into(), sym(log, *category));
            d.insert("message".into(), sym(log, *message));
        }
        LogRecord::LoopException { message, exception, about } => {
            d.insert("message".into(), sym(log, *message));
            if let Some(e) = exception {
                let mut x = obj();
                x.insert("type".into(), sym(log, e.kind));
                x.insert("msg".into(), sym(log, e.msg));
                d.insert("exception".into(), Value::Object(x));
            }
            if let Some(t) = about {
                d.insert("about".into(), Value::from(*t));
            }
        }
        LogRecord::Shutdown { cancelling } => {
            d.insert("cancelling".into(), cancelling.iter().map(|&t| Value::from(t)).collect());
        }
        LogRecord::Deadlock { message } | LogRecord::Budget { message } => {
            d.insert("message".into(), sym(log, *message));
        }
    }
}

// ---------------------------------------------------------------- reading

/// Parses a log written by [`to_string`].
///
/// # Errors
/// [`LoadError::Syntax`] for text that is not JSON, [`LoadError::NotALog`]
/// and [`LoadError::UnsupportedVersion`] for other JSON, and
/// [`LoadError::Invalid`] for the first inconsistency found. The errors name
/// no file; [`load`] adds it.
pub fn from_str(text: &str) -> Result<Log, LoadError> {
    from_slice(text.as_bytes())
}

/// [`from_str`] for bytes (invalid UTF-8 is a [`LoadError::Syntax`] at its place).
///
/// # Errors
/// As [`from_str`].
pub fn from_slice(bytes: &[u8]) -> Result<Log, LoadError> {
    let value: Value = serde_json::from_slice(bytes).map_err(syntax_error)?;
    let Some(root) = value.as_object() else {
        return Err(LoadError::NotALog { file: None, found: None });
    };
    match root.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        other => {
            return Err(LoadError::NotALog { file: None, found: other.map(Value::to_string) });
        }
    }
    match root.get("version") {
        Some(v) if v.as_u64().is_some_and(|n| READABLE_VERSIONS.contains(&n)) => {}
        Some(v) => {
            return Err(LoadError::UnsupportedVersion { file: None, found: v.to_string() });
        }
        None => return Err(invalid("log", "missing \"version\"")),
    }
    let mut loader = Loader { log: Log::new(), ntasks: 0, last_time: 0.0 };
    let meta = field(root, "meta").and_then(as_obj).map_err(|p| invalid("meta", p))?;
    loader.log.meta = read_meta(meta).map_err(|p| invalid("meta", p))?;
    let tasks = field(root, "tasks").and_then(as_array).map_err(|p| invalid("log", p))?;
    let events = field(root, "events").and_then(as_array).map_err(|p| invalid("log", p))?;
    loader.ntasks = tasks.len();
    if u32::try_from(tasks.len()).is_err() || u32::try_from(events.len()).is_err() {
        return Err(invalid("log", "too many tasks or events"));
    }
    for (id, task) in tasks.iter().enumerate() {
        loader.read_task(id, task).map_err(|p| invalid(format!("task {id}"), p))?;
    }
    loader.log.events.reserve(events.len());
    for (seq, event) in events.iter().enumerate() {
        loader.read_event(seq, event).map_err(|p| invalid(format!("event {seq}"), p))?;
    }
    if let Some(id) = loader.log.tasks.iter().position(|t| t.created_seq == NONE) {
        return Err(invalid(format!("task {id}"), "it has no \"created\" event"));
    }
    Ok(loader.log)
}

fn syntax_error(e: serde_json::Error) -> LoadError {
    // serde_json's message ends with " at line L column C"; we say it our way.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) if e.line() > 0 => full[..i].to_string(),
        _ => full,
    };
    LoadError::Syntax { file: None, line: e.line(), column: e.column(), message }
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> LoadError {
    LoadError::Invalid { file: None, at: at.into(), problem: problem.into() }
}

type Problem = String;

fn field<'a>(m: &'a Map<String, Value>, key: &str) -> Result<&'a Value, Problem> {
    m.get(key).ok_or_else(|| format!("missing \"{key}\""))
}

fn as_obj(v: &Value) -> Result<&Map<String, Value>, Problem> {
    v.as_object().ok_or_else(|| format!("expected an object, found {}", short(v)))
}

fn as_array(v: &Value) -> Result<&Vec<Value>, Problem> {
    v.as_array().ok_or_else(|| format!("expected an array, found {}", short(v)))
}

/// A value quoted for an error message, shortened.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn string<'a>(m: &'a Map<String, Value>, key: &str) -> Result<&'a str, Problem> {
    let v = field(m, key)?;
    v.as_str().ok_or_else(|| format!("\"{key}\" must be a string, found {}", short(v)))
}

/// A required key holding a string or null.
fn string_or_null<'a>(m: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Problem> {
    match field(m, key)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        v => Err(format!("\"{key}\" must be a string or null, found {}", short(v))),
    }
}

/// An optional key holding a string (absent and null both mean none).
fn opt_string<'a>(m: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Problem> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(format!("\"{key}\" must be a string, found {}", short(v))),
    }
}

fn boolean(m: &Map<String, Value>, key: &str) -> Result<bool, Problem> {
    let v = field(m, key)?;
    v.as_bool().ok_or_else(|| format!("\"{key}\" must be true or false, found {}", short(v)))
}

fn uint(m: &Map<String, Value>, key: &str) -> Result<u32, Problem> {
    let v = field(m, key)?;
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| format!("\"{key}\" must be an integer from 0 to {}, found {}", u32::MAX, short(v)))
}

fn number(m: &Map<String, Value>, key: &str) -> Result<f64, Problem> {
    let v = field(m, key)?;
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s == "inf" => Some(f64::INFINITY),
        Value::String(s) if s == "-inf" => Some(f64::NEG_INFINITY),
        Value::String(s) if s == "nan" => Some(f64::NAN),
        _ => None,
    }
    .ok_or_else(|| format!("\"{key}\" must be a number, found {}", short(v)))
}

fn read_meta(m: &Map<String, Value>) -> Result<Meta, Problem> {
    Ok(Meta {
        source: string(m, "source")?.to_string(),
        title: string(m, "title")?.to_string(),
        clock: string(m, "clock")?.to_string(),
        stopped: opt_string(m, "stopped")?.map(str::to_string),
        seed: opt_u64(m, "seed")?,
    })
}

fn opt_u64(m: &Map<String, Value>, key: &str) -> Result<Option<u64>, Problem> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("\"{key}\" must be an integer from 0 to {}, found {}", u64::MAX, short(v))),
    }
}

struct Loader {
    log: Log,
    ntasks: usize,
    /// The previous event's time.
    last_time: f64,
}

/// A number that must not be NaN (infinity is allowed: a sleep or a deadline may never end).
fn not_nan(m: &Map<String, Value>, key: &str) -> Result<f64, Problem> {
    let x = number(m, key)?;
    if x.is_nan() { Err(format!("\"{key}\" is NaN: it must be a number")) } else { Ok(x) }
}

impl Loader {
    fn sym(&mut self, s: Option<&str>) -> Sym {
        s.map_or(NONE, |s| self.log.intern(s))
    }

    fn task_id(&self, v: &Value, what: &str) -> Result<TaskId, Problem> {
        let id = v.as_u64().ok_or_else(|| format!("{what} must be a task id, found {}", short(v)))?;
        match u32::try_from(id) {
            Ok(id) if (id as usize) < self.ntasks => Ok(id),
            _ => Err(format!("unknown task {id}")),
        }
    }

    fn opt_task(&self, m: &Map<String, Value>, key: &str) -> Result<Option<TaskId>, Problem> {
        match m.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.task_id(v, &format!("\"{key}\"")).map(Some),
        }
    }

    fn task_list(&self, m: &Map<String, Value>, key: &str) -> Result<Vec<TaskId>, Problem> {
        as_array(field(m, key)?)
            .map_err(|p| format!("\"{key}\": {p}"))?
            .iter()
            .map(|v| self.task_id(v, &format!("an element of \"{key}\"")))
            .collect()
    }

    fn read_task(&mut self, id: usize, v: &Value) -> Result<(), Problem> {
        let m = as_obj(v)?;
        let given = field(m, "id")?;
        if given.as_u64() != Some(id as u64) {
            return Err(format!("\"id\" is {}, expected {id} (tasks are listed in id order)", short(given)));
        }
        let name = self.sym(string_or_null(m, "name")?);
        let coro = self.sym(string_or_null(m, "coro")?);
        let parent = self.opt_task(m, "parent")?;
        let via = match string(m, "via")? {
            "asyncio.run" => Via::Main,
            "create_task" => Via::CreateTask,
            "wait_for" => Via::WaitFor,
            "gather" => Via::Gather,
            "shield" => Via::Shield,
            other => Via::Other(self.log.intern(other)),
        };
        self.log.add_task(TaskInfo { name, coro, parent, via, created_seq: NONE });
        Ok(())
    }

    fn read_event(&mut self, seq: usize, v: &Value) -> Result<(), Problem> {
        let m = as_obj(v)?;
        let given = field(m, "seq")?;
        if given.as_u64() != Some(seq as u64) {
            return Err(format!("\"seq\" is {}, expected {seq} (events are listed in order)", short(given)));
        }
        let time = number(m, "t")?;
        if !time.is_finite() {
            return Err(format!("\"t\" is {}: a time must be a finite number of seconds", short(field(m, "t")?)));
        }
        if time < 0.0 {
            return Err(format!("\"t\" is {time}: a time cannot be negative"));
        }
        if time < self.last_time {
            return Err(format!(
                "\"t\" is {time}, earlier than the event before it ({}): the clock never goes back",
                self.last_time
            ));
        }
        self.last_time = time;
        let task = match field(m, "task")? {
            Value::Null => NONE,
            v => self.task_id(v, "\"task\"")?,
        };
        let name = string(m, "kind")?;
        let kind = EventKind::from_name(name).ok_or_else(|| format!("unknown kind \"{name}\""))?;
        let needs_task =
            !matches!(kind, EventKind::Print | EventKind::Block | EventKind::Log | EventKind::Sync | EventKind::Job);
        if needs_task && task == NONE {
            return Err(format!("a {name} event needs a task"));
        }
        if task != NONE && kind != EventKind::Created && self.log.tasks[task as usize].created_seq == NONE {
            return Err(format!("\"task\": task {task} has no \"created\" event before this {name} event"));
        }
        let loc = match m.get("loc") {
            None | Some(Value::Null) => NONE,
            Some(l) => {
                let l = as_obj(l).map_err(|p| format!("\"loc\": {p}"))?;
                let file = string(l, "file").map_err(|p| format!("\"loc\": {p}"))?;
                match l.get("line") {
                    None | Some(Value::Null) => self.log.intern(file),
                    Some(_) => {
                        let line = uint(l, "line").map_err(|p| format!("\"loc\": {p}"))?;
                        self.log.intern(&format!("{file}:{line}"))
                    }
                }
            }
        };
        let detail = field(m, "detail").and_then(as_obj)?;
        let (a, b, fl) = self.read_detail(kind, detail).map_err(|p| format!("{name}: {p}"))?;
        if kind == EventKind::Job && fl == JobOp::Queued as u8 {
            if let Some(j) = self.log.jobs.get_mut(a as usize) {
                j.submitter = task;
            }
        }
        if kind == EventKind::Created {
            let info = &mut self.log.tasks[task as usize];
            if info.created_seq != NONE {
                return Err(format!("task {task} is created twice (events {} and {seq})", info.created_seq));
            }
            info.created_seq = seq as u32;
        }
        self.log.push(Event { time, b, task, a, loc, kind, flags: fl });
        Ok(())
    }

    /// Returns the `a`, `b` and `flags` of an event from its detail.
    fn read_detail(&mut self, kind: EventKind, d: &Map<String, Value>) -> Result<(u32, u64, u8), Problem> {
        let none_b = u64::from(NONE);
        Ok(match kind {
            EventKind::Created => {
                let coro = self.sym(string_or_null(d, "coro")?);
                field(d, "by")?;
                let by = self.opt_task(d, "by")?.unwrap_or(NONE);
                (coro, u64::from(by), 0)
            }
            EventKind::Start | EventKind::Resume => {
                let throw = opt_string(d, "throw")?;
                let msg = opt_string(d, "msg")?;
                let a = match throw {
                    Some(t) => {
                        let kind = self.log.intern(t);
                        let msg = self.sym(msg);
                        self.log.add_error(ErrorRecord { kind, msg })
                    }
                    None if msg.is_some() => return Err("\"msg\" without \"throw\"".into()),
                    None => NONE,
                };
                let body_runs = match d.get("body_runs") {
                    None => true,
                    Some(_) if kind == EventKind::Resume => {
                        return Err("\"body_runs\" is only for start".into());
                    }
                    Some(_) => boolean(d, "body_runs")?,
                };
                (a, 0, if body_runs { 0 } else { flags::BODY_NOT_RUN })
            }
            EventKind::Suspend => {
                let chain = self.sym(string_or_null(d, "awaiting")?);
                let wait = field(d, "wait")?;
                let (wk, b) = self.read_wait(wait, 0).map_err(|p| format!("\"wait\": {p}"))?;
                (chain, b, wk as u8)
            }
            EventKind::Done => (self.sym(string_or_null(d, "result")?), 0, 0),
            EventKind::Cancelled => {
                let msg = self.sym(opt_string(d, "msg")?);
                match d.get("coro_returned") {
                    None => (msg, none_b, 0),
                    Some(_) => {
                        let repr = self.sym(string_or_null(d, "coro_returned")?);
                        (msg, u64::from(repr), flags::CORO_RETURNED)
                    }
                }
            }
            EventKind::Exception => {
                let ty = self.sym(string_or_null(d, "type")?);
                let msg = self.sym(string_or_null(d, "msg")?);
                (ty, u64::from(msg), 0)
            }
            EventKind::CancelRequested => {
                let by = match field(d, "by")? {
                    Value::String(s) if s == "loop" => Canceller::Loop,
                    Value::String(s) if s == "shutdown" => Canceller::Shutdown,
                    v => Canceller::Task(
                        self.task_id(v, "\"by\"")
                            .map_err(|p| format!("{p} (\"by\" is a task id, \"loop\" or \"shutdown\")"))?,
                    ),
                };
                let state = self.sym(string_or_null(d, "state")?);
                let via = self.sym(opt_string(d, "via")?);
                let forwarded_from = self.opt_task(d, "forwarded_from")?;
                let msg = self.sym(opt_string(d, "msg")?);
                let returned = boolean(d, "returned")?;
                let cancelling = uint(d, "cancelling")?;
                let rec = CancelRecord { by, state, via, forwarded_from, msg, returned, cancelling };
                (self.log.add_cancel(rec), 0, 0)
            }
            EventKind::Print => {
                let stream = match opt_string(d, "stream")? {
                    None | Some("stdout") => 0,
                    Some("stderr") => flags::STDERR,
                    Some("stdout.write") => flags::STDOUT_WRITE,
                    Some(other) => {
                        return Err(format!("\"stream\" is \"{other}\": expected stdout, stderr or stdout.write"));
                    }
                };
                let text = self.sym(string_or_null(d, "text")?);
                let job = match d.get("job") {
                    None | Some(Value::Null) => 0,
                    Some(_) => {
                        let j = uint(d, "job")?;
                        if j as usize >= self.log.jobs.len() {
                            return Err(format!("unknown job {j}"));
                        }
                        u64::from(j) + 1
                    }
                };
                (text, job, stream)
            }
            EventKind::Job => {
                let job = uint(d, "job")?;
                let op = string(d, "op")?;
                let op = JobOp::from_name(op).ok_or_else(|| format!("unknown job op \"{op}\""))?;
                let known = self.log.jobs.len();
                if op == JobOp::Queued {
                    if job as usize != known {
                        return Err(format!("job {job} queued, expected job {known} (jobs are numbered in order)"));
                    }
                    let func = self.sym(Some(string(d, "func")?));
                    let pool = self.sym(Some(string(d, "pool")?));
                    self.log.add_job(JobRecord { pool, func, submitter: NONE, worker: NONE });
                } else if job as usize >= known {
                    return Err(format!("job {job} before it was queued"));
                }
                let b = match op {
                    JobOp::Queued | JobOp::Cancelled => 0,
                    JobOp::Started => {
                        let w = uint(d, "worker")?;
                        self.log.jobs[job as usize].worker = w;
                        u64::from(w)
                    }
                    JobOp::Done => u64::from(self.sym(string_or_null(d, "result")?)),
                    JobOp::Exception => {
                        let kind = self.sym(string_or_null(d, "type")?);
                        let msg = self.sym(string_or_null(d, "msg")?);
                        u64::from(self.log.add_error(ErrorRecord { kind, msg }))
                    }
                };
                (job, b, op as u8)
            }
            EventKind::Block => {
                let seconds = number(d, "seconds")?;
                if !(seconds.is_finite() && seconds >= 0.0) {
                    return Err(format!("\"seconds\" is {seconds}: it must be a finite number, not negative"));
                }
                (NONE, seconds.to_bits(), 0)
            }
            EventKind::Log => {
                let rec = self.read_log(d)?;
                (self.log.add_log(rec), 0, 0)
            }
            EventKind::Wake => {
                let reason = string(d, "reason")?;
                let r = WakeReason::from_name(reason).ok_or_else(|| format!("unknown wake reason \"{reason}\""))?;
                (NONE, 0, r as u8)
            }
            EventKind::TimeoutFired => (NONE, not_nan(d, "deadline")?.to_bits(), 0),
            EventKind::ShieldAbsorbed => {
                let shielded = self.task_id(field(d, "shielded")?, "\"shielded\"")?;
                (NONE, u64::from(shielded), 0)
            }
            EventKind::Sync => {
                let object = uint(d, "object")?;
                let kind = self.sym(Some(string(d, "type")?));
                let name = self.sym(Some(string(d, "name")?));
                let size = match d.get("size") {
                    None | Some(Value::Null) => NONE,
                    Some(_) => uint(d, "size")?,
                };
                let known = self.log.objects.len();
                match (object as usize).cmp(&known) {
                    std::cmp::Ordering::Less => {
                        let o = self.log.objects[object as usize];
                        if o.kind != kind || o.name != name || o.size != size {
                            return Err(format!("object {object} changes its type, name or size"));
                        }
                    }
                    std::cmp::Ordering::Equal => {
                        self.log.add_object(SyncObject { kind, name, size });
                    }
                    std::cmp::Ordering::Greater => {
                        return Err(format!("object {object} before object {known} (objects are numbered in order)"));
                    }
                }
                let op = string(d, "op")?;
                let op = SyncOp::from_name(op).ok_or_else(|| format!("unknown sync op \"{op}\""))?;
                let other = self.opt_task(d, "other")?.unwrap_or(NONE);
                let count = uint(d, "count")?;
                (object, Event::sync_payload(other, count), op as u8)
            }
        })
    }

    /// Reads a `wait` object; returns the kind and the `b` payload of a `Suspend`.
    fn read_wait(&mut self, v: &Value, depth: usize) -> Result<(WaitKind, u64), Problem> {
        if depth > MAX_WAIT_DEPTH {
            return Err("deadlines nested too deeply".into());
        }
        let w = as_obj(v)?;
        let name = string(w, "kind")?;
        let kind = WaitKind::from_name(name).ok_or_else(|| format!("unknown wait kind \"{name}\""))?;
        let b = match kind {
            WaitKind::Yield | WaitKind::Future => 0,
            WaitKind::Job => u64::from(uint(w, "job")?),
            WaitKind::Sleep => not_nan(w, "until")?.to_bits(),
            WaitKind::Task | WaitKind::Shield => u64::from(self.task_id(field(w, "task")?, "\"task\"")?),
            WaitKind::Gather => {
                let tasks = self.task_list(w, "tasks")?;
                u64::from(self.log.add_wait(WaitRecord::Gather(tasks)))
            }
            WaitKind::Wait => {
                let tasks = self.task_list(w, "tasks")?;
                let name = string(w, "mode")?;
                let mode = WaitMode::from_name(name).ok_or_else(|| format!("unknown wait mode \"{name}\""))?;
                let deadline = if w.contains_key("deadline") { Some(not_nan(w, "deadline")?) } else { None };
                u64::from(self.log.add_wait(WaitRecord::Wait { tasks, mode, deadline }))
            }
            WaitKind::Deadline => {
                let deadline = not_nan(w, "deadline")?;
                let (inner, inner_b) =
                    self.read_wait(field(w, "inner")?, depth + 1).map_err(|p| format!("\"inner\": {p}"))?;
                u64::from(self.log.add_wait(WaitRecord::Deadline { deadline, inner, inner_b }))
            }
        };
        Ok((kind, b))
    }

    fn read_log(&mut self, d: &Map<String, Value>) -> Result<LogRecord, Problem> {
        let kind = string(d, "kind")?;
        Ok(match kind {
            "warning" => LogRecord::Warning {
                category: self.sym(string_or_null(d, "category")?),
                message: self.sym(string_or_null(d, "message")?),
            },
            "loop_exception" => {
                let message = self.sym(string_or_null(d, "message")?);
                let exception = match d.get("exception") {
                    None | Some(Value::Null) => None,
                    Some(x) => {
                        let x = as_obj(x).map_err(|p| format!("\"exception\": {p}"))?;
                        let kind = self.sym(string_or_null(x, "type")?);
                        let msg = self.sym(string_or_null(x, "msg")?);
                        Some(ErrorRecord { kind, msg })
                    }
                };
                let about = self.opt_task(d, "about")?;
                LogRecord::LoopException { message, exception, about }
            }
            "shutdown" => LogRecord::Shutdown { cancelling: self.task_list(d, "cancelling")? },
            "deadlock" => LogRecord::Deadlock { message: self.sym(string_or_null(d, "message")?) },
            "budget" => LogRecord::Budget { message: self.sym(string_or_null(d, "message")?) },
            other => return Err(format!("unknown log kind \"{other}\"")),
        })
    }
}

// ---------------------------------------------------------------- files

/// Writes a log to `path` as JSON, atomically: the text goes to a temporary
/// file in the same directory, which then replaces `path`.
///
/// # Errors
/// [`LoadError::Io`] naming `path` when the temporary file cannot be
/// written or renamed (the temporary file is removed).
pub fn save(log: &Log, path: &Path) -> Result<(), LoadError> {
    crate::fsio::write_atomic(path, to_string(log).as_bytes()).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        action: e.action,
        source: e.source,
    })
}

/// Reads a log saved by [`save`]: at most [`MAX_LOG_BYTES`], from a regular
/// file or anything else that can be read (a FIFO, a device; a FIFO blocks
/// until a writer opens it, as for any reader).
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read (a directory: "it is a
/// directory"), [`LoadError::TooLarge`] past the limit, else the errors of
/// [`from_str`] (invalid UTF-8 included), with the path in their message.
/// Text that does not start with `{` is refused after its first 64 KiB at
/// most, so `taskline run /dev/zero` fails at once.
pub fn load(path: &Path) -> Result<Log, LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io { path: path.to_path_buf(), action: "read", source };
    let file = fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory")));
    }
    if meta.is_file() && meta.len() > MAX_LOG_BYTES {
        return Err(LoadError::TooLarge { path: path.to_path_buf() });
    }
    let mut reader = file.take(MAX_LOG_BYTES + 1);
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 1 << 16 });
    // The first bytes: enough to see whether this can be a taskline log at all.
    const SNIFF: usize = 1 << 16;
    let mut chunk = [0u8; 8192];
    while bytes.len() < SNIFF {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.iter().any(|b| !b.is_ascii_whitespace()) {
            break;
        }
    }
    let starts_well = bytes.iter().find(|b| !b.is_ascii_whitespace()).is_none_or(|&b| b == b'{');
    if !starts_well {
        let mut rest = [0u8; 1];
        let whole = matches!(reader.read(&mut rest), Ok(0));
        return Err(match from_slice(&bytes) {
            // Complete JSON that is not an object, or a syntax error within these bytes.
            Err(e @ (LoadError::NotALog { .. } | LoadError::Syntax { .. })) if whole => e,
            Err(LoadError::Syntax { message, line, column, .. }) if !message.starts_with("EOF") => {
                LoadError::Syntax { file: None, line, column, message }
            }
            _ => LoadError::NotALog { file: None, found: None },
        }
        .in_file(path));
    }
    reader.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_LOG_BYTES {
        return Err(LoadError::TooLarge { path: path.to_path_buf() });
    }
    from_slice(&bytes).map_err(|e| e.in_file(path))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::trace::asyncio::to_jsonl;

    fn ev(log: &mut Log, time: f64, task: TaskId, kind: EventKind, a: u32, b: u64, fl: u8) -> u32 {
        log.push(Event { time, b, task, a, loc: NONE, kind, flags: fl })
    }

    fn add(log: &mut Log, name: &str, coro: &str, parent: Option<TaskId>, via: Via, t: f64) -> TaskId {
        let name = log.intern(name);
        let coro = log.intern(coro);
        let created_seq = log.events.len() as u32;
        let id = log.add_task(TaskInfo { name, coro, parent, via, created_seq });
        let by = u64::from(parent.unwrap_or(NONE));
        ev(log, t, id, EventKind::Created, coro, by, 0);
        id
    }

    /// A log with every event kind, wait kind, log kind and canceller.
    pub(crate) fn rich_log() -> Log {
        let mut log = Log::new();
        log.meta = Meta {
            source: "rich".into(),
            title: "Every kind \u{e9}\"quoted\"".into(),
            clock: "virtual".into(),
            stopped: Some("budget".into()),
            seed: Some(7),
        };
        let main = add(&mut log, "main", "main", None, Via::Main, 0.0);
        ev(&mut log, 0.0, main, EventKind::Wake, NONE, 0, WakeReason::Created as u8);
        let loc = log.intern("scenario.py:7");
        let s = ev(&mut log, 0.0, main, EventKind::Start, NONE, 0, 0);
        log.events[s as usize].loc = loc;
        let child = add(&mut log, "child", "delay", Some(main), Via::CreateTask, 0.0);
        let other = log.intern("ensure_future");
        let odd = add(&mut log, "odd", "work", Some(main), Via::Other(other), 0.0);
        let chain = log.intern("task:child");
        ev(&mut log, 0.0, main, EventKind::Suspend, chain, u64::from(child), WaitKind::Task as u8);
        let nl = log.intern("nofile");
        let s = ev(&mut log, 0.0, child, EventKind::Start, NONE, 0, 0);
        log.events[s as usize].loc = nl;
        let text = log.intern("hello\nworld");
        ev(&mut log, 0.0, child, EventKind::Print, text, 0, 0);
        let err = log.intern("to stderr");
        ev(&mut log, 0.0, child, EventKind::Print, err, 0, flags::STDERR);
        let raw = log.intern("written");
        ev(&mut log, 0.0, child, EventKind::Print, raw, 0, flags::STDOUT_WRITE);
        ev(&mut log, 0.0, child, EventKind::Block, NONE, 1.5f64.to_bits(), 0);
        let chain = log.intern("sleep(2)>Future");
        ev(&mut log, 1.5, child, EventKind::Suspend, chain, 3.5f64.to_bits(), WaitKind::Sleep as u8);
        let w = log.add_wait(WaitRecord::Gather(vec![child, odd]));
        let inner =
            log.add_wait(WaitRecord::Deadline { deadline: 9.0, inner: WaitKind::Gather, inner_b: u64::from(w) });
        let chain = log.intern("wait_for>gather");
        ev(&mut log, 1.5, odd, EventKind::Start, NONE, 0, 0);
        ev(&mut log, 1.5, odd, EventKind::Suspend, chain, u64::from(inner), WaitKind::Deadline as u8);
        let g = log.add_wait(WaitRecord::Gather(vec![]));
        let sh = log.intern("shield(task:child)>Future");
        ev(&mut log, 1.5, odd, EventKind::Resume, NONE, 0, 0);
        ev(&mut log, 1.5, odd, EventKind::Suspend, sh, u64::from(child), WaitKind::Shield as u8);
        ev(&mut log, 1.5, odd, EventKind::Resume, NONE, 0, 0);
        ev(&mut log, 1.5, odd, EventKind::Suspend, NONE, u64::from(g), WaitKind::Gather as u8);
        ev(&mut log, 1.5, odd, EventKind::Resume, NONE, 0, 0);
        let y = log.intern("sleep(0)>yield");
        ev(&mut log, 1.5, odd, EventKind::Suspend, y, 0, WaitKind::Yield as u8);
        ev(&mut log, 1.5, odd, EventKind::Wake, NONE, 0, WakeReason::Yield as u8);
        ev(&mut log, 1.5, odd, EventKind::Resume, NONE, 0, 0);
        let f = log.intern("Future");
        ev(&mut log, 1.5, odd, EventKind::Suspend, f, 0, WaitKind::Future as u8);
        let state = log.intern("awaiting sleep(2)>Future");
        let msg = log.intern("bye");
        let c = log.add_cancel(CancelRecord {
            by: Canceller::Task(main),
            state,
            via: NONE,
            forwarded_from: None,
            msg,
            returned: true,
            cancelling: 1,
        });
        ev(&mut log, 2.0, child, EventKind::CancelRequested, c, 0, 0);
        let via = log.intern("Timeout._on_timeout");
        let c = log.add_cancel(CancelRecord {
            by: Canceller::Loop,
            state,
            via,
            forwarded_from: Some(main),
            msg: NONE,
            returned: false,
            cancelling: 2,
        });
        ev(&mut log, 2.0, child, EventKind::CancelRequested, c, 0, 0);
        ev(&mut log, 2.0, main, EventKind::TimeoutFired, NONE, 2.0f64.to_bits(), 0);
        ev(&mut log, 2.0, main, EventKind::ShieldAbsorbed, NONE, u64::from(child), 0);
        let ce = log.intern("CancelledError");
        let e = log.add_error(ErrorRecord { kind: ce, msg });
        ev(&mut log, 2.0, child, EventKind::Resume, e, 0, 0);
        ev(&mut log, 2.0, child, EventKind::Cancelled, msg, u64::from(NONE), 0);
        let r = log.intern("5");
        ev(&mut log, 2.0, odd, EventKind::Cancelled, NONE, u64::from(r), flags::CORO_RETURNED);
        let late = add(&mut log, "late", "late", Some(main), Via::Gather, 2.0);
        let c = log.add_cancel(CancelRecord {
            by: Canceller::Shutdown,
            state: NONE,
            via: NONE,
            forwarded_from: None,
            msg: NONE,
            returned: true,
            cancelling: 1,
        });
        ev(&mut log, 2.0, late, EventKind::CancelRequested, c, 0, 0);
        let e = log.add_error(ErrorRecord { kind: ce, msg: NONE });
        ev(&mut log, 2.0, late, EventKind::Start, e, 0, flags::BODY_NOT_RUN);
        let ve = log.intern("ValueError");
        let boom = log.intern("boom");
        ev(&mut log, 2.0, late, EventKind::Exception, ve, u64::from(boom), 0);
        let rw = log.intern("RuntimeWarning");
        let never = log.intern("coroutine 'x' was never awaited");
        let l = log.add_log(LogRecord::Warning { category: rw, message: never });
        ev(&mut log, 2.0, NONE, EventKind::Log, l, 0, 0);
        let m = log.intern("Task exception was never retrieved");
        let l = log.add_log(LogRecord::LoopException {
            message: m,
            exception: Some(ErrorRecord { kind: ve, msg: boom }),
            about: Some(late),
        });
        ev(&mut log, 2.0, main, EventKind::Log, l, 0, 0);
        let l = log.add_log(LogRecord::LoopException { message: m, exception: None, about: None });
        ev(&mut log, 2.0, main, EventKind::Log, l, 0, 0);
        let l = log.add_log(LogRecord::Shutdown { cancelling: vec![late, odd] });
        ev(&mut log, 2.0, NONE, EventKind::Log, l, 0, 0);
        let dl = log.intern("nothing ready");
        let l = log.add_log(LogRecord::Deadlock { message: dl });
        ev(&mut log, 2.0, NONE, EventKind::Log, l, 0, 0);
        let l = log.add_log(LogRecord::Budget { message: dl });
        ev(&mut log, 2.0, NONE, EventKind::Log, l, 0, 0);
        ev(&mut log, 2.0, main, EventKind::Wake, NONE, 0, WakeReason::Cancelled as u8);
        ev(&mut log, 2.0, main, EventKind::Wake, NONE, 0, WakeReason::Foreign as u8);
        ev(&mut log, 2.0, main, EventKind::Wake, NONE, 0, WakeReason::Completed as u8);
        ev(&mut log, 2.0, main, EventKind::Resume, NONE, 0, 0);
        ev(&mut log, 2.0, NONE, EventKind::Block, NONE, 0.0f64.to_bits(), 0);
        let none = log.intern("None");
        ev(&mut log, 2.0, main, EventKind::Done, none, 0, 0);
        log
    }

    #[test]
    fn round_trip_is_exact() {
        let log = rich_log();
        let text = to_string(&log);
        let back = from_str(&text).unwrap();
        assert_eq!(to_string(&back), text);
        assert_eq!(to_jsonl(&back), to_jsonl(&log));
        assert_eq!(back.meta, log.meta);
        assert_eq!(back.events.len(), log.events.len());
        for (a, b) in log.events.iter().zip(&back.events) {
            assert_eq!(a.kind, b.kind);
            assert_eq!(a.time.to_bits(), b.time.to_bits());
            assert_eq!(a.task, b.task);
            assert_eq!(a.flags, b.flags);
            assert_eq!(log.str(a.loc), back.str(b.loc));
        }
        assert_eq!(back.tasks.len(), log.tasks.len());
        for (a, b) in log.tasks.iter().zip(&back.tasks) {
            assert_eq!(log.str(a.name), back.str(b.name));
            assert_eq!(log.str(a.coro), back.str(b.coro));
            assert_eq!(a.parent, b.parent);
            assert_eq!(a.created_seq, b.created_seq);
        }
        assert_eq!(back.waits.len(), log.waits.len());
        assert_eq!(back.errors.len(), log.errors.len());
        assert_eq!(back.logs.len(), log.logs.len());
        // Symbols differ after re-interning; compare cancel records through their strings.
        let cancel = |l: &Log, c: &CancelRecord| {
            let s = |x: Sym| l.strings.opt(x).map(str::to_string);
            (c.by, s(c.state), s(c.via), c.forwarded_from, s(c.msg), c.returned, c.cancelling)
        };
        let want: Vec<_> = log.cancels.iter().map(|c| cancel(&log, c)).collect();
        let got: Vec<_> = back.cancels.iter().map(|c| cancel(&back, c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn output_is_one_line_per_task_and_event() {
        let log = rich_log();
        let text = to_string(&log);
        assert_eq!(text.lines().count(), 9 + log.tasks.len() + log.events.len());
        assert!(text.contains(r#"{"seq":1,"t":0.0,"task":0,"kind":"wake","detail":{"reason":"created"}}"#));
        assert!(text.contains(r#""loc":{"file":"scenario.py","line":7}"#));
        assert!(text.contains(r#""loc":{"file":"nofile"}"#));
        // What JSON cannot hold is written as a string (and refused by the loader for a time).
        let mut odd = rich_log();
        odd.events.last_mut().unwrap().time = f64::INFINITY;
        let odd = to_string(&odd);
        assert!(odd.contains(r#""t":"inf""#));
        assert!(from_str(&odd).is_err());
        assert!(text.contains(r#""wait":{"kind":"deadline","deadline":9.0,"inner":{"kind":"gather","tasks":[1,2]}}"#));
        let empty = to_string(&Log::new());
        assert!(empty.contains("\"tasks\": [],\n  \"events\": []\n}"));
        assert_eq!(from_str(&empty).unwrap().events.len(), 0);
    }

    #[test]
    fn saves_and_loads_a_file() {
        let dir = std::env::temp_dir().join(format!("taskline-json-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("log.json");
        let log = rich_log();
        save(&log, &path).unwrap();
        save(&log, &path).unwrap(); // replaces
        let back = load(&path).unwrap();
        assert_eq!(to_string(&back), to_string(&log));
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    fn load_text(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("taskline-json-err-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        let err = load(&path).unwrap_err().to_string();
        fs::remove_file(&path).unwrap();
        err.replace(&format!("{}/", dir.display()), "")
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = load_text("corrupt.json", "{\n  \"format\": \"taskline-log\",\n  \"version\": ,\n}");
        assert_eq!(err, "corrupt.json: line 3, column 14: expected value");
        let err = load_text("empty.json", "");
        assert!(err.starts_with("empty.json: line 1, column 0: EOF"), "{err}");
    }

    #[test]
    fn other_json_is_not_a_log() {
        let err = load_text("log.json", r#"{"traceEvents": []}"#);
        assert_eq!(err, r#"log.json: not a taskline log (missing "format": "taskline-log")"#);
        let err = load_text("log.json", "[1, 2]");
        assert_eq!(err, r#"log.json: not a taskline log (missing "format": "taskline-log")"#);
        let err = load_text("log.json", r#"{"format": "other"}"#);
        assert_eq!(err, r#"log.json: not a taskline log ("format" is "other", not "taskline-log")"#);
    }

    #[test]
    fn sync_events_round_trip_and_version_1_logs_still_load() {
        let mut log = Log::new();
        let main = log.intern("main");
        log.add_task(TaskInfo { name: main, coro: main, parent: None, via: Via::Main, created_seq: 0 });
        ev(&mut log, 0.0, 0, EventKind::Created, main, u64::from(NONE), 0);
        let kind = log.intern("Lock");
        let name = log.intern("db_lock");
        let obj = log.add_object(SyncObject::new(kind, name));
        ev(&mut log, 0.0, 0, EventKind::Sync, obj, Event::sync_payload(0, 0), SyncOp::Acquire as u8);
        ev(&mut log, 1.0, NONE, EventKind::Sync, obj, Event::sync_payload(NONE, 3), SyncOp::Release as u8);
        let text = to_string(&log);
        assert!(text.contains(r#""kind":"sync","detail":{"object":0,"type":"Lock","name":"db_lock","op":"acquire","other":0,"count":0}"#), "{text}");
        assert_eq!(to_string(&from_str(&text).unwrap()), text);
        let v1 = text.replace("\"version\": 3", "\"version\": 1");
        assert!(from_str(&v1).is_ok());
        let v2 = text.replace("\"version\": 3", "\"version\": 2");
        assert!(from_str(&v2).is_ok());
        let bad = text.replace(
            r#""object":0,"type":"Lock","name":"db_lock","op":"release""#,
            r#""object":3,"type":"Lock","name":"db_lock","op":"release""#,
        );
        assert!(from_str(&bad).unwrap_err().to_string().contains("object 3 before object 1"), "{bad}");
        // A queue's maxsize is its size, written when known and read back.
        let q = log.intern("Queue");
        let qn = log.intern("jobs");
        let obj = log.add_object(SyncObject { kind: q, name: qn, size: 2 });
        ev(&mut log, 2.0, 0, EventKind::Sync, obj, Event::sync_payload(NONE, 1), SyncOp::Put as u8);
        let text = to_string(&log);
        assert!(text.contains(r#""type":"Queue","name":"jobs","size":2,"op":"put""#), "{text}");
        let back = from_str(&text).unwrap();
        assert_eq!(back.objects[1].size, 2);
        assert_eq!(back.objects[0].size, NONE, "a lock has no size");
        let changed = text.replacen(r#""size":2,"op":"put""#, r#""size":3,"op":"put""#, 1);
        assert!(from_str(&changed).is_ok(), "one event: nothing to disagree with");
    }

    #[test]
    fn unknown_versions_are_refused() {
        let err = load_text("log.json", r#"{"format": "taskline-log", "version": 7}"#);
        assert_eq!(err, "log.json: unsupported log version 7 (this taskline reads versions 1 to 3)");
        let err = load_text("log.json", r#"{"format": "taskline-log", "version": "1"}"#);
        assert_eq!(err, r#"log.json: unsupported log version "1" (this taskline reads versions 1 to 3)"#);
        let err = load_text("log.json", r#"{"format": "taskline-log"}"#);
        assert_eq!(err, r#"log.json: log: missing "version""#);
    }

    #[test]
    fn io_errors_name_the_path() {
        let path = std::env::temp_dir().join("taskline-surely-missing-dir/log.json");
        let err = load(&path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: cannot read: ", path.display())), "{err}");
        let err = save(&Log::new(), &path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: cannot write: ", path.display())), "{err}");
        assert!(matches!(save(&Log::new(), Path::new("/")), Err(LoadError::Io { .. })));
    }

    /// The text of `rich_log` with one line's substring replaced.
    fn edited(from: &str, to: &str) -> String {
        let text = to_string(&rich_log());
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1)
    }

    fn problem(text: &str) -> String {
        from_str(text).unwrap_err().to_string()
    }

    #[test]
    fn inconsistent_logs_are_refused_with_the_place() {
        let cases = [
            (
                r#""kind":"created","detail":{"coro":"delay","by":0}"#,
                r#""kind":"created","detail":{"coro":"delay","by":99}"#,
                "event 3: created: unknown task 99",
            ),
            (r#"{"seq":2,"t":0.0,"task":0"#, r#"{"seq":2,"t":0.0,"task":99"#, "event 2: unknown task 99"),
            (
                r#"{"seq":2,"t":0.0,"task":0"#,
                r#"{"seq":2,"t":0.0,"task":-1"#,
                "event 2: \"task\" must be a task id, found -1",
            ),
            (r#"{"seq":3,"#, r#"{"seq":4,"#, "event 3: \"seq\" is 4, expected 3 (events are listed in order)"),
            (r#""kind":"wake""#, r#""kind":"teleport""#, "event 1: unknown kind \"teleport\""),
            (r#""reason":"created""#, r#""reason":"magic""#, "event 1: wake: unknown wake reason \"magic\""),
            (r#"{"seq":1,"t":0.0,"task":0"#, r#"{"seq":1,"t":0.0,"task":null"#, "event 1: a wake event needs a task"),
            (r#"{"seq":1,"t":0.0,"#, r#"{"seq":1,"t":"soon","#, "event 1: \"t\" must be a number, found \"soon\""),
            (r#""detail":{"reason":"created"}"#, r#""detailz":{}"#, "event 1: missing \"detail\""),
            (
                r#""kind":"deadline","deadline":9.0,"#,
                r#""kind":"deadline","#,
                "event 13: suspend: \"wait\": missing \"deadline\"",
            ),
            (
                r#""inner":{"kind":"gather","tasks":[1,2]}"#,
                r#""inner":{"kind":"gather","tasks":[1,7]}"#,
                "event 13: suspend: \"wait\": \"inner\": unknown task 7",
            ),
            (
                r#""kind":"task","task":1"#,
                r#""kind":"fork","task":1"#,
                "event 5: suspend: \"wait\": unknown wait kind \"fork\"",
            ),
            (
                r#""returned":true"#,
                r#""returned":"yes""#,
                "event 23: cancel_requested: \"returned\" must be true or false, found \"yes\"",
            ),
            (
                r#""by":0,"state""#,
                r#""by":"me","state""#,
                "event 23: cancel_requested: \"by\" must be a task id, found \"me\" (\"by\" is a task id, \"loop\" or \"shutdown\")",
            ),
            (r#""kind":"budget""#, r#""kind":"fatal""#, "event 39: log: unknown log kind \"fatal\""),
            (r#""loc":{"file":"scenario.py","line":7}"#, r#""loc":{"line":7}"#, "event 2: \"loc\": missing \"file\""),
            (r#"{"id":1,"#, r#"{"id":5,"#, "task 1: \"id\" is 5, expected 1 (tasks are listed in id order)"),
            (r#""parent":0,"via":"create_task""#, r#""parent":42,"via":"create_task""#, "task 1: unknown task 42"),
            (r#""clock":"virtual""#, r#""clock":3"#, "meta: \"clock\" must be a string, found 3"),
            (r#""title":"Every"#, r#""titl":"Every"#, "meta: missing \"title\""),
        ];
        for (from, to, want) in cases {
            assert_eq!(problem(&edited(from, to)), want, "{from} -> {to}");
        }
    }

    /// A small log's text: main created, started, sleeping until 1.0, resumed at `t2`, done.
    fn small(t2: &str, block: &str) -> String {
        format!(
            r#"{{"format": "taskline-log", "version": 1,
  "meta": {{"source": "s", "title": "t", "clock": "virtual", "stopped": null}},
  "tasks": [{{"id": 0, "name": "main", "coro": "main", "parent": null, "via": "asyncio.run"}}],
  "events": [
    {{"seq": 0, "t": 0.0, "task": 0, "kind": "created", "detail": {{"coro": "main", "by": null}}}},
    {{"seq": 1, "t": 0.0, "task": 0, "kind": "start", "detail": {{}}}},
    {{"seq": 2, "t": 0.5, "task": 0, "kind": "block", "detail": {{"seconds": {block}}}}},
    {{"seq": 3, "t": 0.5, "task": 0, "kind": "suspend", "detail": {{"awaiting": "sleep", "wait": {{"kind": "sleep", "until": "inf"}}}}}},
    {{"seq": 4, "t": {t2}, "task": 0, "kind": "resume", "detail": {{}}}},
    {{"seq": 5, "t": 2.0, "task": 0, "kind": "done", "detail": {{"result": "None"}}}}
  ]}}"#
        )
    }

    #[test]
    fn times_must_be_finite_not_negative_and_never_go_back() {
        assert!(from_str(&small("1.0", "0.25")).is_ok(), "{:?}", from_str(&small("1.0", "0.25")).err());
        let cases = [
            ("\"inf\"", "0.25", r#"event 4: "t" is "inf": a time must be a finite number of seconds"#),
            ("\"nan\"", "0.25", r#"event 4: "t" is "nan": a time must be a finite number of seconds"#),
            (
                "0.25",
                "0.25",
                r#"event 4: "t" is 0.25, earlier than the event before it (0.5): the clock never goes back"#,
            ),
            ("1.0", "-1.0", r#"event 2: block: "seconds" is -1: it must be a finite number, not negative"#),
            ("1.0", "\"inf\"", r#"event 2: block: "seconds" is inf: it must be a finite number, not negative"#),
        ];
        for (t2, block, want) in cases {
            assert_eq!(problem(&small(t2, block)), want, "t={t2} block={block}");
        }
        let negative = small("1.0", "0.25").replace(r#""seq": 0, "t": 0.0"#, r#""seq": 0, "t": -2.0"#);
        assert_eq!(problem(&negative), r#"event 0: "t" is -2: a time cannot be negative"#);
        let nan_until = small("1.0", "0.25").replace(r#""until": "inf""#, r#""until": "nan""#);
        assert_eq!(problem(&nan_until), r#"event 3: suspend: "wait": "until" is NaN: it must be a number"#);
    }

    #[test]
    fn every_task_is_created_before_its_events() {
        let text = small("1.0", "0.25");
        // An event of a task before its `created`: move `created` after `start`.
        let late = text
            .replace(
                r#""seq": 0, "t": 0.0, "task": 0, "kind": "created""#,
                r#""seq": 0, "t": 0.0, "task": 0, "kind": "start""#,
            )
            .replace(
                r#""seq": 1, "t": 0.0, "task": 0, "kind": "start", "detail": {}"#,
                r#""seq": 1, "t": 0.0, "task": 0, "kind": "created", "detail": {"coro": "main", "by": null}"#,
            )
            .replacen(
                r#""kind": "start", "detail": {"coro": "main", "by": null}"#,
                r#""kind": "start", "detail": {}"#,
                1,
            );
        assert_eq!(problem(&late), r#"event 0: "task": task 0 has no "created" event before this start event"#);
        // A task in the table that is never created.
        let ghost = text.replace(
            r#""via": "asyncio.run"}]"#,
            r#""via": "asyncio.run"}, {"id": 1, "name": "ghost", "coro": "g", "parent": 0, "via": "create_task"}]"#,
        );
        assert_eq!(problem(&ghost), r#"task 1: it has no "created" event"#);
    }

    #[test]
    fn every_scenario_log_passes_the_checks() {
        for s in crate::scenarios::all() {
            let log = s.run();
            let text = to_string(&log);
            if let Err(e) = from_str(&text) {
                panic!("{}: {e}", s.id);
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_are_read_with_a_cap_and_refused_early() {
        // /dev/zero is refused at its first bytes, not read to the end of memory.
        let err = load(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(err, "/dev/zero: line 1, column 1: expected value");
        let dir = std::env::temp_dir();
        let err = load(&dir).unwrap_err().to_string();
        assert!(err.ends_with("cannot read: it is a directory"), "{err}");
        // A long text that is JSON but not an object: refused without reading it all.
        let path = dir.join(format!("taskline-json-array-{}.json", std::process::id()));
        let mut big = String::from("[");
        while big.len() < 200_000 {
            big.push_str("1, ");
        }
        fs::write(&path, &big).unwrap();
        let err = load(&path).unwrap_err().to_string();
        fs::remove_file(&path).unwrap();
        assert!(err.ends_with(r#"not a taskline log (missing "format": "taskline-log")"#), "{err}");
        assert_eq!(
            LoadError::TooLarge { path: "big.json".into() }.to_string(),
            "big.json: larger than 1 GiB (the most taskline loads); is it a taskline log?"
        );
    }

    #[test]
    fn a_task_created_twice_is_refused() {
        let text = edited(
            r#"{"seq":2,"t":0.0,"task":0,"kind":"start","detail":{}"#,
            r#"{"seq":2,"t":0.0,"task":0,"kind":"created","detail":{"coro":"x","by":null}"#,
        );
        assert_eq!(problem(&text), "event 2: task 0 is created twice (events 0 and 2)");
    }

    #[test]
    fn invalid_errors_name_the_file() {
        let text = edited(r#"{"seq":2,"t":0.0,"task":0"#, r#"{"seq":2,"t":0.0,"task":99"#);
        assert_eq!(load_text("log.json", &text), "log.json: event 2: unknown task 99");
    }

    #[test]
    fn no_input_panics() {
        let text = to_string(&rich_log());
        // Cut the text at every char boundary and corrupt single bytes: errors, never panics.
        for (i, _) in text.char_indices().step_by(7) {
            let _ = from_str(&text[..i]);
        }
        let bytes = text.as_bytes();
        for i in (0..bytes.len()).step_by(13) {
            for replacement in [b'0', b'"', b'}', b'n', b'-'] {
                let mut b = bytes.to_vec();
                b[i] = replacement;
                if let Ok(s) = std::str::from_utf8(&b)
                    && let Ok(log) = from_str(s)
                {
                    // Whatever loads must serialize, project, derive and render without panicking.
                    let _ = to_jsonl(&log);
                    let _ = to_string(&log);
                    let _ = crate::trace::timeline::derive(&log);
                    let _ = crate::trace::explain::explain_all(&log);
                    let _ = crate::cli::text::render(&log, 80);
                }
            }
        }
    }
}
