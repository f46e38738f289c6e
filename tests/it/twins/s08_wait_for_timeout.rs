//! wait_for timing out (listing 2.13): the 2 s task is cancelled when the
//! 1 s timeout fires; wait_for waits for the cancellation to complete, then
//! raises TimeoutError.

use taskline::{Result, coroutine, create_task, print, repr, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let delay_task = create_task("delay_task", delay(2));
        match wait_for(delay_task.clone(), 1).await {
            Ok(result) => print(result.to_string()),
            Err(e) if e.is_timeout() => {
                print("Got a timeout!");
                print(format!("Was the task cancelled? {}", repr(&delay_task.cancelled())));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "08_wait_for_timeout";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
