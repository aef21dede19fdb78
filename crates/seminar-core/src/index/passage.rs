//! Passages: the units search returns, a paragraph or a few consecutive ones from one section.
//! A passage names its section's blocks; its text lives only in the content model.

use std::ops::Range;

use crate::content::model::Block;

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
    /// The section's blocks the passage holds.
    pub blocks: Range<u32>,
}

impl Passage {
    /// The passage's blocks in `blocks` (its section's).
    pub fn of<'a>(&self, blocks: &'a [Block]) -> &'a [Block] {
        blocks
            .get(self.blocks.start as usize..self.blocks.end as usize)
            .unwrap_or(&[])
    }
}

/// Groups a section's blocks into passages of roughly `TARGET_CHARS`, keeping a paragraph that
/// ends with a colon together with what it introduces: each passage as a range of blocks.
pub fn chunk(blocks: &[Block]) -> Vec<Range<usize>> {
    let mut passages: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut len = 0;
    for (i, block) in blocks.iter().enumerate() {
        let block_len = chars(block);
        let introduces_next = i > start && ends_with_colon(&blocks[i - 1]);
        if i > start && !introduces_next && (len >= TARGET_CHARS || len + block_len > MAX_CHARS) {
            passages.push(start..i);
            start = i;
            len = 0;
        }
        len += block_len;
    }
    if start < blocks.len() {
        // A short tail reads better joined to the passage before it.
        match passages.last_mut() {
            Some(last)
                if len < TARGET_CHARS / 3 && total(&blocks[last.clone()]) + len <= MAX_CHARS =>
            {
                last.end = blocks.len();
            }
            _ => passages.push(start..blocks.len()),
        }
    }
    passages
}

/// Where each passage of a section ends, as block indices (what the snapshot keeps).
pub fn breaks(blocks: &[Block]) -> Vec<u32> {
    chunk(blocks)
        .into_iter()
        .map(|r| u32::try_from(r.end).unwrap_or(u32::MAX))
        .collect()
}

/// A passage's blocks as compact Markdown: consecutive paragraphs run together as prose (the
/// text's one-sentence paragraphs read better that way in a snippet), lists keep their lines.
pub fn compact(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(blocks.iter().map(|b| chars(b) + 1).sum());
    let mut after_list = false;
    for block in blocks {
        let is_list = matches!(block, Block::List(_));
        if !out.is_empty() {
            out.push_str(if is_list || after_list { "\n" } else { " " });
        }
        match block {
            Block::Paragraph(text) => out.push_str(text),
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("- ");
                    out.push_str(item);
                }
            }
        }
        after_list = is_list;
    }
    out
}

/// The characters of a block's Markdown, counted without writing it out.
fn chars(block: &Block) -> usize {
    match block {
        Block::Paragraph(text) => text.chars().count(),
        Block::List(items) => {
            items.iter().map(|i| i.chars().count() + 2).sum::<usize>()
                + items.len().saturating_sub(1)
        }
    }
}

fn ends_with_colon(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if p.trim_end().ends_with(':'))
}

fn total(blocks: &[Block]) -> usize {
    blocks.iter().map(chars).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(n: usize) -> Block {
        Block::Paragraph("x".repeat(n))
    }

    fn lens(ranges: &[Range<usize>]) -> Vec<usize> {
        ranges.iter().map(|r| r.len()).collect()
    }

    #[test]
    fn short_paragraphs_gather_into_one_passage() {
        let chunks = chunk(&[para(100), para(100), para(150), para(100)]);
        assert_eq!(lens(&chunks), vec![3, 1]);
    }

    #[test]
    fn a_colon_keeps_its_list() {
        let blocks = [
            para(290),
            Block::Paragraph("It ensured:".into()),
            Block::List(vec!["a".into(), "b".into()]),
            para(300),
        ];
        let chunks = chunk(&blocks);
        assert_eq!(chunks, vec![0..3, 3..4]);
        assert!(matches!(blocks[chunks[0].end - 1], Block::List(_)));
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
        let chunks = chunk(&blocks);
        assert_eq!(chunks.first().map(|r| r.start), Some(0));
        assert!(chunks.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(chunks.last().map(|r| r.end), Some(blocks.len()));
    }

    #[test]
    fn a_list_is_counted_as_its_markdown() {
        let list = Block::List(vec!["één".into(), "b".into()]);
        assert_eq!(chars(&list), list.markdown().chars().count());
        assert_eq!(chars(&Block::List(vec![])), 0);
    }
}
