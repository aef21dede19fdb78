//! Seminar's calls to Discord's REST API, as raw JSON through serenity's `Http` (which owns auth,
//! the base URL and, in production, rate limits), with retries for Discord's transient failures.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use serenity::http::{HttpError, LightMethod, Request, Route};
use serenity::model::id::{ApplicationId, ChannelId, GuildId, InteractionId, MessageId};

/// How many times a request is tried when Discord fails with a 5xx or a 429, or the connection
/// breaks.
const ATTEMPTS: u32 = 3;
/// The wait before the first retry; it doubles each time. Short, because an interaction callback
/// must land within three seconds.
const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// Discord's error code for an interaction it no longer knows (its token expired, or it was
/// answered already).
pub const UNKNOWN_INTERACTION: i64 = 10062;
/// Discord's error code for a second response to one interaction.
pub const ALREADY_ACKNOWLEDGED: i64 = 40060;

/// A failed REST call.
#[derive(Debug, thiserror::Error)]
pub enum RestError {
    /// Discord answered with an error status (after retries, for a 5xx).
    #[error("Discord answered {status} to {method} {route} (code {code}: {message})")]
    Status {
        method: &'static str,
        route: String,
        status: u16,
        code: i64,
        message: String,
    },
    /// The request never got an answer.
    #[error("{method} {route} failed: {detail}")]
    Transport {
        method: &'static str,
        route: String,
        detail: String,
    },
    /// Discord answered 2xx without what was asked for.
    #[error("Discord's answer to {route} is unusable: {detail}")]
    Body { route: String, detail: String },
}

impl RestError {
    /// Discord's JSON error code, when it sent one.
    pub fn code(&self) -> Option<i64> {
        match self {
            RestError::Status { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether Discord refused for good: the bot lacks access, or the channel or message is gone
    /// (403, 404). Retrying will not help; a person must act.
    pub fn is_refusal(&self) -> bool {
        matches!(self.status(), Some(403 | 404))
    }

    /// The HTTP status, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            RestError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// The REST client.
#[derive(Clone)]
pub struct Rest {
    transport: Transport,
}

/// How requests reach Discord.
#[derive(Clone)]
enum Transport {
    /// serenity's client, with the bot token.
    Bot(Arc<serenity::http::Http>),
    /// No bot token: interaction webhooks only, which authenticate with the interaction's own
    /// token. No `Authorization` header at all, since Discord refuses a malformed one.
    Anonymous {
        client: reqwest::Client,
        /// Another API host, as `DISCORD_API_BASE` gives it.
        base: Option<String>,
    },
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // serenity's client holds the token: never print it.
        f.debug_struct("Rest").finish_non_exhaustive()
    }
}

impl Rest {
    /// Wraps serenity's HTTP client.
    pub fn new(http: Arc<serenity::http::Http>) -> Rest {
        Rest {
            transport: Transport::Bot(http),
        }
    }

    /// A client without a bot token, for answering interactions only (edits and follow-ups).
    pub fn anonymous(api_base: Option<&str>) -> Rest {
        // A base given is an address to use as is: no system proxy.
        let client = match api_base {
            Some(_) => reqwest::Client::builder().no_proxy().build(),
            None => reqwest::Client::builder().build(),
        };
        Rest {
            transport: Transport::Anonymous {
                client: client.unwrap_or_default(),
                base: api_base.map(str::to_string),
            },
        }
    }

    /// `POST /interactions/{id}/{token}/callback`: the first response to an interaction.
    pub async fn callback(&self, id: u64, token: &str, body: &Value) -> Result<(), RestError> {
        let route = Route::InteractionResponse {
            interaction_id: InteractionId::new(id),
            token,
        };
        self.send(route, LightMethod::Post, Some(body))
            .await
            .map(drop)
    }

    /// `PATCH /webhooks/{app}/{token}/messages/@original`: replaces the original response.
    pub async fn edit_original(
        &self,
        app: u64,
        token: &str,
        body: &Value,
    ) -> Result<(), RestError> {
        let route = Route::WebhookOriginalInteractionResponse {
            application_id: ApplicationId::new(app),
            token,
        };
        self.send(route, LightMethod::Patch, Some(body))
            .await
            .map(drop)
    }

    /// `DELETE /webhooks/{app}/{token}/messages/@original`.
    pub async fn delete_original(&self, app: u64, token: &str) -> Result<(), RestError> {
        let route = Route::WebhookOriginalInteractionResponse {
            application_id: ApplicationId::new(app),
            token,
        };
        self.send(route, LightMethod::Delete, None).await.map(drop)
    }

    /// `POST /webhooks/{app}/{token}`: a follow-up message.
    pub async fn followup(&self, app: u64, token: &str, body: &Value) -> Result<(), RestError> {
        let route = Route::WebhookFollowupMessages {
            application_id: ApplicationId::new(app),
            token,
        };
        self.send(route, LightMethod::Post, Some(body))
            .await
            .map(drop)
    }

    /// The commands registered globally, or in one server.
    pub async fn commands(&self, app: u64, guild: Option<u64>) -> Result<Value, RestError> {
        self.send(commands_route(app, guild), LightMethod::Get, None)
            .await
    }

    /// Replaces every registered command with `body` (bulk overwrite).
    pub async fn overwrite_commands(
        &self,
        app: u64,
        guild: Option<u64>,
        body: &Value,
    ) -> Result<Value, RestError> {
        self.send(commands_route(app, guild), LightMethod::Put, Some(body))
            .await
    }

    /// `GET /channels/{id}`: the channel, if the bot can see it.
    pub async fn channel(&self, channel: u64) -> Result<Value, RestError> {
        let route = Route::Channel {
            channel_id: ChannelId::new(channel),
        };
        self.send(route, LightMethod::Get, None).await
    }

    /// `POST /channels/{id}/messages`: posts a message; returns it.
    pub async fn create_message(&self, channel: u64, body: &Value) -> Result<Value, RestError> {
        let route = Route::ChannelMessages {
            channel_id: ChannelId::new(channel),
        };
        self.send(route, LightMethod::Post, Some(body)).await
    }

    /// `GET /channels/{id}/messages?limit=…`: the latest messages, newest first.
    pub async fn recent_messages(&self, channel: u64, limit: u8) -> Result<Value, RestError> {
        let route = Route::ChannelMessages {
            channel_id: ChannelId::new(channel),
        };
        let params = vec![("limit", limit.to_string())];
        self.send_with(route, LightMethod::Get, None, Some(params))
            .await
    }

    /// `GET /channels/{id}/messages/{id}`: one message.
    pub async fn message(&self, channel: u64, message: u64) -> Result<Value, RestError> {
        let route = Route::ChannelMessage {
            channel_id: ChannelId::new(channel),
            message_id: MessageId::new(message),
        };
        self.send(route, LightMethod::Get, None).await
    }

    /// `GET /guilds/{id}/threads/active`: the server's active threads (`{threads, members}`).
    pub async fn active_threads(&self, guild: u64) -> Result<Value, RestError> {
        let route = Route::GuildThreadsActive {
            guild_id: GuildId::new(guild),
        };
        self.send(route, LightMethod::Get, None).await
    }

    /// `POST /channels/{id}/messages/{id}/threads`: opens a thread on a message; returns it.
    pub async fn thread_on_message(
        &self,
        channel: u64,
        message: u64,
        body: &Value,
    ) -> Result<Value, RestError> {
        let route = Route::ChannelMessageThreads {
            channel_id: ChannelId::new(channel),
            message_id: MessageId::new(message),
        };
        self.send(route, LightMethod::Post, Some(body)).await
    }

    /// `POST /channels/{id}/threads`: a forum post (or a thread without a message); returns it.
    pub async fn create_thread(&self, channel: u64, body: &Value) -> Result<Value, RestError> {
        let route = Route::ChannelThreads {
            channel_id: ChannelId::new(channel),
        };
        self.send(route, LightMethod::Post, Some(body)).await
    }

    /// `PUT /channels/{id}/pins/{id}`: pins a message.
    pub async fn pin(&self, channel: u64, message: u64) -> Result<(), RestError> {
        let route = Route::ChannelPin {
            channel_id: ChannelId::new(channel),
            message_id: MessageId::new(message),
        };
        self.send(route, LightMethod::Put, None).await.map(drop)
    }

    /// The application the token belongs to: its id.
    pub async fn application_id(&self) -> Result<u64, RestError> {
        let route = Route::Oauth2ApplicationCurrent;
        let application = self.send(route, LightMethod::Get, None).await?;
        application["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .ok_or_else(|| RestError::Body {
                route: "/oauth2/applications/@me".into(),
                detail: "no application id".into(),
            })
    }

    /// Sends one request, retrying 5xx and 429 answers and broken connections with a doubling
    /// backoff.
    /// An empty or non-JSON 2xx body (204) is `Value::Null`.
    async fn send(
        &self,
        route: Route<'_>,
        method: LightMethod,
        body: Option<&Value>,
    ) -> Result<Value, RestError> {
        self.send_with(route, method, body, None).await
    }

    /// [`Rest::send`] with query parameters.
    async fn send_with(
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
            let error = match self.attempt(route, method, &bytes, &params, &path).await {
                Ok(raw) => {
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        return Ok(Value::Null);
                    }
                    // Only lookups need the body; for anything else a 2xx is all that matters.
                    return Ok(serde_json::from_slice(&raw).unwrap_or_else(|e| {
                        tracing::debug!(route = %redact(&path), error = %e, "a 2xx answer that is not JSON");
                        Value::Null
                    }));
                }
                Err(error) => error,
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
}

impl Rest {
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
                    detail: e.to_string(),
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
                let transport = |detail: String| RestError::Transport {
                    method: name,
                    route: redact(path),
                    detail,
                };
                let response = request.send().await.map_err(|e| transport(e.to_string()))?;
                let status = response.status().as_u16();
                let raw = response
                    .bytes()
                    .await
                    .map_err(|e| transport(e.to_string()))?;
                if (200..300).contains(&status) {
                    return Ok(raw.to_vec());
                }
                let error: Value = serde_json::from_slice(&raw).unwrap_or_default();
                Err(RestError::Status {
                    method: name,
                    route: redact(path),
                    status,
                    code: error["code"].as_i64().unwrap_or_default(),
                    message: error["message"].as_str().unwrap_or_default().to_string(),
                })
            }
        }
    }
}

/// Seminar's User-Agent, in the form Discord asks bots to use.
const USER_AGENT: &str = "DiscordBot (https://github.com/seminar-bot/seminar, 0.1)";

fn reqwest_method(method: LightMethod) -> reqwest::Method {
    match method {
        LightMethod::Get => reqwest::Method::GET,
        LightMethod::Post => reqwest::Method::POST,
        LightMethod::Put => reqwest::Method::PUT,
        LightMethod::Patch => reqwest::Method::PATCH,
        LightMethod::Delete => reqwest::Method::DELETE,
    }
}

fn commands_route<'a>(app: u64, guild: Option<u64>) -> Route<'a> {
    let application_id = ApplicationId::new(app);
    match guild {
        Some(guild) => Route::GuildCommands {
            application_id,
            guild_id: GuildId::new(guild),
        },
        None => Route::Commands { application_id },
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
            message: response.error.message,
        },
        other => RestError::Transport {
            method,
            route,
            detail: other.to_string(),
        },
    }
}

/// A route path with interaction tokens cut out.
fn redact(route: &str) -> String {
    let mut parts: Vec<&str> = route.split('/').collect();
    for window in 0..parts.len() {
        let after_interaction = window >= 2 && parts[window - 2] == "interactions";
        let after_webhook = window >= 2 && parts[window - 2] == "webhooks";
        if after_interaction || after_webhook {
            parts[window] = "…";
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interaction_tokens_never_reach_the_logs() {
        assert_eq!(
            redact("https://discord.com/api/v10/interactions/123/secret-token/callback"),
            "https://discord.com/api/v10/interactions/123/…/callback"
        );
        assert_eq!(
            redact("https://discord.com/api/v10/webhooks/42/secret-token/messages/@original"),
            "https://discord.com/api/v10/webhooks/42/…/messages/@original"
        );
    }
}
