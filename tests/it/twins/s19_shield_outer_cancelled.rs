//! shield when the awaiting task is cancelled with cancel(): the waiter
//! gets CancelledError at 2 s, the shielded inner task keeps running and
//! finishes at 5 s; main then awaits it.

use taskline::{Result, Task, coroutine, create_task, print, repr, shield, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn waiter(inner: Task<u64>) -> Result<()> {
        match shield(inner.clone()).await {
            Ok(result) => {
                print(format!("waiter: got {result}"));
                Ok(())
            }
            Err(e) if e.is_cancelled() => {
                print(format!(
                    "waiter: cancelled; inner.cancelled()={} inner.done()={}",
                    repr(&inner.cancelled()),
                    repr(&inner.done())
                ));
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    async fn main() -> Result<()> {
        let inner = create_task("inner", delay(5));
        let w = create_task("waiter", waiter(inner.clone()));
        sleep(2).await?;
        w.cancel();
        match w.await {
            Err(e) if e.is_cancelled() => print("main: waiter was cancelled"),
            other => other?,
        }
        let result = (&inner).await?;
        print(format!("main: inner finished with {result}; cancelled={}", repr(&inner.cancelled())));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "19_shield_outer_cancelled";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
