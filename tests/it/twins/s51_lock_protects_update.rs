//! The lost-update race fixed with a lock held across read, await and write.

use std::cell::Cell;
use std::rc::Rc;

use taskline::{Lock, Result, coro, coroutine, gather, print, sleep};

coroutine! {
    async fn deposit(balance: Rc<Cell<i64>>, lock: Lock, amount: i64) -> Result<()> {
        // `async with lock:`
        coro("_ContextManagerMixin.__aenter__", lock.acquire()).await?;
        let current = balance.get();
        sleep(0.1).await?;
        balance.set(current + amount);
        print(format!("deposited {amount}: balance is now {}", balance.get()));
        lock.release()
    }

    async fn main() -> Result<()> {
        let balance = Rc::new(Cell::new(0));
        let lock = Lock::named("lock");
        gather((0..3).map(|_| deposit(balance.clone(), lock.clone(), 10)).collect()).await?;
        print(format!("final balance {}, expected 30", balance.get()));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "51_lock_protects_update";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
