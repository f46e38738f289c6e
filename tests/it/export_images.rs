//! Image export (SVG, PNG, GIF) of every built-in scenario: the SVG parses
//! and names every task, the PNG has the asked size and the layout's colours
//! where the layout puts its bars, the GIF has a frame per step, and the
//! same input gives the same bytes.

use resvg::tiny_skia::Pixmap;
use resvg::usvg;
use taskline::export::{self, At, Format, Options, Steps, Window, png::usvg_options};
use taskline::layout::{self, BarKind, Theme};
use taskline::scenarios;
use taskline::trace::Log;
use taskline::trace::timeline::{self, LinkKind, MarkerKind};

fn run(id: &str) -> Log {
    scenarios::find(id).expect("scenario").run()
}

fn svg(log: &Log, options: &Options) -> String {
    String::from_utf8(export::render(log, Format::Svg, options).expect("svg")).expect("utf-8")
}

/// All the text of a parsed SVG, node by node.
fn texts(group: &usvg::Group, out: &mut Vec<String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => texts(g, out),
            usvg::Node::Text(t) => out.push(t.chunks().iter().map(|c| c.text()).collect()),
            _ => {}
        }
    }
}

#[test]
fn every_scenario_gives_an_svg_that_parses_and_names_its_tasks() {
    for s in scenarios::all() {
        let log = s.run();
        let doc = svg(&log, &Options::default());
        let tree = usvg::Tree::from_str(&doc, &usvg_options()).unwrap_or_else(|e| panic!("{}: {e}", s.id));
        let mut found = Vec::new();
        texts(tree.root(), &mut found);
        for task in &log.tasks {
            let name = log.str(task.name);
            assert!(found.iter().any(|t| t == name), "{}: no text '{name}' in {found:?}", s.id);
            assert!(doc.contains(&format!("data-name=\"{name}\"")), "{}: no group for {name}", s.id);
        }
        assert!(found.iter().any(|t| t == s.title), "{}: the title", s.id);
    }
}

#[test]
fn the_svg_is_editable() {
    let log = run("10_shield_wait_for");
    let doc = svg(&log, &Options::default());
    assert!(doc.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(doc.contains("viewBox=\"0 0 1200 "));
    assert!(!doc.contains("<image"), "no raster inside");
    assert!(!doc.contains("data:"), "nothing embedded");
    for id in ["title", "grid", "links", "axis", "legend"] {
        assert!(doc.contains(&format!("<g id=\"{id}\"")), "group {id}");
    }
    assert_eq!(doc.matches("<g id=\"task-").count(), 2, "one group per task");
    assert!(doc.contains(">main</text>") && doc.contains(">shielded</text>"));
    // Text is text (the tick labels and the axis title too).
    assert!(doc.contains(">time (s)</text>") && doc.contains(">10</text>"));
}

#[test]
fn text_is_drawn_with_the_embedded_font_only() {
    let log = run("10_shield_wait_for");
    let tree = usvg::Tree::from_str(&svg(&log, &Options::default()), &usvg_options()).expect("parse");
    // usvg turns text into glyph outlines: a text node without them lost its font.
    fn check(group: &usvg::Group, n: &mut usize) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => check(g, n),
                usvg::Node::Text(t) => {
                    *n += 1;
                    assert!(!t.flattened().children().is_empty(), "text {:?} has no glyphs", t.chunks()[0].text());
                }
                _ => {}
            }
        }
    }
    let mut n = 0;
    check(tree.root(), &mut n);
    assert!(n > 10);
    assert_eq!(tree.fontdb().len(), 2, "the two embedded faces, nothing from the system");
}

fn png(log: &Log, options: &Options) -> Pixmap {
    let bytes = export::render(log, Format::Png, options).expect("png");
    Pixmap::decode_png(&bytes).expect("decodes")
}

fn rgb_at(p: &Pixmap, x: f64, y: f64) -> [u8; 3] {
    let c = p.pixel(x as u32, y as u32).expect("inside").demultiply();
    [c.red(), c.green(), c.blue()]
}

fn rgb(kind: BarKind, theme: Theme) -> [u8; 3] {
    let c = kind.style().fill(theme).0;
    [c[0], c[1], c[2]]
}

#[test]
fn the_png_has_the_size_asked_for_and_the_shielded_sleep_where_the_layout_puts_it() {
    let log = run("10_shield_wait_for");
    for (scale, theme) in [(1.0, Theme::Light), (2.0, Theme::Light), (3.0, Theme::Dark)] {
        let options = Options { width: 1000, scale, theme, ..Options::default() };
        let frame = export::frame(&log, &options).expect("frame");
        let p = png(&log, &options);
        assert_eq!(p.width(), (1000.0 * scale) as u32);
        assert_eq!(p.height(), (frame.height * f64::from(scale)).ceil() as u32);
        // After the 5 s timeout the shielded task (row 1) still sleeps, until 10 s.
        let s = f64::from(scale);
        let (x, y) = (frame.px_from_x(7.5) * s, frame.row_center(1) * s);
        assert_eq!(rgb_at(&p, x, y), rgb(BarKind::Sleeping, theme), "scale {scale}");
        // Above the thin sleeping bar is the row's background band, not the bar.
        assert_ne!(rgb_at(&p, x, (frame.row_top(1) + 3.0) * s), rgb(BarKind::Sleeping, theme));
    }
}

#[test]
fn every_scenario_gives_a_png_with_its_bars_where_the_layout_puts_them() {
    for s in scenarios::all() {
        let log = s.run();
        let options = Options::default();
        let frame = export::frame(&log, &options).expect("frame");
        let p = png(&log, &options);
        assert_eq!((p.width(), f64::from(p.height())), (1200, frame.height), "{}", s.id);
        // The layout of the same view, and what else is drawn across rows.
        let tl = timeline::derive(&log);
        let axis = if tl.is_instant() { layout::Axis::Order } else { layout::Axis::Time };
        let lay = layout::layout(&log, &tl, &layout::Options { axis, ..Default::default() });
        let crossings: Vec<f64> = lay
            .links
            .iter()
            .map(|l| l.x)
            .chain(lay.markers.iter().filter(|m| m.kind == MarkerKind::TimeoutFired).map(|m| m.x))
            .map(|x| frame.px_from_x(x))
            .collect();
        let mut checked = 0;
        let mut wide = 0;
        for row in 0..lay.rows.len() {
            for bar in lay.visible_bars(row, frame.x0, frame.x1, frame.units_per_px()) {
                if !matches!(bar.kind, BarKind::Sleeping | BarKind::Running) {
                    continue;
                }
                let (a, b) = (frame.px_from_x(bar.x0), frame.px_from_x(bar.x1));
                if b - a >= 12.0 {
                    wide += 1;
                }
                // A point of the bar that no arrow or deadline tick crosses.
                let clear = [0.5, 0.25, 0.75, 0.4, 0.6]
                    .map(|t| a + (b - a) * t)
                    .into_iter()
                    .find(|x| crossings.iter().all(|c| (c - x).abs() >= 12.0));
                let Some(x) = clear.filter(|_| b - a >= 12.0) else { continue };
                let y = frame.row_center(row);
                assert_eq!(rgb_at(&p, x, y), rgb(bar.kind, Theme::Light), "{}: row {row} at {x},{y}", s.id);
                checked += 1;
            }
        }
        // Every scenario with a running or sleeping bar wide enough to sample gets one checked
        // (02 has none; 59's only task awaits a future the whole time).
        assert!(checked > 0 || wide == 0, "{}: no bar checked", s.id);
        assert!(wide > 0 || matches!(s.id, "02_coroutine_object" | "59_future_set_by_callback"), "{}", s.id);
    }
}

#[test]
fn a_window_and_a_step_change_what_is_drawn_not_the_frame() {
    let log = run("10_shield_wait_for");
    let whole = export::frame(&log, &Options::default()).unwrap();
    let at = export::frame(&log, &Options { at: Some(At::Step(3)), ..Options::default() }).unwrap();
    assert_eq!((whole.rows, whole.x0, whole.x1), (at.rows, at.x0, at.x1));
    let window = Options { window: Window { start: Some(4.0), end: Some(6.0) }, ..Options::default() };
    let f = export::frame(&log, &window).unwrap();
    assert_eq!((f.x0, f.x1), (4.0, 6.0));
    let doc = svg(&log, &window);
    assert!(doc.contains(">4.5</text>") || doc.contains(">5.0</text>"), "ticks of the window");
    // Until the first step of main, the shielded task's row is empty.
    let doc = svg(&log, &Options { at: Some(At::Step(1)), ..Options::default() });
    assert!(!doc.contains(">shielded</text>"), "not created yet");
    assert!(doc.contains("id=\"cursor\""));
}

#[test]
fn sub_pixel_segments_are_merged_as_on_screen() {
    // 4 tasks × 1000 yields on a narrow image: far more segments than pixels.
    let log = taskline::run(taskline::coro("main", async {
        let mut tasks = Vec::new();
        for _ in 0..4 {
            tasks.push(taskline::create_task(
                None,
                taskline::coro("worker", async {
                    for _ in 0..1000 {
                        taskline::sleep(0).await?;
                    }
                    taskline::Result::Ok(())
                }),
            ));
        }
        for t in tasks {
            t.await?;
        }
        Ok(())
    }))
    .log;
    let options = Options { width: 400, ..Options::default() };
    let doc = svg(&log, &options);
    let rects = doc.matches("<rect class=").count() - doc.matches("<rect class=\"stripe\"").count();
    let tl = timeline::derive(&log);
    let lay = layout::layout(&log, &tl, &layout::Options { axis: layout::Axis::Order, ..Default::default() });
    let frame = export::frame(&log, &options).unwrap();
    let visible: usize =
        (0..lay.rows.len()).map(|r| lay.visible_bars(r, frame.x0, frame.x1, frame.units_per_px()).len()).sum();
    assert_eq!(rects, visible, "one rect per bar the screen shows");
    assert!(rects * 5 < lay.bars.len(), "{rects} rects for {} segments", lay.bars.len());
}

#[test]
fn every_scenario_gives_a_gif_with_a_frame_per_step() {
    for s in scenarios::all() {
        let log = s.run();
        let options = Options { width: 320, scale: 1.0, ..Options::default() };
        let bytes = export::render(&log, Format::Gif, &options).unwrap_or_else(|e| panic!("{}: {e}", s.id));
        let mut decoder = gif::DecodeOptions::new().read_info(bytes.as_slice()).expect("gif header");
        let mut frames = 0;
        while decoder.read_next_frame().expect("frame").is_some() {
            frames += 1;
        }
        assert_eq!(frames, log.events.len(), "{}", s.id);
        assert_eq!(u32::from(decoder.width()), 320, "{}", s.id);
    }
}

#[test]
fn a_gif_can_step_through_a_range() {
    let log = run("10_shield_wait_for");
    let options = Options { width: 320, steps: Steps { first: Some(5), last: Some(9) }, ..Options::default() };
    let bytes = export::render(&log, Format::Gif, &options).expect("gif");
    let mut decoder = gif::DecodeOptions::new().read_info(bytes.as_slice()).expect("gif");
    let mut frames = Vec::new();
    while let Some(f) = decoder.read_next_frame().expect("frame") {
        frames.push((f.delay, f.width, f.height));
    }
    assert_eq!(frames.len(), 5);
    assert_eq!(frames[0].0, 50, "2 frames per second");
    assert_eq!(frames[4].0, 150, "the last frame is held");
    // Later frames store only what changed.
    assert!(frames[1..].iter().all(|f| u32::from(f.1) * u32::from(f.2) < 320 * 200));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let log = run("10_shield_wait_for");
    let again = run("10_shield_wait_for");
    let options = Options { at: Some(At::Time(5.0)), scale: 2.0, ..Options::default() };
    for format in Format::ALL {
        let a = export::render(&log, format, &options).expect("render");
        let b = export::render(&again, format, &options).expect("render");
        assert!(a == b, "{format} differs between two runs");
    }
}

#[test]
fn links_and_markers_of_the_app_are_drawn() {
    let log = run("10_shield_wait_for");
    let doc = svg(&log, &Options::default());
    for class in ["link-spawn", "link-await", "link-shield"] {
        assert!(doc.contains(class), "{class}");
    }
    for icon in ["icon-timeout", "icon-shield", "icon-cancel-requested", "icon-cancelled-error"] {
        assert!(doc.contains(&format!("xlink:href=\"#{icon}\"")), "{icon}");
    }
    let log = run("07_cancel_long_task");
    let tl = timeline::derive(&log);
    assert!(tl.links.iter().any(|l| l.kind == LinkKind::Cancel));
    assert!(svg(&log, &Options::default()).contains("link-cancel"));
    assert!(svg(&log, &Options { legend: false, ..Options::default() }).find("id=\"legend\"").is_none());
}

/// The SVG of 10_shield_wait_for, byte for byte, against the golden file
/// `tests/data/export/10_shield_wait_for.svg` (refresh it with
/// `UPDATE_SNAPSHOTS=true cargo test --test export_images`, then look at it).
#[test]
fn the_shield_svg_matches_its_golden_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/export/10_shield_wait_for.svg");
    let doc = svg(&run("10_shield_wait_for"), &Options::default());
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "true" || v == "1") {
        std::fs::write(&path, &doc).expect("write the golden file");
    }
    let golden = std::fs::read_to_string(&path).expect("the golden file (UPDATE_SNAPSHOTS=true to create it)");
    if doc != golden {
        let line = doc.lines().zip(golden.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the SVG differs from {} at line {}:\n  now:    {}\n  golden: {}",
            path.display(),
            line + 1,
            doc.lines().nth(line).unwrap_or(""),
            golden.lines().nth(line).unwrap_or("")
        );
    }
}

fn script(name: &str) -> Log {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts").join(name);
    taskline::script::run_file(&path, taskline::Config::default()).expect("the script runs")
}

/// The bounded-queue scenario's SVG has a resource row for its queue, named,
/// with its length as a step chart under the dashed `maxsize` line; the rows
/// can be filtered and hidden.
#[test]
fn the_queue_svg_has_its_resource_row_with_its_name() {
    let log = script("438_queue_bounded_backpressure.py");
    let doc = svg(&log, &Options::default());
    assert!(doc.contains(r#"class="resource" data-name="queue" data-type="Queue""#), "{doc}");
    assert!(doc.contains(">queue (Queue)</text>"), "the row's name in the name column");
    assert!(doc.contains(r#"<path class="level""#), "the length as a step chart");
    assert!(doc.contains(">maxsize 2</text>"));
    assert!(doc.contains("<title>Queue `queue`, maxsize 2: the line shows its length"), "hovering explains it");
    // It parses, and the row adds to the picture's height.
    let tree = usvg::Tree::from_str(&doc, &usvg_options()).expect("parses");
    let mut all = Vec::new();
    texts(tree.root(), &mut all);
    assert!(all.iter().any(|t| t == "queue (Queue)"), "{all:?}");
    let hidden = svg(&log, &Options { resources: layout::ResourceFilter::Hidden, ..Options::default() });
    assert!(!hidden.contains("class=\"resource\""));
    let frame = |o: &Options| export::frame(&log, o).unwrap();
    let with = frame(&Options::default());
    let without = frame(&Options { resources: layout::ResourceFilter::Hidden, ..Options::default() });
    assert_eq!(with.rows, without.rows + 1);
    let other =
        svg(&log, &Options { resources: layout::ResourceFilter::Only(vec!["nothing".into()]), ..Options::default() });
    assert!(!other.contains("class=\"resource\""));
}

/// The lock scenario's SVG labels each holding with its holder.
#[test]
fn the_lock_svg_shows_each_holder() {
    let log = script("404_lock_protects_read_modify_write.py");
    let doc = svg(&log, &Options::default());
    assert!(doc.contains(r#"data-name="lock" data-type="Lock""#));
    assert_eq!(doc.matches(r#"<rect class="hold""#).count(), 5);
    for i in 1..=5 {
        assert!(doc.contains(&format!(">deposit#{i}</text>")));
    }
    assert_eq!(doc.matches(r#"<text class="holder""#).count(), 5);
}
