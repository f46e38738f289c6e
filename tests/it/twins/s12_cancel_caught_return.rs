//! A task that catches CancelledError and returns normally: the
//! cancellation is swallowed, the task ends with a result and cancelled()
//! is false.

use taskline::{Result, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn stubborn() -> Result<&'static str> {
        match sleep(10).await {
            Err(e) if e.is_cancelled() => {
                print("caught CancelledError, returning normally");
                Ok("recovered")
            }
            Err(e) => Err(e),
            Ok(()) => Ok("finished"),
        }
    }

    async fn main() -> Result<()> {
        let task = create_task("stubborn", stubborn());
        sleep(1).await?;
        print(format!("cancel() returned {}", repr(&task.cancel())));
        let result = (&task).await?;
        print(format!(
            "result={} cancelled={} done={}",
            repr(&result),
            repr(&task.cancelled()),
            repr(&task.done())
        ));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "12_cancel_caught_return";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
