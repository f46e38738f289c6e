//! Standard-library modules beyond `asyncio` and `time`: `random`, `math`
//! and `string`, one file per module.
//!
//! Each module is one entry of [`MODULES`]: its name, its functions (as
//! built-ins named `module.function`) and its constants. The compiler
//! accepts `import m` / `from m import x` for the names listed here, the
//! interpreter resolves `m.x` through [`module_values`] and calls each
//! function through [`call`].

pub(crate) mod math;
pub(crate) mod random;
mod sha512;

use std::rc::Rc;

use super::interp::{Interp, R};
use super::value::{BuiltinFn, Value};

/// One standard module.
struct Module {
    name: &'static str,
    /// Its functions, each named `module.function`.
    functions: &'static [&'static str],
    /// Its constants.
    constants: fn() -> Vec<(&'static str, Value)>,
}

const STRING_CONSTANTS: &[(&str, &str)] = &[
    ("ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("ascii_lowercase", "abcdefghijklmnopqrstuvwxyz"),
    ("ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("digits", "0123456789"),
    ("hexdigits", "0123456789abcdefABCDEF"),
    ("octdigits", "01234567"),
    ("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    (
        "printable",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c",
    ),
    ("whitespace", " \t\n\r\x0b\x0c"),
];

/// `_taskline_io`: the native half of the `sys` module (written in Python,
/// `py/sys.py`): recording what a stream is written.
const IO_FUNCTIONS: &[&str] = &["_taskline_io.write", "_taskline_io.script_name"];

const MODULES: &[Module] = &[
    Module { name: "_taskline_io", functions: IO_FUNCTIONS, constants: Vec::new },
    Module { name: "random", functions: random::FUNCTIONS, constants: Vec::new },
    Module { name: "math", functions: math::FUNCTIONS, constants: || math::constants().to_vec() },
    Module {
        name: "string",
        functions: &[],
        constants: || STRING_CONSTANTS.iter().map(|(n, v)| (*n, Value::str(v))).collect(),
    },
];

/// The standard module called `name`, as the `&'static` name a [`Value::Module`] holds.
pub(crate) fn module_name(name: &str) -> Option<&'static str> {
    MODULES.iter().find(|m| m.name == name).map(|m| m.name)
}

/// Whether module `module` has an attribute `name`.
pub(crate) fn has(module: &str, name: &str) -> bool {
    MODULES.iter().find(|m| m.name == module).is_some_and(|m| {
        m.functions.iter().any(|f| f.strip_prefix(m.name).and_then(|f| f.strip_prefix('.')) == Some(name))
            || (m.constants)().iter().any(|(n, _)| *n == name)
    })
}

/// Every standard module's attributes as values, keyed by (module, name).
pub(crate) fn module_values() -> Vec<((&'static str, &'static str), Value)> {
    let mut out = Vec::new();
    for m in MODULES {
        for f in m.functions {
            let short = &f[m.name.len() + 1..];
            out.push(((m.name, short), Value::Builtin(Rc::new(BuiltinFn { name: f, this: None }))));
        }
        for (n, v) in (m.constants)() {
            out.push(((m.name, n), v));
        }
    }
    out
}

/// Whether the built-in called `name` is one of these modules' functions.
pub(crate) fn owns(name: &str) -> bool {
    name.starts_with("random.") || name.starts_with("math.") || name.starts_with("_taskline_io.")
}

/// Calls the standard function named `name` (`module.function`, see [`owns`]).
pub(crate) fn call(it: &Interp, name: &str, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> R<Value> {
    if name.starts_with("random.") {
        random::call(it, name, args, kwargs)
    } else if name.starts_with("_taskline_io.") {
        io_call(it, name, &args)
    } else {
        math::call(it, name, args, kwargs)
    }
}

/// `_taskline_io.write(stream, text)` (`stream`: `stdout` or `stderr`) and
/// `_taskline_io.script_name()` (`sys.argv[0]`).
fn io_call(it: &Interp, name: &str, args: &[Value]) -> R<Value> {
    match (name, args) {
        ("_taskline_io.script_name", []) => Ok(Value::str(&it.files[0])),
        ("_taskline_io.write", [Value::Str(stream), Value::Str(text)]) => {
            let flag =
                if &**stream == "stderr" { crate::trace::flags::STDERR } else { crate::trace::flags::STDOUT_WRITE };
            if !text.is_empty() {
                let text = text.strip_suffix('\n').unwrap_or(text);
                super::builtins::record_output(it, text.to_owned(), flag);
            }
            Ok(Value::None)
        }
        _ => it.type_error(format!("{name}: bad arguments")),
    }
}
