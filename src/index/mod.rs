//! The search index: passages of every text in a tantivy index built in RAM, searched with queries
//! that never fail, and highlighted for display.

pub mod mentions;
pub mod passage;
pub mod query;
pub mod schema;
pub mod snippet;
pub mod vocabulary;

use std::collections::HashMap;
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::content::model::{Library, Text};
pub use mentions::ActorMatcher;
pub use passage::Passage;
pub use query::UserQuery;
use schema::{ANALYZER, Fields, Kind};
pub use vocabulary::Vocabulary;

/// Boosts per field: a title match says more than a body match, curated keywords a little less.
const TITLE_BOOST: f32 = 1.6;
const KEYWORDS_BOOST: f32 = 2.0;
const ACTOR_BOOST: f32 = 2.0;
const PROXIMITY_BOOST: f32 = 1.5;
/// How far apart, in words, free terms may be and still earn the proximity bonus.
const PROXIMITY_SLOP: u32 = 4;
/// How much a whole section's match adds to its best passage's score.
const SECTION_WEIGHT: f32 = 0.5;
/// Passages fetched before grouping them by section.
const PASSAGES_FETCHED: usize = 200;
/// Whole sections fetched.
const SECTIONS_FETCHED: usize = 200;
/// The writer's heap; tantivy's minimum is plenty for a library held in RAM.
const WRITER_HEAP_BYTES: usize = 30_000_000;

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
    /// The actors each section's title names.
    title_actors: HashMap<(usize, u32), Vec<String>>,
    /// For each segment, the passage each document holds.
    doc_passages: Vec<Vec<usize>>,
    matchers: Vec<ActorMatcher>,
    /// For each text, the analyzed terms of every name of each actor, for highlighting.
    actor_terms: Vec<HashMap<String, Vec<String>>>,
    vocabularies: Vec<Vocabulary>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("passages", &self.passages.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Builds the index of every text in the library, in RAM.
    pub fn build(library: &Library) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(ANALYZER, schema::english());
        let mut writer = index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;

        let mut passages = Vec::new();
        let mut by_section = HashMap::new();
        let mut title_actors = HashMap::new();
        let mut matchers = Vec::new();
        let mut vocabularies = Vec::new();
        let mut actor_terms = Vec::new();
        for (text_index, text) in library.texts.iter().enumerate() {
            let matcher = ActorMatcher::new(&text.actors);
            actor_terms.push(
                text.actors
                    .iter()
                    .map(|a| {
                        let terms = a
                            .names()
                            .flat_map(schema::analyze)
                            .map(|(_, t)| t)
                            .collect();
                        (a.id.clone(), terms)
                    })
                    .collect(),
            );
            vocabularies.push(vocabulary_of(text));
            for section in &text.sections {
                let start = passages.len();
                let keywords = section_keywords(text, section);
                for (ordinal, blocks) in passage::chunk(section).into_iter().enumerate() {
                    let markdown = passage::compact(&blocks);
                    let mentions = count_mentions(&matcher, &markdown);
                    let id = passages.len();
                    let mut doc = TantivyDocument::default();
                    doc.add_u64(fields.passage, id as u64);
                    doc.add_u64(fields.kind, Kind::Passage as u64);
                    doc.add_u64(fields.text, text_index as u64);
                    doc.add_u64(fields.section, u64::from(section.number));
                    doc.add_text(fields.body, &markdown);
                    doc.add_text(fields.title, &section.title);
                    doc.add_text(fields.keywords, &keywords);
                    for (actor, count) in &mentions {
                        for _ in 0..*count {
                            doc.add_text(fields.actors, actor);
                        }
                    }
                    writer.add_document(doc)?;
                    passages.push(Passage {
                        text: text_index,
                        section: section.number,
                        ordinal: u32::try_from(ordinal + 1).unwrap_or(u32::MAX),
                        markdown,
                        mentions,
                    });
                }
                let mut doc = TantivyDocument::default();
                doc.add_u64(fields.passage, start as u64);
                doc.add_u64(fields.kind, Kind::Section as u64);
                doc.add_u64(fields.text, text_index as u64);
                doc.add_u64(fields.section, u64::from(section.number));
                doc.add_text(fields.body, section.plain_text());
                doc.add_text(fields.title, &section.title);
                doc.add_text(fields.keywords, &keywords);
                for passage in &passages[start..] {
                    for (actor, count) in &passage.mentions {
                        for _ in 0..*count {
                            doc.add_text(fields.actors, actor);
                        }
                    }
                }
                writer.add_document(doc)?;
                by_section.insert((text_index, section.number), start..passages.len());
                title_actors.insert(
                    (text_index, section.number),
                    matcher.actors_in(&section.title),
                );
            }
            matchers.push(matcher);
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let doc_passages = doc_passage_table(&reader, &fields)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            passages,
            by_section,
            title_actors,
            doc_passages,
            matchers,
            actor_terms,
            vocabularies,
        })
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

    /// The actors a section's title names.
    pub fn title_actors(&self, text: usize, section: u32) -> &[String] {
        self.title_actors
            .get(&(text, section))
            .map_or(&[], Vec::as_slice)
    }

    /// Recognizes a text's actor names.
    pub fn actor_matcher(&self, text: usize) -> &ActorMatcher {
        &self.matchers[text]
    }

    /// The words a text uses.
    pub fn vocabulary(&self, text: usize) -> &Vocabulary {
        &self.vocabularies[text]
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
        let tantivy_query = self.tantivy_query(query, filter, Kind::Passage);
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
            &*self.tantivy_query(query, filter, Kind::Passage),
            PASSAGES_FETCHED,
        )?;
        let wholes = self.run(
            &*self.tantivy_query(query, filter, Kind::Section),
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

    /// A raw tantivy query of the same words over the same fields, with no weighting, expansion or
    /// filtering: the baseline `seminar bench` compares commands with.
    pub fn raw_search(&self, input: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let mut parser =
            QueryParser::for_index(&self.index, vec![self.fields.body, self.fields.title]);
        parser.set_conjunction_by_default();
        let (query, _errors) = parser.parse_query_lenient(input);
        self.run(&*query, limit)
    }

    fn run(&self, query: &dyn Query, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        Ok(top
            .into_iter()
            .filter_map(|(score, address)| {
                self.passage_at(address)
                    .map(|passage| Hit { passage, score })
            })
            .collect())
    }

    fn passage_at(&self, address: DocAddress) -> Option<usize> {
        self.doc_passages
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)
            .copied()
    }

    fn tantivy_query(&self, query: &UserQuery, filter: &Filter, kind: Kind) -> Box<dyn Query> {
        let fields = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (_, term) in &query.terms {
            clauses.push((Occur::Should, self.term_everywhere(term)));
        }
        if query.terms.len() >= 2 {
            let terms = query
                .terms
                .iter()
                .map(|(pos, t)| (*pos, Term::from_field_text(fields.body, t)))
                .collect();
            let phrase = PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)),
            ));
        }
        for phrase in &query.phrases {
            let must: Box<dyn Query> = if phrase.len() == 1 {
                self.term_everywhere(&phrase[0].1)
            } else {
                let terms = phrase
                    .iter()
                    .map(|(pos, t)| (*pos, Term::from_field_text(fields.body, t)))
                    .collect();
                Box::new(PhraseQuery::new_with_offset(terms))
            };
            clauses.push((Occur::Must, must));
        }
        for actor in &query.actors {
            let term = TermQuery::new(
                Term::from_field_text(fields.actors, actor),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), ACTOR_BOOST)),
            ));
        }
        let matching: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        let mut filters: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, matching),
            (Occur::Must, exact_u64(fields.text, filter.text as u64)),
            (Occur::Must, exact_u64(fields.kind, kind as u64)),
        ];
        if let Some(section) = filter.section {
            filters.push((Occur::Must, exact_u64(fields.section, u64::from(section))));
        }
        Box::new(BooleanQuery::new(filters))
    }

    /// One analyzed term looked for in the body, title and keywords, each with its weight.
    fn term_everywhere(&self, term: &str) -> Box<dyn Query> {
        let fields = &self.fields;
        let query = |field, boost: f32| -> (Occur, Box<dyn Query>) {
            let q = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        };
        Box::new(BooleanQuery::new(vec![
            query(fields.body, 1.0),
            query(fields.title, TITLE_BOOST),
            query(fields.keywords, KEYWORDS_BOOST),
        ]))
    }

    /// The passage's Markdown with the query's words in bold, cut to `max_chars` around the best match.
    pub fn highlight(&self, query: &UserQuery, passage: usize, max_chars: usize) -> String {
        let Some(p) = self.passages.get(passage) else {
            return String::new();
        };
        let mut terms: Vec<String> = query.all_terms().map(str::to_string).collect();
        for actor in &query.actors {
            if let Some(names) = self.actor_terms[p.text].get(actor) {
                terms.extend(names.iter().cloned());
            }
        }
        snippet::highlight(&p.markdown, &terms, max_chars)
    }
}

/// A filter on a numeric field that adds nothing to the score.
fn exact_u64(field: tantivy::schema::Field, value: u64) -> Box<dyn Query> {
    let term = TermQuery::new(Term::from_field_u64(field, value), IndexRecordOption::Basic);
    Box::new(ConstScoreQuery::new(Box::new(term), 0.0))
}

/// Reads, once, which passage each document of each segment holds.
fn doc_passage_table(reader: &IndexReader, fields: &Fields) -> Result<Vec<Vec<usize>>, IndexError> {
    let searcher = reader.searcher();
    let mut table = Vec::new();
    for segment in searcher.segment_readers() {
        let column = segment
            .fast_fields()
            .u64(searcher.schema().get_field_name(fields.passage))?;
        let docs = (0..segment.max_doc())
            .map(|doc| column.first(doc).unwrap_or(0) as usize)
            .collect();
        table.push(docs);
    }
    Ok(table)
}

fn count_mentions(matcher: &ActorMatcher, text: &str) -> Vec<(String, u32)> {
    let mut counts: Vec<(String, u32)> = Vec::new();
    for id in matcher.mentions(text) {
        match counts.iter_mut().find(|(a, _)| a == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id.to_string(), 1)),
        }
    }
    counts
}

/// What the keywords field holds for a section: the curator's summary and keywords, and its themes.
fn section_keywords(text: &Text, section: &crate::content::model::Section) -> String {
    let mut parts = vec![section.summary.clone()];
    parts.extend(section.keywords.iter().cloned());
    for theme in section.themes.iter().filter_map(|id| text.theme(id)) {
        parts.push(theme.name.clone());
    }
    parts.join(" ; ")
}

fn vocabulary_of(text: &Text) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for section in &text.sections {
        vocabulary.add(&section.title);
        vocabulary.add(&section.summary);
        vocabulary.add(&section.plain_text());
        for keyword in &section.keywords {
            vocabulary.add(keyword);
        }
    }
    for actor in &text.actors {
        for name in actor.names() {
            vocabulary.add(name);
        }
    }
    for theme in &text.themes {
        vocabulary.add(&theme.name);
    }
    for prompt in text.prompts() {
        vocabulary.add(&prompt.text);
    }
    vocabulary
}
