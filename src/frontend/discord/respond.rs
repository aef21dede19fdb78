//! Answering one interaction over REST: the engine's reply as the callback, inside Discord's three
//! seconds; deferred ("thinking…") and delivered as an edit when it is slow; one log line each.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::community::{self, Community};
use crate::engine::commands::FIND_IN_TEXT;
use crate::engine::{Context, Invocation, Reply, Value as OptionValue};
use crate::frontend::answer::{Answer, answer_invocation, answer_press};
use crate::frontend::discord::interaction::{Incoming, Request};
use crate::frontend::discord::rest::{ALREADY_ACKNOWLEDGED, Rest, RestError, UNKNOWN_INTERACTION};
use crate::frontend::errors;
use crate::render::discord;
use crate::store::{GuildSettings, Place};

/// How long an interaction token lives; an interaction older than this cannot be answered.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// How an interaction ended.
#[derive(Debug)]
pub enum Outcome {
    /// The reply was delivered.
    Answered,
    /// An internal failure; the user got an apology carrying this id.
    Failed { error_id: String },
    /// The interaction's token had expired; nothing could be sent.
    Expired,
    /// Discord did not take the reply.
    Undelivered(RestError),
}

impl Outcome {
    /// The word in the log line.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Failed { .. } => "failed",
            Outcome::Expired => "expired",
            Outcome::Undelivered(_) => "undelivered",
        }
    }
}

/// Answers interactions: lookups with the engine's replies, study-group commands through the
/// community services.
pub struct Responder {
    community: Community,
    defer_after: Duration,
}

/// Where an interaction's first response goes.
pub enum FirstResponse {
    /// `POST /interactions/{id}/{token}/callback`: interactions that came over the gateway.
    Rest,
    /// The body of the HTTP response to Discord's POST: the interactions endpoint. Anything after
    /// it (an edit after a deferral, a follow-up) still goes over REST.
    Body(Mutex<Option<oneshot::Sender<Value>>>),
}

impl FirstResponse {
    /// A first response for an HTTP request, and where its body arrives.
    pub fn body() -> (FirstResponse, oneshot::Receiver<Value>) {
        let (send, receive) = oneshot::channel();
        (FirstResponse::Body(Mutex::new(Some(send))), receive)
    }
}

/// Engine work that may be slow enough to defer.
enum Work {
    Command(Invocation),
    Press(String),
}

impl Responder {
    /// A responder that keeps state through `community` and defers any reply not ready after
    /// `defer_after` (zero: always).
    pub fn new(community: Community, defer_after: Duration) -> Responder {
        Responder {
            community,
            defer_after,
        }
    }

    /// The REST client replies go through.
    pub fn rest(&self) -> &Rest {
        &self.community.rest
    }

    /// Answers one interaction from the gateway (the first response is a REST callback) and logs
    /// one line about it.
    pub async fn handle(&self, incoming: Incoming) -> Outcome {
        self.handle_with(incoming, FirstResponse::Rest).await
    }

    /// Answers one interaction, sending the first response as `first` says, and logs one line.
    pub async fn handle_with(&self, incoming: Incoming, first: FirstResponse) -> Outcome {
        let started = Instant::now();
        let (outcome, deferred) = self.respond(&incoming, &first).await;
        let latency_ms = started.elapsed().as_millis() as u64;
        let command = incoming.request.label();
        let (id, channel) = (incoming.id, incoming.channel_id);
        let guild = incoming
            .guild_id
            .map_or_else(|| "none".to_string(), |g| g.to_string());
        match &outcome {
            Outcome::Answered => tracing::info!(
                interaction = id, %command, %guild, channel, latency_ms, deferred,
                outcome = outcome.name(), "interaction"
            ),
            Outcome::Failed { error_id } => tracing::error!(
                interaction = id, %command, %guild, channel, latency_ms, deferred,
                outcome = outcome.name(), %error_id, "interaction"
            ),
            Outcome::Expired => tracing::warn!(
                interaction = id, %command, %guild, channel, latency_ms, deferred,
                outcome = outcome.name(), "interaction token expired; dropped"
            ),
            Outcome::Undelivered(error) => tracing::warn!(
                interaction = id, %command, %guild, channel, latency_ms, deferred,
                outcome = outcome.name(), %error, "interaction"
            ),
        }
        outcome
    }

    /// Responds; says whether the response was deferred.
    async fn respond(&self, incoming: &Incoming, first: &FirstResponse) -> (Outcome, bool) {
        if incoming.age(SystemTime::now()) > TOKEN_LIFETIME {
            return (Outcome::Expired, false);
        }
        match &incoming.request {
            Request::Ping => (
                self.callback(incoming, first, &json!({ "type": 1 })).await,
                false,
            ),
            Request::Autocomplete(invocation) => {
                let context = Context {
                    text: self.settings(incoming).await.and_then(|s| s.text),
                    ..Context::default()
                };
                let choices = self.community.engine.complete(invocation, &context);
                let body = discord::autocomplete_response(&choices);
                (self.callback(incoming, first, &body).await, false)
            }
            Request::Unsupported(_) => {
                let reply = Reply::user_error("Seminar does not handle this kind of interaction.");
                let body = discord::command_response(&reply);
                (self.callback(incoming, first, &body).await, false)
            }
            Request::Command(invocation) if Community::handles(&invocation.command) => {
                let deferred = Community::is_slow(invocation);
                (
                    self.study(incoming, first, invocation, None, deferred)
                        .await,
                    deferred,
                )
            }
            Request::Press(custom_id) if community::review::Action::decode(custom_id).is_some() => {
                let invocation = Invocation::new("review");
                let outcome = self
                    .study(incoming, first, &invocation, Some(custom_id), false)
                    .await;
                (outcome, false)
            }
            Request::Command(invocation) => {
                let settings = self.settings(incoming).await;
                let invocation = &with_private_default(
                    settings.as_ref(),
                    invocation,
                    self.community.engine.commands(),
                );
                let text = settings.and_then(|s| s.text);
                let always = invocation.command == FIND_IN_TEXT || self.defer_after.is_zero();
                // Whether the reply will be private must be decided when deferring.
                let private = invocation.command == FIND_IN_TEXT
                    || invocation.boolean("private") == Some(true);
                self.answer(
                    incoming,
                    first,
                    Work::Command(invocation.clone()),
                    always,
                    private,
                    text,
                )
                .await
            }
            Request::Press(custom_id) => {
                let always = self.defer_after.is_zero();
                self.answer(
                    incoming,
                    first,
                    Work::Press(custom_id.clone()),
                    always,
                    false,
                    None,
                )
                .await
            }
        }
    }

    /// Runs the engine off the async threads; answers at once if it is quick, else defers first.
    /// `text` is the server's text when already read (a press reads it only if it needs it).
    #[allow(clippy::too_many_arguments)]
    async fn answer(
        &self,
        incoming: &Incoming,
        first: &FirstResponse,
        work: Work,
        always_defer: bool,
        private: bool,
        text: Option<String>,
    ) -> (Outcome, bool) {
        let is_press = matches!(work, Work::Press(_));
        let engine = Arc::clone(&self.community.engine);
        let (guarded, shows_prompts) = match &work {
            Work::Command(invocation) => (
                engine.command_is_guarded(invocation),
                engine.command_shows_prompts(invocation),
            ),
            Work::Press(custom_id) => (
                engine.press_is_guarded(custom_id),
                engine.press_shows_prompts(custom_id),
            ),
        };
        // Only what can be guarded or show a prompt needs the group's state: the rest of the
        // lookups skip the database.
        let needs_state = guarded || shows_prompts;
        let state = match needs_state {
            true => self.context(incoming, shows_prompts).await,
            false => Context::default(),
        };
        let text = match (text, is_press && needs_state) {
            (Some(text), _) => Some(text),
            (None, true) => self.settings(incoming).await.and_then(|s| s.text),
            (None, false) => None,
        };
        let context = Context {
            seed: incoming.id,
            text,
            ..state
        };
        let mut task = tokio::task::spawn_blocking(move || match work {
            Work::Command(invocation) => answer_invocation(&engine, &invocation, &context),
            Work::Press(custom_id) => answer_press(&engine, &custom_id, &context),
        });
        let quick = match always_defer {
            true => None,
            false => tokio::time::timeout(self.defer_after, &mut task).await.ok(),
        };
        if let Some(joined) = quick {
            let answer = self.finish(incoming, joined).await;
            let body = if is_press {
                discord::press_response(&answer.reply)
            } else {
                discord::command_response(&answer.reply)
            };
            return (
                self.delivered(&answer, self.callback(incoming, first, &body).await),
                false,
            );
        }
        let ack = if is_press {
            discord::deferred_update()
        } else {
            discord::deferred_response(private)
        };
        let acknowledged = self.callback(incoming, first, &ack).await;
        if !matches!(acknowledged, Outcome::Answered) {
            task.abort();
            return (acknowledged, true);
        }
        let answer = self.finish(incoming, task.await).await;
        let sent = self
            .deliver_late(incoming, &answer.reply, private || is_press)
            .await;
        (self.delivered(&answer, sent), true)
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
        if let Some(prompt) = answer.reply.prompt {
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

    /// What the engine should know about the interaction's place (reading position, prompts
    /// seen); without it if the database fails, which costs the guard and variety, not the answer.
    async fn context(&self, incoming: &Incoming, with_prompts: bool) -> Context {
        self.community
            .context(
                incoming.guild_id,
                incoming.channel_id,
                incoming.parent_id,
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
    async fn settings(&self, incoming: &Incoming) -> Option<GuildSettings> {
        let guild = incoming.guild_id?;
        match self.community.store.settings(guild).await {
            Ok(settings) => Some(settings),
            Err(error) => {
                tracing::warn!(%error, "could not read the server's settings");
                None
            }
        }
    }

    /// Answers a study-group command or button: privately, deferred first when it will call
    /// Discord itself.
    async fn study(
        &self,
        incoming: &Incoming,
        first: &FirstResponse,
        invocation: &Invocation,
        press: Option<&str>,
        deferred: bool,
    ) -> Outcome {
        if deferred {
            let acknowledged = self
                .callback(incoming, first, &discord::deferred_response(true))
                .await;
            if !matches!(acknowledged, Outcome::Answered) {
                return acknowledged;
            }
        }
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
        let answer = match press {
            Some(custom_id) => match self.community.press(&request, custom_id).await {
                Some(result) => Answer::from_result(&label, result),
                None => Answer::shown(Reply::user_error(
                    "This button is not one Seminar understands.",
                )),
            },
            None => Answer::from_result(&label, self.community.command(&request).await),
        };
        let sent = if deferred {
            let (app, token) = (incoming.application_id, incoming.token.as_str());
            outcome_of(
                self.community
                    .rest
                    .edit_original(app, token, &discord::edit(&answer.reply))
                    .await,
            )
        } else if press.is_some() {
            self.callback(incoming, first, &discord::press_response(&answer.reply))
                .await
        } else {
            self.callback(incoming, first, &discord::command_response(&answer.reply))
                .await
        };
        self.delivered(&answer, sent)
    }

    /// Delivers a reply after a deferral. A private reply to a deferral that was public (an error
    /// found late) cannot be an edit, which would show it to everyone: the placeholder is deleted
    /// and the reply sent privately instead. Button presses keep their message and get a private
    /// follow-up.
    async fn deliver_late(&self, incoming: &Incoming, reply: &Reply, edit_ok: bool) -> Outcome {
        let (app, token) = (incoming.application_id, incoming.token.as_str());
        let sent = if reply.private && !edit_ok {
            match self.rest().delete_original(app, token).await {
                Ok(()) => {
                    self.rest()
                        .followup(app, token, &discord::followup(reply))
                        .await
                }
                Err(e) => Err(e),
            }
        } else if reply.private && matches!(incoming.request, Request::Press(_)) {
            self.rest()
                .followup(app, token, &discord::followup(reply))
                .await
        } else {
            self.rest()
                .edit_original(app, token, &discord::edit(reply))
                .await
        };
        outcome_of(sent)
    }

    /// Sends the first response: as a REST callback, or as the body of Discord's HTTP request.
    async fn callback(&self, incoming: &Incoming, first: &FirstResponse, body: &Value) -> Outcome {
        match first {
            FirstResponse::Rest => outcome_of(
                self.rest()
                    .callback(incoming.id, &incoming.token, body)
                    .await,
            ),
            FirstResponse::Body(slot) => {
                let sender = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                match sender.map(|s| s.send(body.clone())) {
                    Some(Ok(())) => Outcome::Answered,
                    // The HTTP request ended first (it timed out, or Discord hung up).
                    _ => Outcome::Undelivered(RestError::Transport {
                        method: "POST",
                        route: "/interactions".into(),
                        detail: "the HTTP request ended before the answer".into(),
                    }),
                }
            }
        }
    }

    /// The outcome of an answer that was sent: a failure's id wins over a delivered apology.
    fn delivered(&self, answer: &Answer, sent: Outcome) -> Outcome {
        match (&answer.error_id, sent) {
            (Some(error_id), Outcome::Answered) => Outcome::Failed {
                error_id: error_id.clone(),
            },
            (_, sent) => sent,
        }
    }
}

fn outcome_of(sent: Result<(), RestError>) -> Outcome {
    match sent {
        Ok(()) => Outcome::Answered,
        // A retry after a lost answer finds the interaction answered already.
        Err(e) if e.code() == Some(ALREADY_ACKNOWLEDGED) => Outcome::Answered,
        Err(e) if e.code() == Some(UNKNOWN_INTERACTION) => Outcome::Expired,
        Err(e) => Outcome::Undelivered(e),
    }
}

/// The invocation, made private when the server asks for private lookups and the caller did not say.
fn with_private_default(
    settings: Option<&GuildSettings>,
    invocation: &Invocation,
    table: &[crate::engine::commands::CommandSpec],
) -> Invocation {
    let mut invocation = invocation.clone();
    let takes_private = table
        .iter()
        .any(|c| c.name == invocation.command && c.option("private").is_some());
    if takes_private
        && invocation.boolean("private").is_none()
        && settings.is_some_and(|s| s.private_lookups)
    {
        invocation
            .options
            .push(("private".into(), OptionValue::Boolean(true)));
    }
    invocation
}
