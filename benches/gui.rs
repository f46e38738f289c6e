//! Headless frame benchmark of the desktop app, as egui_demo_lib's
//! benchmark does it: one `Context::run_ui` of the whole window plus
//! `Context::tessellate`, no GPU. Two logs: 100 tasks / 10k events and
//! 10k tasks / 1M events. For each, frames with the whole run fitted in the
//! view, while stepping (the cursor moves every frame) and while standing
//! still. Prints p50 / p95 / max per case; `docs/performance.md` records them.
//!
//! Run: `cargo bench --bench gui` (optimised). `-- --quick` runs fewer frames.

use std::time::{Duration, Instant};

use taskline::gui::TasklineApp;
use taskline::gui::document::Origin;
use taskline::trace::Log;
use taskline::{Result, Runtime, coro, create_task, gather, sleep};

/// A run with `tasks` tasks that each sleep `sleeps` times (about 3 events a sleep).
fn synthetic(tasks: usize, sleeps: usize) -> Log {
    let run = Runtime::new().max_events(50_000_000).run(coro("main", async move {
        let mut handles = Vec::with_capacity(tasks);
        for i in 0..tasks {
            let name: &'static str = Box::leak(format!("worker-{i}").into_boxed_str());
            handles.push(create_task(
                name,
                coro("worker", async move {
                    for k in 0..sleeps {
                        // Different periods so the tasks interleave.
                        let d = 0.01 * (1 + (i * 7 + k * 3) % 13) as f64;
                        sleep(d).await?;
                    }
                    Result::Ok(i)
                }),
            ));
        }
        let _ = gather(handles).await;
        Ok(())
    }));
    run.log
}

struct Stats {
    p50: f64,
    p95: f64,
    max: f64,
    shapes: usize,
}

fn frames(app: &mut TasklineApp, n: usize, stepping: bool) -> Stats {
    let ctx = egui::Context::default();
    let raw = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 860.0))),
        ..Default::default()
    };
    // Warm up: fonts, layouts per axis, first fit.
    for _ in 0..5 {
        let mut out = ctx.run_ui(raw(), |ui| app.ui_root(ui));
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let mut times = Vec::with_capacity(n);
    let mut shapes = 0;
    for _ in 0..n {
        if stepping {
            app.player_mut().step_forward();
        }
        let t = Instant::now();
        let mut out = ctx.run_ui(raw(), |ui| app.ui_root(ui));
        // No GPU: the font atlas updates are dropped.
        out.textures_delta.clear();
        shapes = out.shapes.len();
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| ms(times[((times.len() as f64 - 1.0) * q).round() as usize]);
    Stats { p50: at(0.5), p95: at(0.95), max: at(1.0), shapes }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 30 } else { 200 };
    let cases = [("100 tasks / 10k events", 100, 32), ("10k tasks / 1M events", 10_000, 32)];
    println!(
        "{:<26} {:>9} {:>10} {:>9} {:>9} {:>9} {:>8}",
        "log", "events", "frames", "p50 ms", "p95 ms", "max ms", "shapes"
    );
    let mut p95s = Vec::new();
    for (name, tasks, sleeps) in cases {
        let t = Instant::now();
        let log = synthetic(tasks, sleeps);
        let events = log.events.len();
        let made = t.elapsed();
        let t = Instant::now();
        let mut app = TasklineApp::with_log(Origin::Live("bench"), log);
        let opened = t.elapsed();
        // Measure the steady state: a large log's explanations are made in the background first.
        if let Some(doc) = app.document_mut() {
            doc.wait_background();
        }
        app.player_mut().set(u32::try_from(events / 2).unwrap_or(0));
        for (label, stepping) in [("still", false), ("stepping", true)] {
            let s = frames(&mut app, n, stepping);
            println!(
                "{:<26} {:>9} {:>10} {:>9.2} {:>9.2} {:>9.2} {:>8}",
                format!("{name}, {label}"),
                events,
                n,
                s.p50,
                s.p95,
                s.max,
                s.shapes
            );
            p95s.push(s.p95);
        }
        println!("  (recording the run took {made:.2?}; opening it in the app {opened:.2?})");
    }
    if let [small_still, small_step, large_still, large_step] = p95s[..] {
        println!(
            "large / small p95: still {:.2}x, stepping {:.2}x",
            large_still / small_still.max(1e-9),
            large_step / small_step.max(1e-9)
        );
    }
}
