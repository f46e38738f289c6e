//! The terminal text format (`taskline run <scenario> --format text`): a
//! header, a timeline chart with one lane per task, a legend, and the list
//! of events with a one-line explanation each.
//!
//! ```text
//! Two tasks run concurrently — 05_two_tasks_concurrent
//! 3 tasks, 30 events, virtual clock, ends at 3.0 s
//!
//! time (s) 0.0            0.5            1.0            1.5            2.0            2.5          3.0
//!          ┬──────────────┬──────────────┬──────────────┬──────────────┬──────────────┬──────────────┬
//! main     █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░█░░░░░░░░░░░░░░░░░░░░░░░░░░░░█✓
//! two      █───────────────────────────────────────────────────────────█✓
//! three    █────────────────────────────────────────────────────────────────────────────────────────█✓
//!
//! legend: █ running  ▓ blocking the loop (time.sleep)  ▒ ready, waiting for its turn  ─ sleeping
//!         ░ awaiting a task/gather/shield  ┄ under a wait_for deadline  · yielded (sleep(0))
//!         ~ awaiting another future  ✓ done  ✗ cancelled  ! failed
//!
//! events (wake events left out):
//!  #0  0.0 s  main   created  asyncio.run created the main task 'main' (main), line 25
//!  #2  0.0 s  main   start    main starts running (its first step)
//!  #3  0.0 s  two    created  main created task 'two' (delay); it starts when main next suspends,
//!                             line 15
//! ```
//!
//! The chart's axis is virtual time. Steps take no virtual time, so a step
//! is drawn as one running cell at its instant. When the whole run happens
//! at one instant (e.g. a `sleep(0)` round robin), the axis is event order
//! instead, one column per event (or several events per column when there
//! are more events than columns), and the header says so. `wake` events
//! are left out of the events list to keep it readable; the chart shows
//! them as the end of a waiting state.

use std::io;

use crate::trace::explain::{self, fmt_seconds};
use crate::trace::timeline::{self, EndKind, Segment, State, Timeline};
use crate::trace::{EventKind, Log, NONE};

/// The narrowest width laid out; narrower requests get this.
pub const MIN_WIDTH: usize = 40;

/// The widest task-name column.
const MAX_NAME: usize = 24;

/// The glyph drawn for a state.
pub fn state_glyph(state: &State) -> char {
    match state {
        State::Running => '█',
        State::Blocking { .. } => '▓',
        State::Ready => '▒',
        State::Sleeping { .. } => '─',
        State::AwaitingTask(_) | State::AwaitingGather(_) | State::AwaitingShield(_) => '░',
        State::Deadline { .. } => '┄',
        State::Yielded => '·',
        State::WaitingFuture | State::InWorker(_) => '~',
    }
}

/// The glyph drawn where a task ended.
pub fn end_glyph(kind: EndKind) -> char {
    match kind {
        EndKind::Done => '✓',
        EndKind::Cancelled => '✗',
        EndKind::Failed => '!',
    }
}

const LEGEND: [(char, &str); 11] = [
    ('█', "running"),
    ('▓', "blocking the loop (time.sleep)"),
    ('▒', "ready, waiting for its turn"),
    ('─', "sleeping"),
    ('░', "awaiting a task/gather/shield"),
    ('┄', "under a wait_for deadline"),
    ('·', "yielded (sleep(0))"),
    ('~', "awaiting another future"),
    ('✓', "done"),
    ('✗', "cancelled"),
    ('!', "failed"),
];

/// Renders a log as text at most `width` columns wide (the events list's
/// explanations wrap at `width`; a width below [`MIN_WIDTH`] is raised to it).
///
/// # Examples
/// ```
/// use taskline::trace::Log;
/// let text = taskline::cli::text::render(&Log::new(), 100);
/// assert!(text.contains("no events"));
/// ```
///
/// Control characters in the log's strings (a script's printed text, task
/// names, the title) are escaped ([`super::term::escape_controls`]), so the
/// text is safe to print on a terminal.
pub fn render(log: &Log, width: usize) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail; every piece written is a `str`.
    let _ = write(log, width, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the text of [`render`] to `out`: the chart (one line per task) is
/// made in memory, the events list is written one event at a time, so the
/// memory used beyond the timeline is that of the chart, whatever the
/// number of events. Wrap a file or stdout in a [`std::io::BufWriter`].
///
/// # Errors
/// The writer's first error.
pub fn write(log: &Log, width: usize, out: &mut dyn io::Write) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
    let mut head = String::new();
    {
        let tl = timeline::derive(log);
        header(&mut head, log, &tl);
        if log.events.is_empty() {
            head.push_str("no events\n");
            return out.write_all(safe_lines(&head).as_bytes());
        }
        head.push('\n');
        chart(&mut head, log, &tl, width);
    }
    head.push('\n');
    legend(&mut head, width);
    head.push('\n');
    out.write_all(safe_lines(&head).as_bytes())?;
    drop(head);
    events(out, log, width)
}

/// Text of many lines made safe for the terminal (line breaks kept).
fn safe_lines(s: &str) -> std::borrow::Cow<'_, str> {
    super::term::escape_controls(s, true)
}

/// A string of the log made safe for the terminal, on one line.
fn safe(s: &str) -> String {
    super::term::escape_controls(s, false).into_owned()
}

/// A task's name, safe for the terminal.
fn task_name(log: &Log, task: u32) -> String {
    safe(log.task_name(task))
}

fn header(out: &mut String, log: &Log, tl: &Timeline) {
    let (title, source) = (safe(log.meta.title.trim()), safe(log.meta.source.trim()));
    let (title, source) = (title.as_str(), source.as_str());
    let head = match (title.is_empty(), source.is_empty()) {
        (false, false) if title != source => format!("{title} — {source}"),
        (false, _) => title.to_string(),
        (true, false) => source.to_string(),
        (true, true) => "taskline".to_string(),
    };
    out.push_str(&head);
    out.push('\n');
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut facts = vec![plural(log.tasks.len(), "task"), plural(log.events.len(), "event")];
    if !log.meta.clock.is_empty() {
        facts.push(format!("{} clock", safe(&log.meta.clock)));
    }
    if let Some(seed) = log.meta.seed {
        facts.push(format!("random seed {seed}"));
    }
    if !log.events.is_empty() {
        facts.push(format!("ends at {}", fmt_seconds(tl.end_time)));
    }
    out.push_str(&facts.join(", "));
    out.push('\n');
    if let Some(why) = &log.meta.stopped {
        out.push_str(&format!("stopped early: {}\n", safe(why)));
    }
}

/// Cuts `s` to `n` characters, marking a cut with `…`.
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, n: usize) -> String {
    let len = s.chars().count();
    format!("{s}{}", " ".repeat(n.saturating_sub(len)))
}

/// How the chart's horizontal axis is laid out.
struct Axis {
    /// Event order instead of virtual time.
    by_event: bool,
    /// The axis length in its own unit (seconds or events).
    span: f64,
    /// Columns for the span; the column `cols` itself holds end marks.
    cols: usize,
}

impl Axis {
    fn col(&self, v: f64) -> usize {
        if self.span <= 0.0 || !v.is_finite() {
            return 0;
        }
        // `as` saturates: NaN and negatives give 0.
        ((v / self.span * self.cols as f64).round() as usize).min(self.cols)
    }

    fn ends(&self, s: &Segment) -> (f64, f64) {
        if self.by_event { (f64::from(s.seq0), f64::from(s.seq1)) } else { (s.t0, s.t1) }
    }
}

/// A tick step of 1, 2 or 5 times a power of ten, so that labels do not collide.
fn tick_step(span: f64, cols: usize, integral: bool) -> f64 {
    let label_len = tick_label(span, 1.0).len().max(1);
    let min_gap = (label_len + 2).max(8) as f64;
    let lowest = if integral { 0 } else { -6 };
    for exp in lowest..=12 {
        for m in [1.0, 2.0, 5.0] {
            let step = m * 10f64.powi(exp);
            if step / span * cols as f64 >= min_gap {
                return step;
            }
        }
    }
    span
}

/// A tick value, with as many decimals as the step needs.
fn tick_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 { 0 } else { (-step.log10()).ceil().max(0.0) as usize };
    format!("{v:.decimals$}")
}

fn chart(out: &mut String, log: &Log, tl: &Timeline, width: usize) {
    let by_event = tl.is_instant() || !tl.end_time.is_finite();
    let unit = if by_event { "event #" } else { "time (s)" };
    let longest = tl.rows.iter().map(|r| task_name(log, r.task).chars().count()).max().unwrap_or(0);
    let objects = log.objects.iter().map(|o| log.str(o.name).chars().count() + log.str(o.kind).chars().count() + 3);
    let longest = objects.fold(longest, usize::max);
    let name_w = longest.min(MAX_NAME).max(unit.len());
    // name, a space, the columns, the end-mark column.
    let cols = width.saturating_sub(name_w + 2).max(10);
    let span = if by_event { f64::from(tl.end_seq) } else { tl.end_time };
    let axis = Axis { by_event, span, cols };
    if by_event {
        let per = if tl.end_seq as usize > cols { ", several events per column" } else { "" };
        out.push_str(&format!(
            "everything happens at {}: the chart shows event order{per}\n",
            fmt_seconds(tl.end_time)
        ));
    }

    // The axis: labels, then the tick line.
    let step = tick_step(span, cols, by_event);
    let mut labels: Vec<char> = vec![' '; cols + 1];
    let mut ticks: Vec<char> = vec!['─'; cols + 1];
    let mut free_from = 0;
    let mut i = 0u32;
    loop {
        let v = f64::from(i) * step;
        if v > span * (1.0 + 1e-9) || i > 10_000 {
            break;
        }
        let c = axis.col(v);
        ticks[c] = '┬';
        let label: Vec<char> = tick_label(v, step).chars().collect();
        let start = c.min((cols + 1).saturating_sub(label.len()));
        if start >= free_from && start + label.len() <= labels.len() {
            labels[start..start + label.len()].copy_from_slice(&label);
            free_from = start + label.len() + 1;
        }
        i += 1;
    }
    let line = |head: &str, cells: &[char]| {
        let body: String = cells.iter().collect();
        format!("{} {}\n", pad(head, name_w), body.trim_end())
    };
    out.push_str(&line(unit, &labels));
    out.push_str(&line("", &ticks));

    for row in &tl.rows {
        let mut cells: Vec<char> = vec![' '; cols + 1];
        let mut last_used: Option<usize> = None;
        let used = |c: usize, last: &mut Option<usize>| *last = Some(last.map_or(c, |l| l.max(c)));
        for seg in &row.segments {
            let (a, b) = axis.ends(seg);
            let (c0, c1) = (axis.col(a), axis.col(b).min(cols));
            for cell in cells.iter_mut().take(c1).skip(c0) {
                *cell = state_glyph(&seg.state);
            }
            if c1 > c0 {
                used(c1 - 1, &mut last_used);
            }
        }
        // A step too short for a column still shows, as one cell at its instant.
        for seg in &row.segments {
            let (a, b) = axis.ends(seg);
            let instant = axis.col(a) >= axis.col(b);
            if instant && matches!(seg.state, State::Running | State::Blocking { .. }) {
                let c = axis.col(a).min(cols - 1);
                cells[c] = state_glyph(&seg.state);
                used(c, &mut last_used);
            }
        }
        if let Some(end) = &row.end {
            let v = if by_event { f64::from(end.seq) } else { end.t };
            let c = axis.col(v).max(last_used.map_or(0, |l| l + 1)).min(cols);
            cells[c] = end_glyph(end.kind);
        }
        out.push_str(&line(&fit(&task_name(log, row.task), name_w), &cells));
    }
    resource_lines(out, log, &axis, name_w, &line);
}

/// A line per synchronization object under the tasks: a lock's holder's
/// name then `=` while it holds it, `set` then `=` while an event is set; a digit (`+` past 9) for a semaphore's free
/// count, a queue's length, a barrier's waiting parties.
fn resource_lines(out: &mut String, log: &Log, axis: &Axis, name_w: usize, line: &dyn Fn(&str, &[char]) -> String) {
    if log.objects.is_empty() {
        return;
    }
    let x_of =
        |seq: u32| if axis.by_event { f64::from(seq) } else { log.events.get(seq as usize).map_or(0.0, |e| e.time) };
    let end = if axis.by_event { log.events.len() as f64 } else { log.end_time() };
    let cols = axis.cols;
    for res in crate::layout::resources::resource_rows(log, &x_of, end, None, false) {
        let mut cells: Vec<char> = vec![' '; cols + 1];
        if res.kind.is_chart() {
            for (i, l) in res.levels.iter().enumerate() {
                let next = res.levels.get(i + 1).map_or(end, |n| n.x);
                let (c0, c1) = (axis.col(l.x), axis.col(next).min(cols));
                let glyph = char::from_digit(l.value, 10).unwrap_or('+');
                for cell in cells.iter_mut().take(c1.max(c0 + 1)).skip(c0) {
                    *cell = glyph;
                }
            }
        } else {
            // The holder's name, then `=` while it holds the lock.
            for h in &res.holds {
                let (c0, c1) = (axis.col(h.x0), axis.col(h.x1).min(cols));
                let mut label = h.label.chars();
                for (i, cell) in cells.iter_mut().take(c1.max(c0 + 1)).skip(c0).enumerate() {
                    let last = c0 + i + 1 >= c1;
                    *cell = if last { '=' } else { label.next().map_or('=', |c| if c == ' ' { '_' } else { c }) };
                }
            }
        }
        out.push_str(&line(&fit(&res.title(), name_w), &cells));
    }
}

fn legend(out: &mut String, width: usize) {
    let items: Vec<String> = LEGEND.iter().map(|(g, what)| format!("{g} {what}")).collect();
    let prefix = "legend: ";
    let mut line = prefix.to_string();
    let mut line_len = prefix.len();
    let mut first = true;
    for item in items {
        let len = item.chars().count();
        if !first && line_len + 2 + len > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(prefix.len());
            line_len = prefix.len();
            first = true;
        }
        if !first {
            line.push_str("  ");
            line_len += 2;
        }
        line.push_str(&item);
        line_len += len;
        first = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Greedy word wrap of `text` into lines of at most `width` characters
/// (a longer word gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split(' ') {
        let w = word.chars().count();
        if len > 0 && len + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
    }
    lines.push(line);
    lines
}

fn events(out: &mut dyn io::Write, log: &Log, width: usize) -> io::Result<()> {
    out.write_all(b"events (wake events left out):\n")?;
    let shown = || log.events.iter().enumerate().filter(|(_, e)| e.kind != EventKind::Wake);
    let seq_w = shown().next_back().map_or(1, |(i, _)| i.to_string().len()) + 1;
    let time_w = shown().map(|(_, e)| fmt_seconds(e.time).len()).max().unwrap_or(0);
    let task_w = shown().map(|(_, e)| task_name(log, e.task).chars().count()).max().unwrap_or(0).clamp(1, 16);
    let kind_w = shown().map(|(_, e)| e.kind.name().len()).max().unwrap_or(0);
    let indent = seq_w + time_w + task_w + kind_w + 8;
    let room = width.saturating_sub(indent);
    let mut line = String::new();
    explain::try_for_each(log, |i, explanation| {
        let ev = &log.events[i];
        if ev.kind == EventKind::Wake {
            return Ok(());
        }
        let task = if ev.task == NONE { "-".to_string() } else { fit(&task_name(log, ev.task), task_w) };
        let head = format!(
            "{:>seq_w$}  {:>time_w$}  {}  {}  ",
            format!("#{i}"),
            fmt_seconds(ev.time),
            pad(&task, task_w),
            pad(ev.kind.name(), kind_w),
        );
        // Keep ", line N" on one line: wrap at spaces only, so bind it with a no-break space.
        let text = safe(&explanation).replace(", line ", ",\u{a0}line\u{a0}");
        let lines = if room >= 30 { wrap(&text, room) } else { vec![text.clone()] };
        line.clear();
        for (n, l) in lines.iter().map(|l| l.replace('\u{a0}', " ")).enumerate() {
            if n == 0 {
                line.push_str(&head);
            } else {
                line.push_str(&" ".repeat(indent));
            }
            line.push_str(&l);
            line.push('\n');
        }
        out.write_all(line.as_bytes())
    })
}

/// The cause chain of event `seq` as text (see [`crate::trace::cause`]): the
/// event, then each cause back to the root, each line saying how it leads on.
pub fn why(log: &Log, seq: u32, width: usize) -> String {
    let causes = crate::trace::cause::derive(log);
    let chain = crate::trace::cause::chain(&causes, seq);
    // One pass explains the events, keeping only the chain's (not the whole log's).
    let mut wanted: std::collections::HashMap<u32, String> =
        chain.iter().map(|c| c.seq).chain([seq]).map(|s| (s, String::new())).collect();
    let _ = explain::try_for_each(log, |i, text| {
        if let Some(slot) = u32::try_from(i).ok().and_then(|i| wanted.get_mut(&i)) {
            *slot = text;
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let line = |seq: u32| {
        let ev = &log.events[seq as usize];
        let task = if ev.task == NONE { "-".to_string() } else { task_name(log, ev.task) };
        let text = wanted.get(&seq).map_or(String::new(), |e| safe(e));
        format!("#{seq}  {}  {task}  {}: {text}", fmt_seconds(ev.time), ev.kind.name())
    };
    let mut out = String::new();
    let mut push = |text: &str, indent: usize| {
        let room = width.saturating_sub(indent).max(30);
        for (n, l) in wrap(&text.replace(", line ", ",\u{a0}line\u{a0}"), room).iter().enumerate() {
            out.push_str(&" ".repeat(if n == 0 { indent } else { indent + 2 }));
            out.push_str(&l.replace('\u{a0}', " "));
            out.push('\n');
        }
    };
    push(&format!("why {}", line(seq)), 0);
    for c in &chain {
        push(&format!("<- {} #{}", c.reason.describe(), c.seq), 2);
        push(&line(c.seq), 5);
    }
    if chain.is_empty() {
        push("(a root: nothing in the run caused it)", 2);
    } else {
        push("(the start of the chain)", 2);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::testlog::LogBuilder as B;
    use crate::trace::{WaitKind, WakeReason};

    /// main creates two tasks sleeping 2 s and 3 s and awaits them in turn.
    fn two_tasks() -> Log {
        let mut b = B::titled("Two tasks");
        let main = b.task("main", None);
        b.step(main, true);
        let two = b.task("two", Some(main));
        let three = b.task("three", Some(main));
        b.suspend(main, "task:two", WaitKind::Task, u64::from(two));
        b.step(two, true);
        b.suspend(two, "sleep(2)>Future", WaitKind::Sleep, 2.0f64.to_bits());
        b.step(three, true);
        b.suspend(three, "sleep(3)>Future", WaitKind::Sleep, 3.0f64.to_bits());
        b.t = 2.0;
        b.wake(two);
        b.step(two, false);
        b.done(two, "None");
        b.wake(main);
        b.step(main, false);
        b.suspend(main, "task:three", WaitKind::Task, u64::from(three));
        b.t = 3.0;
        b.wake(three);
        b.step(three, false);
        b.done(three, "None");
        b.wake(main);
        b.step(main, false);
        let text = b.log.intern("Hello World!");
        b.ev(main, EventKind::Print, text, 0, 0);
        b.done(main, "None");
        b.log
    }

    #[test]
    fn a_line_per_resource_shows_holders_and_lengths() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
        let run = |name: &str| crate::script::run_file(&dir.join(name), crate::Config::default()).expect("runs");
        let text = render(&run("404_lock_protects_read_modify_write.py"), 100);
        let line = text.lines().find(|l| l.starts_with("lock (Lock) ")).expect("a line for the lock");
        for i in 1..=5 {
            assert!(line.contains(&format!("deposit#{i}")), "{line}");
        }
        let text = render(&run("438_queue_bounded_backpressure.py"), 100);
        let line = text.lines().find(|l| l.starts_with("queue (Queue) ")).expect("a line for the queue");
        assert!(line.contains('2') && !line.contains('3'), "{line}");
        assert!(text.lines().all(|l| l.chars().count() <= 100));
    }

    #[test]
    fn shows_every_task_the_axis_and_the_legend() {
        let text = render(&two_tasks(), 100);
        println!("{text}");
        assert!(text.starts_with("Two tasks — test_scenario\n3 tasks, 22 events, virtual clock, ends at 3.0 s\n"));
        for name in ["main ", "two ", "three "] {
            assert!(text.lines().any(|l| l.starts_with(name) && l.contains('█')), "{name}");
        }
        assert!(text.contains("time (s) 0"));
        assert!(text.contains("legend: █ running"));
        assert!(text.contains("✓ done"));
        assert!(text.contains("main printed: Hello World!"));
        assert!(!text.contains(" wake "), "wake events are left out");
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line}");
        }
    }

    #[test]
    fn lanes_are_laid_out_in_time() {
        let text = render(&two_tasks(), 100);
        let lane = |name: &str| -> Vec<char> {
            let l = text.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap();
            l.chars().skip(9).collect()
        };
        let (main, two, three) = (lane("main"), lane("two"), lane("three"));
        // Columns: 100 - 8 (name) - 2 = 90 for 3 s; 2.0 s is column 60.
        assert_eq!(two[0], '█');
        assert_eq!(two[1], '─');
        assert_eq!(two[59], '─');
        assert_eq!((two[60], two[61]), ('█', '✓'));
        assert_eq!(main[1], '░');
        assert_eq!(main[60], '█', "main's step at 2.0 s shows");
        assert_eq!((three[89], three[90]), ('█', '✓'));
        assert_eq!((main[89], main[90]), ('█', '✓'));
    }

    #[test]
    fn an_instant_run_is_drawn_in_event_order() {
        let mut b = B::titled("Round robin");
        let main = b.task("main", None);
        b.step(main, true);
        let a = b.task("A", Some(main));
        let c = b.task("B", Some(main));
        b.suspend(main, "gather", WaitKind::Future, 0);
        for _ in 0..3 {
            for t in [a, c] {
                b.step(t, b.log.events.iter().all(|e| !(e.task == t && e.kind == EventKind::Start)));
                b.suspend(t, "sleep(0)>yield", WaitKind::Yield, 0);
                b.ev(t, EventKind::Wake, NONE, 0, WakeReason::Yield as u8);
            }
        }
        for t in [a, c] {
            b.step(t, false);
            b.done(t, "None");
        }
        b.wake(main);
        b.step(main, false);
        b.done(main, "None");
        let text = render(&b.log, 100);
        println!("{text}");
        assert!(text.contains("everything happens at 0.0 s: the chart shows event order"));
        assert!(text.contains("event # 0"));
        for name in ["main ", "A ", "B "] {
            assert!(text.lines().any(|l| l.starts_with(name) && l.contains('█') && l.contains('✓')));
        }
        assert!(text.contains('·'), "yields show");
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line}");
        }
    }

    #[test]
    fn narrow_widths_and_long_names_do_not_break_the_layout() {
        let mut log = two_tasks();
        log.tasks[1].name = log.intern("a_task_with_a_really_long_descriptive_name");
        for width in [0, 40, 60, 100, 200] {
            let text = render(&log, width);
            assert!(text.contains("a_task_with_a_really_lo…"));
            // The chart and the legend keep to the width; so do explanations when there is room.
            let chart_and_legend =
                text.lines().skip(3).take_while(|l| !l.starts_with("events")).filter(|l| !l.starts_with("everything"));
            for line in chart_and_legend {
                assert!(line.chars().count() <= width.max(MIN_WIDTH), "{width}: {line}");
            }
        }
        let rich = crate::trace::json::tests::rich_log();
        let text = render(&rich, 80);
        assert!(text.contains("stopped early: budget"));
    }

    #[test]
    fn extreme_spans_do_not_panic() {
        for end in [1e-9, 3.7e-4, 86_400.0, 1e13, 1e300, f64::MAX] {
            let mut b = B::titled("extreme");
            let main = b.task("main", None);
            b.step(main, true);
            b.suspend(main, "sleep>Future", WaitKind::Sleep, end.to_bits());
            b.t = end;
            b.wake(main);
            b.step(main, false);
            b.done(main, "None");
            let text = render(&b.log, 100);
            assert!(text.contains("main     █"), "{end}: {text}");
            assert!(text.contains('✓'), "{end}");
        }
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(tick_step(3.0, 90, false), 0.5);
        assert_eq!(tick_step(10.0, 90, false), 1.0);
        assert_eq!(tick_step(100.0, 90, false), 10.0);
        assert_eq!(tick_step(1000.0, 90, false), 100.0);
        assert_eq!(tick_step(0.5, 90, false), 0.05);
        assert_eq!(tick_step(30.0, 90, true), 5.0);
        assert_eq!(tick_label(0.2, 0.1), "0.2");
        assert_eq!(tick_label(2.0, 1.0), "2");
    }

    #[test]
    fn explanations_wrap_under_their_column() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, vec!["one two", "three", "four five"]);
    }
}
