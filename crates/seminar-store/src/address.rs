//! Which database to open and how: a SQLite file or a PostgreSQL URL read from one setting,
//! anything else refused by name, and the URL shown only without its password.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// What the database setting may be, for messages that refuse anything else.
pub const ACCEPTED: &str =
    "a postgres:// or postgresql:// URL, a sqlite:// URL, or the path of a SQLite file";

/// Where the database is.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file, created with its directory on first use.
    Sqlite(PathBuf),
    /// A PostgreSQL server; the URL may carry a password, so it is never shown as is.
    Postgres(String),
}

impl Location {
    /// Reads the setting: `postgres://…`, `postgresql://…`, `sqlite://PATH`, `sqlite:PATH` or a
    /// plain path. A value that starts like a URL of any other kind (`mysql://`, `http://`, a
    /// misspelt `postgress://`, `postgres:` without `//`) is refused rather than taken for a
    /// file name.
    pub fn parse(setting: &str) -> Result<Location, String> {
        let setting = setting.trim();
        if setting.is_empty() {
            return Err(format!("the database is empty; give {ACCEPTED}"));
        }
        let Some((scheme, rest)) = scheme_of(setting) else {
            return Ok(Location::Sqlite(PathBuf::from(setting)));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" if rest.starts_with("//") => {
                url::Url::parse(setting).map_err(|e| {
                    format!("the database URL {} is not a URL ({e})", redact(setting))
                })?;
                Ok(Location::Postgres(setting.to_string()))
            }
            "sqlite" => {
                let path = rest.strip_prefix("//").unwrap_or(rest);
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() {
                    return Err(format!("{setting} names no file; give {ACCEPTED}"));
                }
                Ok(Location::Sqlite(PathBuf::from(path)))
            }
            _ => Err(format!(
                "the database {} is not one Seminar can use: give {ACCEPTED}",
                redact(setting)
            )),
        }
    }

    /// The location as it may be logged: a URL's password replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => redact(url),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "Sqlite({path:?})"),
            Location::Postgres(_) => write!(f, "Postgres({:?})", self.redacted()),
        }
    }
}

/// `scheme` and what follows its colon, when `setting` starts like a URL: letters, then digits,
/// `+`, `-` or `.`, then `:`. A single letter is a Windows drive (`C:\…`), not a scheme.
fn scheme_of(setting: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = setting.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let scheme_like = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() > 1;
    scheme_like.then_some((scheme, rest))
}

/// `url` with its password, if any, replaced by `***`; anything unreadable shows its scheme only.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => match url.split_once(':') {
            Some((scheme, _)) => format!("{scheme}:…"),
            None => "…".to_string(),
        },
    }
}

/// How many connections, and how long to wait for one or for a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSettings {
    /// Connections at most; `None`: 4 for SQLite, 16 for PostgreSQL.
    pub max_connections: Option<u32>,
    /// How long a query waits for a free connection (or a new one) before it fails.
    pub acquire_timeout: Duration,
    /// How long PostgreSQL lets one statement run before cancelling it (SQLite waits for a lock
    /// up to its busy timeout, 5 s).
    pub statement_timeout: Duration,
    /// How long a server's settings and reading positions read from PostgreSQL are reused before
    /// they are read again;
    /// a change made through this process is seen at once, one made through another process
    /// after at most this. SQLite is read in place and needs no cache.
    pub settings_ttl: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: None,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(5),
            settings_ttl: Duration::from_secs(5),
        }
    }
}

/// Which database, and how to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Database {
    pub location: Location,
    pub pool: PoolSettings,
}

impl Database {
    /// The SQLite file at `path`, with the default pool.
    pub fn sqlite(path: impl Into<PathBuf>) -> Database {
        Database {
            location: Location::Sqlite(path.into()),
            pool: PoolSettings::default(),
        }
    }

    /// The SQLite file's path, if it is one.
    pub fn sqlite_path(&self) -> Option<&std::path::Path> {
        match &self.location {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }
}

impl From<PathBuf> for Database {
    fn from(path: PathBuf) -> Database {
        Database::sqlite(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_sqlite_urls_are_files() {
        for (setting, path) in [
            ("data/seminar.db", "data/seminar.db"),
            ("/var/lib/seminar.db", "/var/lib/seminar.db"),
            ("sqlite://data/x.db", "data/x.db"),
            ("sqlite:x.db", "x.db"),
            ("sqlite:///srv/x.db?mode=rwc", "/srv/x.db"),
            ("C:\\seminar.db", "C:\\seminar.db"),
        ] {
            assert_eq!(
                Location::parse(setting).unwrap(),
                Location::Sqlite(PathBuf::from(path)),
                "{setting}"
            );
        }
    }

    #[test]
    fn postgres_urls_are_postgres() {
        for url in [
            "postgres://seminar@127.0.0.1:5432/seminar",
            "postgresql://seminar:pw@db.example/seminar?sslmode=require",
        ] {
            assert_eq!(
                Location::parse(url).unwrap(),
                Location::Postgres(url.into())
            );
        }
    }

    #[test]
    fn other_schemes_are_refused_naming_what_is_accepted() {
        for setting in [
            "mysql://root@localhost/seminar",
            "http://example.com/db",
            "postgress://x@y/z",
            "postgres:seminar",
        ] {
            let error = Location::parse(setting).unwrap_err();
            assert!(error.ends_with(ACCEPTED), "{setting}: {error}");
        }
    }

    #[test]
    fn a_password_is_never_shown() {
        let location = Location::parse("postgres://seminar:s3cret@db:5432/seminar").unwrap();
        assert_eq!(
            location.redacted(),
            "postgres://seminar:***@db:5432/seminar"
        );
        assert!(!format!("{location:?}").contains("s3cret"));
        let error = Location::parse("mysql://root:s3cret@db/seminar").unwrap_err();
        assert!(!error.contains("s3cret"), "{error}");
    }
}
