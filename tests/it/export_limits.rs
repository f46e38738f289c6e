//! Export limits: a picture's size is capped (a PNG or SVG at
//! `MAX_PIXELS`, a GIF at `MAX_GIF_PIXELS` across all its frames) with a
//! refusal that names the limit and how to get under it; a title longer than
//! the picture is cut with `…` to its width.

use taskline::export::{self, Error, Format, MAX_GIF_PIXELS, MAX_PIXELS, Options};

fn scenario(id: &str) -> taskline::trace::Log {
    taskline::scenarios::find(id).expect("a built-in scenario").run()
}

#[test]
fn a_gif_is_capped_by_its_pixels_across_all_frames() {
    let log = scenario("05_two_tasks_concurrent");
    let options = Options { width: 16_000, scale: 4.0, ..Options::default() };
    let err = export::render(&log, Format::Gif, &options).expect_err("too many pixels in all");
    let Error::GifTooLarge { frames, width, height, total } = err else { panic!("{err}") };
    assert_eq!(width, 64_000);
    assert!(frames > 1 && width * height <= MAX_PIXELS, "each frame alone is within the per-image limit");
    assert_eq!(total, frames * width * height);
    assert!(total > MAX_GIF_PIXELS);
    assert_eq!(
        err.to_string(),
        format!(
            "the GIF would be {frames} frames of 64000×{height} px, {total} pixels in all, too many (at most 1000000000 across frames): lower --width or --scale, or choose fewer steps with --steps A..B"
        )
    );
}

#[test]
fn a_png_past_the_pixel_limit_is_refused_with_the_limit() {
    let log = scenario("05_two_tasks_concurrent");
    let options = Options { width: 16_000, scale: 8.0, ..Options::default() };
    let err = export::render(&log, Format::Png, &options).expect_err("too large");
    let Error::TooLarge { width, height } = err else { panic!("{err}") };
    assert_eq!(width, 128_000);
    assert_eq!(
        err.to_string(),
        format!(
            "the image would be 128000×{height} px, too large (at most 200000000 pixels, and 65535 px a side for GIF): lower --width or --scale"
        )
    );
}

#[test]
fn an_svg_past_the_pixel_limit_is_refused_with_the_limit() {
    // 1,000 tasks at 16,000 px wide: about 16,000 × 16,000 px.
    let src = "import asyncio\n\nasync def work():\n    await asyncio.sleep(1)\n\nasync def main():\n    await asyncio.gather(*[work() for _ in range(1000)])\n\nasyncio.run(main())\n";
    let log = taskline::script::run_source("many.py", src, taskline::Config::default()).expect("runs");
    let wide = Options { width: 16_000, ..Options::default() };
    let err = export::render(&log, Format::Svg, &wide).expect_err("too large");
    let Error::TooLarge { width, height } = err else { panic!("{err}") };
    assert_eq!(width, 16_000);
    assert!(width * height > MAX_PIXELS);
    assert!(err.to_string().starts_with("the image would be 16000×"), "{err}");
    assert!(
        err.to_string()
            .ends_with("too large (at most 200000000 pixels, and 65535 px a side for GIF): lower --width or --scale")
    );
    // At the default width the same log fits.
    assert!(export::render(&log, Format::Svg, &Options::default()).is_ok());
}

#[test]
fn a_title_longer_than_the_picture_is_cut_with_an_ellipsis() {
    let log = scenario("05_two_tasks_concurrent");
    let long = "a long title ".repeat(10_000);
    let options = Options { title: Some(long.clone()), ..Options::default() };
    let svg = String::from_utf8(export::render(&log, Format::Svg, &options).unwrap()).unwrap();
    let start = svg.find("<g id=\"title\">").expect("the title group");
    let text = &svg[start..];
    let shown = &text[text.find("font-weight=\"bold\"").unwrap()..];
    let shown = &shown[shown.find('>').unwrap() + 1..shown.find("</text>").unwrap()];
    assert!(shown.ends_with('…'), "{shown}");
    let kept = shown.trim_end_matches('…');
    assert!(long.starts_with(kept), "a prefix of the title: {kept}");
    // 1200 px at 22 px a character is at most a few hundred characters.
    assert!(kept.len() > 40 && kept.len() < 300, "{} characters kept", kept.len());
    assert_eq!(svg.matches(kept).count(), 2, "in <title> and in the drawn title, nowhere else whole");
    // A title that fits is drawn whole.
    let short = Options { title: Some("Two tasks".to_owned()), ..Options::default() };
    let svg = String::from_utf8(export::render(&log, Format::Svg, &short).unwrap()).unwrap();
    assert!(svg.contains(">Two tasks</text>"));
    // The PNG of the long title is made too (its title is the same cut one).
    assert!(export::render(&log, Format::Png, &options).is_ok_and(|png| png.starts_with(b"\x89PNG")));
}
