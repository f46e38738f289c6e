//! `taskline export`: a run as an image (PNG, SVG, animated GIF), as
//! taskline's event log (JSON) or as a Chrome trace, written to a file.
//!
//! The arguments map onto [`crate::export::Options`]; the work is done by
//! [`crate::export::export`], which the desktop app's Export menu calls
//! too. An option that does not apply to the chosen format is refused
//! rather than silently ignored.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::commands::{Outcome, RunArgs, obtain_log};
use crate::export::{self, At, Error, Format, Options, Steps, Window};
use crate::layout::{Axis, FutureMode, Theme};

pub(crate) const EXPORT_LONG_ABOUT: &str = "\
Runs a built-in scenario or a Python script (.py), or loads a saved log, and \
writes it to a file: an image for slides and books, taskline's event log, or \
a trace for Perfetto.

The format comes from the file name, or from --format:
  .png         the timeline as a picture (--width CSS pixels × --scale)
  .svg         the same picture as editable SVG (text kept as text, grouped per task)
  .gif         an animated step-through, one frame per step (--steps, --fps)
  .json        taskline's event log (`taskline run FILE.json` shows it again)
  .trace.json  Chrome's trace event format: open it in Perfetto UI or chrome://tracing

Images are drawn with the font built into taskline, so the same input gives \
the same bytes on every machine. A new or regular file is written to a \
temporary file first and then renamed (keeping the old file's permissions): \
on an error nothing is left behind. A file with other hard links is written \
in place; a symbolic link's target is replaced. A device or a named pipe \
(/dev/stdout, a FIFO) is written in place, never replaced. `-o -` writes to \
stdout, with --format (PNG and GIF are not written to a terminal).

The smallest picture is 320 px wide: --width × --scale (for a scale below 1) \
and --width itself must be at least 320.

--range takes seconds on the time and hybrid axes and event numbers on the \
order axis. Steps (--at, --steps) are event numbers, as in `taskline run`.";

pub(crate) const EXPORT_AFTER_HELP: &str = "\
Examples:
  taskline export 10_shield_wait_for -o shield.png
  taskline export 10_shield_wait_for -o shield.png --scale 2 --theme dark
  taskline export 10_shield_wait_for -o shield.svg --at 12
  taskline export 10_shield_wait_for -o shield.svg --until 5 --title \"At the timeout\"
  taskline export 07_cancel_long_task -o cancel.png --range 4..6 --axis hybrid
  taskline export 27_sleep0_order -o order.gif --fps 4
  taskline export 10_shield_wait_for -o shield.trace.json
  taskline export 10_shield_wait_for -o - --format svg > shield.svg
  taskline export run.json -o run.png
  taskline export my_program.py -o my_program.svg";

/// Arguments of `taskline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A scenario id (see `taskline list`), a Python script (.py) or a log saved as JSON.
    #[arg(value_name = "SCENARIO_SCRIPT_OR_LOG")]
    pub target: String,

    /// The file to write; its name chooses the format (.png, .svg, .gif, .json, .trace.json);
    /// `-` is stdout (give --format).
    #[arg(short = 'o', long = "output", value_name = "FILE", allow_hyphen_values = true)]
    pub output: PathBuf,

    /// The format, whatever the file is called.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ExportFormat>,

    /// Show the timeline as it stands just after this step (an event number), the rest hidden.
    #[arg(long, value_name = "STEP", conflicts_with = "until")]
    pub at: Option<u32>,

    /// Show the timeline as it stands at this time (seconds): after the last event at or before it.
    #[arg(long, value_name = "SECONDS", value_parser = parse_number, allow_hyphen_values = true)]
    pub until: Option<f64>,

    /// With --at or --until: keep what comes later, dimmed, instead of hiding it.
    #[arg(long)]
    pub dim_future: bool,

    /// Show only this window of the axis: T0..T1, T0.. or ..T1.
    #[arg(long, value_name = "T0..T1", value_parser = parse_window, allow_hyphen_values = true)]
    pub range: Option<Window>,

    /// The x axis (default: time, or order when everything happens at one instant).
    #[arg(long, value_enum)]
    pub axis: Option<AxisArg>,

    /// Image width in CSS pixels (default 1200).
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,

    /// Pixels per CSS pixel for PNG and GIF: 2 or 3 for print (default 1).
    #[arg(long, value_name = "FACTOR")]
    pub scale: Option<f32>,

    /// Colours for a light or a dark background (default light).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,

    /// The title (default: the scenario's title; "" for none).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Leave the legend out.
    #[arg(long)]
    pub no_legend: bool,

    /// Leave out the resource rows (one per lock, semaphore, queue, barrier
    /// or event, under the tasks; the Chrome trace's counter tracks).
    #[arg(long, conflicts_with = "resources")]
    pub no_resources: bool,

    /// Show only the resource rows of these objects (names as in the log:
    /// the script's variable names, e.g. `--resources lock,queue`).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub resources: Option<Vec<String>>,

    /// GIF frames per second (default 2).
    #[arg(long, value_name = "N")]
    pub fps: Option<f32>,

    /// GIF steps to go through: A..B, A.. or ..B (default: every step).
    #[arg(long, value_name = "A..B", value_parser = parse_steps)]
    pub steps: Option<Steps>,
}

/// `--format` of `taskline export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// PNG image.
    Png,
    /// SVG image.
    Svg,
    /// Animated GIF.
    Gif,
    /// taskline's event log.
    Json,
    /// Chrome trace event format.
    Trace,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Png => Format::Png,
            ExportFormat::Svg => Format::Svg,
            ExportFormat::Gif => Format::Gif,
            ExportFormat::Json => Format::Json,
            ExportFormat::Trace => Format::ChromeTrace,
        }
    }
}

/// `--axis` of `taskline export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AxisArg {
    /// Virtual time.
    Time,
    /// One column per event.
    Order,
    /// Time, with busy instants widened.
    Hybrid,
}

impl From<AxisArg> for Axis {
    fn from(a: AxisArg) -> Axis {
        match a {
            AxisArg::Time => Axis::Time,
            AxisArg::Order => Axis::Order,
            AxisArg::Hybrid => Axis::Hybrid,
        }
    }
}

/// `--theme` of `taskline export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

fn parse_number(s: &str) -> Result<f64, String> {
    let s = s.trim();
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(format!("'{s}' is not a finite number")),
        Err(_) => Err(format!("'{s}' is not a number")),
    }
}

/// Splits `A..B` (either side may be empty).
fn split_range(s: &str) -> Result<(Option<&str>, Option<&str>), String> {
    // `1...5` could be 1..0.5 or 1.0..5: refuse rather than guess.
    if s.contains("...") || s.matches("..").count() > 1 {
        return Err(format!("'{s}' is not a range: write A..B with two dots, e.g. 1..5 or 1.5..2"));
    }
    let Some((a, b)) = s.split_once("..") else {
        return Err(format!("expected A..B (or A.. or ..B), not '{s}'"));
    };
    fn side(x: &str) -> Option<&str> {
        let x = x.trim();
        if x.is_empty() { None } else { Some(x) }
    }
    let (a, b) = (side(a), side(b.strip_prefix('=').unwrap_or(b)));
    if a.is_none() && b.is_none() {
        return Err("give at least one end: A..B, A.. or ..B".to_owned());
    }
    Ok((a, b))
}

/// Parses `--range`: `T0..T1`, `T0..` or `..T1`.
pub fn parse_window(s: &str) -> Result<Window, String> {
    let (a, b) = split_range(s)?;
    Ok(Window { start: a.map(parse_number).transpose()?, end: b.map(parse_number).transpose()? })
}

/// Parses `--steps`: `A..B`, `A..` or `..B` (inclusive, `A..=B` too).
pub fn parse_steps(s: &str) -> Result<Steps, String> {
    let (a, b) = split_range(s)?;
    let step = |x: &str| x.parse::<u32>().map_err(|_| format!("'{x}' is not a step number (0, 1, 2, …)"));
    Ok(Steps { first: a.map(step).transpose()?, last: b.map(step).transpose()? })
}

impl ExportArgs {
    /// The export options the arguments ask for.
    pub fn options(&self) -> Options {
        let defaults = Options::default();
        Options {
            axis: self.axis.map(Axis::from),
            at: self.at.map(At::Step).or(self.until.map(At::Time)),
            future: if self.dim_future { FutureMode::Dim } else { FutureMode::Hide },
            window: self.range.unwrap_or_default(),
            width: self.width.unwrap_or(defaults.width),
            scale: self.scale.unwrap_or(defaults.scale),
            theme: match self.theme {
                Some(ThemeArg::Dark) => Theme::Dark,
                Some(ThemeArg::Light) | None => Theme::Light,
            },
            title: self.title.clone(),
            legend: !self.no_legend,
            resources: match (&self.resources, self.no_resources) {
                (_, true) => crate::layout::ResourceFilter::Hidden,
                (Some(names), false) => crate::layout::ResourceFilter::Only(names.clone()),
                (None, false) => crate::layout::ResourceFilter::All,
            },
            fps: self.fps.unwrap_or(defaults.fps),
            steps: self.steps.unwrap_or_default(),
        }
    }

    /// The options given that `format` has no use for.
    fn inapplicable(&self, format: Format) -> Option<&'static str> {
        let all = &[Format::Png, Format::Svg, Format::Gif, Format::ChromeTrace];
        let given: [(&'static str, bool, &[Format]); 14] = [
            ("--no-resources", self.no_resources, all),
            ("--resources", self.resources.is_some(), all),
            ("--at", self.at.is_some(), &[Format::Png, Format::Svg, Format::ChromeTrace]),
            ("--until", self.until.is_some(), &[Format::Png, Format::Svg, Format::ChromeTrace]),
            ("--dim-future", self.dim_future, &[Format::Png, Format::Svg, Format::Gif]),
            ("--range", self.range.is_some(), &[Format::Png, Format::Svg, Format::Gif, Format::ChromeTrace]),
            ("--axis", self.axis.is_some(), &[Format::Png, Format::Svg, Format::Gif, Format::ChromeTrace]),
            ("--width", self.width.is_some(), &[Format::Png, Format::Svg, Format::Gif]),
            ("--scale", self.scale.is_some(), &[Format::Png, Format::Gif]),
            ("--theme", self.theme.is_some(), &[Format::Png, Format::Svg, Format::Gif]),
            ("--title", self.title.is_some(), &[Format::Png, Format::Svg, Format::Gif]),
            ("--no-legend", self.no_legend, &[Format::Png, Format::Svg, Format::Gif]),
            ("--fps", self.fps.is_some(), &[Format::Gif]),
            ("--steps", self.steps.is_some(), &[Format::Gif]),
        ];
        given.into_iter().find(|(_, set, formats)| *set && !formats.contains(&format)).map(|(name, _, _)| name)
    }
}

/// An option of `taskline export` that the chosen format has no use for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option} does not apply to {format} output{hint}")]
pub struct NotForFormat {
    /// The option, e.g. `--scale`.
    pub option: &'static str,
    /// The format's name.
    pub format: &'static str,
    /// What to use instead, if anything.
    pub hint: &'static str,
}

/// `-o -` without `--format`, or a binary picture for a terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StdoutFormat {
    /// No `--format` with `-o -`.
    #[error("writing to stdout (-o -) needs --format: png, svg, gif, json or trace")]
    Missing,
    /// A PNG or GIF for a terminal.
    #[error("stdout is a terminal: a {0} image is not written to it; redirect stdout (> file) or use -o FILE")]
    Terminal(&'static str),
}

/// `taskline export`: obtains the log, renders it and writes the file
/// (see [`crate::fsio::write_atomic`]); reports what it wrote on `out`.
/// With `-o -` the file's bytes go to `out` instead, and nothing else.
///
/// Returns [`Outcome::Stopped`] for the log of a run stopped by a guard:
/// the file is written all the same.
///
/// # Errors
/// Those of [`obtain_log`], [`NotForFormat`], and [`export::Error`] (which
/// names the file).
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let to_stdout = args.output.as_os_str() == "-";
    let format = match args.format.map(Format::from) {
        Some(f) => f,
        None if to_stdout => return Err(StdoutFormat::Missing.into()),
        None => match Format::from_path(&args.output) {
            Some(f) => f,
            None => return Err(Error::UnknownFormat { path: args.output.clone() }.into()),
        },
    };
    if to_stdout && matches!(format, Format::Png | Format::Gif) && std::io::stdout().is_terminal() {
        return Err(StdoutFormat::Terminal(format.name()).into());
    }
    if let Some(option) = args.inapplicable(format) {
        let hint = match (option, format) {
            ("--at" | "--until", Format::Gif) => ": a GIF steps through --steps",
            ("--scale", Format::Svg) => ": SVG is drawn at any scale (use --width)",
            _ => "",
        };
        return Err(NotForFormat { option, format: format.name(), hint }.into());
    }
    let (log, from_file) = obtain_log(&RunArgs::new(args.target.clone()))?;
    let options = args.options();
    if to_stdout {
        out.write_all(&export::render(&log, format, &options)?)?;
        return Ok(Outcome::of_log(&log, from_file));
    }
    export::export(&log, &args.output, Some(format), &options)?;
    let size = if format.is_image() {
        // A GIF's frames keep room for the cursor's label.
        let probe = match format {
            Format::Gif => Options { at: Some(At::Step(options.steps.first.unwrap_or(0))), ..options.clone() },
            _ => options.clone(),
        };
        let frame = export::frame(&log, &probe)?;
        let scale = if format == Format::Svg { 1.0 } else { f64::from(options.scale) };
        format!(", {}×{} px", (frame.width * scale).ceil(), (frame.height * scale).ceil())
    } else {
        String::new()
    };
    let shown = args.output.display().to_string();
    writeln!(out, "wrote {} ({}{size})", super::term::escape_controls(&shown, false), format.name())?;
    Ok(Outcome::of_log(&log, from_file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse() {
        assert_eq!(parse_window("2..5.5"), Ok(Window { start: Some(2.0), end: Some(5.5) }));
        assert_eq!(parse_window("3.."), Ok(Window { start: Some(3.0), end: None }));
        assert_eq!(parse_window("..-1"), Ok(Window { start: None, end: Some(-1.0) }));
        assert!(parse_window("..").is_err());
        assert!(parse_window("5").is_err());
        assert!(parse_window("a..b").is_err());
        assert_eq!(parse_steps("3..=7"), Ok(Steps { first: Some(3), last: Some(7) }));
        assert_eq!(parse_steps("..7"), Ok(Steps { first: None, last: Some(7) }));
        assert!(parse_steps("-1..3").is_err());
        // Three dots are refused, naming the value, instead of read as 1..0.5.
        let e = parse_window("1...5").unwrap_err();
        assert!(e.contains("'1...5'") && e.contains("two dots"), "{e}");
        assert!(parse_window("1..2..3").is_err());
        assert!(parse_steps("1...5").is_err());
        assert_eq!(parse_number("-inf"), Err("'-inf' is not a finite number".to_owned()));
        assert_eq!(parse_number("nan"), Err("'nan' is not a finite number".to_owned()));
        assert_eq!(parse_number("-1.5"), Ok(-1.5));
    }
}
