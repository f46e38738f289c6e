//! Cleanup runs on cancellation, innermost first: the CancelledError is
//! delivered at the innermost await (the sleep inside inner()) and unwinds
//! through middle() and worker().

use taskline::{Result, coroutine, create_task, print, sleep};

coroutine! {
    async fn inner() -> Result<()> {
        print("inner: sleeping 10 s");
        let slept = sleep(10).await;
        print("inner: finally");
        slept
    }

    async fn middle() -> Result<()> {
        let r = inner().await;
        print("middle: finally");
        r
    }

    async fn worker() -> Result<()> {
        let r = middle().await;
        if let Err(e) = &r {
            if e.is_cancelled() {
                print("worker: caught CancelledError, re-raising");
            }
        }
        print("worker: finally");
        r
    }

    async fn main() -> Result<()> {
        let task = create_task("worker", worker());
        sleep(2).await?;
        task.cancel();
        match task.await {
            Err(e) if e.is_cancelled() => print("main: worker cancelled"),
            other => other?,
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "17_finally_on_cancel";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
