//! gather: three coroutines run as tasks at once; the results come back in
//! argument order, after the slowest (3 s).

use crate::{Result, coroutine, gather, print, repr, sleep};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn main() -> Result<()> {
        let results = gather(vec![delay(3), delay(1), delay(2)]).await?;
        print(format!("gather returned {} after 3 s, in argument order", repr(&results)));
        Ok(())
    }
}

super::scenario! {
    id: "40_gather",
    title: "gather runs coroutines concurrently",
    section: super::Section::Tasks,
    explanation: "gather wraps each coroutine in a task (named delay#1, delay#2, delay#3) and \
        waits for all of them. They sleep at the same time; the results come back in argument \
        order after the slowest, at 3 s.",
    main: main,
}
