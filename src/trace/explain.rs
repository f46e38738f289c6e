//! Plain-language, one-line explanations of events, for the CLI's text
//! format and the GUI's explanation line.
//!
//! An explanation says what happened and, where asyncio's rules make it
//! non-obvious, what follows from it: `main called long_task.cancel() at
//! 5.0 s; long_task will receive CancelledError at its current await
//! (sleep(10))`. Some explanations depend on earlier events (what a task
//! was awaiting when it resumes, whether a deadline fired), so [`explain`]
//! reads the log up to the event; [`explain_all`] explains every event in
//! one pass. When the event has a source location, `, line N` is appended.

use super::pyfmt::{float_repr, str_repr};
use super::timeline::{Awaited, State, wait_text};
use super::{
    Canceller, Event, EventKind, Log, LogRecord, NONE, Sym, TaskId, Via, WaitMode, WaitRecord, WakeReason, flags,
};

/// Formats virtual seconds for people: at most 6 decimals, trailing zeros
/// trimmed but at least one kept, and the unit (values beyond that range,
/// below a microsecond or from 10^15 on, in Python's `repr` form, e.g. `1e-09 s`).
///
/// # Examples
/// ```
/// use taskline::trace::explain::fmt_seconds;
/// assert_eq!(fmt_seconds(5.0), "5.0 s");
/// assert_eq!(fmt_seconds(0.1 + 0.2), "0.3 s");
/// assert_eq!(fmt_seconds(1.25), "1.25 s");
/// ```
pub fn fmt_seconds(t: f64) -> String {
    format!("{} s", fmt_number(t))
}

/// A number as [`fmt_seconds`] writes it, without the unit.
pub fn fmt_number(t: f64) -> String {
    if t.is_nan() {
        return "nan".into();
    }
    if t.is_infinite() {
        return if t > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Out of the 6-decimal range, Python's repr (`1e-09`, `1e+16`) says more than zeros or 300 digits.
    if t != 0.0 && !(1e-6..1e15).contains(&t.abs()) {
        return float_repr(t);
    }
    let mut s = format!("{t:.6}");
    while s.ends_with('0') && !s.ends_with(".0") {
        s.pop();
    }
    if s == "-0.0" { "0.0".into() } else { s }
}

/// An exception as Python prints its last traceback line: `ValueError: boom`,
/// or just `ValueError` when it has no message.
pub fn fmt_error(log: &Log, kind: Sym, msg: Sym) -> String {
    let kind = log.strings.opt(kind).unwrap_or("exception");
    match log.strings.opt(msg) {
        Some(m) if !m.is_empty() => format!("{kind}: {m}"),
        _ => kind.to_string(),
    }
}

/// Explains the event with sequence number `seq` in one line (an empty
/// string if there is no such event).
///
/// # Examples
/// ```
/// use taskline::trace::{Event, EventKind, Log, NONE, TaskInfo, Via, explain};
/// let mut log = Log::new();
/// let name = log.intern("main");
/// let main = log.add_task(TaskInfo { name, coro: name, parent: None, via: Via::Main, created_seq: 0 });
/// let text = log.intern("Hello World!");
/// let print = Event { time: 1.0, b: 0, task: main, a: text, loc: NONE, kind: EventKind::Print, flags: 0 };
/// let seq = log.push(print);
/// assert_eq!(explain::explain(&log, seq), "main printed: Hello World!");
/// ```
pub fn explain(log: &Log, seq: u32) -> String {
    let Some(ev) = log.events.get(seq as usize) else { return String::new() };
    let mut ctx = Context::new(log);
    for e in &log.events[..seq as usize] {
        ctx.advance(log, e);
    }
    ctx.explain(log, ev)
}

/// Explains every event, in order (the same lines as [`explain`], in one pass).
pub fn explain_all(log: &Log) -> Vec<String> {
    let mut out = Vec::with_capacity(log.events.len());
    let _ = try_for_each(log, |_, text| {
        out.push(text);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Explains every event, in order, handing each line to `f` with the
/// event's sequence number as soon as it is made (one pass, memory of one
/// line: for logs too big to hold every explanation). Stops at `f`'s first error.
///
/// # Errors
/// `f`'s first error.
pub fn try_for_each<E>(log: &Log, mut f: impl FnMut(usize, String) -> Result<(), E>) -> Result<(), E> {
    let mut ctx = Context::new(log);
    for (seq, ev) in log.events.iter().enumerate() {
        f(seq, ctx.explain(log, ev))?;
        ctx.advance(log, ev);
    }
    Ok(())
}

/// What the explanation of a task's next event needs to know of its past.
#[derive(Clone, Copy, Debug, Default)]
struct TaskPast {
    /// Its last `Suspend`.
    last_suspend: Option<Event>,
    /// A cancel request that returned True reached it since its last step began.
    cancel_pending: bool,
    /// A deadline fired for it since its last step began.
    timeout_fired: bool,
    /// How it ended, if it has.
    end: Option<EventKind>,
    /// The order of its end among the ends so far (for `asyncio.wait`).
    end_rank: u32,
}

struct Context {
    tasks: Vec<TaskPast>,
    ends: u32,
}

fn who(log: &Log, task: TaskId) -> &str {
    match log.tasks.get(task as usize) {
        Some(_) => log.task_name(task),
        None => "the loop",
    }
}

/// A chain without its final `>Future`/`>yield` (what the coroutine awaits, not the mechanism).
fn short_chain(chain: &str) -> &str {
    let s = chain.strip_suffix(">Future").or_else(|| chain.strip_suffix(">yield")).unwrap_or(chain);
    if s.is_empty() { chain } else { s }
}

impl Context {
    fn new(log: &Log) -> Context {
        Context { tasks: vec![TaskPast::default(); log.tasks.len()], ends: 0 }
    }

    fn past(&self, task: TaskId) -> TaskPast {
        self.tasks.get(task as usize).copied().unwrap_or_default()
    }

    fn advance(&mut self, log: &Log, ev: &Event) {
        if ev.kind.is_end() {
            self.ends += 1;
        }
        let rank = self.ends;
        let Some(p) = self.tasks.get_mut(ev.task as usize) else { return };
        match ev.kind {
            EventKind::Suspend => p.last_suspend = Some(*ev),
            EventKind::Start | EventKind::Resume => {
                p.cancel_pending = false;
                p.timeout_fired = false;
            }
            EventKind::CancelRequested if log.cancels.get(ev.a as usize).is_some_and(|c| c.returned) => {
                p.cancel_pending = true;
            }
            EventKind::TimeoutFired => p.timeout_fired = true,
            EventKind::Done | EventKind::Cancelled | EventKind::Exception => {
                p.end = Some(ev.kind);
                p.end_rank = rank;
            }
            _ => {}
        }
    }

    /// What returned the `asyncio.wait`/`as_completed` of wait record `w`
    /// (as in [`super::cause::wait_trigger`]), e.g. `task b finished (FIRST_COMPLETED)`;
    /// `None` if `w` is not such a record.
    fn wait_woke(&self, log: &Log, w: u32) -> Option<String> {
        let Some(WaitRecord::Wait { tasks, mode, deadline }) = log.waits.get(w as usize) else { return None };
        let ended: Vec<(u32, TaskId, EventKind)> =
            tasks.iter().filter_map(|&t| self.past(t).end.map(|k| (self.past(t).end_rank, t, k))).collect();
        let all = || if ended.len() >= tasks.len() { ended.iter().max_by_key(|e| e.0) } else { None };
        let pick = match mode {
            WaitMode::FirstCompleted | WaitMode::AsCompleted => ended.iter().min_by_key(|e| e.0),
            WaitMode::AllCompleted => all(),
            WaitMode::FirstException => {
                ended.iter().filter(|e| e.2 == EventKind::Exception).min_by_key(|e| e.0).or_else(all)
            }
        };
        Some(match pick {
            Some(&(_, t, k)) => {
                let how = match k {
                    EventKind::Exception => "failed",
                    EventKind::Cancelled => "was cancelled",
                    _ => "finished",
                };
                match mode {
                    WaitMode::AllCompleted => {
                        format!("all {} awaited tasks have finished (ALL_COMPLETED)", tasks.len())
                    }
                    m => format!("task {} {how} ({})", log.task_name(t), m.name()),
                }
            }
            None if deadline.is_some() => format!("the timeout of {} passed", wait_text(tasks.len(), *mode, None)),
            None => "what it waited for completed".to_owned(),
        })
    }

    /// The chain of the task's last suspend, shortened, if any.
    fn awaiting<'l>(&self, log: &'l Log, task: TaskId) -> Option<&'l str> {
        let s = self.past(task).last_suspend?;
        log.strings.opt(s.a).filter(|c| !c.is_empty()).map(short_chain)
    }

    /// The state of the task's last suspend, if any.
    fn wait_state(&self, log: &Log, task: TaskId) -> Option<State> {
        let s = self.past(task).last_suspend?;
        Some(State::of_wait(log, s.wait_kind(), s.b))
    }

    fn explain(&self, log: &Log, ev: &Event) -> String {
        let mut s = self.sentence(log, ev);
        if let Some((_, line)) = log.location(ev.loc) {
            s.push_str(&format!(", line {line}"));
        }
        s
    }

    fn sentence(&self, log: &Log, ev: &Event) -> String {
        let task = ev.task;
        let name = who(log, task);
        match ev.kind {
            EventKind::Created => created(log, ev),
            EventKind::Start | EventKind::Resume => self.step(log, ev),
            EventKind::Suspend => suspend(log, ev),
            EventKind::Done => format!("{name} finished with result {}", log.str(ev.a)),
            EventKind::Cancelled => {
                if ev.flags & flags::CORO_RETURNED != 0 {
                    format!("{name} returned {} while a cancel was pending, so it ends cancelled", log.str(ev.b_u32()))
                } else if let Some(m) = log.strings.opt(ev.a) {
                    format!("{name} finished cancelled (message {})", str_repr(m))
                } else {
                    format!("{name} finished cancelled")
                }
            }
            EventKind::Exception => {
                format!("{name} failed with {}", fmt_error(log, ev.a, ev.b_u32()))
            }
            EventKind::CancelRequested => cancel_requested(log, ev),
            EventKind::Print => {
                let who = match ev.print_job() {
                    Some(j) => job_worker(log, j),
                    None if task == NONE => "the program".to_owned(),
                    None => name.to_owned(),
                };
                match ev.flags {
                    super::flags::STDERR => format!("{who} wrote to stderr: {}", log.str(ev.a)),
                    super::flags::STDOUT_WRITE => format!("{who} wrote to stdout: {}", log.str(ev.a)),
                    _ => format!("{who} printed: {}", log.str(ev.a)),
                }
            }
            EventKind::Block => format!(
                "{name} blocks the whole loop for {} (time.sleep): no other task can run",
                fmt_seconds(ev.b_f64())
            ),
            EventKind::Log => log_entry(log, ev),
            EventKind::Wake => self.wake(log, ev),
            EventKind::TimeoutFired => self.timeout_fired(log, ev),
            EventKind::ShieldAbsorbed => {
                format!("the cancel of {name} stops at the shield: {} runs on", log.task_name(ev.b_u32()))
            }
            EventKind::Sync => match seq_of(log, ev) {
                Some(seq) => sync_at(log, seq),
                None => sync(log, ev),
            },
            EventKind::Job => job(log, ev),
        }
    }

    fn step(&self, log: &Log, ev: &Event) -> String {
        let name = who(log, ev.task);
        let Some(err) = log.error(ev.a) else {
            if ev.kind == EventKind::Start {
                return format!("{name} starts running (its first step)");
            }
            return match self.wait_state(log, ev.task) {
                None => format!("{name} resumes"),
                Some(State::Yielded) => format!("{name} resumes after its yield"),
                Some(State::Sleeping { .. }) => match self.awaiting(log, ev.task) {
                    Some(chain) => format!("{name} resumes: {chain} is over"),
                    None => format!("{name} resumes: its sleep is over"),
                },
                Some(State::AwaitingTask(t)) => {
                    format!("{name} resumes: task {} has finished", log.task_name(t))
                }
                Some(State::AwaitingShield(t)) => {
                    format!("{name} resumes: the shielded task {} has finished", log.task_name(t))
                }
                Some(State::AwaitingGather(w)) => match self.wait_woke(log, w) {
                    Some(why) => format!("{name} resumes: {why}"),
                    None => format!("{name} resumes: the gather has finished"),
                },
                Some(State::Deadline { .. }) if self.past(ev.task).timeout_fired => format!(
                    "{name} resumes normally although the deadline fired: what it awaited \
                     swallowed the cancel and returned, so wait_for returns that value"
                ),
                Some(State::Deadline { .. }) => {
                    format!("{name} resumes: what it awaited finished before the deadline")
                }
                Some(_) => match self.awaiting(log, ev.task) {
                    Some(chain) => format!("{name} resumes: {chain} is done"),
                    None => format!("{name} resumes"),
                },
            };
        };
        let error = fmt_error(log, err.kind, err.msg);
        if ev.kind == EventKind::Start {
            if ev.flags & flags::BODY_NOT_RUN != 0 {
                return format!(
                    "{name} starts with {error} thrown in before its first line: \
                     it was cancelled before it ran, so none of its code runs"
                );
            }
            return format!("{name} starts with {error} thrown in");
        }
        let at = self.awaiting(log, ev.task).map_or_else(String::new, |c| format!(" ({c})"));
        let past = self.past(ev.task);
        let cancelled = log.str(err.kind) == "CancelledError";
        if cancelled && past.timeout_fired {
            format!(
                "{name} resumes with {error} thrown in at its await{at}: the deadline \
                 has passed; unless the awaited code swallows it, wait_for raises TimeoutError"
            )
        } else if cancelled && past.cancel_pending {
            format!("{name} resumes with {error} thrown in at its await{at}")
        } else if let Some(awaited) =
            self.wait_state(log, ev.task).map(|s| s.awaited_tasks(log)).filter(|t| !t.is_empty())
        {
            // The awaited tasks that ended the way the thrown error says.
            let how = if cancelled { EventKind::Cancelled } else { EventKind::Exception };
            let culprits: Vec<&str> =
                awaited.iter().filter(|&&t| self.past(t).end == Some(how)).map(|&t| log.task_name(t)).collect();
            let all: Vec<&str> = awaited.iter().map(|&t| log.task_name(t)).collect();
            match (cancelled, culprits.is_empty()) {
                (true, false) => {
                    let (what, was) = if culprits.len() == 1 { ("task", "was") } else { ("tasks", "were") };
                    format!(
                        "{name} resumes with {error} because the {what} it awaited ({}) {was} \
                         cancelled; {name} itself is not cancelled",
                        culprits.join(", ")
                    )
                }
                (false, false) => {
                    format!("{name} resumes with {error}, raised by {}, which it awaited", culprits.join(", "))
                }
                _ => {
                    format!("{name} resumes with {error} from what it awaited ({})", all.join(", "))
                }
            }
        } else {
            format!("{name} resumes with {error} thrown in at its await{at}")
        }
    }

    fn wake(&self, log: &Log, ev: &Event) -> String {
        let name = who(log, ev.task);
        match ev.wake_reason() {
            WakeReason::Created => format!("{name} is scheduled to run its first step"),
            WakeReason::Yield => format!("{name} is ready again after its yield"),
            WakeReason::Cancelled => {
                format!("{name} is ready again: its await was cancelled, so CancelledError will be thrown in")
            }
            WakeReason::Foreign => format!("{name} was woken by a foreign future and is ready"),
            WakeReason::Completed => match self.wait_state(log, ev.task) {
                Some(State::AwaitingTask(t)) => {
                    format!("{name} is ready again: task {} has finished", log.task_name(t))
                }
                Some(State::AwaitingShield(t)) => {
                    format!("{name} is ready again: the shielded task {} has finished", log.task_name(t))
                }
                Some(State::AwaitingGather(w)) => match self.wait_woke(log, w) {
                    Some(why) => format!("{name} is ready again: {why}"),
                    None => format!("{name} is ready again: the gather has finished"),
                },
                _ => match self.awaiting(log, ev.task) {
                    Some(chain) => format!("{name} is ready again: {chain} has completed"),
                    None => format!("{name} is ready again: what it awaited has completed"),
                },
            },
        }
    }

    fn timeout_fired(&self, log: &Log, ev: &Event) -> String {
        let name = who(log, ev.task);
        let head = format!("the wait_for deadline ({}) fired for {name}: {name} is cancelled", fmt_seconds(ev.b_f64()));
        match self.wait_state(log, ev.task) {
            Some(State::Deadline { inner: Awaited::Shield(t), .. }) => {
                format!("{head}; shield keeps {} running", log.task_name(t))
            }
            Some(State::Deadline { inner: Awaited::Task(t), .. }) => {
                let t = log.task_name(t);
                format!(
                    "{head}, and the cancel is passed on to {t}; \
                     if {t} ends cancelled, wait_for raises TimeoutError"
                )
            }
            _ => format!("{head}; unless the awaited code swallows the cancel, wait_for raises TimeoutError"),
        }
    }
}

fn created(log: &Log, ev: &Event) -> String {
    let task = ev.task;
    let Some(info) = log.tasks.get(task as usize) else {
        return "a task was created".into();
    };
    let name = str_repr(log.str(info.name));
    let coro = log.str(ev.a);
    let coro = if coro.is_empty() { log.str(info.coro) } else { coro };
    let by = ev.b_u32();
    let parent = if (by as usize) < log.tasks.len() { Some(by) } else { info.parent };
    match (info.via, parent) {
        (Via::Main, _) => format!("asyncio.run created the main task {name} ({coro})"),
        (via, Some(p)) => {
            let p = log.task_name(p);
            let how = match via {
                Via::WaitFor => format!("{p}'s wait_for wrapped {coro} in task {name}"),
                Via::Gather => format!("{p}'s gather wrapped {coro} in task {name}"),
                Via::Shield => format!("{p}'s shield wrapped {coro} in task {name}"),
                Via::Other(f) => format!("{p} created task {name} ({coro}) with {}", log.str(f)),
                Via::CreateTask | Via::Main => format!("{p} created task {name} ({coro})"),
            };
            format!("{how}; it starts when {p} next suspends")
        }
        (_, None) => format!("the loop created task {name} ({coro})"),
    }
}

fn suspend(log: &Log, ev: &Event) -> String {
    let name = who(log, ev.task);
    let chain = log.strings.opt(ev.a).filter(|c| !c.is_empty()).map(short_chain);
    match State::of_wait(log, ev.wait_kind(), ev.b) {
        State::Yielded => format!(
            "{name} yields to the loop (sleep(0)); it is ready again at once, \
             behind the tasks already ready"
        ),
        State::Sleeping { until } => match chain {
            Some(c) => format!("{name} suspends in {c} until {}", fmt_seconds(until)),
            None => format!("{name} suspends sleeping until {}", fmt_seconds(until)),
        },
        State::AwaitingTask(t) => format!("{name} suspends awaiting task {}", log.task_name(t)),
        State::AwaitingShield(t) => {
            let t = log.task_name(t);
            format!("{name} suspends awaiting shield({t}): a cancel of {name} will not reach {t}")
        }
        state @ State::AwaitingGather(_) => format!("{name} suspends {}", state.label(log)),
        state @ State::InWorker(_) => format!("{name} suspends, {}", state.label(log)),
        State::Deadline { deadline, inner } => {
            let inner = inner.as_state();
            let what = match inner {
                State::WaitingFuture => chain.map_or_else(String::new, |c| format!(", awaiting {c}")),
                s => format!(", {}", s.label(log)),
            };
            format!("{name} suspends under a wait_for deadline at {}{what}", fmt_seconds(deadline))
        }
        _ => match chain {
            Some(c) => format!("{name} suspends awaiting a future ({c})"),
            None => format!("{name} suspends awaiting a future"),
        },
    }
}

fn cancel_requested(log: &Log, ev: &Event) -> String {
    let target = who(log, ev.task);
    let Some(c) = log.cancels.get(ev.a as usize) else {
        return format!("{target}.cancel() was called");
    };
    let call = match log.strings.opt(c.msg) {
        Some(m) => format!("{target}.cancel({})", str_repr(m)),
        None => format!("{target}.cancel()"),
    };
    let at = fmt_seconds(ev.time);
    let mut s = match (c.forwarded_from, c.by) {
        (Some(f), _) => {
            let f = log.task_name(f);
            format!("{f}'s cancel is passed on to {target}, which {f} awaits, at {at}")
        }
        (None, Canceller::Task(t)) if t == ev.task => {
            format!("{target} called {call} on itself at {at}")
        }
        (None, Canceller::Task(t)) => format!("{} called {call} at {at}", log.task_name(t)),
        (None, Canceller::Loop) => match log.strings.opt(c.via) {
            Some("Timeout._on_timeout") => format!("the wait_for deadline calls {call} at {at}"),
            Some(via) => format!("a loop callback ({via}) called {call} at {at}"),
            None => format!("a loop callback called {call} at {at}"),
        },
        (None, Canceller::Shutdown) => {
            format!("the asyncio.run shutdown calls {call} at {at}, as {target} is still pending")
        }
    };
    let state = log.str(c.state);
    let consequence = if state == "done" {
        format!("{target} is already done, so cancel() returns False and changes nothing")
    } else if state == "not_started" {
        format!("{target} has not started, so it will end cancelled without running a line")
    } else if let Some(chain) = state.strip_prefix("awaiting ") {
        let chain = chain.split(" (").next().unwrap_or(chain);
        let mut s = format!("{target} will receive CancelledError at its current await ({})", short_chain(chain));
        if chain.contains("shield(") {
            s.push_str("; the shield keeps the task inside it running");
        }
        s
    } else if state == "running" {
        format!("{target} is running; CancelledError is raised at its next await")
    } else if state == "scheduled" {
        format!("{target} is scheduled; it receives CancelledError when it next runs")
    } else if state.is_empty() {
        format!("{target} will receive CancelledError when it next runs")
    } else {
        format!("{target} is {state}")
    };
    s.push_str("; ");
    s.push_str(&consequence);
    if !c.returned && state != "done" {
        s.push_str(" (cancel() returned False)");
    }
    s
}

fn log_entry(log: &Log, ev: &Event) -> String {
    let Some(rec) = log.logs.get(ev.a as usize) else { return "the loop logged an entry".into() };
    match rec {
        LogRecord::Warning { category, message } => {
            format!("{}: {}", log.str(*category), log.str(*message))
        }
        LogRecord::LoopException { message, exception, about } => {
            let mut s = format!("the loop reports: {}", log.str(*message));
            let what = exception.map(|e| fmt_error(log, e.kind, e.msg));
            match (about, what) {
                (Some(t), Some(w)) => s.push_str(&format!(" (task {}: {w})", log.task_name(*t))),
                (Some(t), None) => s.push_str(&format!(" (task {})", log.task_name(*t))),
                (None, Some(w)) => s.push_str(&format!(" ({w})")),
                (None, None) => {}
            }
            s
        }
        LogRecord::Shutdown { cancelling } if cancelling.is_empty() => {
            "the main task has returned and no other task is pending".into()
        }
        LogRecord::Shutdown { cancelling } => {
            let names: Vec<&str> = cancelling.iter().map(|&t| log.task_name(t)).collect();
            format!("the main task has returned; asyncio.run cancels the tasks still pending: {}", names.join(", "))
        }
        LogRecord::Deadlock { message } => format!("deadlock: {}", log.str(*message)),
        LogRecord::Budget { message } => format!("the run was stopped: {}", log.str(*message)),
    }
}

/// `Lock `db_lock`` style: the object's type and name.
fn object(log: &Log, ev: &Event) -> String {
    match log.objects.get(ev.a as usize) {
        Some(o) => format!("{} `{}`", log.str(o.kind), log.str(o.name)),
        None => "an object".to_owned(),
    }
}

/// A short label of a `Job` event (the job, its function and the op).
pub fn job_short(log: &Log, ev: &Event) -> String {
    let func = log.jobs.get(ev.a as usize).map_or("?", |j| log.str(j.func));
    format!("job {} `{func}` {}", ev.a + 1, ev.job_op().name())
}

/// "worker thread asyncio_0 (job 1, `f`)".
fn job_worker(log: &Log, job: u32) -> String {
    match log.jobs.get(job as usize) {
        Some(j) => format!(
            "worker thread {} (job {}, `{}`)",
            j.worker_name(log).unwrap_or_else(|| "?".into()),
            job + 1,
            log.str(j.func)
        ),
        None => format!("job {}", job + 1),
    }
}

/// The sentence of a `Job` event.
fn job(log: &Log, ev: &Event) -> String {
    use super::JobOp;
    let Some(j) = log.jobs.get(ev.a as usize) else { return format!("job {}", ev.a + 1) };
    let func = log.str(j.func);
    let pool = log.str(j.pool);
    let n = ev.a + 1;
    match ev.job_op() {
        JobOp::Queued => format!(
            "{} submitted job {n}, `{func}`, to the {pool} thread pool",
            if ev.task == NONE { "a loop callback" } else { who(log, ev.task) }
        ),
        JobOp::Started => format!("worker thread {pool}_{} starts job {n}, `{func}`", ev.b),
        JobOp::Done => format!(
            "job {n}, `{func}`, finished on worker thread {} with result {}; the result goes back to the loop",
            j.worker_name(log).unwrap_or_default(),
            log.str(ev.b_u32())
        ),
        JobOp::Exception => {
            let e = log.error(ev.b_u32()).map_or_else(String::new, |e| fmt_error(log, e.kind, e.msg));
            format!(
                "job {n}, `{func}`, raised {e} on worker thread {}; the exception goes back to the loop",
                j.worker_name(log).unwrap_or_default()
            )
        }
        JobOp::Cancelled => format!("job {n}, `{func}`, was cancelled in the queue: it never runs"),
    }
}

/// A short text of a `Sync` event (the event table's detail column).
pub fn sync_short(log: &Log, ev: &Event) -> String {
    format!("{} {}", ev.sync_op().name(), object(log, ev))
}

/// The sequence number of an event of `log` given by reference.
fn seq_of(log: &Log, ev: &Event) -> Option<u32> {
    let base = log.events.as_ptr() as usize;
    let at = ev as *const Event as usize;
    let i = at.checked_sub(base)? / std::mem::size_of::<Event>();
    log.events.get(i).filter(|e| std::ptr::eq(*e, ev)).and_then(|_| u32::try_from(i).ok())
}

/// How far [`sync_at`] looks ahead for the wakeups an operation makes.
const LOOKAHEAD: usize = 64;

/// The tasks the `Sync` event at `seq` wakes: the `wake` events of the same
/// object by the same task that follow it in the same step.
pub fn woken_by(log: &Log, seq: u32) -> Vec<TaskId> {
    use super::SyncOp;
    let Some(ev) = log.events.get(seq as usize) else { return Vec::new() };
    let mut out = Vec::new();
    for e in log.events.iter().skip(seq as usize + 1).take(LOOKAHEAD) {
        if e.task != ev.task && e.kind != EventKind::Wake {
            break;
        }
        if e.task == ev.task && matches!(e.kind, EventKind::Suspend) || e.kind.is_end() {
            break;
        }
        if e.kind != EventKind::Sync || e.a != ev.a {
            continue;
        }
        match e.sync_op() {
            SyncOp::Wake if e.sync_other() != NONE => out.push(e.sync_other()),
            SyncOp::Wake => {}
            _ => break,
        }
    }
    out
}

/// The task holding the lock (or condition) `object` just before event `seq`, if any.
pub fn holder_before(log: &Log, object: u32, seq: u32) -> Option<TaskId> {
    use super::SyncOp;
    for e in log.events[..(seq as usize).min(log.events.len())].iter().rev() {
        if e.kind == EventKind::Sync && e.a == object {
            match e.sync_op() {
                SyncOp::Acquire => return (e.task != NONE).then_some(e.task),
                SyncOp::Release => return None,
                _ => {}
            }
        }
    }
    None
}

/// What the task of the `wait` event at `seq` waits for, in words:
/// "waiting for lock `db_lock` held by `w3`", "waiting on `queue.get()`
/// (empty)", "waiting for event `ready`" (`None` if the event is not a wait).
pub fn sync_wait_text(log: &Log, seq: u32) -> Option<String> {
    use super::SyncOp;
    let ev = log.events.get(seq as usize)?;
    if ev.kind != EventKind::Sync || ev.sync_op() != SyncOp::Wait {
        return None;
    }
    let o = log.objects.get(ev.a as usize)?;
    let (kind, name) = (log.str(o.kind), log.str(o.name));
    Some(match kind {
        "Lock" => match holder_before(log, ev.a, seq) {
            Some(h) if h != ev.task => format!("waiting for lock `{name}` held by `{}`", log.task_name(h)),
            _ => format!("waiting for lock `{name}`"),
        },
        "Condition" => format!("waiting on condition `{name}` (for a notify)"),
        "Semaphore" | "BoundedSemaphore" => format!("waiting for semaphore `{name}` (no slot free)"),
        "Event" => format!("waiting for event `{name}`"),
        "Barrier" => match o.size {
            NONE => format!("waiting at barrier `{name}` ({} waiting)", ev.sync_count()),
            n => format!("waiting at barrier `{name}` ({} of {n} parties)", ev.sync_count()),
        },
        k if k.ends_with("Queue") => {
            // The chain of the suspend that follows tells get, put and join apart.
            let chain = log.events[seq as usize + 1..]
                .iter()
                .take(LOOKAHEAD)
                .find(|e| e.task == ev.task && e.kind == EventKind::Suspend)
                .map_or("", |e| log.str(e.a));
            if chain.contains(".put") {
                format!("waiting on `{name}.put()` (full)")
            } else if chain.contains(".join") {
                format!("waiting on `{name}.join()` (items not done yet)")
            } else {
                format!("waiting on `{name}.get()` (empty)")
            }
        }
        k => format!("waiting on {k} `{name}`"),
    })
}

/// The sentence of the `Sync` event at `seq`: [`sync`]'s, with the task it
/// wakes for a release, a set or a put, and what a waiting task waits for.
fn sync_at(log: &Log, seq: u32) -> String {
    use super::SyncOp;
    let ev = &log.events[seq as usize];
    let base = sync(log, ev);
    let name = if ev.task == NONE { "a loop callback" } else { who(log, ev.task) };
    let names = |ts: &[TaskId]| ts.iter().map(|&t| log.task_name(t).to_owned()).collect::<Vec<_>>().join(", ");
    match ev.sync_op() {
        SyncOp::Release | SyncOp::Put | SyncOp::Get | SyncOp::Set | SyncOp::Notify | SyncOp::Shutdown => {
            let woken = woken_by(log, seq);
            match (ev.sync_op(), woken.as_slice()) {
                (SyncOp::Release, []) => format!("{base}; no task waits for it"),
                (SyncOp::Release, [w]) => {
                    format!("{base}; {}, first in its queue of waiters, gets it next", log.task_name(*w))
                }
                (_, []) => base,
                (_, [w]) => format!("{base}; it wakes {}", log.task_name(*w)),
                (_, ws) => format!("{base}; it wakes {}", names(ws)),
            }
        }
        SyncOp::Wait => match sync_wait_text(log, seq) {
            Some(text) => format!("{name} is {text} ({} waiting)", ev.sync_count()),
            None => base,
        },
        _ => base,
    }
}

/// The sentence of a `Sync` event.
fn sync(log: &Log, ev: &Event) -> String {
    use super::SyncOp;
    let name = sync_doer(log, ev);
    let obj = object(log, ev);
    let future = log.objects.get(ev.a as usize).is_some_and(|o| log.str(o.kind) == "Future");
    let other = ev.sync_other();
    let count = ev.sync_count();
    let other_name = if other == NONE { "" } else { log.task_name(other) };
    let semaphore = log.objects.get(ev.a as usize).is_some_and(|o| log.str(o.kind).ends_with("Semaphore"));
    match ev.sync_op() {
        SyncOp::Acquire if semaphore => format!("{name} acquired {obj} ({count} left)"),
        SyncOp::Acquire => format!("{name} acquired {obj}"),
        SyncOp::Release if semaphore => format!("{name} released {obj} (value {count})"),
        SyncOp::Release => format!("{name} released {obj}"),
        SyncOp::Wait => format!("{name} waits on {obj} ({count} waiting)"),
        SyncOp::Wake if future => format!("{obj} is done: {other_name}, awaiting it, wakes ({name} completed it)"),
        SyncOp::Wake if other == NONE => format!("{name} woke the first waiter of {obj}"),
        SyncOp::Wake => format!("{name} woke {other_name}, first in the queue of waiters of {obj}; it runs next"),
        SyncOp::GiveUp => format!("{name} stopped waiting on {obj}: it was cancelled"),
        SyncOp::Set => format!("{name} set {obj}: every waiter wakes"),
        SyncOp::Clear => format!("{name} cleared {obj}"),
        SyncOp::Notify => format!("{name} notified {count} waiter(s) of {obj}"),
        SyncOp::Put => format!("{name} put an item on {obj} ({count} queued)"),
        SyncOp::Get => format!("{name} took an item from {obj} ({count} left)"),
        SyncOp::TaskDone => format!("{name} marked an item of {obj} done ({count} unfinished)"),
        SyncOp::Abort => format!("{name} aborted {obj}: its waiters get BrokenBarrierError"),
        SyncOp::Reset => format!("{name} reset {obj}"),
        SyncOp::Shutdown => format!("{name} shut {obj} down: its waiters wake"),
        SyncOp::SetResult => format!("{name} set the result of {obj}: its done callbacks are scheduled"),
        SyncOp::SetException => format!("{name} set an exception on {obj}: its done callbacks are scheduled"),
        SyncOp::Cancel => format!("{name} cancelled {obj}"),
        SyncOp::Schedule if count > 0 => format!("{name} scheduled {obj} to run in {} s", f64::from(count) / 1000.0),
        SyncOp::Schedule => format!("{name} scheduled {obj} to run soon"),
        SyncOp::Run => format!("the loop runs {obj}"),
    }
}

/// Who did a `Sync` event: its task, or the loop callback it ran in
/// ("`cb` (a loop callback)"), found as the latest `run` of a handle before it.
fn sync_doer(log: &Log, ev: &Event) -> String {
    if ev.task != NONE {
        return who(log, ev.task).to_owned();
    }
    match callback_of(log, ev) {
        Some(name) => format!("`{name}` (a loop callback)"),
        None => "a loop callback".to_owned(),
    }
}

/// The name of the loop callback an event outside any task ran in, if any:
/// the latest `run` of a handle before it at the same time, with no task
/// step in between.
pub fn callback_of<'l>(log: &'l Log, ev: &Event) -> Option<&'l str> {
    let base = log.events.as_ptr() as usize;
    let at = (std::ptr::from_ref(ev) as usize).checked_sub(base)? / std::mem::size_of::<Event>();
    if log.events.get(at).is_none_or(|e| !std::ptr::eq(e, ev)) {
        return None;
    }
    for e in log.events[..at].iter().rev() {
        if e.time != ev.time || matches!(e.kind, EventKind::Start | EventKind::Resume) || e.kind.is_end() {
            return None;
        }
        if e.kind == EventKind::Sync && e.task == NONE && e.sync_op() == super::SyncOp::Run {
            return log.objects.get(e.a as usize).map(|o| log.str(o.name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::testlog::LogBuilder as B;
    use crate::trace::{ErrorRecord, WaitKind, WaitRecord};

    #[test]
    fn a_release_names_the_waiter_that_gets_the_lock_next() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/scripts/404_lock_protects_read_modify_write.py");
        let log = crate::script::run_file(&path, crate::Config::default()).expect("runs");
        let all = explain_all(&log);
        assert!(
            all.iter().any(|l| l
                .starts_with("deposit#1 released Lock `lock`; deposit#2, first in its queue of waiters, gets it next")),
            "{all:#?}"
        );
        assert!(all.iter().any(|l| l.starts_with("deposit#5 released Lock `lock`; no task waits for it")));
        assert!(all.iter().any(|l| l.contains("is waiting for lock `lock` held by `deposit#1`")));
        // One event explained alone says the same.
        let seq = all.iter().position(|l| l.contains("gets it next")).unwrap() as u32;
        assert_eq!(explain(&log, seq), all[seq as usize]);
    }

    #[test]
    fn seconds_are_trimmed_with_one_decimal() {
        assert_eq!(fmt_seconds(0.0), "0.0 s");
        assert_eq!(fmt_seconds(-0.0), "0.0 s");
        assert_eq!(fmt_seconds(10.0), "10.0 s");
        assert_eq!(fmt_seconds(1.5e-7), "1.5e-07 s");
        assert_eq!(fmt_seconds(4e-6), "0.000004 s");
        assert_eq!(fmt_seconds(1e300), "1e+300 s");
        assert_eq!(fmt_seconds(2.000001), "2.000001 s");
        assert_eq!(fmt_seconds(f64::INFINITY), "inf s");
    }

    #[test]
    fn cancel_of_a_sleeping_task() {
        let mut b = B::new();
        let main = b.task_with("main", "main", None, Via::Main);
        let long = b.task_with("long_task", "delay", Some(main), Via::CreateTask);
        b.ev(long, EventKind::Start, NONE, 0, 0);
        b.suspend(long, "sleep(10)>Future", WaitKind::Sleep, 10.0f64.to_bits());
        b.t = 5.0;
        let c = b.cancel(long, Canceller::Task(main), "awaiting sleep(10)>Future", None);
        let r = b.throw(long, EventKind::Resume, "CancelledError", 0);
        assert_eq!(
            explain(&b.log, c),
            "main called long_task.cancel() at 5.0 s; \
             long_task will receive CancelledError at its current await (sleep(10))"
        );
        assert_eq!(explain(&b.log, r), "long_task resumes with CancelledError thrown in at its await (sleep(10))");
        assert_eq!(explain(&b.log, 1), "main created task 'long_task' (delay); it starts when main next suspends");
        assert_eq!(explain(&b.log, 0), "asyncio.run created the main task 'main' (main)");
        assert_eq!(explain(&b.log, 3), "long_task suspends in sleep(10) until 10.0 s");
        assert_eq!(explain(&b.log, 99), "");
        assert_eq!(explain_all(&b.log)[c as usize], explain(&b.log, c));
    }

    #[test]
    fn wait_for_deadline_with_a_shield() {
        let mut b = B::new();
        let main = b.task_with("main", "main", None, Via::Main);
        b.ev(main, EventKind::Start, NONE, 0, 0);
        let sh = b.task_with("shielded", "delay", Some(main), Via::CreateTask);
        let w = b.log.add_wait(WaitRecord::Deadline { deadline: 5.0, inner: WaitKind::Shield, inner_b: u64::from(sh) });
        let s = b.suspend(main, "wait_for>shield(task:shielded)>Future", WaitKind::Deadline, u64::from(w));
        b.t = 5.0;
        let f = b.ev(main, EventKind::TimeoutFired, NONE, 5.0f64.to_bits(), 0);
        let c = b.cancel(main, Canceller::Loop, "awaiting wait_for>shield(task:shielded)>Future", None);
        let via = b.log.intern("Timeout._on_timeout");
        b.log.cancels[0].via = via;
        let a = b.ev(main, EventKind::ShieldAbsorbed, NONE, u64::from(sh), 0);
        let r = b.throw(main, EventKind::Resume, "CancelledError", 0);
        assert_eq!(explain(&b.log, s), "main suspends under a wait_for deadline at 5.0 s, awaiting shield(shielded)");
        assert_eq!(
            explain(&b.log, f),
            "the wait_for deadline (5.0 s) fired for main: main is cancelled; shield keeps shielded running"
        );
        assert_eq!(
            explain(&b.log, c),
            "the wait_for deadline calls main.cancel() at 5.0 s; main will receive CancelledError \
             at its current await (wait_for>shield(task:shielded)); the shield keeps the task inside it running"
        );
        assert_eq!(explain(&b.log, a), "the cancel of main stops at the shield: shielded runs on");
        assert_eq!(
            explain(&b.log, r),
            "main resumes with CancelledError thrown in at its await (wait_for>shield(task:shielded)): \
             the deadline has passed; unless the awaited code swallows it, wait_for raises TimeoutError"
        );
    }

    #[test]
    fn results_prints_blocks_and_locations() {
        let mut b = B::new();
        let main = b.task_with("main", "main", None, Via::Main);
        let two = b.task_with("two", "delay", Some(main), Via::CreateTask);
        let s = b.suspend(main, "task:two", WaitKind::Task, u64::from(two));
        let ten = b.log.intern("10");
        let d = b.ev(two, EventKind::Done, ten, 0, 0);
        let text = b.log.intern("Hello World!");
        let p = b.ev(main, EventKind::Print, text, 0, 0);
        b.log.events[p as usize].loc = b.log.intern("hello.py:12");
        let bl = b.ev(two, EventKind::Block, NONE, 1.0f64.to_bits(), 0);
        let w = b.ev(main, EventKind::Wake, NONE, 0, WakeReason::Completed as u8);
        let r = b.ev(main, EventKind::Resume, NONE, 0, 0);
        assert_eq!(explain(&b.log, s), "main suspends awaiting task two");
        assert_eq!(explain(&b.log, d), "two finished with result 10");
        assert_eq!(explain(&b.log, p), "main printed: Hello World!, line 12");
        assert_eq!(explain(&b.log, bl), "two blocks the whole loop for 1.0 s (time.sleep): no other task can run");
        assert_eq!(explain(&b.log, w), "main is ready again: task two has finished");
        assert_eq!(explain(&b.log, r), "main resumes: task two has finished");
    }

    #[test]
    fn cancelled_before_start_and_forwarded_cancels() {
        let mut b = B::new();
        let main = b.task_with("main", "main", None, Via::Main);
        let parent = b.task_with("parent", "parent", Some(main), Via::CreateTask);
        let child = b.task_with("child", "child", Some(parent), Via::CreateTask);
        let c = b.cancel(child, Canceller::Task(main), "awaiting sleep(10)>Future", Some(parent));
        let n = b.cancel(parent, Canceller::Task(main), "not_started", None);
        let st = b.throw(parent, EventKind::Start, "CancelledError", flags::BODY_NOT_RUN);
        b.suspend(main, "task:child", WaitKind::Task, u64::from(child));
        b.ev(child, EventKind::Cancelled, NONE, u64::from(NONE), 0);
        let r = b.throw(main, EventKind::Resume, "CancelledError", 0);
        let e = b.log.intern("ValueError");
        let m = b.log.intern("boom");
        let x = b.ev(parent, EventKind::Exception, e, u64::from(m), 0);
        assert_eq!(
            explain(&b.log, c),
            "parent's cancel is passed on to child, which parent awaits, at 0.0 s; \
             child will receive CancelledError at its current await (sleep(10))"
        );
        assert_eq!(
            explain(&b.log, n),
            "main called parent.cancel() at 0.0 s; \
             parent has not started, so it will end cancelled without running a line"
        );
        assert_eq!(
            explain(&b.log, st),
            "parent starts with CancelledError thrown in before its first line: \
             it was cancelled before it ran, so none of its code runs"
        );
        assert_eq!(
            explain(&b.log, r),
            "main resumes with CancelledError because the task it awaited (child) was cancelled; \
             main itself is not cancelled"
        );
        assert_eq!(explain(&b.log, x), "parent failed with ValueError: boom");
    }

    #[test]
    fn gathers_and_swallowed_deadlines() {
        let mut b = B::new();
        let main = b.task_with("main", "main", None, Via::Main);
        let ok = b.task_with("ok#1", "delay", Some(main), Via::Gather);
        let bad = b.task_with("fail#2", "fail", Some(main), Via::Gather);
        let w = b.log.add_wait(WaitRecord::Gather(vec![ok, bad]));
        let s = b.suspend(main, "gather", WaitKind::Gather, u64::from(w));
        let e = b.log.intern("ValueError");
        let m = b.log.intern("failed after 2 s");
        b.ev(bad, EventKind::Exception, e, u64::from(m), 0);
        let err = b.log.add_error(ErrorRecord { kind: e, msg: m });
        let r = b.ev(main, EventKind::Resume, err, 0, 0);
        assert_eq!(explain(&b.log, s), "main suspends awaiting gather(ok#1, fail#2)");
        assert_eq!(
            explain(&b.log, r),
            "main resumes with ValueError: failed after 2 s, raised by fail#2, which it awaited"
        );
        assert_eq!(
            explain(&b.log, 2),
            "main's gather wrapped fail in task 'fail#2'; it starts when main next suspends"
        );
        let w =
            b.log.add_wait(WaitRecord::Deadline { deadline: 1.0, inner: WaitKind::Sleep, inner_b: 5.0f64.to_bits() });
        b.suspend(main, "wait_for>stubborn>sleep(5)>Future", WaitKind::Deadline, u64::from(w));
        b.t = 1.0;
        let f = b.ev(main, EventKind::TimeoutFired, NONE, 1.0f64.to_bits(), 0);
        let r = b.ev(main, EventKind::Resume, NONE, 0, 0);
        assert_eq!(
            explain(&b.log, f),
            "the wait_for deadline (1.0 s) fired for main: main is cancelled; \
             unless the awaited code swallows the cancel, wait_for raises TimeoutError"
        );
        assert_eq!(
            explain(&b.log, r),
            "main resumes normally although the deadline fired: what it awaited \
             swallowed the cancel and returned, so wait_for returns that value"
        );
    }

    #[test]
    fn every_event_of_a_rich_log_is_explained() {
        let log = crate::trace::json::tests::rich_log();
        let all = explain_all(&log);
        assert_eq!(all.len(), log.events.len());
        for (seq, line) in all.iter().enumerate() {
            assert!(!line.is_empty(), "event {seq}");
            assert_eq!(*line, explain(&log, seq as u32));
        }
    }
}
