//! What the edge allows a client: how long it may take to send headers and a body, how long a
//! kept-alive connection may sit idle, how large its headers may be, and how many connections and
//! requests in flight are served at once, within the process's file descriptors.

use std::io;
use std::time::Duration;

use crate::config::HttpConfig;

/// The most a request's headers (request line included) may take; hyper answers 431 beyond it.
/// It is also the largest read buffer a connection holds, so 1,000 connections cost a few MiB.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// File descriptors kept for everything but client connections: the database and its journal,
/// REST calls to Discord, the index, logs. The connection cap stays this far below the limit.
pub const FD_RESERVE: usize = 64;
/// How long the accept loop pauses when the process is out of file descriptors, instead of
/// spinning on the error.
pub const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// First responses kept for answering a replayed interaction with the same body.
pub const REPLAY_BODIES: usize = 1024;

/// The edge's timeouts and caps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeLimits {
    /// From the moment a connection waits for a request to its last header line.
    pub header_read_timeout: Duration,
    /// The longest wait for the next piece of a body; the whole request, body and answer, gets
    /// this plus the answer's own deadline.
    pub body_read_timeout: Duration,
    /// A connection with no request for this long is closed (one mid-request is let finish).
    pub idle_timeout: Duration,
    /// Open connections at most; beyond it the oldest idle one is closed to make room, and a new
    /// one is refused when none is idle. Lowered to fit the file-descriptor limit.
    pub max_connections: usize,
    /// Requests being handled at once at most; beyond it, 503 at once.
    pub max_in_flight: usize,
    /// First responses kept for replays.
    pub replay_bodies: usize,
}

impl Default for EdgeLimits {
    fn default() -> Self {
        EdgeLimits::from(&HttpConfig::default())
    }
}

impl From<&HttpConfig> for EdgeLimits {
    fn from(http: &HttpConfig) -> Self {
        EdgeLimits {
            header_read_timeout: Duration::from_secs(http.header_read_timeout_secs),
            body_read_timeout: Duration::from_secs(http.body_read_timeout_secs),
            idle_timeout: Duration::from_secs(http.idle_timeout_secs),
            max_connections: http.max_connections,
            max_in_flight: http.max_in_flight,
            replay_bodies: REPLAY_BODIES,
        }
    }
}

impl EdgeLimits {
    /// The connection cap that fits `descriptor_limit` (the process's soft limit on open files,
    /// when known) with [`FD_RESERVE`] kept back; never below one.
    pub fn connection_cap(&self, descriptor_limit: Option<usize>) -> usize {
        let fits = descriptor_limit.map_or(usize::MAX, |limit| limit.saturating_sub(FD_RESERVE));
        self.max_connections.min(fits).max(1)
    }
}

/// The process's soft limit on open files (`RLIMIT_NOFILE`), when it has one.
pub fn descriptor_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    if read != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    usize::try_from(limit.rlim_cur).ok()
}

/// Whether an accept failed because the process or the system is out of descriptors (or
/// memory for sockets): waiting helps, retrying at once does not.
pub fn is_resource_exhaustion(error: &io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_ten_seconds_for_headers_and_bodies() {
        let limits = EdgeLimits::default();
        assert_eq!(limits.header_read_timeout, Duration::from_secs(10));
        assert_eq!(limits.body_read_timeout, Duration::from_secs(10));
        assert_eq!(limits.idle_timeout, Duration::from_secs(5));
        assert_eq!((limits.max_connections, limits.max_in_flight), (1024, 256));
    }

    #[test]
    fn the_connection_cap_keeps_descriptors_in_reserve() {
        let limits = EdgeLimits::default();
        assert_eq!(limits.connection_cap(Some(1024)), 1024 - FD_RESERVE);
        assert_eq!(limits.connection_cap(Some(100_000)), 1024);
        assert_eq!(limits.connection_cap(None), 1024);
        assert_eq!(limits.connection_cap(Some(10)), 1);
    }

    #[test]
    fn running_out_of_descriptors_is_told_apart_from_other_accept_errors() {
        for code in [libc::EMFILE, libc::ENFILE] {
            assert!(is_resource_exhaustion(&io::Error::from_raw_os_error(code)));
        }
        let aborted = io::Error::from_raw_os_error(libc::ECONNABORTED);
        assert!(!is_resource_exhaustion(&aborted));
    }
}
