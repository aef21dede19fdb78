//! `/progress`: where the group is in the text, shown to anyone (with, for moderators, how
//! members' own positions spread) and set by moderators; lookups hold later sections back.
//! `mine:true` is each member's own position (`community/mine.rs`).

use crate::community::permissions::Need;
use crate::community::{Community, CommunityError, Request, channel_mention, mine, spread};
use seminar_core::engine::section::no_such_section;
use seminar_core::engine::study_commands::progress::{CLEAR, MINE, SECTION, THIS_CHANNEL};
use seminar_core::engine::{Entry, Reply};
use seminar_store::{GuildSettings, Place};

/// Answers `/progress [section] [this_channel] [clear] [mine]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let invocation = request.invocation;
    if invocation.get(MINE) == Some(true) {
        return mine::run(community, guild, request, settings).await;
    }
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
        return show(community, guild, request, settings, &book).await;
    }
    let text = book.text();
    if clear {
        if section.is_some() {
            return Ok(Reply::user_error(
                "Give either `section` or `clear:true`, not both.",
            ));
        }
        community
            .store
            .set_reading_in(Some(guild), place, None)
            .await?;
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
        .set_reading_in(Some(guild), place, Some(found.number))
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

/// The position that applies here, and where it comes from; for moderators, how members' own
/// positions spread across the text.
async fn show(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
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
    let found = match (here, parent, server) {
        (Some(n), _, _) => Some((n, "set for this channel".to_string())),
        (None, Some(n), _) => Some((
            n,
            format!(
                "set for {}",
                channel_mention(request.parent.unwrap_or_default())
            ),
        )),
        (None, None, Some(n)) => Some((n, "set for the server".to_string())),
        (None, None, None) => None,
    };
    let mut body = match found {
        None => "No reading position is set here, so lookups draw on the whole text. Moderators can set one with `/progress section:N`; a reading plan moves it forward as it posts.".to_string(),
        Some((at, source)) => {
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
            body
        }
    };
    body.push_str(" Your own position: `/progress mine:true`.");
    let mut reply = Reply::user_error(body);
    if request.caller.may(Need::Moderator, settings) {
        let counts = store.position_counts(guild, &text.id).await?;
        let shown = spread::bars(&counts, text.last_section()).unwrap_or_else(|| {
            "No member has set their own position yet (`/progress mine:true section:N`, or “I've read it” on a post).".to_string()
        });
        reply.entries.push(Entry {
            heading: "Members' own positions".into(),
            text: shown,
            button: None,
        });
    }
    Ok(reply)
}
