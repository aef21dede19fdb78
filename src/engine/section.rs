//! `/section`: a section's text with its title and part, paged with Prev/Next, and its related sections.

use crate::content::model::{Block, Section};
use crate::engine::custom_id::{Action, PromptScope};
use crate::engine::resolve::{self, Resolution};
use crate::engine::{Button, Engine, EngineError, Entry, Invocation, Reply};
use crate::markup;

/// Most characters on one page of a section.
pub const PAGE_CHARS: usize = 1500;
/// Discord's limit on a button label.
const LABEL_CHARS: usize = 80;

/// Answers `/section number:N` or `/section title:…`.
pub fn run(engine: &Engine, invocation: &Invocation) -> Result<Reply, EngineError> {
    let text = engine.text();
    if let Some(number) = invocation.integer("number") {
        return Ok(match u32::try_from(number).ok().and_then(|n| text.section(n)) {
            Some(section) => page(engine, section, 1),
            None => Reply::user_error(format!(
                "There is no §{number}: sections run from 1 to {}. `/outline` lists them.",
                text.last_section()
            )),
        });
    }
    let Some(title) = invocation.string("title").filter(|t| !t.trim().is_empty()) else {
        return Ok(Reply::user_error(format!(
            "Which section? Give a number (`/section 13`, 1–{}) or words from its title (`/section title:economics`). `/outline` lists them all.",
            text.last_section()
        )));
    };
    Ok(match resolve::section(text, &title) {
        Resolution::Found(section, same) => {
            let mut reply = page(engine, section, 1);
            for other in same {
                reply.entries.push(Entry {
                    heading: "Same title".into(),
                    text: format!("{} has the same title: `/section {}`.", other.citation(), other.number),
                });
            }
            reply
        }
        Resolution::NotFound(near) => {
            let mut message = format!("No section title matches “{}”.", markup::escape(&title));
            if !near.is_empty() {
                let list: Vec<String> = near.iter().map(|s| format!("**{}**", s.citation())).collect();
                message.push_str(&format!(" Did you mean {}?", list.join(", ")));
            }
            message.push_str(" `/outline` lists every section.");
            Reply::user_error(message)
        }
    })
}

/// Page `page` (1-based, clamped) of a section, with paging and related-section buttons.
pub fn page(engine: &Engine, section: &Section, page: u32) -> Reply {
    let text = engine.text();
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

    let related: Vec<&Section> = engine
        .related(section.number)
        .iter()
        .filter_map(|n| text.section(*n))
        .collect();
    let mut entries = Vec::new();
    if !related.is_empty() {
        entries.push(Entry {
            heading: "Related".into(),
            text: related.iter().map(|s| s.citation()).collect::<Vec<_>>().join("\n"),
        });
    }

    let mut buttons = Vec::new();
    if count > 1 {
        let prev = if page > 1 { page - 1 } else { page };
        let next = if page < count { page + 1 } else { page };
        buttons.push(vec![
            Button::new("◀ Previous", Action::Page { section: section.number, page: prev }.encode()).disabled(page == 1),
            Button::new("Next ▶", Action::Page { section: section.number, page: next }.encode())
                .primary()
                .disabled(page == count),
        ]);
    }
    let mut row = vec![Button::new(
        format!("Discuss §{}", section.number),
        Action::Prompt {
            scope: PromptScope {
                section: Some(section.number),
                ..PromptScope::default()
            },
            after: None,
        }
        .encode(),
    )];
    row.extend(related.iter().take(3).map(|s| {
        Button::new(markup::cut(&s.citation(), LABEL_CHARS), Action::Open { section: s.number }.encode())
    }));
    buttons.push(row);

    Reply {
        title: Some(section.citation()),
        body,
        entries,
        footer: Some(footer),
        buttons,
        ..Reply::default()
    }
}

/// Splits blocks into pages of at most `max` characters, breaking between blocks where possible
/// and inside an over-long block at sentence boundaries.
pub fn pages(blocks: &[Block], max: usize) -> Vec<String> {
    let mut pages = Vec::new();
    let mut current = String::new();
    for block in blocks {
        let mut piece = block.markdown();
        loop {
            let separator = if current.is_empty() { 0 } else { 2 };
            if current.chars().count() + separator + piece.chars().count() <= max {
                if separator > 0 {
                    current.push_str("\n\n");
                }
                current.push_str(&piece);
                break;
            }
            if !current.is_empty() {
                pages.push(std::mem::take(&mut current));
                continue;
            }
            // One block longer than a page: cut it at a sentence and carry the rest over.
            let head = markup::cut(&piece, max);
            let kept = head.trim_end_matches(markup::ELLIPSIS);
            if kept.is_empty() {
                pages.push(head);
                break;
            }
            let rest = piece[kept.len()..].trim_start().to_string();
            pages.push(kept.to_string());
            if rest.is_empty() {
                break;
            }
            piece = rest;
        }
    }
    if !current.is_empty() {
        pages.push(current);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_break_between_blocks() {
        let blocks = vec![
            Block::Paragraph("a".repeat(60)),
            Block::Paragraph("b".repeat(60)),
            Block::Paragraph("c".repeat(60)),
        ];
        let pages = pages(&blocks, 130);
        assert_eq!(pages, vec![format!("{}\n\n{}", "a".repeat(60), "b".repeat(60)), "c".repeat(60)]);
    }

    #[test]
    fn an_overlong_block_is_split_at_sentences_without_losing_words() {
        let sentence = "Power can shift form without disappearing. ";
        let block = Block::Paragraph(sentence.repeat(10).trim_end().to_string());
        let pages = pages(&[block.clone()], 100);
        assert!(pages.iter().all(|p| p.chars().count() <= 100));
        assert_eq!(pages.join(" "), block.markdown());
    }
}
