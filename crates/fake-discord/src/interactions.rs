//! Interaction responses as Discord handles them: one callback per interaction (with the types
//! each interaction kind allows), the `@original` response and follow-ups behind the webhook
//! endpoints, each answered with the Message Discord would return; the message helpers the
//! channel routes share.

use serde_json::{Value, json};

use super::ids::{id_of, now_ms, rfc3339, snowflake, snowflake_ms};
use super::payloads::{APPLICATION_ID, BOT_USER_ID, message_object};
use super::rest::Reply;
use super::state::{InteractionState, Shared, State};
use super::validate::{self, Errors};

/// `LOADING`: set on the placeholder a deferred response (type 5) shows.
const LOADING: u64 = 1 << 7;
/// `EPHEMERAL`: only the person who asked sees the message.
const EPHEMERAL: u64 = 1 << 6;

fn unknown_interaction() -> Reply {
    Reply::error(404, 10062, "Unknown interaction")
}

fn unknown_webhook() -> Reply {
    Reply::error(404, 10015, "Unknown Webhook")
}

fn unknown_message() -> Reply {
    Reply::error(404, 10008, "Unknown Message")
}

/// Makes the REST side know an interaction the test dispatches, so its callback and webhook
/// calls succeed. Returns its id.
pub(super) fn register(state: &mut State, payload: &Value) -> Result<u64, String> {
    let id = id_of(&payload["id"]).ok_or("the interaction has no id")?;
    let token = payload["token"]
        .as_str()
        .ok_or("the interaction has no token")?;
    let kind = payload["type"]
        .as_u64()
        .ok_or("the interaction has no type")?;
    let channel_id = id_of(&payload["channel_id"]).ok_or("the interaction has no channel_id")?;
    let interaction = InteractionState {
        kind,
        token: token.to_string(),
        channel_id,
        created_ms: snowflake_ms(id),
        acknowledged: false,
        source_message: payload.get("message").filter(|m| m.is_object()).cloned(),
        original: None,
        followups: Vec::new(),
    };
    state.interactions.insert(id, interaction);
    Ok(id)
}

/// `POST /interactions/{id}/{token}/callback`: 204 once per interaction, as on Discord.
pub(super) fn callback(
    shared: &Shared,
    state: &mut State,
    id: &str,
    token: &str,
    body: &Value,
    files: &[String],
) -> Reply {
    let interaction = id
        .parse()
        .ok()
        .and_then(|id| state.interactions.get_mut(&id));
    let Some(interaction) = interaction.filter(|i| i.token == token) else {
        return unknown_interaction();
    };
    if let Some(deadline) = shared.config.interaction_deadline {
        let age = now_ms().saturating_sub(interaction.created_ms);
        if u128::from(age) > deadline.as_millis() {
            return unknown_interaction();
        }
    }
    if interaction.acknowledged {
        return Reply::error(400, 40060, "Interaction has already been acknowledged.");
    }
    match respond(shared.config.validate, interaction, body, files) {
        Ok(original) => {
            interaction.acknowledged = true;
            if original.is_some() {
                interaction.original = original;
            }
            Reply::no_content()
        }
        Err(reply) => reply,
    }
}

/// The response message a callback creates (if any), or the error Discord answers.
fn respond(
    validate: bool,
    interaction: &InteractionState,
    body: &Value,
    files: &[String],
) -> Result<Option<Value>, Reply> {
    let kind = body["type"].as_u64().unwrap_or(0);
    // Commands and modal submits cannot update a message they are not on; autocomplete only
    // answers with choices (Discord's rule for each interaction type).
    let allowed: &[u64] = match interaction.kind {
        2 => &[4, 5, 9],
        3 => &[4, 5, 6, 7, 9],
        4 => &[8],
        5 => &[4, 5, 6, 7],
        _ => &[],
    };
    if !allowed.contains(&kind) {
        let mut errors = Errors::default();
        let message = format!("Callback type {kind} is not valid for this interaction");
        errors.add("type", "INTERACTION_CALLBACK_TYPE_INVALID", message);
        return Err(form_error(&errors));
    }
    let data = &body["data"];
    let check = |rule: &dyn Fn(&mut Errors)| if validate { checked(rule) } else { Ok(()) };
    match kind {
        4 => {
            let message = new_message(snowflake(), interaction.channel_id, data, files, true);
            check(&|e| validate::message(data, "data", e))?;
            non_empty(validate, &message)?;
            Ok(Some(message))
        }
        5 => {
            let id = snowflake();
            let mut message = new_message(id, interaction.channel_id, &json!({}), &[], true);
            message["flags"] = json!(data["flags"].as_u64().unwrap_or(0) | LOADING);
            Ok(Some(message))
        }
        6 => Ok(interaction.source_message.clone()),
        7 => {
            let source = interaction.source_message.clone().unwrap_or_default();
            check(&|e| validate::keeps_v2(&source, data, "data", e))?;
            let mut message = source;
            edit(&mut message, data, files);
            check(&|e| validate::message(&message, "data", e))?;
            non_empty(validate, &message)?;
            Ok(Some(message))
        }
        8 => {
            check(&|e| validate::choices(data, "data", e))?;
            Ok(None)
        }
        _ => {
            check(&|e| validate::modal(data, "data", e))?;
            Ok(None)
        }
    }
}

pub(super) fn checked(check: &dyn Fn(&mut Errors)) -> Result<(), Reply> {
    let mut errors = Errors::default();
    check(&mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(form_error(&errors))
    }
}

pub(super) fn form_error(errors: &Errors) -> Reply {
    Reply {
        status: 400,
        body: Some(errors.body()),
    }
}

pub(super) fn non_empty(validate: bool, message: &Value) -> Result<(), Reply> {
    if validate && validate::is_empty_message(message) {
        Err(Reply::error(400, 50006, "Cannot send an empty message"))
    } else {
        Ok(())
    }
}

/// Message `id` the bot creates from a request body; `interaction` messages come from the
/// application's webhook, as on Discord.
pub(super) fn new_message(
    id: u64,
    channel_id: u64,
    body: &Value,
    files: &[String],
    interaction: bool,
) -> Value {
    let mut message = message_object(id, channel_id, "", BOT_USER_ID);
    if interaction {
        // 20: CHAT_INPUT_COMMAND, the type of an interaction's reply.
        message["type"] = json!(20);
        message["application_id"] = json!(APPLICATION_ID.to_string());
        message["webhook_id"] = json!(APPLICATION_ID.to_string());
    }
    apply(&mut message, body, files);
    message
}

/// Copies what a body sets onto a message; `null` clears a field.
fn apply(message: &mut Value, body: &Value, files: &[String]) {
    for key in ["content", "embeds", "components", "flags", "tts", "poll"] {
        match body.get(key) {
            None => {}
            Some(Value::Null) => message[key] = cleared(key),
            Some(value) => message[key] = value.clone(),
        }
    }
    // Discord marks embeds a bot sends as "rich".
    for embed in message["embeds"].as_array_mut().into_iter().flatten() {
        if let Some(embed) = embed.as_object_mut() {
            embed.entry("type").or_insert_with(|| json!("rich"));
        }
    }
    if !files.is_empty() {
        message["attachments"] = files.iter().map(|name| attachment(name)).collect();
    }
}

fn cleared(key: &str) -> Value {
    match key {
        "content" => json!(""),
        "embeds" | "components" => json!([]),
        "flags" => json!(0),
        "tts" => json!(false),
        _ => Value::Null,
    }
}

fn attachment(filename: &str) -> Value {
    let id = snowflake();
    let url = format!("https://cdn.discordapp.com/attachments/{id}/{filename}");
    json!({
        "id": id.to_string(),
        "filename": filename,
        "size": 0,
        "url": url,
        "proxy_url": url,
    })
}

/// An edit: the new fields, no more loading placeholder, and an edit time. Whether the message
/// is ephemeral, and a V2 layout once set, outlast any edit, as on Discord.
fn edit(message: &mut Value, body: &Value, files: &[String]) {
    let before = message["flags"].as_u64().unwrap_or(0);
    apply(message, body, files);
    let kept = before & (EPHEMERAL | validate::IS_COMPONENTS_V2);
    let flags = message["flags"].as_u64().unwrap_or(0) | kept;
    message["flags"] = json!(flags & !LOADING);
    message["edited_timestamp"] = json!(rfc3339(now_ms()));
}

/// A webhook request: `/webhooks/{app}/{token}` plus the `rest` of the path.
pub(super) struct WebhookCall<'a> {
    pub method: &'a str,
    pub app: &'a str,
    pub token: &'a str,
    pub rest: &'a [&'a str],
}

/// Follow-ups (`POST /webhooks/{app}/{token}`) and the `@original` or a follow-up message
/// (`GET`/`PATCH`/`DELETE /webhooks/{app}/{token}/messages/{id}`).
pub(super) fn webhook(
    shared: &Shared,
    state: &mut State,
    call: &WebhookCall,
    body: &Value,
    files: &[String],
) -> Reply {
    let validate = shared.config.validate;
    let interaction = state.interaction_by_token(call.token);
    let Some(interaction) = interaction.filter(|_| call.app == APPLICATION_ID.to_string()) else {
        return unknown_webhook();
    };
    match (call.method, call.rest) {
        ("POST", []) => followup(validate, interaction, body, files),
        (method, ["messages", message]) => {
            let Some(target) = find_message(interaction, message) else {
                return unknown_message();
            };
            match method {
                "GET" => Reply::ok(target.clone()),
                "PATCH" => edit_message(validate, target, body, files),
                "DELETE" => {
                    delete_message(interaction, message);
                    Reply::no_content()
                }
                _ => Reply::not_found(),
            }
        }
        _ => Reply::not_found(),
    }
}

/// A follow-up. The first one after a deferred response replaces the loading placeholder
/// instead of posting a new message (Discord keeps this for backwards compatibility).
fn followup(
    validate: bool,
    interaction: &mut InteractionState,
    body: &Value,
    files: &[String],
) -> Reply {
    // The webhook exists only once the interaction is acknowledged.
    if !interaction.acknowledged {
        return unknown_webhook();
    }
    let placeholder = interaction.followups.is_empty()
        && interaction
            .original
            .as_ref()
            .is_some_and(|m| m["flags"].as_u64().unwrap_or(0) & LOADING != 0);
    if placeholder && let Some(original) = interaction.original.as_mut() {
        // The placeholder keeps its ephemeral state, whatever the follow-up asks.
        let flags = original["flags"].clone();
        let mut body = body.clone();
        body["flags"] = flags;
        return edit_message(validate, original, &body, files);
    }
    let message = new_message(snowflake(), interaction.channel_id, body, files, true);
    if let Err(reply) = check_message(validate, &message, body) {
        return reply;
    }
    interaction.followups.push(message.clone());
    Reply::ok(message)
}

/// A message body within Discord's limits, and a message with something to show.
pub(super) fn check_message(validate: bool, message: &Value, body: &Value) -> Result<(), Reply> {
    if validate {
        checked(&|e| validate::message(body, "", e))?;
    }
    non_empty(validate, message)
}

/// Edits a message in place if the result is valid.
fn edit_message(validate: bool, message: &mut Value, body: &Value, files: &[String]) -> Reply {
    if validate && let Err(reply) = checked(&|e| validate::keeps_v2(message, body, "", e)) {
        return reply;
    }
    let mut edited = message.clone();
    edit(&mut edited, body, files);
    if validate && let Err(reply) = checked(&|e| validate::message(&edited, "", e)) {
        return reply;
    }
    if let Err(reply) = non_empty(validate, &edited) {
        return reply;
    }
    *message = edited.clone();
    Reply::ok(edited)
}

/// `@original` or a follow-up by id.
fn find_message<'a>(interaction: &'a mut InteractionState, message: &str) -> Option<&'a mut Value> {
    if message == "@original" {
        return interaction.original.as_mut();
    }
    let id = message.parse::<u64>().ok()?;
    let is_it = |m: &&mut Value| id_of(&m["id"]) == Some(id);
    interaction
        .original
        .iter_mut()
        .chain(interaction.followups.iter_mut())
        .find(is_it)
}

fn delete_message(interaction: &mut InteractionState, message: &str) {
    let is_original = message == "@original"
        || interaction.original.as_ref().and_then(|m| id_of(&m["id"])) == message.parse().ok();
    if is_original {
        interaction.original = None;
    } else {
        interaction
            .followups
            .retain(|m| id_of(&m["id"]) != message.parse().ok());
    }
}
