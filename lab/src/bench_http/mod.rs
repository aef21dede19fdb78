//! `seminar-lab bench-http`: the HTTP interactions endpoint (`seminar serve`, in-process) under signed
//! load, next to the floor: the same server shape that only verifies the signature and answers
//! PONG, measured in the same run over the same client; and the same endpoint on PostgreSQL (a
//! throwaway cluster) next to SQLite.

mod drive;
mod floor;
mod payload;
mod servers;
mod stats;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::SigningKey;
use reqwest::Client;
use serde_json::json;

pub use drive::Pace;
use drive::{Measured, Target, drive};
use seminar_core::engine::{Engine, Source};
use servers::{Servers, TempDatabase};
/// Requests sent to each scenario before measuring (at least one per connection).
const WARM_UP: usize = 50;
/// The goal: /search keeps this share of the floor's throughput, and a PostgreSQL row this share
/// of the same row on SQLite.
const GOAL: f64 = 0.8;

/// Which server a scenario goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Server {
    Floor,
    Sqlite,
    Postgres,
}

/// One kind of request, and the server it goes to.
struct Scenario {
    name: &'static str,
    server: Server,
    template: String,
    /// The interaction response type that means it worked.
    expect: u64,
}

fn scenarios() -> Vec<Scenario> {
    let scenario = |name, server, template, expect| Scenario {
        name,
        server,
        template,
        expect,
    };
    let search = |query: &str| {
        let options = json!([{ "name": "query", "type": 3, "value": query }]);
        payload::slash_command("search", options)
    };
    let section = json!([{ "name": "number", "type": 4, "value": 13 }]);
    let typing = json!([{ "name": "title", "type": 3, "value": "econ", "focused": true }]);
    let progress = payload::slash_command("progress", json!([]));
    use Server::{Floor, Postgres, Sqlite};
    vec![
        scenario("floor PING", Floor, payload::ping(), 1),
        scenario("PING", Sqlite, payload::ping(), 1),
        scenario(
            "/search strait of hormuz",
            Sqlite,
            search("strait of hormuz"),
            4,
        ),
        scenario(
            "/search why would oil prices spike",
            Sqlite,
            search("why would oil prices spike"),
            4,
        ),
        scenario(
            "/section 13",
            Sqlite,
            payload::slash_command("section", section),
            4,
        ),
        scenario(
            "autocomplete /section title:econ",
            Sqlite,
            payload::autocomplete("section", typing),
            8,
        ),
        scenario("/progress", Sqlite, progress.clone(), 4),
        scenario(
            "PostgreSQL /search strait of hormuz",
            Postgres,
            search("strait of hormuz"),
            4,
        ),
        scenario("PostgreSQL /progress", Postgres, progress, 4),
    ]
}

/// One scenario's line in the report.
#[derive(Debug)]
pub struct Row {
    pub name: &'static str,
    pub requests: usize,
    pub failed: usize,
    pub first_failure: Option<String>,
    /// Requests per second of wall time.
    pub throughput: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// Throughput over the floor's.
    pub ratio: f64,
    /// The process's CPU time over the requests, where it can be read.
    pub cpu_per_request: Option<Duration>,
}

impl Row {
    fn new(name: &'static str, measured: Measured, cpu: Option<Duration>, floor: f64) -> Row {
        let requests = measured.latencies.len();
        let throughput = requests as f64 / measured.wall.as_secs_f64().max(f64::EPSILON);
        let floor = if floor > 0.0 { floor } else { throughput };
        Row {
            name,
            requests,
            failed: measured.failed,
            first_failure: measured.first_failure,
            throughput,
            p50: stats::percentile(&measured.latencies, 0.50).unwrap_or_default(),
            p99: stats::percentile(&measured.latencies, 0.99).unwrap_or_default(),
            ratio: throughput / floor.max(f64::EPSILON),
            cpu_per_request: cpu.map(|c| c / u32::try_from(requests.max(1)).unwrap_or(u32::MAX)),
        }
    }
}

/// `seminar-lab bench-http --requests N --concurrency C --rate R` (R = 0: no limit): prints the
/// report; fails if any request did.
pub fn run(content: &Source, requests: usize, concurrency: usize, rate: u32) -> ExitCode {
    let pace = Pace {
        requests,
        concurrency,
        rate,
    };
    if pace.requests == 0 || pace.concurrency == 0 {
        eprintln!("seminar: --requests and --concurrency must be at least 1");
        return ExitCode::FAILURE;
    }
    let engine = match Engine::open(content) {
        Ok(engine) => Arc::new(engine),
        Err(e) => {
            eprintln!(
                "seminar: cannot load the content in {}:\n{e}",
                content.content
            );
            return ExitCode::FAILURE;
        }
    };
    let rate = match pace.rate {
        0 => "as fast as that allows".to_string(),
        r => format!("at most {r} started per second"),
    };
    println!(
        "Seminar bench-http: {} signed POSTs per scenario, {} at a time, {rate}, over one keep-alive HTTP/1.1 client, on “{}”.",
        pace.requests,
        pace.concurrency,
        engine.text().title
    );
    println!(
        "floor = only verifies the signature and answers PONG; the others go to `seminar serve` in-process (no token) on a temporary SQLite database, or, for the PostgreSQL rows, on a throwaway PostgreSQL cluster on 127.0.0.1."
    );
    if tracing::enabled!(target: "seminar::http", tracing::Level::INFO) {
        println!(
            "Both servers log every request at info, as configured; that is measured too (SEMINAR_LOG=warn leaves it out)."
        );
    }
    println!();
    println!("| scenario | requests | failed | req/s | p50 ms | p99 ms | × floor | CPU µs/req |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let rows = match runtime().and_then(|rt| rt.block_on(bench(engine, pace))) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("seminar: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!();
    println!(
        "CPU µs/req: the whole process's CPU time (utime + stime from /proc/self/stat, taken as 100 ticks/s) over the measured requests. The client runs in this process: that includes building, signing, sending and checking each request, the same work for every scenario."
    );
    println!("goal: /search throughput ≥ {GOAL} × floor");
    if pace.rate > 0 {
        println!(
            "  (--rate caps every scenario's throughput: only a scenario that cannot keep up misses)"
        );
    }
    for row in rows.iter().filter(|r| r.name.starts_with("/search")) {
        let verdict = if row.ratio >= GOAL { "PASS" } else { "MISS" };
        println!("  {}: {:.2}× {verdict}", row.name, row.ratio);
    }
    println!("goal: each PostgreSQL row's throughput ≥ {GOAL} × the same row on SQLite");
    for row in rows.iter().filter(|r| r.name.starts_with("PostgreSQL ")) {
        let same = row.name.trim_start_matches("PostgreSQL ");
        if let Some(sqlite) = rows.iter().find(|r| r.name == same) {
            let ratio = row.throughput / sqlite.throughput.max(f64::EPSILON);
            let verdict = if ratio >= GOAL { "PASS" } else { "MISS" };
            println!("  {same}: {ratio:.2}× SQLite's {verdict}");
        }
    }
    let mut failed = false;
    for row in rows.iter().filter(|r| r.failed > 0) {
        failed = true;
        let first = row.first_failure.as_deref().unwrap_or("?");
        println!(
            "FAILED {}: {} of {} requests; first: {first}",
            row.name, row.failed, row.requests
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

/// Starts both servers, runs every scenario (printing each row as it is measured), stops them.
pub async fn bench(engine: Arc<Engine>, pace: Pace) -> Result<Vec<Row>, String> {
    let database = TempDatabase::new();
    let cluster = tokio::task::spawn_blocking(pg_harness::Cluster::start)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|why| format!("PostgreSQL could not be started for the bench: {why}"))?;
    let postgres = seminar_store::Database {
        location: seminar_store::Location::Postgres(cluster.create_database()),
        pool: Default::default(),
    };
    let key = Arc::new(SigningKey::from_bytes(&[42; 32]));
    let client = Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    let servers = Servers::start(engine, key.verifying_key(), database.path(), postgres).await?;
    servers.ready(&client).await?;
    let warm_up = Pace {
        requests: WARM_UP.min(pace.requests).max(pace.concurrency),
        rate: 0,
        ..pace
    };
    let mut rows: Vec<Row> = Vec::new();
    for scenario in scenarios() {
        let url = match scenario.server {
            Server::Floor => &servers.floor,
            Server::Sqlite => &servers.real,
            Server::Postgres => &servers.postgres,
        };
        let target = Target {
            url: Arc::clone(url),
            template: scenario.template.into(),
            expect: scenario.expect,
        };
        let warm = drive(&client, &key, &target, warm_up).await;
        if let Some(why) = warm.first_failure {
            eprintln!(
                "seminar: warming up {}: {} of {} failed; first: {why}",
                scenario.name, warm.failed, warm_up.requests
            );
        }
        let before = stats::process_cpu();
        let measured = drive(&client, &key, &target, pace).await;
        let cpu = before
            .zip(stats::process_cpu())
            .map(|(b, a)| a.saturating_sub(b));
        let floor = rows.first().map_or(0.0, |r| r.throughput);
        let row = Row::new(scenario.name, measured, cpu, floor);
        print_row(&row);
        rows.push(row);
    }
    drop(client);
    servers.stop().await?;
    tokio::task::spawn_blocking(move || drop(cluster))
        .await
        .map_err(|e| e.to_string())?;
    Ok(rows)
}

fn print_row(row: &Row) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let cpu = row.cpu_per_request.map_or_else(
        || "n/a".to_string(),
        |c| format!("{:.0}", c.as_secs_f64() * 1e6),
    );
    println!(
        "| {} | {} | {} | {:.0} | {:.2} | {:.2} | {:.2}× | {cpu} |",
        row.name,
        row.requests,
        row.failed,
        row.throughput,
        ms(row.p50),
        ms(row.p99),
        row.ratio
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_compare_throughput_with_the_floor() {
        let measured = Measured {
            latencies: (1..=4).map(Duration::from_millis).collect(),
            wall: Duration::from_secs(2),
            failed: 1,
            first_failure: Some("HTTP 500: ".into()),
        };
        let row = Row::new("x", measured, Some(Duration::from_millis(8)), 4.0);
        assert_eq!((row.requests, row.failed), (4, 1));
        assert_eq!(row.throughput, 2.0);
        assert_eq!(row.ratio, 0.5);
        assert_eq!(row.p50, Duration::from_millis(3));
        assert_eq!(row.cpu_per_request, Some(Duration::from_millis(2)));
    }

    /// Every scenario, a few requests each, against both servers: all answered as expected.
    /// No timing is checked.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_scenario_is_answered_by_its_server() {
        let content = crate::bundled_content();
        let engine = Arc::new(Engine::load(&content).expect("the bundled content loads"));
        let pace = Pace {
            requests: 6,
            concurrency: 3,
            rate: 0,
        };
        let rows = bench(engine, pace).await.expect("the bench runs");
        assert_eq!(rows.len(), scenarios().len());
        for row in &rows {
            assert_eq!(row.requests, 6, "{}", row.name);
            assert_eq!(row.failed, 0, "{}: {:?}", row.name, row.first_failure);
        }
    }
}
