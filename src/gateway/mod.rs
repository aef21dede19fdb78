//! The gateway bot (`seminar run`): serenity's client connected with the token, answering every
//! interaction through the shared responder, and shutting down cleanly on request.

pub mod handler;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ActivityData, GatewayIntents, OnlineStatus};
use serenity::client::ClientBuilder;
use serenity::gateway::GatewayError;

use handler::Handler;
use seminar_core::engine::Engine;
use seminar_discord::community::Community;
use seminar_discord::community::claims::ClaimSettings;
use seminar_discord::community::clock::Clock;
use seminar_discord::community::scheduler::Scheduler;
use seminar_discord::in_flight::InFlight;
use seminar_discord::respond::Responder;
use seminar_discord::rest::{Rest, serenity_http};
pub use seminar_discord::shards::Shards;
use seminar_discord::token::Token;
use seminar_store::{Database, Store, StoreError};

/// How long shutdown waits for answers in flight.
const DRAIN: Duration = Duration::from_secs(3);

/// Everything `seminar run` needs besides the engine.
#[derive(Debug, Clone)]
pub struct BotSettings {
    pub token: Token,
    /// `DISCORD_API_BASE`, e.g. `http://127.0.0.1:8080`.
    pub api_base: Option<String>,
    /// A development server to register the commands in, instead of globally.
    pub guild: Option<u64>,
    /// The status line; empty for none.
    pub presence: String,
    pub shards: Shards,
    /// Replies not ready after this long are deferred; zero defers all.
    pub defer_after: Duration,
    /// How long one try of a REST request may take.
    pub rest_timeout: Duration,
    /// The database of state that outlives the process.
    pub database: Database,
    /// How plans are claimed among the processes sharing the database.
    pub claims: ClaimSettings,
    /// The time reading plans go by.
    pub clock: Arc<dyn Clock>,
}

/// Why the bot stopped other than by request. Messages are for the person running it.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error(
        "Discord refused the token (DISCORD_TOKEN): reset it on your app's Bot page and try again"
    )]
    Refused,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot reach Discord: {0}")]
    Client(#[source] Box<serenity::Error>),
}

/// Runs the bot until `shutdown` completes (then waits briefly for answers in flight) or the
/// connection fails for good.
pub async fn run(
    engine: Arc<Engine>,
    settings: BotSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BotError> {
    let store = Store::connect(&settings.database).await?;
    tracing::info!(database = %store.location(), "database open");
    let (token, api_base) = (settings.token.expose(), settings.api_base.as_deref());
    let rest = Rest::connect(Some(token), api_base, settings.rest_timeout);
    let community = Community::new(Arc::clone(&engine), store.clone(), rest, settings.clock);
    let responder = Arc::new(Responder::new(community.clone(), settings.defer_after));
    let scheduler = Scheduler::new(community)
        .for_shards(settings.shards)
        .with_claims(settings.claims.clone())
        .spawn();
    let in_flight = Arc::new(InFlight::default());
    let handler = Handler::new(engine, responder, settings.guild, Arc::clone(&in_flight));
    let gateway_http = serenity_http(token, api_base, settings.rest_timeout);
    // Interactions need no gateway intents: they come to every bot.
    let mut builder =
        ClientBuilder::new_with_http(gateway_http, GatewayIntents::empty()).event_handler(handler);
    if !settings.presence.trim().is_empty() {
        builder = builder
            .activity(ActivityData::custom(settings.presence.trim()))
            .status(OnlineStatus::Online);
    }
    let mut client = builder.await.map_err(|e| BotError::Client(Box::new(e)))?;

    let shard_manager = Arc::clone(&client.shard_manager);
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down");
        shard_manager.shutdown_all().await;
    });

    tracing::info!(shards = %settings.shards, guild = ?settings.guild, "starting");
    let started = match settings.shards {
        Shards::One => client.start().await,
        Shards::Auto => client.start_autosharded().await,
        Shards::Total(total) => client.start_shards(total).await,
        Shards::Range { first, last, total } => {
            client.start_shard_range(first..last + 1, total).await
        }
    };
    let left = in_flight.drain(DRAIN).await;
    scheduler.stop(DRAIN).await;
    if left > 0 {
        tracing::warn!(left, "stopped with answers still in flight");
    }
    store.close().await;
    match started {
        Ok(()) => {
            tracing::info!("stopped");
            Ok(())
        }
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
            Err(BotError::Refused)
        }
        Err(error) => Err(BotError::Client(Box::new(error))),
    }
}
