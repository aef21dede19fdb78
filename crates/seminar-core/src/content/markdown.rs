//! The Markdown subset section bodies are written in: paragraphs and `- ` bullet lists.
//!
//! Lines inside a paragraph or list item are joined with a space, so editors may wrap freely;
//! a blank line ends a block, and a `- ` line starts a list item (also right after a paragraph line).

use crate::content::model::Block;

/// Parses a section body into blocks. Never fails: anything that is not a list item is prose.
pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();

    fn flush_paragraph(paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
    }
    fn flush_list(items: &mut Vec<String>, blocks: &mut Vec<Block>) {
        if !items.is_empty() {
            blocks.push(Block::List(std::mem::take(items)));
        }
    }

    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_list(&mut items, &mut blocks);
        } else if let Some(item) = list_item(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            items.push(item.to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        } else {
            paragraph.push(line);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_list(&mut items, &mut blocks);
    blocks
}

/// The text of a bullet line (`- item` or `* item`), if the line is one.
fn list_item(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Writes blocks back as Markdown, one blank line between blocks.
pub fn render(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::markdown)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_into_one_paragraph() {
        assert_eq!(
            parse("It only\nneeds to become unpredictable.\n\nPrices respond."),
            vec![
                Block::Paragraph("It only needs to become unpredictable.".into()),
                Block::Paragraph("Prices respond.".into()),
            ]
        );
    }

    #[test]
    fn a_list_may_follow_a_paragraph_line_directly() {
        assert_eq!(
            parse("By:\n- military deployments\n- diplomatic\n  bandwidth"),
            vec![
                Block::Paragraph("By:".into()),
                Block::List(vec![
                    "military deployments".into(),
                    "diplomatic bandwidth".into()
                ]),
            ]
        );
    }

    #[test]
    fn render_then_parse_is_identity() {
        let blocks = vec![
            Block::Paragraph("One.".into()),
            Block::List(vec!["a".into(), "b".into()]),
            Block::Paragraph("Two.".into()),
        ];
        assert_eq!(parse(&render(&blocks)), blocks);
    }
}
