//! `[database]` and `[plans]`: which database (a SQLite file or a PostgreSQL URL), its pool, and
//! how processes share the reading plans.

use std::time::Duration;

use serde::Deserialize;

use seminar_discord::community::claims::ClaimSettings;
use seminar_store::{Database, Location, PoolSettings};

/// `[database]`: where state that outlives the process is kept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// A SQLite file (a path or `sqlite://…`) or a PostgreSQL URL (`postgres://…`). `path`, the
    /// older name, is read too.
    #[serde(alias = "path")]
    pub url: String,
    /// Connections at most; unset: 4 for SQLite, 16 for PostgreSQL.
    pub pool_size: Option<u32>,
    /// How long a query waits for a connection, in milliseconds.
    pub acquire_timeout_ms: u64,
    /// How long PostgreSQL lets one statement run, in milliseconds.
    pub statement_timeout_ms: u64,
    /// How long a server's settings and reading positions read from PostgreSQL are reused, in
    /// milliseconds (0: never).
    pub settings_cache_ms: u64,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        let pool = PoolSettings::default();
        DatabaseConfig {
            url: "data/seminar.db".into(),
            pool_size: None,
            acquire_timeout_ms: millis(pool.acquire_timeout),
            statement_timeout_ms: millis(pool.statement_timeout),
            settings_cache_ms: millis(pool.settings_ttl),
        }
    }
}

impl DatabaseConfig {
    /// The database to open; an unusable URL is refused naming what is accepted.
    pub fn database(&self) -> Result<Database, String> {
        Ok(Database {
            location: Location::parse(&self.url)?,
            pool: PoolSettings {
                max_connections: self.pool_size,
                acquire_timeout: Duration::from_millis(self.acquire_timeout_ms),
                statement_timeout: Duration::from_millis(self.statement_timeout_ms),
                settings_ttl: Duration::from_millis(self.settings_cache_ms),
            },
        })
    }

    /// Applies `SEMINAR_DATABASE` (checked at once, named in the error) and the
    /// `SEMINAR_DATABASE_*` pool settings.
    pub(super) fn apply_env(
        &mut self,
        set: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), String> {
        if let Some(url) = set("SEMINAR_DATABASE") {
            Location::parse(&url).map_err(|e| format!("SEMINAR_DATABASE: {e}"))?;
            self.url = url.trim().to_string();
        }
        if let Some(n) = positive(set, "SEMINAR_DATABASE_POOL_SIZE", "connections")? {
            self.pool_size = Some(u32::try_from(n).unwrap_or(u32::MAX));
        }
        let millis = [
            (
                "SEMINAR_DATABASE_ACQUIRE_TIMEOUT_MS",
                &mut self.acquire_timeout_ms,
            ),
            (
                "SEMINAR_DATABASE_STATEMENT_TIMEOUT_MS",
                &mut self.statement_timeout_ms,
            ),
        ];
        for (key, setting) in millis {
            if let Some(ms) = positive(set, key, "milliseconds")? {
                *setting = ms;
            }
        }
        if let Some(ms) = set("SEMINAR_DATABASE_SETTINGS_CACHE_MS") {
            self.settings_cache_ms = ms.trim().parse().map_err(|_| {
                format!("SEMINAR_DATABASE_SETTINGS_CACHE_MS={ms} is not a number of milliseconds")
            })?;
        }
        Ok(())
    }
}

/// `[plans]`: how the processes sharing a database share the reading plans.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlansConfig {
    /// A process's claim on a plan lasts this many seconds unless renewed; a process that died
    /// has its plans taken over after at most this plus `poll_secs`.
    pub lease_secs: u64,
    /// How often, in seconds, a process reads the plans again to see other processes' changes
    /// and expired claims.
    pub poll_secs: u64,
}

impl Default for PlansConfig {
    fn default() -> Self {
        let claims = ClaimSettings::default();
        PlansConfig {
            lease_secs: claims.lease.as_secs(),
            poll_secs: claims.poll.as_secs(),
        }
    }
}

impl PlansConfig {
    /// The scheduler's claim settings.
    pub fn claims(&self) -> ClaimSettings {
        ClaimSettings {
            lease: Duration::from_secs(self.lease_secs.max(1)),
            poll: Duration::from_secs(self.poll_secs.max(1)),
            holder: None,
        }
    }

    /// Applies `SEMINAR_PLAN_LEASE_SECS` and `SEMINAR_PLAN_POLL_SECS`.
    pub(super) fn apply_env(
        &mut self,
        set: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), String> {
        if let Some(secs) = positive(set, "SEMINAR_PLAN_LEASE_SECS", "seconds")? {
            self.lease_secs = secs;
        }
        if let Some(secs) = positive(set, "SEMINAR_PLAN_POLL_SECS", "seconds")? {
            self.poll_secs = secs;
        }
        Ok(())
    }
}

/// The positive number in variable `key`, if set.
fn positive(
    set: &impl Fn(&str) -> Option<String>,
    key: &str,
    what: &str,
) -> Result<Option<u64>, String> {
    let Some(value) = set(key) else {
        return Ok(None);
    };
    match value.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(format!("{key}={value} is not a positive number of {what}")),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn with_env(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let mut config = Config::default();
        config
            .apply_env(|key| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            })
            .map(|()| config)
    }

    #[test]
    fn the_default_database_is_the_sqlite_file() {
        let database = Config::default().database.database().unwrap();
        assert_eq!(
            database.location,
            Location::Sqlite("data/seminar.db".into())
        );
    }

    #[test]
    fn the_older_path_key_still_names_the_database() {
        let config = Config::parse("[database]\npath = \"state/x.db\"\n").unwrap();
        assert_eq!(config.database.url, "state/x.db");
    }

    #[test]
    fn a_postgres_url_from_the_environment_is_postgres() {
        let config = with_env(&[
            (
                "SEMINAR_DATABASE",
                "postgres://seminar@127.0.0.1:5432/seminar",
            ),
            ("SEMINAR_DATABASE_POOL_SIZE", "32"),
            ("SEMINAR_DATABASE_STATEMENT_TIMEOUT_MS", "2000"),
        ])
        .unwrap();
        let database = config.database.database().unwrap();
        assert_eq!(
            database.location,
            Location::Postgres("postgres://seminar@127.0.0.1:5432/seminar".into())
        );
        assert_eq!(database.pool.max_connections, Some(32));
        assert_eq!(database.pool.statement_timeout, Duration::from_millis(2000));
    }

    #[test]
    fn another_scheme_is_refused_by_name() {
        let error = with_env(&[("SEMINAR_DATABASE", "mysql://root@db/seminar")]).unwrap_err();
        assert_eq!(
            error,
            format!(
                "SEMINAR_DATABASE: the database mysql://root@db/seminar is not one Seminar can \
                 use: give {}",
                seminar_store::ACCEPTED
            )
        );
        let error = Config::parse("[database]\nurl = \"http://x/y\"\n").unwrap_err();
        assert!(error.starts_with("[database] url: "), "{error}");
    }

    #[test]
    fn claim_settings_come_from_the_environment() {
        let config = with_env(&[
            ("SEMINAR_PLAN_LEASE_SECS", "3"),
            ("SEMINAR_PLAN_POLL_SECS", "1"),
        ])
        .unwrap();
        let claims = config.plans.claims();
        assert_eq!(
            (claims.lease, claims.poll),
            (Duration::from_secs(3), Duration::from_secs(1))
        );
        let error = with_env(&[("SEMINAR_PLAN_LEASE_SECS", "0")]).unwrap_err();
        assert_eq!(
            error,
            "SEMINAR_PLAN_LEASE_SECS=0 is not a positive number of seconds"
        );
    }
}
