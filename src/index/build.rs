//! Building the index: passages and whole sections of every text as tantivy documents, with the
//! tables kept beside them (mentions, titles' actors, vocabularies).

use std::collections::HashMap;

use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::content::model::{Library, Section, Text};
use crate::index::mentions::ActorMatcher;
use crate::index::passage::{self, Passage};
use crate::index::schema::{self, ANALYZER, Fields, Kind};
use crate::index::vocabulary::Vocabulary;
use crate::index::{IndexError, SearchIndex};

/// The writer's heap; tantivy's minimum is plenty for a library held in RAM.
const WRITER_HEAP_BYTES: usize = 30_000_000;

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
fn section_keywords(text: &Text, section: &Section) -> String {
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
