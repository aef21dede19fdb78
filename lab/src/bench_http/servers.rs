//! The two servers under test, in this process: `seminar serve`'s and the floor, each on a
//! 127.0.0.1 port of its own, and the temporary database the first one keeps.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::VerifyingKey;
use reqwest::Client;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::floor;
use seminar::http::{self, ServeError, ServeSettings};
use seminar_core::engine::Engine;
use seminar_discord::community::clock::SystemClock;

/// Both servers accept signatures this many seconds from now, as `seminar serve` does by default.
const MAX_SKEW: u64 = 300;

/// The two servers, on 127.0.0.1 ports of their own.
pub struct Servers {
    /// The floor's `/interactions` URL.
    pub floor: Arc<str>,
    /// The real server's `/interactions` URL.
    pub real: Arc<str>,
    readyz: String,
    stop: [oneshot::Sender<()>; 2],
    floor_task: JoinHandle<std::io::Result<()>>,
    real_task: JoinHandle<Result<(), ServeError>>,
}

impl Servers {
    pub async fn start(
        engine: Arc<Engine>,
        key: VerifyingKey,
        database: &Path,
    ) -> Result<Servers, String> {
        let real = http::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let floor = http::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let address = |l: &TcpListener| {
            l.local_addr()
                .map(|a| format!("http://{a}"))
                .map_err(|e| format!("cannot read the listening address: {e}"))
        };
        let (real_base, floor_base) = (address(&real)?, address(&floor)?);
        let settings = ServeSettings {
            public_key: key,
            max_clock_skew: MAX_SKEW,
            token: None,
            api_base: None,
            database: database.to_path_buf(),
            defer_after: Duration::from_secs(10),
            rest_timeout: seminar_discord::rest::DEFAULT_TIMEOUT,
            plans: false,
            clock: Arc::new(SystemClock),
        };
        let (stop_real, real_stopped) = oneshot::channel::<()>();
        let (stop_floor, floor_stopped) = oneshot::channel::<()>();
        let real_task = tokio::spawn(http::serve(real, engine, settings, async {
            let _ = real_stopped.await;
        }));
        let floor_task = tokio::spawn(async move {
            axum::serve(floor, floor::router(key, MAX_SKEW))
                .with_graceful_shutdown(async {
                    let _ = floor_stopped.await;
                })
                .await
        });
        Ok(Servers {
            floor: format!("{floor_base}/interactions").into(),
            real: format!("{real_base}/interactions").into(),
            readyz: format!("{real_base}/readyz"),
            stop: [stop_real, stop_floor],
            floor_task,
            real_task,
        })
    }

    /// Waits for the real server's readiness probe (it opens the database first).
    pub async fn ready(&self, client: &Client) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.real_task.is_finished() {
                return Err("the server stopped before it was ready".into());
            }
            let probe = client.get(&self.readyz).send().await;
            if probe.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the server was not ready within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn stop(self) -> Result<(), String> {
        for stop in self.stop {
            let _ = stop.send(());
        }
        let real = self.real_task.await.map_err(|e| e.to_string())?;
        let floor = self.floor_task.await.map_err(|e| e.to_string())?;
        real.map_err(|e| e.to_string())?;
        floor.map_err(|e| format!("the floor server failed: {e}"))
    }
}

/// A database file of its own in the temporary directory, removed (with SQLite's WAL files)
/// when dropped.
pub struct TempDatabase(PathBuf);

impl TempDatabase {
    pub fn new() -> TempDatabase {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("seminar-bench-http-{}-{nanos}.db", std::process::id());
        TempDatabase(std::env::temp_dir().join(name))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_temporary_database_goes_away() {
        let database = TempDatabase::new();
        let path = database.path().to_path_buf();
        std::fs::write(&path, b"x").unwrap();
        drop(database);
        assert!(!path.exists());
    }
}
