//! The Gantt timeline: paints a [`Layout`] inside an `egui_plot` plot.
//!
//! The layout is computed once per axis for the whole log ([`Prepared`]);
//! the step-through cursor is applied while painting (what lies after it is
//! left out or dimmed), so stepping costs no relayout and a frame's work
//! depends on what is on screen, not on the log's length:
//!
//! * rows outside the plot are skipped, and when rows are thinner than a
//!   pixel only one row per pixel line is drawn;
//! * in a row, the first visible bar is found by binary search, bars
//!   narrower than a pixel are merged into one (drawn in the kind of the
//!   longest), and the rest of a merged pixel is skipped by binary search;
//! * patterns, end glyphs and labels are drawn only where they fit;
//! * markers and links are in event order, so their visible range is found
//!   by binary search too.
//!
//! This follows `paint_record` in puffin_egui's flamegraph.

use std::ops::{Range, RangeInclusive};

use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, pos2, vec2};
use egui_plot::{GridInput, GridMark, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use crate::layout::glyph::{CROSS_SPACING, DOT_RADIUS, DOT_SPACING, HATCH_SPACING, end_parts, pattern_ink};
use crate::layout::style::end_style;
use crate::layout::style::resource_colour;
use crate::layout::{self, Axis, BarKind, Chrome, FutureMode, Layout, Pattern, Rgba, Theme};
use crate::layout::{Glyph, Merger, Part, ResourceKind, ResourceRow};
use crate::trace::explain::{fmt_number, fmt_seconds};
use crate::trace::timeline::{EndKind, LinkKind, MarkerKind, Timeline};
use crate::trace::{Log, NONE};

/// A layout of the whole log on one axis, indexed for painting.
#[derive(Debug)]
pub struct Prepared {
    /// The geometry (no cursor: everything).
    pub layout: Layout,
    /// Per bar: `(seq0, seq1)` of its segment.
    bar_seqs: Vec<(u32, u32)>,
    /// Per row: its bars' index range in `layout.bars` (sorted by x).
    row_ranges: Vec<Range<usize>>,
    /// Per row: the sequence number of the task's `Created` event.
    row_created: Vec<u32>,
    /// Per row: index of its end mark in `layout.ends`, if any.
    row_end: Vec<Option<usize>>,
    /// Per link: its virtual time (for the cancel arrow's label on any axis).
    link_t: Vec<f64>,
}

impl Prepared {
    /// Lays out `tl` on `axis` and indexes it.
    pub fn new(log: &Log, tl: &Timeline, axis: Axis) -> Prepared {
        let layout = layout::layout(log, tl, &layout::Options { axis, cursor: None, future: FutureMode::Hide });
        let bar_seqs = layout
            .bars
            .iter()
            .map(|b| tl.rows.get(b.row).and_then(|r| r.segments.get(b.segment)).map_or((0, NONE), |s| (s.seq0, s.seq1)))
            .collect();
        let mut row_ranges = vec![0..0; layout.rows.len()];
        let mut i = 0;
        while i < layout.bars.len() {
            let row = layout.bars[i].row;
            let start = i;
            while i < layout.bars.len() && layout.bars[i].row == row {
                i += 1;
            }
            if let Some(r) = row_ranges.get_mut(row) {
                *r = start..i;
            }
        }
        let row_created = tl.rows.iter().map(|r| r.created_seq).collect();
        let mut row_end = vec![None; layout.rows.len()];
        for (i, e) in layout.ends.iter().enumerate() {
            if let Some(slot) = row_end.get_mut(e.row) {
                *slot = Some(i);
            }
        }
        let link_t = layout.links.iter().map(|l| tl.time_at(l.seq)).collect();
        Prepared { layout, bar_seqs, row_ranges, row_created, row_end, link_t }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.layout.rows.len()
    }

    /// Whether row `row`'s task exists just after event `cursor`.
    pub fn row_exists(&self, row: usize, cursor: u32) -> bool {
        self.row_created.get(row).is_some_and(|&c| c <= cursor)
    }

    /// How many rows exist just after event `cursor` (rows are in creation order).
    pub fn rows_at(&self, cursor: u32) -> usize {
        self.row_created.partition_point(|&c| c <= cursor)
    }

    /// Where what has happened by event `cursor` ends: the cursor's time on
    /// the time axis, the right edge of its column on the others.
    pub fn present_end_x(&self, cursor: u32) -> f64 {
        match self.layout.axis {
            Axis::Time => self.layout.x_of_seq(cursor),
            _ => self.layout.x_of_seq(cursor.saturating_add(1)),
        }
    }

    /// The cursor's line.
    pub fn cursor_x(&self, cursor: u32) -> f64 {
        self.layout.x_of_seq(cursor)
    }

    /// The bar of `row` under `x`, if any.
    pub fn bar_at(&self, row: usize, x: f64) -> Option<usize> {
        let range = self.row_ranges.get(row)?.clone();
        let bars = &self.layout.bars[range.clone()];
        let i = bars.partition_point(|b| b.x1 < x);
        // Instants (x0 == x1) share an x with their neighbours: prefer a bar with width.
        (i..bars.len().min(i + 3)).find(|&j| bars[j].x0 <= x && x <= bars[j].x1).map(|j| range.start + j)
    }

    /// `(seq0, seq1)` of a bar's segment.
    pub fn bar_seqs(&self, bar: usize) -> (u32, u32) {
        self.bar_seqs.get(bar).copied().unwrap_or((0, NONE))
    }

    /// The end mark of a row, if the task ends.
    pub fn end_of_row(&self, row: usize) -> Option<usize> {
        self.row_end.get(row).copied().flatten()
    }

    /// Index range of the markers with x in `[x0, x1]`.
    pub fn markers_in(&self, x0: f64, x1: f64) -> Range<usize> {
        let m = &self.layout.markers;
        m.partition_point(|g| g.x < x0)..m.partition_point(|g| g.x <= x1)
    }

    /// Index range of the links with x in `[x0, x1]`.
    pub fn links_in(&self, x0: f64, x1: f64) -> Range<usize> {
        let l = &self.layout.links;
        l.partition_point(|g| g.x < x0)..l.partition_point(|g| g.x <= x1)
    }
}

/// View settings of the timeline (see `puffin_egui`'s `flamegraph::Options`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Light or dark palette.
    pub theme: Theme,
    /// What to do with events after the cursor.
    pub future: FutureMode,
    /// Write the state in bars wide enough for it.
    pub label_bars: bool,
    /// The narrowest bar, in points, that gets a fill pattern.
    pub min_pattern_width: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options { theme: Theme::Light, future: FutureMode::Hide, label_bars: true, min_pattern_width: 6.0 }
    }
}

/// An sRGB layout colour as egui's.
pub fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// A colour per task (by row), for the row stripe and the source highlights.
pub fn task_color(row: usize, theme: Theme) -> Color32 {
    color(crate::layout::style::task_colour(row, theme))
}

/// The colour of a marker kind.
pub fn marker_color(kind: MarkerKind, theme: Theme) -> Color32 {
    color(crate::layout::style::marker_colour(kind, theme))
}

pub use crate::layout::style::marker_name;

/// Paints a marker glyph centred at `c`, `r` points in radius (the layout's [`Glyph`]).
pub fn marker_shapes(kind: MarkerKind, c: Pos2, r: f32, col: Color32, out: &mut Vec<Shape>) {
    part_shapes(&Glyph::of(kind).parts(f64::from(r)), c, col, out);
}

/// Paints an end mark (✓ done, ✗ cancelled, ! failed) centred at `c`.
pub fn end_shapes(kind: EndKind, c: Pos2, r: f32, col: Color32, out: &mut Vec<Shape>) {
    part_shapes(&end_parts(kind, f64::from(r)), c, col, out);
}

/// Translates a layout glyph's parts into egui shapes centred at `c`.
pub fn part_shapes(parts: &[Part], c: Pos2, col: Color32, out: &mut Vec<Shape>) {
    let at = |p: [f64; 2]| c + vec2(p[0] as f32, p[1] as f32);
    for part in parts {
        match part {
            Part::Fill(points) => {
                out.push(Shape::convex_polygon(points.iter().map(|&p| at(p)).collect(), col, Stroke::NONE))
            }
            Part::Line { points, width } => {
                let stroke = Stroke::new(*width as f32, col);
                if points.len() == 2 {
                    out.push(Shape::line_segment([at(points[0]), at(points[1])], stroke));
                } else {
                    out.push(Shape::line(points.iter().map(|&p| at(p)).collect(), stroke));
                }
            }
            Part::Circle { r, width } => out.push(Shape::circle_stroke(c, *r as f32, Stroke::new(*width as f32, col))),
            Part::Dot { c: d, r } => out.push(Shape::circle_filled(at(*d), *r as f32, col)),
            Part::Frame { min, max, rounding, width } => out.push(Shape::rect_stroke(
                Rect::from_min_max(at(*min), at(*max)),
                *rounding as f32,
                Stroke::new(*width as f32, col),
                StrokeKind::Middle,
            )),
        }
    }
}

/// Paints a bar of `kind` filling `rect`, with its pattern if it is wide enough.
pub fn bar_shapes(kind: BarKind, rect: Rect, theme: Theme, dim: bool, min_pattern_width: f32, out: &mut Vec<Shape>) {
    let style = kind.style();
    let mut fill = color(style.fill(theme));
    if dim {
        fill = fill.gamma_multiply(0.28);
    }
    let ink = color(pattern_ink(theme, dim));
    let patterned = rect.width() >= min_pattern_width && rect.height() >= 5.0;
    match style.pattern {
        Pattern::Outline => {
            out.push(Shape::rect_filled(rect, 1.0, fill.gamma_multiply(0.3)));
            out.push(Shape::rect_stroke(rect, 1.0, Stroke::new(1.5, fill), StrokeKind::Inside));
        }
        _ => out.push(Shape::rect_filled(rect, 1.0, fill)),
    }
    if !patterned {
        return;
    }
    match style.pattern {
        Pattern::Hatched => hatch(rect, HATCH_SPACING as f32, 1.0, ink, out),
        Pattern::CrossHatched => {
            hatch(rect, CROSS_SPACING as f32, 1.0, ink, out);
            hatch(rect, CROSS_SPACING as f32, -1.0, ink, out);
        }
        Pattern::Dotted => {
            let y = rect.center().y;
            let step = DOT_SPACING as f32;
            let n = ((rect.width() - 4.0) / step).floor().clamp(0.0, 400.0) as usize;
            for i in 0..n {
                out.push(Shape::circle_filled(pos2(rect.left() + 5.0 + i as f32 * step, y), DOT_RADIUS as f32, ink));
            }
        }
        Pattern::Solid | Pattern::Outline => {}
    }
}

/// Diagonal lines every `spacing` points inside `rect` (`dir` 1: `/`, -1: `\`).
fn hatch(rect: Rect, spacing: f32, dir: f32, ink: Color32, out: &mut Vec<Shape>) {
    let h = rect.height();
    let stroke = Stroke::new(1.0, ink);
    let n = ((rect.width() + h) / spacing).ceil().min(600.0) as usize;
    for i in 0..n {
        // The line x + dir*(y - bottom) = k, from the bottom edge up.
        let k = rect.left() - h + i as f32 * spacing;
        let (mut t0, mut t1) = (0.0f32, h);
        // x at height t above the bottom: k + t for "/", or k + h - t for "\".
        let x_at = |t: f32| if dir > 0.0 { k + t } else { k + h - t };
        // Clip t so that x stays in [left, right].
        let (lo, hi) = (rect.left(), rect.right());
        let (ta, tb) = if dir > 0.0 { (lo - k, hi - k) } else { (k + h - hi, k + h - lo) };
        t0 = t0.max(ta);
        t1 = t1.min(tb);
        if t1 - t0 < 0.5 {
            continue;
        }
        out.push(Shape::line_segment([pos2(x_at(t0), rect.bottom() - t0), pos2(x_at(t1), rect.bottom() - t1)], stroke));
    }
}

/// The timeline as one plot item: see the module docs.
#[derive(Debug)]
pub struct TimelineItem<'a> {
    base: PlotItemBase,
    prep: &'a Prepared,
    cursor: u32,
    options: Options,
    min_rows: f64,
    /// The resource rows shown (indices in the layout's `resources`), on the rows after the tasks'.
    resources: Vec<usize>,
    /// The resource rows folded into one row.
    folded: bool,
    /// Shapes pushed in the last `shapes` call are counted here (for tests and benches).
    pub stats: std::cell::Cell<usize>,
}

impl<'a> TimelineItem<'a> {
    /// The item for `prep` with the cursor at `cursor`.
    pub fn new(prep: &'a Prepared, cursor: u32, options: Options) -> TimelineItem<'a> {
        // Hovering is handled by the app (tooltips per segment and marker).
        let base = PlotItemBase::new("timeline".to_owned());
        TimelineItem {
            base,
            prep,
            cursor,
            options,
            min_rows: 0.0,
            resources: Vec::new(),
            folded: false,
            stats: std::cell::Cell::new(0),
        }
    }

    /// Shows these resource rows (indices in the layout's `resources`) under the tasks.
    pub fn with_resources(mut self, resources: Vec<usize>) -> TimelineItem<'a> {
        self.resources = resources;
        self
    }

    /// Folds the resource rows into one row, drawn over each other.
    pub fn with_resources_folded(mut self, folded: bool) -> TimelineItem<'a> {
        self.folded = folded;
        self
    }

    /// How many rows the resource rows take.
    fn resource_rows(&self) -> usize {
        if self.folded { self.resources.len().min(1) } else { self.resources.len() }
    }

    /// Makes the fitted view at least `rows` rows tall, so a few tasks do not get giant rows.
    pub fn with_min_rows(mut self, rows: f64) -> TimelineItem<'a> {
        self.min_rows = rows;
        self
    }

    /// The bounds "zoom to fit" shows.
    pub fn bounds_for_fit(&self) -> PlotBounds {
        self.bounds()
    }

    fn is_future(&self, seq: u32) -> bool {
        seq > self.cursor
    }

    fn shown(&self, seq: u32) -> Option<bool> {
        // Some(dim) if shown.
        match (self.is_future(seq), self.options.future) {
            (false, _) => Some(false),
            (true, FutureMode::Dim) => Some(true),
            (true, FutureMode::Hide) => None,
        }
    }
}

/// Paints everything visible through `transform` into `out`; see the module docs.
pub fn paint(
    prep: &Prepared,
    cursor: u32,
    options: &Options,
    ui: &Ui,
    transform: &PlotTransform,
    out: &mut Vec<Shape>,
) {
    TimelineItem::new(prep, cursor, *options).paint(ui, transform, out);
}

impl TimelineItem<'_> {
    fn paint(&self, ui: &Ui, transform: &PlotTransform, out: &mut Vec<Shape>) {
        let start = out.len();
        let prep = self.prep;
        let lay = &prep.layout;
        let theme = self.options.theme;
        let chrome = Chrome::of(theme);
        let frame = *transform.frame();
        let bounds = transform.bounds();
        let (vx0, vx1) = (bounds.min()[0], bounds.max()[0]);
        let (vy0, vy1) = (bounds.min()[1], bounds.max()[1]);
        let units_per_px = 1.0 / transform.dpos_dvalue_x().abs().max(1e-12);
        let row_px = transform.dpos_dvalue_y().abs() as f32;
        let rows_shown = match self.options.future {
            FutureMode::Hide => prep.rows_at(self.cursor),
            FutureMode::Dim => prep.rows(),
        };
        if rows_shown == 0 || !vx0.is_finite() || !vx1.is_finite() {
            return;
        }
        let first_row = vy0.floor().max(0.0) as usize;
        let last_row = (vy1.ceil().max(0.0) as usize).min(rows_shown.saturating_sub(1));
        // Thinner than a pixel: one row per pixel line.
        // Thinner than a pixel: one row sampled per 2-pixel band, drawn band-high.
        let row_step = if row_px >= 1.0 { 1 } else { (2.0 / row_px.max(1e-6)).ceil() as usize };
        let band_px = if row_step > 1 { row_step as f32 * row_px } else { 0.0 };
        let present_end = prep.present_end_x(self.cursor);
        let sx = |x: f64| transform.position_from_point_x(x);
        let sy = |y: f64| transform.position_from_point_y(y);

        // Row separators and the task colour stripes.
        if row_px >= 6.0 {
            for row in first_row..=last_row {
                let y = sy(row as f64 + 1.0);
                out.push(Shape::hline(frame.x_range(), y, Stroke::new(1.0, color(chrome.grid).gamma_multiply(0.6))));
                let top = sy(row as f64 + 0.15);
                let bottom = sy(row as f64 + 0.85);
                out.push(Shape::rect_filled(
                    Rect::from_min_max(pos2(frame.left(), top), pos2(frame.left() + 4.0, bottom)),
                    0.0,
                    task_color(row, theme),
                ));
            }
        }

        // Past the cursor: a light shade, so "not yet" reads at a glance.
        if present_end < vx1 {
            let left = sx(present_end).max(frame.left());
            let shade = match theme {
                Theme::Light => Color32::from_black_alpha(10),
                Theme::Dark => Color32::from_white_alpha(6),
            };
            out.push(Shape::rect_filled(Rect::from_min_max(pos2(left, frame.top()), frame.right_bottom()), 0.0, shade));
        }

        // Bars.
        let mut row = first_row;
        while row <= last_row {
            self.paint_row(row, vx0, vx1, units_per_px, row_px, band_px, present_end, ui, transform, out);
            row += row_step;
        }

        // End marks.
        if row_px >= 4.0 {
            for row in first_row..=last_row {
                let Some(ei) = prep.end_of_row(row) else { continue };
                let e = &lay.ends[ei];
                let Some(dim) = self.shown(e.seq) else { continue };
                if e.x < vx0 - units_per_px * 20.0 || e.x > vx1 + units_per_px * 20.0 {
                    continue;
                }
                let mut col = color(end_style(e.kind, theme).1);
                if dim {
                    col = col.gamma_multiply(0.35);
                }
                let r = (row_px * 0.22).clamp(3.0, 7.0);
                let c = pos2(sx(e.x) + r + 3.0, sy(row as f64 + 0.5));
                end_shapes(e.kind, c, r, col, out);
            }
        }

        // The cursor.
        let cx = sx(prep.cursor_x(self.cursor));
        if frame.x_range().contains(cx) {
            out.push(Shape::vline(cx, frame.y_range(), Stroke::new(2.0, color(chrome.cursor))));
            if matches!(prep.layout.axis, Axis::Order | Axis::Hybrid) {
                let right = sx(present_end);
                if right - cx >= 3.0 {
                    out.push(Shape::rect_filled(
                        Rect::from_min_max(pos2(cx, frame.top()), pos2(right, frame.bottom())),
                        0.0,
                        color(chrome.cursor).gamma_multiply(0.12),
                    ));
                }
            }
        }
        // Resource rows, under every task row.
        if row_px >= 3.0 {
            for (k, &i) in self.resources.iter().enumerate() {
                let row = prep.rows() + if self.folded { 0 } else { k };
                if (row as f64) + 1.0 < vy0 || (row as f64) > vy1 {
                    continue;
                }
                if let Some(res) = lay.resources.get(i) {
                    self.paint_resource(res, row, vx0, vx1, present_end, ui, transform, out);
                }
            }
        }

        // Links: arrows between rows, once rows are tall enough to tell apart.
        let lr = if row_px >= 3.0 { prep.links_in(vx0, vx1) } else { 0..0 };
        let link_budget = 4000;
        for (li, l) in lay.links.iter().enumerate().skip(lr.start).take(lr.len().min(link_budget)) {
            let Some(dim) = self.shown(l.seq) else { continue };
            if l.from_row.max(l.to_row) < first_row || l.from_row.min(l.to_row) > last_row + 1 {
                continue;
            }
            if l.from_row >= rows_shown || l.to_row >= rows_shown {
                continue;
            }
            let style = crate::layout::style::link_style(l.kind, theme);
            let (col, width, dashed) = (color(style.colour), style.width, style.dashed);
            let col = if dim { col.gamma_multiply(0.3) } else { col };
            let x = sx(l.x);
            let y0 = sy(l.from_row as f64 + 0.5);
            let y1 = sy(l.to_row as f64 + 0.5);
            if (y1 - y0).abs() < 2.0 {
                continue;
            }
            let dir = if y1 > y0 { 1.0 } else { -1.0 };
            let head = 6.0f32.min((y1 - y0).abs() / 2.0);
            let tip = pos2(x, y1 - dir * (row_px * 0.2).min(8.0));
            let from = pos2(x, y0 + dir * (row_px * 0.2).min(8.0));
            if dashed {
                out.extend(Shape::dashed_line(&[from, tip], Stroke::new(width, col), 4.0, 3.0));
            } else {
                out.push(Shape::line_segment([from, tip], Stroke::new(width, col)));
            }
            out.push(Shape::convex_polygon(
                vec![tip, tip + vec2(-head * 0.6, -dir * head), tip + vec2(head * 0.6, -dir * head)],
                col,
                Stroke::NONE,
            ));
            if l.kind == LinkKind::Cancel && row_px >= 14.0 {
                let t = fmt_seconds(prep.link_t.get(li).copied().unwrap_or(0.0));
                let galley =
                    ui.painter().layout_no_wrap(format!("cancel @ {t}"), egui::FontId::proportional(11.0), col);
                let mid = pos2(x + 4.0, (from.y + tip.y) / 2.0 - galley.size().y / 2.0);
                out.push(Shape::galley(mid, galley, col));
            }
        }

        // Wake arrows: from the task that released, set or put to the task it woke.
        if row_px >= 3.0 {
            let style = crate::layout::glyph::wake_style(theme);
            let w = &lay.wakes;
            let range = w.partition_point(|g| g.x < vx0)..w.partition_point(|g| g.x <= vx1);
            for wk in w[range].iter().take(4000) {
                let Some(dim) = self.shown(wk.seq) else { continue };
                if wk.from_row >= rows_shown || wk.to_row >= rows_shown {
                    continue;
                }
                if wk.from_row.max(wk.to_row) < first_row || wk.from_row.min(wk.to_row) > last_row + 1 {
                    continue;
                }
                let col = color(style.colour);
                let col = if dim { col.gamma_multiply(0.3) } else { col };
                let x = sx(wk.x) + 2.0;
                let (y0, y1) = (sy(wk.from_row as f64 + 0.5), sy(wk.to_row as f64 + 0.5));
                if (y1 - y0).abs() < 2.0 {
                    continue;
                }
                let dir = if y1 > y0 { 1.0 } else { -1.0 };
                let head = 6.0f32.min((y1 - y0).abs() / 2.0);
                let tip = pos2(x, y1 - dir * (row_px * 0.2).min(8.0));
                let from = pos2(x, y0 + dir * (row_px * 0.2).min(8.0));
                out.push(Shape::line_segment([from, tip], Stroke::new(style.width, col)));
                out.push(Shape::convex_polygon(
                    vec![tip, tip + vec2(-head * 0.6, -dir * head), tip + vec2(head * 0.6, -dir * head)],
                    col,
                    Stroke::NONE,
                ));
            }
        }

        // Markers.
        if row_px >= 3.0 {
            let mr = prep.markers_in(vx0 - units_per_px * 8.0, vx1 + units_per_px * 8.0);
            // Markers at the same spot (one instant on the time axis) are set side by side.
            let mut last_px: Option<(usize, f32, u32)> = None;
            for m in &lay.markers[mr] {
                let Some(dim) = self.shown(m.seq) else { continue };
                let (row, yc) = match m.row {
                    Some(r) if r < rows_shown => (r, r as f64 + 0.22),
                    Some(_) => continue,
                    None => (usize::MAX, vy0.max(0.0) + 0.1),
                };
                if row != usize::MAX && (row < first_row || row > last_row) {
                    continue;
                }
                let r = (row_px * 0.14).clamp(2.5, 6.0);
                let x0 = sx(m.x);
                let stacked = match last_px {
                    Some((lr, px, n)) if lr == row && (x0 - px).abs() < 2.0 => n + 1,
                    _ => 0,
                };
                last_px = Some((row, x0, stacked));
                if stacked > 4 {
                    continue;
                }
                let x = x0 + stacked as f32 * (2.0 * r + 2.0);
                let mut col = marker_color(m.kind, theme);
                if dim {
                    col = col.gamma_multiply(0.35);
                }
                if m.kind == MarkerKind::TimeoutFired && row < rows_shown {
                    // The deadline: a tick across the row.
                    out.push(Shape::vline(x, sy(row as f64 + 0.05)..=sy(row as f64 + 0.95), Stroke::new(1.5, col)));
                }
                marker_shapes(m.kind, pos2(x, sy(yc)), r, col, out);
            }
        }

        self.stats.set(out.len() - start);
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_row(
        &self,
        row: usize,
        vx0: f64,
        vx1: f64,
        units_per_px: f64,
        row_px: f32,
        band_px: f32,
        present_end: f64,
        ui: &Ui,
        transform: &PlotTransform,
        out: &mut Vec<Shape>,
    ) {
        let prep = self.prep;
        let Some(range) = prep.row_ranges.get(row).cloned() else { return };
        let bars = &prep.layout.bars[range.clone()];
        let theme = self.options.theme;
        let sx = |x: f64| transform.position_from_point_x(x);
        let sy = |y: f64| transform.position_from_point_y(y);
        // The bar's top and bottom: its share of the row, or the whole band when rows are sampled.
        let ys = |h: f64| -> (f32, f32) {
            let (top, bottom) = (sy(row as f64 + 0.5 - h / 2.0), sy(row as f64 + 0.5 + h / 2.0));
            if band_px > 0.0 {
                let c = (top + bottom) / 2.0;
                (c - band_px / 2.0, c + band_px / 2.0)
            } else {
                (top, bottom)
            }
        };
        // Sampled rows merge more: a 2-pixel band is an overview.
        let units_per_px = if band_px > 0.0 { units_per_px * 2.0 } else { units_per_px };
        let min_pattern_width = self.options.min_pattern_width;
        let label_bars = self.options.label_bars;
        let frame = *transform.frame();
        let mut emit = |piece: layout::Bar, merged: bool| {
            let h = f64::from(piece.kind.style().height);
            let (top, bottom) = ys(h);
            if merged {
                // A merged run: at least a pixel wide, no pattern.
                let (x0, x1) = (sx(piece.x0), sx(piece.x1));
                let rect = Rect::from_min_max(pos2(x0, top), pos2(x1.max(x0 + 1.0), bottom));
                bar_shapes(piece.kind, rect, theme, piece.future, f32::INFINITY, out);
                return;
            }
            let rect = Rect::from_min_max(pos2(sx(piece.x0), top), pos2(sx(piece.x1), bottom));
            let rect = rect.intersect(frame.expand(50.0));
            bar_shapes(piece.kind, rect, theme, piece.future, min_pattern_width, out);
            if piece.kind == BarKind::Sleeping && !piece.future && rect.width() > 3.0 {
                // The wake-up time: a tick at the sleep's end.
                out.push(Shape::vline(
                    rect.right(),
                    sy(row as f64 + 0.3)..=sy(row as f64 + 0.7),
                    Stroke::new(1.5, color(piece.kind.style().fill(theme))),
                ));
            }
            if label_bars && row_px >= 16.0 && rect.width() > 70.0 && !piece.future {
                self.label(&piece, rect, ui, out);
            }
        };
        let mut merger = Merger::new(units_per_px);
        let mut i = bars.partition_point(|b| b.x1 < vx0);
        while i < bars.len() {
            let bar = &bars[i];
            if bar.x0 > vx1 {
                break;
            }
            let (seq0, _) = prep.bar_seqs(range.start + i);
            // Split at the cursor: the part before it has happened.
            let pieces: [(f64, f64, bool); 2] = if seq0 > self.cursor {
                [(bar.x0, bar.x1, true), (0.0, -1.0, true)]
            } else if bar.x1 > present_end {
                [(bar.x0, present_end.max(bar.x0), false), (present_end.max(bar.x0), bar.x1, true)]
            } else {
                [(bar.x0, bar.x1, false), (0.0, -1.0, true)]
            };
            for (x0, x1, future) in pieces {
                if x1 < x0 || (future && self.options.future == FutureMode::Hide) {
                    continue;
                }
                if future && x1 <= x0 && bar.x1 > bar.x0 {
                    continue;
                }
                merger.push(layout::Bar { x0, x1, future, ..bar.clone() }, &mut emit);
            }
            i += 1;
            // Inside a merged run of what has happened, skip by binary search
            // the bars that end within the same pixel (x1 is monotone in a row).
            if let Some((run_x1, false)) = merger.open_run() {
                let limit = (run_x1 + units_per_px).min(present_end);
                let rest = &bars[i..];
                let skip = rest.partition_point(|b| b.x1 < limit);
                if skip > 0 {
                    merger.extend_to(rest[skip - 1].x1);
                    i += skip;
                }
            }
        }
        merger.finish(&mut emit);
    }

    /// A resource row: a lock's holders (bars in their task's colour with
    /// its name), an event's set periods, or a step chart (see
    /// [`crate::layout::resources`]); the cursor cuts it as it cuts the bars.
    #[allow(clippy::too_many_arguments)]
    fn paint_resource(
        &self,
        res: &ResourceRow,
        row: usize,
        vx0: f64,
        vx1: f64,
        present_end: f64,
        ui: &Ui,
        transform: &PlotTransform,
        out: &mut Vec<Shape>,
    ) {
        let theme = self.options.theme;
        let sx = |x: f64| transform.position_from_point_x(x);
        let sy = |y: f64| transform.position_from_point_y(y);
        let hide = self.options.future == FutureMode::Hide;
        let colour = color(resource_colour(res.kind, theme));
        let grid = color(Chrome::of(theme).grid).gamma_multiply(0.6);
        out.push(Shape::hline(transform.frame().x_range(), sy(row as f64 + 1.0), Stroke::new(1.0, grid)));
        let lay = &self.prep.layout;
        let mut drawn_to = f32::NEG_INFINITY;
        let first = res.holds.partition_point(|h| h.x1 < vx0);
        for hold in res.holds[first..].iter().take_while(|h| h.x0 <= vx1) {
            let future = hold.seq0 > self.cursor;
            if future && hide {
                break;
            }
            // Holds inside a pixel already drawn are skipped.
            if sx(hold.x1) <= drawn_to + 0.5 {
                continue;
            }
            drawn_to = sx(hold.x1).max(sx(hold.x0) + 1.0);
            let fill = lay.row_of_task(hold.holder).map_or(colour, |r| task_color(r, theme));
            let mut parts = vec![(hold.x0, hold.x1.min(present_end).max(hold.x0), future)];
            if !future && hold.x1 > present_end && !hide {
                parts.push((present_end, hold.x1, true));
            }
            for (x0, x1, dim) in parts {
                let rect = Rect::from_min_max(
                    pos2(sx(x0), sy(row as f64 + 0.2)),
                    pos2(sx(x1).max(sx(x0) + 1.0), sy(row as f64 + 0.8)),
                );
                let fill = if dim { fill.gamma_multiply(0.3) } else { fill.gamma_multiply(0.8) };
                out.push(Shape::rect_filled(rect, 1.0, fill));
                let text_col = match theme {
                    Theme::Light => Color32::from_gray(20),
                    Theme::Dark => Color32::from_gray(235),
                };
                if !dim && rect.width() > 30.0 && rect.height() >= 10.0 {
                    let galley = ui.painter().layout_no_wrap(
                        hold.label.clone(),
                        egui::FontId::proportional((rect.height() * 0.6).min(11.0)),
                        text_col,
                    );
                    if galley.size().x + 6.0 <= rect.width() {
                        let pos = pos2(rect.left() + 3.0, rect.center().y - galley.size().y / 2.0);
                        out.push(Shape::galley(pos, galley, text_col));
                    }
                }
            }
        }
        if !res.kind.is_chart() || res.levels.is_empty() {
            return;
        }
        if let (ResourceKind::Queue, Some(n)) = (res.kind, res.size)
            && n > 0
        {
            let y = sy(row as f64 + res.level_y(n));
            let muted = color(Chrome::of(theme).link);
            out.extend(Shape::dashed_line(
                &[
                    pos2(sx(vx0.max(res.levels[0].x)), y),
                    pos2(sx(vx1.min(if hide { present_end } else { res.x_end })), y),
                ],
                Stroke::new(1.0, muted),
                3.0,
                3.0,
            ));
        }
        let base = sy(row as f64 + res.level_y(0));
        let levels = &res.levels;
        let mut line: Vec<Pos2> = Vec::new();
        let mut line_dim = false;
        let flush = |line: &mut Vec<Pos2>, dim: bool, out: &mut Vec<Shape>| {
            if line.len() >= 2 {
                let c = if dim { colour.gamma_multiply(0.3) } else { colour };
                out.push(Shape::line(std::mem::take(line), Stroke::new(2.0, c)));
            }
            line.clear();
        };
        for (i, l) in levels.iter().enumerate() {
            let future = l.seq > self.cursor;
            if future && hide {
                break;
            }
            let mut next_x = levels.get(i + 1).map_or(res.x_end, |n| n.x);
            let next_future = levels.get(i + 1).is_some_and(|n| n.seq > self.cursor);
            if !future && (next_future || i + 1 == levels.len()) && hide {
                next_x = next_x.min(present_end).max(l.x);
            }
            if next_x < vx0 || l.x > vx1 {
                continue;
            }
            if future != line_dim {
                flush(&mut line, line_dim, out);
                line_dim = future;
            }
            let (x0, x1) = (sx(l.x.max(vx0)), sx(next_x.min(vx1)));
            let y = sy(row as f64 + res.level_y(l.value));
            if l.value > 0 && x1 > x0 {
                let c = colour.gamma_multiply(if future { 0.08 } else { 0.25 });
                out.push(Shape::rect_filled(Rect::from_min_max(pos2(x0, y), pos2(x1, base)), 0.0, c));
            }
            line.push(pos2(x0, y));
            line.push(pos2(x1, y));
        }
        flush(&mut line, line_dim, out);
    }

    fn label(&self, bar: &layout::Bar, rect: Rect, ui: &Ui, out: &mut Vec<Shape>) {
        let mid = (bar.x0 + bar.x1) / 2.0;
        let waiting = self.prep.layout.sync_wait_at(bar.row, mid).filter(|_| bar.kind == BarKind::Future);
        let text = match bar.state {
            _ if waiting.is_some() => waiting
                .map(|w| {
                    let at = self.prep.present_end_x(self.cursor).min(w.x1);
                    self.prep.layout.wait_text_at(w, at, Some(self.cursor))
                })
                .unwrap_or_default(),
            crate::trace::timeline::State::Sleeping { until } => format!("sleep until {}", fmt_number(until)),
            crate::trace::timeline::State::Deadline { deadline, .. } => format!("deadline {}", fmt_number(deadline)),
            crate::trace::timeline::State::InWorker(j) => format!("in a worker thread (job {})", j + 1),
            s => s.name().to_owned(),
        };
        let theme = self.options.theme;
        let col = match theme {
            Theme::Light => Color32::from_gray(20),
            Theme::Dark => Color32::from_gray(235),
        };
        let galley = ui.painter().layout_no_wrap(text, egui::FontId::proportional(10.5), col);
        if galley.size().x + 8.0 > rect.width() {
            return;
        }
        // Above the bar when it is thin, inside when it is tall.
        let pos =
            if rect.height() >= galley.size().y + 2.0 && bar.kind != BarKind::Sleeping && bar.kind != BarKind::Awaiting
            {
                pos2(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0)
            } else {
                pos2(rect.left() + 4.0, rect.top() - galley.size().y)
            };
        out.push(Shape::galley(pos, galley, col));
    }
}

impl PlotItem for TimelineItem<'_> {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        self.paint(ui, transform, shapes);
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::TRANSPARENT
    }

    fn allow_hover(&self) -> bool {
        false
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        let lay = &self.prep.layout;
        let rows = ((self.prep.rows() + self.resource_rows()).max(1) as f64).max(self.min_rows);
        let pad = ((lay.x_max - lay.x_min) * 0.02).max(1e-9);
        PlotBounds::from_min_max([lay.x_min - pad, -0.1], [lay.x_max + pad * 2.0, rows + 0.1])
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

/// Grid marks for the y axis: one per row centre, thinned when rows are thin.
pub fn row_marks(input: GridInput, rows: usize) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let lo = lo.floor().max(0.0) as usize;
    let hi = (hi.ceil().max(0.0) as usize).min(rows);
    // base_step_size is the value of a few points: keep labels ~16 points apart.
    let step = ((input.base_step_size * 2.5).ceil() as usize).max(1);
    (lo..hi)
        .filter(|r| r % step == 0)
        .take(500)
        .map(|r| GridMark { value: r as f64 + 0.5, step_size: step as f64 })
        .collect()
}

/// The plot point under a screen position.
pub fn point_at(transform: &PlotTransform, pos: Pos2) -> PlotPoint {
    transform.value_from_position(pos)
}
