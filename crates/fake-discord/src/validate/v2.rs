//! Discord's rules for Components V2 messages and for modals' Labels: which components may sit
//! where, 40 components in all (nested ones included), 4000 characters of text, 1 to 3 Text
//! Displays in a Section beside its accessory, no `content` or `embeds`, unique custom_ids.

use std::collections::HashSet;

use serde_json::Value;

use super::{Errors, component_limits, items, join};

/// Message flag: laid out with Components V2.
pub(crate) const IS_COMPONENTS_V2: u64 = 1 << 15;
/// Components in one message, nested ones included.
const MAX_COMPONENTS: usize = 40;
/// Characters across every Text Display of one message.
const MAX_TEXT: usize = 4000;

const ACTION_ROW: u64 = 1;
const BUTTON: u64 = 2;
const STRING_SELECT: u64 = 3;
const TEXT_INPUT: u64 = 4;
const SECTION: u64 = 9;
const TEXT_DISPLAY: u64 = 10;
const THUMBNAIL: u64 = 11;
const MEDIA_GALLERY: u64 = 12;
const FILE: u64 = 13;
const SEPARATOR: u64 = 14;
const CONTAINER: u64 = 17;
const LABEL: u64 = 18;

/// What a V2 message may hold at its top level, and inside a Container.
const TOP_LEVEL: [u64; 7] = [
    ACTION_ROW,
    SECTION,
    TEXT_DISPLAY,
    MEDIA_GALLERY,
    FILE,
    SEPARATOR,
    CONTAINER,
];
const IN_CONTAINER: [u64; 6] = [
    ACTION_ROW,
    SECTION,
    TEXT_DISPLAY,
    MEDIA_GALLERY,
    FILE,
    SEPARATOR,
];

/// Counts and ids gathered over a whole message.
#[derive(Default)]
struct Tally {
    components: usize,
    text: usize,
    custom_ids: HashSet<String>,
}

/// A Components V2 message (or the message an edit leaves).
pub(super) fn message(message: &Value, prefix: &str, errors: &mut Errors) {
    for key in ["content", "embeds"] {
        let used = match &message[key] {
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => false,
        };
        if used {
            errors.add(
                join(prefix, key),
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
            );
        }
    }
    let path = join(prefix, "components");
    let mut tally = Tally::default();
    children(
        &message["components"],
        &path,
        &TOP_LEVEL,
        &mut tally,
        errors,
    );
    if tally.components > MAX_COMPONENTS {
        errors.add(
            path.clone(),
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {MAX_COMPONENTS} or fewer in length (nested components included)."),
        );
    }
    if tally.text > MAX_TEXT {
        errors.add(
            path,
            "MAX_TEXT_DISPLAY_LENGTH_EXCEEDED",
            format!("Text displays may hold at most {MAX_TEXT} characters in all."),
        );
    }
}

fn children(list: &Value, path: &str, allowed: &[u64], tally: &mut Tally, errors: &mut Errors) {
    for (i, component) in items(list) {
        let at = join(path, i);
        let kind = component["type"].as_u64().unwrap_or_default();
        if !allowed.contains(&kind) {
            errors.add(
                join(&at, "type"),
                "UNION_TYPE_CHOICES",
                format!("Component type {kind} is not allowed here."),
            );
            continue;
        }
        one(component, kind, &at, tally, errors);
    }
}

fn one(component: &Value, kind: u64, at: &str, tally: &mut Tally, errors: &mut Errors) {
    tally.components += 1;
    match kind {
        ACTION_ROW => {
            errors.length_between(join(at, "components"), &component["components"], 1, 5);
            let path = join(at, "components");
            children(
                &component["components"],
                &path,
                &[BUTTON, STRING_SELECT],
                tally,
                errors,
            );
        }
        BUTTON | STRING_SELECT => {
            component_limits(component, at, errors);
            if let Some(id) = component["custom_id"].as_str()
                && !tally.custom_ids.insert(id.to_string())
            {
                errors.add(
                    join(at, "custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                );
            }
        }
        SECTION => {
            errors.length_between(join(at, "components"), &component["components"], 1, 3);
            let path = join(at, "components");
            children(
                &component["components"],
                &path,
                &[TEXT_DISPLAY],
                tally,
                errors,
            );
            match component["accessory"]["type"].as_u64() {
                Some(kind @ (BUTTON | THUMBNAIL)) => one(
                    &component["accessory"],
                    kind,
                    &join(at, "accessory"),
                    tally,
                    errors,
                ),
                _ => errors.add(
                    join(at, "accessory"),
                    "BASE_TYPE_REQUIRED",
                    "A section needs a button or a thumbnail beside it.",
                ),
            }
        }
        TEXT_DISPLAY => {
            errors.bounded(join(at, "content"), &component["content"], MAX_TEXT);
            tally.text += component["content"]
                .as_str()
                .map_or(0, |s| s.chars().count());
        }
        SEPARATOR => {
            let spacing = &component["spacing"];
            if !spacing.is_null() && !matches!(spacing.as_u64(), Some(1 | 2)) {
                errors.add(
                    join(at, "spacing"),
                    "BASE_TYPE_CHOICES",
                    "Value must be one of {1, 2}.",
                );
            }
        }
        CONTAINER => {
            let accent = &component["accent_color"];
            if !accent.is_null() && accent.as_u64().is_none_or(|c| c > 0xFF_FFFF) {
                errors.add(
                    join(at, "accent_color"),
                    "NUMBER_TYPE_MAX",
                    "Must be 16777215 or less.",
                );
            }
            if component["components"].as_array().is_none_or(Vec::is_empty) {
                errors.add(
                    join(at, "components"),
                    "BASE_TYPE_REQUIRED",
                    "This field is required",
                );
            }
            let path = join(at, "components");
            children(
                &component["components"],
                &path,
                &IN_CONTAINER,
                tally,
                errors,
            );
        }
        _ => {}
    }
}

/// A modal's top-level components: Labels (each around one text input or select) or action rows
/// (each holding one text input), within each field's limits.
pub(super) fn modal_fields(list: &Value, path: &str, errors: &mut Errors) {
    let mut custom_ids = HashSet::new();
    for (i, component) in items(list) {
        let at = join(path, i);
        let field = match component["type"].as_u64() {
            Some(LABEL) => {
                errors.bounded(join(&at, "label"), &component["label"], 45);
                errors.max_len(join(&at, "description"), &component["description"], 100);
                (join(&at, "component"), &component["component"])
            }
            Some(ACTION_ROW) => {
                let inner = &component["components"];
                errors.length_between(join(&at, "components"), inner, 1, 1);
                errors.bounded(join(&at, "components.0.label"), &inner[0]["label"], 45);
                (join(&at, "components.0"), &inner[0])
            }
            other => {
                errors.add(
                    join(&at, "type"),
                    "UNION_TYPE_CHOICES",
                    format!(
                        "Component type {} is not allowed in a modal.",
                        other.unwrap_or(0)
                    ),
                );
                continue;
            }
        };
        let (at, field) = field;
        errors.bounded(join(&at, "custom_id"), &field["custom_id"], 100);
        if let Some(id) = field["custom_id"].as_str()
            && !custom_ids.insert(id.to_string())
        {
            errors.add(
                join(&at, "custom_id"),
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            );
        }
        match field["type"].as_u64() {
            Some(TEXT_INPUT) => text_input(field, &at, errors),
            Some(STRING_SELECT) if component["type"].as_u64() == Some(LABEL) => {
                string_select(field, &at, errors)
            }
            _ => errors.add(
                join(&at, "type"),
                "UNION_TYPE_CHOICES",
                "Only a text input, or a select inside a Label, is allowed here.",
            ),
        }
    }
}

fn text_input(field: &Value, at: &str, errors: &mut Errors) {
    if !matches!(field["style"].as_u64(), Some(1 | 2)) {
        errors.add(
            join(at, "style"),
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 2}.",
        );
    }
    let min = field["min_length"].as_u64().unwrap_or(0);
    let max = field["max_length"].as_u64().unwrap_or(4000);
    if min > 4000 || !(1..=4000).contains(&max) || min > max {
        errors.add(
            join(at, "max_length"),
            "BASE_TYPE_BAD_LENGTH",
            "min_length and max_length must satisfy 0 <= min <= max <= 4000, max >= 1.",
        );
    }
    errors.max_len(join(at, "placeholder"), &field["placeholder"], 100);
    errors.max_len(join(at, "value"), &field["value"], 4000);
    if let Some(value) = field["value"].as_str()
        && value.chars().count() as u64 > max
    {
        errors.add(
            join(at, "value"),
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {max} or fewer in length."),
        );
    }
}

fn string_select(field: &Value, at: &str, errors: &mut Errors) {
    errors.length_between(join(at, "options"), &field["options"], 1, 25);
    let mut values = HashSet::new();
    let mut defaults = 0;
    for (j, option) in items(&field["options"]) {
        let path = join(&join(at, "options"), j);
        errors.bounded(join(&path, "label"), &option["label"], 100);
        errors.bounded(join(&path, "value"), &option["value"], 100);
        errors.max_len(join(&path, "description"), &option["description"], 100);
        if let Some(value) = option["value"].as_str()
            && !values.insert(value.to_string())
        {
            errors.add(
                join(&path, "value"),
                "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                "Select option values must be unique",
            );
        }
        defaults += usize::from(option["default"].as_bool() == Some(true));
    }
    let max_values = field["max_values"].as_u64().unwrap_or(1) as usize;
    if defaults > max_values {
        errors.add(
            join(at, "options"),
            "SELECT_COMPONENT_TOO_MANY_DEFAULT_VALUES",
            "More options are chosen by default than can be selected.",
        );
    }
}
