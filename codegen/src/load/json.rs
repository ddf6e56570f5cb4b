//! Reading contract files: every file the generator reads (registry, envelope, payload
//! schemas, `$ref` targets) goes through [`read_document`], which refuses what is not a
//! regular file inside the contract root, caps the size, and refuses duplicate keys.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostics::{child, Problem, Sink};

/// The largest contract file read, in bytes. Contract documents are small; anything
/// larger is a mistake (or `/dev/zero`), and reading it whole would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read as a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Where in the document, when the problem is inside it (a duplicate key, a syntax error).
    pub pointer: String,
    /// What is wrong.
    pub problem: Problem,
}

impl From<Problem> for ReadError {
    fn from(problem: Problem) -> Self {
        Self { pointer: String::new(), problem }
    }
}

/// Reads `path` as text: the file, after following symlinks, must lie inside `root`
/// (canonical), must be a regular file (a FIFO would block, a device never end), and
/// must be at most [`MAX_FILE_BYTES`] long. Returns the canonical path and the text.
pub fn read_text(root: &Path, path: &Path) -> Result<(PathBuf, String), Problem> {
    let real = path.canonicalize().map_err(|e| Problem::Io(e.to_string()))?;
    if !real.starts_with(root) {
        return Err(Problem::OutsideRoot(real.display().to_string()));
    }
    let kind = std::fs::metadata(&real).map_err(|e| Problem::Io(e.to_string()))?.file_type();
    if !kind.is_file() {
        return Err(Problem::NotAFile(file_kind(&kind)));
    }
    let file = std::fs::File::open(&real).map_err(|e| Problem::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Problem::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::FileTooLarge { limit: MAX_FILE_BYTES });
    }
    let text = String::from_utf8(bytes).map_err(|e| Problem::Io(format!("the file is not UTF-8: {e}")))?;
    Ok((real, text))
}

fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Reads and parses a contract document (see [`read_text`] and [`parse`]).
pub fn read_document(root: &Path, path: &Path) -> Result<(PathBuf, Value), ReadError> {
    let (real, text) = read_text(root, path)?;
    Ok((real, parse(&text)?))
}

/// Reads and parses `path`; on failure records why under `shown` and returns `None`.
pub fn read_json(root: &Path, path: &Path, shown: &Path, sink: &mut Sink) -> Option<Value> {
    match read_document(root, path) {
        Ok((_, value)) => Some(value),
        Err(e) => {
            sink.push(shown, &e.pointer, e.problem);
            None
        }
    }
}

/// Parses JSON text into a value, refusing an object that names a key twice (JSON
/// parsers disagree on which one wins, so a contract must not depend on it).
pub fn parse(text: &str) -> Result<Value, ReadError> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Node { path: &RefCell::new(Vec::new()), duplicate: &found }.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match result {
        Ok(value) => Ok(value),
        Err(e) => {
            if let Some((pointer, key)) = found.into_inner() {
                return Err(ReadError { pointer, problem: Problem::DuplicateKey(key) });
            }
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Err(Problem::Json { line: e.line(), column: e.column(), message }.into())
        }
    }
}

/// A JSON value being parsed at `path`; records the first duplicate key met.
#[derive(Clone, Copy)]
struct Node<'a> {
    path: &'a RefCell<Vec<String>>,
    duplicate: &'a RefCell<Option<(String, String)>>,
}

impl Node<'_> {
    fn pointer(&self) -> String {
        self.path.borrow().iter().fold(String::new(), |p, token| child(&p, token))
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.borrow_mut().push(items.len().to_string());
            let item = seq.next_element_seed(self);
            self.path.borrow_mut().pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some((self.pointer(), key));
                return Err(A::Error::custom("duplicate key"));
            }
            self.path.borrow_mut().push(key.clone());
            let value = map.next_value_seed(self);
            self.path.borrow_mut().pop();
            object.insert(key, value?);
        }
        Ok(Value::Object(object))
    }
}

/// The JSON pointer of a `$ref` fragment (the part after `#`): a URI fragment is
/// percent-encoded (RFC 3986), so `a%20b` names the key `a b`; the result is an RFC 6901
/// pointer. `None` when the percent-encoding is broken or does not decode to UTF-8.
pub fn fragment_pointer(fragment: &str) -> Option<String> {
    percent_decode(fragment)
}

/// Percent-decoding (RFC 3986) of a URI component such as a `$ref` path; `None` when an
/// escape is broken or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let fragment = text;
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = fragment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_with_the_pointer_of_their_object() {
        let e = parse(r#"{"a": {"b": [1, {"c": 1, "c": 2}]}}"#).unwrap_err();
        assert_eq!(e, ReadError { pointer: "/a/b/1".into(), problem: Problem::DuplicateKey("c".into()) });
        let e = parse(r#"{"x/y": {"k": 1, "k": 1}}"#).unwrap_err();
        assert_eq!(e.pointer, "/x~1y");
        assert_eq!(parse(r#"{"a": [1, 2.5, "s", null, true, {}]}"#).unwrap(), serde_json::json!({"a": [1, 2.5, "s", null, true, {}]}));
        assert!(matches!(parse("{\"a\": 1,}").unwrap_err().problem, Problem::Json { line: 1, .. }));
        assert!(matches!(parse("{} x").unwrap_err().problem, Problem::Json { .. }));
    }

    #[test]
    fn fragments_are_percent_decoded() {
        assert_eq!(fragment_pointer("/$defs/a%20b").as_deref(), Some("/$defs/a b"));
        assert_eq!(fragment_pointer("/$defs/%C3%A4").as_deref(), Some("/$defs/ä"));
        assert_eq!(fragment_pointer("/$defs/plain").as_deref(), Some("/$defs/plain"));
        assert_eq!(fragment_pointer("/a%2"), None);
        assert_eq!(fragment_pointer("/a%zz"), None);
        assert_eq!(fragment_pointer("/a%ff"), None);
    }
}
