//! Two tasks run concurrently: delay(2) and delay(3) awaited one after the
//! other still take max(2, 3) = 3 s in total.

use taskline::{Result, coroutine, create_task, print, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let two = create_task("two", delay(2));
        let three = create_task("three", delay(3));
        let r2 = two.await?;
        print(format!("two returned {r2}"));
        let r3 = three.await?;
        print(format!("three returned {r3}"));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "05_two_tasks_concurrent";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
