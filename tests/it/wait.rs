//! `asyncio.wait` and `asyncio.as_completed` through the Rust API. The
//! twins of `tests/data/behaviour/{wait,as_completed}_*.py` must give
//! CPython 3.13's trace exactly; the others check the log's record of the
//! wait, its explanation and its cause.

use crate::common;

use common::{assert_matches_cpython, me, now};

mod first_completed {
    use super::{me, now};
    use taskline::{Result, ReturnWhen, coroutine, create_task, print, sleep, wait};

    coroutine! {
        async fn job(delay: u64) -> Result<u64> {
            sleep(delay).await?;
            print(format!("{} finished at {}", me().name(), now()));
            Ok(delay)
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = [("slow", 3), ("fast", 1), ("mid", 2)].iter().map(|&(n, d)| create_task(n, job(d))).collect();
            let (done, pending) = wait(tasks.clone(), None, ReturnWhen::FirstCompleted).await?;
            print(format!("done {} pending {}", done.len(), pending.len()));
            sleep(5).await?;
            print(format!("all done: {}", if tasks.iter().all(|t| t.done()) { "True" } else { "False" }));
            Ok(())
        }
    }
}

#[test]
fn wait_first_completed() {
    let run = taskline::run(first_completed::main());
    assert_matches_cpython("wait_first_completed", &run.log);
}

mod timeout {
    use super::now;
    use taskline::{Result, ReturnWhen, coroutine, create_task, print, sleep, wait};

    coroutine! {
        async fn job(delay: u64) -> Result<u64> {
            sleep(delay).await?;
            Ok(delay)
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = [1, 3, 5].iter().map(|&d| create_task(format!("t{d}").as_str(), job(d))).collect();
            let (done, pending) = wait(tasks, Some(2.0), ReturnWhen::AllCompleted).await?;
            print(format!("done {} pending {} at {}", done.len(), pending.len(), now()));
            let (done, pending) = wait(pending, None, ReturnWhen::AllCompleted).await?;
            print(format!("done {} pending {} at {}", done.len(), pending.len(), now()));
            Ok(())
        }
    }
}

#[test]
fn wait_timeout_leaves_pending_running() {
    let run = taskline::run(timeout::main());
    assert_matches_cpython("wait_timeout", &run.log);
}

mod first_exception {
    use super::now;
    use taskline::{Error, Result, ReturnWhen, coroutine, create_task, print, sleep, wait};

    coroutine! {
        async fn job(delay: u64, fail: bool) -> Result<u64> {
            sleep(delay).await?;
            if fail {
                return Err(Error::new("ValueError", "broken"));
            }
            Ok(delay)
        }

        pub async fn main() -> Result<()> {
            let tasks = vec![create_task("ok1", job(1, false)), create_task("bad", job(2, true)), create_task("ok2", job(4, false))];
            let (done, pending) = wait(tasks.clone(), None, ReturnWhen::FirstException).await?;
            print(format!("done {} pending {} at {}", done.len(), pending.len(), now()));
            for t in &pending {
                t.cancel();
            }
            wait(pending, None, ReturnWhen::AllCompleted).await?;
            print(format!("cancelled: {}", if tasks[2].cancelled() { "True" } else { "False" }));
            Ok(())
        }
    }
}

#[test]
fn wait_first_exception() {
    let run = taskline::run(first_exception::main());
    assert_matches_cpython("wait_first_exception", &run.log);
}

mod cancel_waiter {
    use taskline::{Result, ReturnWhen, Task, coroutine, create_task, print, repr, sleep, wait};

    coroutine! {
        async fn job(delay: u64) -> Result<u64> {
            sleep(delay).await?;
            Ok(delay)
        }

        async fn waiter(tasks: Vec<Task<u64>>) -> Result<()> {
            wait(tasks, None, ReturnWhen::AllCompleted).await?;
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = [1, 3].iter().map(|&d| create_task(format!("j{d}").as_str(), job(d))).collect();
            let w = create_task("waiter", waiter(tasks.clone()));
            sleep(2).await?;
            w.cancel();
            match w.await {
                Err(e) if e.is_cancelled() => print("waiter cancelled"),
                other => other?,
            }
            let r = tasks[1].clone().await?;
            print(format!("j3 -> {}", repr(&r)));
            Ok(())
        }
    }
}

#[test]
fn cancelling_the_waiting_task_leaves_the_tasks_running() {
    let run = taskline::run(cancel_waiter::main());
    assert_matches_cpython("wait_cancel_waiter", &run.log);
}

mod as_completed_order {
    use super::now;
    use taskline::{Result, as_completed, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn job(delay: u64) -> Result<u64> {
            sleep(delay).await?;
            Ok(delay)
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = [3, 1, 2].iter().map(|&d| create_task(format!("j{d}").as_str(), job(d))).collect();
            let it = as_completed(tasks, None)?;
            while let Some(next) = it.next() {
                let v = next.await?;
                print(format!("got {} at {}", repr(&v), now()));
            }
            Ok(())
        }
    }
}

#[test]
fn as_completed_gives_results_in_completion_order() {
    let run = taskline::run(as_completed_order::main());
    assert_matches_cpython("as_completed_order", &run.log);
}

mod as_completed_timeout {
    use super::now;
    use taskline::{Result, Task, as_completed, coroutine, create_task, print, sleep};

    coroutine! {
        async fn job(delay: u64) -> Result<u64> {
            sleep(delay).await?;
            Ok(delay)
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<Task<u64>> = [1, 5].iter().map(|&d| create_task(format!("j{d}").as_str(), job(d))).collect();
            let it = as_completed(tasks.clone(), Some(2.0))?;
            while let Some(next) = it.next_done() {
                match next.await {
                    Ok(f) => {
                        let id = f.task_id().expect("a task");
                        let name = tasks.iter().find(|t| t.id() == id).map(|t| t.name()).unwrap_or_default();
                        print(format!("completed {name}"));
                    }
                    Err(e) if e.is_timeout() => {
                        print(format!("timeout at {}", now()));
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            tasks[1].cancel();
            Ok(())
        }
    }
}

#[test]
fn as_completed_timeout_raises_timeout_error() {
    let run = taskline::run(as_completed_timeout::main());
    assert_matches_cpython("as_completed_timeout", &run.log);
}

#[test]
fn an_empty_wait_is_a_value_error() {
    use taskline::{ReturnWhen, Task, coro, wait};
    let run = taskline::run(coro("main", async {
        let none: Vec<Task<u64>> = Vec::new();
        match wait(none, None, ReturnWhen::AllCompleted).await {
            Err(e) => Ok(format!("{}: {}", e.type_name(), e.message().unwrap_or(""))),
            Ok(_) => Ok("returned".to_owned()),
        }
    }));
    assert_eq!(run.result, Ok("ValueError: Set of Tasks/Futures is empty.".to_owned()));
}

#[test]
fn return_when_names_are_asyncios_constants() {
    use taskline::ReturnWhen;
    for r in [ReturnWhen::FirstCompleted, ReturnWhen::FirstException, ReturnWhen::AllCompleted] {
        assert_eq!(ReturnWhen::from_name(r.name()), Some(r));
    }
    assert_eq!(ReturnWhen::FirstCompleted.name(), "FIRST_COMPLETED");
    assert_eq!(ReturnWhen::from_name("SOMETIMES"), None);
}

/// The log records what the task waits on, the timeline and the
/// explanation line say it, and the cause model ties the wakeup to the
/// task whose end returned the wait.
#[test]
fn the_log_explains_the_wait_and_its_wakeup() {
    use taskline::trace::{EventKind, WaitKind, WaitMode, WaitRecord, cause, explain, timeline::State};
    let run = taskline::run(first_completed::main());
    let log = &run.log;
    let (seq, suspend) = log
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.kind == EventKind::Suspend && e.wait_kind() == WaitKind::Wait)
        .expect("main suspends in wait");
    let Some(WaitRecord::Wait { tasks, mode, deadline }) = log.waits.get(suspend.b as usize) else {
        panic!("a wait record")
    };
    assert_eq!(tasks.len(), 3);
    assert_eq!(*mode, WaitMode::FirstCompleted);
    assert_eq!(*deadline, None);
    let state = State::of_wait(log, suspend.wait_kind(), suspend.b);
    assert_eq!(state.label(log), "waiting in asyncio.wait for 3 tasks (FIRST_COMPLETED)");
    assert!(explain::explain(log, seq as u32).contains("asyncio.wait for 3 tasks (FIRST_COMPLETED)"));
    // main's wake after the suspend: caused by fast's end, and explained so.
    let main = suspend.task;
    let wake = log
        .events
        .iter()
        .enumerate()
        .skip(seq)
        .find(|(_, e)| e.kind == EventKind::Wake && e.task == main)
        .map(|(i, _)| i as u32)
        .expect("main is woken");
    assert_eq!(explain::explain(log, wake), "main is ready again: task fast finished (FIRST_COMPLETED)");
    let causes = cause::derive(log);
    let c = causes[wake as usize].expect("a cause");
    assert_eq!(c.reason, cause::Reason::AwaitedEnded);
    let end = log.events[c.seq as usize];
    assert_eq!(end.kind, EventKind::Done);
    assert_eq!(log.task_name(end.task), "fast");
}

#[test]
fn a_wait_timeout_is_explained_as_the_timeout() {
    use taskline::trace::{EventKind, WaitKind, cause, explain};
    let run = taskline::run(timeout::main());
    let log = &run.log;
    let seq = log
        .events
        .iter()
        .position(|e| e.kind == EventKind::Suspend && e.wait_kind() == WaitKind::Wait)
        .expect("main suspends in wait");
    let main = log.events[seq].task;
    let wake = (seq..log.events.len())
        .find(|&i| log.events[i].kind == EventKind::Wake && log.events[i].task == main)
        .expect("main is woken") as u32;
    assert_eq!(log.events[wake as usize].time, 2.0);
    assert!(explain::explain(log, wake).contains("timeout"), "{}", explain::explain(log, wake));
    let c = cause::derive(log)[wake as usize].expect("a cause");
    assert_eq!(c.seq as usize, seq);
    assert_eq!(c.reason, cause::Reason::DeadlineSet);
}

#[test]
fn the_wait_record_round_trips_through_json() {
    let run = taskline::run(as_completed_timeout::main());
    let text = taskline::trace::json::to_string(&run.log);
    let back = taskline::trace::json::from_str(&text).expect("reads back");
    assert_eq!(back.waits, run.log.waits);
    assert!(text.contains("\"mode\":\"as_completed\""), "{text}");
}

#[test]
fn as_completed_wraps_coroutines_in_tasks_made_by_as_completed() {
    use taskline::trace::Via;
    use taskline::{as_completed, coro, sleep};
    let run = taskline::run(coro("main", async {
        let it = as_completed(
            vec![coro("job", async {
                sleep(1).await?;
                Ok(7u64)
            })],
            None,
        )?;
        let mut out = Vec::new();
        while let Some(next) = it.next() {
            out.push(next.await?);
        }
        Ok((out, it.remaining()))
    }));
    assert_eq!(run.result, Ok((vec![7], 0)));
    let job = run.log.tasks.iter().find(|t| run.log.str(t.coro) == "job").expect("a task for job");
    assert!(matches!(job.via, Via::Other(s) if run.log.str(s) == "as_completed"));
    // main waited in the iterator: the suspend says so.
    let chain = run
        .log
        .events
        .iter()
        .find(|e| e.kind == taskline::trace::EventKind::Suspend && e.task == 0)
        .map(|e| run.log.str(e.a).to_owned());
    assert_eq!(chain.as_deref(), Some("_AsCompletedIterator._wait_for_one>Queue.get>Future"));
}

#[test]
fn wait_accepts_the_same_task_twice_once() {
    use taskline::{ReturnWhen, coro, create_task, sleep, wait};
    let run = taskline::run(coro("main", async {
        let t = create_task(
            "t",
            coro("job", async {
                sleep(1).await?;
                Ok(1u64)
            }),
        );
        let (done, pending) = wait(vec![t.clone(), t.clone()], Some(5.0), ReturnWhen::FirstCompleted).await?;
        Ok((done.len(), pending.len()))
    }));
    assert_eq!(run.result, Ok((1, 0)));
    assert_eq!(run.log.end_time(), 1.0);
}

#[test]
fn a_nan_timeout_is_refused_where_it_is_given() {
    use taskline::{ReturnWhen, coro, create_task, sleep, wait};
    let run = taskline::run(coro("main", async {
        let t = create_task(
            "t",
            coro("job", async {
                sleep(1).await?;
                Ok(1u64)
            }),
        );
        match wait(vec![t], Some(f64::NAN), ReturnWhen::AllCompleted).await {
            Err(e) => Ok(e.type_name().to_owned()),
            Ok(_) => Ok("returned".to_owned()),
        }
    }));
    assert_eq!(run.result, Ok("ValueError".to_owned()));
    let text = taskline::trace::json::to_string(&run.log);
    assert!(taskline::trace::json::from_str(&text).is_ok());
}
