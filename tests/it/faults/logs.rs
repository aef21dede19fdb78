//! The log lines of this test process, captured: every `seminar` event at any level and every
//! other crate's warnings and errors, as plain text. Suites run their tests side by side, so a
//! test picks its own lines by something only it logs (an interaction id, a token, a path).

use std::io::Write;
use std::sync::{Mutex, Once, PoisonError};

static CAPTURED: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut captured = CAPTURED.lock().unwrap_or_else(PoisonError::into_inner);
        captured.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts capturing, once per process.
pub fn capture() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("warn,seminar=trace"))
            .with_ansi(false)
            .with_writer(|| Capture)
            .init();
    });
}

/// Every line captured so far.
pub fn lines() -> Vec<String> {
    let captured = CAPTURED.lock().unwrap_or_else(PoisonError::into_inner);
    String::from_utf8_lossy(&captured)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The lines captured so far that contain `needle`.
pub fn lines_with(needle: &str) -> Vec<String> {
    lines()
        .into_iter()
        .filter(|line| line.contains(needle))
        .collect()
}
