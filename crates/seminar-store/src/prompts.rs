//! Which prompts each place has seen, oldest first, so that prompts cycle through all of them
//! before any repeats, even across restarts.

use crate::{Store, StoreError, on_pool};
use seminar_core::content::model::PromptId;

/// Where prompts are remembered: a whole server, or a channel outside any server (a DM).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Guild(u64),
    Channel(u64),
}

impl Place {
    /// The server if there is one, else the channel.
    pub fn of(guild: Option<u64>, channel: u64) -> Place {
        guild.map_or(Place::Channel(channel), Place::Guild)
    }

    /// The server, when the place is one.
    pub(crate) fn guild(self) -> Option<u64> {
        match self {
            Place::Guild(id) => Some(id),
            Place::Channel(_) => None,
        }
    }

    pub(crate) fn key(self) -> String {
        match self {
            Place::Guild(id) => format!("guild:{id}"),
            Place::Channel(id) => format!("channel:{id}"),
        }
    }
}

impl Store {
    /// The prompts shown in `place`, the one shown longest ago first.
    pub async fn prompts_shown(&self, place: Place) -> Result<Vec<PromptId>, StoreError> {
        let sql = "SELECT prompt FROM prompt_usage WHERE scope = $1 ORDER BY used_at, prompt";
        let rows: Vec<String> = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(place.key())
            .fetch_all(pool)
            .await?);
        // A prompt id that no longer parses (content changed) is simply forgotten.
        Ok(rows.iter().filter_map(|p| p.parse().ok()).collect())
    }

    /// Records that `prompt` was shown in `place` at `tick` (any increasing number).
    pub async fn record_prompt(
        &self,
        place: Place,
        prompt: PromptId,
        tick: i64,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO prompt_usage (scope, prompt, used_at) VALUES ($1, $2, $3)
             ON CONFLICT (scope, prompt) DO UPDATE SET used_at = excluded.used_at";
        on_pool!(self, pool => sqlx::query(sql)
            .bind(place.key())
            .bind(prompt.to_string())
            .bind(tick)
            .execute(pool)
            .await?
            .rows_affected());
        self.confirmed(())
    }
}
