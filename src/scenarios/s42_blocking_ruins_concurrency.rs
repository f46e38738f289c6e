//! Blocking work ruins concurrency: three requests handled with a blocking
//! call (time.sleep, standing for CPU work or blocking I/O) take 3 s even
//! under gather; with an awaited sleep they overlap and take 1 s.

use crate::{Result, coroutine, gather, print, sleep, time};

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

super::scenario! {
    id: "42_blocking_ruins_concurrency",
    title: "Blocking work ruins concurrency",
    section: super::Section::Sleep,
    explanation: "Three requests under gather: when each does blocking work (time.sleep), the loop \
        can run only one at a time and they take 3 s; when each awaits sleep instead, they overlap \
        and take 1 s.",
    main: main,
}
