//! Every glyph and legend entry of the timeline, as geometry: marker icons,
//! end marks, pattern spacing and ink. The app (egui shapes) and the SVG
//! painter only translate these parts, so the screen and an exported image
//! draw the same pictures with the same words.
//!
//! Coordinates are relative to the glyph's centre, `y` pointing down, for a
//! glyph of radius `r` (half its width).

use super::style::{Rgba, Theme, link_style};
use super::{BarKind, Layout};
use crate::trace::timeline::{EndKind, LinkKind, MarkerKind};

/// A marker's picture. Several [`MarkerKind`]s share one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Glyph {
    /// `cancel()` was called: a triangle pointing down ("stop").
    CancelRequested,
    /// `CancelledError` thrown in: a zig-zag.
    CancelledDelivered,
    /// Another exception thrown in: a zig-zag.
    ErrorDelivered,
    /// A `wait_for` deadline fired: a clock (and a tick across the row).
    Timeout,
    /// A cancel stopped at a shield: a shield.
    Shield,
    /// `print()`: a speech bubble.
    Print,
    /// A warning or a loop exception: a diamond.
    Warning,
    /// The loop's own events (shutdown, deadlock, budget): a diamond on the axis.
    Loop,
}

impl Glyph {
    /// Every glyph, in legend order.
    pub const ALL: [Glyph; 8] = [
        Glyph::CancelRequested,
        Glyph::CancelledDelivered,
        Glyph::ErrorDelivered,
        Glyph::Timeout,
        Glyph::Shield,
        Glyph::Print,
        Glyph::Warning,
        Glyph::Loop,
    ];

    /// The glyph of a marker kind.
    pub fn of(kind: MarkerKind) -> Glyph {
        match kind {
            MarkerKind::CancelRequested => Glyph::CancelRequested,
            MarkerKind::CancelledDelivered => Glyph::CancelledDelivered,
            MarkerKind::ErrorDelivered => Glyph::ErrorDelivered,
            MarkerKind::TimeoutFired => Glyph::Timeout,
            MarkerKind::ShieldAbsorbed => Glyph::Shield,
            MarkerKind::Print => Glyph::Print,
            MarkerKind::Warning | MarkerKind::LoopException => Glyph::Warning,
            MarkerKind::Shutdown | MarkerKind::Deadlock | MarkerKind::Budget => Glyph::Loop,
        }
    }

    /// A marker kind drawn with this glyph (for its colour).
    pub fn kind(self) -> MarkerKind {
        match self {
            Glyph::CancelRequested => MarkerKind::CancelRequested,
            Glyph::CancelledDelivered => MarkerKind::CancelledDelivered,
            Glyph::ErrorDelivered => MarkerKind::ErrorDelivered,
            Glyph::Timeout => MarkerKind::TimeoutFired,
            Glyph::Shield => MarkerKind::ShieldAbsorbed,
            Glyph::Print => MarkerKind::Print,
            Glyph::Warning => MarkerKind::Warning,
            Glyph::Loop => MarkerKind::Shutdown,
        }
    }

    /// The legend's words for it.
    pub fn label(self) -> &'static str {
        match self {
            Glyph::CancelRequested => "cancel requested",
            Glyph::CancelledDelivered => "CancelledError delivered",
            Glyph::ErrorDelivered => "exception thrown in",
            Glyph::Timeout => "timeout fired",
            Glyph::Shield => "shield absorbed a cancel",
            Glyph::Print => "print",
            Glyph::Warning => "warning",
            Glyph::Loop => "event loop (shutdown, deadlock)",
        }
    }

    /// A stable id (an SVG definition's).
    pub fn id(self) -> &'static str {
        match self {
            Glyph::CancelRequested => "icon-cancel-requested",
            Glyph::CancelledDelivered => "icon-cancelled-error",
            Glyph::ErrorDelivered => "icon-exception",
            Glyph::Timeout => "icon-timeout",
            Glyph::Shield => "icon-shield",
            Glyph::Print => "icon-print",
            Glyph::Warning => "icon-warning",
            Glyph::Loop => "icon-loop",
        }
    }

    /// The glyph's parts at radius `r`.
    pub fn parts(self, r: f64) -> Vec<Part> {
        let line = (r * 0.35).max(1.5);
        match self {
            Glyph::CancelRequested => vec![Part::Fill(vec![[-r, -r], [r, -r], [0.0, r]])],
            Glyph::CancelledDelivered | Glyph::ErrorDelivered => vec![Part::Line {
                points: vec![[r * 0.4, -r], [-r * 0.5, r * 0.1], [r * 0.5, -r * 0.1], [-r * 0.4, r]],
                width: line,
            }],
            Glyph::Timeout => vec![
                Part::Circle { r, width: 1.5 },
                Part::Line { points: vec![[0.0, -r * 0.7], [0.0, 0.0], [r * 0.5, 0.0]], width: 1.5 },
            ],
            Glyph::Shield => vec![Part::Fill(vec![[-r, -r], [r, -r], [r, 0.0], [0.0, r], [-r, 0.0]])],
            Glyph::Print => vec![
                Part::Frame { min: [-0.9 * r, -0.65 * r], max: [0.9 * r, 0.65 * r], rounding: 2.0, width: 1.2 },
                Part::Fill(vec![[-0.6 * r, 0.65 * r], [0.0, 0.65 * r], [-0.7 * r, 1.25 * r]]),
            ],
            Glyph::Warning | Glyph::Loop => vec![Part::Fill(vec![[0.0, -r], [r, 0.0], [0.0, r], [-r, 0.0]])],
        }
    }
}

/// One part of a glyph, relative to its centre (`y` down).
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A filled convex polygon.
    Fill(Vec<[f64; 2]>),
    /// An open polyline (round caps and joins).
    Line {
        /// Its points.
        points: Vec<[f64; 2]>,
        /// Stroke width.
        width: f64,
    },
    /// A circle's outline around the centre.
    Circle {
        /// Radius.
        r: f64,
        /// Stroke width.
        width: f64,
    },
    /// A filled dot.
    Dot {
        /// Its centre.
        c: [f64; 2],
        /// Radius.
        r: f64,
    },
    /// A rounded rectangle's outline.
    Frame {
        /// Top left.
        min: [f64; 2],
        /// Bottom right.
        max: [f64; 2],
        /// Corner radius.
        rounding: f64,
        /// Stroke width.
        width: f64,
    },
}

/// An end mark (✓ done, ✗ cancelled, ! failed) at radius `r`.
pub fn end_parts(kind: EndKind, r: f64) -> Vec<Part> {
    let width = (r * 0.4).max(1.5);
    match kind {
        EndKind::Done => vec![Part::Line { points: vec![[-r, 0.0], [-r * 0.3, r * 0.7], [r, -r * 0.8]], width }],
        EndKind::Cancelled => vec![
            Part::Line { points: vec![[-r, -r], [r, r]], width },
            Part::Line { points: vec![[-r, r], [r, -r]], width },
        ],
        EndKind::Failed => vec![
            Part::Line { points: vec![[0.0, -r], [0.0, r * 0.35]], width },
            Part::Dot { c: [0.0, r * 0.85], r: width * 0.6 },
        ],
    }
}

/// The words for an end mark.
pub fn end_label(kind: EndKind) -> &'static str {
    match kind {
        EndKind::Done => "done",
        EndKind::Cancelled => "cancelled",
        EndKind::Failed => "failed",
    }
}

/// The words for a link.
pub fn link_label(kind: LinkKind) -> &'static str {
    link_style(kind, Theme::Light).name
}

/// How a wake arrow is drawn (from the task that released, set or put to
/// the task it woke): solid, in the "done" green.
pub fn wake_style(theme: Theme) -> super::style::LinkStyle {
    let colour = super::style::end_style(EndKind::Done, theme).1;
    super::style::LinkStyle { name: "wakes a waiter (release, set, put)", colour, width: 1.6, dashed: false }
}

/// Spacing of a hatched pattern's lines.
pub const HATCH_SPACING: f64 = 6.0;
/// Spacing of a cross-hatched pattern's lines.
pub const CROSS_SPACING: f64 = 7.0;
/// Spacing of a dotted pattern's dots.
pub const DOT_SPACING: f64 = 6.0;
/// Radius of a dotted pattern's dots.
pub const DOT_RADIUS: f64 = 1.2;

/// The ink of a bar's pattern (hatches, dots) over its colour: dark on a
/// light background, light on a dark one; fainter on a dimmed bar.
pub fn pattern_ink(theme: Theme, dim: bool) -> Rgba {
    match theme {
        Theme::Light => Rgba([0, 0, 0, if dim { 40 } else { 110 }]),
        Theme::Dark => Rgba([255, 255, 255, if dim { 30 } else { 90 }]),
    }
}

/// What a legend entry shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendKey {
    /// A kind of bar.
    Bar(BarKind),
    /// An end mark.
    End(EndKind),
    /// A marker.
    Glyph(Glyph),
    /// A link.
    Link(LinkKind),
    /// A wake arrow (see [`wake_style`]).
    Wake,
    /// The step-through cursor.
    Cursor,
}

impl LegendKey {
    /// Its words.
    pub fn label(self) -> &'static str {
        match self {
            LegendKey::Bar(kind) => kind.style().name,
            LegendKey::End(kind) => end_label(kind),
            LegendKey::Glyph(g) => g.label(),
            LegendKey::Link(kind) => link_label(kind),
            LegendKey::Wake => wake_style(Theme::Light).name,
            LegendKey::Cursor => "now (the current step)",
        }
    }
}

/// Every link kind, in legend order.
pub const LINK_KINDS: [LinkKind; 4] = [LinkKind::Spawn, LinkKind::Await, LinkKind::Cancel, LinkKind::Shield];

/// The legend: for a picture of `shown`, what it holds (and the cursor if
/// one is drawn); without a layout, the fixed legend of the app (every bar
/// kind, the end marks and the common markers).
pub fn legend(shown: Option<&Layout>, cursor: bool) -> Vec<LegendKey> {
    let ends = [EndKind::Done, EndKind::Cancelled, EndKind::Failed];
    let mut keys = Vec::new();
    let Some(lay) = shown else {
        keys.extend(BarKind::ALL.map(LegendKey::Bar));
        keys.extend(ends.map(LegendKey::End));
        keys.extend(
            [Glyph::CancelRequested, Glyph::CancelledDelivered, Glyph::Timeout, Glyph::Shield, Glyph::Print]
                .map(LegendKey::Glyph),
        );
        return keys;
    };
    keys.extend(BarKind::ALL.into_iter().filter(|&k| lay.bars.iter().any(|b| b.kind == k)).map(LegendKey::Bar));
    keys.extend(ends.into_iter().filter(|&k| lay.ends.iter().any(|e| e.kind == k)).map(LegendKey::End));
    keys.extend(
        Glyph::ALL.into_iter().filter(|&g| lay.markers.iter().any(|m| Glyph::of(m.kind) == g)).map(LegendKey::Glyph),
    );
    keys.extend(LINK_KINDS.into_iter().filter(|&k| lay.links.iter().any(|l| l.kind == k)).map(LegendKey::Link));
    if !lay.wakes.is_empty() {
        keys.push(LegendKey::Wake);
    }
    if cursor {
        keys.push(LegendKey::Cursor);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_kind_has_a_glyph_whose_colour_kind_maps_back() {
        for g in Glyph::ALL {
            assert_eq!(Glyph::of(g.kind()), g);
            assert!(!g.parts(6.0).is_empty());
        }
    }

    #[test]
    fn the_app_legend_has_every_bar_kind() {
        let keys = legend(None, false);
        for k in BarKind::ALL {
            assert!(keys.contains(&LegendKey::Bar(k)));
        }
        assert_eq!(LegendKey::Glyph(Glyph::Print).label(), "print");
    }

    #[test]
    fn ink_is_dark_on_light_and_light_on_dark() {
        assert_eq!(pattern_ink(Theme::Light, false).0[..3], [0, 0, 0]);
        assert_eq!(pattern_ink(Theme::Dark, false).0[..3], [255, 255, 255]);
    }
}
