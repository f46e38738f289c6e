//! A log opened in the app, with what is derived from it once: the
//! timeline, per-axis layouts (made when first shown), the source text, the
//! per-task source lines and the explanations.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::layout::Axis;
use crate::scenarios::{self, Scenario};
use crate::trace::cause::{self, Cause};
use crate::trace::timeline::{self, Timeline};
use crate::trace::{Event, EventKind, Log, NONE, TaskId, explain};

use super::state::{LiveLine, TaskLines};
use super::timeline::Prepared;

/// Up to this many events, every explanation is made when the log opens;
/// beyond, the current one is made on demand.
const EXPLAIN_ALL_MAX: usize = 200_000;

/// Where a document came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// A built-in scenario.
    Scenario(&'static str),
    /// A log (or script) file.
    File(PathBuf),
    /// A run recorded live.
    Live(&'static str),
}

impl Origin {
    /// A short name for the title bar.
    pub fn label(&self) -> String {
        match self {
            Origin::Scenario(id) => (*id).to_owned(),
            Origin::File(p) => {
                p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
            }
            Origin::Live(id) => format!("{id} (live, real clock)"),
        }
    }
}

/// The program text shown in the source panel.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceText {
    /// The file name as event locations give it.
    pub file: String,
    /// The text.
    pub text: String,
}

/// An opened log and what is derived from it.
#[derive(Debug)]
pub struct Document {
    /// Where it came from.
    pub origin: Origin,
    /// The scenario, if it is one (or the log names one).
    pub scenario: Option<&'static Scenario>,
    /// The log.
    pub log: Log,
    /// Its timeline.
    pub timeline: Timeline,
    /// The source, if known (a script's: its entry file).
    pub source: Option<SourceText>,
    /// The other files the log's locations name (a script's own modules).
    pub modules: Vec<SourceText>,
    /// Where each task stands in the source.
    pub lines: TaskLines,
    prepared: [Option<Prepared>; 3],
    explanations: Option<Vec<String>>,
    /// For a large log: every explanation, made in a background thread.
    background: Option<std::sync::mpsc::Receiver<Vec<String>>>,
    explain_cache: RefCell<Option<(u32, String)>>,
    /// The direct cause of every event ([`cause::derive`]).
    pub causes: Vec<Option<Cause>>,
}

impl Document {
    /// Derives everything from `log`.
    pub fn new(origin: Origin, log: Log) -> Document {
        let timeline = timeline::derive(&log);
        let scenario = match &origin {
            Origin::Scenario(id) | Origin::Live(id) => scenarios::find(id),
            Origin::File(_) => scenarios::find(&log.meta.source),
        };
        let lines = TaskLines::new(&log);
        let source = match scenario {
            // A built-in scenario's log is recorded from its listing.
            Some(s) if names_file(&log, &s.file()) => Some(SourceText { file: s.file(), text: s.source.to_owned() }),
            Some(_) => None,
            None => source_from_disk(&origin, &lines),
        };
        let causes = cause::derive(&log);
        let modules = match (&origin, &source) {
            (Origin::File(p), Some(main)) if p.extension().is_some_and(|e| e == "py") => lines
                .files()
                .iter()
                .filter(|f| **f != main.file)
                .filter_map(|f| {
                    let path = crate::script::modules::source_path(p, f)?;
                    let text = std::fs::read_to_string(path).ok()?;
                    Some(SourceText { file: f.clone(), text })
                })
                .collect(),
            _ => Vec::new(),
        };
        let small = log.events.len() <= EXPLAIN_ALL_MAX;
        let explanations = small.then(|| explain::explain_all(&log));
        // A large log: explain it all off the UI thread; until then, on demand.
        let background = (!small).then(|| {
            let (tx, rx) = std::sync::mpsc::channel();
            let copy = log.clone();
            std::thread::spawn(move || {
                let _ = tx.send(explain::explain_all(&copy));
            });
            rx
        });
        Document {
            causes,
            origin,
            scenario,
            log,
            timeline,
            source,
            modules,
            lines,
            prepared: [None, None, None],
            explanations,
            background,
            explain_cache: RefCell::new(None),
        }
    }

    /// Runs a built-in scenario's listing on the virtual clock.
    pub fn scenario(s: &'static Scenario) -> Document {
        Document::new(Origin::Scenario(s.id), s.run())
    }

    /// The number of events.
    pub fn len(&self) -> u32 {
        u32::try_from(self.log.events.len()).unwrap_or(NONE - 1)
    }

    /// Whether the log has no event.
    pub fn is_empty(&self) -> bool {
        self.log.events.is_empty()
    }

    /// The layout on `axis`, made on first use.
    pub fn prepared(&mut self, axis: Axis) -> &Prepared {
        let i = Axis::ALL.iter().position(|&a| a == axis).unwrap_or(0);
        let (log, tl) = (&self.log, &self.timeline);
        self.prepared[i].get_or_insert_with(|| Prepared::new(log, tl, axis))
    }

    /// The layout on `axis`, if [`Document::prepared`] made it already.
    pub fn prepared_if_made(&self, axis: Axis) -> Option<&Prepared> {
        let i = Axis::ALL.iter().position(|&a| a == axis).unwrap_or(0);
        self.prepared[i].as_ref()
    }

    /// Takes the background explanations if they are ready (call once a frame).
    pub fn poll_background(&mut self) {
        if let Some(rx) = &self.background
            && let Ok(all) = rx.try_recv()
        {
            self.explanations = Some(all);
            self.background = None;
        }
    }

    /// Waits for the background explanations of a large log (benches and tests).
    pub fn wait_background(&mut self) {
        if let Some(rx) = self.background.take()
            && let Ok(all) = rx.recv()
        {
            self.explanations = Some(all);
        }
    }

    /// The plain-language explanation of event `seq`.
    pub fn explanation(&self, seq: u32) -> String {
        if let Some(all) = &self.explanations {
            return all.get(seq as usize).cloned().unwrap_or_default();
        }
        let mut cache = self.explain_cache.borrow_mut();
        match &*cache {
            Some((s, text)) if *s == seq => text.clone(),
            _ => {
                let text = explain::explain(&self.log, seq);
                *cache = Some((seq, text.clone()));
                text
            }
        }
    }

    /// "because …" for event `seq` ([`cause::because`]), if it has a cause.
    pub fn because(&self, seq: u32) -> Option<String> {
        cause::because(&self.log, &self.causes, seq)
    }

    /// The chain of causes of `seq`, back to its root ([`cause::chain`]).
    pub fn why(&self, seq: u32) -> Vec<Cause> {
        cause::chain(&self.causes, seq)
    }

    /// The event `seq`.
    pub fn event(&self, seq: u32) -> Option<&Event> {
        self.log.events.get(seq as usize)
    }

    /// The source lines where live tasks stand just after event `seq`.
    pub fn live_lines(&self, seq: u32) -> Vec<LiveLine> {
        let Some(src) = &self.source else { return Vec::new() };
        self.lines.live_lines(&src.file, seq, |t| self.timeline.state_at(t, seq).is_some_and(|s| s.state.is_waiting()))
    }

    /// The row of a task in the timeline (creation order).
    pub fn row_of(&self, task: TaskId) -> Option<usize> {
        match self.timeline.rows.get(task as usize) {
            Some(r) if r.task == task => Some(task as usize),
            _ => self.timeline.rows.iter().position(|r| r.task == task),
        }
    }

    /// A short detail of an event for the event log's last column.
    pub fn event_detail(&self, ev: &Event) -> String {
        let log = &self.log;
        match ev.kind {
            EventKind::Created => {
                let coro = log.tasks.get(ev.task as usize).map_or("", |t| log.str(t.coro));
                format!("{coro}()")
            }
            EventKind::Suspend => format!("awaiting {}", log.str(ev.a)),
            EventKind::Print => match ev.flags {
                crate::trace::flags::STDERR => format!("stderr: {}", log.str(ev.a)),
                crate::trace::flags::STDOUT_WRITE => format!("stdout.write: {}", log.str(ev.a)),
                _ => log.str(ev.a).to_owned(),
            },
            EventKind::Done => format!("returned {}", log.str(ev.a)),
            EventKind::Cancelled => log.strings.opt(ev.a).map(str::to_owned).unwrap_or_default(),
            EventKind::Exception => explain::fmt_error(log, ev.a, ev.b_u32()),
            EventKind::Start | EventKind::Resume => match log.error(ev.a) {
                Some(e) => format!("{} thrown in", explain::fmt_error(log, e.kind, e.msg)),
                None => String::new(),
            },
            EventKind::Wake => ev.wake_reason().name().to_owned(),
            EventKind::Block => format!("time.sleep({})", explain::fmt_number(ev.b_f64())),
            EventKind::TimeoutFired => format!("deadline {}", explain::fmt_seconds(ev.b_f64())),
            EventKind::ShieldAbsorbed => format!("keeps {} running", log.task_name(ev.b_u32())),
            EventKind::Sync => explain::sync_short(log, ev),
            EventKind::Job => explain::job_short(log, ev),
            EventKind::CancelRequested | EventKind::Log => {
                let text = self.explanation_short(ev);
                text.unwrap_or_default()
            }
        }
    }

    fn explanation_short(&self, ev: &Event) -> Option<String> {
        let m = self
            .timeline
            .markers
            .iter()
            .find(|m| m.task == ev.task && self.log.events.get(m.seq as usize) == Some(ev))?;
        Some(m.text.clone())
    }

    /// The source line (1-based) of event `seq`, if it has one in the shown source.
    pub fn line_of(&self, seq: u32) -> Option<u32> {
        self.line_in(seq, self.source.as_ref()?)
    }

    /// The line (1-based) of event `seq`, if it is in `src`.
    pub fn line_in(&self, seq: u32, src: &SourceText) -> Option<u32> {
        let ev = self.event(seq)?;
        let (file, line) = self.log.location(ev.loc)?;
        super::state::file_matches(file, &src.file).then_some(line)
    }

    /// Every source file known: the main one, then the modules.
    pub fn sources(&self) -> impl Iterator<Item = &SourceText> {
        self.source.iter().chain(self.modules.iter())
    }

    /// The source file event `seq` stands in (the main source if it has no known one).
    pub fn source_at(&self, seq: u32) -> Option<&SourceText> {
        let in_file = self
            .event(seq)
            .and_then(|ev| self.log.location(ev.loc))
            .and_then(|(file, _)| self.sources().find(|s| super::state::file_matches(file, &s.file)));
        in_file.or(self.source.as_ref())
    }

    /// The text of a source line.
    pub fn source_line(&self, line: u32) -> Option<&str> {
        self.source.as_ref()?.text.lines().nth((line as usize).checked_sub(1)?).map(str::trim)
    }
}

/// Whether some event of `log` has a location in `file`.
fn names_file(log: &Log, file: &str) -> bool {
    log.events
        .iter()
        .filter(|e| e.loc != crate::trace::NONE)
        .any(|e| log.location(e.loc).is_some_and(|(f, _)| f == file))
}

/// The program's source for a log file: the file its events name, next to
/// the log or relative to the working directory.
fn source_from_disk(origin: &Origin, lines: &TaskLines) -> Option<SourceText> {
    if let Origin::File(p) = origin
        && p.extension().is_some_and(|e| e == "py")
        && let Some(name) = p.file_name().and_then(|n| n.to_str())
        && let Ok(text) = std::fs::read_to_string(p)
    {
        // A script opened directly is its own source (its modules are `Document::modules`).
        return Some(SourceText { file: name.to_owned(), text });
    }
    let file = lines.files().first()?;
    let mut candidates = vec![PathBuf::from(file)];
    if let Origin::File(p) = origin {
        if let Some(dir) = p.parent() {
            candidates.push(dir.join(file));
            if let Some(name) = Path::new(file).file_name() {
                candidates.push(dir.join(name));
            }
        }
        // A script opened directly is its own source.
        if p.extension().is_some_and(|e| e == "py") {
            candidates.insert(0, p.clone());
        }
    }
    candidates.iter().find_map(|c| std::fs::read_to_string(c).ok()).map(|text| SourceText { file: file.clone(), text })
}
