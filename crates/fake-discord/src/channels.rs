//! The channel model: the channels the fake knows, who may see them (hidden: 403, deleted or
//! unknown: 404), the channel object `GET /channels/{id}` answers, and the routing of every
//! `/channels/{id}/...` endpoint.

use serde_json::{Value, json};

use super::ids::{id_of, rfc3339, snowflake_ms};
use super::options::channel_name;
use super::payloads::{
    BOT_USER_ID, CHANNEL_ID, DM_CHANNEL_ID, FORUM_ID, GUILD_ID, OTHER_CHANNEL_ID, THREAD_ID,
    USER_ID, user_object,
};
use super::rest::{Incoming, Reply};
use super::state::{Shared, State};
use super::{messages, threads};

pub(super) const TEXT: u64 = 0;
pub(super) const DM: u64 = 1;
pub(super) const ANNOUNCEMENT: u64 = 5;
pub(super) const ANNOUNCEMENT_THREAD: u64 = 10;
pub(super) const PUBLIC_THREAD: u64 = 11;
pub(super) const PRIVATE_THREAD: u64 = 12;
pub(super) const FORUM: u64 = 15;
pub(super) const MEDIA: u64 = 16;

/// Whether channels of type `kind` are threads.
pub(super) fn is_thread(kind: u64) -> bool {
    matches!(kind, ANNOUNCEMENT_THREAD | PUBLIC_THREAD | PRIVATE_THREAD)
}

/// A channel as the fake stores it.
pub(super) struct Channel {
    /// Discord's channel type: 0 text, 1 DM, 5 announcement, 11 public thread, 15 forum...
    pub kind: u64,
    /// `None` for the DM.
    pub guild_id: Option<u64>,
    pub name: String,
    /// A thread's channel (a category's for other channels; the fake has none).
    pub parent_id: Option<u64>,
    pub position: u64,
    /// Every route about it answers 403 Missing Access (its threads' too).
    pub hidden: bool,
    /// Every route about it answers 404 Unknown Channel (its threads' too).
    pub deleted: bool,
    /// What only threads have.
    pub thread: Option<ThreadInfo>,
}

pub(super) struct ThreadInfo {
    pub owner_id: u64,
    pub auto_archive_duration: u64,
    /// When it was created, in Unix ms.
    pub created_ms: u64,
    /// Private threads only: whether non-moderators may add others.
    pub invitable: bool,
    /// Forum posts only: the forum tags applied.
    pub applied_tags: Value,
}

impl Channel {
    /// A channel of type `kind` in [`GUILD_ID`], without a parent.
    pub fn new(kind: u64, name: &str, position: u64) -> Channel {
        Channel {
            kind,
            guild_id: (kind != DM).then_some(GUILD_ID),
            name: name.to_string(),
            parent_id: None,
            position,
            hidden: false,
            deleted: false,
            thread: None,
        }
    }

    /// A thread under `parent`.
    pub fn thread(kind: u64, name: &str, parent: u64, info: ThreadInfo) -> Channel {
        Channel {
            parent_id: Some(parent),
            thread: Some(info),
            ..Channel::new(kind, name, 0)
        }
    }
}

/// The channels every fake starts with: [`CHANNEL_ID`], [`OTHER_CHANNEL_ID`], [`FORUM_ID`],
/// [`THREAD_ID`] (under [`CHANNEL_ID`], as `thread_object()` describes it) and the DM.
pub(super) fn populate(state: &mut State) {
    for id in [CHANNEL_ID, OTHER_CHANNEL_ID, FORUM_ID, DM_CHANNEL_ID] {
        let kind = match id {
            FORUM_ID => FORUM,
            DM_CHANNEL_ID => DM,
            _ => TEXT,
        };
        add(state, id, kind);
    }
    let info = ThreadInfo {
        owner_id: USER_ID,
        auto_archive_duration: 1440,
        created_ms: snowflake_ms(THREAD_ID),
        invitable: true,
        applied_tags: json!([]),
    };
    let thread = Channel::thread(PUBLIC_THREAD, "a thread", CHANNEL_ID, info);
    state.channels.insert(THREAD_ID, thread);
}

/// Adds (or replaces) channel `id` of type `kind`; a thread goes under [`CHANNEL_ID`] (a forum
/// post's thread would need a forum parent: create those through the REST route).
pub(super) fn add(state: &mut State, id: u64, kind: u64) {
    let channel = if is_thread(kind) {
        let info = ThreadInfo {
            owner_id: USER_ID,
            auto_archive_duration: 1440,
            created_ms: snowflake_ms(id),
            invitable: true,
            applied_tags: json!([]),
        };
        Channel::thread(kind, &channel_name(id), CHANNEL_ID, info)
    } else {
        let guild = state.channels.values();
        let position = guild.filter(|c| c.guild_id.is_some() && c.thread.is_none());
        let position = u64::try_from(position.count()).expect("few channels");
        Channel::new(kind, &channel_name(id), position)
    };
    state.channels.insert(id, channel);
}

fn unknown_channel() -> Reply {
    Reply::error(404, 10003, "Unknown Channel")
}

/// The channel if the bot may use it. Unknown or deleted: 404 Unknown Channel; hidden: 403
/// Missing Access. A thread shares its parent's fate (deleting a channel deletes its threads,
/// and threads inherit their parent's permissions).
pub(super) fn access(state: &State, id: u64) -> Result<&Channel, Reply> {
    let channel = state.channels.get(&id).ok_or_else(unknown_channel)?;
    let parent = channel.parent_id.and_then(|p| state.channels.get(&p));
    let chain = || std::iter::once(channel).chain(parent);
    if chain().any(|c| c.deleted) {
        return Err(unknown_channel());
    }
    if chain().any(|c| c.hidden) {
        return Err(Reply::error(403, 50001, "Missing Access"));
    }
    Ok(channel)
}

/// The channel object Discord answers for channel `id` (`None` if the fake does not know it).
pub(super) fn object(state: &State, id: u64) -> Option<Value> {
    let channel = state.channels.get(&id)?;
    let in_channel = state.messages.iter().filter(|m| m.channel_id == id);
    let last_message_id = match channel.kind {
        // A forum's last message id is its newest post's.
        FORUM | MEDIA => state
            .created_threads
            .iter()
            .copied()
            .filter(|t| state.channels.get(t).and_then(|c| c.parent_id) == Some(id))
            .max(),
        _ => in_channel
            .clone()
            .filter_map(|m| id_of(&m.message["id"]))
            .max(),
    };
    let mut object = json!({
        "id": id.to_string(),
        "type": channel.kind,
        "last_message_id": last_message_id.map(|m| m.to_string()),
        "flags": 0,
    });
    if channel.kind == DM {
        object["recipients"] = json!([user_object(USER_ID)]);
        return Some(object);
    }
    object["guild_id"] = json!(channel.guild_id.map(|g| g.to_string()));
    object["name"] = json!(channel.name);
    object["parent_id"] = json!(channel.parent_id.map(|p| p.to_string()));
    object["rate_limit_per_user"] = json!(0);
    if let Some(last_pin) = state
        .pins
        .get(&id)
        .and_then(|p| p.iter().map(|p| p.1).max())
    {
        object["last_pin_timestamp"] = json!(rfc3339(last_pin));
    }
    let Some(thread) = &channel.thread else {
        object["position"] = json!(channel.position);
        object["permission_overwrites"] = json!([]);
        object["nsfw"] = json!(false);
        object["topic"] = Value::Null;
        if matches!(channel.kind, FORUM | MEDIA) {
            object["available_tags"] = json!([]);
            object["default_reaction_emoji"] = Value::Null;
            object["default_sort_order"] = Value::Null;
            object["default_forum_layout"] = json!(0);
            object["default_thread_rate_limit_per_user"] = json!(0);
        }
        return Some(object);
    };
    // The starter message of a forum post (same id as the thread) does not count.
    let sent = in_channel.filter(|m| id_of(&m.message["id"]) != Some(id));
    let sent = sent.count();
    let created = rfc3339(thread.created_ms);
    object["owner_id"] = json!(thread.owner_id.to_string());
    object["message_count"] = json!(sent);
    object["total_message_sent"] = json!(sent);
    object["member_count"] = json!(1);
    object["thread_metadata"] = json!({
        "archived": false,
        "auto_archive_duration": thread.auto_archive_duration,
        "archive_timestamp": created,
        "locked": false,
        "create_timestamp": created,
    });
    if channel.kind == PRIVATE_THREAD {
        object["thread_metadata"]["invitable"] = json!(thread.invitable);
    }
    let parent_kind = channel.parent_id.and_then(|p| state.channels.get(&p));
    if parent_kind.is_some_and(|p| matches!(p.kind, FORUM | MEDIA)) {
        object["applied_tags"] = thread.applied_tags.clone();
    }
    Some(object)
}

/// What a `/channels/{id}/...` endpoint gets once the channel is known to be usable.
pub(super) struct Call<'a> {
    pub validate: bool,
    pub channel_id: u64,
    /// The channel's type.
    pub kind: u64,
    pub body: &'a Value,
    pub files: &'a [String],
    pub query: Option<&'a str>,
    /// The message id in the path (`None` if absent or not a snowflake).
    pub message_id: Option<u64>,
}

type Endpoint = fn(&Call, &mut State) -> Reply;

/// Routes `/channels/{channel}/{rest...}`: an unknown route is Discord's plain 404, then the
/// channel must exist and be visible, then the endpoint answers.
pub(super) fn route(
    shared: &Shared,
    state: &mut State,
    request: &Incoming,
    channel: &str,
    rest: &[&str],
) -> Reply {
    let (endpoint, message): (Endpoint, Option<&str>) = match (request.method.as_str(), rest) {
        ("GET", []) => (get, None),
        ("POST", ["messages"]) => (messages::create, None),
        ("GET", ["messages"]) => (messages::list, None),
        ("GET", ["messages", "pins"]) => (messages::pins, None),
        ("GET", ["pins"]) => (messages::pins_legacy, None),
        ("PUT", ["messages", "pins", id] | ["pins", id]) => (messages::pin, Some(id)),
        ("DELETE", ["messages", "pins", id] | ["pins", id]) => (messages::unpin, Some(id)),
        ("GET", ["messages", id]) => (messages::get, Some(id)),
        ("POST", ["messages", id, "threads"]) => (threads::from_message, Some(id)),
        ("POST", ["threads"]) => (threads::create, None),
        _ => return Reply::not_found(),
    };
    let Ok(channel_id) = channel.parse() else {
        return unknown_channel();
    };
    let kind = match access(state, channel_id) {
        Ok(channel) => channel.kind,
        Err(reply) => return reply,
    };
    let call = Call {
        validate: shared.config.validate,
        channel_id,
        kind,
        body: request.body.as_ref().unwrap_or(&Value::Null),
        files: &request.files,
        query: request.query.as_deref(),
        message_id: message.and_then(|m| m.parse().ok()),
    };
    endpoint(&call, state)
}

/// `GET /channels/{id}`.
fn get(call: &Call, state: &mut State) -> Reply {
    match object(state, call.channel_id) {
        Some(channel) => Reply::ok(channel),
        None => unknown_channel(),
    }
}

/// The thread the bot creates: a new channel under `parent`, remembered in creation order.
pub(super) fn create_thread(
    state: &mut State,
    id: u64,
    kind: u64,
    parent: u64,
    body: &Value,
) -> Value {
    let info = ThreadInfo {
        owner_id: BOT_USER_ID,
        auto_archive_duration: body["auto_archive_duration"].as_u64().unwrap_or(1440),
        created_ms: state.now_ms(),
        invitable: body["invitable"].as_bool().unwrap_or(true),
        applied_tags: body.get("applied_tags").cloned().unwrap_or(json!([])),
    };
    let name = body["name"].as_str().unwrap_or_default();
    state
        .channels
        .insert(id, Channel::thread(kind, name, parent, info));
    state.created_threads.push(id);
    object(state, id).expect("the thread just stored")
}
