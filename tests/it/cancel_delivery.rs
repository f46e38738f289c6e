//! Cancellation delivery: what `cancel()` returns, where the CancelledError
//! arrives, and how a task may react to it. Each test is the twin of
//! `tests/data/behaviour/cancel_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, me, now};

mod done_task {
    use taskline::{Result, coroutine, create_task, print, repr};

    coroutine! {
        async fn quick() -> Result<&'static str> {
            Ok("quick")
        }

        pub async fn main() -> Result<()> {
            let t = create_task("quick", quick());
            print(format!("awaited: {}", repr(&t.join().await?)));
            print(format!("cancel() -> {}", repr(&t.cancel())));
            print(format!(
                "cancelled()={} cancelling()={} result()={}",
                repr(&t.cancelled()),
                repr(&t.cancelling()),
                repr(&t.result()?)
            ));
            Ok(())
        }
    }
}

#[test]
fn cancel_on_a_done_task_returns_false() {
    let run = taskline::run(done_task::main());
    assert_matches_cpython("cancel_done_task", &run.log);
}

mod twice {
    use super::me;
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn worker() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("worker: cancelling()={}", me().cancelling()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("worker", worker());
            sleep(1).await?;
            print(format!("first cancel() -> {}", repr(&t.cancel())));
            print(format!("second cancel() -> {}", repr(&t.cancel())));
            print(format!("cancelling()={}", t.cancelling()));
            match t.join().await {
                Err(e) if e.is_cancelled() => {
                    print(format!("worker cancelled()={}; cancelling()={}", repr(&t.cancelled()), t.cancelling()));
                }
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn cancel_twice_counts_two_requests_and_delivers_one_error() {
    let run = taskline::run(twice::main());
    assert_matches_cpython("cancel_twice", &run.log);
}

mod with_message {
    use taskline::{Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn worker() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("worker caught CancelledError({})", e.message().unwrap_or("")));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let early = create_task("early", worker());
            early.cancel_with("too early");
            let t = create_task("worker", worker());
            sleep(1).await?;
            t.cancel_with("why");
            for task in [early, t] {
                match task.join().await {
                    Err(e) if e.is_cancelled() => print(format!(
                        "main caught CancelledError({}) from {}",
                        e.message().unwrap_or(""),
                        task.name()
                    )),
                    other => other?,
                }
            }
            Ok(())
        }
    }
}

#[test]
fn a_cancel_message_travels_with_the_cancelled_error() {
    let run = taskline::run(with_message::main());
    assert_matches_cpython("cancel_with_message", &run.log);
}

mod cleanup_reraise {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn worker() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    print("worker: cleaning up");
                    sleep(1).await?;
                    print("worker: cleanup done, re-raising");
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("worker", worker());
            sleep(1).await?;
            t.cancel();
            match t.join().await {
                Err(e) if e.is_cancelled() => {
                    print(format!("main: worker cancelled at {}; cancelled()={}", now(), repr(&t.cancelled())));
                }
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn a_task_may_await_cleanup_before_re_raising() {
    let run = taskline::run(cleanup_reraise::main());
    assert_matches_cpython("cancel_cleanup_reraise", &run.log);
}

mod during_cleanup {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn worker() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    print("worker: cleaning up");
                    match sleep(1).await {
                        Err(e2) if e2.is_cancelled() => {
                            print(format!("worker: cleanup interrupted at {}", now()));
                            return Err(e2);
                        }
                        other => other?,
                    }
                    print("worker: cleanup done");
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("worker", worker());
            sleep(1).await?;
            print(format!("first cancel() -> {}", repr(&t.cancel())));
            sleep(0.5).await?;
            let second = t.cancel();
            print(format!("second cancel() -> {}; cancelling()={}", repr(&second), t.cancelling()));
            match t.await {
                Err(e) if e.is_cancelled() => print(format!("main: worker cancelled at {}", now())),
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn a_second_cancel_interrupts_the_cleanup() {
    let run = taskline::run(during_cleanup::main());
    assert_matches_cpython("cancel_during_cleanup", &run.log);
}

mod swallow {
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn worker() -> Result<&'static str> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => print("worker: swallowing the cancel"),
                other => other?,
            }
            sleep(1).await?;
            print("worker: still running after the cancel");
            Ok("survived")
        }

        pub async fn main() -> Result<()> {
            let t = create_task("worker", worker());
            sleep(1).await?;
            print(format!("cancel() -> {}", repr(&t.cancel())));
            let r = t.join().await?;
            print(format!(
                "result={} cancelled()={} cancelling()={}",
                repr(&r),
                repr(&t.cancelled()),
                t.cancelling()
            ));
            Ok(())
        }
    }
}

#[test]
fn a_task_that_swallows_the_cancel_finishes_with_a_result() {
    let run = taskline::run(swallow::main());
    assert_matches_cpython("cancel_swallow", &run.log);
}

mod self_cancel {
    use super::{me, now};
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn quitter() -> Result<&'static str> {
            print(format!("cancel() -> {}", repr(&me().cancel())));
            Ok("returned anyway")
        }

        async fn sleeper() -> Result<()> {
            me().cancel();
            print("cancelled myself, now awaiting");
            match sleep(1).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("sleeper: CancelledError at {}", now()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let q = create_task("quitter", quitter());
            let s = create_task("sleeper", sleeper());
            match q.join().await {
                Err(e) if e.is_cancelled() => print(format!("{} cancelled()={}", q.name(), repr(&q.cancelled()))),
                other => {
                    other?;
                }
            }
            match s.join().await {
                Err(e) if e.is_cancelled() => print(format!("{} cancelled()={}", s.name(), repr(&s.cancelled()))),
                other => other?,
            }
            Ok(())
        }
    }
}

#[test]
fn a_task_that_cancels_itself_ends_cancelled_even_if_it_returns() {
    let run = taskline::run(self_cancel::main());
    assert_matches_cpython("cancel_self", &run.log);
}

mod uncancel {
    use super::me;
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn worker() -> Result<&'static str> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    let me = me();
                    let cancelling = me.cancelling();
                    let left = me.uncancel();
                    print(format!("worker: cancelling()={cancelling}; uncancel() -> {left}"));
                }
                other => other?,
            }
            sleep(1).await?;
            Ok("carried on")
        }

        async fn self_uncancel() -> Result<&'static str> {
            let me = me();
            print(format!("cancel() -> {}", repr(&me.cancel())));
            print(format!("uncancel() -> {}", me.uncancel()));
            sleep(1).await?;
            Ok("not cancelled")
        }

        pub async fn main() -> Result<()> {
            let t = create_task("worker", worker());
            let u = create_task("self_uncancel", self_uncancel());
            sleep(1).await?;
            t.cancel();
            print(t.join().await?);
            print(u.join().await?);
            print(format!("cancelling(): worker {}, self_uncancel {}", t.cancelling(), u.cancelling()));
            Ok(())
        }
    }
}

#[test]
fn uncancel_withdraws_a_cancel_request() {
    let run = taskline::run(uncancel::main());
    assert_matches_cpython("cancel_uncancel", &run.log);
}
