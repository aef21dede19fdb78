//! Internal failures at the edge: logged with an id, shown to the user only as a short apology.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::engine::Reply;

/// Starts `tracing` output on stderr with the given filter (`RUST_LOG` wins when set).
pub fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .or_else(|_| tracing_subscriber::EnvFilter::try_new(level))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// A short id to find a failure in the logs by.
pub fn error_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let n = nanos
        ^ COUNTER
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!("{:08x}", (n ^ (n >> 32)) as u32)
}

/// Logs an internal failure and returns the id it was logged under and the apology to show.
pub fn apologize(what: &str, error: &dyn std::fmt::Display) -> (String, Reply) {
    let id = error_id();
    tracing::error!(error_id = %id, %what, error = %error, "internal error");
    let reply = Reply::apology(&id);
    (id, reply)
}
