//! `/progress`: where the group is in the text, shown to anyone and set by moderators; lookups
//! hold later sections back.

use crate::community::{Community, CommunityError, Request, channel_mention};
use seminar_core::engine::Reply;
use seminar_core::engine::section::no_such_section;
use seminar_core::engine::study_commands::progress::{CLEAR, SECTION, THIS_CHANNEL};
use seminar_store::{GuildSettings, Place};

/// Answers `/progress [section] [this_channel] [clear]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let invocation = request.invocation;
    let book = community.engine.book_or_default(settings.text.as_deref());
    let section = invocation.get(SECTION);
    let clear = invocation.get(CLEAR) == Some(true);
    let this_channel = invocation.get(THIS_CHANNEL) == Some(true);
    let place = match this_channel {
        true => Place::Channel(request.channel),
        false => Place::Guild(guild),
    };
    let where_ = match this_channel {
        true => channel_mention(request.channel),
        false => "this server".to_string(),
    };
    if section.is_none() && !clear {
        return show(community, guild, request, &book).await;
    }
    let text = book.text();
    if clear {
        if section.is_some() {
            return Ok(Reply::user_error(
                "Give either `section` or `clear:true`, not both.",
            ));
        }
        community.store.set_reading(place, None).await?;
        return Ok(Reply::user_error(format!(
            "Cleared the reading position of {where_}: lookups there draw on the whole text again."
        )));
    }
    let number = section.unwrap_or_default();
    let Some(found) = u32::try_from(number).ok().and_then(|n| text.section(n)) else {
        return Ok(no_such_section(text, number));
    };
    community
        .store
        .set_reading(place, Some(found.number))
        .await?;
    let held = match found.number < text.last_section() {
        true => format!(
            "/search, /actor and /question there now hold back §{}–§{} unless someone adds `spoilers:true`.",
            found.number + 1,
            text.last_section()
        ),
        false => "That is the end of the text: nothing is held back.".to_string(),
    };
    Ok(Reply::user_error(format!(
        "The reading position of {where_} is now **{}**. {held}",
        book.cite(found)
    )))
}

/// The position that applies here, and where it comes from.
async fn show(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    book: &seminar_core::engine::Book<'_>,
) -> Result<Reply, CommunityError> {
    let text = book.text();
    let store = &community.store;
    // One query for the three places: on PostgreSQL each query is a network round trip.
    let parent_place = Place::Channel(request.parent.unwrap_or(request.channel));
    let places = [
        Place::Channel(request.channel),
        parent_place,
        Place::Guild(guild),
    ];
    let [here, parent, server] = store.readings_at(places).await?;
    let (at, source) = match (here, parent, server) {
        (Some(n), _, _) => (n, "set for this channel".to_string()),
        (None, Some(n), _) => (
            n,
            format!(
                "set for {}",
                channel_mention(request.parent.unwrap_or_default())
            ),
        ),
        (None, None, Some(n)) => (n, "set for the server".to_string()),
        (None, None, None) => {
            return Ok(Reply::user_error(
                "No reading position is set here, so lookups draw on the whole text. Moderators can set one with `/progress section:N`; a reading plan moves it forward as it posts.",
            ));
        }
    };
    let citation = text
        .section(at)
        .map_or_else(|| book.cite_number(at), |s| book.cite(s));
    let mut body = format!("Your group is at **{citation}** ({source}).");
    if at < text.last_section() {
        body.push_str(&format!(
            " /search, /actor and /question hold back §{}–§{}; add `spoilers:true` to include them.",
            at + 1,
            text.last_section()
        ));
    }
    Ok(Reply::user_error(body))
}
