//! Python-compatible formatting: `repr(float)`, `round(x, 6)` and the string
//! escaping of `json.dumps`, so taskline's output can be compared byte for
//! byte with traces recorded by CPython.

use std::fmt::Write;

/// Formats `x` as Python's `repr(float)` does (`1.0`, `0.1`, `1e-06`, `inf`).
///
/// # Examples
/// ```
/// use taskline::trace::pyfmt::float_repr;
/// assert_eq!(float_repr(1.0), "1.0");
/// assert_eq!(float_repr(1e-6), "1e-06");
/// assert_eq!(float_repr(1.5e16), "1.5e+16");
/// ```
pub fn float_repr(x: f64) -> String {
    let mut s = String::new();
    write_float_repr(&mut s, x);
    s
}

/// Appends Python's `repr(x)` to `out`.
pub fn write_float_repr(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x > 0.0 { "inf" } else { "-inf" });
        return;
    }
    if x == 0.0 {
        out.push_str(if x.is_sign_negative() { "-0.0" } else { "0.0" });
        return;
    }
    // Shortest round-trip digits, in scientific form: "d.ddde[-]x".
    let sci = format!("{:e}", x.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let n = digits.len() as i32;
    if x < 0.0 {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            if n <= exp + 1 {
                out.push_str(&digits);
                for _ in 0..(exp + 1 - n) {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                let (a, b) = digits.split_at((exp + 1) as usize);
                out.push_str(a);
                out.push('.');
                out.push_str(b);
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        let (a, b) = digits.split_at(1);
        out.push_str(a);
        if !b.is_empty() {
            out.push('.');
            out.push_str(b);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
}

/// Python's `round(x, 6) + 0.0`: correctly rounded to 6 decimals, `-0.0` made `0.0`.
pub fn round6(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let s = format!("{x:.6}");
    s.parse::<f64>().unwrap_or(x) + 0.0
}

/// Appends `s` as a JSON string the way Python's `json.dumps` writes it
/// (`ensure_ascii=True`: every non-ASCII character as `\uXXXX`).
pub fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Python's `repr()` of a `str`: single quotes unless the text holds a single
/// quote and no double quote.
///
/// # Examples
/// ```
/// use taskline::trace::pyfmt::str_repr;
/// assert_eq!(str_repr("A"), "'A'");
/// assert_eq!(str_repr("it's"), "\"it's\"");
/// ```
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_does() {
        let cases = [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (0.30000000000000004, "0.30000000000000004"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (123456789.0, "123456789.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (9999999999999998.0, "9999999999999998.0"),
            (-3.25, "-3.25"),
            (1700000000.5, "1700000000.5"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "repr({x})");
        }
    }

    #[test]
    fn rounding_matches_python_round() {
        assert_eq!(round6(0.1 + 0.2), 0.3);
        assert_eq!(round6(1.0000004), 1.0);
        assert_eq!(round6(1.0000006), 1.000001);
        assert_eq!(round6(-0.0).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn json_strings_escape_like_python() {
        let mut s = String::new();
        write_json_str(&mut s, "a\"b\\c\n\u{e9}\u{1f600}");
        assert_eq!(s, r#""a\"b\\c\n\u00e9\ud83d\ude00""#);
    }
}
