//! Ids and clocks as Discord has them: the bot token, snowflakes, interaction ids and tokens,
//! command ids, and RFC 3339 timestamps.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::payloads::BOT_USER_ID;

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A well-formed bot token: three non-empty dot-separated base64url parts, the first being
/// base64 of [`BOT_USER_ID`]'s decimal digits (as in real tokens).
pub fn token() -> String {
    let id = base64url(BOT_USER_ID.to_string().as_bytes());
    format!(
        "{id}.{}.{}",
        base64url(b"fake"),
        base64url(b"fake-discord-signature")
    )
}

/// Base64url without padding, as Discord tokens use it (no crate for three short strings).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    u64::try_from(since.as_millis()).expect("time fits u64")
}

/// A fresh snowflake whose timestamp is `unix_ms`; the low 12 bits count up so ids made in the
/// same millisecond differ.
pub fn snowflake_at(unix_ms: u64) -> u64 {
    static INCREMENT: AtomicU64 = AtomicU64::new(0);
    let increment = INCREMENT.fetch_add(1, Ordering::Relaxed) & 0xFFF;
    (unix_ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | increment
}

/// A fresh snowflake for now.
pub fn snowflake() -> u64 {
    snowflake_at(now_ms())
}

/// The Unix milliseconds a snowflake was made at.
pub fn snowflake_ms(id: u64) -> u64 {
    (id >> 22) + DISCORD_EPOCH_MS
}

/// An interaction id whose timestamp is `age` before now (serenity and Discord derive an
/// interaction's creation time from it).
pub fn interaction_id(age: Duration) -> u64 {
    let age_ms = u64::try_from(age.as_millis()).expect("age fits u64");
    snowflake_at(now_ms().saturating_sub(age_ms))
}

/// The token Discord would hand out with interaction `id` (unique per interaction, URL-safe).
pub fn interaction_token(id: u64) -> String {
    format!("aW50ZXJhY3Rpb24.{id}.ZmFrZS10b2tlbg")
}

/// A stable command id for a command name, used until the fake patches in the id of the
/// registered command (see `FakeDiscord::send_interaction`).
pub fn command_id(name: &str) -> u64 {
    // FNV-1a: stable across runs, unlike std's RandomState.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    1_000_000_000_000_000_000 + hash % 100_000_000_000_000_000
}

/// RFC 3339 with microseconds and `+00:00`, the way Discord writes timestamps.
pub fn rfc3339(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(i64::try_from(days).expect("days fit i64"));
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}000+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        unix_ms % 1000
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).expect("day in 1..=31");
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).expect("month in 1..=12");
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A snowflake field (`"123"` or `123`) as a number.
pub fn id_of(value: &Value) -> Option<u64> {
    match value {
        Value::String(s) => s.parse().ok(),
        other => other.as_u64(),
    }
}
