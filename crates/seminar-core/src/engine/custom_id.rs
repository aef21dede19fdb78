//! Button ids: what a press asks for, encoded into Discord's 100-character `custom_id` and decoded
//! back. Versioned (`v1:`) so that buttons on old messages keep working or fail politely.
//!
//! Formats: `v1:page:13:2`, `v1:open:13`, `v1:prompt:{scope}:{after}` (scope `s=13,a=iran,t=energy`
//! or `-`, then `,+` or a lone `+` when the original asked for spoilers; `after` may be empty),
//! and `v1:search:{page}:{query}` (`{page}+` when the original asked for spoilers). Ids written
//! before the spoilers flag existed decode as not asking for spoilers. A button about a text other
//! than the library's default names it after the kind: `v1:page@federalist:10:2`.

use std::fmt;

use crate::content::model::PromptId;

/// Discord's limit on a `custom_id`.
pub const MAX_CUSTOM_ID: usize = 100;
const VERSION: &str = "v1";
/// Marks an id whose lookup asked for spoilers: after a search's page, as a prompt scope's element.
const SPOILERS: &str = "+";
/// Separates an action's kind from the id of the text it is about.
const TEXT_MARK: &str = "@";

/// Which prompts "another prompt" may pick from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptScope {
    pub section: Option<u32>,
    pub actor: Option<String>,
    pub theme: Option<String>,
    /// Whether the original lookup asked for `spoilers:true`, lifting the group's reading guard.
    pub spoilers: bool,
}

/// What pressing a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Page `page` (1-based) of a section.
    Page { section: u32, page: u32 },
    /// The first page of a section (used by "related" and "read" buttons).
    Open { section: u32 },
    /// Another prompt from the scope, not `after`.
    Prompt {
        scope: PromptScope,
        after: Option<PromptId>,
    },
    /// Page `page` (1-based) of a search's results; `spoilers` when the search asked for them.
    Search {
        page: u32,
        query: String,
        spoilers: bool,
    },
}

/// Why a `custom_id` could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("this button comes from an older version of Seminar")]
    Version,
    #[error("this button is not one of Seminar's")]
    Malformed,
}

impl Action {
    /// The `custom_id` for this action, at most `MAX_CUSTOM_ID` bytes: a search query too long to
    /// fit is cut after its last whole word that does.
    pub fn encode(&self) -> String {
        self.encode_within(MAX_CUSTOM_ID)
    }

    fn encode_within(&self, max: usize) -> String {
        let id = self.to_string();
        if id.len() <= max {
            return id;
        }
        let mut end = max;
        while !id.is_char_boundary(end) {
            end -= 1;
        }
        let head = &id[..end];
        let prefix_len = head.match_indices(':').nth(2).map_or(0, |(i, _)| i + 1);
        match head[prefix_len..].rfind(' ') {
            Some(space) if space > 0 => head[..prefix_len + space].to_string(),
            _ => head.to_string(),
        }
    }

    /// The `custom_id` for this action about the text with id `text` (`None`: the default text).
    pub fn encode_for(&self, text: Option<&str>) -> String {
        let Some(text) = text else {
            return self.encode();
        };
        let plain = self.to_string();
        let kind_end = plain
            .match_indices(':')
            .nth(1)
            .map_or(plain.len(), |(i, _)| i);
        let tagged = format!(
            "{}{TEXT_MARK}{text}{}",
            &plain[..kind_end],
            &plain[kind_end..]
        );
        if tagged.len() <= MAX_CUSTOM_ID {
            return tagged;
        }
        // Only a search's query can make an id long: cut it as `encode` does, after the tag.
        let room = MAX_CUSTOM_ID.saturating_sub(text.len() + TEXT_MARK.len());
        let short = self.encode_within(room);
        let kind_end = short
            .match_indices(':')
            .nth(1)
            .map_or(short.len(), |(i, _)| i);
        format!(
            "{}{TEXT_MARK}{text}{}",
            &short[..kind_end],
            &short[kind_end..]
        )
    }

    /// Decodes a `custom_id` and the id of the text it is about (`None`: the default text).
    pub fn decode_tagged(id: &str) -> Result<(Option<String>, Action), DecodeError> {
        let mut parts = id.splitn(3, ':');
        let version = parts.next().unwrap_or_default();
        let kind = parts.next().unwrap_or_default();
        match kind.split_once(TEXT_MARK) {
            Some((plain, text)) if !text.is_empty() => {
                let rest = parts.next().map_or(String::new(), |r| format!(":{r}"));
                let action = Action::decode(&format!("{version}:{plain}{rest}"))?;
                Ok((Some(text.to_string()), action))
            }
            Some(_) => Err(DecodeError::Malformed),
            None => Ok((None, Action::decode(id)?)),
        }
    }

    /// Decodes a `custom_id`.
    pub fn decode(id: &str) -> Result<Action, DecodeError> {
        let mut parts = id.splitn(3, ':');
        let version = parts.next().unwrap_or_default();
        if version != VERSION {
            return Err(
                if version.starts_with('v') && version[1..].parse::<u32>().is_ok() {
                    DecodeError::Version
                } else {
                    DecodeError::Malformed
                },
            );
        }
        let kind = parts.next().ok_or(DecodeError::Malformed)?;
        let rest = parts.next().unwrap_or_default();
        match kind {
            "page" => {
                let (section, page) = rest.split_once(':').ok_or(DecodeError::Malformed)?;
                Ok(Action::Page {
                    section: number(section)?,
                    page: number(page)?,
                })
            }
            "open" => Ok(Action::Open {
                section: number(rest)?,
            }),
            "prompt" => {
                let (scope, after) = rest.split_once(':').unwrap_or((rest, ""));
                Ok(Action::Prompt {
                    scope: decode_scope(scope)?,
                    after: if after.is_empty() {
                        None
                    } else {
                        Some(after.parse().map_err(|_| DecodeError::Malformed)?)
                    },
                })
            }
            "search" => {
                let (page, query) = rest.split_once(':').ok_or(DecodeError::Malformed)?;
                let (page, spoilers) = match page.strip_suffix(SPOILERS) {
                    Some(page) => (page, true),
                    None => (page, false),
                };
                Ok(Action::Search {
                    page: number(page)?,
                    query: query.to_string(),
                    spoilers,
                })
            }
            _ => Err(DecodeError::Malformed),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Page { section, page } => write!(f, "{VERSION}:page:{section}:{page}"),
            Action::Open { section } => write!(f, "{VERSION}:open:{section}"),
            Action::Prompt { scope, after } => {
                write!(f, "{VERSION}:prompt:{}:", encode_scope(scope))?;
                match after {
                    Some(id) => write!(f, "{id}"),
                    None => Ok(()),
                }
            }
            Action::Search {
                page,
                query,
                spoilers,
            } => {
                let flag = if *spoilers { SPOILERS } else { "" };
                write!(f, "{VERSION}:search:{page}{flag}:{query}")
            }
        }
    }
}

/// A number as Seminar writes it: digits only (so that `+2` is not read as page 2).
fn number(text: &str) -> Result<u32, DecodeError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecodeError::Malformed);
    }
    text.parse().map_err(|_| DecodeError::Malformed)
}

/// `s=13,a=iran,t=energy-hormuz`, or `-` for no restriction; `+` added as an element when the
/// scope asks for spoilers (`a=iran,+`, or `+` alone). Ids never contain `,`, `=`, `+` or `:`.
fn encode_scope(scope: &PromptScope) -> String {
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

fn decode_scope(text: &str) -> Result<PromptScope, DecodeError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(action: Action) {
        assert_eq!(Action::decode(&action.encode()), Ok(action));
    }

    #[test]
    fn every_action_survives_encoding() {
        round_trip(Action::Page {
            section: 13,
            page: 2,
        });
        round_trip(Action::Open { section: 14 });
        round_trip(Action::Prompt {
            scope: PromptScope {
                section: Some(13),
                actor: Some("iran".into()),
                theme: Some("energy-hormuz".into()),
                spoilers: false,
            },
            after: Some(PromptId {
                section: 13,
                ordinal: 2,
            }),
        });
        round_trip(Action::Prompt {
            scope: PromptScope::default(),
            after: None,
        });
        round_trip(Action::Search {
            page: 2,
            query: "strait: of \"hormuz\"".into(),
            spoilers: false,
        });
    }

    #[test]
    fn a_text_tag_survives_encoding_and_plain_ids_have_none() {
        let page = Action::Page {
            section: 10,
            page: 2,
        };
        assert_eq!(
            page.encode_for(Some("federalist")),
            "v1:page@federalist:10:2"
        );
        assert_eq!(
            Action::decode_tagged("v1:page@federalist:10:2"),
            Ok((Some("federalist".to_string()), page.clone()))
        );
        assert_eq!(Action::decode_tagged("v1:page:10:2"), Ok((None, page)));
        assert_eq!(
            Action::decode_tagged("v1:page@:10:2"),
            Err(DecodeError::Malformed)
        );
    }

    #[test]
    fn a_tagged_search_id_is_cut_to_fit() {
        let search = Action::Search {
            page: 2,
            query: "word ".repeat(40).trim().to_string(),
            spoilers: false,
        };
        let id = search.encode_for(Some("federalist"));
        assert!(id.len() <= MAX_CUSTOM_ID, "{id}");
        assert!(id.starts_with("v1:search@federalist:2:word word"), "{id}");
        assert!(!id.ends_with(' '));
        let (text, decoded) = Action::decode_tagged(&id).unwrap();
        assert_eq!(text.as_deref(), Some("federalist"));
        assert!(matches!(decoded, Action::Search { page: 2, .. }));
    }

    #[test]
    fn the_spoilers_flag_survives_encoding() {
        for spoilers in [false, true] {
            round_trip(Action::Search {
                page: 3,
                query: "why: +2 \"sections\"".into(),
                spoilers,
            });
            round_trip(Action::Prompt {
                scope: PromptScope {
                    spoilers,
                    ..PromptScope::default()
                },
                after: None,
            });
            round_trip(Action::Prompt {
                scope: PromptScope {
                    section: Some(13),
                    actor: Some("iran".into()),
                    theme: Some("energy-hormuz".into()),
                    spoilers,
                },
                after: Some(PromptId::server(13, 7)),
            });
        }
    }

    #[test]
    fn the_spoilers_flag_is_one_character() {
        for (id, spoilers) in [
            ("v1:search:2:power", false),
            ("v1:search:2+:power", true),
            ("v1:prompt:a=iran:", false),
            ("v1:prompt:a=iran,+:", true),
            ("v1:prompt:+:5.1", true),
        ] {
            let action = Action::decode(id).unwrap();
            assert_eq!(action.encode(), id);
            let flag = match action {
                Action::Search { spoilers, .. } => spoilers,
                Action::Prompt { scope, .. } => scope.spoilers,
                _ => unreachable!(),
            };
            assert_eq!(flag, spoilers, "{id}");
        }
    }

    #[test]
    fn ids_from_before_the_flag_decode_without_it() {
        for old in [
            "v1:search:2:strait of hormuz",
            "v1:prompt:s=13,a=iran:13.2",
            "v1:prompt:-:",
        ] {
            let action = Action::decode(old).unwrap();
            assert_eq!(action.encode(), old);
            assert!(matches!(
                action,
                Action::Search {
                    spoilers: false,
                    ..
                } | Action::Prompt {
                    scope: PromptScope {
                        spoilers: false,
                        ..
                    },
                    ..
                }
            ));
        }
    }

    #[test]
    fn a_malformed_flag_is_refused() {
        for id in [
            "v1:search:+:power",
            "v1:search:2++:power",
            "v1:search:+2:power",
            "v1:prompt:+,+:",
            "v1:prompt:-,+:",
            "v1:prompt:a=iran,:",
        ] {
            assert_eq!(Action::decode(id), Err(DecodeError::Malformed), "{id}");
        }
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(
            Action::Page {
                section: 13,
                page: 2
            }
            .encode(),
            "v1:page:13:2"
        );
        assert_eq!(
            Action::Prompt {
                scope: PromptScope {
                    actor: Some("iran".into()),
                    ..PromptScope::default()
                },
                after: Some(PromptId {
                    section: 5,
                    ordinal: 1
                })
            }
            .encode(),
            "v1:prompt:a=iran:5.1"
        );
    }

    #[test]
    fn long_queries_are_cut_to_the_limit() {
        for spoilers in [false, true] {
            let id = Action::Search {
                page: 2,
                query: "é".repeat(200),
                spoilers,
            }
            .encode();
            assert!(id.len() <= MAX_CUSTOM_ID);
            assert!(
                matches!(Action::decode(&id), Ok(Action::Search { spoilers: s, .. }) if s == spoilers),
                "{id}"
            );
        }
    }

    #[test]
    fn long_queries_are_cut_after_a_whole_word() {
        let id = Action::Search {
            page: 2,
            query: "strait of hormuz ".repeat(10),
            spoilers: true,
        }
        .encode();
        assert!(id.len() <= MAX_CUSTOM_ID);
        assert!(id.starts_with("v1:search:2+:strait of hormuz "), "{id}");
        assert!(
            id.ends_with("hormuz") || id.ends_with("of") || id.ends_with("strait"),
            "{id}"
        );
    }

    #[test]
    fn foreign_and_future_ids_are_told_apart() {
        assert_eq!(Action::decode("v9:page:1:1"), Err(DecodeError::Version));
        assert_eq!(Action::decode("something"), Err(DecodeError::Malformed));
        assert_eq!(Action::decode("v1:page:x:1"), Err(DecodeError::Malformed));
        assert_eq!(
            Action::decode("v1:prompt:q=1:"),
            Err(DecodeError::Malformed)
        );
    }
}
