//! create_task then await (listing 2.9): the task does not start until main
//! suspends; awaiting it takes 3 s.

use taskline::{Result, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let sleep_for_three = create_task("sleep_for_three", delay(3));
        print(format!("is a Task: True; done={}", repr(&sleep_for_three.done())));
        let result = sleep_for_three.await?;
        print(result.to_string());
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "04_create_task_await";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
