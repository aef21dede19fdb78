//! The command line's memory of recently shown prompts, so that two `seminar ask '/question'` runs
//! in a row never show the same one: a small file in the temp directory, kept on a best-effort basis.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use seminar_core::content::model::PromptId;
use seminar_core::engine::Context;

/// How many recent prompts are remembered.
pub const KEEP: usize = 20;

/// The memory file: in `SEMINAR_STATE_DIR` when set, else in the temp directory.
fn path() -> PathBuf {
    std::env::var_os("SEMINAR_STATE_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(std::env::temp_dir, PathBuf::from)
        .join("seminar-recent-prompts")
}

/// A fresh context: a seed from the clock and the remembered prompts.
pub fn context() -> Context {
    Context {
        seed: clock_seed(),
        recent_prompts: load(),
        ..Context::default()
    }
}

/// A seed that differs from run to run.
pub fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ u64::from(std::process::id()).rotate_left(32)
}

fn load() -> Vec<PromptId> {
    std::fs::read_to_string(path())
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.trim().parse().ok())
        .collect()
}

/// Remembers a shown prompt (a failure to write is only logged: variety is not worth an error).
pub fn remember(prompt: Option<PromptId>) {
    let Some(prompt) = prompt else { return };
    let mut recent = load();
    push(&mut recent, prompt);
    let text: String = recent.iter().map(|p| format!("{p}\n")).collect();
    if let Err(e) = std::fs::write(path(), text) {
        tracing::debug!(error = %e, "could not remember the prompt shown");
    }
}

/// Appends `prompt` to `recent`, keeping the last `KEEP`.
pub fn push(recent: &mut Vec<PromptId>, prompt: PromptId) {
    recent.retain(|p| *p != prompt);
    recent.push(prompt);
    if recent.len() > KEEP {
        recent.drain(..recent.len() - KEEP);
    }
}
