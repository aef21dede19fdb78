//! The HTTP interactions endpoint end to end: the real axum server on 127.0.0.1, Discord's signed
//! POSTs, first responses in the HTTP body (the same bodies the gateway bot sends), edits after a
//! deferral over REST to a fake Discord, refusals before anything is parsed, probes and shutdown.

use std::sync::Arc;
use std::time::Duration;

use crate::bot_world::{World, callback_for, engine, original_path};
use crate::signed::{
    OTHER_SEED, Server, WAIT, discord_key, discord_shows, now, ping, search, section_13, settings,
    signed_headers,
};
use crate::support::discord::{assert_valid, assert_valid_callback};
use ed25519_dalek::SigningKey;
use fake_discord::*;
use futures_util::future::join_all;
use seminar::http::MAX_BODY;
use seminar::http::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use seminar_core::render::discord;
use seminar_discord::community::clock::ManualClock;
use serde_json::{Value, json};

/// What the engine answers for a typed line, as the responder seeds it (by interaction id).
fn expected_reply(line: &str, id: u64) -> seminar_core::engine::Reply {
    crate::signed::expected_reply(&engine(), line, id)
}

/// The endpoint, with REST calls (edits after a deferral) going to `fake`.
async fn server_for(fake: &FakeDiscord, data: &tempfile::TempDir) -> Server {
    Server::start(engine(), settings(data.path(), Some(fake.api_base()))).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_ping_is_answered_with_a_pong() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = server_for(&fake, &data).await;
    let id = snowflake();
    let answer = server
        .interact(&ping(id, APPLICATION_ID, &interaction_token(id)))
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json(), json!({ "type": 1 }));
    server.stop().await.expect("a clean stop");
    assert!(fake.requests().is_empty(), "{}", fake.describe_requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_interaction_is_answered_in_the_body_as_the_gateway_answers_it() {
    let world = World::new().await;
    let bot = world.start().await;
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = server_for(&fake, &data).await;
    let claim = "Honestly the whole thing is about oil prices and the Strait of Hormuz.";
    let string = |name: &str, value: &str| json!([{ "name": name, "type": 3, "value": value }]);
    let cases = [
        ("/section number:13", section_13(snowflake()), 4),
        (
            "/search query:strait of hormuz",
            search(snowflake(), "strait of hormuz"),
            4,
        ),
        (
            "/actor name:iran",
            slash_command(snowflake(), "actor", string("name", "iran")),
            4,
        ),
        (
            "/outline",
            slash_command(snowflake(), "outline", json!([])),
            4,
        ),
        ("/help", slash_command(snowflake(), "help", json!([])), 4),
        (
            "/question section:13",
            slash_command(
                snowflake(),
                "question",
                json!([{ "name": "section", "type": 4, "value": 13 }]),
            ),
            4,
        ),
        (
            "autocomplete",
            autocomplete(snowflake(), "section", string("title", "econ")),
            8,
        ),
        ("page button", button_press(snowflake(), "v1:page:8:2"), 7),
        (
            "Find in essay",
            message_command(snowflake(), "Find in essay", claim),
            5,
        ),
    ];
    let find = id_of(&cases[8].1["id"]).unwrap();
    for (label, interaction, kind) in cases {
        if kind == 5 {
            discord_shows(
                &fake,
                &interaction,
                &json!({ "type": 5, "data": { "flags": 64 } }),
            )
            .await;
        }
        let answer = server.interact(&interaction).await;
        assert_eq!(answer.status, 200, "{label}: {}", answer.text());
        let body = answer.json();
        assert_valid_callback(&body);
        assert_eq!(body["type"], kind, "{label}: {body}");
        let gateway = callback_for(&world.fake, interaction).await;
        assert_eq!(body, gateway, "{label}");
    }
    // "Find in essay" deferred privately; its edit reaches Discord over REST, as the gateway's.
    let path = original_path(find);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    let gateway = world
        .fake
        .wait_for_request(|r| r.is("PATCH", &path), WAIT)
        .await;
    let body = edit.body.expect("a JSON edit");
    assert_valid("IncomingWebhookUpdateRequestPartial", &body);
    assert_eq!(body, gateway.body.unwrap());
    let results = body["components"][0]["components"].as_array().unwrap();
    assert_eq!(results.iter().filter(|c| c["type"] == 9).count(), 3);
    assert_eq!(edit.status, 200, "{}", fake.describe_requests());
    // Nothing else went over REST (beside the test's own placeholder): every other first
    // response was the HTTP body.
    assert_eq!(fake.requests().len(), 2, "{}", fake.describe_requests());
    server.stop().await.expect("a clean stop");
    bot.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_is_deferred_in_the_body_then_edited_over_rest() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let mut settings = settings(data.path(), Some(fake.api_base()));
    settings.defer_after = Duration::ZERO;
    let server = Server::start(engine(), settings).await;
    let id = snowflake();
    let interaction = search(id, "strait of hormuz");
    discord_shows(&fake, &interaction, &json!({ "type": 5 })).await;
    let answer = server.interact(&interaction).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json(), json!({ "type": 5 }));
    let path = format!(
        "/api/v10/webhooks/{APPLICATION_ID}/{}/messages/@original",
        interaction_token(id)
    );
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    let body = edit.body.expect("a JSON edit");
    assert_valid("IncomingWebhookUpdateRequestPartial", &body);
    assert_eq!(
        body,
        discord::edit(&expected_reply("/search strait of hormuz", id))
    );
    assert_eq!(edit.status, 200, "{}", fake.describe_requests());
    // Without a bot token the edit carries no Authorization: the interaction token is enough.
    assert_eq!(edit.authorization, None);
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anything_not_signed_by_discord_just_now_is_refused_with_an_empty_401() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    // The verifier's clock stands still at `t`: the window's edges are exact, however long the
    // requests take on a loaded machine.
    let t = now();
    let mut settings = settings(data.path(), Some(fake.api_base()));
    let stopped = jiff::Timestamp::from_second(t).expect("a valid time");
    settings.clock = Arc::new(ManualClock::new(stopped));
    let server = Server::start(engine(), settings).await;
    let body = section_13(snowflake()).to_string().into_bytes();
    let key = discord_key();
    let sign = |key: &SigningKey, at: i64| signed_headers(key, at, &body);
    let with =
        |headers: Vec<(String, String)>, name: &str, value: String| -> Vec<(String, String)> {
            let mut headers: Vec<_> = headers.into_iter().filter(|(n, _)| n != name).collect();
            headers.push((name.to_string(), value));
            headers
        };
    let without = |name: &str| -> Vec<(String, String)> {
        sign(&key, t)
            .into_iter()
            .filter(|(n, _)| n != name)
            .collect()
    };
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("13", "14")
        .into_bytes();
    let cases = [
        (
            "wrong key",
            sign(&SigningKey::from_bytes(&OTHER_SEED), t),
            body.clone(),
        ),
        ("tampered body", sign(&key, t), tampered),
        (
            "tampered timestamp",
            with(sign(&key, t), TIMESTAMP_HEADER, (t + 1).to_string()),
            body.clone(),
        ),
        ("stale timestamp", sign(&key, t - 301), body.clone()),
        ("future timestamp", sign(&key, t + 301), body.clone()),
        ("no signature", without(SIGNATURE_HEADER), body.clone()),
        ("no timestamp", without(TIMESTAMP_HEADER), body.clone()),
        (
            "non-hex signature",
            with(sign(&key, t), SIGNATURE_HEADER, "zz".repeat(64)),
            body.clone(),
        ),
        // Not even JSON: refused as unsigned, not as malformed, because nothing is parsed first.
        ("unsigned junk", vec![], b"{ not json".to_vec()),
    ];
    for (label, headers, body) in cases {
        let answer = server.post(&headers, &body).await;
        assert_eq!(answer.status, 401, "{label}: {}", answer.text());
        assert!(answer.body.is_empty(), "{label}: {}", answer.text());
    }
    // The same request signed properly, or signed within the allowed skew (its edges included),
    // is answered; each as a new interaction, since an id is acted on once.
    for at in [t, t - 300, t + 300] {
        let body = section_13(snowflake()).to_string().into_bytes();
        let headers = signed_headers(&key, at, &body);
        assert_eq!(server.post(&headers, &body).await.status, 200);
    }
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_bodies_that_are_too_big_or_not_interactions_are_refused() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = server_for(&fake, &data).await;
    // A PING padded to exactly the limit is read; one byte more is not.
    let padded = |len: usize| {
        let head = r#"{"type":1,"pad":""#;
        let pad = "x".repeat(len - head.len() - 2);
        format!("{head}{pad}\"}}").into_bytes()
    };
    let (at_limit, over) = (padded(MAX_BODY), padded(MAX_BODY + 1));
    assert_eq!((at_limit.len(), over.len()), (MAX_BODY, MAX_BODY + 1));
    let answer = server.interact_bytes(at_limit).await;
    assert_eq!((answer.status, answer.json()), (200, json!({ "type": 1 })));
    let answer = server.interact_bytes(over).await;
    assert_eq!(answer.status, 413, "{}", answer.text());
    let refused = [
        (b"{ not json".to_vec(), "The body is not JSON."),
        (br#"{"type": 99}"#.to_vec(), "Unknown interaction type."),
        (
            br#"{"type": 2, "hello": "world"}"#.to_vec(),
            "The body is not an interaction.",
        ),
    ];
    for (body, message) in refused {
        let answer = server.interact_bytes(body).await;
        assert_eq!(answer.status, 400, "{message}: {}", answer.text());
        assert_eq!(answer.json(), json!({ "message": message }));
    }
    server.stop().await.expect("a clean stop");
}

/// Fails today: the type is read into a struct, which serde also fills from an array (`[1]` is
/// answered as a PING) and whose mismatch is reported as "not JSON".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_json_without_a_numeric_type_is_an_unknown_interaction_type() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = server_for(&fake, &data).await;
    for body in ["{}", r#"{"type": null}"#, r#"{"type": "1"}"#, "[1]", "1"] {
        let answer = server.interact_bytes(body.as_bytes().to_vec()).await;
        let refused = (answer.status, answer.text());
        let message = r#"{"message":"Unknown interaction type."}"#.to_string();
        assert_eq!(refused, (400, message), "{body}");
    }
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_three_hundred_interactions_is_answered_in_the_body_every_one() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    // Room for the whole burst at once: shedding beyond the cap is faults_edge's subject.
    let limits = seminar::http::EdgeLimits {
        max_in_flight: 400,
        ..seminar::http::EdgeLimits::default()
    };
    let settings = settings(data.path(), Some(fake.api_base()));
    let server = Server::start_with(engine(), settings, limits).await;
    let queries = [
        "strait of hormuz",
        "sanctions relief",
        "oil prices",
        "enrichment",
    ];
    let burst: Vec<(String, u64, Value)> = (0..300)
        .map(|i| {
            let id = snowflake();
            match i % 2 {
                0 => {
                    let query = queries[i / 2 % queries.len()];
                    (format!("/search {query}"), id, search(id, query))
                }
                _ => {
                    let number = i / 2 % 28 + 1;
                    let options = json!([{ "name": "number", "type": 4, "value": number }]);
                    (
                        format!("/section {number}"),
                        id,
                        slash_command(id, "section", options),
                    )
                }
            }
        })
        .collect();
    let answers = join_all(burst.iter().map(|(_, _, i)| server.interact(i))).await;
    for ((line, id, _), answer) in burst.iter().zip(answers) {
        assert_eq!(answer.status, 200, "{line}: {}", answer.text());
        let expected = discord::command_response(&expected_reply(line, *id));
        assert_eq!(answer.json(), expected, "{line}");
    }
    server.stop().await.expect("a clean stop");
    // None was deferred: nothing was edited.
    assert!(fake.requests().is_empty(), "{}", fake.describe_requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_probes_say_alive_and_ready_with_what_is_loaded() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = server_for(&fake, &data).await;
    let health = server.get("/healthz").await;
    assert_eq!((health.status, health.text()), (200, "ok".to_string()));
    let ready = server.get("/readyz").await;
    assert_eq!(ready.status, 200);
    let content = crate::support::content_dir().display().to_string();
    let expected = json!({ "ready": true, "content": content, "texts": 2, "sections": 113 });
    assert_eq!(ready.json(), expected);
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_an_answer_in_flight_then_returns_ok() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let mut settings = settings(data.path(), Some(fake.api_base()));
    settings.defer_after = Duration::ZERO;
    let server = Server::start(engine(), settings).await;
    let id = snowflake();
    let interaction = search(id, "strait of hormuz");
    discord_shows(&fake, &interaction, &json!({ "type": 5 })).await;
    // Discord fails the edit twice: it is retried after 250 ms then 500 ms, so it is still in
    // flight when the server is asked to stop, right after the deferral arrives.
    let path = original_path(id);
    fake.fail_next("PATCH", &path, 502, 2);
    let answer = server.interact(&interaction).await;
    assert_eq!(answer.json(), json!({ "type": 5 }));
    let requests = fake.requests();
    let edited = requests
        .iter()
        .any(|r| r.is("PATCH", &path) && r.succeeded());
    assert!(!edited, "{}", fake.describe_requests());
    server.stop().await.expect("serve returns Ok");
    let statuses: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.is("PATCH", &path))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [502, 502, 200], "{}", fake.describe_requests());
    let edit = fake
        .requests()
        .into_iter()
        .find(|r| r.is("PATCH", &path))
        .unwrap();
    assert_eq!(
        edit.body.unwrap(),
        discord::edit(&expected_reply("/search strait of hormuz", id))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_answer_the_same_interaction_alike() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    // One after the other: the second starts once the first has its database open and serves.
    let first = server_for(&fake, &data).await;
    assert_eq!(first.get("/readyz").await.status, 200);
    let second = server_for(&fake, &data).await;
    assert_eq!(second.get("/readyz").await.status, 200);
    let id = snowflake();
    let interaction = section_13(id);
    let (a, b) = (
        first.interact(&interaction).await,
        second.interact(&interaction).await,
    );
    assert_eq!((a.status, b.status), (200, 200));
    assert_eq!(a.json(), b.json());
    let expected = discord::command_response(&expected_reply("/section 13", id));
    assert_eq!(a.json(), expected);
    first.stop().await.expect("a clean stop");
    second.stop().await.expect("a clean stop");
}

/// Fails today: `Store::open` is not safe against another process opening the same new (or
/// not yet migrated) database at the same moment, as a fleet of identical processes does when
/// it starts or is upgraded. One of them dies with "database is locked" (the switch to WAL) or
/// with a migration whose table "already exists". The race is tried on a few fresh databases.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_started_together_on_a_fresh_database_all_serve() {
    let fake = FakeDiscord::start().await;
    let mut failures = Vec::new();
    for _ in 0..5 {
        let data = tempfile::tempdir().unwrap();
        let fleet = join_all((0..8).map(|_| server_for(&fake, &data))).await;
        for server in fleet {
            let ready = server.client.get(server.url("/readyz")).send().await;
            let ready = ready.map(|r| r.status().as_u16());
            let stopped = server.stop().await;
            if ready.as_ref().ok() != Some(&200) || stopped.is_err() {
                failures.push(format!("readyz {ready:?}, serve returned {stopped:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
