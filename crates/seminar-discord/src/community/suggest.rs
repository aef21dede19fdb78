//! `/suggest`: a member proposes a prompt about a section; it waits for a moderator's `/review`.

use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::section::no_such_section;
use seminar_core::engine::study_commands::MAX_SUGGESTION;
use seminar_core::engine::study_commands::suggest::{SECTION, TEXT};
use seminar_core::engine::{Book, Reply};
use seminar_core::markup;
use seminar_store::{GuildSettings, Verdict};

/// How many suggestions one member may have waiting at once.
const MAX_PENDING_PER_MEMBER: usize = 5;
/// Shortest useful prompt, in characters.
const MIN_CHARS: usize = 10;

/// Answers `/suggest text:… [section]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let invocation = request.invocation;
    let raw = invocation.get(TEXT).unwrap_or_default();
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Err(problem) = check(&text) {
        return Ok(Reply::user_error(problem));
    }
    let book = community.engine.book_or_default(settings.text.as_deref());
    let essay = book.text();
    let section = match invocation.get(SECTION) {
        Some(number) => match u32::try_from(number).ok().and_then(|n| essay.section(n)) {
            Some(section) => section.number,
            None => return Ok(no_such_section(essay, number)),
        },
        None => closest_section(&book, &text).unwrap_or(1),
    };
    let pending = community.store.suggestions(guild, Verdict::Pending).await?;
    let mine = pending
        .iter()
        .filter(|s| s.author == request.caller.user)
        .count();
    if mine >= MAX_PENDING_PER_MEMBER {
        return Ok(Reply::user_error(format!(
            "You have {mine} suggestions waiting for review already; let the moderators catch up first."
        )));
    }
    if pending.iter().any(|s| s.text.eq_ignore_ascii_case(&text)) {
        return Ok(Reply::user_error(
            "That prompt is waiting for review already.",
        ));
    }
    let id = community
        .store
        .suggest(
            guild,
            request.caller.user,
            section,
            &text,
            community.now_seconds(),
        )
        .await?;
    let citation = essay
        .section(section)
        .map_or_else(|| book.cite_number(section), |s| book.cite(s));
    Ok(Reply::user_error(format!(
        "Thanks! Your prompt #{id} about **{citation}** waits for a moderator's `/review`:\n> {}",
        markup::escape(&text)
    )))
}

/// Why a suggestion cannot be taken, if it cannot.
fn check(text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars == 0 {
        return Err(
            "Write the prompt in `text`, e.g. `/suggest text:Who gains most if the talks stall?`"
                .into(),
        );
    }
    if chars < MIN_CHARS {
        return Err(format!(
            "That is too short to discuss; write a whole question of at least {MIN_CHARS} characters."
        ));
    }
    if chars > usize::from(MAX_SUGGESTION) {
        return Err(format!(
            "That is {chars} characters; a prompt can have at most {MAX_SUGGESTION}."
        ));
    }
    let lower = text.to_lowercase();
    if lower.contains("@everyone") || lower.contains("@here") || text.contains("<@&") {
        return Err("A prompt cannot mention @everyone, @here or a role.".into());
    }
    if text.contains("<@") {
        return Err("A prompt cannot mention members.".into());
    }
    Ok(())
}

/// The section whose passages are closest to the suggestion's words.
fn closest_section(book: &Book<'_>, text: &str) -> Option<u32> {
    let query = book.parse(text);
    let hits = book.index().search_sections(&query, &book.filter()).ok()?;
    hits.first().map(|hit| hit.section)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn mass_mentions_are_refused() {
        assert!(check("What would @everyone here make of §13?").is_err());
        assert!(check("Is @here the right word for this?").is_err());
        assert!(check("Ask <@&123> what they think of the talks").is_err());
    }

    #[test]
    fn empty_short_and_long_prompts_are_refused() {
        assert!(check("").is_err());
        assert!(check("Why?").is_err());
        assert!(check(&"why ".repeat(100)).is_err());
        assert!(check("Who gains most if the talks stall?").is_ok());
    }
}
