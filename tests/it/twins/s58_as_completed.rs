//! as_completed: results in completion order; a timeout leaves the slow task running.

use taskline::{Result, as_completed, coroutine, create_task, print, sleep};

coroutine! {
    async fn fetch(page: &'static str, seconds: u64) -> Result<String> {
        sleep(seconds).await?;
        Ok(format!("{page} ({seconds} s)"))
    }

    async fn main() -> Result<()> {
        let pages: Vec<_> =
            [("home", 3), ("about", 1), ("blog", 2)].into_iter().map(|(p, s)| create_task(p, fetch(p, s))).collect();
        let it = as_completed(pages, None)?;
        while let Some(next_done) = it.next() {
            print(format!("got {}", next_done.await?));
        }
        let pages: Vec<_> = [("slow", 3), ("fast", 1)].into_iter().map(|(p, s)| create_task(p, fetch(p, s))).collect();
        let it = as_completed(pages, Some(2.5))?;
        while let Some(next_done) = it.next() {
            match next_done.await {
                Ok(v) => print(format!("got {v}")),
                Err(e) if e.is_timeout() => {
                    print("timed out after 2.5 s");
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "58_as_completed";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
