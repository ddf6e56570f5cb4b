//! Where envelopes get their time and their ids. Injectable, so tests of domain code
//! build deterministic envelopes.

use std::sync::atomic::{AtomicU64, Ordering};

use uuid::Uuid;

use crate::Timestamp;

/// A source of "now" for `occurred_at`.
pub trait Clock {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// A source of fresh UUIDv7 values for event ids.
pub trait IdSource {
    /// A new version 7 UUID.
    fn next_v7(&self) -> Uuid;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that always returns the same instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// Random, time-ordered UUIDv7s from the `uuid` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomIds;

impl IdSource for RandomIds {
    fn next_v7(&self) -> Uuid {
        Uuid::now_v7()
    }
}

/// Deterministic UUIDv7s: a fixed millisecond timestamp and a counter in the random bits.
#[derive(Debug, Default)]
pub struct SequentialIds {
    unix_ms: u64,
    counter: AtomicU64,
}

impl SequentialIds {
    /// Ids stamped with `unix_ms`, counting up from 1.
    pub fn new(unix_ms: u64) -> Self {
        Self { unix_ms, counter: AtomicU64::new(0) }
    }
}

impl IdSource for SequentialIds {
    fn next_v7(&self) -> Uuid {
        let n = self.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&self.unix_ms.to_be_bytes()[2..]);
        bytes[8..].copy_from_slice(&n.to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(self.unix_ms, &bytes[6..16].try_into().expect("ten bytes")).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_ids_are_distinct_v7() {
        let ids = SequentialIds::new(1_747_000_000_000);
        let (a, b) = (ids.next_v7(), ids.next_v7());
        assert_ne!(a, b);
        assert!(crate::id::is_uuid_v7(&a) && crate::id::is_uuid_v7(&b));
        assert!(crate::id::parse_canonical_uuid_v7(&a.to_string()).is_some());
        let again = SequentialIds::new(1_747_000_000_000);
        assert_eq!(again.next_v7(), a);
    }

    /// The 62 bits after the variant (RFC 9562 §5.7: `rand_b`, the last 8 bytes but 2 bits).
    fn rand_b(id: &Uuid) -> u64 {
        u64::from_be_bytes(id.as_bytes()[8..].try_into().expect("eight bytes")) & ((1 << 62) - 1)
    }

    #[test]
    fn sequential_ids_carry_the_time_given_and_count_from_one() {
        let ids = SequentialIds::new(1_747_000_000_000);
        for n in 1..=3 {
            let id = ids.next_v7();
            // RFC 9562 §5.7: the first 48 bits are the Unix time in milliseconds, big-endian.
            assert_eq!(id.as_bytes()[..6], 1_747_000_000_000u64.to_be_bytes()[2..], "{id}");
            assert_eq!(rand_b(&id), n, "{id}: the counter");
        }
    }

    #[test]
    fn random_ids_are_fresh_v7_of_the_current_time() {
        let before = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis();
        let (a, b) = (RandomIds.next_v7(), RandomIds.next_v7());
        let after = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis();
        assert_ne!(a, b);
        for id in [a, b] {
            assert!(crate::id::is_uuid_v7(&id), "{id}");
            let mut ms = [0u8; 16];
            ms[10..].copy_from_slice(&id.as_bytes()[..6]);
            let ms = u128::from_be_bytes(ms);
            assert!((before..=after).contains(&ms), "{id}: {ms} ms is not between {before} and {after}");
        }
    }

    #[test]
    fn clocks_give_the_fixed_instant_or_the_system_time() {
        let t = Timestamp::parse("2026-11-30T04:10:21.5-04:00").expect("a timestamp");
        assert_eq!(FixedClock(t).now(), t);
        let before = chrono::Utc::now();
        let now = SystemClock.now().instant();
        let after = chrono::Utc::now();
        assert!(before <= now && now <= after, "{now} is not between {before} and {after}");
    }
}
