//! Resource rows: one row per synchronization object, under the task rows,
//! computed once from the log's [`EventKind::Sync`] events for every
//! painter (the app, SVG/PNG/GIF).
//!
//! * a lock (and a condition's lock) shows its holder over time: a bar
//!   per holding, labelled with the holder's name;
//! * a semaphore its free count, a queue its length (with its `maxsize`),
//!   a barrier the parties waiting: step charts;
//! * an event its set periods: a bar per period.
//!
//! Objects of other types (a primitive added later) get no row.

use crate::trace::{EventKind, Log, NONE, SyncOp, TaskId};

/// How a resource row is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    /// `Lock`, `Condition`: the holder over time.
    Lock,
    /// `Semaphore`, `BoundedSemaphore`: the free count.
    Semaphore,
    /// `Queue`, `PriorityQueue`, `LifoQueue`: the length.
    Queue,
    /// `Barrier`: the parties waiting.
    Barrier,
    /// `Event`: set or not.
    Event,
}

impl ResourceKind {
    /// The row kind of an object's type name (`None`: no row).
    pub fn of(type_name: &str) -> Option<ResourceKind> {
        Some(match type_name {
            "Lock" | "Condition" => ResourceKind::Lock,
            "Semaphore" | "BoundedSemaphore" => ResourceKind::Semaphore,
            "Queue" | "PriorityQueue" | "LifoQueue" => ResourceKind::Queue,
            "Barrier" => ResourceKind::Barrier,
            "Event" => ResourceKind::Event,
            _ => return None,
        })
    }

    /// Whether the row is a step chart (else bars).
    pub fn is_chart(self) -> bool {
        matches!(self, ResourceKind::Semaphore | ResourceKind::Queue | ResourceKind::Barrier)
    }

    /// What the row shows, in words (for hovering and the legend).
    pub fn explains(self) -> &'static str {
        match self {
            ResourceKind::Lock => "the bar shows which task holds it; the others wait for it to be released",
            ResourceKind::Semaphore => "the line shows its free count: a task acquiring at 0 waits for a release",
            ResourceKind::Queue => "the line shows its length: get() waits when it is empty, put() when it is full",
            ResourceKind::Barrier => "the line shows the parties waiting: they all go on when the last one arrives",
            ResourceKind::Event => "the bar shows when it is set: wait() returns at once then, else waits for set()",
        }
    }
}

/// A period on a bar row: a lock held by a task, an event set.
#[derive(Clone, Debug, PartialEq)]
pub struct Hold {
    /// Start.
    pub x0: f64,
    /// End (the run's end if it never ended).
    pub x1: f64,
    /// Sequence number of the event that began it.
    pub seq0: u32,
    /// Sequence number of the event that ended it (or one past the last event).
    pub seq1: u32,
    /// The holder ([`NONE`] for an event's set period).
    pub holder: TaskId,
    /// Its label: the holder's name, or `set`.
    pub label: String,
    /// After the cursor (draw dimmed).
    pub future: bool,
}

/// A level of a step chart from `x` on.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    /// Where it starts.
    pub x: f64,
    /// The event that set it.
    pub seq: u32,
    /// The value.
    pub value: u32,
    /// After the cursor.
    pub future: bool,
}

/// One synchronization object's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceRow {
    /// The object (index in [`Log::objects`]).
    pub object: u32,
    /// Its name (`lock`, `Queue#1`).
    pub name: String,
    /// Its type (`Lock`, `Queue`, …).
    pub type_name: String,
    /// How it is drawn.
    pub kind: ResourceKind,
    /// A queue's `maxsize` (0: unbounded), a semaphore's initial value, a barrier's parties.
    pub size: Option<u32>,
    /// Bars (locks, events).
    pub holds: Vec<Hold>,
    /// Step chart levels in x order (semaphores, queues, barriers).
    pub levels: Vec<Level>,
    /// The chart's top value (at least 1).
    pub max: u32,
    /// The row's right end (where the last level and open holds end).
    pub x_end: f64,
}

impl ResourceRow {
    /// The title drawn in the name column: `lock (Lock)`.
    pub fn title(&self) -> String {
        format!("{} ({})", self.name, self.type_name)
    }

    /// What the row shows, in a sentence (its tooltip): `Queue `jobs`, maxsize 2: the line shows its length…`.
    pub fn explanation(&self) -> String {
        let size = match (self.kind, self.size) {
            (ResourceKind::Queue, Some(0)) => ", unbounded".to_owned(),
            (ResourceKind::Queue, Some(n)) => format!(", maxsize {n}"),
            (ResourceKind::Semaphore, Some(n)) => format!(", initial value {n}"),
            (ResourceKind::Barrier, Some(n)) => format!(", {n} parties"),
            _ => String::new(),
        };
        format!("{} `{}`{size}: {}.", self.type_name, self.name, self.kind.explains())
    }

    /// The chart's value at `x` (the last level at or before it).
    pub fn value_at(&self, x: f64) -> Option<u32> {
        let i = self.levels.partition_point(|l| l.x <= x);
        i.checked_sub(1).map(|i| self.levels[i].value)
    }

    /// The hold at `x`, if any.
    pub fn hold_at(&self, x: f64) -> Option<&Hold> {
        self.holds.iter().find(|h| h.x0 <= x && x <= h.x1)
    }

    /// What the row says at `x`, in words.
    pub fn state_at(&self, x: f64) -> String {
        match self.kind {
            ResourceKind::Lock => match self.hold_at(x) {
                Some(h) => format!("held by {}", h.label),
                None => "free".to_owned(),
            },
            ResourceKind::Event => {
                if self.hold_at(x).is_some() {
                    "set".to_owned()
                } else {
                    "not set".to_owned()
                }
            }
            ResourceKind::Semaphore => match self.value_at(x) {
                Some(v) => format!("{v} free"),
                None => "not used yet".to_owned(),
            },
            ResourceKind::Queue => match (self.value_at(x), self.size) {
                (Some(v), Some(n)) if n > 0 => format!("{v} item{} of maxsize {n}", if v == 1 { "" } else { "s" }),
                (Some(v), _) => format!("{v} item{}", if v == 1 { "" } else { "s" }),
                (None, _) => "not used yet".to_owned(),
            },
            ResourceKind::Barrier => match self.value_at(x) {
                Some(v) => format!("{v} waiting"),
                None => "not used yet".to_owned(),
            },
        }
    }

    /// The y (a fraction of the row from its top, 0..1) of a chart value:
    /// the chart fills the middle 80 % of the row, 0 at the bottom.
    pub fn level_y(&self, value: u32) -> f64 {
        0.9 - 0.8 * f64::from(value.min(self.max)) / f64::from(self.max.max(1))
    }
}

/// Which resource rows to show.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ResourceFilter {
    /// Every one.
    #[default]
    All,
    /// None.
    Hidden,
    /// Only those with these names.
    Only(Vec<String>),
}

impl ResourceFilter {
    /// Whether the row of the object named `name` is shown.
    pub fn shows(&self, name: &str) -> bool {
        match self {
            ResourceFilter::All => true,
            ResourceFilter::Hidden => false,
            ResourceFilter::Only(names) => names.iter().any(|n| n == name),
        }
    }
}

/// A task waiting on a synchronization object, with what it waits for in words.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncWait {
    /// The waiting task.
    pub task: TaskId,
    /// From its `wait` event…
    pub x0: f64,
    /// …to its next step (or the end).
    pub x1: f64,
    /// The `wait` event.
    pub seq0: u32,
    /// The step that ends the wait (or one past the last event).
    pub seq1: u32,
    /// The object (index in [`Log::objects`]).
    pub object: u32,
    /// "waiting for lock `lock` held by `w3`" (see [`crate::trace::explain::sync_wait_text`]).
    pub text: String,
}

/// A wakeup: the task whose release, set or put completed another task's waiter.
#[derive(Clone, Debug, PartialEq)]
pub struct Wakeup {
    /// The task that woke it.
    pub from: TaskId,
    /// The task woken.
    pub to: TaskId,
    /// The object.
    pub object: u32,
    /// The `wake` event.
    pub seq: u32,
}

/// Every sync wait and wakeup of `log`, in event order.
pub fn waits_and_wakeups(log: &Log) -> (Vec<SyncWait>, Vec<Wakeup>) {
    let end = u32::try_from(log.events.len()).unwrap_or(u32::MAX);
    let mut waits = Vec::new();
    let mut wakes = Vec::new();
    // Per task: the index in `waits` of its open wait.
    let mut open: Vec<Option<usize>> = vec![None; log.tasks.len()];
    for (seq, ev) in log.events.iter().enumerate() {
        let seq = u32::try_from(seq).unwrap_or(NONE);
        match ev.kind {
            EventKind::Sync if ev.sync_op() == SyncOp::Wait && ev.task != NONE => {
                if let Some(text) = crate::trace::explain::sync_wait_text(log, seq) {
                    if let Some(slot) = open.get_mut(ev.task as usize) {
                        *slot = Some(waits.len());
                    }
                    waits.push(SyncWait { task: ev.task, x0: 0.0, x1: 0.0, seq0: seq, seq1: end, object: ev.a, text });
                }
            }
            EventKind::Sync if ev.sync_op() == SyncOp::Wake => {
                let to = ev.sync_other();
                if ev.task != NONE && to != NONE && to != ev.task {
                    wakes.push(Wakeup { from: ev.task, to, object: ev.a, seq });
                }
            }
            EventKind::Start | EventKind::Resume | EventKind::Done | EventKind::Cancelled | EventKind::Exception => {
                if let Some(i) = open.get_mut(ev.task as usize).and_then(Option::take) {
                    waits[i].seq1 = seq;
                }
            }
            _ => {}
        }
    }
    (waits, wakes)
}

/// Computes the resource rows of `log`: `x_of` maps an event to its x,
/// `x_end` is where open holds and the last levels end; events after
/// `cursor` are left out (`dim == false`) or flagged `future`.
pub fn resource_rows(
    log: &Log,
    x_of: &dyn Fn(u32) -> f64,
    x_end: f64,
    cursor: Option<u32>,
    dim: bool,
) -> Vec<ResourceRow> {
    let end_seq = u32::try_from(log.events.len()).unwrap_or(u32::MAX);
    let last = match cursor {
        Some(c) if !dim => c.min(end_seq.saturating_sub(1)),
        _ => end_seq.saturating_sub(1),
    };
    let is_future = |seq: u32| cursor.is_some_and(|c| seq > c);
    let mut rows: Vec<Option<ResourceRow>> = log
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let type_name = log.str(o.kind).to_owned();
            let kind = ResourceKind::of(&type_name)?;
            let size = (o.size != NONE).then_some(o.size);
            Some(ResourceRow {
                object: u32::try_from(i).unwrap_or(NONE),
                name: log.str(o.name).to_owned(),
                type_name,
                kind,
                size,
                holds: Vec::new(),
                levels: Vec::new(),
                max: 1,
                x_end,
            })
        })
        .collect();
    // Open holds per object.
    let mut open: Vec<Option<(u32, TaskId)>> = vec![None; rows.len()];
    let close = |row: &mut ResourceRow, open: &mut Option<(u32, TaskId)>, seq: u32| {
        if let Some((seq0, holder)) = open.take() {
            let label = if holder == NONE { "set".to_owned() } else { log.task_name(holder).to_owned() };
            row.holds.push(Hold {
                x0: x_of(seq0),
                x1: x_of(seq),
                seq0,
                seq1: seq,
                holder,
                label,
                future: is_future(seq0),
            });
        }
    };
    for (seq, ev) in log.events.iter().enumerate().take(last as usize + 1) {
        if ev.kind != EventKind::Sync {
            continue;
        }
        let seq = u32::try_from(seq).unwrap_or(NONE);
        let Some(Some(row)) = rows.get_mut(ev.a as usize) else { continue };
        let slot = &mut open[ev.a as usize];
        let count = ev.sync_count();
        let op = ev.sync_op();
        let level = |row: &mut ResourceRow, value: u32| {
            if row.levels.is_empty() {
                // The value before the first operation.
                let before = match (row.kind, op) {
                    (ResourceKind::Semaphore, _) if row.size.is_some() => row.size.unwrap_or(0),
                    (ResourceKind::Semaphore, SyncOp::Acquire) => count + 1,
                    (ResourceKind::Semaphore, SyncOp::Release) => count.saturating_sub(1),
                    (ResourceKind::Semaphore, _) => count,
                    _ => 0,
                };
                row.levels.push(Level { x: x_of(seq), seq, value: before, future: is_future(seq) });
                row.max = row.max.max(before);
            }
            row.levels.push(Level { x: x_of(seq), seq, value, future: is_future(seq) });
            row.max = row.max.max(value);
        };
        match (row.kind, op) {
            (ResourceKind::Lock, SyncOp::Acquire) => {
                close(row, slot, seq);
                *slot = Some((seq, ev.task));
            }
            (ResourceKind::Lock, SyncOp::Release) => close(row, slot, seq),
            // A condition's wait releases its lock.
            (ResourceKind::Lock, SyncOp::Wait) if slot.is_some_and(|(_, h)| h == ev.task) => close(row, slot, seq),
            (ResourceKind::Event, SyncOp::Set) if slot.is_none() => *slot = Some((seq, NONE)),
            (ResourceKind::Event, SyncOp::Clear) => close(row, slot, seq),
            (ResourceKind::Semaphore, SyncOp::Acquire | SyncOp::Release) => level(row, count),
            (ResourceKind::Queue, SyncOp::Put | SyncOp::Get | SyncOp::Shutdown) => level(row, count),
            (ResourceKind::Barrier, SyncOp::Wait | SyncOp::GiveUp) => level(row, count),
            (ResourceKind::Barrier, SyncOp::Notify | SyncOp::Abort | SyncOp::Reset) => level(row, 0),
            _ => {}
        }
    }
    let end = if dim { end_seq } else { last.saturating_add(1).min(end_seq) };
    for (row, slot) in rows.iter_mut().zip(open.iter_mut()) {
        if let Some(row) = row {
            if let Some((seq0, holder)) = slot.take() {
                let label = if holder == NONE { "set".to_owned() } else { log.task_name(holder).to_owned() };
                row.holds.push(Hold {
                    x0: x_of(seq0),
                    x1: x_end,
                    seq0,
                    seq1: end,
                    holder,
                    label,
                    future: is_future(seq0),
                });
            }
            if let (ResourceKind::Queue, Some(n)) = (row.kind, row.size) {
                row.max = row.max.max(n);
            }
        }
    }
    rows.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Axis, FutureMode, Options, layout};
    use crate::trace::timeline::derive;

    fn script_log(name: &str) -> Log {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts").join(name);
        crate::script::run_file(&path, crate::Config::default()).expect("the script runs")
    }

    #[test]
    fn a_lock_row_shows_each_holder_in_turn() {
        let log = script_log("404_lock_protects_read_modify_write.py");
        let lay = layout(&log, &derive(&log), &Options::default());
        let lock = lay.resources.iter().find(|r| r.name == "lock").expect("a row for the lock");
        assert_eq!(lock.kind, ResourceKind::Lock);
        assert_eq!(lock.holds.len(), 5, "five deposits, one at a time");
        assert!(lock.holds.windows(2).all(|w| w[0].x1 <= w[1].x0), "never two holders");
        let holders: std::collections::HashSet<_> = lock.holds.iter().map(|h| h.holder).collect();
        assert_eq!(holders.len(), 5);
        assert!((lock.holds[0].x1 - 0.1).abs() < 1e-9, "held for the 0.1 s sleep");
        assert!(lock.state_at(0.05).starts_with("held by "));
        assert!(lock.explanation().contains("Lock `lock`"));
    }

    #[test]
    fn a_queue_row_charts_its_length_up_to_maxsize() {
        let log = script_log("438_queue_bounded_backpressure.py");
        let lay = layout(&log, &derive(&log), &Options::default());
        let q = lay.resources.iter().find(|r| r.name == "queue").expect("a row for the queue");
        assert_eq!((q.kind, q.size), (ResourceKind::Queue, Some(2)));
        assert_eq!(q.max, 2);
        assert!(q.levels.iter().all(|l| l.value <= 2));
        assert!(q.levels.iter().any(|l| l.value == 2), "the producer fills it");
        assert!(q.levels.windows(2).all(|w| w[0].x <= w[1].x));
        assert!(q.state_at(lay.x_max).ends_with("of maxsize 2"));
        assert!(q.level_y(2) < q.level_y(0));
    }

    #[test]
    fn a_cursor_cuts_the_rows() {
        let log = script_log("404_lock_protects_read_modify_write.py");
        let tl = derive(&log);
        let first_release = log
            .events
            .iter()
            .position(|e| e.kind == EventKind::Sync && e.sync_op() == SyncOp::Release)
            .expect("a release") as u32;
        let lay = layout(&log, &tl, &Options { cursor: Some(first_release - 1), ..Options::default() });
        let lock = &lay.resources[0];
        assert_eq!(lock.holds.len(), 1, "only the first holding so far");
        let dim =
            layout(&log, &tl, &Options { cursor: Some(first_release - 1), future: FutureMode::Dim, axis: Axis::Time });
        assert_eq!(dim.resources[0].holds.len(), 5);
        assert!(dim.resources[0].holds[1].future);
    }

    #[test]
    fn waits_say_what_for_and_wakes_link_the_releaser_to_the_next_holder() {
        let log = script_log("404_lock_protects_read_modify_write.py");
        let lay = layout(&log, &derive(&log), &Options::default());
        let name = |row: usize| lay.rows[row].name.as_str();
        // Four deposits wait, each woken by the one before it.
        assert_eq!(lay.wakes.len(), 4);
        for w in &lay.wakes {
            let (from, to) = (name(w.from_row), name(w.to_row));
            let n = |s: &str| s.trim_start_matches("deposit#").parse::<u32>().unwrap();
            assert_eq!(n(to), n(from) + 1, "{from} wakes {to}");
        }
        assert_eq!(lay.sync_waits.len(), 4);
        let w = &lay.sync_waits[0];
        assert_eq!(w.text, "waiting for lock `lock` held by `deposit#1`");
        assert!(lay.sync_wait_at(w.row, (w.x0 + w.x1) / 2.0).is_some());
        // A long wait: later on, another deposit holds the lock.
        let last = lay.sync_waits.iter().max_by(|a, b| a.x1.total_cmp(&b.x1)).unwrap();
        assert_eq!(lay.wait_text_at(last, 0.35, None), "waiting for lock `lock` held by `deposit#4`");
    }

    #[test]
    fn a_queue_wait_tells_put_from_get() {
        let log = script_log("438_queue_bounded_backpressure.py");
        let lay = layout(&log, &derive(&log), &Options::default());
        let texts: Vec<&str> = lay.sync_waits.iter().map(|w| w.text.as_str()).collect();
        assert!(texts.contains(&"waiting on `queue.put()` (full)"), "{texts:?}");
        let log = script_log("437_queue_producer_consumer_join.py");
        let lay = layout(&log, &derive(&log), &Options::default());
        let texts: Vec<&str> = lay.sync_waits.iter().map(|w| w.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.ends_with(".get()` (empty)")), "{texts:?}");
    }

    #[test]
    fn every_sync_script_lays_out_without_panicking() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let in_range = name.get(..3).and_then(|p| p.parse::<u32>().ok()).is_some_and(|p| (400..460).contains(&p));
            if !in_range || !name.ends_with(".py") {
                continue;
            }
            let Ok(log) = crate::script::run_file(&path, crate::Config::default()) else { continue };
            let tl = derive(&log);
            let lay = layout(&log, &tl, &Options::default());
            for r in &lay.resources {
                assert!(r.holds.iter().all(|h| h.x0 <= h.x1), "{name}: {}", r.name);
                assert!(r.levels.iter().all(|l| l.value <= r.max), "{name}: {}", r.name);
            }
            for c in [0, tl.end_seq / 2] {
                let _ = layout(&log, &tl, &Options { cursor: Some(c), ..Options::default() });
            }
            n += 1;
        }
        assert!(n >= 40, "{n} scripts");
    }

    #[test]
    fn filters_pick_rows_by_name() {
        assert!(ResourceFilter::All.shows("lock"));
        assert!(!ResourceFilter::Hidden.shows("lock"));
        let only = ResourceFilter::Only(vec!["queue".into()]);
        assert!(only.shows("queue") && !only.shows("lock"));
        assert_eq!(ResourceKind::of("Future"), None, "unknown types get no row");
    }
}
