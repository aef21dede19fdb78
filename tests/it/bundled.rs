//! The texts compiled into the binary: an installed `seminar` answers from any folder, writes
//! nothing there, and gives way to a content folder that is configured or present.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the real binary in `dir`, with no content configured by the environment.
fn seminar_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seminar"))
        .args(args)
        .current_dir(dir)
        .env_remove("SEMINAR_CONTENT")
        .env_remove("SEMINAR_INDEX_DIR")
        .env_remove("RUST_LOG")
        .env("TMPDIR", std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn ask_in_an_empty_folder_answers_from_the_bundled_texts_and_writes_nothing_there() {
    let empty = tempfile::tempdir().unwrap();
    let output = seminar_in(empty.path(), &["ask", "/section 13"]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("§13 The Economics Beneath the Diplomacy\n"),
        "{stdout}"
    );
    assert_eq!(entries(empty.path()), Vec::<String>::new());
}

#[test]
fn the_bundled_library_holds_both_texts() {
    let empty = tempfile::tempdir().unwrap();
    let output = seminar_in(empty.path(), &["ask", "/section 10 text:federalist"]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Federalist §10"));
}

#[test]
fn check_in_an_empty_folder_checks_the_bundled_texts_by_that_name() {
    let empty = tempfile::tempdir().unwrap();
    let output = seminar_in(empty.path(), &["check"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "ok: 2 text(s), 113 section(s), 298 prompt(s), 0 warning(s) in bundled\n"
    );
}

#[test]
fn a_content_flag_overrides_the_bundled_texts_even_when_its_folder_is_missing() {
    let empty = tempfile::tempdir().unwrap();
    let output = seminar_in(
        empty.path(),
        &["--content", "elsewhere", "ask", "/section 1"],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("seminar: cannot load the content in elsewhere:"),
        "{stderr}"
    );
}

#[test]
fn a_content_folder_in_the_working_directory_wins_over_the_bundled_texts() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let output = seminar_in(dir.path(), &["check"]);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("error(s), 0 warning(s) in content"),
        "{output:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_in_an_empty_folder_says_it_serves_the_bundled_texts_in_its_log_and_readyz() {
    let empty = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut command = Command::new(env!("CARGO_BIN_EXE_seminar"));
    command
        .args(["serve", "--listen", &listen])
        .current_dir(empty.path())
        .env("DISCORD_PUBLIC_KEY", crate::signed::public_key_hex())
        .env("SEMINAR_DATABASE", data.path().join("seminar.db"))
        .env("SEMINAR_PLANS", "off")
        .env("SEMINAR_LOG", "info")
        .env("NO_COLOR", "1");
    for var in [
        "SEMINAR_CONTENT",
        "DISCORD_TOKEN",
        "DISCORD_API_BASE",
        "RUST_LOG",
    ] {
        command.env_remove(var);
    }
    let server = crate::support::process::Background::spawn(command, data);
    let client = reqwest::Client::new();
    let url = format!("http://{listen}/readyz");
    let started = std::time::Instant::now();
    let ready = loop {
        if let Ok(response) = client.get(&url).send().await {
            let body = response.bytes().await.unwrap();
            break serde_json::from_slice::<serde_json::Value>(&body).unwrap();
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the server never listened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(
        ready,
        serde_json::json!({ "ready": true, "content": "bundled", "texts": 2, "sections": 113 })
    );
    let (status, lines) = server.terminate().await;
    assert_eq!(status.code(), Some(0));
    let loaded: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("content loaded"))
        .collect();
    assert_eq!(loaded.len(), 1, "{lines:#?}");
    assert!(
        loaded[0].contains("content loaded content=\"bundled\" texts=2 sections=113"),
        "{}",
        loaded[0]
    );
    assert_eq!(entries(empty.path()), Vec::<String>::new());
}
