//! Blocking work serialises tasks: two tasks each do time.sleep(1)
//! (blocking "work") and then await sleep(1); then the same two tasks with
//! sleep(1) awaited in place of time.sleep(1).

use taskline::{Result, coroutine, create_task, print, sleep, time};

coroutine! {
    async fn blocking_worker(name: &'static str, t0: f64) -> Result<&'static str> {
        print(format!("{name} starts at {:.1}", time::monotonic() - t0));
        time::sleep(1); // blocks the event loop: no other task runs meanwhile
        print(format!("{name} work done at {:.1}", time::monotonic() - t0));
        sleep(1).await?;
        print(format!("{name} finished at {:.1}", time::monotonic() - t0));
        Ok(name)
    }

    async fn async_worker(name: &'static str, t0: f64) -> Result<&'static str> {
        print(format!("{name} starts at {:.1}", time::monotonic() - t0));
        sleep(1).await?; // yields to the loop: the other task runs
        print(format!("{name} work done at {:.1}", time::monotonic() - t0));
        sleep(1).await?;
        print(format!("{name} finished at {:.1}", time::monotonic() - t0));
        Ok(name)
    }

    async fn main() -> Result<()> {
        let t0 = time::monotonic();
        let tasks = [
            create_task("blocking_A", blocking_worker("A", t0)),
            create_task("blocking_B", blocking_worker("B", t0)),
        ];
        for t in tasks {
            t.await?;
        }
        print(format!("with time.sleep: total {:.1} s", time::monotonic() - t0));

        let t0 = time::monotonic();
        let tasks = [create_task("async_A", async_worker("A", t0)), create_task("async_B", async_worker("B", t0))];
        for t in tasks {
            t.await?;
        }
        print(format!("with asyncio.sleep only: total {:.1} s", time::monotonic() - t0));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "31_blocking_time_sleep";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
