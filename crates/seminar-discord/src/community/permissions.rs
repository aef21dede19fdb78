//! Who may run what: the member's permissions in the channel and the server's moderator role,
//! checked at run time whatever the registration says, with a refusal that says what is needed.

use seminar_core::engine::commands::permission::{ADMINISTRATOR, MANAGE_GUILD, MANAGE_THREADS};
use seminar_core::engine::commands::{Access, CommandSpec};
use seminar_core::engine::{Invocation, Reply};
use seminar_store::GuildSettings;

/// Who sent an interaction, and what they may do where they sent it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caller {
    pub user: u64,
    /// Their permissions in the channel (server members only).
    pub permissions: Option<u64>,
    /// Their roles (server members only).
    pub roles: Vec<u64>,
}

/// What a command asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Manage Threads, or the moderator role: discussions, plans, reviews, progress.
    Moderator,
    /// Manage Server: settings (the moderator role is not enough, or it could grant itself).
    ManageServer,
}

impl Caller {
    fn has(&self, bits: u64) -> bool {
        self.permissions
            .is_some_and(|p| p & ADMINISTRATOR != 0 || p & bits == bits)
    }

    /// Whether the caller may do what `need` guards.
    pub fn may(&self, need: Need, settings: &GuildSettings) -> bool {
        match need {
            Need::Moderator => {
                self.has(MANAGE_THREADS)
                    || settings
                        .moderator_role
                        .is_some_and(|role| self.roles.contains(&role))
            }
            Need::ManageServer => self.has(MANAGE_GUILD),
        }
    }
}

/// What `invocation` of the command `spec` declares asks of its caller ([`CommandSpec::access_for`]),
/// and how a refusal names the action; `None` for what anyone may do (looking at progress,
/// suggesting a prompt).
pub fn need_of(spec: &CommandSpec, invocation: &Invocation) -> Option<(Need, &'static str)> {
    match spec.access_for(invocation) {
        Access::Everyone => None,
        Access::Moderators { to } => Some((Need::Moderator, to)),
        Access::ServerManagers { to } => Some((Need::ManageServer, to)),
    }
}

/// `Ok` if the caller may, else the private refusal naming what is needed for `action`.
pub fn require(
    caller: &Caller,
    need: Need,
    settings: &GuildSettings,
    action: &str,
) -> Result<(), Box<Reply>> {
    if caller.may(need, settings) {
        return Ok(());
    }
    let needed = match (need, settings.moderator_role) {
        (Need::Moderator, Some(role)) => {
            format!("the Manage Threads permission or the <@&{role}> role")
        }
        (Need::Moderator, None) => "the Manage Threads permission".to_string(),
        (Need::ManageServer, _) => "the Manage Server permission".to_string(),
    };
    Err(Box::new(Reply::user_error(format!(
        "Only moderators can {action}: it needs {needed}."
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(permissions: u64, roles: &[u64]) -> Caller {
        Caller {
            user: 1,
            permissions: Some(permissions),
            roles: roles.to_vec(),
        }
    }

    #[test]
    fn manage_threads_makes_a_moderator() {
        let settings = GuildSettings::default();
        assert!(member(MANAGE_THREADS, &[]).may(Need::Moderator, &settings));
        assert!(!member(MANAGE_THREADS, &[]).may(Need::ManageServer, &settings));
    }

    #[test]
    fn the_moderator_role_makes_a_moderator_but_not_an_admin() {
        let settings = GuildSettings {
            moderator_role: Some(77),
            ..GuildSettings::default()
        };
        assert!(member(0, &[77]).may(Need::Moderator, &settings));
        assert!(!member(0, &[77]).may(Need::ManageServer, &settings));
        assert!(!member(0, &[78]).may(Need::Moderator, &settings));
    }

    #[test]
    fn administrators_may_do_anything() {
        let settings = GuildSettings::default();
        assert!(member(ADMINISTRATOR, &[]).may(Need::Moderator, &settings));
        assert!(member(ADMINISTRATOR, &[]).may(Need::ManageServer, &settings));
    }

    #[test]
    fn a_caller_without_permissions_is_refused_with_what_is_needed() {
        let settings = GuildSettings {
            moderator_role: Some(77),
            ..GuildSettings::default()
        };
        let refusal = require(
            &Caller::default(),
            Need::Moderator,
            &settings,
            "start a plan",
        )
        .expect_err("refused");
        assert!(refusal.private);
        assert_eq!(
            refusal.body,
            "Only moderators can start a plan: it needs the Manage Threads permission or the <@&77> role."
        );
    }
}
