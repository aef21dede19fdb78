//! The limits Discord enforces on what a bot sends (message size and shape, nonces, thread
//! names, autocomplete choices, modals, command definitions), reported the way Discord reports
//! them: 400 with code 50035 "Invalid Form Body" and the offending fields under `errors`.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

mod v2;

pub(super) use v2::IS_COMPONENTS_V2;

/// One rejected field: a dotted path into the request body, Discord's error code and message.
struct FieldError {
    path: String,
    code: &'static str,
    message: String,
}

/// Collects field errors under a path prefix.
#[derive(Default)]
pub(super) struct Errors(Vec<FieldError>);

impl Errors {
    pub fn add(&mut self, path: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            path: path.into(),
            code,
            message: message.into(),
        });
    }

    pub(super) fn max_len(&mut self, path: String, value: &Value, max: usize) {
        if let Some(text) = value.as_str()
            && text.chars().count() > max
        {
            self.add(
                path,
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {max} or fewer in length."),
            );
        }
    }

    /// An array of `min..=max` items (a missing one has none).
    pub(super) fn length_between(&mut self, path: String, value: &Value, min: usize, max: usize) {
        let count = value.as_array().map_or(0, Vec::len);
        if !(min..=max).contains(&count) {
            let message = match min == max {
                true => format!("Must be {min} in length."),
                false => format!("Must be between {min} and {max} in length."),
            };
            self.add(path, "BASE_TYPE_BAD_LENGTH", message);
        }
    }

    /// A required string of 1..=max characters.
    pub(super) fn bounded(&mut self, path: String, value: &Value, max: usize) {
        match value.as_str() {
            None | Some("") => self.add(path, "BASE_TYPE_REQUIRED", "This field is required"),
            Some(text) if text.chars().count() > max => self.add(
                path,
                "BASE_TYPE_BAD_LENGTH",
                format!("Must be between 1 and {max} in length."),
            ),
            Some(_) => {}
        }
    }

    pub(super) fn max_items(&mut self, path: String, value: &Value, max: usize) {
        if value.as_array().is_some_and(|items| items.len() > max) {
            self.add(
                path,
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {max} or fewer in length."),
            );
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Discord's error body: `errors` nests the path, each leaf holding `_errors`.
    pub fn body(&self) -> Value {
        let mut tree = Map::new();
        for error in &self.0 {
            let mut node = &mut tree;
            for key in error.path.split('.').filter(|k| !k.is_empty()) {
                node = node
                    .entry(key)
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .expect("error nodes are objects");
            }
            let leaf = node.entry("_errors").or_insert_with(|| json!([]));
            let leaf = leaf.as_array_mut().expect("_errors is an array");
            leaf.push(json!({ "code": error.code, "message": error.message }));
        }
        json!({ "message": "Invalid Form Body", "code": 50035, "errors": tree })
    }
}

pub(super) fn join(prefix: &str, key: impl std::fmt::Display) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

pub(super) fn items(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

/// Whether a message would have nothing to show, which Discord refuses (code 50006).
pub(super) fn is_empty_message(message: &Value) -> bool {
    let present = |key: &str| match message.get(key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    };
    ![
        "content",
        "embeds",
        "components",
        "attachments",
        "sticker_ids",
        "poll",
    ]
    .iter()
    .any(|key| present(key))
}

/// Content, embed and component limits of a message body (or of a message after an edit).
pub(super) fn message(message: &Value, prefix: &str, errors: &mut Errors) {
    errors.max_len(join(prefix, "content"), &message["content"], 2000);
    embeds(&message["embeds"], &join(prefix, "embeds"), errors);
    // Components V2 messages (flag 1 << 15) have rules of their own.
    if is_v2(message) {
        v2::message(message, prefix, errors);
    } else {
        components(&message["components"], &join(prefix, "components"), errors);
    }
}

/// Whether a message (or a body) carries the IS_COMPONENTS_V2 flag.
pub(super) fn is_v2(message: &Value) -> bool {
    message["flags"]
        .as_u64()
        .is_some_and(|f| f & v2::IS_COMPONENTS_V2 != 0)
}

/// An edit of a V2 message may not take its flag away.
pub(super) fn keeps_v2(before: &Value, body: &Value, prefix: &str, errors: &mut Errors) {
    if is_v2(before) && body["flags"].is_u64() && !is_v2(body) {
        errors.add(
            join(prefix, "flags"),
            "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG",
            "The IS_COMPONENTS_V2 flag cannot be removed once set.",
        );
    }
}

fn embeds(embeds: &Value, prefix: &str, errors: &mut Errors) {
    errors.max_items(prefix.to_string(), embeds, 10);
    let mut total = 0;
    for (i, embed) in items(embeds) {
        let at = |key: &str| join(&join(prefix, i), key);
        let chars = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
        errors.max_len(at("title"), &embed["title"], 256);
        errors.max_len(at("description"), &embed["description"], 4096);
        errors.max_len(at("footer.text"), &embed["footer"]["text"], 2048);
        errors.max_len(at("author.name"), &embed["author"]["name"], 256);
        errors.max_items(at("fields"), &embed["fields"], 25);
        total += chars(&embed["title"])
            + chars(&embed["description"])
            + chars(&embed["footer"]["text"])
            + chars(&embed["author"]["name"]);
        for (j, field) in items(&embed["fields"]) {
            errors.bounded(at(&format!("fields.{j}.name")), &field["name"], 256);
            errors.bounded(at(&format!("fields.{j}.value")), &field["value"], 1024);
            total += chars(&field["name"]) + chars(&field["value"]);
        }
    }
    if total > 6000 {
        errors.add(
            prefix,
            "MAX_EMBED_SIZE_EXCEEDED",
            "Embed size exceeds maximum size of 6000",
        );
    }
}

fn components(rows: &Value, prefix: &str, errors: &mut Errors) {
    errors.max_items(prefix.to_string(), rows, 5);
    let mut custom_ids = HashSet::new();
    for (i, row) in items(rows) {
        let row_path = join(prefix, i);
        let children = &row["components"];
        if row["type"].as_u64() == Some(1) {
            errors.length_between(join(&row_path, "components"), children, 1, 5);
        }
        for (j, component) in items(children) {
            let path = join(&join(&row_path, "components"), j);
            component_limits(component, &path, errors);
            if let Some(id) = component["custom_id"].as_str()
                && !custom_ids.insert(id.to_string())
            {
                let message = "Component custom id cannot be duplicated";
                errors.add(
                    join(&path, "custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    message,
                );
            }
        }
    }
}

pub(super) fn component_limits(component: &Value, path: &str, errors: &mut Errors) {
    match component["type"].as_u64() {
        // Buttons: link (5) and premium (6) styles have no custom_id.
        Some(2) => {
            errors.max_len(join(path, "label"), &component["label"], 80);
            if !matches!(component["style"].as_u64(), Some(5 | 6)) {
                errors.bounded(join(path, "custom_id"), &component["custom_id"], 100);
            }
        }
        // Select menus.
        Some(3..=8) => {
            errors.bounded(join(path, "custom_id"), &component["custom_id"], 100);
            errors.max_len(join(path, "placeholder"), &component["placeholder"], 150);
            errors.max_items(join(path, "options"), &component["options"], 25);
        }
        _ => {}
    }
}

/// A message's `nonce`: an integer or a string of at most 25 characters.
pub(super) fn nonce(body: &Value, errors: &mut Errors) {
    errors.max_len("nonce".to_string(), &body["nonce"], 25);
}

/// A new thread's `name` (1..=100 characters) and `auto_archive_duration` (minutes: 60, 1440,
/// 4320 or 10080).
pub(super) fn thread(body: &Value, errors: &mut Errors) {
    errors.bounded("name".to_string(), &body["name"], 100);
    let duration = &body["auto_archive_duration"];
    let valid = |d: u64| [60, 1440, 4320, 10080].contains(&d);
    if !duration.is_null() && !duration.as_u64().is_some_and(valid) {
        errors.add(
            "auto_archive_duration",
            "BASE_TYPE_CHOICES",
            "Value must be one of {60, 1440, 4320, 10080}.",
        );
    }
}

/// Autocomplete results: at most 25 choices, names of 1..=100 characters, string values of at
/// most 100.
pub(super) fn choices(data: &Value, prefix: &str, errors: &mut Errors) {
    let path = join(prefix, "choices");
    errors.max_items(path.clone(), &data["choices"], 25);
    for (i, choice) in items(&data["choices"]) {
        errors.bounded(join(&join(&path, i), "name"), &choice["name"], 100);
        errors.max_len(join(&join(&path, i), "value"), &choice["value"], 100);
    }
}

/// A modal: title of 1..=45 characters, a custom_id, 1..=5 Labels or rows, each field within
/// its limits.
pub(super) fn modal(data: &Value, prefix: &str, errors: &mut Errors) {
    errors.bounded(join(prefix, "title"), &data["title"], 45);
    errors.bounded(join(prefix, "custom_id"), &data["custom_id"], 100);
    errors.length_between(join(prefix, "components"), &data["components"], 1, 5);
    v2::modal_fields(&data["components"], &join(prefix, "components"), errors);
}

/// Command definitions as PUT/POST/PATCH send them.
pub(super) fn commands(commands: &[Value], errors: &mut Errors) {
    let mut names = HashSet::new();
    for (i, command) in commands.iter().enumerate() {
        let kind = command["type"].as_u64().unwrap_or(1);
        let name = command["name"].as_str().unwrap_or_default();
        if !names.insert((kind, name.to_string())) {
            let message = "Application command names must be unique";
            errors.add(
                join(&i.to_string(), "name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                message,
            );
        }
        command_definition(command, &i.to_string(), errors);
    }
}

/// One command definition; `prefix` is its path in the body ("" for a single command).
pub(super) fn command_definition(command: &Value, prefix: &str, errors: &mut Errors) {
    if command["type"].as_u64().unwrap_or(1) == 1 {
        chat_input_name(&command["name"], &join(prefix, "name"), errors);
        errors.bounded(join(prefix, "description"), &command["description"], 100);
        options(&command["options"], &join(prefix, "options"), errors);
    } else {
        // User and message commands: any 1..=32 characters, no description.
        errors.bounded(join(prefix, "name"), &command["name"], 32);
    }
}

fn options(options: &Value, prefix: &str, errors: &mut Errors) {
    errors.max_items(prefix.to_string(), options, 25);
    let mut optional_seen = false;
    for (i, option) in items(options) {
        let path = join(prefix, i);
        chat_input_name(&option["name"], &join(&path, "name"), errors);
        errors.bounded(join(&path, "description"), &option["description"], 100);
        let required = option["required"].as_bool().unwrap_or(false);
        if required && optional_seen {
            let message = "Required options must be placed before non-required options";
            errors.add(
                join(&path, "required"),
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                message,
            );
        }
        optional_seen |= !required;
        let choices_path = join(&path, "choices");
        errors.max_items(choices_path.clone(), &option["choices"], 25);
        for (j, choice) in items(&option["choices"]) {
            errors.bounded(join(&join(&choices_path, j), "name"), &choice["name"], 100);
            errors.max_len(
                join(&join(&choices_path, j), "value"),
                &choice["value"],
                100,
            );
        }
        // Subcommands (1) and groups (2) nest options.
        if matches!(option["type"].as_u64(), Some(1 | 2)) {
            self::options(&option["options"], &join(&path, "options"), errors);
        }
    }
}

/// Slash command and option names: 1..=32 lowercase letters, digits, `-`, `_` or `'`.
fn chat_input_name(name: &Value, path: &str, errors: &mut Errors) {
    let text = name.as_str().unwrap_or_default();
    let count = text.chars().count();
    let valid_chars = text
        .chars()
        .all(|c| (c.is_alphanumeric() || "-_'".contains(c)) && !c.is_uppercase());
    if !(1..=32).contains(&count) || !valid_chars {
        errors.add(
            path,
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid",
        );
    }
}
