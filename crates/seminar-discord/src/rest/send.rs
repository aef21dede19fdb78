//! Sending one REST request: through serenity's client or plain reqwest, each try bounded by the
//! client's timeout, transient failures retried with a doubling backoff, every error redacted.

use std::time::Duration;

use serde_json::Value;
use serenity::http::{Http, HttpBuilder, HttpError, LightMethod, Request, Route};

use super::redact::{redact, reqwest_detail, serenity_detail};
use super::{Rest, RestError, Transport};

/// How many times a request is tried when Discord fails with a 5xx or a 429, the connection
/// breaks, or no answer comes in time.
const ATTEMPTS: u32 = 3;
/// The wait before the first retry; it doubles each time. Short, because an interaction callback
/// must land within three seconds.
const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// Seminar's User-Agent, in the form Discord asks bots to use.
const USER_AGENT: &str = "DiscordBot (https://github.com/seminar-bot/seminar, 0.1)";

/// serenity's HTTP client for the token: against Discord with serenity's rate limiter, or against
/// `api_base` without it. Its own requests (the gateway's address, for one) give up after
/// `timeout` too.
pub fn serenity_http(token: &str, api_base: Option<&str>, timeout: Duration) -> Http {
    let builder = HttpBuilder::new(token).client(reqwest_client(api_base, Some(timeout)));
    match api_base {
        Some(base) => builder.proxy(base).ratelimiter_disabled(true).build(),
        None => builder.build(),
    }
}

/// A reqwest client for Discord or for `api_base`; a base given is an address to use as is, so
/// without the system proxy.
pub(super) fn reqwest_client(api_base: Option<&str>, timeout: Option<Duration>) -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    if api_base.is_some() {
        builder = builder.no_proxy();
    }
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    builder.build().unwrap_or_default()
}

impl Rest {
    /// Sends one request, retrying 5xx and 429 answers, broken connections and tries without an
    /// answer in time, with a doubling backoff.
    /// An empty or non-JSON 2xx body (204) is `Value::Null`.
    pub(super) async fn send(
        &self,
        route: Route<'_>,
        method: LightMethod,
        body: Option<&Value>,
    ) -> Result<Value, RestError> {
        self.send_with(route, method, body, None).await
    }

    /// [`Rest::send`] with query parameters.
    pub(super) async fn send_with(
        &self,
        route: Route<'_>,
        method: LightMethod,
        body: Option<&Value>,
        params: Option<Vec<(&'static str, String)>>,
    ) -> Result<Value, RestError> {
        let bytes = body.map(|b| serde_json::to_vec(b).unwrap_or_default());
        let path = route.path().to_string();
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let one_try = self.attempt(route, method, &bytes, &params, &path);
            let error = match tokio::time::timeout(self.timeout, one_try).await {
                Ok(Ok(raw)) => {
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        return Ok(Value::Null);
                    }
                    // Only lookups need the body; for anything else a 2xx is all that matters.
                    return Ok(serde_json::from_slice(&raw).unwrap_or_else(|e| {
                        tracing::debug!(route = %redact(&path), error = %e, "a 2xx answer that is not JSON");
                        Value::Null
                    }));
                }
                Ok(Err(error)) => error,
                Err(_) => RestError::Transport {
                    method: method_name(method),
                    route: redact(&path),
                    detail: format!("no answer within {} ms", self.timeout.as_millis()),
                },
            };
            let transient = match &error {
                // A 429 reaches here only from a proxy base (serenity's own limiter waits out
                // Discord's); backing off is the polite answer either way.
                RestError::Status { status, .. } => *status >= 500 || *status == 429,
                RestError::Transport { .. } => true,
                RestError::Body { .. } => false,
            };
            if !transient || attempt >= ATTEMPTS {
                return Err(error);
            }
            tracing::warn!(%error, attempt, retry_in_ms = backoff.as_millis() as u64, "Discord request failed; retrying");
            tokio::time::sleep(backoff).await;
            backoff *= 2;
            attempt += 1;
        }
    }

    /// One try: the raw body of a 2xx answer, or the error.
    async fn attempt(
        &self,
        route: Route<'_>,
        method: LightMethod,
        bytes: &Option<Vec<u8>>,
        params: &Option<Vec<(&'static str, String)>>,
        path: &str,
    ) -> Result<Vec<u8>, RestError> {
        let name = method_name(method);
        match &self.transport {
            Transport::Bot(http) => {
                let request = Request::new(route, method)
                    .body(bytes.clone())
                    .params(params.clone());
                let response = http
                    .request(request)
                    .await
                    .map_err(|error| rest_error(error, name, path))?;
                let raw = response.bytes().await.map_err(|e| RestError::Body {
                    route: redact(path),
                    detail: reqwest_detail(e),
                })?;
                Ok(raw.to_vec())
            }
            Transport::Anonymous { client, base } => {
                let mut url = match base {
                    Some(base) => path.replacen("https://discord.com", base, 1),
                    None => path.to_string(),
                };
                for (i, (key, value)) in params.iter().flatten().enumerate() {
                    url.push(if i == 0 { '?' } else { '&' });
                    url.push_str(&format!("{key}={value}"));
                }
                let mut request = client
                    .request(reqwest_method(method), &url)
                    .header(reqwest::header::USER_AGENT, USER_AGENT);
                if let Some(bytes) = bytes {
                    request = request
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(bytes.clone());
                }
                let transport = |error: reqwest::Error| RestError::Transport {
                    method: name,
                    route: redact(path),
                    detail: reqwest_detail(error),
                };
                let response = request.send().await.map_err(transport)?;
                let status = response.status().as_u16();
                let raw = response.bytes().await.map_err(transport)?;
                if (200..300).contains(&status) {
                    return Ok(raw.to_vec());
                }
                let error: Value = serde_json::from_slice(&raw).unwrap_or_default();
                Err(RestError::Status {
                    method: name,
                    route: redact(path),
                    status,
                    code: error["code"].as_i64().unwrap_or_default(),
                    message: redact(error["message"].as_str().unwrap_or_default()),
                })
            }
        }
    }
}

fn reqwest_method(method: LightMethod) -> reqwest::Method {
    match method {
        LightMethod::Get => reqwest::Method::GET,
        LightMethod::Post => reqwest::Method::POST,
        LightMethod::Put => reqwest::Method::PUT,
        LightMethod::Patch => reqwest::Method::PATCH,
        LightMethod::Delete => reqwest::Method::DELETE,
    }
}

fn method_name(method: LightMethod) -> &'static str {
    match method {
        LightMethod::Get => "GET",
        LightMethod::Post => "POST",
        LightMethod::Put => "PUT",
        LightMethod::Patch => "PATCH",
        LightMethod::Delete => "DELETE",
    }
}

/// Serenity's error, with Discord's status and code kept and anything secret left out.
fn rest_error(error: serenity::Error, method: &'static str, route: &str) -> RestError {
    // Routes of interaction webhooks carry the token: log only the part before it.
    let route = redact(route);
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => RestError::Status {
            method,
            route,
            status: response.status_code.as_u16(),
            code: response.error.code as i64,
            message: redact(&response.error.message),
        },
        other => RestError::Transport {
            method,
            route,
            detail: serenity_detail(other),
        },
    }
}
