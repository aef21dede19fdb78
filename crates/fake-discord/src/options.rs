//! Richer slash command payloads: subcommands, channel and role options with the
//! `data.resolved` objects Discord sends along, and the invoking member's permissions and roles.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};

use super::ids::{id_of, rfc3339, snowflake_ms};
use super::payloads::{
    CHANNEL_ID, DM_CHANNEL_ID, FORUM_ID, MEMBER_PERMISSIONS, OTHER_CHANNEL_ID, THREAD_ID,
    slash_command,
};

/// A role that marks moderators in [`GUILD_ID`](super::payloads::GUILD_ID); give it with
/// [`as_member`].
pub const MODERATOR_ROLE_ID: u64 = 1_100_000_000_000_000_040;

pub const PERM_ADMINISTRATOR: u64 = 1 << 3;
pub const PERM_MANAGE_GUILD: u64 = 1 << 5;
pub const PERM_VIEW_CHANNEL: u64 = 1 << 10;
pub const PERM_SEND_MESSAGES: u64 = 1 << 11;
pub const PERM_READ_MESSAGE_HISTORY: u64 = 1 << 16;
pub const PERM_USE_APPLICATION_COMMANDS: u64 = 1 << 31;
pub const PERM_MANAGE_THREADS: u64 = 1 << 34;
/// A plain member: view channel, send messages, read message history, use application
/// commands; no manage threads, manage guild or administrator.
pub const PERM_MEMBER: u64 = PERM_VIEW_CHANNEL
    | PERM_SEND_MESSAGES
    | PERM_READ_MESSAGE_HISTORY
    | PERM_USE_APPLICATION_COMMANDS;

/// Channel types given to [`channel_option`] and [`with_resolved_channel`], so that
/// [`slash_command`] resolves a channel option with the right type.
static CHANNEL_KINDS: Mutex<BTreeMap<u64, u64>> = Mutex::new(BTreeMap::new());

/// A channel's name: the pre-populated channels have their own, any other `channel-NNNN`.
pub(super) fn channel_name(id: u64) -> String {
    match id {
        CHANNEL_ID => "general".to_string(),
        OTHER_CHANNEL_ID => "off-topic".to_string(),
        FORUM_ID => "study-groups".to_string(),
        THREAD_ID => "a thread".to_string(),
        other => format!("channel-{}", other % 10_000),
    }
}

/// The type of channel `id`: as last given to [`channel_option`] or [`with_resolved_channel`],
/// else the pre-populated channel's, else text (0).
fn channel_kind(id: u64) -> u64 {
    let kinds = CHANNEL_KINDS.lock().unwrap_or_else(PoisonError::into_inner);
    kinds.get(&id).copied().unwrap_or(match id {
        FORUM_ID => 15,
        THREAD_ID => 11,
        DM_CHANNEL_ID => 1,
        _ => 0,
    })
}

fn remember_kind(id: u64, kind: u64) {
    let mut kinds = CHANNEL_KINDS.lock().unwrap_or_else(PoisonError::into_inner);
    kinds.insert(id, kind);
}

/// A slash command whose `data.options` is subcommand `sub` (type 1) holding `options` (`null`
/// means none: Discord still sends `[]`, and serenity requires it). Channel and role options are
/// resolved as in [`slash_command`].
pub fn subcommand(id: u64, name: &str, sub: &str, options: Value) -> Value {
    let options = if options.is_null() {
        json!([])
    } else {
        options
    };
    slash_command(
        id,
        name,
        json!([{ "name": sub, "type": 1, "options": options }]),
    )
}

/// A channel option (type 7) naming `channel_id`, whose type is `kind` (0 text, 5 announcement,
/// 11 public thread, 15 forum). [`slash_command`] and [`subcommand`] add it to
/// `data.resolved.channels` with that type.
pub fn channel_option(name: &str, channel_id: u64, kind: u64) -> Value {
    remember_kind(channel_id, kind);
    json!({ "name": name, "type": 7, "value": channel_id.to_string() })
}

/// A role option (type 8) naming `role_id`; [`slash_command`] and [`subcommand`] add the role to
/// `data.resolved.roles`.
pub fn role_option(name: &str, role_id: u64) -> Value {
    json!({ "name": name, "type": 8, "value": role_id.to_string() })
}

/// Adds channel `channel_id` of type `kind` to `data.resolved.channels`, as Discord sends a
/// channel option's channel: id, name, type, the member's permissions in it, and for a thread
/// its parent and thread metadata.
pub fn with_resolved_channel(mut payload: Value, channel_id: u64, kind: u64) -> Value {
    remember_kind(channel_id, kind);
    let permissions = payload["member"]["permissions"]
        .as_str()
        .unwrap_or(MEMBER_PERMISSIONS)
        .to_string();
    let mut channel = json!({
        "id": channel_id.to_string(),
        "name": channel_name(channel_id),
        "type": kind,
        "permissions": permissions,
    });
    if matches!(kind, 10..=12) {
        let created = rfc3339(snowflake_ms(channel_id));
        channel["parent_id"] = json!(CHANNEL_ID.to_string());
        channel["thread_metadata"] = json!({
            "archived": false,
            "auto_archive_duration": 1440,
            "archive_timestamp": created,
            "locked": false,
            "create_timestamp": created,
        });
    }
    payload["data"]["resolved"]["channels"][channel_id.to_string()] = channel;
    payload
}

/// A role as Discord resolves it: [`MODERATOR_ROLE_ID`] is "Moderator", others `role-NNNN`.
fn role_object(id: u64) -> Value {
    let name = match id {
        MODERATOR_ROLE_ID => "Moderator".to_string(),
        other => format!("role-{}", other % 10_000),
    };
    json!({
        "id": id.to_string(),
        "name": name,
        "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 1,
        "permissions": "0",
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

/// Fills `data.resolved` for the channel (type 7) and role (type 8) options of a command,
/// subcommands included, as Discord does.
pub(super) fn resolve(payload: &mut Value) {
    let mut found = Vec::new();
    collect(&payload["data"]["options"], &mut found);
    for (kind, id) in found {
        if kind == 7 {
            let resolved = with_resolved_channel(payload.take(), id, channel_kind(id));
            *payload = resolved;
        } else {
            payload["data"]["resolved"]["roles"][id.to_string()] = role_object(id);
        }
    }
}

/// The (type, id) of every channel and role option with a value, nested ones included.
fn collect(options: &Value, found: &mut Vec<(u64, u64)>) {
    for option in options.as_array().into_iter().flatten() {
        let kind = option["type"].as_u64().unwrap_or(0);
        let focused = option["focused"].as_bool() == Some(true);
        let id = id_of(&option["value"]);
        if let (7 | 8, false, Some(id)) = (kind, focused, id) {
            found.push((kind, id));
        }
        collect(&option["options"], found);
    }
}

/// Makes the invoking member have `permissions` (Discord sends them as a decimal string) and
/// `roles`; channels already resolved get the same permissions. The default member has
/// [`MEMBER_PERMISSIONS`] and no roles. Panics on an interaction without a member (a DM).
pub fn as_member(mut payload: Value, permissions: u64, roles: &[u64]) -> Value {
    let member = payload
        .get_mut("member")
        .filter(|m| m.is_object())
        .expect("as_member needs a guild interaction, one with a member");
    member["permissions"] = json!(permissions.to_string());
    member["roles"] = roles.iter().map(|r| json!(r.to_string())).collect();
    let channels = payload.pointer_mut("/data/resolved/channels");
    for channel in channels
        .and_then(Value::as_object_mut)
        .into_iter()
        .flatten()
    {
        channel.1["permissions"] = json!(permissions.to_string());
    }
    payload
}
