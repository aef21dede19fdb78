//! What answering an interaction takes, as one piece of work the deferral policy can race: for a
//! lookup, the server's settings, the group's state, the engine's step off the async threads and
//! the prompt remembered; for a study-group command or button, the community services.

use std::sync::{Arc, OnceLock};

use crate::community;
use crate::interaction::Incoming;
use seminar_core::answer::{Answer, answer_invocation, answer_press};
use seminar_core::engine::command::PRIVATE;
use seminar_core::engine::commands::CommandSpec;
use seminar_core::engine::{Context, Invocation, Reply, Value as OptionValue};
use seminar_core::errors;
use seminar_store::{GuildSettings, Place};

use super::Responder;

/// A lookup: a command the engine answers, or a press of one of its buttons.
pub(super) enum Lookup {
    Command(Invocation),
    Press(String),
}

impl Responder {
    /// Answers a lookup; `private` learns whether the reply will be private as soon as the
    /// server's settings tell.
    pub(super) async fn lookup(
        &self,
        incoming: &Incoming,
        lookup: Lookup,
        private: &OnceLock<bool>,
    ) -> Answer {
        let engine = Arc::clone(&self.community.engine);
        let (lookup, text) = match lookup {
            Lookup::Command(invocation) => {
                let settings = match incoming.is_user_install() {
                    true => None,
                    false => self.settings(incoming).await,
                };
                let invocation =
                    with_private_default(settings.as_ref(), &invocation, engine.commands());
                let _ = private.set(self.stated_privacy(&invocation) == Some(true));
                (Lookup::Command(invocation), settings.and_then(|s| s.text))
            }
            press => (press, None),
        };
        let (guarded, shows_prompts) = match &lookup {
            Lookup::Command(invocation) => (
                engine.command_is_guarded(invocation),
                engine.command_shows_prompts(invocation),
            ),
            Lookup::Press(custom_id) => (
                engine.press_is_guarded(custom_id),
                engine.press_shows_prompts(custom_id),
            ),
        };
        // Only what can be guarded or show a prompt needs the group's state: the rest of the
        // lookups skip the database.
        let needs_state = (guarded || shows_prompts) && !incoming.is_user_install();
        let state = match needs_state {
            true => self.context(incoming, shows_prompts).await,
            false => Context::default(),
        };
        // A press reads the server's text only if it needs it.
        let text = match (text, matches!(lookup, Lookup::Press(_)) && needs_state) {
            (Some(text), _) => Some(text),
            (None, true) => self.settings(incoming).await.and_then(|s| s.text),
            (None, false) => None,
        };
        let context = Context {
            seed: incoming.id,
            text,
            ..state
        };
        let joined = tokio::task::spawn_blocking(move || match lookup {
            Lookup::Command(invocation) => answer_invocation(&engine, &invocation, &context),
            Lookup::Press(custom_id) => answer_press(&engine, &custom_id, &context),
        })
        .await;
        self.finish(incoming, joined).await
    }

    /// The answer, its prompt remembered; a panic in the engine becomes a logged apology.
    async fn finish(
        &self,
        incoming: &Incoming,
        joined: Result<Answer, tokio::task::JoinError>,
    ) -> Answer {
        let answer = joined.unwrap_or_else(|panic| {
            let error_id = errors::error_id();
            tracing::error!(%error_id, interaction = incoming.id, error = %panic, "the engine panicked");
            Answer {
                reply: Reply::apology(&error_id),
                error_id: Some(error_id),
            }
        });
        // A user's own install keeps nothing: there is no server it belongs to.
        if let Some(prompt) = answer.reply.prompt.filter(|_| !incoming.is_user_install()) {
            let place = Place::of(incoming.guild_id, incoming.channel_id);
            // Snowflake ids grow with time, so they order the prompts as shown.
            let tick = i64::try_from(incoming.id).unwrap_or(i64::MAX);
            if let Err(error) = self
                .community
                .store
                .record_prompt(place, prompt, tick)
                .await
            {
                tracing::warn!(%error, "could not remember the prompt shown");
            }
        }
        answer
    }

    /// What the engine should know about the interaction's place and its member (the reading
    /// position that holds them back, prompts seen); without it if the database fails, which costs the guard and variety, not the answer.
    pub(super) async fn context(&self, incoming: &Incoming, with_prompts: bool) -> Context {
        self.community
            .context(
                incoming.guild_id,
                incoming.channel_id,
                incoming.parent_id,
                Some(incoming.caller.user),
                with_prompts,
            )
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "could not read the group's state");
                Context::default()
            })
    }

    /// The server's settings, or `None` outside a server or when the database fails (which costs
    /// the server's choices, not the answer).
    pub(super) async fn settings(&self, incoming: &Incoming) -> Option<GuildSettings> {
        let guild = incoming.guild_id?;
        match self.community.store.settings(guild).await {
            Ok(settings) => Some(settings),
            Err(error) => {
                tracing::warn!(%error, "could not read the server's settings");
                None
            }
        }
    }

    /// Answers a study-group command, or a press of one of its buttons (`press`, its custom_id).
    pub(super) async fn study(
        &self,
        incoming: &Incoming,
        invocation: &Invocation,
        press: Option<&str>,
    ) -> Answer {
        let request = community::Request {
            id: incoming.id,
            guild: incoming.guild_id,
            channel: incoming.channel_id,
            channel_kind: incoming.channel_kind,
            parent: incoming.parent_id,
            caller: &incoming.caller,
            invocation,
        };
        let label = incoming.request.label();
        match press {
            Some(custom_id) => match self.community.press(&request, custom_id).await {
                Some(result) => Answer::from_result(&label, result),
                None => Answer::shown(Reply::user_error(
                    "This button is not one Seminar understands.",
                )),
            },
            None => Answer::from_result(&label, self.community.command(&request).await),
        }
    }
}

/// The invocation, made private when the server asks for private lookups and the caller did not say.
fn with_private_default(
    settings: Option<&GuildSettings>,
    invocation: &Invocation,
    table: &[CommandSpec],
) -> Invocation {
    let mut invocation = invocation.clone();
    let takes_private = table
        .iter()
        .any(|c| c.name == invocation.command && c.option(PRIVATE.name).is_some());
    if takes_private
        && invocation.get(PRIVATE).is_none()
        && settings.is_some_and(|s| s.private_lookups)
    {
        invocation
            .options
            .push((PRIVATE.name.into(), OptionValue::Boolean(true)));
    }
    invocation
}
