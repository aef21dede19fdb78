//! Settings: a typed `Config` read from `config/seminar.toml`, overridden by the environment,
//! failing fast with a message that names the file and the problem.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the settings file is looked for when none is named.
pub const DEFAULT_PATH: &str = "config/seminar.toml";

/// Every setting, with its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub content: ContentConfig,
    pub log: LogConfig,
}

/// `[content]`: what Seminar serves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentConfig {
    pub dir: PathBuf,
}

/// `[log]`: how much Seminar says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub level: String,
}

impl Default for ContentConfig {
    fn default() -> Self {
        ContentConfig {
            dir: PathBuf::from("content"),
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "warn".into(),
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
        config.apply_env(|key| std::env::var(key).ok());
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

    /// Parses settings text; the error names the line.
    pub fn parse(source: &str) -> Result<Config, String> {
        toml::from_str(source).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::content::files::line_of(source, s.start, 1));
            match line {
                Some(line) => format!("line {line}: {}", e.message()),
                None => e.message().to_string(),
            }
        })
    }

    /// Applies `SEMINAR_CONTENT` and `SEMINAR_LOG`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) {
        if let Some(dir) = var("SEMINAR_CONTENT").filter(|v| !v.is_empty()) {
            self.content.dir = PathBuf::from(dir);
        }
        if let Some(level) = var("SEMINAR_LOG").filter(|v| !v.is_empty()) {
            self.log.level = level;
        }
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
        config.apply_env(|key| (key == "SEMINAR_CONTENT").then(|| "/srv/texts".to_string()));
        assert_eq!(config.content.dir, PathBuf::from("/srv/texts"));
        assert_eq!(config.log.level, "warn");
    }
}
