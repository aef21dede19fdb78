//! Forms as Discord modals: the type 9 callback, each field a Label (type 18) around a paragraph
//! text input or a string select; and reading a submitted modal's values back.

use serde_json::{Value, json};

use crate::engine::form::{CLOSEST, Field, Form, Input};
use crate::markup::cut;
use crate::render::discord::MODAL;
use crate::render::limits;

/// Component type: a string select.
const STRING_SELECT: u64 = 3;
/// Component type: a text input.
const TEXT_INPUT: u64 = 4;
/// Component type: a label around one field of a modal.
const LABEL: u64 = 18;
/// Text input style: one line.
const SHORT: u64 = 1;
/// Text input style: several lines.
const PARAGRAPH: u64 = 2;

/// How a modal's fields are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Each field in a Label (type 18): a paragraph input, a string select.
    Labels,
    /// Each field a text input in an action row, a choice as a short input holding the value of
    /// the preselected option: for a frontend whose library reads only action rows back
    /// (serenity 0.12.5's model drops a submitted Label's field).
    Rows,
}

/// The callback body that opens `form` as a modal.
pub fn modal_response(form: &Form, shape: Shape) -> Value {
    let components: Vec<Value> = match shape {
        Shape::Labels => labels(form),
        Shape::Rows => rows(form),
    };
    json!({
        "type": MODAL,
        "data": {
            "custom_id": cut(&form.custom_id, limits::CUSTOM_ID),
            "title": cut(&form.title, limits::MODAL_TITLE),
            "components": components,
        }
    })
}

/// Each field as a text input in an action row.
fn rows(form: &Form) -> Vec<Value> {
    form.fields
        .iter()
        .map(|field| {
            let input = match &field.input {
                Input::Paragraph {
                    placeholder,
                    min,
                    max,
                } => {
                    // In an action row the input carries its own label.
                    let mut input = paragraph(field, placeholder, *min, *max);
                    input["label"] = json!(cut(&field.label, limits::MODAL_TITLE));
                    input
                }
                Input::Choice(options) => {
                    let value = options
                        .iter()
                        .find(|o| o.selected && o.value != CLOSEST)
                        .map_or("", |o| o.value.as_str());
                    json!({
                        "type": TEXT_INPUT,
                        "custom_id": field.id,
                        "style": SHORT,
                        "label": cut(&format!("{} (number)", field.label), limits::MODAL_TITLE),
                        "value": cut(value, limits::CHOICE_NAME),
                        "placeholder": "Empty: the closest to your words",
                        "max_length": limits::CHOICE_NAME,
                        "required": false,
                    })
                }
            };
            json!({ "type": 1, "components": [input] })
        })
        .collect()
}

/// A required paragraph text input for `field`.
fn paragraph(field: &Field, placeholder: &str, min: u16, max: u16) -> Value {
    json!({
        "type": TEXT_INPUT,
        "custom_id": field.id,
        "style": PARAGRAPH,
        "min_length": min,
        "max_length": max,
        "required": true,
        "placeholder": cut(placeholder, limits::LABEL_DESCRIPTION),
    })
}

/// Each field in a Label.
fn labels(form: &Form) -> Vec<Value> {
    form.fields
        .iter()
        .map(|field| {
            let component = match &field.input {
                Input::Paragraph {
                    placeholder,
                    min,
                    max,
                } => paragraph(field, placeholder, *min, *max),
                Input::Choice(options) => {
                    let options: Vec<Value> = options
                        .iter()
                        .take(limits::CHOICES)
                        .map(|o| {
                            let mut option = json!({
                                "label": cut(&o.label, limits::CHOICE_NAME),
                                "value": cut(&o.value, limits::CHOICE_NAME),
                                "default": o.selected,
                            });
                            if let Some(description) = &o.description {
                                option["description"] =
                                    json!(cut(description, limits::CHOICE_NAME));
                            }
                            option
                        })
                        .collect();
                    json!({
                        "type": STRING_SELECT,
                        "custom_id": field.id,
                        "options": options,
                        "min_values": 1,
                        "max_values": 1,
                        "required": true,
                    })
                }
            };
            let mut label = json!({
                "type": LABEL,
                "label": cut(&field.label, limits::MODAL_TITLE),
                "component": component,
            });
            if let Some(description) = &field.description {
                label["description"] = json!(cut(description, limits::LABEL_DESCRIPTION));
            }
            label
        })
        .collect()
}

/// The values of a submitted modal (`data.components` of a type 5 interaction), by the custom_id
/// of each field: a Label's text input or select (its first value), or a text input in an action
/// row, as older clients send them.
pub fn submitted_values(components: &Value) -> Vec<(String, String)> {
    let mut values = Vec::new();
    for component in components.as_array().into_iter().flatten() {
        let inner: Vec<&Value> = match component["type"].as_u64() {
            Some(LABEL) => vec![&component["component"]],
            _ => component["components"]
                .as_array()
                .map(|c| c.iter().collect())
                .unwrap_or_default(),
        };
        for field in inner {
            let Some(id) = field["custom_id"].as_str() else {
                continue;
            };
            let value = match field["type"].as_u64() {
                Some(TEXT_INPUT) => field["value"].as_str().map(str::to_string),
                _ => field["values"]
                    .as_array()
                    .and_then(|v| v.first())
                    .and_then(Value::as_str)
                    .map(str::to_string),
            };
            if let Some(value) = value {
                values.push((id.to_string(), value));
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_s_text_input_and_select_are_read_back() {
        let components = json!([
            { "type": 18, "id": 1, "component": { "type": 4, "id": 2, "custom_id": "text", "value": "Who gains most?" } },
            { "type": 18, "id": 3, "component": { "type": 3, "id": 4, "custom_id": "section", "values": ["13"] } }
        ]);
        assert_eq!(
            submitted_values(&components),
            [
                ("text".to_string(), "Who gains most?".to_string()),
                ("section".to_string(), "13".to_string())
            ]
        );
    }

    #[test]
    fn a_text_input_in_an_action_row_is_read_too() {
        let components = json!([
            { "type": 1, "components": [{ "type": 4, "custom_id": "text", "value": "Why now?" }] }
        ]);
        assert_eq!(
            submitted_values(&components),
            [("text".to_string(), "Why now?".to_string())]
        );
    }
}
