//! Hello world coroutine (listing 2.5): a coroutine that sleeps 1 s and
//! returns a string; main awaits it directly (no extra task).

use taskline::{Result, coroutine, print, sleep};

coroutine! {
    async fn hello_world_message() -> Result<&'static str> {
        sleep(1).await?;
        Ok("Hello World!")
    }

    async fn main() -> Result<()> {
        let message = hello_world_message().await?;
        print(message);
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "01_hello_world";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
