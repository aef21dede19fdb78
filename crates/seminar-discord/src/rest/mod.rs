//! Seminar's calls to Discord's REST API, as raw JSON through serenity's `Http` (which owns auth,
//! the base URL and, in production, rate limits), each try bounded by a timeout, with retries for
//! Discord's transient failures, and errors that never carry an interaction's token.

mod redact;
mod send;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use serenity::http::{LightMethod, Route};
use serenity::model::id::{ApplicationId, ChannelId, GuildId, InteractionId, MessageId};

pub use send::serenity_http;

/// How long one try of a request may take when no setting says otherwise (`[discord]
/// rest_timeout_ms`). With the retries, a request gives up after about three times this.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// How long one try may take.
    timeout: Duration,
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
    /// The client a frontend uses: with the bot token if there is one (serenity's client), else
    /// anonymous; each try of a request bounded by `timeout`.
    pub fn connect(token: Option<&str>, api_base: Option<&str>, timeout: Duration) -> Rest {
        match token {
            Some(token) => {
                Rest::new(Arc::new(serenity_http(token, api_base, timeout))).with_timeout(timeout)
            }
            None => Rest::anonymous(api_base).with_timeout(timeout),
        }
    }

    /// Wraps serenity's HTTP client; tries last [`DEFAULT_TIMEOUT`] at most.
    pub fn new(http: Arc<serenity::http::Http>) -> Rest {
        Rest {
            transport: Transport::Bot(http),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// A client without a bot token, for answering interactions only (edits and follow-ups);
    /// tries last [`DEFAULT_TIMEOUT`] at most.
    pub fn anonymous(api_base: Option<&str>) -> Rest {
        Rest {
            transport: Transport::Anonymous {
                client: send::reqwest_client(api_base, None),
                base: api_base.map(str::to_string),
            },
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The same client, each try of a request bounded by `timeout` instead.
    pub fn with_timeout(self, timeout: Duration) -> Rest {
        Rest { timeout, ..self }
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
