//! Replies as the exact JSON bodies Discord expects: interaction callbacks (types 4 to 9),
//! webhook edits and follow-ups, channel posts; Components V2 messages within every limit and
//! never pinging anyone.

use serde_json::{Value, json};

use crate::engine::{Choice, ChoiceValue, Reply};
use crate::markup::cut;
use crate::render::{components, limits};

/// Callback type: reply with a new message.
pub const CHANNEL_MESSAGE: u8 = 4;
/// Callback type: edit the message the pressed button is on.
pub const UPDATE_MESSAGE: u8 = 7;
/// Callback type: acknowledge now, edit the original response later ("is thinking…").
pub const DEFERRED_CHANNEL_MESSAGE: u8 = 5;
/// Callback type: acknowledge a button press now, edit its message later.
pub const DEFERRED_UPDATE_MESSAGE: u8 = 6;
/// Callback type: autocomplete choices.
pub const AUTOCOMPLETE_RESULT: u8 = 8;
/// Callback type: open a modal (a form).
pub const MODAL: u8 = 9;
/// Message flag: only the person who asked sees it.
pub const EPHEMERAL: u64 = 1 << 6;
/// Message flag: the message is laid out with Components V2 (and has no content or embeds).
/// Once set, an edit may not remove it.
pub const IS_COMPONENTS_V2: u64 = 1 << 15;

/// The callback body answering a slash command.
pub fn command_response(reply: &Reply) -> Value {
    json!({ "type": CHANNEL_MESSAGE, "data": message(reply) })
}

/// The callback body answering a button press: the message is updated in place, except for a
/// private reply (a stale button, say), which comes as a new private message instead of
/// overwriting what everyone sees.
pub fn press_response(reply: &Reply) -> Value {
    if reply.private {
        return command_response(reply);
    }
    json!({ "type": UPDATE_MESSAGE, "data": edit(reply) })
}

/// The callback body that acknowledges a command whose reply comes later by editing the
/// original response; `private` decides now whether that reply will be private.
pub fn deferred_response(private: bool) -> Value {
    if private {
        json!({ "type": DEFERRED_CHANNEL_MESSAGE, "data": { "flags": EPHEMERAL } })
    } else {
        json!({ "type": DEFERRED_CHANNEL_MESSAGE })
    }
}

/// The callback body that acknowledges a button press whose message is edited later.
pub fn deferred_update() -> Value {
    json!({ "type": DEFERRED_UPDATE_MESSAGE })
}

/// The message that replaces an existing one: the body of `PATCH
/// /webhooks/{app}/{token}/messages/@original` after a deferral, and the data of a button's update.
/// Whether it is private was settled when the message was first sent, so of the flags it keeps
/// only `IS_COMPONENTS_V2`, which makes the deferred placeholder a V2 message and which an edit of
/// a V2 message must not drop.
pub fn edit(reply: &Reply) -> Value {
    let mut data = message(reply);
    data["flags"] = json!(IS_COMPONENTS_V2);
    data
}

/// The body of a follow-up message (`POST /webhooks/{app}/{token}`).
pub fn followup(reply: &Reply) -> Value {
    message(reply)
}

/// The body of a message Seminar posts to a channel itself (`POST /channels/{id}/messages`). A
/// `nonce` is enforced: Discord returns the message already made with it instead of a second one.
pub fn channel_message(reply: &Reply, nonce: Option<&str>) -> Value {
    let mut data = edit(reply);
    if let (Some(nonce), Some(object)) = (nonce, data.as_object_mut()) {
        object.insert("nonce".into(), json!(nonce));
        object.insert("enforce_nonce".into(), json!(true));
    }
    data
}

/// The body that opens a forum post (`POST /channels/{forum}/threads`) holding `reply`.
pub fn forum_post(reply: &Reply, name: &str, archive_minutes: u32) -> Value {
    json!({
        "name": cut(name, limits::THREAD_NAME),
        "auto_archive_duration": archive_minutes,
        "message": edit(reply),
    })
}

/// The body that opens a thread on a message (`POST /channels/{id}/messages/{id}/threads`).
pub fn thread_on_message(name: &str, archive_minutes: u32) -> Value {
    json!({ "name": cut(name, limits::THREAD_NAME), "auto_archive_duration": archive_minutes })
}

/// The callback body answering autocomplete.
pub fn autocomplete_response(choices: &[Choice]) -> Value {
    let choices: Vec<Value> = choices
        .iter()
        .take(limits::CHOICES)
        .map(|c| {
            let value = match &c.value {
                ChoiceValue::String(s) => json!(cut(s, limits::CHOICE_NAME)),
                ChoiceValue::Integer(i) => json!(i),
            };
            json!({ "name": cut(&c.name, limits::CHOICE_NAME), "value": value })
        })
        .collect();
    json!({ "type": AUTOCOMPLETE_RESULT, "data": { "choices": choices } })
}

/// The message object of a reply: Components V2 (a container of text displays, sections and
/// separators, then action rows), no `content` or `embeds`, and nobody pinged.
pub fn message(reply: &Reply) -> Value {
    let mut flags = IS_COMPONENTS_V2;
    if reply.private {
        flags |= EPHEMERAL;
    }
    json!({
        "components": components::layout(reply),
        "allowed_mentions": { "parse": [] },
        "flags": flags,
    })
}

/// The footer line of a message Seminar sent, as Discord returns it: the last text of its V2
/// container, or its embed's footer for a message sent before Components V2.
pub fn footer_of(message: &Value) -> Option<String> {
    let components = message["components"].as_array();
    components.and_then(|c| components::footer(c)).or_else(|| {
        message["embeds"][0]["footer"]["text"]
            .as_str()
            .map(str::to_string)
    })
}
