//! Messages in channels: the bot posting (with Discord's `enforce_nonce` de-duplication),
//! reading history the way Discord pages it, one message by id, and pins (current and legacy
//! routes).

use serde_json::{Value, json};

use super::channels::{Call, FORUM, MEDIA};
use super::ids::{id_of, rfc3339};
use super::interactions::{checked, form_error, new_message, non_empty};
use super::payloads::BOT_USER_ID;
use super::rest::Reply;
use super::state::{State, StoredMessage};
use super::validate::{self, Errors};

/// How long Discord remembers a nonce for `enforce_nonce`: "the past few minutes", 5 here.
const NONCE_WINDOW_MS: u64 = 5 * 60 * 1000;
/// The message flag of ephemeral messages, which only their user sees.
const EPHEMERAL: u64 = 1 << 6;

pub(super) fn unknown_message() -> Reply {
    Reply::error(404, 10008, "Unknown Message")
}

/// A nonce (string or integer) as a string, the way it is compared.
fn nonce_key(nonce: &Value) -> Option<String> {
    match nonce {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `POST /channels/{id}/messages`: the bot posting on its own. With `enforce_nonce` and a nonce
/// the bot already used in this channel within 5 minutes, Discord answers with that message and
/// creates nothing.
pub(super) fn create(call: &Call, state: &mut State) -> Reply {
    if matches!(call.kind, FORUM | MEDIA) {
        return Reply::error(400, 50008, "Cannot send messages in a non-text channel");
    }
    let body = call.body;
    let id = state.next_id();
    let mut message = new_message(id, call.channel_id, body, call.files, false);
    if call.validate {
        let limits = checked(&|e| {
            validate::message(body, "", e);
            validate::nonce(body, e);
        });
        if let Err(reply) = limits.and_then(|()| non_empty(true, &message)) {
            return reply;
        }
    }
    let nonce = nonce_key(&body["nonce"]);
    if body["enforce_nonce"].as_bool() == Some(true)
        && let Some(nonce) = &nonce
    {
        let now = state.now_ms();
        let earlier = state.messages.iter().find(|m| {
            m.channel_id == call.channel_id
                && m.nonce.as_ref() == Some(nonce)
                && id_of(&m.message["author"]["id"]) == Some(BOT_USER_ID)
                && now.saturating_sub(m.created_ms) < NONCE_WINDOW_MS
        });
        if let Some(earlier) = earlier {
            return Reply::ok(earlier.message.clone());
        }
    }
    if nonce.is_some() {
        message["nonce"] = body["nonce"].clone();
    }
    let created_ms = state.now_ms();
    state.messages.push(StoredMessage {
        channel_id: call.channel_id,
        message: message.clone(),
        created_ms,
        nonce,
        posted: true,
    });
    Reply::ok(message)
}

/// Whether an interaction's message is in the channel for everyone (not ephemeral).
fn is_public(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL == 0
}

/// Message `id` of channel `channel`, for changing it: a stored message, or a non-ephemeral
/// interaction response (those are channel messages on Discord too).
pub(super) fn find_mut(state: &mut State, channel: u64, id: u64) -> Option<&mut Value> {
    let is_it = |m: &Value| id_of(&m["id"]) == Some(id) && id_of(&m["channel_id"]) == Some(channel);
    let stored = state.messages.iter().position(|m| is_it(&m.message));
    if let Some(at) = stored {
        return Some(&mut state.messages[at].message);
    }
    let responses = state.interactions.values_mut();
    responses
        .flat_map(|i| i.original.iter_mut().chain(i.followups.iter_mut()))
        .find(|m| is_public(m) && is_it(m))
}

/// Every message of a channel as a bot reading it sees them, oldest first: the stored ones and
/// the non-ephemeral interaction responses.
pub(super) fn visible(state: &State, channel: u64) -> Vec<Value> {
    let in_channel = |m: &&Value| id_of(&m["channel_id"]) == Some(channel);
    let stored = state.messages.iter().map(|m| &m.message);
    let responses = state
        .interactions
        .values()
        .flat_map(|i| i.original.iter().chain(i.followups.iter()))
        .filter(|m| is_public(m));
    let mut all: Vec<Value> = stored
        .chain(responses)
        .filter(in_channel)
        .cloned()
        .collect();
    all.sort_by_key(|m| id_of(&m["id"]));
    all
}

/// A query parameter's raw value.
fn param<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    let pairs = query?.split('&');
    pairs
        .into_iter()
        .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
}

fn query_error(key: &str, code: &'static str, message: String) -> Reply {
    let mut errors = Errors::default();
    errors.add(key, code, message);
    form_error(&errors)
}

/// A snowflake query parameter.
fn snowflake_param(query: Option<&str>, key: &str) -> Result<Option<u64>, Reply> {
    match param(query, key) {
        None => Ok(None),
        Some(raw) => raw.parse().map(Some).map_err(|_| {
            let message = format!("Value \"{raw}\" is not snowflake.");
            query_error(key, "NUMBER_TYPE_COERCE", message)
        }),
    }
}

/// `limit`: 1..=100, 50 by default.
fn limit_param(query: Option<&str>) -> Result<usize, Reply> {
    let Some(raw) = param(query, "limit") else {
        return Ok(50);
    };
    match raw.parse::<i64>() {
        Ok(n) if n > 100 => Err(query_error(
            "limit",
            "NUMBER_TYPE_MAX",
            "int value should be less than or equal to 100.".into(),
        )),
        Ok(n) if n < 1 => Err(query_error(
            "limit",
            "NUMBER_TYPE_MIN",
            "int value should be greater than or equal to 1.".into(),
        )),
        Ok(n) => Ok(usize::try_from(n).expect("1..=100")),
        Err(_) => {
            let message = format!("Value \"{raw}\" is not int.");
            Err(query_error("limit", "NUMBER_TYPE_COERCE", message))
        }
    }
}

/// `GET /channels/{id}/messages?around|before|after=&limit=`: newest first, as Discord answers.
/// `after` gives the `limit` messages right after that id (still newest first), `before` the
/// `limit` right before it, `around` those around it, none the newest `limit`. A forum has no
/// messages of its own: an empty list.
pub(super) fn list(call: &Call, state: &mut State) -> Reply {
    let paging = (|| {
        let limit = limit_param(call.query)?;
        let around = snowflake_param(call.query, "around")?;
        let before = snowflake_param(call.query, "before")?;
        let after = snowflake_param(call.query, "after")?;
        Ok::<_, Reply>((limit, around, before, after))
    })();
    let (limit, around, before, after) = match paging {
        Ok(paging) => paging,
        Err(reply) => return reply,
    };
    let all = visible(state, call.channel_id);
    let first_from = |id: u64| all.partition_point(|m| id_of(&m["id"]).unwrap_or(0) < id);
    let (start, end) = if let Some(around) = around {
        let start = first_from(around).saturating_sub(limit / 2);
        (start, (start + limit).min(all.len()))
    } else if let Some(before) = before {
        let end = first_from(before);
        (end.saturating_sub(limit), end)
    } else if let Some(after) = after {
        let start = first_from(after.saturating_add(1));
        (start, (start + limit).min(all.len()))
    } else {
        (all.len().saturating_sub(limit), all.len())
    };
    let page: Vec<Value> = all[start..end].iter().rev().cloned().collect();
    Reply::ok(Value::Array(page))
}

/// `GET /channels/{id}/messages/{message_id}`.
pub(super) fn get(call: &Call, state: &mut State) -> Reply {
    let id = call.message_id;
    let found = id.and_then(|id| find_mut(state, call.channel_id, id));
    found.map_or_else(unknown_message, |m| Reply::ok(m.clone()))
}

/// `PUT /channels/{id}/messages/pins/{message_id}` (and the legacy `/pins/{message_id}`): 204,
/// also when it already is pinned.
pub(super) fn pin(call: &Call, state: &mut State) -> Reply {
    let now = state.now_ms();
    let id = call.message_id.unwrap_or(0);
    let Some(message) = find_mut(state, call.channel_id, id) else {
        return unknown_message();
    };
    message["pinned"] = json!(true);
    let pins = state.pins.entry(call.channel_id).or_default();
    if !pins.iter().any(|(pinned, _)| *pinned == id) {
        pins.push((id, now));
    }
    Reply::no_content()
}

/// `DELETE /channels/{id}/messages/pins/{message_id}` (and the legacy route): 204.
pub(super) fn unpin(call: &Call, state: &mut State) -> Reply {
    let id = call.message_id.unwrap_or(0);
    let Some(message) = find_mut(state, call.channel_id, id) else {
        return unknown_message();
    };
    message["pinned"] = json!(false);
    if let Some(pins) = state.pins.get_mut(&call.channel_id) {
        pins.retain(|(pinned, _)| *pinned != id);
    }
    Reply::no_content()
}

/// The pinned messages of a channel with their pin times, most recently pinned first.
fn pinned(state: &State, channel: u64) -> Vec<(Value, u64)> {
    let messages = visible(state, channel);
    let pins = state.pins.get(&channel).into_iter().flatten().rev();
    pins.filter_map(|(id, at)| {
        let message = messages.iter().find(|m| id_of(&m["id"]) == Some(*id))?;
        Some((message.clone(), *at))
    })
    .collect()
}

/// `GET /channels/{id}/messages/pins`: `{items: [{pinned_at, message}], has_more}`.
pub(super) fn pins(call: &Call, state: &mut State) -> Reply {
    let items: Vec<Value> = pinned(state, call.channel_id)
        .into_iter()
        .map(|(message, at)| json!({ "pinned_at": rfc3339(at), "message": message }))
        .collect();
    Reply::ok(json!({ "items": items, "has_more": false }))
}

/// `GET /channels/{id}/pins` (legacy, what serenity 0.12.5 calls): the pinned messages.
pub(super) fn pins_legacy(call: &Call, state: &mut State) -> Reply {
    let messages = pinned(state, call.channel_id).into_iter().map(|(m, _)| m);
    Reply::ok(Value::Array(messages.collect()))
}
