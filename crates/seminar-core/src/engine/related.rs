//! Related sections: the curator's list where there is one, else the sections the index finds
//! closest to a section's title, summary, keywords and opening.

use std::collections::HashMap;

use crate::content::model::{Library, Section};
use crate::index::{Filter, IndexError, SearchIndex};

/// How many related sections are computed when the curator named none.
const COMPUTED: usize = 3;
/// How much of a section's opening joins its "more like this" query.
const OPENING_CHARS: usize = 400;

/// Related sections of every section of a text, indexed by section number (index 0 unused).
pub fn all(
    library: &Library,
    index: &SearchIndex,
    text: usize,
) -> Result<Vec<Vec<u32>>, IndexError> {
    let Some(t) = library.texts.get(text) else {
        return Ok(Vec::new());
    };
    let mut related = vec![Vec::new(); t.last_section() as usize + 1];
    for section in &t.sections {
        related[section.number as usize] = if section.related.is_empty() {
            computed(index, text, section)?
        } else {
            section.related.clone()
        };
    }
    Ok(related)
}

/// Related sections of one section of a text, most related first.
pub fn of(index: &SearchIndex, text: usize, section: &Section) -> Result<Vec<u32>, IndexError> {
    if section.related.is_empty() {
        computed(index, text, section)
    } else {
        Ok(section.related.clone())
    }
}

fn computed(index: &SearchIndex, text: usize, section: &Section) -> Result<Vec<u32>, IndexError> {
    let opening: String = section.plain_text().chars().take(OPENING_CHARS).collect();
    let probe = format!(
        "{} {} {} {}",
        section.title,
        section.summary,
        section.keywords.join(" "),
        opening
    );
    let query = index.parse(text, &probe);
    let hits = index.search(&query, &Filter::text(text), 60)?;
    let mut best: HashMap<u32, f32> = HashMap::new();
    for hit in hits {
        let number = index.passages()[hit.passage].section;
        if number != section.number {
            let score = best.entry(number).or_insert(0.0);
            *score = score.max(hit.score);
        }
    }
    let mut ranked: Vec<(u32, f32)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ranked.into_iter().take(COMPUTED).map(|(n, _)| n).collect())
}
