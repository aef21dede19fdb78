//! The servers under test, in this process: `seminar serve` on SQLite, `seminar serve` on
//! PostgreSQL and the floor, each on a 127.0.0.1 port of its own, and the temporary SQLite
//! database the first one keeps.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::VerifyingKey;
use reqwest::Client;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::floor;
use seminar::http::{self, ServeError, ServeSettings};
use seminar_core::engine::Engine;
use seminar_discord::community::clock::SystemClock;
use seminar_store::Database;

/// Both servers accept signatures this many seconds from now, as `seminar serve` does by default.
const MAX_SKEW: u64 = 300;

/// The three servers, on 127.0.0.1 ports of their own.
pub struct Servers {
    /// The floor's `/interactions` URL.
    pub floor: Arc<str>,
    /// The real server's `/interactions` URL, on SQLite.
    pub real: Arc<str>,
    /// The same server's on PostgreSQL.
    pub postgres: Arc<str>,
    readyz: [String; 2],
    stop: [oneshot::Sender<()>; 3],
    floor_task: JoinHandle<std::io::Result<()>>,
    real_tasks: [JoinHandle<Result<(), ServeError>>; 2],
}

/// `seminar serve` on `database`, until `stopped`.
async fn serve_on(
    engine: Arc<Engine>,
    key: VerifyingKey,
    database: Database,
) -> Result<
    (
        String,
        oneshot::Sender<()>,
        JoinHandle<Result<(), ServeError>>,
    ),
    String,
> {
    let listener = http::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let base = listener
        .local_addr()
        .map(|a| format!("http://{a}"))
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    let settings = ServeSettings {
        public_key: key,
        max_clock_skew: MAX_SKEW,
        token: None,
        api_base: None,
        database,
        defer_after: Duration::from_secs(10),
        rest_timeout: seminar_discord::rest::DEFAULT_TIMEOUT,
        plans: false,
        claims: Default::default(),
        clock: Arc::new(SystemClock),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(http::serve(listener, engine, settings, async {
        let _ = stopped.await;
    }));
    Ok((base, stop, task))
}

impl Servers {
    pub async fn start(
        engine: Arc<Engine>,
        key: VerifyingKey,
        sqlite: &Path,
        postgres: Database,
    ) -> Result<Servers, String> {
        let floor = http::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let floor_base = floor
            .local_addr()
            .map(|a| format!("http://{a}"))
            .map_err(|e| format!("cannot read the listening address: {e}"))?;
        let sqlite = Database::sqlite(sqlite);
        let (real_base, stop_real, real_task) = serve_on(Arc::clone(&engine), key, sqlite).await?;
        let (pg_base, stop_pg, pg_task) = serve_on(engine, key, postgres).await?;
        let (stop_floor, floor_stopped) = oneshot::channel::<()>();
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
            postgres: format!("{pg_base}/interactions").into(),
            readyz: [format!("{real_base}/readyz"), format!("{pg_base}/readyz")],
            stop: [stop_real, stop_pg, stop_floor],
            floor_task,
            real_tasks: [real_task, pg_task],
        })
    }

    /// Waits for the real servers' readiness probes (they open their databases first).
    pub async fn ready(&self, client: &Client) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        for (readyz, task) in self.readyz.iter().zip(&self.real_tasks) {
            loop {
                if task.is_finished() {
                    return Err("a server stopped before it was ready".into());
                }
                let probe = client.get(readyz).send().await;
                if probe.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                if Instant::now() > deadline {
                    return Err("a server was not ready within 30 s".into());
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        Ok(())
    }

    pub async fn stop(self) -> Result<(), String> {
        for stop in self.stop {
            let _ = stop.send(());
        }
        for task in self.real_tasks {
            let real = task.await.map_err(|e| e.to_string())?;
            real.map_err(|e| e.to_string())?;
        }
        let floor = self.floor_task.await.map_err(|e| e.to_string())?;
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
