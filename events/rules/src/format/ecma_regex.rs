//! `regex` (ECMA-262), parsed by `regress`, an ECMAScript regular expression engine.
//!
//! JSON Schema 2020-12 core §6.4 asks for ECMA-262 patterns built with the `u` flag, and the
//! suite agrees (`\a` is not a valid escape): so `\-` or `\_` outside a class, which only
//! the legacy non-`u` grammar admits, are invalid, as are unknown `\p{…}` property names.
//! One known leniency of `regress` 0.12: it accepts a quantifier on `\b` and `\B` (`\b+`),
//! which the `u` grammar forbids.

/// A pattern `regress` compiles with the `u` flag.
pub(super) fn is_regex(text: &str) -> bool {
    // The optimiser rewrites a valid pattern and never rejects one: skipped, as nothing runs it.
    let flags = regress::Flags { unicode: true, no_opt: true, ..regress::Flags::default() };
    regress::Regex::with_flags(text, flags).is_ok()
}
