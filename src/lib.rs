//! taskline: see what async tasks do.
//!
//! An instrumented executor with asyncio's semantics ([`runtime`]) records
//! every task state change into an event log ([`trace`]); the CLI prints
//! it as a timeline, and the same log exports as JSON and as CPython's
//! reference trace format.
//!
//! ```
//! use taskline::{coroutine, create_task, sleep, Result};
//! coroutine! {
//!     async fn delay(s: u64) -> Result<u64> { sleep(s).await?; Ok(s) }
//!     async fn amain() -> Result<u64> {
//!         let t = create_task("t", delay(3));
//!         sleep(1).await?;
//!         t.cancel();
//!         match t.await {
//!             Err(e) if e.is_cancelled() => Ok(0),
//!             other => other,
//!         }
//!     }
//! }
//! let run = taskline::run(amain());
//! assert_eq!(run.result, Ok(0));
//! ```

#![warn(missing_docs, missing_debug_implementations)]

pub mod cli;
pub mod export;
pub mod fsio;
pub mod gui;
pub mod layout;
pub mod runtime;
pub mod scenarios;
pub mod script;
pub mod trace;

pub use runtime::{AsCompleted, Completed, FutureLike, ReturnWhen, as_completed, wait};
pub use runtime::{
    Awaitable, Barrier, ClockMode, Condition, Config, Coro, Error, ErrorKind, Event, Gather, GatherSettled, Lock,
    PyRepr, Queue, Result, Run, RunError, Runtime, Seconds, Semaphore, Shield, Sleep, Task, TaskRef, coro, create_task,
    current_task, eprint, gather, gather_settled, iscoroutine, print, repr, run, shield, sleep, time, timeout,
    wait_for,
};
pub use runtime::{CallbackHandle, PlainFuture, call_at, call_later, call_soon, loop_time};
pub use runtime::{DEFAULT_MAX_WORKERS, JobFuture, ThreadPool, VIRTUAL_CPU_COUNT, run_in_executor, to_thread};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
