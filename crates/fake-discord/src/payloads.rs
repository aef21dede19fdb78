//! Discord's JSON shapes: fixed ids, users, channels, messages and interaction payloads, as
//! Discord serializes them and serenity 0.12.5 reads them.

use serde_json::{Value, json};

use super::ids::{command_id, interaction_token, rfc3339, snowflake_at, snowflake_ms};
use super::options::resolve;

/// The bot's application. Deliberately different from [`BOT_USER_ID`] (on real Discord they are
/// usually equal) so a bot that uses one where the other belongs gets a 404 from the fake.
pub const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
/// The bot's own user.
pub const BOT_USER_ID: u64 = 1_100_000_000_000_000_002;
/// The one guild the bot is in.
pub const GUILD_ID: u64 = 1_100_000_000_000_000_010;
/// A text channel (type 0) in [`GUILD_ID`].
pub const CHANNEL_ID: u64 = 1_100_000_000_000_000_020;
/// A public thread (type 11) whose parent is [`CHANNEL_ID`]; see [`in_thread`].
pub const THREAD_ID: u64 = 1_100_000_000_000_000_021;
/// The DM channel (type 1) between [`USER_ID`] and the bot; see [`in_dm`].
pub const DM_CHANNEL_ID: u64 = 1_100_000_000_000_000_022;
/// A forum channel (type 15) in [`GUILD_ID`].
pub const FORUM_ID: u64 = 1_100_000_000_000_000_023;
/// A second text channel (type 0) in [`GUILD_ID`].
pub const OTHER_CHANNEL_ID: u64 = 1_100_000_000_000_000_024;
/// The person using the bot.
pub const USER_ID: u64 = 1_100_000_000_000_000_030;

/// The bot's user name, as READY and messages report it.
pub const BOT_USERNAME: &str = "seminar-bot";
/// The invoking user's name.
pub const USER_USERNAME: &str = "reader";

/// Permissions of [`USER_ID`] in the guild: a typical `@everyone` set.
pub const MEMBER_PERMISSIONS: &str = "2248473465835073";
/// Permissions of the bot in the interaction's channel (`app_permissions`).
pub const APP_PERMISSIONS: &str = "2248473465835073";
/// `attachment_size_limit` of an unboosted guild (10 MiB).
pub const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// A user object. [`BOT_USER_ID`] is the bot, anyone else a person.
pub fn user_object(id: u64) -> Value {
    let (username, bot) = match id {
        BOT_USER_ID => (BOT_USERNAME.to_string(), true),
        USER_ID => (USER_USERNAME.to_string(), false),
        other => (format!("user{}", other % 10_000), false),
    };
    json!({
        "id": id.to_string(),
        "username": username,
        "global_name": null,
        "discriminator": "0",
        "avatar": null,
        "bot": bot,
        "public_flags": 0,
        "avatar_decoration_data": null,
    })
}

/// [`USER_ID`] as a guild member, with the `permissions` Discord adds inside interactions.
pub fn member_object() -> Value {
    json!({
        "user": user_object(USER_ID),
        "nick": null,
        "avatar": null,
        "banner": null,
        "roles": [],
        "joined_at": rfc3339(snowflake_ms(USER_ID)),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": MEMBER_PERMISSIONS,
        "communication_disabled_until": null,
        "unusual_dm_activity_until": null,
    })
}

/// [`CHANNEL_ID`], the guild text channel, as an interaction's `channel`.
pub fn channel_object() -> Value {
    json!({
        "id": CHANNEL_ID.to_string(),
        "type": 0,
        "guild_id": GUILD_ID.to_string(),
        "name": "general",
        "position": 0,
        "parent_id": null,
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "flags": 0,
        "permissions": APP_PERMISSIONS,
    })
}

/// [`THREAD_ID`], a public thread under [`CHANNEL_ID`], as an interaction's `channel`.
pub fn thread_object() -> Value {
    let created = rfc3339(snowflake_ms(THREAD_ID));
    json!({
        "id": THREAD_ID.to_string(),
        "type": 11,
        "guild_id": GUILD_ID.to_string(),
        "parent_id": CHANNEL_ID.to_string(),
        "owner_id": USER_ID.to_string(),
        "name": "a thread",
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "message_count": 1,
        "member_count": 2,
        "total_message_sent": 1,
        "flags": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 1440,
            "archive_timestamp": created,
            "locked": false,
            "create_timestamp": created,
        },
        "permissions": APP_PERMISSIONS,
    })
}

/// [`DM_CHANNEL_ID`], the DM between [`USER_ID`] and the bot, as an interaction's `channel`.
pub fn dm_channel_object() -> Value {
    json!({
        "id": DM_CHANNEL_ID.to_string(),
        "type": 1,
        "last_message_id": null,
        "flags": 0,
        "recipients": [user_object(USER_ID)],
    })
}

/// A Message as Discord serializes it (REST and gateway), with no embeds or components.
pub fn message_object(id: u64, channel_id: u64, content: &str, author_id: u64) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "author": user_object(author_id),
        "content": content,
        "timestamp": rfc3339(snowflake_ms(id)),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
    })
}

/// The fields every interaction in guild context carries; `kind` is the interaction type.
fn guild_interaction(id: u64, kind: u8, data: Value) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID.to_string(),
        "guild": { "id": GUILD_ID.to_string(), "locale": "en-US", "features": [] },
        "channel_id": CHANNEL_ID.to_string(),
        "channel": channel_object(),
        "member": member_object(),
        "token": interaction_token(id),
        "version": 1,
        "app_permissions": APP_PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    })
}

/// A command's `data`; Discord leaves `options` out when there are none.
fn command_data(name: &str, kind: u8, options: Value) -> Value {
    let mut data = json!({ "id": command_id(name).to_string(), "name": name, "type": kind });
    let empty = options.is_null() || options.as_array().is_some_and(Vec::is_empty);
    if !empty {
        data["options"] = options;
    }
    data
}

/// A slash command (interaction type 2, command type 1) in [`CHANNEL_ID`]. `options` is
/// Discord's array of `{name, type, value}` (type 3 string, 4 integer, 5 boolean, 7 channel,
/// 8 role; subcommands nest `options`); `null` or `[]` means none. Channel and role options get
/// their `data.resolved` entries (see `channel_option`, `role_option`).
pub fn slash_command(id: u64, name: &str, options: Value) -> Value {
    let mut payload = guild_interaction(id, 2, command_data(name, 1, options));
    resolve(&mut payload);
    payload
}

/// An autocomplete request (interaction type 4) for a slash command. If no option is already
/// marked `"focused": true`, the last one with a value is. The focused value becomes a string,
/// because Discord sends the partial input as typed (serenity rejects anything else).
pub fn autocomplete(id: u64, name: &str, mut options: Value) -> Value {
    if !has_focused(&options)
        && let Some(last) = options
            .as_array_mut()
            .and_then(|o| o.iter_mut().rev().find(|o| o.get("value").is_some()))
    {
        last["focused"] = json!(true);
    }
    stringify_focused(&mut options);
    guild_interaction(id, 4, command_data(name, 1, options))
}

fn has_focused(options: &Value) -> bool {
    options.as_array().into_iter().flatten().any(|o| {
        o.get("focused").and_then(Value::as_bool) == Some(true)
            || o.get("options").is_some_and(has_focused)
    })
}

fn stringify_focused(options: &mut Value) {
    for option in options.as_array_mut().into_iter().flatten() {
        if option.get("focused").and_then(Value::as_bool) == Some(true) {
            let value = &mut option["value"];
            if !value.is_string() {
                *value = json!(value.to_string());
            }
        }
        if let Some(nested) = option.get_mut("options") {
            stringify_focused(nested);
        }
    }
}

/// A button press (interaction type 3, component type 2) on a message the bot sent in
/// [`CHANNEL_ID`], which carries one button with `custom_id`.
pub fn button_press(id: u64, custom_id: &str) -> Value {
    let mut message = message_object(
        snowflake_at(snowflake_ms(id).saturating_sub(1000)),
        CHANNEL_ID,
        "A reply with a button.",
        BOT_USER_ID,
    );
    message["application_id"] = json!(APPLICATION_ID.to_string());
    message["webhook_id"] = json!(APPLICATION_ID.to_string());
    message["components"] = json!([{
        "type": 1,
        "components": [{ "type": 2, "style": 2, "label": "Button", "custom_id": custom_id }],
    }]);
    button_press_on(id, custom_id, message)
}

/// A button press on a given message (for instance one the bot sent through the fake, taken
/// from a recorded response).
pub fn button_press_on(id: u64, custom_id: &str, message: Value) -> Value {
    let mut payload = guild_interaction(
        id,
        3,
        json!({ "custom_id": custom_id, "component_type": 2 }),
    );
    payload["message"] = message;
    payload
}

/// A message context-menu command (interaction type 2, command type 3) on a chat message by
/// [`USER_ID`] whose content is `content`: `data.target_id` plus `data.resolved.messages`.
pub fn message_command(id: u64, name: &str, content: &str) -> Value {
    let target = snowflake_at(snowflake_ms(id).saturating_sub(60_000));
    let mut data = command_data(name, 3, Value::Null);
    data["target_id"] = json!(target.to_string());
    data["resolved"] = json!({
        "messages": { target.to_string(): message_object(target, CHANNEL_ID, content, USER_ID) },
    });
    guild_interaction(id, 2, data)
}

/// Moves an interaction (and the messages it carries) into [`THREAD_ID`], a public thread
/// under [`CHANNEL_ID`].
pub fn in_thread(mut payload: Value) -> Value {
    payload["channel_id"] = json!(THREAD_ID.to_string());
    payload["channel"] = thread_object();
    for message in messages_mut(&mut payload) {
        message["channel_id"] = json!(THREAD_ID.to_string());
    }
    payload
}

/// Moves an interaction into the bot's DM with [`USER_ID`]: no `guild_id`, `guild` or
/// `member`; `user` instead; context 1 (bot DM); a guild-installed app's owner is guild "0".
pub fn in_dm(mut payload: Value) -> Value {
    let object = payload
        .as_object_mut()
        .expect("an interaction is an object");
    for key in ["guild_id", "guild", "member", "guild_locale"] {
        object.remove(key);
    }
    if let Some(data) = object.get_mut("data").and_then(Value::as_object_mut) {
        data.remove("guild_id");
    }
    payload["user"] = user_object(USER_ID);
    payload["channel_id"] = json!(DM_CHANNEL_ID.to_string());
    payload["channel"] = dm_channel_object();
    payload["context"] = json!(1);
    payload["authorizing_integration_owners"] = json!({ "0": "0" });
    for message in messages_mut(&mut payload) {
        message["channel_id"] = json!(DM_CHANNEL_ID.to_string());
        if let Some(message) = message.as_object_mut() {
            message.remove("guild_id");
            message.remove("member");
        }
    }
    payload
}

/// The messages an interaction carries: a component's `message` and a message command's
/// resolved target.
fn messages_mut(payload: &mut Value) -> Vec<&mut Value> {
    let mut found = Vec::new();
    let object = payload
        .as_object_mut()
        .expect("an interaction is an object");
    for (key, value) in object.iter_mut() {
        match key.as_str() {
            "message" if value.is_object() => found.push(value),
            "data" => {
                let resolved = value.pointer_mut("/resolved/messages");
                if let Some(messages) = resolved.and_then(Value::as_object_mut) {
                    found.extend(messages.values_mut());
                }
            }
            _ => {}
        }
    }
    found
}

/// The bot's own user, as `GET /users/@me` and READY carry it.
pub fn bot_user_object() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(),
        "username": BOT_USERNAME,
        "global_name": null,
        "discriminator": "0",
        "avatar": null,
        "bot": true,
        "verified": true,
        "mfa_enabled": false,
        "flags": 0,
        "public_flags": 0,
        "email": null,
        "locale": "en-US",
    })
}

/// A guild the bot is not in: interactions from it come through a user's own install.
pub const OTHER_GUILD_ID: u64 = 1_100_000_000_000_000_011;

/// Makes an interaction come through [`USER_ID`]'s own install ("Add to my apps") in a server
/// without the bot ([`OTHER_GUILD_ID`]): only the user key ("1") authorizes it.
pub fn by_user_install(mut payload: Value) -> Value {
    payload["guild_id"] = json!(OTHER_GUILD_ID.to_string());
    payload["guild"] =
        json!({ "id": OTHER_GUILD_ID.to_string(), "locale": "en-US", "features": [] });
    payload["authorizing_integration_owners"] = json!({ "1": USER_ID.to_string() });
    payload["context"] = json!(0);
    payload
}

/// Makes an interaction come through [`USER_ID`]'s own install in a DM with someone else than the
/// bot (context 2, a private channel): no guild, only the user key ("1").
pub fn by_user_install_in_dm(payload: Value) -> Value {
    let mut payload = in_dm(payload);
    payload["authorizing_integration_owners"] = json!({ "1": USER_ID.to_string() });
    payload["context"] = json!(2);
    payload
}

/// A submitted modal (interaction type 5) in [`CHANNEL_ID`]: its `custom_id` and `components`
/// as Discord sends them back (see [`label_text`], [`label_select`], [`row_text`]).
pub fn modal_submit(id: u64, custom_id: &str, components: Value) -> Value {
    guild_interaction(
        id,
        5,
        json!({ "custom_id": custom_id, "components": components }),
    )
}

/// A submitted Label holding a text input.
pub fn label_text(custom_id: &str, value: &str) -> Value {
    json!({ "type": 18, "id": 1, "component": { "type": 4, "id": 2, "custom_id": custom_id, "value": value } })
}

/// A submitted Label holding a string select, with the values chosen.
pub fn label_select(custom_id: &str, values: &[&str]) -> Value {
    json!({ "type": 18, "id": 3, "component": { "type": 3, "id": 4, "custom_id": custom_id, "values": values } })
}

/// A submitted action row holding a text input.
pub fn row_text(custom_id: &str, value: &str) -> Value {
    json!({ "type": 1, "id": 5, "components": [{ "type": 4, "id": 6, "custom_id": custom_id, "value": value }] })
}
