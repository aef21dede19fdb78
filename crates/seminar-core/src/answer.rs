//! One answer from the engine, for any frontend: the reply, or the logged apology that stands in
//! for an internal failure.

use crate::engine::invocation::parse_line;
use crate::engine::{Context, Engine, Invocation, Reply};
use crate::errors;

/// What one answer amounts to: the reply, and whether it stands for an internal failure.
pub struct Answer {
    pub reply: Reply,
    /// Set when the reply is an apology for an internal failure: the id it was logged under.
    pub error_id: Option<String>,
}

impl Answer {
    /// A reply the user sees as is.
    pub fn shown(reply: Reply) -> Answer {
        Answer {
            reply,
            error_id: None,
        }
    }

    /// The engine's result for `what`: its reply, or the logged apology for an internal failure.
    pub fn from_result<E: std::fmt::Display>(what: &str, result: Result<Reply, E>) -> Answer {
        match result {
            Ok(reply) => Answer::shown(reply),
            Err(e) => {
                let (error_id, reply) = errors::apologize(what, &e);
                Answer {
                    reply,
                    error_id: Some(error_id),
                }
            }
        }
    }

    /// Whether this answer stands for an internal failure.
    pub fn failed(&self) -> bool {
        self.error_id.is_some()
    }
}

/// Answers a command given with typed options (from Discord).
pub fn answer_invocation(engine: &Engine, invocation: &Invocation, context: &Context) -> Answer {
    Answer::from_result(&invocation.command, engine.answer(invocation, context))
}

/// Answers a typed command line.
pub fn answer_line(engine: &Engine, line: &str, context: &Context) -> Answer {
    match parse_line(line, engine.commands()) {
        Err(message) => Answer::shown(Reply::user_error(message)),
        Ok(invocation) => Answer::from_result(line, engine.answer(&invocation, context)),
    }
}

/// Answers a button press.
pub fn answer_press(engine: &Engine, custom_id: &str, context: &Context) -> Answer {
    Answer::from_result(custom_id, engine.press(custom_id, context))
}
