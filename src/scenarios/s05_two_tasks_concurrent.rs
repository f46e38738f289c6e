//! Two tasks run concurrently: delay(2) and delay(3) awaited one after the
//! other still take max(2, 3) = 3 s in total.

use crate::{Result, coroutine, create_task, print, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let two = create_task("two", delay(2));
        let three = create_task("three", delay(3));
        let r2 = two.await?;
        print(format!("two returned {r2}"));
        let r3 = three.await?;
        print(format!("three returned {r3}"));
        Ok(())
    }
}

super::scenario! {
    id: "05_two_tasks_concurrent",
    title: "Two tasks run concurrently",
    section: super::Section::Tasks,
    explanation: "Two tasks sleep 2 s and 3 s at the same time; awaiting them one after the other \
        still takes max(2, 3) = 3 s, not 5 s.",
    main: main,
}
