//! `/review`: moderators see the suggested prompts one at a time with Approve and Reject buttons;
//! an approved prompt joins the server's own pool.

use crate::community::permissions::{Need, require};
use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::{Book, Button, Entry, Reply};
use seminar_core::markup;
use seminar_store::{GuildSettings, Suggestion, Verdict};

const PREFIX: &str = "v1:review:";

/// What a review button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    pub suggestion: u32,
    pub approve: bool,
}

impl Action {
    /// The button's `custom_id`.
    pub fn encode(self) -> String {
        let verb = if self.approve { "approve" } else { "reject" };
        format!("{PREFIX}{verb}:{}", self.suggestion)
    }

    /// Reads a review button's `custom_id`; `None` for any other button.
    pub fn decode(custom_id: &str) -> Option<Action> {
        let (verb, id) = custom_id.strip_prefix(PREFIX)?.split_once(':')?;
        let approve = match verb {
            "approve" => true,
            "reject" => false,
            _ => return None,
        };
        Some(Action {
            suggestion: id.parse().ok()?,
            approve,
        })
    }
}

/// Answers `/review`: the oldest pending suggestion.
pub async fn run(
    community: &Community,
    guild: u64,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    next(community, guild, settings, None).await
}

/// A press of Approve or Reject: decides, then shows the next pending suggestion in its place.
pub async fn press(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    action: Action,
) -> Result<Reply, CommunityError> {
    // A button outlives the permissions of whoever it was shown to: check again.
    let settings = community.store.settings(guild).await?;
    if let Err(refusal) = require(
        request.caller,
        Need::Moderator,
        &settings,
        "review suggestions",
    ) {
        return Ok(*refusal);
    }
    let verdict = if action.approve {
        Verdict::Approved
    } else {
        Verdict::Rejected
    };
    let decided = community
        .store
        .decide(guild, action.suggestion, verdict, request.caller.user)
        .await?;
    let note = match decided {
        Some(s) if action.approve => format!(
            "Approved #{}: it joins this server's prompts for §{}.",
            s.id, s.section
        ),
        Some(s) => format!("Rejected #{}.", s.id),
        None => format!(
            "#{} was decided already (by another moderator?).",
            action.suggestion
        ),
    };
    let mut reply = next(community, guild, &settings, Some(note)).await?;
    // The review message is updated in place; it was private from the start.
    reply.private = false;
    Ok(reply)
}

/// The oldest pending suggestion with its buttons, after `note`; or that none is left.
async fn next(
    community: &Community,
    guild: u64,
    settings: &GuildSettings,
    note: Option<String>,
) -> Result<Reply, CommunityError> {
    let pending = community.store.suggestions(guild, Verdict::Pending).await?;
    let note = note.map(|n| format!("{n}\n\n")).unwrap_or_default();
    let Some(first) = pending.first() else {
        return Ok(Reply {
            private: true,
            body: format!("{note}No suggestions are waiting for review."),
            ..Reply::default()
        });
    };
    let book = community.engine.book_or_default(settings.text.as_deref());
    Ok(show(&book, first, pending.len(), &note))
}

fn show(book: &Book<'_>, suggestion: &Suggestion, waiting: usize, note: &str) -> Reply {
    let citation = book
        .text()
        .section(suggestion.section)
        .map_or_else(|| book.cite_number(suggestion.section), |s| book.cite(s));
    let more = match waiting {
        1 => "This is the last one waiting.".to_string(),
        n => format!("{} more after this one.", n - 1),
    };
    Reply {
        private: true,
        title: Some(format!("Suggestion #{}", suggestion.id)),
        body: format!(
            "{note}**{}**\nSuggested by <@{}> about {citation}.",
            markup::escape(&suggestion.text),
            suggestion.author
        ),
        entries: vec![Entry {
            heading: "Waiting".into(),
            text: more,
            button: None,
        }],
        buttons: vec![vec![
            Button::new(
                "Approve",
                Action {
                    suggestion: suggestion.id,
                    approve: true,
                }
                .encode(),
            )
            .primary(),
            Button::new(
                "Reject",
                Action {
                    suggestion: suggestion.id,
                    approve: false,
                }
                .encode(),
            ),
        ]],
        ..Reply::default()
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn review_buttons_round_trip() {
        for approve in [true, false] {
            let action = Action {
                suggestion: 42,
                approve,
            };
            assert_eq!(Action::decode(&action.encode()), Some(action));
        }
        assert_eq!(Action::decode("v1:page:3:1"), None);
        assert_eq!(Action::decode("v1:review:maybe:3"), None);
    }
}
