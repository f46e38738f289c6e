//! Chrome's trace event format (the JSON object form), for Perfetto UI and
//! `chrome://tracing`.
//!
//! | trace | from the run |
//! |-------|--------------|
//! | process `pid` 1, named by `process_name` metadata | the run (its title) |
//! | a thread per task: `tid` = task id + 1, `thread_name` = the task's name, `thread_sort_index` = creation order | a task's row |
//! | thread `tid` 0, `event loop` (only when needed) | the loop's own markers (shutdown, deadlock, budget) |
//! | complete events (`ph: "X"`, `cat: "state"`) | one per state interval: the name is the state in words (`sleeping until 10.0 s`), since Perfetto ignores colour hints; `args` hold the short state name and the first and last step; `cname` is a hint for `chrome://tracing` |
//! | instant events (`ph: "i"`, `s: "t"`, `cat: "marker"` or `"end"`) | markers (cancel requested, CancelledError thrown in, timeout fired, shield, print, warnings) and end marks |
//! | flow events (`ph: "s"` / `"f"`, `bp: "e"`, `cat: "link"`, a unique `id`) | spawn, await, cancel and shield links, from the slice that is current on one track to the one on the other |
//! | counter events (`ph: "C"`, `cat: "resource"`, named `lock (Lock)`) | the resource rows: a lock's `held` and an event's `set` (1 or 0), a semaphore's `free` count, a queue's `length`, a barrier's parties `waiting` (`--no-resources` / `--resources` pick them) |
//!
//! Times (`ts`, `dur`) are microseconds of virtual time (rounded to the
//! nanosecond); on the event-order axis each event is one millisecond. A
//! step (`at`) leaves out what had not happened yet; a window clips the
//! slices to it and leaves out what lies outside.
//!
//! Zero-length steps are zero-length slices (virtual time does not move
//! while a task runs); they are kept, in order, as the format allows. A flow
//! is written only when both of its ends lie in a slice, so every arrow
//! binds.

use serde_json::{Value, json};

use crate::layout::{Axis, BarKind, ResourceFilter, ResourceKind};
use crate::trace::Log;
use crate::trace::timeline::{EndKind, LinkKind};

use super::scene::View;
use super::{Error, Options};

/// The `pid` of the run's process.
pub const PID: u32 = 1;
/// The `tid` of the event loop's own track.
pub const LOOP_TID: u32 = 0;

/// The `tid` of a task's track.
pub fn tid(task: u32) -> u64 {
    u64::from(task) + 1
}

/// Renders `log` in Chrome's trace event format.
///
/// # Errors
/// As [`super::render`] for the view (step, time, window).
///
/// # Examples
/// ```
/// use taskline::export::{chrome, Options};
/// let log = taskline::scenarios::find("10_shield_wait_for").unwrap().run();
/// let trace: serde_json::Value = serde_json::from_str(&chrome::render(&log, &Options::default())?).unwrap();
/// assert!(trace["traceEvents"].as_array().unwrap().iter().any(|e| e["args"]["name"] == "shielded"));
/// # Ok::<(), taskline::export::Error>(())
/// ```
pub fn render(log: &Log, options: &Options) -> Result<String, Error> {
    let view = View::new(log, options)?;
    Ok(trace(log, &view, &options.resources))
}

/// Microseconds per axis unit.
fn us_per_unit(axis: Axis) -> f64 {
    match axis {
        Axis::Order => 1_000.0,
        Axis::Time | Axis::Hybrid => 1_000_000.0,
    }
}

/// A time in microseconds, rounded to the nanosecond; an integer when whole.
fn micros(x: f64) -> Value {
    let r = (x * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 && r.abs() < 9e15 { json!(r as i64) } else { json!(r) }
}

/// The `cname` hint for `chrome://tracing` (Perfetto ignores it).
fn cname(kind: BarKind) -> &'static str {
    match kind {
        BarKind::Running => "thread_state_running",
        BarKind::Blocking => "thread_state_uninterruptible",
        BarKind::Ready | BarKind::Yielded => "thread_state_runnable",
        BarKind::Sleeping | BarKind::Awaiting | BarKind::Deadline | BarKind::Future => "thread_state_sleeping",
    }
}

use crate::layout::style::marker_name;

fn link_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Spawn => "create_task",
        LinkKind::Await => "await",
        LinkKind::Cancel => "cancel",
        LinkKind::Shield => "cancel held by shield",
    }
}

/// A string as a JSON string literal.
fn quote(s: &str) -> String {
    Value::from(s).to_string()
}

/// The trace of a view: a JSON object with one event per line, so that two
/// traces diff line by line.
pub(crate) fn trace(log: &Log, view: &View, resources: &ResourceFilter) -> String {
    let shown = view.shown();
    let unit = us_per_unit(view.axis);
    let (x0, x1) = (view.x0, view.x1);
    let inside = |x: f64| x >= x0 && x <= x1;
    let mut events: Vec<String> = Vec::new();

    let title = if log.meta.title.is_empty() { log.meta.source.as_str() } else { log.meta.title.as_str() };
    let process = if title.is_empty() { "taskline".to_owned() } else { format!("taskline: {title}") };
    events.push(
        json!({"name": "process_name", "ph": "M", "pid": PID, "tid": LOOP_TID, "args": {"name": process}}).to_string(),
    );
    if shown.markers.iter().any(|m| m.row.is_none() && !m.future && inside(m.x)) {
        events.push(
            json!({"name": "thread_name", "ph": "M", "pid": PID, "tid": LOOP_TID, "args": {"name": "event loop"}})
                .to_string(),
        );
        events.push(
            json!({"name": "thread_sort_index", "ph": "M", "pid": PID, "tid": LOOP_TID, "args": {"sort_index": -1}})
                .to_string(),
        );
    }
    for (i, r) in shown.rows.iter().enumerate() {
        let t = tid(r.task);
        events.push(
            json!({"name": "thread_name", "ph": "M", "pid": PID, "tid": t, "args": {"name": r.name}}).to_string(),
        );
        events.push(
            json!({"name": "thread_sort_index", "ph": "M", "pid": PID, "tid": t, "args": {"sort_index": i}})
                .to_string(),
        );
    }

    // Slices, track by track, in time order; the spans each track covers, for the flows.
    let mut covered: Vec<Vec<(f64, f64)>> = vec![Vec::new(); shown.rows.len()];
    let mut by_row: Vec<Vec<&crate::layout::Bar>> = vec![Vec::new(); shown.rows.len()];
    for bar in shown.bars.iter().filter(|b| !b.future) {
        if let Some(v) = by_row.get_mut(bar.row) {
            v.push(bar);
        }
    }
    for (row, (r, mut bars)) in shown.rows.iter().zip(by_row).enumerate() {
        let segments = view.timeline.row(r.task).map(|tr| tr.segments.as_slice()).unwrap_or(&[]);
        bars.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.segment.cmp(&b.segment)));
        for bar in bars {
            if bar.x1 < x0 || bar.x0 > x1 {
                continue;
            }
            let (a, b) = (bar.x0.max(x0), bar.x1.min(x1));
            let (first, last) = segments.get(bar.segment).map_or((0, 0), |g| (g.seq0, g.seq1.saturating_sub(1)));
            let (ts, dur) = (micros(a * unit), micros((b - a).max(0.0) * unit));
            events.push(format!(
                r#"{{"name":{},"cat":"state","ph":"X","ts":{ts},"dur":{dur},"pid":{PID},"tid":{},"cname":"{}","args":{{"state":"{}","first_step":{first},"last_step":{last}}}}}"#,
                quote(&bar.state.label(log)),
                tid(r.task),
                cname(bar.kind),
                bar.state.name()
            ));
            if let Some(c) = covered.get_mut(row) {
                c.push((a, b));
            }
        }
    }

    for m in shown.markers.iter().filter(|m| !m.future && inside(m.x)) {
        let t = m.row.and_then(|row| shown.rows.get(row)).map_or(u64::from(LOOP_TID), |r| tid(r.task));
        events.push(
            json!({
                "name": marker_name(m.kind), "cat": "marker", "ph": "i", "s": "t",
                "ts": micros(m.x * unit), "pid": PID, "tid": t,
                "args": {"text": m.text, "step": m.seq},
            })
            .to_string(),
        );
    }
    for e in shown.ends.iter().filter(|e| !e.future && inside(e.x)) {
        let Some(r) = shown.rows.get(e.row) else { continue };
        let name = match e.kind {
            EndKind::Done => "done",
            EndKind::Cancelled => "cancelled",
            EndKind::Failed => "failed",
        };
        events.push(
            json!({
                "name": name, "cat": "end", "ph": "i", "s": "t",
                "ts": micros(e.x * unit), "pid": PID, "tid": tid(r.task),
                "args": {"detail": e.detail, "step": e.seq},
            })
            .to_string(),
        );
    }

    let covers = |row: usize, x: f64| covered.get(row).is_some_and(|c| c.iter().any(|&(a, b)| a <= x && x <= b));
    let mut id = 0u64;
    for l in shown.links.iter().filter(|l| !l.future && inside(l.x) && l.from_row != l.to_row) {
        let (Some(from), Some(to)) = (shown.rows.get(l.from_row), shown.rows.get(l.to_row)) else { continue };
        if !(covers(l.from_row, l.x) && covers(l.to_row, l.x)) {
            continue;
        }
        id += 1;
        let ts = micros(l.x * unit);
        let name = link_name(l.kind);
        events.push(json!({"name": name, "cat": "link", "ph": "s", "bp": "e", "id": id, "ts": ts, "pid": PID, "tid": tid(from.task)}).to_string());
        events.push(json!({"name": name, "cat": "link", "ph": "f", "bp": "e", "id": id, "ts": ts, "pid": PID, "tid": tid(to.task)}).to_string());
    }

    // Counter tracks for the resource rows (a lock's and an event's 1 or 0).
    for res in shown.resources.iter().filter(|r| resources.shows(&r.name)) {
        let name = res.title();
        let key = match res.kind {
            ResourceKind::Lock => "held",
            ResourceKind::Event => "set",
            ResourceKind::Semaphore => "free",
            ResourceKind::Queue => "length",
            ResourceKind::Barrier => "waiting",
        };
        let mut points: Vec<(f64, u32)> = Vec::new();
        if res.kind.is_chart() {
            points.extend(res.levels.iter().filter(|l| !l.future).map(|l| (l.x, l.value)));
        } else {
            for h in res.holds.iter().filter(|h| !h.future) {
                points.push((h.x0, 1));
                if h.x1 < res.x_end || h.seq1 < view.timeline.end_seq {
                    points.push((h.x1, 0));
                }
            }
        }
        for (x, v) in points.into_iter().filter(|&(x, _)| inside(x)) {
            events.push(format!(
                r#"{{"name":{},"cat":"resource","ph":"C","ts":{},"pid":{PID},"args":{{"{key}":{v}}}}}"#,
                quote(&name),
                micros(x * unit)
            ));
        }
    }

    let other = json!({
        "generator": "taskline",
        "source": log.meta.source,
        "title": log.meta.title,
        "clock": log.meta.clock,
        "axis": view.axis.name(),
        "time_unit": if view.axis == Axis::Order { "1 ms per event" } else { "virtual microseconds" },
    });
    let mut out = String::with_capacity(events.iter().map(|e| e.len() + 2).sum::<usize>() + 512);
    out.push_str("{\"traceEvents\": [\n");
    out.push_str(&events.join(",\n"));
    out.push_str(&format!("\n],\n\"displayTimeUnit\": \"ms\",\n\"otherData\": {other}\n}}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_whole_microseconds_when_they_can_be() {
        assert_eq!(micros(5_000_000.0).to_string(), "5000000");
        assert_eq!(micros((0.1 + 0.2) * 1e6).to_string(), "300000");
        assert_eq!(micros(1.5).to_string(), "1.5");
        assert_eq!(micros(0.0004).to_string(), "0");
    }
}
