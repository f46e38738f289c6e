//! The font embedded in the binary (DejaVu Sans, regular and bold, under
//! `assets/fonts/`, Bitstream Vera licence): every image is drawn and
//! measured with it and with nothing else, so the same input gives the same
//! pixels on every machine, whatever fonts are installed.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// DejaVu Sans (regular).
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The family name the SVG asks for (the embedded font's own name).
pub const FAMILY: &str = "DejaVu Sans";

/// The `font-family` attribute written into SVG files: the embedded font,
/// then a generic fallback for viewers that do not have it.
pub const FAMILY_ATTR: &str = "DejaVu Sans, Verdana, sans-serif";

/// A font database holding only the embedded fonts (built once).
///
/// usvg resolves every family, including `sans-serif`, to DejaVu Sans, so
/// no text is dropped and no system font is ever read.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(Arc::new(REGULAR)));
        db.load_font_source(fontdb::Source::Binary(Arc::new(BOLD)));
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The advance width of `text` in px at `size` px, from the embedded font's
/// horizontal metrics (kerning left out, so a little wider than drawn, which
/// is the safe side for sizing columns). Characters the font lacks count as
/// the width of `?`.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let mut width = 0.0;
    with_advances(size, bold, |advance| {
        width = text.chars().map(advance).sum();
    });
    width
}

/// Calls `f` with a function giving each character's advance at `size` px
/// (the font is looked up once, however many characters are measured).
fn with_advances(size: f64, bold: bool, f: impl FnOnce(&dyn Fn(char) -> f64)) {
    let data = if bold { BOLD } else { REGULAR };
    let Ok(font) = FontRef::new(data) else {
        // The embedded font always parses; a conservative average advance otherwise.
        f(&|_| size * 0.62);
        return;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size as f32), LocationRef::default());
    let fallback = charmap.map('?').and_then(|g| metrics.advance_width(g)).unwrap_or(size as f32 * 0.6);
    f(&|c| f64::from(charmap.map(c).and_then(|g| metrics.advance_width(g)).unwrap_or(fallback)));
}

/// `text` cut to fit in `max_width` px (with `…` at the end), or whole if it
/// fits. One pass over the characters, stopping as soon as the text is
/// known not to fit: the cost is linear in what fits, however long `text` is.
pub fn fit(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    let mut cut = None;
    with_advances(size, bold, |advance| {
        let ellipsis = advance('…');
        let mut width = 0.0;
        // The longest prefix that fits with the ellipsis after it.
        let mut keep = 0;
        for (i, c) in text.char_indices() {
            width += advance(c);
            if width > max_width {
                cut = Some(keep);
                return;
            }
            if width + ellipsis <= max_width {
                keep = i + c.len_utf8();
            }
        }
    });
    match cut {
        None => text.to_owned(),
        Some(keep) => {
            let mut out = String::with_capacity(keep + '…'.len_utf8());
            out.push_str(&text[..keep]);
            out.push('…');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_load_and_measure() {
        let db = database();
        assert_eq!(db.len(), 2);
        assert!(db.faces().all(|f| f.families.iter().any(|(name, _)| name == FAMILY)));
        let w = text_width("shielded", 14.0, false);
        assert!(w > 40.0 && w < 80.0, "{w}");
        assert!(text_width("main", 14.0, true) > text_width("main", 14.0, false));
        assert!(text_width("✓", 14.0, false) > 0.0);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let cut = fit("a_very_long_task_name_indeed", 14.0, false, 80.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 14.0, false) <= 80.0);
        assert_eq!(fit("main", 14.0, false, 80.0), "main");
    }
}
