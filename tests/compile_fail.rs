//! Compile-time guarantees of the generated API. Each case under `compile-fail/` is a small
//! program that must not compile; the exact error a user sees is checked in next to it
//! (`.stderr`). Cases under `pass/` must build and run.
//!
//! All cases are the binaries of one scratch crate, built in one `cargo build --keep-going`
//! in the shared scratch target directory (`support::scratch`), so the runtime and its
//! dependencies are compiled once for every scratch crate of the suite. A real build, not
//! `cargo check`: the out-of-range literal and the sunset guard are errors raised while
//! instantiating generic code, which only code generation reports.
//!
//! Regenerate the expectations with `UPDATE_STDERR=1 cargo test --test compile_fail`, then
//! review the diff.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::scratch;

/// The features the repository's bindings (`events`) are built with: the contract directories
/// whose bindings the cases use (compiling all thirteen would dominate the test's time), and every producer's
/// `produce-<domain>` (on by default in `events`), so a case fails for its own reason, not for
/// producer-only construction (`other_domains_event.rs` tests that on its own fixture).
const CONTRACTS: &[&str] = &[
    "identity",
    "lead-lifecycle",
    "payment-flow",
    "produce-coaching",
    "produce-delivery",
    "produce-growth",
    "produce-platform",
    "produce-revenue",
    "produce-sales",
];

/// One case: its binary name, its file relative to the repository root, whether it must compile.
struct Case {
    name: String,
    file: String,
    pass: bool,
}

fn cases(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for (dir, pass) in [("tests/compile-fail", false), ("tests/pass", true)] {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "rs")).collect();
        files.sort();
        for path in files {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            cases.push(Case { name: format!("{}_{stem}", if pass { "pass" } else { "fail" }), file: format!("{dir}/{stem}.rs"), pass });
        }
    }
    cases
}

/// What the build said: the rendered compiler messages of each binary, in order, and the
/// executables built.
#[derive(Default)]
struct Build {
    messages: BTreeMap<String, Vec<String>>,
    executables: BTreeMap<String, PathBuf>,
    /// Messages about anything but the case binaries (the runtime failing to build).
    other: Vec<String>,
}

fn build(root: &Path, cases: &[Case]) -> Build {
    let dir = scratch::crate_dir("compile-fail");
    let mut body = String::from("[dependencies]\n");
    body += &scratch::bindings_dependency(root, CONTRACTS);
    // The cases that include a fixture's generated code (`tests/snapshots/`) name the runtime
    // `::events_runtime`, the generator's default.
    body += &scratch::runtime_dependency(root, &[]);
    body += "serde_json = \"1\"\n";
    for case in cases {
        body += &format!("\n[[bin]]\nname = {:?}\npath = {:?}\n", case.name, root.join(&case.file).display().to_string());
    }
    scratch::write_manifest(root, &dir, "compile-fail-cases", &body);
    let out = scratch::cargo("build", &dir).args(["--bins", "--keep-going", "--message-format=json"]).output().unwrap();
    let mut build = Build::default();
    for line in out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let message: Value =
            serde_json::from_slice(line).unwrap_or_else(|e| panic!("cargo printed a line that is not JSON ({e}): {}", String::from_utf8_lossy(line)));
        let target = message["target"]["name"].as_str().unwrap_or_default().to_owned();
        let is_case = cases.iter().any(|c| c.name == target) && message["target"]["kind"][0] == "bin";
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default().to_owned();
                if is_case {
                    build.messages.entry(target).or_default().push(rendered);
                } else {
                    build.other.push(rendered);
                }
            }
            Some("compiler-artifact") if is_case => {
                if let Some(exe) = message["executable"].as_str() {
                    build.executables.insert(target, PathBuf::from(exe));
                }
            }
            _ => {}
        }
    }
    if !build.other.is_empty() && build.messages.is_empty() && build.executables.is_empty() {
        panic!("the cases' dependencies did not build:\n{}\n{}", build.other.join("\n"), String::from_utf8_lossy(&out.stderr));
    }
    build
}

#[test]
fn contract_violations_do_not_compile() {
    let root = support::root();
    let cases = cases(&root);
    assert!(cases.iter().filter(|c| !c.pass).count() >= 8 && cases.iter().any(|c| c.pass), "the case directories are read");
    let build = build(&root, &cases);
    let context = Context { root: root.display().to_string(), target: scratch::target_dir().display().to_string() };
    let update = std::env::var_os("UPDATE_STDERR").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let messages = build.messages.get(&case.name).map(Vec::as_slice).unwrap_or_default();
        let rendered: String = messages.concat();
        if case.pass {
            let Some(exe) = build.executables.get(&case.name) else {
                failures.push(format!("{} must compile:\n{rendered}", case.file));
                continue;
            };
            let run = std::process::Command::new(exe).output().unwrap();
            if !run.status.success() {
                failures.push(format!("{} must run successfully:\n{}", case.file, String::from_utf8_lossy(&run.stderr)));
            }
            continue;
        }
        if build.executables.contains_key(&case.name) {
            failures.push(format!("{} must not compile, it did", case.file));
            continue;
        }
        let actual = normalize(&rendered, &context, &case.file);
        let expected_path = root.join(&case.file).with_extension("stderr");
        if update {
            scratch::write_if_changed(&expected_path, &actual);
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}: the compiler's error differs from {}\n--- expected\n{expected}\n--- actual\n{actual}\n(raw:\n{rendered})",
                case.file,
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}\n\nRegenerate with UPDATE_STDERR=1 after checking the new text.", failures.join("\n\n"));
}

// ---- normalisation: the compiler's text without what depends on the machine or on lines
// outside the case file ----

/// Paths to make relative or to name by a placeholder.
struct Context {
    /// The repository root.
    root: String,
    /// The scratch target directory.
    target: String,
}

/// The rendered messages of one case as checked in: machine paths replaced (`$OUT_DIR[crate]`
/// for a build script's output, `$RUST` for the standard library, the repository root
/// removed), line and column numbers kept only for the case file itself (generated code
/// and the runtime move), the gutter narrowed to what the kept numbers need, and the
/// compiler's closing summary lines dropped.
fn normalize(rendered: &str, context: &Context, case_file: &str) -> String {
    let lines: Vec<&str> = rendered.lines().collect();
    let mut out = Vec::new();
    let mut hide = 0;
    for (i, raw) in lines.iter().enumerate() {
        let mut line = raw.trim_end().to_owned();
        if hide > 0 {
            hide -= 1;
            let digits = line.bytes().take_while(|b| *b == b' ' || b.is_ascii_digit()).count();
            line.replace_range(..digits, &" ".repeat(digits));
        }
        if is_summary(&line) || (line.is_empty() && out.last().is_some_and(String::is_empty)) {
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("--> ") || trimmed.starts_with("::: ") {
            let indent = line.len() - trimmed.len();
            let (arrow, path) = trimmed.split_at(4);
            let (path, own) = normalize_path(path, context, case_file);
            line = format!("{}{arrow}{path}", &raw[..indent]);
            if !own {
                strip_line_and_column(&mut line);
                hide = lines[i + 1..].iter().take_while(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '|' || c == '.')).count();
            }
        }
        out.push(line);
    }
    let text = unindent(&out);
    let text = text.trim_end();
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

/// The compiler's closing lines, which say nothing about the case.
fn is_summary(line: &str) -> bool {
    [
        "error: aborting due to ",
        "For more information about this error, try `rustc --explain",
        "Some errors have detailed explanations:",
        "For more information about an error, try `rustc --explain",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// A location's path with placeholders; whether it is in the case file.
fn normalize_path(path: &str, context: &Context, case_file: &str) -> (String, bool) {
    if let Some(rest) = path.strip_prefix(&context.target) {
        // <target>/[<triple>/]<profile>/build/<crate>-<16 hex>/out/<file>
        let parts: Vec<&str> = rest.split('/').collect();
        if let Some(out) = parts.iter().position(|p| *p == "out") {
            if let Some(krate) = out.checked_sub(1).and_then(|i| parts[i].rsplit_once('-')).filter(|(_, h)| h.len() == 16).map(|(k, _)| k) {
                return (format!("$OUT_DIR[{krate}]/{}", parts[out + 1..].join("/")), false);
            }
        }
    }
    if let Some(rest) = path.strip_prefix(&context.root).and_then(|r| r.strip_prefix('/')) {
        let own = rest.strip_prefix(case_file).is_some_and(|r| r.starts_with(':'));
        return (rest.to_owned(), own);
    }
    for marker in ["/rustlib/src/rust/library/", "/library/"] {
        if let Some(at) = path.find(marker).filter(|_| marker != "/library/" || path.starts_with("/rustc/")) {
            return (format!("$RUST/{}", &path[at + marker.len()..]), false);
        }
    }
    (path.to_owned(), false)
}

/// `file.rs:12:5` → `file.rs`.
fn strip_line_and_column(line: &mut String) {
    for _ in 0..2 {
        let digits = line.bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !line[..line.len() - digits].ends_with(':') {
            return;
        }
        line.truncate(line.len() - digits - 1);
    }
}

/// What a line of a diagnostic is, for narrowing the gutter.
#[derive(PartialEq)]
enum Kind {
    /// `error…:`, `warning…:`, `note:` starting a diagnostic.
    Heading,
    /// A line of the gutter (`  |`, `12 |`, `  --> `, `  = note`): how many spaces it could lose.
    Code(usize),
    /// A sub-diagnostic inside a block (`note:`, `help:`).
    Note,
    /// Anything else, with its leading spaces.
    Other(usize),
}

fn kind(line: &str, starts_block: bool, after_note: bool) -> Kind {
    for heading in ["error", "warning"] {
        if line.strip_prefix(heading).is_some_and(|r| r.starts_with([':', '['])) {
            return Kind::Heading;
        }
    }
    if starts_block && line.starts_with("note: ") {
        return Kind::Heading;
    }
    if line.starts_with("note:") || line.starts_with("help:") || line == "..." || (after_note && line.starts_with("      ")) {
        return Kind::Note;
    }
    if let Some(rest) = line.strip_prefix("... ") {
        return Kind::Code(rest.bytes().take_while(|b| *b == b' ').count());
    }
    let lead = line.bytes().take_while(|b| *b == b' ').count();
    let digits = line[lead..].bytes().take_while(u8::is_ascii_digit).count();
    let spaces = lead + line[lead + digits..].bytes().take_while(|b| *b == b' ').count();
    let rest = &line[spaces + digits..];
    let gutter = rest == "|"
        || rest.starts_with("| ")
        || (digits > 0 && ["~", "+", "-"].iter().any(|m| rest == *m || rest.starts_with(&format!("{m} "))))
        || (digits == 0 && ["--> ", "::: ", "= "].iter().any(|m| rest.starts_with(m)));
    if spaces > 0 && gutter {
        Kind::Code(spaces - 1)
    } else {
        Kind::Other(if digits == 0 { spaces } else { 0 })
    }
}

/// Narrows each diagnostic's gutter to the width its kept line numbers need: once the
/// numbers of other files are hidden, the gutter's width no longer depends on how long
/// the generated code is.
fn unindent(lines: &[String]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        out += line;
        out.push('\n');
        i += 1;
        if kind(line, true, false) != Kind::Heading {
            continue;
        }
        let Some(next) = lines.get(i) else { continue };
        let Kind::Code(indent) = kind(next, false, false) else { continue };
        if !next[indent + 1..].starts_with("--> ") {
            continue;
        }
        // The block: gutter lines, notes and deeply indented text up to the next heading
        // or a blank line.
        let (mut len, mut least, mut after_note) = (1, indent, false);
        for l in &lines[i + 1..] {
            let k = kind(l, false, after_note);
            after_note = k == Kind::Note;
            match k {
                Kind::Heading => break,
                Kind::Code(n) => {
                    len += 1;
                    least = least.min(n);
                }
                Kind::Note => len += 1,
                Kind::Other(spaces) if spaces > 10 => len += 1,
                Kind::Other(_) => break,
            }
        }
        let mut after_note = false;
        for l in &lines[i..i + len] {
            let k = kind(l, false, after_note);
            after_note = k == Kind::Note;
            match (k, l.find(' ')) {
                (Kind::Code(_) | Kind::Other(_), Some(space)) => {
                    out += &l[..space];
                    out += &l[space + least..];
                }
                _ => out += l,
            }
            out.push('\n');
        }
        i += len;
    }
    out
}
