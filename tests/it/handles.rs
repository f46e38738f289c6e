//! Task handles outlive their run: one kept from an earlier run still tells
//! its result, and used inside a new run it refers to nothing there (no
//! panic, no effect on the new run's tasks).

use std::cell::RefCell;
use std::rc::Rc;

use taskline::{Result, Task, coro, create_task, sleep};

#[test]
fn a_handle_from_an_earlier_run_is_inert_in_a_new_one() {
    let kept: Rc<RefCell<Option<Task<u32>>>> = Rc::default();
    let slot = kept.clone();
    let first = taskline::run(coro("main", async move {
        let t = create_task(
            "worker",
            coro("worker", async {
                sleep(1).await?;
                Result::Ok(7)
            }),
        );
        (&t).await?;
        *slot.borrow_mut() = Some(t);
        Ok(())
    }));
    assert_eq!(first.result, Ok(()));
    let old = kept.borrow_mut().take().expect("kept");
    // After its run the handle still tells how the task ended.
    assert_eq!(old.result(), Ok(7));

    let second = taskline::run(coro("main", async move {
        // Task 1 of this run is a different task; the old handle must not reach it.
        let mine = create_task(
            "mine",
            coro("mine", async {
                sleep(5).await?;
                Result::Ok(1)
            }),
        );
        assert!(!old.cancel(), "an old handle cancels nothing here");
        assert_eq!(old.cancelling(), 0);
        assert!(!old.cancelled());
        assert!(old.join().await.is_err(), "awaiting it here is an error, not a hang");
        mine.await
    }));
    assert_eq!(second.result, Ok(1));
    assert!(second.log.cancels.is_empty(), "no cancel was recorded");
    assert_eq!(second.log.end_time(), 5.0);
}
