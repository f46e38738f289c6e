//! `asyncio.to_thread(func, *args, **kwargs)` and
//! `loop.run_in_executor(None, func, *args)` for scripts, on the runtime's
//! simulated worker threads ([`crate::runtime::ThreadPool`]): the function
//! runs in a worker job whose `time.sleep` does not block the loop.

use std::cell::RefCell;
use std::rc::Rc;

use super::interp::{Interp, R};
use super::value::{BoxFut, CoroObj, FutObj, Value};
use crate::runtime::{self, JobFuture, ThreadPool};

/// The name a job is logged with: the function's `__qualname__`.
fn func_name(f: &Value) -> String {
    match f {
        Value::Func(func) => func.qualname().unwrap_or_else(|| func.proto.qualname.to_owned()),
        Value::Builtin(b) => b.name.rsplit('.').next().unwrap_or(b.name).to_owned(),
        Value::Class(c) => c.name.to_string(),
        other => other.type_name().to_owned(),
    }
}

/// Submits `func(*args, **kwargs)` to `pool`: the job's body calls it in
/// the interpreter (a Python exception becomes the job's exception).
fn submit(
    it: &Interp,
    pool: ThreadPool,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> JobFuture<Value> {
    let name = func_name(&func);
    let me = it.rc();
    let slot: Rc<RefCell<Option<Value>>> = Rc::new(RefCell::new(None));
    let out = slot.clone();
    let body: runtime::threads::JobBody = Box::new(move || {
        let line = me.line.get();
        let r = me.call(&func, args, kwargs).and_then(|v| {
            let repr = me.repr(&v)?;
            *out.borrow_mut() = Some(v);
            Ok(repr)
        });
        // Back in the submitting task: its line is the place of later events.
        me.line.set(line);
        me.sync_loc();
        r.map_err(Interp::error_from_exc)
    });
    it.sync_loc();
    runtime::threads::submit_with_slot(pool, &name, body, slot, runtime::caller())
}

/// `asyncio.to_thread(func, /, *args, **kwargs)`: a coroutine that submits
/// the call to the default executor when it runs and returns its result.
pub(crate) fn to_thread(it: &Interp, mut args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if args.is_empty() {
        return it.type_error("to_thread() missing 1 required positional argument: 'func'");
    }
    let func = args.remove(0);
    let me = it.rc();
    let fut = async move {
        let pool = ThreadPool::default_executor()?;
        let job = submit(&me, pool, func, args, kwargs);
        let loc = runtime::caller();
        runtime::Awaitable::into_await(job, loc).await
    };
    it.sync_loc();
    let c = runtime::coro("to_thread", Box::pin(fut) as BoxFut);
    Ok(Value::Coro(Rc::new(CoroObj { name: "to_thread", coro: RefCell::new(Some(c)), task_body: None })))
}

/// `loop.run_in_executor(executor, func, *args)`: submits at once and
/// returns the asyncio Future of the job. Only the default executor
/// (`None`) is supported.
pub(crate) fn run_in_executor(it: &Interp, mut args: Vec<Value>, kwargs: &[(Rc<str>, Value)]) -> R<Value> {
    if let Some((k, _)) = kwargs.first() {
        return it.type_error(format!("BaseEventLoop.run_in_executor() got an unexpected keyword argument '{k}'"));
    }
    if args.len() < 2 {
        let missing = if args.is_empty() {
            "2 required positional arguments: 'executor' and 'func'"
        } else {
            "1 required positional argument: 'func'"
        };
        return it.type_error(format!("BaseEventLoop.run_in_executor() missing {missing}"));
    }
    let executor = args.remove(0);
    if !matches!(executor, Value::None) {
        return Err(
            it.exc("NotImplementedError", "taskline: run_in_executor() supports only the default executor (None)")
        );
    }
    let func = args.remove(0);
    let pool = ThreadPool::default_executor().map_err(|e| it.exc_from_error(e))?;
    let job = submit(it, pool, func, args, Vec::new());
    Ok(Value::Future(Rc::new(FutObj::Job(job))))
}
