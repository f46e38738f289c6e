//! Condition: notify() wakes the longest waiter, notify_all() the rest.

use std::cell::RefCell;
use std::rc::Rc;

use taskline::{Condition, Result, coro, coroutine, create_task, gather, print, sleep};

type Items = Rc<RefCell<Vec<&'static str>>>;

fn show(items: &Items) -> String {
    let quoted: Vec<String> = items.borrow().iter().map(|s| format!("'{s}'")).collect();
    format!("[{}]", quoted.join(", "))
}

coroutine! {
    async fn consumer(name: &'static str, cond: Condition, items: Items) -> Result<()> {
        coro("_ContextManagerMixin.__aenter__", cond.acquire()).await?;
        print(format!("{name} waits"));
        cond.wait().await?;
        print(format!("{name} woke up, items: {}", show(&items)));
        cond.release()
    }

    async fn main() -> Result<()> {
        let items: Items = Rc::default();
        let cond = Condition::named("cond", None);
        let consumers: Vec<_> = ["c1", "c2", "c3"]
            .into_iter()
            .map(|name| create_task(name, consumer(name, cond.clone(), items.clone())))
            .collect();
        sleep(1).await?;
        coro("_ContextManagerMixin.__aenter__", cond.acquire()).await?;
        items.borrow_mut().push("first");
        print("notify(): wakes one consumer");
        cond.notify(1)?;
        cond.release()?;
        sleep(1).await?;
        coro("_ContextManagerMixin.__aenter__", cond.acquire()).await?;
        items.borrow_mut().push("second");
        print("notify_all(): wakes every other consumer");
        cond.notify_all()?;
        cond.release()?;
        gather(consumers).await?;
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "54_condition_notify";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
