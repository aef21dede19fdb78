//! Seminar under faults of its surroundings: a Discord API host that refuses connections or never
//! answers, a full disk, a database locked by another process, and a database file deleted while
//! Seminar runs. Each fault is real: real sockets, real SQLite (a full disk through a VFS that
//! fails writes as a full filesystem does), the real responder and the gateway bot against the
//! fake Discord; log lines are captured from this process.

use std::sync::Arc;
use std::time::Duration;

use crate::bot_world::*;
use crate::faults::logs;
use fake_discord::*;
use seminar::gateway;
use seminar_discord::community::Community;
use seminar_discord::community::clock::SystemClock;
use seminar_discord::interaction::Incoming;
use seminar_discord::respond::{FirstResponse, Outcome, Responder};
use seminar_discord::rest::{Rest, RestError};
use seminar_store::Store;
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

// ---- The database under faults, through the gateway bot ----

const MODERATOR: u64 = PERM_MEMBER | PERM_MANAGE_THREADS;

fn string(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

fn integer(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

/// A slash command by a member with `permissions`.
fn command_by(permissions: u64, name: &str, options: Value) -> Value {
    as_member(slash_command(snowflake(), name, options), permissions, &[])
}

fn suggest(text: &str) -> Value {
    command_by(
        PERM_MEMBER,
        "suggest",
        json!([string("text", text), integer("section", 13)]),
    )
}

const PROMPT: &str = "Would the talks survive a change of government in Washington?";

/// The error id of an apology, if `message` is one.
fn apology_id(message: &Value) -> Option<String> {
    let text = shown(message);
    let rest = text.split("(error id `").nth(1)?;
    Some(rest.split('`').next()?.to_string())
}

/// Asserts that `message` is an apology whose error id was logged as an error.
fn assert_apology(message: &Value) {
    logs::capture();
    let id = apology_id(message).unwrap_or_else(|| panic!("not an apology: {}", shown(message)));
    let logged = logs::lines_with(&format!("error_id={id}"));
    assert!(
        logged.iter().any(|line| line.contains("ERROR")),
        "error id {id} not logged as an error: {logged:#?}"
    );
}

/// The gateway bot over a database whose disk can be made full.
async fn world_on_a_disk_that_fills() -> (World, Bot) {
    logs::capture();
    // Before the bot opens its database, so that its connections go through it.
    crate::faults::full_disk::install();
    let world = World::new().await;
    let bot = world.start().await;
    (world, bot)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_on_a_full_disk_is_apologised_for_not_confirmed() {
    let (world, bot) = world_on_a_disk_that_fills().await;
    crate::faults::full_disk::fill(world.data.path());
    let (reply, private) = answer_of(&world.fake, suggest(PROMPT)).await;
    assert!(private);
    assert!(!shown(&reply).contains("Thanks"), "{}", shown(&reply));
    assert_apology(&reply);
    crate::faults::full_disk::free(world.data.path());
    let (review, _) = answer_of(&world.fake, command_by(MODERATOR, "review", Value::Null)).await;
    assert!(
        shown(&review).contains("No suggestions are waiting"),
        "{}",
        shown(&review)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_on_a_full_disk_is_apologised_for_and_the_suggestion_still_waits() {
    let (world, bot) = world_on_a_disk_that_fills().await;
    let fake = &world.fake;
    let (thanks, _) = answer_of(fake, suggest(PROMPT)).await;
    assert!(shown(&thanks).contains("Thanks"), "{}", shown(&thanks));
    let (review, _) = answer_of(fake, command_by(MODERATOR, "review", Value::Null)).await;
    let approve = fake_discord::schema::buttons(&review)[0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    crate::faults::full_disk::fill(world.data.path());
    let press = as_member(button_press(snowflake(), &approve), MODERATOR, &[]);
    let answer = callback_for(fake, press).await;
    assert!(
        !shown(&answer["data"]).contains("Approved"),
        "{}",
        shown(&answer["data"])
    );
    assert_apology(&answer["data"]);
    crate::faults::full_disk::free(world.data.path());
    let (again, _) = answer_of(fake, command_by(MODERATOR, "review", Value::Null)).await;
    assert!(shown(&again).contains(PROMPT), "{}", shown(&again));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_started_on_a_full_disk_is_apologised_for_and_no_plan_exists() {
    let (world, bot) = world_on_a_disk_that_fills().await;
    crate::faults::full_disk::fill(world.data.path());
    let start = as_member(
        subcommand(snowflake(), "plan", "start", json!([string("at", "08:00")])),
        MODERATOR,
        &[],
    );
    let (reply, _) = answer_of(&world.fake, start).await;
    assert!(
        !shown(&reply).contains("Reading plan started"),
        "{}",
        shown(&reply)
    );
    assert_apology(&reply);
    crate::faults::full_disk::free(world.data.path());
    let status = as_member(
        subcommand(snowflake(), "plan", "status", Value::Null),
        MODERATOR,
        &[],
    );
    let (status, _) = answer_of(&world.fake, status).await;
    assert!(
        shown(&status).contains("No reading plan is running"),
        "{}",
        shown(&status)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_database_is_apologised_for_logged_once_and_never_made_again() {
    logs::capture();
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let path = world.data.path().join("seminar.db");
    let set = |section| command_by(MODERATOR, "progress", json!([integer("section", section)]));
    let (before, _) = answer_of(fake, set(5)).await;
    assert_eq!(apology_id(&before), None, "{}", shown(&before));
    std::fs::remove_file(&path).unwrap();
    let (progress, _) = answer_of(fake, set(11)).await;
    assert_apology(&progress);
    let (suggestion, _) = answer_of(fake, suggest(PROMPT)).await;
    assert_apology(&suggestion);
    assert!(
        !path.exists(),
        "a new database appeared at {}",
        path.display()
    );
    let gone: Vec<String> = logs::lines_with("the database file is gone")
        .into_iter()
        .filter(|line| line.contains(&path.display().to_string()))
        .collect();
    assert_eq!(gone.len(), 1, "{gone:#?}");
    assert!(gone[0].contains("ERROR"), "{}", gone[0]);
    bot.stop().await.unwrap();
}

/// A second connection to the bot's database holding its write lock (`BEGIN EXCLUSIVE`), as
/// another process might.
struct WriteLock(sqlx::SqliteConnection);

impl WriteLock {
    async fn take(path: &std::path::Path) -> WriteLock {
        use sqlx::Connection;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
        let mut connection = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::query("BEGIN EXCLUSIVE")
            .execute(&mut connection)
            .await
            .unwrap();
        WriteLock(connection)
    }

    async fn release(mut self) {
        sqlx::query("ROLLBACK").execute(&mut self.0).await.unwrap();
    }
}

/// The bot, deferring what is not ready after a short while, with its database locked.
async fn world_with_a_locked_database() -> (World, Bot, WriteLock) {
    let world = World::new().await;
    let settings = gateway::BotSettings {
        defer_after: Duration::from_millis(100),
        ..world.settings()
    };
    let bot = world.start_with(settings).await;
    let lock = WriteLock::take(&world.data.path().join("seminar.db")).await;
    (world, bot, lock)
}

/// Sends `interaction` while the database is locked: Discord must see a deferral, whose
/// privacy is returned; once the lock is released, the reply comes as an edit, returned.
async fn deferred_while_locked(
    world: &World,
    lock: WriteLock,
    interaction: Value,
) -> (Value, Value) {
    let id = id_of(&interaction["id"]).unwrap();
    // The write the command needs waits for the lock, so the reply cannot be ready before the
    // lock is released, which happens only after the deferral was seen.
    let ack = callback_for(&world.fake, interaction).await;
    lock.release().await;
    let path = original_path(id);
    let edit = world
        .fake
        .wait_for_request(|r| r.is("PATCH", &path), WAIT)
        .await;
    assert_eq!(edit.status, 200, "{}", world.fake.describe_requests());
    (ack, edit.body.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_while_the_database_is_locked_is_deferred_then_answered_by_an_edit() {
    let (world, bot, lock) = world_with_a_locked_database().await;
    let question = command_by(PERM_MEMBER, "question", json!([integer("section", 13)]));
    let (ack, edit) = deferred_while_locked(&world, lock, question).await;
    assert_eq!(ack, json!({ "type": 5 }));
    assert_eq!(apology_id(&edit), None, "{}", shown(&edit));
    assert!(shown(&edit).contains("§13"), "{}", shown(&edit));
    assert_every_body_valid(&world.fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_while_the_database_is_locked_is_deferred_then_confirmed_by_an_edit() {
    let (world, bot, lock) = world_with_a_locked_database().await;
    let (ack, edit) = deferred_while_locked(&world, lock, suggest(PROMPT)).await;
    assert_eq!(ack, json!({ "type": 5, "data": { "flags": 64 } }));
    assert!(shown(&edit).contains("Thanks!"), "{}", shown(&edit));
    assert_every_body_valid(&world.fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_the_lock_outlasts_is_deferred_then_apologised_for_by_an_edit() {
    let (world, bot, lock) = world_with_a_locked_database().await;
    let interaction = suggest(PROMPT);
    let id = id_of(&interaction["id"]).unwrap();
    let ack = callback_for(&world.fake, interaction).await;
    assert_eq!(ack, json!({ "type": 5, "data": { "flags": 64 } }));
    // Held until SQLite stops waiting for it (its busy timeout): the write fails.
    let path = original_path(id);
    let edit = world
        .fake
        .wait_for_request(|r| r.is("PATCH", &path), HUNG)
        .await;
    lock.release().await;
    assert_apology(&edit.body.unwrap_or_default());
    bot.stop().await.unwrap();
}
