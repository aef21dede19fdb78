//! Replies as the exact JSON bodies Discord expects: interaction callbacks (types 4, 7 and 8) and
//! command registrations, within every limit and never pinging anyone.

use serde_json::{Value, json};

use crate::engine::{ButtonStyle, Choice, ChoiceValue, Reply};
use crate::markup::cut;
use crate::render::limits;

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
/// Message flag: only the person who asked sees it.
pub const EPHEMERAL: u64 = 1 << 6;
/// The accent colour of Seminar's embeds.
const COLOR: u32 = 0x4F6D7A;

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
/// Whether it is private was settled when the message was first sent, so it has no flags.
pub fn edit(reply: &Reply) -> Value {
    let mut data = message(reply);
    if let Some(object) = data.as_object_mut() {
        object.remove("flags");
    }
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

/// The message object of a reply: an embed when it has structure, plain content otherwise.
pub fn message(reply: &Reply) -> Value {
    let mut data = serde_json::Map::new();
    if is_plain(reply) {
        data.insert(
            "content".into(),
            json!(cut(non_empty(&reply.body), limits::CONTENT)),
        );
        data.insert("embeds".into(), json!([]));
    } else {
        data.insert("content".into(), json!(""));
        data.insert("embeds".into(), json!([embed(reply)]));
    }
    data.insert("components".into(), json!(components(reply)));
    data.insert("allowed_mentions".into(), json!({ "parse": [] }));
    if reply.private {
        data.insert("flags".into(), json!(EPHEMERAL));
    }
    Value::Object(data)
}

fn is_plain(reply: &Reply) -> bool {
    reply.title.is_none() && reply.entries.is_empty() && reply.footer.is_none()
}

fn non_empty(text: &str) -> &str {
    if text.trim().is_empty() { "…" } else { text }
}

/// One embed, cut to fit each limit and the 6000-character total: later fields go first, then
/// the description is shortened.
fn embed(reply: &Reply) -> Value {
    let title = reply.title.as_deref().map(|t| cut(t, limits::EMBED_TITLE));
    let footer = reply.footer.as_deref().map(|f| cut(f, limits::FOOTER));
    let mut description = cut(&reply.body, limits::EMBED_DESCRIPTION);
    let mut fields: Vec<(String, String)> = reply
        .entries
        .iter()
        .filter(|e| !e.heading.trim().is_empty() || !e.text.trim().is_empty())
        .take(limits::EMBED_FIELDS)
        .map(|e| {
            (
                cut(non_empty(&e.heading), limits::FIELD_NAME),
                cut(non_empty(&e.text), limits::FIELD_VALUE),
            )
        })
        .collect();
    let fixed = title.as_deref().map_or(0, chars) + footer.as_deref().map_or(0, chars);
    let total = |description: &str, fields: &[(String, String)]| {
        fixed
            + chars(description)
            + fields
                .iter()
                .map(|(n, v)| chars(n) + chars(v))
                .sum::<usize>()
    };
    while total(&description, &fields) > limits::EMBEDS_TOTAL && !fields.is_empty() {
        fields.pop();
    }
    let over = total(&description, &fields).saturating_sub(limits::EMBEDS_TOTAL);
    if over > 0 {
        description = cut(&description, chars(&description).saturating_sub(over));
    }
    let mut embed = serde_json::Map::new();
    if let Some(title) = title {
        embed.insert("title".into(), json!(title));
    }
    if !description.is_empty() {
        embed.insert("description".into(), json!(description));
    }
    embed.insert("color".into(), json!(COLOR));
    if !fields.is_empty() {
        let fields: Vec<Value> = fields
            .into_iter()
            .map(|(name, value)| json!({ "name": name, "value": value, "inline": false }))
            .collect();
        embed.insert("fields".into(), json!(fields));
    }
    if let Some(footer) = footer {
        embed.insert("footer".into(), json!({ "text": footer }));
    }
    Value::Object(embed)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn components(reply: &Reply) -> Vec<Value> {
    reply
        .buttons
        .iter()
        .filter(|row| !row.is_empty())
        .take(limits::ACTION_ROWS)
        .map(|row| {
            let buttons: Vec<Value> = row
                .iter()
                .take(limits::BUTTONS_PER_ROW)
                .map(|b| {
                    json!({
                        "type": 2,
                        "style": match b.style { ButtonStyle::Primary => 1, ButtonStyle::Secondary => 2 },
                        "label": cut(&b.label, limits::BUTTON_LABEL),
                        "custom_id": b.custom_id.chars().take(limits::CUSTOM_ID).collect::<String>(),
                        "disabled": b.disabled,
                    })
                })
                .collect();
            json!({ "type": 1, "components": buttons })
        })
        .collect()
}
