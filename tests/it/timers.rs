//! Timers: the order in which sleeps fire, and what the clock reads.
//! Each test is the twin of `tests/data/behaviour/timers_*.py` and must
//! give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, now};

mod equal_deadlines {
    use taskline::{Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn late() -> Result<&'static str> {
            sleep(0.5).await?;
            sleep(1.5).await?; // deadline 2.0, scheduled at 0.5
            print("late woke");
            Ok("late")
        }

        async fn early() -> Result<&'static str> {
            sleep(2).await?; // deadline 2.0, scheduled at 0.0
            print("early woke");
            Ok("early")
        }

        async fn same(name: &'static str) -> Result<&'static str> {
            sleep(3).await?;
            print(format!("{name} woke"));
            Ok(name)
        }

        pub async fn main() -> Result<()> {
            let a = create_task("late", late());
            let b = create_task("early", early());
            let trio: Vec<_> = ["first", "second", "third"].into_iter().map(|n| create_task(n, same(n))).collect();
            sleep(3).await?;
            print("main woke");
            for t in [a, b].into_iter().chain(trio) {
                print(t.await?);
            }
            Ok(())
        }
    }
}

#[test]
fn equal_deadlines_fire_in_scheduling_order() {
    let run = taskline::run(equal_deadlines::main());
    assert_matches_cpython("timers_equal_deadlines", &run.log);
}

mod due_during_block {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, sleep, time};

    coroutine! {
        async fn sleeper() -> Result<()> {
            sleep(1).await?;
            print(format!("sleeper woke at {}", now()));
            Ok(())
        }

        async fn blocker() -> Result<()> {
            time::sleep(2);
            print(format!("blocker unblocked at {}", now()));
            sleep(0).await?;
            print("blocker after sleep(0)");
            Ok(())
        }

        async fn polite() -> Result<()> {
            print(format!("polite starts at {}", now()));
            sleep(0).await?;
            print("polite after sleep(0)");
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let tasks = vec![
                create_task("sleeper", sleeper()),
                create_task("blocker", blocker()),
                create_task("polite", polite()),
            ];
            for t in tasks {
                t.await?;
            }
            Ok(())
        }
    }
}

#[test]
fn a_timer_due_during_blocking_work_fires_after_the_ready_tasks() {
    let run = taskline::run(due_during_block::main());
    assert_matches_cpython("timers_due_during_block", &run.log);
}

mod timeout_due_during_block {
    use super::now;
    use taskline::{Result, coroutine, print, repr, sleep, time, wait_for};

    coroutine! {
        async fn work(yields: u32) -> Result<&'static str> {
            time::sleep(2); // the 1 s deadline falls due during the block
            for _ in 0..yields {
                sleep(0).await?;
            }
            Ok("finished")
        }

        pub async fn main() -> Result<()> {
            for yields in [0, 1, 2] {
                match wait_for(work(yields), 1).await {
                    Ok(r) => print(format!("{yields} yields after the block: {} at {}", repr(&r), now())),
                    Err(e) if e.is_timeout() => {
                        print(format!("{yields} yields after the block: TimeoutError at {}", now()));
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        }
    }
}

#[test]
fn a_deadline_due_during_blocking_work_fires_only_when_the_loop_runs() {
    let run = taskline::run(timeout_due_during_block::main());
    assert_matches_cpython("timers_timeout_due_during_block", &run.log);
}

mod sleep_zero {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, sleep};

    coroutine! {
        async fn yielder() -> Result<&'static str> {
            for i in 0..3 {
                print(format!("yielder step {i} at {}", now()));
                sleep(0).await?;
            }
            Ok("yielder")
        }

        pub async fn main() -> Result<()> {
            sleep(0).await?;
            sleep(0.0).await?;
            sleep(-1).await?;
            print(format!("after the yields: {}", now()));
            let y = create_task("yielder", yielder());
            sleep(1e-7).await?;
            print(format!("after sleep(1e-07): {}; yielder done={}", now(), repr(&y.done())));
            Ok(())
        }
    }
}

#[test]
fn zero_and_negative_sleeps_yield_without_a_timer() {
    let run = taskline::run(sleep_zero::main());
    assert_matches_cpython("timers_sleep_zero", &run.log);
}

mod fractional {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, sleep, time};

    coroutine! {
        async fn stepper() -> Result<f64> {
            for _ in 0..3 {
                sleep(0.1).await?;
                print(format!("stepper at {}", now()));
            }
            Ok(time::monotonic())
        }

        async fn direct() -> Result<f64> {
            sleep(0.3).await?;
            print(format!("direct at {}", now()));
            Ok(time::monotonic())
        }

        pub async fn main() -> Result<()> {
            let s = create_task("stepper", stepper());
            let d = create_task("direct", direct());
            sleep(0.1).await?;
            sleep(0.2).await?;
            print(format!("main at {}", now()));
            let rs = s.await?;
            let rd = d.await?;
            print(format!("results: {} {}", repr(&rs), repr(&rd)));
            sleep(0.7).await?;
            print(format!("end at {}", now()));
            Ok(())
        }
    }
}

#[test]
fn fractional_sleeps_round_in_the_trace_and_share_an_iteration() {
    let run = taskline::run(fractional::main());
    assert_matches_cpython("timers_fractional", &run.log);
}

mod cancelled_sleep {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn sleeper() -> Result<()> {
            match sleep(5).await {
                Err(e) if e.is_cancelled() => {
                    print(format!("sleeper cancelled at {}", now()));
                    sleep(0.5).await?;
                    print(format!("sleeper cleanup done at {}", now()));
                    Err(e)
                }
                r => r,
            }
        }

        pub async fn main() -> Result<()> {
            let t = create_task("sleeper", sleeper());
            sleep(1).await?;
            t.cancel();
            match t.await {
                Err(e) if e.is_cancelled() => print(format!("main: sleeper cancelled; now {}", now())),
                other => other?,
            }
            sleep(10).await?;
            print(format!("main done at {}", now()));
            Ok(())
        }
    }
}

#[test]
fn an_interrupted_sleep_does_not_advance_the_clock() {
    let run = taskline::run(cancelled_sleep::main());
    assert_matches_cpython("timers_cancelled_sleep", &run.log);
}
