//! asyncio's queues, ported from CPython 3.13's `Lib/asyncio/queues.py`:
//! [`Queue`] in its three orders (FIFO, LIFO, and priority: `heapq`'s
//! algorithm, so equal priorities come out in CPython's order).
//!
//! A queue keeps CPython's deques of getter and putter futures. `put`
//! on a full queue (and `get` on an empty one) queues a future and waits;
//! `put_nowait` wakes the first live getter (`_wakeup_next`), `get_nowait`
//! the first live putter. A waiter cancelled after it was woken passes the
//! wakeup on. `task_done`/`join` count unfinished items with an inner
//! [`Event`]; 3.13's `shutdown(immediate)` wakes every waiter, after which
//! `put` and (once empty, or at once if immediate) `get` raise `QueueShutDown`.
//!
//! # Examples
//! ```
//! use taskline::{coro, create_task, sleep, Queue};
//! let run = taskline::run(coro("main", async {
//!     let q: Queue<u32> = Queue::fifo(1);
//!     let q2 = q.clone();
//!     let consumer = create_task("consumer", coro("consumer", async move {
//!         let mut got = Vec::new();
//!         for _ in 0..3 { got.push(q2.get().await?); sleep(1).await?; q2.task_done()?; }
//!         Ok(got)
//!     }));
//!     for i in 0..3 { q.put(i).await?; } // backpressure: maxsize 1
//!     q.join().await?;
//!     consumer.await
//! }));
//! assert_eq!(run.result, Ok(vec![0, 1, 2]));
//! assert_eq!(run.log.end_time(), 3.0);
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::panic::Location;
use std::rc::Rc;

use super::core::{FState, State, with_state};
use super::coro::{Coro, coro};
use super::error::{Error, Result};
use super::sync::{Event, Tag, Waiter, new_waiter, no_loop, remove_waiter, wait_on};
use crate::trace::{NONE, SyncOp};

/// `a < b` for a priority queue's items (Python's `<`, which may fail).
pub type LessThan<T> = Rc<dyn Fn(&T, &T) -> Result<bool>>;

/// The order in which a [`Queue`] hands out its items.
pub enum QueueOrder<T> {
    /// First in, first out (`asyncio.Queue`).
    Fifo,
    /// Last in, first out (`asyncio.LifoQueue`).
    Lifo,
    /// Lowest first, by `heapq` on this `<` (`asyncio.PriorityQueue`).
    Priority(LessThan<T>),
}

impl<T> std::fmt::Debug for QueueOrder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QueueOrder::Fifo => "Fifo",
            QueueOrder::Lifo => "Lifo",
            QueueOrder::Priority(_) => "Priority",
        })
    }
}

#[derive(Debug)]
struct QueueInner<T> {
    tag: Tag,
    order: QueueOrder<T>,
    maxsize: i64,
    items: RefCell<VecDeque<T>>,
    getters: RefCell<VecDeque<Waiter>>,
    putters: RefCell<VecDeque<Waiter>>,
    unfinished: Cell<usize>,
    finished: Event,
    shutdown: Cell<bool>,
}

/// An asyncio queue of `T`. Clones refer to the same queue.
#[derive(Debug)]
pub struct Queue<T>(Rc<QueueInner<T>>);

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue(self.0.clone())
    }
}

fn shut_down() -> Error {
    Error::with_type("QueueShutDown", None)
}

impl<T: 'static> Queue<T> {
    /// `asyncio.Queue(maxsize)` (0 or less: unbounded).
    pub fn fifo(maxsize: i64) -> Queue<T> {
        Queue::new(QueueOrder::Fifo, maxsize)
    }

    /// `asyncio.LifoQueue(maxsize)`.
    pub fn lifo(maxsize: i64) -> Queue<T> {
        Queue::new(QueueOrder::Lifo, maxsize)
    }

    /// `asyncio.PriorityQueue(maxsize)` ordered by `T`'s `<`.
    pub fn priority(maxsize: i64) -> Queue<T>
    where
        T: PartialOrd,
    {
        Queue::new(QueueOrder::Priority(Rc::new(|a: &T, b: &T| Ok(a < b))), maxsize)
    }

    /// A queue of this order.
    pub fn new(order: QueueOrder<T>, maxsize: i64) -> Queue<T> {
        let kind = match order {
            QueueOrder::Fifo => "Queue",
            QueueOrder::Lifo => "LifoQueue",
            QueueOrder::Priority(_) => "PriorityQueue",
        };
        let finished = Event::silent();
        finished.set();
        Queue(Rc::new(QueueInner {
            tag: Tag::new(kind, None).sized(maxsize),
            order,
            maxsize,
            items: RefCell::new(VecDeque::new()),
            getters: RefCell::new(VecDeque::new()),
            putters: RefCell::new(VecDeque::new()),
            unfinished: Cell::new(0),
            finished,
            shutdown: Cell::new(false),
        }))
    }

    /// Names the queue in the log unless it has a name already.
    pub fn set_name_if_unset(&self, name: &str) {
        self.0.tag.name_if_unset(name);
    }

    /// `type(q).__name__`: `Queue`, `LifoQueue` or `PriorityQueue`.
    pub fn type_name(&self) -> &'static str {
        match self.0.order {
            QueueOrder::Fifo => "Queue",
            QueueOrder::Lifo => "LifoQueue",
            QueueOrder::Priority(_) => "PriorityQueue",
        }
    }

    /// `q.maxsize`.
    pub fn maxsize(&self) -> i64 {
        self.0.maxsize
    }

    /// `q.qsize()`.
    pub fn qsize(&self) -> usize {
        self.0.items.borrow().len()
    }

    /// `q.empty()`.
    pub fn empty(&self) -> bool {
        self.qsize() == 0
    }

    /// `q.full()`.
    pub fn full(&self) -> bool {
        self.0.maxsize > 0 && i64::try_from(self.qsize()).unwrap_or(i64::MAX) >= self.0.maxsize
    }

    /// The number of tasks waiting in `get` and in `put`.
    pub fn waiting(&self) -> (usize, usize) {
        (self.0.getters.borrow().len(), self.0.putters.borrow().len())
    }

    /// Items put and not yet marked done (`q._unfinished_tasks`).
    pub fn unfinished(&self) -> usize {
        self.0.unfinished.get()
    }

    /// Whether `shutdown()` was called.
    pub fn is_shutdown(&self) -> bool {
        self.0.shutdown.get()
    }

    /// The items in the queue's internal order (`list(q._queue)`: heap order for a priority queue).
    pub fn items(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.0.items.borrow().iter().cloned().collect()
    }

    fn wakeup_next(&self, st: &mut State, getters: bool) {
        let q = if getters { &self.0.getters } else { &self.0.putters };
        loop {
            let Some(w) = q.borrow_mut().pop_front() else { break };
            if !st.fut_done(w.fut) {
                st.set_result(w.fut);
                self.0.tag.emit(st, SyncOp::Wake, w.task, 0);
                break;
            }
        }
    }

    fn push_item(&self, item: T) -> Result<()> {
        let mut items = self.0.items.borrow_mut();
        items.push_back(item);
        if let QueueOrder::Priority(lt) = &self.0.order {
            let pos = items.len() - 1;
            sift_down(&mut items, 0, pos, lt)?;
        }
        Ok(())
    }

    fn pop_item(&self) -> Result<Option<T>> {
        let mut items = self.0.items.borrow_mut();
        match &self.0.order {
            QueueOrder::Fifo => Ok(items.pop_front()),
            QueueOrder::Lifo => Ok(items.pop_back()),
            QueueOrder::Priority(lt) => {
                let Some(last) = items.pop_back() else { return Ok(None) };
                if items.is_empty() {
                    return Ok(Some(last));
                }
                let first = std::mem::replace(&mut items[0], last);
                sift_up(&mut items, 0, lt)?;
                Ok(Some(first))
            }
        }
    }

    /// `q.put_nowait(item)`: `QueueFull` if full, `QueueShutDown` after `shutdown()`.
    pub fn put_nowait(&self, item: T) -> Result<()> {
        let s = &self.0;
        if s.shutdown.get() {
            return Err(shut_down());
        }
        if self.full() {
            return Err(Error::with_type("QueueFull", None));
        }
        self.push_item(item)?;
        s.unfinished.set(s.unfinished.get() + 1);
        s.finished.clear();
        with_state(|st| {
            s.tag.emit(st, SyncOp::Put, NONE, self.qsize());
            self.wakeup_next(st, true);
        });
        Ok(())
    }

    /// `q.get_nowait()`: `QueueEmpty` if empty, `QueueShutDown` if empty after `shutdown()`.
    pub fn get_nowait(&self) -> Result<T> {
        let s = &self.0;
        if self.empty() {
            if s.shutdown.get() {
                return Err(shut_down());
            }
            return Err(Error::with_type("QueueEmpty", None));
        }
        let item = self.pop_item()?.ok_or_else(|| Error::with_type("QueueEmpty", None))?;
        with_state(|st| {
            s.tag.emit(st, SyncOp::Get, NONE, self.qsize());
            self.wakeup_next(st, false);
        });
        Ok(item)
    }

    /// `await q.put(item)`: waits while the queue is full (`Queue.put` in the chain).
    #[track_caller]
    pub fn put(&self, item: T) -> Coro<impl Future<Output = Result<()>> + use<T>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Queue.put", async move {
            while me.full() {
                if me.0.shutdown.get() {
                    return Err(shut_down());
                }
                me.wait_slot(false, loc).await?;
            }
            me.put_nowait(item)
        })
    }

    /// `await q.get()`: waits while the queue is empty (`Queue.get` in the chain).
    #[track_caller]
    pub fn get(&self) -> Coro<impl Future<Output = Result<T>> + use<T>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Queue.get", async move {
            while me.empty() {
                if me.0.shutdown.get() {
                    return Err(shut_down());
                }
                me.wait_slot(true, loc).await?;
            }
            me.get_nowait()
        })
    }

    /// One wait of `get` (`getter`) or `put`, with CPython's `except:` clause.
    async fn wait_slot(&self, getter: bool, loc: &'static Location<'static>) -> Result<()> {
        let s = &self.0;
        let q = if getter { &s.getters } else { &s.putters };
        let w = with_state(|st| {
            let w = new_waiter(st, q);
            s.tag.emit(st, SyncOp::Wait, NONE, q.borrow().len());
            w
        })
        .ok_or_else(no_loop)?;
        let r = wait_on(w.fut, loc).await;
        let out = with_state(|st| {
            if let Err(e) = r {
                // putter.cancel(): just in case it is not done yet.
                let was_cancelled = st.fut_state(w.fut) == FState::Cancelled || !st.fut_done(w.fut);
                remove_waiter(q, w);
                if e.is_cancelled() {
                    s.tag.emit(st, SyncOp::GiveUp, NONE, q.borrow().len());
                }
                let ready = if getter { !self.empty() } else { !self.full() };
                if ready && !was_cancelled {
                    self.wakeup_next(st, getter);
                }
                return Err(e);
            }
            Ok(())
        })
        .unwrap_or_else(|| Err(no_loop()));
        with_state(|st| {
            st.futs.remove(w.fut);
        });
        out
    }

    /// `q.task_done()`: `ValueError('task_done() called too many times')` past the items put.
    pub fn task_done(&self) -> Result<()> {
        let s = &self.0;
        if s.unfinished.get() == 0 {
            return Err(Error::new("ValueError", "task_done() called too many times"));
        }
        s.unfinished.set(s.unfinished.get() - 1);
        with_state(|st| s.tag.emit(st, SyncOp::TaskDone, NONE, s.unfinished.get()));
        if s.unfinished.get() == 0 {
            s.finished.set();
        }
        Ok(())
    }

    /// `await q.join()`: waits until every item put has been marked done
    /// (`Queue.join>Event.wait` in the chain).
    #[track_caller]
    pub fn join(&self) -> Coro<impl Future<Output = Result<()>> + use<T>> {
        let me = self.clone();
        let loc = Location::caller();
        coro("Queue.join", async move {
            if me.0.unfinished.get() > 0 {
                with_state(|st| me.0.tag.emit(st, SyncOp::Wait, NONE, me.0.finished.waiters() + 1));
                coro("Event.wait", me.0.finished.wait_at(loc)).await?;
            }
            Ok(())
        })
    }

    /// `q.shutdown(immediate)` (3.13): puts and gets raise `QueueShutDown`
    /// from now on (gets only once the queue is empty, unless `immediate`,
    /// which drops the items and marks them done); every waiter wakes.
    pub fn shutdown(&self, immediate: bool) -> Result<()> {
        let s = &self.0;
        s.shutdown.set(true);
        with_state(|st| s.tag.emit(st, SyncOp::Shutdown, NONE, self.qsize()));
        if immediate {
            while !self.empty() {
                self.pop_item()?;
                if s.unfinished.get() > 0 {
                    s.unfinished.set(s.unfinished.get() - 1);
                }
            }
            if s.unfinished.get() == 0 {
                s.finished.set();
            }
        }
        with_state(|st| {
            for q in [&s.getters, &s.putters] {
                loop {
                    let Some(w) = q.borrow_mut().pop_front() else { break };
                    if !st.fut_done(w.fut) {
                        st.set_result(w.fut);
                        s.tag.emit(st, SyncOp::Wake, w.task, 0);
                    }
                }
            }
        });
        Ok(())
    }
}

/// `heapq._siftdown` (swaps, as the C version).
fn sift_down<T>(heap: &mut VecDeque<T>, start: usize, mut pos: usize, lt: &LessThan<T>) -> Result<()> {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if lt(&heap[pos], &heap[parent])? {
            heap.swap(pos, parent);
            pos = parent;
            continue;
        }
        break;
    }
    Ok(())
}

/// `heapq._siftup`: moves the smaller child up until a leaf, then sifts down.
fn sift_up<T>(heap: &mut VecDeque<T>, mut pos: usize, lt: &LessThan<T>) -> Result<()> {
    let end = heap.len();
    let start = pos;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !lt(&heap[child], &heap[right])? {
            child = right;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    sift_down(heap, start, pos, lt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{create_task, run, sleep};

    #[test]
    fn a_priority_queue_hands_out_the_lowest_first() {
        let run = run(coro("main", async {
            let q: Queue<(u32, u32)> = Queue::priority(0);
            for x in [(3, 0), (1, 1), (2, 2), (1, 3), (0, 4)] {
                q.put_nowait(x)?;
            }
            let mut out = Vec::new();
            while !q.empty() {
                out.push(q.get_nowait()?.1);
            }
            Ok(out)
        }));
        assert_eq!(run.result, Ok(vec![4, 1, 3, 2, 0]));
    }

    #[test]
    fn a_lifo_queue_hands_out_the_last_first() {
        let run = run(coro("main", async {
            let q: Queue<u8> = Queue::lifo(0);
            q.put_nowait(1)?;
            q.put_nowait(2)?;
            Ok((q.get_nowait()?, q.get_nowait()?))
        }));
        assert_eq!(run.result, Ok((2, 1)));
    }

    #[test]
    fn full_empty_and_task_done_errors() {
        let run = run(coro("main", async {
            let q: Queue<u8> = Queue::fifo(1);
            q.put_nowait(1)?;
            let full = q.put_nowait(2).unwrap_err();
            q.get_nowait()?;
            let empty = q.get_nowait().unwrap_err();
            q.task_done()?;
            let many = q.task_done().unwrap_err();
            Ok(vec![full.type_name().to_owned(), empty.type_name().to_owned(), many.message().unwrap_or("").to_owned()])
        }));
        assert_eq!(
            run.result,
            Ok(vec!["QueueFull".into(), "QueueEmpty".into(), "task_done() called too many times".into()])
        );
    }

    #[test]
    fn shutdown_wakes_a_blocked_getter_with_queue_shut_down() {
        let run = run(coro("main", async {
            let q: Queue<u8> = Queue::fifo(0);
            let q2 = q.clone();
            let t = create_task("getter", coro("getter", async move { q2.get().await }));
            sleep(1).await?;
            q.shutdown(false)?;
            Ok(t.await.unwrap_err().type_name().to_owned())
        }));
        assert_eq!(run.result, Ok("QueueShutDown".to_owned()));
    }
}
