//! From file + JSON pointer to what a person opens: the path as the user named it, and
//! the line and column of the value (or key) in that file's text.
//!
//! Problems are recorded by file and pointer in every stage (the model stage has no text
//! at hand); positions are resolved here, once, at the end: each file named is read again
//! through the loader's reader and walked once for all of its pointers.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostics::{child, Diagnostic, Problem, Span};
use crate::load::spans::{self, Position};

/// Lines longer than this (bytes) are shown as a window around the position.
const MAX_SHOWN_LINE: usize = 4096;

/// What to point at in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Aim {
    /// The value at the pointer.
    Value,
    /// The key of the member at the pointer.
    Key,
    /// A line and column (1-based, column in bytes) the parser reported.
    Text { line: usize, column: usize },
    /// Nothing: the problem has no place in the text.
    Nowhere,
}

impl Aim {
    /// Where a problem points, and at which pointer (a duplicate key's is its member's).
    pub(crate) fn of(problem: &Problem, pointer: &str) -> (Self, String) {
        match problem {
            Problem::Json { line, column, .. } => (Self::Text { line: *line, column: *column }, pointer.to_owned()),
            Problem::DuplicateKey(key) => (Self::Key, child(pointer, key)),
            p if !p.has_position() => (Self::Nowhere, pointer.to_owned()),
            p if p.is_about_a_key() => (Self::Key, pointer.to_owned()),
            _ => (Self::Value, pointer.to_owned()),
        }
    }
}

/// One finding to locate: its file (relative to the contract root) and pointer.
pub(crate) struct Target<'a> {
    pub(crate) file: &'a Path,
    pub(crate) pointer: String,
    pub(crate) aim: Aim,
}

/// The path shown for `file`: the contract root as given joined with it; a build-script
/// setting (`BadConfig`) names no file, and the root's own problems name the root.
pub(crate) fn shown(contracts: &Path, file: &Path, problem: Option<&Problem>) -> PathBuf {
    if matches!(problem, Some(Problem::BadConfig(_))) || file.is_absolute() {
        file.to_path_buf()
    } else if file.as_os_str().is_empty() {
        contracts.to_path_buf()
    } else {
        contracts.join(file)
    }
}

/// Fills in `shown` and `span` of every diagnostic.
pub(crate) fn diagnostics(list: &mut [Diagnostic], contracts: &Path) {
    let targets: Vec<Target<'_>> = list
        .iter()
        .map(|d| {
            let (aim, pointer) = Aim::of(&d.problem, &d.pointer);
            Target { file: &d.file, pointer, aim }
        })
        .collect();
    let spans = spans_of(contracts, &targets);
    for (d, span) in list.iter_mut().zip(spans) {
        d.shown = shown(contracts, &d.file, Some(&d.problem));
        d.span = span;
    }
}

/// The span of each target, reading each file once; `None` where there is none.
pub(crate) fn spans_of(contracts: &Path, targets: &[Target<'_>]) -> Vec<Option<Span>> {
    let mut out = vec![None; targets.len()];
    let Ok(root) = contracts.canonicalize() else { return out };
    let mut by_file: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        if t.aim != Aim::Nowhere && !t.file.as_os_str().is_empty() {
            by_file.entry(t.file).or_default().push(i);
        }
    }
    for (file, indices) in by_file {
        // The same reader as loading: a FIFO or a file outside the root is not read here either.
        let Ok((_, text)) = crate::load::read_text(&root, &root.join(file)) else { continue };
        let lines = Lines::new(&text);
        let pointers: Vec<&str> = indices.iter().map(|&i| targets[i].pointer.as_str()).collect();
        let found = spans::find(&text, &pointers);
        for (&i, position) in indices.iter().zip(found) {
            let range = match (&targets[i].aim, position) {
                (Aim::Text { line, column }, _) => lines.offset(*line, *column).map(|at| at..at),
                (Aim::Key, Some(Position { key: Some(key), .. })) => Some(key),
                (Aim::Key | Aim::Value, Some(Position { value, .. })) => Some(value),
                _ => None,
            };
            out[i] = range.map(|r| lines.span(&text, r));
        }
    }
    out
}

/// Where each line of a text starts.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The byte offset of a parser's (line, column), clamped to the line.
    fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(usize::MAX, |next| next - 1);
        Some((start + column.saturating_sub(1)).min(end))
    }

    /// The span of `range` (bytes of `text`): its first line, and the part of that line it covers.
    fn span(&self, text: &str, range: Range<usize>) -> Span {
        let at = floor_char(text, range.start.min(text.len()));
        let index = self.starts.partition_point(|&s| s <= at) - 1;
        let line_start = self.starts[index];
        let mut line_end = self.starts.get(index + 1).map_or(text.len(), |next| next - 1);
        if text[line_start..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let line_end = line_end.max(at);
        let column = text[line_start..at].chars().count() + 1;
        let mut end = floor_char(text, range.end.min(line_end));
        if end <= at {
            // Point at one character (or at the end of the line).
            end = text[at..line_end].chars().next().map_or(at, |c| at + c.len_utf8());
        }
        let (from, to) = if line_end - line_start <= MAX_SHOWN_LINE {
            (line_start, line_end)
        } else {
            (floor_char(text, at.saturating_sub(80).max(line_start)), floor_char(text, (at + 240).min(line_end)).max(end))
        };
        Span { line: index + 1, column, source: text[from..to].to_owned(), underline: at - from..end - from, whole_line: from == line_start && to == line_end }
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_lines_and_characters() {
        let text = "{\r\n  \"é\": \"x\",\n  \"b\": [1,\n 2]\n}";
        let lines = Lines::new(text);
        let at = text.find("\"x\"").unwrap();
        let s = lines.span(text, at..at + 3);
        assert_eq!((s.line, s.column, s.source.as_str(), &s.source[s.underline.clone()]), (2, 8, "  \"é\": \"x\",", "\"x\""));
        let at = text.find('[').unwrap();
        let s = lines.span(text, at..text.find(']').unwrap() + 1);
        assert_eq!((s.line, s.column, &s.source[s.underline.clone()]), (3, 8, "[1,"));
        assert_eq!(lines.offset(4, 3), Some(text.find("2]").unwrap() + 1));
        assert_eq!(lines.offset(9, 1), None);
        let s = lines.span(text, text.len()..text.len());
        assert_eq!((s.line, s.column, s.underline.clone()), (5, 2, 1..1));
    }

    #[test]
    fn an_over_long_line_is_shown_as_a_window_with_the_true_column() {
        let text = format!("{{\"a\": \"{}\", \"b\": 1}}", "é".repeat(10_000));
        let at = text.find("\"b\"").unwrap();
        let s = Lines::new(&text).span(&text, at..at + 3);
        assert_eq!((s.line, s.column, s.whole_line), (1, 10_011, false));
        assert!(s.source.len() <= 400, "{}", s.source.len());
        assert_eq!(&s.source[s.underline.clone()], "\"b\"");
    }
}
