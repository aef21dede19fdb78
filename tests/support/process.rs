//! A `seminar` process running beside a test: its stderr read line by line (colours stripped),
//! stopped with SIGTERM as a service manager stops it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;

/// The binary running in the background, and the directory holding its database.
pub struct Background {
    child: Child,
    lines: mpsc::Receiver<String>,
    /// Removed when the test ends.
    pub data: tempfile::TempDir,
}

impl Background {
    /// Starts `command` with stdin and stdout closed and stderr read by a thread.
    pub fn spawn(mut command: Command, data: tempfile::TempDir) -> Background {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(strip_ansi(&line));
            }
        });
        Background { child, lines, data }
    }

    /// Sends SIGTERM, waits for the exit, checks the database is there, and returns the exit
    /// status and every line logged.
    pub async fn terminate(mut self) -> (ExitStatus, Vec<String>) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(killed.expect("kill runs").success());
        tokio::task::spawn_blocking(move || {
            let status = self.child.wait().expect("the process exits");
            assert!(self.data.path().join("seminar.db").is_file());
            (status, self.lines.iter().collect())
        })
        .await
        .expect("waiting does not panic")
    }
}

/// A log line without its terminal colours (`ESC [ … letter`).
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
