//! The REST half: an axum server that records every request, injects the failures the test
//! asked for, routes the Discord API v10 endpoints a bot uses, answers everything else with
//! Discord's 404, and withholds the answers the test asked it to hold.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::ids::token;
use super::payloads::{APPLICATION_ID, USER_ID, bot_user_object, user_object};
use super::state::Shared;
use super::{Recorded, channels, commands, interactions};

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .fallback(handle)
        // Attachments can be large; axum's default limit is 2 MB.
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(shared)
}

/// A request as the routes see it.
pub(super) struct Incoming {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub authorization: Option<String>,
    /// The JSON body; for multipart requests, the `payload_json` part.
    pub body: Option<Value>,
    /// Names of files uploaded in a multipart request.
    pub files: Vec<String>,
    /// The body was there but was not JSON.
    pub malformed: bool,
}

/// An answer: a status and an optional JSON body.
pub(super) struct Reply {
    pub status: u16,
    pub body: Option<Value>,
}

impl Reply {
    pub fn ok(body: Value) -> Reply {
        Reply {
            status: 200,
            body: Some(body),
        }
    }

    pub fn created(body: Value) -> Reply {
        Reply {
            status: 201,
            body: Some(body),
        }
    }

    pub fn no_content() -> Reply {
        Reply {
            status: 204,
            body: None,
        }
    }

    /// A Discord error: `{"message", "code"}`.
    pub fn error(status: u16, code: u32, message: &str) -> Reply {
        Reply {
            status,
            body: Some(json!({ "message": message, "code": code })),
        }
    }

    pub fn not_found() -> Reply {
        Reply::error(404, 0, "404: Not Found")
    }

    pub fn unauthorized() -> Reply {
        Reply::error(401, 0, "401: Unauthorized")
    }

    /// What the test asked for with `fail_next`; 429 also carries `retry_after`.
    fn injected(status: u16) -> Reply {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Injected Failure");
        let mut reply = Reply::error(status, 0, &format!("{status}: {reason}"));
        if status == 429
            && let Some(body) = &mut reply.body
        {
            body["retry_after"] = json!(0.1);
            body["global"] = json!(false);
        }
        reply
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match self.body {
            Some(body) => (
                status,
                [(header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response(),
            None => status.into_response(),
        }
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = parse(&method, &uri, &headers, &body);
    let (reply, held) = {
        let mut state = shared.lock();
        if let Some(id) = callback_id(&request) {
            let body = request.body.clone().unwrap_or(Value::Null);
            state.callbacks.entry(id).or_default().push(body);
        }
        let injected = state.take_failure(&request.method, &request.path);
        let reply = match injected {
            Some(status) => Reply::injected(status),
            None => route(&shared, &mut state, &request),
        };
        let held = state.take_hold(&request.method, &request.path);
        state.requests.push(Recorded {
            method: request.method,
            path: request.path,
            query: request.query,
            authorization: request.authorization,
            body: request.body,
            files: request.files,
            status: reply.status,
            response: reply.body.clone(),
            injected: injected.is_some(),
            held,
        });
        (reply, held)
    };
    shared.changed();
    if held {
        // Done and recorded, but the client never hears back (its process "died" first); the
        // connection stays open until the test's runtime ends.
        std::future::pending::<()>().await;
    }
    reply.into_response()
}

/// The interaction id of a POST to `/interactions/{id}/{token}/callback`.
fn callback_id(request: &Incoming) -> Option<u64> {
    let rest = request.path.strip_prefix("/api/v10/interactions/")?;
    match rest.split('/').collect::<Vec<_>>().as_slice() {
        [id, _token, "callback"] if request.method == "POST" => id.parse().ok(),
        _ => None,
    }
}

fn parse(method: &Method, uri: &Uri, headers: &HeaderMap, body: &Bytes) -> Incoming {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let mut incoming = Incoming {
        method: method.as_str().to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        authorization: header(header::AUTHORIZATION),
        body: None,
        files: Vec::new(),
        malformed: false,
    };
    if let Some(boundary) = content_type.split("boundary=").nth(1) {
        let (payload, files) = multipart(body, boundary.trim_matches('"'));
        incoming.files = files;
        incoming.malformed = payload.as_ref().is_some_and(|p| p.is_none());
        incoming.body = payload.flatten();
    } else if !body.is_empty() {
        match serde_json::from_slice(body) {
            Ok(value) => incoming.body = Some(value),
            Err(_) => incoming.malformed = true,
        }
    }
    incoming
}

/// The `payload_json` part (`Some(None)` if it is not JSON) and the uploaded file names of a
/// multipart/form-data body, which serenity sends when a message has attachments.
fn multipart(body: &[u8], boundary: &str) -> (Option<Option<Value>>, Vec<String>) {
    let delimiter = format!("--{boundary}");
    let mut payload = None;
    let mut files = Vec::new();
    for part in split(body, delimiter.as_bytes()) {
        let Some(head_end) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..head_end]);
        let content = &part[head_end + 4..];
        let content = content.strip_suffix(b"\r\n").unwrap_or(content);
        if let Some(filename) = disposition_param(&head, "filename") {
            files.push(filename);
        } else if disposition_param(&head, "name").as_deref() == Some("payload_json") {
            payload = Some(serde_json::from_slice(content).ok());
        }
    }
    (payload, files)
}

/// A `name="value"` parameter of a part's Content-Disposition header.
fn disposition_param(head: &str, name: &str) -> Option<String> {
    let line = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))?;
    let marker = format!("{name}=\"");
    let start = line.split("; ").find_map(|p| p.strip_prefix(&marker))?;
    Some(start.trim_end_matches('"').to_string())
}

fn split<'a>(haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = haystack;
    while let Some(at) = find(rest, delimiter) {
        parts.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    parts.push(rest);
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Routes a request to the endpoint that answers it.
fn route(shared: &Shared, state: &mut super::state::State, request: &Incoming) -> Reply {
    if request.malformed {
        return Reply::error(400, 50109, "The request body contains invalid JSON.");
    }
    let Some(rest) = request.path.strip_prefix("/api/v10/") else {
        return Reply::not_found();
    };
    let segments: Vec<&str> = rest.split('/').collect();
    // Interaction endpoints authenticate with the interaction token, `/gateway` not at all.
    let public = matches!(
        segments.as_slice(),
        ["gateway"] | ["interactions", ..] | ["webhooks", ..]
    );
    if !public && request.authorization != Some(format!("Bot {}", token())) {
        return Reply::unauthorized();
    }
    let body = request.body.as_ref().unwrap_or(&Value::Null);
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => Reply::ok(json!({ "url": shared.gateway_url })),
        ("GET", ["gateway", "bot"]) => Reply::ok(bot_gateway(shared)),
        ("GET", ["oauth2", "applications", "@me"]) => Reply::ok(application()),
        ("GET", ["users", "@me"]) => Reply::ok(bot_user_object()),
        (method, ["applications", app, rest @ ..]) => {
            commands::route(shared, state, method, app, rest, body)
        }
        ("POST", ["interactions", id, interaction_token, "callback"]) => {
            interactions::callback(shared, state, id, interaction_token, body, &request.files)
        }
        (method, ["webhooks", app, interaction_token, rest @ ..]) => {
            let call = interactions::WebhookCall {
                method,
                app,
                token: interaction_token,
                rest,
            };
            interactions::webhook(shared, state, &call, body, &request.files)
        }
        (_, ["channels", channel, rest @ ..]) => {
            channels::route(shared, state, request, channel, rest)
        }
        ("GET", ["guilds", _, "threads", "active"]) => Reply::ok(active_threads(state)),
        _ => Reply::not_found(),
    }
}

/// `GET /guilds/{id}/threads/active`: every thread the bot created that is still there.
fn active_threads(state: &super::state::State) -> Value {
    let threads: Vec<Value> = state
        .created_threads
        .iter()
        .filter_map(|id| channels::object(state, *id))
        .collect();
    json!({ "threads": threads, "members": [] })
}

fn bot_gateway(shared: &Shared) -> Value {
    json!({
        "url": shared.gateway_url,
        "shards": 1,
        "session_start_limit": {
            "total": 1000,
            "remaining": 999,
            "reset_after": 14_400_000,
            "max_concurrency": 1,
        },
    })
}

/// `GET /oauth2/applications/@me`, with every field serenity's `CurrentApplicationInfo`
/// requires.
fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": "Seminar",
        "icon": null,
        "description": "A fake application",
        "summary": "",
        "type": null,
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0".repeat(64),
        "flags": 0,
        "owner": user_object(USER_ID),
        "team": null,
        "hook": true,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "approximate_guild_count": 1,
    })
}
