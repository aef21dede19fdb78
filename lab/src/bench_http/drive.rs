//! The load: signed POSTs over one keep-alive client, at most `concurrency` in flight and, when
//! asked, at most `rate` started per second; each one timed and checked.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use reqwest::Client;
use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::payload;
use seminar::http::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// Where to send what, and the response type that means it worked.
#[derive(Clone)]
pub struct Target {
    pub url: Arc<str>,
    pub template: Arc<str>,
    /// The interaction callback type expected back: 1 PONG, 4 a message, 8 choices.
    pub expect: u64,
}

/// How hard to push.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub requests: usize,
    pub concurrency: usize,
    /// Requests started per second at most; 0 for as fast as the concurrency allows.
    pub rate: u32,
}

/// What a run measured.
#[derive(Debug)]
pub struct Measured {
    /// Every request's latency (failures included), sorted.
    pub latencies: Vec<Duration>,
    /// From the first request started to the last one answered.
    pub wall: Duration,
    pub failed: usize,
    /// What went wrong with the first failure, for the report.
    pub first_failure: Option<String>,
}

/// Sends `pace.requests` requests to `target` and waits for all of them.
pub async fn drive(
    client: &Client,
    key: &Arc<SigningKey>,
    target: &Target,
    pace: Pace,
) -> Measured {
    let slots = Arc::new(Semaphore::new(pace.concurrency.max(1)));
    let mut running = JoinSet::new();
    let started = Instant::now();
    for i in 0..pace.requests {
        if pace.rate > 0 {
            let due = Duration::from_secs_f64(i as f64 / f64::from(pace.rate));
            tokio::time::sleep_until((started + due).into()).await;
        }
        let slot = Arc::clone(&slots)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let (client, key, target) = (client.clone(), Arc::clone(key), target.clone());
        running.spawn(async move {
            let sent = send(&client, &key, &target).await;
            drop(slot);
            sent
        });
    }
    let mut latencies = Vec::with_capacity(pace.requests);
    let mut failed = 0;
    let mut first_failure = None;
    while let Some(joined) = running.join_next().await {
        let (latency, outcome) = joined.unwrap_or_else(|e| (Duration::ZERO, Err(e.to_string())));
        latencies.push(latency);
        if let Err(why) = outcome {
            failed += 1;
            first_failure.get_or_insert(why);
        }
    }
    let wall = started.elapsed();
    latencies.sort_unstable();
    Measured {
        latencies,
        wall,
        failed,
        first_failure,
    }
}

/// One request: a fresh interaction id, signed just before it goes; the latency runs from
/// sending to the whole response read.
async fn send(
    client: &Client,
    key: &SigningKey,
    target: &Target,
) -> (Duration, Result<(), String>) {
    let body = payload::body(&target.template, payload::snowflake());
    let timestamp = payload::timestamp();
    let signature = payload::sign(key, &timestamp, body.as_bytes());
    let started = Instant::now();
    let response = client
        .post(&*target.url)
        .header(CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, signature)
        .header(TIMESTAMP_HEADER, timestamp)
        .body(body)
        .send()
        .await;
    let outcome = match response {
        Ok(response) => {
            let status = response.status();
            match response.bytes().await {
                Ok(bytes) => check(status.as_u16(), &bytes, target.expect),
                Err(e) => Err(format!("reading the response: {e}")),
            }
        }
        Err(e) => Err(format!("sending: {e}")),
    };
    (started.elapsed(), outcome)
}

/// A 200 whose body is an interaction response of the expected type.
fn check(status: u16, body: &[u8], expect: u64) -> Result<(), String> {
    #[derive(Deserialize)]
    struct Callback {
        #[serde(rename = "type")]
        kind: u64,
    }
    let kind = serde_json::from_slice::<Callback>(body).map(|c| c.kind);
    match (status, kind) {
        (200, Ok(kind)) if kind == expect => Ok(()),
        (200, Ok(kind)) => Err(format!("response type {kind}, not {expect}")),
        _ => {
            let text = String::from_utf8_lossy(body);
            let excerpt: String = text.chars().take(200).collect();
            Err(format!("HTTP {status}: {excerpt}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_200_of_the_expected_type_passes() {
        assert_eq!(check(200, br#"{"data":{},"type":4}"#, 4), Ok(()));
        assert_eq!(
            check(200, br#"{"type":5,"data":{}}"#, 4),
            Err("response type 5, not 4".into())
        );
        assert_eq!(check(401, b"", 1), Err("HTTP 401: ".into()));
        assert!(check(200, b"not json", 1).is_err());
    }
}
