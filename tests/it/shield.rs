//! `shield`: the awaiting task can be cancelled, the shielded task runs on.
//! Each test is the twin of `tests/data/behaviour/shield_*.py` and must give
//! CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, me, now};

mod of_coroutine {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, shield, sleep};

    coroutine! {
        async fn delay(seconds: u64) -> Result<u64> {
            sleep(seconds).await?;
            print(format!("delay({seconds}) finished at {}", now()));
            Ok(seconds)
        }

        async fn waiter() -> Result<u64> {
            match shield(delay(2)).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("waiter cancelled at {}", now()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let r = shield(delay(1)).await?;
            print(format!("shield(delay(1)) -> {}", repr(&r)));
            let w = create_task("waiter", waiter());
            sleep(1).await?;
            print(format!("waiter.cancel() -> {}", repr(&w.cancel())));
            match w.await {
                Err(e) if e.is_cancelled() => print("main: waiter cancelled; the shielded task runs on"),
                other => {
                    other?;
                }
            }
            sleep(2).await?;
            Ok(())
        }
    }
}

#[test]
fn shield_of_a_coroutine_runs_it_as_an_auto_named_task() {
    let run = taskline::run(of_coroutine::main());
    assert_matches_cpython("shield_coroutine", &run.log);
}

mod inner_fails {
    use super::now;
    use taskline::{Error, Result, coroutine, create_task, print, repr, shield, sleep};

    coroutine! {
        async fn fail(after: u64) -> Result<()> {
            sleep(after).await?;
            Err(Error::new("ValueError", format!("failed after {after}")))
        }

        async fn waiter() -> Result<()> {
            match shield(fail(2)).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("waiter cancelled at {}", now()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("inner", fail(1));
            match shield(t.clone()).await {
                Err(e) if e.type_name() == "ValueError" => print(format!(
                    "main: ValueError({}) through the shield; exception() -> {}",
                    e.message().unwrap_or(""),
                    repr(&t.exception()?)
                )),
                other => other?,
            }
            let w = create_task("waiter", waiter());
            sleep(1).await?;
            w.cancel();
            match w.await {
                Err(e) if e.is_cancelled() => print("main: waiter cancelled; the shielded task fails on its own"),
                other => other?,
            }
            sleep(2).await?;
            print("main done");
            Ok(())
        }
    }
}

#[test]
fn shield_passes_the_inner_exception_or_leaves_it_unretrieved() {
    let run = taskline::run(inner_fails::main());
    assert_matches_cpython("shield_inner_fails", &run.log);
}

mod done_task {
    use taskline::{Error, Result, coroutine, create_task, print, repr, shield, sleep};

    coroutine! {
        async fn quick() -> Result<&'static str> {
            Ok("quick")
        }

        async fn failing() -> Result<&'static str> {
            Err(Error::new("ValueError", "early"))
        }

        pub async fn main() -> Result<()> {
            let q = create_task("quick", quick());
            let f = create_task("failing", failing());
            sleep(0).await?;
            print(format!("done: {} {}", repr(&q.done()), repr(&f.done())));
            print(format!("shield(finished task) -> {}", repr(&shield(q.clone()).await?)));
            match shield(f.clone()).await {
                Err(e) if e.type_name() == "ValueError" => {
                    print(format!("shield(failed task) raises ValueError({})", e.message().unwrap_or("")));
                }
                other => {
                    other?;
                }
            }
            Ok(())
        }
    }
}

#[test]
fn shield_of_a_done_task_gives_its_outcome_at_once() {
    let run = taskline::run(done_task::main());
    assert_matches_cpython("shield_done_task", &run.log);
}

mod cancel_inner {
    use super::me;
    use taskline::{Result, Task, coroutine, create_task, print, repr, shield, sleep};

    coroutine! {
        async fn inner_work() -> Result<()> {
            let r = sleep(5).await;
            print("inner: finally");
            r
        }

        async fn waiter(t: Task<()>) -> Result<Option<&'static str>> {
            match shield(t).await {
                Ok(()) => Ok(None),
                Err(e) if e.is_cancelled() => {
                    print(format!("waiter: CancelledError; my cancelling()={}", me().cancelling()));
                    Ok(Some("inner was cancelled"))
                }
                Err(e) => Err(e),
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("inner", inner_work());
            let w = create_task("waiter", waiter(t.clone()));
            sleep(1).await?;
            print(format!("inner.cancel() -> {}", repr(&t.cancel())));
            print(format!("waiter -> {}", repr(&w.await?)));
            Ok(())
        }
    }
}

#[test]
fn cancelling_the_shielded_task_itself_reaches_the_awaiter() {
    let run = taskline::run(cancel_inner::main());
    assert_matches_cpython("shield_cancel_inner", &run.log);
}
