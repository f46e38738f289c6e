//! Why did this happen? The cause of every event, derived from the log.
//!
//! Each event has at most one *direct cause*: an earlier event without which
//! it would not have happened, and a [`Reason`] naming the link. Following
//! causes from any event walks back to a *root* (the program's start, a
//! deadlock, a budget stop, a foreign wakeup): that walk is the event's
//! [`chain`], e.g. for a task that ends cancelled:
//!
//! ```text
//! #18 child finished cancelled
//!  <- #16 child resumes with CancelledError thrown in at its await   (the step that ended it)
//!  <- #12 parent's cancel is passed on to child                       (the cancel it delivers)
//!  <- #11 main called parent.cancel() at 1.0 s, line 26               (forwarded by parent's cancel)
//!  <- #10 main resumes: sleep(1) is over                              (the step that called it)
//!  <- …
//! ```
//!
//! The rules, one per event kind (`T` is the event's task):
//!
//! | event | direct cause |
//! |---|---|
//! | `created` | the creator's running step (`start`/`resume`); a root for `asyncio.run`'s main |
//! | `wake` | by its reason: `created` → T's `created`; `yield` → T's `suspend`; `cancelled` after a cancel request to T → that `cancel_requested` (or, when the cancel was passed on to the task T awaits, that task's end); `completed` (or `cancelled` without a request: the awaited thing was cancelled) → what T awaited ended (the awaited task's end; for a sleep, the `suspend` that started the timer); `foreign` → a root |
//! | `start`, `resume` | a `CancelledError` thrown in after a cancel request → that `cancel_requested`; otherwise T's latest `wake` (its `created` if the log has no wakes) |
//! | `sync` (a lock, event, condition, semaphore, barrier, queue, future or callback-handle operation) | T's running step (outside a task: the loop callback it ran in — that callback's `run` — else the task end whose callback ran it); a `wake` that a `sync` operation caused (a release, a `set`, a `put`, a future's `set_result`) points at that operation; a handle's `run` → its `schedule` (`call_soon`/`call_later`/`call_at`, or the completion of the future whose done callback it is) |
//! | `suspend`, `print`, `block`, `done`, `exception`, `cancelled` | T's running step (a `print` or `block` outside any task: the loop callback's `run`, else the callback's previous event, or the task end that ran it) |
//! | `cancel_requested` | passed on by another task's cancel → that `cancel_requested`; by a task → the caller's running step; by a deadline → the `timeout_fired`; by a loop callback → the task end that ran it (a TaskGroup or gather reacting to a child); by `asyncio.run`'s shutdown → the `shutdown` log entry |
//! | `timeout_fired` | T's `suspend` under that deadline (where it was set and awaited) |
//! | `shield_absorbed` | T's latest `cancel_requested` |
//! | `log` | shutdown → the main task's end; "exception never retrieved" → that task's end; a warning → the running step; deadlock, budget → a root |
//!
//! [`derive`] computes every cause in one pass over the log.

use super::{
    Canceller, EventKind, JobOp, Log, LogRecord, NONE, SyncOp, TaskId, Via, WaitKind, WaitMode, WaitRecord, WakeReason,
};

/// How an event follows from its direct cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// It happened during the task's step that began at the cause.
    InStep,
    /// The task was created by the cause.
    Created,
    /// The task's step began because it was woken at the cause.
    Woken,
    /// The task had yielded (`sleep(0)`) at the cause.
    Yielded,
    /// The sleep started at the cause ended.
    SleepEnded,
    /// What the task awaited ended at the cause.
    AwaitedEnded,
    /// A cancel request (the cause) is being delivered.
    CancelDelivered,
    /// The cancel was passed on by the cancel at the cause.
    Forwarded,
    /// The deadline that fired at the cause.
    DeadlineFired,
    /// The deadline was set when the task suspended at the cause.
    DeadlineSet,
    /// A loop callback ran when the task at the cause ended (TaskGroup, gather).
    CallbackOnEnd,
    /// It happened in the same loop callback as the cause.
    SameCallback,
    /// A lock, event, condition, semaphore, barrier or queue woke the task at the cause.
    SyncWoke,
    /// `asyncio.run`'s shutdown, announced at the cause.
    Shutdown,
    /// The main task ended at the cause, so `asyncio.run` shuts down.
    MainEnded,
    /// The task whose end (the cause) left the exception unretrieved.
    TaskEnded,
    /// A worker thread's job, submitted at the cause, started or ended.
    JobSubmitted,
    /// A loop callback runs: it was scheduled at the cause (`call_soon`,
    /// `call_later`, `call_at`, or a done callback of a completed future).
    Scheduled,
}

impl Reason {
    /// The link in words, read from an event back to its cause and ending
    /// where the cause's own description follows ("… at #12").
    pub fn describe(self) -> &'static str {
        match self {
            Reason::InStep => "in the step that began at",
            Reason::Created => "created at",
            Reason::Woken => "woken at",
            Reason::Yielded => "it yielded at",
            Reason::SleepEnded => "the sleep started at",
            Reason::AwaitedEnded => "what it awaited ended at",
            Reason::CancelDelivered => "the cancel requested at",
            Reason::Forwarded => "passed on by the cancel at",
            Reason::DeadlineFired => "the deadline that fired at",
            Reason::DeadlineSet => "the deadline set at",
            Reason::CallbackOnEnd => "a done-callback of the task end at",
            Reason::SameCallback => "in the same callback as",
            Reason::SyncWoke => "handed on to it by the operation at",
            Reason::Shutdown => "asyncio.run's shutdown, begun at",
            Reason::MainEnded => "the main task's end at",
            Reason::TaskEnded => "the task's end at",
            Reason::JobSubmitted => "the worker-thread job submitted at",
            Reason::Scheduled => "the callback was scheduled at",
        }
    }
}

/// The direct cause of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cause {
    /// Sequence number of the causing event (always earlier).
    pub seq: u32,
    /// How the event follows from it.
    pub reason: Reason,
}

/// What a task has done so far, during the pass.
#[derive(Clone, Copy, Debug)]
struct Past {
    created: u32,
    step: u32,
    wake: u32,
    suspend: u32,
    cancel: u32,
    end: u32,
}

impl Default for Past {
    fn default() -> Past {
        Past { created: NONE, step: NONE, wake: NONE, suspend: NONE, cancel: NONE, end: NONE }
    }
}

fn some(seq: u32, reason: Reason) -> Option<Cause> {
    (seq != NONE).then_some(Cause { seq, reason })
}

/// The direct cause of every event, indexed by sequence number (`None`: a root).
///
/// # Examples
/// ```
/// use taskline::trace::{cause, EventKind};
/// let log = taskline::scenarios::find("07_cancel_long_task").unwrap().run();
/// let causes = cause::derive(&log);
/// // The task's end is explained back to the cancel() call in main.
/// let end = log.events.iter().position(|e| e.kind == EventKind::Cancelled).unwrap() as u32;
/// let chain = cause::chain(&causes, end);
/// assert!(chain.iter().any(|c| log.events[c.seq as usize].kind == EventKind::CancelRequested));
/// ```
pub fn derive(log: &Log) -> Vec<Option<Cause>> {
    let mut past = vec![Past::default(); log.tasks.len()];
    let mut out = Vec::with_capacity(log.events.len());
    // The latest timeout_fired and task end, with their times (loop callbacks run at once).
    let mut last_fired: Option<(f64, u32)> = None;
    let mut last_end: Option<(f64, u32)> = None;
    let mut shutdown = NONE;
    // The latest `sync` operation that can wake a waiter (a release, set, put…).
    let mut last_sync: Option<(f64, u32)> = None;
    // Per worker-thread job: its queued and its done/exception event.
    let mut job_queued = vec![NONE; log.jobs.len()];
    let mut job_end = vec![NONE; log.jobs.len()];
    // The loop callback running now (its `run` event), until the next task step.
    let mut in_callback: Option<(f64, u32)> = None;
    // The latest `schedule` of each callback handle (by object).
    let mut scheduled: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let main_end = |past: &[Past]| {
        log.tasks.iter().position(|t| t.via == Via::Main).and_then(|m| past.get(m)).map_or(NONE, |p| p.end)
    };
    for (i, ev) in log.events.iter().enumerate() {
        let seq = i as u32;
        let t = ev.task as usize;
        let me = past.get(t).copied().unwrap_or_default();
        let step_of = |task: TaskId| past.get(task as usize).map_or(NONE, |p| p.step);
        let end_of = |task: u64| u32::try_from(task).ok().and_then(|k| past.get(k as usize)).map_or(NONE, |p| p.end);
        // Inside a loop callback at this instant: the callback's `run`.
        let callback = in_callback.filter(|(time, _)| *time == ev.time).map(|(_, s)| s);
        let cause = match ev.kind {
            EventKind::Created => {
                let parent = log.tasks.get(t).and_then(|info| info.parent);
                match parent {
                    Some(p) => some(step_of(p), Reason::InStep),
                    None => callback.and_then(|c| some(c, Reason::SameCallback)),
                }
            }
            EventKind::Wake => match ev.wake_reason() {
                WakeReason::Created => some(me.created, Reason::Created),
                WakeReason::Yield => some(me.suspend, Reason::Yielded),
                // A cancel request is delivered at once, unless it was passed on to an awaited
                // task: then the wakeup comes when that task has ended.
                WakeReason::Cancelled
                    if me.cancel != NONE
                        && (me.step == NONE || me.cancel > me.step)
                        && awaited_after(log, &past, me.suspend, me.cancel, seq).is_none() =>
                {
                    some(me.cancel, Reason::CancelDelivered)
                }
                WakeReason::Foreign => None,
                // Completed, or cancelled without a request to the task: what it awaited was cancelled.
                WakeReason::Completed | WakeReason::Cancelled => {
                    let awaited = log.events.get(me.suspend as usize).map(|s| (s.wait_kind(), s.b));
                    let ended = awaited.and_then(|(kind, b)| awaited_end(log, &past, kind, b, seq));
                    // A release, set or put wakes its waiter at once, in the same instant.
                    let by_sync =
                        last_sync.filter(|&(time, s)| time == ev.time && me.suspend != NONE && s > me.suspend);
                    let job_done = match awaited {
                        Some((WaitKind::Job, j)) => {
                            usize::try_from(j).ok().and_then(|j| job_end.get(j).copied()).filter(|&e| e != NONE)
                        }
                        _ => None,
                    };
                    match ended.or(job_done) {
                        Some(end) => some(end, Reason::AwaitedEnded),
                        None if by_sync.is_some() => by_sync.and_then(|(_, s)| some(s, Reason::SyncWoke)),
                        None => match awaited {
                            Some((WaitKind::Sleep, _)) => some(me.suspend, Reason::SleepEnded),
                            // asyncio.wait's / as_completed's timeout, set when it suspended.
                            Some((WaitKind::Wait, _)) => some(me.suspend, Reason::DeadlineSet),
                            _ => some(me.suspend, Reason::Woken),
                        },
                    }
                }
            },
            EventKind::Start | EventKind::Resume => {
                let thrown_cancel = log.error(ev.a).is_some_and(|e| log.str(e.kind) == "CancelledError");
                let cancel_since_step = me.cancel != NONE && (me.step == NONE || me.cancel > me.step);
                if thrown_cancel && cancel_since_step {
                    some(me.cancel, Reason::CancelDelivered)
                } else if me.wake != NONE && (me.step == NONE || me.wake > me.step) {
                    some(me.wake, Reason::Woken)
                } else {
                    some(me.created, Reason::Created)
                }
            }
            // A loop callback runs because it was scheduled.
            EventKind::Sync if ev.task == NONE && ev.sync_op() == SyncOp::Run => {
                scheduled.get(&ev.a).and_then(|&s| some(s, Reason::Scheduled))
            }
            // What a callback does happens in the callback.
            EventKind::Print | EventKind::Block | EventKind::Sync if ev.task == NONE && callback.is_some() => {
                callback.and_then(|c| some(c, Reason::SameCallback))
            }
            // A done-callback's print or blocking call runs outside any task, right after the end that scheduled it.
            EventKind::Print | EventKind::Block if ev.task == NONE => {
                let prev = seq.checked_sub(1).and_then(|p| log.events.get(p as usize).map(|e| (p, e)));
                match (prev, last_end) {
                    (Some((p, e)), _) if e.task == NONE && matches!(e.kind, EventKind::Print | EventKind::Block) => {
                        some(p, Reason::SameCallback)
                    }
                    (_, Some((time, e))) if time == ev.time => some(e, Reason::CallbackOnEnd),
                    _ => None,
                }
            }
            // A worker job's submission is part of the submitting task's step;
            // what its worker does later has no cause in the log's tasks.
            EventKind::Job if ev.task != NONE => some(me.step, Reason::InStep),
            // A job's later events follow from its submission.
            EventKind::Job => job_queued.get(ev.a as usize).and_then(|&q| some(q, Reason::JobSubmitted)),
            EventKind::Sync if ev.task == NONE => {
                last_end.filter(|(time, _)| *time == ev.time).and_then(|(_, e)| some(e, Reason::CallbackOnEnd))
            }
            EventKind::Suspend
            | EventKind::Sync
            | EventKind::Print
            | EventKind::Block
            | EventKind::Done
            | EventKind::Exception
            | EventKind::Cancelled => some(me.step, Reason::InStep),
            EventKind::CancelRequested => match log.cancels.get(ev.a as usize) {
                None => None,
                Some(rec) => match (rec.forwarded_from, rec.by) {
                    (Some(f), _) => some(past.get(f as usize).map_or(NONE, |p| p.cancel), Reason::Forwarded),
                    (None, Canceller::Task(by)) => some(step_of(by), Reason::InStep),
                    (None, Canceller::Shutdown) => some(shutdown, Reason::Shutdown),
                    (None, Canceller::Loop) if callback.is_some() => {
                        callback.and_then(|c| some(c, Reason::SameCallback))
                    }
                    (None, Canceller::Loop) => match (last_fired, last_end) {
                        (Some((time, f)), _) if time == ev.time && last_end.is_none_or(|(_, e)| f > e) => {
                            some(f, Reason::DeadlineFired)
                        }
                        (_, Some((time, e))) if time == ev.time => some(e, Reason::CallbackOnEnd),
                        (Some((time, f)), _) if time == ev.time => some(f, Reason::DeadlineFired),
                        _ => None,
                    },
                },
            },
            EventKind::TimeoutFired => {
                let under_deadline =
                    log.events.get(me.suspend as usize).is_some_and(|s| s.wait_kind() == WaitKind::Deadline);
                if under_deadline { some(me.suspend, Reason::DeadlineSet) } else { some(me.step, Reason::InStep) }
            }
            EventKind::ShieldAbsorbed => some(me.cancel, Reason::CancelDelivered),
            EventKind::Log => {
                match log.logs.get(ev.a as usize) {
                    Some(LogRecord::Shutdown { .. }) => some(main_end(&past), Reason::MainEnded),
                    Some(LogRecord::LoopException { about: Some(task), .. }) => {
                        some(end_of(u64::from(*task)), Reason::TaskEnded)
                    }
                    Some(LogRecord::LoopException { about: None, .. }) if ev.task == NONE && callback.is_some() => {
                        callback.and_then(|c| some(c, Reason::SameCallback))
                    }
                    Some(LogRecord::Warning { .. } | LogRecord::LoopException { about: None, .. }) => {
                        if t < past.len() { some(me.step, Reason::InStep) } else { None }
                    }
                    Some(LogRecord::Deadlock { .. } | LogRecord::Budget { .. }) | None => None,
                }
            }
        };
        // A cause is always an earlier event.
        out.push(cause.filter(|c| c.seq < seq));
        // Advance the pass.
        if let Some(p) = past.get_mut(t) {
            match ev.kind {
                EventKind::Created => p.created = seq,
                EventKind::Start | EventKind::Resume => p.step = seq,
                EventKind::Wake => p.wake = seq,
                EventKind::Suspend => p.suspend = seq,
                EventKind::CancelRequested => p.cancel = seq,
                k if k.is_end() => {
                    p.end = seq;
                    last_end = Some((ev.time, seq));
                }
                _ => {}
            }
        }
        match ev.kind {
            EventKind::Start | EventKind::Resume => in_callback = None,
            EventKind::Sync if ev.sync_op() == SyncOp::Run && ev.task == NONE => in_callback = Some((ev.time, seq)),
            EventKind::Sync if ev.sync_op() == SyncOp::Schedule => {
                scheduled.insert(ev.a, seq);
            }
            // A `wake` names the waiter an operation woke: the operation itself is the cause.
            EventKind::Sync if !matches!(ev.sync_op(), SyncOp::Wait | SyncOp::GiveUp | SyncOp::Wake) => {
                last_sync = Some((ev.time, seq))
            }
            EventKind::TimeoutFired => last_fired = Some((ev.time, seq)),
            EventKind::Job => {
                let j = ev.a as usize;
                match ev.job_op() {
                    JobOp::Queued if j < job_queued.len() => job_queued[j] = seq,
                    JobOp::Done | JobOp::Exception if j < job_end.len() => job_end[j] = seq,
                    _ => {}
                }
            }
            EventKind::Log if matches!(log.logs.get(ev.a as usize), Some(LogRecord::Shutdown { .. })) => shutdown = seq,
            _ => {}
        }
    }
    out
}

/// The end (after `since`, before `now`) of what the `Suspend` at `suspend` awaited.
fn awaited_after(log: &Log, past: &[Past], suspend: u32, since: u32, now: u32) -> Option<u32> {
    let s = log.events.get(suspend as usize)?;
    awaited_end(log, past, s.wait_kind(), s.b, now).filter(|&e| e > since)
}

/// The end event (before `now`) of what a `Suspend` of `kind` with payload `b` awaited.
fn awaited_end(log: &Log, past: &[Past], kind: WaitKind, b: u64, now: u32) -> Option<u32> {
    let end = |task: u64| {
        u32::try_from(task).ok().and_then(|k| past.get(k as usize)).map(|p| p.end).filter(|&e| e != NONE && e < now)
    };
    match kind {
        WaitKind::Task | WaitKind::Shield => end(b),
        WaitKind::Gather => match log.waits.get(usize::try_from(b).ok()?) {
            Some(WaitRecord::Gather(tasks)) => tasks.iter().filter_map(|&t| end(u64::from(t))).max(),
            _ => None,
        },
        WaitKind::Deadline => match log.waits.get(usize::try_from(b).ok()?) {
            Some(WaitRecord::Deadline { inner, inner_b, .. }) if *inner != WaitKind::Deadline => {
                awaited_end(log, past, *inner, *inner_b, now)
            }
            _ => None,
        },
        WaitKind::Wait => match log.waits.get(usize::try_from(b).ok()?) {
            Some(WaitRecord::Wait { tasks, mode, .. }) => {
                let ends: Vec<u32> = tasks.iter().filter_map(|&t| end(u64::from(t))).collect();
                wait_trigger(log, &ends, tasks.len(), *mode)
            }
            _ => None,
        },
        WaitKind::Yield | WaitKind::Sleep | WaitKind::Future | WaitKind::Job => None,
    }
}

/// Which of the task ends `ends` (of `n` awaited tasks) returns a wait of
/// `mode`: the first end for `FIRST_COMPLETED` and `as_completed`, the first
/// failure (or else the last end, once all have ended) for
/// `FIRST_EXCEPTION`, the last end once all have ended for `ALL_COMPLETED`.
/// `None`: not (yet) returned by an end, e.g. the timeout woke it.
pub fn wait_trigger(log: &Log, ends: &[u32], n: usize, mode: WaitMode) -> Option<u32> {
    let all = || if ends.len() >= n { ends.iter().copied().max() } else { None };
    match mode {
        WaitMode::FirstCompleted | WaitMode::AsCompleted => ends.iter().copied().min(),
        WaitMode::AllCompleted => all(),
        WaitMode::FirstException => ends
            .iter()
            .copied()
            .filter(|&e| log.events.get(e as usize).is_some_and(|ev| ev.kind == EventKind::Exception))
            .min()
            .or_else(all),
    }
}

/// The chain of causes of `seq`: its direct cause, that event's cause, … up
/// to a root (empty when `seq` is itself a root).
pub fn chain(causes: &[Option<Cause>], seq: u32) -> Vec<Cause> {
    let mut out = Vec::new();
    let mut at = seq;
    // Causes always point back, so the walk ends; the bound is belt and braces.
    while let Some(Some(c)) = causes.get(at as usize) {
        if c.seq >= at || out.len() > causes.len() {
            break;
        }
        out.push(*c);
        at = c.seq;
    }
    out
}

/// Whether an event is a root (has no cause) legitimately: the program's
/// start, a deadlock, a budget stop, a foreign wakeup, a task created
/// outside any task, the module's top-level code.
pub fn is_root(log: &Log, seq: u32) -> bool {
    let Some(ev) = log.events.get(seq as usize) else { return false };
    match ev.kind {
        EventKind::Created => log.tasks.get(ev.task as usize).is_none_or(|t| t.parent.is_none()),
        EventKind::Wake => ev.wake_reason() == WakeReason::Foreign,
        // The module's top level runs before any task (a print or time.sleep there).
        EventKind::Print | EventKind::Block | EventKind::Sync | EventKind::Job => ev.task == NONE,
        EventKind::Log => {
            matches!(log.logs.get(ev.a as usize), Some(LogRecord::Deadlock { .. } | LogRecord::Budget { .. }) | None)
                || ev.task == NONE
        }
        EventKind::CancelRequested => {
            log.cancels.get(ev.a as usize).is_some_and(|c| c.by == Canceller::Loop && c.forwarded_from.is_none())
        }
        _ => false,
    }
}

/// The most telling cause of `seq` for a one-line "because …": the first
/// link of its chain that is not merely "in the step that began here" or
/// "woken here" within the event's own task (those restate the task's own life).
pub fn telling(log: &Log, causes: &[Option<Cause>], seq: u32) -> Option<Cause> {
    let ev = log.events.get(seq as usize)?;
    chain(causes, seq).into_iter().find(|c| {
        let cause_ev = &log.events[c.seq as usize];
        match c.reason {
            Reason::InStep | Reason::Woken | Reason::Created => {
                // A step's own events are explained by what began the step; another
                // task's step is telling (main called cancel() in its step).
                cause_ev.task != ev.task
            }
            _ => true,
        }
    })
}

/// "because …" for the explanation line: the [`telling`] cause of `seq` in
/// words, e.g. `because of the cancel requested at #12 (child: cancel_requested, line 26)`.
pub fn because(log: &Log, causes: &[Option<Cause>], seq: u32) -> Option<String> {
    let c = telling(log, causes, seq)?;
    let ev = log.events.get(c.seq as usize)?;
    let task = match (ev.task, super::explain::callback_of(log, ev)) {
        (NONE, Some(cb)) => format!("`{cb}`"),
        (NONE, None) => "the loop".to_owned(),
        (t, _) => log.task_name(t).to_owned(),
    };
    let line = log.location(ev.loc).map(|(_, l)| format!(", line {l}")).unwrap_or_default();
    let what = if ev.kind == EventKind::Sync { super::explain::sync_short(log, ev) } else { ev.kind.to_string() };
    Some(format!("because: {} #{} ({task}: {what}{line})", c.reason.describe(), c.seq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;

    fn find(log: &Log, kind: EventKind, task: &str) -> u32 {
        log.events
            .iter()
            .position(|e| e.kind == kind && log.task_name(e.task) == task)
            .unwrap_or_else(|| panic!("no {kind} of {task}")) as u32
    }

    #[test]
    fn a_cancelled_task_is_explained_back_to_the_cancel_call_and_its_line() {
        let log = scenarios::find("15_cancel_awaiting_task").expect("scenario").run();
        let causes = derive(&log);
        let end = find(&log, EventKind::Cancelled, "child");
        let chain = chain(&causes, end);
        let kinds: Vec<(EventKind, &str)> = chain
            .iter()
            .map(|c| (log.events[c.seq as usize].kind, log.task_name(log.events[c.seq as usize].task)))
            .collect();
        // child's end <- its resume with CancelledError <- the forwarded cancel <- parent's cancel
        // <- main's step that called parent.cancel() <- ... <- main created (the root).
        assert_eq!(kinds[0], (EventKind::Resume, "child"));
        assert_eq!(kinds[1], (EventKind::CancelRequested, "child"));
        assert_eq!(chain[1].reason, Reason::CancelDelivered);
        assert_eq!(kinds[2], (EventKind::CancelRequested, "parent"));
        assert_eq!(chain[2].reason, Reason::Forwarded);
        assert_eq!(kinds[3], (EventKind::Resume, "main"));
        assert_eq!(chain[3].reason, Reason::InStep);
        let call = &log.events[chain[2].seq as usize];
        assert_eq!(log.location(call.loc).map(|(_, l)| l), Some(26), "the cancel() line");
        let last = chain.last().expect("a chain");
        assert_eq!(log.events[last.seq as usize].kind, EventKind::Created);
        assert!(is_root(&log, last.seq));
    }

    #[test]
    fn a_timeout_is_explained_by_the_deadline_set_where_wait_for_suspended() {
        let log = scenarios::find("08_wait_for_timeout").expect("scenario").run();
        let causes = derive(&log);
        let end = find(&log, EventKind::Cancelled, "delay_task");
        let chain = chain(&causes, end);
        let reasons: Vec<Reason> = chain.iter().map(|c| c.reason).collect();
        assert!(reasons.contains(&Reason::DeadlineFired), "{reasons:?}");
        let set = chain.iter().find(|c| c.reason == Reason::DeadlineSet).expect("the deadline's suspend");
        let suspend = &log.events[set.seq as usize];
        assert_eq!((suspend.kind, suspend.wait_kind(), suspend.time), (EventKind::Suspend, WaitKind::Deadline, 0.0));
        assert_eq!(log.location(suspend.loc).map(|(_, l)| l), Some(17), "the wait_for line");
    }

    #[test]
    fn a_resume_after_a_sleep_points_at_the_sleep_and_after_a_task_at_its_end() {
        let log = scenarios::find("10_shield_wait_for").expect("scenario").run();
        let causes = derive(&log);
        let resume = find(&log, EventKind::Resume, "shielded");
        let wake = causes[resume as usize].expect("woken");
        assert_eq!(wake.reason, Reason::Woken);
        let sleep = causes[wake.seq as usize].expect("a sleep");
        assert_eq!(sleep.reason, Reason::SleepEnded);
        assert_eq!(log.events[sleep.seq as usize].wait_kind(), WaitKind::Sleep);
        // main's last resume: the task it awaited finished.
        let last = log.events.iter().rposition(|e| e.kind == EventKind::Resume && e.task == 0).expect("resume") as u32;
        let wake = causes[last as usize].expect("woken");
        let ended = causes[wake.seq as usize].expect("awaited");
        assert_eq!(ended.reason, Reason::AwaitedEnded);
        assert_eq!(log.events[ended.seq as usize].kind, EventKind::Done);
    }

    #[test]
    fn every_event_of_every_scenario_has_a_cause_or_is_a_root() {
        for s in scenarios::all() {
            let log = s.run();
            let causes = derive(&log);
            for (seq, c) in causes.iter().enumerate() {
                let seq = seq as u32;
                match c {
                    Some(c) => assert!(c.seq < seq, "{}: #{seq}", s.id),
                    None => {
                        assert!(is_root(&log, seq), "{}: #{seq} {} has no cause", s.id, log.events[seq as usize].kind)
                    }
                }
            }
        }
    }
}
