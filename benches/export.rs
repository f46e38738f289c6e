//! Benchmarks of the exporters on a large log: 1k tasks, ~100k events.
//!
//! * `view`: what any painter computes for the view: the timeline, the
//!   layout and the sub-pixel merging of every row (the app's work before
//!   it paints), the baseline the exporters are paired with;
//! * `svg`, `png`: the whole export, bytes out.
//!
//! After divan's table the bench prints the paired medians, their ratios,
//! and the SVG's element count against the shapes a painter of the same
//! view draws: one per visible (merged) bar, end mark, marker, link, row
//! name and tick (run: `cargo bench --bench export`).

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use taskline::export::{self, Format, Options};
use taskline::layout::{self, Axis, Layout};
use taskline::trace::{Log, timeline};
use taskline::{Result, coro, create_task, sleep};

const TASKS: usize = 1_000;
const SLEEPS: usize = 33;

/// 1k tasks, each sleeping 33 times for 1 to 97 ms (a fixed pseudo-random
/// pattern): about 100k events, every task's row full of short segments.
fn big_log() -> Log {
    taskline::run(coro("main", async {
        let mut tasks = Vec::with_capacity(TASKS);
        for i in 0..TASKS {
            tasks.push(create_task(
                None,
                coro("worker", async move {
                    for k in 0..SLEEPS {
                        let ms = (i * 7919 + k * 104_729) % 97 + 1;
                        sleep(ms as f64 / 1000.0).await?;
                    }
                    Result::Ok(())
                }),
            ));
        }
        for task in tasks {
            task.await?;
        }
        Ok(())
    }))
    .log
}

static LOG: LazyLock<Log> = LazyLock::new(big_log);

/// The view a painter computes before it paints: the layout and every row's merged bars.
fn view(log: &Log, options: &Options) -> (Layout, usize) {
    let tl = timeline::derive(log);
    let lay =
        layout::layout(log, &tl, &layout::Options { axis: options.axis.unwrap_or(Axis::Time), ..Default::default() });
    let frame = export::frame(log, options).unwrap_or_else(|e| panic!("{e}"));
    // Bars come row by row: split them once, as the app does, then merge per row.
    let mut rows: Vec<Layout> = (0..lay.rows.len()).map(|_| Layout::default()).collect();
    for bar in &lay.bars {
        rows[bar.row].bars.push(bar.clone());
    }
    let visible =
        rows.iter().enumerate().map(|(r, l)| l.visible_bars(r, frame.x0, frame.x1, frame.units_per_px()).len()).sum();
    (lay, visible)
}

#[divan::bench(sample_count = 5)]
fn view_layout_and_merge() -> usize {
    view(&LOG, &Options::default()).1
}

#[divan::bench(sample_count = 5)]
fn svg() -> usize {
    export::render(&LOG, Format::Svg, &Options::default()).map(|b| b.len()).unwrap_or(0)
}

#[divan::bench(sample_count = 5)]
fn png() -> usize {
    export::render(&LOG, Format::Png, &Options::default()).map(|b| b.len()).unwrap_or(0)
}

#[divan::bench(sample_count = 5)]
fn chrome_trace() -> usize {
    export::render(&LOG, Format::ChromeTrace, &Options::default()).map(|b| b.len()).unwrap_or(0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Start tags in an SVG document.
fn elements(svg: &str) -> usize {
    svg.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
}

fn paired_report() {
    let log = &*LOG;
    let options = Options::default();
    let rounds = 7;
    let (mut base, mut svgs, mut pngs) = (Vec::new(), Vec::new(), Vec::new());
    let mut doc = String::new();
    let mut png_len = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(view(log, &options));
        base.push(t.elapsed());
        let t = Instant::now();
        doc = String::from_utf8(export::render(log, Format::Svg, &options).unwrap_or_default()).unwrap_or_default();
        svgs.push(t.elapsed());
        let t = Instant::now();
        png_len = export::render(log, Format::Png, &options).map(|b| b.len()).unwrap_or(0);
        pngs.push(t.elapsed());
    }
    let (b, s, p) = (median(base), median(svgs), median(pngs));
    let (lay, visible) = view(log, &options);
    let frame = export::frame(log, &options).unwrap_or_else(|e| panic!("{e}"));
    let shapes = visible + lay.ends.len() + lay.markers.len() + lay.links.len() + lay.rows.len() + lay.ticks.len();
    let els = elements(&doc);
    println!(
        "\nexport of {} tasks, {} events, {}x{} CSS px (median of {rounds} interleaved rounds):",
        lay.rows.len(),
        log.events.len(),
        frame.width,
        frame.height
    );
    println!("  view (timeline + layout + merging): {b:?}");
    println!("  svg: {s:?} ({:.2}x the view), {} bytes", s.as_secs_f64() / b.as_secs_f64(), doc.len());
    println!("  png: {p:?} ({:.2}x the view), {png_len} bytes", p.as_secs_f64() / b.as_secs_f64());
    // Where the PNG's time goes.
    let t = Instant::now();
    let tree = resvg::usvg::Tree::from_str(&doc, &export::png::usvg_options()).unwrap_or_else(|e| panic!("{e}"));
    let parse = t.elapsed();
    let t = Instant::now();
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap_or_else(|| panic!("pixmap"));
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let render = t.elapsed();
    let t = Instant::now();
    let encoded = export::png::encode(&pixmap, 1.0).map(|b| b.len()).unwrap_or(0);
    let encode = t.elapsed();
    println!(
        "  png = svg {s:?} + usvg parse {parse:?} + resvg render {render:?} + encode {encode:?} ({encoded} bytes)"
    );
    println!(
        "  svg elements {els} vs shapes a painter draws for the view {shapes} ({visible} merged bars of {} segments): ratio {:.3} (target <= 1.2)",
        lay.bars.len(),
        els as f64 / shapes as f64
    );
}

fn main() {
    divan::main();
    paired_report();
}
