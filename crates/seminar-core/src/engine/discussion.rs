//! What a discussion post holds: which section (`/discuss section|actor|theme`, or the group's
//! position), its opening with a hint to read the rest, and prompts the group has not seen.

use crate::content::model::{Prompt, PromptId, Section};
use crate::engine::resolve::Resolution;
use crate::engine::section::{no_such_section, pages};
use crate::engine::study_commands::discuss::{ACTOR, SECTION, THEME};
use crate::engine::{Book, Context, Entry, Invocation, Reply, actor, question};
use crate::markup;

/// Most characters of a section's opening in a post.
const OPENING_CHARS: usize = 1200;
/// Discord's limit on a thread's name.
pub const THREAD_NAME_CHARS: usize = 100;

/// A post that opens a discussion of one section.
#[derive(Debug, Clone)]
pub struct Discussion {
    pub section: u32,
    /// The section's opening, cited, with a hint to read it all.
    pub opening: Reply,
    /// The prompts, numbered; pinned in the thread.
    pub prompts: Reply,
    /// `§13 The Economics Beneath the Diplomacy`, within Discord's 100 characters.
    pub thread_name: String,
    /// The prompts shown, to remember.
    pub prompt_ids: Vec<PromptId>,
}

/// The section `/discuss` is about: the one named, the one most about the actor, the first on the
/// theme, or else where the group is reading. The error is the reply for the user.
pub fn choose<'a>(
    book: &Book<'a>,
    invocation: &Invocation,
    context: &Context,
) -> Result<&'a Section, Box<Reply>> {
    let text = book.text();
    let within = |n: u32| context.reading.is_none_or(|r| n <= r);
    if let Some(number) = invocation.get(SECTION) {
        return u32::try_from(number)
            .ok()
            .and_then(|n| text.section(n))
            .ok_or_else(|| Box::new(no_such_section(text, number)));
    }
    if let Some(name) = invocation.get(ACTOR).filter(|s| !s.trim().is_empty()) {
        return match book.resolver().actor(text, &name) {
            Resolution::Found(found, _) => {
                let ranked = actor::rank(book, found);
                ranked
                    .iter()
                    .find(|r| within(r.section.number))
                    .or(ranked.first())
                    .map(|r| r.section)
                    .ok_or_else(|| {
                        Box::new(Reply::user_error(format!(
                            "The text never discusses {}.",
                            found.name
                        )))
                    })
            }
            Resolution::NotFound(near) => Err(Box::new(question::unknown(
                "actor",
                &name,
                near.iter().map(|a| a.name.as_str()),
                text.actors.iter().map(|a| a.name.as_str()),
            ))),
        };
    }
    if let Some(name) = invocation.get(THEME).filter(|s| !s.trim().is_empty()) {
        return match book.resolver().theme(text, &name) {
            Resolution::Found(theme, _) => {
                let tagged: Vec<&Section> = text
                    .sections
                    .iter()
                    .filter(|s| s.themes.contains(&theme.id))
                    .collect();
                tagged
                    .iter()
                    .rev()
                    .find(|s| within(s.number))
                    .or(tagged.first())
                    .copied()
                    .ok_or_else(|| {
                        Box::new(Reply::user_error(format!(
                            "No section is tagged with the theme {}.",
                            theme.name
                        )))
                    })
            }
            Resolution::NotFound(near) => Err(Box::new(question::unknown(
                "theme",
                &name,
                near.iter().map(|t| t.name.as_str()),
                text.themes.iter().map(|t| t.name.as_str()),
            ))),
        };
    }
    let at = context.reading.unwrap_or(1).max(1);
    text.section(at)
        .or_else(|| text.sections.last())
        .ok_or_else(|| Box::new(Reply::user_error("The text has no sections.")))
}

/// The post for `section` with up to `count` prompts, fresh ones first (see [`prompts_for`]).
pub fn build(book: &Book<'_>, section: &Section, context: &Context, count: usize) -> Discussion {
    let text = book.text();
    let opening_text = pages(&section.blocks, OPENING_CHARS)
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut footer = match text.part_of(section.number) {
        Some(part) => format!("Part {}: {} · ", part.roman(), part.title),
        None => String::new(),
    };
    footer.push_str(&format!("Read it all: /section {}", section.number));
    let opening = Reply {
        title: Some(markup::cut(&book.cite(section), 256)),
        body: opening_text,
        footer: Some(footer),
        ..Reply::default()
    };
    let chosen = prompts_for(section, context, count);
    let list = chosen
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {}", i + 1, p.text))
        .collect::<Vec<_>>()
        .join("\n");
    let prompts = Reply {
        title: Some(format!("For discussion · §{}", section.number)),
        body: if list.is_empty() {
            "What stands out to you in this section, and what would you push back on?".into()
        } else {
            list
        },
        footer: Some("Members can propose prompts with /suggest.".into()),
        ..Reply::default()
    };
    Discussion {
        section: section.number,
        opening,
        prompts,
        thread_name: thread_name(book, section),
        prompt_ids: chosen.iter().map(|p| p.id).collect(),
    }
}

/// One message holding both the opening and the prompts (a plan post without a thread).
pub fn single(discussion: &Discussion) -> Reply {
    let mut reply = discussion.opening.clone();
    reply.entries.push(Entry {
        heading: "For discussion".into(),
        text: discussion.prompts.body.clone(),
        button: None,
    });
    reply
}

/// The thread's name: the section's citation, cut to Discord's limit.
pub fn thread_name(book: &Book<'_>, section: &Section) -> String {
    markup::cut(&book.cite(section), THREAD_NAME_CHARS)
}

/// Up to `count` prompts about `section`, the text's and the server's: never-shown ones first (in
/// an order set by the seed), then the ones shown longest ago.
pub fn prompts_for<'a>(
    section: &'a Section,
    context: &'a Context,
    count: usize,
) -> Vec<&'a Prompt> {
    let mut left: Vec<&Prompt> = section
        .prompts
        .iter()
        .chain(
            context
                .server_prompts
                .iter()
                .filter(|p| p.id.section == section.number),
        )
        .collect();
    let mut chosen = Vec::new();
    let mut recent = context.recent_prompts.clone();
    while chosen.len() < count {
        let Some(prompt) = question::pick(&left, None, &recent, context.seed) else {
            break;
        };
        left.retain(|p| p.id != prompt.id);
        recent.push(prompt.id);
        chosen.push(prompt);
    }
    chosen
}
