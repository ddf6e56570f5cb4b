//! The format checks against the official JSON-Schema-Test-Suite (`optional/format` of draft
//! 2020-12 and draft-07), and against cases the suite does not hold that event schemas meet.
//!
//! Run with `--nocapture` to see the per-format counts.

mod support;

use std::{collections::BTreeMap, fs, path::PathBuf};

use events_rules::Format;
use serde_json::Value;

/// The drafts whose `optional/format` directory is run.
const DRAFTS: [&str; 2] = ["draft2020-12", "draft7"];

/// Every suite instance on which `Format::is_valid` knowingly disagrees with the suite:
/// `(draft, format, instance, reason)`. Each entry must still disagree, or the test fails.
const EXCEPTIONS: &[(&str, &str, &str, &str)] = &[];

/// The suite's root: found, or fetched once, by the shared helper.
fn suite_dir() -> PathBuf {
    support::suite::suite_dir()
}

/// What one format's instances came to.
#[derive(Default)]
struct Tally {
    instances: usize,
    agree: usize,
    excepted: usize,
    /// Non-strings, and every instance of a format outside the vocabulary: valid by the suite, not checked.
    ignored: usize,
}

#[test]
fn suite_format_instances_agree_with_the_suite() {
    let root = suite_dir();
    let mut tallies: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut used_exceptions = vec![false; EXCEPTIONS.len()];
    let mut formats_seen = Vec::new();

    for draft in DRAFTS {
        let dir = root.join("tests").join(draft).join("optional/format");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no suite files in {}", dir.display());

        for file in files {
            let text = fs::read_to_string(&file).unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
            let groups: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            for group in &groups {
                let schema = group["schema"].as_object().unwrap_or_else(|| panic!("{}: a group's schema is not an object", file.display()));
                let extra: Vec<&String> = schema.keys().filter(|key| !matches!(key.as_str(), "format" | "$schema")).collect();
                assert!(extra.is_empty(), "{}: schema has keywords besides format: {extra:?}", file.display());
                let name = schema["format"].as_str().unwrap_or_else(|| panic!("{}: a group's schema names no format", file.display()));
                let format = Format::from_name(name);
                if let Some(format) = format {
                    formats_seen.push((draft, format));
                }
                let tally = tallies.entry((draft, name.to_owned())).or_default();

                for test in group["tests"].as_array().expect("tests array") {
                    let valid = test["valid"].as_bool().expect("valid is a boolean");
                    let description = test["description"].as_str().unwrap_or_default();
                    let Some(data) = test["data"].as_str() else {
                        // `format` applies to strings only; the suite says every other instance is valid.
                        assert!(valid, "{draft} {name}: the suite calls a non-string invalid ({description})");
                        tally.ignored += 1;
                        continue;
                    };
                    let Some(format) = format else {
                        // A format outside the vocabulary (`unknown.json`) is ignored: the suite says valid.
                        assert!(valid, "{draft} {name}: the suite calls a string invalid under an unknown format ({description})");
                        tally.ignored += 1;
                        continue;
                    };
                    tally.instances += 1;
                    let ours = format.is_valid(data);
                    let exception = EXCEPTIONS.iter().position(|&(d, f, instance, _)| d == draft && f == name && instance == data);
                    match exception {
                        Some(index) => {
                            used_exceptions[index] = true;
                            assert_ne!(ours, valid, "{draft} {name} {data:?}: listed as an exception but agrees with the suite; drop it");
                            tally.excepted += 1;
                        }
                        None if ours == valid => tally.agree += 1,
                        None => disagreements.push(format!("{draft} {name} {data:?}: suite says {valid}, ours {ours} ({description})")),
                    }
                }
            }
        }
    }

    println!("{:<14} {:<22} {:>9} {:>6} {:>9} {:>12}", "draft", "format", "instances", "agree", "excepted", "ignored");
    for ((draft, name), tally) in &tallies {
        println!("{draft:<14} {name:<22} {:>9} {:>6} {:>9} {:>12}", tally.instances, tally.agree, tally.excepted, tally.ignored);
    }
    let total: usize = tallies.values().map(|tally| tally.instances).sum();
    let agree: usize = tallies.values().map(|tally| tally.agree).sum();
    println!("total: {total} string instances, {agree} agree, {} excepted", EXCEPTIONS.len());

    for format in Format::ALL {
        assert!(formats_seen.contains(&("draft2020-12", format)), "the draft 2020-12 suite has no group for {}", format.name());
    }
    let unused: Vec<_> = EXCEPTIONS.iter().zip(&used_exceptions).filter(|(_, used)| !**used).map(|(exception, _)| exception).collect();
    assert!(unused.is_empty(), "exceptions that match no suite instance: {unused:?}");
    assert!(disagreements.is_empty(), "{} disagreements with the suite:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// Checks every `(instance, expected)` of one format and reports all mismatches at once.
fn assert_cases(format: Format, cases: &[(&str, bool)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(text, expected)| format.is_valid(text) != *expected)
        .map(|(text, expected)| format!("{text:?} should be {}", if *expected { "valid" } else { "invalid" }))
        .collect();
    assert!(wrong.is_empty(), "{}:\n{}", format.name(), wrong.join("\n"));
}

#[test]
fn uri_cases_beyond_the_suite() {
    assert_cases(
        Format::Uri,
        &[
            ("https://example.com/path?q=1#f", true),
            ("urn:isbn:0451450523", true),
            ("mailto:someone@example.com", true),
            ("http://[::ffff:192.168.1.1]/", true),
            ("https://example.com:/", true),
            // RFC 3986 §3.2.2: a host that is not a valid IPv4address is a reg-name, and digits
            // and dots are reg-name characters, so this is a well-formed URI.
            ("http://01.2.3.4/", true),
            // Bad userinfo: a space, a broken percent-encoding, characters outside userinfo.
            ("http://user name@example.com/", false),
            ("https://a%zz@example.com/", false),
            ("https://us^er@example.com/", false),
            ("https://us[er@example.com/", false),
            // A port is digits only.
            ("https://example.com:80a/", false),
            ("http://example.com:port/", false),
            // A leading zero inside an IP literal's dotted quad (RFC 3986 `dec-octet`).
            ("http://[::ffff:192.168.01.1]/", false),
            // Brackets only delimit an IP literal; in a path or query they must be percent-encoded.
            ("https://example.com/a[b]/c", false),
            ("https://example.com/?a[]=1", false),
            ("https://example.com/a b", false),
            ("https://example.com/%", false),
            ("https://example.com/#a#b", false),
            // A zone index needs its `%` encoded (RFC 6874), and this one is not.
            ("http://[fe80::1%eth0]/", false),
            // Not absolute, or not ASCII.
            ("//example.com", false),
            ("/relative", false),
            ("https://example.com/ü", false),
        ],
    );
    assert_cases(Format::UriReference, &[("/relative", true), ("", true), ("#frag", true), ("//[::1]", true), ("a[b]", false), ("//example.com:port", false)]);
    assert_cases(
        Format::Iri,
        &[("https://例え.jp/パス", true), ("https://example.com/ü", true), ("https://example.com/\u{FFFE}", false), ("/relative", false)],
    );
    assert_cases(Format::IriReference, &[("パス/ü", true), ("a b", false)]);
}

#[test]
fn uri_template_cases_from_webhook_schemas() {
    assert_cases(
        Format::UriTemplate,
        &[
            // GitHub's REST API hypermedia templates, as found in webhook payload schemas.
            ("https://api.github.com/repos/{owner}/{repo}/issues{/number}", true),
            ("https://api.github.com/repos/{owner}/{repo}/compare/{base}...{head}", true),
            ("https://api.github.com/repos/octocat/Hello-World/git/blobs{/sha}", true),
            ("https://api.github.com/users/octocat/starred{/owner}{/repo}", true),
            ("https://api.github.com/notifications{?since,all,participating}", true),
            ("https://uploads.github.com/repos/octocat/Hello-World/releases/1/assets{?name,label}", true),
            // Every operator and modifier of level 4.
            ("{+path}/here{#section}", true),
            ("X{.ext}{/list*}{;params*}{?x,y}{&z}", true),
            ("{var:1}{var:9999}{x.y}{%41b}", true),
            ("{=reserved}{,reserved}{!reserved}{@reserved}{|reserved}", true),
            // Literals: percent-encodings, the apostrophe (erratum 6937), non-ASCII (ucschar).
            ("%2F{x}", true),
            ("'{var}'", true),
            ("https://example.com/ü/{x}", true),
            // Unbalanced or empty expressions.
            ("https://api.github.com/repos/{owner}/{repo", false),
            ("https://api.github.com/repos/owner}/{repo}", false),
            ("{}", false),
            ("{x,}", false),
            ("{{x}}", false),
            // Bad variable names and modifiers.
            ("{own er}", false),
            ("{-var}", false),
            ("{x..y}", false),
            ("{.x.}", false),
            ("{var:0}", false),
            ("{var:10000}", false),
            ("{var*:3}", false),
            ("{%4}", false),
            // Literal characters outside the grammar.
            ("a b", false),
            ("<a>", false),
            ("a|b", false),
            ("%zz", false),
            // pct-encoded is "%" HEXDIG HEXDIG: both digits.
            ("%2G", false),
            ("%G2", false),
            ("{%4G}", false),
            // Beyond the BMP, RFC 3987 ucschar (%x10000-1FFFD … %xE1000-EFFFD) and iprivate
            // (%xF0000-FFFFD / %x100000-10FFFD): no plane's last two code points, no E0000-E0FFF.
            ("\u{10000}", true),
            ("\u{1FFFD}", true),
            ("\u{E1000}", true),
            ("\u{F0000}", true),
            ("\u{10FFFD}", true),
            ("\u{1FFFE}", false),
            ("\u{10FFFF}", false),
            ("\u{E0001}", false),
            ("\u{E0FFF}", false),
        ],
    );
}

#[test]
fn email_cases_beyond_the_suite() {
    assert_cases(
        Format::Email,
        &[
            ("a+tag@example.com", true),
            ("a@localhost", true),
            ("\"\"@example.com", true),
            ("\"a b\"@example.com", true),
            ("a@[ipv6:::1]", true),
            // A display name is not part of an RFC 5321 mailbox.
            ("Name <a@example.com>", false),
            ("a@[1.2.3]", false),
            ("a@[IPv7:1]", false),
            ("a@[IPv6:1.2.3.4]", false),
            ("a@example.com.", false),
            ("a@-example.com", false),
            ("a@b_c.com", false),
            ("ü@example.com", false),
            ("a@ü.example.com", false),
        ],
    );
    assert_cases(
        Format::IdnEmail,
        &[
            ("ü@example.com", true),
            ("\"실 례\"@example.com", true),
            ("a@ü.example.com", true),
            ("Name <a@example.com>", false),
            ("a@☕.example", false),
            // The local part's limit is 64 octets (RFC 5321 §4.5.3.1.1), two per `ü`.
            (&format!("{}@example.com", "ü".repeat(32)), true),
            (&format!("{}@example.com", "ü".repeat(33)), false),
        ],
    );
}

#[test]
fn date_and_time_cases_beyond_the_suite() {
    assert_cases(
        Format::DateTime,
        &[
            ("1998-12-31T23:59:60+00:00", true),
            ("1998-06-30T23:59:60Z", true),
            ("0000-01-01T00:00:00Z", true),
            ("1963-06-19T08:30:06.1234567890123Z", true),
            ("1963-06-19T08:30:06+23:59", true),
            ("1963-06-19T08:30:06-00:00", true),
            // chrono takes these; RFC 3339 §5.6 does not.
            ("1963-06-19 08:30:06Z", false),
            ("1963-06-19T08:30:06\u{2212}08:00", false),
            ("1998-06-15T12:00:60Z", false),
            ("1963-06-19T08:30:06.Z", false),
            ("1963-06-19T08:30Z", false),
        ],
    );
    assert_cases(
        Format::Date,
        &[
            ("2020-02-29", true),
            ("0000-01-01", true),
            ("2021-02-29", false),
            ("2020-13-01", false),
            ("2020-00-10", false),
            ("20200101", false),
            ("2020-02-29T", false),
        ],
    );
    assert_cases(
        Format::Time,
        &[("23:59:60.5Z", true), ("12:00:00+23:59", true), ("12:00:00.Z", false), ("12:00:00 Z", false), ("2020-01-01T12:00:00Z", false)],
    );
    assert_cases(
        Format::Duration,
        &[
            ("P1Y2M3DT4H5M6S", true),
            ("P1M1D", true),
            ("PT1M1S", true),
            ("P1YT1S", true),
            ("P1W", true),
            // RFC 3339 appendix A: Y [M [D]] and H [M [S]], so no gaps.
            ("P1Y1D", false),
            ("PT1H1S", false),
            ("P1WT1H", false),
            ("P0.5Y", false),
            ("P1DT", false),
            ("PT1S1M", false),
            // Every unit letter follows 1*DIGIT.
            ("PD", false),
            ("PTH", false),
            ("P1YM", false),
            ("PT1HM", false),
            ("PW", false),
        ],
    );
}

#[test]
fn host_and_address_cases_beyond_the_suite() {
    let label = "x".repeat(63);
    let longest = format!("{label}.{label}.{label}.{}", "w".repeat(61));
    let too_long = format!("{label}.{label}.{label}.{}", "w".repeat(62));
    assert_cases(
        Format::Hostname,
        &[
            (&longest, true),
            ("EXAMPLE.COM", true),
            ("xn--e1afmkfd.xn--p1ai", true),
            ("1.2.3.4", true),
            (&too_long, false),
            ("example.com.", false),
            ("a..b", false),
            ("ab--c.com", false),
            ("xn--ab.com", false),
            ("ü.com", false),
        ],
    );
    assert_cases(
        Format::IdnHostname,
        &[("Straße.de", true), ("ⓐ.com", true), ("xn--zca.com", true), ("☕.example", false), ("example.com.", false), ("a\u{200D}b", false)],
    );
    assert_cases(Format::Ipv4, &[("0.0.0.0", true), ("192.168.01.1", false), ("1.2.3", false), ("1.2.3.4 ", false)]);
    assert_cases(Format::Ipv6, &[("::ffff:1.2.3.4", true), ("fe80::1%eth0", false), ("[::1]", false), ("::1.2.3.04", false)]);
}

#[test]
fn identifier_pointer_and_regex_cases_beyond_the_suite() {
    assert_cases(
        Format::Uuid,
        &[
            ("2eb8aa08-aa98-11ea-b4aa-73b441d16380", true),
            ("{2eb8aa08-aa98-11ea-b4aa-73b441d16380}", false),
            ("urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380", false),
        ],
    );
    assert_cases(Format::JsonPointer, &[("", true), ("/", true), ("/a~0~1", true), ("/a~2", false), ("/~", false), ("#/a", false)]);
    assert_cases(
        Format::RelativeJsonPointer,
        &[("0", true), ("0#", true), ("10/a~1", true), ("0/", true), ("01", false), ("-1", false), ("+1", false), ("0##", false), ("1#/a", false)],
    );
    assert_cases(
        Format::Regex,
        &[
            (r"^[a-z0-9_\-]+$", true),
            (r"(?<=a)b", true),
            (r"(?<n>x)\k<n>", true),
            (r"\p{Script=Greek}", true),
            (r"\u{1F600}", true),
            (r"\p{Foo}", false),
            (r"(?P<n>x)", false),
            (r"(?i)a", false),
            (r"\d{3}\-\d{4}", false),
            (r"a{2,1}", false),
            (r"\1", false),
        ],
    );
}
