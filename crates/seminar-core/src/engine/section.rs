//! `/section`: a section's text with its title and part, paged with Prev/Next, and its related sections.

use crate::content::model::{Block, Section, Text};
use crate::engine::command::{Bounds, CommandSpec, Opt, OptionSpec, Suggest};
use crate::engine::commands::Lookup;
use crate::engine::custom_id::{Action, PromptScope};
use crate::engine::resolve::Resolution;
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::markup;

/// Most characters on one page of a section: about a phone screen of the text's short paragraphs.
pub const PAGE_CHARS: usize = 700;
/// Discord's limit on a button label.
const LABEL_CHARS: usize = 80;

/// The section's number.
pub const NUMBER: Opt<i64> = Opt::integer("number");
/// Words from the section's title.
pub const TITLE: Opt<String> = Opt::string("title");

/// `/section`, declared.
pub const COMMAND: Lookup = Lookup { spec, run };

fn spec(bounds: &Bounds) -> CommandSpec {
    CommandSpec {
        name: "section",
        description: "Read a section of the text, by number or by (part of) its title.",
        options: vec![
            NUMBER
                .spec("The section's number.")
                .range(1, bounds.last_section)
                .console_suggests(Suggest::SectionNumber),
            TITLE
                .spec("Words from the section's title; near misses are fine.")
                .autocomplete(Suggest::SectionTitle)
                .max_length(100),
            OptionSpec::text(),
            OptionSpec::private(),
        ],
        examples: &[
            "/section 13",
            "/section title:economics",
            "/section title:misreading",
        ],
        free_text: &["number", "title"],
        ..CommandSpec::default()
    }
}

/// Answers `/section number:N` or `/section title:…`.
pub fn run(book: &Book<'_>, invocation: &Invocation, _: &Context) -> Result<Reply, EngineError> {
    let text = book.text();
    if let Some(number) = invocation.get(NUMBER) {
        return Ok(
            match u32::try_from(number).ok().and_then(|n| text.section(n)) {
                Some(section) => page(book, section, 1),
                None => no_such_section(text, number),
            },
        );
    }
    let Some(title) = invocation.get(TITLE).filter(|t| !t.trim().is_empty()) else {
        return Ok(Reply::user_error(format!(
            "Which section? Give a number (`/section 13`, 1–{}) or words from its title (`/section title:economics`). `/outline` lists them all.",
            text.last_section()
        )));
    };
    Ok(match book.resolver().section(text, &title) {
        Resolution::Found(section, same) => {
            let mut reply = page(book, section, 1);
            for other in same {
                reply.entries.push(Entry {
                    heading: "Same title".into(),
                    text: format!(
                        "{} has the same title: `/section {}`.",
                        other.citation(),
                        other.number
                    ),
                    button: None,
                });
            }
            reply
        }
        Resolution::NotFound(near) => {
            let mut message = format!("No section title matches “{}”.", markup::escape(&title));
            if !near.is_empty() {
                let list: Vec<String> = near
                    .iter()
                    .map(|s| format!("**{}**", s.citation()))
                    .collect();
                message.push_str(&format!(" Did you mean {}?", list.join(", ")));
            }
            message.push_str(" `/outline` lists every section.");
            Reply::user_error(message)
        }
    })
}

/// The private reply for a section number the text does not have.
pub fn no_such_section(text: &Text, number: i64) -> Reply {
    Reply::user_error(format!(
        "There is no §{number}: sections run from 1 to {}. `/outline` lists them.",
        text.last_section()
    ))
}

/// Page `page` (1-based, clamped) of a section, with paging and related-section buttons.
pub fn page(book: &Book<'_>, section: &Section, page: u32) -> Reply {
    let text = book.text();
    let pages = pages(&section.blocks, PAGE_CHARS);
    let count = pages.len().max(1) as u32;
    let page = page.clamp(1, count);
    let body = pages.get(page as usize - 1).cloned().unwrap_or_default();

    let mut footer = match text.part_of(section.number) {
        Some(part) => format!("Part {}: {}", part.roman(), part.title),
        None => text.title.clone(),
    };
    if count > 1 {
        footer.push_str(&format!(" · page {page} of {count}"));
    }

    let related: Vec<&Section> = book
        .related(section.number)
        .iter()
        .filter_map(|n| text.section(*n))
        .collect();
    let mut entries = Vec::new();
    if !related.is_empty() {
        entries.push(Entry {
            heading: "Related".into(),
            text: related
                .iter()
                .map(|s| s.citation())
                .collect::<Vec<_>>()
                .join("\n"),
            button: None,
        });
    }

    let mut buttons = Vec::new();
    if count > 1 {
        let prev = if page > 1 { page - 1 } else { page };
        let next = if page < count { page + 1 } else { page };
        buttons.push(vec![
            Button::new(
                "◀ Previous",
                Action::Page {
                    section: section.number,
                    page: prev,
                }
                .encode_for(book.tag()),
            )
            .disabled(page == 1),
            Button::new(
                "Next ▶",
                Action::Page {
                    section: section.number,
                    page: next,
                }
                .encode_for(book.tag()),
            )
            .primary()
            .disabled(page == count),
        ]);
    }
    let mut row = vec![Button::new(
        format!("Discuss §{}", section.number),
        Action::Prompt {
            // Reading a section is never guarded, so discussing it is not either.
            scope: PromptScope {
                section: Some(section.number),
                spoilers: true,
                ..PromptScope::default()
            },
            after: None,
        }
        .encode_for(book.tag()),
    )];
    row.extend(related.iter().take(3).map(|s| {
        Button::new(
            markup::cut(&s.citation(), LABEL_CHARS),
            Action::Open { section: s.number }.encode_for(book.tag()),
        )
    }));
    buttons.push(row);

    Reply {
        title: Some(book.cite(section)),
        body,
        entries,
        footer: Some(footer),
        buttons,
        ..Reply::default()
    }
}

/// Splits blocks into pages of at most `max` characters, of similar length, breaking between
/// blocks (never right after a paragraph that ends with a colon) and inside an over-long block at
/// sentence boundaries.
pub fn pages(blocks: &[Block], max: usize) -> Vec<String> {
    let pieces = pieces(blocks, max);
    let total: usize = pieces.iter().map(|(p, _)| p.chars().count() + 2).sum();
    let count = total.div_ceil(max.max(1)).max(1);
    // Aim for pages of equal length; the margin keeps a last short block from spilling over.
    let limit = (total.div_ceil(count) * 11 / 10).min(max);
    let mut pages = Vec::new();
    let mut current = String::new();
    let mut keep_with_next = false;
    for (piece, introduces) in pieces {
        let len = current.chars().count();
        let fits = len + 2 + piece.chars().count() <= if keep_with_next { max } else { limit };
        if !current.is_empty() && !fits {
            pages.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(&piece);
        keep_with_next = introduces;
    }
    if !current.is_empty() {
        pages.push(current);
    }
    pages
}

/// Blocks as Markdown pieces no longer than `max`, each flagged when it introduces the next (ends
/// with a colon). A block longer than `max` is cut at sentences into several pieces.
fn pieces(blocks: &[Block], max: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for block in blocks {
        let mut piece = block.markdown();
        while piece.chars().count() > max {
            let head = markup::cut(&piece, max);
            let kept = head.trim_end_matches(markup::ELLIPSIS).to_string();
            if kept.is_empty() {
                break;
            }
            piece = piece[kept.len()..].trim_start().to_string();
            out.push((kept, false));
        }
        if !piece.is_empty() {
            let introduces = piece.trim_end().ends_with(':');
            out.push((piece, introduces));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_break_between_blocks_into_similar_lengths() {
        let blocks: Vec<Block> = ["a", "b", "c", "d"]
            .iter()
            .map(|c| Block::Paragraph(c.repeat(60)))
            .collect();
        let pages = pages(&blocks, 200);
        assert_eq!(
            pages,
            vec![
                format!("{}\n\n{}", "a".repeat(60), "b".repeat(60)),
                format!("{}\n\n{}", "c".repeat(60), "d".repeat(60)),
            ]
        );
    }

    #[test]
    fn a_paragraph_ending_with_a_colon_stays_with_its_list() {
        let blocks = vec![
            Block::Paragraph("x".repeat(90)),
            Block::Paragraph("It ensured:".into()),
            Block::List(vec![
                "sea lanes remained open".into(),
                "crises were managed".into(),
            ]),
            Block::Paragraph("y".repeat(90)),
        ];
        let pages = pages(&blocks, 120);
        assert!(
            pages
                .iter()
                .any(|p| p.contains("It ensured:\n\n- sea lanes")),
            "{pages:?}"
        );
    }

    #[test]
    fn a_short_text_is_one_page() {
        assert_eq!(
            pages(&[Block::Paragraph("Short.".into())], 700),
            vec!["Short.".to_string()]
        );
    }

    #[test]
    fn an_overlong_block_is_split_at_sentences_without_losing_words() {
        let sentence = "Power can shift form without disappearing. ";
        let block = Block::Paragraph(sentence.repeat(10).trim_end().to_string());
        let pages = pages(std::slice::from_ref(&block), 100);
        assert!(pages.iter().all(|p| p.chars().count() <= 100));
        assert_eq!(pages.join(" "), block.markdown());
    }
}
