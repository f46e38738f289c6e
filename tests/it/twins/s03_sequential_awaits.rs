//! Sequential awaits (listing 2.7 style): awaiting coroutines one after the
//! other runs them one after the other, so the sleeps add up: 1 + 2 = 3 s.

use taskline::{Result, coroutine, print, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn add_one(number: u64) -> Result<u64> {
        Ok(number + 1)
    }

    async fn hello_world_message() -> Result<&'static str> {
        delay(1).await?;
        Ok("Hello World!")
    }

    async fn main() -> Result<()> {
        let message = hello_world_message().await?;
        let one_plus_one = add_one(1).await?;
        let two = delay(2).await?;
        print(one_plus_one.to_string());
        print(message);
        print(two.to_string());
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "03_sequential_awaits";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
