//! Building the index: passages and whole sections of every text as tantivy documents, with the
//! tables kept beside them (where each passage lies, which document holds which passage).

use std::collections::HashMap;
use std::ops::Range;

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::content::model::{Library, Section, Text};
use crate::index::aids::count_mentions;
use crate::index::kept::PerText;
use crate::index::mentions::ActorMatcher;
use crate::index::passage::{self, Passage};
use crate::index::schema::{self, ANALYZER, Fields, Kind};
use crate::index::vocabulary::{Vocabulary, WordCounts};
use crate::index::{IndexError, SearchIndex};

/// The writer's heap; tantivy's minimum is plenty for a library held in RAM.
const WRITER_HEAP_BYTES: usize = 30_000_000;

/// For each text, for each section (in order), where each passage ends (block indices).
pub type Breaks = Vec<Vec<Vec<u32>>>;

impl SearchIndex {
    /// Builds the index of every text in the library, in RAM.
    pub fn build(library: Library) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(ANALYZER, schema::english());
        let writer = index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;
        let layout = Layout::of(&library, &breaks_of(&library));
        write_documents(&library, &layout, &fields, &writer, 1)?;
        finish(writer)?;
        SearchIndex::assemble(library, index, fields, layout)
    }

    /// Serves an index built earlier for exactly this library, whose passages break at `breaks`.
    pub(crate) fn reopen(
        library: Library,
        breaks: &Breaks,
        index: Index,
    ) -> Result<SearchIndex, IndexError> {
        let (_, fields) = Fields::schema();
        index.tokenizers().register(ANALYZER, schema::english());
        let layout = Layout::of(&library, breaks);
        SearchIndex::assemble(library, index, fields, layout)
    }

    fn assemble(
        library: Library,
        index: Index,
        fields: Fields,
        layout: Layout,
    ) -> Result<SearchIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let doc_passages = doc_passage_table(&reader, &fields)?;
        Ok(SearchIndex {
            library,
            index,
            reader,
            fields,
            passages: layout.passages,
            by_section: layout.by_section,
            texts: layout.texts,
            doc_passages,
            aids: PerText::default(),
            vocabularies: PerText::default(),
        })
    }
}

/// Writes every document of `library` with `writer`, from `workers` threads, and commits.
pub(crate) fn write_all(
    library: &Library,
    breaks: &Breaks,
    writer: IndexWriter,
    workers: usize,
) -> Result<(), IndexError> {
    let (_, fields) = Fields::schema();
    let layout = Layout::of(library, breaks);
    write_documents(library, &layout, &fields, &writer, workers)?;
    finish(writer)
}

fn finish(mut writer: IndexWriter) -> Result<(), IndexError> {
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Where each passage of a library breaks, worked out from its sections' blocks.
pub(crate) fn breaks_of(library: &Library) -> Breaks {
    library
        .texts
        .iter()
        .map(|t| {
            t.sections
                .iter()
                .map(|s| passage::breaks(&s.blocks))
                .collect()
        })
        .collect()
}

/// Every passage of a library and where each section's and each text's passages lie.
struct Layout {
    passages: Vec<Passage>,
    by_section: HashMap<(usize, u32), Range<usize>>,
    texts: Vec<Range<usize>>,
}

impl Layout {
    fn of(library: &Library, breaks: &Breaks) -> Layout {
        let mut passages = Vec::new();
        let mut by_section = HashMap::new();
        let mut texts = Vec::with_capacity(library.texts.len());
        for (text_index, text) in library.texts.iter().enumerate() {
            let first = passages.len();
            for (i, section) in text.sections.iter().enumerate() {
                let start = passages.len();
                let mut from = 0;
                let ends = breaks
                    .get(text_index)
                    .and_then(|t| t.get(i))
                    .map_or(&[][..], Vec::as_slice);
                for (ordinal, &end) in ends.iter().enumerate() {
                    passages.push(Passage {
                        text: text_index,
                        section: section.number,
                        ordinal: u32::try_from(ordinal + 1).unwrap_or(u32::MAX),
                        blocks: from..end,
                    });
                    from = end;
                }
                by_section.insert((text_index, section.number), start..passages.len());
            }
            texts.push(first..passages.len());
        }
        Layout {
            passages,
            by_section,
            texts,
        }
    }
}

/// Writes the documents of every text, sharing the texts out among `workers` threads (tantivy's
/// writer takes documents from any thread; the order it stores them in does not change a score).
fn write_documents(
    library: &Library,
    layout: &Layout,
    fields: &Fields,
    writer: &IndexWriter,
    workers: usize,
) -> Result<(), IndexError> {
    let workers = workers.clamp(1, library.texts.len().max(1));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || -> Result<(), IndexError> {
                    for (text_index, text) in library.texts.iter().enumerate() {
                        if text_index % workers == worker {
                            write_text(text, text_index, layout, fields, writer)?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })
}

/// The documents of one text: each passage, and each section whole.
fn write_text(
    text: &Text,
    text_index: usize,
    layout: &Layout,
    fields: &Fields,
    writer: &IndexWriter,
) -> Result<(), IndexError> {
    let matcher = ActorMatcher::new(&text.actors);
    for section in &text.sections {
        let range = layout
            .by_section
            .get(&(text_index, section.number))
            .cloned()
            .unwrap_or(0..0);
        let keywords = section_keywords(text, section);
        let mut mentions = Vec::new();
        for id in range.clone() {
            let markdown = passage::compact(layout.passages[id].of(&section.blocks));
            let named = count_mentions(&matcher, &markdown);
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
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.passage, range.start as u64);
        doc.add_u64(fields.kind, Kind::Section as u64);
        doc.add_u64(fields.text, text_index as u64);
        doc.add_u64(fields.section, u64::from(section.number));
        doc.add_text(fields.body, section.plain_text());
        doc.add_text(fields.title, &section.title);
        doc.add_text(fields.keywords, &keywords);
        for named in &mentions {
            add_mentions(&mut doc, fields, named);
        }
        writer.add_document(doc)?;
    }
    Ok(())
}

/// One `actors` token per mention, so that an actor named often scores higher.
fn add_mentions(doc: &mut TantivyDocument, fields: &Fields, mentions: &[(String, u32)]) {
    for (actor, count) in mentions {
        for _ in 0..*count {
            doc.add_text(fields.actors, actor);
        }
    }
}

/// Reads, once, which passage each document of each segment holds, and whether it is a whole
/// section.
fn doc_passage_table(
    reader: &IndexReader,
    fields: &Fields,
) -> Result<Vec<Vec<(u32, bool)>>, IndexError> {
    let searcher = reader.searcher();
    let schema = searcher.schema();
    let mut table = Vec::new();
    for segment in searcher.segment_readers() {
        let passage = segment
            .fast_fields()
            .u64(schema.get_field_name(fields.passage))?;
        let kind = segment
            .fast_fields()
            .u64(schema.get_field_name(fields.kind))?;
        let docs = (0..segment.max_doc())
            .map(|doc| {
                let at = u32::try_from(passage.first(doc).unwrap_or(0)).unwrap_or(u32::MAX);
                (at, kind.first(doc) == Some(Kind::Section as u64))
            })
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
    let mut vocabulary = WordCounts::default();
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
    vocabulary.vocabulary()
}
