//! Content, console, import and user text under hostile input: `check` refusing what start-up
//! refuses, special files among the content, a console line that is not UTF-8, imports of
//! 10,001 headings and of binary data, and invisible bidi controls typed by a user.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::engine;
use seminar_core::content::Block;
use seminar_core::content::import::{ImportOptions, import};
use seminar_core::engine::Context;
use seminar_core::render::discord;
use seminar_discord::interaction::{Incoming, Request};
use serde_json::json;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Only stops a hung test from hanging forever; no behaviour depends on it.
const HUNG: Duration = Duration::from_secs(60);

/// Runs the real binary from the repository root with `stdin`, killing it if it hangs.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_seminar"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SEMINAR_CONTENT")
        .env_remove("SEMINAR_DEFAULT_TEXT")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // A binary that never reads its input must not block the test on a full pipe.
    let input = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match finished.recv_timeout(HUNG) {
        Ok(output) => output.expect("the binary finishes"),
        Err(_) => {
            // SAFETY: kill(2) on the child this test started; no memory is involved.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            panic!("seminar {args:?} still ran after {HUNG:?}: it hung");
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A valid text of two sections at `dir`.
fn write_text(dir: &Path, title: &str) {
    fs::create_dir_all(dir.join("sections")).unwrap();
    fs::write(dir.join("text.toml"), format!("title = \"{title}\"\n")).unwrap();
    for n in 1..=2 {
        fs::write(
            dir.join(format!("sections/0{n}-section.md")),
            format!(
                "+++\nnumber = {n}\ntitle = \"Section {n}\"\n\n[[prompts]]\ntext = \"Why?\"\n\n[[prompts]]\ntext = \"Why not?\"\n+++\n\nThe text of section {n}.\n"
            ),
        )
        .unwrap();
    }
}

/// A library of the texts `a` and `b` whose `library.toml` names `default`.
fn library(default: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_text(&dir.path().join("a"), "Text A");
    write_text(&dir.path().join("b"), "Text B");
    fs::write(
        dir.path().join("library.toml"),
        format!("default = \"{default}\"\n"),
    )
    .unwrap();
    dir
}

/// A text whose sections hold a FIFO named like a section file.
fn text_with_fifo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_text(dir.path(), "Piped");
    let fifo = dir.path().join("sections/03-pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo made {}", fifo.display());
    dir
}

fn fifo_problem(dir: &Path) -> String {
    format!(
        "{}/sections/03-pipe.md: error: cannot read: a FIFO (named pipe), not a regular file: content files must be regular files",
        path(dir)
    )
}

#[test]
fn check_refuses_a_library_toml_naming_a_missing_text() {
    let lib = library("c");
    let output = run(&["check", path(lib.path())], b"");
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "{0}/library.toml:1: error: the default text \"c\" is not in the library: no text has this id; the texts are: a, b\n\
             1 error(s), 0 warning(s) in {0}\n",
            path(lib.path())
        )
    );
}

#[test]
fn check_refuses_a_default_text_without_its_text_toml() {
    let lib = library("b");
    fs::remove_file(lib.path().join("b/text.toml")).unwrap();
    let output = run(&["check", path(lib.path())], b"");
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "{0}/library.toml:1: error: the default text \"b\" is not in the library: the folder {0}/b has no text.toml; the texts are: a\n\
             {0}/b: warning: this folder has no text.toml, so it is not a text: the library ignores it\n\
             1 error(s), 1 warning(s) in {0}\n",
            path(lib.path())
        )
    );
}

#[test]
fn start_up_refuses_with_the_problem_check_reports() {
    let lib = library("c");
    let output = run(&["--content", path(lib.path()), "ask", "/outline"], b"");
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "seminar: cannot load the content in {0}:\n1 problem(s) in the content:\n\
             {0}/library.toml:1: error: the default text \"c\" is not in the library: no text has this id; the texts are: a, b\n",
            path(lib.path())
        )
    );
}

#[test]
fn check_refuses_a_fifo_among_the_sections_by_name() {
    let dir = text_with_fifo();
    let output = run(&["check", path(dir.path())], b"");
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "{}\n1 error(s), 0 warning(s) in {}\n",
            fifo_problem(dir.path()),
            path(dir.path())
        )
    );
}

#[test]
fn the_console_refuses_a_fifo_among_the_sections_by_name() {
    let dir = text_with_fifo();
    let output = run(&["--content", path(dir.path()), "console"], b"/outline\n");
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "seminar: cannot load the content in {}:\n1 problem(s) in the content:\n{}\n",
            path(dir.path()),
            fifo_problem(dir.path())
        )
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_section_symlinked_to_a_regular_file_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    write_text(dir.path(), "Linked");
    let elsewhere = dir.path().join("kept-elsewhere.md");
    fs::rename(dir.path().join("sections/02-section.md"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("sections/02-section.md")).unwrap();
    let output = run(&["check", path(dir.path())], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("ok: 1 text(s), 2 section(s)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_console_reports_a_line_that_is_not_utf8_and_answers_the_next() {
    let good = run(&["console"], b"/section 1\n/outline\n");
    assert!(good.status.success(), "{}", stderr(&good));
    let output = run(&["console"], b"/section 1\n\xff\xfe/help\n/outline\n");
    assert_eq!(stdout(&output), stdout(&good));
    assert_eq!(stderr(&output), "seminar: line 2 is not UTF-8; skipped\n");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn import_keeps_every_one_of_10001_headings_as_a_section() {
    let raw: String = (1..=10_001)
        .map(|n| format!("Chapter {n}\n\nThe text of chapter {n}.\n\n"))
        .collect();
    let imported = import(&raw, &ImportOptions::default());
    assert_eq!(imported.sections.len(), 10_001);
    for n in [9_999, 10_000, 10_001] {
        let section = &imported.sections[n - 1];
        assert_eq!(section.title, format!("Chapter {n}"));
        assert_eq!(
            section.blocks,
            [Block::Paragraph(format!("The text of chapter {n}."))]
        );
    }
}

/// `len` bytes of seeded noise (xorshift), as a binary file has.
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn import_refuses_random_bytes_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("noise.bin");
    let bytes = noise(4 << 20);
    fs::write(&file, &bytes).unwrap();
    let out = dir.path().join("out");
    let output = run(&["import", path(&file), "--out", path(&out)], b"");
    let first_nul = bytes.iter().position(|&b| b == 0).unwrap();
    assert!(!output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "seminar: {} is not a text file: it holds NUL bytes (the first at byte {first_nul}), as binary data does. `seminar import` reads plain text in UTF-8.\n",
            path(&file)
        )
    );
    assert!(!out.exists(), "nothing is written");
}

/// The characters of `shown` that a reader cannot see but that change how text is laid out:
/// controls other than line ends and tabs, and format characters other than the joiners.
fn invisible_controls(shown: &str) -> Vec<char> {
    shown
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || (get_general_category(c) == GeneralCategory::Format
                    && !matches!(c, '\u{200c}' | '\u{200d}'))
        })
        .collect()
}

/// A search whose words a user typed with a right-to-left override in them.
const SPOOFED: &str = "strait\u{202e} of hormuz";
const TYPED: &str = "strait of hormuz";

#[test]
fn search_in_the_terminal_shows_no_bidi_control_a_user_typed() {
    for json in [false, true] {
        let args = |query: &str| {
            let mut args = vec!["ask".to_string(), format!("/search {query}")];
            args.extend(json.then(|| "--json".to_string()));
            args
        };
        let spoofed = args(SPOOFED);
        let spoofed = run(&spoofed.iter().map(String::as_str).collect::<Vec<_>>(), b"");
        let typed = args(TYPED);
        let typed = run(&typed.iter().map(String::as_str).collect::<Vec<_>>(), b"");
        assert!(spoofed.status.success(), "{}", stderr(&spoofed));
        assert_eq!(invisible_controls(&stdout(&spoofed)), Vec::<char>::new());
        assert_eq!(stdout(&spoofed), stdout(&typed), "json: {json}");
    }
}

/// Reads a Discord interaction payload as every Discord frontend does.
fn incoming(payload: serde_json::Value) -> Incoming {
    let interaction = serde_json::from_value(payload).expect("serenity reads the payload");
    Incoming::from_serenity(&interaction)
}

/// The callback body for an interaction's command, as Discord would receive it.
fn discord_body(payload: serde_json::Value) -> String {
    let Request::Command(invocation) = incoming(payload).request else {
        panic!("a command");
    };
    let reply = engine()
        .answer(&invocation, &Context::default())
        .expect("no internal error");
    discord::command_response(&reply).to_string()
}

#[test]
fn search_on_discord_shows_no_bidi_control_a_user_typed() {
    let query = |value: &str| json!([{ "name": "query", "type": 3, "value": value }]);
    let spoofed = discord_body(fake_discord::slash_command(
        fake_discord::snowflake_at(1_700_000_000_000),
        "search",
        query(SPOOFED),
    ));
    let typed = discord_body(fake_discord::slash_command(
        fake_discord::snowflake_at(1_700_000_000_000),
        "search",
        query(TYPED),
    ));
    assert_eq!(invisible_controls(&spoofed), Vec::<char>::new());
    assert_eq!(spoofed, typed);
}

#[test]
fn find_in_essay_shows_no_bidi_control_a_message_holds() {
    let message = "Iran\u{202e} wants sanctions relief\u{2066} and the IRGC\u{2069} is resisting";
    let plain = "Iran wants sanctions relief and the IRGC is resisting";
    let on_discord = |content: &str| {
        discord_body(fake_discord::message_command(
            fake_discord::snowflake_at(1_700_000_000_000),
            seminar_core::engine::commands::FIND_IN_TEXT,
            content,
        ))
    };
    let spoofed = on_discord(message);
    assert_eq!(invisible_controls(&spoofed), Vec::<char>::new());
    assert_eq!(spoofed, on_discord(plain));
    let in_terminal = run(&["find", message], b"");
    assert!(in_terminal.status.success(), "{}", stderr(&in_terminal));
    assert_eq!(
        invisible_controls(&stdout(&in_terminal)),
        Vec::<char>::new()
    );
    assert_eq!(stdout(&in_terminal), stdout(&run(&["find", plain], b"")));
}

#[test]
fn the_console_shows_no_bidi_control_a_user_typed() {
    let spoofed = run(&["console"], format!("/search {SPOOFED}\n").as_bytes());
    let typed = run(&["console"], format!("/search {TYPED}\n").as_bytes());
    assert!(spoofed.status.success(), "{}", stderr(&spoofed));
    assert_eq!(invisible_controls(&stdout(&spoofed)), Vec::<char>::new());
    assert_eq!(stdout(&spoofed), stdout(&typed));
}

#[test]
fn a_custom_id_loses_its_bidi_controls_where_it_enters() {
    let spoofed = format!("v1:search:1:{SPOOFED}");
    let press = incoming(fake_discord::button_press(
        fake_discord::snowflake_at(1_700_000_000_000),
        &spoofed,
    ));
    assert_eq!(
        press.request,
        Request::Press(format!("v1:search:1:{TYPED}"))
    );
    let in_terminal = run(&["press", &spoofed], b"");
    assert!(in_terminal.status.success(), "{}", stderr(&in_terminal));
    assert_eq!(
        invisible_controls(&stdout(&in_terminal)),
        Vec::<char>::new()
    );
    assert_eq!(
        stdout(&in_terminal),
        stdout(&run(&["press", &format!("v1:search:1:{TYPED}")], b""))
    );
}
