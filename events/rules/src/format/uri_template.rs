//! `uri-template` (RFC 6570 appendix A, with verified erratum 6937), up to level 4.
//!
//! Checked by a transcription of the ABNF rather than a crate: the one well-kept crate with a
//! template parser, `iri-string`, parses to expand, not to judge syntax, and differs from the
//! ABNF both ways (it takes `{x:0}`, `{x:10000}` and `{x..y}`; it refuses non-ASCII literals
//! and the reserved operators); the others are unmaintained expanders.
//!
//! ```text
//! URI-Template  = *( literals / expression )
//! literals      = %x21 / %x23-24 / %x26-3B / %x3D / %x3F-5B / %x5D / %x5F / %x61-7A / %x7E
//!               / ucschar / iprivate / pct-encoded      ; %x26-3B: erratum 6937 admits "'"
//! expression    = "{" [ operator ] variable-list "}"
//! operator      = "+" / "#" / "." / "/" / ";" / "?" / "&" / "=" / "," / "!" / "@" / "|"
//! variable-list = varspec *( "," varspec )
//! varspec       = varname [ ":" max-length / "*" ]
//! varname       = varchar *( ["."] varchar )
//! varchar       = ALPHA / DIGIT / "_" / pct-encoded
//! max-length    = %x31-39 0*3DIGIT
//! ```

/// True when `text` matches `URI-Template`.
pub(super) fn is_uri_template(text: &str) -> bool {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = match c {
            '{' => match rest[1..].split_once('}') {
                Some((expression, after)) if is_expression(expression) => after,
                _ => return false,
            },
            '%' => match after_pct_encoded(rest) {
                Some(after) => after,
                None => return false,
            },
            c if is_literal(c) => &rest[c.len_utf8()..],
            _ => return false,
        };
    }
    true
}

/// The inside of `{…}`: an optional operator, then one or more comma-separated varspecs.
fn is_expression(expression: &str) -> bool {
    const OPERATORS: &[char] = &['+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|'];
    let variables = expression.strip_prefix(OPERATORS).unwrap_or(expression);
    variables.split(',').all(is_varspec)
}

fn is_varspec(varspec: &str) -> bool {
    if let Some(name) = varspec.strip_suffix('*') {
        return is_varname(name);
    }
    match varspec.split_once(':') {
        Some((name, max_length)) => is_varname(name) && is_max_length(max_length),
        None => is_varname(varspec),
    }
}

/// One or more varchars, single dots only between them.
fn is_varname(name: &str) -> bool {
    name.split('.').all(|run| {
        let mut rest = run;
        while let Some(c) = rest.chars().next() {
            rest = match c {
                '%' => match after_pct_encoded(rest) {
                    Some(after) => after,
                    None => return false,
                },
                c if c.is_ascii_alphanumeric() || c == '_' => &rest[1..],
                _ => return false,
            };
        }
        !run.is_empty()
    })
}

/// 1 to 9999, without leading zeros.
fn is_max_length(digits: &str) -> bool {
    (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// What follows a `%` and two hex digits at the start of `text`.
fn after_pct_encoded(text: &str) -> Option<&str> {
    match text.as_bytes() {
        [b'%', high, low, ..] if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => Some(&text[3..]),
        _ => None,
    }
}

/// A literal character other than the `%` of a percent-encoding.
fn is_literal(c: char) -> bool {
    match u32::from(c) {
        0x21 | 0x23..=0x24 | 0x26..=0x3B | 0x3D | 0x3F..=0x5B | 0x5D | 0x5F | 0x61..=0x7A | 0x7E => true,
        // RFC 3987 ucschar and iprivate.
        0xA0..=0xD7FF | 0xE000..=0xF8FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF => true,
        // Planes 1 to 16 but for each plane's last two code points and E0000..E0FFF (tags).
        code @ 0x1_0000.. => code & 0xFFFF <= 0xFFFD && !(0xE_0000..0xE_1000).contains(&code),
        _ => false,
    }
}
