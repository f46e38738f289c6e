//! `taskline export`, run as a process with no display: every format from
//! the file name, byte-identical files from two runs, and each bad input
//! failing with a clear message, a non-zero status and no file left behind.

use crate::common;
use std::path::Path;
use std::process::{Command, Output};

fn taskline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskline"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run the taskline binary")
}

fn ok(args: &[&str]) -> String {
    let out = taskline(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "taskline {args:?} failed ({}): {stderr}", out.status);
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs `args`, expecting failure with `status`; returns stderr.
fn fails(args: &[&str], status: i32) -> String {
    let out = taskline(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(status), "taskline {args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn each_format_comes_from_the_file_name() {
    let dir = common::TempDir::new();
    for name in ["shield.png", "shield.svg", "shield.gif", "shield.json", "shield.trace.json"] {
        let path = dir.path(name);
        let said = ok(&["export", "10_shield_wait_for", "-o", s(&path)]);
        assert!(said.starts_with(&format!("wrote {}", path.display())), "{said}");
        let bytes = std::fs::read(&path).expect("written");
        let head = &bytes[..8];
        match name {
            "shield.png" => assert_eq!(head, b"\x89PNG\r\n\x1a\n"),
            "shield.gif" => assert_eq!(&head[..6], b"GIF89a"),
            "shield.svg" => assert!(bytes.starts_with(b"<svg ")),
            "shield.json" => assert!(String::from_utf8_lossy(&bytes).contains("\"format\": \"taskline-log\"")),
            _ => assert!(bytes.starts_with(b"{\"traceEvents\": [")),
        }
    }
    assert_eq!(dir.files().len(), 5, "no temporary file left: {:?}", dir.files());
    // The saved log exports again, to the same picture.
    let again = dir.path("again.svg");
    ok(&["export", s(&dir.path("shield.json")), "-o", s(&again)]);
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(dir.path("shield.svg")).unwrap());
}

#[test]
fn the_png_is_width_times_scale() {
    let dir = common::TempDir::new();
    let path = dir.path("wide.png");
    let said = ok(&["export", "07_cancel_long_task", "-o", s(&path), "--width", "800", "--scale", "2"]);
    let bytes = std::fs::read(&path).unwrap();
    // IHDR: width and height, big-endian, at bytes 16..24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(width, 1600);
    assert!(said.contains(&format!("1600×{height} px")), "{said}");
}

#[test]
fn two_runs_write_identical_files() {
    let dir = common::TempDir::new();
    for ext in ["png", "svg", "gif", "trace.json"] {
        let (a, b) = (dir.path(&format!("a.{ext}")), dir.path(&format!("b.{ext}")));
        let args = ["export", "10_shield_wait_for", "--axis", "hybrid"];
        ok(&[&args[..], &["-o", s(&a)]].concat());
        ok(&[&args[..], &["-o", s(&b)]].concat());
        assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{ext} differs");
    }
}

#[test]
fn a_missing_directory_is_an_error_naming_it() {
    let dir = common::TempDir::new();
    let path = dir.path("no/such/dir/shield.png");
    let err = fails(&["export", "10_shield_wait_for", "-o", s(&path)], 1);
    assert!(err.contains("does not exist") && err.contains("no/such/dir"), "{err}");
    assert!(dir.files().is_empty());
}

#[test]
fn an_unwritable_target_leaves_nothing_behind() {
    let dir = common::TempDir::new();
    // A directory where the file should go: the rename fails after the temporary file is written.
    std::fs::create_dir(dir.path("taken.png")).unwrap();
    let err = fails(&["export", "10_shield_wait_for", "-o", s(&dir.path("taken.png"))], 1);
    assert!(err.contains("taken.png"), "{err}");
    assert_eq!(dir.files(), ["taken.png"], "the temporary file is removed");
    assert!(dir.path("taken.png").is_dir());
}

#[test]
fn an_unknown_extension_is_a_usage_error() {
    let dir = common::TempDir::new();
    let err = fails(&["export", "10_shield_wait_for", "-o", s(&dir.path("shield.pdf"))], 2);
    assert!(err.contains("shield.pdf") && err.contains(".trace.json"), "{err}");
    assert!(dir.files().is_empty());
    // --format settles it.
    ok(&["export", "10_shield_wait_for", "-o", s(&dir.path("shield.pdf")), "--format", "svg"]);
}

#[test]
fn steps_times_and_ranges_out_of_range_are_usage_errors() {
    let dir = common::TempDir::new();
    let out = dir.path("x.png");
    let cases: [(&[&str], &str); 6] = [
        (&["--at", "23"], "step 23 is out of range: this log has steps 0 to 22"),
        (&["--until", "10.5"], "time 10.5 s is out of range: the run goes from 0.0 s to 10.0 s"),
        (&["--until", "-1"], "out of range"),
        (&["--range", "3..12"], "outside the run"),
        (&["--range", "5..2"], "is empty"),
        (&["--width", "10"], "the picture would be 10 px wide"),
    ];
    for (extra, message) in cases {
        let err = fails(&[&["export", "10_shield_wait_for", "-o", s(&out)][..], extra].concat(), 2);
        assert!(err.contains(message), "{extra:?}: {err}");
    }
    let gif = dir.path("x.gif");
    let err = fails(&["export", "10_shield_wait_for", "-o", s(&gif), "--steps", "20..30"], 2);
    assert!(err.contains("steps 20..30 are out of range"), "{err}");
    assert!(dir.files().is_empty(), "{:?}", dir.files());
}

#[test]
fn options_a_format_has_no_use_for_are_refused() {
    let dir = common::TempDir::new();
    let cases: [(&str, &[&str], &str); 4] = [
        ("x.json", &["--at", "3"], "--at does not apply to json output"),
        ("x.svg", &["--scale", "2"], "--scale does not apply to svg output"),
        ("x.gif", &["--at", "3"], "a GIF steps through --steps"),
        ("x.png", &["--fps", "3"], "--fps does not apply to png output"),
    ];
    for (file, extra, message) in cases {
        let err = fails(&[&["export", "10_shield_wait_for", "-o", s(&dir.path(file))][..], extra].concat(), 2);
        assert!(err.contains(message), "{err}");
    }
    assert!(dir.files().is_empty());
}

#[test]
fn an_unknown_scenario_lists_the_ids() {
    let dir = common::TempDir::new();
    let err = fails(&["export", "10_shield", "-o", s(&dir.path("x.png"))], 2);
    assert!(err.contains("unknown scenario '10_shield'") && err.contains("10_shield_wait_for"), "{err}");
}

#[test]
fn resource_rows_can_be_left_out_or_picked_by_name() {
    let dir = common::TempDir::new();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/404_lock_protects_read_modify_write.py");
    let read = |name: &str| std::fs::read_to_string(dir.path(name)).expect("written");
    ok(&["export", script, "-o", s(&dir.path("all.svg"))]);
    assert!(read("all.svg").contains(r#"data-name="lock""#));
    ok(&["export", script, "--no-resources", "-o", s(&dir.path("none.svg"))]);
    assert!(!read("none.svg").contains("class=\"resource\""));
    ok(&["export", script, "--resources", "lock,other", "-o", s(&dir.path("some.svg"))]);
    assert!(read("some.svg").contains(r#"data-name="lock""#));
    ok(&["export", script, "--resources", "other", "-o", s(&dir.path("other.svg"))]);
    assert!(!read("other.svg").contains("class=\"resource\""));
    let err = fails(&["export", script, "--no-resources", "--resources", "lock", "-o", s(&dir.path("x.svg"))], 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = fails(&["export", script, "--no-resources", "-o", s(&dir.path("x.json"))], 2);
    assert!(err.contains("--no-resources does not apply to json output"), "{err}");
}
