//! `seminar serve` as a server owner runs it: the real binary, its environment, its exit codes,
//! Discord's signed POSTs over a real socket, and its log lines.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use crate::signed::{Answer, discord_key, now, ping, public_key_hex, signed_headers};
use crate::support::process::Background;
use fake_discord::*;
use seminar::http::verify::SIGNATURE_HEADER;
use serde_json::json;
use tokio::io::AsyncWriteExt;

const WAIT: Duration = Duration::from_secs(30);

const MISSING: &str = "seminar: DISCORD_PUBLIC_KEY is not set: copy the Public Key from your \
                       app's General Information page\n";
const MALFORMED: &str = "seminar: DISCORD_PUBLIC_KEY is not a public key: it should be 64 \
                         hexadecimal characters (the Public Key on your app's General Information \
                         page, not the token or the client secret)\n";

/// `seminar serve` with `args`, its environment cleared of anything the tests do not set.
fn serve_command(args: &[&str], key: Option<&str>, database: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seminar"));
    command
        .arg("serve")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SEMINAR_LOG", "info")
        .env("SEMINAR_DATABASE", database.join("seminar.db"))
        .env("SEMINAR_PLANS", "off")
        .env("NO_COLOR", "1");
    for var in [
        "DISCORD_PUBLIC_KEY",
        "DISCORD_TOKEN",
        "DISCORD_API_BASE",
        "RUST_LOG",
        "SEMINAR_CONTENT",
        "SEMINAR_LISTEN",
        "SEMINAR_MAX_CLOCK_SKEW_SECS",
    ] {
        command.env_remove(var);
    }
    if let Some(key) = key {
        command.env("DISCORD_PUBLIC_KEY", key);
    }
    command
}

/// Runs `seminar serve` to the end with `key` as the public key (none: unset).
fn refused_with(key: Option<&str>) -> Output {
    let data = tempfile::tempdir().expect("a temporary directory");
    let output = serve_command(&[], key, data.path())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(
        !data.path().join("seminar.db").exists(),
        "a refused start opens no database"
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn serve_without_a_public_key_refuses_to_start_and_says_why() {
    for key in [None, Some(""), Some("   ")] {
        let output = refused_with(key);
        assert_eq!(output.status.code(), Some(1), "{key:?}");
        assert_eq!(stderr(&output), MISSING, "{key:?}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn serve_with_a_malformed_public_key_refuses_to_start_and_says_why() {
    let token_like = "OTk5OTk5OTk5.GhIjKl.not-a-public-key";
    let short = &public_key_hex()[..62];
    for key in ["abc", &"zz".repeat(32), token_like, short] {
        let output = refused_with(Some(key));
        assert_eq!(output.status.code(), Some(1), "{key}");
        assert_eq!(stderr(&output), MALFORMED, "{key}");
    }
}

/// The real binary serving on a port of 127.0.0.1, its stderr read line by line.
struct Running {
    process: Background,
    base: String,
}

impl Running {
    fn start() -> Running {
        Running::start_with(|_| {})
    }

    /// As [`Running::start`], with `adjust` applied to the command first.
    fn start_with(adjust: impl FnOnce(&mut Command)) -> Running {
        // A free port: bound, then released for the binary to take.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let listen = format!("127.0.0.1:{port}");
        let data = tempfile::tempdir().expect("a temporary directory");
        let mut command =
            serve_command(&["--listen", &listen], Some(&public_key_hex()), data.path());
        adjust(&mut command);
        Running {
            process: Background::spawn(command, data),
            base: format!("http://{listen}"),
        }
    }

    /// Waits until `GET /healthz` answers (the engine loads before the port is bound).
    async fn healthz(&self, client: &reqwest::Client) -> Answer {
        let started = Instant::now();
        loop {
            if let Ok(response) = client.get(format!("{}/healthz", self.base)).send().await {
                let status = response.status().as_u16();
                let body = response.bytes().await.expect("a body").to_vec();
                return Answer { status, body };
            }
            assert!(started.elapsed() < WAIT, "the server never listened");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends SIGTERM and returns the exit status and every line logged.
    async fn terminate(self) -> (ExitStatus, Vec<String>) {
        self.process.terminate().await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_signed_interactions_logs_each_request_and_stops_on_sigterm() {
    let server = Running::start();
    let client = reqwest::Client::new();
    let health = server.healthz(&client).await;
    assert_eq!((health.status, health.text()), (200, "ok".to_string()));

    let url = format!("{}/interactions", server.base);
    let mut secrets = Vec::new();
    let ping_id = snowflake();
    let section_id = snowflake();
    let options = json!([{ "name": "number", "type": 4, "value": 13 }]);
    let requests = [
        ping(ping_id, APPLICATION_ID, &interaction_token(ping_id)),
        slash_command(section_id, "section", options),
    ];
    let mut answers = Vec::new();
    for interaction in &requests {
        let body = interaction.to_string().into_bytes();
        let headers = signed_headers(&discord_key(), now(), &body);
        secrets.extend(
            headers
                .iter()
                .filter(|(name, _)| name == SIGNATURE_HEADER)
                .map(|(_, value)| value.clone()),
        );
        answers.push(crate::signed::post(&client, &url, &headers, body).await);
    }
    assert_eq!(answers[0].status, 200);
    assert_eq!(answers[0].json(), json!({ "type": 1 }));
    assert_eq!(answers[1].status, 200, "{}", answers[1].text());
    let section = answers[1].json();
    assert_eq!(section["type"], 4);
    assert_eq!(
        fake_discord::schema::title(&section["data"]).as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
    // An unsigned request is refused and logged like any other.
    let unsigned = crate::signed::post(&client, &url, &[], b"{}".to_vec()).await;
    assert_eq!(unsigned.status, 401);

    let (status, lines) = server.terminate().await;
    let log = lines.join("\n");
    assert_eq!(status.code(), Some(0), "{status:?}\n{log}");
    let access = |method: &str, path: &str, status: u16| {
        lines.iter().any(|l| {
            l.contains(&format!("method={method}"))
                && l.contains(&format!("path={path}"))
                && l.contains(&format!("status={status}"))
                && l.contains(" latency_")
        })
    };
    assert!(access("GET", "/healthz", 200), "{log}");
    assert!(access("POST", "/interactions", 200), "{log}");
    assert!(access("POST", "/interactions", 401), "{log}");
    let posts = lines
        .iter()
        .filter(|l| l.contains("method=POST") && l.contains("path=/interactions"))
        .count();
    assert_eq!(posts, 3, "{log}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("interaction={section_id}"))),
        "{log}"
    );
    for secret in secrets
        .iter()
        .chain([&interaction_token(ping_id), &interaction_token(section_id)])
    {
        assert!(!log.contains(secret.as_str()), "{secret} is logged:\n{log}");
    }
    assert!(lines.iter().any(|l| l.contains("stopped")), "{log}");
}

/// Fails before the fix: the half-sent request kept `seminar serve` running after SIGTERM for as
/// long as the client waited.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_a_half_sent_request_open_still_exits_0() {
    let server = Running::start();
    let client = reqwest::Client::new();
    assert_eq!(server.healthz(&client).await.status, 200);
    let address = server.base.trim_start_matches("http://").to_string();
    let mut half = tokio::net::TcpStream::connect(&address).await.unwrap();
    half.write_all(b"POST /interactions HTTP/1.1\r\nhost: seminar\r\ncontent-")
        .await
        .unwrap();
    let (status, lines) = tokio::time::timeout(WAIT, server.terminate())
        .await
        .expect("seminar serve exits while the client still waits");
    assert_eq!(status.code(), Some(0), "{}", lines.join("\n"));
    drop(half);
}

/// Fails before the fix: under a low open-file limit, idle connections took every descriptor
/// and honest requests were never answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_beyond_the_open_file_limit_do_not_lock_out_honest_requests() {
    const LIMIT: u64 = 256;
    let server = Running::start_with(|command| {
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: LIMIT,
                    rlim_max: LIMIT,
                };
                match libc::setrlimit(libc::RLIMIT_NOFILE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
    });
    let client = reqwest::Client::new();
    assert_eq!(server.healthz(&client).await.status, 200);
    let address = server.base.trim_start_matches("http://").to_string();
    let mut idle = Vec::new();
    for _ in 0..LIMIT + 100 {
        idle.push(tokio::net::TcpStream::connect(&address).await.unwrap());
    }
    let id = snowflake();
    let body = ping(id, APPLICATION_ID, &interaction_token(id)).to_string();
    let headers = signed_headers(&discord_key(), now(), body.as_bytes());
    let url = format!("{}/interactions", server.base);
    let answer = tokio::time::timeout(
        WAIT,
        crate::signed::post(&client, &url, &headers, body.into()),
    )
    .await
    .expect("an honest request is answered");
    assert_eq!((answer.status, answer.json()), (200, json!({ "type": 1 })));
    drop(idle);
    let (status, lines) = server.terminate().await;
    assert_eq!(status.code(), Some(0), "{}", lines.join("\n"));
}
