//! `json-pointer` (RFC 6901), parsed by `jsonptr`, and `relative-json-pointer`
//! (draft-bhutton-relative-json-pointer-00 §3).

/// An RFC 6901 JSON Pointer: empty, or `/`-prefixed tokens with `~` only as `~0` or `~1`.
pub(super) fn is_json_pointer(text: &str) -> bool {
    jsonptr::Pointer::parse(text).is_ok()
}

/// `non-negative-integer ( "#" / json-pointer )`, the integer without leading zeros.
pub(super) fn is_relative_json_pointer(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = text.split_at(digits);
    let number_ok = number == "0" || (!number.is_empty() && !number.starts_with('0'));
    number_ok && (rest == "#" || is_json_pointer(rest))
}
