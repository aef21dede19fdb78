//! The state both servers share with the test: what was recorded, what is registered, the
//! channels and their messages, which gateway connection is live, plus the `Notify` that wakes
//! every waiting test on a change.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::sync::mpsc::UnboundedSender;

use super::channels::{self, Channel};
use super::gateway::ConnCommand;
use super::ids::{now_ms, snowflake_at};
use super::{FakeConfig, Recorded};

/// Everything the servers and the `FakeDiscord` handle share.
pub(super) struct Shared {
    state: Mutex<State>,
    /// Woken (all waiters) after every change, so `wait_*` re-check their condition.
    pub notify: Notify,
    pub config: FakeConfig,
    /// `ws://127.0.0.1:PORT`, what `/gateway` answers and READY's `resume_gateway_url`.
    pub gateway_url: String,
}

impl Shared {
    pub fn new(config: FakeConfig, gateway_url: String) -> Shared {
        let mut state = State::default();
        channels::populate(&mut state);
        Shared {
            state: Mutex::new(state),
            notify: Notify::new(),
            config,
            gateway_url,
        }
    }

    /// The state; a panicking test thread must not hide what was recorded, so poison is ignored.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes every waiter after a change.
    pub fn changed(&self) {
        self.notify.notify_waiters();
    }
}

#[derive(Default)]
pub(super) struct State {
    /// Every REST request, in arrival order.
    pub requests: Vec<Recorded>,
    /// Failures to inject, consumed first to last.
    pub failures: Vec<FailRule>,
    /// Every body POSTed to an interaction's callback, by interaction id, whatever the answer.
    pub callbacks: HashMap<u64, Vec<Value>>,
    pub global_commands: Vec<Value>,
    pub guild_commands: HashMap<u64, Vec<Value>>,
    /// Interactions sent (or registered) by the test, by id.
    pub interactions: HashMap<u64, InteractionState>,
    /// Every channel the fake knows, by id: the pre-populated ones, those the test added and the
    /// threads the bot created.
    pub channels: BTreeMap<u64, Channel>,
    /// Messages in channels (the bot's posts, forum starter messages, messages the test added),
    /// in creation order. Interaction responses stay with their interaction.
    pub messages: Vec<StoredMessage>,
    /// The threads the bot created, in creation order.
    pub created_threads: Vec<u64>,
    /// Pinned messages by channel: (message id, pin time in fake-clock ms), in pin order.
    pub pins: HashMap<u64, Vec<(u64, u64)>>,
    /// Requests whose answer to withhold, consumed first to last.
    pub holds: Vec<HoldRule>,
    /// How many held requests `wait_for_held` has returned.
    pub held_cursor: usize,
    /// How far the test moved the fake's clock ahead of the wall clock.
    pub clock_offset_ms: u64,
    /// The last id handed out by `next_id`, so ids of stored things always increase.
    pub last_id: u64,
    pub gateway: GatewayState,
}

/// One `fail_next` instruction.
pub(super) struct FailRule {
    pub method: String,
    pub path_prefix: String,
    pub status: u16,
    pub remaining: usize,
}

/// One `hold_next` instruction: the next matching request gets no answer.
pub(super) struct HoldRule {
    pub method: String,
    pub path_prefix: String,
}

/// A message in a channel, with what `enforce_nonce` needs.
pub(super) struct StoredMessage {
    /// The channel (or thread) it is in.
    pub channel_id: u64,
    /// The message object as it stands (pins and threads update it).
    pub message: Value,
    /// When it was created, on the fake's clock.
    pub created_ms: u64,
    /// Its nonce, as a string.
    pub nonce: Option<String>,
    /// Whether the bot created it with `POST /channels/{id}/messages`.
    pub posted: bool,
}

impl State {
    /// The status of the first failure rule matching this request, if any (and uses it up).
    pub fn take_failure(&mut self, method: &str, path: &str) -> Option<u16> {
        let rule = self.failures.iter_mut().find(|r| {
            r.remaining > 0
                && r.method.eq_ignore_ascii_case(method)
                && path.starts_with(&r.path_prefix)
        })?;
        rule.remaining -= 1;
        Some(rule.status)
    }

    /// Whether a hold rule matches this request (and uses it up).
    pub fn take_hold(&mut self, method: &str, path: &str) -> bool {
        let found = self.holds.iter().position(|r| {
            r.method.eq_ignore_ascii_case(method) && path.starts_with(&r.path_prefix)
        });
        found.map(|at| self.holds.remove(at)).is_some()
    }

    /// Now on the fake's clock: the wall clock plus what the test advanced it by.
    pub fn now_ms(&self) -> u64 {
        now_ms() + self.clock_offset_ms
    }

    /// A fresh snowflake for now on the fake's clock, greater than every id handed out before
    /// (a plain snowflake's counter can wrap within a millisecond).
    pub fn next_id(&mut self) -> u64 {
        let id = snowflake_at(self.now_ms()).max(self.last_id + 1);
        self.last_id = id;
        id
    }

    /// The interaction whose token is `token`.
    pub fn interaction_by_token(&mut self, token: &str) -> Option<&mut InteractionState> {
        self.interactions.values_mut().find(|i| i.token == token)
    }

    /// Sends a dispatch with the session's next sequence number on the ready connection, and
    /// keeps it for replay on RESUME.
    pub fn dispatch(&mut self, event: &str, data: Value) -> Result<u64, String> {
        let gateway = &mut self.gateway;
        let conn = gateway.ready_conn.ok_or("no READY gateway connection")?;
        let sender = gateway
            .live
            .get(&conn)
            .ok_or("the ready connection is gone")?;
        let session = gateway.session.as_mut().ok_or("no session")?;
        session.seq += 1;
        let text = json!({ "op": 0, "s": session.seq, "t": event, "d": data }).to_string();
        session.events.push((session.seq, text.clone()));
        sender
            .send(ConnCommand::Send(text))
            .map_err(|_| "the ready connection is closing".to_string())?;
        Ok(session.seq)
    }
}

/// What the fake knows about an interaction it dispatched.
pub(super) struct InteractionState {
    /// Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit.
    pub kind: u64,
    pub token: String,
    pub channel_id: u64,
    /// When Discord created it (from the id), for the optional callback deadline.
    pub created_ms: u64,
    /// Whether a callback was accepted; Discord accepts one only.
    pub acknowledged: bool,
    /// A component interaction's message.
    pub source_message: Option<Value>,
    /// The response message (`@original`) once there is one; `None` again after a DELETE.
    pub original: Option<Value>,
    pub followups: Vec<Value>,
}

#[derive(Default)]
pub(super) struct GatewayState {
    /// Connections accepted so far.
    pub connections: usize,
    /// The request URI of each connection (`/?v=10`).
    pub connect_uris: Vec<String>,
    /// Open connections: id to the channel that drives its task.
    pub live: BTreeMap<u64, UnboundedSender<ConnCommand>>,
    /// The connection on which READY or RESUMED was sent last and which is still open.
    pub ready_conn: Option<u64>,
    pub session: Option<Session>,
    pub sessions_started: u64,
    pub identifies: Vec<Value>,
    pub identify_cursor: usize,
    pub resumes: Vec<Value>,
    pub resume_cursor: usize,
    pub presences: Vec<Value>,
    pub heartbeats: usize,
    /// Every payload a client sent, in order.
    pub received: Vec<Value>,
    /// Close codes of the close frames clients sent (`None`: a frame without a code).
    pub client_closes: Vec<Option<u16>>,
    pub close_cursor: usize,
}

/// A gateway session: what RESUME continues.
pub(super) struct Session {
    pub id: String,
    /// The last sequence number sent.
    pub seq: u64,
    /// Dispatches after READY, kept so a RESUME can replay what the client missed.
    pub events: Vec<(u64, String)>,
}
