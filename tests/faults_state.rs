//! Seminar under faults of its surroundings: a Discord API host that refuses connections or never
//! answers, a full disk, a database locked by another process, and a database file deleted while
//! Seminar runs. Each fault is real: real sockets, real SQLite (a full disk through a VFS that
//! fails writes as a full filesystem does), the real responder and the gateway bot against the
//! fake Discord; log lines are captured from this process.

mod bot_world;
mod fake_discord;
mod faults;
mod support;

use std::sync::Arc;
use std::time::Duration;

use bot_world::*;
use fake_discord::*;
use faults::logs;
use seminar::community::Community;
use seminar::community::clock::SystemClock;
use seminar::frontend::discord::interaction::Incoming;
use seminar::frontend::discord::respond::{FirstResponse, Outcome, Responder};
use seminar::frontend::discord::rest::{Rest, RestError};
use seminar::store::Store;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// An outer bound that only stops a hung test; nothing here depends on it.
const HUNG: Duration = Duration::from_secs(60);

/// How the REST client reaches Discord.
#[derive(Clone, Copy, Debug)]
enum Client {
    /// serenity's client, with the bot token (`seminar run`, or `seminar serve` with a token).
    Bot,
    /// No bot token: interaction webhooks only (`seminar serve` without a token).
    Anonymous,
}

impl Client {
    fn rest(self, api_base: &str, timeout: Duration) -> Rest {
        let token = token();
        let token = match self {
            Client::Bot => Some(token.as_str()),
            Client::Anonymous => None,
        };
        Rest::connect(token, Some(api_base), timeout)
    }
}

/// The address of an API host that refuses every connection: a port just freed.
async fn refusing_host() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

/// The address of an API host that accepts connections and never answers.
async fn silent_host() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("http://{address}")
}

/// A responder over `rest` and a fresh database, deferring every reply (so that the reply goes
/// over REST as an edit).
async fn deferring_responder(rest: Rest) -> (tempfile::TempDir, Responder) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("seminar.db")).await.unwrap();
    let community = Community::new(engine(), store, rest, Arc::new(SystemClock));
    (dir, Responder::new(community, Duration::ZERO))
}

/// The interaction as the responder reads it.
fn incoming(payload: Value) -> Incoming {
    let interaction = serde_json::from_value(payload).expect("a serenity interaction");
    Incoming::from_serenity(&interaction)
}

/// Answers `/outline` as `seminar serve` does (the deferral in the HTTP body, the reply as an
/// edit over `rest`); returns the outcome and the first response.
async fn outline_through(rest: Rest, id: u64) -> (Outcome, Value) {
    let (_dir, responder) = deferring_responder(rest).await;
    let (first, body) = FirstResponse::body();
    let interaction = incoming(slash_command(id, "outline", json!([])));
    let outcome = tokio::time::timeout(HUNG, responder.handle_with(interaction, first))
        .await
        .expect("the interaction ends");
    (outcome, body.await.expect("a first response"))
}

async fn a_failed_edit_logs_no_token(client: Client) {
    logs::capture();
    let id = snowflake();
    let rest = client.rest(&refusing_host().await, Duration::from_secs(10));
    let (outcome, first) = outline_through(rest, id).await;
    assert_eq!(first, json!({ "type": 5 }));
    assert!(
        matches!(outcome, Outcome::Undelivered(RestError::Transport { .. })),
        "{outcome:?}"
    );
    let outcome_line = logs::lines_with(&format!("interaction={id}"));
    assert_eq!(outcome_line.len(), 1, "{outcome_line:#?}");
    assert!(
        outcome_line[0].contains("outcome=\"undelivered\""),
        "{}",
        outcome_line[0]
    );
    assert_eq!(
        logs::lines_with(&interaction_token(id)),
        Vec::<String>::new()
    );
    assert!(!format!("{outcome:?}").contains(&interaction_token(id)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_edit_after_a_deferral_logs_no_token_without_a_bot_token() {
    a_failed_edit_logs_no_token(Client::Anonymous).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_edit_after_a_deferral_logs_no_token_through_serenity() {
    a_failed_edit_logs_no_token(Client::Bot).await;
}

async fn a_host_that_never_answers_ends_undelivered(client: Client) {
    let rest = client.rest(&silent_host().await, Duration::from_millis(50));
    let (outcome, first) = outline_through(rest, snowflake()).await;
    assert_eq!(first, json!({ "type": 5 }));
    assert!(
        matches!(outcome, Outcome::Undelivered(RestError::Transport { .. })),
        "{outcome:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_to_a_host_that_never_answers_ends_undelivered_without_a_bot_token() {
    a_host_that_never_answers_ends_undelivered(Client::Anonymous).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_to_a_host_that_never_answers_ends_undelivered_through_serenity() {
    a_host_that_never_answers_ends_undelivered(Client::Bot).await;
}
