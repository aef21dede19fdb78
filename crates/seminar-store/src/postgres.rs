//! Opening a PostgreSQL database: a pool with the settings' size and timeouts, and the
//! migrations applied under an advisory lock, so processes starting together migrate once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};

use crate::{Backend, Location, PoolSettings, StoreError};

/// The PostgreSQL migrations, embedded in the binary; each file is one version.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections at most when the settings name no number.
const DEFAULT_CONNECTIONS: u32 = 16;

/// A pooled connection idle for longer than this is pinged before use, so that one cut by a
/// server restart is replaced rather than failing a query; one used a moment ago is not, which
/// spares a round trip per query under load.
const PING_AFTER_IDLE: Duration = Duration::from_millis(100);

/// The advisory lock key the migrations run under (`seminar` in ASCII): a process that finds it
/// taken waits until the holder has migrated, then finds nothing left to do.
const MIGRATION_LOCK: i64 = 0x73_65_6d_69_6e_61_72;

/// Connects to `location` (a PostgreSQL URL) and migrates it.
pub(crate) async fn open(
    location: &Location,
    settings: &PoolSettings,
) -> Result<Backend, StoreError> {
    let Location::Postgres(url) = location else {
        unreachable!("only PostgreSQL locations come here")
    };
    let open_error = |source| StoreError::Open {
        location: location.clone(),
        source,
    };
    let statement_timeout = format!("{}", settings.statement_timeout.as_millis());
    let base = PgConnectOptions::from_str(url)
        .map_err(open_error)?
        .application_name("seminar");
    // The migrations wait for the lock as long as another process migrates: no statement
    // timeout there.
    migrate(location, &base).await?;
    let options = base.options([("statement_timeout", statement_timeout.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(settings.max_connections.unwrap_or(DEFAULT_CONNECTIONS))
        .acquire_timeout(settings.acquire_timeout)
        .test_before_acquire(false)
        .before_acquire(|connection, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_AFTER_IDLE {
                    connection.ping().await?;
                }
                Ok(true)
            })
        })
        .connect_with(options)
        .await
        .map_err(open_error)?;
    Ok(Backend::Postgres {
        pool,
        location: location.clone(),
    })
}

/// Applies the migrations the database lacks, holding [`MIGRATION_LOCK`] meanwhile.
async fn migrate(location: &Location, options: &PgConnectOptions) -> Result<(), StoreError> {
    let open_error = |source| StoreError::Open {
        location: location.clone(),
        source,
    };
    let mut connection = PgConnection::connect_with(options)
        .await
        .map_err(open_error)?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut connection)
        .await
        .map_err(open_error)?;
    let migrated = MIGRATOR.run_direct(&mut connection).await;
    // Closing the session releases the lock too; unlocking first lets the next process go on
    // without waiting for the close.
    let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut connection)
        .await;
    migrated.map_err(|source| StoreError::Migrate {
        location: location.clone(),
        source,
    })?;
    unlocked.map_err(open_error)?;
    connection.close().await.map_err(open_error)?;
    Ok(())
}
