//! shield + wait_for (listing 2.14): the wait_for times out at 5 s but the
//! shielded 10 s task is not cancelled; main then awaits it and gets its
//! result at 10 s.

use taskline::{Result, coroutine, create_task, print, repr, shield, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let task = create_task("shielded", delay(10));
        match wait_for(shield(task.clone()), 5).await {
            Ok(result) => print(result.to_string()),
            Err(e) if e.is_timeout() => {
                print("Task took longer than five seconds, it will finish soon!");
                print(format!("cancelled={} done={}", repr(&task.cancelled()), repr(&task.done())));
                let result = task.await?;
                print(result.to_string());
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "10_shield_wait_for";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
