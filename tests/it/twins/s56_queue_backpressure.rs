//! Queue(maxsize=2) between a fast producer and a slow consumer: put() blocks.

use taskline::{Queue, Result, coroutine, gather, print, sleep};

coroutine! {
    async fn producer(queue: Queue<Option<u32>>) -> Result<()> {
        for n in 1..6 {
            queue.put(Some(n)).await?;
            print(format!("put {n} (queue size {})", queue.qsize()));
            sleep(0.1).await?;
        }
        queue.put(None).await
    }

    async fn consumer(queue: Queue<Option<u32>>) -> Result<()> {
        while let Some(item) = queue.get().await? {
            print(format!("processing {item}"));
            sleep(1).await?;
        }
        Ok(())
    }

    async fn main() -> Result<()> {
        let queue = Queue::fifo(2);
        gather(vec![producer(queue.clone()).boxed(), consumer(queue.clone()).boxed()]).await?;
        print("done");
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "56_queue_backpressure";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
