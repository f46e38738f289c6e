//! shield + wait_for (listing 2.14): the wait_for times out at 5 s but the
//! shielded 10 s task is not cancelled; main then awaits it and gets its
//! result at 10 s.

use crate::{Result, coroutine, create_task, print, repr, shield, sleep, wait_for};

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

super::scenario! {
    id: "10_shield_wait_for",
    title: "shield + wait_for",
    section: super::Section::Shield,
    explanation: "wait_for(shield(task), 5) times out at 5 s: the deadline cancels main, and the \
        cancel stops at the shield's outer future, so the shielded task never hears of it. main \
        gets TimeoutError, then awaits the task, which finishes at 10 s.",
    main: main,
}
