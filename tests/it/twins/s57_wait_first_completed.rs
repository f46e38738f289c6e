//! Racing with asyncio.wait(FIRST_COMPLETED); main cancels the losers.

use taskline::{Result, ReturnWhen, coroutine, create_task, print, sleep, wait};

coroutine! {
    async fn download(mirror: &'static str, seconds: u64) -> Result<&'static str> {
        print(format!("{mirror}: downloading"));
        sleep(seconds).await?;
        print(format!("{mirror}: done"));
        Ok(mirror)
    }

    async fn main() -> Result<()> {
        let tasks: Vec<_> =
            [("eu", 2), ("us", 1), ("asia", 3)].into_iter().map(|(m, s)| create_task(m, download(m, s))).collect();
        let (done, pending) = wait(tasks, None, ReturnWhen::FirstCompleted).await?;
        let winner = &done[0];
        print(format!("fastest: {}, {} still running", winner.result()?, pending.len()));
        for t in &pending {
            t.cancel();
        }
        let (_, _) = wait(pending.clone(), None, ReturnWhen::AllCompleted).await?;
        let mut names: Vec<String> = pending.iter().filter(|t| t.cancelled()).map(|t| format!("'{}'", t.name())).collect();
        names.sort();
        print(format!("cancelled: [{}]", names.join(", ")));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "57_wait_first_completed";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
