//! Text bound for a terminal: control characters made visible.
//!
//! A script's `print("\x1b]0;pwned\x07")`, a task name, a file name or an
//! error message could otherwise set the terminal's title, clear the screen
//! or move the cursor when `taskline run` prints it. [`escape_controls`] is
//! the one place that makes such text safe; the text timeline
//! ([`super::text::render`]), the `wrote …` lines and every message on
//! stderr go through it. JSON and asyncio-trace output never do: they are
//! escaped by JSON's own rules and must stay byte-exact with CPython's.
//!
//! Escapes are Python `repr`'s: `\t`, `\n`, `\r`, and `\xNN` for the other C0
//! controls, DEL and the C1 controls (U+0080–U+009F).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is escaped: C0 controls, DEL and C1 controls.
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}')
}

/// `s` with every control character escaped as Python's `repr` escapes it
/// (`\x1b`, `\x07`, `\r`, `\t`, `\n`, `\x9b`); with `keep_newlines`, `\n`
/// stays a line break (for multi-line messages). Text without controls is
/// returned as it is.
///
/// # Examples
/// ```
/// use taskline::cli::term::escape_controls;
/// assert_eq!(escape_controls("\x1b]0;pwned\x07", false), "\\x1b]0;pwned\\x07");
/// assert_eq!(escape_controls("a\nb\tc", true), "a\nb\\tc");
/// assert_eq!(escape_controls("a\nb", false), "a\\nb");
/// assert_eq!(escape_controls("é → ✓", false), "é → ✓");
/// ```
pub fn escape_controls(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let escaped = |c: char| is_control(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !escaped(c) => out.push(c),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// Prints a message line to stderr with its control characters escaped
/// (line breaks kept).
pub fn eprint_line(message: &str) {
    eprintln!("{}", escape_controls(message, true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_escaped_like_repr() {
        assert_eq!(
            escape_controls("\x1b[2J\x07\r\t\0\x7f\u{9b}\u{85}", false),
            "\\x1b[2J\\x07\\r\\t\\x00\\x7f\\x9b\\x85"
        );
        assert_eq!(escape_controls("line\nnext", false), "line\\nnext");
        assert_eq!(escape_controls("line\nnext\x1b", true), "line\nnext\\x1b");
        assert!(matches!(escape_controls("plain ascii — and ü ✓ █", false), Cow::Borrowed(_)));
        // U+00A0 and above are not controls.
        assert_eq!(escape_controls("\u{a0}", false), "\u{a0}");
    }
}
