//! A terse builder of hand-made logs for the trace module's unit tests.

use super::{
    CancelRecord, Canceller, ErrorRecord, Event, EventKind, Log, Meta, NONE, TaskId, TaskInfo, Via, WaitKind,
    WakeReason,
};

/// Appends events at a settable time.
pub(crate) struct LogBuilder {
    pub log: Log,
    pub t: f64,
}

impl LogBuilder {
    pub fn new() -> LogBuilder {
        LogBuilder { log: Log::new(), t: 0.0 }
    }

    /// A builder whose log has a title (and a virtual clock).
    pub fn titled(title: &str) -> LogBuilder {
        let mut b = LogBuilder::new();
        b.log.meta = Meta {
            source: "test_scenario".into(),
            title: title.into(),
            clock: "virtual".into(),
            stopped: None,
            seed: None,
        };
        b
    }

    pub fn at(&mut self, t: f64) -> &mut Self {
        self.t = t;
        self
    }

    pub fn ev(&mut self, task: TaskId, kind: EventKind, a: u32, b: u64, fl: u8) -> u32 {
        let time = self.t;
        self.log.push(Event { time, b, task, a, loc: NONE, kind, flags: fl })
    }

    /// A task whose coroutine has its name, created by `parent` (or by `run`).
    pub fn task(&mut self, name: &str, parent: Option<TaskId>) -> TaskId {
        let via = if parent.is_some() { Via::CreateTask } else { Via::Main };
        self.task_with(name, name, parent, via)
    }

    pub fn task_with(&mut self, name: &str, coro: &str, parent: Option<TaskId>, via: Via) -> TaskId {
        let n = self.log.intern(name);
        let c = self.log.intern(coro);
        let seq = self.log.events.len() as u32;
        let id = self.log.add_task(TaskInfo { name: n, coro: c, parent, via, created_seq: seq });
        self.ev(id, EventKind::Created, c, u64::from(parent.unwrap_or(NONE)), 0);
        id
    }

    pub fn start(&mut self, task: TaskId) -> u32 {
        self.ev(task, EventKind::Start, NONE, 0, 0)
    }

    pub fn resume(&mut self, task: TaskId) -> u32 {
        self.ev(task, EventKind::Resume, NONE, 0, 0)
    }

    /// `start` for the first step, else `resume`.
    pub fn step(&mut self, task: TaskId, first: bool) -> u32 {
        if first { self.start(task) } else { self.resume(task) }
    }

    pub fn wake(&mut self, task: TaskId) -> u32 {
        self.ev(task, EventKind::Wake, NONE, 0, WakeReason::Completed as u8)
    }

    pub fn suspend(&mut self, task: TaskId, chain: &str, kind: WaitKind, b: u64) -> u32 {
        let c = self.log.intern(chain);
        self.ev(task, EventKind::Suspend, c, b, kind as u8)
    }

    pub fn sleep(&mut self, task: TaskId, until: f64) -> u32 {
        self.suspend(task, "sleep>Future", WaitKind::Sleep, until.to_bits())
    }

    pub fn await_task(&mut self, task: TaskId, on: TaskId) -> u32 {
        self.suspend(task, "task:x", WaitKind::Task, u64::from(on))
    }

    pub fn done(&mut self, task: TaskId, result: &str) -> u32 {
        let r = self.log.intern(result);
        self.ev(task, EventKind::Done, r, 0, 0)
    }

    pub fn block(&mut self, task: TaskId, seconds: f64) -> u32 {
        self.ev(task, EventKind::Block, NONE, seconds.to_bits(), 0)
    }

    pub fn cancel(&mut self, target: TaskId, by: Canceller, state: &str, fwd: Option<TaskId>) -> u32 {
        let state = self.log.intern(state);
        let c = self.log.add_cancel(CancelRecord {
            by,
            state,
            via: NONE,
            forwarded_from: fwd,
            msg: NONE,
            returned: true,
            cancelling: 1,
        });
        self.ev(target, EventKind::CancelRequested, c, 0, 0)
    }

    /// A step (`kind`: start or resume) with `error` thrown in.
    pub fn throw(&mut self, task: TaskId, kind: EventKind, error: &str, fl: u8) -> u32 {
        let k = self.log.intern(error);
        let e = self.log.add_error(ErrorRecord { kind: k, msg: NONE });
        self.ev(task, kind, e, 0, fl)
    }
}
