//! Seminar's state in SQLite (through sqlx): opened in WAL mode with versioned migrations applied
//! at start-up, every write confirmed only once SQLite committed it to the file opened, and
//! copied consistently by `seminar backup` while the bot runs.

mod file;
pub mod plans;
pub mod prompts;
pub mod settings;
pub mod suggestions;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sqlx::Connection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};

use file::OpenedFile;

pub use plans::{CatchUp, Plan, PlanPost, PlanStatus};
pub use prompts::Place;
pub use settings::GuildSettings;
pub use suggestions::{Suggestion, Verdict};

/// The migrations, embedded in the binary; each file is one version.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Why the database cannot be used. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the directory for the database {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot bring the database {path} up to date: {source}")]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },
    #[error("cannot read the database file {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("there is no database at {0} yet")]
    Missing(PathBuf),
    /// The file at the path is no longer the database opened (logged once when first seen).
    #[error("the database {0} cannot be used since its file went missing")]
    Lost(PathBuf),
    #[error("{0} exists already; choose a new file for the backup")]
    BackupExists(PathBuf),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

/// The open database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    file: Arc<OpenedFile>,
}

impl Store {
    /// Opens (creating it and its directory if needed) the database at `path` and applies the
    /// migrations it lacks.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
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
        Store::connect(path, options).await
    }

    /// Opens an existing database only.
    pub async fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Store::open(path).await
    }

    async fn connect(path: &Path, options: SqliteConnectOptions) -> Result<Store, StoreError> {
        // Another process may be creating the same database: its switch to WAL takes a lock
        // SQLite's busy timeout does not wait for, so a busy open is tried again.
        let mut backoff = Duration::from_millis(20);
        for attempt in 1.. {
            match Store::connect_once(path, options.clone()).await {
                Err(StoreError::Open { source, .. }) if attempt < 8 && is_busy(&source) => {
                    tokio::time::sleep(backoff).await;
                    backoff *= 2;
                }
                outcome => return outcome,
            }
        }
        unreachable!("the last attempt returns")
    }

    async fn connect_once(path: &Path, options: SqliteConnectOptions) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
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
            .max_connections(4)
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
                path: path.to_path_buf(),
                source,
            })?;
        transaction.commit().await.map_err(open_error)?;
        drop(connection);
        Ok(Store {
            pool,
            path: path.to_path_buf(),
            file,
        })
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The migration versions applied, in order.
    pub async fn migrations(&self) -> Result<Vec<i64>, StoreError> {
        let versions = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .fetch_all(self.pool()?)
        .await?;
        Ok(versions)
    }

    /// Writes a consistent copy of the database to `to`, a file that must not exist yet. Safe
    /// while the bot runs: SQLite copies one snapshot.
    pub async fn backup(&self, to: &Path) -> Result<u64, StoreError> {
        if to.exists() {
            return Err(StoreError::BackupExists(to.to_path_buf()));
        }
        let target = to.to_string_lossy().into_owned();
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(self.pool()?)
            .await?;
        Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The connections, once the file at the path is checked to be the database opened.
    fn pool(&self) -> Result<&SqlitePool, StoreError> {
        self.file.check()?;
        Ok(&self.pool)
    }

    /// `value`, the result of a write, once the file at the path is checked to still be the
    /// database written: a write into a deleted file succeeds as far as SQLite knows.
    fn confirmed<T>(&self, value: T) -> Result<T, StoreError> {
        self.file.check()?;
        Ok(value)
    }
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
