//! Forms: what a command asks for in a modal instead of answering at once (`/suggest` without
//! text), and what a submitted form amounts to, an invocation like the option form's.

use crate::engine::study_commands::{MAX_SUGGESTION, suggest};
use crate::engine::{Book, Context, Invocation, Value};
use crate::markup;

/// The `custom_id` of `/suggest`'s form; its submission comes back with it.
pub const SUGGEST_FORM: &str = "v1:suggest";
/// The value of the section choice that leaves the section to Seminar: the one closest to the
/// prompt's words, as `/suggest text:…` without `section` does.
pub const CLOSEST: &str = "closest";
/// Shortest prompt the form lets through, in characters (the command checks again).
pub const MIN_SUGGESTION: u16 = 10;
/// Most options a choice offers (Discord's limit on a select).
const MAX_OPTIONS: usize = 25;

/// A form shown in a modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Comes back with the submission.
    pub custom_id: String,
    pub title: String,
    pub fields: Vec<Field>,
}

/// One labelled field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The option the submitted value fills in.
    pub id: &'static str,
    pub label: String,
    pub description: Option<String>,
    pub input: Input,
}

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Several lines of text, `min..=max` characters.
    Paragraph {
        placeholder: String,
        min: u16,
        max: u16,
    },
    /// One of these options.
    Choice(Vec<ChoiceOption>),
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub label: String,
    pub value: String,
    pub description: Option<String>,
    /// Chosen before the reader does anything.
    pub selected: bool,
}

/// `/suggest`'s form, when the command came without text: the prompt, and the section it is
/// about, preselected with the section the command named, else the one the group is reading,
/// else "closest to my words". At most 25 options: "closest" and the sections around the
/// preselected one.
pub fn suggest_form(book: &Book<'_>, invocation: &Invocation, context: &Context) -> Option<Form> {
    if invocation.command != "suggest" {
        return None;
    }
    // Any text given, even blank, is the option form's to check.
    if invocation.get(suggest::TEXT).is_some() {
        return None;
    }
    let text = book.text();
    let exists = |n: u32| text.section(n).is_some();
    let named = invocation
        .get(suggest::SECTION)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| exists(n));
    let preselected = named.or(context.reading.filter(|&n| exists(n)));
    let numbers: Vec<u32> = text.sections.iter().map(|s| s.number).collect();
    let window = MAX_OPTIONS - 1;
    let at = preselected
        .and_then(|n| numbers.iter().position(|&m| m == n))
        .unwrap_or(0);
    let start = at
        .saturating_sub(window / 2)
        .min(numbers.len().saturating_sub(window));
    let mut options = vec![ChoiceOption {
        label: "The closest to my words".into(),
        value: CLOSEST.into(),
        description: Some("Seminar picks the section that speaks to your prompt.".into()),
        selected: preselected.is_none(),
    }];
    options.extend(
        numbers
            .iter()
            .skip(start)
            .take(window)
            .filter_map(|&n| text.section(n))
            .map(|section| ChoiceOption {
                label: markup::cut(&book.cite(section), 100),
                value: section.number.to_string(),
                description: None,
                selected: Some(section.number) == preselected,
            }),
    );
    Some(Form {
        custom_id: SUGGEST_FORM.into(),
        title: "Suggest a discussion prompt".into(),
        fields: vec![
            Field {
                id: suggest::TEXT.name,
                label: "Your prompt".into(),
                description: Some("A question for the group; moderators review it.".into()),
                input: Input::Paragraph {
                    placeholder: "Who gains most if the talks stall?".into(),
                    min: MIN_SUGGESTION,
                    max: MAX_SUGGESTION,
                },
            },
            Field {
                id: suggest::SECTION.name,
                label: "The section it is about".into(),
                description: None,
                input: Input::Choice(options),
            },
        ],
    })
}

/// The invocation a submitted form stands for, from its `custom_id` and the value of each field
/// by id; `None` for a form Seminar never showed.
pub fn submitted(custom_id: &str, values: &[(String, String)]) -> Option<Invocation> {
    if custom_id != SUGGEST_FORM {
        return None;
    }
    let mut invocation = Invocation::new("suggest");
    for (id, value) in values {
        if id == suggest::TEXT.name {
            invocation.push(suggest::TEXT.name, Value::String(value.clone()));
        } else if id == suggest::SECTION.name
            && let Ok(number) = value.parse::<i64>()
        {
            invocation.push(suggest::SECTION.name, Value::Integer(number));
        }
    }
    Some(invocation)
}
