//! `asyncio.TaskGroup`, following CPython 3.13's `taskgroups.py` (the
//! remaining tasks are cancelled in creation order, as the reference
//! harness's `CreationOrderSet` does).

use std::rc::Rc;

use super::interp::{Exc, Flow, Interp, R};
use super::value::{TaskGroupObj, TaskObj, Value};
use crate::runtime;

/// `__aenter__`.
pub(crate) fn enter(it: &Interp, tg: &Rc<TaskGroupObj>) -> R<()> {
    let repr = super::value::repr(&Value::TaskGroup(tg.clone()));
    let mut st = tg.st.borrow_mut();
    if st.entered {
        return Err(it.exc("RuntimeError", format!("TaskGroup {repr} has already been entered")));
    }
    let Some(parent) = runtime::current_task() else {
        return Err(it.exc("RuntimeError", format!("TaskGroup {repr} cannot determine the parent task")));
    };
    st.parent = Some(parent.id());
    st.entered = true;
    Ok(())
}

fn task_id(v: &Value) -> Option<u32> {
    match v {
        Value::Task(t) => Some(t.id()),
        _ => None,
    }
}

fn task_done(id: u32) -> bool {
    runtime::TaskRef::from_id(id).done()
}

/// `_abort()`.
fn abort(tg: &TaskGroupObj, via: &str) {
    let tasks: Vec<u32> = {
        let mut st = tg.st.borrow_mut();
        st.aborting = true;
        st.tasks.iter().filter_map(task_id).collect()
    };
    for t in tasks {
        if !task_done(t) {
            runtime::cancel_via(t, None, via);
        }
    }
}

fn is_cancelled_error(e: &Exc) -> bool {
    &*e.class.name == "CancelledError"
}

fn is_base_error(e: &Exc) -> bool {
    matches!(&*e.class.name, "SystemExit" | "KeyboardInterrupt")
}

/// `__aexit__` with the body's outcome.
pub(crate) async fn exit(it: &Interp, tg: &Rc<TaskGroupObj>, r: R<Flow>, line: u32) -> R<Flow> {
    let exc = match &r {
        Err(e) if e.abort => return r,
        Err(e) => Some(e.clone()),
        Ok(_) => None,
    };
    let mut base_error: Option<Exc> = None;
    tg.st.borrow_mut().exiting = true;
    if let Some(e) = &exc {
        if is_base_error(e) {
            base_error = Some(e.clone());
        }
    }
    let mut propagate: Option<Exc> = exc.clone().filter(is_cancelled_error);
    if exc.is_some() && !tg.st.borrow().aborting {
        abort(tg, "TaskGroup.__aexit__");
    }
    while !tg.st.borrow().tasks.is_empty() {
        let fut = {
            let mut st = tg.st.borrow_mut();
            if st.on_completed.is_none() {
                st.on_completed = runtime::LoopFuture::new().map(Rc::new);
            }
            st.on_completed.clone()
        };
        let Some(fut) = fut else {
            return Err(it.exc("RuntimeError", "no running event loop"));
        };
        it.line.set(line);
        it.sync_loc();
        let w = fut.wait("TaskGroup.__aexit__").await;
        if let Err(e) = w {
            let e = it.exc_from_error(e);
            if !tg.st.borrow().aborting {
                propagate = Some(e);
                abort(tg, "TaskGroup.__aexit__");
            }
        }
        tg.st.borrow_mut().on_completed = None;
    }
    if let Some(b) = base_error {
        return Err(b);
    }
    let (parent, parent_cancel_requested) = {
        let st = tg.st.borrow();
        (st.parent, st.parent_cancel_requested)
    };
    let parent_ref = parent.map(runtime::TaskRef::from_id);
    if parent_cancel_requested {
        if let Some(p) = &parent_ref {
            if p.uncancel() == 0 {
                propagate = None;
            }
        }
    }
    let no_errors = tg.st.borrow().errors.is_empty();
    if let Some(p) = propagate {
        if no_errors {
            return Err(p);
        }
    }
    if let Some(e) = &exc {
        if !is_cancelled_error(e) {
            tg.st.borrow_mut().errors.push(Value::Exc(e.clone()));
        }
    }
    let errors = std::mem::take(&mut tg.st.borrow_mut().errors);
    if !errors.is_empty() {
        if let Some(p) = &parent_ref {
            if p.cancelling() > 0 {
                p.uncancel();
                runtime::cancel_via(p.id(), None, "TaskGroup.__aexit__");
            }
        }
        let all_exceptions =
            errors.iter().all(|e| matches!(e, Value::Exc(x) if x.class.is_subclass(&it.class("Exception"))));
        let class = if all_exceptions { it.class("ExceptionGroup") } else { it.class("BaseExceptionGroup") };
        let eg = it.exc_args(class, vec![Value::str("unhandled errors in a TaskGroup"), Value::list(errors)]);
        eg.line.set(line);
        return Err(eg);
    }
    r
}

/// `_on_task_done(task)`.
fn on_task_done(it: &Interp, tg: &Rc<TaskGroupObj>, task: &Value) {
    let Some(id) = task_id(task) else { return };
    let fut = {
        let mut st = tg.st.borrow_mut();
        st.tasks.retain(|t| task_id(t) != Some(id));
        if st.tasks.is_empty() { st.on_completed.clone() } else { None }
    };
    if let Some(f) = fut {
        if !f.done() {
            f.set_result();
        }
    }
    let Value::Task(t) = task else { return };
    let TaskObj::Typed(handle) = &**t else { return };
    if handle.cancelled() {
        return;
    }
    let exc = match handle.exception() {
        Ok(Some(e)) => it.exc_from_error(e),
        _ => return,
    };
    let (parent, stop) = {
        let mut st = tg.st.borrow_mut();
        st.errors.push(Value::Exc(exc));
        (st.parent, st.aborting || st.parent_cancel_requested)
    };
    let Some(parent) = parent else { return };
    if task_done(parent) {
        return;
    }
    if !stop {
        abort(tg, "TaskGroup._on_task_done");
        tg.st.borrow_mut().parent_cancel_requested = true;
        runtime::cancel_via(parent, None, "TaskGroup._on_task_done");
    }
}

/// `tg.create_task(coro, name=...)`.
pub(crate) fn create_task(
    it: &Interp,
    tg: &Rc<TaskGroupObj>,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> R<Value> {
    let repr = super::value::repr(&Value::TaskGroup(tg.clone()));
    {
        let st = tg.st.borrow();
        let refuse = if !st.entered {
            Some(format!("TaskGroup {repr} has not been entered"))
        } else if st.exiting && st.tasks.is_empty() {
            Some(format!("TaskGroup {repr} is finished"))
        } else if st.aborting {
            Some(format!("TaskGroup {repr} is shutting down"))
        } else {
            None
        };
        if let Some(m) = refuse {
            if let Some(Value::Coro(c)) = args.first() {
                // coro.close(): no "never awaited" warning
                if let Some(co) = c.coro.borrow_mut().take() {
                    std::mem::forget(co);
                }
            }
            return Err(it.exc("RuntimeError", m));
        }
    }
    let f = super::value::Value::Builtin(Rc::new(super::value::BuiltinFn { name: "asyncio.create_task", this: None }));
    let task = it.call(&f, args, kwargs)?;
    let Some(id) = task_id(&task) else {
        return Ok(task);
    };
    if task_done(id) {
        on_task_done(it, tg, &task);
    } else {
        tg.st.borrow_mut().tasks.push(task.clone());
        let me = it.rc();
        let tg2 = tg.clone();
        let t2 = task.clone();
        runtime::add_done_callback(id, Box::new(move || on_task_done(&me, &tg2, &t2)));
    }
    Ok(task)
}
