//! An event as a start signal: set() wakes every waiter; a late waiter goes straight on.

use taskline::{Event, Result, coroutine, create_task, gather, print, sleep};

coroutine! {
    async fn runner(name: &'static str, start: Event) -> Result<()> {
        print(format!("{name} is ready"));
        start.wait().await?;
        print(format!("{name} runs"));
        sleep(0.5).await?;
        print(format!("{name} finished"));
        Ok(())
    }

    async fn main() -> Result<()> {
        let start = Event::named("start");
        let runners: Vec<_> =
            ["ann", "bob", "cy"].into_iter().map(|name| create_task(name, runner(name, start.clone()))).collect();
        sleep(1).await?;
        print("ready, steady, go!");
        start.set();
        runner("late", start.clone()).await?;
        gather(runners).await?;
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "53_event_start_signal";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
