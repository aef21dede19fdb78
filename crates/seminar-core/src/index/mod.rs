//! The search index: passages of every text in a tantivy index built in RAM, searched with queries
//! that never fail, and highlighted for display.

mod aids;
mod build;
pub mod mentions;
pub mod passage;
pub mod query;
pub mod schema;
pub mod snippet;
pub mod stored;
pub mod vocabulary;
pub mod weighting;

use std::collections::HashMap;

use crate::content::model::Library;
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::{DocAddress, Index, IndexReader};

pub use mentions::ActorMatcher;
pub use passage::Passage;
pub use query::UserQuery;
use schema::{Fields, Kind};
pub use vocabulary::Vocabulary;

/// How much a whole section's match adds to its best passage's score.
const SECTION_WEIGHT: f32 = 0.5;
/// Passages fetched before grouping them by section.
const PASSAGES_FETCHED: usize = 200;
/// Whole sections fetched.
const SECTIONS_FETCHED: usize = 200;

/// Why the index could not be built or searched.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index failure: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Restricts a search to part of the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Index of the text in the library.
    pub text: usize,
    /// Only this section.
    pub section: Option<u32>,
}

impl Filter {
    /// No restriction beyond the text.
    pub fn text(text: usize) -> Self {
        Filter {
            text,
            ..Filter::default()
        }
    }
}

/// A section found by a search: its best passage and the combined score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SectionHit {
    pub section: u32,
    /// Position of the section's best passage in [`SearchIndex::passages`].
    pub passage: usize,
    pub score: f32,
}

/// A passage found by a search, with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the passage in [`SearchIndex::passages`].
    pub passage: usize,
    pub score: f32,
}

/// Every passage of the library, indexed. One reader for the program's life; a searcher per request.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    passages: Vec<Passage>,
    by_section: HashMap<(usize, u32), Range<usize>>,
    /// For each text, its actors and what the index works out about them on first use.
    casts: Vec<aids::Cast>,
    /// For each segment, the passage each document holds.
    doc_passages: Vec<Vec<usize>>,
    /// For each text, its words, worked out on first use.
    vocabularies: Vec<std::sync::OnceLock<Vocabulary>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("passages", &self.passages.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Every passage, in text and section order.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// The range of passage positions belonging to a section.
    pub fn section_range(&self, text: usize, section: u32) -> Range<usize> {
        self.by_section
            .get(&(text, section))
            .cloned()
            .unwrap_or(0..0)
    }

    /// The passages of a section, in order.
    pub fn section_passages(&self, text: usize, section: u32) -> &[Passage] {
        &self.passages[self.section_range(text, section)]
    }

    /// The actors a section's title names.
    pub fn title_actors(&self, text: usize, section: u32) -> &[String] {
        self.aids(text)
            .title_actors
            .get(&section)
            .map_or(&[], Vec::as_slice)
    }

    /// Recognizes a text's actor names.
    pub fn actor_matcher(&self, text: usize) -> &ActorMatcher {
        &self.aids(text).matcher
    }

    /// How often the passage at this position names the actor with this id.
    pub fn mentions_of(&self, passage: usize, actor: &str) -> u32 {
        let Some(p) = self.passages.get(passage) else {
            return 0;
        };
        let cast = &self.casts[p.text];
        let Some(actor) = cast.actor_position(actor) else {
            return 0;
        };
        self.aids(p.text)
            .mentions
            .get(passage - cast.passages.start)
            .and_then(|named| named.iter().find(|(a, _)| *a == actor))
            .map_or(0, |(_, n)| *n)
    }

    fn aids(&self, text: usize) -> &aids::TextAids {
        self.casts[text].aids(&self.passages)
    }

    /// The words a text uses.
    pub fn vocabulary(&self, library: &Library, text: usize) -> &Vocabulary {
        self.vocabularies[text].get_or_init(|| build::vocabulary_of(&library.texts[text]))
    }

    /// Parses user text as a query against a text.
    pub fn parse(&self, text: usize, input: &str) -> UserQuery {
        UserQuery::parse(input, self.actor_matcher(text))
    }

    /// The best passages for a query, best first.
    pub fn search(
        &self,
        query: &UserQuery,
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>, IndexError> {
        if query.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let tantivy_query = weighting::weighted(&self.fields, query, filter, Kind::Passage);
        self.run(&*tantivy_query, limit)
    }

    /// The best sections for a query, best first, each with its best passage. A section scores
    /// by its best passage plus a share of how well the section as a whole matches.
    pub fn search_sections(
        &self,
        query: &UserQuery,
        filter: &Filter,
    ) -> Result<Vec<SectionHit>, IndexError> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let passages = self.run(
            &*weighting::weighted(&self.fields, query, filter, Kind::Passage),
            PASSAGES_FETCHED,
        )?;
        let wholes = self.run(
            &*weighting::weighted(&self.fields, query, filter, Kind::Section),
            SECTIONS_FETCHED,
        )?;
        let mut hits: Vec<SectionHit> = Vec::new();
        for hit in passages {
            let section = self.passages[hit.passage].section;
            if !hits.iter().any(|h| h.section == section) {
                hits.push(SectionHit {
                    section,
                    passage: hit.passage,
                    score: hit.score,
                });
            }
        }
        for whole in wholes {
            let section = self.passages[whole.passage].section;
            if let Some(hit) = hits.iter_mut().find(|h| h.section == section) {
                hit.score += SECTION_WEIGHT * whole.score;
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.section.cmp(&b.section)));
        Ok(hits)
    }

    /// The tantivy index underneath, for tools that query it directly (the lab's raw baseline).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Runs any tantivy query over this index: the best `limit` documents as passages, best first
    /// (equal scores in passage order).
    pub fn run(&self, query: &dyn Query, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits: Vec<Hit> = top
            .into_iter()
            .filter_map(|(score, address)| {
                self.passage_at(address)
                    .map(|passage| Hit { passage, score })
            })
            .collect();
        // Equal scores come in document order, which depends on how the build split documents
        // into segments: order them by passage instead, so every build of an index ranks alike.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
        Ok(hits)
    }

    fn passage_at(&self, address: DocAddress) -> Option<usize> {
        self.doc_passages
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)
            .copied()
    }

    /// The passage's Markdown with the query's words in bold, cut to `max_chars` around the best match.
    pub fn highlight(&self, query: &UserQuery, passage: usize, max_chars: usize) -> String {
        let Some(p) = self.passages.get(passage) else {
            return String::new();
        };
        let mut terms: Vec<String> = query.all_terms().map(str::to_string).collect();
        for actor in &query.actors {
            if let Some(names) = self.aids(p.text).actor_terms.get(actor) {
                terms.extend(names.iter().cloned());
            }
        }
        snippet::highlight(&p.markdown, &terms, max_chars)
    }
}
