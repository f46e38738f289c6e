//! The geometry of a timeline at a given step: rows, bars, markers, links,
//! ticks — in axis units, for any painter. The desktop app paints it with
//! egui, the exporters as SVG and PNG, so an exported image looks like the
//! screen. This module imports nothing of egui.
//!
//! # Coordinates
//! `x` is in axis units: seconds for [`Axis::Time`], event numbers for
//! [`Axis::Order`] (one column per event, so the interleaving inside one
//! instant is visible), and for [`Axis::Hybrid`] seconds plus a fixed width
//! per event, which widens busy instants while keeping time proportional
//! elsewhere. `y` is the row index, 0 at the top; a row is one unit high.
//!
//! # Step-through
//! With a cursor (an event's sequence number), what has not happened yet is
//! either left out ([`FutureMode::Hide`]) or kept and flagged `future` for the
//! painter to dim ([`FutureMode::Dim`]).

pub mod glyph;
pub mod resources;
pub mod style;

use crate::trace::timeline::{self, EndKind, LinkKind, MarkerKind, State, Timeline};
use crate::trace::{Log, NONE, TaskId};

pub use glyph::{Glyph, LegendKey, Part};
pub use resources::{ResourceFilter, ResourceKind, ResourceRow};
pub use style::{BarKind, BarStyle, Chrome, Pattern, Rgba, Theme};

/// What the x axis shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Axis {
    /// Virtual time, in seconds.
    #[default]
    Time,
    /// Event order: one column per event.
    Order,
    /// Time, with busy instants widened.
    Hybrid,
}

impl Axis {
    /// Every axis mode.
    pub const ALL: [Axis; 3] = [Axis::Time, Axis::Order, Axis::Hybrid];

    /// A short name (`time`, `order`, `hybrid`).
    pub fn name(self) -> &'static str {
        match self {
            Axis::Time => "time",
            Axis::Order => "order",
            Axis::Hybrid => "hybrid",
        }
    }

    /// Parses a name written by [`Axis::name`].
    pub fn from_name(s: &str) -> Option<Axis> {
        Axis::ALL.into_iter().find(|a| a.name() == s)
    }
}

/// What to do with what happens after the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FutureMode {
    /// Leave it out: the learner discovers what comes next.
    #[default]
    Hide,
    /// Keep it, flagged `future` (drawn dimmed).
    Dim,
}

/// Layout settings.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Options {
    /// The x axis.
    pub axis: Axis,
    /// The step-through cursor: the last event that has happened.
    pub cursor: Option<u32>,
    /// What to do with later events.
    pub future: FutureMode,
}

/// One task's row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowGeom {
    /// The task.
    pub task: TaskId,
    /// Its name, drawn on the axis.
    pub name: String,
    /// Row index (0 = top).
    pub y: f64,
}

/// A bar: a task in one state.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Row index.
    pub row: usize,
    /// Index of the segment in the timeline row (for tooltips).
    pub segment: usize,
    /// Left edge.
    pub x0: f64,
    /// Right edge (`== x0` for an instant; painters draw it as a thin line).
    pub x1: f64,
    /// The state.
    pub state: State,
    /// How to draw it.
    pub kind: BarKind,
    /// After the cursor (draw dimmed).
    pub future: bool,
}

/// A row's end mark (✓ done, ✗ cancelled, ! failed).
#[derive(Clone, Debug, PartialEq)]
pub struct EndGeom {
    /// Row index.
    pub row: usize,
    /// Where.
    pub x: f64,
    /// How the task ended.
    pub kind: EndKind,
    /// Result, cancel message or exception.
    pub detail: String,
    /// Event sequence number.
    pub seq: u32,
    /// After the cursor.
    pub future: bool,
}

/// A marker at an instant on a row (`None`: the loop's own, drawn on the axis).
#[derive(Clone, Debug, PartialEq)]
pub struct MarkerGeom {
    /// Row index, if on a task's row.
    pub row: Option<usize>,
    /// Where.
    pub x: f64,
    /// What.
    pub kind: MarkerKind,
    /// Event sequence number.
    pub seq: u32,
    /// Description for tooltips.
    pub text: String,
    /// After the cursor.
    pub future: bool,
}

/// An arrow between two rows.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkGeom {
    /// The relation.
    pub kind: LinkKind,
    /// Row the arrow starts at.
    pub from_row: usize,
    /// Row it points to.
    pub to_row: usize,
    /// Where.
    pub x: f64,
    /// Event sequence number.
    pub seq: u32,
    /// After the cursor.
    pub future: bool,
}

/// A wake arrow: the task whose release, set or put completed another
/// task's waiter, to that task.
#[derive(Clone, Debug, PartialEq)]
pub struct WakeGeom {
    /// Row of the task that woke it.
    pub from_row: usize,
    /// Row of the task woken.
    pub to_row: usize,
    /// Where.
    pub x: f64,
    /// The `wake` event.
    pub seq: u32,
    /// The object (index in the log's objects).
    pub object: u32,
    /// After the cursor.
    pub future: bool,
}

/// A task's wait on a synchronization object, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncWaitGeom {
    /// Row index.
    pub row: usize,
    /// From.
    pub x0: f64,
    /// To.
    pub x1: f64,
    /// The `wait` event.
    pub seq: u32,
    /// The object (index in the log's objects).
    pub object: u32,
    /// What it waits for as the wait began ("waiting for lock `lock` held by `w3`").
    pub text: String,
    /// After the cursor.
    pub future: bool,
}

/// A tick on the x axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where.
    pub x: f64,
    /// Its label (`1.5 s`, `#12`).
    pub label: String,
}

/// Everything to draw, in axis units; see the module docs.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// The axis.
    pub axis: Axis,
    /// Rows, top to bottom, in creation order.
    pub rows: Vec<RowGeom>,
    /// Bars, row by row (in row order); within a row future ones first, each part in x order.
    pub bars: Vec<Bar>,
    /// End marks.
    pub ends: Vec<EndGeom>,
    /// Markers.
    pub markers: Vec<MarkerGeom>,
    /// Links.
    pub links: Vec<LinkGeom>,
    /// Leftmost x.
    pub x_min: f64,
    /// Rightmost x.
    pub x_max: f64,
    /// Ticks.
    pub ticks: Vec<Tick>,
    /// The axis title (`time (s)`, `event #`, `time (s), busy instants widened`).
    pub x_title: String,
    /// Where the cursor is.
    pub cursor_x: Option<f64>,
    /// One row per synchronization object, drawn under the task rows (see [`resources`]).
    pub resources: Vec<ResourceRow>,
    /// What tasks wait for on synchronization objects, by row (in event order).
    pub sync_waits: Vec<SyncWaitGeom>,
    /// Wake arrows: from the task that released, set or put to the task it woke (in event order).
    pub wakes: Vec<WakeGeom>,
    /// x of each event (index = sequence number), and one past the end.
    xs: Vec<f64>,
    /// Per row: its range in `bars`.
    row_ranges: Vec<std::ops::Range<usize>>,
}

impl Layout {
    /// The x of an event.
    pub fn x_of_seq(&self, seq: u32) -> f64 {
        self.xs.get(seq as usize).copied().unwrap_or(self.x_max)
    }

    /// The event nearest to `x` (for clicks on the plot).
    pub fn seq_at_x(&self, x: f64) -> Option<u32> {
        if self.xs.len() < 2 {
            return None;
        }
        let events = &self.xs[..self.xs.len() - 1];
        let i = events.partition_point(|&v| v < x);
        let candidates = [i.checked_sub(1), Some(i).filter(|&i| i < events.len())];
        candidates
            .into_iter()
            .flatten()
            .min_by(|&a, &b| (events[a] - x).abs().total_cmp(&(events[b] - x).abs()))
            .and_then(|i| u32::try_from(i).ok())
    }

    /// Bars of one row that are visible in `[x0, x1]` at `units_per_px`
    /// resolution, merged by the [`Merger`] rule the app paints with.
    pub fn visible_bars(&self, row: usize, x0: f64, x1: f64, units_per_px: f64) -> Vec<Bar> {
        let Some(range) = self.row_ranges.get(row).cloned() else { return Vec::new() };
        let mut out = Vec::new();
        let mut merger = Merger::new(units_per_px);
        for bar in self.bars[range].iter().filter(|b| b.x1 >= x0 && b.x0 <= x1) {
            merger.push(bar.clone(), &mut |b, _| out.push(b));
        }
        merger.finish(&mut |b, _| out.push(b));
        out
    }

    /// What the task of `row` waits for at `x` on a synchronization object, if it does.
    pub fn sync_wait_at(&self, row: usize, x: f64) -> Option<&SyncWaitGeom> {
        let i = self.sync_waits.partition_point(|w| w.row < row || (w.row == row && w.x0 <= x));
        self.sync_waits[..i].iter().rev().take_while(|w| w.row == row).take(4).find(|w| w.x0 <= x && x <= w.x1)
    }

    /// What a wait says at `x` when the step-through cursor is at `cursor`:
    /// for a lock, who holds it then (the holder changes during a long
    /// wait); otherwise the text as the wait began.
    pub fn wait_text_at(&self, w: &SyncWaitGeom, x: f64, cursor: Option<u32>) -> String {
        let x = x.clamp(w.x0, w.x1);
        let Some(r) = self.resources.iter().find(|r| r.object == w.object && r.type_name == "Lock") else {
            return w.text.clone();
        };
        let happened = |seq: u32| cursor.is_none_or(|c| seq <= c);
        let holder = r
            .holds
            .iter()
            .filter(|h| h.holder != NONE && Some(h.holder) != self.rows.get(w.row).map(|r| r.task))
            .rfind(|h| happened(h.seq0) && h.x0 <= x && (x <= h.x1 || !happened(h.seq1)));
        match holder {
            Some(h) => format!("waiting for lock `{}` held by `{}`", r.name, h.label),
            None => format!("waiting for lock `{}`", r.name),
        }
    }

    /// The row of a task, if it has one.
    pub fn row_of_task(&self, task: TaskId) -> Option<usize> {
        self.rows.iter().position(|r| r.task == task)
    }

    /// The bars of one row (future ones first, each part in x order).
    pub fn row_bars(&self, row: usize) -> &[Bar] {
        self.row_ranges.get(row).map_or(&[], |r| &self.bars[r.clone()])
    }
}

/// Whether a bar of `kind` and `width` should stand for a merged run of
/// sub-pixel bars rather than the current one (`over`, `over_width`): a
/// running or blocking step first (it is what matters most at a glance),
/// else the longest. Both painters merge by this rule (see [`Merger`]).
pub fn stands_for_merged(kind: BarKind, width: f64, over: BarKind, over_width: f64) -> bool {
    let active = |k: BarKind| matches!(k, BarKind::Running | BarKind::Blocking);
    (active(kind) && !active(over)) || (active(kind) == active(over) && width > over_width)
}

/// The sub-pixel merge rule, the way a screen would blend bars: a piece
/// narrower than a pixel joins the run before it when it touches it (within
/// a pixel) and is equally dimmed; the run is drawn in the kind chosen by
/// [`stands_for_merged`]. A piece a pixel wide or more ends the run and is
/// drawn as it is. Feed a row's pieces in x order; the app and the
/// exporters both paint what comes out (the `bool` says "merged run").
#[derive(Debug)]
pub struct Merger {
    units_per_px: f64,
    /// The run: the bar it is drawn as (x0..x1 spanning it), and the width of the bar whose kind it took.
    run: Option<(Bar, f64)>,
}

impl Merger {
    /// A merger at `units_per_px` axis units per pixel.
    pub fn new(units_per_px: f64) -> Merger {
        Merger { units_per_px, run: None }
    }

    /// Feeds a piece; `out` gets what is finished.
    pub fn push(&mut self, piece: Bar, out: &mut impl FnMut(Bar, bool)) {
        let w = piece.x1 - piece.x0;
        if w < self.units_per_px {
            if let Some((run, best_w)) = &mut self.run
                && run.future == piece.future
                && piece.x0 - run.x1 <= self.units_per_px
            {
                run.x1 = run.x1.max(piece.x1);
                if stands_for_merged(piece.kind, w, run.kind, *best_w) {
                    run.kind = piece.kind;
                    run.state = piece.state;
                    run.segment = piece.segment;
                    *best_w = w;
                }
                return;
            }
            self.finish(out);
            self.run = Some((piece, w));
            return;
        }
        self.finish(out);
        out(piece, false);
    }

    /// The run's right edge and dimming, if a run is open.
    pub fn open_run(&self) -> Option<(f64, bool)> {
        self.run.as_ref().map(|(b, _)| (b.x1, b.future))
    }

    /// Stretches the open run to `x1` (pieces skipped inside its last pixel).
    pub fn extend_to(&mut self, x1: f64) {
        if let Some((b, _)) = &mut self.run {
            b.x1 = b.x1.max(x1);
        }
    }

    /// Ends the open run, if any.
    pub fn finish(&mut self, out: &mut impl FnMut(Bar, bool)) {
        if let Some((b, _)) = self.run.take() {
            out(b, true);
        }
    }
}

/// The axis a run is shown on by default: event order when everything
/// happens at one instant (time would have no length), else time.
pub fn default_axis(timeline: &Timeline) -> Axis {
    if timeline.is_instant() && timeline.end_seq > 0 { Axis::Order } else { Axis::Time }
}

/// Lays out `timeline` (derived from `log`) with `options`.
///
/// # Examples
/// ```
/// use taskline::layout::{self, Axis, Options};
/// let log = taskline::scenarios::find("05_two_tasks_concurrent").unwrap().run();
/// let tl = taskline::trace::timeline::derive(&log);
/// let lay = layout::layout(&log, &tl, &Options { axis: Axis::Time, ..Options::default() });
/// assert_eq!(lay.rows.len(), 3);
/// assert_eq!(lay.x_max, 3.0);
/// ```
pub fn layout(log: &Log, timeline: &Timeline, options: &Options) -> Layout {
    let xs = event_xs(timeline, options.axis);
    let x_of = |seq: u32| xs.get(seq as usize).copied().unwrap_or_else(|| xs.last().copied().unwrap_or(0.0));
    let bar_x = |seg: &timeline::Segment| -> (f64, f64) {
        match options.axis {
            Axis::Time => (seg.t0, seg.t1),
            Axis::Order | Axis::Hybrid => (x_of(seg.seq0), x_of(seg.seq1)),
        }
    };
    let point_x = |seq: u32, t: f64| match options.axis {
        Axis::Time => t,
        _ => x_of(seq),
    };

    let present_tl;
    let (present, future): (&Timeline, Option<&Timeline>) = match options.cursor {
        Some(c) if c.saturating_add(1) < timeline.end_seq => {
            present_tl = timeline.visible_until(c);
            (&present_tl, (options.future == FutureMode::Dim).then_some(timeline))
        }
        _ => (timeline, None),
    };
    let all_rows = future.unwrap_or(present);
    let row_of = |task: TaskId| all_rows.rows.iter().position(|r| r.task == task);

    let mut lay = Layout { axis: options.axis, ..Layout::default() };
    for (i, r) in all_rows.rows.iter().enumerate() {
        lay.rows.push(RowGeom { task: r.task, name: log.task_name(r.task).to_owned(), y: i as f64 });
    }
    let add = |tl: &Timeline, is_future: bool, lay: &mut Layout| {
        for r in &tl.rows {
            let Some(row) = row_of(r.task) else { continue };
            for (si, seg) in r.segments.iter().enumerate() {
                let (x0, x1) = bar_x(seg);
                lay.bars.push(Bar {
                    row,
                    segment: si,
                    x0,
                    x1,
                    state: seg.state,
                    kind: BarKind::of(&seg.state),
                    future: is_future,
                });
            }
            if let Some(end) = &r.end {
                lay.ends.push(EndGeom {
                    row,
                    x: point_x(end.seq, end.t),
                    kind: end.kind,
                    detail: end.detail.clone(),
                    seq: end.seq,
                    future: is_future,
                });
            }
        }
        for m in &tl.markers {
            lay.markers.push(MarkerGeom {
                row: row_of(m.task),
                x: point_x(m.seq, m.t),
                kind: m.kind,
                seq: m.seq,
                text: m.text.clone(),
                future: is_future,
            });
        }
        for l in &tl.links {
            let (Some(from_row), Some(to_row)) = (row_of(l.from), row_of(l.to)) else { continue };
            lay.links.push(LinkGeom {
                kind: l.kind,
                from_row,
                to_row,
                x: point_x(l.seq, l.t),
                seq: l.seq,
                future: is_future,
            });
        }
    };
    if let Some(f) = future {
        // Only what lies beyond the present: later segments, marks and links.
        let cut = options.cursor.unwrap_or(0);
        let mut later = Layout::default();
        add(f, true, &mut later);
        let cursor_x = x_of(cut);
        lay.bars.extend(
            later.bars.into_iter().filter(|b| b.x1 > cursor_x || f.rows[b.row].segments[b.segment].seq1 > cut + 1),
        );
        lay.ends.extend(later.ends.into_iter().filter(|e| e.seq > cut));
        lay.markers.extend(later.markers.into_iter().filter(|m| m.seq > cut));
        lay.links.extend(later.links.into_iter().filter(|l| l.seq > cut));
    }
    add(present, false, &mut lay);

    lay.x_min = xs.first().copied().unwrap_or(0.0).min(0.0);
    let shown = future.unwrap_or(present);
    lay.x_max = match options.axis {
        Axis::Time => shown.end_time,
        _ => x_of(shown.end_seq),
    }
    .max(lay.x_min);
    lay.cursor_x = options.cursor.map(|c| match options.axis {
        Axis::Time => timeline.time_at(c),
        _ => x_of(c),
    });
    lay.x_title = match options.axis {
        Axis::Time => "time (s)".into(),
        Axis::Order => "event #".into(),
        Axis::Hybrid => "time (s), busy instants widened".into(),
    };
    lay.ticks = ticks(options.axis, timeline, &xs, lay.x_min, lay.x_max);
    let res_end = match (options.cursor, future) {
        (Some(c), None) if c.saturating_add(1) < timeline.end_seq => match options.axis {
            Axis::Time => timeline.time_at(c),
            _ => x_of(c.saturating_add(1)),
        },
        _ => lay.x_max,
    };
    let event_x = |seq: u32| match options.axis {
        Axis::Time => timeline.time_at(seq),
        _ => x_of(seq),
    };
    lay.resources = resources::resource_rows(log, &event_x, res_end, options.cursor, future.is_some());
    let (waits, wakes) = resources::waits_and_wakeups(log);
    let shown = |seq: u32| options.cursor.is_none_or(|c| seq <= c || future.is_some());
    let is_future = |seq: u32| options.cursor.is_some_and(|c| seq > c);
    for w in waits.into_iter().filter(|w| shown(w.seq0)) {
        let Some(row) = lay.row_of_task(w.task) else { continue };
        let x1 = if w.seq1 >= timeline.end_seq { lay.x_max } else { event_x(w.seq1) };
        let x1 = if future.is_none() && !shown(w.seq1) { res_end.max(event_x(w.seq0)) } else { x1 };
        lay.sync_waits.push(SyncWaitGeom {
            row,
            x0: event_x(w.seq0),
            x1,
            seq: w.seq0,
            object: w.object,
            text: w.text,
            future: is_future(w.seq0),
        });
    }
    for w in wakes.into_iter().filter(|w| shown(w.seq)) {
        let (Some(from_row), Some(to_row)) = (lay.row_of_task(w.from), lay.row_of_task(w.to)) else { continue };
        lay.wakes.push(WakeGeom {
            from_row,
            to_row,
            x: event_x(w.seq),
            seq: w.seq,
            object: w.object,
            future: is_future(w.seq),
        });
    }
    lay.sync_waits.sort_by(|a, b| (a.row, a.x0).partial_cmp(&(b.row, b.x0)).unwrap_or(std::cmp::Ordering::Equal));
    lay.xs = xs;
    // Group bars by row (stable: each row's future part, then its present part, in x order).
    lay.bars.sort_by_key(|b| (b.row, !b.future));
    lay.row_ranges = vec![0..0; lay.rows.len()];
    let mut i = 0;
    while i < lay.bars.len() {
        let (row, start) = (lay.bars[i].row, i);
        while i < lay.bars.len() && lay.bars[i].row == row {
            i += 1;
        }
        if let Some(r) = lay.row_ranges.get_mut(row) {
            *r = start..i;
        }
    }
    lay
}

/// x of every event, plus one past the last.
fn event_xs(tl: &Timeline, axis: Axis) -> Vec<f64> {
    let n = tl.end_seq as usize;
    match axis {
        Axis::Time => (0..=n).map(|s| tl.time_at(u32::try_from(s).unwrap_or(u32::MAX))).collect(),
        Axis::Order => (0..=n).map(|s| s as f64).collect(),
        Axis::Hybrid => {
            // Each event adds a fixed width; together they take about a third of the axis.
            let w = if tl.end_time > 0.0 && n > 0 { tl.end_time / (2.0 * n as f64) } else { 1.0 };
            let mut xs = Vec::with_capacity(n + 1);
            for s in 0..=n {
                let t = tl.time_at(u32::try_from(s.saturating_sub(1)).unwrap_or(0));
                let t = if s == 0 { tl.time_at(0).min(0.0) } else { t };
                xs.push(t + w * s as f64);
            }
            xs
        }
    }
}

/// "Nice" tick step for a span and about `n` ticks: 1, 2 or 5 × 10^k.
pub fn nice_step(span: f64, n: usize) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    step * mag
}

fn ticks(axis: Axis, tl: &Timeline, xs: &[f64], x_min: f64, x_max: f64) -> Vec<Tick> {
    match axis {
        Axis::Time => {
            let step = nice_step(x_max - x_min, 8);
            let mut out = Vec::new();
            let mut k = (x_min / step).ceil() as i64;
            loop {
                let x = k as f64 * step;
                if x > x_max + step * 1e-9 || out.len() > 1000 {
                    break;
                }
                out.push(Tick { x, label: format!("{} s", crate::trace::explain::fmt_number(x)) });
                k += 1;
            }
            out
        }
        Axis::Order => {
            let step = nice_step(x_max - x_min, 10).max(1.0);
            let mut out = Vec::new();
            let mut x = 0.0;
            while x <= x_max && out.len() <= 1000 {
                out.push(Tick { x, label: format!("#{}", x as u64) });
                x += step;
            }
            out
        }
        Axis::Hybrid => {
            // A tick at the first event of each instant, thinned to about 10.
            let mut out: Vec<Tick> = Vec::new();
            let mut last_t = f64::NEG_INFINITY;
            for (s, &x) in xs.iter().enumerate().take(xs.len().saturating_sub(1)) {
                let t = tl.time_at(u32::try_from(s).unwrap_or(0));
                if t > last_t {
                    out.push(Tick { x, label: format!("{} s", crate::trace::explain::fmt_number(t)) });
                    last_t = t;
                }
            }
            if out.len() > 10 {
                let keep = out.len().div_ceil(10);
                out = out.into_iter().step_by(keep).collect();
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;
    use crate::trace::timeline::derive;

    fn lay(id: &str, options: Options) -> (Log, Layout) {
        let log = scenarios::find(id).expect("scenario").run();
        let tl = derive(&log);
        let l = layout(&log, &tl, &options);
        (log, l)
    }

    #[test]
    fn rows_follow_creation_order_and_time_spans_the_run() {
        let (_, l) = lay("10_shield_wait_for", Options::default());
        let names: Vec<&str> = l.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["main", "shielded"]);
        assert_eq!((l.x_min, l.x_max), (0.0, 10.0));
        // The shielded task sleeps from 0 to 10 s, past the 5 s timeout.
        let sleep = l.bars.iter().find(|b| b.row == 1 && b.kind == BarKind::Sleeping).expect("sleep bar");
        assert_eq!((sleep.x0, sleep.x1), (0.0, 10.0));
        assert!(l.ends.iter().all(|e| e.kind == EndKind::Done));
        assert!(l.markers.iter().any(|m| m.kind == MarkerKind::TimeoutFired && m.x == 5.0));
    }

    #[test]
    fn order_axis_gives_each_event_its_own_column() {
        let (log, l) = lay("27_sleep0_order", Options { axis: Axis::Order, ..Options::default() });
        assert_eq!(l.x_max, log.events.len() as f64);
        for (i, _) in log.events.iter().enumerate() {
            assert_eq!(l.x_of_seq(i as u32), i as f64);
        }
        // Running bars of different tasks never overlap in event order.
        let mut running: Vec<(f64, f64)> =
            l.bars.iter().filter(|b| b.kind == BarKind::Running).map(|b| (b.x0, b.x1)).collect();
        running.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(running.windows(2).all(|w| w[0].1 <= w[1].0));
    }

    #[test]
    fn hybrid_axis_is_monotone_and_widens_instants() {
        let (log, l) = lay("07_cancel_long_task", Options { axis: Axis::Hybrid, ..Options::default() });
        let xs: Vec<f64> = (0..=log.events.len() as u32).map(|s| l.x_of_seq(s)).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "strictly increasing");
        assert!(l.x_max > log.end_time(), "instants add width");
    }

    #[test]
    fn a_cursor_hides_the_future_or_dims_it() {
        let (log, hidden) = lay("05_two_tasks_concurrent", Options { cursor: Some(3), ..Options::default() });
        assert!(hidden.bars.iter().all(|b| !b.future));
        assert_eq!(hidden.rows.len(), 3, "two tasks created by event 3");
        assert!(hidden.ends.is_empty());
        let (_, dimmed) =
            lay("05_two_tasks_concurrent", Options { cursor: Some(3), future: FutureMode::Dim, ..Options::default() });
        assert!(dimmed.bars.iter().any(|b| b.future));
        assert_eq!(dimmed.ends.len(), 3);
        assert!(dimmed.ends.iter().all(|e| e.future));
        assert_eq!(dimmed.cursor_x, Some(log.events[3].time));
    }

    #[test]
    fn sub_pixel_bars_merge() {
        let (_, l) = lay("27_sleep0_order", Options { axis: Axis::Order, ..Options::default() });
        let all = l.visible_bars(0, l.x_min, l.x_max, 0.001).len();
        let merged = l.visible_bars(0, l.x_min, l.x_max, 100.0).len();
        assert!(merged < all, "{merged} < {all}");
        assert!(merged >= 1);
    }

    #[test]
    fn clicking_finds_the_nearest_event() {
        let (_, l) = lay("27_sleep0_order", Options { axis: Axis::Order, ..Options::default() });
        assert_eq!(l.seq_at_x(4.2), Some(4));
        assert_eq!(l.seq_at_x(-3.0), Some(0));
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(10.0, 10), 1.0);
        assert_eq!(nice_step(10.0, 4), 5.0);
        assert_eq!(nice_step(0.3, 3), 0.1);
    }
}
