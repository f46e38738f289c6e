//! The palette: one colour and one pattern per state, for light and dark
//! backgrounds. Colours are the Okabe–Ito set, distinguishable with the
//! common colour-vision deficiencies; the pattern and the bar height tell the
//! states apart without colour too (and in grey-scale print).

use crate::trace::timeline::{EndKind, LinkKind, MarkerKind, State};

/// An sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// `#rrggbb` (alpha left out).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// The same colour with alpha `a`.
    pub fn with_alpha(self, a: u8) -> Rgba {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
}

/// Light or dark background.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

/// The fill pattern of a bar (drawn over its colour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// Plain fill.
    Solid,
    /// Diagonal lines (`/`).
    Hatched,
    /// Crossed diagonal lines.
    CrossHatched,
    /// Dots.
    Dotted,
    /// Outline only, lightly filled.
    Outline,
}

/// How one kind of bar is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarStyle {
    /// The legend's name for it.
    pub name: &'static str,
    /// Fill on a light background.
    pub light: Rgba,
    /// Fill on a dark background.
    pub dark: Rgba,
    /// The pattern.
    pub pattern: Pattern,
    /// Height as a fraction of the row height (running is tallest).
    pub height: f32,
}

impl BarStyle {
    /// The fill for `theme`.
    pub fn fill(&self, theme: Theme) -> Rgba {
        match theme {
            Theme::Light => self.light,
            Theme::Dark => self.dark,
        }
    }
}

/// The kinds of bars, one per legend entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarKind {
    /// Running a step.
    Running,
    /// Blocking the loop (`time.sleep`).
    Blocking,
    /// On the ready queue.
    Ready,
    /// Sleeping.
    Sleeping,
    /// Awaiting another task, a gather or a shield.
    Awaiting,
    /// Waiting under a `wait_for` deadline.
    Deadline,
    /// Yielded (`sleep(0)`).
    Yielded,
    /// Awaiting another future.
    Future,
}

impl BarKind {
    /// Every kind, in legend order.
    pub const ALL: [BarKind; 8] = [
        BarKind::Running,
        BarKind::Blocking,
        BarKind::Ready,
        BarKind::Sleeping,
        BarKind::Awaiting,
        BarKind::Deadline,
        BarKind::Yielded,
        BarKind::Future,
    ];

    /// The bar kind of a state.
    pub fn of(state: &State) -> BarKind {
        match state {
            State::Running => BarKind::Running,
            State::Blocking { .. } => BarKind::Blocking,
            State::Ready => BarKind::Ready,
            State::Sleeping { .. } => BarKind::Sleeping,
            State::AwaitingTask(_) | State::AwaitingGather(_) | State::AwaitingShield(_) => BarKind::Awaiting,
            State::Deadline { .. } => BarKind::Deadline,
            State::Yielded => BarKind::Yielded,
            State::WaitingFuture | State::InWorker(_) => BarKind::Future,
        }
    }

    /// How it is drawn.
    pub fn style(self) -> BarStyle {
        let (name, light, dark, pattern, height) = match self {
            BarKind::Running => ("running", [0x00, 0x72, 0xb2, 255], [0x3d, 0x9b, 0xe0, 255], Pattern::Solid, 0.8),
            BarKind::Blocking => {
                ("blocking the loop", [0xd5, 0x5e, 0x00, 255], [0xf0, 0x7a, 0x2a, 255], Pattern::CrossHatched, 0.8)
            }
            BarKind::Ready => ("ready", [0xe6, 0x9f, 0x00, 255], [0xf2, 0xb4, 0x30, 255], Pattern::Dotted, 0.5),
            BarKind::Sleeping => ("sleeping", [0x56, 0xb4, 0xe9, 255], [0x56, 0xb4, 0xe9, 255], Pattern::Solid, 0.35),
            BarKind::Awaiting => {
                ("awaiting a task", [0xcc, 0x79, 0xa7, 255], [0xd8, 0x8c, 0xb8, 255], Pattern::Hatched, 0.35)
            }
            BarKind::Deadline => {
                ("under a wait_for deadline", [0x00, 0x9e, 0x73, 255], [0x2c, 0xc4, 0x99, 255], Pattern::Outline, 0.5)
            }
            BarKind::Yielded => {
                ("yielded (sleep(0))", [0x99, 0x99, 0x99, 255], [0xaa, 0xaa, 0xaa, 255], Pattern::Dotted, 0.35)
            }
            BarKind::Future => {
                ("awaiting a future", [0xbb, 0xbb, 0xbb, 255], [0x77, 0x77, 0x77, 255], Pattern::Hatched, 0.35)
            }
        };
        BarStyle { name, light: Rgba(light), dark: Rgba(dark), pattern, height }
    }
}

/// The glyph and colour of a row's end mark.
pub fn end_style(kind: EndKind, theme: Theme) -> (&'static str, Rgba) {
    let light = theme == Theme::Light;
    match kind {
        EndKind::Done => ("✓", if light { Rgba([0x00, 0x9e, 0x73, 255]) } else { Rgba([0x2c, 0xc4, 0x99, 255]) }),
        EndKind::Cancelled => ("✗", if light { Rgba([0xd5, 0x5e, 0x00, 255]) } else { Rgba([0xf0, 0x7a, 0x2a, 255]) }),
        EndKind::Failed => ("!", if light { Rgba([0xc0, 0x00, 0x00, 255]) } else { Rgba([0xff, 0x55, 0x55, 255]) }),
    }
}

/// Background, text, grid and cursor colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chrome {
    /// The background.
    pub background: Rgba,
    /// Text and axes.
    pub text: Rgba,
    /// Grid lines and row separators.
    pub grid: Rgba,
    /// The step-through cursor.
    pub cursor: Rgba,
    /// Links between rows (spawn, await).
    pub link: Rgba,
    /// Cancel arrows.
    pub cancel: Rgba,
}

impl Chrome {
    /// The chrome colours of `theme`.
    pub fn of(theme: Theme) -> Chrome {
        match theme {
            Theme::Light => Chrome {
                background: Rgba([0xff, 0xff, 0xff, 255]),
                text: Rgba([0x20, 0x20, 0x20, 255]),
                grid: Rgba([0xdd, 0xdd, 0xdd, 255]),
                cursor: Rgba([0xc0, 0x00, 0x60, 255]),
                link: Rgba([0x70, 0x70, 0x70, 255]),
                cancel: Rgba([0xd5, 0x5e, 0x00, 255]),
            },
            Theme::Dark => Chrome {
                background: Rgba([0x1b, 0x1b, 0x1b, 255]),
                text: Rgba([0xe8, 0xe8, 0xe8, 255]),
                grid: Rgba([0x3a, 0x3a, 0x3a, 255]),
                cursor: Rgba([0xff, 0x4f, 0x9a, 255]),
                link: Rgba([0xa0, 0xa0, 0xa0, 255]),
                cancel: Rgba([0xf0, 0x7a, 0x2a, 255]),
            },
        }
    }
}

/// A task's own colour (its row stripe, its source highlights): the
/// Okabe–Ito hues by row, lightened on dark backgrounds.
pub fn task_colour(row: usize, theme: Theme) -> Rgba {
    const HUES: [[u8; 3]; 7] = [
        [0x00, 0x72, 0xb2],
        [0xd5, 0x5e, 0x00],
        [0x00, 0x9e, 0x73],
        [0xcc, 0x79, 0xa7],
        [0xe6, 0x9f, 0x00],
        [0x56, 0xb4, 0xe9],
        [0x88, 0x88, 0x88],
    ];
    let [r, g, b] = HUES[row % HUES.len()];
    match theme {
        Theme::Light => Rgba([r, g, b, 255]),
        Theme::Dark => Rgba([r.saturating_add(40), g.saturating_add(40), b.saturating_add(40), 255]),
    }
}

/// A marker's legend name.
pub fn marker_name(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::CancelRequested => "cancel requested",
        MarkerKind::CancelledDelivered => "CancelledError delivered",
        MarkerKind::ErrorDelivered => "exception thrown in",
        MarkerKind::TimeoutFired => "timeout fired",
        MarkerKind::ShieldAbsorbed => "shield absorbed a cancel",
        MarkerKind::Print => "print",
        MarkerKind::Warning => "warning",
        MarkerKind::LoopException => "loop exception",
        MarkerKind::Shutdown => "asyncio.run shutdown",
        MarkerKind::Deadlock => "deadlock",
        MarkerKind::Budget => "stopped by a guard",
    }
}

/// A marker's colour (its glyph's shape is the painter's).
pub fn marker_colour(kind: MarkerKind, theme: Theme) -> Rgba {
    let chrome = Chrome::of(theme);
    match kind {
        MarkerKind::CancelRequested => chrome.cancel,
        MarkerKind::CancelledDelivered | MarkerKind::ErrorDelivered => end_style(EndKind::Failed, theme).1,
        MarkerKind::TimeoutFired => BarKind::Deadline.style().fill(theme),
        MarkerKind::ShieldAbsorbed => BarKind::Awaiting.style().fill(theme),
        MarkerKind::Print => chrome.text,
        MarkerKind::Warning
        | MarkerKind::LoopException
        | MarkerKind::Shutdown
        | MarkerKind::Deadlock
        | MarkerKind::Budget => BarKind::Ready.style().fill(theme),
    }
}

/// How a link (an arrow between rows) is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkStyle {
    /// Its legend name.
    pub name: &'static str,
    /// Colour.
    pub colour: Rgba,
    /// Stroke width in points.
    pub width: f32,
    /// Dashed (relations) or solid (cancels).
    pub dashed: bool,
}

/// How a kind of link is drawn.
pub fn link_style(kind: LinkKind, theme: Theme) -> LinkStyle {
    let chrome = Chrome::of(theme);
    let (name, colour, width, dashed) = match kind {
        LinkKind::Spawn => ("spawn (create_task)", chrome.link, 1.2, true),
        LinkKind::Await => ("await", BarKind::Awaiting.style().fill(theme), 1.4, true),
        LinkKind::Cancel => ("cancel", chrome.cancel, 2.0, false),
        LinkKind::Shield => ("cancel held by a shield", BarKind::Awaiting.style().fill(theme), 2.0, false),
    };
    LinkStyle { name, colour, width, dashed }
}

/// The colour of a resource row's chart or bars (a lock's bars take their
/// holder's [`task_colour`]).
pub fn resource_colour(kind: crate::layout::ResourceKind, theme: Theme) -> Rgba {
    use crate::layout::ResourceKind;
    let light = match kind {
        ResourceKind::Lock => [0x70, 0x70, 0x70],
        ResourceKind::Semaphore => [0x00, 0x9e, 0x73],
        ResourceKind::Queue => [0x00, 0x72, 0xb2],
        ResourceKind::Barrier => [0xcc, 0x79, 0xa7],
        ResourceKind::Event => [0xe6, 0x9f, 0x00],
    };
    let [r, g, b] = light;
    match theme {
        Theme::Light => Rgba([r, g, b, 255]),
        Theme::Dark => Rgba([r.saturating_add(40), g.saturating_add(40), b.saturating_add(40), 255]),
    }
}
