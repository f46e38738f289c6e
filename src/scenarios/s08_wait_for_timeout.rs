//! wait_for timing out (listing 2.13): the 2 s task is cancelled when the
//! 1 s timeout fires; wait_for waits for the cancellation to complete, then
//! raises TimeoutError.

use crate::{Result, coroutine, create_task, print, repr, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let delay_task = create_task("delay_task", delay(2));
        match wait_for(delay_task.clone(), 1).await {
            Ok(result) => print(result.to_string()),
            Err(e) if e.is_timeout() => {
                print("Got a timeout!");
                print(format!("Was the task cancelled? {}", repr(&delay_task.cancelled())));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

super::scenario! {
    id: "08_wait_for_timeout",
    title: "wait_for times out",
    section: super::Section::Timeouts,
    explanation: "wait_for(task, 1) on a 2 s task: at 1 s the deadline cancels main, and main's \
        cancel is forwarded to the task it awaits. The task is cancelled first, then main resumes \
        and its CancelledError becomes TimeoutError.",
    main: main,
}
