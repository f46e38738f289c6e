//! gather and a failing child: with return_exceptions the exception is one
//! of the results; without it, the gather fails as soon as the child does,
//! while the other children run on.

use taskline::{Error, Result, coroutine, gather, gather_settled, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn fail(after: u64) -> Result<u64> {
        sleep(after).await?;
        Err(Error::new("ValueError", format!("failed after {after} s")))
    }

    async fn main() -> Result<()> {
        let results = gather_settled(vec![delay(1).boxed(), fail(2).boxed(), delay(3).boxed()]).await?;
        print(format!("return_exceptions=True: {}", repr(&results)));
        match gather(vec![delay(1).boxed(), fail(2).boxed(), delay(3).boxed()]).await {
            Err(e) if e.type_name() == "ValueError" => print(format!(
                "without it: ValueError({}) at 2 s; the other children run on",
                e.message().unwrap_or("")
            )),
            other => {
                other?;
            }
        }
        sleep(2).await?;
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "41_gather_return_exceptions";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
