//! "I've read it": the button on every plan post and discussion post. A press moves the
//! presser's own reading position forward to the post's section (never back), privately.

use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::custom_id::MAX_CUSTOM_ID;
use seminar_core::engine::{Book, Reply};
use seminar_store::{Advanced, Member};

/// The `custom_id` prefix: `v1:read:{section}:{text id}`. The engine's kinds are `page`, `open`,
/// `prompt` and `search`, and `/review`'s is `review`, so none collides.
const PREFIX: &str = "v1:read:";
/// The button's label.
pub const LABEL: &str = "I've read it";

/// What a press of "I've read it" records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub section: u32,
    /// The id of the post's text; `None`: the server's (an id too long to fit the `custom_id`).
    pub text: Option<String>,
}

impl Button {
    /// The button's `custom_id`, at most Discord's 100 characters.
    pub fn encode(&self) -> String {
        let bare = format!("{PREFIX}{}", self.section);
        match &self.text {
            Some(text) if bare.len() + 1 + text.len() <= MAX_CUSTOM_ID => {
                format!("{bare}:{text}")
            }
            _ => bare,
        }
    }

    /// Reads an "I've read it" `custom_id`; `None` for any other button.
    pub fn decode(custom_id: &str) -> Option<Button> {
        let rest = custom_id.strip_prefix(PREFIX)?;
        let (section, text) = match rest.split_once(':') {
            Some((section, text)) if !text.is_empty() => (section, Some(text.to_string())),
            Some(_) => return None,
            None => (rest, None),
        };
        Some(Button {
            section: section.parse().ok().filter(|n| *n > 0)?,
            text,
        })
    }
}

/// Adds "I've read it" for `section` of `book` to a post, in a row of its own.
pub fn add_to(post: &mut Reply, book: &Book<'_>, section: u32) {
    let button = Button {
        section,
        text: Some(book.text().id.clone()),
    };
    post.buttons.push(vec![
        seminar_core::engine::Button::new(LABEL, button.encode()).primary(),
    ]);
}

/// A press: the presser's own position in the post's text moves forward to its section.
pub async fn press(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    button: Button,
) -> Result<Reply, CommunityError> {
    let book = match &button.text {
        Some(id) => community.engine.book_of(id),
        None => {
            let settings = community.store.settings(guild).await?;
            Some(community.engine.book_or_default(settings.text.as_deref()))
        }
    };
    let Some(book) = book else {
        return Ok(Reply::user_error(
            "The text of this post is no longer in the library, so there is nothing to mark.",
        ));
    };
    let text = book.text();
    let Some(section) = text.section(button.section) else {
        return Ok(Reply::user_error(format!(
            "{} no longer exists, so there is nothing to mark.",
            book.cite_number(button.section)
        )));
    };
    let member = Member {
        guild,
        member: request.caller.user,
        text: &text.id,
    };
    let now = community.now_seconds();
    let advanced = community
        .store
        .advance_own_position(member, section.number, now)
        .await?;
    let body = match advanced {
        Advanced::Moved => {
            let held = match section.number < text.last_section() {
                true => format!(
                    " Lookups hold back §{}–§{} for you unless you add `spoilers:true`.",
                    section.number + 1,
                    text.last_section()
                ),
                false => " That is the end of the text: nothing is held back.".to_string(),
            };
            format!(
                "Marked **{}** as read: your own position is §{} now.{held}",
                book.cite(section),
                section.number
            )
        }
        Advanced::Already(at) if at == section.number => format!(
            "You marked §{} as read already: nothing changed.",
            section.number
        ),
        Advanced::Already(at) => format!(
            "You are at §{at} already, past §{}: nothing changed.",
            section.number
        ),
    };
    Ok(Reply::user_error(body))
}

#[cfg(test)]
mod tests {
    use super::Button;

    #[test]
    fn read_buttons_round_trip_and_stay_small() {
        let button = Button {
            section: 13,
            text: Some("us-iran-talks".into()),
        };
        assert_eq!(button.encode(), "v1:read:13:us-iran-talks");
        assert_eq!(Button::decode(&button.encode()), Some(button));
        let long = Button {
            section: 2,
            text: Some("x".repeat(120)),
        };
        assert_eq!(long.encode(), "v1:read:2");
        assert_eq!(
            Button::decode("v1:read:2"),
            Some(Button {
                section: 2,
                text: None
            })
        );
    }

    #[test]
    fn other_buttons_are_not_read_buttons() {
        for other in [
            "v1:page:3:1",
            "v1:review:approve:3",
            "v1:read:x",
            "v1:read:0",
            "v1:read:3:",
        ] {
            assert_eq!(Button::decode(other), None, "{other}");
        }
    }
}
