//! Cancel a long task after polling done() (listing 2.12). cancel() is
//! called at 5 s, but the loop re-checks done() in the same step (still
//! false: the CancelledError has not been delivered yet), prints once more
//! and sleeps another second, so "Our task was cancelled" comes at 6 s.

use taskline::{Result, coroutine, create_task, print, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let long_task = create_task("long_task", delay(10));
        let mut seconds_elapsed = 0;
        while !long_task.done() {
            print("Task not finished, checking again in a second.");
            sleep(1).await?;
            seconds_elapsed += 1;
            if seconds_elapsed == 5 {
                long_task.cancel();
            }
        }
        match long_task.await {
            Err(e) if e.is_cancelled() => print("Our task was cancelled"),
            other => {
                other?;
            }
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "07_cancel_long_task";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
