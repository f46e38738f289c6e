//! The sandbox of a script's own modules (src/script/modules.rs): only `.py`
//! files under the project root are read; escapes by symlink (relative or
//! absolute), `..` above the top-level package, oversized modules and too
//! many modules are refused before the run with a message naming the
//! importing file and the module's file; nothing panics or loops. A
//! relative import above the top-level package is Python's ImportError.

use std::path::Path;

use taskline::Config;
use taskline::script::{ScriptError, run_file};
use taskline::trace::{EventKind, Log};

use crate::common::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn printed(log: &Log) -> Vec<String> {
    log.events.iter().filter(|e| e.kind == EventKind::Print).map(|e| log.str(e.a).to_owned()).collect()
}

/// Runs `project/main.py`; the refusal's text if it is refused.
fn refusal(main: &Path) -> String {
    match run_file(main, Config::default()) {
        Err(e @ (ScriptError::Import { .. } | ScriptError::Unsupported { .. })) => e.to_string(),
        Err(other) => panic!("expected an import refusal, got: {other}"),
        Ok(log) => panic!("expected an import refusal, the script ran: {:?}", printed(&log)),
    }
}

const MAIN: &str = "import asyncio\nimport secret\n\nasync def main():\n    print(secret.VALUE)\n";

#[test]
fn a_symlink_out_of_the_project_is_refused() {
    let tmp = TempDir::new();
    let outside = tmp.path("outside");
    write(&outside, "secret.py", "VALUE = 'leaked'\n");
    let project = tmp.path("project");
    write(&project, "main.py", MAIN);
    std::os::unix::fs::symlink("../outside/secret.py", project.join("secret.py")).expect("symlink");
    let msg = refusal(&project.join("main.py"));
    assert!(msg.starts_with("main.py:2:8: module 'secret' is "), "{msg}");
    assert!(msg.contains("outside the project root"), "{msg}");
    assert!(msg.contains("outside/secret.py"), "{msg}");
    assert!(msg.contains("import secret\n           ^"), "{msg}");
}

#[test]
fn an_absolute_symlinked_package_is_refused() {
    let tmp = TempDir::new();
    let outside = tmp.path("elsewhere");
    write(&outside, "secret/__init__.py", "VALUE = 'leaked'\n");
    let project = tmp.path("project");
    write(&project, "main.py", MAIN);
    let target = std::fs::canonicalize(outside.join("secret")).expect("canonical");
    assert!(target.is_absolute());
    std::os::unix::fs::symlink(&target, project.join("secret")).expect("symlink");
    let msg = refusal(&project.join("main.py"));
    assert!(msg.contains("module 'secret' is ") && msg.contains("outside the project root"), "{msg}");
}

#[test]
fn a_module_bigger_than_1_mib_is_refused_naming_its_file() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "main.py", MAIN);
    let line = "x = 'padding padding padding padding padding padding padding padding padding'\n";
    write(&project, "secret.py", &line.repeat((2 << 20) / line.len() + 1));
    let msg = refusal(&project.join("main.py"));
    assert!(msg.starts_with("main.py:2:8: module 'secret' (secret.py) has "), "{msg}");
    assert!(msg.contains("at most 1048576 bytes (1 MiB)"), "{msg}");
}

#[test]
fn a_package_above_the_project_root_is_not_searched() {
    // The script's folder is not a package: its parent is not on the search path.
    let tmp = TempDir::new();
    write(&tmp.path("root"), "secret.py", "VALUE = 'above'\n");
    let project = tmp.path("root").join("project");
    write(
        &project,
        "main.py",
        "import asyncio\n\nasync def main():\n    try:\n        import secret\n    except ModuleNotFoundError as e:\n        print(e)\n",
    );
    let log = run_file(&project.join("main.py"), Config::default()).expect("runs");
    assert_eq!(printed(&log), ["No module named 'secret'"]);
}

#[test]
fn dot_dot_above_the_top_level_package_is_pythons_import_error() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "pkg/__init__.py", "");
    write(&project, "pkg/mod.py", "def up():\n    from ... import anything\n");
    write(
        &project,
        "main.py",
        "import asyncio\nimport pkg.mod\n\nasync def main():\n    try:\n        pkg.mod.up()\n    except ImportError as e:\n        print(e)\n",
    );
    let log = run_file(&project.join("main.py"), Config::default()).expect("runs");
    assert_eq!(printed(&log), ["attempted relative import beyond top-level package"]);
}

#[test]
fn a_module_importing_itself_runs_once() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "me.py", "import me\nimport me as again\nprint('me runs', me is again)\n");
    write(&project, "main.py", "import asyncio\nimport me\nimport me\n\nasync def main():\n    print(me.__name__)\n");
    let log = run_file(&project.join("main.py"), Config::default()).expect("runs");
    assert_eq!(printed(&log), ["me runs True", "me"]);
}

#[test]
fn too_many_modules_are_refused() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    for i in 0..300 {
        write(&project, &format!("m{i}.py"), &format!("import m{}\n", i + 1));
    }
    write(&project, "main.py", "import asyncio\nimport m0\n\nasync def main():\n    pass\n");
    let msg = refusal(&project.join("main.py"));
    assert!(msg.contains("the program would have more than 256 modules"), "{msg}");
    assert!(msg.starts_with("m254.py:1:8: "), "{msg}");
}

#[test]
fn an_unsupported_standard_module_is_refused_in_the_module_that_imports_it() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "helper.py", "def f():\n    import socket\n");
    write(&project, "main.py", "import asyncio\nimport helper\n\nasync def main():\n    pass\n");
    let msg = refusal(&project.join("main.py"));
    assert!(
        msg.starts_with(
            "helper.py:2:12: import of module 'socket' (taskline provides asyncio, collections, contextlib"
        ),
        "{msg}"
    );
}

#[test]
fn a_syntax_error_in_a_module_names_the_module() {
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "pkg/__init__.py", "");
    write(&project, "pkg/broken.py", "def f(:\n    pass\n");
    write(&project, "main.py", "import asyncio\nfrom pkg import broken\n\nasync def main():\n    pass\n");
    let err = run_file(&project.join("main.py"), Config::default()).expect_err("refused");
    assert!(err.to_string().starts_with("pkg/broken.py:1:"), "{err}");
}

#[test]
fn a_local_file_shadows_nothing_built_in() {
    // asyncio/time/typing are built in: a file of the same name is not read.
    let tmp = TempDir::new();
    let project = tmp.path("project");
    write(&project, "time.py", "raise RuntimeError('read')\n");
    write(&project, "main.py", "import asyncio\nimport time\n\nasync def main():\n    print(time.monotonic() >= 0)\n");
    let log = run_file(&project.join("main.py"), Config::default()).expect("runs");
    assert_eq!(printed(&log), ["True"]);
}
