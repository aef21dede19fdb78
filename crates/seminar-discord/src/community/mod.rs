//! Study groups: the stateful commands (discussions, reading plans, progress, suggested prompts,
//! server settings) and the scheduler that posts plans, over the store and Discord's REST API.

pub mod claims;
pub mod clock;
pub mod commands;
pub mod discuss;
pub mod mine;
pub mod permissions;
pub mod plan;
pub mod post;
pub mod progress;
pub mod read;
pub mod review;
pub mod schedule;
pub mod scheduler;
pub mod settings;
pub mod spread;
pub mod suggest;

use std::sync::Arc;

use tokio::sync::Notify;

use crate::rest::{Rest, RestError};
use clock::Clock;
use permissions::Caller;
use seminar_core::content::model::{Prompt, PromptId};
use seminar_core::engine::{Context, Engine, Invocation, Reply};
use seminar_store::{GuildSettings, Member, Place, Store, StoreError, Verdict};

/// A failure that is not the user's doing; logged with an id, the user sees an apology.
#[derive(Debug, thiserror::Error)]
pub enum CommunityError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Rest(#[from] RestError),
}

/// A study-group command or button press as received: who, where, what.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The interaction's id: a seed, and a tick that orders prompts shown.
    pub id: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    /// The channel's Discord type, if known.
    pub channel_kind: Option<u8>,
    /// The thread's parent channel, when the channel is a thread.
    pub parent: Option<u64>,
    pub caller: &'a Caller,
    pub invocation: &'a Invocation,
}

/// The study-group services, shared by every frontend and the scheduler.
#[derive(Debug, Clone)]
pub struct Community {
    pub engine: Arc<Engine>,
    pub store: Store,
    pub rest: Rest,
    pub clock: Arc<dyn Clock>,
    /// Woken when a plan changes, so the scheduler looks again.
    pub plans_changed: Arc<Notify>,
}

impl Community {
    /// The study-group services.
    pub fn new(engine: Arc<Engine>, store: Store, rest: Rest, clock: Arc<dyn Clock>) -> Community {
        Community {
            engine,
            store,
            rest,
            clock,
            plans_changed: Arc::new(Notify::new()),
        }
    }

    /// Answers a study-group command. Every reply is private: the public effect is the post.
    pub async fn command(&self, request: &Request<'_>) -> Result<Reply, CommunityError> {
        let Some(guild) = request.guild else {
            return Ok(Reply::user_error(format!(
                "/{} works in a server, where your group reads together.",
                request.invocation.command
            )));
        };
        let name = request.invocation.command.as_str();
        let (Some(spec), Some(command)) = (
            self.engine.spec_of(request.invocation),
            commands::find(name),
        ) else {
            return Ok(Reply::user_error(format!("There is no command /{name}.")));
        };
        // Checked here, from the declaration, whatever the registration says, before anything
        // else is read.
        let settings = self.store.settings(guild).await?;
        if let Some((need, action)) = permissions::need_of(spec, request.invocation)
            && let Err(refusal) = permissions::require(request.caller, need, &settings, action)
        {
            return Ok(*refusal);
        }
        let mut reply = (command.run)(self, guild, request, &settings).await?;
        reply.private = true;
        Ok(reply)
    }

    /// Answers a press of a study-group button (`/review`'s, "I've read it"), or `None` if it is
    /// not one.
    pub async fn press(
        &self,
        request: &Request<'_>,
        custom_id: &str,
    ) -> Option<Result<Reply, CommunityError>> {
        if !is_study_button(custom_id) {
            return None;
        }
        let Some(guild) = request.guild else {
            return Some(Ok(Reply::user_error("This button works in a server.")));
        };
        if let Some(read) = read::Button::decode(custom_id) {
            return Some(read::press(self, guild, request, read).await);
        }
        let action = review::Action::decode(custom_id)?;
        Some(review::press(self, guild, request, action).await)
    }

    /// What the engine should know about the place of an interaction: the reading position
    /// that holds `member` (the asker) back — their own when they set one, else their group's —
    /// and, when a prompt may be shown, the prompts seen and the server's own. Without a member
    /// (a post for the whole group) it is the group's.
    pub async fn context(
        &self,
        guild: Option<u64>,
        channel: u64,
        parent: Option<u64>,
        member: Option<u64>,
        with_prompts: bool,
    ) -> Result<Context, StoreError> {
        let mut context = Context::default();
        match (guild, member) {
            (Some(guild), Some(member)) => {
                let settings = self.store.settings(guild).await?;
                let text = self.text_id(&settings);
                let member = Member {
                    guild,
                    member,
                    text: &text,
                };
                let positions = self.store.positions(member, channel, parent).await?;
                context.reading = positions.own.or(positions.group());
                context.reading_is_own = positions.own.is_some();
            }
            (Some(guild), None) => {
                context.reading = self.store.reading(guild, channel, parent).await?;
            }
            (None, _) => {}
        }
        if with_prompts {
            context.recent_prompts = self.store.prompts_shown(Place::of(guild, channel)).await?;
            if let Some(guild) = guild {
                context.server_prompts = self.server_prompts(guild).await?;
            }
        }
        Ok(context)
    }

    /// The id of the text a server with these settings reads: its choice, else (or if that text
    /// left the library) the library's default. Members' own positions are kept per text.
    pub fn text_id(&self, settings: &GuildSettings) -> String {
        self.engine
            .book_or_default(settings.text.as_deref())
            .text()
            .id
            .clone()
    }

    /// The prompts `guild` approved, as prompts.
    pub async fn server_prompts(&self, guild: u64) -> Result<Vec<Prompt>, StoreError> {
        Ok(self
            .store
            .suggestions(guild, Verdict::Approved)
            .await?
            .into_iter()
            .map(|s| Prompt {
                id: PromptId::server(s.section, s.id),
                text: s.text,
                actors: Vec::new(),
                themes: Vec::new(),
                quote: None,
                from_text: false,
            })
            .collect())
    }

    /// Remembers that these prompts were shown in `guild`, in order, as of `tick`.
    pub async fn record_prompts(
        &self,
        guild: u64,
        prompts: &[PromptId],
        tick: i64,
    ) -> Result<(), StoreError> {
        for (i, prompt) in prompts.iter().enumerate() {
            let tick = tick.saturating_add(i as i64);
            self.store
                .record_prompt(Place::Guild(guild), *prompt, tick)
                .await?;
        }
        Ok(())
    }

    /// Now, in Unix seconds.
    pub fn now_seconds(&self) -> i64 {
        self.clock.now().as_second()
    }
}

/// Whether a button's `custom_id` is a study group's (`/review`'s, "I've read it"), which the
/// community answers rather than the engine.
pub fn is_study_button(custom_id: &str) -> bool {
    review::Action::decode(custom_id).is_some() || read::Button::decode(custom_id).is_some()
}

/// `<#id>`: a channel as Discord shows it.
pub fn channel_mention(id: u64) -> String {
    format!("<#{id}>")
}

/// `<t:…:F> (<t:…:R>)`: an instant as each reader's local date and time, and how far away.
pub fn when(at: jiff::Timestamp) -> String {
    let s = at.as_second();
    format!("<t:{s}:F> (<t:{s}:R>)")
}
