//! Application command registration: the global and per-guild lists behind
//! `/applications/{app}/commands` and `/applications/{app}/guilds/{guild}/commands`, stored the
//! way Discord stores them (ids kept across overwrites, a new `version`, defaults filled in).

use serde_json::{Map, Value, json};

use super::ids::{id_of, snowflake};
use super::payloads::APPLICATION_ID;
use super::rest::Reply;
use super::state::{Shared, State};
use super::validate::{self, Errors};

/// Where a command is registered.
#[derive(Clone, Copy)]
pub(super) enum Scope {
    Global,
    Guild(u64),
}

pub(super) fn list_mut(state: &mut State, scope: Scope) -> &mut Vec<Value> {
    match scope {
        Scope::Global => &mut state.global_commands,
        Scope::Guild(guild) => state.guild_commands.entry(guild).or_default(),
    }
}

fn unknown_command() -> Reply {
    Reply::error(404, 10063, "Unknown application command")
}

fn invalid(errors: &Errors) -> Option<Reply> {
    (!errors.is_empty()).then(|| Reply {
        status: 400,
        body: Some(errors.body()),
    })
}

/// Routes `/applications/{app}/...`.
pub(super) fn route(
    shared: &Shared,
    state: &mut State,
    method: &str,
    app: &str,
    rest: &[&str],
    body: &Value,
) -> Reply {
    if app != APPLICATION_ID.to_string() {
        return Reply::error(404, 10002, "Unknown Application");
    }
    let (scope, rest) = match rest {
        ["commands", rest @ ..] => (Scope::Global, rest),
        ["guilds", guild, "commands", rest @ ..] => match guild.parse() {
            Ok(guild) => (Scope::Guild(guild), rest),
            Err(_) => return Reply::not_found(),
        },
        _ => return Reply::not_found(),
    };
    let validate = shared.config.validate;
    let commands = list_mut(state, scope);
    match (method, rest) {
        ("GET", []) => Reply::ok(Value::Array(commands.clone())),
        ("PUT", []) => overwrite(validate, commands, scope, body),
        ("POST", []) => upsert(validate, commands, scope, body),
        (method, [id]) => {
            let Some(index) = commands.iter().position(|c| c["id"].as_str() == Some(*id)) else {
                return unknown_command();
            };
            match method {
                "GET" => Reply::ok(commands[index].clone()),
                "PATCH" => patch(validate, &mut commands[index], body),
                "DELETE" => {
                    commands.remove(index);
                    Reply::no_content()
                }
                _ => Reply::not_found(),
            }
        }
        _ => Reply::not_found(),
    }
}

/// PUT: bulk overwrite, answering 200 with the stored list.
fn overwrite(validate: bool, commands: &mut Vec<Value>, scope: Scope, body: &Value) -> Reply {
    let Some(sent) = body.as_array() else {
        return Reply::error(400, 50035, "Invalid Form Body");
    };
    let mut errors = Errors::default();
    if validate {
        validate::commands(sent, &mut errors);
    }
    if let Some(reply) = invalid(&errors) {
        return reply;
    }
    *commands = store(scope, sent, commands);
    Reply::ok(Value::Array(commands.clone()))
}

/// POST: creates a command, or replaces the one with the same name and type (200 then, 201
/// for a new one).
fn upsert(validate: bool, commands: &mut Vec<Value>, scope: Scope, body: &Value) -> Reply {
    let mut errors = Errors::default();
    if validate {
        validate::command_definition(body, "", &mut errors);
    }
    if let Some(reply) = invalid(&errors) {
        return reply;
    }
    let command = stored(scope, body, commands);
    match commands.iter().position(|c| c["id"] == command["id"]) {
        Some(index) => {
            commands[index] = command.clone();
            Reply::ok(command)
        }
        None => {
            commands.push(command.clone());
            Reply::created(command)
        }
    }
}

/// PATCH: changes the fields sent.
fn patch(validate: bool, command: &mut Value, body: &Value) -> Reply {
    let mut patched = command.clone();
    for (key, value) in body.as_object().into_iter().flatten() {
        patched[key] = value.clone();
    }
    let mut errors = Errors::default();
    if validate {
        validate::command_definition(&patched, "", &mut errors);
    }
    if let Some(reply) = invalid(&errors) {
        return reply;
    }
    patched["version"] = json!(snowflake().to_string());
    *command = patched.clone();
    Reply::ok(patched)
}

/// What Discord stores for a list of definitions.
pub(super) fn store(scope: Scope, sent: &[Value], existing: &[Value]) -> Vec<Value> {
    sent.iter()
        .map(|command| stored(scope, command, existing))
        .collect()
}

/// One stored command: what was sent plus `id` (kept if a command with this name and type
/// exists), `application_id`, `version`, `guild_id` for guild commands, and Discord's defaults.
fn stored(scope: Scope, sent: &Value, existing: &[Value]) -> Value {
    let mut command = sent.as_object().cloned().unwrap_or_else(Map::new);
    let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = command.get("name").cloned().unwrap_or(Value::Null);
    let same = existing
        .iter()
        .find(|c| c["name"] == name && c["type"].as_u64() == Some(kind));
    let id = same.map_or_else(|| json!(snowflake().to_string()), |c| c["id"].clone());
    command.insert("id".into(), id);
    command.insert("type".into(), json!(kind));
    command.insert("application_id".into(), json!(APPLICATION_ID.to_string()));
    command.insert("version".into(), json!(snowflake().to_string()));
    if let Scope::Guild(guild) = scope {
        command.insert("guild_id".into(), json!(guild.to_string()));
    }
    let defaults = [
        ("description", json!("")),
        ("default_member_permissions", Value::Null),
        ("nsfw", json!(false)),
        ("integration_types", json!([0])),
    ];
    for (key, value) in defaults {
        command.entry(key).or_insert(value);
    }
    Value::Object(command)
}

/// Gives a command interaction the id (and `guild_id`) of the registered command it names, as
/// Discord's would have; unregistered names keep the builder's id.
pub(super) fn resolve(state: &State, payload: &mut Value) {
    if !matches!(payload["type"].as_u64(), Some(2 | 4)) {
        return;
    }
    let data = &payload["data"];
    let (name, kind) = (data["name"].clone(), data["type"].as_u64().unwrap_or(1));
    let guild = id_of(&payload["guild_id"]);
    let mut in_guild = guild
        .and_then(|g| state.guild_commands.get(&g))
        .into_iter()
        .flatten();
    let same = |c: &&Value| c["name"] == name && c["type"].as_u64() == Some(kind);
    if let Some(command) = in_guild.find(same) {
        payload["data"]["id"] = command["id"].clone();
        payload["data"]["guild_id"] = command["guild_id"].clone();
    } else if let Some(command) = state.global_commands.iter().find(same) {
        payload["data"]["id"] = command["id"].clone();
    }
}
