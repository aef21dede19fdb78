//! `seminar serve`'s edge under slow, stalled, greedy and hostile clients: half-sent requests and
//! shutdown, header, body and idle timeouts, oversized headers, the connection and in-flight caps,
//! replayed interactions, and random bytes, headers and signed junk. Real sockets on 127.0.0.1;
//! raw TCP where a well-behaved client library would not misbehave enough. No assertion depends
//! on how long anything took: the timeouts under test are set short, the ones not under test an
//! hour long, and `HUNG` only stops a test that would otherwise hang.

use std::time::Duration;

use crate::bot_world::engine;
use crate::faults::logs;
use crate::signed::{Server, discord_key, now, ping, settings, signed_headers};
use fake_discord::*;
use proptest::prelude::*;
use seminar::http::EdgeLimits;
use seminar::http::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An outer bound that only stops a hung test; nothing here depends on it.
const HUNG: Duration = Duration::from_secs(60);
/// Long enough never to fire during a test.
const NEVER: Duration = Duration::from_secs(3600);
/// Short enough that a test waiting for it is quick.
const SHORT: Duration = Duration::from_secs(1);

/// Limits whose timeouts never fire, with `change` applied.
fn limits(change: impl FnOnce(&mut EdgeLimits)) -> EdgeLimits {
    let mut limits = EdgeLimits {
        header_read_timeout: NEVER,
        body_read_timeout: NEVER,
        idle_timeout: NEVER,
        ..EdgeLimits::default()
    };
    change(&mut limits);
    limits
}

/// The endpoint within `limits`, with a database in `data` and no Discord behind it.
async fn serve(data: &tempfile::TempDir, limits: EdgeLimits) -> Server {
    Server::start_with(engine(), settings(data.path(), None), limits).await
}

async fn connect(server: &Server) -> TcpStream {
    TcpStream::connect(server.address).await.expect("connects")
}

/// Everything the server sends until it closes the connection (a reset counts as closed).
async fn until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(HUNG, async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server kept the connection open");
    received
}

/// The status of the first response in `bytes`.
fn status_of(bytes: &[u8]) -> Option<u16> {
    let line = bytes.split(|&b| b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    line.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// A request with a `Content-Length` of `declared`, headers signed over `body`.
fn request_head(declared: usize, extra: &[(String, String)]) -> Vec<u8> {
    let mut head = format!(
        "POST /interactions HTTP/1.1\r\nhost: seminar\r\ncontent-type: application/json\r\n\
         content-length: {declared}\r\n"
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_does_not_hold_up_shutdown() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|_| {})).await;
    let mut half_headers = connect(&server).await;
    half_headers
        .write_all(b"POST /interactions HTTP/1.1\r\nhost: seminar\r\ncontent-")
        .await
        .unwrap();
    let mut half_body = connect(&server).await;
    let body = ping(snowflake(), APPLICATION_ID, "token").to_string();
    let head = request_head(
        body.len(),
        &signed_headers(&discord_key(), now(), body.as_bytes()),
    );
    half_body.write_all(&head).await.unwrap();
    half_body
        .write_all(&body.as_bytes()[..body.len() / 2])
        .await
        .unwrap();
    // The body is being read once the handler holds the request: a healthy request still works.
    assert_eq!(server.get("/healthz").await.status, 200);
    server.stop().await.expect("serve returns Ok");
    until_closed(&mut half_headers).await;
    until_closed(&mut half_body).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_stalled_in_its_headers_is_dropped() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.header_read_timeout = SHORT)).await;
    let mut stalled = connect(&server).await;
    stalled
        .write_all(b"POST /interactions HTTP/1.1\r\nhost: sem")
        .await
        .unwrap();
    let received = until_closed(&mut stalled).await;
    assert_eq!(status_of(&received), None, "{received:?}");
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_stalls_is_answered_408_and_closed() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.body_read_timeout = SHORT)).await;
    let mut stalled = connect(&server).await;
    let body = ping(snowflake(), APPLICATION_ID, "token").to_string();
    let head = request_head(
        body.len(),
        &signed_headers(&discord_key(), now(), body.as_bytes()),
    );
    stalled.write_all(&head).await.unwrap();
    stalled.write_all(&body.as_bytes()[..10]).await.unwrap();
    let received = until_closed(&mut stalled).await;
    assert_eq!(status_of(&received), Some(408), "{received:?}");
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.idle_timeout = SHORT)).await;
    let mut kept = connect(&server).await;
    kept.write_all(b"GET /healthz HTTP/1.1\r\nhost: seminar\r\n\r\n")
        .await
        .unwrap();
    // The answer, then nothing more: the connection is closed once idle.
    let received = until_closed(&mut kept).await;
    assert_eq!(status_of(&received), Some(200));
    assert!(received.ends_with(b"\r\n\r\nok"), "{received:?}");
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_over_sixteen_kib_are_refused_with_431_and_not_buffered() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|_| {})).await;
    let mut greedy = connect(&server).await;
    greedy
        .write_all(b"POST /interactions HTTP/1.1\r\nhost: seminar\r\nx-pad: ")
        .await
        .unwrap();
    // Never finished, as a client holding 385 KiB of headers would not finish them. The server
    // may close before all of it is written.
    let _ = greedy.write_all(&vec![b'a'; 20 * 1024]).await;
    let received = until_closed(&mut greedy).await;
    assert_eq!(status_of(&received), Some(431), "{received:?}");
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_connection_cap_the_oldest_idle_connection_makes_room() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.max_connections = 8)).await;
    let mut idle = Vec::new();
    for _ in 0..20 {
        idle.push(connect(&server).await);
    }
    let id = snowflake();
    let answer = server.interact(&ping(id, APPLICATION_ID, "token")).await;
    assert_eq!((answer.status, answer.json()), (200, json!({ "type": 1 })));
    // The first idle connections were closed to make room for the later ones.
    until_closed(&mut idle[0]).await;
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_in_flight_cap_requests_get_503_until_a_slot_frees() {
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.max_in_flight = 1)).await;
    // A request whose body never completes holds the only slot. A PING racing it to the slot
    // can shed it instead; then another one is sent.
    let mut held = None;
    for _ in 0..100 {
        let mut holder = connect(&server).await;
        let body = ping(snowflake(), APPLICATION_ID, "token").to_string();
        let signed = signed_headers(&discord_key(), now(), body.as_bytes());
        holder
            .write_all(&request_head(body.len(), &signed))
            .await
            .unwrap();
        if until_answered(&server, 503, 100).await {
            held = Some(holder);
            break;
        }
    }
    assert!(held.is_some(), "no request ever held the slot");
    drop(held);
    assert!(
        until_answered(&server, 200, 1000).await,
        "the slot never freed"
    );
    server.stop().await.expect("a clean stop");
}

/// PINGs until one is answered with `wanted`, `tries` at most; whether one was.
async fn until_answered(server: &Server, wanted: u16, tries: usize) -> bool {
    for _ in 0..tries {
        if server_ping(server).await == wanted {
            return true;
        }
        tokio::task::yield_now().await;
    }
    false
}

async fn server_ping(server: &Server) -> u16 {
    let id = snowflake();
    server
        .interact(&ping(id, APPLICATION_ID, "token"))
        .await
        .status
}

/// `/question section:13`.
fn question(id: u64) -> Value {
    let options = json!([{ "name": "section", "type": 4, "value": 13 }]);
    slash_command(id, "question", options)
}

/// How many times interaction `id` was handled, by its one log line each.
fn handled(id: u64) -> usize {
    logs::lines_with(&format!("interaction={id} "))
        .iter()
        .filter(|l| l.contains("outcome="))
        .count()
}

/// The prompts marked as shown by interaction `id` (the rotation's tick is the id).
async fn prompts_marked_by(data: &tempfile::TempDir, id: u64) -> i64 {
    let url = format!("sqlite://{}", data.path().join("seminar.db").display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT count(*) FROM prompt_usage WHERE used_at = ?1")
        .bind(id as i64)
        .fetch_one(&mut db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_question_is_answered_once_with_the_same_body() {
    logs::capture();
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|_| {})).await;
    let id = snowflake();
    let body = question(id).to_string().into_bytes();
    // The very request, signature and all, as an attacker who captured it would send it.
    let headers = signed_headers(&discord_key(), now(), &body);
    let mut answers = Vec::new();
    for _ in 0..5 {
        answers.push(server.post(&headers, &body).await);
    }
    let first = answers[0].json();
    assert_eq!(first["type"], 4, "{first}");
    for answer in &answers {
        assert_eq!((answer.status, answer.json()), (200, first.clone()));
    }
    // Concurrent duplicates of another one.
    let other = snowflake();
    let body = question(other).to_string().into_bytes();
    let headers = signed_headers(&discord_key(), now(), &body);
    let burst = (0..5).map(|_| server.post(&headers, &body));
    let answers = futures_util::future::join_all(burst).await;
    for answer in &answers {
        assert_eq!((answer.status, answer.json()), (200, answers[0].json()));
    }
    server.stop().await.expect("a clean stop");
    assert_eq!((handled(id), handled(other)), (1, 1));
    assert_eq!(prompts_marked_by(&data, id).await, 1);
    assert_eq!(prompts_marked_by(&data, other).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replay_whose_answer_is_no_longer_kept_is_refused_with_409() {
    logs::capture();
    let data = tempfile::tempdir().unwrap();
    let server = serve(&data, limits(|l| l.replay_bodies = 1)).await;
    let (first, second) = (snowflake(), snowflake());
    let signed = |id: u64| {
        let body = question(id).to_string().into_bytes();
        (signed_headers(&discord_key(), now(), &body), body)
    };
    let (first_headers, first_body) = signed(first);
    let (second_headers, second_body) = signed(second);
    assert_eq!(server.post(&first_headers, &first_body).await.status, 200);
    assert_eq!(server.post(&second_headers, &second_body).await.status, 200);
    let replay = server.post(&first_headers, &first_body).await;
    let message = json!({ "message": "This interaction was already received." });
    assert_eq!((replay.status, replay.json()), (409, message));
    server.stop().await.expect("a clean stop");
    assert_eq!(handled(first), 1);
    assert_eq!(prompts_marked_by(&data, first).await, 1);
}

/// What the property test throws at the endpoint.
#[derive(Debug, Clone)]
enum Junk {
    /// Bytes that are not HTTP at all.
    Raw(Vec<u8>),
    /// A POST to `/interactions` with random headers and body.
    Headers(Vec<(String, String)>, Vec<u8>),
    /// A body signed with the application's key, `skew` seconds from now.
    Signed(Vec<u8>, i64),
}

fn junk() -> impl Strategy<Value = Junk> {
    let reserved = [
        "content-length",
        "transfer-encoding",
        "host",
        "connection",
        "expect",
        "upgrade",
        "te",
        "trailer",
    ];
    let name = prop_oneof![
        Just(SIGNATURE_HEADER.to_string()),
        Just(TIMESTAMP_HEADER.to_string()),
        Just("content-type".to_string()),
        "[a-z][a-z0-9-]{0,20}"
            .prop_filter("framing headers", move |n| !reserved.contains(&n.as_str())),
    ];
    let header = (name, "[!-~][ -~]{0,60}");
    let bytes = prop::collection::vec(any::<u8>(), 0..2048);
    let json_like = (0u8..8, "[ -~]{0,200}").prop_map(|(kind, text)| {
        json!({ "type": kind, "id": "1", "token": text, "data": { "name": text } })
            .to_string()
            .into_bytes()
    });
    let body = prop_oneof![bytes.clone(), json_like];
    prop_oneof![
        bytes.prop_map(Junk::Raw),
        (prop::collection::vec(header, 0..12), body.clone())
            .prop_map(|(headers, body)| Junk::Headers(headers, body)),
        (body, -400i64..400).prop_map(|(body, skew)| Junk::Signed(body, skew)),
    ]
}

/// Sends `junk` on a fresh connection; the status answered, `None` if it was closed unanswered.
async fn throw(server: &Server, junk: &Junk) -> Option<u16> {
    let mut stream = connect(server).await;
    let bytes = match junk {
        Junk::Raw(bytes) => bytes.clone(),
        Junk::Headers(headers, body) => {
            let mut headers = headers.clone();
            headers.push(("connection".into(), "close".into()));
            [request_head(body.len(), &headers), body.clone()].concat()
        }
        Junk::Signed(body, skew) => {
            let mut headers = signed_headers(&discord_key(), now() + skew, body);
            headers.push(("connection".into(), "close".into()));
            [request_head(body.len(), &headers), body.clone()].concat()
        }
    };
    // The server may answer and close before reading everything.
    let _ = stream.write_all(&bytes).await;
    // Bytes that are not HTTP may never make a whole request: the end of them is said by closing
    // this side. A request is not half-closed, which hyper takes for a client gone away.
    if matches!(junk, Junk::Raw(_)) {
        let _ = stream.shutdown().await;
    }
    status_of(&until_closed(&mut stream).await)
}

#[test]
fn random_bytes_headers_and_signed_junk_get_a_known_status_and_a_ping_still_works() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let server = runtime.block_on(serve(&data, limits(|_| {})));
    let known = [200, 400, 401, 409, 413, 431, 503];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(128));
    runner
        .run(&junk(), |junk| {
            let status = runtime.block_on(throw(&server, &junk));
            match (&junk, status) {
                // Not HTTP: refused, or the connection closed.
                (Junk::Raw(_), None) => {}
                (_, Some(status)) => prop_assert!(known.contains(&status), "{status}"),
                (_, None) => prop_assert!(false, "no answer"),
            }
            Ok(())
        })
        .unwrap();
    let id = snowflake();
    let answer = runtime.block_on(server.interact(&ping(id, APPLICATION_ID, "token")));
    assert_eq!((answer.status, answer.json()), (200, json!({ "type": 1 })));
    runtime.block_on(server.stop()).expect("a clean stop");
}
