//! `/discuss`: a moderator opens a discussion of a section: its opening posted, a thread on it
//! named after the section, and two or three prompts pinned inside; the opening carries "I've read
//! it".

use crate::community::post::{Layout, Target, publish, short};
use crate::community::{Community, CommunityError, Request, channel_mention, read};
use seminar_core::engine::study_commands::discuss::CHANNEL;
use seminar_core::engine::{Reply, discussion};
use seminar_store::GuildSettings;

/// Prompts in a discussion.
const PROMPTS: usize = 3;

/// Answers `/discuss [section] [actor] [theme] [channel]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let target = match target(community, guild, request).await? {
        Ok(target) => target,
        Err(refusal) => return Ok(refusal),
    };
    let parent = match target {
        Target::Thread(_) => request.parent,
        _ => None,
    };
    let context = community
        .context(Some(guild), target.channel(), parent, None, true)
        .await?;
    let context = seminar_core::engine::Context {
        seed: request.id,
        ..context
    };
    let book = community.engine.book_or_default(settings.text.as_deref());
    let section = match discussion::choose(&book, request.invocation, &context) {
        Ok(section) => section,
        Err(refusal) => return Ok(*refusal),
    };
    let discussion = discussion::build(&book, section, &context, PROMPTS);
    let mut opening = discussion.opening.clone();
    read::add_to(&mut opening, &book, section.number);
    let layout = Layout {
        opening,
        prompts: Some(discussion.prompts.clone()),
        thread: Some(discussion.thread_name.clone()),
        archive_minutes: settings.archive_minutes,
        nonce: None,
    };
    let published = match publish(&community.rest, target, &layout).await {
        Ok(published) => published,
        Err(error) if error.is_refusal() => {
            return Ok(Reply::user_error(format!(
                "I could not post in {}: {}. Give Seminar the View Channel, Send Messages, Create Public Threads, Send Messages in Threads and Pin Messages permissions there.",
                channel_mention(target.channel()),
                short(&error)
            )));
        }
        Err(error) => return Err(error.into()),
    };
    let tick = i64::try_from(request.id).unwrap_or(i64::MAX);
    community
        .record_prompts(guild, &discussion.prompt_ids, tick)
        .await?;
    let mut body = format!(
        "Opened a discussion of **{}** in {}.",
        book.cite(section),
        channel_mention(published.place(target))
    );
    for problem in &published.problems {
        body.push_str(&format!("\n- {problem}"));
    }
    Ok(Reply::user_error(body))
}

/// Where to post: the `channel` option, checked with Discord (the bot must see it, in this
/// server), or the channel the command came from. `Err` is the reply for the user.
pub async fn target(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
) -> Result<Result<Target, Reply>, CommunityError> {
    let named = request.invocation.get(CHANNEL);
    let channel = named.unwrap_or(request.channel);
    let kind = match (named, request.channel_kind) {
        (None, Some(kind)) => kind,
        _ => match community.rest.channel(channel).await {
            Ok(found) => {
                let in_guild = found["guild_id"]
                    .as_str()
                    .and_then(|g| g.parse::<u64>().ok());
                if in_guild.is_some_and(|g| g != guild) {
                    return Ok(Err(Reply::user_error(format!(
                        "{} is not in this server.",
                        channel_mention(channel)
                    ))));
                }
                found["type"]
                    .as_u64()
                    .and_then(|k| u8::try_from(k).ok())
                    .unwrap_or(u8::MAX)
            }
            Err(error) if error.is_refusal() => {
                return Ok(Err(Reply::user_error(format!(
                    "I cannot see {}. Give Seminar the View Channel and Send Messages permissions there, or pick another channel.",
                    channel_mention(channel)
                ))));
            }
            Err(error) => return Err(error.into()),
        },
    };
    Ok(Target::of(channel, kind).ok_or_else(|| {
        Reply::user_error(format!(
            "Seminar posts in text, announcement and forum channels, and threads; {} is none of these.",
            channel_mention(channel)
        ))
    }))
}
