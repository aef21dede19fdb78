//! `seminar run`, `seminar register` and `seminar backup`: the token and settings checked before
//! anything connects, then the gateway bot, one registration of the commands, or a copy of the
//! database.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::config::Config;
use crate::gateway::{self, BotSettings, Shards};
use crate::startup::{finish, load, runtime};
use seminar_core::engine::Source;
use seminar_discord::api::{API_BASE_VAR, api_base};
use seminar_discord::community::clock::SystemClock;
use seminar_discord::register::{self, Registered};
use seminar_discord::rest::Rest;
use seminar_discord::token::Token;
use seminar_store::{Location, Store, StoreError};

/// The environment variable that may name the application, sparing `seminar register` a lookup.
pub const APPLICATION_ID_VAR: &str = "DISCORD_APPLICATION_ID";

/// `seminar run`: serves Discord until SIGINT or SIGTERM.
pub fn run(content: &Source, config: &Config, shards: Shards) -> ExitCode {
    let Some((token, api_base)) = credentials() else {
        return ExitCode::FAILURE;
    };
    let database = match config.database.database() {
        Ok(database) => database,
        Err(e) => {
            eprintln!("seminar: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(engine) = load(content) else {
        return ExitCode::FAILURE;
    };
    let settings = BotSettings {
        token,
        api_base,
        guild: config.discord.guild_id,
        presence: config.discord.presence.clone(),
        shards,
        defer_after: Duration::from_millis(config.discord.defer_after_ms),
        rest_timeout: Duration::from_millis(config.discord.rest_timeout_ms),
        database,
        claims: config.plans.claims(),
        clock: std::sync::Arc::new(SystemClock),
    };
    let outcome = runtime().and_then(|runtime| {
        runtime
            .block_on(async {
                let shutdown = crate::signals::stop();
                gateway::run(engine, settings, shutdown).await
            })
            .map_err(|e| e.to_string())
    });
    finish(outcome.map(|()| None))
}

/// `seminar register`: registers the commands once (unless Discord already has them) and exits.
pub fn register(content: &Source, config: &Config) -> ExitCode {
    let Some((token, api_base)) = credentials() else {
        return ExitCode::FAILURE;
    };
    let application = match std::env::var(APPLICATION_ID_VAR)
        .ok()
        .filter(|v| !v.is_empty())
    {
        None => None,
        Some(id) => match id.trim().parse::<u64>() {
            Ok(id) => Some(id),
            Err(_) => {
                eprintln!("seminar: {APPLICATION_ID_VAR}={id} is not an application id");
                return ExitCode::FAILURE;
            }
        },
    };
    let Some(engine) = load(content) else {
        return ExitCode::FAILURE;
    };
    let guild = config.discord.guild_id;
    let timeout = Duration::from_millis(config.discord.rest_timeout_ms);
    let rest = Rest::connect(Some(token.expose()), api_base.as_deref(), timeout);
    let outcome = runtime().and_then(|runtime| {
        runtime.block_on(async {
            let application = match application {
                Some(id) => id,
                None => application_id(&rest, &token).await?,
            };
            register::sync(&rest, &engine, application, guild)
                .await
                .map_err(|e| e.to_string())
        })
    });
    let place = match guild {
        Some(guild) => format!("in server {guild}"),
        None => "globally".to_string(),
    };
    finish(outcome.map(|registered| {
        Some(match registered {
            Registered::Unchanged { commands } => {
                format!("Discord already has these {commands} commands {place}; nothing to do.")
            }
            Registered::Updated { commands } => format!("Registered {commands} commands {place}."),
        })
    }))
}

/// `seminar backup PATH`: a consistent copy of a SQLite database, safe while the bot runs. On
/// PostgreSQL it says how to back up with pg_dump instead, and exits non-zero.
pub fn backup(config: &Config, to: &Path) -> ExitCode {
    let from = match config.database.database() {
        Ok(database) => match database.location {
            Location::Sqlite(path) => path,
            postgres @ Location::Postgres(_) => {
                return finish(Err(StoreError::BackupPostgres(postgres).to_string()));
            }
        },
        Err(e) => return finish(Err(e)),
    };
    let outcome = runtime().and_then(|runtime| {
        runtime.block_on(async {
            let store = Store::open_existing(&from)
                .await
                .map_err(|e| e.to_string())?;
            let bytes = store.backup(to).await.map_err(|e| e.to_string());
            store.close().await;
            bytes
        })
    });
    finish(outcome.map(|bytes| {
        Some(format!(
            "Backed up {} to {} ({bytes} bytes).",
            from.display(),
            to.display()
        ))
    }))
}

/// The application's id: Discord's answer, else the bot user id the token carries (the same for
/// any application made since 2016).
async fn application_id(rest: &Rest, token: &Token) -> Result<u64, String> {
    match rest.application_id().await {
        Ok(id) => Ok(id),
        Err(error) => {
            let id = token.user_id().ok_or_else(|| error.to_string())?;
            tracing::warn!(%error, "cannot look the application up; using the id in the token");
            Ok(id)
        }
    }
}

/// The token and API base from the environment, or `None` after saying what is wrong.
fn credentials() -> Option<(Token, Option<String>)> {
    let token = Token::from_env()
        .map_err(|e| eprintln!("seminar: {e}"))
        .ok()?;
    let api_base = api_base(std::env::var(API_BASE_VAR).ok())
        .map_err(|e| eprintln!("seminar: {e}"))
        .ok()?;
    Some((token, api_base))
}
