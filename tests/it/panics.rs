//! A Rust panic inside a task (taskline-only: no Python twin). It is caught
//! at the task boundary and recorded as the task's `exception` with type
//! `Panic` and the panic message; the other tasks run on, a task awaiting
//! the panicked one gets the `Panic` error, and the run returns normally.

use taskline::trace::asyncio::to_jsonl;
use taskline::trace::{Event, EventKind, Log, LogRecord, TaskId};
use taskline::{Error, Result, coroutine, create_task, print, sleep};

fn task_id(log: &Log, name: &str) -> TaskId {
    let i = log.tasks.iter().position(|t| log.str(t.name) == name).unwrap_or_else(|| panic!("no task {name}"));
    TaskId::try_from(i).expect("task id")
}

fn events_of<'a>(log: &'a Log, name: &str) -> Vec<&'a Event> {
    let id = task_id(log, name);
    log.events.iter().filter(|e| e.task == id).collect()
}

/// The (type, message) of the task's `exception` event.
fn exception_of(log: &Log, name: &str) -> Option<(f64, String, String)> {
    events_of(log, name)
        .into_iter()
        .find(|e| e.kind == EventKind::Exception)
        .map(|e| (e.time, log.str(e.a).to_owned(), log.str(e.b_u32()).to_owned()))
}

fn final_kind(log: &Log, name: &str) -> EventKind {
    events_of(log, name).into_iter().rev().find(|e| e.kind.is_end()).map(|e| e.kind).expect("the task ended")
}

mod panicking_task {
    use super::*;

    coroutine! {
        async fn bad() -> Result<u64> {
            sleep(1).await?;
            panic!("kaboom")
        }

        async fn good() -> Result<u64> {
            sleep(2).await?;
            print("good still runs");
            Ok(2)
        }

        pub async fn main() -> Result<String> {
            let b = create_task("bad", bad());
            let g = create_task("good", good());
            let err = b.join().await.expect_err("bad panicked");
            let v = g.await?;
            Ok(format!("{}: {} / {v}", err.type_name(), err.message().unwrap_or("")))
        }
    }
}

#[test]
fn a_panicking_task_ends_with_a_panic_exception_and_the_others_run_on() {
    let run = taskline::run(panicking_task::main());
    let log = &run.log;
    assert_eq!(run.result, Ok("Panic: kaboom / 2".to_owned()));
    assert_eq!(run.stopped, None);
    assert_eq!(exception_of(log, "bad"), Some((1.0, "Panic".to_owned(), "kaboom".to_owned())));
    assert_eq!(final_kind(log, "good"), EventKind::Done);
    assert_eq!(final_kind(log, "main"), EventKind::Done);
    let jsonl = to_jsonl(log);
    assert!(
        jsonl.contains(
            r#"{"t": 1.0, "task": "bad", "event": "exception", "detail": {"type": "Panic", "msg": "kaboom"}}"#
        ),
        "{jsonl}"
    );
    // main, awaiting bad, resumes with the Panic thrown in
    assert!(
        jsonl.contains(
            r#"{"t": 1.0, "task": "main", "event": "resume", "detail": {"throw": "Panic", "msg": "kaboom"}}"#
        ),
        "{jsonl}"
    );
    assert!(jsonl.contains(r#"{"t": 2.0, "task": "good", "event": "print", "detail": {"text": "good still runs"}}"#));
}

mod formatted_panic {
    use super::*;

    coroutine! {
        async fn checker(value: u64) -> Result<u64> {
            sleep(0).await?;
            assert!(value < 10, "value {value} out of range");
            Ok(value)
        }

        async fn nested() -> Result<u64> {
            checker(42).await
        }

        pub async fn main() -> Result<()> {
            let t = create_task("checker", nested());
            let _ = t.join().await;
            Ok(())
        }
    }
}

#[test]
fn a_formatted_panic_in_a_nested_coroutine_keeps_its_message() {
    let run = taskline::run(formatted_panic::main());
    assert_eq!(run.result, Ok(()));
    assert_eq!(exception_of(&run.log, "checker"), Some((0.0, "Panic".to_owned(), "value 42 out of range".to_owned())));
}

mod panicking_main {
    use super::*;

    coroutine! {
        async fn bystander() -> Result<()> {
            sleep(5).await
        }

        pub async fn main() -> Result<()> {
            let _b = create_task("bystander", bystander());
            sleep(1).await?;
            let v: Option<u32> = None;
            let _ = std::hint::black_box(v).expect("main gives up");
            Ok(())
        }
    }
}

#[test]
fn a_panic_in_main_is_main_s_exception_and_the_shutdown_still_runs() {
    let run = taskline::run(panicking_main::main());
    let log = &run.log;
    let err = run.result.expect_err("main panicked");
    assert_eq!(err.type_name(), "Panic");
    assert_eq!(err.message(), Some("main gives up"));
    assert_eq!(exception_of(log, "main"), Some((1.0, "Panic".to_owned(), "main gives up".to_owned())));
    // the shutdown cancels the bystander at 1.0
    assert_eq!(final_kind(log, "bystander"), EventKind::Cancelled);
    assert!(
        log.events
            .iter()
            .any(|e| e.kind == EventKind::Log && matches!(log.logs[e.a as usize], LogRecord::Shutdown { .. }))
    );
    assert_eq!(log.end_time(), 1.0);
}

mod unretrieved_panic {
    use super::*;

    coroutine! {
        async fn bad() -> Result<()> {
            sleep(1).await?;
            panic!("nobody is listening")
        }

        pub async fn main() -> Result<()> {
            let _ = create_task("bad", bad());
            sleep(2).await?;
            Ok(())
        }
    }
}

#[test]
fn a_panic_nobody_retrieves_is_logged_as_never_retrieved() {
    let run = taskline::run(unretrieved_panic::main());
    let jsonl = to_jsonl(&run.log);
    assert!(
        jsonl.contains(
            r#"{"t": 1.0, "task": null, "event": "log", "detail": {"kind": "loop_exception", "message": "Task exception was never retrieved", "exception": "Panic", "exc_msg": "nobody is listening", "about": "bad"}}"#
        ),
        "{jsonl}"
    );
    assert_eq!(run.result, Ok(()));
}

/// A panic is an ordinary exception value for other code: `Error::panic`.
#[test]
fn the_panic_error_value() {
    let e = Error::panic("boom");
    assert_eq!(e.type_name(), "Panic");
    assert!(!e.is_cancelled());
    assert_eq!(e.to_string(), "Panic: boom");
}
