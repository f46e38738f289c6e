//! Exporting a run: images (SVG, PNG, animated GIF), taskline's event log
//! (JSON) and Chrome's trace event format (for Perfetto and
//! `chrome://tracing`).
//!
//! # One layout, two painters
//! Images are painted from [`crate::layout`], the geometry the desktop app
//! paints with egui, so an exported image looks like the screen: the same
//! rows, bars, end marks, markers, links, palette and sub-pixel merging. The
//! only painter here is the SVG one ([`svg`]); PNG and GIF frames are that
//! SVG rasterised by resvg, so a PNG shows exactly what the SVG does.
//!
//! # Reproducible
//! Text is drawn and measured with the font embedded in the binary
//! ([`font`]), never with system fonts; coordinates are rounded to two
//! decimals; nothing depends on the clock, the machine or hash order. The
//! same log and [`Options`] give byte-identical files.
//!
//! # For the app
//! The app's Export menu calls [`export`] (format from the file name, atomic
//! write) or [`render`] (bytes), with an [`Options`] built from its view:
//!
//! ```no_run
//! use taskline::export::{self, Options};
//! use taskline::layout::Theme;
//! let log = taskline::scenarios::find("10_shield_wait_for").unwrap().run();
//! let options = Options { theme: Theme::Dark, scale: 2.0, ..Options::default() };
//! export::export(&log, std::path::Path::new("shield.png"), None, &options)?;
//! # Ok::<(), taskline::export::Error>(())
//! ```

pub mod chrome;
pub mod font;
pub mod gif;
pub mod png;
pub mod scene;
pub mod svg;

use std::path::{Path, PathBuf};

use crate::layout::{Axis, FutureMode, Theme};
use crate::trace::{Log, json};

pub use scene::Frame;

/// A file format [`render`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A PNG image (the SVG rasterised at `width × scale` pixels).
    Png,
    /// An SVG image: editable, text kept as text, grouped per task.
    Svg,
    /// An animated GIF: one frame per step, the timeline growing as in step-through.
    Gif,
    /// taskline's event log (`taskline run FILE.json` reads it back).
    Json,
    /// Chrome's trace event format (Perfetto UI, `chrome://tracing`).
    ChromeTrace,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [Format::Png, Format::Svg, Format::Gif, Format::Json, Format::ChromeTrace];

    /// The file-name ending that selects the format (`.trace.json` for
    /// [`Format::ChromeTrace`]).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => ".png",
            Format::Svg => ".svg",
            Format::Gif => ".gif",
            Format::Json => ".json",
            Format::ChromeTrace => ".trace.json",
        }
    }

    /// A short name (`png`, `svg`, `gif`, `json`, `trace`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Gif => "gif",
            Format::Json => "json",
            Format::ChromeTrace => "trace",
        }
    }

    /// Whether the format is an image.
    pub fn is_image(self) -> bool {
        matches!(self, Format::Png | Format::Svg | Format::Gif)
    }

    /// The format a file name selects by its ending (case-insensitive;
    /// `.trace.json` before `.json`).
    ///
    /// # Examples
    /// ```
    /// use taskline::export::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::from_path(Path::new("out/shield.PNG")), Some(Format::Png));
    /// assert_eq!(Format::from_path(Path::new("run.trace.json")), Some(Format::ChromeTrace));
    /// assert_eq!(Format::from_path(Path::new("run.json")), Some(Format::Json));
    /// assert_eq!(Format::from_path(Path::new("run.pdf")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        [Format::ChromeTrace, Format::Png, Format::Svg, Format::Gif, Format::Json]
            .into_iter()
            .find(|f| name.len() > f.extension().len() && name.ends_with(f.extension()))
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A point of the run to show the timeline at, as in step-through.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum At {
    /// Just after this event (sequence number, from 0).
    Step(u32),
    /// Just after the last event at or before this time (seconds).
    Time(f64),
}

/// A window of the x axis, in axis units: seconds on the time and hybrid
/// axes, event numbers on the order axis. An open end is the run's.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Window {
    /// Left edge (`None`: where the run starts).
    pub start: Option<f64>,
    /// Right edge (`None`: where the run ends).
    pub end: Option<f64>,
}

/// The steps an animated GIF steps through (inclusive, sequence numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Steps {
    /// The first frame's step (`None`: 0).
    pub first: Option<u32>,
    /// The last frame's step (`None`: the last event).
    pub last: Option<u32>,
}

/// What to export and how. Options that do not apply to a format are
/// ignored by it (the image ones by JSON and traces, `fps` and `steps` by
/// all but GIF, `at` by GIF, which steps through `steps`).
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The x axis; `None` chooses: time, or event order when everything
    /// happens at one instant (the time axis would have no length).
    pub axis: Option<Axis>,
    /// Show the timeline as it stands at this point (`None`: the whole run).
    pub at: Option<At>,
    /// What to do with what comes after `at`: leave it out (the default,
    /// as in step-through) or dim it.
    pub future: FutureMode,
    /// Show only this window of the axis.
    pub window: Window,
    /// Image width in CSS pixels (SVG user units).
    pub width: u32,
    /// Pixels per CSS pixel for PNG and GIF (2 or 3 for print).
    pub scale: f32,
    /// Light or dark.
    pub theme: Theme,
    /// The title (`None`: the log's title, else its source).
    pub title: Option<String>,
    /// Draw the legend.
    pub legend: bool,
    /// Which resource rows (one per lock, queue, … under the tasks) to draw.
    pub resources: crate::layout::ResourceFilter,
    /// GIF frames per second.
    pub fps: f32,
    /// GIF steps.
    pub steps: Steps,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            axis: None,
            at: None,
            future: FutureMode::Hide,
            window: Window::default(),
            width: DEFAULT_WIDTH,
            scale: 1.0,
            theme: Theme::Light,
            title: None,
            legend: true,
            resources: crate::layout::ResourceFilter::All,
            fps: DEFAULT_FPS,
            steps: Steps::default(),
        }
    }
}

/// The default image width, in CSS pixels.
pub const DEFAULT_WIDTH: u32 = 1200;
/// The narrowest picture, in pixels: the width in CSS pixels, and the width
/// times the scale when the scale is below 1, must both reach it
/// ([`Error::TooSmall`]). One rule for `--width` and `--scale`.
pub const MIN_WIDTH: u32 = 320;
/// The widest image accepted, in CSS pixels.
pub const MAX_WIDTH: u32 = 16_000;
/// The largest `scale`.
pub const MAX_SCALE: f32 = 8.0;
/// The most pixels a PNG, an SVG (in CSS pixels) or a GIF frame may have.
pub const MAX_PIXELS: u64 = 200_000_000;
/// The most pixels a GIF may have across all its frames (each frame is
/// drawn and rasterised in full, so this bounds the work of an export).
pub const MAX_GIF_PIXELS: u64 = 1_000_000_000;
/// The default GIF frame rate.
pub const DEFAULT_FPS: f32 = 2.0;
/// The most frames a GIF may have (choose `steps` for longer runs).
pub const MAX_FRAMES: u32 = 2_000;

/// Why an export failed. Each variant says what to change; the ones about
/// files name the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The output file's name does not select a format.
    #[error(
        "cannot tell the format of '{}' from its name: use a file ending in .png, .svg, .gif, .json or .trace.json (or choose one with --format)",
        path.display()
    )]
    UnknownFormat {
        /// The output file.
        path: PathBuf,
    },
    /// `at` names a step the log does not have.
    #[error("step {step} is out of range: {}", steps_text(*last))]
    StepOutOfRange {
        /// The step asked for.
        step: u32,
        /// The last step, or `None` when the log has no events.
        last: Option<u32>,
    },
    /// `at` names a time outside the run.
    #[error("time {} s is out of range: the run goes from {} s to {} s", fmt(*time), fmt(*first), fmt(*end))]
    TimeOutOfRange {
        /// The time asked for.
        time: f64,
        /// The first event's time.
        first: f64,
        /// The run's end.
        end: f64,
    },
    /// The window is empty or reaches outside the run.
    #[error("the range {}..{} is {reason}: on the {axis} axis the run goes from {} to {} ({unit})",
        fmt(*start), fmt(*end), fmt(*min), fmt(*max))]
    BadWindow {
        /// Left edge asked for.
        start: f64,
        /// Right edge asked for.
        end: f64,
        /// What is wrong with it.
        reason: &'static str,
        /// The axis's name.
        axis: &'static str,
        /// The axis's unit (`seconds`, `event numbers`).
        unit: &'static str,
        /// Where the run starts on that axis.
        min: f64,
        /// Where it ends.
        max: f64,
    },
    /// The GIF step range is empty or outside the log.
    #[error("the steps {first}..{last} are out of range: {}", steps_text(*max))]
    BadSteps {
        /// First step asked for.
        first: u32,
        /// Last step asked for.
        last: u32,
        /// The log's last step, if any.
        max: Option<u32>,
    },
    /// The GIF's frames would have more pixels in all than [`MAX_GIF_PIXELS`].
    #[error(
        "the GIF would be {frames} frames of {width}×{height} px, {total} pixels in all, too many (at most {MAX_GIF_PIXELS} across frames): lower --width or --scale, or choose fewer steps with --steps A..B"
    )]
    GifTooLarge {
        /// Frames.
        frames: u64,
        /// Frame width in pixels.
        width: u64,
        /// Frame height in pixels.
        height: u64,
        /// `frames × width × height`.
        total: u64,
    },
    /// The GIF would have too many frames.
    #[error("the GIF would have {frames} frames (at most {MAX_FRAMES}): choose fewer steps with --steps A..B")]
    TooManyFrames {
        /// How many.
        frames: u64,
    },
    /// A size, scale or rate outside what is accepted.
    #[error("{what} must be {expected}, not {given}")]
    BadOption {
        /// The option (`width`, `scale`, `fps`).
        what: &'static str,
        /// What it must be.
        expected: String,
        /// What was given.
        given: String,
    },
    /// The picture would be narrower than [`MIN_WIDTH`] pixels (its width,
    /// or its width times a scale below 1).
    #[error(
        "the picture would be {pixels} px wide (width {width} at scale {scale}): the smallest picture is {MIN_WIDTH} px wide, counting a scale below 1; raise --width or --scale"
    )]
    TooSmall {
        /// The width asked for, in CSS pixels.
        width: u32,
        /// The scale asked for.
        scale: f32,
        /// The width the picture would have: `width × min(scale, 1)`, rounded up.
        pixels: u64,
    },
    /// The image would have more pixels than [`MAX_PIXELS`] (or, for a GIF,
    /// a side longer than 65535 px).
    #[error(
        "the image would be {width}×{height} px, too large (at most {MAX_PIXELS} pixels, and 65535 px a side for GIF): lower --width or --scale"
    )]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// The directory to write into does not exist.
    #[error("cannot write '{}': the directory '{}' does not exist", path.display(), dir.display())]
    NoDirectory {
        /// The output file.
        path: PathBuf,
        /// Its directory.
        dir: PathBuf,
    },
    /// Writing the file failed (nothing is left behind).
    #[error("cannot {action} '{}': {source}", path.display())]
    Io {
        /// The output file.
        path: PathBuf,
        /// `write` or `replace`.
        action: &'static str,
        /// The cause.
        source: std::io::Error,
    },
    /// resvg could not read the SVG it was given (a bug: the SVG is ours).
    #[error("cannot rasterise the SVG: {0}")]
    Render(String),
    /// The PNG or GIF encoder failed.
    #[error("cannot encode the {format} image: {message}")]
    Encode {
        /// `png` or `gif`.
        format: &'static str,
        /// The encoder's message.
        message: String,
    },
}

impl Error {
    /// Whether the error is about the request rather than the machine (an
    /// unknown format, an out-of-range step, time or window, a bad option):
    /// the CLI exits with its usage status for these.
    pub fn is_usage(&self) -> bool {
        !matches!(self, Error::NoDirectory { .. } | Error::Io { .. } | Error::Render(_) | Error::Encode { .. })
    }
}

fn fmt(x: f64) -> String {
    crate::trace::explain::fmt_number(x)
}

fn steps_text(last: Option<u32>) -> String {
    match last {
        Some(last) => format!("this log has steps 0 to {last}"),
        None => "this log has no events".to_owned(),
    }
}

/// Renders `log` as `format` and returns the file's bytes.
///
/// # Errors
/// The request's errors ([`Error::is_usage`]), or [`Error::Render`] /
/// [`Error::Encode`] from the rasteriser and encoders.
///
/// # Examples
/// ```
/// use taskline::export::{self, Format, Options};
/// let log = taskline::scenarios::find("05_two_tasks_concurrent").unwrap().run();
/// let svg = export::render(&log, Format::Svg, &Options::default())?;
/// assert!(String::from_utf8(svg).unwrap().starts_with("<svg"));
/// # Ok::<(), taskline::export::Error>(())
/// ```
pub fn render(log: &Log, format: Format, options: &Options) -> Result<Vec<u8>, Error> {
    match format {
        Format::Svg => svg::render(log, options).map(String::into_bytes),
        Format::Png => png::render(log, options),
        Format::Gif => gif::render(log, options),
        Format::Json => Ok(json::to_string(log).into_bytes()),
        Format::ChromeTrace => chrome::render(log, options).map(String::into_bytes),
    }
}

/// Renders `log` and writes it to `path` atomically: the bytes go to a
/// temporary file in the same directory, which then replaces `path`; on any
/// error nothing is left behind. The format is `format`, else chosen by the
/// file name ([`Format::from_path`]). Returns the format written.
///
/// # Errors
/// [`Error::UnknownFormat`], the errors of [`render`], and
/// [`Error::NoDirectory`] / [`Error::Io`] naming `path`.
pub fn export(log: &Log, path: &Path, format: Option<Format>, options: &Options) -> Result<Format, Error> {
    let format = match format.or_else(|| Format::from_path(path)) {
        Some(f) => f,
        None => return Err(Error::UnknownFormat { path: path.to_path_buf() }),
    };
    check_directory(path)?;
    let bytes = render(log, format, options)?;
    write_atomic(path, &bytes)?;
    Ok(format)
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn check_directory(path: &Path) -> Result<(), Error> {
    let dir = directory_of(path);
    if dir.is_dir() { Ok(()) } else { Err(Error::NoDirectory { path: path.to_path_buf(), dir: dir.to_path_buf() }) }
}

/// Writes `bytes` to `path` atomically (a temporary file in the same
/// directory, synced, then renamed over `path`); on error the temporary
/// file is removed and `path` is untouched.
///
/// # Errors
/// [`Error::NoDirectory`] when the directory is missing, [`Error::Io`]
/// naming `path` when the temporary file cannot be written or renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_directory(path)?;
    crate::fsio::write_atomic(path, bytes).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        action: e.action,
        source: e.source,
    })
}

/// The pixel geometry of the image [`Options`] ask for (in CSS pixels: PNG
/// pixels are these times `scale`): where each row and each x lands. For
/// tests, and for an app that maps clicks on an exported image.
///
/// # Errors
/// As [`render`] for the view (step, time, window, width).
pub fn frame(log: &Log, options: &Options) -> Result<Frame, Error> {
    let view = scene::View::new(log, options)?;
    Ok(scene::Scene::new(log, &view, options)?.frame)
}

fn check_width(options: &Options) -> Result<(), Error> {
    check_scale(options.scale)?;
    let pixels = f64::from(options.width) * f64::from(options.scale.min(1.0));
    if pixels < f64::from(MIN_WIDTH) {
        return Err(Error::TooSmall { width: options.width, scale: options.scale, pixels: pixels.ceil() as u64 });
    }
    if options.width > MAX_WIDTH {
        return Err(Error::BadOption {
            what: "the width",
            expected: format!("at most {MAX_WIDTH} px"),
            given: options.width.to_string(),
        });
    }
    Ok(())
}

fn check_scale(scale: f32) -> Result<(), Error> {
    if !(scale.is_finite() && scale > 0.0 && scale <= MAX_SCALE) {
        return Err(Error::BadOption {
            what: "the scale",
            expected: format!("above 0 and at most {MAX_SCALE}"),
            given: scale.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_file_names() {
        assert_eq!(Format::from_path(Path::new("a.svg")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("dir.d/a.GIF")), Some(Format::Gif));
        assert_eq!(Format::from_path(Path::new(".png")), None);
        assert_eq!(Format::from_path(Path::new("a.png.txt")), None);
        assert_eq!(Format::from_path(Path::new("a")), None);
        for f in Format::ALL {
            assert_eq!(Format::from_path(Path::new(&format!("x{}", f.extension()))), Some(f));
        }
    }

    #[test]
    fn errors_say_what_to_change() {
        let e = Error::StepOutOfRange { step: 99, last: Some(22) };
        assert_eq!(e.to_string(), "step 99 is out of range: this log has steps 0 to 22");
        assert!(e.is_usage());
        let e = Error::TimeOutOfRange { time: 11.0, first: 0.0, end: 10.0 };
        assert_eq!(e.to_string(), "time 11.0 s is out of range: the run goes from 0.0 s to 10.0 s");
        let io = Error::Io { path: "x.png".into(), action: "write", source: std::io::Error::other("disk full") };
        assert!(!io.is_usage());
        assert!(io.to_string().contains("'x.png'"));
    }
}
