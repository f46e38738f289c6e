//! Named coroutines: the frames of the awaiting chain (`delay>sleep(1)>Future`)
//! and the "coroutine was never awaited" warning.

use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use super::core::with_state;
use crate::trace::{NONE, Sym};

pin_project! {
    /// A named coroutine: what calling an `async def` gives in Python.
    ///
    /// Awaiting it runs it inside the awaiting task (no new task), and its
    /// name becomes a frame of the task's awaiting chain. Dropping one that
    /// was never awaited records asyncio's `RuntimeWarning`. Make one with
    /// [`coro`] or define a named async function with [`coroutine!`](crate::coroutine).
    ///
    /// # Examples
    /// ```
    /// use taskline::{coro, sleep};
    /// let c = coro("delay", async { sleep(1).await?; Ok(1) });
    /// assert_eq!(c.name(), "delay");
    /// let run = taskline::run(c);
    /// assert_eq!(run.result, Ok(1));
    /// ```
    #[must_use = "a coroutine does nothing unless awaited or given to create_task"]
    pub struct Coro<F> {
        name: &'static str,
        loc: &'static Location<'static>,
        polled: bool,
        top: bool,
        sym: Sym,
        #[pin]
        fut: F,
    }

    impl<F> PinnedDrop for Coro<F> {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            if !*this.polled && !*this.top {
                let name = *this.name;
                let loc = *this.loc;
                with_state(|st| {
                    let loc = st.intern_loc(loc);
                    st.warn("RuntimeWarning", &format!("coroutine '{name}' was never awaited"), loc);
                });
            }
        }
    }
}

impl<F> std::fmt::Debug for Coro<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coro").field("name", &self.name).field("awaited", &self.polled).finish()
    }
}

/// Wraps a future as a named coroutine.
#[track_caller]
pub fn coro<F: Future>(name: &'static str, fut: F) -> Coro<F> {
    let loc = Location::caller();
    with_state(|st| {
        if st.current.is_some() {
            st.last_loc = st.intern_loc(loc);
        }
    });
    Coro { name, loc, polled: false, top: false, sym: NONE, fut }
}

impl<F> Coro<F> {
    /// The coroutine's name (Python's `__qualname__`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Where the coroutine was created.
    pub fn location(&self) -> &'static Location<'static> {
        self.loc
    }

    /// Python's `type(c).__name__`: always `coroutine`.
    pub fn type_name(&self) -> &'static str {
        "coroutine"
    }

    /// Boxes the future inside, so coroutines of different functions have
    /// one type (e.g. to `gather` them in one `Vec`).
    ///
    /// # Examples
    /// ```
    /// use taskline::{coroutine, gather, Result};
    /// coroutine! {
    ///     async fn one() -> Result<u8> { Ok(1) }
    ///     async fn two() -> Result<u8> { Ok(2) }
    ///     async fn both() -> Result<Vec<u8>> { gather(vec![one().boxed(), two().boxed()]).await }
    /// }
    /// assert_eq!(taskline::run(both()).result, Ok(vec![1, 2]));
    /// ```
    pub fn boxed<'a>(self) -> Coro<Pin<Box<dyn Future<Output = F::Output> + 'a>>>
    where
        F: Future + 'a,
    {
        let (name, loc) = (self.name, self.loc);
        // The inner coroutine becomes a silent pass-through; the new one
        // carries the name, the frame and the "never awaited" warning.
        let mut inner = self;
        inner.top = true;
        Coro { name, loc, polled: false, top: false, sym: NONE, fut: Box::pin(inner) }
    }

    /// Marks the coroutine as the body of a task: it is driven by the task,
    /// is not a frame of its own chain, and is never "never awaited".
    pub(crate) fn into_task_body(mut self) -> Coro<F> {
        self.top = true;
        self
    }
}

/// `asyncio.iscoroutine(x)`: true for a [`Coro`].
pub fn iscoroutine<F>(_c: &Coro<F>) -> bool {
    true
}

impl<F: Future> Future for Coro<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        *this.polled = true;
        if *this.top {
            return this.fut.poll(cx);
        }
        let name = *this.name;
        let sym = this.sym;
        let pushed = with_state(|st| {
            if *sym == NONE {
                *sym = st.log.intern(name);
            }
            st.frames.push(*sym);
        })
        .is_some();
        let out = this.fut.poll(cx);
        if pushed {
            with_state(|st| st.frames.pop());
        }
        out
    }
}

/// Defines named async functions whose calls are [`Coro`]s, as `async def` does.
///
/// # Examples
/// ```
/// use taskline::{coroutine, sleep, Result};
/// coroutine! {
///     /// Sleeps, then returns its argument.
///     pub async fn delay(seconds: u64) -> Result<u64> {
///         sleep(seconds).await?;
///         Ok(seconds)
///     }
/// }
/// assert_eq!(delay(2).name(), "delay");
/// # let _ = taskline::run(delay(0));
/// ```
#[macro_export]
macro_rules! coroutine {
    ($(
        $(#[$meta:meta])*
        $vis:vis async fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty $body:block
    )*) => {$(
        $(#[$meta])*
        #[track_caller]
        $vis fn $name($($arg: $ty),*) -> $crate::Coro<impl ::std::future::Future<Output = $ret>> {
            $crate::coro(stringify!($name), async move $body)
        }
    )*};
}
