//! Deadlock: nothing is ready and no timer is pending, so the program would
//! block forever. The run records a `log` deadlock event and returns; the
//! shutdown then cancels what is pending. The shield cases are twins of
//! `tests/data/behaviour/deadlock_*.py` and must give CPython 3.13's trace
//! exactly; the cycle of plain task awaits is taskline-only (in CPython,
//! cancelling such a cycle recurses until RecursionError).

use crate::common;

use std::cell::RefCell;
use std::rc::Rc;

use common::assert_matches_cpython;
use taskline::Task;
use taskline::trace::{EventKind, LogRecord};

/// A task handle to be filled in later (Python: a module-level dict).
type Slot = Rc<RefCell<Option<Task<()>>>>;

fn take(slot: &Slot) -> Task<()> {
    slot.borrow().clone().expect("the slot is filled before the task runs")
}

mod shield_self {
    use super::{Slot, take};
    use taskline::{Result, coroutine, create_task, print, shield};

    coroutine! {
        async fn selfish(slot: Slot) -> Result<()> {
            print("selfish: awaiting a shield of myself");
            shield(take(&slot)).await
        }

        pub async fn main() -> Result<()> {
            let slot = Slot::default();
            let t = create_task("selfish", selfish(slot.clone()));
            *slot.borrow_mut() = Some(t.clone());
            t.await
        }
    }
}

#[test]
fn a_task_awaiting_a_shield_of_itself_deadlocks_and_the_run_returns() {
    let run = taskline::run(shield_self::main());
    assert_matches_cpython("deadlock_shield_self", &run.log);
    assert!(run.result.is_err(), "main never finished: {:?}", run.result);
    assert_eq!(run.stopped, None);
}

mod shield_cycle {
    use super::{Slot, take};
    use taskline::{Result, coroutine, create_task, shield, sleep};

    coroutine! {
        async fn first(other: Slot) -> Result<()> {
            sleep(0).await?;
            shield(take(&other)).await
        }

        async fn second(other: Slot) -> Result<()> {
            sleep(0).await?;
            shield(take(&other)).await
        }

        pub async fn main() -> Result<()> {
            let (slot_first, slot_second) = (Slot::default(), Slot::default());
            let a = create_task("first", first(slot_second.clone()));
            let b = create_task("second", second(slot_first.clone()));
            *slot_first.borrow_mut() = Some(a.clone());
            *slot_second.borrow_mut() = Some(b);
            a.await
        }
    }
}

#[test]
fn two_tasks_awaiting_each_other_through_shields_deadlock() {
    let run = taskline::run(shield_cycle::main());
    assert_matches_cpython("deadlock_shield_cycle", &run.log);
}

mod in_shutdown {
    use super::{Slot, take};
    use taskline::{Result, coroutine, create_task, print, shield, sleep};

    coroutine! {
        async fn stuck(me: Slot) -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    print("stuck: cleanup waits for myself");
                    shield(take(&me)).await
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let slot = Slot::default();
            let t = create_task("stuck", stuck(slot.clone()));
            *slot.borrow_mut() = Some(t);
            sleep(1).await?;
            print("main returns");
            Ok(())
        }
    }
}

#[test]
fn a_deadlock_during_the_shutdown_is_logged_and_the_run_returns() {
    let run = taskline::run(in_shutdown::main());
    assert_matches_cpython("deadlock_in_shutdown", &run.log);
}

mod task_cycle {
    use super::{Slot, take};
    use taskline::{Result, coroutine, create_task, sleep};

    coroutine! {
        async fn one(other: Slot) -> Result<()> {
            sleep(0).await?;
            take(&other).await
        }

        pub async fn main() -> Result<()> {
            let (slot_a, slot_b) = (Slot::default(), Slot::default());
            let a = create_task("a", one(slot_b.clone()));
            let b = create_task("b", one(slot_a.clone()));
            *slot_a.borrow_mut() = Some(a.clone());
            *slot_b.borrow_mut() = Some(b);
            a.await
        }
    }
}

const CHILD_ENV: &str = "TASKLINE_TEST_DEADLOCK_CHILD";

/// How long a child may run before it counts as hung: a guard against a
/// hang, not a speed bound (a loaded CI machine may be very slow).
const HANG: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs the task cycle `a` awaits `b` awaits `a` (main awaits `a`) and checks
/// the log. Run in a child process by the test below, so that a crash (e.g.
/// a stack overflow from forwarding the shutdown's cancel round the cycle)
/// fails one test instead of aborting the whole test binary.
#[test]
#[ignore = "run in a child process by a_cycle_of_tasks_awaiting_each_other_is_a_deadlock_not_a_crash"]
fn task_cycle_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let run = taskline::run(task_cycle::main());
    let log = &run.log;
    let deadlocks: Vec<_> = log
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Deadlock { .. }))
        .collect();
    assert!(!deadlocks.is_empty(), "no deadlock logged:\n{}", taskline::trace::asyncio::to_jsonl(log));
    assert_eq!(deadlocks[0].time, 0.0);
    let err = run.result.expect_err("main cannot finish");
    assert_eq!(err.type_name(), "RuntimeError");
    assert_eq!(run.stopped, None);
    // a, b and main are all suspended when the deadlock is found
    let suspends = log.events.iter().filter(|e| e.kind == EventKind::Suspend && e.time == 0.0).count();
    assert!(suspends >= 3, "main, a and b should all be suspended");
}

/// Runs the ignored test `name` of this binary in a child process (with
/// `CHILD_ENV` set) and returns its exit status and the interesting output,
/// or `None` if it did not finish within `limit`.
fn run_child(name: &str, limit: std::time::Duration) -> Option<(std::process::ExitStatus, String)> {
    let exe = std::env::current_exe().expect("test binary");
    // The test's full name in this binary: its module path without the crate.
    let module = module_path!().split_once("::").map_or("", |(_, rest)| rest);
    let full_name = format!("{module}::{name}");
    let mut child = std::process::Command::new(exe)
        .args([full_name.as_str(), "--exact", "--include-ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn the child test");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out = child.wait_with_output().expect("child output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("  ")).collect();
    lines.extend(stdout.lines().filter(|l| l.contains("panicked") || l.contains("deadlock")));
    Some((status, lines.join("\n")))
}

#[test]
fn a_cycle_of_tasks_awaiting_each_other_is_a_deadlock_not_a_crash() {
    match run_child("task_cycle_child", HANG) {
        None => panic!("the task cycle did not return within {HANG:?} (hang)"),
        Some((status, out)) => {
            assert!(status.success(), "a cycle of tasks awaiting each other crashed or failed ({status}):\n{out}");
        }
    }
}

mod foreign_pending {
    use taskline::{Result, coroutine, create_task};

    coroutine! {
        async fn waiting() -> Result<()> {
            std::future::pending::<()>().await;
            Ok(())
        }

        pub async fn main() -> Result<()> {
            create_task("waiting", waiting()).await
        }
    }
}

/// A task awaiting a foreign (non-taskline) future that never wakes it,
/// under the virtual clock: the virtual clock waits for nothing outside the
/// loop, so this is a deadlock, logged, and the run returns.
#[test]
fn a_foreign_future_that_never_wakes_is_a_deadlock_not_a_hang() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    match run_child("foreign_pending_child", HANG) {
        None => panic!("awaiting std::future::pending() under the virtual clock did not return within {HANG:?} (hang)"),
        Some((status, out)) => assert!(status.success(), "failed ({status}):\n{out}"),
    }
}

#[test]
#[ignore = "run in a child process by a_foreign_future_that_never_wakes_is_a_deadlock_not_a_hang"]
fn foreign_pending_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let run = taskline::run(foreign_pending::main());
    let log = &run.log;
    assert!(
        log.events
            .iter()
            .any(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Deadlock { .. })),
        "no deadlock logged"
    );
}
