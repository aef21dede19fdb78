//! Building the index: passages and whole sections of every text as tantivy documents, with the
//! tables kept beside them (mentions, titles' actors, vocabularies).

use std::collections::HashMap;

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::content::model::{Library, Section, Text};
use crate::index::aids::{Cast, count_mentions};
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
        let tables = Tables::of(library, &fields, Some(&mut writer))?;
        writer.commit()?;
        SearchIndex::assemble(index, fields, tables)
    }

    /// Serves an index built earlier for exactly this library (see [`crate::index::stored`]):
    /// the tables beside it are worked out again, the documents are not.
    pub(crate) fn reopen(library: &Library, index: Index) -> Result<SearchIndex, IndexError> {
        let (_, fields) = Fields::schema();
        index.tokenizers().register(ANALYZER, schema::english());
        let tables = Tables::of(library, &fields, None)?;
        SearchIndex::assemble(index, fields, tables)
    }

    /// Writes every document of `library` with `writer` and serves the result once committed.
    pub(crate) fn write_all(
        library: &Library,
        index: Index,
        mut writer: IndexWriter,
    ) -> Result<SearchIndex, IndexError> {
        let (_, fields) = Fields::schema();
        let tables = Tables::of(library, &fields, Some(&mut writer))?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        SearchIndex::assemble(index, fields, tables)
    }

    fn assemble(index: Index, fields: Fields, tables: Tables) -> Result<SearchIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let doc_passages = doc_passage_table(&reader, &fields)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            passages: tables.passages,
            by_section: tables.by_section,
            casts: tables.casts,
            doc_passages,
            vocabularies: tables.vocabularies,
        })
    }
}

/// What the index keeps beside tantivy's documents, all worked out from the library.
struct Tables {
    passages: Vec<Passage>,
    by_section: HashMap<(usize, u32), std::ops::Range<usize>>,
    casts: Vec<Cast>,
    vocabularies: Vec<std::sync::OnceLock<Vocabulary>>,
}

impl Tables {
    /// The tables of `library`; with a writer, every document is written as well (and the actors'
    /// mentions, which the documents need, are kept rather than worked out again on first use).
    fn of(
        library: &Library,
        fields: &Fields,
        mut writer: Option<&mut IndexWriter>,
    ) -> Result<Tables, IndexError> {
        let mut passages: Vec<Passage> = Vec::new();
        let mut by_section = HashMap::new();
        let mut casts = Vec::new();
        for (text_index, text) in library.texts.iter().enumerate() {
            let first = passages.len();
            let matcher = writer.as_ref().map(|_| Cast::matcher_of(text));
            let mut mentions = Vec::new();
            for section in &text.sections {
                let start = passages.len();
                let keywords = writer
                    .as_ref()
                    .map(|_| section_keywords(text, section))
                    .unwrap_or_default();
                for (ordinal, blocks) in passage::chunk(section).into_iter().enumerate() {
                    let markdown = passage::compact(&blocks);
                    let id = passages.len();
                    if let (Some(writer), Some(matcher)) = (writer.as_deref_mut(), &matcher) {
                        let named = count_mentions(matcher, &markdown);
                        let mut doc = TantivyDocument::default();
                        doc.add_u64(fields.passage, id as u64);
                        doc.add_u64(fields.kind, Kind::Passage as u64);
                        doc.add_u64(fields.text, text_index as u64);
                        doc.add_u64(fields.section, u64::from(section.number));
                        doc.add_text(fields.body, &markdown);
                        doc.add_text(fields.title, &section.title);
                        doc.add_text(fields.keywords, &keywords);
                        add_mentions(&mut doc, fields, &named);
                        writer.add_document(doc)?;
                        mentions.push(named);
                    }
                    passages.push(Passage {
                        text: text_index,
                        section: section.number,
                        ordinal: u32::try_from(ordinal + 1).unwrap_or(u32::MAX),
                        markdown,
                    });
                }
                if let Some(writer) = writer.as_deref_mut() {
                    let mut doc = TantivyDocument::default();
                    doc.add_u64(fields.passage, start as u64);
                    doc.add_u64(fields.kind, Kind::Section as u64);
                    doc.add_u64(fields.text, text_index as u64);
                    doc.add_u64(fields.section, u64::from(section.number));
                    doc.add_text(fields.body, section.plain_text());
                    doc.add_text(fields.title, &section.title);
                    doc.add_text(fields.keywords, &keywords);
                    for named in &mentions[start - first..] {
                        add_mentions(&mut doc, fields, named);
                    }
                    writer.add_document(doc)?;
                }
                by_section.insert((text_index, section.number), start..passages.len());
            }
            let cast = Cast::new(text, first..passages.len());
            if let Some(matcher) = matcher {
                cast.settle(matcher, &mentions);
            }
            casts.push(cast);
        }
        Ok(Tables {
            passages,
            by_section,
            casts,
            vocabularies: library
                .texts
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        })
    }
}

/// One `actors` token per mention, so that an actor named often scores higher.
fn add_mentions(doc: &mut TantivyDocument, fields: &Fields, mentions: &[(String, u32)]) {
    for (actor, count) in mentions {
        for _ in 0..*count {
            doc.add_text(fields.actors, actor);
        }
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

/// What the keywords field holds for a section: the curator's summary and keywords, and its themes.
fn section_keywords(text: &Text, section: &Section) -> String {
    let mut parts = vec![section.summary.clone()];
    parts.extend(section.keywords.iter().cloned());
    for theme in section.themes.iter().filter_map(|id| text.theme(id)) {
        parts.push(theme.name.clone());
    }
    parts.join(" ; ")
}

/// The words a text uses (worked out on first use: only "did you mean" needs them).
pub(crate) fn vocabulary_of(text: &Text) -> Vocabulary {
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
