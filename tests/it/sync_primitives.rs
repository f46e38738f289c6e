//! asyncio's locks through the Rust API: `Lock`, `Semaphore`, `Condition`,
//! `Barrier`. Each test is the twin of `tests/data/behaviour/sync_*.py`
//! and must give CPython 3.13's trace exactly (wakeup order included).

use crate::common;

use common::{assert_matches_cpython, me, now};

mod lock_fifo {
    use super::{me, now};
    use taskline::{Lock, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn worker(lock: Lock) -> Result<()> {
            lock.acquire().await?;
            print(format!("{} holds the lock at {}", me().name(), now()));
            sleep(1).await?;
            lock.release()
        }

        pub async fn main() -> Result<()> {
            let lock = Lock::new();
            let tasks: Vec<_> = (0..3).map(|i| create_task(format!("w{i}").as_str(), worker(lock.clone()))).collect();
            for t in tasks {
                t.await?;
            }
            print(format!("locked: {}", if lock.locked() { "True" } else { "False" }));
            Ok(())
        }
    }
}

#[test]
fn lock_fifo() {
    let run = taskline::run(lock_fifo::main());
    assert_matches_cpython("sync_lock_fifo", &run.log);
}

mod woken_waiter_cancelled {
    use super::me;
    use taskline::{Lock, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn waiter(lock: Lock) -> Result<()> {
            lock.acquire().await?;
            print(format!("{} got the lock", me().name()));
            lock.release()
        }

        pub async fn main() -> Result<()> {
            let lock = Lock::new();
            lock.acquire().await?;
            let a = create_task("a", waiter(lock.clone()));
            let b = create_task("b", waiter(lock.clone()));
            sleep(1).await?;
            lock.release()?;
            a.cancel();
            match a.await {
                Err(e) if e.is_cancelled() => print("a cancelled"),
                other => other?,
            }
            b.await?;
            print(format!("locked: {}", if lock.locked() { "True" } else { "False" }));
            Ok(())
        }
    }
}

#[test]
fn a_woken_waiter_that_is_cancelled_passes_the_lock_on() {
    let run = taskline::run(woken_waiter_cancelled::main());
    assert_matches_cpython("sync_lock_woken_waiter_cancelled", &run.log);
}

mod semaphore_two_at_a_time {
    use super::{me, now};
    use taskline::{Result, Semaphore, coroutine, create_task, print, sleep};

    coroutine! {
        async fn job(sem: Semaphore) -> Result<()> {
            sem.acquire().await?;
            print(format!("{} starts at {}", me().name(), now()));
            sleep(1).await?;
            sem.release()
        }

        pub async fn main() -> Result<()> {
            let sem = Semaphore::new(2)?;
            let tasks: Vec<_> = (0..4).map(|i| create_task(format!("j{i}").as_str(), job(sem.clone()))).collect();
            for t in tasks {
                t.await?;
            }
            Ok(())
        }
    }
}

#[test]
fn a_semaphore_of_two_runs_two_jobs_at_a_time() {
    let run = taskline::run(semaphore_two_at_a_time::main());
    assert_matches_cpython("sync_semaphore_two_at_a_time", &run.log);
    assert_eq!(run.log.end_time(), 2.0);
}

mod condition_notify {
    use super::{me, now};
    use taskline::{Condition, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn waiter(cond: Condition) -> Result<()> {
            cond.acquire().await?;
            cond.wait().await?;
            print(format!("{} notified at {}", me().name(), now()));
            cond.release()
        }

        pub async fn main() -> Result<()> {
            let cond = Condition::new(None);
            let a = create_task("a", waiter(cond.clone()));
            let b = create_task("b", waiter(cond.clone()));
            for _ in 0..2 {
                sleep(1).await?;
                cond.acquire().await?;
                cond.notify(1)?;
                cond.release()?;
            }
            a.await?;
            b.await
        }
    }
}

#[test]
fn notify_wakes_one_waiter_at_a_time_in_order() {
    let run = taskline::run(condition_notify::main());
    assert_matches_cpython("sync_condition_notify", &run.log);
}

mod barrier_abort {
    use super::me;
    use taskline::{Barrier, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn party(barrier: Barrier) -> Result<()> {
            match barrier.wait().await {
                Err(e) if e.type_name() == "BrokenBarrierError" => {
                    print(format!("{}: {}", me().name(), e.message().unwrap_or("")));
                    Ok(())
                }
                other => other.map(|_| ()),
            }
        }

        pub async fn main() -> Result<()> {
            let barrier = Barrier::new(3)?;
            let a = create_task("a", party(barrier.clone()));
            let b = create_task("b", party(barrier.clone()));
            sleep(1).await?;
            barrier.abort().await?;
            a.await?;
            b.await?;
            print(format!("broken: {}", if barrier.broken() { "True" } else { "False" }));
            Ok(())
        }
    }
}

#[test]
fn abort_breaks_the_parties_waiting_at_a_barrier() {
    let run = taskline::run(barrier_abort::main());
    assert_matches_cpython("sync_barrier_abort", &run.log);
}
