//! The tantivy schema, held as typed fields, and the English analyzer every text field uses.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

/// The name the English analyzer is registered under.
pub const ANALYZER: &str = "seminar_en";

/// Every field of a passage document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Position of the passage in `SearchIndex::passages` (for a section document, its first passage).
    pub passage: Field,
    /// What the document is: a passage, or a whole section (see [`Kind`]).
    pub kind: Field,
    /// Index of the text in the library.
    pub text: Field,
    /// The section number, for filtering.
    pub section: Field,
    /// The passage's words.
    pub body: Field,
    /// The section title, repeated on each of its passages.
    pub title: Field,
    /// The curator's summary and keywords for the section, and its themes' names.
    pub keywords: Field,
    /// One token per mention of an actor (the actor id), whatever name the text used.
    pub actors: Field,
}

impl Fields {
    /// Builds the schema and its typed fields.
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            passage: builder.add_u64_field("passage", FAST),
            kind: builder.add_u64_field("kind", INDEXED | FAST),
            text: builder.add_u64_field("text", INDEXED | FAST),
            section: builder.add_u64_field("section", INDEXED | FAST),
            body: builder.add_text_field("body", text.clone()),
            title: builder.add_text_field("title", text.clone()),
            keywords: builder.add_text_field("keywords", text),
            actors: builder.add_text_field("actors", STRING),
        };
        (builder.build(), fields)
    }
}

/// The two kinds of document: passages are what search shows; whole sections let a section
/// match when the query's words are spread over several of its passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Passage = 0,
    Section = 1,
}

/// The analyzer for every text field: words, lowercased, accents folded, common words dropped,
/// stemmed. Built once; each caller gets a cheap clone (the stop-word list is shared).
pub fn english() -> TextAnalyzer {
    static ENGLISH: std::sync::OnceLock<TextAnalyzer> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(build_english).clone()
}

fn build_english() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match StopWordFilter::new(Language::English) {
        Some(stop) => builder
            .filter(stop)
            .filter(Stemmer::new(Language::English))
            .build(),
        None => builder.filter(Stemmer::new(Language::English)).build(),
    }
}

/// Runs the analyzer over `text`, returning (position, term) pairs.
pub fn analyze(text: &str) -> Vec<(usize, String)> {
    let mut analyzer = english();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}
