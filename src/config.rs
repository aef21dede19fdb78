//! Settings: a typed `Config` read from `config/seminar.toml`, overridden by the environment,
//! failing fast with a message that names the file and the problem.

mod database;
mod http;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use database::{DatabaseConfig, PlansConfig};
pub use http::HttpConfig;

/// Where the settings file is looked for when none is named.
pub const DEFAULT_PATH: &str = "config/seminar.toml";

/// Every setting, with its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub content: ContentConfig,
    pub log: LogConfig,
    pub discord: DiscordConfig,
    pub database: DatabaseConfig,
    pub plans: PlansConfig,
    pub http: HttpConfig,
}

/// The content folder the settings name when they name none.
pub const DEFAULT_CONTENT: &str = "content";

/// `[content]`: what Seminar serves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentConfig {
    pub dir: PathBuf,
    /// Where to keep a persistent search index; `None`: built in RAM at each start.
    pub index_dir: Option<PathBuf>,
    /// The text commands use when a server has not chosen one; `None`: the content's own default.
    pub default_text: Option<String>,
}

/// `[log]`: how much Seminar says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub level: String,
}

/// `[discord]`: how the bot presents itself and registers its commands. The token is never here.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// A development server: commands are registered there (instant) instead of globally.
    pub guild_id: Option<u64>,
    /// The bot's status line; empty for none.
    pub presence: String,
    /// A reply not ready after this many milliseconds is deferred ("thinking…") and sent as an
    /// edit; 0 defers every command.
    pub defer_after_ms: u64,
    /// How long one try of a request to Discord's REST API may take, in milliseconds; a request
    /// is tried three times at most.
    pub rest_timeout_ms: u64,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            guild_id: None,
            presence: "/help · /search · /question".into(),
            defer_after_ms: 1500,
            rest_timeout_ms: 10_000,
        }
    }
}

impl Default for ContentConfig {
    fn default() -> Self {
        ContentConfig {
            dir: PathBuf::from(DEFAULT_CONTENT),
            index_dir: None,
            default_text: None,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "warn,seminar=info".into(),
        }
    }
}

/// Why the settings could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid settings in {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("invalid setting in the environment: {message}")]
    Environment { message: String },
}

impl Config {
    /// Reads `path`, or the default file when `path` is `None` (a missing default file means
    /// defaults), then applies environment overrides.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = match path {
            Some(path) => Config::from_file(path)?,
            None if Path::new(DEFAULT_PATH).is_file() => {
                Config::from_file(Path::new(DEFAULT_PATH))?
            }
            None => Config::default(),
        };
        config
            .apply_env(|key| std::env::var(key).ok())
            .map_err(|message| ConfigError::Environment { message })?;
        Ok(config)
    }

    /// Parses one settings file.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&source).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses settings text; the error names the line, or the setting that names an unusable
    /// database.
    pub fn parse(source: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(source).map_err(|e| {
            let line = e
                .span()
                .map(|s| seminar_core::content::files::line_of(source, s.start, 1));
            match line {
                Some(line) => format!("line {line}: {}", e.message()),
                None => e.message().to_string(),
            }
        })?;
        config
            .database
            .database()
            .map_err(|e| format!("[database] url: {e}"))?;
        Ok(config)
    }

    /// Applies `SEMINAR_CONTENT`, `SEMINAR_INDEX_DIR`, `SEMINAR_DEFAULT_TEXT`, `SEMINAR_LOG`, `SEMINAR_DATABASE`, `SEMINAR_GUILD_ID` (or `DISCORD_GUILD_ID`),
    /// `SEMINAR_PRESENCE`, `SEMINAR_DEFER_AFTER_MS`, `SEMINAR_REST_TIMEOUT_MS`, `SEMINAR_LISTEN`, `SEMINAR_MAX_CLOCK_SKEW_SECS`,
    /// `SEMINAR_PLANS`, the `SEMINAR_HTTP_*` limits, the `SEMINAR_DATABASE_*` pool settings and
    /// `SEMINAR_PLAN_LEASE_SECS` / `SEMINAR_PLAN_POLL_SECS`; the error names the bad variable.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        let set = |key: &str| var(key).filter(|v| !v.trim().is_empty());
        if let Some(dir) = set("SEMINAR_CONTENT") {
            self.content.dir = PathBuf::from(dir);
        }
        if let Some(dir) = set("SEMINAR_INDEX_DIR") {
            self.content.index_dir = Some(PathBuf::from(dir));
        }
        if let Some(text) = set("SEMINAR_DEFAULT_TEXT") {
            self.content.default_text = Some(text.trim().to_string());
        }
        if let Some(level) = set("SEMINAR_LOG") {
            self.log.level = level;
        }
        for key in ["DISCORD_GUILD_ID", "SEMINAR_GUILD_ID"] {
            if let Some(id) = set(key) {
                self.discord.guild_id = Some(id.trim().parse().map_err(|_| {
                    format!("{key}={id} is not a server id (a number like 1234567890123456789)")
                })?);
            }
        }
        if let Some(presence) = var("SEMINAR_PRESENCE") {
            self.discord.presence = presence;
        }
        if let Some(listen) = set("SEMINAR_LISTEN") {
            self.http.listen = listen.trim().to_string();
        }
        if let Some(secs) = set("SEMINAR_MAX_CLOCK_SKEW_SECS") {
            self.http.max_clock_skew_secs = secs.trim().parse().map_err(|_| {
                format!("SEMINAR_MAX_CLOCK_SKEW_SECS={secs} is not a number of seconds")
            })?;
        }
        if let Some(plans) = set("SEMINAR_PLANS") {
            self.http.plans = match plans.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => return Err(format!("SEMINAR_PLANS={plans} is not on or off")),
            };
        }
        self.http.apply_env(&set)?;
        self.database.apply_env(&set)?;
        self.plans.apply_env(&set)?;
        if let Some(ms) = set("SEMINAR_DEFER_AFTER_MS") {
            self.discord.defer_after_ms = ms.trim().parse().map_err(|_| {
                format!("SEMINAR_DEFER_AFTER_MS={ms} is not a number of milliseconds")
            })?;
        }
        if let Some(ms) = set("SEMINAR_REST_TIMEOUT_MS") {
            self.discord.rest_timeout_ms = ms.trim().parse().map_err(|_| {
                format!("SEMINAR_REST_TIMEOUT_MS={ms} is not a number of milliseconds")
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_means_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn the_shipped_file_parses() {
        let shipped = include_str!("../config/seminar.toml");
        assert_eq!(Config::parse(shipped).unwrap(), Config::default());
    }

    #[test]
    fn unknown_keys_are_refused_with_their_line() {
        let error = Config::parse("[content]\ndir = \"x\"\ndri = \"y\"\n").unwrap_err();
        assert!(error.starts_with("line 3:"), "{error}");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let mut config = Config::default();
        config
            .apply_env(|key| (key == "SEMINAR_CONTENT").then(|| "/srv/texts".to_string()))
            .unwrap();
        assert_eq!(config.content.dir, PathBuf::from("/srv/texts"));
        assert_eq!(config.log.level, "warn,seminar=info");
    }

    #[test]
    fn a_development_guild_comes_from_the_environment() {
        let mut config = Config::default();
        config
            .apply_env(|key| (key == "SEMINAR_GUILD_ID").then(|| "1234567890".to_string()))
            .unwrap();
        assert_eq!(config.discord.guild_id, Some(1_234_567_890));
    }

    #[test]
    fn a_guild_id_that_is_not_a_number_is_refused_by_name() {
        let error = Config::default()
            .apply_env(|key| (key == "SEMINAR_GUILD_ID").then(|| "my server".to_string()))
            .unwrap_err();
        assert!(
            error.starts_with("SEMINAR_GUILD_ID=my server is not a server id"),
            "{error}"
        );
    }

    #[test]
    fn the_guild_id_in_the_file_is_a_number() {
        let config = Config::parse("[discord]\nguild_id = 42\n").unwrap();
        assert_eq!(config.discord.guild_id, Some(42));
        assert!(Config::parse("[discord]\nguild_id = \"42x\"\n").is_err());
    }

    #[test]
    fn the_http_endpoint_is_set_from_the_environment() {
        let mut config = Config::default();
        config
            .apply_env(|key| match key {
                "SEMINAR_LISTEN" => Some("0.0.0.0:9000".to_string()),
                "SEMINAR_MAX_CLOCK_SKEW_SECS" => Some("60".to_string()),
                "SEMINAR_PLANS" => Some("off".to_string()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.http.listen, "0.0.0.0:9000");
        assert_eq!(config.http.max_clock_skew_secs, 60);
        assert!(!config.http.plans);
    }

    #[test]
    fn the_rest_timeout_comes_from_the_environment_and_must_be_a_number() {
        let mut config = Config::default();
        assert_eq!(config.discord.rest_timeout_ms, 10_000);
        config
            .apply_env(|key| (key == "SEMINAR_REST_TIMEOUT_MS").then(|| "2500".to_string()))
            .unwrap();
        assert_eq!(config.discord.rest_timeout_ms, 2500);
        let error = Config::default()
            .apply_env(|key| (key == "SEMINAR_REST_TIMEOUT_MS").then(|| "10s".to_string()))
            .unwrap_err();
        assert_eq!(
            error,
            "SEMINAR_REST_TIMEOUT_MS=10s is not a number of milliseconds"
        );
    }

    #[test]
    fn the_http_limits_come_from_the_environment() {
        let mut config = Config::default();
        config
            .apply_env(|key| match key {
                "SEMINAR_HTTP_HEADER_READ_TIMEOUT_SECS" => Some("4".to_string()),
                "SEMINAR_HTTP_BODY_READ_TIMEOUT_SECS" => Some("6".to_string()),
                "SEMINAR_HTTP_IDLE_TIMEOUT_SECS" => Some(" 2 ".to_string()),
                "SEMINAR_HTTP_MAX_CONNECTIONS" => Some("300".to_string()),
                "SEMINAR_HTTP_MAX_IN_FLIGHT" => Some("20".to_string()),
                _ => None,
            })
            .unwrap();
        let http = &config.http;
        let timeouts = (
            http.header_read_timeout_secs,
            http.body_read_timeout_secs,
            http.idle_timeout_secs,
        );
        assert_eq!(timeouts, (4, 6, 2));
        assert_eq!((http.max_connections, http.max_in_flight), (300, 20));
    }

    #[test]
    fn an_http_limit_of_zero_or_not_a_number_is_refused_by_name() {
        let refused = |key: &'static str, value: &'static str| {
            Config::default()
                .apply_env(|k| (k == key).then(|| value.to_string()))
                .unwrap_err()
        };
        assert_eq!(
            refused("SEMINAR_HTTP_IDLE_TIMEOUT_SECS", "0"),
            "SEMINAR_HTTP_IDLE_TIMEOUT_SECS=0 is not a positive number of seconds"
        );
        assert_eq!(
            refused("SEMINAR_HTTP_MAX_IN_FLIGHT", "many"),
            "SEMINAR_HTTP_MAX_IN_FLIGHT=many is not a positive number of requests"
        );
    }

    #[test]
    fn a_bad_http_setting_is_refused_by_name() {
        let error = Config::default()
            .apply_env(|key| (key == "SEMINAR_PLANS").then(|| "sometimes".to_string()))
            .unwrap_err();
        assert_eq!(error, "SEMINAR_PLANS=sometimes is not on or off");
        let error = Config::default()
            .apply_env(|key| (key == "SEMINAR_MAX_CLOCK_SKEW_SECS").then(|| "5m".to_string()))
            .unwrap_err();
        assert!(
            error.starts_with("SEMINAR_MAX_CLOCK_SKEW_SECS=5m"),
            "{error}"
        );
    }
}
