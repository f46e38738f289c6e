//! Runaway guards (taskline-only): a program that never ends is stopped by
//! the event budget (`max_events`) or the time limit (`max_time`); the run
//! returns with `stopped` set, a `budget` log event, and the log so far.

use taskline::trace::asyncio::to_jsonl;
use taskline::trace::{EventKind, LogRecord};
use taskline::{Result, RunError, Runtime, coroutine, create_task, print, sleep};

fn budget_logs(log: &taskline::trace::Log) -> usize {
    log.events
        .iter()
        .filter(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Budget { .. }))
        .count()
}

mod spin {
    use super::*;

    coroutine! {
        pub async fn main() -> Result<()> {
            loop {
                sleep(0).await?;
            }
        }
    }
}

#[test]
fn the_event_budget_stops_an_endless_sleep0_loop() {
    let run = Runtime::new().max_events(1000).run(spin::main());
    assert_eq!(run.stopped, Some(RunError::EventBudget { limit: 1000 }));
    let log = &run.log;
    assert!(log.events.len() >= 1000, "the log is kept: {} events", log.events.len());
    assert!(log.events.len() <= 1010, "stopped soon after the budget: {} events", log.events.len());
    assert_eq!(budget_logs(log), 1);
    assert_eq!(log.end_time(), 0.0, "sleep(0) never advances the clock");
    assert!(log.meta.stopped.as_deref().is_some_and(|s| s.contains("1000 events")), "{:?}", log.meta.stopped);
    let err = run.result.expect_err("main never finished");
    assert_eq!(err.type_name(), "RuntimeError");
    // main yielded many times before it was stopped
    let resumes = log.events.iter().filter(|e| e.kind == EventKind::Resume).count();
    assert!(resumes > 100, "{resumes} resumes");
    assert!(to_jsonl(log).lines().last().is_some_and(|l| l.contains(r#""kind": "budget""#)));
}

mod tick {
    use super::*;

    coroutine! {
        pub async fn main() -> Result<()> {
            let mut n = 0u64;
            loop {
                sleep(1).await?;
                n += 1;
                if n % 25 == 0 {
                    print(format!("tick {n}"));
                }
            }
        }
    }
}

#[test]
fn the_time_limit_stops_an_endless_sleep1_loop() {
    let run = Runtime::new().max_time(100.0).run(tick::main());
    let log = &run.log;
    match &run.stopped {
        Some(RunError::TimeLimit { limit, at }) => {
            assert_eq!(*limit, 100.0);
            assert!(*at > 100.0 && *at <= 101.0, "stopped at {at}");
        }
        other => panic!("expected a time limit stop, got {other:?}"),
    }
    assert_eq!(budget_logs(log), 1);
    // every second up to the limit is in the log; nothing of the task after it
    let last_resume = log.events.iter().filter(|e| e.kind == EventKind::Resume).map(|e| e.time).fold(0.0, f64::max);
    assert_eq!(last_resume, 100.0);
    let prints = to_jsonl(log).lines().filter(|l| l.contains(r#""event": "print""#)).count();
    assert_eq!(prints, 4, "tick 25, 50, 75, 100");
    assert!(run.result.is_err());
}

mod immortal {
    use super::*;

    coroutine! {
        async fn immortal() -> Result<()> {
            loop {
                if sleep(1).await.is_err() {
                    // the shutdown's cancel: swallow it and yield forever
                    loop {
                        let _ = sleep(0).await;
                    }
                }
            }
        }

        pub async fn main() -> Result<()> {
            let _ = create_task("immortal", immortal());
            sleep(1).await?;
            Ok(())
        }
    }
}

#[test]
fn the_event_budget_also_stops_a_shutdown_that_never_ends() {
    let run = Runtime::new().max_events(2000).run(immortal::main());
    assert_eq!(run.stopped, Some(RunError::EventBudget { limit: 2000 }));
    assert_eq!(run.result, Ok(()), "main itself finished");
    let log = &run.log;
    assert!(
        log.events
            .iter()
            .any(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Shutdown { .. }))
    );
    assert_eq!(budget_logs(log), 1);
}

#[test]
fn a_program_within_its_budget_is_not_stopped() {
    let run = Runtime::new().max_events(1000).max_time(10.0).run(tick_three::main());
    assert_eq!(run.stopped, None);
    assert_eq!(run.result, Ok(3));
    assert_eq!(budget_logs(&run.log), 0);
}

mod tick_three {
    use super::*;

    coroutine! {
        pub async fn main() -> Result<u32> {
            for _ in 0..3 {
                sleep(1).await?;
            }
            Ok(3)
        }
    }
}
