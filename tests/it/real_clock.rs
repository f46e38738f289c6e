//! The real clock: sleeps take wall-clock time (async-io timers drive the
//! loop), and a task may await any Rust future, which wakes it through its
//! waker — the way to record real async code.

use std::time::{Duration, Instant};

use taskline::trace::{EventKind, WakeReason};
use taskline::{ClockMode, Result, Runtime, coro, create_task, sleep};

#[test]
fn sleeps_take_real_time_and_keep_asyncio_order() {
    let started = Instant::now();
    let run = Runtime::new().clock(ClockMode::Real).run(coro("main", async {
        let a = create_task(
            "a",
            coro("worker", async {
                sleep(0.05).await?;
                Result::Ok(1)
            }),
        );
        let b = create_task(
            "b",
            coro("worker", async {
                sleep(0.02).await?;
                Result::Ok(2)
            }),
        );
        Ok(a.await? + b.await?)
    }));
    let wall = started.elapsed();
    assert_eq!(run.result, Ok(3));
    assert!(wall >= Duration::from_millis(50), "took {wall:?}");
    assert_eq!(run.log.meta.clock, "real");
    // b's timer is shorter: b finishes first, at >= 0.02 s, a at >= 0.05 s.
    let done: Vec<(String, f64)> = run
        .log
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Done)
        .map(|e| (run.log.task_name(e.task).to_owned(), e.time))
        .collect();
    assert_eq!(done.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), ["b", "a", "main"]);
    assert!(done[0].1 >= 0.02 && done[1].1 >= 0.05, "{done:?}");
    // Times never go backwards.
    assert!(run.log.events.windows(2).all(|w| w[0].time <= w[1].time));
}

#[test]
fn a_task_can_await_a_foreign_future() {
    let run = Runtime::new().clock(ClockMode::Real).run(coro("main", async {
        let t = create_task(
            "io",
            coro("io", async {
                async_io::Timer::after(Duration::from_millis(30)).await;
                Result::Ok("read")
            }),
        );
        t.await
    }));
    assert_eq!(run.result, Ok("read"));
    let io = run.log.tasks.iter().position(|t| run.log.str(t.name) == "io").expect("io task") as u32;
    let suspend = run.log.events.iter().find(|e| e.task == io && e.kind == EventKind::Suspend).expect("suspend");
    assert_eq!(run.log.str(suspend.a), "Future");
    let wake = run.log.events.iter().find(|e| e.task == io && e.kind == EventKind::Wake).expect("wake");
    assert_eq!(wake.wake_reason(), WakeReason::Foreign);
    assert!(wake.time >= 0.03, "woken at {}", wake.time);
}

#[test]
fn cancelling_a_task_that_awaits_a_foreign_future_is_delivered_at_its_next_await() {
    let run = Runtime::new().clock(ClockMode::Real).run(coro("main", async {
        let t = create_task(
            "io",
            coro("io", async {
                async_io::Timer::after(Duration::from_millis(20)).await;
                sleep(10).await?; // the cancel arrives here
                Result::Ok(())
            }),
        );
        sleep(0.005).await?;
        t.cancel();
        Ok(t.await.err().is_some_and(|e| e.is_cancelled()))
    }));
    assert_eq!(run.result, Ok(true));
    assert!(run.log.end_time() < 1.0, "the 10 s sleep was not waited for");
}

/// Every time in the log is a finite number (never inf or NaN).
fn all_times_finite(log: &taskline::trace::Log) -> bool {
    log.events.iter().all(|e| e.time.is_finite())
}

/// `--max-time` bounds the wall-clock wait of a sleep: the run stops with
/// `TimeLimit` at the limit instead of sleeping on. (Only lower bounds and
/// event facts are asserted on the real clock, plus "well before the sleep
/// would have ended", at 60 s.)
#[test]
fn the_time_limit_bounds_a_real_clock_sleep() {
    for secs in [1000.0, f64::INFINITY] {
        let run = Runtime::new().clock(ClockMode::Real).max_time(0.2).run(coro("main", async move {
            sleep(secs).await?;
            Ok(())
        }));
        assert!(
            matches!(run.stopped, Some(taskline::RunError::TimeLimit { limit, at }) if limit == 0.2 && at > 0.2),
            "sleep({secs}): {:?}",
            run.stopped
        );
        let end = run.log.end_time();
        assert!((0.2..60.0).contains(&end), "sleep({secs}) ended at {end}");
        assert!(all_times_finite(&run.log));
    }
}

/// A blocking `time.sleep` on the real clock is bounded by the limit too.
#[test]
fn the_time_limit_bounds_an_endless_blocking_sleep() {
    let run = Runtime::new().clock(ClockMode::Real).max_time(0.2).run(coro("main", async {
        taskline::time::sleep(f64::INFINITY);
        sleep(0).await?;
        Ok(())
    }));
    assert!(matches!(run.stopped, Some(taskline::RunError::TimeLimit { .. })), "{:?}", run.stopped);
    assert!(all_times_finite(&run.log));
    let end = run.log.end_time();
    assert!((0.2..60.0).contains(&end), "ended at {end}");
}

/// On the virtual clock an endless blocking sleep stops the run at the
/// limit at once; `sleep(inf)` runs the clock to the limit. No time is inf.
#[test]
fn endless_sleeps_on_the_virtual_clock_stop_at_the_limit() {
    let run = Runtime::new().max_time(100.0).run(coro("main", async {
        taskline::time::sleep(f64::INFINITY);
        sleep(0).await?;
        Ok(())
    }));
    assert!(matches!(run.stopped, Some(taskline::RunError::TimeLimit { at, .. }) if at == 100.0), "{:?}", run.stopped);
    assert!(all_times_finite(&run.log));
    let run = Runtime::new().max_time(100.0).run(coro("main", async {
        sleep(f64::INFINITY).await?;
        Ok(())
    }));
    assert!(matches!(run.stopped, Some(taskline::RunError::TimeLimit { .. })), "{:?}", run.stopped);
    assert!(all_times_finite(&run.log));
}

/// The CLI: a script sleeping 1000 s with `--clock real --max-time 1`
/// stops at about 1 s with status 3 and the time limit as its last event.
#[test]
fn the_cli_stops_a_long_real_clock_sleep_at_max_time() {
    let dir = std::env::temp_dir().join(format!("taskline-real-clock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("long_sleep.py");
    std::fs::write(&path, "import asyncio\n\n\nasync def main():\n    print('start')\n    await asyncio.sleep(1000)\n")
        .expect("write the script");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taskline"))
        .args(["run", path.to_str().expect("utf-8"), "--clock", "real", "--max-time", "1", "--format", "json"])
        .output()
        .expect("run taskline");
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let log = taskline::trace::json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("JSON log");
    let last = log.events.last().expect("events");
    assert!(last.time >= 1.0 && last.time < 60.0, "stopped at {}", last.time);
    assert!(
        log.meta.stopped.as_deref().is_some_and(|s| s.contains("past the time limit of 1 s")),
        "{:?}",
        log.meta.stopped
    );
    assert!(all_times_finite(&log));
}
