//! Three tasks plus main doing other work (listings 2.10/2.11): three
//! delay(3) tasks run while main prints every second; total 3 s.

use taskline::{Result, coroutine, create_task, print, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn hello_every_second() -> Result<()> {
        for _ in 0..2 {
            sleep(1).await?;
            print("I'm running other code while I'm waiting!");
        }
        Ok(())
    }

    async fn main() -> Result<()> {
        let first_delay = create_task("first_delay", delay(3));
        let second_delay = create_task("second_delay", delay(3));
        let third_delay = create_task("third_delay", delay(3));
        hello_every_second().await?;
        first_delay.await?;
        second_delay.await?;
        third_delay.await?;
        print("all three done");
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "06_three_tasks_other_work";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
