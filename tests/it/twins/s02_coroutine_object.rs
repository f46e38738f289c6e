//! Calling a coroutine function without await only creates a coroutine
//! object (listings 2.2/2.3). Nothing runs until it is awaited; dropping it
//! unawaited gives asyncio's "coroutine ... was never awaited" warning.
//! Awaiting a coroutine that never suspends takes no time and no extra task.

use taskline::{Result, coroutine, iscoroutine, print, repr};

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

/// The listing this twin reproduces.
pub const ID: &str = "02_coroutine_object";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
