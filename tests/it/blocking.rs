//! Blocking work: `time::sleep` holds the whole loop, and the `time`
//! functions follow the virtual clock. Each test is the twin of
//! `tests/data/behaviour/blocking_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, now};

mod serialises {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, repr, sleep, time};

    coroutine! {
        async fn worker(name: &'static str) -> Result<&'static str> {
            print(format!("{name} starts at {}", now()));
            time::sleep(0.5);
            print(format!("{name} ends at {}", now()));
            Ok(name)
        }

        pub async fn main() -> Result<()> {
            let tasks: Vec<_> = ["A", "B", "C"].into_iter().map(|n| create_task(n, worker(n))).collect();
            sleep(1).await?;
            print(format!("main woke at {}", now()));
            let mut results = Vec::new();
            for t in tasks {
                results.push(t.await?);
            }
            print(repr(&results));
            Ok(())
        }
    }
}

#[test]
fn blocking_tasks_run_one_after_the_other() {
    let run = taskline::run(serialises::main());
    assert_matches_cpython("blocking_serialises", &run.log);
}

mod time_functions {
    use taskline::{Result, coroutine, print, repr, sleep, time};

    fn clocks() -> String {
        format!(
            "monotonic={} perf_counter={} time={}",
            repr(&time::monotonic()),
            repr(&time::perf_counter()),
            repr(&time::time())
        )
    }

    coroutine! {
        pub async fn main() -> Result<()> {
            print(clocks());
            time::sleep(1.25);
            print(clocks());
            time::sleep(0);
            sleep(0.25).await?;
            print(format!("monotonic={} time={}", repr(&time::monotonic()), repr(&time::time())));
            Ok(())
        }
    }
}

#[test]
fn the_time_functions_follow_the_virtual_clock() {
    let run = taskline::run(time_functions::main());
    assert_matches_cpython("blocking_time_functions", &run.log);
}

mod during_cancel {
    use super::now;
    use taskline::{Result, coroutine, create_task, print, sleep, time};

    coroutine! {
        async fn worker() -> Result<()> {
            match sleep(10).await {
                Err(e) if e.is_cancelled() => {
                    time::sleep(2);
                    Err(e)
                }
                r => r,
            }
        }

        async fn bystander() -> Result<()> {
            sleep(1.5).await?;
            print(format!("bystander woke at {}", now()));
            Ok(())
        }

        pub async fn main() -> Result<()> {
            let w = create_task("worker", worker());
            let b = create_task("bystander", bystander());
            sleep(1).await?;
            w.cancel();
            match w.await {
                Err(e) if e.is_cancelled() => print(format!("main: worker cancelled at {}", now())),
                other => other?,
            }
            b.await
        }
    }
}

#[test]
fn blocking_in_a_cancel_handler_holds_the_loop() {
    let run = taskline::run(during_cancel::main());
    assert_matches_cpython("blocking_during_cancel", &run.log);
}
