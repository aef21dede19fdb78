//! `seminar serve`: the public key (and the token, if any) checked before anything listens, then
//! the HTTP interactions endpoint until SIGINT or SIGTERM.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::http::verify::{self, PUBLIC_KEY_VAR};
use crate::http::{self, EdgeLimits, ServeSettings};
use crate::startup::{finish, load, runtime};
use seminar_core::engine::Source;
use seminar_discord::api::{API_BASE_VAR, api_base};
use seminar_discord::community::clock::SystemClock;
use seminar_discord::token::{Token, TokenError};

/// `seminar serve [--listen ADDR]`.
pub fn serve(content: &Source, config: &Config, listen: Option<String>) -> ExitCode {
    let key = std::env::var(PUBLIC_KEY_VAR).ok();
    let public_key = match verify::public_key(key.as_deref()) {
        Ok(key) => key,
        Err(e) => return refuse(&e.to_string()),
    };
    // Lookups answer through the interaction's own token; the bot token is for posting.
    let token = match Token::from_env() {
        Ok(token) => Some(token.expose().to_string()),
        Err(TokenError::Missing) => None,
        Err(e) => return refuse(&e.to_string()),
    };
    let api_base = match api_base(std::env::var(API_BASE_VAR).ok()) {
        Ok(base) => base,
        Err(e) => return refuse(&e.to_string()),
    };
    let database = match config.database.database() {
        Ok(database) => database,
        Err(e) => return refuse(&e),
    };
    let Some(engine) = load(content) else {
        return ExitCode::FAILURE;
    };
    if token.is_none() {
        tracing::warn!(
            "DISCORD_TOKEN is not set: lookups work, but discussions and reading plans cannot post"
        );
    }
    let listen = listen.unwrap_or_else(|| config.http.listen.clone());
    let settings = ServeSettings {
        public_key,
        max_clock_skew: config.http.max_clock_skew_secs,
        token,
        api_base,
        database,
        defer_after: Duration::from_millis(config.discord.defer_after_ms),
        rest_timeout: Duration::from_millis(config.discord.rest_timeout_ms),
        plans: config.http.plans,
        claims: config.plans.claims(),
        clock: Arc::new(SystemClock),
    };
    let limits = EdgeLimits::from(&config.http);
    let outcome = runtime().and_then(|runtime| {
        runtime.block_on(async {
            let shutdown = crate::signals::stop();
            let listener = http::bind(&listen).await.map_err(|e| e.to_string())?;
            http::serve_with(listener, engine, settings, limits, shutdown)
                .await
                .map_err(|e| e.to_string())
        })
    });
    finish(outcome.map(|()| None))
}

fn refuse(message: &str) -> ExitCode {
    eprintln!("seminar: {message}");
    ExitCode::FAILURE
}
