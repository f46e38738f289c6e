//! asyncio's plain futures and the loop's callback API through the Rust
//! API: `PlainFuture`, `call_soon`, `call_later`, `call_at`. The twins in
//! `tests/data/behaviour/futures_*.py` give CPython 3.13's traces, matched
//! exactly; the rest checks states, errors and what the log records.

use crate::common;

use common::{assert_matches_cpython, me};
use taskline::trace::{EventKind, NONE, SyncOp, cause, explain};
use taskline::{
    PlainFuture, Result, call_later, call_soon, coro, coroutine, create_task, loop_time, print, repr, sleep,
};

fn time() -> String {
    repr(&loop_time().expect("a running loop"))
}

mod call_later_sets {
    use super::*;

    coroutine! {
        pub async fn main() -> Result<()> {
            let fut: PlainFuture<i64> = PlainFuture::named("fut").expect("a running loop");
            let f = fut.clone();
            call_later(2.0, "Setter.fire()", move || {
                print(format!("fire at {}", time()));
                f.set_result(42)
            });
            let value = fut.wait().await?;
            print(format!("got {value} at {}", time()));
            Ok(())
        }
    }
}

#[test]
fn a_future_set_by_a_call_later_callback_wakes_the_awaiting_task() {
    let run = taskline::run(call_later_sets::main());
    assert_matches_cpython("futures_call_later_sets", &run.log);
    assert_eq!(run.log.end_time(), 2.0);
}

/// The log says who woke whom: main's wakeup is caused by the future's
/// `set_result`, done in the callback `Setter.fire`, which the loop ran
/// because main scheduled it with `call_later` (at this file's line).
#[test]
fn the_cause_of_the_wakeup_is_the_future_set_by_the_callback_scheduled_by_main() {
    let run = taskline::run(call_later_sets::main());
    let log = &run.log;
    let sync = |op: SyncOp| {
        log.events.iter().position(|e| e.kind == EventKind::Sync && e.sync_op() == op).expect("a sync event") as u32
    };
    let (schedule, ran, set, woke) =
        (sync(SyncOp::Schedule), sync(SyncOp::Run), sync(SyncOp::SetResult), sync(SyncOp::Wake));
    assert!(schedule < ran && ran < set && set < woke);
    let obj = |seq: u32| &log.objects[log.events[seq as usize].a as usize];
    assert_eq!((log.str(obj(set).kind), log.str(obj(set).name)), ("Future", "fut"));
    assert_eq!((log.str(obj(ran).kind), log.str(obj(ran).name)), ("TimerHandle", "Setter.fire"));
    assert_eq!(log.events[woke as usize].sync_other(), 0, "the future woke main");
    assert_eq!(log.events[set as usize].task, NONE, "set inside a loop callback");
    assert_eq!(log.events[schedule as usize].sync_count(), 2000, "scheduled 2 s (2000 ms) ahead");

    let causes = cause::derive(log);
    let wake = log.events.iter().rposition(|e| e.kind == EventKind::Wake && e.task == 0).expect("main's wake") as u32;
    let chain = cause::chain(&causes, wake);
    let seqs: Vec<u32> = chain.iter().map(|c| c.seq).collect();
    assert_eq!(&seqs[..3], &[set, ran, schedule], "wake <- set_result <- run <- schedule");
    assert_eq!(chain[0].reason, cause::Reason::SyncWoke);
    let (file, line) = log.location(log.events[schedule as usize].loc).expect("call_later's place");
    assert!(file.ends_with("tests/it/futures.rs") && line > 0, "{file}:{line}");
    let because = cause::because(log, &causes, wake).expect("a telling cause");
    assert!(because.contains("set_result"), "{because}");
    let sentence = explain::explain(log, set);
    assert!(sentence.contains("`Setter.fire` (a loop callback) set the result of Future `fut`"), "{sentence}");
    for (seq, c) in causes.iter().enumerate() {
        assert!(c.is_some() || cause::is_root(log, seq as u32), "#{seq} has no cause");
    }
}

mod task_cancel {
    use super::*;

    coroutine! {
        async fn waiter(fut: PlainFuture<i64>) -> Result<i64> {
            match fut.wait().await {
                Err(e) if e.is_cancelled() => {
                    print(format!("waiter cancelled; future cancelled: {}", if fut.cancelled() { "True" } else { "False" }));
                    Err(e)
                }
                other => other,
            }
        }

        pub async fn main() -> Result<()> {
            let fut: PlainFuture<i64> = PlainFuture::new().expect("a running loop");
            let t = create_task("waiter", waiter(fut.clone()));
            sleep(1).await?;
            t.cancel();
            match t.clone().await {
                Err(e) if e.is_cancelled() => print(format!("main: waiter cancelled {}", if t.cancelled() { "True" } else { "False" })),
                other => { other?; }
            }
            Ok(())
        }
    }
}

#[test]
fn cancelling_the_task_that_awaits_a_future_cancels_the_future() {
    let run = taskline::run(task_cancel::main());
    assert_matches_cpython("futures_task_cancel", &run.log);
    let cancels = run.log.events.iter().filter(|e| e.kind == EventKind::Sync && e.sync_op() == SyncOp::Cancel).count();
    assert_eq!(cancels, 1, "the forwarded cancel is recorded on the future");
}

mod call_soon_order {
    use super::*;

    fn note(what: &'static str) -> impl FnOnce() -> Result<()> {
        move || {
            print(format!("callback {what}"));
            Ok(())
        }
    }

    coroutine! {
        async fn worker(n: u32) -> Result<()> {
            for i in 0..n {
                print(format!("{} step {i}", me().name()));
                sleep(0).await?;
            }
            Ok(())
        }

        pub async fn main() -> Result<()> {
            call_soon("Note.run()", note("A"));
            let t1 = create_task("w1", worker(3));
            call_soon("Note.run()", note("B"));
            let t2 = create_task("w2", worker(2));
            let h = call_soon("Note.run()", note("C")).expect("a running loop");
            h.cancel();
            assert!(h.cancelled() && h.when().is_none());
            sleep(0).await?;
            call_soon("Note.run()", note("D"));
            t1.await?;
            t2.await
        }
    }
}

#[test]
fn call_soon_callbacks_and_task_steps_share_one_fifo_queue() {
    let run = taskline::run(call_soon_order::main());
    assert_matches_cpython("futures_call_soon_order", &run.log);
}

mod callbacks_and_errors {
    use super::*;

    fn cb(name: &'static str) -> impl FnOnce(&PlainFuture<i64>) -> Result<()> {
        move |fut| {
            print(format!("callback {name}: {}", fut.result()?));
            if name == "bad" {
                return Err(taskline::Error::new("ValueError", "bad callback"));
            }
            Ok(())
        }
    }

    coroutine! {
        async fn waiter(fut: PlainFuture<i64>) -> Result<()> {
            print(format!("waiter got {}", fut.wait().await?));
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let fut: PlainFuture<i64> = PlainFuture::new().expect("a running loop");
            fut.add_done_callback("Cb.on_done()", cb("first"));
            let t = create_task("waiter", waiter(fut.clone()));
            sleep(0).await?;
            fut.add_done_callback("Cb.on_done()", cb("bad"));
            fut.add_done_callback("Cb.on_done()", cb("last"));
            fut.set_result(7)?;
            t.await
        }
    }
}

#[test]
fn done_callbacks_run_in_order_and_a_failing_one_goes_to_the_exception_handler() {
    let run = taskline::run(callbacks_and_errors::main());
    assert_matches_cpython("futures_callbacks_and_errors", &run.log);
}

#[test]
fn states_results_and_invalid_state_errors() {
    let run = taskline::run(coro("main", async {
        let fut: PlainFuture<String> = PlainFuture::new().expect("a running loop");
        let pending = fut.repr(repr, |e| e.to_string());
        assert_eq!(pending, "<Future pending>");
        assert_eq!(fut.result().unwrap_err().message(), Some("Result is not set."));
        assert_eq!(fut.exception().unwrap_err().message(), Some("Exception is not set."));
        fut.set_result("x".into())?;
        let err = fut.set_result("y".into()).unwrap_err();
        assert_eq!((err.type_name(), err.message()), ("InvalidStateError", Some("invalid state")));
        assert!(!fut.cancel(None));
        assert_eq!(fut.result()?, "x");
        assert_eq!(fut.repr(repr, |e| e.to_string()), "<Future finished result='x'>");

        let failed: PlainFuture<i64> = PlainFuture::new().expect("a running loop");
        failed.set_exception(taskline::Error::new("KeyError", "k"))?;
        assert_eq!(failed.exception()?.map(|e| e.type_name().to_owned()), Some("KeyError".into()));
        assert!(failed.set_exception(taskline::Error::new("KeyError", "again")).is_err());

        let cancelled: PlainFuture<i64> = PlainFuture::new().expect("a running loop");
        assert!(cancelled.cancel(Some("why")));
        assert!(cancelled.cancelled() && cancelled.done());
        let e = cancelled.result().unwrap_err();
        assert!(e.is_cancelled());
        assert_eq!(e.message(), Some("why"));
        assert_eq!(cancelled.repr(repr, |e| e.to_string()), "<Future cancelled>");

        // remove_done_callback: only what has not been scheduled yet.
        let f: PlainFuture<i64> = PlainFuture::new().expect("a running loop");
        let a = f.add_done_callback("a()", |_| Ok(())).expect("added");
        let _b = f.add_done_callback("b()", |_| Ok(())).expect("added");
        assert_eq!(f.repr(repr, |e| e.to_string()), "<Future pending cb=[a(), b()]>");
        assert_eq!(f.remove_done_callback(a), 1);
        assert_eq!(f.remove_done_callback(a), 0);
        assert_eq!(f.callbacks().len(), 1);
        Ok(())
    }));
    assert!(run.result.is_ok(), "{:?}", run.result);
}

#[test]
fn timer_handles_report_their_deadline_and_cancellation() {
    let run = taskline::run(coro("main", async {
        sleep(1).await?;
        let fired = std::rc::Rc::new(std::cell::Cell::new(0));
        let f = fired.clone();
        let h = call_later(2.5, "tick()", move || {
            f.set(f.get() + 1);
            Ok(())
        })
        .expect("a running loop");
        assert_eq!(h.when(), Some(3.5));
        assert_eq!(h.repr(), "<TimerHandle when=3.5 tick()>");
        let f = fired.clone();
        let cancelled = taskline::call_at(2.0, "never()", move || {
            f.set(f.get() + 100);
            Ok(())
        })
        .expect("a running loop");
        cancelled.cancel();
        assert_eq!(cancelled.repr(), "<TimerHandle cancelled when=2.0>");
        sleep(5).await?;
        Ok(fired.get())
    }));
    assert_eq!(run.result, Ok(1));
    // Outside a running loop there is no loop to schedule on.
    assert!(call_soon("x()", || Ok(())).is_none());
    assert!(PlainFuture::<i64>::new().is_none());
}

/// `loop.set_task_factory(asyncio.eager_task_factory)`: the child's first
/// step runs inside `create_task`, as the current task, before main goes on;
/// a child that finishes there is done at once and never scheduled.
#[test]
fn an_eager_task_runs_its_first_step_inside_create_task() {
    let run = taskline::run(coro("main", async {
        assert!(!taskline::runtime::eager_task_factory());
        assert!(taskline::runtime::set_eager_task_factory(true));
        let quick = create_task(
            "quick",
            coro("quick", async {
                print(format!("quick runs as {}", me().name()));
                Ok(1)
            }),
        );
        print(format!("main goes on as {}; quick done: {}", me().name(), quick.done()));
        let slow = create_task(
            "slow",
            coro("slow", async {
                sleep(1).await?;
                Ok(2)
            }),
        );
        assert!(!slow.done());
        Ok(quick.await? + slow.await?)
    }));
    assert_eq!(run.result, Ok(3));
    let log = &run.log;
    let seen: Vec<(String, EventKind)> = log
        .events
        .iter()
        .filter(|e| e.kind != EventKind::Wake && e.kind != EventKind::Sync)
        .take(9)
        .map(|e| (log.task_name(e.task).to_owned(), e.kind))
        .collect();
    let want = [
        ("main", EventKind::Created),
        ("main", EventKind::Start),
        ("quick", EventKind::Created),
        ("quick", EventKind::Start),
        ("quick", EventKind::Print),
        ("quick", EventKind::Done),
        ("main", EventKind::Print),
        ("slow", EventKind::Created),
        ("slow", EventKind::Start),
    ];
    let want: Vec<(String, EventKind)> = want.iter().map(|(t, k)| ((*t).to_owned(), *k)).collect();
    assert_eq!(seen, want);
    let printed: Vec<&str> = log.events.iter().filter(|e| e.kind == EventKind::Print).map(|e| log.str(e.a)).collect();
    assert_eq!(printed, ["quick runs as quick", "main goes on as main; quick done: true"]);
}
