//! The bot under test, started in this process against a fake Discord: shared by the gateway
//! and study-group suites.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use seminar::gateway::{self, BotError, BotSettings, Shards};
use seminar_core::engine::Engine;
use seminar_discord::community::clock::ManualClock;
use seminar_discord::token::Token;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use fake_discord::*;

use crate::support::discord::assert_valid_callback;

pub const WAIT: Duration = Duration::from_secs(10);
pub const PRESENCE: &str = "/help · reading together";

pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    Arc::clone(ENGINE.get_or_init(|| {
        Arc::new(Engine::load(&crate::support::content_dir()).expect("the bundled content loads"))
    }))
}

/// The bot under test, running in this process against the fake.
pub struct Bot {
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), BotError>>,
}

impl Bot {
    /// Stops the bot as SIGTERM would and returns how `run` ended.
    pub async fn stop(self) -> Result<(), BotError> {
        let _ = self.stop.send(());
        tokio::time::timeout(WAIT, self.task)
            .await
            .expect("the bot stops within the wait")
            .expect("the bot task does not panic")
    }
}

/// A fake Discord and a directory for the bot's database.
pub struct World {
    pub fake: FakeDiscord,
    pub data: tempfile::TempDir,
    /// The time reading plans go by; it moves only when a test moves it.
    pub clock: Arc<ManualClock>,
}

impl World {
    pub async fn new() -> World {
        World {
            fake: FakeDiscord::start().await,
            data: tempfile::tempdir().expect("a temporary directory"),
            clock: Arc::new(ManualClock::new(jiff::Timestamp::now())),
        }
    }

    pub fn settings(&self) -> BotSettings {
        BotSettings {
            token: Token::parse(&token()).expect("the fake's token is well formed"),
            api_base: Some(self.fake.api_base()),
            guild: None,
            presence: PRESENCE.into(),
            shards: Shards::One,
            // Generous, so that a loaded test machine never turns an immediate answer into a
            // deferred one; the deferred path has its own tests.
            defer_after: Duration::from_secs(10),
            rest_timeout: seminar_discord::rest::DEFAULT_TIMEOUT,
            database: self.data.path().join("seminar.db").into(),
            claims: Default::default(),
            clock: self.clock.clone(),
        }
    }

    pub async fn start_with(&self, settings: BotSettings) -> Bot {
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(gateway::run(engine(), settings, async {
            let _ = stopped.await;
        }));
        self.fake.wait_until_ready(WAIT).await;
        Bot { stop, task }
    }

    pub async fn start(&self) -> Bot {
        self.start_with(self.settings()).await
    }

    /// A bot that defers every command (`defer_after` zero): the slow path, deterministically.
    pub async fn start_deferring_everything(&self) -> Bot {
        let settings = BotSettings {
            defer_after: Duration::ZERO,
            ..self.settings()
        };
        self.start_with(settings).await
    }
}

/// Sends an interaction and returns the first callback body the bot posts for it.
pub async fn callback_for(fake: &FakeDiscord, interaction: Value) -> Value {
    let id = id_of(&interaction["id"]).expect("an interaction id");
    fake.send_interaction(interaction).await;
    let body = fake.wait_for_callback(id, WAIT).await;
    assert_valid_callback(&body);
    body
}

pub fn original_path(id: u64) -> String {
    format!(
        "/api/v10/webhooks/{APPLICATION_ID}/{}/messages/@original",
        interaction_token(id)
    )
}

/// Sends a command and returns the message the user ends up seeing: the callback's data, or
/// after a deferral, the edit of the original response. Also returns whether it is private.
pub async fn answer_of(fake: &FakeDiscord, interaction: Value) -> (Value, bool) {
    let id = id_of(&interaction["id"]).expect("an interaction id");
    let body = callback_for(fake, interaction).await;
    let private = body["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0;
    if body["type"] != 5 {
        return (body["data"].clone(), private);
    }
    let path = original_path(id);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    (edit.body.unwrap_or_default(), private)
}

/// Everything a message shows, as one string: its Text Displays (Components V2), or the content,
/// embed title, description, fields and footer of a message before them.
pub fn shown(message: &Value) -> String {
    let mut parts = vec![message["content"].as_str().unwrap_or_default().to_string()];
    parts.extend(crate::support::discord::texts(message));
    for embed in message["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            parts.push(embed[key].as_str().unwrap_or_default().to_string());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            parts.push(field["name"].as_str().unwrap_or_default().to_string());
            parts.push(field["value"].as_str().unwrap_or_default().to_string());
        }
        parts.push(
            embed["footer"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

/// Checks every body the bot sent against the schema of its route in Discord's spec, and
/// Discord's limits.
pub fn assert_every_body_valid(fake: &FakeDiscord) {
    for request in fake.requests() {
        let Some(body) = &request.body else { continue };
        let path = request.path.trim_start_matches("/api/v10");
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let schema = match (request.method.as_str(), segments.as_slice()) {
            ("POST", ["interactions", _, _, "callback"]) => {
                crate::support::discord::assert_valid_callback(body);
                measure(&request.method, path, &body["data"]);
                continue;
            }
            ("POST", ["channels", _, "messages"]) => {
                // A post is V2 and keeps it: channel messages take the flag like any other.
                assert!(crate::support::discord::is_v2(body), "{body}");
                "MessageCreateRequest"
            }
            ("POST", ["channels", _, "messages", _, "threads"]) => {
                crate::support::discord::validate("CreateTextThreadWithMessageRequest", body)
                    .unwrap_or_else(|e| panic!("{e}"));
                continue;
            }
            ("POST", ["channels", _, "threads"]) if body.get("message").is_some() => {
                crate::support::discord::validate("CreateForumThreadRequest", body)
                    .unwrap_or_else(|e| panic!("{e}"));
                crate::support::discord::check_limits(&body["message"])
                    .unwrap_or_else(|e| panic!("{e}"));
                crate::support::discord::assert_valid_components(&body["message"]);
                continue;
            }
            ("POST", ["channels", _, "threads"]) => {
                crate::support::discord::validate("CreateTextThreadWithoutMessageRequest", body)
                    .unwrap_or_else(|e| panic!("{e}"));
                continue;
            }
            ("PATCH", ["webhooks", _, _, "messages", _]) => "IncomingWebhookUpdateRequestPartial",
            ("POST", ["webhooks", _, _]) => "IncomingWebhookRequestPartial",
            ("PUT", ["applications", _, "commands"]) => continue,
            ("PUT", ["applications", _, "guilds", _, "commands"]) => continue,
            _ => panic!(
                "a body on a route the test does not know: {} {path}",
                request.method
            ),
        };
        crate::support::discord::assert_valid(schema, body);
        crate::support::discord::assert_valid_components(body);
        measure(&request.method, path, body);
    }
}

/// Prints a V2 body's component count and text size (seen with `--nocapture`), for measuring
/// the study groups' replies and posts.
fn measure(method: &str, path: &str, body: &Value) {
    let components = body["components"].as_array().map_or(&[][..], Vec::as_slice);
    let route: Vec<&str> = path.split('/').take(2).collect();
    eprintln!(
        "measured {method} /{}…: {} components, {} characters of text: {}",
        route.join("/").trim_start_matches('/'),
        seminar_core::render::components::count(components),
        seminar_core::render::components::text_chars(components),
        crate::support::discord::title(body).unwrap_or_else(|| {
            crate::support::discord::texts(body)
                .first()
                .map(|t| t.chars().take(40).collect())
                .unwrap_or_default()
        })
    );
}
