//! The HTTP interactions endpoint (`seminar serve`): Discord's signed POSTs, verified before
//! anything is parsed, answered by the same responder as the gateway bot with the first response
//! in the HTTP body; plus liveness and readiness probes and one access-log line per request.
//!
//! The parts: `routes` (the axum application), `connections` (accepting, capping and closing
//! connections, and a shutdown bounded whatever clients do), `limits` (timeouts and caps),
//! `replay` (an interaction is acted on once) and `verify` (signatures).

mod connections;
pub mod limits;
mod replay;
mod routes;
pub mod verify;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::VerifyingKey;
use tokio::net::TcpListener;

pub use limits::EdgeLimits;
use seminar_core::engine::Engine;
use seminar_discord::community::Community;
use seminar_discord::community::claims::ClaimSettings;
use seminar_discord::community::clock::Clock;
use seminar_discord::community::scheduler::Scheduler;
use seminar_discord::in_flight::InFlight;
use seminar_discord::respond::Responder;
use seminar_discord::rest::Rest;
use seminar_store::{Database, Store, StoreError};

/// The largest request body accepted; Discord's interactions are a few KiB.
pub const MAX_BODY: usize = 64 * 1024;
/// How long a request may wait for its first response: under Discord's three seconds, with room
/// for the network. The responder defers well before this, so it is a last resort.
const ANSWER_DEADLINE: Duration = Duration::from_millis(2500);
/// The latest a slow answer is deferred, whatever the settings say.
const MAX_DEFER: Duration = Duration::from_millis(2000);
/// How long shutdown may take in all: open connections, answers in flight (edits after a
/// deferral included) and a plan post under way share this one budget.
pub const DRAIN: Duration = Duration::from_secs(3);

/// Everything `seminar serve` needs besides the engine.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub public_key: VerifyingKey,
    /// Requests signed further than this from now (seconds) are refused.
    pub max_clock_skew: u64,
    /// The bot token, for what goes beyond answering (discussions, plans); lookups need none.
    pub token: Option<String>,
    pub api_base: Option<String>,
    pub database: Database,
    pub defer_after: Duration,
    /// How long one try of a REST request may take.
    pub rest_timeout: Duration,
    /// Whether this process posts reading plans (those it holds the claim on).
    pub plans: bool,
    /// How plans are claimed among the processes sharing the database.
    pub claims: ClaimSettings,
    /// The time, for signatures' timestamps as for plans.
    pub clock: Arc<dyn Clock>,
}

/// Why the endpoint could not run. Messages are for the person running it.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the HTTP server failed: {0}")]
    Serve(std::io::Error),
}

/// Binds `address` (`host:port`; port 0 picks one).
pub async fn bind(address: &str) -> Result<TcpListener, ServeError> {
    TcpListener::bind(address)
        .await
        .map_err(|source| ServeError::Listen {
            address: address.to_string(),
            source,
        })
}

/// Serves on `listener` with the default limits until `shutdown` completes, then drains what is
/// in flight for at most [`DRAIN`].
pub async fn serve(
    listener: TcpListener,
    engine: Arc<Engine>,
    settings: ServeSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    serve_with(listener, engine, settings, EdgeLimits::default(), shutdown).await
}

/// Serves on `listener` within `limits` until `shutdown` completes, then drains what is in
/// flight for at most [`DRAIN`].
pub async fn serve_with(
    listener: TcpListener,
    engine: Arc<Engine>,
    settings: ServeSettings,
    limits: EdgeLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let store = Store::connect(&settings.database).await?;
    tracing::info!(database = %store.location(), "database open");
    let api_base = settings.api_base.as_deref();
    let rest = Rest::connect(settings.token.as_deref(), api_base, settings.rest_timeout);
    let clock = Arc::clone(&settings.clock);
    let community = Community::new(Arc::clone(&engine), store.clone(), rest, settings.clock);
    let scheduler = match (settings.plans, settings.token.is_some()) {
        (true, true) => Some(
            Scheduler::new(community.clone())
                .with_claims(settings.claims.clone())
                .spawn(),
        ),
        (true, false) => {
            tracing::warn!("reading plans need DISCORD_TOKEN to post; this process posts none");
            None
        }
        (false, _) => None,
    };
    let in_flight = Arc::new(InFlight::default());
    // A deferral must reach Discord before the request's own deadline.
    let defer_after = settings.defer_after.min(MAX_DEFER);
    let endpoint = routes::Endpoint {
        engine,
        responder: Arc::new(Responder::new(community, defer_after)),
        key: settings.public_key,
        max_skew: settings.max_clock_skew,
        clock,
        in_flight: Arc::clone(&in_flight),
        replays: Arc::new(replay::Replays::new(
            settings.max_clock_skew,
            limits.replay_bodies,
        )),
    };
    let address = listener.local_addr().map_err(ServeError::Serve)?;
    tracing::info!(%address, "listening for interactions");
    let app = routes::router(endpoint, &limits);
    let deadline = connections::serve(listener, app, &limits, shutdown).await;
    let left = in_flight
        .drain(deadline.saturating_duration_since(tokio::time::Instant::now()))
        .await;
    if left > 0 {
        tracing::warn!(left, "stopped with answers still in flight");
    }
    if let Some(scheduler) = scheduler {
        scheduler
            .stop(deadline.saturating_duration_since(tokio::time::Instant::now()))
            .await;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}
