//! The floor `seminar-lab bench-http` compares with: the same server shape as `seminar serve`
//! (body limit, access log) that only checks the signature and answers PONG.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::post;
use ed25519_dalek::VerifyingKey;
use seminar::http::MAX_BODY;
use seminar::http::verify::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde_json::json;

/// `POST /interactions` answering PONG to every correctly signed request, 401 to the others.
pub fn router(key: VerifyingKey, max_skew: u64) -> Router {
    let verify_only = move |headers: HeaderMap, body: Bytes| async move {
        match signed(&key, max_skew, &headers, &body) {
            true => Json(json!({ "type": 1 })).into_response(),
            false => StatusCode::UNAUTHORIZED.into_response(),
        }
    };
    Router::new()
        .route("/interactions", post(verify_only))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(access_log))
}

/// The check `seminar serve` makes before reading anything.
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

/// The access-log line `seminar serve` writes, under its target, so one log filter enables or
/// silences both servers alike.
async fn access_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let latency_us = started.elapsed().as_micros() as u64;
    let status = response.status().as_u16();
    tracing::info!(target: "seminar::http", %method, %path, status, latency_us, "http");
    response
}
