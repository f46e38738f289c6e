//! wait_for when the inner work swallows the cancel: the deadline cancels
//! it, it catches CancelledError and returns a fallback, and wait_for
//! returns that value instead of raising TimeoutError.

use taskline::{Result, coroutine, create_task, print, repr, sleep, wait_for};

coroutine! {
    async fn stubborn() -> Result<&'static str> {
        match sleep(5).await {
            Ok(()) => Ok("finished"),
            Err(e) if e.is_cancelled() => {
                print("stubborn: cancelled by the deadline, returning a fallback");
                Ok("fallback")
            }
            Err(e) => Err(e),
        }
    }

    async fn main() -> Result<()> {
        let result = wait_for(stubborn(), 1).await?;
        print(format!("wait_for returned {} at 1 s: the cancel was swallowed", repr(&result)));
        let task = create_task("stubborn_task", stubborn());
        let result = wait_for(task.clone(), 1).await?;
        print(format!("wait_for on a task returned {}; cancelled={}", repr(&result), repr(&task.cancelled())));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "43_wait_for_swallowed_cancel";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
