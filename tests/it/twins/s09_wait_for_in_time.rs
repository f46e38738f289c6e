//! wait_for completing in time: (1) a coroutine finishing at 1 s under a
//! 2 s timeout runs inside the calling task; (2) an existing task finishing
//! at 2 s under a 1.5 s timeout started at 1 s.

use taskline::{Result, coroutine, create_task, print, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let result = wait_for(delay(1), 2).await?;
        print(format!("wait_for(delay(1), 2) returned {result}"));
        let task = create_task("in_time", delay(1));
        let result = wait_for(task, 1.5).await?;
        print(format!("wait_for(in_time, 1.5) returned {result}"));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "09_wait_for_in_time";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
