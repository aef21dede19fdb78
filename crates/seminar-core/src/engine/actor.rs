//! `/actor`: who an actor is, the sections where they matter most (ranked), the key passages,
//! and a prompt about them; only from sections the group has reached unless `spoilers:true`.

use crate::content::model::{Actor, Section};
use crate::engine::command::{Bounds, CommandSpec, Opt, OptionSpec, ReplyTraits, Suggest};
use crate::engine::commands::Lookup;
use crate::engine::custom_id::{Action, PromptScope};
use crate::engine::guard::{self, Guard, candidates};
use crate::engine::question::{self, pick};
use crate::engine::resolve::Resolution;
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::index::UserQuery;

/// How many sections the ranking lists.
const RANKED: usize = 5;
/// How many key passages are quoted.
const KEY_PASSAGES: usize = 3;
/// Most characters of each key passage.
const PASSAGE_CHARS: usize = 600;
/// Weight of the curator tagging a section with the actor, in mentions.
const TAG_WEIGHT: f32 = 3.0;
/// Weight of the actor being named in a section's title, in mentions.
const TITLE_WEIGHT: f32 = 2.0;

/// A section and how much it is about the actor.
#[derive(Debug, Clone, Copy)]
pub struct Ranked<'a> {
    pub section: &'a Section,
    pub score: f32,
    pub mentions: u32,
    /// Whether the section's title names the actor.
    pub titled: bool,
}

/// An actor, under any of their names.
pub const NAME: Opt<String> = Opt::string("name");

/// `/actor`, declared.
pub const COMMAND: Lookup = Lookup { spec, run };

fn spec(_: &Bounds) -> CommandSpec {
    CommandSpec {
        name: "actor",
        description: "Who an actor is, where the text discusses them most, and a prompt about them.",
        options: vec![
            NAME.spec("An actor or another name for them: Tehran, Vance, Islamabad…")
                .required()
                .autocomplete(Suggest::Actor)
                .max_length(100),
            OptionSpec::text(),
            OptionSpec::spoilers(),
            OptionSpec::private(),
        ],
        examples: &["/actor iran", "/actor tehran", "/actor vance"],
        free_text: &["name"],
        reply: ReplyTraits {
            guarded: true,
            shows_prompts: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Answers `/actor name:… [spoilers]`.
pub fn run(
    book: &Book<'_>,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
    let text = book.text();
    let name = invocation.get(NAME).unwrap_or_default();
    if name.trim().is_empty() {
        let names: Vec<&str> = text.actors.iter().map(|a| a.name.as_str()).collect();
        return Ok(Reply::user_error(format!(
            "Which actor? Try one of: {}.",
            names.join(", ")
        )));
    }
    match book.resolver().actor(text, &name) {
        Resolution::Found(actor, _) => Ok(profile(
            book,
            actor,
            context,
            Guard::of(invocation, context),
        )),
        Resolution::NotFound(near) => Ok(question::unknown(
            "actor",
            &name,
            near.iter().map(|a| a.name.as_str()),
            text.actors.iter().map(|a| a.name.as_str()),
        )),
    }
}

/// Sections ranked by how much they are about `actor`: mentions by any name, plus the curator's
/// tags and the title. Sections that never involve the actor are left out.
pub fn rank<'a>(book: &Book<'a>, actor: &Actor) -> Vec<Ranked<'a>> {
    let text = book.text();
    let index = book.index();
    // Mentions count per passage of an average-length section, so that a long section does not
    // outrank a short one that is more about the actor merely by being long.
    let passages = |number: u32| index.section_range(book.position(), number).len().max(1);
    let named = index.actor_mentions(book.position(), &actor.id);
    let mean = text
        .sections
        .iter()
        .map(|s| passages(s.number))
        .sum::<usize>() as f32
        / text.sections.len().max(1) as f32;
    let mut ranked: Vec<Ranked> = text
        .sections
        .iter()
        .map(|section| {
            let mentions: u32 = index
                .section_range(book.position(), section.number)
                .map(|p| named.in_passage(p))
                .sum();
            let tagged = section.actors.contains(&actor.id);
            let titled = named.in_title(section.number);
            let density = mentions as f32 * mean / passages(section.number) as f32;
            Ranked {
                section,
                score: density
                    + f32::from(u8::from(tagged)) * TAG_WEIGHT
                    + f32::from(u8::from(titled)) * TITLE_WEIGHT,
                mentions,
                titled,
            }
        })
        .filter(|r| r.score > 0.0)
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.section.number.cmp(&b.section.number))
    });
    ranked
}

fn profile(book: &Book<'_>, actor: &Actor, context: &Context, guard: Guard) -> Reply {
    let mut ranked = rank(book, actor);
    let before = ranked.len();
    ranked.retain(|r| guard.allows(r.section.number));
    let held_back = before - ranked.len();
    let mut body = actor.description.clone();
    if ranked.is_empty() && held_back > 0 {
        body.push_str(&format!(
            "\n\nThe text discusses them only in later sections: {} {}. Add `spoilers:true` to see them.",
            guard::sections(held_back),
            guard.past()
        ));
    } else if ranked.is_empty() {
        body.push_str("\n\nThe text does not discuss them directly.");
    } else {
        body.push_str("\n\n**Where they matter most**");
        for (i, r) in ranked.iter().take(RANKED).enumerate() {
            let mut named = match r.mentions {
                0 if r.titled => "named in the title".to_string(),
                0 => "discussed without being named".to_string(),
                1 => "named once".to_string(),
                n => format!("named {n} times"),
            };
            if r.titled && r.mentions > 0 {
                named.push_str(", and in the title");
            }
            body.push_str(&format!("\n{}. {} — {named}", i + 1, book.cite(r.section)));
        }
    }
    let note = (!ranked.is_empty() && held_back > 0).then(|| {
        format!(
            "{held_back} more {} them {}; {}.",
            if held_back == 1 {
                "section discusses"
            } else {
                "sections discuss"
            },
            guard.past(),
            guard::HINT
        )
    });

    let query = UserQuery {
        actors: vec![actor.id.clone()],
        ..UserQuery::default()
    };
    let index = book.index();
    let named = index.actor_mentions(book.position(), &actor.id);
    let mut entries: Vec<Entry> = ranked
        .iter()
        .take(KEY_PASSAGES)
        .filter_map(|r| {
            let range = index.section_range(book.position(), r.section.number);
            // The passage naming them most; the earliest of equals.
            let best = range.clone().max_by(|&a, &b| {
                named
                    .in_passage(a)
                    .cmp(&named.in_passage(b))
                    .then(b.cmp(&a))
            })?;
            Some(Entry {
                heading: book.cite(r.section),
                text: index.highlight(&query, best, PASSAGE_CHARS),
                button: None,
            })
        })
        .collect();

    let scope = PromptScope {
        actor: Some(actor.id.clone()),
        spoilers: guard.spoilers,
        ..PromptScope::default()
    };
    let text = book.text();
    let prompt = pick(
        &candidates(text, &context.server_prompts, &scope, guard),
        None,
        &context.recent_prompts,
        context.seed,
    );
    if let Some(p) = prompt {
        entries.push(Entry {
            heading: if p.id.is_server() {
                format!(
                    "For discussion (§{}, suggested in this server)",
                    p.id.section
                )
            } else {
                format!("For discussion (§{})", p.id.section)
            },
            text: p.text.clone(),
            button: None,
        });
    }

    let mut buttons = Vec::new();
    if prompt.is_some() {
        buttons.push(
            Button::new(
                format!(
                    "Another prompt about {}",
                    crate::markup::cut(&actor.name, 40)
                ),
                Action::Prompt {
                    scope,
                    after: prompt.map(|p| p.id),
                }
                .encode_for(book.tag()),
            )
            .primary(),
        );
    }
    buttons.extend(ranked.iter().take(2).map(|r| {
        Button::new(
            format!("Read §{}", r.section.number),
            Action::Open {
                section: r.section.number,
            }
            .encode_for(book.tag()),
        )
    }));
    Reply {
        title: Some(actor.name.clone()),
        body,
        note,
        entries,
        footer: (!actor.aliases.is_empty())
            .then(|| format!("Also called: {}", actor.aliases.join(", "))),
        buttons: if buttons.is_empty() {
            Vec::new()
        } else {
            vec![buttons]
        },
        prompt: prompt.map(|p| p.id),
        ..Reply::default()
    }
}
