//! Cancel a task that is awaiting another task: cancel() forwards the cancel
//! to what it is waiting on, so the child task is cancelled too; the parent
//! gets CancelledError only once the child has finished cancelling.

use taskline::{Result, coroutine, create_task, print, repr, sleep};

coroutine! {
    async fn child() -> Result<&'static str> {
        let slept = sleep(5).await;
        print("child: finally");
        slept?;
        Ok("child done")
    }

    async fn parent() -> Result<&'static str> {
        let c = create_task("child", child());
        let result = (&c).await;
        print(format!("parent: finally; child.cancelled()={}", repr(&c.cancelled())));
        result
    }

    async fn main() -> Result<()> {
        let p = create_task("parent", parent());
        sleep(1).await?;
        print(format!("cancel() -> {}", repr(&p.cancel())));
        match p.await {
            Err(e) if e.is_cancelled() => print("main: parent cancelled"),
            other => {
                other?;
            }
        }
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "15_cancel_awaiting_task";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
