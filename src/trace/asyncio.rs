//! Projection of a [`Log`] onto the vocabulary of CPython's reference traces
//! (`asyncio-reference/golden/*.jsonl`): one JSON object per line,
//! `{"t", "task", "event", "detail"}`, written exactly as Python's
//! `json.dumps` writes it (key order, separators, float repr, `\uXXXX`).
//!
//! taskline's own events (`wake`, `timeout_fired`, `shield_absorbed`) have no
//! counterpart there and are left out. Every field of the vocabulary is
//! given; `log` entries of kind `budget` (a run stopped by taskline's guard)
//! have no CPython counterpart.
//!
//! Numbers are written as `json.dumps` writes them: a time JSON cannot hold
//! (infinite or NaN) comes out as Python's `Infinity` / `NaN`. No run records
//! such a time, and the loader refuses logs with one; [`try_to_jsonl`], which
//! the CLI uses, refuses to write one rather than emit text that is not JSON.

use super::pyfmt::{round6, write_float_repr, write_json_str};
use super::{Canceller, Event, EventKind, JobOp, Log, LogRecord, NONE, TaskId, Via, flags};

/// The `via` string of a task's `created` event.
pub fn via_name(log: &Log, via: Via) -> &str {
    match via {
        Via::Main => "asyncio.run",
        Via::CreateTask => "create_task",
        Via::WaitFor => "wait_for",
        Via::Gather => "gather",
        Via::Shield => "shield",
        Via::Other(s) => log.str(s),
    }
}

struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }
    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        write_json_str(self.out, k);
        self.out.push_str(": ");
        self.out
    }
    fn str(&mut self, k: &str, v: &str) {
        let out = self.key(k);
        write_json_str(out, v);
    }
    fn opt_str(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(k, v),
            None => self.key(k).push_str("null"),
        }
    }
    fn end(self) {
        self.out.push('}');
    }
}

fn task_opt(log: &Log, task: TaskId) -> Option<&str> {
    if task == NONE { None } else { Some(log.task_name(task)) }
}

/// Appends the JSON line of one event (without the newline); returns false
/// for events that have no counterpart in the reference vocabulary.
pub fn write_event(log: &Log, ev: &Event, out: &mut String) -> bool {
    if !ev.kind.in_asyncio_vocabulary() || (ev.kind == EventKind::Print && ev.flags != 0) {
        return false;
    }
    let mut o = Obj::new(out);
    write_json_float(o.key("t"), round6(ev.time));
    o.opt_str("task", task_opt(log, ev.task));
    if ev.kind == EventKind::Job {
        o.str("event", &format!("job_{}", ev.job_op().name()));
    } else {
        o.str("event", ev.kind.name());
    }
    let out = o.key("detail");
    let mut d = Obj::new(out);
    match ev.kind {
        EventKind::Created => {
            let info = &log.tasks[ev.task as usize];
            d.str("coro", log.str(info.coro));
            d.opt_str("by", info.parent.map(|p| log.task_name(p)));
            d.str("via", via_name(log, info.via));
        }
        EventKind::Start | EventKind::Resume => {
            if let Some(err) = log.error(ev.a) {
                d.str("throw", log.str(err.kind));
                if let Some(m) = log.strings.opt(err.msg) {
                    d.str("msg", m);
                }
                if ev.kind == EventKind::Start && ev.flags & flags::BODY_NOT_RUN != 0 {
                    d.key("body_runs").push_str("false");
                }
            }
        }
        EventKind::Suspend => d.str("awaiting", log.str(ev.a)),
        EventKind::Done => d.str("result", log.str(ev.a)),
        EventKind::Cancelled => {
            if ev.flags & flags::CORO_RETURNED != 0 {
                d.str("coro_returned", log.str(ev.b_u32()));
            } else if let Some(m) = log.strings.opt(ev.a) {
                d.str("msg", m);
            }
        }
        EventKind::Exception => {
            d.str("type", log.str(ev.a));
            d.str("msg", log.str(ev.b_u32()));
        }
        EventKind::CancelRequested => {
            let c = &log.cancels[ev.a as usize];
            match c.by {
                Canceller::Task(t) => d.str("by", log.task_name(t)),
                Canceller::Loop => d.key("by").push_str("null"),
                Canceller::Shutdown => d.str("by", "<asyncio.run shutdown>"),
            }
            d.str("state", log.str(c.state));
            if let Some(v) = log.strings.opt(c.via) {
                d.str("via", v);
            }
            if let Some(f) = c.forwarded_from {
                d.str("forwarded_from", log.task_name(f));
            }
            if let Some(m) = log.strings.opt(c.msg) {
                d.str("msg", m);
            }
            d.key("returned").push_str(if c.returned { "true" } else { "false" });
            let out = d.key("cancelling");
            out.push_str(&c.cancelling.to_string());
        }
        EventKind::Print => {
            d.str("text", log.str(ev.a));
            if let Some(j) = ev.print_job() {
                write_job_worker(log, j, &mut d);
            }
        }
        EventKind::Job => write_job(log, ev, &mut d),
        EventKind::Block => write_json_float(d.key("seconds"), ev.b_f64()),
        EventKind::Log => write_log(log, &log.logs[ev.a as usize], &mut d),
        EventKind::Wake | EventKind::TimeoutFired | EventKind::ShieldAbsorbed | EventKind::Sync => {}
    }
    d.end();
    o_end(out);
    true
}

/// `"job": n, "worker": "asyncio_0"` (the harness numbers jobs from 1).
fn write_job_worker(log: &Log, job: u32, d: &mut Obj<'_>) {
    d.key("job").push_str(&(u64::from(job) + 1).to_string());
    if let Some(w) = log.jobs.get(job as usize).and_then(|j| j.worker_name(log)) {
        d.str("worker", &w);
    }
}

/// The detail of the harness's `job_*` events.
fn write_job(log: &Log, ev: &Event, d: &mut Obj<'_>) {
    let Some(job) = log.jobs.get(ev.a as usize) else { return };
    match ev.job_op() {
        JobOp::Queued => {
            d.key("job").push_str(&(u64::from(ev.a) + 1).to_string());
            d.str("func", log.str(job.func));
            d.str("pool", log.str(job.pool));
        }
        JobOp::Started => {
            d.key("job").push_str(&(u64::from(ev.a) + 1).to_string());
            d.str("worker", &format!("{}_{}", log.str(job.pool), ev.b));
        }
        JobOp::Done => {
            write_job_worker(log, ev.a, d);
            d.str("result", log.str(ev.b_u32()));
        }
        JobOp::Exception => {
            write_job_worker(log, ev.a, d);
            if let Some(e) = log.error(ev.b_u32()) {
                d.str("type", log.str(e.kind));
                d.str("msg", log.strings.opt(e.msg).unwrap_or(""));
            }
        }
        JobOp::Cancelled => {
            d.key("job").push_str(&(u64::from(ev.a) + 1).to_string());
        }
    }
}

/// A float as Python's `json.dumps` writes it (`Infinity`, `-Infinity`, `NaN` for the non-finite).
fn write_json_float(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        write_float_repr(out, x);
    }
}

fn o_end(out: &mut String) {
    out.push('}');
}

fn write_log(log: &Log, rec: &LogRecord, d: &mut Obj<'_>) {
    d.str("kind", rec.kind());
    match rec {
        LogRecord::Warning { category, message } => {
            d.str("category", log.str(*category));
            d.str("message", log.str(*message));
        }
        LogRecord::LoopException { message, exception, about } => {
            d.str("message", log.str(*message));
            if let Some(e) = exception {
                d.str("exception", log.str(e.kind));
                d.str("exc_msg", log.strings.opt(e.msg).unwrap_or(""));
            }
            if let Some(t) = about {
                d.str("about", log.task_name(*t));
            }
        }
        LogRecord::Shutdown { cancelling } => {
            let out = d.key("cancelling");
            out.push('[');
            for (i, t) in cancelling.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json_str(out, log.task_name(*t));
            }
            out.push(']');
        }
        LogRecord::Deadlock { message } | LogRecord::Budget { message } => {
            d.str("message", log.str(*message));
        }
    }
}

/// An event whose time (or `block` duration) JSON cannot hold.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "cannot write the asyncio trace: event {seq} has the {what} {value}, which JSON cannot hold (this is a bug in taskline)"
)]
pub struct NonFiniteTime {
    /// The event's sequence number.
    pub seq: usize,
    /// `time` or `block duration`.
    pub what: &'static str,
    /// The value, as Rust prints it.
    pub value: f64,
}

/// [`to_jsonl`], refusing a log with a non-finite time or `block` duration
/// (the output would not be JSON).
///
/// # Errors
/// [`NonFiniteTime`] naming the first such event.
pub fn try_to_jsonl(log: &Log) -> Result<String, NonFiniteTime> {
    check_finite(log)?;
    Ok(to_jsonl(log))
}

/// Checks that every time and `block` duration [`to_jsonl`] would write is
/// finite (call it before [`write_jsonl`]).
///
/// # Errors
/// [`NonFiniteTime`] naming the first event that is not.
pub fn check_finite(log: &Log) -> Result<(), NonFiniteTime> {
    for (seq, ev) in log.events.iter().enumerate() {
        if !ev.kind.in_asyncio_vocabulary() {
            continue;
        }
        if !ev.time.is_finite() {
            return Err(NonFiniteTime { seq, what: "time", value: ev.time });
        }
        if ev.kind == EventKind::Block && !ev.b_f64().is_finite() {
            return Err(NonFiniteTime { seq, what: "block duration", value: ev.b_f64() });
        }
    }
    Ok(())
}

/// The whole log as JSONL in the reference format (non-finite numbers as
/// Python writes them; see [`try_to_jsonl`]).
pub fn to_jsonl(log: &Log) -> String {
    let mut out = String::with_capacity(log.events.len() * 96);
    for ev in &log.events {
        if write_event(log, ev, &mut out) {
            out.push('\n');
        }
    }
    out
}

/// Writes the log as JSONL (the text of [`to_jsonl`]) to `out`, one line at
/// a time: the memory used is that of one line, whatever the size of the
/// log. Wrap a file or stdout in a [`std::io::BufWriter`].
///
/// # Errors
/// The writer's first error.
pub fn write_jsonl<W: std::io::Write>(log: &Log, mut out: W) -> std::io::Result<()> {
    let mut line = String::new();
    for ev in &log.events {
        line.clear();
        if write_event(log, ev, &mut line) {
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::testlog::LogBuilder;

    #[test]
    fn a_non_finite_time_is_refused_not_written_as_invalid_json() {
        let mut b = LogBuilder::titled("inf");
        let main = b.task("main", None);
        b.step(main, true);
        assert!(try_to_jsonl(&b.log).is_ok());
        b.t = f64::INFINITY;
        b.step(main, false);
        let err = try_to_jsonl(&b.log).unwrap_err();
        assert_eq!((err.seq, err.what), (2, "time"));
        assert!(err.to_string().contains("event 2"), "{err}");
        // Python's spelling, never `inf`.
        let text = to_jsonl(&b.log);
        assert!(text.contains("{\"t\": Infinity,"), "{text}");
        assert!(!text.contains(": inf"), "{text}");
    }
}
