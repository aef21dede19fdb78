//! `seminar run` and `seminar register` as a server owner runs them: the real binary, its
//! environment, its exit codes and its log lines, against a fake Discord on 127.0.0.1.

use std::process::Command;
use std::time::Duration;

use crate::support::process::Background;
use crate::support::{seminar_in_env, stderr, stdout};
use fake_discord::*;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(15);

/// The real binary running `seminar run` against the fake.
struct Running;

impl Running {
    fn start(fake: &FakeDiscord, args: &[&str]) -> Background {
        let data = tempfile::tempdir().expect("a temporary directory");
        let mut command = Command::new(env!("CARGO_BIN_EXE_seminar"));
        command
            .arg("run")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("DISCORD_TOKEN", token())
            .env("DISCORD_API_BASE", fake.api_base())
            .env("SEMINAR_LOG", "info")
            .env("SEMINAR_DATABASE", data.path().join("seminar.db"))
            .env_remove("RUST_LOG")
            .env_remove("SEMINAR_GUILD_ID")
            .env_remove("DISCORD_GUILD_ID");
        Background::spawn(command, data)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_answers_logs_one_line_per_interaction_and_stops_cleanly_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let bot = Running::start(&fake, &[]);
    fake.wait_until_ready(WAIT).await;
    let id = snowflake();
    let options = json!([{ "name": "number", "type": 4, "value": 13 }]);
    fake.send_interaction(slash_command(id, "section", options))
        .await;
    let body = fake.wait_for_callback(id, WAIT).await;
    assert_eq!(
        fake_discord::schema::title(&body["data"]).as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );

    let (status, lines) = bot.terminate().await;
    assert!(status.success(), "{status:?}\n{}", lines.join("\n"));
    assert_eq!(fake.wait_for_client_close(WAIT).await, Some(1000));
    let interactions: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains(&format!("interaction={id}")))
        .collect();
    assert_eq!(interactions.len(), 1, "{}", lines.join("\n"));
    let line = interactions[0];
    for field in [
        "command=/section",
        "latency_ms=",
        "outcome=\"answered\"",
        "deferred=false",
    ] {
        assert!(line.contains(field), "{field} missing from: {line}");
    }
    assert!(
        !line.contains(&interaction_token(id)),
        "the token is logged: {line}"
    );
    assert!(
        lines.iter().any(|l| l.contains("stopped")),
        "{}",
        lines.join("\n")
    );
    assert!(
        !lines.iter().any(|l| l.contains(&token())),
        "the bot token is logged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autosharding_asks_discord_how_many_shards() {
    let fake = FakeDiscord::start().await;
    let bot = Running::start(&fake, &["--shards", "auto"]);
    fake.wait_until_ready(WAIT).await;
    fake.wait_for_request(|r| r.is("GET", "/api/v10/gateway/bot"), WAIT)
        .await;
    let identify = fake.wait_for_identify(WAIT).await;
    assert_eq!(identify["shard"], json!([0, 1]));
    let (status, _) = bot.terminate().await;
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_range_identifies_as_those_shards_of_the_total() {
    let fake = FakeDiscord::start().await;
    let bot = Running::start(&fake, &["--shards", "1-1/2"]);
    let identify = fake.wait_for_identify(WAIT).await;
    assert_eq!(identify["shard"], json!([1, 2]));
    let (status, _) = bot.terminate().await;
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_registers_once_then_finds_nothing_to_do() {
    let fake = FakeDiscord::start().await;
    let env = [
        ("DISCORD_TOKEN", token()),
        ("DISCORD_API_BASE", fake.api_base()),
    ];
    let run = move || {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        seminar_in_env(&["register"], None, &env)
    };
    let first = tokio::task::spawn_blocking(run.clone()).await.unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stdout(&first), "Registered 13 commands globally.\n");
    let second = tokio::task::spawn_blocking(run).await.unwrap();
    assert_eq!(
        stdout(&second),
        "Discord already has these 13 commands globally; nothing to do.\n"
    );
    let puts = fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1);
    assert_eq!(fake.global_commands().len(), 13);
}

#[test]
fn run_without_a_token_refuses_to_start_and_says_why() {
    let output = seminar_in_env(&["run"], None, &[("DISCORD_TOKEN", "")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("seminar: DISCORD_TOKEN is not set."),
        "{}",
        stderr(&output)
    );
}

#[test]
fn run_with_a_malformed_token_refuses_to_start_and_says_why() {
    let output = seminar_in_env(&["run"], None, &[("DISCORD_TOKEN", "not-a-token")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("seminar: DISCORD_TOKEN does not look like a bot token"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_bad_api_base_is_refused_before_connecting() {
    let output = seminar_in_env(
        &["run"],
        None,
        &[
            ("DISCORD_TOKEN", &token()),
            ("DISCORD_API_BASE", "localhost:8080"),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "seminar: DISCORD_API_BASE=localhost:8080 is not an http:// or https:// address\n"
    );
}

#[test]
fn a_guild_id_that_is_not_a_number_is_refused_by_name() {
    let output = seminar_in_env(
        &["run"],
        None,
        &[
            ("DISCORD_TOKEN", &token()),
            ("SEMINAR_GUILD_ID", "my-server"),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("SEMINAR_GUILD_ID=my-server is not a server id"),
        "{}",
        stderr(&output)
    );
}
