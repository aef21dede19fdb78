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
        // A modal is no message; its schema and the fake's own rules cover it.
        (Some(9), _) => return Ok(()),
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
    if is_v2(data) {
        return check_v2(data);
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

/// Message flag: laid out with Components V2.
pub const IS_COMPONENTS_V2: u64 = 1 << 15;

/// Whether a message body carries the IS_COMPONENTS_V2 flag.
pub fn is_v2(data: &Value) -> bool {
    data["flags"]
        .as_u64()
        .is_some_and(|f| f & IS_COMPONENTS_V2 != 0)
}

/// The V2 limits the schemas leave out: no content or embeds, at most 40 components nested ones
/// included, at most 4000 characters of text, unique custom_ids, something to show.
pub fn check_v2(data: &Value) -> Result<(), String> {
    if data.get("content").is_some_and(|c| !c.is_null()) {
        return Err("a V2 message with content".into());
    }
    if data.get("embeds").is_some_and(|e| !e.is_null()) {
        return Err("a V2 message with embeds".into());
    }
    let components = data["components"].as_array().cloned().unwrap_or_default();
    if components.is_empty() {
        return Err("a V2 message with no components".into());
    }
    let count = component_count(&components);
    if count > 40 {
        return Err(format!("{count} components in one V2 message"));
    }
    let text: usize = texts(data).iter().map(|t| t.chars().count()).sum();
    if text > 4000 {
        return Err(format!("{text} characters of text in one V2 message"));
    }
    let mut ids = HashSet::new();
    for id in custom_ids(&components) {
        if id.chars().count() > 100 {
            return Err(format!("custom_id {id} is over 100 characters"));
        }
        if !ids.insert(id.clone()) {
            return Err(format!("custom_id {id} used twice in one message"));
        }
    }
    Ok(())
}

/// Every component of a list, nested ones and accessories included.
pub fn component_count(components: &[Value]) -> usize {
    components
        .iter()
        .map(|c| {
            1 + c["components"]
                .as_array()
                .map_or(0, |inner| component_count(inner))
                + usize::from(c.get("accessory").is_some())
        })
        .sum()
}

fn custom_ids(components: &[Value]) -> Vec<String> {
    let mut ids = Vec::new();
    for c in components {
        if let Some(id) = c["custom_id"].as_str() {
            ids.push(id.to_string());
        }
        if let Some(id) = c["accessory"]["custom_id"].as_str() {
            ids.push(id.to_string());
        }
        if let Some(inner) = c["components"].as_array() {
            ids.extend(custom_ids(inner));
        }
    }
    ids
}

/// Every component of a message, nested ones and accessories included, in reading order.
fn all_components(message: &Value) -> Vec<&Value> {
    fn walk<'a>(components: &'a [Value], out: &mut Vec<&'a Value>) {
        for c in components {
            out.push(c);
            if c["accessory"].is_object() {
                out.push(&c["accessory"]);
            }
            if let Some(inner) = c["components"].as_array() {
                walk(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        message["components"]
            .as_array()
            .map_or(&[][..], Vec::as_slice),
        &mut out,
    );
    out
}

/// Every button of a message, nested ones and accessories included, in order.
pub fn buttons(message: &Value) -> Vec<Value> {
    all_components(message)
        .into_iter()
        .filter(|c| c["type"].as_u64() == Some(2))
        .cloned()
        .collect()
}

/// The Text Displays of a message (a message object or a body), in reading order.
pub fn texts(message: &Value) -> Vec<String> {
    all_components(message)
        .into_iter()
        .filter(|c| c["type"].as_u64() == Some(10))
        .filter_map(|c| c["content"].as_str().map(str::to_string))
        .collect()
}

/// All of a message's text, one Text Display a line.
pub fn text(message: &Value) -> String {
    texts(message).join("\n")
}

/// The title of a message Seminar sent: its first Text Display, a `### ` heading.
pub fn title(message: &Value) -> Option<String> {
    let first = texts(message).into_iter().next()?;
    first.strip_prefix("### ").map(str::to_string)
}

/// The footer of a message Seminar sent: its last Text Display, a `-# ` small line.
pub fn footer(message: &Value) -> Option<String> {
    let last = texts(message).pop()?;
    last.strip_prefix("-# ").map(str::to_string)
}

/// The schema a callback body must satisfy, by its type.
pub fn schema_for(body: &Value) -> &'static str {
    match body["type"].as_u64() {
        Some(4) | Some(5) => "CreateMessageInteractionCallbackRequest",
        Some(6) | Some(7) => "UpdateMessageInteractionCallbackRequest",
        Some(8) => "ApplicationCommandAutocompleteCallbackRequest",
        Some(9) => "ModalInteractionCallbackRequest",
        other => panic!("unexpected callback type {other:?}"),
    }
}

/// Asserts a callback body is valid for its type.
pub fn assert_valid_callback(body: &Value) {
    assert_valid(schema_for(body), body);
    if matches!(body["type"].as_u64(), Some(4 | 7)) && is_v2(&body["data"]) {
        assert_valid_components(&body["data"]);
    }
}

/// Asserts every component of a V2 message body is valid against its own named schema:
/// containers, sections, text displays, separators, action rows.
pub fn assert_valid_components(data: &Value) {
    fn walk(components: &[Value]) {
        for c in components {
            let schema = match c["type"].as_u64() {
                Some(1) => "ActionRowComponentForMessageRequest",
                Some(2) => "ButtonComponentForMessageRequest",
                Some(9) => "SectionComponentForMessageRequest",
                Some(10) => "TextDisplayComponentForMessageRequest",
                Some(14) => "SeparatorComponentForMessageRequest",
                Some(17) => "ContainerComponentForMessageRequest",
                other => panic!("unexpected component type {other:?} in {c}"),
            };
            if let Err(e) = validate(schema, c) {
                panic!("{e}");
            }
            if let Some(inner) = c["components"].as_array() {
                walk(inner);
            }
            if let Some(accessory) = c.get("accessory") {
                walk(std::slice::from_ref(accessory));
            }
        }
    }
    walk(data["components"].as_array().map_or(&[][..], Vec::as_slice));
}
