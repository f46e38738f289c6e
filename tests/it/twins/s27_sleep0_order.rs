//! sleep(0) yields to the loop without advancing time: three tasks that
//! print and sleep(0) three times interleave round-robin (A, B, C, A, B, C,
//! ...) in creation order, all at t = 0.

use taskline::{Result, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn worker(name: &'static str, n: u32) -> Result<&'static str> {
        for i in 0..n {
            print(format!("{name} step {i}"));
            sleep(0).await?;
        }
        Ok(name)
    }

    async fn main() -> Result<()> {
        let tasks: Vec<_> = ["A", "B", "C"].into_iter().map(|n| create_task(n, worker(n, 3))).collect();
        print("main: tasks created");
        sleep(0).await?;
        print("main: after one sleep(0)");
        let mut results = Vec::new();
        for t in &tasks {
            results.push(t.await?);
        }
        print(format!("main: all done {}", repr(&results)));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "27_sleep0_order";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
