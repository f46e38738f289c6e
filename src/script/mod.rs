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
//! Modules: the built-in `asyncio`, `time` and `typing`, and the program's
//! own `.py` modules and packages, found from the script's folder (the rule
//! and the sandbox around reading them: [`modules`]). Each module has its own
//! globals (slots of the one global table, numbered per module) and its
//! file: line codes carry the file's index (`compile::LINE_BITS`), so the
//! log's locations name the module's file.
//!
//! Sandbox: the interpreter has no file, network, environment or process
//! access at all, and reads no file but the project's modules. Runaway
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
mod dataclasses;
mod excgroup;
mod functools;
mod futures;
mod generator;
mod heap;
mod interp;
pub mod modules;
mod objects;
mod ops;
mod stdlib;
mod sync;
mod taskgroup;
mod threads;
mod typing;
mod value;
mod wait;

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
        /// What is not supported, e.g. `the match statement`.
        feature: String,
        /// The offending line of source.
        source_line: String,
    },
    /// An import the sandbox or the subset refuses (outside the project
    /// root, too big, too many modules, a standard-library module taskline
    /// does not provide), placed at the import.
    #[error("{file}:{line}:{col}: {message}\n    {source_line}\n    {caret}", caret = caret(*col))]
    Import {
        /// The importing file.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// What was refused, naming the module and its file.
        message: String,
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

/// Runs the script at `path` (see [`run_source`]); its `import`s of the
/// program's own modules are found from its folder (see [`modules`] for the rule
/// and the sandbox).
pub fn run_file(path: &Path, config: Config) -> Result<Log, ScriptError> {
    let source = read_script(path)?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let dir = script_dir(path);
    run_with_modules(&name, &source, Some(&dir), config)
}

fn read_script(path: &Path) -> Result<String, ScriptError> {
    std::fs::read_to_string(path)
        .map_err(|e| ScriptError::Io { file: path.display().to_string(), message: e.to_string() })
}

/// The folder of the script at `path` (`.` for a bare file name).
fn script_dir(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

/// Parses, checks and runs a script; `file_name` names it in messages and
/// in the log's source locations (`file_name:line`). It has no folder: an
/// import of a module other than the built-in ones raises ModuleNotFoundError.
pub fn run_source(file_name: &str, source: &str, config: Config) -> Result<Log, ScriptError> {
    run_with_modules(file_name, source, None, config)
}

fn run_with_modules(file_name: &str, source: &str, dir: Option<&Path>, config: Config) -> Result<Log, ScriptError> {
    on_big_stack_or_panic(file_name, || run_compiled(file_name, source, dir, config)).unwrap_or_else(|message| {
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
    check(file_name, source, None)
}

/// Checks the script at `path` and every module it imports, without running it.
pub fn check_file(path: &Path) -> Result<(), ScriptError> {
    let source = read_script(path)?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    check(&name, &source, Some(&script_dir(path)))
}

fn check(file_name: &str, source: &str, dir: Option<&Path>) -> Result<(), ScriptError> {
    on_big_stack(file_name, || {
        let mut guard = QUALNAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let q = guard.get_or_insert_with(HashMap::new);
        modules::load_program(file_name, source, dir, q).map(|_| ())
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
    ctx: compile::ModuleCtx,
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
    compile::compile_module(source, &module, q, ctx).map_err(|r| {
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

/// Interns a `__qualname__` set by the script at run time (a coroutine is
/// named with its function's `__qualname__` when it is called).
pub(crate) fn intern_qualname(q: &str) -> &'static str {
    let mut guard = QUALNAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let map = guard.get_or_insert_with(HashMap::new);
    if let Some(s) = map.get(q) {
        return s;
    }
    let s: &'static str = Box::leak(q.to_owned().into_boxed_str());
    map.insert(q.to_owned(), s);
    s
}

fn run_compiled(file_name: &str, source: &str, dir: Option<&Path>, mut config: Config) -> Result<Log, ScriptError> {
    let program = {
        let mut guard = QUALNAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let q = guard.get_or_insert_with(HashMap::new);
        modules::load_program(file_name, source, dir, q)?
    };
    let module = &program.entry;
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
    let mut it = interp::Interp::new(file_name, module, max_steps);
    it.add_modules(program.files, program.modules);
    it.random_seed.set(seed);
    *it.random.borrow_mut() = stdlib::random::Mt::new(seed);
    let it = Rc::new(it);
    interp::SELF.with(|s| *s.borrow_mut() = Some(Rc::downgrade(&it)));
    let result = run_module(file_name, &it, module, config);
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
        let (file, line) = it.place(exc.line.get());
        return Err(ScriptError::ModuleException {
            file: file.to_string(),
            line,
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
                    let (file, line) = it.place(exc.line.get());
                    return Err(ScriptError::ModuleException {
                        file: file.to_string(),
                        line,
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
    let (main_file, main_line) = it.place(it.main_line.get());
    crate::runtime::set_script_location(Some(&main_file), main_line);
    let prints = std::mem::take(&mut *it.module_prints.borrow_mut());
    let prints = prints
        .into_iter()
        .map(|(text, code, stream)| {
            let (file, line) = it.place(code);
            (text, Some(file), line, stream)
        })
        .collect();
    crate::runtime::set_pending_prints(prints);
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
    fn every_builtin_listing_runs_to_its_end() {
        for s in crate::scenarios::all() {
            let log = run_source(&s.file(), s.source, Config::default()).unwrap_or_else(|e| panic!("{}: {e}", s.id));
            assert_eq!(log.meta.stopped, None, "{}", s.id);
            assert!(log.events.iter().any(|e| log.location(e.loc).is_some_and(|(f, _)| f == s.file())), "{}", s.id);
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
