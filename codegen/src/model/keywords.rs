//! What each JSON Schema keyword is to the generator: an annotation, a part of the Rust
//! type, a checked invariant run by the schema's validation program, or refused.

/// Keywords that never constrain a value.
pub const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "examples",
    "$comment",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "$anchor",
    "$vocabulary",
];

/// Keywords no Rust type says: a node with one of them gets a checked invariant (its whole
/// schema compiled to a validation program), around a typed core built without them.
pub const INVARIANT: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "contains",
    "minContains",
    "maxContains",
    "prefixItems",
    "additionalItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "minProperties",
    "maxProperties",
];

/// Keywords refused, with what to write instead.
pub const REFUSED: &[(&str, &str)] = &[
    ("$dynamicRef", "dynamic references are not supported; use $ref to a fixed location"),
    ("$dynamicAnchor", "dynamic references are not supported; use $anchor"),
    ("$recursiveRef", "recursive references (2019-09) are not supported; use $ref"),
    ("$recursiveAnchor", "recursive references (2019-09) are not supported; use $anchor"),
];

/// Keywords on string values.
pub const STRING: &[&str] = &["minLength", "maxLength", "pattern", "format"];
/// Keywords on numbers.
pub const NUMBER: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
/// Keywords on arrays that the typed core keeps.
pub const ARRAY: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
/// Keywords on objects that the typed core keeps.
pub const OBJECT: &[&str] = &["properties", "required", "additionalProperties"];
/// Keywords that shape the value or locate schemas.
pub const STRUCTURE: &[&str] = &["type", "enum", "const", "$ref", "$defs", "definitions", "allOf", "anyOf", "oneOf", "$schema", "$id"];

/// True for a keyword of the validation, applicator, core or annotation vocabularies.
pub fn is_known(key: &str) -> bool {
    [ANNOTATIONS, INVARIANT, STRING, NUMBER, ARRAY, OBJECT, STRUCTURE].iter().any(|set| set.contains(&key)) || REFUSED.iter().any(|(k, _)| *k == key)
}

/// True for a keyword that constrains a value of one JSON type.
pub fn is_type_specific(key: &str) -> bool {
    [STRING, NUMBER, ARRAY, OBJECT].iter().any(|set| set.contains(&key))
}

/// The known keyword a misspelt one most likely meant (`maxLenght` → `maxLength`).
pub fn suggestion(key: &str) -> Option<&'static str> {
    [ANNOTATIONS, INVARIANT, STRING, NUMBER, ARRAY, OBJECT, STRUCTURE]
        .iter()
        .flat_map(|set| set.iter())
        .map(|known| (strsim::damerau_levenshtein(&key.to_ascii_lowercase(), &known.to_ascii_lowercase()), *known))
        .filter(|(distance, known)| *distance <= (known.len() / 4).max(1))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_suggest_the_keyword() {
        assert_eq!(suggestion("maxLenght"), Some("maxLength"));
        assert_eq!(suggestion("additionalproperties"), Some("additionalProperties"));
        assert_eq!(suggestion("requried"), Some("required"));
        assert_eq!(suggestion("tsType"), None);
        // Up to a quarter of the keyword's length in edits (at least one): 20 letters allow 5.
        assert_eq!(suggestion("aditionalPropertes"), Some("additionalProperties"), "two edits");
        assert_eq!(suggestion("adtionalPropertes"), Some("additionalProperties"), "three edits");
        assert_eq!(suggestion("maxLen"), None, "three edits of nine letters: more than two");
        assert_eq!(suggestion("tpe"), Some("type"), "one edit is always allowed");
    }

    #[test]
    fn every_invariant_keyword_is_known_and_no_keyword_is_in_two_classes() {
        let all: Vec<&str> = [ANNOTATIONS, INVARIANT, STRING, NUMBER, ARRAY, OBJECT, STRUCTURE].concat();
        for k in &all {
            assert!(is_known(k));
            assert_eq!(all.iter().filter(|x| *x == k).count(), 1, "{k} is in two classes");
        }
    }
}
