//! Button ids: what a press asks for, encoded into Discord's 100-character `custom_id` and decoded
//! back. Versioned (`v1:`) so that buttons on old messages keep working or fail politely.
//!
//! Formats: `v1:page:13:2`, `v1:open:13`, `v1:prompt:{scope}:{after}` (scope `s=13,a=iran,t=energy`
//! or `-`, then `,+` or a lone `+` when the original asked for spoilers; `after` may be empty),
//! `v1:search:{page}:{query}` (`{page}+` when the original asked for spoilers) and
//! `v1:find:{passages}:{words}` (Find in essay's closest passages as `section.ordinal`, comma
//! separated, and the message's words for highlighting). Ids written before the spoilers flag
//! existed decode as not asking for spoilers. A button about a text other than the library's
//! default names it after the kind (`v1:page@federalist:10:2`), and one about every text says
//! `@*` (`v1:search@*:2:power`): text ids never contain `*`.

mod scope;

use std::fmt;

use crate::content::model::PromptId;
use scope::{decode_scope, encode_scope};

/// Discord's limit on a `custom_id`.
pub const MAX_CUSTOM_ID: usize = 100;
const VERSION: &str = "v1";
/// Marks an id whose lookup asked for spoilers: after a search's page, as a prompt scope's element.
const SPOILERS: &str = "+";
/// Separates an action's kind from the id of the text it is about.
const TEXT_MARK: &str = "@";
/// Stands for the whole library where a text's id would be.
const LIBRARY_MARK: &str = "*";

/// Which prompts "another prompt" may pick from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptScope {
    pub section: Option<u32>,
    pub actor: Option<String>,
    pub theme: Option<String>,
    /// Whether the original lookup asked for `spoilers:true`, lifting the group's reading guard.
    pub spoilers: bool,
}

/// A passage named by its section and its 1-based place in it, which survive a rebuild of the
/// index (a passage's position in the index does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassageRef {
    pub section: u32,
    pub ordinal: u32,
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
    /// Find in essay's answer again, later sections included: the passages it found closest,
    /// best first, and the message's words (cut to fit) to highlight in them.
    Find {
        passages: Vec<PassageRef>,
        words: String,
    },
}

/// What a button's action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The library's default text (ids without a tag).
    Default,
    /// The text with this id.
    Text(String),
    /// Every text of the library (`/search text:all`).
    Library,
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
        match text {
            None => self.encode(),
            Some(text) => self.encode_tagged(text),
        }
    }

    /// The `custom_id` for this action about `target`.
    pub fn encode_in(&self, target: &Target) -> String {
        match target {
            Target::Default => self.encode(),
            Target::Text(text) => self.encode_tagged(text),
            Target::Library => self.encode_tagged(LIBRARY_MARK),
        }
    }

    fn encode_tagged(&self, text: &str) -> String {
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
        // Only free words (a search's query, a message's) make an id long: cut them as `encode`
        // does, after the tag.
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

    /// Decodes a `custom_id` and the id of the text it is about (`None`: the default text; `*`:
    /// every text, see [`Action::decode_target`]).
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

    /// Decodes a `custom_id` and what it is about. Only a search may be about every text.
    pub fn decode_target(id: &str) -> Result<(Target, Action), DecodeError> {
        let (tag, action) = Action::decode_tagged(id)?;
        let target = match tag.as_deref() {
            None => Target::Default,
            Some(LIBRARY_MARK) if matches!(action, Action::Search { .. }) => Target::Library,
            Some(LIBRARY_MARK) => return Err(DecodeError::Malformed),
            Some(text) => Target::Text(text.to_string()),
        };
        Ok((target, action))
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
            "find" => {
                let (passages, words) = rest.split_once(':').ok_or(DecodeError::Malformed)?;
                let passages = passages
                    .split(',')
                    .map(|p| {
                        let (section, ordinal) = p.split_once('.').ok_or(DecodeError::Malformed)?;
                        Ok(PassageRef {
                            section: number(section)?,
                            ordinal: number(ordinal)?,
                        })
                    })
                    .collect::<Result<Vec<_>, DecodeError>>()?;
                Ok(Action::Find {
                    passages,
                    words: words.to_string(),
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
            Action::Find { passages, words } => {
                let passages: Vec<String> = passages
                    .iter()
                    .map(|p| format!("{}.{}", p.section, p.ordinal))
                    .collect();
                write!(f, "{VERSION}:find:{}:{words}", passages.join(","))
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

#[cfg(test)]
mod tests;
