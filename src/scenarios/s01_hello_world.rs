//! Hello world coroutine (listing 2.5): a coroutine that sleeps 1 s and
//! returns a string; main awaits it directly (no extra task).

use crate::{Result, coroutine, print, sleep};

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

super::scenario! {
    id: "01_hello_world",
    title: "Hello world coroutine",
    section: super::Section::Coroutines,
    explanation: "main awaits a coroutine that sleeps for 1 s and returns a string. Awaiting a \
        coroutine runs it inside the awaiting task: there is one task, main, which suspends at the \
        sleep and resumes 1 s later.",
    main: main,
}
