//! `seminar console`: type slash commands and press buttons by number; with stdin not a terminal,
//! one answer per input line.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::ask::print_choices;
use crate::recent::{clock_seed, push};
use seminar_core::answer::{Answer, answer_line, answer_press};
use seminar_core::engine::{Context, Engine, Reply};
use seminar_core::markup;
use seminar_core::render::{discord, terminal};

/// Runs the console until end of input or `quit`.
pub fn run(engine: &Engine, json: bool) -> ExitCode {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal() && !json;
    let style = terminal::Style::for_stdout();
    if interactive {
        println!(
            "Seminar — {} ({} sections).\nType a command such as /section 13, /actor iran, /question, /search strait of hormuz, /outline or /help.\nPress a button by its number; `complete /section title:mis` suggests; `quit` leaves.\n",
            engine.text().title,
            engine.text().sections.len()
        );
    }
    let mut session = Session {
        context: Context {
            seed: clock_seed(),
            recent_prompts: Vec::new(),
            ..Context::default()
        },
        last: None,
    };
    let mut failures = 0usize;
    let mut input = stdin.lock();
    let mut raw = Vec::new();
    let mut number = 0usize;
    loop {
        if interactive {
            print!("seminar> ");
            let _ = std::io::stdout().flush();
        }
        raw.clear();
        match input.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => number += 1,
            Err(e) => {
                eprintln!("seminar: cannot read line {}: {e}", number + 1);
                failures += 1;
                break;
            }
        }
        // One bad line is reported and skipped: the lines after it still deserve answers.
        let Ok(line) = std::str::from_utf8(&raw) else {
            eprintln!("seminar: line {number} is not UTF-8; skipped");
            failures += 1;
            continue;
        };
        let line = markup::strip_invisible(line);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if matches!(line, "quit" | "exit" | ":q") {
            break;
        }
        if let Some(rest) = line.strip_prefix("complete ") {
            print_choices(engine, rest, json);
            continue;
        }
        let (answer, pressed) = session.answer(engine, line);
        failures += usize::from(answer.failed());
        if json {
            let body = if pressed {
                discord::press_response(&answer.reply)
            } else {
                discord::command_response(&answer.reply)
            };
            println!("{body}");
        } else {
            println!("{}", terminal::reply(&answer.reply, style));
        }
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What the console remembers between lines.
struct Session {
    context: Context,
    last: Option<Reply>,
}

impl Session {
    /// Answers a line: a button number, `press ID`, or a command. Returns whether it was a press.
    fn answer(&mut self, engine: &Engine, line: &str) -> (Answer, bool) {
        self.context.seed = self.context.seed.wrapping_add(1);
        let press_id = if let Some(id) = line.strip_prefix("press ") {
            Some(id.trim().to_string())
        } else if let Ok(n) = line.parse::<usize>() {
            match self
                .last
                .as_ref()
                .and_then(|r| r.all_buttons().nth(n.wrapping_sub(1)))
            {
                Some(button) => Some(button.custom_id.clone()),
                None => {
                    return (
                        Answer::shown(Reply::user_error(format!(
                            "There is no button {n} on the last reply."
                        ))),
                        false,
                    );
                }
            }
        } else {
            None
        };
        let pressed = press_id.is_some();
        let line = if line.starts_with('/') || pressed {
            line.to_string()
        } else {
            format!("/{line}")
        };
        let answer = match press_id {
            Some(id) => answer_press(engine, &id, &self.context),
            None => answer_line(engine, &line, &self.context),
        };
        if let Some(prompt) = answer.reply.prompt {
            push(&mut self.context.recent_prompts, prompt);
        }
        if !answer.reply.private || self.last.is_none() {
            self.last = Some(answer.reply.clone());
        }
        (answer, pressed)
    }
}
