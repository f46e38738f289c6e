//! Animated GIF: one frame per step over a range of steps, the timeline
//! growing as in step-through (later events hidden), each frame the SVG of
//! [`super::svg`] rasterised.
//!
//! Colours are mapped onto one fixed palette built from the theme's colours
//! and their blends with the background (anti-aliased edges), by nearest
//! colour: deterministic, exact for every bar and chrome colour, and the
//! same for every frame. After the first frame, each frame stores only the
//! rectangle that changed, so long step-throughs stay small.

use std::collections::HashMap;
use std::io::Cursor;

use gif::{DisposalMethod, Encoder, Frame, Repeat};
use resvg::tiny_skia::Pixmap;

use super::scene::{Scene, View};
use super::{Error, MAX_FRAMES, MAX_GIF_PIXELS, Options, Steps};
use crate::layout::{Rgba, Theme};
use crate::trace::Log;

/// Renders `log` as an animated GIF stepping through `options.steps`.
///
/// # Errors
/// [`Error::BadSteps`], [`Error::TooManyFrames`], [`Error::BadOption`] for
/// the frame rate, and the errors of [`super::png::rasterise`] and the encoder.
pub fn render(log: &Log, options: &Options) -> Result<Vec<u8>, Error> {
    if !(options.fps.is_finite() && options.fps > 0.0 && options.fps <= 100.0) {
        return Err(Error::BadOption {
            what: "the frame rate",
            expected: "above 0 and at most 100 frames per second".to_owned(),
            given: options.fps.to_string(),
        });
    }
    let still = Options { at: None, ..options.clone() };
    let mut view = View::new(log, &still)?;
    let (first, last) = step_range(view.last_step(), options.steps)?;
    let frames = u64::from(last - first) + 1;
    if frames > u64::from(MAX_FRAMES) {
        return Err(Error::TooManyFrames { frames });
    }
    // The frame is laid out with a cursor so that the room for its label is kept.
    view.set_cursor(log, Some(first), options.future);
    let size = Scene::new(log, &view, &still)?.frame;
    let (w, h) = super::png::pixel_size(size.width, size.height, options.scale)?;
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(Error::TooLarge { width: u64::from(w), height: u64::from(h) });
    };
    let total = frames.saturating_mul(u64::from(w)).saturating_mul(u64::from(h));
    if total > MAX_GIF_PIXELS {
        return Err(Error::GifTooLarge { frames, width: u64::from(w), height: u64::from(h), total });
    }
    let palette = Palette::new(options.theme);
    let encode_err = |e: gif::EncodingError| Error::Encode { format: "gif", message: e.to_string() };
    let mut encoder = Encoder::new(Cursor::new(Vec::new()), w16, h16, &palette.rgb).map_err(encode_err)?;
    encoder.set_repeat(Repeat::Infinite).map_err(encode_err)?;
    let delay = (100.0 / options.fps).round().clamp(2.0, 65_535.0) as u16;
    let mut previous: Option<Vec<u8>> = None;
    for step in first..=last {
        view.set_cursor(log, Some(step), options.future);
        let scene = Scene::new(log, &view, &still)?;
        let svg = super::svg::paint(&view, &scene, options.theme);
        let pixmap = super::png::rasterise(&svg, options.scale)?;
        let indices = palette.index(&pixmap);
        // Hold the last frame a little longer before the animation starts over.
        let frame_delay = if step == last { delay.saturating_mul(3) } else { delay };
        let frame = changed_part(previous.as_deref(), &indices, w16, h16, frame_delay);
        encoder.write_frame(&frame).map_err(encode_err)?;
        previous = Some(indices);
    }
    Ok(encoder.into_inner().map_err(encode_err)?.into_inner())
}

/// The inclusive range of steps `steps` names, checked against the log.
fn step_range(last_step: Option<u32>, steps: Steps) -> Result<(u32, u32), Error> {
    let first = steps.first.unwrap_or(0);
    let Some(max) = last_step else {
        return Err(Error::BadSteps { first, last: steps.last.unwrap_or(0), max: None });
    };
    let last = steps.last.unwrap_or(max);
    if first > last || last > max {
        return Err(Error::BadSteps { first, last, max: Some(max) });
    }
    Ok((first, last))
}

/// The frame that turns `previous` into `current`: the bounding box of the
/// pixels that changed (a single pixel when none did, to keep the timing).
fn changed_part(previous: Option<&[u8]>, current: &[u8], w: u16, h: u16, delay: u16) -> Frame<'static> {
    let (wu, hu) = (usize::from(w), usize::from(h));
    let full = Frame {
        delay,
        dispose: DisposalMethod::Keep,
        width: w,
        height: h,
        buffer: current.to_vec().into(),
        ..Frame::default()
    };
    let Some(prev) = previous else { return full };
    let (mut x0, mut y0, mut x1, mut y1) = (wu, hu, 0usize, 0usize);
    for y in 0..hu {
        let row = y * wu;
        let (a, b) = (&prev[row..row + wu], &current[row..row + wu]);
        if a == b {
            continue;
        }
        let first = a.iter().zip(b).position(|(p, q)| p != q).unwrap_or(0);
        let last = a.iter().zip(b).rposition(|(p, q)| p != q).unwrap_or(wu - 1);
        x0 = x0.min(first);
        x1 = x1.max(last + 1);
        y0 = y0.min(y);
        y1 = y + 1;
    }
    if x0 >= x1 || y0 >= y1 {
        (x0, y0, x1, y1) = (0, 0, 1, 1);
    }
    let mut buffer = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        buffer.extend_from_slice(&current[y * wu + x0..y * wu + x1]);
    }
    // The box lies inside a frame whose sides fit in u16.
    let to16 = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
    Frame { left: to16(x0), top: to16(y0), width: to16(x1 - x0), height: to16(y1 - y0), buffer: buffer.into(), ..full }
}

/// A fixed palette for a theme and the nearest-colour mapping onto it.
struct Palette {
    colours: Vec<[u8; 3]>,
    rgb: Vec<u8>,
}

impl Palette {
    fn new(theme: Theme) -> Palette {
        let keys = super::svg::palette(theme);
        let bg = keys.first().copied().unwrap_or(Rgba([255, 255, 255, 255]));
        let mut colours: Vec<[u8; 3]> = Vec::new();
        let mut add = |c: [u8; 3]| {
            if !colours.contains(&c) && colours.len() < 256 {
                colours.push(c);
            }
        };
        let mix = |a: Rgba, b: Rgba, t: f64| -> [u8; 3] {
            let c = |i: usize| (f64::from(a.0[i]) * (1.0 - t) + f64::from(b.0[i]) * t).round() as u8;
            [c(0), c(1), c(2)]
        };
        for k in &keys {
            add([k.0[0], k.0[1], k.0[2]]);
        }
        // Anti-aliased edges against the background: every colour at quarters,
        // the text colour at eighths (text is most of the edges).
        for k in &keys {
            for t in [0.25, 0.5, 0.75] {
                add(mix(*k, bg, t));
            }
        }
        if let Some(text) = keys.get(1) {
            for i in 1..8 {
                add(mix(*text, bg, f64::from(i) / 8.0));
            }
        }
        let rgb = colours.iter().flatten().copied().collect();
        Palette { colours, rgb }
    }

    /// Palette indices of a pixmap's pixels (nearest colour; opaque images).
    fn index(&self, pixmap: &Pixmap) -> Vec<u8> {
        let mut cache: HashMap<[u8; 3], u8> = HashMap::new();
        pixmap
            .pixels()
            .iter()
            .map(|p| {
                let c = p.demultiply();
                let rgb = [c.red(), c.green(), c.blue()];
                *cache.entry(rgb).or_insert_with(|| self.nearest(rgb))
            })
            .collect()
    }

    fn nearest(&self, c: [u8; 3]) -> u8 {
        let d = |p: &[u8; 3]| -> i32 { (0..3).map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2)).sum() };
        let best = self.colours.iter().enumerate().min_by_key(|(_, p)| d(p)).map_or(0, |(i, _)| i);
        u8::try_from(best).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_ranges_are_checked() {
        assert_eq!(step_range(Some(22), Steps::default()).unwrap(), (0, 22));
        assert_eq!(step_range(Some(22), Steps { first: Some(5), last: Some(9) }).unwrap(), (5, 9));
        assert!(matches!(step_range(Some(22), Steps { first: Some(9), last: Some(5) }), Err(Error::BadSteps { .. })));
        assert!(matches!(step_range(Some(22), Steps { first: None, last: Some(23) }), Err(Error::BadSteps { .. })));
        assert!(matches!(step_range(None, Steps::default()), Err(Error::BadSteps { max: None, .. })));
    }

    #[test]
    fn the_palette_holds_every_bar_colour_exactly() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::new(theme);
            assert!(p.colours.len() <= 256);
            for kind in crate::layout::BarKind::ALL {
                let c = kind.style().fill(theme).0;
                let i = p.nearest([c[0], c[1], c[2]]);
                assert_eq!(p.colours[usize::from(i)], [c[0], c[1], c[2]]);
            }
        }
    }

    #[test]
    fn only_the_changed_rectangle_is_stored() {
        let a = vec![0u8; 12];
        let mut b = a.clone();
        b[5] = 1; // (1, 1) in a 4×3 image
        b[6] = 1; // (2, 1)
        let f = changed_part(Some(&a), &b, 4, 3, 50);
        assert_eq!((f.left, f.top, f.width, f.height), (1, 1, 2, 1));
        assert_eq!(&*f.buffer, &[1, 1]);
        let same = changed_part(Some(&a), &a, 4, 3, 50);
        assert_eq!((same.width, same.height), (1, 1));
        assert_eq!(changed_part(None, &a, 4, 3, 50).buffer.len(), 12);
    }
}
