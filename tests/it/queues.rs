//! asyncio's queues through the Rust API. Each test is the twin of
//! `tests/data/behaviour/sync_queue_*.py` and must give CPython 3.13's trace exactly.

use crate::common;

use common::{assert_matches_cpython, now};

mod backpressure_join {
    use super::now;
    use taskline::{Queue, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn consumer(q: Queue<u32>) -> Result<()> {
            loop {
                let item = q.get().await?;
                sleep(1).await?;
                print(format!("consumed {item} at {}", now()));
                q.task_done()?;
            }
        }

        pub async fn main() -> Result<()> {
            let q = Queue::fifo(1);
            let c = create_task("consumer", consumer(q.clone()));
            for i in 0..3 {
                q.put(i).await?;
                print(format!("put {i} at {}", now()));
            }
            q.join().await?;
            print(format!("joined at {}", now()));
            c.cancel();
            Ok(())
        }
    }
}

#[test]
fn a_bounded_queue_holds_the_producer_back_and_join_waits_for_task_done() {
    let run = taskline::run(backpressure_join::main());
    assert_matches_cpython("sync_queue_backpressure_join", &run.log);
}

mod shutdown_getter {
    use taskline::{Queue, Result, coroutine, create_task, print, sleep};

    coroutine! {
        async fn consumer(q: Queue<u32>) -> Result<()> {
            match q.get().await {
                Err(e) if e.type_name() == "QueueShutDown" => {
                    print("consumer: QueueShutDown");
                    Ok(())
                }
                other => other.map(|_| ()),
            }
        }

        pub async fn main() -> Result<()> {
            let q = Queue::fifo(0);
            let c = create_task("consumer", consumer(q.clone()));
            sleep(1).await?;
            q.shutdown(false)?;
            c.await
        }
    }
}

#[test]
fn shutdown_wakes_a_blocked_consumer_with_queue_shut_down() {
    let run = taskline::run(shutdown_getter::main());
    assert_matches_cpython("sync_queue_shutdown_getter", &run.log);
}
