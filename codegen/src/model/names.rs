//! Every Rust name the generator emits is decided here, from meaning (event type,
//! version, property name, enum value), never ad hoc at an emit site.
//!
//! Two guarantees, whatever the contract set spells: every name is a valid Rust
//! identifier (ASCII letters, digits and `_`, never a keyword, never `_` alone), and a
//! [`Scope`] hands out each name once, in time linear in the number of names claimed.

use std::collections::{BTreeSet, HashMap};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// True for a Rust keyword (strict, reserved or weak-but-unusable), `Self` included.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// True when `name` can be written as a Rust identifier without `r#`: ASCII letters,
/// digits and `_`, not starting with a digit, not `_` alone, not a keyword.
pub fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !is_keyword(name)
}

/// The words of a name. ASCII letters and digits form words (split at lower→upper case
/// changes); any other letter or digit becomes a word of its own, `u` and its code point
/// in hex (`ä` → `u00e4`), so names written only in other scripts stay distinct and
/// deterministic; everything else separates words.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            if c.is_alphanumeric() {
                words.push(format!("u{:04x}", u32::from(c)));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `lead.created` + `V1` style: `LeadCreated`. Empty or digit-led input gets a `V` prefix;
/// `Self` becomes `Self_`.
pub fn pascal(text: &str) -> String {
    let mut out: String = words(text)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|f| f.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// `lead-lifecycle` → `lead_lifecycle`; keywords get an `r#`-free `_` suffix, digit-led a
/// `_` prefix, and a name with no letter or digit at all (`""`, `"-"`) is `unnamed`.
pub fn snake(text: &str) -> String {
    let mut out = words(text).join("_");
    if out.is_empty() {
        out.push_str("unnamed");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// The Rust type name of a payload: `LeadCreatedV1`.
pub fn payload_type(event_type: &str, version: u32) -> String {
    format!("{}V{version}", pascal(event_type))
}

/// The module of one event version: `lead_created_v1`.
pub fn version_module(event_type: &str, version: u32) -> String {
    format!("{}_v{version}", snake(event_type))
}

/// Top-level modules of the generated file, which a contract module must not shadow.
pub const GENERATED_MODULES: &[&str] = &["ids", "envelope", "shared", "any", "produce", "json_schema"];

/// The module of a contract directory: `lead-lifecycle` → `lead_lifecycle`
/// (the generated modules, `ids`, `envelope`, `shared`, `any`, `produce`, `json_schema`, get a `_contract` suffix).
pub fn contract_module(contract_dir: &str) -> String {
    let name = snake(contract_dir);
    if GENERATED_MODULES.contains(&name.as_str()) {
        format!("{name}_contract")
    } else {
        name
    }
}

/// The module of a contract directory that holds the types several of its versions define
/// identically (emitted once, re-exported by each version): `common`, or `common2`, … when
/// one of `taken` (the directory's version modules and payload types, which share its
/// namespace) already has that name.
pub fn common_module<'a>(taken: impl IntoIterator<Item = &'a str>) -> String {
    let mut scope = Scope::default();
    for name in taken {
        scope.reserve(name);
    }
    scope.claim("common")
}

/// Naive English singular for item types of arrays: `line_items` → `line_item`.
pub fn singular(text: &str) -> String {
    if let Some(stem) = text.strip_suffix("ies") {
        format!("{stem}y")
    } else if text.ends_with("ss") {
        text.to_owned()
    } else if let Some(stem) = text.strip_suffix('s') {
        stem.to_owned()
    } else {
        format!("{text}_item")
    }
}

/// Methods every generated struct has besides its getters and setters: no property may
/// take their names.
pub const STRUCT_METHODS: &[&str] = &["new", "into_parts"];

/// Suffixes of the companion structs of a generated struct (see [`required_struct`] and
/// [`parts_struct`]): claimed with the struct's name, so no other type takes them.
pub const STRUCT_COMPANIONS: &[&str] = &["Required", "Parts"];

/// The struct of a type's required properties, passed by name to its `new`: `LeadCreatedV1Required`.
pub fn required_struct(type_name: &str) -> String {
    format!("{type_name}Required")
}

/// The struct of every property of a type, owned, from its `into_parts`: `LeadCreatedV1Parts`.
pub fn parts_struct(type_name: &str) -> String {
    format!("{type_name}Parts")
}

/// Contract text (a description, a title, registry notes) as rustdoc Markdown that renders
/// as written and makes rustdoc warn about nothing. This is the one place contract text is
/// escaped for docs:
///
/// - code spans (`` `like this` ``, closed on the same line) are kept: descriptions use them;
/// - `\`, `<`, `>`, `[`, `]`, `*`, `~`, `&`, an unmatched backtick, and `_` not between two
///   letters or digits get a backslash (`lead_<UUID v7>` renders as written, not as an
///   unclosed HTML tag; `[x]` is not an intra-doc link);
/// - `http://` and `https://` URLs become autolinks (`<https://…>`), as rustdoc asks;
/// - lines lose leading whitespace (four spaces would start a code block, which rustdoc
///   compiles as a doctest), and a leading `#` or code fence is escaped;
/// - every line break (`\r\n`, `\r`, `\n`) is a `\n` (a bare CR does not compile in a doc comment).
pub fn doc_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        escape_line(line.trim_start(), &mut out);
    }
    out
}

fn escape_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    if chars.first() == Some(&'#') {
        out.push('\\');
    }
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(end) = closing_run(&chars, i + run, run) {
                out.extend(&chars[i..end + run]);
                i = end + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        if (c == 'h') && url_at(&chars[i..]) {
            let len = url_len(&chars[i..]);
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        let intraword = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
        let escape = match c {
            '\\' | '<' | '>' | '[' | ']' | '*' | '~' | '&' | '|' => true,
            '_' => !(intraword(i.checked_sub(1)) && intraword(Some(i + 1))),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

/// The start of the run of exactly `run` backticks closing a code span opened before `from`.
fn closing_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let len = chars[j..].iter().take_while(|&&c| c == '`').count();
            if len == run {
                return Some(j);
            }
            j += len;
        } else {
            j += 1;
        }
    }
    None
}

fn url_at(chars: &[char]) -> bool {
    let starts = |p: &str| chars.len() > p.len() && p.chars().zip(chars).all(|(a, &b)| a == b);
    starts("http://") || starts("https://")
}

/// Length of the URL at the start of `chars`: up to whitespace or a character that cannot
/// be in an autolink, without trailing sentence punctuation.
fn url_len(chars: &[char]) -> usize {
    let mut len = chars.iter().take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '`' | '"')).count();
    while len > 0 && matches!(chars[len - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'') {
        len -= 1;
    }
    len
}

/// `text` as one Markdown code span, whatever it holds: the fence is one backtick longer
/// than the longest run in it, line breaks become spaces.
pub fn doc_code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Hands out names unique within one scope, deterministically: a clash gets `2`, `3`, …
///
/// Claiming is linear: each wanted name keeps the next number to try, so `n` values that
/// all map to one name cost `O(n)`, not `O(n²)`. Whatever is wanted, the name handed out
/// is a valid identifier (see [`is_identifier`]): a keyword gets a `_` suffix.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    next: HashMap<String, u64>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| (*s).to_owned()).collect(), next: HashMap::new() }
    }

    /// A scope for enum variants: `Self` is taken (it cannot name a variant), and so is
    /// every name in `reserved`.
    pub fn variants(reserved: &[&str]) -> Self {
        let mut scope = Self::with_reserved(reserved);
        scope.taken.insert("Self".to_owned());
        scope
    }

    /// Marks `name` as taken, so no later claim gets it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// True when `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `wanted` if free, else `wanted2`, `wanted3`, ….
    pub fn claim(&mut self, wanted: &str) -> String {
        self.claim_with(wanted, &[])
    }

    /// Like [`Scope::claim`], but the name is chosen so that it and `prefix + name` for
    /// every prefix are all free, and all of them are taken: a field `a` and its setter
    /// `with_a` are claimed together, so a property `with_a` cannot take the setter's name.
    pub fn claim_with(&mut self, wanted: &str, prefixes: &[&str]) -> String {
        self.claim_affixed(wanted, prefixes, &[])
    }

    /// Like [`Scope::claim_with`], with suffixes too: a struct `Foo` is claimed with
    /// `FooRequired` and `FooParts` (see [`STRUCT_COMPANIONS`]).
    pub fn claim_affixed(&mut self, wanted: &str, prefixes: &[&str], suffixes: &[&str]) -> String {
        let base = valid_base(wanted);
        let free = |taken: &BTreeSet<String>, name: &str| {
            !taken.contains(name)
                && prefixes.iter().all(|p| !taken.contains(&format!("{p}{name}")))
                && suffixes.iter().all(|s| !taken.contains(&format!("{name}{s}")))
        };
        let name = if free(&self.taken, &base) {
            base
        } else {
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                let candidate = format!("{base}{n}");
                *n += 1;
                if free(&self.taken, &candidate) {
                    break candidate;
                }
            }
        };
        for p in prefixes {
            self.taken.insert(format!("{p}{name}"));
        }
        for s in suffixes {
            self.taken.insert(format!("{name}{s}"));
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `wanted` made a valid identifier: callers pass `pascal`/`snake` output, which already
/// is one, so this only guards against a caller that forgets.
fn valid_base(wanted: &str) -> String {
    let mut base: String = wanted.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if base.is_empty() || base == "_" {
        base = "unnamed".to_owned();
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        base.insert(0, '_');
    }
    if is_keyword(&base) {
        base.push('_');
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_meaning() {
        assert_eq!(payload_type("lead.created", 1), "LeadCreatedV1");
        assert_eq!(payload_type("coaching.lesson.confirmation_decided", 1), "CoachingLessonConfirmationDecidedV1");
        assert_eq!(payload_type("delivery.lesson-hold.created", 2), "DeliveryLessonHoldCreatedV2");
        assert_eq!(version_module("lead.created", 1), "lead_created_v1");
        assert_eq!(contract_module("credit-reservation-lock"), "credit_reservation_lock");
        assert_eq!(contract_module("shared"), "shared_contract");
        assert_eq!(pascal("Credits Released"), "CreditsReleased");
        assert_eq!(pascal("3ds_required"), "V3dsRequired");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("firstName"), "first_name");
        assert_eq!(singular("line_items"), "line_item");
        assert_eq!(singular("entries"), "entry");
        assert_eq!(common_module(["order_placed_v1", "OrderPlacedV1"]), "common");
        assert_eq!(common_module(["common", "common2"]), "common3");
    }

    #[test]
    fn scope_disambiguates_deterministically() {
        let mut scope = Scope::with_reserved(&["new"]);
        assert_eq!(scope.claim("new"), "new2");
        assert_eq!(scope.claim("a"), "a");
        assert_eq!(scope.claim("a"), "a2");
        // A caller that forgets `snake`/`pascal` still gets identifiers.
        assert_eq!(scope.claim(""), "unnamed");
        assert_eq!(scope.claim("_"), "unnamed2");
        assert_eq!(scope.claim("-"), "unnamed3");
        assert_eq!(scope.claim("9a"), "_9a");
        assert_eq!(scope.claim("type"), "type_");
    }

    #[test]
    fn names_are_identifiers_whatever_the_input() {
        assert_eq!(snake(""), "unnamed");
        assert_eq!(snake("-"), "unnamed");
        assert_eq!(snake("ä"), "u00e4");
        assert_eq!(snake("ö"), "u00f6");
        assert_eq!(snake("café"), "caf_u00e9");
        assert_eq!(pascal("é"), "U00e9");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("self"), "self_");
        for text in ["", "_", "self", "Self", "ä", "3", "a\rb", "\"", "super", "🙂", "t.e", "crate"] {
            assert!(is_identifier(&snake(text)), "snake({text:?}) = {:?}", snake(text));
            assert!(is_identifier(&pascal(text)), "pascal({text:?}) = {:?}", pascal(text));
        }
    }

    #[test]
    fn variant_scopes_never_hand_out_self() {
        let mut scope = Scope::variants(&[]);
        assert_eq!(scope.claim("Self"), "Self_");
        assert_eq!(scope.claim("Self_"), "Self_2");
    }

    #[test]
    fn setters_are_claimed_with_their_fields() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim_with("a", &["with_"]), "a");
        assert_eq!(scope.claim_with("with_a", &["with_"]), "with_a2");
        let mut scope = Scope::default();
        assert_eq!(scope.claim_with("with_a", &["with_"]), "with_a");
        assert_eq!(scope.claim_with("a", &["with_"]), "a2");
    }

    #[test]
    fn contract_text_is_escaped_for_rustdoc() {
        assert_eq!(doc_escape("lead_<UUID v7 canonical> per ADR-0002."), "lead\\_\\<UUID v7 canonical\\> per ADR-0002.");
        assert_eq!(doc_escape("see [RFC] *now* & a\\b"), "see \\[RFC\\] \\*now\\* \\& a\\\\b");
        assert_eq!(doc_escape("snake_case stays, _edge_ does not"), "snake_case stays, \\_edge\\_ does not");
        assert_eq!(doc_escape("kept `code <b>` and `unclosed"), "kept `code <b>` and \\`unclosed");
        assert_eq!(doc_escape("``a ` b`` done"), "``a ` b`` done");
        assert_eq!(doc_escape("see https://example.com/x_y. Then"), "see <https://example.com/x_y>. Then");
        assert_eq!(doc_escape("a\r\n    indented\r# heading\n```rust"), "a\nindented\n\\# heading\n\\`\\`\\`rust");
        assert_eq!(doc_escape("a | b ~~c~~"), "a \\| b \\~\\~c\\~\\~");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(doc_code("^[A-Z]{3}$"), "`^[A-Z]{3}$`");
        assert_eq!(doc_code("a`b"), "``a`b``");
        assert_eq!(doc_code("`x"), "`` `x ``");
        assert_eq!(doc_code("x`"), "`` x` ``");
        assert_eq!(doc_code("a\nb"), "`a b`");
        // Blank text is padded too: a code span of spaces alone would lose them.
        assert_eq!(doc_code("  "), "`    `");
        assert_eq!(doc_code(""), "`  `");
    }

    #[test]
    fn companions_are_claimed_with_their_struct() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("FooRequired"), "FooRequired");
        assert_eq!(scope.claim_affixed("Foo", &[], STRUCT_COMPANIONS), "Foo2");
        assert!(scope.is_taken("Foo2Required") && scope.is_taken("Foo2Parts"));
        assert!(!scope.is_taken("Foo3") && !scope.is_taken("Foo3Required"));
        assert_eq!(scope.claim("Foo2Parts"), "Foo2Parts2");
        assert_eq!(required_struct("Foo2"), "Foo2Required");
        assert_eq!(parts_struct("Foo2"), "Foo2Parts");
    }

    #[test]
    fn claiming_one_name_many_times_is_linear() {
        let mut scope = Scope::default();
        let start = std::time::Instant::now();
        for _ in 0..20_000 {
            scope.claim("V");
        }
        assert_eq!(scope.claim("V"), "V20001");
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }
}
