//! Calling a coroutine function without await only creates a coroutine
//! object (listings 2.2/2.3). Nothing runs until it is awaited; dropping it
//! unawaited gives asyncio's "coroutine ... was never awaited" warning.
//! Awaiting a coroutine that never suspends takes no time and no extra task.

use crate::{Result, coroutine, iscoroutine, print, repr};

coroutine! {
    async fn coroutine_add_one(number: i64) -> Result<i64> {
        Ok(number + 1)
    }

    async fn main() -> Result<()> {
        let function_result = add_one(1);
        let coroutine_result = coroutine_add_one(1);
        print(format!("Function result is {function_result} and the type is int"));
        print(format!(
            "Coroutine result is a {} object; iscoroutine={}",
            coroutine_result.type_name(),
            repr(&iscoroutine(&coroutine_result))
        ));
        drop(coroutine_result); // never awaited -> RuntimeWarning when it is dropped
        let result = coroutine_add_one(1).await?;
        print(format!("Awaited result is {result}"));
        Ok(())
    }
}

fn add_one(number: i64) -> i64 {
    number + 1
}

super::scenario! {
    id: "02_coroutine_object",
    title: "A coroutine object does nothing until awaited",
    section: super::Section::Coroutines,
    explanation: "Calling coroutine_add_one(1) only creates a coroutine object; nothing runs. \
        Dropping it without awaiting it gives the warning \"coroutine 'coroutine_add_one' was never \
        awaited\". Awaiting a coroutine that never suspends takes no time and creates no task.",
    main: main,
}
