//! One-shot answers on the command line: `ask`, `press`, `find`, `complete` and `commands`.

use std::process::ExitCode;

use crate::recent;
use seminar_core::answer::{Answer, answer_invocation, answer_line, answer_press};
use seminar_core::engine::commands::FIND_IN_TEXT;
use seminar_core::engine::invocation::{parse_line, parse_partial};
use seminar_core::engine::{Context, Engine, Invocation, Reply, Value};
use seminar_core::markup;
use seminar_core::render::registration::{self, Scope};
use seminar_core::render::{discord, modal, terminal};

/// `seminar ask LINE [--json]`.
pub fn ask(engine: &Engine, line: &str, json: bool) -> ExitCode {
    let context = recent::context();
    // `/suggest` without text opens a form (a modal on Discord).
    if let Some(form) = parse_line(line, engine.commands())
        .ok()
        .and_then(|invocation| engine.form(&invocation, &context))
    {
        if json {
            println!("{}", modal::modal_response(&form, modal::Shape::Labels));
        } else {
            print!("{}", terminal::form(&form, terminal::Style::for_stdout()));
        }
        return ExitCode::SUCCESS;
    }
    let answer = answer_line(engine, line, &context);
    recent::remember(answer.reply.prompt);
    print(&answer, json, discord::command_response)
}

/// `seminar press CUSTOM_ID [--json]`.
pub fn press(engine: &Engine, custom_id: &str, json: bool) -> ExitCode {
    let context = recent::context();
    // The same cleaning typed options get (`Invocation::push`): a custom id's words are echoed.
    let custom_id = markup::strip_invisible(custom_id);
    let answer = answer_press(engine, &custom_id, &context);
    recent::remember(answer.reply.prompt);
    print(&answer, json, discord::press_response)
}

/// `seminar find MESSAGE [--json]`: what "Find in essay" answers for a chat message.
pub fn find(engine: &Engine, message: &str, json: bool) -> ExitCode {
    let invocation = Invocation::new(FIND_IN_TEXT).with(
        seminar_core::engine::find::MESSAGE.name,
        Value::String(message.into()),
    );
    let answer = answer_invocation(engine, &invocation, &Context::default());
    print(&answer, json, discord::command_response)
}

/// `seminar complete LINE [--json]`.
pub fn complete(engine: &Engine, line: &str, json: bool) -> ExitCode {
    print_choices(engine, line, json);
    ExitCode::SUCCESS
}

/// Prints the autocomplete suggestions for the last option of `line`; a line that does not parse
/// has none.
pub fn print_choices(engine: &Engine, line: &str, json: bool) {
    let choices = parse_partial(line, engine.commands())
        .map(|invocation| engine.complete(&invocation, &Context::default()))
        .unwrap_or_default();
    if json {
        println!("{}", discord::autocomplete_response(&choices));
    } else {
        println!("{}", terminal::choices(&choices));
    }
}

/// `seminar commands`.
pub fn commands(engine: &Engine) -> ExitCode {
    let body = registration::command_registrations(engine.commands(), Scope::Global);
    match serde_json::to_string_pretty(&body) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seminar: cannot write the command table: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print(answer: &Answer, json: bool, body: fn(&Reply) -> serde_json::Value) -> ExitCode {
    if json {
        println!("{}", body(&answer.reply));
    } else {
        print!(
            "{}",
            terminal::reply(&answer.reply, terminal::Style::for_stdout())
        );
    }
    if answer.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
