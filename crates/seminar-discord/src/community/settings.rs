//! `/settings`: the server's settings shown, or changed all at once after every value was checked,
//! with a confirmation listing what changed.

use crate::community::schedule::{At, Every, Zone};
use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::resolve::Resolution;
use seminar_core::engine::study_commands::ARCHIVE_CHOICES;
use seminar_core::engine::study_commands::settings::*;
use seminar_core::engine::texts;
use seminar_core::engine::{Engine, Entry, Reply};
use seminar_store::GuildSettings;

/// Answers `/settings [moderator_role] [clear_moderator_role] [private_lookups] [archive_after]
/// [plan_every] [plan_at] [plan_timezone] [plan_threads]`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    current: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let engine = &community.engine;
    let changed = match apply(engine, current, request) {
        Ok(changed) => changed,
        Err(message) => return Ok(Reply::user_error(message)),
    };
    if changed == *current {
        let mut reply = describe(engine, current);
        reply.body =
            "Seminar's settings for this server. Change any with `/settings name:value`.".into();
        return Ok(reply);
    }
    community.store.save_settings(guild, &changed).await?;
    let before = describe(engine, current);
    let mut reply = describe(engine, &changed);
    let differences: Vec<String> = reply
        .entries
        .iter()
        .zip(&before.entries)
        .filter(|(now, was)| now.text != was.text)
        .map(|(now, was)| format!("- {}: {} → **{}**", now.heading, was.text, now.text))
        .collect();
    reply.body = format!("Saved. Changed:\n{}", differences.join("\n"));
    Ok(reply)
}

/// The settings with the given options applied; the error names the first bad value.
fn apply(
    engine: &Engine,
    current: &GuildSettings,
    request: &Request<'_>,
) -> Result<GuildSettings, String> {
    let invocation = request.invocation;
    let mut next = current.clone();
    if invocation.get(CLEAR_MODERATOR_ROLE) == Some(true) {
        if invocation.get(MODERATOR_ROLE).is_some() {
            return Err(
                "Give either `moderator_role` or `clear_moderator_role:true`, not both.".into(),
            );
        }
        next.moderator_role = None;
    }
    if let Some(role) = invocation.get(MODERATOR_ROLE) {
        next.moderator_role = Some(role);
    }
    if let Some(private) = invocation.get(PRIVATE_LOOKUPS) {
        next.private_lookups = private;
    }
    if let Some(minutes) = invocation.get(ARCHIVE_AFTER) {
        let allowed = ARCHIVE_CHOICES
            .iter()
            .any(|(_, v)| v.parse::<i64>() == Ok(minutes));
        if !allowed {
            return Err("`archive_after` is one of 60 (1 hour), 1440 (1 day), 4320 (3 days) or 10080 (1 week) minutes.".into());
        }
        next.archive_minutes = u32::try_from(minutes).unwrap_or(1440);
    }
    if let Some(every) = invocation.get(PLAN_EVERY) {
        next.plan_every_days = Every::parse(&every).map_err(|e| e.to_string())?.days();
    }
    if let Some(at) = invocation.get(PLAN_AT) {
        next.plan_at = At::parse(&at).map_err(|e| e.to_string())?.to_string();
    }
    if let Some(zone) = invocation.get(PLAN_TIMEZONE) {
        next.plan_timezone = Zone::parse(&zone)
            .map_err(|e| e.to_string())?
            .name()
            .to_string();
    }
    if let Some(threads) = invocation.get(PLAN_THREADS) {
        next.plan_threads = threads;
    }
    if let Some(asked) = invocation.get(TEXT) {
        let library = engine.library();
        // `all` is a scope of `/search`, not a text a server could read (and would otherwise
        // resolve to whichever title it is nearest).
        if texts::asks_for_all(invocation) {
            return Err(format!(
                "A server reads one text: `text:all` is only for `/search`. Name one text, e.g. \
                 `text:{}`.",
                library.default_text().id
            ));
        }
        next.text = match engine.text_names().text(library, asked.trim()) {
            Resolution::Found(text, _) if library.default_text().id == text.id => None,
            Resolution::Found(text, _) => Some(text.id.clone()),
            Resolution::NotFound(_) => {
                let titles: Vec<String> = library
                    .texts
                    .iter()
                    .take(10)
                    .map(|t| format!("`{}` (*{}*)", t.id, t.title))
                    .collect();
                return Err(format!(
                    "There is no text called “{}” here. The texts: {}.",
                    seminar_core::markup::escape(asked.trim()),
                    titles.join(", ")
                ));
            }
        };
    }
    Ok(next)
}

/// Every setting as an entry, in a fixed order (so two descriptions compare entry by entry).
fn describe(engine: &Engine, settings: &GuildSettings) -> Reply {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let archive = ARCHIVE_CHOICES
        .iter()
        .find(|(_, v)| v.parse::<u32>() == Ok(settings.archive_minutes))
        .map_or_else(
            || format!("{} minutes", settings.archive_minutes),
            |(n, _)| (*n).to_string(),
        );
    let every = Every::from_days(settings.plan_every_days).map_or_else(
        || format!("{} days", settings.plan_every_days),
        |e| e.to_string(),
    );
    let entry = |heading: &str, text: String| Entry {
        heading: heading.into(),
        text,
        button: None,
    };
    Reply {
        title: Some("Server settings".into()),
        entries: vec![
            entry(
                "Moderator role",
                settings.moderator_role.map_or_else(
                    || "none (Manage Threads only)".into(),
                    |r| format!("<@&{r}>"),
                ),
            ),
            entry("Private lookups", yes_no(settings.private_lookups).into()),
            entry("Threads archive after", archive),
            entry("Plans post", every),
            entry(
                "Plans post at",
                format!("{} {}", settings.plan_at, settings.plan_timezone),
            ),
            entry("Plans open threads", yes_no(settings.plan_threads).into()),
            entry(
                "Text",
                format!(
                    "*{}*",
                    engine
                        .book_or_default(settings.text.as_deref())
                        .text()
                        .title
                ),
            ),
        ],
        footer: Some("Settings need the Manage Server permission.".into()),
        ..Reply::default()
    }
}
