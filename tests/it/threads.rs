//! Worker threads, simulated, through the Rust API: `to_thread`,
//! `run_in_executor` and `ThreadPool`. The tests with a twin in
//! `tests/data/behaviour/threads_*.py` must give the trace CPython 3.13
//! records with taskline's harness copy (`tests/asyncio_trace.py`, whose
//! virtual-time thread pool they exercise) exactly.

use crate::common;

use common::{assert_matches_cpython, now};
use taskline::trace::timeline::State;
use taskline::trace::{EventKind, JobOp, WaitKind, json};

mod loop_free {
    use taskline::{Result, coroutine, create_task, print, sleep, time, to_thread};

    coroutine! {
        async fn ticker() -> Result<()> {
            for i in 0..4 {
                print(format!("tick {i}"));
                sleep(0.5).await?;
            }
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let t = create_task("ticker", ticker());
            let r = to_thread("blocking", || {
                time::sleep(2);
                Ok(20)
            })
            .await?;
            print(format!("result {r}"));
            t.await
        }
    }
}

#[test]
fn loop_free() {
    let run = taskline::run(loop_free::main());
    assert_matches_cpython("threads_loop_free", &run.log);
    assert_eq!(run.log.end_time(), 2.0, "the worker's sleep does not add to the loop's time");
    assert!(!run.log.events.iter().any(|e| e.kind == EventKind::Block), "a worker's sleep never blocks the loop");
}

mod flood {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, time, to_thread};

    coroutine! {
        async fn waiter() -> Result<f64> {
            to_thread("job", || {
                time::sleep(1);
                Ok(time::monotonic())
            })
            .await
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = (0..13).map(|i| create_task(format!("w{i}").as_str(), waiter())).collect();
            for t in tasks {
                t.await?;
            }
            print(format!("last job ended at {}", now()));
            Ok(())
        }
    }
}

#[test]
fn flood_of_13_jobs_queues_on_12_workers() {
    let run = taskline::run(flood::main());
    assert_matches_cpython("threads_flood", &run.log);
    let log = &run.log;
    assert_eq!(log.jobs.len(), 13);
    let started: Vec<_> =
        log.events.iter().filter(|e| e.kind == EventKind::Job && e.job_op() == JobOp::Started).collect();
    assert_eq!(started.len(), 13);
    // Twelve workers start at once; the 13th job waits for the first one to finish, on its worker 0.
    assert!(started[..12].iter().all(|e| e.time == 0.0));
    assert_eq!((started[12].time, started[12].b), (1.0, 0));
    assert_eq!(log.jobs.iter().map(|j| j.worker).max(), Some(11));
    assert_eq!(taskline::DEFAULT_MAX_WORKERS, 12);
}

mod exception {
    use super::now;
    use taskline::{Error, Result, coroutine, print, run_in_executor, time};

    coroutine! {
        pub async fn main() -> Result<()> {
            let r: Result<i64> = run_in_executor("fails", || {
                time::sleep(1);
                Err(Error::new("ValueError", "bad input"))
            })
            .await;
            match r {
                Err(e) if e.type_name() == "ValueError" => {
                    print(format!("caught {} at {}", e.message().unwrap_or(""), now()));
                    Ok(())
                }
                other => other.map(|_| ()),
            }
        }
    }
}

#[test]
fn exception_in_worker_reaches_the_awaiting_task() {
    let run = taskline::run(exception::main());
    assert_matches_cpython("threads_exception", &run.log);
    let failed = run.log.events.iter().find(|e| e.kind == EventKind::Job && e.job_op() == JobOp::Exception);
    assert_eq!(failed.map(|e| e.time), Some(1.0));
}

mod cancel_running {
    use taskline::{Result, coroutine, create_task, print, sleep, time, to_thread};

    coroutine! {
        async fn waiter() -> Result<String> {
            to_thread("slow", || {
                print("job starts");
                time::sleep(3);
                print("job ends");
                Ok("late".to_owned())
            })
            .await
        }

        pub async fn main() -> Result<()> {
            let t = create_task("waiter", waiter());
            sleep(1).await?;
            t.cancel();
            match t.await {
                Err(e) if e.is_cancelled() => print("waiter cancelled"),
                other => {
                    other?;
                }
            }
            sleep(3).await?;
            Ok(())
        }
    }
}

#[test]
fn cancelling_the_awaiting_task_leaves_the_running_job_to_finish() {
    let run = taskline::run(cancel_running::main());
    assert_matches_cpython("threads_cancel_running", &run.log);
    let log = &run.log;
    let done = log.events.iter().find(|e| e.kind == EventKind::Job && e.job_op() == JobOp::Done).expect("job done");
    assert_eq!((done.time, log.str(done.b_u32())), (3.0, "'late'"));
    // The prints made in the job are tied to it, and fall at the job's times.
    let prints: Vec<_> = log.events.iter().filter(|e| e.kind == EventKind::Print && e.print_job().is_some()).collect();
    assert_eq!(prints.iter().map(|e| e.time).collect::<Vec<_>>(), vec![0.0, 3.0]);
    assert!(prints.iter().all(|e| e.print_job() == Some(0) && e.task == taskline::trace::NONE));
}

mod pool_of_one {
    use super::now;
    use taskline::{Result, ThreadPool, coroutine, print, time};

    fn work(n: i64) -> impl FnOnce() -> Result<i64> {
        move || {
            #[allow(clippy::cast_precision_loss)]
            time::sleep(n as f64);
            Ok(n)
        }
    }

    coroutine! {
        pub async fn main() -> Result<()> {
            let pool = ThreadPool::new(Some(1))?;
            let a = pool.submit("work", work(1));
            let b = pool.submit("work", work(2));
            let c = pool.submit("work", work(3));
            c.cancel();
            let (a, b) = (a.await?, b.await?);
            let cancelled = if c.done() { "True" } else { "False" };
            print(format!("{a} {b} {cancelled} at {}", now()));
            Ok(())
        }
    }
}

#[test]
fn a_pool_of_one_worker_runs_jobs_in_turn_and_a_cancelled_queued_job_never_runs() {
    let run = taskline::run(pool_of_one::main());
    assert_matches_cpython("threads_pool_of_one", &run.log);
    let ops: Vec<_> = run.log.events.iter().filter(|e| e.kind == EventKind::Job).map(|e| (e.a, e.job_op())).collect();
    assert!(ops.contains(&(2, JobOp::Cancelled)));
    assert!(!ops.contains(&(2, JobOp::Started)));
}

#[test]
fn bad_pools_and_late_submissions_raise_python_errors() {
    let run = taskline::run(taskline::coro("main", async {
        let e = taskline::ThreadPool::new(Some(0)).unwrap_err();
        assert_eq!((e.type_name(), e.message()), ("ValueError", Some("max_workers must be greater than 0")));
        let pool = taskline::ThreadPool::new(None)?;
        assert_eq!(pool.max_workers(), 12);
        pool.shutdown();
        let e = pool.submit("f", || Ok(1)).await.unwrap_err();
        assert_eq!((e.type_name(), e.message()), ("RuntimeError", Some("cannot schedule new futures after shutdown")));
        Ok(())
    }));
    assert!(run.result.is_ok(), "{:?}", run.result);
    // Outside a running loop: an error, no panic.
    let e = taskline::ThreadPool::default_executor().unwrap_err();
    assert_eq!(e.type_name(), "RuntimeError");
}

#[test]
fn a_task_waiting_on_a_job_is_drawn_as_in_a_worker_thread() {
    let run = taskline::run(loop_free::main());
    let log = &run.log;
    let suspend = log
        .events
        .iter()
        .find(|e| e.kind == EventKind::Suspend && e.wait_kind() == WaitKind::Job)
        .expect("main waits on the job");
    assert_eq!(log.str(suspend.a), "to_thread>Future");
    let tl = taskline::trace::timeline::derive(log);
    let main = &tl.rows[0];
    let seg = main.segments.iter().find(|s| matches!(s.state, State::InWorker(_))).expect("an in-worker segment");
    assert_eq!((seg.t0, seg.t1), (0.0, 2.0));
    assert_eq!(seg.state.label(log), "waiting for `blocking` in a worker thread (job 1)");
    let started = log.events.iter().position(|e| e.kind == EventKind::Job && e.job_op() == JobOp::Started).unwrap();
    let text = taskline::trace::explain::explain(log, u32::try_from(started).unwrap());
    assert!(text.contains("worker thread asyncio_0 starts job 1, `blocking`"), "{text}");
    // `taskline why`: main's wakeup follows from the job's end, which follows from its submission.
    let causes = taskline::trace::cause::derive(log);
    let wake = log.events.iter().rposition(|e| e.kind == EventKind::Wake && e.task == 0).unwrap();
    let chain = taskline::trace::cause::chain(&causes, u32::try_from(wake).unwrap());
    let kinds: Vec<_> = chain.iter().map(|c| (log.events[c.seq as usize].kind, c.reason)).collect();
    use taskline::trace::cause::Reason;
    assert_eq!(kinds[0], (EventKind::Job, Reason::AwaitedEnded), "{kinds:?}");
    assert_eq!(kinds[1], (EventKind::Job, Reason::JobSubmitted), "{kinds:?}");
    assert_eq!(kinds[2], (EventKind::Start, Reason::InStep), "{kinds:?}");
}

#[test]
fn job_events_round_trip_through_json_and_version_2_logs_still_load() {
    let run = taskline::run(cancel_running::main());
    let text = json::to_string(&run.log);
    assert!(text.contains(r#""kind":"job","detail":{"job":0,"op":"queued","func":"slow","pool":"asyncio"}"#), "{text}");
    assert!(text.contains(r#""detail":{"text":"job ends","job":0}"#), "{text}");
    assert!(text.contains(r#""wait":{"kind":"job","job":0}"#), "{text}");
    let back = json::from_str(&text).expect("loads");
    assert_eq!(json::to_string(&back), text);
    assert_eq!(back.jobs[0].worker_name(&back).as_deref(), Some("asyncio_0"));
    let table = |log: &taskline::trace::Log| -> Vec<_> {
        log.jobs
            .iter()
            .map(|j| (log.str(j.pool).to_owned(), log.str(j.func).to_owned(), j.submitter, j.worker))
            .collect()
    };
    assert_eq!(table(&back), table(&run.log), "the job table is rebuilt from the events");
    // The asyncio-trace projection of the loaded log is the golden one too.
    assert_matches_cpython("threads_cancel_running", &back);
    // A version-2 log (no jobs) still loads.
    let plain = taskline::run(taskline::coro("main", async { taskline::sleep(1).await }));
    let v2 = json::to_string(&plain.log).replace("\"version\": 3", "\"version\": 2");
    assert!(json::from_str(&v2).is_ok());
    // A job event before its job was queued is refused, with the event named.
    let bad = text.replacen(r#""job":0,"op":"queued""#, r#""job":5,"op":"queued""#, 1);
    let err = json::from_str(&bad).unwrap_err().to_string();
    assert!(err.contains("job 5 queued, expected job 0"), "{err}");
}
