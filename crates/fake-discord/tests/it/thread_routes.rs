//! Self-tests of the thread routes: a thread on a message, a thread without one, a forum post
//! with its starter message, and the errors Discord answers for each.

use serde_json::{Value, json};
use serenity::all::{
    ChannelId, ChannelType, CreateForumPost, CreateMessage, CreateThread, GuildChannel, Message,
    MessageId,
};

use super::channel_routes::{id, post, rest};
use super::{discord_code, http};
use fake_discord::*;

fn week_1() -> Value {
    json!({ "content": "Week 1" })
}

/// Discord's 50035 answer for one field.
fn form_error(field: &str, code: &str, message: &str) -> Value {
    json!({ "message": "Invalid Form Body", "code": 50035, "errors": { field: {
        "_errors": [{ "code": code, "message": message }],
    } } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_on_a_message_takes_the_message_id_and_marks_the_message() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let message = post(&fake, CHANNEL_ID, week_1()).await;
    let builder = CreateThread::new("Week 1 discussion");
    let thread = ChannelId::new(CHANNEL_ID)
        .create_thread_from_message(&http, MessageId::new(id(&message)), builder)
        .await
        .expect("a thread");

    assert_eq!(thread.id.get(), id(&message));
    assert_eq!(thread.kind, ChannelType::PublicThread);
    assert_eq!(thread.parent_id, Some(ChannelId::new(CHANNEL_ID)));
    assert_eq!(thread.name, "Week 1 discussion");
    assert_eq!(fake.requests().last().map(|r| r.status), Some(201));
    let threads = fake.threads();
    assert_eq!(
        threads.iter().map(id).collect::<Vec<_>>(),
        vec![id(&message)]
    );
    let marked = &fake.messages_in(CHANNEL_ID)[0];
    assert_eq!(
        (marked["flags"].clone(), id(&marked["thread"])),
        (json!(32), id(&message))
    );
    let (_, object) = rest(&fake, "GET", &format!("/channels/{}", id(&message)), None).await;
    assert_eq!(object, threads[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_thread_on_the_same_message_is_refused_with_160004() {
    let fake = FakeDiscord::start().await;
    let message = post(&fake, CHANNEL_ID, week_1()).await;
    let path = format!("/channels/{CHANNEL_ID}/messages/{}/threads", id(&message));
    let body = json!({ "name": "Week 1", "auto_archive_duration": 10080 });
    let (status, thread) = rest(&fake, "POST", &path, Some(body.clone())).await;
    assert_eq!(
        (status, &thread["thread_metadata"]["auto_archive_duration"]),
        (201, &json!(10080))
    );
    let again = rest(&fake, "POST", &path, Some(body)).await;
    let error =
        json!({ "message": "A thread has already been created for this message", "code": 160004 });
    assert_eq!(again, (400, error));
    assert_eq!(fake.threads().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_on_a_message_of_another_channel_is_404_unknown_message() {
    let fake = FakeDiscord::start().await;
    let elsewhere = post(&fake, OTHER_CHANNEL_ID, week_1()).await;
    let path = format!("/channels/{CHANNEL_ID}/messages/{}/threads", id(&elsewhere));
    let answer = rest(&fake, "POST", &path, Some(json!({ "name": "x" }))).await;
    assert_eq!(
        answer,
        (404, json!({ "message": "Unknown Message", "code": 10008 }))
    );
    assert!(fake.threads().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_name_empty_or_over_100_characters_is_a_form_error() {
    let fake = FakeDiscord::start().await;
    let message = post(&fake, CHANNEL_ID, week_1()).await;
    let path = format!("/channels/{CHANNEL_ID}/messages/{}/threads", id(&message));
    let long = json!({ "name": "x".repeat(101) });
    let error = form_error(
        "name",
        "BASE_TYPE_BAD_LENGTH",
        "Must be between 1 and 100 in length.",
    );
    assert_eq!(rest(&fake, "POST", &path, Some(long)).await, (400, error));
    let empty = json!({ "name": "" });
    let error = form_error("name", "BASE_TYPE_REQUIRED", "This field is required");
    assert_eq!(rest(&fake, "POST", &path, Some(empty)).await, (400, error));
    assert!(fake.threads().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auto_archive_duration_discord_does_not_offer_is_a_form_error() {
    let fake = FakeDiscord::start().await;
    let message = post(&fake, CHANNEL_ID, week_1()).await;
    let path = format!("/channels/{CHANNEL_ID}/messages/{}/threads", id(&message));
    let body = json!({ "name": "Week 1", "auto_archive_duration": 120 });
    let error = form_error(
        "auto_archive_duration",
        "BASE_TYPE_CHOICES",
        "Value must be one of {60, 1440, 4320, 10080}.",
    );
    assert_eq!(rest(&fake, "POST", &path, Some(body)).await, (400, error));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_post_makes_a_thread_whose_starter_message_has_its_id() {
    let fake = FakeDiscord::start().await;
    let path = format!("/channels/{FORUM_ID}/threads");
    let body = json!({ "name": "Week 1", "message": { "content": "Read section 1" } });
    let (status, post) = rest(&fake, "POST", &path, Some(body)).await;

    assert_eq!(status, 201);
    let thread = id(&post);
    let starter = &post["message"];
    assert_eq!(
        (id(starter), id_of(&starter["channel_id"])),
        (thread, Some(thread))
    );
    assert_eq!(starter["content"], "Read section 1");
    assert_eq!(
        (post["type"].clone(), id_of(&post["parent_id"])),
        (json!(11), Some(FORUM_ID))
    );
    assert_eq!(fake.messages_in(thread), vec![starter.clone()]);
    assert!(
        fake.channel_messages().is_empty(),
        "not a POST to /messages"
    );
    let mut listed = post.clone();
    listed.as_object_mut().unwrap().remove("message");
    assert_eq!(fake.threads(), vec![listed]);
    let channel: GuildChannel = serde_json::from_value(post.clone()).expect("serenity reads it");
    assert_eq!(channel.kind, ChannelType::PublicThread);
    let message: Message = serde_json::from_value(starter.clone()).expect("serenity reads it");
    assert_eq!(message.id.get(), thread);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_creates_a_forum_post() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let post = CreateForumPost::new("Week 2", CreateMessage::new().content("Read section 2"));
    let thread = ChannelId::new(FORUM_ID)
        .create_forum_post(&http, post)
        .await;
    let thread = thread.expect("a thread");
    assert_eq!(thread.parent_id, Some(ChannelId::new(FORUM_ID)));
    let stored = fake.messages_in(thread.id.get());
    assert_eq!(stored[0]["content"], "Read section 2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_post_without_a_message_or_with_an_empty_one_is_refused() {
    let fake = FakeDiscord::start().await;
    let path = format!("/channels/{FORUM_ID}/threads");
    let missing = json!({ "name": "Week 1" });
    let error = form_error("message", "BASE_TYPE_REQUIRED", "This field is required");
    assert_eq!(
        rest(&fake, "POST", &path, Some(missing)).await,
        (400, error)
    );
    let empty = json!({ "name": "Week 1", "message": {} });
    let error = json!({ "message": "Cannot send an empty message", "code": 50006 });
    assert_eq!(rest(&fake, "POST", &path, Some(empty)).await, (400, error));
    let long = json!({ "name": "Week 1", "message": { "content": "x".repeat(2001) } });
    let (status, answer) = rest(&fake, "POST", &path, Some(long)).await;
    assert_eq!(
        (
            status,
            &answer["errors"]["message"]["content"]["_errors"][0]["code"]
        ),
        (400, &json!("BASE_TYPE_MAX_LENGTH"))
    );
    assert!(fake.threads().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_without_a_message_is_private_unless_its_type_says_otherwise() {
    let fake = FakeDiscord::start().await;
    let path = format!("/channels/{CHANNEL_ID}/threads");
    let (status, private) = rest(&fake, "POST", &path, Some(json!({ "name": "Talk" }))).await;
    assert_eq!((status, &private["type"]), (201, &json!(12)));
    let public = json!({ "name": "Talk", "type": 11 });
    let (status, public) = rest(&fake, "POST", &path, Some(public)).await;
    assert_eq!((status, &public["type"]), (201, &json!(11)));
    assert_eq!(id_of(&public["parent_id"]), Some(CHANNEL_ID));
    assert!(fake.messages_in(id(&public)).is_empty());
    assert_eq!(fake.threads().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_inside_a_thread_is_refused_with_50024() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake, &token());
    let message = post(&fake, THREAD_ID, week_1()).await;
    let builder = CreateThread::new("Nested");
    let nested = ChannelId::new(THREAD_ID)
        .create_thread_from_message(&http, MessageId::new(id(&message)), builder)
        .await;
    assert_eq!(discord_code(nested), Some(50024));
}
