//! JSON Schema equality: numbers by value (`1 == 1.0`), objects unordered, arrays in order.
//! Value–value comparison uses an explicit stack, so no instance depth can overflow ours.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use crate::ir::Lit;
use crate::num::{cmp, N};

fn num_eq(a: N, b: N) -> bool {
    cmp(a, b) == Some(Ordering::Equal)
}

/// True when two instance values are equal.
pub(crate) fn values_equal(a: &Value, b: &Value) -> bool {
    let mut stack: Vec<(&Value, &Value)> = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        let same = match (a, b) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Number(x), Value::Number(y)) => num_eq(N::of_json(x), N::of_json(y)),
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                stack.extend(x.iter().zip(y));
                true
            }
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                for (k, xv) in x {
                    match y.get(k) {
                        Some(yv) => stack.push((xv, yv)),
                        None => return false,
                    }
                }
                true
            }
            _ => false,
        };
        if !same {
            return false;
        }
    }
    true
}

/// True when an instance value equals a literal. Recursion is bounded by the literal's depth.
pub(crate) fn lit_equal(lit: &Lit, v: &Value) -> bool {
    match (lit, v) {
        (Lit::Null, Value::Null) => true,
        (Lit::Bool(x), Value::Bool(y)) => x == y,
        (Lit::Int(x), Value::Number(y)) => num_eq(N::Int(i128::from(*x)), N::of_json(y)),
        (Lit::UInt(x), Value::Number(y)) => num_eq(N::Int(i128::from(*x)), N::of_json(y)),
        (Lit::Float(x), Value::Number(y)) => num_eq(N::Float(*x), N::of_json(y)),
        (Lit::Str(x), Value::String(y)) => x == y,
        (Lit::Arr(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(l, v)| lit_equal(l, v)),
        (Lit::Obj(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, l)| y.get(k.as_ref()).is_some_and(|v| lit_equal(l, v))),
        _ => false,
    }
}

/// Hashes a value consistently with [`values_equal`] (integral floats hash as integers; object
/// members are combined order-independently). Below `depth` levels it stops looking, which
/// only makes more values collide; equality decides.
pub(crate) fn hash_value(v: &Value, depth: u32) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match v {
        Value::Null => 0u8.hash(&mut h),
        Value::Bool(b) => (1u8, b).hash(&mut h),
        Value::Number(n) => {
            2u8.hash(&mut h);
            match N::of_json(n) {
                N::Int(i) => i.hash(&mut h),
                N::Float(f) if f.fract() == 0.0 && f.abs() < 3.0e19 => (f as i128).hash(&mut h),
                N::Float(f) => f.to_bits().hash(&mut h),
            }
        }
        Value::String(s) => (3u8, s).hash(&mut h),
        Value::Array(a) => {
            (4u8, a.len()).hash(&mut h);
            if depth > 0 {
                for x in a {
                    hash_value(x, depth - 1).hash(&mut h);
                }
            }
        }
        Value::Object(o) => {
            (5u8, o.len()).hash(&mut h);
            if depth > 0 {
                let mut acc = 0u64;
                for (k, x) in o {
                    let mut kh = std::collections::hash_map::DefaultHasher::new();
                    (k, hash_value(x, depth - 1)).hash(&mut kh);
                    acc = acc.wrapping_add(kh.finish());
                }
                acc.hash(&mut h);
            }
        }
    }
    h.finish()
}

/// The first pair of equal items `(i, j)`, `i < j`, in about `n log n` for distinct items.
pub(crate) fn first_duplicate(items: &[Value]) -> Option<(usize, usize)> {
    let mut keyed: Vec<(u64, usize)> = items.iter().enumerate().map(|(i, v)| (hash_value(v, 8), i)).collect();
    keyed.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        for a in start..end {
            for b in a + 1..end {
                let (i, j) = (keyed[a].1.min(keyed[b].1), keyed[a].1.max(keyed[b].1));
                if best.is_none_or(|(_, bj)| j < bj) && values_equal(&items[i], &items[j]) {
                    best = Some((i, j));
                }
            }
        }
        start = end;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equality_is_json_schema_equality() {
        assert!(values_equal(&json!(1), &json!(1.0)));
        assert!(values_equal(&json!({"a": [1, {"b": 2.0}], "c": null}), &json!({"c": null, "a": [1.0, {"b": 2}]})));
        assert!(!values_equal(&json!([1, 2]), &json!([2, 1])));
        assert!(!values_equal(&json!(false), &json!(0)));
        assert!(!values_equal(&json!({"a": 1}), &json!({"a": 1, "b": 1})));
        assert_eq!(first_duplicate(&[json!(1), json!("1"), json!({"x": [1.0]}), json!({"x": [1]})]), Some((2, 3)));
        assert_eq!(first_duplicate(&[json!([1]), json!([true]), json!(0), json!(false)]), None);
    }

    #[test]
    fn deep_values_compare_without_recursion() {
        let mut a = json!(1);
        let mut b = json!(1);
        for _ in 0..100_000 {
            a = Value::Array(vec![a]);
            b = Value::Array(vec![b]);
        }
        assert!(values_equal(&a, &b));
        // serde_json drops nested values recursively: unwind by hand.
        for v in [a, b] {
            let mut cur = v;
            while let Value::Array(mut items) = cur {
                cur = items.pop().unwrap_or(Value::Null);
            }
        }
    }

    /// A `u64` literal above `i64::MAX` equals the integer it is, and only that number.
    #[test]
    fn u64_literals_equal_their_integer() {
        assert!(lit_equal(&Lit::UInt(u64::MAX), &json!(u64::MAX)));
        assert!(lit_equal(&Lit::UInt(1 << 63), &serde_json::from_str("9223372036854775808.0").unwrap()), "2^63 as a float");
        assert!(!lit_equal(&Lit::UInt(u64::MAX), &serde_json::from_str("18446744073709551616.0").unwrap()), "2^64 is one more");
        assert!(!lit_equal(&Lit::UInt(u64::MAX), &json!(i64::MAX)));
    }

    /// `uniqueItems` on values nested far deeper than the hash looks (8 levels): duplicates are
    /// still found, equality decides, and the hash does not recurse into every level.
    #[test]
    fn duplicates_are_found_in_deeply_nested_values() {
        std::thread::Builder::new().stack_size(1 << 20).spawn(deep_duplicates).expect("thread").join().expect("no stack overflow");
    }

    fn deep_duplicates() {
        let nest = |levels: usize, wrap: fn(Value) -> Value| (0..levels).fold(json!(1), |v, _| wrap(v));
        let in_array = |v: Value| Value::Array(vec![v]);
        let in_object = |v: Value| json!({ "k": v });
        for wrap in [in_array as fn(Value) -> Value, in_object] {
            let (a, b, c) = (nest(20, wrap), nest(20, wrap), nest(21, wrap));
            assert_eq!(first_duplicate(&[c.clone(), a.clone(), b.clone()]), Some((1, 2)));
            assert_eq!(first_duplicate(&[a, c]), None, "equal to 8 levels, different below");
        }
        let as_member = |v: Value| Value::Object(serde_json::Map::from_iter([("k".to_owned(), v)]));
        for wrap in [in_array as fn(Value) -> Value, as_member] {
            let items: Vec<Value> = (0..2).map(|_| nest(100_000, wrap)).collect();
            assert_eq!(first_duplicate(&items), Some((0, 1)));
            // serde_json drops nested values recursively: unwind by hand.
            for v in items {
                let mut cur = v;
                loop {
                    cur = match cur {
                        Value::Array(mut inner) => inner.pop().unwrap_or(Value::Null),
                        Value::Object(mut members) => members.remove("k").unwrap_or(Value::Null),
                        _ => break,
                    };
                }
            }
        }
    }

    /// The first duplicate is the first item equal to an earlier one, paired with that one,
    /// whichever of two groups of equal items the hash sorts first.
    #[test]
    fn the_first_repeat_is_reported() {
        let (a, b) = (json!({"a": 1}), json!([2]));
        assert_eq!(first_duplicate(&[a.clone(), b.clone(), a.clone(), b.clone(), a.clone()]), Some((0, 2)));
        assert_eq!(first_duplicate(&[b.clone(), a.clone(), b.clone(), a.clone(), b]), Some((0, 2)));
        assert_eq!(first_duplicate(&[json!(3), a.clone(), json!(4), json!(3.0), a]), Some((0, 3)));
    }
}
