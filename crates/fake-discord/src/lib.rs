//! A fake Discord on 127.0.0.1 for end-to-end tests: REST (axum) and gateway (tokio-tungstenite)
//! servers that a real serenity 0.12.5 client talks to, recording what it sends and answering
//! the way Discord does. Start one per test with [`FakeDiscord::start`].
#![allow(dead_code)]

mod channel_api;
mod channels;
mod commands;
mod gateway;
mod gateway_api;
mod ids;
mod interactions;
mod messages;
mod options;
mod payloads;
mod rest;
pub mod schema;
mod state;
mod threads;
mod validate;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio::time::Instant;

// A test binary that uses none of the payload helpers would otherwise warn.
#[allow(unused_imports)]
pub use ids::*;
#[allow(unused_imports)]
pub use options::*;
#[allow(unused_imports)]
pub use payloads::*;

use state::{FailRule, Shared, State};

/// How long `send_interaction` and friends wait for a READY connection before panicking.
const READY_WAIT: Duration = Duration::from_secs(10);

/// How the fake behaves; [`FakeConfig::default`] is what [`FakeDiscord::start`] uses.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// The heartbeat interval HELLO announces (Discord: about 41 s).
    pub heartbeat_interval: Duration,
    /// Reject callbacks this long after the interaction's id timestamp with 404 "Unknown
    /// interaction" (10062), as Discord does after 3 s. Off by default so a slow test machine
    /// cannot make tests flaky; turn it on to test lateness.
    pub interaction_deadline: Option<Duration>,
    /// Answer 400 (50035 "Invalid Form Body", 50006 empty message) to messages, choices, modals
    /// and command definitions that break Discord's limits.
    pub validate: bool,
}

impl Default for FakeConfig {
    fn default() -> FakeConfig {
        FakeConfig {
            heartbeat_interval: Duration::from_millis(41_250),
            interaction_deadline: None,
            validate: true,
        }
    }
}

/// One REST request as the fake received and answered it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The path without the query, e.g. `/api/v10/interactions/1/tok/callback`.
    pub path: String,
    pub query: Option<String>,
    /// The `Authorization` header (`Bot <token>`).
    pub authorization: Option<String>,
    /// The JSON body; for a multipart request, its `payload_json` part.
    pub body: Option<Value>,
    /// File names uploaded in a multipart request.
    pub files: Vec<String>,
    /// The status the fake answered.
    pub status: u16,
    /// The JSON the fake answered, if any.
    pub response: Option<Value>,
    /// Whether the answer was a failure injected with [`FakeDiscord::fail_next`].
    pub injected: bool,
    /// Whether the answer was withheld ([`FakeDiscord::hold_next`]): `status` and `response`
    /// are what the fake would have answered.
    pub held: bool,
}

impl Recorded {
    /// Whether this is a `method` request whose path starts with `path_prefix`.
    pub fn is(&self, method: &str, path_prefix: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.path.starts_with(path_prefix)
    }

    /// Whether the fake answered with a 2xx status.
    pub fn succeeded(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A running fake Discord. Dropping it stops its servers and closes its gateway connections.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    api_addr: SocketAddr,
    gateway_addr: SocketAddr,
    servers: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for server in &self.servers {
            server.abort();
        }
        // A connection task ends when its command channel closes.
        self.shared.lock().gateway.live.clear();
    }
}

impl FakeDiscord {
    /// Starts both servers on ephemeral ports of 127.0.0.1 with the default configuration.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(FakeConfig::default()).await
    }

    /// Starts both servers with `config`.
    pub async fn start_with(config: FakeConfig) -> FakeDiscord {
        let api = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the REST port");
        let gateway = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the gateway port");
        let api_addr = api.local_addr().expect("REST address");
        let gateway_addr = gateway.local_addr().expect("gateway address");
        // No query string: serenity appends `?v=10` to whatever `/gateway` answers.
        let shared = Arc::new(Shared::new(config, format!("ws://{gateway_addr}")));
        let router = rest::router(Arc::clone(&shared));
        let servers = vec![
            tokio::spawn(async move {
                axum::serve(api, router)
                    .await
                    .expect("the REST server runs");
            }),
            tokio::spawn(gateway::serve(gateway, Arc::clone(&shared))),
        ];
        FakeDiscord {
            shared,
            api_addr,
            gateway_addr,
            servers,
        }
    }

    /// `http://127.0.0.1:PORT`, what to give `HttpBuilder::proxy`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.api_addr)
    }

    /// `ws://127.0.0.1:PORT`, what `/gateway` answers.
    pub fn gateway_url(&self) -> String {
        format!("ws://{}", self.gateway_addr)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.lock()
    }

    /// Polls `check` after every change until it yields a value or `timeout` passes.
    async fn wait<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&mut State) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + timeout;
        loop {
            // Registered before checking, so a change between the check and the wait still
            // wakes us.
            let notified = self.shared.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&mut self.state()) {
                return Some(found);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return check(&mut self.state());
            }
        }
    }

    // ---- REST ----

    /// Every REST request so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state().requests.clone()
    }

    /// Waits (up to `timeout`) until a recorded request matches and returns the first that does;
    /// panics with the list of requests seen if none does.
    pub async fn wait_for_request(
        &self,
        matches: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self.wait(timeout, |state| {
            state.requests.iter().find(|r| matches(r)).cloned()
        });
        match found.await {
            Some(request) => request,
            None => panic!(
                "no matching request within {timeout:?}; seen:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// The requests so far, one line each, for failure messages.
    pub fn describe_requests(&self) -> String {
        let mut out = String::new();
        for r in self.requests() {
            let body = r.body.map(|b| b.to_string()).unwrap_or_default();
            let held = if r.held { " (held)" } else { "" };
            let line = format!("{} {} -> {}{held} {body}", r.method, r.path, r.status);
            let _ = writeln!(out, "  {line}");
        }
        if out.is_empty() {
            "  (none)".to_string()
        } else {
            out
        }
    }

    /// The callback bodies POSTed for interaction `interaction_id`, in order, whatever the fake
    /// answered (see [`FakeDiscord::requests`] for the statuses).
    pub fn callbacks(&self, interaction_id: u64) -> Vec<Value> {
        self.state()
            .callbacks
            .get(&interaction_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for the first callback body POSTed for `interaction_id`; panics with the requests
    /// seen if none comes within `timeout`.
    pub async fn wait_for_callback(&self, interaction_id: u64, timeout: Duration) -> Value {
        let found = self.wait(timeout, |state| {
            state
                .callbacks
                .get(&interaction_id)
                .and_then(|c| c.first())
                .cloned()
        });
        match found.await {
            Some(body) => body,
            None => panic!(
                "no callback for interaction {interaction_id} within {timeout:?}; seen:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// The response message (`@original`) of an interaction as it stands after the callback and
    /// any edits; `None` before a message-creating callback or after a DELETE.
    pub fn original_response(&self, interaction_id: u64) -> Option<Value> {
        self.state()
            .interactions
            .get(&interaction_id)?
            .original
            .clone()
    }

    /// The follow-up messages of an interaction as they stand, in order.
    pub fn followups(&self, interaction_id: u64) -> Vec<Value> {
        let state = self.state();
        state
            .interactions
            .get(&interaction_id)
            .map(|i| i.followups.clone())
            .unwrap_or_default()
    }

    /// The messages the bot created with `POST /channels/{id}/messages`, in any channel, in
    /// order, as they stand now (a pin shows). A POST that `enforce_nonce` answered with an
    /// existing message created nothing and adds nothing.
    pub fn channel_messages(&self) -> Vec<Value> {
        let state = self.state();
        let posted = state.messages.iter().filter(|m| m.posted);
        posted.map(|m| m.message.clone()).collect()
    }

    /// Answers the next `times` requests whose method is `method` and whose path starts with
    /// `path_prefix` (e.g. `/api/v10/interactions/`) with `status` and a Discord error body;
    /// they are still recorded, with `injected` set. Rules are consumed in the order given.
    pub fn fail_next(&self, method: &str, path_prefix: &str, status: u16, times: usize) {
        let rule = FailRule {
            method: method.to_string(),
            path_prefix: path_prefix.to_string(),
            status,
            remaining: times,
        };
        self.state().failures.push(rule);
    }

    /// Preloads the global commands, stored as a PUT would store them (ids, version...).
    pub fn set_global_commands(&self, commands: Vec<Value>) {
        let mut state = self.state();
        state.global_commands =
            commands::store(commands::Scope::Global, &commands, &state.global_commands);
    }

    /// Preloads a guild's commands, stored as a PUT would store them.
    pub fn set_guild_commands(&self, guild_id: u64, commands: Vec<Value>) {
        let mut state = self.state();
        let scope = commands::Scope::Guild(guild_id);
        let stored = commands::store(scope, &commands, commands::list_mut(&mut state, scope));
        *commands::list_mut(&mut state, scope) = stored;
    }

    /// The global commands as stored.
    pub fn global_commands(&self) -> Vec<Value> {
        self.state().global_commands.clone()
    }

    /// A guild's commands as stored.
    pub fn guild_commands(&self, guild_id: u64) -> Vec<Value> {
        self.state()
            .guild_commands
            .get(&guild_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Makes the REST side know an interaction without dispatching it (what
    /// [`FakeDiscord::send_interaction`] does first), for REST-only tests. Returns its id.
    pub fn register_interaction(&self, interaction: &Value) -> u64 {
        interactions::register(&mut self.state(), interaction).expect("a well-formed interaction")
    }
}
