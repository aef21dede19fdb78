//! Shared test support: the bundled engine, Discord's OpenAPI schemas, the limits the schemas do
//! not encode, and a runner for the real binary.

pub use fake_discord::schema as discord;
pub mod databases;
pub mod process;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use seminar_core::engine::invocation::parse_line;
use seminar_core::engine::{Context, Engine, Reply};

/// The repository's bundled content directory.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The engine over the bundled essay, built once per test binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&content_dir()).expect("the bundled content loads"))
}

/// Answers a typed command line with a fixed seed, panicking on an internal error.
pub fn ask(line: &str) -> Reply {
    ask_with(line, &Context::default())
}

/// Answers a typed command line in a given context.
pub fn ask_with(line: &str, context: &Context) -> Reply {
    let engine = engine();
    match parse_line(line, engine.commands()) {
        Ok(invocation) => engine
            .answer(&invocation, context)
            .expect("no internal error"),
        Err(message) => Reply::user_error(message),
    }
}

/// Answers a button press with a fixed seed.
pub fn press(custom_id: &str) -> Reply {
    engine()
        .press(custom_id, &Context::default())
        .expect("no internal error")
}

/// Every page of a section, joined with blank lines, by pressing Next until it is disabled.
pub fn full_section(number: u32) -> String {
    let mut reply = ask(&format!("/section {number}"));
    let mut text = reply.body.clone();
    loop {
        let next = reply
            .all_buttons()
            .find(|b| b.label.starts_with("Next") && !b.disabled)
            .map(|b| b.custom_id.clone());
        let Some(next) = next else { break };
        reply = press(&next);
        text.push_str("\n\n");
        text.push_str(&reply.body);
    }
    text
}

/// All text a reply shows, for "does it mention" assertions.
pub fn shown(reply: &Reply) -> String {
    let mut text = reply.title.clone().unwrap_or_default();
    text.push('\n');
    text.push_str(&reply.body);
    for entry in &reply.entries {
        text.push('\n');
        text.push_str(&entry.heading);
        text.push('\n');
        text.push_str(&entry.text);
    }
    if let Some(footer) = &reply.footer {
        text.push('\n');
        text.push_str(footer);
    }
    text
}

/// The headings of a reply's entries.
pub fn headings(reply: &Reply) -> Vec<String> {
    reply.entries.iter().map(|e| e.heading.clone()).collect()
}

/// Runs the real `seminar` binary with `args` (stdin closed unless given).
pub fn seminar(args: &[&str]) -> Output {
    seminar_with_stdin(args, None)
}

/// Runs the real binary with text on stdin, from the repository root.
pub fn seminar_with_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    seminar_in_env(args, stdin, &[])
}

/// Runs the real binary with extra environment variables.
pub fn seminar_in_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_seminar"));
    command.envs(env.iter().copied());
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SEMINAR_CONTENT")
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("the binary starts");
    if let Some(mut pipe) = child.stdin.take()
        && let Some(text) = stdin
    {
        pipe.write_all(text.as_bytes()).expect("stdin is writable");
    }
    child.wait_with_output().expect("the binary finishes")
}

/// Stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The section numbers a reply's entries cite, in order: the number after the `§` of each
/// heading (`§13 …` or `Federalist §10 …`); an entry citing none is skipped.
pub fn cited(reply: &Reply) -> Vec<u32> {
    reply
        .entries
        .iter()
        .filter_map(|e| e.heading.split_once('§')?.1.split(' ').next()?.parse().ok())
        .collect()
}

/// The `custom_id` of the first enabled button whose label starts with `label`.
pub fn enabled_button(reply: &Reply, label: &str) -> Option<String> {
    reply
        .all_buttons()
        .find(|b| b.label.starts_with(label) && !b.disabled)
        .map(|b| b.custom_id.clone())
}
