//! Overlong paragraphs, from sources that lost their paragraph breaks, split at sentence ends.

use crate::content::model::Block;

/// A paragraph longer than this many words is taken to be several run together.
pub(crate) const MAX_WORDS: usize = 1000;
/// About how many words each piece of a split paragraph gets.
const PIECE_WORDS: usize = 250;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "viz", "vs", "etc", "i.e", "e.g", "cf", "p",
    "pp", "ch", "sect", "art", "gen", "col", "gov", "rev", "hon", "messrs", "jr", "sr",
];

/// Splits every paragraph over [`MAX_WORDS`] into pieces of about [`PIECE_WORDS`] words,
/// cutting only between sentences. Returns how many paragraphs were split.
pub(crate) fn split_long(blocks: &mut Vec<Block>) -> usize {
    let mut split = 0;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        match block {
            Block::Paragraph(text) if text.split_whitespace().count() > MAX_WORDS => {
                let pieces = pieces(&text);
                split += usize::from(pieces.len() > 1);
                out.extend(pieces.into_iter().map(Block::Paragraph));
            }
            other => out.push(other),
        }
    }
    *blocks = out;
    split
}

/// The paragraph cut into pieces at sentence ends once each has about [`PIECE_WORDS`] words.
///
/// The words are walked, not collected: a list of them would take three times the paragraph's
/// size, and a source with no paragraph breaks at all can be one line of a hundred megabytes.
fn pieces(text: &str) -> Vec<String> {
    let words = || text.split(' ').filter(|w| !w.is_empty());
    let total = words().count();
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let (mut in_piece, mut seen) = (0, 0);
    let mut words = words().peekable();
    while let Some(word) = words.next() {
        if !piece.is_empty() {
            piece.push(' ');
        }
        piece.push_str(word);
        in_piece += 1;
        seen += 1;
        // Leave a tail worth its own paragraph, or none.
        let rest_long_enough = total - seen >= PIECE_WORDS / 2;
        if in_piece >= PIECE_WORDS
            && rest_long_enough
            && words.peek().is_some_and(|next| ends_sentence(word, next))
        {
            pieces.push(std::mem::take(&mut piece));
            in_piece = 0;
        }
    }
    pieces.push(piece);
    pieces
}

/// Whether a sentence ends after `word`, with `next` starting the next one.
fn ends_sentence(word: &str, next: &str) -> bool {
    let closed = word.trim_end_matches(['"', '\'', '”', '’', ')']);
    let Some(stem) = closed.strip_suffix(['.', '?', '!']) else {
        return false;
    };
    let stem = stem
        .trim_start_matches(['"', '\'', '“', '‘', '('])
        .to_lowercase();
    let initial = stem.chars().count() == 1;
    let next_starts = next
        .trim_start_matches(['"', '\'', '“', '‘', '('])
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    next_starts && !initial && !ABBREVIATIONS.contains(&stem.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_together_paragraph_is_cut_between_sentences() {
        let sentence = "This sentence has exactly ten words in it, Mr. Smith. ";
        let text = sentence.repeat(110);
        let mut blocks = vec![Block::Paragraph(text.trim().to_string())];
        assert_eq!(split_long(&mut blocks), 1);
        assert!(blocks.len() > 1);
        for block in &blocks {
            let Block::Paragraph(p) = block else {
                panic!("paragraphs stay paragraphs")
            };
            assert!(p.starts_with("This sentence") && p.ends_with("Smith."));
        }
    }

    #[test]
    fn short_paragraphs_are_left_alone() {
        let mut blocks = vec![Block::Paragraph("One. Two.".into())];
        assert_eq!(split_long(&mut blocks), 0);
        assert_eq!(blocks, vec![Block::Paragraph("One. Two.".into())]);
    }
}
