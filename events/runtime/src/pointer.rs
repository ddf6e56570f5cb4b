//! The JSON pointer of the value at a byte of a JSON text.
//!
//! A payload that fails to decode is located by serde_json's error position alone: the
//! position is the last byte the reader consumed before the failing `Deserialize` gave up,
//! which lies inside the failing value (a number's last digit, a string's closing quote,
//! the `}` of an object missing a member), or, when the reader refused a value from its
//! first byte without consuming it (an object where a string belongs), just before it: a
//! value therefore also owns the `:`, `,` or `[` before it and the whitespace between. Scanning the text once, without decoding it,
//! gives the innermost value spanning that byte. This replaces decoding the payload a
//! second time through a path-tracking deserializer, which monomorphised every payload
//! type's decoder twice in every user's crate (a fifth of the emitted machine code).

use std::fmt::Write as _;

/// Containers nested deeper than this are not descended into: their pointer is the
/// deepest one reached (serde_json refuses more than 128 levels anyway).
const MAX_DEPTH: usize = 512;

/// The JSON pointer (RFC 6901) of the innermost value of `text` whose bytes include byte
/// `target`, relative to `text`'s root (`""` for the root itself). Text after `target`
/// need not be valid JSON; where the text is malformed before `target`, the pointer of the
/// innermost container open there.
///
/// `refused` is the text of a value a check refused after reading it whole (see
/// [`crate::decode::refused`]): such an error is placed at the end of the enclosing
/// object or array, so when that container is found, the pointer goes on to its first
/// member whose text is `refused`.
pub(crate) fn pointer_at(text: &[u8], target: usize, refused: Option<&str>) -> String {
    let mut scan = Scan { text, at: 0, target, path: Vec::new() };
    scan.whitespace();
    match scan.value(0, 0) {
        Ok(()) => String::new(),
        Err(Stop::Found(start)) => {
            let mut pointer = scan.pointer();
            if let Some(member) = refused.and_then(|refused| member_with_text(text, start, refused.as_bytes())) {
                pointer.push_str(&member);
            }
            pointer
        }
        Err(Stop::Malformed) => scan.pointer(),
    }
}

/// The byte index of a 1-based line and column (serde_json counts columns in bytes).
pub(crate) fn byte_at(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 { 0 } else { memchr::memchr_iter(b'\n', text).nth(line - 2).map_or(text.len(), |i| i + 1) };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The pointer segment (`/key` or `/index`) of the first member of the object or array
/// starting at `start` whose text is `wanted`.
fn member_with_text(text: &[u8], start: usize, wanted: &[u8]) -> Option<String> {
    let mut scan = Scan { text, at: start, target: usize::MAX, path: Vec::new() };
    if !matches!(scan.peek(), Some(b'{' | b'[')) {
        return None;
    }
    let mut found = None;
    // Stops at the first member holding `wanted` (or at malformed text, finding nothing).
    let _ = scan.members(|scan, segment, _| {
        let value_start = scan.at;
        scan.value(1, value_start)?;
        if &text[value_start..scan.at] == wanted {
            found = Some(segment);
            return Err(Stop::Found(value_start));
        }
        Ok(())
    });
    let mut pointer = String::new();
    push_segment(&mut pointer, text, found?)?;
    Some(pointer)
}

/// Appends `/` and the segment: an array index, or the member name whose JSON string
/// (quotes included) is `text[start..end]`, unescaped as JSON (only when it has escapes),
/// then `~` → `~0`, `/` → `~1`.
fn push_segment(path: &mut String, text: &[u8], segment: Segment) -> Option<()> {
    path.push('/');
    let (start, end) = match segment {
        Segment::Index(index) => {
            let _ = write!(path, "{index}");
            return Some(());
        }
        Segment::Key(start, end) => (start, end),
    };
    let quoted = text.get(start..end)?;
    let inner = quoted.get(1..quoted.len().saturating_sub(1))?;
    let unescaped;
    let key = if memchr::memchr(b'\\', inner).is_some() {
        unescaped = serde_json::from_slice::<String>(quoted).ok()?;
        unescaped.as_str()
    } else {
        std::str::from_utf8(inner).ok()?
    };
    if !key.contains(['~', '/']) {
        path.push_str(key);
        return Some(());
    }
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    Some(())
}

/// One step of a pointer, kept as positions in the text until the pointer is needed, so a
/// scan past members that do not hold the target builds no text for them.
#[derive(Clone, Copy)]
enum Segment {
    /// A member name: the byte range of its JSON string, quotes included.
    Key(usize, usize),
    /// An array index.
    Index(usize),
}

/// Why the scan stopped early.
enum Stop {
    /// The innermost value spanning the target was found (the scan's path is its pointer):
    /// its first byte.
    Found(usize),
    /// The text is not JSON before the target (or a container is nested too deep).
    Malformed,
}

/// A scan of one JSON text: the next byte, the target byte and the path of the value
/// being read.
struct Scan<'a> {
    text: &'a [u8],
    at: usize,
    target: usize,
    path: Vec<Segment>,
}

impl Scan<'_> {
    /// The JSON pointer of the path scanned so far. A member name that is not a valid
    /// JSON string (only possible in malformed text) ends the pointer there.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in &self.path {
            if push_segment(&mut pointer, self.text, *segment).is_none() {
                break;
            }
        }
        pointer
    }

    /// Reads one value starting at `self.at`, owning the bytes from `owned` (the delimiter
    /// before it); stops when those span the target, with the scan's path its pointer.
    fn value(&mut self, depth: usize, owned: usize) -> Result<(), Stop> {
        let start = self.at;
        match self.peek() {
            Some(b'{' | b'[') if depth < MAX_DEPTH => self.members(|scan, segment, owned| {
                scan.path.push(segment);
                scan.value(depth + 1, owned)?;
                scan.path.pop();
                Ok(())
            })?,
            Some(b'"') => self.string()?,
            Some(_) => self.scalar(),
            None => return Err(Stop::Malformed),
        }
        if (owned..self.at).contains(&self.target) {
            return Err(Stop::Found(start));
        }
        if self.at == start {
            return Err(Stop::Malformed);
        }
        Ok(())
    }

    /// Reads the object or array at `self.at` (its first byte `{` or `[`), calling `member`
    /// at each member's value with the member's segment and the byte the value owns from
    /// (a member's `:`, an item's `[` or `,`); `member` reads the value.
    fn members(&mut self, mut member: impl FnMut(&mut Self, Segment, usize) -> Result<(), Stop>) -> Result<(), Stop> {
        let object = self.peek() == Some(b'{');
        let close = if object { b'}' } else { b']' };
        let mut delimiter = self.at;
        self.at += 1;
        self.whitespace();
        if self.eat(close) {
            return Ok(());
        }
        for index in 0usize.. {
            let (segment, owned) = if object {
                let key_start = self.at;
                self.string()?;
                let key_end = self.at;
                self.whitespace();
                let colon = self.at;
                if !self.eat(b':') {
                    return Err(Stop::Malformed);
                }
                self.whitespace();
                (Segment::Key(key_start, key_end), colon)
            } else {
                (Segment::Index(index), delimiter)
            };
            member(self, segment, owned)?;
            self.whitespace();
            if self.eat(close) {
                return Ok(());
            }
            delimiter = self.at;
            if !self.eat(b',') {
                return Err(Stop::Malformed);
            }
            self.whitespace();
        }
        Ok(())
    }

    /// A string, from its opening to its closing quote.
    fn string(&mut self) -> Result<(), Stop> {
        if !self.eat(b'"') {
            return Err(Stop::Malformed);
        }
        loop {
            let rest = self.text.get(self.at..).unwrap_or_default();
            let Some(next) = memchr::memchr2(b'"', b'\\', rest) else {
                self.at = self.text.len();
                return Err(Stop::Malformed);
            };
            self.at += next;
            if self.eat(b'"') {
                return Ok(());
            }
            self.at += 2;
        }
    }

    /// A number, `true`, `false` or `null`: the bytes up to the next delimiter.
    fn scalar(&mut self) {
        let rest = self.text.get(self.at..).unwrap_or_default();
        self.at += rest.iter().position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'{' | b'[' | b':')).unwrap_or(rest.len());
    }

    fn whitespace(&mut self) {
        let rest = self.text.get(self.at..).unwrap_or_default();
        self.at += rest.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).unwrap_or(rest.len());
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::pointer_at;

    /// The pointer of the value spanning the first byte of `needle` (or of the byte `skip`
    /// bytes into it).
    fn at(text: &str, needle: &str, skip: usize) -> String {
        let index = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {text}")) + skip;
        pointer_at(text.as_bytes(), index, None)
    }

    #[test]
    fn every_byte_of_a_value_points_at_that_value() {
        let text = r#"{"a": {"b": [10, {"c": "x,y"}], "d": null}, "e": true}"#;
        for (needle, len, pointer) in
            [("10", 2, "/a/b/0"), ("\"x,y\"", 5, "/a/b/1/c"), ("null", 4, "/a/d"), ("true", 4, "/e"), ("{\"c\"", 1, "/a/b/1"), ("[10", 1, "/a/b/0")]
        {
            for skip in 0..len {
                assert_eq!(at(text, needle, skip), pointer, "{needle} + {skip}");
            }
        }
    }

    /// Keys, and separators and whitespace after a value, belong to the innermost container
    /// around them: the `}` of an object missing a member is that object.
    #[test]
    fn bytes_between_values_point_at_their_container() {
        let text = r#"{"a": {"b": 1 , "c": 2 }, "d": [ 3 , 4 ] }"#;
        assert_eq!(at(text, "\"b\"", 1), "/a");
        assert_eq!(at(text, "1 ,", 1), "/a");
        assert_eq!(at(text, "2 }", 2), "/a");
        assert_eq!(at(text, "4 ]", 1), "/d");
        assert_eq!(at(text, "4 ]", 2), "/d");
        assert_eq!(at(text, "\"d\"", 0), "");
        assert_eq!(pointer_at(text.as_bytes(), text.len() - 1, None), "");
    }

    /// A value refused from its first byte is reported just before it: the `:`, `,` or `[`
    /// before a value, and the whitespace up to it, are that value's.
    #[test]
    fn the_delimiter_before_a_value_points_at_that_value() {
        let text = r#"{"a": {"b": {} , "c": [ [], {}]}}"#;
        assert_eq!(at(text, ": {}", 0), "/a/b");
        assert_eq!(at(text, ": {}", 1), "/a/b");
        assert_eq!(at(text, ", \"c\"", 0), "/a");
        assert_eq!(at(text, "[ [", 0), "/a/c/0");
        assert_eq!(at(text, "[ [", 1), "/a/c/0");
        assert_eq!(at(text, ", {}", 0), "/a/c/1");
        assert_eq!(at(text, ": {\"b", 0), "/a");
    }

    /// Keys are unescaped, then escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`).
    #[test]
    fn keys_are_json_unescaped_then_pointer_escaped() {
        let text = r#"{"a/b": {"m~n": {"\u00e9\"q": 1}}}"#;
        assert_eq!(at(text, "1}", 0), "/a~1b/m~0n/é\"q");
    }

    /// Strings hide their brackets, commas and escaped quotes from the scan.
    #[test]
    fn string_contents_are_not_structure() {
        let text = r#"["{[,\"]}", 2]"#;
        assert_eq!(at(text, "2]", 0), "/1");
        assert_eq!(at(text, "{[", 0), "/0");
    }

    #[test]
    fn empty_containers_and_the_root() {
        assert_eq!(pointer_at(br#"{"a": {}, "b": []}"#, 7, None), "/a");
        assert_eq!(pointer_at(br#"{"a": {}, "b": []}"#, 16, None), "/b");
        assert_eq!(pointer_at(b"42", 1, None), "");
        assert_eq!(pointer_at(b"  [1]", 3, None), "/0");
    }

    /// Text that breaks off or is not JSON gives the innermost container open there, and
    /// text past the target is never looked at.
    #[test]
    fn malformed_text_gives_the_innermost_open_container() {
        assert_eq!(pointer_at(br#"{"a": [1, 2"#, 100, None), "/a");
        assert_eq!(pointer_at(br#"{"a": {"b" 1}}"#, 12, None), "/a");
        assert_eq!(pointer_at(br#"{"a": 1, "b": 2 oops"#, 6, None), "/a");
        assert_eq!(pointer_at(b"", 0, None), "");
        assert_eq!(pointer_at(br#"{"a": "unterminated"#, 8, None), "/a");
    }

    /// A value refused after it was read whole is placed at its container's end: the
    /// pointer goes on to the container's first member of that text.
    #[test]
    fn a_refused_value_is_found_among_its_containers_members() {
        let text = r#"{"a": [1.5, 2.5, 2.5], "b": {"x/y": "q", "z": {"k": 1}}}"#;
        let end_of = |needle: &str| text.find(needle).unwrap() + needle.len() - 1;
        assert_eq!(pointer_at(text.as_bytes(), end_of("2.5]"), Some("2.5")), "/a/1");
        assert_eq!(pointer_at(text.as_bytes(), end_of("2.5]"), Some("3")), "/a");
        assert_eq!(pointer_at(text.as_bytes(), end_of("1}}"), Some(r#"{"k": 1}"#)), "/b/z");
        assert_eq!(pointer_at(text.as_bytes(), end_of("1}}"), Some(r#""q""#)), "/b/x~1y");
        // A scalar found at the target is the refused value itself.
        assert_eq!(pointer_at(text.as_bytes(), end_of("1.5"), Some("1.5")), "/a/0");
    }

    /// Nesting far past serde_json's limit neither overflows the stack nor loops, through
    /// arrays or objects: the pointer stops at the deepest level scanned.
    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100_000);
        assert_eq!(pointer_at(deep.as_bytes(), 99_999, None).matches('/').count(), super::MAX_DEPTH);
        let deep = r#"{"k": "#.repeat(100_000);
        assert_eq!(pointer_at(deep.as_bytes(), deep.len() - 1, None), "/k".repeat(super::MAX_DEPTH));
    }
}
