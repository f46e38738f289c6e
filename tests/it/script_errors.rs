//! Every construct outside taskline's Python subset, and the common syntax
//! errors, give `file.py:LINE:COL: <what> is not supported by taskline` (or
//! Python's own wording for a syntax error), the source line and a caret —
//! before anything runs.

use taskline::script::{ScriptError, check_source, run_source};

/// (file name, source, the whole message).
const CASES: &[(&str, &str, &str)] = &[
    (
        "import_os.py",
        "import os\n",
        "import_os.py:1:8: import of module 'os' (taskline provides asyncio, collections, contextlib, dataclasses, enum, functools, itertools, math, operator, random, string, sys, time, typing and the program's own modules) is not supported by taskline\n    import os\n           ^",
    ),
    (
        "import_from_os.py",
        "from os import path\n",
        "import_from_os.py:1:1: import of module 'os' (taskline provides asyncio, collections, contextlib, dataclasses, enum, functools, itertools, math, operator, random, string, sys, time, typing and the program's own modules) is not supported by taskline\n    from os import path\n    ^",
    ),
    (
        "import_collections_abc.py",
        "from collections.abc import Iterable\n",
        "import_collections_abc.py:1:1: import of module 'collections.abc' (taskline provides asyncio, collections, contextlib, dataclasses, enum, functools, itertools, math, operator, random, string, sys, time, typing and the program's own modules) is not supported by taskline\n    from collections.abc import Iterable\n    ^",
    ),
    (
        "except_star_return.py",
        "async def main():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
        "except_star_return.py:5:9: 'break', 'continue' and 'return' cannot appear in an except* block\n            return 1\n            ^",
    ),
    (
        "import_unknown_asyncio_name.py",
        "from asyncio import StreamReader\n",
        "import_unknown_asyncio_name.py:1:21: asyncio.StreamReader is not supported by taskline\n    from asyncio import StreamReader\n                        ^",
    ),
    (
        "import_star.py",
        "from asyncio import *\n",
        "import_star.py:1:21: import * is not supported by taskline\n    from asyncio import *\n                        ^",
    ),
    (
        "asyncio_submodule.py",
        "import asyncio.subprocess\n",
        "asyncio_submodule.py:1:8: import of module 'asyncio.subprocess' (a submodule of a built-in module) is not supported by taskline\n    import asyncio.subprocess\n           ^",
    ),
    (
        "asyncio_attr.py",
        "import asyncio\n\nasync def main():\n    q = asyncio.StreamReader()\n",
        "asyncio_attr.py:4:9: asyncio.StreamReader is not supported by taskline\n        q = asyncio.StreamReader()\n            ^",
    ),
    (
        "time_attr.py",
        "import time\n\nasync def main():\n    time.strftime('%H')\n",
        "time_attr.py:4:5: time.strftime is not supported by taskline\n        time.strftime('%H')\n        ^",
    ),
    (
        "open.py",
        "async def main():\n    open('x.txt')\n",
        "open.py:2:5: the built-in open() (scripts cannot touch files, the network, the environment or processes) is not supported by taskline\n        open('x.txt')\n        ^",
    ),
    (
        "eval.py",
        "async def main():\n    eval('1')\n",
        "eval.py:2:5: the built-in eval() (scripts cannot touch files, the network, the environment or processes) is not supported by taskline\n        eval('1')\n        ^",
    ),
    (
        "super_outside_method.py",
        "def helper(self):\n    return super().run()\n",
        "super_outside_method.py:2:12: super() without arguments outside a method's own body (pass them: super(Class, self)) is not supported by taskline\n        return super().run()\n               ^",
    ),
    (
        "class_kw.py",
        "class E(Exception, metaclass=type):\n    pass\n",
        "class_kw.py:1:20: a class keyword (metaclass=...) is not supported by taskline\n    class E(Exception, metaclass=type):\n                       ^",
    ),
    (
        "async_for.py",
        "def main():\n    async for x in y:\n        pass\n",
        "async_for.py:2:5: 'async for' outside async function\n        async for x in y:\n        ^",
    ),
    ("yield.py", "x = yield 1\n", "yield.py:1:5: 'yield' outside function\n    x = yield 1\n        ^"),
    (
        "yield_from.py",
        "async def gen():\n    yield from [1]\n",
        "yield_from.py:2:5: 'yield from' inside async function\n        yield from [1]\n        ^",
    ),
    (
        "match.py",
        "x = 1\nmatch x:\n    case 1:\n        pass\n",
        "match.py:2:1: the match statement is not supported by taskline\n    match x:\n    ^",
    ),
    (
        "type_alias.py",
        "type X = int\n",
        "type_alias.py:1:1: a type alias is not supported by taskline\n    type X = int\n    ^",
    ),
    (
        "type_params.py",
        "def f[T](x: T) -> T:\n    return x\n",
        "type_params.py:1:6: a type parameter list is not supported by taskline\n    def f[T](x: T) -> T:\n         ^",
    ),
    (
        "bytes.py",
        "x = b'abc'\n",
        "bytes.py:1:5: a bytes literal is not supported by taskline\n    x = b'abc'\n        ^",
    ),
    ("complex.py", "x = 1j\n", "complex.py:1:5: a complex number is not supported by taskline\n    x = 1j\n        ^"),
    (
        "typing_overload.py",
        "from typing import overload\n",
        "typing_overload.py:1:20: typing.overload is not supported by taskline\n    from typing import overload\n                       ^",
    ),
    (
        "future_late.py",
        "import asyncio\nfrom __future__ import annotations\n",
        "future_late.py:2:1: from __future__ imports must occur at the beginning of the file\n    from __future__ import annotations\n    ^",
    ),
    (
        "future_unknown.py",
        "from __future__ import braces_please\n",
        "future_unknown.py:1:1: future feature braces_please is not defined\n    from __future__ import braces_please\n    ^",
    ),
    (
        "matmul.py",
        "x = a @ b\n",
        "matmul.py:1:5: the @ operator is not supported by taskline\n    x = a @ b\n        ^",
    ),
    ("matmul_aug.py", "x @= b\n", "matmul_aug.py:1:1: the @= operator is not supported by taskline\n    x @= b\n    ^"),
    (
        "async_comp.py",
        "async def main():\n    xs = (x async for x in y)\n",
        "async_comp.py:2:13: an asynchronous generator expression is not supported by taskline\n        xs = (x async for x in y)\n                ^",
    ),
    (
        "await_in_comp.py",
        "async def main():\n    xs = (await f(x) for x in y)\n",
        "await_in_comp.py:2:22: await inside a comprehension is not supported by taskline\n        xs = (await f(x) for x in y)\n                         ^",
    ),
    (
        "tstring.py",
        "x = t'hi {y}'\n",
        "tstring.py:1:5: a template string (t-string) is not supported by taskline\n    x = t'hi {y}'\n        ^",
    ),
    ("syntax_paren.py", "x = (1, 2\n", "syntax_paren.py:1:5: '(' was never closed\n    x = (1, 2\n        ^"),
    ("syntax_colon.py", "if True\n    pass\n", "syntax_colon.py:1:8: expected ':'\n    if True\n           ^"),
    (
        "syntax_string.py",
        "x = 'abc\n",
        "syntax_string.py:1:5: unterminated string literal (detected at line 1)\n    x = 'abc\n        ^",
    ),
    (
        "syntax_indent_block.py",
        "def f():\nreturn 1\n",
        "syntax_indent_block.py:2:1: expected an indented block after function definition on line 1\n    return 1\n    ^",
    ),
    (
        "syntax_unexpected_indent.py",
        "x = 1\n  y = 2\n",
        "syntax_unexpected_indent.py:2:1: unexpected indent\n      y = 2\n    ^",
    ),
    (
        "syntax_unindent.py",
        "for x in range(3):\n    pass\n  y = 2\n",
        "syntax_unindent.py:3:1: unindent does not match any outer indentation level\n      y = 2\n    ^",
    ),
    ("syntax_invalid.py", "x = 1 +\n", "syntax_invalid.py:1:8: invalid syntax\n    x = 1 +\n           ^"),
    (
        "syntax_return_outside.py",
        "return 5\n",
        "syntax_return_outside.py:1:1: 'return' outside function\n    return 5\n    ^",
    ),
    ("syntax_break_outside.py", "break\n", "syntax_break_outside.py:1:1: 'break' outside loop\n    break\n    ^"),
    (
        "syntax_continue_outside.py",
        "continue\n",
        "syntax_continue_outside.py:1:1: 'continue' not properly in loop\n    continue\n    ^",
    ),
    (
        "syntax_await_outside_async.py",
        "def f():\n    await g()\n",
        "syntax_await_outside_async.py:2:5: 'await' outside async function\n        await g()\n        ^",
    ),
    (
        "syntax_await_outside_function.py",
        "await g()\n",
        "syntax_await_outside_function.py:1:1: 'await' outside function\n    await g()\n    ^",
    ),
    (
        "syntax_assign_target.py",
        "x + 1 = 2\n",
        "syntax_assign_target.py:1:1: cannot assign to expression here. Maybe you meant '==' instead of '='?\n    x + 1 = 2\n    ^",
    ),
    (
        "syntax_async_with_outside.py",
        "def f():\n    async with x:\n        pass\n",
        "syntax_async_with_outside.py:2:5: 'async with' outside async function\n        async with x:\n        ^",
    ),
    (
        "syntax_multiple_starred.py",
        "a, *b, *c = [1, 2, 3]\n",
        "syntax_multiple_starred.py:1:8: multiple starred expressions in assignment\n    a, *b, *c = [1, 2, 3]\n           ^",
    ),
];

#[test]
fn every_refusal_names_the_place_and_the_feature() {
    for (file, src, want) in CASES {
        let err = check_source(file, src).expect_err(file);
        assert_eq!(err.to_string(), *want, "{file}");
    }
}

#[test]
fn syntax_errors_and_unsupported_features_are_told_apart() {
    for (file, src, want) in CASES {
        let err = check_source(file, src).expect_err(file);
        let unsupported = want.contains(" is not supported by taskline");
        match err {
            ScriptError::Unsupported { .. } => assert!(unsupported, "{file}: {want}"),
            ScriptError::Syntax { .. } => assert!(!unsupported, "{file}: {want}"),
            other => panic!("{file}: unexpected {other:?}"),
        }
    }
}

#[test]
fn refused_scripts_do_not_run() {
    for (file, src, want) in CASES {
        let err = run_source(file, src, taskline::Config::default()).expect_err(file);
        assert_eq!(err.to_string(), *want, "{file}");
    }
}

#[test]
fn the_error_carries_line_column_and_source_line() {
    let err = check_source("m.py", "import asyncio\n\nasync def main():\n    q = asyncio.StreamReader()\n")
        .expect_err("StreamReader");
    match err {
        ScriptError::Unsupported { file, line, col, feature, source_line } => {
            assert_eq!((file.as_str(), line, col), ("m.py", 4, 9));
            assert_eq!(feature, "asyncio.StreamReader");
            assert_eq!(source_line, "    q = asyncio.StreamReader()");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn supported_scripts_pass_the_check() {
    let src = "import asyncio\nimport time\nfrom asyncio import sleep, CancelledError\n\n\nclass MyError(Exception):\n    \"\"\"Mine.\"\"\"\n\n\nasync def main():\n    async with asyncio.timeout(1):\n        await sleep(0.5)\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(sleep(1))\n    print([x * 2 for x in range(3)], {k: v for k, v in zip('ab', (1, 2))}, f'{time.monotonic():.1f}')\n";
    check_source("ok.py", src).expect("supported");
}

#[test]
fn runtime_errors_are_not_script_errors() {
    let log = run_source("r.py", "async def main():\n    return 1 / 0\n", taskline::Config::default()).expect("runs");
    let trace = taskline::trace::asyncio::to_jsonl(&log);
    assert!(
        trace.contains(r#""event": "exception", "detail": {"type": "ZeroDivisionError", "msg": "division by zero"}"#),
        "{trace}"
    );
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = taskline::script::run_file(std::path::Path::new("no/such/script.py"), taskline::Config::default())
        .expect_err("missing");
    assert!(matches!(err, ScriptError::Io { .. }));
    assert!(err.to_string().contains("no/such/script.py"), "{err}");
}

/// A decimal literal past CPython's 4300-digit limit is CPython's SyntaxError
/// at the literal; a hexadecimal one of any size is an int.
#[test]
fn a_decimal_literal_past_4300_digits_is_a_syntax_error() {
    let src = format!("x = {}\n", "7".repeat(4301));
    let err = check_source("lit.py", &src).expect_err("4301 digits");
    let ScriptError::Syntax { line, col, message, .. } = err else { panic!("not a syntax error: {err:?}") };
    assert_eq!((line, col), (1, 5));
    assert_eq!(
        message,
        "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use \
         sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals \
         to avoid decimal conversion limits."
    );
    check_source("ok.py", &format!("x = {}\n", "7".repeat(4300))).expect("4300 digits are fine");
    check_source("hex.py", &format!("x = 0x{}\n", "f".repeat(5000))).expect("hex literals have no limit");
}

#[test]
fn a_script_without_main_says_so() {
    let err = run_source("n.py", "x = 1\n", taskline::Config::default()).expect_err("no main");
    assert!(matches!(err, ScriptError::NoMain { .. }), "{err:?}");
}

#[test]
fn budgets_stop_runaway_scripts_and_keep_the_log() {
    let spin = "async def main():\n    print('start')\n    while True:\n        pass\n";
    let cfg = taskline::Config { max_events: 1000, ..taskline::Config::default() };
    let log = run_source("spin.py", spin, cfg.clone()).expect("runs");
    assert!(log.meta.stopped.as_deref().is_some_and(|m| m.contains("step budget")), "{:?}", log.meta.stopped);
    assert!(taskline::trace::asyncio::to_jsonl(&log).contains("start"));
    let sleepy = "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(0)\n";
    let log = run_source("sleepy.py", sleepy, cfg).expect("runs");
    assert!(log.meta.stopped.is_some());
    let forever = "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(1000)\n";
    let cfg = taskline::Config { max_time: 10_000.0, ..taskline::Config::default() };
    let log = run_source("forever.py", forever, cfg).expect("runs");
    assert!(log.meta.stopped.is_some());
    let big = "async def main():\n    xs = [0] * 100000000\n";
    let log = run_source("big.py", big, taskline::Config::default()).expect("runs");
    assert!(taskline::trace::asyncio::to_jsonl(&log).contains("MemoryError"));
    let deep = "def f(n):\n    return f(n + 1)\n\nasync def main():\n    f(0)\n";
    let log = run_source("deep.py", deep, taskline::Config::default()).expect("runs");
    assert!(taskline::trace::asyncio::to_jsonl(&log).contains("RecursionError"));
}

#[test]
fn deeply_nested_source_does_not_crash_taskline() {
    // Parsing and compiling recurse per bracket: they run on a thread with a large stack.
    let src = format!("x = {}1{}\n\nasync def main():\n    print(x)\n", "(".repeat(5000), ")".repeat(5000));
    let log = taskline::script::run_source("deep.py", &src, taskline::Config::default()).expect("runs");
    let printed: Vec<&str> =
        log.events.iter().filter(|e| e.kind == taskline::trace::EventKind::Print).map(|e| log.str(e.a)).collect();
    assert_eq!(printed, ["1"]);
}
