//! Discord's side of the HTTP interactions endpoint: a fixed Ed25519 keypair, requests signed as
//! Discord signs them (`X-Signature-Ed25519` over `X-Signature-Timestamp` ‖ raw body), and the
//! endpoint under test started in this process on 127.0.0.1. Shared by the HTTP suites.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use seminar::http::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use seminar::http::{self, EdgeLimits, ServeError, ServeSettings};
use seminar_core::engine::invocation::parse_line;
use seminar_core::engine::{Context, Engine, Reply};
use seminar_discord::community::clock::SystemClock;
use serde_json::Value;
use tokio::sync::oneshot;

use fake_discord::{FakeDiscord, interaction_token, slash_command};
use tokio::task::JoinHandle;

/// The seed of the application's key: what Discord signs with.
pub const SEED: [u8; 32] = [7; 32];
/// The seed of a key that is not the application's.
pub const OTHER_SEED: [u8; 32] = [9; 32];
/// Discord's allowance and the endpoint's default: five minutes either way.
pub const MAX_SKEW: u64 = 300;
/// How long a test waits for a server to stop or a request to arrive.
pub const WAIT: Duration = Duration::from_secs(10);

/// The application's signing key (Discord's half).
pub fn discord_key() -> SigningKey {
    SigningKey::from_bytes(&SEED)
}

/// The public key as the application page shows it: 64 hex characters.
pub fn public_key_hex() -> String {
    hex::encode(discord_key().verifying_key().to_bytes())
}

/// Unix seconds now.
pub fn now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    i64::try_from(since.as_secs()).expect("seconds fit i64")
}

/// The hex signature Discord sends for `body` at `timestamp`.
pub fn signature(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(body);
    hex::encode(key.sign(&message).to_bytes())
}

/// The two headers Discord signs a request with, signed by `key` at `timestamp`.
pub fn signed_headers(key: &SigningKey, timestamp: i64, body: &[u8]) -> Vec<(String, String)> {
    let timestamp = timestamp.to_string();
    vec![
        (SIGNATURE_HEADER.into(), signature(key, &timestamp, body)),
        (TIMESTAMP_HEADER.into(), timestamp),
    ]
}

/// What the endpoint answered: status and raw body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON; panics (with the body) if it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            let text = String::from_utf8_lossy(&self.body);
            panic!("not JSON ({e}), status {}: {text}", self.status)
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// POSTs `body` to `url` with exactly `headers` (and a JSON content type).
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Answer {
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let response = request.send().await.expect("the endpoint answers");
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("a readable body").to_vec();
    Answer { status, body }
}

/// POSTs raw bytes signed with the application's key, now, as Discord does.
pub async fn post_signed_bytes(client: &reqwest::Client, url: &str, body: Vec<u8>) -> Answer {
    let headers = signed_headers(&discord_key(), now(), &body);
    post(client, url, &headers, body).await
}

/// POSTs a JSON interaction signed with the application's key, now.
pub async fn post_signed(client: &reqwest::Client, url: &str, interaction: &Value) -> Answer {
    post_signed_bytes(client, url, interaction.to_string().into_bytes()).await
}

/// GETs `url`.
pub async fn get(client: &reqwest::Client, url: &str) -> Answer {
    let response = client.get(url).send().await.expect("the endpoint answers");
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("a readable body").to_vec();
    Answer { status, body }
}

/// The settings the tests start from: the application's public key, five minutes of skew, no
/// bot token, no reading plans, a database in `dir`, and a `defer_after` generous enough that a
/// loaded machine never turns an immediate answer into a deferred one.
pub fn settings(dir: &Path, api_base: Option<String>) -> ServeSettings {
    ServeSettings {
        public_key: discord_key().verifying_key(),
        max_clock_skew: MAX_SKEW,
        token: None,
        api_base,
        database: dir.join("seminar.db").into(),
        defer_after: Duration::from_secs(10),
        rest_timeout: seminar_discord::rest::DEFAULT_TIMEOUT,
        plans: false,
        claims: Default::default(),
        clock: Arc::new(SystemClock),
    }
}

/// `seminar serve` running in this process on an ephemeral port of 127.0.0.1.
pub struct Server {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), ServeError>>,
}

impl Server {
    /// Binds 127.0.0.1:0 and serves `engine` with `settings` in a task of its own.
    pub async fn start(engine: Arc<Engine>, settings: ServeSettings) -> Server {
        Server::start_with(engine, settings, EdgeLimits::default()).await
    }

    /// As [`Server::start`], within `limits`.
    pub async fn start_with(
        engine: Arc<Engine>,
        settings: ServeSettings,
        limits: EdgeLimits,
    ) -> Server {
        let listener = http::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("a local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = http::serve_with(listener, engine, settings, limits, async {
            let _ = stopped.await;
        });
        let task = tokio::spawn(serving);
        Server {
            address,
            client: reqwest::Client::new(),
            stop,
            task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// POSTs a signed interaction to `/interactions`.
    pub async fn interact(&self, interaction: &Value) -> Answer {
        post_signed(&self.client, &self.url("/interactions"), interaction).await
    }

    /// POSTs raw bytes to `/interactions`, signed.
    pub async fn interact_bytes(&self, body: Vec<u8>) -> Answer {
        post_signed_bytes(&self.client, &self.url("/interactions"), body).await
    }

    /// POSTs to `/interactions` with exactly these headers and body.
    pub async fn post(&self, headers: &[(String, String)], body: &[u8]) -> Answer {
        post(
            &self.client,
            &self.url("/interactions"),
            headers,
            body.to_vec(),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> Answer {
        get(&self.client, &self.url(path)).await
    }

    /// Asks the server to stop as SIGTERM would; returns how `serve` ended.
    pub async fn stop(self) -> Result<(), ServeError> {
        let _ = self.stop.send(());
        tokio::time::timeout(WAIT, self.task)
            .await
            .expect("the server stops within the wait")
            .expect("the server task does not panic")
    }
}

/// A PING as Discord sends it when the endpoint URL is saved.
pub fn ping(id: u64, application_id: u64, token: &str) -> Value {
    serde_json::json!({
        "id": id.to_string(),
        "application_id": application_id.to_string(),
        "type": 1,
        "token": token,
        "version": 1,
    })
}

/// What the engine answers for a typed line, seeded as the responder seeds it (by interaction
/// id), in a place with no reading position and no prompts shown yet.
pub fn expected_reply(engine: &Engine, line: &str, id: u64) -> Reply {
    let invocation = parse_line(line, engine.commands()).expect("the line parses");
    let context = Context {
        seed: id,
        ..Context::default()
    };
    engine.answer(&invocation, &context).expect("no error")
}

/// Plays Discord's part of a deferral: Discord shows the placeholder when the HTTP response
/// arrives, which makes `@original` exist for the edit that follows. Done before the request, so
/// the edit cannot race it; the tests check the endpoint's body is this very `ack`.
pub async fn discord_shows(fake: &FakeDiscord, interaction: &Value, ack: &Value) {
    let id = fake.register_interaction(interaction);
    let url = format!(
        "{}/api/v10/interactions/{id}/{}/callback",
        fake.api_base(),
        interaction_token(id)
    );
    let client = reqwest::Client::new();
    let shown = post(&client, &url, &[], ack.to_string().into_bytes()).await;
    assert_eq!(shown.status, 204, "{}", shown.text());
}

/// `/section number:13` as Discord sends it.
pub fn section_13(id: u64) -> Value {
    let options = serde_json::json!([{ "name": "number", "type": 4, "value": 13 }]);
    slash_command(id, "section", options)
}

/// `/search query:...` as Discord sends it.
pub fn search(id: u64, query: &str) -> Value {
    let options = serde_json::json!([{ "name": "query", "type": 3, "value": query }]);
    slash_command(id, "search", options)
}
