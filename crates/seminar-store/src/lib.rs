//! Seminar's state, in SQLite (one host) or PostgreSQL (a fleet), through sqlx: versioned
//! migrations per database applied at start-up, one copy of every query for both, and every
//! write confirmed only once the database committed it.
//!
//! Each query is written once, with `$1, $2…` placeholders (both drivers read them), and run
//! through [`on_pool!`], which expands the same expression for whichever pool is open.

mod address;
mod cache;
pub mod claims;
mod file;
pub mod forget;
pub mod members;
pub mod plans;
mod postgres;
pub mod prompts;
pub mod settings;
mod sqlite;
pub mod suggestions;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

use cache::Recent;
use file::OpenedFile;

pub use address::{ACCEPTED, Database, Location, PoolSettings, redact};
pub use claims::Claim;
pub use forget::{Erased, Forget};
pub use members::{Advanced, Member, Positions};
pub use plans::{CatchUp, Plan, PlanPost, PlanStatus};
pub use prompts::Place;
pub use settings::GuildSettings;
pub use suggestions::{Suggestion, Verdict};

/// Why the database cannot be used. Messages name the file, or the server without its password.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the directory for the database {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {location}: {source}")]
    Open {
        location: Location,
        source: sqlx::Error,
    },
    #[error("cannot bring the database {location} up to date: {source}")]
    Migrate {
        location: Location,
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
    /// `seminar backup` copies SQLite files; PostgreSQL has its own tools.
    #[error(
        "the database is PostgreSQL ({0}); `seminar backup` copies SQLite files only. Back it up \
         with pg_dump, which takes a consistent snapshot while Seminar runs:\n  pg_dump \
         --format=custom --file=seminar.dump 'postgres://USER@HOST:PORT/DATABASE'\nand restore \
         it with pg_restore --dbname=… seminar.dump"
    )]
    BackupPostgres(Location),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

/// The open database.
#[derive(Debug, Clone)]
pub struct Store {
    backend: Backend,
    /// Servers' settings recently read (PostgreSQL only).
    settings_cache: Arc<Recent<u64, GuildSettings>>,
    /// Reading positions recently read, by place key (PostgreSQL only).
    reading_cache: Arc<Recent<String, Option<u32>>>,
}

/// The pool of whichever database is open.
#[derive(Debug, Clone)]
enum Backend {
    Sqlite {
        pool: SqlitePool,
        path: PathBuf,
        file: Arc<OpenedFile>,
    },
    Postgres {
        pool: PgPool,
        location: Location,
    },
}

/// A pool to run one query on, once the database is checked to be usable.
#[doc(hidden)]
pub enum Pools<'a> {
    Sqlite(&'a SqlitePool),
    Postgres(&'a PgPool),
}

/// Runs `$body` with `$pool` bound to the open pool, whichever database it is: the same
/// expression is compiled once per driver, so each query is written once.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pools()? {
            $crate::Pools::Sqlite($pool) => $body,
            $crate::Pools::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Store {
    /// Opens (creating it and its directory if needed) the SQLite database at `path` and applies
    /// the migrations it lacks.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        Store::connect(&Database::sqlite(path)).await
    }

    /// Opens an existing SQLite database only.
    pub async fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Store::open(path).await
    }

    /// Opens the database `database` names and applies the migrations it lacks. Several
    /// processes may do this at once on a new database: it is migrated exactly once.
    pub async fn connect(database: &Database) -> Result<Store, StoreError> {
        let backend = match &database.location {
            Location::Sqlite(path) => sqlite::open(path, &database.pool).await?,
            Location::Postgres(_) => postgres::open(&database.location, &database.pool).await?,
        };
        let ttl = match backend {
            Backend::Sqlite { .. } => None,
            Backend::Postgres { .. } => Some(database.pool.settings_ttl),
        };
        Ok(Store {
            backend,
            settings_cache: Arc::new(Recent::new(ttl)),
            reading_cache: Arc::new(Recent::new(ttl)),
        })
    }

    /// Where the database is, as it may be logged.
    pub fn location(&self) -> Location {
        match &self.backend {
            Backend::Sqlite { path, .. } => Location::Sqlite(path.clone()),
            Backend::Postgres { location, .. } => location.clone(),
        }
    }

    /// Whether the database is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres { .. })
    }

    /// The migration versions applied, in order.
    pub async fn migrations(&self) -> Result<Vec<i64>, StoreError> {
        let sql = "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version";
        let versions = on_pool!(self, pool => sqlx::query_scalar(sql).fetch_all(pool).await?);
        Ok(versions)
    }

    /// Writes a consistent copy of a SQLite database to `to`, a file that must not exist yet.
    /// Safe while the bot runs: SQLite copies one snapshot. PostgreSQL is refused with how to
    /// back it up instead.
    pub async fn backup(&self, to: &Path) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::Postgres { location, .. } => Err(StoreError::BackupPostgres(location.clone())),
            Backend::Sqlite { .. } => {
                if to.exists() {
                    return Err(StoreError::BackupExists(to.to_path_buf()));
                }
                let Pools::Sqlite(pool) = self.pools()? else {
                    unreachable!("a SQLite store has a SQLite pool")
                };
                let target = to.to_string_lossy().into_owned();
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(pool)
                    .await?;
                Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
            }
        }
    }

    /// Closes every connection (SQLite checkpoints its WAL).
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite { pool, .. } => pool.close().await,
            Backend::Postgres { pool, .. } => pool.close().await,
        }
    }

    /// The pool, once a SQLite file at the path is checked to be the database opened.
    #[doc(hidden)]
    pub fn pools(&self) -> Result<Pools<'_>, StoreError> {
        match &self.backend {
            Backend::Sqlite { pool, file, .. } => {
                file.check()?;
                Ok(Pools::Sqlite(pool))
            }
            Backend::Postgres { pool, .. } => Ok(Pools::Postgres(pool)),
        }
    }

    /// `value`, the result of a write, once a SQLite file at the path is checked to still be the
    /// database written: a write into a deleted file succeeds as far as SQLite knows. PostgreSQL
    /// reports a write it did not commit as an error already.
    fn confirmed<T>(&self, value: T) -> Result<T, StoreError> {
        if let Backend::Sqlite { file, .. } = &self.backend {
            file.check()?;
        }
        Ok(value)
    }
}
