//! `/question`: a discussion prompt, optionally about a section, actor or theme, shown with the
//! passage it grows from; "Another prompt" picks a different one. Prompts come from the text and
//! from the server's approved suggestions, and only from sections the group has reached unless
//! `spoilers:true` is asked for.

use crate::content::fold::fold;
use crate::content::model::{Prompt, PromptId, Text};
use crate::engine::command::{Bounds, CommandSpec, Opt, OptionSpec, ReplyTraits, Suggest};
use crate::engine::commands::Lookup;
use crate::engine::custom_id::{Action, PromptScope};
use crate::engine::guard::{self, Guard, candidates};
use crate::engine::resolve::Resolution;
use crate::engine::section::no_such_section;
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::index::Filter;
use crate::markup;

/// Most characters of the passage shown under a prompt.
const PASSAGE_CHARS: usize = 900;

/// Only prompts about this section.
pub const SECTION: Opt<i64> = Opt::integer("section");
/// Only prompts about this actor.
pub const ACTOR: Opt<String> = Opt::string("actor");
/// Only prompts on this theme.
pub const THEME: Opt<String> = Opt::string("theme");

/// `/question`, declared.
pub const COMMAND: Lookup = Lookup { spec, run };

fn spec(bounds: &Bounds) -> CommandSpec {
    CommandSpec {
        name: "question",
        description: "A discussion prompt for your group, with the passage it grows from.",
        options: vec![
            SECTION
                .spec("Only prompts about this section.")
                .range(1, bounds.last_section)
                .console_suggests(Suggest::SectionNumber),
            ACTOR
                .spec("Only prompts about this actor.")
                .autocomplete(Suggest::Actor)
                .max_length(100),
            THEME
                .spec("Only prompts on this theme.")
                .autocomplete(Suggest::Theme)
                .max_length(100),
            OptionSpec::text(),
            OptionSpec::spoilers(),
            OptionSpec::private(),
        ],
        examples: &[
            "/question",
            "/question section:13",
            "/question actor:israel",
            "/question theme:multipolarity",
        ],
        free_text: &["section", "actor"],
        reply: ReplyTraits {
            guarded: true,
            shows_prompts: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Answers `/question [section] [actor] [theme] [spoilers]`.
pub fn run(
    book: &Book<'_>,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
    let text = book.text();
    let mut scope = PromptScope {
        spoilers: Guard::of(invocation, context).spoilers,
        ..PromptScope::default()
    };
    if let Some(number) = invocation.get(SECTION) {
        match u32::try_from(number)
            .ok()
            .filter(|n| text.section(*n).is_some())
        {
            Some(n) => scope.section = Some(n),
            None => return Ok(no_such_section(text, number)),
        }
    }
    if let Some(name) = invocation.get(ACTOR).filter(|s| !s.trim().is_empty()) {
        match book.resolver().actor(text, &name) {
            Resolution::Found(actor, _) => scope.actor = Some(actor.id.clone()),
            Resolution::NotFound(near) => {
                return Ok(unknown(
                    "actor",
                    &name,
                    near.iter().map(|a| a.name.as_str()),
                    text.actors.iter().map(|a| a.name.as_str()),
                ));
            }
        }
    }
    if let Some(name) = invocation.get(THEME).filter(|s| !s.trim().is_empty()) {
        match book.resolver().theme(text, &name) {
            Resolution::Found(theme, _) => scope.theme = Some(theme.id.clone()),
            Resolution::NotFound(near) => {
                return Ok(unknown(
                    "theme",
                    &name,
                    near.iter().map(|t| t.name.as_str()),
                    text.themes.iter().map(|t| t.name.as_str()),
                ));
            }
        }
    }
    another(book, &scope, None, context)
}

/// A prompt from `scope` that the group may see, not `after` and, while others remain, none of
/// the recent ones.
pub fn another(
    book: &Book<'_>,
    scope: &PromptScope,
    after: Option<PromptId>,
    context: &Context,
) -> Result<Reply, EngineError> {
    let text = book.text();
    let guard = Guard::new(scope.spoilers, context);
    if let Some(section) = scope.section.filter(|n| !guard.allows(*n)) {
        let who = match guard.own {
            true => "You are",
            false => "Your group is",
        };
        return Ok(Reply::user_error(format!(
            "{who} reading up to §{}, and §{section} comes later. Add `spoilers:true` for a prompt about it anyway: `/question section:{section} spoilers:true`.",
            guard.limit.unwrap_or_default()
        )));
    }
    let server = &context.server_prompts;
    let candidates = candidates(text, server, scope, guard);
    let Some(prompt) = pick(&candidates, after, &context.recent_prompts, context.seed) else {
        let held_back = guard::in_scope(text, server, scope).len();
        return Ok(Reply::user_error(if held_back > 0 {
            format!(
                "Every prompt about {} comes from a section {}; {}.",
                describe(text, scope),
                guard.past(),
                guard::HINT
            )
        } else {
            format!(
                "No prompt matches {}. Try fewer options, e.g. `/question`.",
                describe(text, scope)
            )
        }));
    };
    show(book, prompt, scope)
}

/// Picks by `seed` among the candidates never shown (`recent`, oldest first) and not `after`;
/// when every candidate was shown, the one shown longest ago.
pub fn pick<'a>(
    candidates: &[&'a Prompt],
    after: Option<PromptId>,
    recent: &[PromptId],
    seed: u64,
) -> Option<&'a Prompt> {
    let fresh: Vec<&Prompt> = candidates
        .iter()
        .copied()
        .filter(|p| Some(p.id) != after && !recent.contains(&p.id))
        .collect();
    if fresh.is_empty() {
        // Every candidate was shown: the one shown longest ago comes back first, so that prompts
        // cycle through all of them before any repeats.
        let age = |p: &&Prompt| recent.iter().rposition(|r| *r == p.id);
        return candidates
            .iter()
            .copied()
            .filter(|p| Some(p.id) != after)
            .min_by_key(age)
            .or_else(|| candidates.first().copied());
    }
    let index = (mix(seed) % fresh.len() as u64) as usize;
    Some(fresh[index])
}

/// Spreads nearby seeds (consecutive ids, timestamps) across the range.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The reply for one prompt: the prompt, the passage it grows from, and buttons for more.
pub fn show(book: &Book<'_>, prompt: &Prompt, scope: &PromptScope) -> Result<Reply, EngineError> {
    let text = book.text();
    let Some(section) = text.section(prompt.id.section) else {
        return Ok(Reply::user_error(
            "That prompt's section no longer exists. Try `/question` again.",
        ));
    };
    let body = if prompt.from_text {
        format!("The text asks:\n> {}", prompt.text)
    } else {
        format!("**{}**", prompt.text)
    };
    let passage = passage_for(book, prompt)?;
    let mut tags: Vec<String> = prompt
        .actors
        .iter()
        .filter_map(|a| text.actor(a).map(|a| a.name.clone()))
        .collect();
    tags.extend(
        prompt
            .themes
            .iter()
            .filter_map(|t| text.theme(t).map(|t| t.name.clone())),
    );
    let mut footer = if prompt.id.is_server() {
        "Suggested in this server".to_string()
    } else {
        format!("Prompt {}", prompt.id)
    };
    if !tags.is_empty() {
        footer.push_str(&format!(" · {}", tags.join(", ")));
    }
    Ok(Reply {
        title: Some(format!("For discussion · §{}", section.number)),
        body,
        entries: vec![Entry {
            heading: book.cite(section),
            text: passage,
            button: None,
        }],
        footer: Some(footer),
        buttons: vec![vec![
            Button::new(
                "Another prompt",
                Action::Prompt {
                    scope: scope.clone(),
                    after: Some(prompt.id),
                }
                .encode_for(book.tag()),
            )
            .primary(),
            Button::new(
                format!("Read §{}", section.number),
                Action::Open {
                    section: section.number,
                }
                .encode_for(book.tag()),
            ),
        ]],
        prompt: Some(prompt.id),
        ..Reply::default()
    })
}

/// The passage a prompt grows from, with its quote in bold: the passage holding the quote, else
/// the passage of its section closest to the prompt's words, else the section's opening.
fn passage_for(book: &Book<'_>, prompt: &Prompt) -> Result<String, EngineError> {
    let index = book.index();
    let range = index.section_range(book.position(), prompt.id.section);
    if let Some(quote) = &prompt.quote {
        let wanted = fold(quote);
        if let Some(markdown) = range
            .clone()
            .map(|p| index.markdown(p))
            .find(|markdown| fold(markdown).contains(&wanted))
        {
            return Ok(markup::cut(&embolden(&markdown, quote), PASSAGE_CHARS));
        }
    }
    let query = index.parse(book.position(), &prompt.text);
    let filter = Filter {
        section: Some(prompt.id.section),
        ..book.filter()
    };
    if let Some(hit) = index.search(&query, &filter, 1)?.first() {
        return Ok(index.highlight(&query, hit.passage, PASSAGE_CHARS));
    }
    Ok(range
        .clone()
        .next()
        .map(|p| markup::cut(&index.markdown(p), PASSAGE_CHARS))
        .unwrap_or_default())
}

/// `text` with the first exact occurrence of `quote` in bold, when it sits inside one line.
fn embolden(text: &str, quote: &str) -> String {
    let quote = quote.trim();
    match text.find(quote) {
        Some(at) if !quote.is_empty() && !quote.contains('\n') && !quote.contains("**") => {
            format!("{}**{}**{}", &text[..at], quote, &text[at + quote.len()..])
        }
        _ => text.to_string(),
    }
}

fn describe(text: &Text, scope: &PromptScope) -> String {
    let mut parts = Vec::new();
    if let Some(n) = scope.section {
        parts.push(format!("§{n}"));
    }
    if let Some(a) = scope.actor.as_deref().and_then(|a| text.actor(a)) {
        parts.push(a.name.clone());
    }
    if let Some(t) = scope.theme.as_deref().and_then(|t| text.theme(t)) {
        parts.push(format!("the theme {}", t.name));
    }
    if parts.is_empty() {
        "this text".to_string()
    } else {
        parts.join(" and ")
    }
}

/// A private reply for a name that matches nothing, with the nearest names or the full list.
pub fn unknown<'a>(
    kind: &str,
    typed: &str,
    near: impl Iterator<Item = &'a str>,
    all: impl Iterator<Item = &'a str>,
) -> Reply {
    let near: Vec<&str> = near.collect();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let mut message = format!(
        "I don't know {article} {kind} called “{}”.",
        markup::escape(typed.trim())
    );
    if near.is_empty() {
        let all: Vec<&str> = all.collect();
        if !all.is_empty() {
            message.push_str(&format!(" Try one of: {}.", all.join(", ")));
        }
    } else {
        message.push_str(&format!(
            " Did you mean {}?",
            near.iter()
                .map(|n| format!("**{n}**"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Reply::user_error(message)
}

#[cfg(test)]
mod tests;
