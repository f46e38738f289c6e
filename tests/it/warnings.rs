//! What the loop logs: coroutines never awaited, task exceptions never
//! retrieved, and the `run` shutdown (tasks still pending, exceptions in
//! their cleanup). Each test is the twin of
//! `tests/data/behaviour/warnings_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, now};

mod never_awaited {
    use taskline::{Result, coroutine, print, sleep};

    coroutine! {
        async fn delay(n: u64) -> Result<()> {
            sleep(n).await
        }

        pub async fn main() -> Result<()> {
            for i in 0..2 {
                drop(delay(i)); // created, never awaited
            }
            print("after the loop");
            drop(delay(5));
            print("after the second line");
            Ok(())
        }
    }
}

#[test]
fn a_coroutine_never_awaited_warns_once_per_location() {
    let run = taskline::run(never_awaited::main());
    assert_matches_cpython("warnings_never_awaited", &run.log);
}

mod never_awaited_dropped_together {
    use taskline::{Result, coroutine, print, sleep};

    coroutine! {
        async fn delay(n: u64) -> Result<()> {
            sleep(n).await
        }

        pub async fn main() -> Result<()> {
            let a = delay(1);
            let b = delay(2);
            print("two coroutines created on two lines");
            drop((a, b));
            print("after del");
            Ok(())
        }
    }
}

/// CPython's warning location is where the coroutine is dropped (the frame
/// running when it is finalized), not where it was created.
#[test]
fn the_never_awaited_location_is_where_the_coroutine_is_dropped() {
    let run = taskline::run(never_awaited_dropped_together::main());
    assert_matches_cpython("warnings_never_awaited_dropped_together", &run.log);
}

mod never_retrieved {
    use taskline::{Error, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn boom() -> Result<()> {
            sleep(1).await?;
            Err(Error::new("ValueError", "boom"))
        }

        async fn fail_now() -> Result<()> {
            Err(Error::new("ValueError", "at once"))
        }

        pub async fn main() -> Result<()> {
            let _ = create_task("boom", boom());
            let _ = create_task("fail_now", fail_now());
            sleep(2).await?;
            print("main done");
            Ok(())
        }
    }
}

#[test]
fn an_exception_of_a_task_without_handles_is_never_retrieved() {
    let run = taskline::run(never_retrieved::main());
    assert_matches_cpython("warnings_never_retrieved", &run.log);
}

mod shutdown_pending {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn sleeper() -> Result<()> {
            let r = sleep(10).await;
            print(format!("sleeper: finally at {}", now()));
            r
        }

        async fn stubborn() -> Result<Option<&'static str>> {
            match sleep(10).await {
                Ok(()) => Ok(None),
                Err(e) if e.is_cancelled() => {
                    print("stubborn: cleanup that takes a second");
                    sleep(1).await?;
                    print(format!("stubborn: cleanup done at {}", now()));
                    Ok(Some("finished anyway"))
                }
                Err(e) => Err(e),
            }
        }

        async fn never_started() -> Result<()> {
            print("never printed");
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let _ = create_task("sleeper", sleeper());
            let _ = create_task("stubborn", stubborn());
            sleep(1).await?;
            let _ = create_task("late", never_started());
            print("main returns");
            Ok(())
        }
    }
}

#[test]
fn the_shutdown_cancels_pending_tasks_in_creation_order() {
    let run = taskline::run(shutdown_pending::main());
    assert_matches_cpython("warnings_shutdown_pending", &run.log);
}

mod shutdown_exception {
    use taskline::{Error, Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn grumpy() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => Err(Error::new("ValueError", "cleanup failed")),
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("grumpy", grumpy());
            sleep(1).await?;
            print(format!("main returns; grumpy.done()={}", repr(&t.done())));
            Ok(())
        }
    }
}

#[test]
fn an_exception_in_shutdown_cleanup_is_logged() {
    let run = taskline::run(shutdown_exception::main());
    assert_matches_cpython("warnings_shutdown_exception", &run.log);
}
