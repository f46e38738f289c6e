//! Producer, two workers and queue.join(); the idle workers are cancelled at the end.

use taskline::{Queue, Result, coroutine, create_task, gather_settled, print, sleep};

coroutine! {
    async fn producer(queue: Queue<String>) -> Result<()> {
        for n in 1..7 {
            queue.put(format!("order {n}")).await?;
            print(format!("placed order {n}"));
            sleep(0.5).await?;
        }
        Ok(())
    }

    async fn worker(name: &'static str, queue: Queue<String>) -> Result<()> {
        loop {
            let order = queue.get().await?;
            print(format!("{name} prepares {order}"));
            sleep(1.2).await?;
            print(format!("{name} served {order}"));
            queue.task_done()?;
        }
    }

    async fn main() -> Result<()> {
        let queue = Queue::fifo(0);
        let workers: Vec<_> =
            ["w1", "w2"].into_iter().map(|name| create_task(name, worker(name, queue.clone()))).collect();
        producer(queue.clone()).await?;
        queue.join().await?;
        print("all orders served");
        for w in &workers {
            w.cancel();
        }
        gather_settled(workers).await?;
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "55_queue_producer_consumer";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
