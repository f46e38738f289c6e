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
