//! What an image shows and where: the view of the run ([`View`]: which
//! layout, which step, which window of the axis) and the picture's pixel
//! geometry ([`Frame`], [`Scene`]: title, name column, rows, axis, legend).
//!
//! Everything is in CSS pixels (SVG user units); a PNG multiplies them by
//! its scale. The frame is sized from the *whole* run, whatever step is
//! shown, so step-through frames (`--at`, GIF) keep the rows and the axis
//! in place while the timeline grows.

use crate::layout::{self, Axis, FutureMode, Layout, nice_step};
use crate::trace::Log;
use crate::trace::timeline::{self, Timeline};

use super::font::text_width;
use super::{At, Error, Options};

/// The view of a run an image shows: the whole run's layout (which sizes
/// the frame), the layout at the chosen step (what is drawn), and the
/// window of the axis.
#[derive(Debug)]
pub struct View {
    /// The axis.
    pub axis: Axis,
    /// The whole run's timeline.
    pub timeline: Timeline,
    /// The whole run, laid out.
    pub full: Layout,
    /// What is drawn, when a cursor is set (`None`: `full`).
    pub at_cursor: Option<Layout>,
    /// The cursor (an event's sequence number).
    pub cursor: Option<u32>,
    /// Left edge of the window, in axis units.
    pub x0: f64,
    /// Right edge of the window, in axis units.
    pub x1: f64,
}

impl View {
    /// Resolves `options` (axis, step or time, window) against `log`.
    ///
    /// # Errors
    /// [`Error::StepOutOfRange`], [`Error::TimeOutOfRange`], [`Error::BadWindow`].
    pub fn new(log: &Log, options: &Options) -> Result<View, Error> {
        let timeline = timeline::derive(log);
        let axis = options.axis.unwrap_or_else(|| layout::default_axis(&timeline));
        let full = layout::layout(log, &timeline, &layout::Options { axis, cursor: None, future: FutureMode::Hide });
        let cursor = match options.at {
            None => None,
            Some(at) => Some(cursor_at(&timeline, at)?),
        };
        let (x0, x1) = window(&full, options)?;
        let mut view = View { axis, timeline, full, at_cursor: None, cursor: None, x0, x1 };
        view.set_cursor(log, cursor, options.future);
        Ok(view)
    }

    /// Moves the cursor (the GIF's frames), laying the run out again.
    pub fn set_cursor(&mut self, log: &Log, cursor: Option<u32>, future: FutureMode) {
        self.cursor = cursor;
        self.at_cursor = cursor.map(|c| {
            layout::layout(log, &self.timeline, &layout::Options { axis: self.axis, cursor: Some(c), future })
        });
    }

    /// The layout to draw.
    pub fn shown(&self) -> &Layout {
        self.at_cursor.as_ref().unwrap_or(&self.full)
    }

    /// The last step of the run, if it has events.
    pub fn last_step(&self) -> Option<u32> {
        self.timeline.end_seq.checked_sub(1)
    }
}

/// The cursor for `at`: the step itself, or the last event at or before the time.
fn cursor_at(tl: &Timeline, at: At) -> Result<u32, Error> {
    let last = tl.end_seq.checked_sub(1);
    match at {
        At::Step(step) => match last {
            Some(last) if step <= last => Ok(step),
            _ => Err(Error::StepOutOfRange { step, last }),
        },
        At::Time(time) => {
            let first = if last.is_some() { tl.time_at(0) } else { 0.0 };
            let end = tl.end_time;
            match last {
                Some(_) if time.is_finite() && time >= first && time <= end => {
                    // The clock is monotone: the events at or before `time` are a prefix.
                    let (mut lo, mut hi) = (0u32, tl.end_seq);
                    while lo < hi {
                        let mid = lo + (hi - lo) / 2;
                        if tl.time_at(mid) <= time {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    Ok(lo.saturating_sub(1))
                }
                _ => Err(Error::TimeOutOfRange { time, first, end }),
            }
        }
    }
}

/// The window `options` asks for, checked against the run's extent.
fn window(full: &Layout, options: &Options) -> Result<(f64, f64), Error> {
    let (min, max) = (full.x_min, full.x_max);
    let w = options.window;
    if w.start.is_none() && w.end.is_none() {
        return Ok(if max > min { (min, max) } else { (min, min + 1.0) });
    }
    let (start, end) = (w.start.unwrap_or(min), w.end.unwrap_or(max));
    let (axis, unit) = match full.axis {
        Axis::Time => ("time", "seconds"),
        Axis::Order => ("order", "event numbers"),
        Axis::Hybrid => ("hybrid", "seconds, busy instants widened"),
    };
    let bad = |reason| Error::BadWindow { start, end, reason, axis, unit, min, max };
    let eps = 1e-9 * (max - min).abs().max(1.0);
    if !(start.is_finite() && end.is_finite()) || start >= end {
        return Err(bad("empty"));
    }
    if start < min - eps || end > max + eps {
        return Err(bad("outside the run"));
    }
    Ok((start, end))
}

/// Sizes, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Outer margin.
    pub pad: f64,
    /// Height of a row.
    pub row_height: f64,
    /// Task names.
    pub name_size: f64,
    /// Tick labels and the axis title.
    pub tick_size: f64,
    /// Legend labels.
    pub legend_size: f64,
    /// The title.
    pub title_size: f64,
    /// The line under the title.
    pub subtitle_size: f64,
    /// End marks (✓ ✗ !).
    pub end_size: f64,
}

impl Metrics {
    /// Rows beyond this many are drawn compact.
    pub const COMPACT_ROWS: usize = 40;

    /// The sizes for `rows` rows: roomy for the few rows of a lesson,
    /// compact for large logs.
    pub fn for_rows(rows: usize) -> Metrics {
        let base = Metrics {
            pad: 24.0,
            row_height: 40.0,
            name_size: 15.0,
            tick_size: 13.0,
            legend_size: 13.0,
            title_size: 22.0,
            subtitle_size: 13.0,
            end_size: 17.0,
        };
        if rows > Self::COMPACT_ROWS {
            Metrics { row_height: 16.0, name_size: 11.0, end_size: 11.0, ..base }
        } else {
            base
        }
    }
}

/// Where things land in the image, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Image width.
    pub width: f64,
    /// Image height.
    pub height: f64,
    /// x of the window's left edge.
    pub plot_left: f64,
    /// x of the window's right edge.
    pub plot_right: f64,
    /// y of the top of row 0.
    pub rows_top: f64,
    /// Height of a row.
    pub row_height: f64,
    /// Number of rows (every task of the run).
    pub rows: usize,
    /// The window's left edge, in axis units.
    pub x0: f64,
    /// The window's right edge, in axis units.
    pub x1: f64,
}

impl Frame {
    /// The margin between the axis line's ends and the window's edges, so
    /// that what happens at the very start or end is not drawn on the edge.
    pub const INNER: f64 = 10.0;

    /// The pixel x of an axis x.
    pub fn px_from_x(&self, x: f64) -> f64 {
        self.plot_left + (x - self.x0) / (self.x1 - self.x0) * (self.plot_right - self.plot_left)
    }

    /// Axis units per pixel (what [`Layout::visible_bars`] merges below).
    pub fn units_per_px(&self) -> f64 {
        (self.x1 - self.x0) / (self.plot_right - self.plot_left).max(1.0)
    }

    /// The top of a row.
    pub fn row_top(&self, row: usize) -> f64 {
        self.rows_top + row as f64 * self.row_height
    }

    /// The vertical centre of a row (where its bars are centred).
    pub fn row_center(&self, row: usize) -> f64 {
        self.row_top(row) + self.row_height / 2.0
    }

    /// The bottom of the last row (where the axis is).
    pub fn rows_bottom(&self) -> f64 {
        self.row_top(self.rows)
    }
}

pub use crate::layout::glyph::{Glyph as Icon, LegendKey, end_label, link_label};

/// A legend entry, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// What it shows.
    pub key: LegendKey,
    /// Its words.
    pub label: String,
    /// Left edge of its sample.
    pub x: f64,
    /// Vertical centre of its line.
    pub y: f64,
}

/// Width of a legend sample.
pub const LEGEND_SAMPLE: f64 = 26.0;

/// A tick on the x axis, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedTick {
    /// Pixel x.
    pub px: f64,
    /// Its label.
    pub label: String,
}

/// The picture's parts, placed: the frame, the title, the names, the axis, the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The geometry.
    pub frame: Frame,
    /// The sizes used.
    pub metrics: Metrics,
    /// The title (may be empty: no title line).
    pub title: String,
    /// Baseline of the title.
    pub title_y: f64,
    /// The line under the title (source, size, step).
    pub subtitle: String,
    /// Baseline of the subtitle.
    pub subtitle_y: f64,
    /// Row names (fitted to the name column), by row.
    pub names: Vec<String>,
    /// Ticks inside the window.
    pub ticks: Vec<PlacedTick>,
    /// The axis title.
    pub x_title: String,
    /// Legend entries (empty without a legend).
    pub legend: Vec<LegendItem>,
    /// The resource rows drawn (indices in the layout's `resources`), in
    /// order, on the rows after the tasks'.
    pub resources: Vec<usize>,
}

impl Scene {
    /// Places everything for `view` at `options.width`.
    ///
    /// # Errors
    /// [`Error::BadOption`] for a width out of range.
    pub fn new(log: &Log, view: &View, options: &Options) -> Result<Scene, Error> {
        super::check_width(options)?;
        let full = &view.full;
        let resources: Vec<usize> = (full.resources.iter().enumerate())
            .filter(|(_, r)| options.resources.shows(&r.name))
            .map(|(i, _)| i)
            .collect();
        let rows = full.rows.len() + resources.len();
        let m = Metrics::for_rows(rows);
        let width = f64::from(options.width);

        // The name column: as wide as the longest name, up to a third of the image.
        let name_max = (width * 0.3).max(60.0);
        let names: Vec<String> = (full.rows.iter().map(|r| r.name.clone()))
            .chain(resources.iter().map(|&i| full.resources[i].title()))
            .map(|name| super::font::fit(&name, m.name_size, false, name_max))
            .collect();
        let name_w = names.iter().map(|n| text_width(n, m.name_size, false)).fold(40.0, f64::max);
        // Names, a gap, the task's colour stripe, the axis's start, a margin, then x0.
        let plot_left = (m.pad + name_w + 12.0 + 4.0 + 4.0 + Frame::INNER).round();
        let end_gutter = m.end_size + Frame::INNER;
        let plot_right = (width - m.pad - end_gutter).round().max(plot_left + 50.0);

        // The title and the line under it: cut to the picture's width (with `…`).
        let text_max = (width - 2.0 * m.pad).max(0.0);
        let title = match &options.title {
            Some(t) => t.as_str(),
            None if !log.meta.title.is_empty() => log.meta.title.as_str(),
            None => log.meta.source.as_str(),
        };
        let title = super::font::fit(title, m.title_size, true, text_max);
        let mut y = m.pad;
        let mut title_y = 0.0;
        if !title.is_empty() {
            title_y = y + m.title_size * 0.8;
            y += m.title_size * 1.25;
        }
        let subtitle = super::font::fit(&subtitle(log, view), m.subtitle_size, false, text_max);
        let subtitle_y = y + m.subtitle_size;
        y += m.subtitle_size * 1.6;
        // Room above the rows for the cursor's label.
        y += if view.cursor.is_some() { m.tick_size * 1.8 } else { 8.0 };
        let rows_top = y.round();

        let frame = Frame {
            width,
            height: 0.0,
            plot_left,
            plot_right,
            rows_top,
            row_height: m.row_height,
            rows,
            x0: view.x0,
            x1: view.x1,
        };
        let ticks = place_ticks(view, &frame, &m);
        let axis_bottom = frame.rows_bottom() + 6.0 + m.tick_size * 1.4 + m.tick_size * 1.6;
        let legend_top = axis_bottom + 10.0;
        let (legend, legend_bottom) =
            if options.legend { place_legend(view, &m, width, legend_top) } else { (Vec::new(), axis_bottom) };
        let height = (legend_bottom + m.pad * 0.75).ceil();
        Ok(Scene {
            frame: Frame { height, ..frame },
            metrics: m,
            title,
            title_y,
            subtitle,
            subtitle_y,
            names,
            ticks,
            x_title: full.x_title.clone(),
            legend,
            resources,
        })
    }

    /// The y of the axis labels' baseline.
    pub fn tick_label_y(&self) -> f64 {
        self.frame.rows_bottom() + 6.0 + self.metrics.tick_size * 1.1
    }

    /// The y of the axis title's baseline.
    pub fn x_title_y(&self) -> f64 {
        self.tick_label_y() + self.metrics.tick_size * 1.5
    }
}

fn subtitle(log: &Log, view: &View) -> String {
    let mut parts = Vec::new();
    if !log.meta.source.is_empty() && log.meta.source != log.meta.title {
        parts.push(log.meta.source.clone());
    }
    let tasks = view.full.rows.len();
    parts.push(format!("{tasks} task{}", if tasks == 1 { "" } else { "s" }));
    parts.push(format!("{} events", view.timeline.end_seq));
    if let (Some(c), Some(last)) = (view.cursor, view.last_step()) {
        let t = crate::trace::explain::fmt_seconds(view.timeline.time_at(c));
        parts.push(format!("at step {c} of {last} ({t})"));
    }
    if log.meta.stopped.is_some() {
        parts.push("stopped early".to_owned());
    }
    parts.join(" · ")
}

/// Decimals needed to print multiples of `step` exactly.
fn decimals(step: f64) -> usize {
    let mut d = 0;
    let mut s = step;
    while d < 9 && (s - s.round()).abs() > 1e-9 * s.abs().max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

fn place_ticks(view: &View, frame: &Frame, m: &Metrics) -> Vec<PlacedTick> {
    let (x0, x1) = (view.x0, view.x1);
    let plot_w = frame.plot_right - frame.plot_left;
    let target = ((plot_w / (m.tick_size * 7.0)).floor() as usize).clamp(2, 12);
    let mut ticks = Vec::new();
    let mut push = |x: f64, label: String| {
        if x >= x0 - 1e-9 * (x1 - x0) && x <= x1 + 1e-9 * (x1 - x0) {
            ticks.push(PlacedTick { px: frame.px_from_x(x), label });
        }
    };
    match view.axis {
        Axis::Time | Axis::Order => {
            let mut step = nice_step(x1 - x0, target);
            if view.axis == Axis::Order {
                step = step.max(1.0).round();
            }
            let d = decimals(step);
            let first = (x0 / step).ceil() as i64;
            let last = (x1 / step + 1e-9).floor() as i64;
            for k in first..=last.min(first + 1000) {
                let x = k as f64 * step;
                let label = format!("{:.*}", d, x);
                push(x, if label == "-0" { "0".to_owned() } else { label });
            }
        }
        Axis::Hybrid => {
            // The layout's ticks (one per instant), thinned so labels do not collide.
            let min_gap = m.tick_size * 4.5;
            let mut last_px = f64::NEG_INFINITY;
            for t in &view.full.ticks {
                let px = frame.px_from_x(t.x);
                if px - last_px >= min_gap && t.x >= x0 && t.x <= x1 {
                    push(t.x, t.label.clone());
                    last_px = px;
                }
            }
        }
    }
    ticks
}

fn place_legend(view: &View, m: &Metrics, width: f64, top: f64) -> (Vec<LegendItem>, f64) {
    let keys: Vec<(LegendKey, String)> = crate::layout::glyph::legend(Some(&view.full), view.cursor.is_some())
        .into_iter()
        .map(|k| (k, k.label().to_owned()))
        .collect();
    let line_h = m.legend_size * 1.9;
    let (left, right) = (m.pad, width - m.pad);
    let mut x = left;
    let mut y = top + line_h / 2.0;
    let mut items = Vec::new();
    for (key, label) in keys {
        let w = LEGEND_SAMPLE + 7.0 + text_width(&label, m.legend_size, false);
        if x > left && x + w > right {
            x = left;
            y += line_h;
        }
        items.push(LegendItem { key, label, x, y });
        x += w + 22.0;
    }
    let bottom = if items.is_empty() { top } else { y + line_h / 2.0 };
    (items, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Window;
    use crate::scenarios;

    fn shield() -> Log {
        scenarios::find("10_shield_wait_for").map(|s| s.run()).unwrap_or_default()
    }

    #[test]
    fn times_select_the_last_event_at_or_before_them() {
        let log = shield();
        let tl = timeline::derive(&log);
        let c = cursor_at(&tl, At::Time(5.0)).unwrap();
        assert!(log.events[c as usize].time <= 5.0);
        assert!(log.events.get(c as usize + 1).is_none_or(|e| e.time > 5.0));
        let last_at_zero = log.events.iter().rposition(|e| e.time == 0.0).unwrap() as u32;
        assert_eq!(cursor_at(&tl, At::Time(0.0)).unwrap(), last_at_zero, "after the events at 0 s");
        assert_eq!(cursor_at(&tl, At::Time(4.9)).unwrap(), last_at_zero);
        assert!(matches!(cursor_at(&tl, At::Time(10.5)), Err(Error::TimeOutOfRange { .. })));
        assert!(matches!(cursor_at(&tl, At::Step(23)), Err(Error::StepOutOfRange { step: 23, last: Some(22) })));
        assert_eq!(cursor_at(&tl, At::Step(22)).unwrap(), 22);
    }

    #[test]
    fn windows_are_checked() {
        let log = shield();
        let ok = |start, end| View::new(&log, &Options { window: Window { start, end }, ..Options::default() });
        let v = ok(Some(2.0), None).unwrap();
        assert_eq!((v.x0, v.x1), (2.0, 10.0));
        assert!(matches!(ok(Some(5.0), Some(5.0)), Err(Error::BadWindow { reason: "empty", .. })));
        assert!(matches!(ok(Some(-1.0), Some(5.0)), Err(Error::BadWindow { reason: "outside the run", .. })));
        assert!(matches!(ok(None, Some(11.0)), Err(Error::BadWindow { .. })));
    }

    #[test]
    fn instant_runs_default_to_the_order_axis() {
        let log = scenarios::find("27_sleep0_order").map(|s| s.run()).unwrap_or_default();
        let v = View::new(&log, &Options::default()).unwrap();
        assert_eq!(v.axis, Axis::Order);
        assert_eq!(View::new(&shield(), &Options::default()).unwrap().axis, Axis::Time);
    }

    #[test]
    fn the_frame_keeps_its_size_through_the_steps() {
        let log = shield();
        let at = |s| {
            let o = Options { at: Some(At::Step(s)), ..Options::default() };
            Scene::new(&log, &View::new(&log, &o).unwrap(), &o).unwrap().frame
        };
        assert_eq!(at(0), at(22));
        assert_eq!(at(0).rows, 2);
    }

    #[test]
    fn tick_labels_have_the_decimals_they_need() {
        assert_eq!(decimals(1.0), 0);
        assert_eq!(decimals(0.5), 1);
        assert_eq!(decimals(0.02), 2);
        assert_eq!(decimals(20.0), 0);
    }
}
