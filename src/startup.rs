//! What both long-running frontends do first and last: load the content (logging which), start
//! the async runtime, and turn the outcome into an exit code.

use std::process::ExitCode;
use std::sync::Arc;

use seminar_core::engine::{Engine, Source};

/// The engine for `source`, or `None` once the reason was printed.
pub fn load(source: &Source) -> Option<Arc<Engine>> {
    match Engine::open(source) {
        Ok(engine) => {
            let library = engine.library();
            tracing::info!(
                content = engine.content(),
                texts = library.texts.len(),
                sections = library
                    .texts
                    .iter()
                    .map(|t| t.sections.len())
                    .sum::<usize>(),
                "content loaded"
            );
            Some(Arc::new(engine))
        }
        Err(e) => {
            eprintln!(
                "seminar: cannot load the content in {}:\n{e}",
                source.content
            );
            None
        }
    }
}

/// The multi-threaded runtime the bot and the endpoint run on.
pub fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

/// The exit code for an outcome, printing its message or error.
pub fn finish(outcome: Result<Option<String>, String>) -> ExitCode {
    match outcome {
        Ok(message) => {
            if let Some(message) = message {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seminar: {e}");
            ExitCode::FAILURE
        }
    }
}
