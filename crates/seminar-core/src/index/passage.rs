//! Passages: the units search returns, a paragraph or a few consecutive ones from one section.

use crate::content::model::{Block, Section};

/// Below this many characters a passage keeps taking the next block.
const TARGET_CHARS: usize = 300;
/// A passage stops growing before it would pass this many characters.
const MAX_CHARS: usize = 700;

/// A few consecutive blocks of one section.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of the text in the library.
    pub text: usize,
    /// The section's number.
    pub section: u32,
    /// 1-based position of the passage within its section.
    pub ordinal: u32,
    /// The passage as compact Markdown (see [`compact`]).
    pub markdown: String,
}

/// Groups a section's blocks into passages of roughly `TARGET_CHARS`, keeping a paragraph that
/// ends with a colon together with what it introduces.
pub fn chunk(section: &Section) -> Vec<Vec<Block>> {
    let mut passages: Vec<Vec<Block>> = Vec::new();
    let mut current: Vec<Block> = Vec::new();
    let mut len = 0;
    for block in &section.blocks {
        let block_len = block.markdown().chars().count();
        let introduces_next = current.last().is_some_and(ends_with_colon);
        if !current.is_empty()
            && !introduces_next
            && (len >= TARGET_CHARS || len + block_len > MAX_CHARS)
        {
            passages.push(std::mem::take(&mut current));
            len = 0;
        }
        current.push(block.clone());
        len += block_len;
    }
    if !current.is_empty() {
        // A short tail reads better joined to the passage before it.
        match passages.last_mut() {
            Some(last) if len < TARGET_CHARS / 3 && total(last) + len <= MAX_CHARS => {
                last.extend(current)
            }
            _ => passages.push(current),
        }
    }
    passages
}

/// A passage's blocks as compact Markdown: consecutive paragraphs run together as prose (the
/// text's one-sentence paragraphs read better that way in a snippet), lists keep their lines.
pub fn compact(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut after_list = false;
    for block in blocks {
        let is_list = matches!(block, Block::List(_));
        if !out.is_empty() {
            out.push_str(if is_list || after_list { "\n" } else { " " });
        }
        out.push_str(&block.markdown());
        after_list = is_list;
    }
    out
}

fn ends_with_colon(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if p.trim_end().ends_with(':'))
}

fn total(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.markdown().chars().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(blocks: Vec<Block>) -> Section {
        Section {
            number: 1,
            title: "T".into(),
            author: None,
            summary: String::new(),
            keywords: vec![],
            actors: vec![],
            themes: vec![],
            related: vec![],
            blocks,
            prompts: vec![],
        }
    }

    fn para(n: usize) -> Block {
        Block::Paragraph("x".repeat(n))
    }

    #[test]
    fn short_paragraphs_gather_into_one_passage() {
        let chunks = chunk(&section(vec![para(100), para(100), para(150), para(100)]));
        assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 1]);
    }

    #[test]
    fn a_colon_keeps_its_list() {
        let chunks = chunk(&section(vec![
            para(290),
            Block::Paragraph("It ensured:".into()),
            Block::List(vec!["a".into(), "b".into()]),
            para(300),
        ]));
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].len(), 3);
        assert!(matches!(chunks[0][2], Block::List(_)));
    }

    #[test]
    fn compact_passages_run_paragraphs_together_and_keep_lists() {
        let blocks = vec![
            Block::Paragraph("It ensured:".into()),
            Block::List(vec!["a".into(), "b".into()]),
            Block::Paragraph("And so.".into()),
            Block::Paragraph("Then.".into()),
        ];
        assert_eq!(compact(&blocks), "It ensured:\n- a\n- b\nAnd so. Then.");
    }

    #[test]
    fn every_block_lands_in_exactly_one_passage() {
        let blocks: Vec<Block> = (1..40).map(|i| para(i * 13 % 500 + 1)).collect();
        let chunks = chunk(&section(blocks.clone()));
        assert_eq!(chunks.concat(), blocks);
    }
}
