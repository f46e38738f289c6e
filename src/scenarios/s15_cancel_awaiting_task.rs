//! Cancel a task that is awaiting another task: cancel() forwards the cancel
//! to what it is waiting on, so the child task is cancelled too; the parent
//! gets CancelledError only once the child has finished cancelling.

use crate::{Result, coroutine, create_task, print, repr, sleep};

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

super::scenario! {
    id: "15_cancel_awaiting_task",
    title: "Cancelling a task that awaits another",
    section: super::Section::Cancelling,
    explanation: "main cancels parent while parent awaits child: the cancel is forwarded to child. \
        child runs its cleanup and ends cancelled first; only then does parent resume with \
        CancelledError, run its own cleanup and end cancelled.",
    main: main,
}
