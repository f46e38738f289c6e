//! Leaf awaitables: the points where a task actually suspends (a future, a
//! timer, a bare yield), and where a thrown exception is delivered.

use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::core::{FKind, FState, FutId, TimerAction, with_state};
use super::error::{Error, Result};
use super::slab::Key;
use crate::trace::pyfmt::float_repr;
use crate::trace::{EventKind, NONE, WaitKind};

fn no_loop() -> Error {
    Error::new("RuntimeError", "no running event loop")
}

/// Suspends the running task on a loop future until it completes; returns
/// `Ok(())` when it completed with a result, else the error (a thrown
/// `CancelledError` included).
#[derive(Debug)]
pub(crate) struct WaitFuture {
    fut: FutId,
    loc: Option<&'static Location<'static>>,
    label: Option<String>,
    wait: WaitKind,
    b: u64,
    registered: bool,
}

impl WaitFuture {
    pub(crate) fn new(fut: FutId, label: Option<String>, wait: WaitKind, b: u64) -> WaitFuture {
        WaitFuture { fut, loc: None, label, wait, b, registered: false }
    }

    /// Records `loc` as the place of the await.
    pub(crate) fn at(mut self, loc: &'static Location<'static>) -> WaitFuture {
        self.loc = Some(loc);
        self
    }
}

impl Future for WaitFuture {
    type Output = Result<()>;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<()>> {
        let this = &mut *self;
        let out = with_state(|st| {
            if this.registered {
                if let Some(e) = st.take_thrown() {
                    return Some(Err(e));
                }
            }
            match st.fut_state(this.fut) {
                FState::Pending => {
                    st.yield_future(this.fut, this.label.as_deref(), this.wait, this.b, this.loc);
                    this.registered = true;
                    None
                }
                FState::Done => Some(Ok(())),
                _ => Some(Err(st.fut_error(this.fut).unwrap_or_else(Error::cancelled))),
            }
        });
        match out {
            None => Poll::Ready(Err(no_loop())),
            Some(None) => Poll::Pending,
            Some(Some(r)) => Poll::Ready(r),
        }
    }
}

/// A duration in seconds, as asyncio takes it: an integer or a float.
/// Its `repr` appears in the awaiting chain (`sleep(1)`, `sleep(0.5)`).
pub trait Seconds {
    /// The value in seconds.
    fn seconds(&self) -> f64;
    /// Python's `repr()` of the value.
    fn repr(&self) -> String;
    /// Whether the value is an integer (its repr has no decimal point).
    fn is_int(&self) -> bool {
        false
    }
}

macro_rules! int_seconds {
    ($($t:ty),*) => {$(
        impl Seconds for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn seconds(&self) -> f64 { *self as f64 }
            fn repr(&self) -> String { self.to_string() }
            fn is_int(&self) -> bool { true }
        }
    )*};
}
int_seconds!(i32, i64, u32, u64, usize);

impl Seconds for f64 {
    fn seconds(&self) -> f64 {
        *self
    }
    fn repr(&self) -> String {
        float_repr(*self)
    }
}

impl Seconds for f32 {
    fn seconds(&self) -> f64 {
        f64::from(*self)
    }
    fn repr(&self) -> String {
        float_repr(f64::from(*self))
    }
}

impl Seconds for std::time::Duration {
    fn seconds(&self) -> f64 {
        self.as_secs_f64()
    }
    fn repr(&self) -> String {
        float_repr(self.as_secs_f64())
    }
}

/// `asyncio.sleep(delay)`: suspends the task for `delay` seconds;
/// `sleep(0)` yields to the loop once without advancing time.
///
/// Resolves to `Err(CancelledError)` if the task is cancelled meanwhile.
///
/// # Examples
/// ```
/// use taskline::{coro, sleep};
/// let run = taskline::run(coro("main", async { sleep(2).await?; sleep(0.5).await }));
/// assert_eq!(run.log.end_time(), 2.5);
/// ```
#[track_caller]
pub fn sleep(delay: impl Seconds) -> Sleep {
    let seconds = delay.seconds();
    // The common labels need no allocation.
    let label = match seconds {
        0.0 if delay.is_int() => Label::Static("sleep(0)"),
        1.0 if delay.is_int() => Label::Static("sleep(1)"),
        _ => Label::Owned(format!("sleep({})", delay.repr())),
    };
    Sleep { delay: seconds, label, loc: Location::caller(), state: SleepState::Init }
}

#[derive(Debug)]
enum Label {
    Static(&'static str),
    Owned(String),
    None,
}

impl Label {
    fn as_str(&self) -> Option<&str> {
        match self {
            Label::Static(s) => Some(s),
            Label::Owned(s) => Some(s),
            Label::None => None,
        }
    }
}

#[derive(Debug)]
enum SleepState {
    Init,
    Yielded,
    Waiting { fut: FutId, timer: Key },
    Finished,
}

/// The future of [`sleep`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    delay: f64,
    label: Label,
    loc: &'static Location<'static>,
    state: SleepState,
}

impl Sleep {
    /// Drops the `sleep(…)` frame from the awaiting chain: for a sleep that
    /// is itself a task's coroutine (`create_task(asyncio.sleep(1))`), whose
    /// chain CPython shows as just `Future` (or `yield`).
    pub fn as_task_body(mut self) -> Sleep {
        self.label = Label::None;
        self
    }
}

impl Future for Sleep {
    type Output = Result<()>;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<()>> {
        let this = &mut *self;
        let out = with_state(|st| match this.state {
            SleepState::Init => {
                if this.delay.is_nan() {
                    this.state = SleepState::Finished;
                    return Some(Err(Error::new("ValueError", "Invalid delay: NaN (not a number)")));
                }
                if this.delay <= 0.0 {
                    st.yield_bare(this.label.as_str(), Some(this.loc));
                    this.state = SleepState::Yielded;
                } else {
                    let fut = st.new_future(FKind::Plain);
                    let when = st.now() + this.delay;
                    let timer = st.call_at(when, TimerAction::SetResultUnlessCancelled(fut));
                    st.yield_future(fut, this.label.as_str(), WaitKind::Sleep, when.to_bits(), Some(this.loc));
                    this.state = SleepState::Waiting { fut, timer };
                }
                None
            }
            SleepState::Yielded => {
                this.state = SleepState::Finished;
                Some(st.take_thrown().map_or(Ok(()), Err))
            }
            SleepState::Waiting { fut, timer } => {
                if let Some(e) = st.take_thrown() {
                    st.cancel_timer(timer);
                    st.futs.remove(fut);
                    this.state = SleepState::Finished;
                    return Some(Err(e));
                }
                match st.fut_state(fut) {
                    FState::Pending => {
                        // Polled again without a wakeup: keep waiting.
                        st.yield_future(
                            fut,
                            this.label.as_str(),
                            WaitKind::Sleep,
                            (st.now() + 0.0).to_bits(),
                            Some(this.loc),
                        );
                        None
                    }
                    FState::Done => {
                        st.cancel_timer(timer);
                        st.futs.remove(fut);
                        this.state = SleepState::Finished;
                        Some(Ok(()))
                    }
                    _ => {
                        st.cancel_timer(timer);
                        let e = st.fut_error(fut).unwrap_or_else(Error::cancelled);
                        st.futs.remove(fut);
                        this.state = SleepState::Finished;
                        Some(Err(e))
                    }
                }
            }
            SleepState::Finished => Some(Ok(())),
        });
        match out {
            None => Poll::Ready(Err(no_loop())),
            Some(None) => Poll::Pending,
            Some(Some(r)) => Poll::Ready(r),
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let SleepState::Waiting { fut, timer } = self.state {
            with_state(|st| {
                st.cancel_timer(timer);
                st.futs.remove(fut);
            });
        }
    }
}

/// `print(text)` inside a task: recorded with the time and the task.
/// Outside a running loop it prints to stdout.
#[track_caller]
pub fn print(text: impl AsRef<str>) {
    print_to(text.as_ref(), 0, Location::caller());
}

/// `print(text, file=sys.stderr)` inside a task: recorded like [`print`],
/// marked as standard error (shown as such; not part of CPython's
/// reference trace, which records stdout prints only). Outside a running
/// loop it prints to stderr.
#[track_caller]
pub fn eprint(text: impl AsRef<str>) {
    print_to(text.as_ref(), crate::trace::flags::STDERR, Location::caller());
}

/// Records `text` written to a stream (`stream`: 0 for `print`, or
/// [`crate::trace::flags::STDERR`] / [`crate::trace::flags::STDOUT_WRITE`]).
pub(crate) fn print_to(text: &str, stream: u8, loc: &'static Location<'static>) {
    let recorded = with_state(|st| {
        let sym = st.log.intern(text);
        let loc = st.intern_loc(loc);
        if super::threads::job_print(sym, loc, stream) {
            return; // in a worker job: recorded at the job's time
        }
        let task = st.current.unwrap_or(NONE);
        st.emit(EventKind::Print, task, sym, 0, stream, loc);
        st.last_loc = loc;
    });
    if recorded.is_none() {
        if stream == crate::trace::flags::STDERR {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
    }
}

/// Python's `time` module, on the loop's clock.
pub mod time {
    use super::*;

    /// Seconds added to the clock by [`time()`](self::time): 2023-11-14 22:13:20 UTC at 0.
    pub const VIRTUAL_EPOCH: f64 = 1_700_000_000.0;

    /// `time.sleep(s)` inside a coroutine: **blocks the whole loop** for `s`
    /// seconds. No other task runs meanwhile; under the virtual clock the
    /// clock moves on by `s` at once.
    #[track_caller]
    pub fn sleep(secs: impl Seconds) {
        let secs = secs.seconds();
        // NaN and negative durations block for 0 s (Python raises ValueError;
        // the script interpreter does, before calling this).
        let secs = if secs.is_nan() || secs < 0.0 { 0.0 } else { secs };
        if super::super::threads::job_sleep(secs) {
            return; // in a worker job: only the job's clock moves on
        }
        let loc = Location::caller();
        let real = with_state(|st| {
            let loc = st.intern_loc(loc);
            let task = st.current.unwrap_or(NONE);
            // A block never lasts past the time limit: the run stops there
            // (an infinite `time.sleep` is a hang the limit ends).
            // (On the virtual clock a finite block moves the clock on and the
            // loop's budget check stops the run after it, as before.)
            let left = (st.cfg.max_time - st.now()).max(0.0);
            let endless = match st.cfg.clock {
                super::super::core::ClockMode::Virtual => secs.is_infinite(),
                super::super::core::ClockMode::Real => secs > left,
            };
            let block = if endless { left } else { secs };
            st.emit(EventKind::Block, task, 0, block.to_bits(), 0, loc);
            match st.cfg.clock {
                super::super::core::ClockMode::Virtual => {
                    st.vnow += block;
                    if endless {
                        st.stop_at_time_limit();
                    }
                    None
                }
                super::super::core::ClockMode::Real => Some(if endless { block + 1e-3 } else { block }),
            }
        });
        let secs = match real {
            Some(None) => 0.0,
            Some(Some(s)) => s,
            None => secs,
        };
        if secs > 0.0 {
            // (a duration too long for `Duration` blocks as long as it can)
            std::thread::sleep(std::time::Duration::try_from_secs_f64(secs).unwrap_or(std::time::Duration::MAX));
        }
    }

    /// `time.monotonic()`: the loop's clock in seconds.
    pub fn monotonic() -> f64 {
        if let Some(t) = super::super::threads::job_clock() {
            return t; // in a worker job: the job's own clock
        }
        with_state(|st| st.now()).unwrap_or(0.0)
    }

    /// `time.perf_counter()`: the loop's clock in seconds.
    pub fn perf_counter() -> f64 {
        monotonic()
    }

    /// `time.time()`: [`VIRTUAL_EPOCH`] plus the loop's clock.
    pub fn time() -> f64 {
        VIRTUAL_EPOCH + monotonic()
    }
}
