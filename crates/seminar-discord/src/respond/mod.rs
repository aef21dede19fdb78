//! Answering one interaction over REST: the reply as the callback, inside Discord's three
//! seconds; deferred ("thinking…") and delivered as an edit when it is slow, whatever makes it
//! slow (the engine, the database, Discord); one log line each.

mod deferral;
mod handling;

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::community::{self, Community};
use crate::interaction::{Incoming, Request};
use crate::rest::{ALREADY_ACKNOWLEDGED, Rest, RestError, UNKNOWN_INTERACTION};
use deferral::Delivery;
use handling::Lookup;
use seminar_core::answer::Answer;
use seminar_core::engine::command::{PRIVATE, ReplyTraits};
use seminar_core::engine::{Choice, Context, Invocation, Reply, form};
use seminar_core::render::{discord, modal};

/// How long an interaction token lives; an interaction older than this cannot be answered.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// How long autocomplete waits for the server's settings (its text). Autocomplete cannot be
/// deferred: past this it suggests from the default text rather than not at all.
const AUTOCOMPLETE_WAIT: Duration = Duration::from_secs(1);

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

impl Responder {
    /// A responder that keeps state through `community` and defers any reply not ready after
    /// `defer_after` (zero: always), counted from the start of its handling.
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
        let always = self.defer_after.is_zero();
        let private = OnceLock::new();
        let delivery = |press: bool, defer_first: bool| Delivery {
            incoming,
            first,
            press,
            defer_first,
            private: &private,
        };
        match &incoming.request {
            Request::Ping => (
                self.callback(incoming, first, &json!({ "type": 1 })).await,
                false,
            ),
            Request::Autocomplete(invocation) => {
                let body =
                    discord::autocomplete_response(&self.complete(incoming, invocation).await);
                (self.callback(incoming, first, &body).await, false)
            }
            Request::Unsupported(_) => {
                let reply = Reply::user_error("Seminar does not handle this kind of interaction.");
                let body = discord::command_response(&reply);
                (self.callback(incoming, first, &body).await, false)
            }
            // Study groups keep a server's state: a user's own install has none to use.
            Request::Command(invocation)
                if incoming.is_user_install() && self.declared(invocation).study_group =>
            {
                let reply = Reply::user_error(format!(
                    "/{} works in a server that added Seminar, where your group reads together.",
                    invocation.command
                ));
                let body = discord::command_response(&reply);
                (self.callback(incoming, first, &body).await, false)
            }
            // A form opens at once: a modal cannot follow a deferral.
            Request::Command(invocation)
                if self.declared(invocation).study_group && incoming.guild_id.is_some() =>
            {
                if let Some(form) = self.form(incoming, invocation).await {
                    // serenity reads a submitted Label's field only from the raw body, which
                    // the HTTP endpoint has and the gateway does not.
                    let shape = match first {
                        FirstResponse::Rest => modal::Shape::Rows,
                        FirstResponse::Body(_) => modal::Shape::Labels,
                    };
                    let body = modal::modal_response(&form, shape);
                    return (self.callback(incoming, first, &body).await, false);
                }
                let _ = private.set(true);
                let first = self.defers_first(invocation);
                let work = self.study(incoming, invocation, None);
                self.deliver(delivery(false, always || first), work).await
            }
            // A submitted form is the command it stands for, with the same checks and reply.
            Request::Submit { custom_id, values } => {
                let _ = private.set(true);
                let Some(invocation) = form::submitted(custom_id, values) else {
                    let reply = Reply::user_error("This form is not one Seminar understands.");
                    let body = discord::command_response(&reply);
                    return (self.callback(incoming, first, &body).await, false);
                };
                let work = async move { self.study(incoming, &invocation, None).await };
                self.deliver(delivery(false, always), work).await
            }
            // Routed by the command's declaration: study-group replies are private (their public
            // effect is the post); a command that calls Discord itself is acknowledged first.
            Request::Command(invocation) if self.declared(invocation).study_group => {
                let _ = private.set(true);
                let first = self.defers_first(invocation);
                let work = self.study(incoming, invocation, None);
                self.deliver(delivery(false, always || first), work).await
            }
            Request::Press(custom_id)
                if incoming.is_user_install() && community::is_study_button(custom_id) =>
            {
                let reply = Reply::user_error("This button works in a server that added Seminar.");
                let body = discord::command_response(&reply);
                (self.callback(incoming, first, &body).await, false)
            }
            Request::Press(custom_id) if community::is_study_button(custom_id) => {
                let invocation = Invocation::new("review");
                let work = self.study(incoming, &invocation, Some(custom_id));
                self.deliver(delivery(true, always), work).await
            }
            Request::Command(invocation) => {
                if let Some(stated) = self.stated_privacy(invocation) {
                    let _ = private.set(stated);
                }
                let first = self.defers_first(invocation);
                let lookup = Lookup::Command(invocation.clone());
                let work = self.lookup(incoming, lookup, &private);
                self.deliver(delivery(false, always || first), work).await
            }
            Request::Press(custom_id) => {
                let work = self.lookup(incoming, Lookup::Press(custom_id.clone()), &private);
                self.deliver(delivery(true, always), work).await
            }
        }
    }

    /// How the command's reply goes out, as declared; an unknown command's like a lookup's.
    fn declared(&self, invocation: &Invocation) -> ReplyTraits {
        self.community
            .engine
            .spec_of(invocation)
            .map(|spec| spec.reply)
            .unwrap_or_default()
    }

    /// Whether the command is acknowledged before its work starts, as declared.
    fn defers_first(&self, invocation: &Invocation) -> bool {
        self.community
            .engine
            .spec_of(invocation)
            .is_some_and(|spec| spec.defer_first(invocation))
    }

    /// Whether the reply to a command will be private, when the command itself says: it is
    /// declared always private, or its `private` option is given (without it, the server's
    /// settings decide).
    fn stated_privacy(&self, invocation: &Invocation) -> Option<bool> {
        match self.declared(invocation).always_private {
            true => Some(true),
            false => invocation.get(PRIVATE),
        }
    }

    /// The form the command opens instead of an answer, if any, preselected from the group's
    /// reading position in the server's text when they come in time (a modal cannot be deferred).
    async fn form(&self, incoming: &Incoming, invocation: &Invocation) -> Option<form::Form> {
        let engine = &self.community.engine;
        // Cheap first: most commands open no form, and need no database read to say so.
        engine.form(invocation, &Context::default())?;
        let read = async {
            let settings = self.settings(incoming).await;
            let state = self.context(incoming, false).await;
            Context {
                text: settings.and_then(|s| s.text),
                ..state
            }
        };
        let context = tokio::time::timeout(AUTOCOMPLETE_WAIT, read)
            .await
            .unwrap_or_else(|_| {
                tracing::warn!("the group's state took too long; the form preselects nothing");
                Context::default()
            });
        engine.form(invocation, &context)
    }

    /// Autocomplete choices, in the server's text if its settings come in time.
    async fn complete(&self, incoming: &Incoming, invocation: &Invocation) -> Vec<Choice> {
        let settings = tokio::time::timeout(AUTOCOMPLETE_WAIT, self.settings(incoming))
            .await
            .unwrap_or_else(|_| {
                tracing::warn!(
                    "the server's settings took too long; suggesting from the default text"
                );
                None
            });
        let context = Context {
            text: settings.and_then(|s| s.text),
            ..Context::default()
        };
        self.community.engine.complete(invocation, &context)
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
