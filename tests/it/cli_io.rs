//! The binary's outputs, exit statuses, terminal safety and messages:
//! `-o -` for every format, devices / FIFOs / directories / 0600 files /
//! hard links / symlinks as outputs, each exit status (0 to 4), control
//! characters escaped in text but not in JSON, and the messages of bad
//! requests.

use crate::common;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_taskline"));
    c.args(args).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY").env_remove("COLUMNS");
    c
}

fn taskline(args: &[&str]) -> Output {
    command(args).output().expect("run the taskline binary")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `args`, expecting `status`; returns (stdout, stderr).
fn status(args: &[&str], want: i32) -> (Vec<u8>, String) {
    let out = taskline(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(want), "taskline {args:?}: {err}");
    assert!(!err.contains("panicked") || want == 4, "taskline {args:?}: {err}");
    (out.stdout, err)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

// ---------------------------------------------------------------- outputs

#[test]
fn dash_writes_every_format_to_stdout_as_to_a_file() {
    let dir = common::TempDir::new();
    for (format, ext) in [("png", "png"), ("svg", "svg"), ("gif", "gif"), ("json", "json"), ("trace", "trace.json")] {
        let file = dir.path(&format!("out.{ext}"));
        status(&["export", "05_two_tasks_concurrent", "-o", s(&file)], 0);
        let (bytes, err) = status(&["export", "05_two_tasks_concurrent", "-o", "-", "--format", format], 0);
        assert_eq!(bytes, std::fs::read(&file).expect("the file"), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
    // Nothing named "-" was created anywhere.
    assert!(!Path::new("-").exists());
}

#[test]
fn dash_without_format_says_to_give_one() {
    let (out, err) = status(&["export", "01_hello_world", "-o", "-"], 2);
    assert!(out.is_empty());
    assert!(err.contains("writing to stdout (-o -) needs --format"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_character_device_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let (out, err) = status(&["export", "01_hello_world", "-o", "/dev/null", "--format", "png"], 0);
    assert!(String::from_utf8_lossy(&out).starts_with("wrote /dev/null (png"), "{err}");
    assert!(std::fs::metadata("/dev/null").expect("/dev/null").file_type().is_char_device());
    // A symlink to a device (like /dev/stdout) is written through, not replaced.
    let dir = common::TempDir::new();
    let link = dir.path("null.svg");
    std::os::unix::fs::symlink("/dev/null", &link).expect("symlink");
    status(&["export", "01_hello_world", "-o", s(&link)], 0);
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert_eq!(dir.files(), ["null.svg"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = common::TempDir::new();
    let fifo = dir.path("pipe.svg");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("read the FIFO"))
    };
    status(&["export", "01_hello_world", "-o", s(&fifo)], 0);
    let got = reader.join().expect("reader");
    assert!(got.starts_with(b"<svg"), "{}", String::from_utf8_lossy(&got[..got.len().min(80)]));
    assert!(std::fs::symlink_metadata(&fifo).expect("fifo").file_type().is_fifo(), "still a FIFO");
    assert_eq!(dir.files(), ["pipe.svg"], "no temporary file left");
}

#[test]
fn a_directory_is_an_error_naming_it() {
    let dir = common::TempDir::new();
    let sub = dir.path("out.png");
    std::fs::create_dir(&sub).expect("mkdir");
    let (_, err) = status(&["export", "01_hello_world", "-o", s(&sub)], 1);
    assert!(err.contains(&format!("cannot write '{}': it is a directory", sub.display())), "{err}");
    assert_eq!(dir.files(), ["out.png"]);
    assert!(sub.is_dir());
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode_its_hard_links_and_its_symlink() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = common::TempDir::new();
    let private = dir.path("private.svg");
    std::fs::write(&private, "old").expect("write");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    status(&["export", "01_hello_world", "-o", s(&private)], 0);
    let meta = std::fs::metadata(&private).expect("metadata");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&private).expect("read").starts_with("<svg"));

    let a = dir.path("a.json");
    let b = dir.path("b.json");
    std::fs::write(&a, "old").expect("write");
    std::fs::hard_link(&a, &b).expect("hard link");
    status(&["export", "01_hello_world", "-o", s(&a)], 0);
    assert_eq!(std::fs::metadata(&a).expect("a").nlink(), 2, "the link is kept");
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert!(std::fs::read_to_string(&b).expect("b").contains("taskline-log"));

    let target = dir.path("target.svg");
    let link = dir.path("link.svg");
    std::fs::write(&target, "old").expect("write");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    status(&["export", "01_hello_world", "-o", s(&link)], 0);
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).expect("target").starts_with("<svg"));
    let mut names = dir.files();
    names.sort();
    assert_eq!(names, ["a.json", "b.json", "link.svg", "private.svg", "target.svg"]);
}

// ---------------------------------------------------------------- exit statuses

fn script(dir: &common::TempDir, name: &str, body: &str) -> PathBuf {
    let path = dir.path(name);
    std::fs::write(&path, body).expect("write the script");
    path
}

#[test]
fn each_exit_status_means_one_thing() {
    let dir = common::TempDir::new();
    // 0: success, including a program whose main task raises (the failure is in the timeline).
    status(&["run", "01_hello_world"], 0);
    let raises = script(
        &dir,
        "raises.py",
        "import asyncio\nasync def main():\n    raise ValueError('boom')\nasyncio.run(main())\n",
    );
    let (out, _) = status(&["run", s(&raises)], 0);
    assert!(String::from_utf8_lossy(&out).contains("main failed with ValueError: boom"));

    // 1: the input is unusable.
    let corrupt = script(&dir, "corrupt.json", "{ not json");
    let (_, err) = status(&["run", s(&corrupt)], 1);
    assert!(err.contains("corrupt.json: line 1"), "{err}");
    let refused = script(&dir, "refused.py", "import os\n");
    let (_, err) = status(&["run", s(&refused)], 1);
    assert!(err.contains("refused.py"), "{err}");
    let syntax = script(&dir, "syntax.py", "def (:\n");
    let (_, err) = status(&["run", s(&syntax)], 1);
    assert!(err.contains("syntax.py"), "{err}");
    let missing = dir.path("missing/out.png");
    status(&["export", "01_hello_world", "-o", s(&missing)], 1);

    // 2: bad arguments.
    status(&["run"], 2);
    status(&["run", "no_such_scenario"], 2);
    status(&["run", s(&corrupt), "--clock", "real"], 2);
    status(&["export", "01_hello_world", "-o", s(&dir.path("x.png")), "--at", "999"], 2);

    // 3: stopped by a guard, output written.
    let (out, err) = status(&["run", "10_shield_wait_for", "--max-events", "5"], 3);
    assert!(!out.is_empty());
    assert!(err.contains("stopped early"), "{err}");

    // 4: taskline itself failed.
    let out = command(&["run", "01_hello_world"])
        .env("TASKLINE_TEST_INJECT_PANIC", "1")
        .output()
        .expect("run the taskline binary");
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: taskline failed (an internal error"), "{}", stderr(&out));
}

#[test]
fn the_help_shows_the_exit_statuses() {
    for args in [&["--help"][..], &["run", "--help"]] {
        let out = taskline(args);
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Exit status:"), "{help}");
        for line in [
            "  0  success",
            "  1  the input is unusable",
            "  2  bad arguments",
            "  3  the run was stopped",
            "  4  taskline itself failed",
        ] {
            assert!(help.contains(line), "{args:?}: {line}");
        }
    }
}

#[test]
fn the_readme_shows_the_same_exit_status_table_as_the_help() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("src/cli/exit_status.txt")).expect("read exit_status.txt");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("read README.md");
    let rows = table.strip_prefix("Exit status:\n").expect("the table starts with its heading");
    assert!(readme.contains(rows), "README.md's exit-status table differs from src/cli/exit_status.txt");
}

// ---------------------------------------------------------------- terminal safety

#[test]
fn control_characters_are_escaped_in_text_but_not_in_json() {
    let dir = common::TempDir::new();
    let evil = script(
        &dir,
        "evil.py",
        "import asyncio\nasync def main():\n    print(\"\\x1b]0;pwned\\x07\\x1b[2J\\r\\x9b\")\nasyncio.run(main())\n",
    );
    let (out, _) = status(&["run", s(&evil)], 0);
    let text = String::from_utf8(out).expect("utf-8");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "raw control characters: {text:?}");
    assert!(text.contains(r"main printed: \x1b]0;pwned\x07\x1b[2J\r\x9b"), "{text}");

    let (out, _) = status(&["run", s(&evil), "--format", "asyncio-trace"], 0);
    let trace = String::from_utf8(out).expect("utf-8");
    assert!(trace.contains(r#"{"text": "\u001b]0;pwned\u0007\u001b[2J\r\u009b"}"#), "{trace}");

    // Names on the command line and in messages: escaped on stderr and in the `wrote` line.
    let (_, err) = status(&["run", "bad\x1b]0;x\x07id"], 2);
    assert!(err.contains(r"unknown scenario 'bad\x1b]0;x\x07id'"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
    let odd = dir.path("odd\x1b[2J.svg");
    let (out, _) = status(&["export", "01_hello_world", "-o", s(&odd)], 0);
    let line = String::from_utf8(out).expect("utf-8");
    assert!(line.contains(r"odd\x1b[2J.svg"), "{line}");
    assert!(!line.contains('\x1b'), "{line:?}");
    assert!(odd.exists(), "the file itself has its real name");
}

// ---------------------------------------------------------------- messages

#[test]
fn bad_requests_get_clear_messages() {
    let dir = common::TempDir::new();
    let png = dir.path("x.png");
    let export = |extra: &[&str], want: i32| {
        let args = [&["export", "01_hello_world", "-o", s(&png)][..], extra].concat();
        status(&args, want).1
    };
    let err = export(&["--range", "1...5"], 2);
    assert!(err.contains("'1...5' is not a range"), "{err}");
    let err = export(&["--until", "-inf"], 2);
    assert!(err.contains("'-inf' is not a finite number"), "{err}");
    let err = export(&["--until", "nan"], 2);
    assert!(err.contains("'nan' is not a finite number"), "{err}");
    let err = export(&["--until", "-1"], 2);
    assert!(err.contains("time -1.0 s is out of range: the run goes from 0.0 s"), "{err}");
    let (_, err) = status(&["run", "01_hello_world", "--max-time", "inf"], 2);
    assert!(err.contains("must be a finite number of seconds, not inf"), "{err}");

    // One rule for the smallest picture, one message from --width and --scale.
    let by_scale = export(&["--scale", "0.0001"], 2);
    let by_width = export(&["--width", "319"], 2);
    for err in [&by_scale, &by_width] {
        assert!(err.contains("the smallest picture is 320 px wide"), "{err}");
    }
    assert!(by_scale.contains("would be 1 px wide"), "{by_scale}");
    assert!(by_width.contains("would be 319 px wide"), "{by_width}");
    export(&["--width", "640", "--scale", "0.5"], 0);
    assert!(png.exists());

    let (_, err) = status(&["gui", "missing.json"], 1);
    assert!(err.contains("file not found: 'missing.json'"), "{err}");
    let (_, err) = status(&["gui", "somewhere/missing"], 1);
    assert!(err.contains("file not found: 'somewhere/missing'"), "{err}");
    let (_, err) = status(&["gui", "01_hello_world", "--screenshot", s(&dir.path("shot.png"))], 1);
    assert!(err.contains("no display") && err.contains("taskline export"), "{err}");
    assert!(!err.contains(".cargo"), "{err}");
}

// ---------------------------------------------------------------- log files

#[cfg(unix)]
#[test]
fn log_files_are_capped_and_checked() {
    let (_, err) = status(&["run", "/dev/zero"], 1);
    assert!(err.contains("/dev/zero: line 1, column 1"), "{err}");
    let dir = common::TempDir::new();
    let (json, _) = status(&["run", "05_two_tasks_concurrent", "--format", "json"], 0);
    let json = String::from_utf8(json).expect("utf-8");
    // The clock going back at the last event is refused, naming the event and the field.
    let line = json.lines().rev().find(|l| l.contains("{\"seq\":")).expect("an event").to_owned();
    let seq = line.split("\"seq\":").nth(1).and_then(|r| r.split(',').next()).expect("seq").to_owned();
    let t = line.split("\"t\":").nth(1).and_then(|r| r.split(',').next()).expect("t").to_owned();
    assert_eq!(t, "3.0", "{line}");
    let bad = dir.path("back.json");
    std::fs::write(&bad, json.replace(&line, &line.replacen("\"t\":3.0", "\"t\":0.5", 1))).expect("write");
    let (_, err) = status(&["run", s(&bad)], 1);
    assert!(err.contains(&format!("back.json: event {seq}: \"t\" is 0.5, earlier than the event before it")), "{err}");
}
