//! The checked value types of the runtime at their edges: each bound exactly at, just
//! inside and just outside the limit, and what the accessors give back. Written for the
//! mutants `cargo mutants` found alive in `events/src/{array,int,text}.rs` (TESTING.md).

use events::{Array, BoundedString, Int, ValueError};
use serde_json::json;

type Tags = Array<&'static str, 1, 3, true>;

/// An array is accepted exactly when its length is in `MIN..=MAX` and, when unique items
/// are required, no item repeats; the error names the length or the two equal items.
#[test]
fn array_bounds_and_uniqueness_are_exact() {
    assert!(matches!(Tags::new(vec![]), Err(ValueError::Items { len: 0, min: 1, max: 3 })));
    assert!(Tags::new(vec!["a"]).is_ok());
    assert!(Tags::new(vec!["a", "b", "c"]).is_ok());
    assert!(matches!(Tags::new(vec!["a", "b", "c", "d"]), Err(ValueError::Items { len: 4, min: 1, max: 3 })));
    assert!(matches!(Tags::new(vec!["a", "b", "a"]), Err(ValueError::Duplicate { first: 0, second: 2 })));
    assert!(matches!(Tags::new(vec!["a", "b", "b"]), Err(ValueError::Duplicate { first: 1, second: 2 })));
    // Without uniqueItems, repeats are fine.
    assert!(Array::<&str, 0, 3, false>::new(vec!["a", "a", "a"]).is_ok());
    assert!(Tags::try_from(vec!["x", "y"]).is_ok());
}

/// What goes into an array comes back out, in order, through every accessor and the
/// encoded JSON; decoding applies the same checks as construction.
#[test]
fn array_gives_back_its_items_in_order() {
    let tags = Tags::new(vec!["b", "a"]).unwrap();
    assert_eq!(tags.as_slice(), ["b", "a"]);
    assert_eq!(&tags[..], ["b", "a"]);
    assert_eq!(tags.len(), 2);
    assert_eq!(format!("{tags:?}"), r#"["b", "a"]"#);
    assert_eq!(serde_json::to_value(&tags).unwrap(), json!(["b", "a"]));
    assert_eq!(tags.clone().into_inner(), vec!["b", "a"]);
    let decoded: Array<String, 1, 3, true> = serde_json::from_value(json!(["b", "a"])).unwrap();
    assert_eq!(decoded.into_inner(), ["b", "a"]);
    for bad in [json!([]), json!(["a", "a"]), json!(["a", "b", "c", "d"])] {
        assert!(serde_json::from_value::<Array<String, 1, 3, true>>(bad.clone()).is_err(), "{bad}");
    }
}

/// Integer bounds are inclusive and exact; `multipleOf` holds for negative values too.
#[test]
fn integer_bounds_are_inclusive_and_exact() {
    type Small = Int<1, 4>;
    assert!(Small::new(0).is_err());
    assert_eq!(Small::new(1).unwrap().get(), 1);
    assert_eq!(Small::new(4).unwrap().get(), 4);
    assert!(matches!(Small::new(5), Err(ValueError::IntOutOfRange { value: 5, min: 1, max: 4, multiple_of: 1 })));
    assert_eq!((Small::MIN, Small::MAX), (1, 4));
    type Fives = Int<-100, 100, 5>;
    assert!(Fives::new(-35).is_ok());
    assert!(Fives::new(35).is_ok());
    assert!(Fives::new(0).is_ok());
    assert!(Fives::new(-7).is_err());
    assert!(Fives::new(36).is_err());
    assert!(Fives::new(-105).is_err());
    assert_eq!(i64::from(Fives::new(-35).unwrap()), -35);
    assert_eq!(Fives::try_from(10).unwrap().get(), 10);
}

/// An integer prints, encodes and decodes as the plain number; integral floats decode,
/// out-of-range and fractional values do not.
#[test]
fn integer_reads_and_writes_as_a_plain_number() {
    let n = Int::<-10, 10>::new(-7).unwrap();
    assert_eq!((n.to_string(), format!("{n:?}")), ("-7".to_owned(), "-7".to_owned()));
    assert_eq!(serde_json::to_string(&n).unwrap(), "-7");
    assert_eq!(serde_json::from_str::<Int<-10, 10>>("-7").unwrap(), n);
    assert_eq!(serde_json::from_str::<Int<-10, 10>>("10").unwrap().get(), 10);
    assert_eq!(serde_json::from_str::<Int<-10, 10>>("-10.0").unwrap().get(), -10);
    for bad in ["11", "-11", "10.5", "\"3\"", "18446744073709551615", "1e300"] {
        assert!(serde_json::from_str::<Int<-10, 10>>(bad).is_err(), "{bad}");
    }
    assert_eq!(serde_json::from_str::<events::Integer>("9223372036854775807").unwrap().get(), i64::MAX);
    assert!(serde_json::from_str::<events::Integer>("9223372036854775808").is_err());
    // As floats: 2^63 is one past i64::MAX and must not saturate to it; -2^63 is i64::MIN.
    assert!(serde_json::from_str::<events::Integer>("9223372036854775808.0").is_err());
    assert_eq!(serde_json::from_str::<events::Integer>("-9223372036854775808.0").unwrap().get(), i64::MIN);
}

/// A value of the wrong type is refused with what was expected: the bounds.
#[test]
fn integer_of_the_wrong_type_names_the_expected_range() {
    for (bad, found) in [("\"3\"", "string \"3\""), ("10.5", "floating point `10.5`"), ("true", "boolean `true`")] {
        let err = serde_json::from_str::<Int<-10, 10>>(bad).unwrap_err().to_string();
        assert!(err.starts_with(&format!("invalid type: {found}, expected an integer in -10..=10")), "{bad}: {err}");
    }
}

/// String length is counted in characters, at both bounds, whatever the bytes per character.
#[test]
fn string_length_is_counted_in_characters_at_both_bounds() {
    type Name = BoundedString<2, 4>;
    for ok in ["ab", "abcd", "éé", "éééé", "😀😀", "😀😀😀😀", "a😀"] {
        assert!(Name::new(ok).is_ok(), "{ok:?}");
    }
    for (bad, len) in [("a", 1), ("é", 1), ("😀", 1), ("abcde", 5), ("ééééé", 5), ("😀😀😀😀😀", 5)] {
        assert!(matches!(Name::new(bad), Err(ValueError::Length { len: l, min: 2, max: 4 }) if l == len), "{bad:?}");
    }
}

/// What goes into a bounded string comes back out through every accessor and encoding.
#[test]
fn bounded_string_gives_back_its_text() {
    let s = BoundedString::<1, 8>::new("Zoë").unwrap();
    assert_eq!(s.as_str(), "Zoë");
    assert_eq!(&*s, "Zoë");
    assert_eq!(s.to_string(), "Zoë");
    assert_eq!(format!("{s:?}"), "\"Zoë\"");
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"Zoë\"");
    assert_eq!(s.clone().into_inner(), "Zoë");
    assert_eq!(BoundedString::<1, 8>::try_from("Zoë".to_owned()).unwrap(), s);
    assert_eq!(serde_json::from_str::<BoundedString<1, 8>>("\"Zoë\"").unwrap(), s);
    assert!(serde_json::from_str::<BoundedString<1, 2>>("\"Zoë\"").is_err());
}

events::checked_string! {
    /// Every constraint a checked string can carry, each reachable on its own.
    struct Code(events::StringRules::ANY.min_len(2).max_len(4).pattern("^[a-z]+$").format(events::StringFormat::Email));
}

events::checked_string! {
    /// A checked string of `format: date` only.
    struct Day(events::StringRules::ANY.format(events::StringFormat::Date));
}

/// A checked string applies each of its rules (length in characters at both bounds, the
/// pattern, the format) and names the one broken; each builder sets its own rule only.
#[test]
fn checked_strings_enforce_length_pattern_and_format() {
    let rules = Code::RULES;
    assert_eq!((rules.min_len, rules.max_len, rules.pattern), (2, 4, Some("^[a-z]+$")));
    assert!(rules.format.is_some_and(|f| f.name() == "email"));
    let any = events::StringRules::ANY;
    assert_eq!((any.min_len, any.max_len, any.pattern.is_none(), any.format.is_none()), (0, usize::MAX, true, true));

    // Length, in characters: "é" is one.
    let length = |r: Result<Code, ValueError>| match r {
        Err(ValueError::Length { len, min: 2, max: 4 }) => len,
        other => panic!("expected a length error, got {other:?}"),
    };
    assert_eq!(length(Code::new("a")), 1);
    assert_eq!(length(Code::new("abcde")), 5);
    // In bounds but not matching the pattern: the pattern is checked.
    assert!(matches!(Code::new("ab1"), Err(ValueError::Pattern { pattern: "^[a-z]+$", .. })));
    // Matching the pattern but not an email: the format is checked.
    assert!(matches!(Code::new("abcd"), Err(ValueError::Format { format: "email", .. })));
    // A format on its own.
    assert_eq!(Day::new("2026-02-28").unwrap().as_str(), "2026-02-28");
    assert!(matches!(Day::new("2026-02-30"), Err(ValueError::Format { format: "date", .. })));
    assert_eq!(Day::try_from("2024-02-29").unwrap().to_string(), "2024-02-29");
    assert!(serde_json::from_value::<Day>(json!("2026-13-01")).is_err());
    assert_eq!(serde_json::to_value(serde_json::from_value::<Day>(json!("2026-01-31")).unwrap()).unwrap(), json!("2026-01-31"));
}

/// A map keeps its members in the order written, gives each back by key, replaces a value
/// in place, and decodes only from an object.
#[test]
fn map_gives_back_its_members_in_order() {
    let mut map = events::Map::<i64>::new();
    assert_eq!((map.len(), map.is_empty(), map.get("b")), (0, true, None));
    assert_eq!(map.insert("b", 2), None);
    assert_eq!(map.insert("a", 1), None);
    assert_eq!((map.len(), map.is_empty()), (2, false));
    assert_eq!(map.get("b"), Some(&2));
    assert_eq!(map.insert("b", 3), Some(2), "the old value comes back");
    assert_eq!(map.iter().collect::<Vec<_>>(), [("b", &3), ("a", &1)], "replaced in place, not moved");
    let inner = map.clone().into_inner();
    assert_eq!(inner.into_iter().collect::<Vec<_>>(), [("b".to_owned(), 3), ("a".to_owned(), 1)]);
    let collected: events::Map<i64> = [("x".to_owned(), 9), ("y".to_owned(), 8)].into_iter().collect();
    assert_eq!(collected.iter().collect::<Vec<_>>(), [("x", &9), ("y", &8)]);
    assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"b":3,"a":1}"#);
    assert_eq!(serde_json::from_str::<events::Map<i64>>(r#"{"b":3,"a":1}"#).unwrap(), map);
    let err = serde_json::from_str::<events::Map<i64>>("[1]").unwrap_err().to_string();
    assert!(err.starts_with("invalid type: sequence, expected a JSON object"), "{err}");
    let err = serde_json::from_str::<events::Map<i64>>(r#"{"a":1,"a":2}"#).unwrap_err().to_string();
    assert!(err.starts_with("duplicate key \"a\""), "{err}");
}

/// Number bounds at their exact values: `maximum` and `minimum` include the bound, the
/// exclusive ones do not; a number is a multiple of itself.
#[test]
fn number_bounds_include_their_limit_and_multiples_include_the_multiple() {
    use events::{is_multiple_of, NumberRules};
    let max = NumberRules::ANY.maximum(5.5);
    assert_eq!(max.check(5.5).unwrap(), 5.5);
    assert!(matches!(max.check(5.500_000_001), Err(ValueError::Number { keyword: "maximum", .. })));
    let min = NumberRules::ANY.minimum(-1.5);
    assert_eq!(min.check(-1.5).unwrap(), -1.5);
    assert!(matches!(min.check(-1.500_000_001), Err(ValueError::Number { keyword: "minimum", .. })));
    assert!(NumberRules::ANY.exclusive_maximum(5.5).check(5.5).is_err());
    assert!(NumberRules::ANY.exclusive_minimum(-1.5).check(-1.5).is_err());
    for m in [0.5, 0.1, 3.0, 1e-7] {
        assert!(is_multiple_of(m, m), "{m} is a multiple of itself");
        assert!(is_multiple_of(-m, m), "-{m} is a multiple of {m}");
        assert!(!is_multiple_of(m / 2.0, m), "{} is less than {m}", m / 2.0);
    }
    assert!(is_multiple_of(0.3, 0.1), "decimal, not binary, multiples");
}

/// Integers compare exactly, also past 2^53 where their `f64` values are equal.
#[test]
fn large_integers_compare_exactly() {
    let n = |text: &str| text.parse::<events::Number>().unwrap();
    assert!(n("9007199254740993") > n("9007199254740992"));
    assert_ne!(n("9007199254740993"), n("9007199254740992"));
    assert!(n("18446744073709551615") > n("18446744073709551614"), "above i64::MAX");
    assert_ne!(n("18446744073709551615"), n("18446744073709551614"));
    assert_eq!(n("-0"), n("0"));
    assert_eq!(n("1.0"), n("1"), "an integer and a float of the same value");
}

/// `multipleOf` is decided on the shortest decimals (`1e23` is a multiple of `1e22`, as
/// the validator says, though their binary values are not); when the decimals do not fit
/// 128 bits (magnitudes hundreds of decades apart) it falls back to the exact binary
/// values: `a·2^p` is a multiple of `b·2^q` (a, b odd) exactly when `b` divides `a` and
/// `p ≥ q`, subnormal multiples included.
#[test]
fn multiple_of_is_decimal_and_falls_back_to_exact_binary() {
    use events::is_multiple_of;
    assert!(is_multiple_of(1e23, 1e22));
    assert!(is_multiple_of(-0.3, 0.1) && is_multiple_of(0.3, -0.1));
    let two = |p: i32| 2f64.powi(p);
    assert!(is_multiple_of(two(1000), two(-1000)));
    assert!(is_multiple_of(3.0 * two(1000), two(-1000)));
    assert!(!is_multiple_of(two(1000), 3.0 * two(-1000)));
    assert!(is_multiple_of(9.0 * two(1000), 3.0 * two(-1000)));
    assert!(!is_multiple_of(5.0 * two(1000), 3.0 * two(-1000)));
    assert!(is_multiple_of(-15.0 * two(999), 5.0 * two(-999)));
    // Subnormal multiples (2^-1074 times 1, 3 or 6), far enough from the value that the
    // decimals overflow.
    let tiny = f64::from_bits(1);
    assert!(is_multiple_of(1e-300, tiny) && is_multiple_of(two(-900), tiny));
    assert!(is_multiple_of(3.0 * two(-900), f64::from_bits(3)));
    assert!(!is_multiple_of(two(-900), f64::from_bits(3)));
    assert!(!is_multiple_of(7.0 * two(-900), f64::from_bits(6)), "2^-1073·3 does not divide 2^-900·7");
    assert!(is_multiple_of(6.0 * two(-900), f64::from_bits(6)));
}
