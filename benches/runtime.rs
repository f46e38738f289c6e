//! Benchmarks of the runtime, each pairing a baseline with taskline in one run.
//!
//! * `yield_now`: async-executor's own workload (300 tasks × 300 yields) on a
//!   bare `LocalExecutor` vs taskline's instrumented runtime (`sleep(0)`,
//!   which records a suspend, a wake and a resume per yield).
//! * `virtual_time`: 10k tasks × 100 sleeps on the virtual clock.
//!
//! After divan's table, the bench prints the paired ratios and the memory
//! per event (run: `cargo bench --bench runtime`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use async_executor::LocalExecutor;
use futures_lite::future;
use taskline::{Result, coro, create_task, sleep};

const TASKS: usize = 300;
const STEPS: usize = 300;

fn bare_yield_now() {
    let ex = LocalExecutor::new();
    future::block_on(ex.run(async {
        let mut tasks = Vec::with_capacity(TASKS);
        for _ in 0..TASKS {
            tasks.push(ex.spawn(async {
                for _ in 0..STEPS {
                    future::yield_now().await;
                }
            }));
        }
        for task in tasks {
            task.await;
        }
    }));
}

fn taskline_yield_now() -> taskline::trace::Log {
    let run = taskline::run(coro("main", async {
        let mut tasks = Vec::with_capacity(TASKS);
        for _ in 0..TASKS {
            tasks.push(create_task(
                None,
                coro("worker", async {
                    for _ in 0..STEPS {
                        sleep(0).await?;
                    }
                    Result::Ok(())
                }),
            ));
        }
        for task in tasks {
            task.await?;
        }
        Ok(())
    }));
    run.log
}

const VT_TASKS: usize = 10_000;
const VT_SLEEPS: usize = 100;

fn taskline_virtual_time() -> taskline::trace::Log {
    let run = taskline::run(coro("main", async {
        let mut tasks = Vec::with_capacity(VT_TASKS);
        for i in 0..VT_TASKS {
            tasks.push(create_task(
                None,
                coro("sleeper", async move {
                    for _ in 0..VT_SLEEPS {
                        sleep(1 + (i % 7) as u64).await?;
                    }
                    Result::Ok(())
                }),
            ));
        }
        for task in tasks {
            task.await?;
        }
        Ok(())
    }));
    run.log
}

mod yield_now {
    /// async-executor's `yield_now` workload on a bare `LocalExecutor`.
    #[divan::bench(sample_count = 20)]
    fn bare_local_executor() {
        super::bare_yield_now();
    }

    /// The same workload on taskline's instrumented runtime, recording every step.
    #[divan::bench(sample_count = 20)]
    fn taskline_runtime() -> usize {
        super::taskline_yield_now().events.len()
    }
}

mod virtual_time {
    /// 10k tasks × 100 sleeps on the virtual clock.
    #[divan::bench(sample_count = 3)]
    fn tasks_10k_sleeps_100() -> usize {
        super::taskline_virtual_time().events.len()
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn paired_report() {
    // Interleave the two so that machine noise hits both alike.
    let rounds = 15;
    let (mut bare, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        bare_yield_now();
        bare.push(t.elapsed());
        let t = Instant::now();
        black_box(taskline_yield_now());
        ours.push(t.elapsed());
    }
    let (b, o) = (median(bare), median(ours));
    println!("\npaired (median of {rounds} interleaved rounds):");
    println!(
        "  yield_now 300x300: bare LocalExecutor {b:?}, taskline {o:?}, ratio {:.2}x",
        o.as_secs_f64() / b.as_secs_f64()
    );

    let t = Instant::now();
    let log = taskline_virtual_time();
    let elapsed = t.elapsed();
    let n = log.events.len();
    println!(
        "  virtual time 10k tasks x 100 sleeps: {n} events in {elapsed:?} = {:.1} M events/s; {:.1} bytes/event in memory (events {} B each)",
        n as f64 / elapsed.as_secs_f64() / 1e6,
        log.heap_bytes() as f64 / n as f64,
        std::mem::size_of::<taskline::trace::Event>()
    );
}

fn main() {
    divan::main();
    // Set TASKLINE_BENCH_NO_PAIRED=1 to run only divan's table (e.g. under a profiler).
    if std::env::var_os("TASKLINE_BENCH_NO_PAIRED").is_none() {
        paired_report();
    }
}
