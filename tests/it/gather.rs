//! `gather`: children as tasks, results in order, the first failure, and
//! cancelling a gather. Each test is the twin of
//! `tests/data/behaviour/gather_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, me, now};

mod cancelled_from_outside {
    use super::now;
    use taskline::{Result, coroutine, create_task, gather, print, repr, sleep};

    coroutine! {
        async fn child(n: u64) -> Result<u64> {
            let r = sleep(n).await;
            print(format!("child({n}) finally at {}", now()));
            r?;
            Ok(n)
        }

        async fn stubborn() -> Result<u64> {
            match sleep(5).await {
                Err(e) if e.is_cancelled() => print("stubborn: swallowing"),
                other => other?,
            }
            Ok(99)
        }

        async fn gatherer() -> Result<Vec<u64>> {
            match gather(vec![child(1).boxed(), child(2).boxed(), stubborn().boxed()]).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("gatherer: CancelledError at {}", now()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let g = create_task("gatherer", gatherer());
            sleep(0.5).await?;
            print(format!("cancel() -> {}", repr(&g.cancel())));
            match g.join().await {
                Err(e) if e.is_cancelled() => print(format!("gatherer cancelled()={}", repr(&g.cancelled()))),
                other => {
                    other?;
                }
            }
            Ok(())
        }
    }
}

#[test]
fn cancelling_the_gathering_task_cancels_every_child() {
    let run = taskline::run(cancelled_from_outside::main());
    assert_matches_cpython("gather_cancelled_from_outside", &run.log);
}

mod failing_child {
    use super::now;
    use taskline::{Error, Result, coroutine, gather, print, sleep};

    coroutine! {
        async fn ok(n: u64) -> Result<u64> {
            sleep(n).await?;
            print(format!("ok({n}) done"));
            Ok(n)
        }

        async fn fail_now() -> Result<u64> {
            Err(Error::new("ValueError", "at once"))
        }

        pub async fn main() -> Result<()> {
            match gather(vec![ok(1).boxed(), fail_now().boxed(), ok(3).boxed()]).await {
                Err(e) if e.type_name() == "ValueError" => {
                    print(format!("main: ValueError({}) at {}", e.message().unwrap_or(""), now()));
                }
                other => {
                    other?;
                }
            }
            sleep(1.5).await?;
            print("main returns while ok(3) still runs");
            Ok(())
        }
    }
}

#[test]
fn a_failing_child_fails_the_gather_while_the_others_run_on() {
    let run = taskline::run(failing_child::main());
    assert_matches_cpython("gather_failing_child", &run.log);
}

mod zero {
    use taskline::{Result, Task, coroutine, gather, gather_settled, print, repr};

    coroutine! {
        pub async fn main() -> Result<()> {
            let r = gather(Vec::<Task<u64>>::new()).await?;
            print(format!("gather() -> {}", repr(&r)));
            let r = gather_settled(Vec::<Task<u64>>::new()).await?;
            print(format!("gather(return_exceptions=True) -> {}", repr(&r)));
            Ok(())
        }
    }
}

#[test]
fn a_gather_of_nothing_is_an_empty_list_at_once() {
    let run = taskline::run(zero::main());
    assert_matches_cpython("gather_zero", &run.log);
}

mod return_exceptions_cancelled {
    use super::me;
    use taskline::{Result, coroutine, create_task, gather, gather_settled, print, repr, sleep};

    coroutine! {
        async fn value(n: u64) -> Result<u64> {
            sleep(n).await?;
            Ok(n)
        }

        pub async fn main() -> Result<()> {
            let a = create_task("a", value(1));
            let b = create_task("b", value(5));
            let c = create_task("c", value(5));
            let g = gather_settled(vec![a.clone(), b.clone(), c.clone()]);
            sleep(2).await?;
            b.cancel();
            c.cancel_with("stop");
            let results = g.await?;
            print(format!("results: {}", repr(&results)));
            let d = create_task("d", value(5));
            let e = create_task("e", value(1));
            let g2 = gather(vec![d.clone(), e.clone()]);
            sleep(0).await?;
            d.cancel();
            match g2.await {
                Err(err) if err.is_cancelled() => print(format!(
                    "without return_exceptions: CancelledError; main cancelling()={}",
                    me().cancelling()
                )),
                other => {
                    other?;
                }
            }
            sleep(2).await?;
            print(format!("e -> {}", repr(&e.result()?)));
            Ok(())
        }
    }
}

#[test]
fn cancelled_children_with_and_without_return_exceptions() {
    let run = taskline::run(return_exceptions_cancelled::main());
    assert_matches_cpython("gather_return_exceptions_cancelled", &run.log);
}
