//! The app's state logic, free of egui so it can be tested on its own: the
//! step-through cursor ([`Player`]), which lines of the source each live task
//! stands on ([`TaskLines`]), the event-log filter ([`EventFilter`]), recent
//! files ([`Recent`]) and the persisted [`Settings`].
//!
//! # The cursor
//! The cursor is the sequence number of the last event that has happened; it
//! always names an event of the log (0 for an empty one). Stepping:
//!
//! | action | key | moves to |
//! |--------|-----|----------|
//! | step forward / back | Right / Left | the next / previous event |
//! | next instant | Shift+Right | the last event of the current instant, or if already there, of the next one |
//! | previous instant | Shift+Left | the last event of the previous instant |
//! | start / end | Home / End | the first / last event |
//! | play / pause | Space | advances [`Player::speed`] events a second until the end |
//!
//! Instant-stepping lands on the *last* event of an instant, so each stop
//! shows the world after everything at that time has happened.
//!
//! # Live logs
//! A log that grows while it is shown ([`Player::set_len`]) keeps the cursor
//! on the newest event if it was there ("following"), and leaves it alone
//! once the user has stepped back.

use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::layout::{Axis, FutureMode};
use crate::trace::timeline::Timeline;
use crate::trace::{EventKind, Log, NONE, TaskId};

/// Playback speeds offered, in events per second.
pub const SPEEDS: [f32; 7] = [1.0, 2.0, 4.0, 8.0, 16.0, 50.0, 200.0];

/// The step-through cursor and the play timer; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    cursor: u32,
    len: u32,
    /// Whether playback is running.
    pub playing: bool,
    /// Events per second while playing.
    pub speed: f32,
    /// Time carried over between ticks, in events.
    carry: f64,
}

impl Player {
    /// A player over a log of `len` events, at the first event, paused.
    ///
    /// # Examples
    /// ```
    /// use taskline::gui::state::Player;
    /// let mut p = Player::new(3);
    /// p.step_forward();
    /// assert_eq!(p.cursor(), 1);
    /// p.end();
    /// p.step_forward();
    /// assert_eq!(p.cursor(), 2);
    /// ```
    pub fn new(len: u32) -> Player {
        Player { cursor: 0, len, playing: false, speed: 4.0, carry: 0.0 }
    }

    /// The current event.
    pub fn cursor(&self) -> u32 {
        self.cursor
    }

    /// The number of events.
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the log has no event.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn last(&self) -> u32 {
        self.len.saturating_sub(1)
    }

    /// Whether the cursor is on the last event.
    pub fn at_end(&self) -> bool {
        self.cursor >= self.last()
    }

    /// Moves the cursor to `seq` (clamped to the log).
    pub fn set(&mut self, seq: u32) {
        self.cursor = seq.min(self.last());
    }

    /// One event forward.
    pub fn step_forward(&mut self) {
        self.set(self.cursor.saturating_add(1));
    }

    /// One event back.
    pub fn step_back(&mut self) {
        self.set(self.cursor.saturating_sub(1));
    }

    /// The first event.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// The last event.
    pub fn end(&mut self) {
        self.cursor = self.last();
    }

    /// To the last event of the current instant, or of the next one if the
    /// cursor is already there.
    pub fn next_instant(&mut self, tl: &Timeline) {
        let end = last_of_instant(tl, self.len, self.cursor);
        let target = if end > self.cursor { end } else { last_of_instant(tl, self.len, self.cursor.saturating_add(1)) };
        self.set(target);
    }

    /// To the last event of the previous instant (the first event if there is none).
    pub fn prev_instant(&mut self, tl: &Timeline) {
        let t = tl.time_at(self.cursor);
        // The first event of the current instant, then the one before it.
        let first = first_of_instant(tl, self.cursor, t);
        self.set(first.saturating_sub(1));
    }

    /// Starts or stops playback; starting at the end starts over.
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
        } else {
            if self.at_end() {
                self.home();
            }
            self.playing = true;
            self.carry = 0.0;
        }
    }

    /// Advances playback by `dt` seconds; returns whether the cursor moved.
    /// Playback stops at the last event.
    pub fn tick(&mut self, dt: f64) -> bool {
        if !self.playing {
            return false;
        }
        self.carry += dt.max(0.0) * f64::from(self.speed.max(0.0));
        let steps = self.carry.floor();
        self.carry -= steps;
        let before = self.cursor;
        let steps = if steps > f64::from(u32::MAX) { u32::MAX } else { steps as u32 };
        self.set(self.cursor.saturating_add(steps));
        if self.at_end() {
            self.playing = false;
        }
        self.cursor != before
    }

    /// The log now has `len` events (a live log grew, or a new log was
    /// loaded): a cursor that was on the last event follows to the new last.
    pub fn set_len(&mut self, len: u32) {
        let following = self.at_end();
        self.len = len;
        if following {
            self.end();
        } else {
            self.set(self.cursor);
        }
    }
}

/// The last event at the same virtual time as `seq`.
fn last_of_instant(tl: &Timeline, len: u32, seq: u32) -> u32 {
    let last = len.saturating_sub(1);
    let seq = seq.min(last);
    let t = tl.time_at(seq);
    // Times are monotone: binary search for the first event later than t.
    let (mut lo, mut hi) = (seq, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if tl.time_at(mid) > t { hi = mid } else { lo = mid + 1 }
    }
    lo.saturating_sub(1).max(seq)
}

/// The first event at time `t`, at or before `seq`.
fn first_of_instant(tl: &Timeline, seq: u32, t: f64) -> u32 {
    let (mut lo, mut hi) = (0u32, seq);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if tl.time_at(mid) < t { lo = mid + 1 } else { hi = mid }
    }
    lo
}

/// Where each task stands in the source: per task, the events that carry a
/// source location, to find the line of its latest one at a cursor.
#[derive(Clone, Debug, Default)]
pub struct TaskLines {
    /// Per task (index = task id): `(seq, file index, line)` of each located event.
    per_task: Vec<Vec<(u32, u16, u32)>>,
    /// The file names seen.
    files: Vec<String>,
    /// Per task: `(created seq, end seq or NONE)`.
    life: Vec<(u32, u32)>,
}

/// A highlighted source line: a live task standing on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveLine {
    /// The task.
    pub task: TaskId,
    /// The 1-based line.
    pub line: u32,
    /// Whether the task is suspended there (at an await) rather than running.
    pub suspended: bool,
}

impl TaskLines {
    /// Indexes the located events of `log`.
    pub fn new(log: &Log) -> TaskLines {
        let mut t = TaskLines {
            per_task: vec![Vec::new(); log.tasks.len()],
            files: Vec::new(),
            life: vec![(NONE, NONE); log.tasks.len()],
        };
        for (seq, ev) in log.events.iter().enumerate() {
            let seq = u32::try_from(seq).unwrap_or(NONE - 1);
            let Some(life) = t.life.get_mut(ev.task as usize) else { continue };
            if ev.kind == EventKind::Created && life.0 == NONE {
                life.0 = seq;
            }
            if ev.kind.is_end() && life.1 == NONE {
                life.1 = seq;
            }
            if ev.loc == NONE {
                continue;
            }
            let Some((file, line)) = log.location(ev.loc) else { continue };
            let fi = match t.files.iter().position(|f| f == file) {
                Some(i) => i,
                None => {
                    t.files.push(file.to_owned());
                    t.files.len() - 1
                }
            };
            let fi = u16::try_from(fi).unwrap_or(u16::MAX);
            if let Some(v) = t.per_task.get_mut(ev.task as usize) {
                v.push((seq, fi, line));
            }
        }
        t
    }

    /// The lines of `file` where the tasks alive just after event `cursor`
    /// stand (running tasks at their latest line, suspended ones at their
    /// await), in task order. `suspended` is told by `is_suspended(task)`.
    pub fn live_lines(&self, file: &str, cursor: u32, is_suspended: impl Fn(TaskId) -> bool) -> Vec<LiveLine> {
        let Some(fi) = self.file_index(file) else { return Vec::new() };
        (0..self.per_task.len())
            .filter_map(|t| self.entry(fi, u32::try_from(t).unwrap_or(NONE), cursor, &is_suspended))
            .collect()
    }

    fn file_index(&self, file: &str) -> Option<usize> {
        self.files.iter().position(|f| file_matches(f, file))
    }

    /// Where one task stands just after `cursor`, if it is alive and in file `fi`.
    fn entry(&self, fi: usize, task: TaskId, cursor: u32, is_suspended: &impl Fn(TaskId) -> bool) -> Option<LiveLine> {
        let evs = self.per_task.get(task as usize)?;
        let (created, ended) = self.life[task as usize];
        if created == NONE || created > cursor || (ended != NONE && ended <= cursor) {
            return None;
        }
        let i = evs.partition_point(|e| e.0 <= cursor);
        let &(_, f, line) = evs.get(i.checked_sub(1)?)?;
        (usize::from(f) == fi).then(|| LiveLine { task, line, suspended: is_suspended(task) })
    }

    /// The file names events refer to.
    pub fn files(&self) -> &[String] {
        &self.files
    }
}

/// The live lines kept up to date as the cursor moves: a step touches only
/// the tasks of the events stepped over, so stepping costs what changed, not
/// the number of tasks (a long log may have thousands on one line).
#[derive(Clone, Debug, Default)]
pub struct LiveIndex {
    cursor: Option<u32>,
    file: Option<usize>,
    entries: Vec<Option<LiveLine>>,
    by_line: std::collections::BTreeMap<u32, BTreeSet<TaskId>>,
}

impl LiveIndex {
    /// Steps further than this rebuild the index from scratch.
    const MAX_DELTA: u32 = 4096;

    /// Brings the index to `cursor`; `task_of(seq)` is the task of an event.
    pub fn update(
        &mut self,
        lines: &TaskLines,
        file: &str,
        cursor: u32,
        task_of: impl Fn(u32) -> TaskId,
        is_suspended: impl Fn(TaskId) -> bool,
    ) {
        let Some(fi) = lines.file_index(file) else {
            *self = LiveIndex::default();
            return;
        };
        let incremental = self.file == Some(fi)
            && self.entries.len() == lines.per_task.len()
            && self.cursor.is_some_and(|c| c.abs_diff(cursor) <= LiveIndex::MAX_DELTA);
        if !incremental {
            self.file = Some(fi);
            self.entries = vec![None; lines.per_task.len()];
            self.by_line.clear();
            for t in 0..lines.per_task.len() {
                let t = u32::try_from(t).unwrap_or(NONE);
                self.set(t, lines.entry(fi, t, cursor, &is_suspended));
            }
        } else if let Some(old) = self.cursor
            && old != cursor
        {
            let (lo, hi) = (old.min(cursor), old.max(cursor));
            let mut touched: Vec<TaskId> = (lo + 1..=hi).map(&task_of).filter(|&t| t != NONE).collect();
            touched.sort_unstable();
            touched.dedup();
            for t in touched {
                self.set(t, lines.entry(fi, t, cursor, &is_suspended));
            }
        }
        self.cursor = Some(cursor);
    }

    fn set(&mut self, task: TaskId, entry: Option<LiveLine>) {
        let Some(slot) = self.entries.get_mut(task as usize) else { return };
        if let Some(old) = slot.take()
            && let Some(set) = self.by_line.get_mut(&old.line)
        {
            set.remove(&task);
            if set.is_empty() {
                self.by_line.remove(&old.line);
            }
        }
        if let Some(e) = &entry {
            self.by_line.entry(e.line).or_default().insert(task);
        }
        *slot = entry;
    }

    /// The tasks standing on `line`, in task order.
    pub fn on_line(&self, line: u32) -> impl Iterator<Item = &LiveLine> {
        self.by_line.get(&line).into_iter().flatten().filter_map(|&t| self.entries.get(t as usize)?.as_ref())
    }

    /// How many tasks stand on `line`.
    pub fn count_on_line(&self, line: u32) -> usize {
        self.by_line.get(&line).map_or(0, BTreeSet::len)
    }

    /// Every live line, in task order.
    pub fn all(&self) -> Vec<LiveLine> {
        self.entries.iter().flatten().cloned().collect()
    }
}

/// Whether a location's file names `file` (equal, or one a suffix path of the other).
pub fn file_matches(loc_file: &str, file: &str) -> bool {
    loc_file == file || loc_file.ends_with(&format!("/{file}")) || file.ends_with(&format!("/{loc_file}"))
}

/// The event log's filter: which tasks and which kinds of events are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Only this task's events (and the loop's own are left out), if set.
    pub task: Option<TaskId>,
    /// Kinds left out.
    pub hidden_kinds: BTreeSet<&'static str>,
}

impl EventFilter {
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.task.is_none() && self.hidden_kinds.is_empty()
    }

    /// Whether an event passes.
    pub fn accepts(&self, task: TaskId, kind: EventKind) -> bool {
        self.task.is_none_or(|t| t == task) && !self.hidden_kinds.contains(kind.name())
    }

    /// Shows or hides a kind.
    pub fn set_kind(&mut self, kind: EventKind, shown: bool) {
        if shown {
            self.hidden_kinds.remove(kind.name());
        } else {
            self.hidden_kinds.insert(kind.name());
        }
    }

    /// The sequence numbers of the events that pass, in order.
    pub fn rows(&self, log: &Log) -> Vec<u32> {
        log.events
            .iter()
            .enumerate()
            .filter(|(_, e)| self.accepts(e.task, e.kind))
            .map(|(i, _)| u32::try_from(i).unwrap_or(NONE))
            .collect()
    }
}

/// The row of `rows` to highlight for `cursor`: the cursor's own, or the
/// last shown event before it when it is filtered out.
pub fn highlighted_row(rows: &[u32], cursor: u32) -> Option<usize> {
    let i = rows.partition_point(|&s| s <= cursor);
    i.checked_sub(1)
}

/// Recently opened files, newest first, at most [`Recent::MAX`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    items: VecDeque<PathBuf>,
}

impl Recent {
    /// How many are kept.
    pub const MAX: usize = 10;

    /// Puts `path` first (moving it if it is already there).
    pub fn push(&mut self, path: PathBuf) {
        self.items.retain(|p| p != &path);
        self.items.push_front(path);
        self.items.truncate(Recent::MAX);
    }

    /// Forgets `path` (e.g. it no longer loads).
    pub fn remove(&mut self, path: &std::path::Path) {
        self.items.retain(|p| p != path);
    }

    /// The files, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &PathBuf> {
        self.items.iter()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Light, dark, or the system's theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The x axis, as persisted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AxisChoice {
    /// Virtual time.
    #[default]
    Time,
    /// Event order.
    Order,
    /// Time with busy instants widened.
    Hybrid,
}

impl From<AxisChoice> for Axis {
    fn from(a: AxisChoice) -> Axis {
        match a {
            AxisChoice::Time => Axis::Time,
            AxisChoice::Order => Axis::Order,
            AxisChoice::Hybrid => Axis::Hybrid,
        }
    }
}

impl From<Axis> for AxisChoice {
    fn from(a: Axis) -> AxisChoice {
        match a {
            Axis::Time => AxisChoice::Time,
            Axis::Order => AxisChoice::Order,
            Axis::Hybrid => AxisChoice::Hybrid,
        }
    }
}

/// What the app remembers between runs (eframe persistence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme.
    pub theme: ThemeChoice,
    /// The x axis.
    pub axis: AxisChoice,
    /// Dim the future instead of hiding it.
    pub dim_future: bool,
    /// Playback speed, events per second.
    pub speed: f32,
    /// Show the scenario picker.
    pub show_picker: bool,
    /// Show the source panel.
    pub show_source: bool,
    /// Show the event log.
    pub show_log: bool,
    /// Show the legend.
    pub show_legend: bool,
    /// Show the resource rows (one per lock, queue, … under the tasks).
    pub show_resources: bool,
    /// Resource rows hidden one by one (by object name).
    pub hidden_resources: Vec<String>,
    /// The resource rows folded into one row (drawn over each other).
    pub fold_resources: bool,
    /// Recent log files.
    pub recent: Recent,
    /// The scenario or file shown last.
    pub last_opened: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: ThemeChoice::System,
            axis: AxisChoice::Time,
            dim_future: false,
            speed: 4.0,
            show_picker: true,
            show_source: true,
            show_log: true,
            show_legend: true,
            show_resources: true,
            hidden_resources: Vec::new(),
            fold_resources: false,
            recent: Recent::default(),
            last_opened: None,
        }
    }
}

impl Settings {
    /// The layout's future mode.
    pub fn future_mode(&self) -> FutureMode {
        if self.dim_future { FutureMode::Dim } else { FutureMode::Hide }
    }
}

/// The first sentence of a scenario's explanation (for the picker's one-line description).
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

/// Whether a scenario matches the picker's filter (case-insensitive, on id, title and section).
pub fn picker_matches(filter: &str, id: &str, title: &str, section: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || [id, title, section].iter().any(|s| s.to_lowercase().contains(&f))
}

/// A native file dialog running on its own thread, so the window keeps
/// painting; where the desktop has no dialog (no portal), it answers `None`
/// and the path field beside it is the way.
#[derive(Debug, Clone, Default)]
pub struct NativeDialog {
    answer: std::sync::Arc<std::sync::Mutex<Option<Option<std::path::PathBuf>>>>,
    open: bool,
}

impl NativeDialog {
    /// Starts `ask` (e.g. `rfd::FileDialog::new().save_file()`) on a thread.
    pub fn start(ask: impl FnOnce() -> Option<std::path::PathBuf> + Send + 'static) -> NativeDialog {
        let answer = std::sync::Arc::new(std::sync::Mutex::new(None));
        let slot = answer.clone();
        std::thread::spawn(move || {
            let chosen = ask();
            if let Ok(mut s) = slot.lock() {
                *s = Some(chosen);
            }
        });
        NativeDialog { answer, open: true }
    }

    /// Whether the dialog is still up.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The answer, once: `Some(Some(path))` chosen, `Some(None)` cancelled
    /// (or no dialog available), `None` still waiting.
    pub fn take(&mut self) -> Option<Option<std::path::PathBuf>> {
        let answer = self.answer.lock().ok()?.take();
        if answer.is_some() {
            self.open = false;
        }
        answer
    }
}

/// Watches the open file: a script or log saved again is rerun or reread.
///
/// Checks the file's modification time at most every `interval`.
#[derive(Debug, Clone)]
pub struct FileWatch {
    path: std::path::PathBuf,
    modified: Option<std::time::SystemTime>,
    checked: std::time::Instant,
    interval: std::time::Duration,
}

impl FileWatch {
    /// Watches `path` from its current state on.
    pub fn new(path: &std::path::Path, interval: std::time::Duration) -> FileWatch {
        FileWatch { path: path.to_path_buf(), modified: modified(path), checked: std::time::Instant::now(), interval }
    }

    /// The watched file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Whether the file was saved again since the last call that said so
    /// (false until `interval` has passed since the last check).
    pub fn changed(&mut self) -> bool {
        if self.checked.elapsed() < self.interval {
            return false;
        }
        self.checked = std::time::Instant::now();
        let now = modified(&self.path);
        if now.is_some() && now != self.modified {
            self.modified = now;
            return true;
        }
        false
    }
}

fn modified(path: &std::path::Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;
    use crate::trace::timeline::derive;

    fn shield() -> (Log, Timeline) {
        let log = scenarios::find("10_shield_wait_for").expect("scenario").run();
        let tl = derive(&log);
        (log, tl)
    }

    #[test]
    fn stepping_stays_inside_the_log() {
        let mut p = Player::new(5);
        p.step_back();
        assert_eq!(p.cursor(), 0);
        for _ in 0..10 {
            p.step_forward();
        }
        assert_eq!(p.cursor(), 4);
        p.home();
        assert_eq!(p.cursor(), 0);
        p.set(99);
        assert_eq!(p.cursor(), 4);
        let mut empty = Player::new(0);
        empty.step_forward();
        assert_eq!(empty.cursor(), 0);
    }

    #[test]
    fn instants_step_to_their_last_event() {
        let (log, tl) = shield();
        let mut p = Player::new(log.events.len() as u32);
        p.next_instant(&tl);
        let c = p.cursor();
        assert_eq!(tl.time_at(c), 0.0);
        assert!(tl.time_at(c + 1) > 0.0, "the last event at 0 s");
        p.next_instant(&tl);
        assert_eq!(tl.time_at(p.cursor()), 5.0, "the timeout instant");
        assert!(tl.time_at(p.cursor() + 1) > 5.0);
        p.prev_instant(&tl);
        assert_eq!(p.cursor(), c);
        p.prev_instant(&tl);
        assert_eq!(p.cursor(), 0);
    }

    #[test]
    fn playing_advances_by_speed_and_stops_at_the_end() {
        let mut p = Player::new(10);
        p.speed = 4.0;
        assert!(!p.tick(1.0), "paused");
        p.toggle_play();
        assert!(p.tick(0.5));
        assert_eq!(p.cursor(), 2);
        assert!(!p.tick(0.1), "0.4 of an event carried");
        assert!(p.tick(0.2));
        assert_eq!(p.cursor(), 3);
        p.tick(100.0);
        assert_eq!(p.cursor(), 9);
        assert!(!p.playing, "stopped at the end");
        p.toggle_play();
        assert_eq!(p.cursor(), 0, "play at the end starts over");
        p.toggle_play();
        assert!(!p.playing);
    }

    #[test]
    fn a_growing_log_is_followed_unless_the_user_stepped_back() {
        let mut p = Player::new(3);
        p.end();
        p.set_len(10);
        assert_eq!(p.cursor(), 9, "followed");
        p.step_back();
        p.set_len(20);
        assert_eq!(p.cursor(), 8, "left alone");
        p.set_len(5);
        assert_eq!(p.cursor(), 4, "clamped");
    }

    #[test]
    fn live_lines_put_suspended_tasks_at_their_await() {
        let (log, tl) = shield();
        let lines = TaskLines::new(&log);
        let file = &scenarios::find("10_shield_wait_for").expect("scenario").file();
        // Just after main suspends in wait_for, and shielded in its sleep:
        let seq =
            log.events.iter().position(|e| e.kind == EventKind::Suspend && e.task == 1).expect("shielded suspends")
                as u32;
        let live = lines.live_lines(file, seq, |t| tl.state_at(t, seq).is_some_and(|s| s.state.is_waiting()));
        assert_eq!(live.len(), 2, "{live:?}");
        let src = scenarios::find("10_shield_wait_for").expect("scenario").source;
        let text = |l: u32| src.lines().nth(l as usize - 1).unwrap_or("");
        assert!(text(live[0].line).contains("wait_for(asyncio.shield"), "main at {}", text(live[0].line));
        assert!(text(live[1].line).contains("asyncio.sleep(delay_seconds)"), "shielded at {}", text(live[1].line));
        assert!(live.iter().all(|l| l.suspended));
        // At the end nobody is alive.
        assert!(lines.live_lines(file, log.events.len() as u32 - 1, |_| false).is_empty());
    }

    #[test]
    fn the_live_index_matches_a_full_recomputation_whichever_way_the_cursor_moves() {
        let (log, tl) = shield();
        let lines = TaskLines::new(&log);
        let file = &scenarios::find("10_shield_wait_for").expect("scenario").file();
        let tl = &tl;
        let susp = |seq: u32| move |t: TaskId| tl.state_at(t, seq).is_some_and(|s| s.state.is_waiting());
        let mut index = LiveIndex::default();
        let n = log.events.len() as u32;
        // Forward one by one, back in jumps, forward again.
        let path: Vec<u32> = (0..n).chain([3, 17, 1, 0, 9, n - 1, 5]).collect();
        for c in path {
            index.update(&lines, file, c, |s| log.events[s as usize].task, susp(c));
            assert_eq!(index.all(), lines.live_lines(file, c, susp(c)), "at {c}");
            let total: usize = index
                .all()
                .iter()
                .map(|l| l.line)
                .collect::<BTreeSet<_>>()
                .iter()
                .map(|&l| index.count_on_line(l))
                .sum();
            assert_eq!(total, index.all().len());
        }
    }

    #[test]
    fn filters_by_task_and_kind() {
        let (log, _) = shield();
        let mut f = EventFilter::default();
        assert_eq!(f.rows(&log).len(), log.events.len());
        f.task = Some(1);
        let rows = f.rows(&log);
        assert!(rows.iter().all(|&s| log.events[s as usize].task == 1));
        f.set_kind(EventKind::Wake, false);
        assert!(f.rows(&log).iter().all(|&s| log.events[s as usize].kind != EventKind::Wake));
        assert!(f.rows(&log).len() < rows.len());
        f.set_kind(EventKind::Wake, true);
        assert_eq!(f.rows(&log), rows);
        assert_eq!(highlighted_row(&[2, 5, 9], 6), Some(1));
        assert_eq!(highlighted_row(&[2, 5, 9], 1), None);
        assert_eq!(highlighted_row(&[2, 5, 9], 9), Some(2));
    }

    #[test]
    fn recent_files_are_newest_first_without_duplicates() {
        let mut r = Recent::default();
        for i in 0..12 {
            r.push(PathBuf::from(format!("{i}.json")));
        }
        r.push(PathBuf::from("5.json"));
        let v: Vec<_> = r.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(v.len(), Recent::MAX);
        assert_eq!(v[0], "5.json");
        assert_eq!(v[1], "11.json");
        assert_eq!(v.iter().filter(|s| *s == "5.json").count(), 1);
        r.remove(std::path::Path::new("5.json"));
        assert_eq!(r.iter().next().map(|p| p.display().to_string()).as_deref(), Some("11.json"));
    }

    #[test]
    fn settings_round_trip_and_tolerate_missing_fields() {
        let mut s = Settings { axis: AxisChoice::Hybrid, dim_future: true, ..Settings::default() };
        s.recent.push(PathBuf::from("a.json"));
        let json = serde_json::to_string(&s).expect("ser");
        let back: Settings = serde_json::from_str(&json).expect("de");
        assert_eq!(back, s);
        let partial: Settings = serde_json::from_str(r#"{"axis":"Order"}"#).expect("de");
        assert_eq!(partial.axis, AxisChoice::Order);
        assert!(partial.show_source);
    }

    #[test]
    fn picker_filter_and_descriptions() {
        assert!(picker_matches("SHIELD", "10_shield_wait_for", "shield + wait_for", "2.4 shield"));
        assert!(picker_matches("", "x", "y", "z"));
        assert!(!picker_matches("gather", "10_shield_wait_for", "shield + wait_for", "2.4 shield"));
        assert_eq!(first_sentence("One thing. Two things."), "One thing.");
        assert_eq!(first_sentence("No stop"), "No stop");
    }

    #[test]
    fn a_file_saved_again_is_noticed_once() {
        let path = std::env::temp_dir().join(format!("taskline-watch-{}.py", std::process::id()));
        std::fs::write(&path, "a").unwrap();
        let mut w = FileWatch::new(&path, std::time::Duration::ZERO);
        assert!(!w.changed(), "nothing changed yet");
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(later).unwrap();
        assert!(w.changed(), "saved again");
        assert!(!w.changed(), "noticed once");
        std::fs::remove_file(&path).unwrap();
        assert!(!w.changed(), "a deleted file is not a change");
    }

    #[test]
    fn a_native_dialog_answers_once() {
        let mut d = NativeDialog::start(|| Some(std::path::PathBuf::from("/tmp/x.png")));
        let started = std::time::Instant::now();
        let answer = loop {
            if let Some(a) = d.take() {
                break a;
            }
            // A guard against a hang, not a speed bound.
            assert!(started.elapsed() < std::time::Duration::from_secs(300), "the dialog thread never answered");
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(answer, Some(std::path::PathBuf::from("/tmp/x.png")));
        assert!(!d.is_open());
        assert_eq!(d.take(), None);
    }
}
