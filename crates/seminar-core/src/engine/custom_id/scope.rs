//! A prompt scope inside a button id: `s=13,a=iran,t=energy-hormuz`, `-`, with `+` for spoilers.

use super::{DecodeError, PromptScope, SPOILERS, number};

/// `s=13,a=iran,t=energy-hormuz`, or `-` for no restriction; `+` added as an element when the
/// scope asks for spoilers (`a=iran,+`, or `+` alone). Ids never contain `,`, `=`, `+` or `:`.
pub(super) fn encode_scope(scope: &PromptScope) -> String {
    let mut parts = Vec::new();
    if let Some(section) = scope.section {
        parts.push(format!("s={section}"));
    }
    if let Some(actor) = &scope.actor {
        parts.push(format!("a={actor}"));
    }
    if let Some(theme) = &scope.theme {
        parts.push(format!("t={theme}"));
    }
    if scope.spoilers {
        parts.push(SPOILERS.to_string());
    }
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(",")
    }
}

pub(super) fn decode_scope(text: &str) -> Result<PromptScope, DecodeError> {
    let mut scope = PromptScope::default();
    if text == "-" {
        return Ok(scope);
    }
    for part in text.split(',') {
        if part == SPOILERS && !scope.spoilers {
            scope.spoilers = true;
            continue;
        }
        let (key, value) = part.split_once('=').ok_or(DecodeError::Malformed)?;
        if value.is_empty() {
            return Err(DecodeError::Malformed);
        }
        match key {
            "s" => scope.section = Some(number(value)?),
            "a" => scope.actor = Some(value.to_string()),
            "t" => scope.theme = Some(value.to_string()),
            _ => return Err(DecodeError::Malformed),
        }
    }
    Ok(scope)
}
