//! Exact number arithmetic: comparisons across `i64` / `u64` / `f64`, and `multipleOf` in
//! decimal (on the shortest round-trip decimal form of a float, never by float division).

use std::cmp::Ordering;

use serde_json::Number;

use crate::ir::Num;

/// A JSON number, widened so that every integer is exact.
#[derive(Debug, Clone, Copy)]
pub(crate) enum N {
    /// Any `i64` or `u64`.
    Int(i128),
    /// Anything else.
    Float(f64),
}

impl N {
    /// The number a JSON value holds.
    pub(crate) fn of_json(n: &Number) -> Self {
        if let Some(u) = n.as_u64() {
            N::Int(i128::from(u))
        } else if let Some(i) = n.as_i64() {
            N::Int(i128::from(i))
        } else {
            N::Float(n.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// The number a schema wrote.
    pub(crate) fn of_num(n: Num) -> Self {
        match n {
            Num::Int(i) => N::Int(i128::from(i)),
            Num::UInt(u) => N::Int(i128::from(u)),
            Num::Float(f) => N::Float(f),
        }
    }

    /// True when the number has no fractional part (`1.0` included).
    pub(crate) fn is_integer(self) -> bool {
        match self {
            N::Int(_) => true,
            N::Float(f) => f.is_finite() && f.fract() == 0.0,
        }
    }
}

/// Exact comparison; `None` only for NaN (which JSON cannot carry).
pub(crate) fn cmp(a: N, b: N) -> Option<Ordering> {
    match (a, b) {
        (N::Int(x), N::Int(y)) => Some(x.cmp(&y)),
        (N::Float(x), N::Float(y)) => x.partial_cmp(&y),
        (N::Int(x), N::Float(y)) => cmp_int_float(x, y),
        (N::Float(x), N::Int(y)) => cmp_int_float(y, x).map(Ordering::reverse),
    }
}

fn cmp_int_float(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // Every integer we hold is below 2^65 in magnitude; beyond that the sign decides.
    const LIMIT: f64 = 36_893_488_147_419_103_232.0; // 2^65
    if f >= LIMIT {
        return Some(Ordering::Less);
    }
    if f <= -LIMIT {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    // Exact: |t| < 2^65 and t is integral.
    let ti = t as i128;
    Some(match i.cmp(&ti) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        o => o,
    })
}

/// `|x| = mantissa * 10^exp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dec {
    mantissa: u128,
    exp: i32,
}

fn decimal(n: N) -> Option<Dec> {
    match n {
        N::Int(i) => Some(Dec { mantissa: i.unsigned_abs(), exp: 0 }),
        N::Float(f) => {
            if !f.is_finite() {
                return None;
            }
            // `{:e}` is the shortest representation that round-trips: "7.5e-3", "1e308".
            let text = format!("{:e}", f.abs());
            let (mant, exp) = text.split_once('e')?;
            let exp: i32 = exp.parse().ok()?;
            let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
            let mut mantissa: u128 = 0;
            for c in int.chars().chain(frac.chars()) {
                mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(c.to_digit(10)?))?;
            }
            let frac_len = i32::try_from(frac.len()).ok()?;
            Some(Dec { mantissa, exp: exp - frac_len })
        }
    }
}

/// `base^exp mod m`, with `m < 2^64` so that products fit `u128`.
fn pow_mod(mut base: u128, mut exp: u32, m: u128) -> u128 {
    let mut acc = 1 % m;
    base %= m;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc * base % m;
        }
        base = base * base % m;
        exp >>= 1;
    }
    acc
}

/// True when `value` is an integer multiple of `divisor` (`divisor > 0`), exactly in decimal.
pub(crate) fn is_multiple(value: N, divisor: N) -> bool {
    let (Some(v), Some(d)) = (decimal(value), decimal(divisor)) else {
        return false;
    };
    if d.mantissa == 0 || d.mantissa >= 1 << 64 {
        // A zero divisor is refused at compile time; no schema number is this large as an integer.
        return false;
    }
    if v.mantissa == 0 {
        return true;
    }
    let k = v.exp - d.exp;
    if k >= 0 {
        // v / d = (vm * 10^k) / dm: an integer when dm divides vm * 10^k.
        let k = k.unsigned_abs();
        ((v.mantissa % d.mantissa) * pow_mod(10, k, d.mantissa)).is_multiple_of(d.mantissa)
    } else {
        // v / d = vm / (dm * 10^-k).
        match 10u128.checked_pow(k.unsigned_abs()).and_then(|p| p.checked_mul(d.mantissa)) {
            Some(div) => v.mantissa.is_multiple_of(div),
            None => false, // the divisor exceeds vm, which is not zero
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> N {
        N::Float(x)
    }

    #[test]
    fn decimal_multiples_are_exact() {
        assert!(is_multiple(f(0.0075), f(0.0001)));
        assert!(!is_multiple(f(0.00751), f(0.0001)));
        assert!(is_multiple(f(4.5), f(1.5)));
        assert!(!is_multiple(f(35.0), f(1.5)));
        assert!(is_multiple(f(0.3), f(0.1)), "0.3 / 0.1 is 2.9999999999999996 in floats");
        assert!(is_multiple(f(19.99), f(0.01)));
        assert!(!is_multiple(f(1e308), f(0.123456789)));
        assert!(is_multiple(f(1e308), f(1e300)));
        assert!(is_multiple(N::Int(10), f(2.5)));
        assert!(!is_multiple(N::Int(7), N::Int(2)));
        assert!(is_multiple(N::Int(-8), N::Int(2)));
        assert!(is_multiple(N::Int(i128::from(u64::MAX)), N::Int(i128::from(u64::MAX))));
        assert!(!is_multiple(N::Int(i128::from(u64::MAX)), N::Int(2)));
        assert!(is_multiple(f(0.0), f(0.7)));
        assert!(!is_multiple(f(1e-300), f(0.1)));
    }

    #[test]
    fn powers_of_ten_with_several_binary_digits_are_exact() {
        // 1e3 = 2^3 · 5^3 and 1e7 = 2^7 · 5^7 (powers 3 and 7: binary 11 and 111), against
        // integer divisors: 1000 / 8 = 125, 1000 / 16 = 62.5, 10^7 / 128 = 78125, 10^7 / 256 = 39062.5.
        assert!(is_multiple(f(1e3), N::Int(8)));
        assert!(!is_multiple(f(1e3), N::Int(16)));
        assert!(is_multiple(f(1e7), N::Int(128)));
        assert!(!is_multiple(f(1e7), N::Int(256)));
        // 5e5 over 3.2 = 32e-1: 5 · 10^6 / 32 (power 6: binary 110).
        assert!(is_multiple(f(5e5), f(3.2)), "500000 / 3.2 = 156250");
        assert!(!is_multiple(f(5e5), f(12.8)), "500000 / 12.8 = 39062.5");
    }

    #[test]
    fn a_zero_divisor_has_no_multiples() {
        // The compiler refuses `multipleOf: 0` (JSON Schema: "strictly greater than 0"), but a
        // `Program` built by hand can hold one: nothing is its multiple, not even 0, and
        // nothing panics (a remainder by zero would).
        for divisor in [N::Int(0), f(0.0), f(-0.0)] {
            for value in [N::Int(0), N::Int(5), f(0.0), f(2.5), f(1e300)] {
                assert!(!is_multiple(value, divisor), "{value:?} / {divisor:?}");
            }
        }
    }

    #[test]
    fn divisors_near_u64_max_are_exact() {
        // 2^64 − 1 = 3 · 5 · 17 · 257 · 641 · 65537 · 6700417; 2^64 − 10 = 2 · (2^63 − 5), where
        // 2^63 − 5 is odd, ≡ 3 (mod 5) and above 1. A power of ten times a small number is a
        // multiple of neither. (The modular power then squares a base just below 2^64: the
        // reduction `base %= m` is what keeps those products within `u128`.)
        let max = N::Int(i128::from(u64::MAX));
        let max_less_nine = N::Int(i128::from(u64::MAX - 9));
        assert!(!is_multiple(f(1e20), max));
        assert!(!is_multiple(f(1e20), max_less_nine));
        assert!(!is_multiple(f(3e300), max));
        // 2^64 − 2 = 2 · 7² · 73 · 127 · 337 · 92737 · 649657; the digits 46920755625146135 leave 5
        // mod 7 and 10 has no factor 7, so 46920755625146135 · 10^59 is no multiple of 7. Found by search so that 10^59 mod (2^64 − 2) is within
        // 0.2 % of the divisor: the value's digits must be reduced before that product, or it
        // passes 2^128.
        assert!(!is_multiple(f(4.692_075_562_514_613_5e75), N::Int(i128::from(u64::MAX - 1))));
        // Integers are exact too: a divisor divides itself and its double, not its successor.
        assert!(is_multiple(max, max));
        assert!(is_multiple(N::Int(i128::from(u64::MAX - 9) * 2), max_less_nine));
        assert!(!is_multiple(N::Int(i128::from(u64::MAX - 9) + 1), max_less_nine));
    }

    #[test]
    fn comparisons_are_exact_across_representations() {
        use Ordering::*;
        // 2^63 as u64 and as f64: equal; 2^63 + 1 is above the float.
        assert_eq!(cmp(N::Int(1 << 63), f(9_223_372_036_854_775_808.0)), Some(Equal));
        assert_eq!(cmp(N::Int((1 << 63) + 1), f(9_223_372_036_854_775_808.0)), Some(Greater));
        assert_eq!(cmp(N::Int(i128::from(u64::MAX)), f(18_446_744_073_709_551_616.0)), Some(Less));
        assert_eq!(cmp(N::Int(i128::from(i64::MIN)), f(-9_223_372_036_854_775_808.0)), Some(Equal));
        assert_eq!(cmp(N::Int(i128::from(i64::MIN)), f(-9_223_372_036_854_774_784.0)), Some(Less)); // -2^63 + 1024
        assert_eq!(cmp(N::Int(i128::from(i64::MIN) + 1), f(-9_223_372_036_854_775_808.0)), Some(Greater));
        assert_eq!(cmp(N::Int(3), f(2.5)), Some(Greater));
        assert_eq!(cmp(N::Int(-3), f(-2.5)), Some(Less));
        assert_eq!(cmp(N::Int(5), f(1e300)), Some(Less));
        assert_eq!(cmp(f(-1e300), N::Int(-5)), Some(Less));
    }
}
