//! Self-tests of the channel model and of posting: channel objects, hidden and deleted
//! channels, messages with and without `enforce_nonce`, messages in threads.

use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::{ChannelId, ChannelType, CreateMessage, GuildId, Nonce};

use super::http;
use fake_discord::*;

/// A raw REST call with the bot's token, for exact bodies and statuses: the status and the JSON
/// answered (`Null` for none).
pub(super) async fn rest(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("an HTTP method");
    let url = format!("{}/api/v10{path}", fake.api_base());
    let mut request = reqwest::Client::new()
        .request(method, url)
        .header("Authorization", format!("Bot {}", token()));
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("the fake answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("a JSON body")
    };
    (status, json)
}

/// Posts `body` to `channel` with a raw request and returns the created message.
pub(super) async fn post(fake: &FakeDiscord, channel: u64, body: Value) -> Value {
    let (status, message) = rest(
        fake,
        "POST",
        &format!("/channels/{channel}/messages"),
        Some(body),
    )
    .await;
    assert_eq!(status, 200, "{message}");
    message
}

/// The id of a message or channel object.
pub(super) fn id(object: &Value) -> u64 {
    id_of(&object["id"]).expect("an object with an id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_prepopulated_channels_are_served_as_serenity_reads_them() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let mut seen = Vec::new();
    for id in [CHANNEL_ID, OTHER_CHANNEL_ID, FORUM_ID, THREAD_ID] {
        let channel = http
            .get_channel(ChannelId::new(id))
            .await
            .expect("a channel");
        let channel = channel.guild().expect("a guild channel");
        assert_eq!(channel.guild_id, GuildId::new(GUILD_ID));
        seen.push((channel.kind, channel.name, channel.parent_id));
    }
    let expected = vec![
        (ChannelType::Text, "general".to_string(), None),
        (ChannelType::Text, "off-topic".to_string(), None),
        (ChannelType::Forum, "study-groups".to_string(), None),
        (
            ChannelType::PublicThread,
            "a thread".to_string(),
            Some(ChannelId::new(CHANNEL_ID)),
        ),
    ];
    assert_eq!(seen, expected);
    let (status, thread) = rest(&fake, "GET", &format!("/channels/{THREAD_ID}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(thread["thread_metadata"]["auto_archive_duration"], 1440);
    assert_eq!(fake.channel(THREAD_ID), Some(thread));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_added_channel_is_served_with_its_type() {
    let fake = FakeDiscord::start().await;
    let id = snowflake();
    fake.add_channel(id, 5);
    let (status, channel) = rest(&fake, "GET", &format!("/channels/{id}"), None).await;
    assert_eq!((status, &channel["type"]), (200, &json!(5)));
    assert_eq!(channel["guild_id"], json!(GUILD_ID.to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_channel_and_its_threads_answer_403_missing_access_on_every_route() {
    let fake = FakeDiscord::start().await;
    let message = post(&fake, CHANNEL_ID, json!({ "content": "hi" })).await;
    fake.hide_channel(CHANNEL_ID);
    let missing_access = json!({ "message": "Missing Access", "code": 50001 });
    let calls = [
        ("GET", format!("/channels/{CHANNEL_ID}"), None),
        ("GET", format!("/channels/{CHANNEL_ID}/messages"), None),
        (
            "POST",
            format!("/channels/{CHANNEL_ID}/messages"),
            Some(json!({ "content": "x" })),
        ),
        (
            "PUT",
            format!("/channels/{CHANNEL_ID}/pins/{}", id(&message)),
            None,
        ),
        ("GET", format!("/channels/{THREAD_ID}"), None),
        (
            "POST",
            format!("/channels/{THREAD_ID}/messages"),
            Some(json!({ "content": "x" })),
        ),
    ];
    for (method, path, body) in calls {
        let answer = rest(&fake, method, &path, body).await;
        assert_eq!(answer, (403, missing_access.clone()), "{method} {path}");
    }
    assert_eq!(fake.messages_in(CHANNEL_ID), vec![message]);
    assert!(
        fake.channel(CHANNEL_ID).is_some(),
        "a hidden channel still exists"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_or_unknown_channel_answers_404_unknown_channel() {
    let fake = FakeDiscord::start().await;
    fake.delete_channel(OTHER_CHANNEL_ID);
    let unknown_channel = json!({ "message": "Unknown Channel", "code": 10003 });
    let unknown = snowflake();
    for channel in [OTHER_CHANNEL_ID, unknown] {
        let get = rest(&fake, "GET", &format!("/channels/{channel}"), None).await;
        assert_eq!(get, (404, unknown_channel.clone()));
        let body = Some(json!({ "content": "x" }));
        let post = rest(
            &fake,
            "POST",
            &format!("/channels/{channel}/messages"),
            body,
        )
        .await;
        assert_eq!(post, (404, unknown_channel.clone()));
    }
    assert_eq!(fake.channel(OTHER_CHANNEL_ID), None);
    assert!(fake.messages_in(OTHER_CHANNEL_ID).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_posted_message_is_stored_with_a_fresh_id_the_bot_as_author_and_its_nonce() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let channel = ChannelId::new(CHANNEL_ID);
    let first = CreateMessage::new()
        .content("Week 1")
        .nonce(Nonce::String("plan-1".into()));
    let first = channel.send_message(&http, first).await.expect("a Message");
    let second = CreateMessage::new().content("Week 2");
    let second = channel
        .send_message(&http, second)
        .await
        .expect("a Message");

    assert_eq!(first.author.id.get(), BOT_USER_ID);
    assert!(matches!(&first.nonce, Some(Nonce::String(n)) if n == "plan-1"));
    assert!(second.id > first.id, "{} then {}", first.id, second.id);
    let stored = fake.messages_in(CHANNEL_ID);
    let stored: Vec<(u64, &str)> = stored
        .iter()
        .map(|m| (id(m), m["content"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stored,
        [(first.id.get(), "Week 1"), (second.id.get(), "Week 2")]
    );
    assert_eq!(fake.channel_messages(), fake.messages_in(CHANNEL_ID));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enforce_nonce_answers_with_the_earlier_message_and_creates_nothing() {
    let fake = FakeDiscord::start().await;
    let body = json!({ "content": "Week 1", "nonce": "plan-1", "enforce_nonce": true });
    let first = post(&fake, CHANNEL_ID, body.clone()).await;
    let retry = post(&fake, CHANNEL_ID, body.clone()).await;
    assert_eq!(retry, first);
    assert_eq!(fake.messages_in(CHANNEL_ID), vec![first.clone()]);
    // A nonce is remembered per channel.
    let elsewhere = post(&fake, OTHER_CHANNEL_ID, body).await;
    assert_ne!(id(&elsewhere), id(&first));
    assert_eq!(fake.channel_messages().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_enforce_nonce_the_same_nonce_creates_a_duplicate() {
    let fake = FakeDiscord::start().await;
    let body = json!({ "content": "Week 1", "nonce": "plan-1" });
    let first = post(&fake, CHANNEL_ID, body.clone()).await;
    let second = post(&fake, CHANNEL_ID, body).await;
    assert_ne!(id(&first), id(&second));
    assert_eq!(fake.messages_in(CHANNEL_ID), vec![first, second]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enforce_nonce_forgets_a_nonce_after_five_minutes() {
    let fake = FakeDiscord::start().await;
    let body = json!({ "content": "Week 1", "nonce": 42, "enforce_nonce": true });
    let first = post(&fake, CHANNEL_ID, body.clone()).await;
    fake.advance_clock(Duration::from_secs(4 * 60));
    assert_eq!(post(&fake, CHANNEL_ID, body.clone()).await, first);
    fake.advance_clock(Duration::from_secs(60));
    let late = post(&fake, CHANNEL_ID, body).await;
    assert_ne!(id(&late), id(&first));
    assert_eq!(late["nonce"], 42);
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nonce_over_25_characters_is_a_form_error() {
    let fake = FakeDiscord::start().await;
    let uuid = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    let body = json!({ "content": "x", "nonce": uuid, "enforce_nonce": true });
    let answer = rest(
        &fake,
        "POST",
        &format!("/channels/{CHANNEL_ID}/messages"),
        Some(body),
    )
    .await;
    let error = json!({ "message": "Invalid Form Body", "code": 50035, "errors": { "nonce": {
        "_errors": [{
            "code": "BASE_TYPE_MAX_LENGTH",
            "message": "Must be 25 or fewer in length.",
        }],
    } } });
    assert_eq!(answer, (400, error));
    assert!(fake.messages_in(CHANNEL_ID).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_to_a_forum_channel_is_refused_with_50008() {
    let fake = FakeDiscord::start().await;
    let body = Some(json!({ "content": "x" }));
    let answer = rest(
        &fake,
        "POST",
        &format!("/channels/{FORUM_ID}/messages"),
        body,
    )
    .await;
    let error = json!({ "message": "Cannot send messages in a non-text channel", "code": 50008 });
    assert_eq!(answer, (400, error));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_posted_into_a_thread_are_stored_under_the_thread() {
    let fake = FakeDiscord::start().await;
    let message = post(&fake, THREAD_ID, json!({ "content": "in the thread" })).await;
    assert_eq!(message["channel_id"], json!(THREAD_ID.to_string()));
    assert_eq!(fake.messages_in(THREAD_ID), vec![message]);
    assert!(fake.messages_in(CHANNEL_ID).is_empty());
    assert_eq!(
        fake.channel(THREAD_ID).expect("the thread")["message_count"],
        1
    );
}
