//! Where JSON values and keys sit in their text, by JSON pointer: one linear pass of a
//! small tokenizer over the text, looking only for the pointers asked for.
//!
//! serde_json keeps no positions, so diagnostics (file + pointer) get their line and
//! column here, after the fact, from the same text the parser read.

use std::collections::HashMap;
use std::ops::Range;

/// Byte ranges of one value in its text, and of its key when it is an object member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The member's key, quotes included; `None` for the root and for array items.
    pub key: Option<Range<usize>>,
    /// The value, from its first to its last byte (brackets and quotes included).
    pub value: Range<usize>,
}

/// The position of each of `pointers` (RFC 6901) in the JSON `text`, in one pass.
///
/// A pointer that does not resolve, is not a pointer, or lies past a syntax error gets
/// `None`. When an object names a key twice, the last occurrence wins (the one a
/// duplicate-key diagnostic is about). Linear in the text plus the pointers; nesting is
/// tracked on a heap stack, so deep input cannot overflow the call stack.
pub fn find(text: &str, pointers: &[&str]) -> Vec<Option<Position>> {
    let mut trie = Trie::default();
    for (i, pointer) in pointers.iter().enumerate() {
        if let Some(tokens) = tokens(pointer) {
            trie.insert(&tokens, i);
        }
    }
    let mut found = vec![None; pointers.len()];
    Walker { bytes: text.as_bytes(), pos: 0, trie: &trie, found: &mut found }.run();
    found
}

/// The reference tokens of a JSON pointer, unescaped; `None` if it is not a pointer.
fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect())
}

/// The pointers asked for, as a tree of reference tokens: the walk descends into a value
/// only as far as some pointer goes, and never builds a pointer string.
#[derive(Debug)]
struct Trie {
    nodes: Vec<TrieNode>,
}

#[derive(Debug, Default)]
struct TrieNode {
    children: HashMap<String, usize>,
    /// Indices (into the pointers asked for) that end here.
    wanted: Vec<usize>,
}

impl Default for Trie {
    fn default() -> Self {
        Self { nodes: vec![TrieNode::default()] }
    }
}

impl Trie {
    fn insert(&mut self, tokens: &[String], index: usize) {
        let mut at = 0;
        for token in tokens {
            at = match self.nodes[at].children.get(token) {
                Some(&next) => next,
                None => {
                    self.nodes.push(TrieNode::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[at].children.insert(token.clone(), next);
                    next
                }
            };
        }
        self.nodes[at].wanted.push(index);
    }

    fn has_children(&self, node: Option<usize>) -> bool {
        node.is_some_and(|n| !self.nodes[n].children.is_empty())
    }

    fn child(&self, node: Option<usize>, token: &str) -> Option<usize> {
        node.and_then(|n| self.nodes[n].children.get(token).copied())
    }
}

/// An open object or array.
enum Frame {
    Object { start: usize, node: Option<usize>, key: Option<Range<usize>>, first: bool },
    Array { start: usize, node: Option<usize>, key: Option<Range<usize>>, index: usize },
}

struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    trie: &'a Trie,
    found: &'a mut [Option<Position>],
}

impl Walker<'_> {
    /// Walks the whole text; stops quietly at the first thing that is not JSON.
    fn run(&mut self) {
        let mut stack: Vec<Frame> = Vec::new();
        // The value to read next: its trie node and its key's range.
        let mut next = Some((Some(0), None));
        loop {
            self.skip_whitespace();
            if let Some((node, key)) = next.take() {
                let start = self.pos;
                match self.bytes.get(start) {
                    Some(b'{') => {
                        self.pos += 1;
                        stack.push(Frame::Object { start, node, key, first: true });
                        continue;
                    }
                    Some(b'[') => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if self.bytes.get(self.pos) != Some(&b']') {
                            next = Some((self.item(node, 0), None));
                        }
                        stack.push(Frame::Array { start, node, key, index: 0 });
                        continue;
                    }
                    Some(b'"') => {
                        if !self.skip_string() {
                            return;
                        }
                    }
                    Some(_) => {
                        while self.bytes.get(self.pos).is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r')) {
                            self.pos += 1;
                        }
                        if self.pos == start {
                            return;
                        }
                    }
                    None => return,
                }
                self.record(node, key, start..self.pos);
                continue;
            }
            let Some(frame) = stack.last_mut() else { return };
            let byte = self.bytes.get(self.pos).copied();
            match frame {
                Frame::Object { node, first, .. } => match byte {
                    Some(b'}') => {
                        self.pos += 1;
                        self.close(&mut stack);
                    }
                    Some(b',') if !*first => {
                        self.pos += 1;
                        let node = *node;
                        match self.member(node) {
                            Some(member) => next = Some(member),
                            None => return,
                        }
                    }
                    Some(b'"') if *first => {
                        *first = false;
                        let node = *node;
                        match self.member(node) {
                            Some(member) => next = Some(member),
                            None => return,
                        }
                    }
                    _ => return,
                },
                Frame::Array { node, index, .. } => match byte {
                    Some(b']') => {
                        self.pos += 1;
                        self.close(&mut stack);
                    }
                    Some(b',') => {
                        self.pos += 1;
                        *index += 1;
                        let (node, index) = (*node, *index);
                        next = Some((self.item(node, index), None));
                    }
                    _ => return,
                },
            }
        }
    }

    /// Reads `"key":` and returns the member value's trie node and the key's range.
    fn member(&mut self, object: Option<usize>) -> Option<(Option<usize>, Option<Range<usize>>)> {
        self.skip_whitespace();
        let start = self.pos;
        if self.bytes.get(start) != Some(&b'"') || !self.skip_string() {
            return None;
        }
        let range = start..self.pos;
        let node = if self.trie.has_children(object) { self.trie.child(object, &unescape(&self.bytes[start + 1..self.pos - 1])) } else { None };
        self.skip_whitespace();
        if self.bytes.get(self.pos) != Some(&b':') {
            return None;
        }
        self.pos += 1;
        Some((node, Some(range)))
    }

    /// The trie node of item `index` of the array at `array`.
    fn item(&self, array: Option<usize>, index: usize) -> Option<usize> {
        if self.trie.has_children(array) {
            self.trie.child(array, &index.to_string())
        } else {
            None
        }
    }

    /// Closes the innermost container (its closing bracket just read) and records it.
    fn close(&mut self, stack: &mut Vec<Frame>) {
        if let Some(Frame::Object { start, node, key, .. } | Frame::Array { start, node, key, .. }) = stack.pop() {
            self.record(node, key, start..self.pos);
        }
    }

    fn record(&mut self, node: Option<usize>, key: Option<Range<usize>>, value: Range<usize>) {
        if let Some(node) = node {
            for &i in &self.trie.nodes[node].wanted {
                self.found[i] = Some(Position { key: key.clone(), value: value.clone() });
            }
        }
    }

    /// Skips a string starting at the current `"`; false when it never ends.
    fn skip_string(&mut self) -> bool {
        let mut i = self.pos + 1;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.pos = i + 1;
                    return true;
                }
                _ => i += 1,
            }
        }
        false
    }

    fn skip_whitespace(&mut self) {
        while self.bytes.get(self.pos).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }
}

/// The text of a JSON string's body (between the quotes), escapes decoded; a broken
/// escape decodes to U+FFFD.
fn unescape(body: &[u8]) -> String {
    if !body.contains(&b'\\') {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut out = String::with_capacity(body.len());
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    let mut plain = Vec::new();
    let flush_units = |units: &mut Vec<u16>, out: &mut String| {
        out.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    };
    while i < body.len() {
        if body[i] != b'\\' {
            flush_units(&mut units, &mut out);
            plain.clear();
            while i < body.len() && body[i] != b'\\' {
                plain.push(body[i]);
                i += 1;
            }
            out.push_str(&String::from_utf8_lossy(&plain));
            continue;
        }
        let escape = body.get(i + 1).copied();
        i += 2;
        if escape == Some(b'u') {
            match body.get(i..i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u16::from_str_radix(h, 16).ok()) {
                Some(unit) => units.push(unit),
                None => units.push(0xFFFD),
            }
            i += 4;
            continue;
        }
        flush_units(&mut units, &mut out);
        out.push(match escape {
            Some(b'n') => '\n',
            Some(b't') => '\t',
            Some(b'r') => '\r',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b @ (b'"' | b'\\' | b'/')) => char::from(b),
            _ => char::REPLACEMENT_CHARACTER,
        });
    }
    flush_units(&mut units, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, pointer: &str) -> Option<(Option<&'t str>, &'t str)> {
        find(text, &[pointer])[0].clone().map(|p| (p.key.map(|k| &text[k]), &text[p.value]))
    }

    #[test]
    fn values_and_keys_are_found_by_pointer() {
        let text = r#"{"a": {"b": [1, {"c": "x\"y"}, [true, null]]}, "d~/e": -1.5e3, "é": {}}"#;
        assert_eq!(at(text, ""), Some((None, text)));
        assert_eq!(at(text, "/a/b/0"), Some((None, "1")));
        assert_eq!(at(text, "/a/b/1/c"), Some((Some(r#""c""#), r#""x\"y""#)));
        assert_eq!(at(text, "/a/b/2"), Some((None, "[true, null]")));
        assert_eq!(at(text, "/a/b/2/1"), Some((None, "null")));
        assert_eq!(at(text, "/d~0~1e"), Some((Some(r#""d~/e""#), "-1.5e3")));
        assert_eq!(at(text, "/é"), Some((Some(r#""é""#), "{}")));
        assert_eq!(at(text, "/a/b/3"), None);
        assert_eq!(at(text, "/a/x"), None);
        assert_eq!(at(text, "a"), None);
    }

    #[test]
    fn escaped_keys_match_their_decoded_text_and_the_last_duplicate_wins() {
        let text = "{\"\\u00e9\\n\": 1, \"\\ud83d\\ude00\": 2, \"k\": 1,\n \"k\": 2}";
        assert_eq!(at(text, "/é\n"), Some((Some("\"\\u00e9\\n\""), "1")));
        assert_eq!(at(text, "/😀"), Some((Some("\"\\ud83d\\ude00\""), "2")));
        assert_eq!(at(text, "/k"), Some((Some("\"k\""), "2")));
    }

    #[test]
    fn broken_and_deep_input_end_the_walk_without_harm() {
        assert_eq!(at(r#"{"a": 1, "b" 2}"#, "/a"), Some((Some(r#""a""#), "1")));
        assert_eq!(at(r#"{"a": 1, "b" 2}"#, "/b"), None);
        assert_eq!(at(r#"{"a": "never ends"#, "/a"), None);
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let pointer = "/0".repeat(100_000);
        assert_eq!(at(&deep, &pointer), Some((None, "1")));
        let pointers: Vec<String> = (0..1000).map(|i| format!("/{i}")).collect();
        let text = format!("[{}]", (0..1000).map(|i| i.to_string()).collect::<Vec<_>>().join(","));
        let refs: Vec<&str> = pointers.iter().map(String::as_str).collect();
        assert!(find(&text, &refs).iter().enumerate().all(|(i, p)| p.as_ref().is_some_and(|p| text[p.value.clone()] == i.to_string())));
    }
}
