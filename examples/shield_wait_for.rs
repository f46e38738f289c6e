//! The built-in scenario `10_shield_wait_for` (listing 2.14) written against
//! taskline's Rust API, run on the virtual clock and saved as a log that the
//! app opens:
//!
//! ```text
//! cargo run --example shield_wait_for -- shield.json
//! cargo run --release -- shield.json
//! ```
//!
//! With no argument it prints the trace in CPython's reference format.

use taskline::{Result, coroutine, create_task, print, repr, shield, sleep, wait_for};

coroutine! {
    async fn delay(delay_seconds: u64) -> Result<u64> {
        print(format!("sleeping for {delay_seconds} second(s)"));
        sleep(delay_seconds).await?;
        print(format!("finished sleeping for {delay_seconds} second(s)"));
        Ok(delay_seconds)
    }

    async fn app() -> Result<()> {
        let task = create_task("shielded", delay(10));
        match wait_for(shield(task.clone()), 5).await {
            Ok(result) => print(result.to_string()),
            Err(e) if e.is_timeout() => {
                print("Task took longer than five seconds, it will finish soon!");
                print(format!("cancelled={} done={}", repr(&task.cancelled()), repr(&task.done())));
                let result = task.await?;
                print(result.to_string());
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

fn main() -> std::process::ExitCode {
    let run = taskline::run(app());
    match std::env::args_os().nth(1) {
        None => {
            println!("{}", taskline::trace::asyncio::to_jsonl(&run.log));
            std::process::ExitCode::SUCCESS
        }
        Some(path) => match taskline::trace::json::save(&run.log, std::path::Path::new(&path)) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{}: {e}", std::path::Path::new(&path).display());
                std::process::ExitCode::FAILURE
            }
        },
    }
}
