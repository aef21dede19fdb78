//! Discord's rules for what Seminar sends: the vendored OpenAPI schemas (validated with the
//! jsonschema crate) and the limits the schemas leave out.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Value, json};

const SPEC: &str = include_str!("../spec/openapi.json");

fn components() -> &'static Value {
    static COMPONENTS: OnceLock<Value> = OnceLock::new();
    COMPONENTS.get_or_init(|| {
        let spec: Value = serde_json::from_str(SPEC).expect("the vendored spec is JSON");
        spec["components"].clone()
    })
}

fn validator(schema: &str) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(schema.to_string())
        .or_insert_with(|| {
            assert!(
                components()["schemas"].get(schema).is_some(),
                "no schema {schema} in the spec"
            );
            let root = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": format!("#/components/schemas/{schema}"),
                "components": components(),
            });
            Arc::new(jsonschema::validator_for(&root).expect("the schema compiles"))
        })
        .clone()
}

/// Checks `body` against the named schema of Discord's spec; the error lists every violation.
pub fn validate(schema: &str, body: &Value) -> Result<(), String> {
    let validator = validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{schema}: {}\nbody: {body}", errors.join("\n")))
    }
}

/// Asserts `body` is valid against the schema and within every limit Seminar must respect.
pub fn assert_valid(schema: &str, body: &Value) {
    if let Err(e) = validate(schema, body) {
        panic!("{e}");
    }
    if let Err(e) = check_limits(body) {
        panic!("{e}\nbody: {body}");
    }
}

/// The limits the schema does not encode: 6000 characters over all embeds, unique custom ids,
/// no pings, and at most 25 choices of at most 100 characters. `body` is a callback (its message
/// under `data`) or a webhook message body (an edit, a follow-up).
pub fn check_limits(body: &Value) -> Result<(), String> {
    let data = match (body.get("type").and_then(Value::as_u64), body.get("data")) {
        // A deferral carries no message, only flags.
        (Some(5 | 6), _) => return Ok(()),
        (Some(_), Some(data)) => data,
        // Not a message: a command registration, say.
        (Some(_), None) => return Ok(()),
        (None, _) => body,
    };
    if let Some(choices) = data.get("choices") {
        let choices = choices.as_array().ok_or("choices is not an array")?;
        if choices.len() > 25 {
            return Err(format!("{} choices", choices.len()));
        }
        for choice in choices {
            let name = choice["name"].as_str().unwrap_or_default();
            if name.chars().count() > 100 || name.is_empty() {
                return Err(format!(
                    "choice name of {} characters",
                    name.chars().count()
                ));
            }
            if let Some(value) = choice["value"].as_str()
                && value.chars().count() > 100
            {
                return Err(format!(
                    "choice value of {} characters",
                    value.chars().count()
                ));
            }
        }
        return Ok(());
    }
    if data.is_null() {
        return Ok(());
    }
    if data["allowed_mentions"] != json!({ "parse": [] }) {
        return Err(format!("allowed_mentions is {}", data["allowed_mentions"]));
    }
    let content = data["content"].as_str().unwrap_or_default();
    let embeds = data["embeds"].as_array().cloned().unwrap_or_default();
    if content.trim().is_empty() && embeds.is_empty() {
        return Err("a message with neither content nor embeds".into());
    }
    let mut total = 0;
    for embed in &embeds {
        let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
        total += len(&embed["title"]) + len(&embed["description"]) + len(&embed["footer"]["text"]);
        for field in embed["fields"].as_array().into_iter().flatten() {
            let (name, value) = (len(&field["name"]), len(&field["value"]));
            if name == 0 || value == 0 {
                return Err("an empty embed field".into());
            }
            total += name + value;
        }
    }
    if total > 6000 {
        return Err(format!("{total} characters across embeds"));
    }
    let mut ids = HashSet::new();
    for row in data["components"].as_array().into_iter().flatten() {
        for component in row["components"].as_array().into_iter().flatten() {
            let id = component["custom_id"].as_str().unwrap_or_default();
            if !ids.insert(id.to_string()) {
                return Err(format!("custom_id {id} used twice in one message"));
            }
        }
    }
    Ok(())
}

/// The schema a callback body must satisfy, by its type.
pub fn schema_for(body: &Value) -> &'static str {
    match body["type"].as_u64() {
        Some(4) | Some(5) => "CreateMessageInteractionCallbackRequest",
        Some(6) | Some(7) => "UpdateMessageInteractionCallbackRequest",
        Some(8) => "ApplicationCommandAutocompleteCallbackRequest",
        other => panic!("unexpected callback type {other:?}"),
    }
}

/// Asserts a callback body is valid for its type.
pub fn assert_valid_callback(body: &Value) {
    assert_valid(schema_for(body), body);
}
