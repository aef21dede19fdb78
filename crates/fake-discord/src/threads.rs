//! Threads as the bot creates them: on a message (the thread takes the message's id), without a
//! message in a text or announcement channel, and forum posts with their starter message.

use serde_json::json;

use super::channels::{
    ANNOUNCEMENT, ANNOUNCEMENT_THREAD, Call, FORUM, MEDIA, PRIVATE_THREAD, PUBLIC_THREAD, TEXT,
    create_thread,
};
use super::interactions::{checked, new_message, non_empty};
use super::messages::{find_mut, unknown_message};
use super::rest::Reply;
use super::state::{State, StoredMessage};
use super::validate;

/// The message flag Discord sets on a message a thread was started from.
const HAS_THREAD: u64 = 1 << 5;

fn wrong_channel_type() -> Reply {
    Reply::error(400, 50024, "Cannot execute action on this channel type")
}

/// `POST /channels/{id}/messages/{message_id}/threads`: a thread whose id is the message's, in
/// a text (public thread) or announcement channel (announcement thread); 201 with the thread.
pub(super) fn from_message(call: &Call, state: &mut State) -> Reply {
    let kind = match call.kind {
        TEXT => PUBLIC_THREAD,
        ANNOUNCEMENT => ANNOUNCEMENT_THREAD,
        _ => return wrong_channel_type(),
    };
    if call.validate
        && let Err(reply) = checked(&|e| validate::thread(call.body, e))
    {
        return reply;
    }
    let id = call.message_id.unwrap_or(0);
    if find_mut(state, call.channel_id, id).is_none() {
        return unknown_message();
    }
    if state.channels.contains_key(&id) {
        let message = "A thread has already been created for this message";
        return Reply::error(400, 160_004, message);
    }
    let thread = create_thread(state, id, kind, call.channel_id, call.body);
    let message = find_mut(state, call.channel_id, id).expect("the message found above");
    let flags = message["flags"].as_u64().unwrap_or(0);
    message["flags"] = json!(flags | HAS_THREAD);
    message["thread"] = thread.clone();
    Reply::created(thread)
}

/// `POST /channels/{id}/threads`: a forum post in a forum or media channel, else a thread
/// without a message.
pub(super) fn create(call: &Call, state: &mut State) -> Reply {
    match call.kind {
        FORUM | MEDIA => forum_post(call, state),
        TEXT | ANNOUNCEMENT => without_message(call, state),
        _ => wrong_channel_type(),
    }
}

/// A thread without a message. Its `type` defaults to a private thread (12) in API v10, as
/// Discord documents; a text channel takes public (11) and private threads, an announcement
/// channel announcement threads (10, its default here).
fn without_message(call: &Call, state: &mut State) -> Reply {
    let (default, allowed): (u64, &[u64]) = match call.kind {
        ANNOUNCEMENT => (ANNOUNCEMENT_THREAD, &[ANNOUNCEMENT_THREAD]),
        _ => (PRIVATE_THREAD, &[PUBLIC_THREAD, PRIVATE_THREAD]),
    };
    if call.validate
        && let Err(reply) = checked(&|e| validate::thread(call.body, e))
    {
        return reply;
    }
    let kind = call.body["type"].as_u64().unwrap_or(default);
    if !allowed.contains(&kind) {
        return wrong_channel_type();
    }
    let id = state.next_id();
    Reply::created(create_thread(state, id, kind, call.channel_id, call.body))
}

/// A forum post: `name` and a `message` (checked like any message) make a public thread and,
/// inside it, the starter message with the thread's id. 201 with the thread plus `message`.
fn forum_post(call: &Call, state: &mut State) -> Reply {
    let body = call.body;
    let post = &body["message"];
    let id = state.next_id();
    let mut starter = new_message(id, id, post, call.files, false);
    if call.validate {
        let limits = checked(&|e| {
            validate::thread(body, e);
            if post.is_object() {
                validate::message(post, "message", e);
            } else {
                e.add("message", "BASE_TYPE_REQUIRED", "This field is required");
            }
        });
        if let Err(reply) = limits.and_then(|()| non_empty(true, &starter)) {
            return reply;
        }
    }
    if let Some(nonce) = post.get("nonce").filter(|n| !n.is_null()) {
        starter["nonce"] = nonce.clone();
    }
    let created_ms = state.now_ms();
    state.messages.push(StoredMessage {
        channel_id: id,
        message: starter.clone(),
        created_ms,
        nonce: None,
        posted: false,
    });
    let mut thread = create_thread(state, id, PUBLIC_THREAD, call.channel_id, body);
    thread["message"] = starter;
    Reply::created(thread)
}
