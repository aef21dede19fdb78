//! When a reply is deferred: the whole handling of an interaction, database waits included,
//! races `defer_after`; what is not ready by then is acknowledged at once ("thinking…") and
//! delivered later, as an edit of the placeholder or a private follow-up.

use std::future::Future;
use std::pin::pin;
use std::sync::OnceLock;

use crate::interaction::{Incoming, Request};
use seminar_core::answer::Answer;
use seminar_core::engine::Reply;
use seminar_core::render::discord;

use super::{FirstResponse, Outcome, Responder, outcome_of};

/// How one interaction's reply goes out.
pub(super) struct Delivery<'a> {
    pub incoming: &'a Incoming,
    pub first: &'a FirstResponse,
    /// A button press updates the message it is on; a command gets a message of its own.
    pub press: bool,
    /// Acknowledge before the work even starts: it calls Discord itself, or every reply is
    /// deferred (`defer_after` zero).
    pub defer_first: bool,
    /// Whether a command's reply will be private, once known: a deferral must say so now. Not
    /// known yet, the deferral is public, and a private reply replaces it privately.
    pub private: &'a OnceLock<bool>,
}

impl Responder {
    /// Answers with what `work` gives: as the first response if it is ready within
    /// `defer_after`, else after a deferral. Says whether it deferred.
    pub(super) async fn deliver(
        &self,
        delivery: Delivery<'_>,
        work: impl Future<Output = Answer>,
    ) -> (Outcome, bool) {
        let Delivery {
            incoming,
            first,
            press,
            ..
        } = delivery;
        // Not polled before it is awaited: with `defer_first`, nothing starts before the ack.
        let mut work = pin!(work);
        if !delivery.defer_first
            && let Ok(answer) = tokio::time::timeout(self.defer_after, &mut work).await
        {
            let body = match press {
                true => discord::press_response(&answer.reply),
                false => discord::command_response(&answer.reply),
            };
            let sent = self.callback(incoming, first, &body).await;
            return (self.delivered(&answer, sent), false);
        }
        let private = !press && delivery.private.get().copied().unwrap_or(false);
        let ack = match press {
            true => discord::deferred_update(),
            false => discord::deferred_response(private),
        };
        let acknowledged = self.callback(incoming, first, &ack).await;
        if !matches!(acknowledged, Outcome::Answered) {
            // Nobody can be answered any more: the work is dropped where it stands.
            return (acknowledged, true);
        }
        let answer = work.await;
        let sent = self
            .deliver_late(incoming, &answer.reply, private || press)
            .await;
        (self.delivered(&answer, sent), true)
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
}
