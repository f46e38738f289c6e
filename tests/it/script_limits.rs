//! The interpreter's limits: one byte-based heap budget every allocation
//! path goes through (MemoryError, catchable), the step budget inside
//! built-ins that loop, and deep structures that neither overflow the stack
//! when compared, printed, hashed or freed.

use taskline::Config;
use taskline::script::run_source;
use taskline::trace::EventKind;
use taskline::trace::Log;

fn printed(log: &Log) -> Vec<String> {
    log.events.iter().filter(|e| e.kind == EventKind::Print).map(|e| log.str(e.a).to_owned()).collect()
}

fn run(name: &str, body: &str, cfg: Config) -> Log {
    let indented: String = body.lines().map(|l| format!("    {l}\n")).collect();
    let src = format!("import asyncio\n\nasync def main():\n{indented}\nasyncio.run(main())\n");
    run_source(name, &src, cfg).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn small_heap() -> Config {
    Config { max_heap: 8 << 20, ..Config::default() }
}

/// Each way of building a value that the old element limit missed now
/// raises MemoryError (caught by the script) under an 8 MiB heap.
#[test]
fn every_allocation_path_raises_memory_error_past_the_heap_limit() {
    let cases = [
        ("list_add", "s = [0]\nwhile True:\n    s = s + s"),
        ("list_iadd", "s = [0]\nwhile True:\n    s += s"),
        ("star_unpack", "s = [0]\nwhile True:\n    s = [*s, *s]"),
        ("dict_unpack", "d = {i: i for i in range(1000)}\nkeep = []\nwhile True:\n    keep.append({**d})"),
        ("set_or", "a = set(range(1000))\nkeep = []\nwhile True:\n    keep.append(a | a)"),
        ("str_add", "s = 'x'\nwhile True:\n    s = s + s"),
        ("fstring", "s = 'x'\nwhile True:\n    s = f'{s}{s}'"),
        ("join", "s = 'x'\nwhile True:\n    s = ''.join([s, s])"),
        ("repr_nested", "s = [[1.5] * 100] * 100\nwhile True:\n    s = [s, repr(s)]"),
        ("str_nested", "s = [[1.5] * 100] * 100\nkeep = []\nwhile True:\n    keep.append(str(s))"),
        ("percent", "s = 'x'\nwhile True:\n    s = '%s%s' % (s, s)"),
        ("replace", "s = 'xx'\nwhile True:\n    s = s.replace('x', 'xx')"),
        ("str_repeat", "s = 'x' * 10**10"),
        ("list_repeat", "s = [0] * 10**9"),
        ("tuple_repeat", "s = (0,) * 10**9"),
        ("format_width", "s = format(1, '>1000000000')"),
        ("append", "s = []\nwhile True:\n    s.append([])"),
        ("dict_grow", "d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1"),
        ("str_format", "s = 'x'\nwhile True:\n    s = '{}{}'.format(s, s)"),
        ("comprehension", "s = [i for i in range(10**6) for j in range(10)]"),
        ("list_of_range", "s = list(range(10**7))"),
        ("slice_assign", "s = [0]\nwhile True:\n    s[len(s):] = s"),
        ("big_pow", "x = 7 ** 100000000"),
        ("big_shift", "x = 1 << 10**9"),
        ("big_square", "x = 3\nwhile True:\n    x = x * x"),
        ("big_live", "keep = []\nx = 2**100000\nwhile True:\n    keep.append(x + len(keep))"),
    ];
    for (name, code) in cases {
        let indented: String = code.lines().map(|l| format!("    {l}\n")).collect();
        let body =
            format!("try:\n{indented}except MemoryError as e:\n    print('caught', type(e).__name__)\nprint('after')");
        let log = run(name, &body, small_heap());
        let trace = taskline::trace::asyncio::to_jsonl(&log);
        assert_eq!(printed(&log), ["caught MemoryError", "after"], "{name}: {:?}\n{trace}", log.meta.stopped);
        assert!(log.meta.stopped.is_none(), "{name}: {:?}", log.meta.stopped);
    }
}

/// The `s = s + s` loop with the default limit (512 MiB) ends with
/// MemoryError as the task's failure, not with the process aborting.
#[test]
fn doubling_a_list_forever_ends_in_memory_error_with_the_default_limit() {
    let log = run("double.py", "s = [0]\nwhile True:\n    s = s + s", Config::default());
    let trace = taskline::trace::asyncio::to_jsonl(&log);
    assert!(trace.contains("MemoryError"), "{trace}");
    assert!(trace.contains("512 MiB"), "{trace}");
}

/// A MemoryError is an ordinary exception: the script can free memory and go on.
#[test]
fn memory_error_is_catchable_and_memory_is_given_back() {
    let body = "for round in range(3):\n    s = [0]\n    try:\n        while True:\n            s = s + s\n    except MemoryError:\n        n = len(s)\n    del s\n    print(round, n > 1000)";
    let log = run("again.py", body, small_heap());
    assert_eq!(printed(&log), ["0 True", "1 True", "2 True"]);
}

/// Built-ins that loop internally count their iterations as steps: a huge
/// range summed, sorted, searched or joined is stopped by the step budget.
#[test]
fn loops_inside_builtins_are_bounded_by_the_step_budget() {
    let cfg = Config { max_events: 10_000, ..Config::default() };
    for (name, code) in [
        ("spin", "while True:\n    pass"),
        ("sum", "print(sum(range(10**12)))"),
        ("sorted", "print(sorted(range(10**12))[0])"),
        ("float_in_range", "print(1.5 in range(10**12))"),
        ("join_gen", "print(len(''.join(str(i) for i in range(10**12))))"),
        ("any", "print(any(x < 0 for x in range(10**12)))"),
        ("for_range", "for i in range(10**12):\n    pass"),
        ("list_range", "print(len(list(range(10**12))))"),
    ] {
        let log = run(name, code, cfg.clone());
        assert!(
            log.meta.stopped.as_deref().is_some_and(|m| m.contains("step budget")),
            "{name}: {:?} {:?}",
            log.meta.stopped,
            printed(&log)
        );
    }
    // constant-time answers stay constant-time
    let log = run("in_range", "print(10**10 in range(10**12), len(range(10**12)), range(10**12)[-1])", cfg.clone());
    assert_eq!(printed(&log), ["True 1000000000000 999999999999"]);
    // ints are unbounded: a power too big for the heap is refused before it is computed
    let log = run("pow", "try:\n    x = 10**10**10\nexcept MemoryError as e:\n    print('MemoryError')", cfg);
    assert_eq!(printed(&log), ["MemoryError"]);
}

/// Structures nested a million deep: comparing, printing and hashing raise
/// RecursionError; freeing them does not overflow the stack.
#[test]
fn deep_structures_raise_recursion_error_and_free_without_overflow() {
    let body = "x = []\nfor i in range(10**6):\n    x = [x]\nprint(x == x)\ny = []\nfor i in range(10**6):\n    y = [y]\ntry:\n    print(x == y)\nexcept RecursionError as e:\n    print(e)\ntry:\n    print(len(repr(x)))\nexcept RecursionError as e:\n    print(e)\ndel x, y\nt = ()\nfor i in range(10**6):\n    t = (t,)\ntry:\n    print(hash(t))\nexcept RecursionError as e:\n    print(e)\ntry:\n    print({t: 1})\nexcept RecursionError as e:\n    print(e)\ndel t\nd = {}\nfor i in range(10**6):\n    d = {'k': d}\ndel d\nprint('freed')";
    let log = run("deep.py", body, Config::default());
    let trace = taskline::trace::asyncio::to_jsonl(&log);
    assert_eq!(
        printed(&log),
        [
            "True",
            "maximum recursion depth exceeded in comparison",
            "maximum recursion depth exceeded while getting the repr of an object",
            "maximum recursion depth exceeded while getting the hash of an object",
            "maximum recursion depth exceeded while getting the hash of an object",
            "freed"
        ],
        "{trace}"
    );
}

/// Infinite generators drained by built-ins stop at the step budget, and
/// collecting one into a list stops at the heap budget or the step budget;
/// runaway recursion through generators raises RecursionError.
#[test]
fn runaway_generators_are_stopped_by_the_budgets() {
    let nat = "def nat():\n    n = 0\n    while True:\n        yield n\n        n += 1\n";
    for (name, body) in [
        ("sum_filtered", "print(sum(x for x in nat() if x < 0))"),
        ("list_of_infinite", "print(len(list(nat())))"),
        ("zip_map_infinite", "print(list(zip(nat(), map(str, nat()))))"),
        ("any_never_true", "print(any(x < 0 for x in nat()))"),
    ] {
        let src = format!("{nat}\n\nasync def main():\n    {body}\n");
        let cfg = Config { max_events: 10_000, max_heap: 64 << 20, ..Config::default() };
        let log = run_source(name, &src, cfg).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(printed(&log).is_empty(), "{name}: {:?}", printed(&log));
        let stopped = log.meta.stopped.clone().unwrap_or_default();
        let memory = log.events.iter().any(|e| e.kind == EventKind::Exception);
        assert!(stopped.contains("step budget") || memory, "{name}: {stopped:?}");
    }
    let log = run(
        "deep_yield_from",
        "def deep(n):\n    yield from deep(n + 1)\ntry:\n    next(deep(0))\nexcept RecursionError as e:\n    print('RecursionError', e)",
        Config::default(),
    );
    assert_eq!(printed(&log), ["RecursionError maximum recursion depth exceeded"]);
}
