//! `[http]`: the settings of the HTTP interactions endpoint, with their `SEMINAR_HTTP_*`
//! overrides.

use serde::Deserialize;

/// `[http]`: the HTTP interactions endpoint (`seminar serve`). The public key is never here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// The address to listen on.
    pub listen: String,
    /// Requests whose signed timestamp is further than this from the clock are refused (replays).
    pub max_clock_skew_secs: u64,
    /// Whether this process posts reading plans. Every process may: the database decides which
    /// one posts each plan (see `[plans]`).
    pub plans: bool,
    /// A client must send a request's headers within this many seconds of the connection
    /// waiting for them (the slow-loris guard).
    pub header_read_timeout_secs: u64,
    /// A body stalled for this many seconds is refused (408); the whole request may take this
    /// plus the answer's 2.5 s.
    pub body_read_timeout_secs: u64,
    /// A kept-alive connection with no request for this many seconds is closed.
    pub idle_timeout_secs: u64,
    /// Open connections at most (lowered to fit the open-file limit); beyond it the oldest idle
    /// connection is closed to make room.
    pub max_connections: usize,
    /// Interactions handled at once at most; beyond it, 503 at once.
    pub max_in_flight: usize,
}

impl HttpConfig {
    /// Applies the `SEMINAR_HTTP_*` limits: `HEADER_READ_TIMEOUT_SECS`, `BODY_READ_TIMEOUT_SECS`,
    /// `IDLE_TIMEOUT_SECS`, `MAX_CONNECTIONS` and `MAX_IN_FLIGHT`. Zero is refused: it would
    /// close every connection, or serve none.
    pub(super) fn apply_env(
        &mut self,
        set: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), String> {
        let positive = |key: &str, what: &str| -> Result<Option<u64>, String> {
            let Some(value) = set(key) else {
                return Ok(None);
            };
            match value.trim().parse::<u64>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => Err(format!("{key}={value} is not a positive number of {what}")),
            }
        };
        let seconds = [
            (
                "SEMINAR_HTTP_HEADER_READ_TIMEOUT_SECS",
                &mut self.header_read_timeout_secs,
            ),
            (
                "SEMINAR_HTTP_BODY_READ_TIMEOUT_SECS",
                &mut self.body_read_timeout_secs,
            ),
            (
                "SEMINAR_HTTP_IDLE_TIMEOUT_SECS",
                &mut self.idle_timeout_secs,
            ),
        ];
        for (key, setting) in seconds {
            if let Some(secs) = positive(key, "seconds")? {
                *setting = secs;
            }
        }
        let counts = [
            (
                "SEMINAR_HTTP_MAX_CONNECTIONS",
                &mut self.max_connections,
                "connections",
            ),
            (
                "SEMINAR_HTTP_MAX_IN_FLIGHT",
                &mut self.max_in_flight,
                "requests",
            ),
        ];
        for (key, setting, what) in counts {
            if let Some(n) = positive(key, what)? {
                *setting = usize::try_from(n).unwrap_or(usize::MAX);
            }
        }
        Ok(())
    }
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            listen: "127.0.0.1:8080".into(),
            max_clock_skew_secs: 300,
            plans: true,
            header_read_timeout_secs: 10,
            body_read_timeout_secs: 10,
            idle_timeout_secs: 5,
            max_connections: 1024,
            max_in_flight: 256,
        }
    }
}
