//! Tasks never awaited: 'boom' fails with ValueError at 1 s and nobody
//! retrieves it -> "Task exception was never retrieved" when main drops its
//! handle; 'slow' is still sleeping when main returns and is cancelled by
//! the shutdown of run (as asyncio.run does).

use taskline::{Error, Result, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn boom() -> Result<()> {
        sleep(1).await?;
        Err(Error::new("ValueError", "boom"))
    }

    async fn main() -> Result<()> {
        let bad = create_task("boom", boom());
        let slow = create_task("slow", delay(10));
        sleep(2).await?;
        print(format!("boom: done={} cancelled={}", repr(&bad.done()), repr(&bad.cancelled())));
        print(format!("slow: done={}; main returns without awaiting either", repr(&slow.done())));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "24_fire_and_forget";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
