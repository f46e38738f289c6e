//! The `taskline` command line: the arguments (clap derive) and the commands.
//!
//! `main.rs` only parses the arguments into a [`Cli`] and hands it to
//! [`execute`]. The commands themselves ([`list`], [`run`]) write to any
//! [`Write`] and report failures as [`anyhow::Error`]s, so they can be tested
//! without a process; [`exit_status`] maps an error to the process's exit
//! status. The statuses are defined here, once ([`EXIT_FAILURE`],
//! [`EXIT_USAGE`], [`EXIT_STOPPED`], [`EXIT_PANIC`]); `taskline --help`,
//! `taskline run --help` and the README show this same table:
//!
#![doc = concat!("```text\n", include_str!("exit_status.txt"), "```")]
//!
//! A Python exception in a script's task (even `main`) is part of the run,
//! not a failure of taskline: the timeline shows it (an `exception` event,
//! `!` at the end of the task's lane) and the status is 0. Control
//! characters in anything printed for a terminal (the text timeline, file
//! names, messages on stderr) are escaped by [`super::term::escape_controls`].

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::runtime::{ClockMode, Config};
use crate::scenarios::{self, Scenario};
use crate::trace::{Log, asyncio, json};

/// Exit status: the input is unusable (a log file that does not load, a
/// script that is refused or has a syntax error, an output that cannot be
/// written).
pub const EXIT_FAILURE: u8 = 1;
/// Exit status: bad arguments (also clap's status for usage errors).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: the output was printed, but the run was stopped by a guard.
pub const EXIT_STOPPED: u8 = 3;
/// Exit status: taskline itself failed (an internal panic); a run's log so far is still written.
pub const EXIT_PANIC: u8 = 4;

/// The text width used when neither `--width` nor `COLUMNS` gives one.
pub const DEFAULT_WIDTH: usize = 100;

/// The widest text width accepted (`COLUMNS` beyond it is clamped to it).
pub const MAX_WIDTH: usize = 1000;

const ROOT_LONG_ABOUT: &str = "\
taskline runs small async programs on an instrumented executor with Python \
asyncio's semantics and shows what every task did, when: created, started, \
suspended (and on what), woken, cancelled, finished.

Time is virtual by default: a `sleep(10)` takes no wall-clock time, and the \
order of events within one instant is exactly CPython's.";

const ROOT_AFTER_HELP: &str = concat!(
    "\
Examples:
  taskline list                                   the built-in scenarios
  taskline run 10_shield_wait_for                 its timeline, as text
  taskline run 10_shield_wait_for --format json > shield.json
  taskline run shield.json                        show a saved log again
  taskline export 10_shield_wait_for -o shield.png   a picture of it (also .svg, .gif, .trace.json)
  taskline export 10_shield_wait_for -o - --format svg | …   to stdout

",
    include_str!("exit_status.txt")
);

const LIST_LONG_ABOUT: &str = "\
Lists the built-in scenarios, grouped by the chapter section they illustrate. \
Each line shows the scenario's id (what `taskline run` takes) and its title.";

const LIST_AFTER_HELP: &str = "\
Examples:
  taskline list
  taskline list --ids          ids only, one per line (for scripts)";

const RUN_LONG_ABOUT: &str = "\
Runs a built-in scenario, or loads a log saved with `--format json`, and \
prints it.

SCENARIO_OR_LOG is a scenario id (see `taskline list`), a Python script \
(`.py`: run by taskline's asyncio interpreter; see the README for the supported \
subset) or the path of a saved log. A target ending in `.json`, containing a path separator, or naming an existing \
file that is not a scenario id is loaded as a log file; anything else must \
be a scenario id.

Output formats:
  text           the timeline, one lane per task (the default)
  json           the whole event log, taskline's JSON schema; `taskline run` \
reads it back
  asyncio-trace  one JSON object per line in the vocabulary of CPython's \
reference traces (taskline's own events left out)

A run stopped by a guard (--max-events, --max-tasks, --max-time) still prints what it \
recorded, then reports why on stderr and exits with status 3. If taskline \
itself panics during a run (a bug), the log so far is printed all the same, \
ending with the panic, and it exits with status 4.

A log file is read whole, up to 1 GiB (a larger one is refused), and checked \
before it is shown: every problem is reported with the event and field it is in. \
Control characters in the text output (a script's printed text, names) are \
shown escaped, as Python's repr shows them (\\x1b, \\r, …); the JSON formats \
keep them as JSON escapes.";

const RUN_AFTER_HELP: &str = concat!(
    "\
Examples:
  taskline run 10_shield_wait_for
  taskline run 10_shield_wait_for --width 80
  taskline run 10_shield_wait_for --format asyncio-trace
  taskline run 01_hello_world --format json > hello.json
  taskline run hello.json --format asyncio-trace
  taskline run 01_hello_world --clock real        sleeps really take seconds
  taskline run 10_shield_wait_for --max-time 6    stop the clock after 6 s

",
    include_str!("exit_status.txt")
);

/// `taskline`: see what async tasks do.
#[derive(Debug, Parser)]
#[command(
    name = "taskline",
    version,
    about = "See what async tasks do: a timeline simulator with Python asyncio's semantics",
    long_about = ROOT_LONG_ABOUT,
    after_help = ROOT_AFTER_HELP
)]
pub struct Cli {
    /// What to do; without a command, the desktop app opens (or, with no
    /// display to open it on, the help is printed).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A `taskline` command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in scenarios.
    #[command(long_about = LIST_LONG_ABOUT, after_help = LIST_AFTER_HELP)]
    List(ListArgs),
    /// Run a scenario (or load a saved log) and print its timeline, JSON log or asyncio trace.
    #[command(long_about = RUN_LONG_ABOUT, after_help = RUN_AFTER_HELP)]
    Run(RunArgs),
    /// Export a run as an image (PNG, SVG, animated GIF), its event log (JSON) or a Chrome trace.
    #[command(long_about = super::export::EXPORT_LONG_ABOUT, after_help = super::export::EXPORT_AFTER_HELP)]
    Export(super::export::ExportArgs),
    /// Open the desktop app on a scenario or a saved log (step through it on a Gantt timeline).
    #[command(long_about = GUI_LONG_ABOUT, after_help = GUI_AFTER_HELP)]
    Gui(GuiArgs),
    /// Explain why an event happened: its chain of causes, back to the source line.
    #[command(long_about = WHY_LONG_ABOUT, after_help = WHY_AFTER_HELP)]
    Why(WhyArgs),
}

const WHY_LONG_ABOUT: &str = "\
Prints the chain of causes of one event of a run: the event, what caused it, \
what caused that, and so on back to the program's start. A CancelledError is \
traced to the cancel() call (and its line) or to the wait_for deadline that \
fired; a wakeup to the sleep that ended or the task that finished; a \
cancelled sibling to the child whose failure made its TaskGroup cancel it.

EVENT is the event's number as `taskline run` prints it (#N).";

const WHY_AFTER_HELP: &str = "\
Examples:
  taskline run 15_cancel_awaiting_task      # find the event number
  taskline why 15_cancel_awaiting_task 18   # why did child end cancelled?
  taskline why my.py 7";

/// Arguments of `taskline why`.
#[derive(Debug, Args)]
pub struct WhyArgs {
    /// A scenario id, a Python script (`.py`) or a saved log (`.json`).
    #[arg(value_name = "SCENARIO_OR_LOG")]
    pub target: String,

    /// The event's number (`#N` in `taskline run`'s output).
    #[arg(value_name = "EVENT")]
    pub event: u32,

    /// Width of the output in columns (default: $COLUMNS, else 100).
    #[arg(long, value_name = "COLS", value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,
}

/// An event number past the end of the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no event #{event}: {target} has {len} events (#0 to #{last})", last = len.saturating_sub(1))]
pub struct NoSuchEvent {
    /// The number asked for.
    pub event: u32,
    /// The target as given.
    pub target: String,
    /// How many events the log has.
    pub len: usize,
}

/// `taskline why`: writes the cause chain of one event to `out`.
///
/// # Errors
/// Those of [`obtain_log`], [`NoSuchEvent`], or a failure to write.
pub fn why(args: &WhyArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (log, from_file) = obtain_log(&RunArgs::new(args.target.clone()))?;
    if args.event as usize >= log.events.len() {
        return Err(NoSuchEvent { event: args.event, target: args.target.clone(), len: log.events.len() }.into());
    }
    let text = super::text::why(&log, args.event, text_width(args.width));
    out.write_all(text.as_bytes())?;
    Ok(Outcome::of_log(&log, from_file))
}

const GUI_LONG_ABOUT: &str = "\
Opens the desktop app: a scenario picker, the timeline (one row per task), \
the scenario's source and the event log, with a cursor you step through the \
run with (Space, Left/Right, Shift+Left/Right, Home/End).

TARGET is a scenario id (see `taskline list`), a Python script (`.py`) or a saved log (`.json`); \
without it, the app opens what was open last, or the first scenario.

With --screenshot, the window renders at --step, is saved as PNG and closes.";

const GUI_AFTER_HELP: &str = "\
Examples:
  taskline gui
  taskline gui 10_shield_wait_for
  taskline gui run.json
  taskline gui 10_shield_wait_for --screenshot shield.png --step 14 --size 1280x800
  taskline gui 15_cancel_awaiting_task --step 18 --why --screenshot why.png";

/// Arguments of `taskline gui`.
#[derive(Debug, Default, Args)]
pub struct GuiArgs {
    /// A scenario id or the path of a saved log.
    #[arg(value_name = "SCENARIO_OR_LOG")]
    pub target: Option<String>,

    /// Save the window as PNG to this path once rendered, then exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<std::path::PathBuf>,

    /// Put the cursor on this event (0 = the first) before showing.
    #[arg(long, value_name = "N")]
    pub step: Option<u32>,

    /// Window size in points, WIDTHxHEIGHT (default 1400x860).
    #[arg(long, value_name = "WxH", value_parser = crate::gui::parse_size)]
    pub size: Option<[f32; 2]>,

    /// Dark theme (for screenshots; the app otherwise follows the system or your choice).
    #[arg(long, conflicts_with = "light")]
    pub dark: bool,

    /// Light theme (for screenshots).
    #[arg(long)]
    pub light: bool,

    /// Open the "Why?" window (the chain of causes) on the event at --step.
    #[arg(long)]
    pub why: bool,
}

/// `taskline gui` (or `--screenshot`) with no display to open a window on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no display to open a window on{detail}: set DISPLAY (or WAYLAND_DISPLAY), or use `taskline export` for pictures"
)]
pub struct NoDisplay {
    /// What was tried, e.g. ` (DISPLAY=:99 did not answer)`; empty when nothing is set.
    pub detail: String,
}

/// A file named on the command line that is not there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("file not found: '{file}'")]
pub struct FileNotFound {
    /// The path as given.
    pub file: String,
}

/// Opens the desktop app with `args`.
///
/// # Errors
/// [`UnknownScenario`], [`FileNotFound`] for a target that looks like a path
/// (see [`resolve`]) but is not there, [`NoDisplay`] without a display (or
/// when the display does not answer), and the app's own errors.
pub fn gui(args: &GuiArgs) -> anyhow::Result<()> {
    if let Some(t) = &args.target {
        match resolve(t)? {
            Target::Scenario(_) => {}
            Target::File(path) | Target::Script(path) => {
                if !path.exists() {
                    return Err(FileNotFound { file: t.clone() }.into());
                }
            }
        }
    }
    if !has_display() {
        return Err(NoDisplay { detail: String::new() }.into());
    }
    let launched = crate::gui::run(crate::gui::LaunchOptions {
        target: args.target.clone(),
        screenshot: args.screenshot.clone(),
        step: args.step,
        size: args.size,
        dark: if args.dark {
            Some(true)
        } else if args.light {
            Some(false)
        } else {
            None
        },
        why: args.why,
    });
    // winit's message names source files of the machine taskline was built on: say it plainly instead.
    launched.map_err(|e| {
        if e.to_string().starts_with("could not open the window") {
            let shown = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty()).map(|s| format!("{v}={s}"));
            let set: Vec<String> = ["DISPLAY", "WAYLAND_DISPLAY"].iter().filter_map(|v| shown(v)).collect();
            NoDisplay { detail: format!(" ({} did not answer)", set.join(", ")) }.into()
        } else {
            e
        }
    })
}

/// Whether a window can be opened: on Linux and the BSDs, a display server is named in the environment.
pub fn has_display() -> bool {
    if cfg!(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")) {
        ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
    } else {
        true
    }
}

/// Arguments of `taskline list`.
#[derive(Debug, Default, Args)]
pub struct ListArgs {
    /// Print only the ids, one per line.
    #[arg(long)]
    pub ids: bool,
}

/// Arguments of `taskline run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A scenario id (see `taskline list`) or the path of a log saved with `--format json`.
    #[arg(value_name = "SCENARIO_OR_LOG")]
    pub target: String,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Clock: `virtual` jumps to the next timer at once, `real` waits in wall-clock time
    /// (default: virtual; not for log files).
    #[arg(long, value_enum)]
    pub clock: Option<Clock>,

    /// Stop the run after this many events, a guard against runaway programs; a
    /// script also stops after 10 interpreter steps per event of this budget
    /// (default: 2000000 events, 20000000 steps; not for log files).
    #[arg(long, value_name = "N", value_parser = parse_max_events, allow_negative_numbers = true)]
    pub max_events: Option<usize>,

    /// Stop the run when more than this many tasks are alive at once, a guard
    /// against programs that create tasks without end (default: 100000; not for log files).
    #[arg(long, value_name = "N", value_parser = parse_max_tasks, allow_negative_numbers = true)]
    pub max_tasks: Option<usize>,

    /// Stop the run when the clock passes this many seconds (default: 1000000; not for log files).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds, allow_negative_numbers = true)]
    pub max_time: Option<f64>,

    /// The most memory a script's values may take, in MiB: past it the script gets
    /// `MemoryError` (default: 512; scripts only).
    #[arg(long, value_name = "MIB", value_parser = parse_max_heap, allow_negative_numbers = true)]
    pub max_heap: Option<usize>,

    /// The seed of a script's `random` module, as if the script started with
    /// `random.seed(N)` (default: 0; recorded in the log; scripts only).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Width of the text output in columns (default: $COLUMNS, else 100).
    #[arg(long, value_name = "COLS", value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,
}

impl RunArgs {
    /// Arguments for running `target` with every option at its default.
    pub fn new(target: impl Into<String>) -> RunArgs {
        RunArgs {
            target: target.into(),
            format: Format::Text,
            clock: None,
            max_events: None,
            max_tasks: None,
            max_time: None,
            max_heap: None,
            seed: None,
            width: None,
        }
    }
}

/// An output format of `taskline run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The timeline as text, one lane per task.
    Text,
    /// The event log as JSON (loadable with `taskline run FILE.json`).
    Json,
    /// JSONL in the vocabulary of CPython's reference traces.
    AsyncioTrace,
}

/// The `--clock` choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Clock {
    /// Discrete-event virtual time.
    Virtual,
    /// Wall-clock time.
    Real,
}

impl From<Clock> for ClockMode {
    fn from(clock: Clock) -> ClockMode {
        match clock {
            Clock::Virtual => ClockMode::Virtual,
            Clock::Real => ClockMode::Real,
        }
    }
}

fn parse_max_events(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("expected a whole number of events: {e}")),
    }
}

fn parse_max_tasks(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("expected a whole number of tasks: {e}")),
    }
}

fn parse_max_heap(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) if n > (1 << 30) => Err("must be at most 1073741824 MiB".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("expected a whole number of MiB: {e}")),
    }
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if !x.is_finite() => Err(format!("must be a finite number of seconds, not {}", s.trim())),
        Ok(x) if x < 0.0 => Err("must not be negative".to_owned()),
        Ok(x) => Ok(x),
        Err(e) => Err(format!("expected a number of seconds: {e}")),
    }
}

fn parse_width(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) if n > MAX_WIDTH => Err(format!("must be at most {MAX_WIDTH}")),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("expected a number of columns: {e}")),
    }
}

/// A `taskline run` target that is neither a scenario id nor a log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScenario {
    /// The id as given.
    pub id: String,
    /// Close scenario ids, if any (see [`suggest`]).
    pub suggestions: Vec<&'static str>,
}

impl std::fmt::Display for UnknownScenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown scenario '{}'", self.id)?;
        match self.suggestions.as_slice() {
            [] => {}
            [one] => write!(f, "\n\n  did you mean '{one}'?")?,
            several => {
                let quoted: Vec<String> = several.iter().map(|s| format!("'{s}'")).collect();
                write!(f, "\n\n  did you mean one of {}?", quoted.join(", "))?;
            }
        }
        f.write_str("\n\nthe scenarios are:\n")?;
        for s in scenarios::all() {
            writeln!(f, "  {}", s.id)?;
        }
        f.write_str("\n(to show a saved log, give its path, e.g. `taskline run ./log.json`)")
    }
}

impl std::error::Error for UnknownScenario {}

/// An option of `taskline run` that only applies to running a scenario was
/// given with a log file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option} does not apply to a saved log ('{file}'): it was recorded by an earlier run")]
pub struct NotForLogFiles {
    /// The option, e.g. `--clock`.
    pub option: &'static str,
    /// The log file.
    pub file: String,
}

/// How a command that printed its output ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went as asked.
    Done,
    /// The output was printed, but the log is of a run a guard stopped early;
    /// the reason is from the log's metadata.
    Stopped {
        /// Why the run stopped (the log's `meta.stopped`).
        reason: String,
        /// Whether the log was loaded from a file (rather than run now).
        from_file: bool,
    },
    /// The output was printed, but taskline itself (the interpreter or the
    /// loop, not a task's own code) panicked during the run now: the log
    /// is the one so far, with the panic as its last event.
    Panicked {
        /// `internal error: …; the log so far is kept` (the log's `meta.stopped`).
        reason: String,
    },
}

impl Outcome {
    /// The outcome of a command that printed `log`: [`Outcome::Panicked`]
    /// for a run taskline panicked in just now, [`Outcome::Stopped`] for
    /// one a guard stopped (or a loaded log of a stopped run), else done.
    pub fn of_log(log: &Log, from_file: bool) -> Outcome {
        match &log.meta.stopped {
            Some(reason) if !from_file && reason.starts_with(crate::runtime::PANIC_PREFIX) => {
                Outcome::Panicked { reason: reason.clone() }
            }
            Some(reason) => Outcome::Stopped { reason: reason.clone(), from_file },
            None => Outcome::Done,
        }
    }
}

impl Outcome {
    /// The process exit status for this outcome.
    pub fn exit_status(&self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Stopped { .. } => EXIT_STOPPED,
            Outcome::Panicked { .. } => EXIT_PANIC,
        }
    }
}

/// Runs the parsed command line with the process's stdout and stderr, and
/// returns the exit status. With no command, opens the desktop app, or
/// prints the help when there is no display to open it on.
///
/// A panic in a command (a bug) is caught: it is reported on stderr and
/// the status is [`EXIT_PANIC`].
pub fn execute(cli: Cli) -> ExitCode {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| execute_unguarded(cli))) {
        Ok(code) => code,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            super::term::eprint_line(&format!("error: taskline failed (an internal error, please report it): {what}"));
            ExitCode::from(EXIT_PANIC)
        }
    }
}

/// The environment variable that makes [`execute`] panic before doing anything
/// (for testing exit status [`EXIT_PANIC`] through the binary).
pub const INJECT_PANIC_VAR: &str = "TASKLINE_TEST_INJECT_PANIC";

fn execute_unguarded(cli: Cli) -> ExitCode {
    if std::env::var_os(INJECT_PANIC_VAR).is_some() {
        panic!("panic injected by {INJECT_PANIC_VAR}");
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        None if has_display() => {
            drop(out);
            return finish(gui(&GuiArgs::default()).map(|()| Outcome::Done), Ok(()));
        }
        Some(Command::Gui(args)) => {
            drop(out);
            return finish(gui(&args).map(|()| Outcome::Done), Ok(()));
        }
        None => Cli::command().write_long_help(&mut out).map(|()| Outcome::Done).map_err(anyhow::Error::from),
        Some(Command::List(args)) => list(&args, &mut out).map(|()| Outcome::Done),
        Some(Command::Run(args)) => run(&args, &mut out),
        Some(Command::Export(args)) => super::export::export(&args, &mut out),
        Some(Command::Why(args)) => why(&args, &mut out),
    };
    let flushed = out.flush();
    drop(out);
    finish(result, flushed)
}

fn finish(result: anyhow::Result<Outcome>, flushed: io::Result<()>) -> ExitCode {
    let status = match result.and_then(|outcome| flushed.map(|()| outcome).map_err(anyhow::Error::from)) {
        Ok(Outcome::Done) => 0,
        Ok(outcome @ Outcome::Stopped { .. }) => {
            if let Outcome::Stopped { reason, from_file } = &outcome {
                if *from_file {
                    super::term::eprint_line(&format!("note: this log is of a run that was stopped early: {reason}"));
                } else {
                    super::term::eprint_line(&format!("stopped early: {reason}"));
                }
            }
            outcome.exit_status()
        }
        Ok(outcome @ Outcome::Panicked { .. }) => {
            if let Outcome::Panicked { reason } = &outcome {
                eprintln!("{reason}");
            }
            outcome.exit_status()
        }
        // `taskline run … | head`: the reader left, which is not an error.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            super::term::eprint_line(&format!("error: {e}"));
            exit_status(&e)
        }
    };
    ExitCode::from(status)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The exit status for an error of [`list`], [`run`], `export` or [`gui`]
/// (see the table in the module doc): [`EXIT_USAGE`] for an
/// [`UnknownScenario`], a [`NotForLogFiles`], an option the export format
/// has no use for, or a bad export request (an unknown format, a step, time,
/// range or picture size out of range, stdout without `--format`);
/// [`EXIT_PANIC`] for a log taskline cannot write correctly (a non-finite
/// time, which no run should record); else [`EXIT_FAILURE`] (a file that
/// does not load, a script that is refused, an output that cannot be
/// written, no display).
pub fn exit_status(e: &anyhow::Error) -> u8 {
    if e.is::<UnknownScenario>()
        || e.is::<NoSuchEvent>()
        || e.is::<NotForLogFiles>()
        || e.is::<super::export::NotForFormat>()
        || e.is::<super::export::StdoutFormat>()
        || e.downcast_ref::<crate::export::Error>().is_some_and(crate::export::Error::is_usage)
    {
        EXIT_USAGE
    } else if e.is::<asyncio::NonFiniteTime>() {
        EXIT_PANIC
    } else {
        EXIT_FAILURE
    }
}

/// `taskline list`: the scenarios grouped by section (`--ids`: only the ids).
///
/// # Errors
/// Only when writing to `out` fails.
pub fn list(args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let all = scenarios::all();
    if args.ids {
        for s in all {
            writeln!(out, "{}", s.id)?;
        }
        return Ok(());
    }
    let id_width = all.iter().map(|s| s.id.chars().count()).max().unwrap_or(0);
    // Sections in the order they first appear (the scenarios are in chapter order).
    let mut sections = Vec::new();
    for s in all {
        if !sections.contains(&s.section) {
            sections.push(s.section);
        }
    }
    let mut chapter = None;
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if chapter != Some(section.chapter()) {
            chapter = Some(section.chapter());
            writeln!(out, "Chapter {}", section.chapter())?;
            writeln!(out)?;
        }
        writeln!(out, "{}", section.title())?;
        for s in all.iter().filter(|s| s.section == *section) {
            writeln!(out, "  {:id_width$}  {}", s.id, s.title)?;
        }
    }
    Ok(())
}

/// What a `taskline run` target names.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A built-in scenario.
    Scenario(&'static Scenario),
    /// A saved log.
    File(&'a Path),
    /// A Python script (`.py`), run by the interpreter ([`crate::script`]).
    Script(&'a Path),
}

/// Decides what `target` names: a path ending in `.json` or containing a
/// path separator is a file; then a scenario id; then an existing file.
///
/// # Errors
/// [`UnknownScenario`] (with a suggestion when an id is close) otherwise.
pub fn resolve(target: &str) -> Result<Target<'_>, UnknownScenario> {
    let path = Path::new(target);
    if target.ends_with(".py") {
        return Ok(Target::Script(path));
    }
    let looks_like_path =
        target.ends_with(".json") || target.contains('/') || target.contains(std::path::MAIN_SEPARATOR);
    if looks_like_path {
        return Ok(Target::File(path));
    }
    if let Some(s) = scenarios::find(target) {
        return Ok(Target::Scenario(s));
    }
    if path.is_file() {
        return Ok(Target::File(path));
    }
    Err(UnknownScenario { id: target.to_owned(), suggestions: suggest(target, scenarios::all().iter().map(|s| s.id)) })
}

/// The most this many ids are suggested at once (more would not help).
const MAX_SUGGESTIONS: usize = 4;

/// The ids close to `given`: the nearest within edit distance 3 (ignoring
/// case); else the ids that `given` is a prefix of, or whose part after the
/// number starts with `given` (`shield` → `10_shield_wait_for`), if there are
/// at most four of them.
pub fn suggest(given: &str, ids: impl IntoIterator<Item = &'static str>) -> Vec<&'static str> {
    let given = given.to_lowercase();
    if given.is_empty() {
        return Vec::new();
    }
    let ids: Vec<&'static str> = ids.into_iter().collect();
    let nearest = ids
        .iter()
        .map(|id| (edit_distance(&given, &id.to_lowercase()), *id))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d);
    if let Some((_, id)) = nearest {
        return vec![id];
    }
    let matches: Vec<&'static str> = ids
        .into_iter()
        .filter(|id| {
            let id = id.to_lowercase();
            let name = id.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches('_');
            id.starts_with(&given) || name.starts_with(&given)
        })
        .collect();
    if matches.len() <= MAX_SUGGESTIONS { matches } else { Vec::new() }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let (Some(&left), Some(&up)) = (row.get(j), row.get(j + 1)) else {
                break;
            };
            let cost = usize::from(ca != *cb);
            let value = (diagonal + cost).min(left + 1).min(up + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The width of the text timeline: `--width`, else the `COLUMNS` environment
/// variable (if it is a positive number; at most [`MAX_WIDTH`]), else
/// [`DEFAULT_WIDTH`].
pub fn text_width(given: Option<usize>) -> usize {
    given
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&w| w > 0))
        .map_or(DEFAULT_WIDTH, |w| w.min(MAX_WIDTH))
}

/// The runtime settings `run`'s options ask for.
fn run_config(args: &RunArgs) -> Config {
    let defaults = Config::default();
    Config {
        clock: args.clock.map_or(defaults.clock, ClockMode::from),
        max_events: args.max_events.unwrap_or(defaults.max_events),
        max_tasks: args.max_tasks.unwrap_or(defaults.max_tasks),
        max_time: args.max_time.unwrap_or(defaults.max_time),
        max_heap: args.max_heap.map_or(defaults.max_heap, |mib| mib << 20),
        seed: args.seed,
        ..defaults
    }
}

/// Obtains the log `args` asks for: runs the scenario, or loads the file.
///
/// # Errors
/// [`UnknownScenario`], [`NotForLogFiles`] when a run option is given with a
/// log file, or the file's [`json::LoadError`] (which names the file).
pub fn obtain_log(args: &RunArgs) -> anyhow::Result<(Log, bool)> {
    match resolve(&args.target)? {
        Target::Scenario(scenario) => Ok((scenario.run_with(run_config(args)), false)),
        Target::Script(path) => Ok((crate::script::run_file(path, run_config(args))?, false)),
        Target::File(path) => {
            let file = || path.display().to_string();
            let option = if args.clock.is_some() {
                Some("--clock")
            } else if args.max_events.is_some() {
                Some("--max-events")
            } else if args.max_tasks.is_some() {
                Some("--max-tasks")
            } else if args.max_time.is_some() {
                Some("--max-time")
            } else if args.max_heap.is_some() {
                Some("--max-heap")
            } else if args.seed.is_some() {
                Some("--seed")
            } else {
                None
            };
            if let Some(option) = option {
                return Err(NotForLogFiles { option, file: file() }.into());
            }
            Ok((json::load(path)?, true))
        }
    }
}

/// Formats a log as `format` (`width` is for [`Format::Text`]). Text has
/// its control characters escaped; the JSON formats are JSON-escaped.
///
/// # Errors
/// [`asyncio::NonFiniteTime`] for an asyncio trace of a log with a time
/// JSON cannot hold.
pub fn format_log(log: &Log, format: Format, width: usize) -> Result<String, asyncio::NonFiniteTime> {
    let mut out = Vec::new();
    match write_log(log, format, width, &mut out) {
        // Writing to a `Vec` cannot fail; every format is UTF-8.
        Ok(()) => Ok(String::from_utf8(out).unwrap_or_default()),
        Err(e) => match e.downcast::<asyncio::NonFiniteTime>() {
            Ok(non_finite) => Err(non_finite),
            Err(_) => Ok(String::from_utf8(out).unwrap_or_default()),
        },
    }
}

/// Writes a log as `format` to `out` (the text of [`format_log`]), streamed:
/// the memory used does not grow with the text (the text format holds its
/// timeline and chart, in proportion to the log).
///
/// # Errors
/// The writer's first error, or [`asyncio::NonFiniteTime`] (before anything
/// is written) for an asyncio trace of a log with a time JSON cannot hold.
pub fn write_log(log: &Log, format: Format, width: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Text => {
            // `render` ends every line with a newline, so nothing needs adding.
            super::text::write(log, width, out)?;
        }
        Format::Json => json::write(log, out)?,
        Format::AsyncioTrace => {
            asyncio::check_finite(log)?;
            asyncio::write_jsonl(log, out)?;
        }
    }
    Ok(())
}

/// `taskline run`: runs the scenario (or loads the log file) and writes it
/// to `out` in the chosen format.
///
/// Returns [`Outcome::Stopped`] when the log is of a run stopped by a
/// guard: the output is written all the same.
///
/// # Errors
/// Those of [`obtain_log`], or a failure to write to `out`.
pub fn run(args: &RunArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (log, from_file) = obtain_log(args)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    write_log(&log, args.format, text_width(args.width), &mut buffered)?;
    buffered.flush()?;
    Ok(Outcome::of_log(&log, from_file))
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 8] = [
        "01_hello_world",
        "02_coroutine_object",
        "03_sequential_awaits",
        "04_create_task_await",
        "05_two_tasks_concurrent",
        "07_cancel_long_task",
        "10_shield_wait_for",
        "19_shield_outer_cancelled",
    ];

    #[test]
    fn the_arguments_are_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("flaw", "lawn"), 2);
        assert_eq!(edit_distance("héllo", "hello"), 1);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("10_shield_wait_fro", IDS), ["10_shield_wait_for"]);
        assert_eq!(suggest("01_Hello_World", IDS), ["01_hello_world"]);
        assert_eq!(suggest("10", IDS), ["10_shield_wait_for"]);
        assert_eq!(suggest("shield", IDS), ["10_shield_wait_for", "19_shield_outer_cancelled"]);
        assert_eq!(suggest("cancel", IDS), ["07_cancel_long_task"]);
        assert!(suggest("0", IDS).is_empty()); // too many
        assert!(suggest("xyz", IDS).is_empty());
        assert!(suggest("", IDS).is_empty());
    }

    #[test]
    fn unknown_ids_list_every_scenario() {
        let e = resolve("xyz").expect_err("xyz is not a scenario");
        let message = e.to_string();
        assert!(message.starts_with("unknown scenario 'xyz'"));
        for s in scenarios::all() {
            assert!(message.contains(s.id), "{message}");
        }
    }

    #[test]
    fn targets_are_resolved() {
        assert!(matches!(resolve("01_hello_world"), Ok(Target::Scenario(s)) if s.id == "01_hello_world"));
        assert!(matches!(resolve("some/where"), Ok(Target::File(_))));
        assert!(matches!(resolve("log.json"), Ok(Target::File(_))));
    }

    #[test]
    fn run_options_are_refused_for_log_files() {
        let mut args = RunArgs::new("log.json");
        args.clock = Some(Clock::Real);
        let e = obtain_log(&args).expect_err("refused");
        assert_eq!(exit_status(&e), EXIT_USAGE);
        assert!(e.to_string().contains("--clock"));
    }

    #[test]
    fn a_missing_log_file_is_a_failure_naming_it() {
        let e = obtain_log(&RunArgs::new("no/such/dir/log.json")).expect_err("missing");
        assert_eq!(exit_status(&e), EXIT_FAILURE);
        assert!(e.to_string().contains("no/such/dir/log.json"), "{e}");
    }

    #[test]
    fn list_groups_by_section() {
        let mut out = Vec::new();
        list(&ListArgs::default(), &mut out).expect("list");
        let text = String::from_utf8(out).expect("utf-8");
        for s in scenarios::all() {
            assert!(text.contains(s.section.title()), "{text}");
            assert!(text.lines().any(|l| l.contains(s.id) && l.contains(s.title)), "{text}");
        }
        // Chapter headings precede their sections, each once.
        let chapter2 = text.find("Chapter 2 asyncio basics").expect("chapter 2 heading");
        let chapter3 = text.find("Chapter 3 asyncio's toolkit").expect("chapter 3 heading");
        assert!(chapter2 < text.find("2.1 ").expect("2.1") && chapter3 < text.find("3.1 ").expect("3.1"), "{text}");
        assert!(text.find("2.4 shield").expect("2.4") < chapter3, "{text}");
        assert_eq!(text.matches("Chapter ").count(), 2, "{text}");
        let mut out = Vec::new();
        list(&ListArgs { ids: true }, &mut out).expect("list");
        let ids: Vec<_> = scenarios::all().iter().map(|s| format!("{}\n", s.id)).collect();
        assert_eq!(String::from_utf8(out).expect("utf-8"), ids.concat());
    }

    #[test]
    fn a_stopped_run_still_prints() {
        let mut args = RunArgs::new("10_shield_wait_for");
        args.format = Format::AsyncioTrace;
        args.max_events = Some(5);
        let mut out = Vec::new();
        let outcome = run(&args, &mut out).expect("run");
        assert!(
            matches!(&outcome, Outcome::Stopped { reason, from_file: false } if reason.contains("5 events")),
            "{outcome:?}"
        );
        assert_eq!(outcome.exit_status(), EXIT_STOPPED);
        assert!(!out.is_empty());
    }
}
