//! Forwarding: a cancel passes from a task to the task it awaits; a
//! cancellation or exception of an awaited task comes back to the awaiter.
//! Each test is the twin of `tests/data/behaviour/forward_*.py` and must
//! give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, me};

mod three_levels {
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn leaf() -> Result<()> {
            let r = sleep(10).await;
            print("leaf: finally");
            r
        }

        async fn mid() -> Result<()> {
            let t = create_task("leaf", leaf());
            let r = t.join().await;
            print(format!("mid: finally; leaf.cancelled()={}", repr(&t.cancelled())));
            r
        }

        async fn top() -> Result<()> {
            let t = create_task("mid", mid());
            let r = t.join().await;
            print(format!("top: finally; mid.cancelled()={}", repr(&t.cancelled())));
            r
        }

        pub async fn main() -> Result<()> {
            let t = create_task("top", top());
            sleep(1).await?;
            print(format!("cancel() -> {}", repr(&t.cancel())));
            match t.join().await {
                Err(e) if e.is_cancelled() => print(format!("top cancelled()={}", repr(&t.cancelled()))),
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn a_cancel_is_forwarded_down_three_levels_and_unwinds_innermost_first() {
    let run = taskline::run(three_levels::main());
    assert_matches_cpython("forward_three_levels", &run.log);
}

mod awaiting_cancelled_task {
    use super::me;
    use taskline::{Result, Task, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn victim() -> Result<()> {
            sleep(10).await
        }

        async fn catcher(t: Task<()>) -> Result<Option<&'static str>> {
            match t.await {
                Ok(()) => Ok(None),
                Err(e) if e.is_cancelled() => {
                    print(format!("catcher: CancelledError from victim; my cancelling()={}", me().cancelling()));
                    Ok(Some("caught"))
                }
                Err(e) => Err(e),
            }
        }

        async fn passer(t: Task<()>) -> Result<()> {
            t.await
        }

        pub async fn main() -> Result<()> {
            let v = create_task("victim", victim());
            let c = create_task("catcher", catcher(v.clone()));
            let p = create_task("passer", passer(v.clone()));
            sleep(1).await?;
            print(format!("victim.cancel() -> {}", repr(&v.cancel())));
            print(format!("catcher -> {}", repr(&c.await?)));
            match p.join().await {
                Err(e) if e.is_cancelled() => print(format!(
                    "passer cancelled()={} cancelling()={}",
                    repr(&p.cancelled()),
                    p.cancelling()
                )),
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn awaiting_a_cancelled_task_raises_cancelled_error_in_an_uncancelled_awaiter() {
    let run = taskline::run(awaiting_cancelled_task::main());
    assert_matches_cpython("forward_awaiting_cancelled_task", &run.log);
}

mod child_exception {
    use taskline::{Error, Result, coroutine, create_task, print, repr};

    coroutine! {
        async fn child() -> Result<()> {
            taskline::sleep(1).await?;
            Err(Error::new("ValueError", "bad"))
        }

        async fn parent() -> Result<()> {
            let t = create_task("child", child());
            t.await
        }

        pub async fn main() -> Result<()> {
            let p = create_task("parent", parent());
            match p.join().await {
                Err(e) if e.type_name() == "ValueError" => print(format!(
                    "main caught ValueError({}); parent.exception() -> {}",
                    e.message().unwrap_or(""),
                    repr(&p.exception()?)
                )),
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn an_exception_in_a_child_propagates_to_the_awaiter() {
    let run = taskline::run(child_exception::main());
    assert_matches_cpython("forward_child_exception", &run.log);
}
