//! Posting a discussion to a channel: the opening as a message (or a forum post), a thread on it,
//! and the prompts inside the thread, pinned. Shared by `/discuss` and reading plans.

use serde_json::Value;

use crate::rest::{Rest, RestError};
use seminar_core::engine::Reply;
use seminar_core::render::discord;

/// Discord's code for "a thread has already been created for this message".
const THREAD_EXISTS: i64 = 160_004;

/// Where a post goes, by the channel's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A text or announcement channel: a message, then a thread on it.
    Text(u64),
    /// A forum: a new post, which is a thread.
    Forum(u64),
    /// Inside a thread already: messages there, no new thread.
    Thread(u64),
}

impl Target {
    /// The target for a channel of Discord type `kind`; `None` for voice channels, categories…
    pub fn of(channel: u64, kind: u8) -> Option<Target> {
        match kind {
            0 | 5 => Some(Target::Text(channel)),
            15 => Some(Target::Forum(channel)),
            10..=12 => Some(Target::Thread(channel)),
            _ => None,
        }
    }

    /// The channel's id.
    pub fn channel(self) -> u64 {
        match self {
            Target::Text(c) | Target::Forum(c) | Target::Thread(c) => c,
        }
    }
}

/// What to post.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The first message: the section's opening.
    pub opening: Reply,
    /// Posted in the thread and pinned there; `None` when the opening holds the prompt.
    pub prompts: Option<Reply>,
    /// The thread's name; `None` for no thread (a forum post always is one).
    pub thread: Option<String>,
    pub archive_minutes: u32,
    /// The opening's nonce, for a post that must never be made twice.
    pub nonce: Option<String>,
}

/// What was posted. Everything after the opening is best effort: a failure there is reported
/// in `problems`, since the opening is out and must not be posted again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    pub message: u64,
    pub thread: Option<u64>,
    pub pinned: bool,
    /// What did not work, in words for moderators.
    pub problems: Vec<String>,
}

impl Published {
    /// Where people discuss it: the thread if there is one, else the message's channel.
    pub fn place(&self, target: Target) -> u64 {
        self.thread.unwrap_or(target.channel())
    }
}

/// Posts `layout` to `target`. Fails only if the opening could not be posted.
pub async fn publish(rest: &Rest, target: Target, layout: &Layout) -> Result<Published, RestError> {
    let mut published = Published::default();
    match target {
        Target::Forum(forum) => {
            let name = layout
                .thread
                .clone()
                .unwrap_or_else(|| title_of(&layout.opening));
            let body = discord::forum_post(&layout.opening, &name, layout.archive_minutes);
            let thread = rest.create_thread(forum, &body).await?;
            let thread_id = id_of(&thread).unwrap_or_default();
            published.thread = Some(thread_id);
            // A forum post's starter message has the thread's id.
            published.message = id_of(&thread["message"]).unwrap_or(thread_id);
        }
        Target::Text(channel) | Target::Thread(channel) => {
            let body = discord::channel_message(&layout.opening, layout.nonce.as_deref());
            let message = rest.create_message(channel, &body).await?;
            published.message = id_of(&message).unwrap_or_default();
            if let (Target::Text(_), Some(name)) = (target, &layout.thread) {
                match open_thread(
                    rest,
                    channel,
                    published.message,
                    name,
                    layout.archive_minutes,
                )
                .await
                {
                    Ok(thread) => published.thread = Some(thread),
                    Err(problem) => published.problems.push(problem),
                }
            }
        }
    }
    if let Some(prompts) = &layout.prompts {
        let place = published.place(target);
        match rest
            .create_message(place, &discord::channel_message(prompts, None))
            .await
        {
            Ok(message) => match rest.pin(place, id_of(&message).unwrap_or_default()).await {
                Ok(()) => published.pinned = true,
                Err(error) => published.problems.push(format!(
                    "I could not pin the prompts (give Seminar the Pin Messages permission): {}",
                    short(&error)
                )),
            },
            Err(error) => published.problems.push(format!(
                "I could not post the prompts in the thread: {}",
                short(&error)
            )),
        }
    }
    Ok(published)
}

/// Opens a thread on a posted message; a thread that exists already (a retried post) is the one.
/// The error is the problem, in words for moderators.
pub async fn open_thread(
    rest: &Rest,
    channel: u64,
    message: u64,
    name: &str,
    archive_minutes: u32,
) -> Result<u64, String> {
    let body = discord::thread_on_message(name, archive_minutes);
    match rest.thread_on_message(channel, message, &body).await {
        Ok(thread) => Ok(id_of(&thread).unwrap_or(message)),
        // Discord gives a thread on a message the message's id.
        Err(error) if error.code() == Some(THREAD_EXISTS) => Ok(message),
        Err(error) => Err(format!(
            "I could not open a thread (give Seminar the Create Public Threads permission): {}",
            short(&error)
        )),
    }
}

/// A snowflake id field of a Discord object.
pub fn id_of(object: &Value) -> Option<u64> {
    object["id"].as_str().and_then(|id| id.parse().ok())
}

fn title_of(reply: &Reply) -> String {
    reply.title.clone().unwrap_or_else(|| "Discussion".into())
}

/// Discord's answer in a few words, for moderators.
pub fn short(error: &RestError) -> String {
    match error {
        RestError::Status {
            status, message, ..
        } => format!("Discord answered {status} ({message})"),
        RestError::Transport { .. } => "Discord could not be reached".into(),
        RestError::Body { .. } => "Discord's answer was unusable".into(),
    }
}

/// A message of this plan's post among the channel's latest, if any. The marker in its
/// footer names the plan and the post, so nothing else can match.
pub async fn find_posted(rest: &Rest, channel: u64, marker: &str) -> Option<u64> {
    let messages = rest.recent_messages(channel, 100).await.ok()?;
    messages.as_array()?.iter().find_map(|message: &Value| {
        let footer = discord::footer_of(message)?;
        footer.ends_with(marker).then(|| id_of(message)).flatten()
    })
}

/// The forum post (thread id) of this plan's post among the server's active threads: same
/// forum, same name, and the marker in its starter message.
pub async fn find_forum_post(
    rest: &Rest,
    guild: u64,
    forum: u64,
    name: &str,
    marker: &str,
) -> Option<u64> {
    let active = rest.active_threads(guild).await.ok()?;
    for thread in active["threads"].as_array()? {
        let parent = thread["parent_id"]
            .as_str()
            .and_then(|p| p.parse::<u64>().ok());
        if parent != Some(forum) || thread["name"].as_str() != Some(name) {
            continue;
        }
        let id = id_of(thread)?;
        // A forum post's starter message has the thread's id.
        let starter = rest.message(id, id).await.ok()?;
        let footer = discord::footer_of(&starter).unwrap_or_default();
        if footer.ends_with(marker) {
            return Some(id);
        }
    }
    None
}
