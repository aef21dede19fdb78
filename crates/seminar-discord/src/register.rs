//! Registering the command table with Discord: one bulk overwrite, skipped when Discord already
//! has exactly these commands, so that restarts do not spend Discord's registration rate limit.

use crate::rest::{Rest, RestError};
use seminar_core::engine::Engine;
use seminar_core::render::registration::{Scope, command_registrations, matches};

/// What registration did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    /// Discord already had these commands; nothing was sent.
    Unchanged { commands: usize },
    /// The commands were overwritten.
    Updated { commands: usize },
}

/// Registers the engine's commands globally, or in `guild` (a development server).
pub async fn sync(
    rest: &Rest,
    engine: &Engine,
    application_id: u64,
    guild: Option<u64>,
) -> Result<Registered, RestError> {
    let scope = if guild.is_some() {
        Scope::Guild
    } else {
        Scope::Global
    };
    let desired = command_registrations(engine.commands(), scope);
    let commands = desired.as_array().map_or(0, Vec::len);
    // A host that cannot list commands (an older proxy, say) gets the overwrite regardless.
    let registered = match rest.commands(application_id, guild).await {
        Ok(registered) => registered,
        Err(error) if matches!(error.status(), Some(404 | 405)) => {
            tracing::warn!(%error, "cannot list the registered commands; overwriting them");
            serde_json::Value::Null
        }
        Err(error) => return Err(error),
    };
    if matches(&desired, &registered) {
        tracing::info!(
            commands,
            ?guild,
            "commands already registered; nothing to update"
        );
        return Ok(Registered::Unchanged { commands });
    }
    rest.overwrite_commands(application_id, guild, &desired)
        .await?;
    tracing::info!(commands, ?guild, "commands registered");
    Ok(Registered::Updated { commands })
}
