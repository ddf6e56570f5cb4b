//! ECMA-262 patterns (what JSON Schema specifies) → Rust `regex` syntax. The two agree but on
//! a few escapes: ECMA's `\d`, `\w` are ASCII-only and its `\s` is a fixed list, where the
//! Rust crate's are Unicode-wide; `\cX` control escapes; and a `[` inside a class is literal
//! in ECMA but opens a nested class in Rust.

/// ECMA-262 `\s`: WhiteSpace and LineTerminator code points, as Rust class items.
const SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// An ECMA-262 pattern compiled for the `regex` crate.
pub(crate) fn compile(ecma: &str) -> Result<regex::Regex, regex::Error> {
    regex::Regex::new(&translate(ecma))
}

/// The Rust form of an ECMA-262 pattern (look-around and back-references stay as they are,
/// and the `regex` crate then refuses them).
pub(crate) fn translate(ecma: &str) -> String {
    let mut out = String::with_capacity(ecma.len() + 8);
    let mut chars = ecma.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str("[0-9]"),
                Some('D') => out.push_str("[^0-9]"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('W') => out.push_str("[^0-9A-Za-z_]"),
                Some('s') => {
                    out.push('[');
                    out.push_str(SPACE);
                    out.push(']');
                }
                Some('S') => {
                    out.push_str("[^");
                    out.push_str(SPACE);
                    out.push(']');
                }
                Some('c') if chars.peek().is_some_and(char::is_ascii_alphabetic) => {
                    let letter = chars.next().map_or(0, |l| l as u32);
                    out.push_str(&format!("\\x{:02X}", letter % 32));
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::compile;

    fn matches(ecma: &str, s: &str) -> bool {
        compile(ecma).expect("translated pattern compiles").is_match(s)
    }

    #[test]
    fn classes_have_ecma_meaning() {
        assert!(matches(r"^\d+$", "0123"));
        assert!(!matches(r"^\d$", "\u{0664}"), "ARABIC-INDIC DIGIT FOUR is not an ECMA digit");
        assert!(matches(r"^\D$", "\u{07C0}"));
        assert!(!matches(r"^\w$", "é"));
        assert!(matches(r"^\W$", "é"));
        assert!(matches(r"^\s$", "\u{FEFF}"));
        assert!(!matches(r"^\S$", "\u{FEFF}"));
        assert!(matches(r"^[\d_]+$", "1_2"));
        assert!(matches(r"^[^\d]$", "a"));
        assert!(!matches(r"^[^\d]$", "1"));
        assert!(matches(r"^\cC$", "\u{3}"));
        assert!(matches(r"^[a[]+$", "a[a"));
        assert!(matches(r"^\\d$", "\\d"), "an escaped backslash is not an escape");
        assert!(matches(r"^\p{Letter}+$", "éa"));
    }

    #[test]
    fn a_class_ends_at_its_bracket() {
        // ECMA-262: `]` closes the class, so the next `[` opens another one (only a `[` inside
        // a class is a literal character).
        assert!(matches(r"^[a]b[c]$", "abc"));
        assert!(!matches(r"^[a]b[c]$", "ab[c]"));
        assert!(matches(r"^[^x][[]$", "y["));
        assert!(matches(r"^[\]][a-c]+$", "]cab"), "an escaped bracket does not close the class");
    }

    #[test]
    fn a_control_escape_takes_a_letter_only() {
        // ECMA-262 (with the u flag, the grammar schemas use): `\c` is followed by an ASCII
        // letter (`\cJ` is U+000A, `\cj` too); `\c1`, `\c_` or a trailing `\c` are syntax errors.
        assert!(matches(r"^\cJ\cj$", "\n\n"));
        for bad in [r"^\c1$", r"^\c_$", r"^\cé$", r"\c"] {
            assert!(compile(bad).is_err(), "{bad}");
        }
    }
}
