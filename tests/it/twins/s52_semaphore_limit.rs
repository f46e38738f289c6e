//! Semaphore(2): five downloads run in waves of two.

use taskline::{Result, Semaphore, coro, coroutine, gather, print, sleep};

coroutine! {
    async fn download(n: u32, limit: Semaphore) -> Result<()> {
        coro("_ContextManagerMixin.__aenter__", limit.acquire()).await?;
        print(format!("download {n} starts"));
        sleep(1).await?;
        print(format!("download {n} done"));
        limit.release()
    }

    async fn main() -> Result<()> {
        let limit = Semaphore::new(2)?;
        gather((1..6).map(|n| download(n, limit.clone())).collect()).await?;
        print("all downloads done");
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "52_semaphore_limit";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
