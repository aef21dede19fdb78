//! The search index: passages of every text in a tantivy index (in RAM, or on disk beside a
//! snapshot of the content), searched with queries that never fail, and highlighted for display.
//! The index owns the library: a passage's text lives once, in the content model.

mod aids;
mod build;
mod collect;
pub mod kept;
pub mod mentions;
pub mod passage;
pub mod query;
pub mod schema;
pub mod snapshot;
pub mod snippet;
pub mod stored;
pub mod vocabulary;
pub mod weighting;

use std::collections::HashMap;
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::{DocAddress, Index, IndexReader};

use crate::content::model::Library;
pub use aids::ActorMentions;
use kept::{Kept, PerText};
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
    /// Index of the text in the library; `None`: every text.
    pub text: Option<usize>,
    /// Only this section (of the text).
    pub section: Option<u32>,
}

impl Filter {
    /// No restriction beyond the text.
    pub fn text(text: usize) -> Self {
        Filter {
            text: Some(text),
            ..Filter::default()
        }
    }

    /// Every text of the library: one query, whose scores compare across texts because tantivy
    /// weighs each term by its frequency in the whole index, whichever texts a search keeps.
    pub fn library() -> Self {
        Filter::default()
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

/// Every passage of the library, indexed, and the library itself. One reader for the program's
/// life; a searcher per request.
pub struct SearchIndex {
    library: Library,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    passages: Vec<Passage>,
    by_section: HashMap<(usize, u32), Range<usize>>,
    /// For each text, the first passage of each of its sections and the end of its last.
    texts: Vec<Range<usize>>,
    /// For each segment, the passage each document holds and whether it is a whole section.
    doc_passages: Vec<Vec<(u32, bool)>>,
    /// What the index works out about a text's actors, for the texts used most recently.
    aids: PerText<aids::TextAids>,
    /// The words of the texts used most recently.
    vocabularies: PerText<Vocabulary>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("passages", &self.passages.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The library the index holds.
    pub fn library(&self) -> &Library {
        &self.library
    }

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

    /// The passage at this position as compact Markdown.
    pub fn markdown(&self, passage: usize) -> String {
        let Some(p) = self.passages.get(passage) else {
            return String::new();
        };
        self.library
            .texts
            .get(p.text)
            .and_then(|t| t.section(p.section))
            .map_or_else(String::new, |s| passage::compact(p.of(&s.blocks)))
    }

    /// Where a text's actors are named: per passage, and in section titles.
    pub fn actor_mentions(&self, text: usize, actor: &str) -> ActorMentions {
        ActorMentions::new(
            self.aids(text),
            &self.library.texts[text],
            actor,
            self.texts[text].start,
        )
    }

    fn aids(&self, text: usize) -> Kept<aids::TextAids> {
        self.aids.get_or_init(text, || {
            let passages = self.texts[text].clone();
            aids::TextAids::of(
                &self.library.texts[text],
                passages.map(|p| self.markdown(p)),
            )
        })
    }

    /// The words a text uses.
    pub fn vocabulary(&self, text: usize) -> Kept<Vocabulary> {
        self.vocabularies
            .get_or_init(text, || build::vocabulary_of(&self.library.texts[text]))
    }

    /// How many texts keep what was worked out for them on first use (actors' mentions, words).
    pub fn texts_kept(&self) -> usize {
        self.aids.len().max(self.vocabularies.len())
    }

    /// Parses user text as a query against a text.
    pub fn parse(&self, text: usize, input: &str) -> UserQuery {
        UserQuery::parse(input, &self.aids(text).matcher)
    }

    /// Whether any text of the library has this word (as analyzed: a form of it counts), in a
    /// passage, a title or the curator's keywords. A word only stop words make up counts as known.
    pub fn library_knows(&self, word: &str) -> bool {
        let searcher = self.reader.searcher();
        let terms = schema::analyze(word);
        terms.is_empty()
            || terms.iter().all(|(_, term)| {
                [self.fields.body, self.fields.title, self.fields.keywords]
                    .into_iter()
                    .any(|field| {
                        let term = tantivy::Term::from_field_text(field, term);
                        searcher.doc_freq(&term).is_ok_and(|n| n > 0)
                    })
            })
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
        let tantivy_query = weighting::weighted(&self.fields, query, filter, Some(Kind::Passage));
        self.run(&*tantivy_query, limit)
    }

    /// The best sections for a query, best first, each with its best passage. A section scores
    /// by its best passage plus a share of how well the section as a whole matches. One query
    /// finds both: its matches are told apart by kind afterwards. Over several texts (a filter
    /// without a text), sections of every text are ranked together.
    pub fn search_sections(
        &self,
        query: &UserQuery,
        filter: &Filter,
    ) -> Result<Vec<SectionHit>, IndexError> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let both = weighting::weighted(&self.fields, query, filter, None);
        let searcher = self.reader.searcher();
        let mut passages = Vec::new();
        let mut wholes = Vec::new();
        for (segment, doc, score) in searcher.search(&*both, &collect::Everything)? {
            let Some(&(passage, whole)) = self
                .doc_passages
                .get(segment as usize)
                .and_then(|docs| docs.get(doc as usize))
            else {
                continue;
            };
            let hit = Hit {
                passage: passage as usize,
                score,
            };
            if whole {
                wholes.push(hit)
            } else {
                passages.push(hit)
            }
        }
        // The best of each kind, as two searches of one kind each would have found them.
        let best = |mut hits: Vec<Hit>, limit: usize| {
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
            hits.truncate(limit);
            hits
        };
        let passages = best(passages, PASSAGES_FETCHED);
        let wholes = best(wholes, SECTIONS_FETCHED);
        let mut hits: Vec<SectionHit> = Vec::new();
        let mut at: HashMap<(usize, u32), usize> = HashMap::new();
        for hit in passages {
            let Passage { text, section, .. } = self.passages[hit.passage];
            at.entry((text, section)).or_insert_with(|| {
                hits.push(SectionHit {
                    section,
                    passage: hit.passage,
                    score: hit.score,
                });
                hits.len() - 1
            });
        }
        for whole in wholes {
            let Passage { text, section, .. } = self.passages[whole.passage];
            if let Some(&i) = at.get(&(text, section)) {
                hits[i].score += SECTION_WEIGHT * whole.score;
            }
        }
        // Equal scores in passage order: section order within a text, then text order.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
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
            .map(|(passage, _)| *passage as usize)
    }

    /// The passage's Markdown with the query's words in bold, cut to `max_chars` around the best match.
    pub fn highlight(&self, query: &UserQuery, passage: usize, max_chars: usize) -> String {
        let Some(p) = self.passages.get(passage) else {
            return String::new();
        };
        let mut terms: Vec<String> = query.all_terms().map(str::to_string).collect();
        if !query.actors.is_empty() {
            let aids = self.aids(p.text);
            for actor in &query.actors {
                if let Some(names) = aids.actor_terms.get(actor) {
                    terms.extend(names.iter().cloned());
                }
            }
        }
        snippet::highlight(&self.markdown(passage), &terms, max_chars)
    }
}
