//! The SVG painter: a [`Scene`] and the [`crate::layout`] it places,
//! written as SVG people can edit.
//!
//! The document has a `viewBox`, keeps text as `<text>` in the embedded
//! font's family, holds no raster, and is grouped: `#title`, `#grid`, one
//! `<g class="task">` per task (its name, bars, end mark and markers, in
//! that order), one `<g class="resource">` per resource row (a lock's
//! holders, a queue's length, …, with a `<title>` explaining it),
//! `#waiting` (what waiting tasks wait for), `#links`, `#wakes` (wake
//! arrows), `#cursor`, `#axis`, `#legend`. Bar fills and
//! marker icons are defined once in `<defs>` (patterns per
//! [`crate::layout::Pattern`], so states stay apart in grey-scale print).
//! Numbers are rounded to two decimals and nothing varies between runs, so
//! the same input gives the same bytes.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use crate::layout::glyph::{end_parts, pattern_ink, wake_style};
use crate::layout::style::{end_style, resource_colour};
use crate::layout::{Bar, BarKind, Chrome, Layout, Part, Pattern, ResourceRow, Rgba, Theme};
use crate::trace::Log;
use crate::trace::timeline::{EndKind, LinkKind};

use super::font::FAMILY_ATTR;
use super::scene::{Frame, Icon, LEGEND_SAMPLE, LegendKey, Scene, View};
use super::{Error, Options};

/// Renders `log` as an SVG document.
///
/// # Errors
/// As [`super::render`] for the view and the width.
///
/// # Examples
/// ```
/// use taskline::export::{svg, Options};
/// let log = taskline::scenarios::find("10_shield_wait_for").unwrap().run();
/// let doc = svg::render(&log, &Options::default())?;
/// assert!(doc.contains(">shielded</text>"));
/// # Ok::<(), taskline::export::Error>(())
/// ```
pub fn render(log: &Log, options: &Options) -> Result<String, Error> {
    let view = View::new(log, options)?;
    let scene = Scene::new(log, &view, options)?;
    // Viewers rasterise it at its size: the same limit as a PNG at scale 1.
    super::png::pixel_size(scene.frame.width, scene.frame.height, 1.0)?;
    Ok(paint(&view, &scene, options.theme))
}

/// A number as written into the SVG: at most two decimals, no trailing zeros.
pub fn num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let mut s = format!("{r:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    s
}

/// Text with XML's special characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The id of a bar kind's fill pattern.
fn pattern_id(kind: BarKind) -> String {
    format!("fill-{}", kind_slug(kind))
}

fn kind_slug(kind: BarKind) -> &'static str {
    match kind {
        BarKind::Running => "running",
        BarKind::Blocking => "blocking",
        BarKind::Ready => "ready",
        BarKind::Sleeping => "sleeping",
        BarKind::Awaiting => "awaiting",
        BarKind::Deadline => "deadline",
        BarKind::Yielded => "yielded",
        BarKind::Future => "future",
    }
}

/// Colours of the picture, from the shared palette.
struct Paint {
    theme: Theme,
    chrome: Chrome,
    /// Alternate row background.
    band: Rgba,
    /// Secondary text (subtitle, axis title).
    muted: Rgba,
}

impl Paint {
    fn new(theme: Theme) -> Paint {
        let chrome = Chrome::of(theme);
        match theme {
            Theme::Light => Paint {
                theme,
                chrome,
                band: mix(chrome.background, chrome.grid, 0.3),
                muted: mix(chrome.text, chrome.background, 0.35),
            },
            Theme::Dark => Paint {
                theme,
                chrome,
                band: mix(chrome.background, chrome.grid, 0.35),
                muted: mix(chrome.text, chrome.background, 0.35),
            },
        }
    }

    fn bar(&self, kind: BarKind) -> Rgba {
        kind.style().fill(self.theme)
    }

    /// A marker's colour (the app's).
    fn icon(&self, icon: Icon) -> Rgba {
        crate::layout::style::marker_colour(icon.kind(), self.theme)
    }

    /// The pattern ink (the app's): its colour and opacity.
    fn ink(&self) -> (String, String) {
        let ink = pattern_ink(self.theme, false);
        (ink.hex(), num(f64::from(ink.0[3]) / 255.0))
    }

    /// A link's colour, stroke width and dashes (the app's).
    fn link(&self, kind: LinkKind) -> (Rgba, f64, bool) {
        let style = crate::layout::style::link_style(kind, self.theme);
        (style.colour, (f64::from(style.width) * 100.0).round() / 100.0, style.dashed)
    }
}

pub use crate::layout::style::task_colour;

fn mix(a: Rgba, b: Rgba, t: f64) -> Rgba {
    let c = |i: usize| (f64::from(a.0[i]) * (1.0 - t) + f64::from(b.0[i]) * t).round() as u8;
    Rgba([c(0), c(1), c(2), 255])
}

/// Every flat colour the painter uses for `theme`, the background first and
/// the text second (the GIF palette is built from them).
pub(crate) fn palette(theme: Theme) -> Vec<Rgba> {
    let p = Paint::new(theme);
    let c = p.chrome;
    let mut out = vec![c.background, c.text, c.grid, c.cursor, c.link, c.cancel, p.muted, p.band];
    for kind in [EndKind::Done, EndKind::Cancelled, EndKind::Failed] {
        out.push(end_style(kind, theme).1);
    }
    let ink = pattern_ink(theme, false);
    let stripe = ink.with_alpha(255);
    let stripe_t = f64::from(ink.0[3]) / 255.0;
    for kind in BarKind::ALL {
        let fill = p.bar(kind);
        out.push(fill);
        match kind.style().pattern {
            Pattern::Solid => {}
            Pattern::Outline => out.push(mix(c.background, fill, 0.3)),
            _ => out.push(mix(fill, stripe, stripe_t)),
        }
    }
    out
}

/// Writes the document.
pub(crate) fn paint(view: &View, scene: &Scene, theme: Theme) -> String {
    let f = &scene.frame;
    let p = Paint::new(theme);
    let mut s = String::with_capacity(4096 + view.shown().bars.len() * 96);
    let (w, h) = (num(f.width), num(f.height));
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FAMILY_ATTR}">"#
    );
    let _ = writeln!(s, "<title>{}</title>", escape(if scene.title.is_empty() { "taskline" } else { &scene.title }));
    let _ = writeln!(s, "<desc>{}</desc>", escape(&format!("Timeline exported by taskline. {}", scene.subtitle)));
    defs(&mut s, &p);
    let _ = writeln!(s, r#"<rect id="background" width="{w}" height="{h}" fill="{}"/>"#, p.chrome.background.hex());
    title(&mut s, scene, &p);
    grid(&mut s, scene, &p);
    not_yet(&mut s, view, scene, &p);
    // Rows come in creation order, so the rows at a step are the first rows
    // of the whole run, with the same indices.
    let shown = view.shown();
    let mut per_row = by_row(shown, f.rows);
    // Each row's bars as the screen shows them: sub-pixel ones merged.
    for (row, own) in per_row.iter_mut().enumerate() {
        own.bars = shown.visible_bars(row, f.x0, f.x1, f.units_per_px());
    }
    let compact = per_row.iter().map(|l| l.bars.len()).sum::<usize>() > COMPACT_BARS;
    for row in 0..f.rows {
        task_group(&mut s, view, scene, &p, row, per_row.get(row).filter(|_| row < shown.rows.len()), compact);
    }
    for (k, &i) in scene.resources.iter().enumerate() {
        if let Some(res) = shown.resources.get(i) {
            resource_group(&mut s, shown, scene, &p, view.full.rows.len() + k, res);
        }
    }
    waiting_labels(&mut s, shown, scene, &p);
    links(&mut s, shown, f, &p);
    wakes(&mut s, shown, f, &p);
    loop_markers(&mut s, shown, f);
    cursor(&mut s, view, scene, &p);
    axis(&mut s, scene, &p);
    legend(&mut s, scene, &p);
    s.push_str("</svg>\n");
    s
}

/// The radius of a marker icon (the app's at a row of this height).
const ICON_R: f64 = 6.0;

fn defs(s: &mut String, p: &Paint) {
    s.push_str("<defs>\n");
    for kind in BarKind::ALL {
        let style = kind.style();
        let fill = p.bar(kind).hex();
        let (stripe, op) = p.ink();
        let id = pattern_id(kind);
        let body = match style.pattern {
            Pattern::Solid | Pattern::Outline => continue,
            Pattern::Hatched => format!(
                r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{fill}"/><rect width="1.6" height="6" fill="{stripe}" fill-opacity="{op}"/></pattern>"#
            ),
            Pattern::CrossHatched => format!(
                r#"<pattern id="{id}" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="7" height="7" fill="{fill}"/><path d="M0.8,0V7M0,0.8H7" stroke="{stripe}" stroke-opacity="{op}" stroke-width="1.6"/></pattern>"#
            ),
            Pattern::Dotted => format!(
                r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{fill}"/><circle cx="3" cy="3" r="1.2" fill="{stripe}" fill-opacity="{op}"/></pattern>"#
            ),
        };
        let _ = writeln!(s, "{body}");
    }
    for icon in Icon::ALL {
        let colour = p.icon(icon);
        let body = parts_svg(&icon.parts(ICON_R), 0.0, 0.0, colour, "");
        let _ = writeln!(s, r#"<g id="{}">{body}</g>"#, icon.id());
    }
    s.push_str("</defs>\n");
}

fn title(s: &mut String, scene: &Scene, p: &Paint) {
    let m = &scene.metrics;
    s.push_str("<g id=\"title\">\n");
    if !scene.title.is_empty() {
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
            num(m.pad),
            num(scene.title_y),
            num(m.title_size),
            p.chrome.text.hex(),
            escape(&scene.title)
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
        num(m.pad),
        num(scene.subtitle_y),
        num(m.subtitle_size),
        p.muted.hex(),
        escape(&scene.subtitle)
    );
    s.push_str("</g>\n");
}

/// Row bands, row separators and tick lines: two paths.
fn grid(s: &mut String, scene: &Scene, p: &Paint) {
    let f = &scene.frame;
    let (left, right) = (num(f.plot_left - Frame::INNER), num(f.plot_right + Frame::INNER));
    s.push_str("<g id=\"grid\">\n");
    let mut bands = String::new();
    for row in (1..f.rows).step_by(2) {
        let _ = write!(bands, "M{left},{}H{right}v{}H{left}Z", num(f.row_top(row)), num(f.row_height));
    }
    if !bands.is_empty() {
        let _ = writeln!(s, r#"<path d="{bands}" fill="{}"/>"#, p.band.hex());
    }
    let mut lines = String::new();
    for t in &scene.ticks {
        let _ = write!(lines, "M{},{}V{}", num(t.px), num(f.rows_top), num(f.rows_bottom()));
    }
    if !lines.is_empty() {
        let _ = writeln!(s, r#"<path d="{lines}" fill="none" stroke="{}" stroke-width="1"/>"#, p.chrome.grid.hex());
    }
    s.push_str("</g>\n");
}

/// The layout split by row: one layout per row holding that row's end marks
/// and markers (its bars are filled in from [`Layout::visible_bars`]).
fn by_row(shown: &Layout, rows: usize) -> Vec<Layout> {
    let mut out: Vec<Layout> = (0..rows.max(shown.rows.len())).map(|_| Layout::default()).collect();
    for end in &shown.ends {
        if let Some(l) = out.get_mut(end.row) {
            l.ends.push(end.clone());
        }
    }
    for mk in &shown.markers {
        if let Some(l) = mk.row.and_then(|r| out.get_mut(r)) {
            l.markers.push(mk.clone());
        }
    }
    out
}

/// A bar's rectangle: at least `MIN_BAR` wide, centred on a narrower one.
const MIN_BAR: f64 = 2.0;

/// Beyond this many bars in an image, each task's bars of one kind are
/// drawn as one `<path>` rather than one `<rect>` each: the file stays
/// editable per task and per state, and rasterising a thousand rows stays
/// fast (resvg's cost is mostly per element).
pub const COMPACT_BARS: usize = 5_000;

/// A task's group: its name, stripe, bars, end mark and markers (`own`:
/// the row's part of the layout with its bars merged, `None` before the
/// task is created).
fn task_group(s: &mut String, view: &View, scene: &Scene, p: &Paint, row: usize, own: Option<&Layout>, compact: bool) {
    let f = &scene.frame;
    let m = &scene.metrics;
    let Some(r) = view.full.rows.get(row) else { return };
    let _ = writeln!(s, r#"<g id="task-{}" class="task" data-name="{}">"#, r.task, escape(&r.name));
    let Some(own) = own else {
        // Not created yet at this step: the row stays empty.
        s.push_str("</g>\n");
        return;
    };
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
        num(m.pad),
        num(f.row_center(row) + m.name_size * 0.36),
        num(m.name_size),
        p.chrome.text.hex(),
        escape(scene.names.get(row).map_or(r.name.as_str(), String::as_str))
    );
    if f.row_height >= 6.0 {
        let _ = writeln!(
            s,
            r#"<rect class="stripe" x="{}" y="{}" width="4" height="{}" fill="{}"/>"#,
            num(f.plot_left - Frame::INNER - 8.0),
            num(f.row_top(row) + 0.15 * f.row_height),
            num(0.7 * f.row_height),
            task_colour(row, p.theme).hex()
        );
    }
    // Short bars (waiting) under tall ones (running), so zero-time steps stay visible.
    let mut visible: Vec<&Bar> = own.bars.iter().collect();
    visible.sort_by(|a, b| a.kind.style().height.total_cmp(&b.kind.style().height));
    if compact {
        bar_paths(s, &visible, f, row, p);
    } else {
        for bar in visible {
            bar_rect(s, bar, f, row, p);
        }
    }
    for end in own.ends.iter().filter(|e| e.x >= f.x0 && e.x <= f.x1) {
        let r = (f.row_height * 0.22).clamp(3.0, 7.0);
        let colour = end_style(end.kind, p.theme).1;
        let _ = writeln!(
            s,
            "{}",
            end_mark(end.kind, f.px_from_x(end.x) + r + 3.0, f.row_center(row), r, colour, dim(end.future))
        );
    }
    markers(s, own, f, row, p);
    s.push_str("</g>\n");
}

/// A resource row: its name, then a lock's holders (bars in the holder's
/// colour, labelled with its name), an event's set periods, or a step chart
/// (a semaphore's free count, a queue's length under its `maxsize`, a
/// barrier's waiting parties). Its `<title>` explains it (a viewer shows it
/// on hover).
fn resource_group(s: &mut String, shown: &Layout, scene: &Scene, p: &Paint, row: usize, res: &ResourceRow) {
    let f = &scene.frame;
    let m = &scene.metrics;
    let _ = writeln!(
        s,
        r#"<g id="resource-{}" class="resource" data-name="{}" data-type="{}">"#,
        res.object,
        escape(&res.name),
        escape(&res.type_name)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&res.explanation()));
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" font-style="italic" fill="{}">{}</text>"#,
        num(m.pad),
        num(f.row_center(row) + m.name_size * 0.36),
        num(m.name_size),
        p.chrome.text.hex(),
        escape(scene.names.get(row).map_or(res.name.as_str(), String::as_str))
    );
    let top = f.row_top(row);
    let h = f.row_height;
    let colour = resource_colour(res.kind, p.theme);
    let clip = |x: f64| f.px_from_x(x.clamp(f.x0, f.x1));
    // Holds within a pixel already drawn are left out (thousands of short holdings stay one mark per pixel).
    let mut drawn_to = f64::NEG_INFINITY;
    for hold in res.holds.iter().filter(|hd| hd.x1 >= f.x0 && hd.x0 <= f.x1) {
        let fill = match shown.row_of_task(hold.holder) {
            Some(r) => task_colour(r, p.theme),
            None => colour,
        };
        let (x0, x1) = (clip(hold.x0), clip(hold.x1).max(clip(hold.x0) + MIN_BAR));
        if x1 <= drawn_to + 0.5 {
            continue;
        }
        drawn_to = x1;
        let (y, bh) = (top + 0.2 * h, 0.6 * h);
        let _ = writeln!(
            s,
            r#"<rect class="hold" x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.75"{}><title>{}</title></rect>"#,
            num(x0),
            num(y),
            num(x1 - x0),
            num(bh),
            fill.hex(),
            dim(hold.future),
            escape(&format!("{} `{}`: {}", res.type_name, res.name, res.state_at((hold.x0 + hold.x1) / 2.0)))
        );
        let size = (m.name_size * 0.8).min(bh * 0.8);
        if super::font::text_width(&hold.label, size, false) + 6.0 <= x1 - x0 {
            let _ = writeln!(
                s,
                r#"<text class="holder" x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
                num(x0 + 3.0),
                num(y + bh / 2.0 + size * 0.36),
                num(size),
                p.chrome.text.hex(),
                escape(&hold.label)
            );
        }
    }
    if res.kind.is_chart() && !res.levels.is_empty() {
        if let (crate::layout::ResourceKind::Queue, Some(n)) = (res.kind, res.size)
            && n > 0
        {
            let y = top + res.level_y(n) * h;
            let _ = writeln!(
                s,
                r#"<path class="maxsize" d="M{},{}H{}" stroke="{}" stroke-width="1" stroke-dasharray="3 3"/>"#,
                num(f.plot_left),
                num(y),
                num(f.plot_right),
                p.muted.hex()
            );
            let label = format!("maxsize {n}");
            let size = m.tick_size * 0.85;
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="{}">{}</text>"#,
                num(f.plot_right),
                num(y - 2.0),
                num(size),
                p.muted.hex(),
                escape(&label)
            );
        }
        for future in [false, true] {
            let mut d = String::new();
            let mut area = String::new();
            let base = top + res.level_y(0) * h;
            let levels: Vec<&crate::layout::resources::Level> =
                res.levels.iter().filter(|l| l.future == future && l.x <= f.x1).collect();
            let mut last_px = f64::NEG_INFINITY;
            for (i, l) in levels.iter().enumerate() {
                let next_x = levels.get(i + 1).map_or(res.x_end, |n| n.x);
                if next_x < f.x0 {
                    continue;
                }
                let (x0, x1) = (clip(l.x), clip(next_x));
                // Levels inside a pixel already drawn: only the last of them is drawn.
                if x1 - x0 < 0.5 && x0 - last_px < 0.5 && i + 1 < levels.len() {
                    continue;
                }
                last_px = x0;
                let y = top + res.level_y(l.value) * h;
                if d.is_empty() {
                    let _ = write!(d, "M{},{}", num(x0), num(y));
                } else {
                    let _ = write!(d, "V{}", num(y));
                }
                let _ = write!(d, "H{}", num(x1));
                if l.value > 0 {
                    let _ = write!(area, "M{},{}H{}V{}H{}Z", num(x0), num(y), num(x1), num(base), num(x0));
                }
            }
            if d.is_empty() {
                continue;
            }
            let c = colour.hex();
            if !area.is_empty() {
                let _ = writeln!(
                    s,
                    r#"<path class="level-fill" d="{area}" fill="{c}" fill-opacity="0.25"{}/>"#,
                    dim(future)
                );
            }
            let _ = writeln!(
                s,
                r#"<path class="level" d="{d}" fill="none" stroke="{c}" stroke-width="2" stroke-linejoin="round"{}/>"#,
                dim(future)
            );
        }
    }
    s.push_str("</g>\n");
}

/// An end mark as the app draws it: ✓ a check, ✗ a cross, ! a bar and a dot.
fn end_mark(kind: EndKind, x: f64, y: f64, r: f64, colour: Rgba, extra: &str) -> String {
    let class = match kind {
        EndKind::Done => "end-done",
        EndKind::Cancelled => "end-cancelled",
        EndKind::Failed => "end-failed",
    };
    format!(r#"<g class="{class}"{extra}>{}</g>"#, parts_svg(&end_parts(kind, r), x, y, colour, ""))
}

/// A layout glyph's parts as SVG elements centred at `(x, y)`.
fn parts_svg(parts: &[Part], x: f64, y: f64, colour: Rgba, extra: &str) -> String {
    let c = colour.hex();
    let mut out = String::new();
    let pt = |p: [f64; 2]| format!("{},{}", num(x + p[0]), num(y + p[1]));
    for part in parts {
        match part {
            Part::Fill(points) => {
                let d: Vec<String> = points.iter().map(|&p| pt(p)).collect();
                let _ = write!(out, r#"<path d="M{}Z" fill="{c}"{extra}/>"#, d.join("L"));
            }
            Part::Line { points, width } => {
                let d: Vec<String> = points.iter().map(|&p| pt(p)).collect();
                let _ = write!(
                    out,
                    r#"<path d="M{}" fill="none" stroke="{c}" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round"{extra}/>"#,
                    d.join("L"),
                    num(*width)
                );
            }
            Part::Circle { r, width } => {
                let _ = write!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{c}" stroke-width="{}"{extra}/>"#,
                    num(x),
                    num(y),
                    num(*r),
                    num(*width)
                );
            }
            Part::Dot { c: d, r } => {
                let _ = write!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{c}"{extra}/>"#,
                    num(x + d[0]),
                    num(y + d[1]),
                    num(*r)
                );
            }
            Part::Frame { min, max, rounding, width } => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none" stroke="{c}" stroke-width="{}"{extra}/>"#,
                    num(x + min[0]),
                    num(y + min[1]),
                    num(max[0] - min[0]),
                    num(max[1] - min[1]),
                    num(*rounding),
                    num(*width)
                );
            }
        }
    }
    out
}

fn dim(future: bool) -> &'static str {
    if future { r#" opacity="0.35""# } else { "" }
}

/// Where a bar is drawn: `(x, y, width, height)`, at least [`MIN_BAR`]
/// wide (centred on a narrower one), and whether it is drawn as an outline
/// (whose stroke then sits inside those edges).
fn bar_box(bar: &Bar, f: &Frame, row: usize) -> ([f64; 4], bool) {
    let style = bar.kind.style();
    let h = f.row_height * f64::from(style.height);
    let y = f.row_center(row) - h / 2.0;
    let (mut x0, mut x1) = (f.px_from_x(bar.x0.max(f.x0)), f.px_from_x(bar.x1.min(f.x1)));
    if x1 - x0 < MIN_BAR {
        let c = (x0 + x1) / 2.0;
        x0 = c - MIN_BAR / 2.0;
        x1 = c + MIN_BAR / 2.0;
    }
    let outline = style.pattern == Pattern::Outline && x1 - x0 > 4.0;
    if outline { ([x0 + 0.75, y + 0.75, x1 - x0 - 1.5, h - 1.5], true) } else { ([x0, y, x1 - x0, h], false) }
}

/// The fill attributes of a bar kind (`outline`: drawn as an outline).
fn bar_fill(kind: BarKind, outline: bool, p: &Paint) -> String {
    let colour = p.bar(kind).hex();
    match kind.style().pattern {
        Pattern::Outline if outline => {
            format!(r#"fill="{colour}" fill-opacity="0.3" stroke="{colour}" stroke-width="1.5""#)
        }
        Pattern::Solid | Pattern::Outline => format!(r#"fill="{colour}""#),
        _ => format!(r#"fill="url(#{})""#, pattern_id(kind)),
    }
}

fn bar_rect(s: &mut String, bar: &Bar, f: &Frame, row: usize, p: &Paint) {
    let ([x, y, w, h], outline) = bar_box(bar, f, row);
    let _ = writeln!(
        s,
        r#"<rect class="{}" x="{}" y="{}" width="{}" height="{}" {}{}/>"#,
        kind_slug(bar.kind),
        num(x),
        num(y),
        num(w),
        num(h),
        bar_fill(bar.kind, outline, p),
        dim(bar.future)
    );
}

/// A row's bars as one path per kind (and outline, and dimming), in the
/// order given (short kinds first).
fn bar_paths(s: &mut String, bars: &[&Bar], f: &Frame, row: usize, p: &Paint) {
    let mut groups: Vec<((BarKind, bool, bool), String)> = Vec::new();
    for bar in bars {
        let ([x, y, w, h], outline) = bar_box(bar, f, row);
        let key = (bar.kind, outline, bar.future);
        let i = match groups.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                groups.push((key, String::new()));
                groups.len() - 1
            }
        };
        let _ = write!(groups[i].1, "M{},{}h{}v{}h{}Z", num(x), num(y), num(w), num(h), num(-w));
    }
    for ((kind, outline, future), d) in groups {
        let _ =
            writeln!(s, r#"<path class="{}" d="{d}" {}{}/>"#, kind_slug(kind), bar_fill(kind, outline, p), dim(future));
    }
}

/// Markers of one row, in the upper part of the row as in the app. Markers
/// closer than an icon's width are spread around their centre in event
/// order (a timeout, the cancel it makes and the shield that stops it all
/// happen at one instant, and a picture cannot be hovered); one icon per
/// kind per cluster, at most [`MAX_CLUSTER`], so large logs stay compact.
fn markers(s: &mut String, own: &Layout, f: &Frame, row: usize, p: &Paint) {
    const MAX_CLUSTER: usize = 6;
    let gap = 2.0 * ICON_R + 4.0;
    let y = f.row_top(row) + 0.22 * f.row_height;
    let mut clusters: Vec<(f64, Vec<(Icon, bool)>)> = Vec::new();
    for mk in own.markers.iter().filter(|mk| mk.x >= f.x0 && mk.x <= f.x1) {
        let px = f.px_from_x(mk.x);
        let icon = Icon::of(mk.kind);
        if icon == Icon::Timeout {
            // The deadline: a tick across the row.
            let _ = writeln!(
                s,
                r#"<path class="deadline" d="M{},{}V{}" stroke="{}" stroke-width="1.5"{}/>"#,
                num(px),
                num(f.row_top(row) + 0.05 * f.row_height),
                num(f.row_top(row) + 0.95 * f.row_height),
                p.icon(Icon::Timeout).hex(),
                dim(mk.future)
            );
        }
        match clusters.last_mut() {
            Some((start, icons)) if px - *start < gap => {
                if icons.len() < MAX_CLUSTER && !icons.iter().any(|(i, _)| *i == icon) {
                    icons.push((icon, mk.future));
                }
            }
            _ => clusters.push((px, vec![(icon, mk.future)])),
        }
    }
    for (px, icons) in clusters {
        let n = icons.len() as f64;
        for (i, (icon, future)) in icons.into_iter().enumerate() {
            let x = px + (i as f64 - (n - 1.0) / 2.0) * gap;
            let _ = writeln!(s, r##"<use xlink:href="#{}" x="{}" y="{}"{}/>"##, icon.id(), num(x), num(y), dim(future));
        }
    }
}

/// Stroke and fill attributes of a link kind.
fn link_style(kind: LinkKind, p: &Paint) -> String {
    let (colour, width, dashed) = p.link(kind);
    let c = colour.hex();
    let dash = if dashed { r#" stroke-dasharray="4 3""# } else { "" };
    format!(r#"fill="{c}" stroke="{c}" stroke-width="{width}"{dash} stroke-linejoin="round""#)
}

/// Path data of an arrow from `y0` to `y1` at `x`: the shaft, then the head
/// as a closed (filled) triangle.
fn arrow(x: f64, y0: f64, y1: f64) -> String {
    let dir = if y1 >= y0 { 1.0 } else { -1.0 };
    let head = 6.0f64.min((y1 - y0).abs() / 2.0);
    format!(
        "M{x},{}V{}M{x},{}L{},{}H{}Z",
        num(y0),
        num(y1 - dir * head),
        num(y1),
        num(x - head * 0.6),
        num(y1 - dir * head),
        num(x + head * 0.6),
        x = num(x)
    )
}

fn links(s: &mut String, shown: &Layout, f: &Frame, p: &Paint) {
    s.push_str("<g id=\"links\">\n");
    // Links at one pixel are set side by side; identical ones are drawn once.
    // (A link set past the image's right edge is not drawn: it could not be
    // seen, and a task awaiting thousands of others at one instant would
    // otherwise rasterise thousands of full-height arrows.)
    let mut at_px: BTreeMap<i64, HashSet<(LinkKind, usize, usize)>> = BTreeMap::new();
    let inset = (f.row_height * 0.2).min(8.0);
    for l in shown.links.iter().filter(|l| l.x >= f.x0 && l.x <= f.x1 && l.from_row != l.to_row) {
        let (from, to) = (l.from_row, l.to_row);
        let px = f.px_from_x(l.x);
        let seen = at_px.entry(px.round() as i64).or_default();
        let x = px + seen.len() as f64 * 5.0;
        if x > f.width || !seen.insert((l.kind, from, to)) {
            continue;
        }
        let dir = if to > from { 1.0 } else { -1.0 };
        let y0 = f.row_center(from) + dir * inset;
        let y1 = f.row_center(to) - dir * inset;
        let _ = writeln!(
            s,
            r#"<path class="link-{}" d="{}" {}{}/>"#,
            link_slug(l.kind),
            arrow(x, y0, y1),
            link_style(l.kind, p),
            dim(l.future)
        );
    }
    s.push_str("</g>\n");
}

/// Wake arrows: from the task that released, set or put to the task it woke.
fn wakes(s: &mut String, shown: &Layout, f: &Frame, p: &Paint) {
    if shown.wakes.is_empty() {
        return;
    }
    let style = wake_style(p.theme);
    let c = style.colour.hex();
    let inset = (f.row_height * 0.2).min(8.0);
    s.push_str("<g id=\"wakes\">\n");
    let mut seen: HashSet<(i64, usize, usize)> = HashSet::new();
    for w in shown.wakes.iter().filter(|w| w.x >= f.x0 && w.x <= f.x1 && w.from_row != w.to_row) {
        let px = f.px_from_x(w.x);
        if !seen.insert((px.round() as i64, w.from_row, w.to_row)) {
            continue;
        }
        let dir = if w.to_row > w.from_row { 1.0 } else { -1.0 };
        let y0 = f.row_center(w.from_row) + dir * inset;
        let y1 = f.row_center(w.to_row) - dir * inset;
        let _ = writeln!(
            s,
            r#"<path class="wake" d="{}" fill="{c}" stroke="{c}" stroke-width="{}" stroke-linejoin="round"{}/>"#,
            arrow(px + 2.0, y0, y1),
            num(f64::from(style.width)),
            dim(w.future)
        );
    }
    s.push_str("</g>\n");
}

/// What a task waits for on a lock, queue, … written above its waiting bar where it fits.
fn waiting_labels(s: &mut String, shown: &Layout, scene: &Scene, p: &Paint) {
    let f = &scene.frame;
    let size = (scene.metrics.name_size * 0.75).round();
    let mut any = false;
    for w in shown.sync_waits.iter().filter(|w| w.x1 >= f.x0 && w.x0 <= f.x1 && !w.future) {
        let (x0, x1) = (f.px_from_x(w.x0.max(f.x0)), f.px_from_x(w.x1.min(f.x1)));
        if super::font::text_width(&w.text, size, false) + 8.0 > x1 - x0 {
            continue;
        }
        if !any {
            s.push_str("<g id=\"waiting\">\n");
            any = true;
        }
        let h = f.row_height * f64::from(BarKind::Future.style().height);
        let _ = writeln!(
            s,
            r#"<text class="waiting" x="{}" y="{}" font-size="{}" text-anchor="end" fill="{}">{}</text>"#,
            num(x1 - 6.0),
            num(f.row_center(w.row) - h / 2.0 - 3.0),
            num(size),
            p.chrome.text.hex(),
            escape(&w.text)
        );
    }
    if any {
        s.push_str("</g>\n");
    }
}

fn link_slug(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Spawn => "spawn",
        LinkKind::Await => "await",
        LinkKind::Cancel => "cancel",
        LinkKind::Shield => "shield",
    }
}

/// The loop's own markers, on the axis line, one per pixel column.
fn loop_markers(s: &mut String, shown: &Layout, f: &Frame) {
    let mut last = f64::NEG_INFINITY;
    let mut any = false;
    for mk in shown.markers.iter().filter(|mk| mk.row.is_none() && mk.x >= f.x0 && mk.x <= f.x1) {
        let px = f.px_from_x(mk.x);
        if px - last < 2.0 {
            continue;
        }
        if !any {
            s.push_str("<g id=\"loop\">\n");
            any = true;
        }
        last = px;
        let _ = writeln!(
            s,
            r##"<use xlink:href="#{}" x="{}" y="{}"{}/>"##,
            Icon::Loop.id(),
            num(px),
            num(f.rows_bottom()),
            dim(mk.future)
        );
    }
    if any {
        s.push_str("</g>\n");
    }
}

/// Past the cursor, a light shade, so "not yet" reads at a glance (as in the app).
fn not_yet(s: &mut String, view: &View, scene: &Scene, p: &Paint) {
    let Some(cx) = view.cursor.and(view.shown().cursor_x) else { return };
    let f = &scene.frame;
    let x = f.px_from_x(cx.max(f.x0));
    if cx >= f.x1 {
        return;
    }
    let (colour, opacity) = match p.theme {
        Theme::Light => ("#000000", "0.04"),
        Theme::Dark => ("#ffffff", "0.025"),
    };
    let _ = writeln!(
        s,
        r#"<rect id="not-yet" x="{}" y="{}" width="{}" height="{}" fill="{colour}" fill-opacity="{opacity}"/>"#,
        num(x),
        num(f.rows_top),
        num(f.plot_right + Frame::INNER - x),
        num(f.rows_bottom() - f.rows_top)
    );
}

fn cursor(s: &mut String, view: &View, scene: &Scene, p: &Paint) {
    let (Some(c), Some(cx)) = (view.cursor, view.shown().cursor_x) else { return };
    let f = &scene.frame;
    if cx < f.x0 || cx > f.x1 {
        return;
    }
    let m = &scene.metrics;
    let x = f.px_from_x(cx);
    let colour = p.chrome.cursor.hex();
    let label = format!("step {c}");
    let lw = super::font::text_width(&label, m.tick_size, true);
    let lx = (x - lw / 2.0).clamp(f.plot_left - 8.0, f.width - m.pad - lw);
    s.push_str("<g id=\"cursor\">\n");
    let _ = writeln!(
        s,
        r#"<path d="M{},{}V{}" stroke="{colour}" stroke-width="2"/>"#,
        num(x),
        num(f.rows_top - 4.0),
        num(f.rows_bottom())
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{colour}">{}</text>"#,
        num(lx),
        num(f.rows_top - 8.0),
        num(m.tick_size),
        escape(&label)
    );
    s.push_str("</g>\n");
}

fn axis(s: &mut String, scene: &Scene, p: &Paint) {
    let f = &scene.frame;
    let m = &scene.metrics;
    let fg = p.chrome.text.hex();
    let y = f.rows_bottom();
    s.push_str("<g id=\"axis\">\n");
    let mut d = format!("M{},{}H{}", num(f.plot_left - Frame::INNER), num(y), num(f.plot_right + Frame::INNER));
    for t in &scene.ticks {
        let _ = write!(d, "M{},{}v5", num(t.px), num(y));
    }
    let _ = writeln!(s, r#"<path d="{d}" fill="none" stroke="{fg}" stroke-width="1"/>"#);
    for t in &scene.ticks {
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{fg}">{}</text>"#,
            num(t.px),
            num(scene.tick_label_y()),
            num(m.tick_size),
            escape(&t.label)
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{}">{}</text>"#,
        num((f.plot_left + f.plot_right) / 2.0),
        num(scene.x_title_y()),
        num(m.tick_size),
        p.muted.hex(),
        escape(&scene.x_title)
    );
    s.push_str("</g>\n");
}

fn legend(s: &mut String, scene: &Scene, p: &Paint) {
    if scene.legend.is_empty() {
        return;
    }
    let m = &scene.metrics;
    let fg = p.chrome.text.hex();
    s.push_str("<g id=\"legend\">\n");
    for item in &scene.legend {
        let (x, y) = (item.x, item.y);
        let sample_mid = x + LEGEND_SAMPLE / 2.0;
        let _ = write!(s, "<g class=\"legend-item\">");
        match item.key {
            LegendKey::Bar(kind) => {
                let style = kind.style();
                let h = (m.row_height.max(28.0) * f64::from(style.height)).min(m.legend_size * 1.3);
                let colour = p.bar(kind).hex();
                let fill = match style.pattern {
                    Pattern::Solid => format!(r#"fill="{colour}""#),
                    Pattern::Outline => {
                        format!(r#"fill="{colour}" fill-opacity="0.3" stroke="{colour}" stroke-width="1.5""#)
                    }
                    _ => format!(r#"fill="url(#{})""#, pattern_id(kind)),
                };
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" {fill}/>"#,
                    num(x),
                    num(y - h / 2.0),
                    num(LEGEND_SAMPLE),
                    num(h)
                );
            }
            LegendKey::End(kind) => {
                let _ = write!(s, "{}", end_mark(kind, sample_mid, y, 6.0, end_style(kind, p.theme).1, ""));
            }
            LegendKey::Glyph(icon) => {
                let _ = write!(s, r##"<use xlink:href="#{}" x="{}" y="{}"/>"##, icon.id(), num(sample_mid), num(y));
            }
            LegendKey::Link(_) | LegendKey::Wake => {
                // The arrow laid on its side.
                let (colour, width, dashed) = match item.key {
                    LegendKey::Link(kind) => p.link(kind),
                    _ => {
                        let w = wake_style(p.theme);
                        (w.colour, f64::from(w.width), w.dashed)
                    }
                };
                let c = colour.hex();
                let dash = if dashed { r#" stroke-dasharray="4 3""# } else { "" };
                let tip = x + LEGEND_SAMPLE;
                let _ = write!(
                    s,
                    r#"<path d="M{},{}H{}M{},{}L{},{}V{}Z" fill="{c}" stroke="{c}" stroke-width="{width}"{dash} stroke-linejoin="round"/>"#,
                    num(x),
                    num(y),
                    num(tip - 6.0),
                    num(tip),
                    num(y),
                    num(tip - 6.0),
                    num(y - 3.6),
                    num(y + 3.6)
                );
            }
            LegendKey::Cursor => {
                let _ = write!(
                    s,
                    r#"<path d="M{},{}V{}" stroke="{}" stroke-width="2"/>"#,
                    num(sample_mid),
                    num(y - 8.0),
                    num(y + 8.0),
                    p.chrome.cursor.hex()
                );
            }
        }
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}" fill="{fg}">{}</text></g>"#,
            num(x + LEGEND_SAMPLE + 7.0),
            num(y + m.legend_size * 0.36),
            num(m.legend_size),
            escape(&item.label)
        );
    }
    s.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.006), "1.01");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & 'c'"), "a&lt;b &amp; &apos;c&apos;");
        assert_eq!(escape("\u{1}"), "\u{fffd}");
    }
}
