//! Cancel a task before it ever ran: cancel() returns true, done() is still
//! false until the loop runs it; its first step throws CancelledError in
//! before the first line of the body, so not even its error handling sees it.

use taskline::{Result, Task, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        Ok(delay_seconds)
    }

    async fn stubborn() -> Result<&'static str> {
        print("stubborn: body started");
        match sleep(3).await {
            Err(e) if e.is_cancelled() => {
                print("stubborn: caught CancelledError");
                Ok("recovered")
            }
            Err(e) => Err(e),
            Ok(()) => Ok("finished"),
        }
    }

    async fn main() -> Result<()> {
        let task = create_task("never_started", delay(3));
        let guarded = create_task("guarded", stubborn());
        print(format!("cancel() returned {}", repr(&task.cancel())));
        print(format!("cancel() returned {}", repr(&guarded.cancel())));
        print(format!("done right after cancel(): {}", repr(&task.done())));
        report(&task).await;
        report(&guarded).await;
        Ok(())
    }
}

async fn report<T: Clone + taskline::PyRepr + 'static>(t: &Task<T>) {
    if let Err(e) = t.await {
        if e.is_cancelled() {
            print(format!("{}: cancelled={}", t.name(), repr(&t.cancelled())));
        }
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "11_cancel_before_start";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
