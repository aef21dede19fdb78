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

/// Starts `command` with stdin and stdout closed; each line it logs on stderr, colours stripped,
/// goes to `each_line` on a thread of its own.
pub fn spawn_logging(
    mut command: Command,
    mut each_line: impl FnMut(String) + Send + 'static,
) -> Child {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            each_line(strip_ansi(&line));
        }
    });
    child
}

impl Background {
    /// Starts `command` with stdin and stdout closed and stderr read by a thread.
    pub fn spawn(command: Command, data: tempfile::TempDir) -> Background {
        let (send, lines) = mpsc::channel();
        let child = spawn_logging(command, move |line| {
            let _ = send.send(line);
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

/// A log line without its terminal colours (`ESC [ … letter`), as the tests read the log.
pub fn strip_ansi(line: &str) -> String {
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
