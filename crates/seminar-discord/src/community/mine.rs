//! `/progress mine:true …`: each member's own reading position, set, shown or cleared by the
//! member (no moderator needed); clearing forgets everything Seminar stored about them in the
//! server.

use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::section::no_such_section;
use seminar_core::engine::study_commands::progress::{CLEAR, SECTION, THIS_CHANNEL};
use seminar_core::engine::{Book, Reply};
use seminar_store::{Forget, GuildSettings, Member};

/// Answers `/progress mine:true [section] [clear]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let invocation = request.invocation;
    let section = invocation.get(SECTION);
    let clear = invocation.get(CLEAR) == Some(true);
    if invocation.get(THIS_CHANNEL) == Some(true) {
        return Ok(Reply::user_error(
            "Your own position goes with you across the server: leave out `this_channel` with `mine:true`.",
        ));
    }
    let book = community.engine.book_or_default(settings.text.as_deref());
    let member = Member {
        guild,
        member: request.caller.user,
        text: &book.text().id,
    };
    match (section, clear) {
        (Some(_), true) => Ok(Reply::user_error(
            "Give either `section` or `clear:true`, not both.",
        )),
        (None, true) => forget(community, member).await,
        (Some(number), false) => set(community, &book, member, number).await,
        (None, false) => show(community, &book, member, request).await,
    }
}

async fn set(
    community: &Community,
    book: &Book<'_>,
    member: Member<'_>,
    number: i64,
) -> Result<Reply, CommunityError> {
    let text = book.text();
    let Some(found) = u32::try_from(number).ok().and_then(|n| text.section(n)) else {
        return Ok(no_such_section(text, number));
    };
    let now = community.now_seconds();
    community
        .store
        .set_own_position(member, found.number, now)
        .await?;
    Ok(Reply::user_error(format!(
        "Your own reading position is now **{}**. {} Your group's position is unchanged.",
        book.cite(found),
        held_back(book, found.number)
    )))
}

async fn show(
    community: &Community,
    book: &Book<'_>,
    member: Member<'_>,
    request: &Request<'_>,
) -> Result<Reply, CommunityError> {
    let positions = community
        .store
        .positions(member, request.channel, request.parent)
        .await?;
    let cite = |n: u32| {
        book.text()
            .section(n)
            .map_or_else(|| book.cite_number(n), |s| book.cite(s))
    };
    let own = match positions.own {
        Some(at) => format!("You are at **{}** (your own position). {}", cite(at), held_back(book, at)),
        None => "You have no position of your own, so lookups follow your group's. Set yours with `/progress mine:true section:N`, or press “I've read it” on a plan or discussion post.".to_string(),
    };
    let group = match (positions.group(), positions.own) {
        (Some(group), Some(own)) if own > group => format!(
            "Your group is at **{}**: you are {} ahead.",
            cite(group),
            sections(own - group)
        ),
        (Some(group), Some(own)) if own < group => format!(
            "Your group is at **{}**: you are {} behind.",
            cite(group),
            sections(group - own)
        ),
        (Some(group), _) => format!("Your group is at **{}**.", cite(group)),
        (None, _) => "Your group has no reading position here.".to_string(),
    };
    Ok(Reply::user_error(format!("{own}\n{group}")))
}

/// Forgets everything stored about the member in the server, and says what went.
async fn forget(community: &Community, member: Member<'_>) -> Result<Reply, CommunityError> {
    let erased = community
        .store
        .forget(Forget::Member {
            guild: member.guild,
            member: member.member,
        })
        .await?;
    if erased.is_empty() {
        return Ok(Reply::user_error(
            "Seminar stores nothing about you in this server: there was nothing to forget.",
        ));
    }
    let lines: Vec<String> = erased.iter().map(|e| format!("- {e}")).collect();
    Ok(Reply::user_error(format!(
        "Forgot everything Seminar stored about you in this server:\n{}\nPrompts you suggested that moderators approved stay as the server's prompts, without your name. Lookups follow your group's position again.",
        lines.join("\n")
    )))
}

/// What lookups hold back for a member at `at`.
fn held_back(book: &Book<'_>, at: u32) -> String {
    let last = book.text().last_section();
    match at < last {
        true => format!(
            "/search, /actor and /question hold back §{}–§{last} for you unless you add `spoilers:true`.",
            at + 1
        ),
        false => "That is the end of the text: nothing is held back for you.".to_string(),
    }
}

fn sections(n: u32) -> String {
    seminar_core::engine::guard::sections(n as usize)
}
