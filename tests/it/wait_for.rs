//! `wait_for` and `timeout`: deadlines that cancel the calling task and
//! turn the CancelledError into TimeoutError. Each test is the twin of
//! `tests/data/behaviour/wait_for_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, me, now};

mod nested {
    use super::{me, now};
    use taskline::{Result, coroutine, print, repr, sleep, wait_for};

    coroutine! {
        async fn slow() -> Result<&'static str> {
            sleep(3).await?;
            Ok("slow")
        }

        async fn inner() -> Result<&'static str> {
            match wait_for(slow(), 1).await {
                Err(e) if e.is_timeout() => {
                    print(format!("inner: TimeoutError at {}", now()));
                    Ok("fallback")
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let r = wait_for(inner(), 5).await?;
            print(format!("inner deadline first: {}", repr(&r)));
            match wait_for(wait_for(slow(), 5), 1).await {
                Err(e) if e.is_timeout() => print(format!(
                    "outer deadline first: TimeoutError at {}; cancelling()={}",
                    now(),
                    me().cancelling()
                )),
                other => {
                    other?;
                }
            }
            Ok(())
        }
    }
}

#[test]
fn nested_wait_for_only_the_expired_deadline_raises() {
    let run = taskline::run(nested::main());
    assert_matches_cpython("wait_for_nested", &run.log);
}

mod coroutine_timeout {
    use super::{me, now};
    use taskline::{Result, coroutine, print, sleep, wait_for};

    coroutine! {
        async fn slow() -> Result<&'static str> {
            let r = sleep(3).await;
            print(format!("slow: finally at {}", now()));
            r?;
            Ok("slow")
        }

        pub async fn main() -> Result<()> {
            match wait_for(slow(), 1).await {
                Err(e) if e.is_timeout() => {
                    print(format!("TimeoutError at {}; cancelling()={}", now(), me().cancelling()));
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
fn wait_for_on_a_coroutine_that_times_out_runs_it_in_the_caller() {
    let run = taskline::run(coroutine_timeout::main());
    assert_matches_cpython("wait_for_coroutine_timeout", &run.log);
}

mod expired {
    use taskline::{Result, coroutine, create_task, print, repr, sleep, wait_for};

    coroutine! {
        async fn quick() -> Result<&'static str> {
            Ok("quick")
        }

        async fn slow() -> Result<&'static str> {
            sleep(1).await?;
            Ok("slow")
        }

        pub async fn main() -> Result<()> {
            match wait_for(slow(), -1).await {
                Ok(r) => print(r),
                Err(e) if e.is_timeout() => print("wait_for(slow(), -1): TimeoutError"),
                Err(e) => return Err(e),
            }
            match wait_for(quick(), -1).await {
                Ok(r) => print(r),
                Err(e) if e.is_timeout() => print("wait_for(quick(), -1): TimeoutError"),
                Err(e) => return Err(e),
            }
            let done = create_task("done", quick());
            sleep(0).await?;
            print(format!("wait_for(finished task, -1) -> {}", repr(&wait_for(done, -1).await?)));
            let running = create_task("running", slow());
            sleep(0.5).await?;
            match wait_for(running.clone(), -1).await {
                Err(e) if e.is_timeout() => print(format!(
                    "wait_for(running task, -1): TimeoutError; cancelled()={}",
                    repr(&running.cancelled())
                )),
                other => {
                    other?;
                }
            }
            Ok(())
        }
    }
}

#[test]
fn wait_for_with_an_already_expired_timeout() {
    let run = taskline::run(expired::main());
    assert_matches_cpython("wait_for_expired", &run.log);
}

mod timeout_block {
    use super::now;
    use taskline::{Result, coroutine, print, repr, sleep, timeout};

    coroutine! {
        async fn slow(seconds: u64) -> Result<u64> {
            sleep(seconds).await?;
            Ok(seconds)
        }

        async fn quick() -> Result<&'static str> {
            Ok("quick")
        }

        pub async fn main() -> Result<()> {
            match timeout(1, slow(3)).await {
                Err(e) if e.is_timeout() => print(format!("timeout(1) around slow(3): TimeoutError at {}", now())),
                other => {
                    other?;
                }
            }
            let r = timeout(5, slow(2)).await?;
            print(format!("timeout(5) around slow(2): {} at {}", repr(&r), now()));
            let r = timeout(-1, quick()).await?;
            print(format!("timeout(-1) around quick(): {}", repr(&r)));
            match timeout(0, slow(1)).await {
                Err(e) if e.is_timeout() => print(format!("timeout(0) around slow(1): TimeoutError at {}", now())),
                other => {
                    other?;
                }
            }
            Ok(())
        }
    }
}

/// `async with asyncio.timeout(d): await body()` ↔ `timeout(d, body()).await`.
/// Python's `timeout()` is an async context manager, not a coroutine, so it
/// is no frame of the awaiting chain (`slow>sleep(3)>Future`).
#[test]
fn timeout_block_matches_async_with_asyncio_timeout() {
    let run = taskline::run(timeout_block::main());
    assert_matches_cpython("wait_for_timeout_block", &run.log);
}
