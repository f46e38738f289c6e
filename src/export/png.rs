//! PNG: the SVG of [`super::svg`] rasterised by resvg at `width × scale`
//! pixels, text from the embedded font only, encoded as 8-bit RGB (the
//! picture is opaque) with the png crate's fast deflate. The file has no
//! timestamp or other varying chunk, so the bytes are reproducible; its
//! `pHYs` chunk says 96 × `scale` dots per inch, so a 2x image is placed in
//! a document at its CSS size, twice as sharp.

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

use super::scene::{Scene, View};
use super::{Error, MAX_PIXELS, Options};
use crate::trace::Log;

/// Renders `log` as a PNG image of `ceil(width × scale)` by
/// `ceil(height × scale)` pixels.
///
/// # Errors
/// As [`super::render`]: the view, the width and scale, [`Error::TooLarge`],
/// or the rasteriser's and encoder's errors.
pub fn render(log: &Log, options: &Options) -> Result<Vec<u8>, Error> {
    let view = View::new(log, options)?;
    let scene = Scene::new(log, &view, options)?;
    let svg = super::svg::paint(&view, &scene, options.theme);
    let pixmap = rasterise(&svg, options.scale)?;
    encode(&pixmap, options.scale)
}

/// The usvg options every export uses: the embedded fonts, nothing from the system.
pub fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: super::font::FAMILY.to_owned(),
        fontdb: super::font::database(),
        ..usvg::Options::default()
    }
}

/// The pixel size of an SVG of `width × height` CSS pixels at `scale`.
///
/// # Errors
/// [`Error::BadOption`] for a bad scale, [`Error::TooLarge`] past [`MAX_PIXELS`].
pub fn pixel_size(width: f64, height: f64, scale: f32) -> Result<(u32, u32), Error> {
    super::check_scale(scale)?;
    let w = (width * f64::from(scale)).ceil().max(1.0);
    let h = (height * f64::from(scale)).ceil().max(1.0);
    let (wu, hu) = (w as u64, h as u64);
    if wu.saturating_mul(hu) > MAX_PIXELS || wu > u64::from(u32::MAX) || hu > u64::from(u32::MAX) {
        return Err(Error::TooLarge { width: wu, height: hu });
    }
    Ok((w as u32, h as u32))
}

/// Rasterises an SVG document at `scale` pixels per CSS pixel.
///
/// # Errors
/// [`Error::Render`] when usvg cannot read it, and those of [`pixel_size`].
pub fn rasterise(svg: &str, scale: f32) -> Result<Pixmap, Error> {
    let tree = usvg::Tree::from_str(svg, &usvg_options()).map_err(|e| Error::Render(e.to_string()))?;
    let size = tree.size();
    let (w, h) = pixel_size(f64::from(size.width()), f64::from(size.height()), scale)?;
    let mut pixmap = Pixmap::new(w, h).ok_or(Error::TooLarge { width: u64::from(w), height: u64::from(h) })?;
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Encodes an opaque pixmap as an RGB PNG of `96 × scale` dots per inch.
///
/// # Errors
/// [`Error::Encode`] from the PNG encoder.
pub fn encode(pixmap: &Pixmap, scale: f32) -> Result<Vec<u8>, Error> {
    let err = |e: png::EncodingError| Error::Encode { format: "png", message: e.to_string() };
    let mut rgb = Vec::with_capacity(pixmap.pixels().len() * 3);
    for p in pixmap.pixels() {
        let c = p.demultiply();
        rgb.extend_from_slice(&[c.red(), c.green(), c.blue()]);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let per_metre = (96.0 * f64::from(scale) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
    let mut writer = encoder.write_header().map_err(err)?;
    writer.write_image_data(&rgb).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}
