//! Self-tests of reading and pinning messages, interaction responses as channel messages,
//! held answers, injected failures and waiting for messages.

use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::{ChannelId, CreateMessage, MessageId, MessagePagination};

use super::channel_routes::{id, post, rest};
use super::{TIMEOUT, http};
use fake_discord::*;

/// Posts `n` messages to [`CHANNEL_ID`] and returns their ids, oldest first.
async fn post_many(fake: &FakeDiscord, n: usize) -> Vec<u64> {
    let mut ids = Vec::new();
    for i in 0..n {
        let message = post(fake, CHANNEL_ID, json!({ "content": format!("m{i}") })).await;
        ids.push(id(&message));
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_messages_answers_the_newest_first_and_refuses_a_limit_over_100() {
    let fake = FakeDiscord::start().await;
    let ids = post_many(&fake, 3).await;
    let (status, all) = rest(
        &fake,
        "GET",
        &format!("/channels/{CHANNEL_ID}/messages"),
        None,
    )
    .await;
    let listed: Vec<u64> = all.as_array().unwrap().iter().map(id).collect();
    assert_eq!((status, listed), (200, vec![ids[2], ids[1], ids[0]]));
    let path = format!("/channels/{CHANNEL_ID}/messages?limit=2");
    let (_, newest) = rest(&fake, "GET", &path, None).await;
    let listed: Vec<u64> = newest.as_array().unwrap().iter().map(id).collect();
    assert_eq!(listed, vec![ids[2], ids[1]]);
    let path = format!("/channels/{CHANNEL_ID}/messages?limit=101");
    let error = json!({ "message": "Invalid Form Body", "code": 50035, "errors": { "limit": {
        "_errors": [{
            "code": "NUMBER_TYPE_MAX",
            "message": "int value should be less than or equal to 100.",
        }],
    } } });
    assert_eq!(rest(&fake, "GET", &path, None).await, (400, error));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_messages_after_or_before_an_id_pages_from_it_newest_first() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let ids = post_many(&fake, 5).await;
    let channel = ChannelId::new(CHANNEL_ID);
    let page = |target| http.get_messages(channel, Some(target), Some(2));
    let after = page(MessagePagination::After(MessageId::new(ids[0]))).await;
    let after: Vec<u64> = after
        .expect("messages")
        .iter()
        .map(|m| m.id.get())
        .collect();
    assert_eq!(
        after,
        vec![ids[2], ids[1]],
        "the two right after, newest first"
    );
    let before = page(MessagePagination::Before(MessageId::new(ids[4]))).await;
    let before: Vec<u64> = before
        .expect("messages")
        .iter()
        .map(|m| m.id.get())
        .collect();
    assert_eq!(before, vec![ids[3], ids[2]]);
    let request = fake.requests().into_iter().last().expect("the GET");
    // serenity 0.12.5 writes `?&limit=2&before=...`; Discord ignores the empty pair.
    let query = request.query.expect("a query");
    let pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    assert_eq!(pairs, ["limit=2".to_string(), format!("before={}", ids[4])]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pinning_on_either_route_marks_the_message_pinned() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let ids = post_many(&fake, 2).await;
    let channel = ChannelId::new(CHANNEL_ID);
    http.pin_message(channel, MessageId::new(ids[0]), None)
        .await
        .expect("a 204 on the legacy route");
    let path = format!("/channels/{CHANNEL_ID}/messages/pins/{}", ids[1]);
    assert_eq!(rest(&fake, "PUT", &path, None).await, (204, Value::Null));

    assert_eq!(fake.pinned(CHANNEL_ID), ids);
    let stored = fake.messages_in(CHANNEL_ID);
    assert!(stored.iter().all(|m| m["pinned"] == true), "{stored:?}");
    let pins = http.get_pins(channel).await.expect("the pinned messages");
    let pins: Vec<u64> = pins.iter().map(|m| m.id.get()).collect();
    assert_eq!(pins, vec![ids[1], ids[0]], "most recently pinned first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pinning_a_message_that_is_not_in_the_channel_is_404_unknown_message() {
    let fake = FakeDiscord::start().await;
    let elsewhere = post(&fake, OTHER_CHANNEL_ID, json!({ "content": "x" })).await;
    let path = format!("/channels/{CHANNEL_ID}/pins/{}", id(&elsewhere));
    let error = json!({ "message": "Unknown Message", "code": 10008 });
    assert_eq!(rest(&fake, "PUT", &path, None).await, (404, error));
    assert!(fake.pinned(CHANNEL_ID).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_interaction_response_is_a_channel_message_and_an_ephemeral_one_is_not() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    for (content, flags) in [("public", 0), ("ephemeral", 64)] {
        let id = fake.register_interaction(&slash_command(
            interaction_id(Duration::ZERO),
            "ask",
            Value::Null,
        ));
        let body = json!({ "type": 4, "data": { "content": content, "flags": flags } });
        let token = interaction_token(id);
        let answer = http
            .create_interaction_response(id.into(), &token, &body, vec![])
            .await;
        answer.expect("the callback is accepted");
    }
    let listed = http
        .get_messages(ChannelId::new(CHANNEL_ID), None, None)
        .await;
    let listed: Vec<String> = listed
        .expect("messages")
        .into_iter()
        .map(|m| m.content)
        .collect();
    assert_eq!(listed, vec!["public".to_string()]);
    assert!(
        fake.messages_in(CHANNEL_ID).is_empty(),
        "responses stay with their interaction"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_request_is_carried_out_and_recorded_but_never_answered() {
    let fake = FakeDiscord::start().await;
    fake.hold_next("POST", "/api/v10/channels/");
    let api = fake.api_base();
    let url = format!("{api}/api/v10/channels/{CHANNEL_ID}/messages");
    let request = reqwest::Client::new()
        .post(url)
        .header("Authorization", format!("Bot {}", token()))
        .header("Content-Type", "application/json")
        .body(json!({ "content": "Week 1" }).to_string())
        .send();
    let pending = tokio::spawn(request);

    let held = fake.wait_for_held(TIMEOUT).await;
    assert_eq!((held.status, held.held, held.injected), (200, true, false));
    let stored = fake.wait_for_messages(CHANNEL_ID, 1, TIMEOUT).await;
    assert_eq!(Some(&stored[0]), held.response.as_ref());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!pending.is_finished(), "the answer never comes");
    pending.abort();
    // The hold was used up.
    post(&fake, CHANNEL_ID, json!({ "content": "Week 2" })).await;
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_failure_on_a_channel_route_creates_nothing() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    fake.fail_next(
        "POST",
        &format!("/api/v10/channels/{CHANNEL_ID}/messages"),
        500,
        1,
    );
    let channel = ChannelId::new(CHANNEL_ID);
    let failed = channel
        .send_message(&http, CreateMessage::new().content("x"))
        .await;
    assert!(failed.is_err());
    assert!(fake.messages_in(CHANNEL_ID).is_empty());
    let sent = channel
        .send_message(&http, CreateMessage::new().content("y"))
        .await;
    assert_eq!(sent.expect("the next one goes through").content, "y");
    let statuses: Vec<(u16, bool)> = fake
        .requests()
        .iter()
        .map(|r| (r.status, r.injected))
        .collect();
    assert_eq!(statuses, vec![(500, true), (200, false)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_for_messages_returns_once_enough_are_stored() {
    let fake = std::sync::Arc::new(FakeDiscord::start().await);
    let poster = std::sync::Arc::clone(&fake);
    tokio::spawn(async move {
        for content in ["a", "b"] {
            tokio::time::sleep(Duration::from_millis(50)).await;
            post(&poster, OTHER_CHANNEL_ID, json!({ "content": content })).await;
        }
    });
    let stored = fake.wait_for_messages(OTHER_CHANNEL_ID, 2, TIMEOUT).await;
    let contents: Vec<&str> = stored
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["a", "b"]);
}
