//! Blocking work ruins concurrency: three requests handled with a blocking
//! call (time.sleep, standing for CPU work or blocking I/O) take 3 s even
//! under gather; with an awaited sleep they overlap and take 1 s.

use taskline::{Result, coroutine, gather, print, sleep, time};

coroutine! {
    async fn handle_request(n: u32) -> Result<()> {
        print(format!("request {n}: start"));
        time::sleep(1);
        print(format!("request {n}: done"));
        Ok(())
    }

    async fn handle_request_async(n: u32) -> Result<()> {
        print(format!("request {n}: start"));
        sleep(1).await?;
        print(format!("request {n}: done"));
        Ok(())
    }

    async fn main() -> Result<()> {
        let start = time::perf_counter();
        gather((0..3).map(handle_request).collect()).await?;
        print(format!("blocking: {:.1} s for 3 requests", time::perf_counter() - start));
        let start = time::perf_counter();
        gather((0..3).map(handle_request_async).collect()).await?;
        print(format!("non-blocking: {:.1} s for 3 requests", time::perf_counter() - start));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "42_blocking_ruins_concurrency";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
