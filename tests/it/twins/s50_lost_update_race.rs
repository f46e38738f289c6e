//! A race: three deposits read the balance, await a round trip, write back
//! what they read plus their amount; two updates are lost.

use std::cell::Cell;
use std::rc::Rc;

use taskline::{Result, coroutine, gather, print, sleep};

coroutine! {
    async fn deposit(balance: Rc<Cell<i64>>, amount: i64) -> Result<()> {
        let current = balance.get();
        sleep(0.1).await?;
        balance.set(current + amount);
        print(format!("deposited {amount}: balance is now {}", balance.get()));
        Ok(())
    }

    async fn main() -> Result<()> {
        let balance = Rc::new(Cell::new(0));
        gather((0..3).map(|_| deposit(balance.clone(), 10)).collect()).await?;
        print(format!("final balance {}, expected 30", balance.get()));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "50_lost_update_race";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
