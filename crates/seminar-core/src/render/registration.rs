//! Command registration bodies: the command table as Discord's bulk-overwrite JSON, and the
//! comparison that tells whether what is registered already matches it.

use serde_json::{Value, json};

use crate::engine::commands::{CommandKind, CommandSpec, OptionKind, OptionSpec, Reach};
use crate::markup::cut;
use crate::render::limits;

/// Where commands are registered: everywhere the app is installed, or one server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every server and DM (`PUT /applications/{id}/commands`); updates can take an hour.
    Global,
    /// One server (`PUT /applications/{id}/guilds/{guild}/commands`); updates are instant.
    Guild,
}

/// The body of the bulk overwrite: every command of the table.
pub fn command_registrations(table: &[CommandSpec], scope: Scope) -> Value {
    Value::Array(table.iter().map(|spec| registration(spec, scope)).collect())
}

fn registration(spec: &CommandSpec, scope: Scope) -> Value {
    if spec.kind == CommandKind::Message {
        // Message commands have no description or options; Discord requires an empty one.
        let mut command =
            json!({ "type": 3, "name": cut(spec.name, limits::COMMAND_NAME), "description": "" });
        if scope == Scope::Global {
            add_reach(&mut command, spec.reach);
        }
        return command;
    }
    let options: Vec<Value> = if spec.subcommands.is_empty() {
        spec.options.iter().map(option).collect()
    } else {
        spec.subcommands
            .iter()
            .map(|sub| {
                json!({
                    "type": 1,
                    "name": sub.name,
                    "description": cut(sub.description, limits::COMMAND_DESCRIPTION),
                    "options": sub.options.iter().map(option).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    let mut command = json!({
        "type": 1,
        "name": spec.name,
        "description": cut(spec.description, limits::COMMAND_DESCRIPTION),
        "options": options,
    });
    if let Some(permissions) = spec.access.default_member_permissions() {
        // Discord hides the command from members without these; the bot checks again anyway.
        // The spec types it as an integer; Discord reports it back as a string.
        command["default_member_permissions"] = json!(permissions);
    }
    if scope == Scope::Global {
        add_reach(&mut command, spec.reach);
    }
    command
}

fn option(o: &OptionSpec) -> Value {
    let mut option = serde_json::Map::new();
    option.insert(
        "type".into(),
        json!(match o.kind {
            OptionKind::String => 3,
            OptionKind::Integer => 4,
            OptionKind::Boolean => 5,
            OptionKind::Channel => 7,
            OptionKind::Role => 8,
        }),
    );
    option.insert("name".into(), json!(o.name));
    option.insert(
        "description".into(),
        json!(cut(o.description, limits::COMMAND_DESCRIPTION)),
    );
    option.insert("required".into(), json!(o.required));
    if o.kind == OptionKind::Channel {
        // Text, announcement and forum channels: where discussions and plans can be posted.
        option.insert("channel_types".into(), json!([0, 5, 15]));
    }
    if o.autocomplete {
        option.insert("autocomplete".into(), json!(true));
    }
    if let Some(min) = o.min {
        option.insert("min_value".into(), json!(min));
    }
    if let Some(max) = o.max {
        option.insert("max_value".into(), json!(max));
    }
    if let Some(max) = o.max_length {
        option.insert("max_length".into(), json!(max));
    }
    if !o.choices.is_empty() {
        let choices: Vec<Value> = o
            .choices
            .iter()
            .take(limits::CHOICES)
            .map(|(name, value)| {
                let value = match o.kind {
                    OptionKind::Integer => value
                        .parse::<i64>()
                        .map_or_else(|_| json!(value), |v| json!(v)),
                    _ => json!(value),
                };
                json!({ "name": name, "value": value })
            })
            .collect();
        option.insert("choices".into(), json!(choices));
    }
    Value::Object(option)
}

/// Where a command can be used and through which installs. Lookups: a server's install (0) and
/// a user's own (1, "Add to my apps"), in servers, DMs with the bot and any other DM or group DM
/// (contexts 0, 1, 2). Study-group commands: a server's install, in servers only. Discord keeps
/// these only for global commands, so guild registrations leave them out (or every comparison
/// would differ).
fn add_reach(command: &mut Value, reach: Reach) {
    let (contexts, installs) = match reach {
        Reach::Anywhere => (json!([0, 1, 2]), json!([0, 1])),
        Reach::Servers => (json!([0]), json!([0])),
    };
    if let Some(object) = command.as_object_mut() {
        object.insert("contexts".into(), contexts);
        object.insert("integration_types".into(), installs);
    }
}

/// Whether the commands Discord reports (`GET .../commands`) already are `desired`: the same
/// commands by type and name, each with every field Seminar sends equal. Fields Discord adds (ids,
/// versions) are ignored, and a field Discord leaves out equals a default (`false`, `[]`, `""`).
pub fn matches(desired: &Value, registered: &Value) -> bool {
    let (Some(desired), Some(registered)) = (desired.as_array(), registered.as_array()) else {
        return false;
    };
    desired.len() == registered.len()
        && desired.iter().all(|want| {
            registered
                .iter()
                .find(|have| {
                    have.get("name") == want.get("name")
                        && have.get("type").unwrap_or(&json!(1))
                            == want.get("type").unwrap_or(&json!(1))
                })
                .is_some_and(|have| same(want, have))
        })
}

/// `have` agrees with everything `want` says.
fn same(want: &Value, have: &Value) -> bool {
    match (want, have) {
        (Value::Object(want), Value::Object(have)) => {
            want.iter().all(|(key, value)| match have.get(key) {
                Some(found) => same(value, found),
                None => is_default(value),
            })
        }
        (Value::Array(want), Value::Array(have)) => {
            want.len() == have.len() && want.iter().zip(have).all(|(w, h)| same(w, h))
        }
        (Value::Number(want), Value::Number(have)) => want.as_f64() == have.as_f64(),
        // Permission bit sets go out as numbers and come back as strings.
        (Value::Number(want), Value::String(have)) => want.to_string() == *have,
        (want, Value::Null) => is_default(want),
        (want, have) => want == have,
    }
}

fn is_default(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desired() -> Value {
        json!([
            {
                "type": 1, "name": "search", "description": "Find passages.",
                "options": [{ "type": 3, "name": "query", "description": "Words.", "required": true, "max_length": 200 },
                            { "type": 5, "name": "private", "description": "Only you.", "required": false }],
                "contexts": [0, 1], "integration_types": [0]
            },
            { "type": 3, "name": "Find in essay", "description": "", "contexts": [0, 1], "integration_types": [0] }
        ])
    }

    /// What Discord answers to `GET /applications/{id}/commands` after registering `desired()`:
    /// its own fields added, `required: false` and empty lists left out, another order.
    fn as_discord_returns_it() -> Value {
        json!([
            { "id": "2", "application_id": "9", "version": "7", "type": 3, "name": "Find in essay",
              "description": "", "default_member_permissions": null, "nsfw": false,
              "contexts": [0, 1], "integration_types": [0], "dm_permission": true },
            { "id": "1", "application_id": "9", "version": "7", "type": 1, "name": "search",
              "description": "Find passages.", "default_member_permissions": null, "nsfw": false,
              "name_localizations": null,
              "options": [{ "type": 3, "name": "query", "description": "Words.", "required": true, "max_length": 200 },
                          { "type": 5, "name": "private", "description": "Only you." }],
              "contexts": [0, 1], "integration_types": [0] }
        ])
    }

    #[test]
    fn what_discord_reports_after_registering_matches() {
        assert!(matches(&desired(), &as_discord_returns_it()));
    }

    #[test]
    fn a_changed_description_does_not_match() {
        let mut registered = as_discord_returns_it();
        registered[1]["options"][0]["description"] = json!("Old words.");
        assert!(!matches(&desired(), &registered));
    }

    #[test]
    fn a_missing_or_extra_command_does_not_match() {
        let registered = as_discord_returns_it();
        let one = json!([registered[1].clone()]);
        assert!(!matches(&desired(), &one));
        let mut three = registered.as_array().unwrap().clone();
        three.push(json!({ "type": 1, "name": "old", "description": "Gone." }));
        assert!(!matches(&desired(), &Value::Array(three)));
    }

    #[test]
    fn nothing_registered_does_not_match() {
        assert!(!matches(&desired(), &json!([])));
        assert!(!matches(&desired(), &Value::Null));
    }

    #[test]
    fn guild_registrations_leave_out_global_only_fields() {
        let library = crate::content::model::Library {
            default: 0,
            texts: vec![crate::content::model::Text {
                id: "t".into(),
                title: "T".into(),
                short: "T".into(),
                subtitle: None,
                author: None,
                source: None,
                parts: vec![],
                sections: vec![],
                actors: vec![],
                themes: vec![],
            }],
        };
        let table = crate::engine::commands::table(&library);
        let body = command_registrations(&table, Scope::Guild);
        assert!(
            body.as_array()
                .unwrap()
                .iter()
                .all(|c| c.get("contexts").is_none())
        );
        let body = command_registrations(&table, Scope::Global);
        for (spec, command) in table.iter().zip(body.as_array().unwrap()) {
            // Study-group commands make sense only in servers.
            let (contexts, installs) = if spec.reach == Reach::Servers {
                (json!([0]), json!([0]))
            } else {
                (json!([0, 1, 2]), json!([0, 1]))
            };
            assert_eq!(command["contexts"], contexts, "{}", spec.name);
            assert_eq!(command["integration_types"], installs, "{}", spec.name);
        }
    }

    #[test]
    fn permissions_reported_back_as_strings_still_match() {
        let desired =
            json!([{ "name": "plan", "type": 1, "default_member_permissions": 17179869184u64 }]);
        let registered = json!([{ "id": "1", "name": "plan", "type": 1, "default_member_permissions": "17179869184" }]);
        assert!(matches(&desired, &registered));
        let other =
            json!([{ "id": "1", "name": "plan", "type": 1, "default_member_permissions": "32" }]);
        assert!(!matches(&desired, &other));
    }
}
