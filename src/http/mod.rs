//! The HTTP interactions endpoint (`seminar serve`): Discord's signed POSTs, verified before
//! anything is parsed, answered by the same responder as the gateway bot with the first response
//! in the HTTP body; plus liveness and readiness probes and one access-log line per request.

pub mod verify;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use ed25519_dalek::VerifyingKey;
use serde_json::{Value, json};
use serenity::model::application::Interaction;
use tokio::net::TcpListener;

use seminar_core::engine::Engine;
use seminar_discord::community::Community;
use seminar_discord::community::clock::Clock;
use seminar_discord::community::scheduler::Scheduler;
use seminar_discord::in_flight::InFlight;
use seminar_discord::interaction::Incoming;
use seminar_discord::respond::{FirstResponse, Responder};
use seminar_discord::rest::Rest;
use seminar_store::{Store, StoreError};
use verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// The largest request body accepted; Discord's interactions are a few KiB.
pub const MAX_BODY: usize = 64 * 1024;
/// How long a request may wait for its first response: under Discord's three seconds, with room
/// for the network. The responder defers well before this, so it is a last resort.
const ANSWER_DEADLINE: Duration = Duration::from_millis(2500);
/// The latest a slow answer is deferred, whatever the settings say.
const MAX_DEFER: Duration = Duration::from_millis(2000);
/// How long shutdown waits for answers in flight (edits after a deferral included).
const DRAIN: Duration = Duration::from_secs(3);

/// Everything `seminar serve` needs besides the engine.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub public_key: VerifyingKey,
    /// Requests signed further than this from now (seconds) are refused.
    pub max_clock_skew: u64,
    /// The bot token, for what goes beyond answering (discussions, plans); lookups need none.
    pub token: Option<String>,
    pub api_base: Option<String>,
    pub database: PathBuf,
    pub defer_after: Duration,
    /// How long one try of a REST request may take.
    pub rest_timeout: Duration,
    /// Whether this process posts reading plans.
    pub plans: bool,
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

/// What every request shares.
#[derive(Clone)]
struct Endpoint {
    engine: Arc<Engine>,
    responder: Arc<Responder>,
    key: VerifyingKey,
    max_skew: u64,
    in_flight: Arc<InFlight>,
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

/// Serves on `listener` until `shutdown` completes, then drains what is in flight.
pub async fn serve(
    listener: TcpListener,
    engine: Arc<Engine>,
    settings: ServeSettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let store = Store::open(&settings.database).await?;
    let api_base = settings.api_base.as_deref();
    let rest = Rest::connect(settings.token.as_deref(), api_base, settings.rest_timeout);
    let community = Community::new(Arc::clone(&engine), store.clone(), rest, settings.clock);
    let scheduler = match (settings.plans, settings.token.is_some()) {
        (true, true) => Some(Scheduler::new(community.clone()).spawn()),
        (true, false) => {
            tracing::warn!("reading plans need DISCORD_TOKEN to post; this process posts none");
            None
        }
        (false, _) => None,
    };
    let in_flight = Arc::new(InFlight::default());
    // A deferral must reach Discord before the request's own deadline.
    let defer_after = settings.defer_after.min(MAX_DEFER);
    let endpoint = Endpoint {
        engine,
        responder: Arc::new(Responder::new(community, defer_after)),
        key: settings.public_key,
        max_skew: settings.max_clock_skew,
        in_flight: Arc::clone(&in_flight),
    };
    let address = listener.local_addr().map_err(ServeError::Serve)?;
    tracing::info!(%address, "listening for interactions");
    let served = axum::serve(listener, router(endpoint))
        .with_graceful_shutdown(shutdown)
        .await;
    let left = in_flight.drain(DRAIN).await;
    if left > 0 {
        tracing::warn!(left, "stopped with answers still in flight");
    }
    if let Some(scheduler) = scheduler {
        scheduler.stop(DRAIN).await;
    }
    store.close().await;
    served.map_err(ServeError::Serve)?;
    tracing::info!("stopped");
    Ok(())
}

fn router(endpoint: Endpoint) -> Router {
    Router::new()
        .route("/interactions", post(interactions))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(access_log))
        .with_state(endpoint)
}

/// `POST /interactions`.
async fn interactions(
    State(endpoint): State<Endpoint>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Nothing is read from an unsigned request.
    if !signed(&endpoint.key, endpoint.max_skew, &headers, &body) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    // The type alone first: cheap, and it tells a PING or an unknown kind apart before serenity
    // reads the whole interaction.
    let kind = match serde_json::from_slice::<Kind>(&body) {
        Ok(kind) if body.trim_ascii_start().starts_with(b"{") => kind.kind.as_u64(),
        // JSON, but not an object with a numeric type.
        _ if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_ok() => None,
        _ => return bad_request("The body is not JSON."),
    };
    match kind {
        Some(1) => return Json(json!({ "type": 1 })).into_response(),
        Some(2..=5) => {}
        _ => return bad_request("Unknown interaction type."),
    }
    let Ok(interaction) = serde_json::from_slice::<Interaction>(&body) else {
        return bad_request("The body is not an interaction.");
    };
    let incoming = Incoming::from_serenity(&interaction);
    let (first, answer) = FirstResponse::body();
    let responder = Arc::clone(&endpoint.responder);
    let in_flight = Arc::clone(&endpoint.in_flight);
    // The answer may go on after the response (an edit after a deferral): its own task.
    tokio::spawn(async move {
        let _answering = in_flight.enter();
        responder.handle_with(incoming, first).await;
    });
    match tokio::time::timeout(ANSWER_DEADLINE, answer).await {
        Ok(Ok(body)) => Json(body).into_response(),
        // Dropped unanswered (an expired interaction, say): its own log line says why.
        Ok(Err(_)) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(_) => {
            tracing::error!("no answer within the deadline");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Just an interaction's `type`.
#[derive(serde::Deserialize)]
struct Kind {
    #[serde(rename = "type", default)]
    kind: Value,
}

/// `GET /readyz`: the index is loaded (it is, once the server listens) and what it holds.
async fn ready(State(endpoint): State<Endpoint>) -> Json<Value> {
    let library = endpoint.engine.library();
    Json(json!({
        "ready": true,
        "content": endpoint.engine.content(),
        "texts": library.texts.len(),
        "sections": library.texts.iter().map(|t| t.sections.len()).sum::<usize>(),
    }))
}

fn signed(key: &VerifyingKey, max_skew: u64, headers: &HeaderMap, body: &[u8]) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    verify::is_signed(
        key,
        header(SIGNATURE_HEADER),
        header(TIMESTAMP_HEADER),
        body,
        now,
        max_skew,
    )
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "message": message }))).into_response()
}

/// One line per request: method, path (never the query or headers, which could carry secrets),
/// status and latency.
async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let latency_us = started.elapsed().as_micros() as u64;
    let status = response.status().as_u16();
    tracing::info!(%method, %path, status, latency_us, "http");
    response
}
