//! Blocking work in a coroutine freezes the loop; to_thread moves it to a worker.

use taskline::{Result, coroutine, create_task, print, sleep, time, to_thread};

fn crunch(seconds: f64) -> Result<String> {
    time::sleep(seconds);
    Ok(format!("crunched for {seconds} s"))
}

coroutine! {
    async fn heartbeat(label: &'static str) -> Result<()> {
        for i in 0..4 {
            print(format!("{label} beat {i}"));
            sleep(0.5).await?;
        }
        Ok(())
    }

    async fn main() -> Result<()> {
        let beats = create_task("blocked_beats", heartbeat("blocked"));
        sleep(0).await?;
        print(crunch(1.5)?);
        beats.await?;

        let beats = create_task("free_beats", heartbeat("free"));
        let result = to_thread("crunch", || crunch(1.5)).await?;
        print(result);
        beats.await
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "60_to_thread_vs_blocking";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
