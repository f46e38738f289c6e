//! wait_for with timeout 0: (1) on a coroutine it wraps it in a task and
//! cancels it before it starts -> TimeoutError, body never runs; (2) on an
//! already-finished task it returns the result; (3) on a started, unfinished
//! task it cancels it and raises TimeoutError. No time passes in any of them.

use taskline::{Result, coroutine, create_task, print, repr, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        match wait_for(delay(1), 0).await {
            Err(e) if e.is_timeout() => print("case 1: TimeoutError"),
            other => {
                other?;
            }
        }
        let quick = create_task("quick", delay(1));
        sleep(2).await?;
        print(format!("case 2: wait_for(finished task, 0) -> {}", wait_for(quick, 0).await?));
        let started = create_task("started", delay(1));
        sleep(0).await?;
        match wait_for(started.clone(), 0).await {
            Err(e) if e.is_timeout() => {
                print(format!("case 3: TimeoutError; started.cancelled()={}", repr(&started.cancelled())));
            }
            other => {
                other?;
            }
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "21_wait_for_zero_timeout";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
