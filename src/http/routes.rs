//! The endpoint's axum application: `POST /interactions` (signature first, then the type, then a
//! replay check, then the responder), the probes, and one access-log line per request; requests
//! in flight are capped (503 beyond) and bodies must arrive in time.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use ed25519_dalek::VerifyingKey;
use serde_json::{Value, json};
use serenity::model::application::Interaction;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::load_shed::LoadShedLayer;
use tower::{BoxError, ServiceBuilder};
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

use super::replay::{Admission, Replays};
use super::verify::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use super::{ANSWER_DEADLINE, EdgeLimits, MAX_BODY};
use seminar_core::engine::Engine;
use seminar_discord::community::clock::Clock;
use seminar_discord::in_flight::InFlight;
use seminar_discord::interaction::Incoming;
use seminar_discord::respond::{FirstResponse, Responder};

/// What every request shares.
#[derive(Clone)]
pub(super) struct Endpoint {
    pub(super) engine: Arc<Engine>,
    pub(super) responder: Arc<Responder>,
    pub(super) key: VerifyingKey,
    pub(super) max_skew: u64,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) in_flight: Arc<InFlight>,
    pub(super) replays: Arc<Replays>,
}

/// The application: `/interactions` within `limits`, and the probes.
pub(super) fn router(endpoint: Endpoint, limits: &EdgeLimits) -> Router {
    // Outermost first: a request over the cap is shed before it waits for anything; the whole
    // request (its body, then its answer) has a deadline; each piece of the body has its own.
    let guarded = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: BoxError| async {
            StatusCode::SERVICE_UNAVAILABLE
        }))
        .layer(LoadShedLayer::new())
        .layer(GlobalConcurrencyLimitLayer::new(limits.max_in_flight))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.body_read_timeout + ANSWER_DEADLINE,
        ))
        .layer(RequestBodyTimeoutLayer::new(limits.body_read_timeout));
    Router::new()
        .route("/interactions", post(interactions).layer(guarded))
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
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(too_big) if too_big.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return too_big.into_response();
        }
        // The body stalled past its timeout (or the client went away mid-body).
        Err(_) => return StatusCode::REQUEST_TIMEOUT.into_response(),
    };
    let now = endpoint.clock.now().as_second();
    // Nothing is read from an unsigned request.
    let Some(signed_at) = signed_at(&endpoint.key, endpoint.max_skew, &headers, &body, now) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
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
    let mut incoming = Incoming::from_serenity(&interaction);
    // serenity's model drops the fields of a modal's Labels: they are read from the raw body.
    if kind == Some(5)
        && let Ok(raw) = serde_json::from_slice::<Value>(&body)
    {
        incoming = incoming.with_raw(&raw);
    }
    let id = incoming.id;
    let claim = match endpoint.replays.admit(id, signed_at, now) {
        Admission::First(claim) => claim,
        Admission::Answered(body) => {
            tracing::info!(interaction = id, "replayed interaction answered as before");
            return Json(body).into_response();
        }
        Admission::Pending(mut first) => {
            let answered = tokio::time::timeout(ANSWER_DEADLINE, first.wait_for(Option::is_some))
                .await
                .ok()
                .and_then(Result::ok)
                .and_then(|body| (*body).clone());
            return match answered {
                Some(body) => Json(body).into_response(),
                None => replayed(id),
            };
        }
        Admission::Seen => return replayed(id),
    };
    let (first, answer) = FirstResponse::body();
    let responder = Arc::clone(&endpoint.responder);
    let in_flight = Arc::clone(&endpoint.in_flight);
    // The answer may go on after the response (an edit after a deferral): its own task.
    tokio::spawn(async move {
        let _answering = in_flight.enter();
        responder.handle_with(incoming, first).await;
    });
    match tokio::time::timeout(ANSWER_DEADLINE, answer).await {
        Ok(Ok(body)) => {
            claim.answered(&body);
            Json(body).into_response()
        }
        // Dropped unanswered (an expired interaction, say): its own log line says why.
        Ok(Err(_)) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(_) => {
            tracing::error!(interaction = id, "no answer within the deadline");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// A replay whose first answer is not kept: refused, never acted on again.
fn replayed(id: u64) -> Response {
    tracing::warn!(interaction = id, "replayed interaction refused");
    let message = json!({ "message": "This interaction was already received." });
    (StatusCode::CONFLICT, Json(message)).into_response()
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

/// The signed timestamp (Unix seconds) when the request is Discord's at `now`; `None` otherwise.
fn signed_at(
    key: &VerifyingKey,
    max_skew: u64,
    headers: &HeaderMap,
    body: &[u8],
    now: i64,
) -> Option<i64> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp = header(TIMESTAMP_HEADER);
    let signed = verify::is_signed(
        key,
        header(SIGNATURE_HEADER),
        timestamp,
        body,
        now,
        max_skew,
    );
    signed.then(|| timestamp.and_then(|t| t.trim().parse().ok()))?
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
