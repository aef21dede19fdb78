//! Opening a SQLite database: WAL mode, a busy timeout, the file's identity kept to notice its
//! loss, and the migrations applied under the write lock so processes sharing a new file migrate
//! it once.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::Connection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};

use crate::file::OpenedFile;
use crate::{Backend, Location, PoolSettings, StoreError};

/// The SQLite migrations, embedded in the binary; each file is one version.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Connections at most when the settings name no number.
const DEFAULT_CONNECTIONS: u32 = 4;

/// Opens (creating it and its directory if needed) the database at `path`.
pub(crate) async fn open(path: &Path, settings: &PoolSettings) -> Result<Backend, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        // WAL: readers never wait for the writer, and a backup can run beside the bot.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    // Another process may be creating the same database: its switch to WAL takes a lock
    // SQLite's busy timeout does not wait for, so a busy open is tried again.
    let mut backoff = Duration::from_millis(20);
    for attempt in 1.. {
        match connect_once(path, options.clone(), settings).await {
            Err(StoreError::Open { source, .. }) if attempt < 8 && is_busy(&source) => {
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
            outcome => return outcome,
        }
    }
    unreachable!("the last attempt returns")
}

async fn connect_once(
    path: &Path,
    options: SqliteConnectOptions,
    settings: &PoolSettings,
) -> Result<Backend, StoreError> {
    let open_error = |source| StoreError::Open {
        location: Location::Sqlite(path.to_path_buf()),
        source,
    };
    // Only this first connection may create the file. The pool's connections come and go
    // while Seminar runs, and one made after the file was deleted must fail, not start an
    // empty database that would take writes as if nothing happened.
    let first = SqliteConnection::connect_with(&options.clone().create_if_missing(true))
        .await
        .map_err(open_error)?;
    let file = Arc::new(OpenedFile::at(path)?);
    let pool = SqlitePoolOptions::new()
        .max_connections(settings.max_connections.unwrap_or(DEFAULT_CONNECTIONS))
        .acquire_timeout(settings.acquire_timeout)
        .connect_with(options.create_if_missing(false))
        .await
        .map_err(open_error)?;
    first.close().await.map_err(open_error)?;
    // Processes sharing the database migrate one at a time: the IMMEDIATE transaction holds
    // the write lock (others wait, up to the busy timeout), the migrations run inside it.
    let mut connection = pool.acquire().await.map_err(open_error)?;
    let mut transaction = sqlx::Connection::begin_with(&mut *connection, "BEGIN IMMEDIATE")
        .await
        .map_err(open_error)?;
    MIGRATOR
        .run_direct(&mut *transaction)
        .await
        .map_err(|source| StoreError::Migrate {
            location: Location::Sqlite(path.to_path_buf()),
            source,
        })?;
    transaction.commit().await.map_err(open_error)?;
    drop(connection);
    Ok(Backend::Sqlite {
        pool,
        path: path.to_path_buf(),
        file,
    })
}

/// Whether SQLite said the database is locked (SQLITE_BUSY).
fn is_busy(error: &sqlx::Error) -> bool {
    let code = match error {
        sqlx::Error::Database(e) => e.code().and_then(|c| c.parse::<i32>().ok()),
        _ => None,
    };
    // Extended codes (SQLITE_BUSY_RECOVERY, _SNAPSHOT...) keep the primary code in the low byte.
    code.is_some_and(|c| c & 0xff == 5)
}
