//! Run your own asyncio programs: a sandboxed Python-subset interpreter on
//! taskline's runtime.
//!
//! A `.py` file written against asyncio's API is parsed with ruff's Python
//! parser, checked against the supported subset (anything else is refused
//! before running, with its place), compiled to a compact IR with names
//! resolved to slots, and interpreted: each coroutine object is a taskline
//! [`Coro`](crate::Coro) named with the function's `__qualname__`, each
//! `await` an instrumented await point, so the log is the one CPython's
//! harness records (see `docs/ARCHITECTURE.md`).
//!
//! The script runs like `trace.py` runs it: the module's top level first
//! (definitions, imports), then `main()` as the task `main` (or the
//! coroutine given to a top-level `asyncio.run(...)`), then asyncio.run's
//! shutdown. Python's own runtime errors (NameError, ZeroDivisionError, an
//! exception escaping `main`, …) are exceptions inside the program,
//! recorded in the log: [`run_source`] still returns `Ok(log)`.
//!
//! Sandbox: the interpreter has no file, network, environment or process
//! access at all, and imports nothing but `asyncio`, `time` and the modules of `stdlib` (`random`,
//! `math`, `string`). Runaway
//! scripts are stopped by the step budget (10 × `Config::max_events`
//! interpreter steps; built-ins that loop count each element), the event
//! budget (checked within a step too: a loop that never awaits ends soon
//! after the log is full), the task budget (`Config::max_tasks` live tasks)
//! and the virtual-time limit; the log so far is kept and `log.meta.stopped`
//! says why. The script's live values may take at most `Config::max_heap`
//! bytes (512 MiB by default, one byte-based accounting in `heap`): past it
//! the script gets `MemoryError`, catchable as in CPython. Containers nested
//! deeper than CPython's C recursion limit (10,000) raise `RecursionError`
//! when compared, printed or hashed.
//!
//! # Examples
//! ```
//! let src = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('done')\n";
//! let log = taskline::script::run_source("hello.py", src, taskline::Config::default()).unwrap();
//! assert_eq!(log.end_time(), 1.0);
//! ```

mod bigint;
mod builtins;
mod compile;
mod heap;
mod interp;
mod ops;
mod stdlib;
mod taskgroup;
mod value;

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use ruff_text_size::TextSize;

use crate::runtime::{Config, Runtime};
use crate::trace::Log;

use self::value::Value;

#[doc(hidden)]
pub use self::interp::PANIC_AT_STEP_ENV;
pub use self::stdlib::random::DEFAULT_SEED;

/// Why a script could not be run.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The file could not be read.
    #[error("cannot read {file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// The OS error.
        message: String,
    },
    /// A Python syntax error (Python's wording).
    #[error("{file}:{line}:{col}: {message}\n    {source_line}\n    {caret}", caret = caret(*col))]
    Syntax {
        /// The file name.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// The message, e.g. `invalid syntax`.
        message: String,
        /// The offending line of source.
        source_line: String,
    },
    /// A construct outside the supported subset.
    #[error("{file}:{line}:{col}: {feature} is not supported by taskline\n    {source_line}\n    {caret}", caret = caret(*col))]
    Unsupported {
        /// The file name.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// What is not supported, e.g. `import of module 'os' (only asyncio and time can be imported)`.
        feature: String,
        /// The offending line of source.
        source_line: String,
    },
    /// An exception escaped the module's top level (before the event loop started).
    #[error("{file}:{line}: {type_name}: {message} (raised at the module's top level, before the event loop started)")]
    ModuleException {
        /// The file name.
        file: String,
        /// 1-based line.
        line: u32,
        /// The exception's type, e.g. `NameError`.
        type_name: String,
        /// `str(exc)`.
        message: String,
    },
    /// The script defines no `async def main()` and calls no `asyncio.run(...)`.
    #[error("{file}: nothing to run: define `async def main()` or call `asyncio.run(...)`")]
    NoMain {
        /// The file name.
        file: String,
    },
}

fn caret(col: u32) -> String {
    format!("{}^", " ".repeat(col.saturating_sub(1) as usize))
}

/// Runs the script at `path` (see [`run_source`]).
pub fn run_file(path: &Path, config: Config) -> Result<Log, ScriptError> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| ScriptError::Io { file: path.display().to_string(), message: e.to_string() })?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    run_source(&name, &source, config)
}

/// Parses, checks and runs a script; `file_name` names it in messages and
/// in the log's source locations (`file_name:line`).
pub fn run_source(file_name: &str, source: &str, config: Config) -> Result<Log, ScriptError> {
    on_big_stack_or_panic(file_name, || run_compiled(file_name, source, config)).unwrap_or_else(|message| {
        // taskline panicked outside the loop (parsing, the module's top
        // level): the log holds the panic, as a run's internal error does.
        let mut log = Log::new();
        let err = crate::runtime::RunError::Panicked { message };
        let text = log.intern(&err.to_string());
        let idx = log.add_log(crate::trace::LogRecord::Budget { message: text });
        log.push(crate::trace::Event {
            time: 0.0,
            b: 0,
            task: crate::trace::NONE,
            a: idx,
            loc: crate::trace::NONE,
            kind: crate::trace::EventKind::Log,
            flags: 0,
        });
        log.meta.stopped = Some(err.to_string());
        Ok(log)
    })
}

/// [`on_big_stack`], with the panic's message when `f` panicked.
fn on_big_stack_or_panic<R: Send>(
    file_name: &str,
    f: impl FnOnce() -> Result<R, ScriptError> + Send,
) -> Result<Result<R, ScriptError>, String> {
    std::thread::scope(|s| match std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(s, f) {
        Ok(h) => h.join().map_err(|payload| format!("panicked: {}", crate::runtime::task_panic_message(&*payload))),
        Err(e) => Ok(Err(ScriptError::Io {
            file: file_name.to_owned(),
            message: format!("cannot start the interpreter thread: {e}"),
        })),
    })
}

/// Parses the script and checks it against the supported subset, without running it.
pub fn check_source(file_name: &str, source: &str) -> Result<(), ScriptError> {
    on_big_stack(file_name, || {
        let mut guard = QUALNAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let q = guard.get_or_insert_with(HashMap::new);
        parse_and_compile(file_name, source, q).map(|_| ())
    })
    .unwrap_or_else(|| {
        Err(ScriptError::Io { file: file_name.to_owned(), message: "taskline: the checker failed".into() })
    })
}

/// Runs `f` on a thread with a large stack: deeply nested source (parsing,
/// compiling) and deep Python recursion must not overflow the caller's
/// stack. `None` if `f` panicked (a bug in taskline).
fn on_big_stack<R: Send>(
    file_name: &str,
    f: impl FnOnce() -> Result<R, ScriptError> + Send,
) -> Option<Result<R, ScriptError>> {
    std::thread::scope(|s| match std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(s, f) {
        Ok(h) => h.join().ok(),
        Err(e) => Some(Err(ScriptError::Io {
            file: file_name.to_owned(),
            message: format!("cannot start the interpreter thread: {e}"),
        })),
    })
}

fn position(source: &str, at: TextSize) -> (u32, u32, String) {
    let off = (u32::from(at) as usize).min(source.len());
    let before = &source[..off];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX);
    let col = u32::try_from(source[line_start..off].chars().count() + 1).unwrap_or(u32::MAX);
    let text = source[line_start..].lines().next().unwrap_or("").to_owned();
    (line, col, text)
}

/// Python's wording for a parse error, and where Python reports it.
fn syntax_error(source: &str, e: &ruff_python_parser::ParseError) -> (TextSize, String) {
    let m = e.error.to_string();
    let at = e.location.start();
    let line_no = |at: TextSize| source[..(u32::from(at) as usize).min(source.len())].matches('\n').count() + 1;
    if let Some((open, pos)) = unclosed_bracket(source) {
        if m.contains("EOF") || m.contains("end of file") || u32::from(at) as usize >= source.trim_end().len() {
            return (TextSize::from(u32::try_from(pos).unwrap_or(0)), format!("'{open}' was never closed"));
        }
    }
    let msg = if m.contains("missing closing quote") || m.contains("unterminated") || m.contains("Unterminated") {
        format!("unterminated string literal (detected at line {})", line_no(at))
    } else if m.contains("nindent") || m.contains("does not match any outer indentation") {
        "unindent does not match any outer indentation level".into()
    } else if m.contains("nexpected indent") || m.contains("Unexpected indentation") {
        "unexpected indent".into()
    } else if let Some(rest) = m.strip_prefix("Expected an indented block after ") {
        let header = source[..(u32::from(at) as usize).min(source.len())]
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .last()
            .map_or(1, |(i, _)| i + 1);
        format!("expected an indented block after {rest} on line {header}")
    } else if m.starts_with("Expected `:`") || m.starts_with("Expected ':'") {
        "expected ':'".into()
    } else if m.contains("Invalid assignment target") || m.contains("invalid assignment target") {
        "cannot assign to expression here. Maybe you meant '==' instead of '='?".into()
    } else {
        "invalid syntax".into()
    };
    (at, msg)
}

/// The innermost bracket left open at the end of the source (strings and comments skipped).
fn unclosed_bracket(source: &str) -> Option<(char, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let b = source.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' => {
                let triple = i + 2 < b.len() && b[i + 1] == c && b[i + 2] == c;
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && i + 2 < b.len() && b[i] == c && b[i + 1] == c && b[i + 2] == c {
                        i += 2;
                        break;
                    }
                    if !triple && (b[i] == c || b[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => stack.push((c as char, i)),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.pop()
}

fn parse_and_compile(
    file_name: &str,
    source: &str,
    q: &mut HashMap<String, &'static str>,
) -> Result<compile::Module, ScriptError> {
    let parsed = match ruff_python_parser::parse_module(source) {
        Ok(p) => p,
        Err(e) => {
            let (at, message) = syntax_error(source, &e);
            let (line, col, source_line) = position(source, at);
            return Err(ScriptError::Syntax { file: file_name.to_owned(), line, col, message, source_line });
        }
    };
    let module = parsed.into_syntax();
    compile::compile_module(source, &module, q).map_err(|r| {
        let (line, col, source_line) = position(source, r.at);
        match r.feature.strip_prefix("SYNTAX:") {
            Some(m) => {
                ScriptError::Syntax { file: file_name.to_owned(), line, col, message: m.to_owned(), source_line }
            }
            None => ScriptError::Unsupported { file: file_name.to_owned(), line, col, feature: r.feature, source_line },
        }
    })
}

/// Leaked qualnames (coroutine names are `&'static str`), shared by all runs:
/// bounded by the distinct function names ever seen.
static QUALNAMES: std::sync::Mutex<Option<HashMap<String, &'static str>>> = std::sync::Mutex::new(None);

fn run_compiled(file_name: &str, source: &str, mut config: Config) -> Result<Log, ScriptError> {
    let module = {
        let mut guard = QUALNAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let q = guard.get_or_insert_with(HashMap::new);
        parse_and_compile(file_name, source, q)?
    };
    if config.source.is_empty() {
        config.source = file_name.to_owned();
    }
    if config.title.is_empty() {
        config.title = file_name.to_owned();
    }
    let max_steps = (config.max_events as u64).saturating_mul(10).max(10_000);
    heap::set_limit(config.max_heap);
    let seed = config.seed.unwrap_or(DEFAULT_SEED);
    config.seed = Some(seed);
    let it = Rc::new(interp::Interp::new(file_name, &module, max_steps));
    it.random_seed.set(seed);
    *it.random.borrow_mut() = stdlib::random::Mt::new(seed);
    interp::SELF.with(|s| *s.borrow_mut() = Some(Rc::downgrade(&it)));
    let result = run_module(file_name, &it, &module, config);
    interp::SELF.with(|s| *s.borrow_mut() = None);
    result
}

fn run_module(
    file_name: &str,
    it: &Rc<interp::Interp>,
    module: &compile::Module,
    config: Config,
) -> Result<Log, ScriptError> {
    if let Err(exc) = interp::exec_module(it, module) {
        if exc.abort {
            let mut log = Log::new();
            log.meta.stopped = Some(builtins::exception_text(&exc));
            return Ok(log);
        }
        return Err(ScriptError::ModuleException {
            file: file_name.to_owned(),
            line: exc.line.get(),
            type_name: exc.class.name.to_string(),
            message: builtins::exception_text(&exc),
        });
    }
    let main = it.main.borrow_mut().take();
    let main = match main {
        Some(m) => m,
        None => {
            let idx = module.globals.iter().position(|g| &**g == "main");
            let f = idx.and_then(|i| it.globals.borrow().get(i).cloned());
            let Some(Value::Func(func)) = f else {
                return Err(ScriptError::NoMain { file: file_name.to_owned() });
            };
            it.main_line.set(func.proto.line);
            match it.call(&Value::Func(func), Vec::new(), Vec::new()) {
                Ok(v) => v,
                Err(exc) => {
                    return Err(ScriptError::ModuleException {
                        file: file_name.to_owned(),
                        line: exc.line.get(),
                        type_name: exc.class.name.to_string(),
                        message: builtins::exception_text(&exc),
                    });
                }
            }
        }
    };
    let Value::Coro(c) = main else {
        return Err(ScriptError::ModuleException {
            file: file_name.to_owned(),
            line: 0,
            type_name: "ValueError".into(),
            message: format!("a coroutine was expected, got {}", value::repr(&main)),
        });
    };
    let taken = c.coro.borrow_mut().take();
    drop(c);
    let Some(coro) = taken else {
        return Err(ScriptError::ModuleException {
            file: file_name.to_owned(),
            line: 0,
            type_name: "RuntimeError".into(),
            message: "cannot reuse already awaited coroutine".into(),
        });
    };
    crate::runtime::set_script_location(Some(file_name), it.main_line.get());
    crate::runtime::set_pending_prints(std::mem::take(&mut *it.module_prints.borrow_mut()));
    // Everything the run does is taskline's own code (a script cannot run
    // Rust): a panic anywhere in it is an internal error, kept in the log.
    let run = crate::runtime::as_internal_code(|| Runtime::with_config(config).run(coro));
    Ok(run.log)
}

/// Where a script's source location string (`file:line`) points.
pub fn parse_location(loc: &str) -> Option<(&str, u32)> {
    let (file, line) = loc.rsplit_once(':')?;
    Some((file, line.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::asyncio::to_jsonl;

    #[test]
    fn every_builtin_scenario_listing_gives_the_rust_versions_trace() {
        for s in crate::scenarios::all() {
            let log = match s.run_python(Config::default()) {
                Some(Ok(log)) => log,
                Some(Err(e)) => panic!("{}: {e}", s.id),
                None => panic!("{}: no Python listing", s.id),
            };
            assert_eq!(to_jsonl(&log), to_jsonl(&s.run()), "{}", s.id);
        }
    }

    #[test]
    fn locations_are_the_scripts_lines() {
        let src = "import asyncio\n\nasync def main():\n    print('a')\n    await asyncio.sleep(1)\n";
        let log = run_source("loc.py", src, Config::default()).expect("runs");
        let locs: Vec<&str> =
            log.events.iter().filter(|e| e.loc != crate::trace::NONE).map(|e| log.str(e.loc)).collect();
        assert!(locs.contains(&"loc.py:4"), "{locs:?}");
        assert!(locs.contains(&"loc.py:5"), "{locs:?}");
    }

    #[test]
    fn values_print_as_cpython_prints_them() {
        let src = "async def main():\n    print(0.1 + 0.2, 1e16, -0.0, [1, 'a', (2,)], {'k': None}, {3, 1, 2}, 7 // -2, 2 ** 62 + (2 ** 62 - 1))\n";
        let log = run_source("v.py", src, Config::default()).expect("runs");
        let trace = to_jsonl(&log);
        assert!(
            trace.contains(
                r#"0.30000000000000004 1e+16 -0.0 [1, 'a', (2,)] {'k': None} {1, 2, 3} -4 9223372036854775807"#
            ),
            "{trace}"
        );
    }
}
