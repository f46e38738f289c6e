//! gather: three coroutines run as tasks at once; the results come back in
//! argument order, after the slowest (3 s).

use taskline::{Result, coroutine, gather, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let results = gather(vec![delay(3), delay(1), delay(2)]).await?;
        print(format!("gather returned {} after 3 s, in argument order", repr(&results)));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "40_gather";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
