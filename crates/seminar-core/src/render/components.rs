//! A reply laid out as Discord's Components V2: a Container of Text Displays and Separators, each
//! search or find result a Section with its button beside it, paging as action rows below; cut to
//! fit 40 components and 4000 characters of text, at paragraph or sentence boundaries.

use serde_json::{Value, json};

use crate::engine::{Button, ButtonStyle, Reply};
use crate::markup::cut;
use crate::render::limits;

/// Component type: a row of buttons.
pub const ACTION_ROW: u64 = 1;
/// Component type: a button.
pub const BUTTON: u64 = 2;
/// Component type: a block of text beside an accessory (a button).
pub const SECTION: u64 = 9;
/// Component type: Markdown text.
pub const TEXT_DISPLAY: u64 = 10;
/// Component type: space, with or without a line, between blocks.
pub const SEPARATOR: u64 = 14;
/// Component type: a box around blocks, with an accent colour.
pub const CONTAINER: u64 = 17;

/// The accent colour of Seminar's containers.
pub const COLOR: u32 = 0x4F6D7A;
/// Markdown that starts the small grey line a footer is drawn as.
const FOOTER_MARK: &str = "-# ";
/// Markdown that starts the heading a title is drawn as.
const TITLE_MARK: &str = "### ";
/// The shortest a cut body or entry text gets before entries are dropped instead: a passage
/// shorter than this says nothing.
const MIN_SHARE: usize = 200;

/// The top-level components of a reply's message.
pub fn layout(reply: &Reply) -> Vec<Value> {
    let texts = Texts::fitted(reply);
    let mut top = Vec::new();
    if texts.is_plain() {
        top.push(text_display(&texts.body));
    } else {
        top.push(texts.container());
    }
    top.extend(action_rows(reply, &texts.accessory_ids()));
    top
}

/// Every component of a message, nested ones included, as Discord counts them.
pub fn count(components: &[Value]) -> usize {
    components
        .iter()
        .map(|c| {
            1 + c["components"].as_array().map_or(0, |inner| count(inner))
                + usize::from(c.get("accessory").is_some())
        })
        .sum()
}

/// The characters of every Text Display of a message, nested ones included.
pub fn text_chars(components: &[Value]) -> usize {
    components
        .iter()
        .map(|c| {
            let own = match c["type"].as_u64() {
                Some(TEXT_DISPLAY) => chars(c["content"].as_str().unwrap_or_default()),
                _ => 0,
            };
            own + c["components"]
                .as_array()
                .map_or(0, |inner| text_chars(inner))
        })
        .sum()
}

/// The texts of a message in reading order (title, body, note, entries, footer), for tests and
/// for finding a post again by its footer.
pub fn texts(components: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for c in components {
        if c["type"].as_u64() == Some(TEXT_DISPLAY)
            && let Some(text) = c["content"].as_str()
        {
            out.push(text.to_string());
        }
        if let Some(inner) = c["components"].as_array() {
            out.extend(texts(inner));
        }
    }
    out
}

/// The footer of a message Seminar sent: the small line its container ends with.
pub fn footer(components: &[Value]) -> Option<String> {
    let last = texts(components).pop()?;
    last.strip_prefix(FOOTER_MARK).map(str::to_string)
}

/// The title of a message Seminar sent: its container's heading.
pub fn title(components: &[Value]) -> Option<String> {
    let first = texts(components).into_iter().next()?;
    first.strip_prefix(TITLE_MARK).map(str::to_string)
}

/// A reply's texts, each cut to its own limit and all together to the message's.
struct Texts<'a> {
    title: Option<String>,
    body: String,
    note: Option<String>,
    entries: Vec<(String, Option<&'a Button>)>,
    footer: Option<String>,
}

impl<'a> Texts<'a> {
    fn fitted(reply: &'a Reply) -> Texts<'a> {
        let title = reply
            .title
            .as_deref()
            .map(|t| format!("{TITLE_MARK}{}", one_line(&cut(t, limits::TITLE))));
        let note = reply
            .note
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| cut(n, limits::NOTE));
        let footer = reply
            .footer
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .map(|f| format!("{FOOTER_MARK}{}", one_line(&cut(f, limits::FOOTER))));
        let mut entries: Vec<(String, String, Option<&Button>)> = reply
            .entries
            .iter()
            .filter(|e| !e.heading.trim().is_empty() || !e.text.trim().is_empty())
            .map(|e| {
                let heading = match e.heading.trim() {
                    "" => String::new(),
                    h => format!("**{}**\n", one_line(&cut(h, limits::ENTRY_HEADING))),
                };
                (heading, cut(&e.text, limits::ENTRY_TEXT), e.button.as_ref())
            })
            .collect();
        let mut body = reply.body.clone();
        let is_plain = title.is_none() && note.is_none() && footer.is_none() && entries.is_empty();
        if is_plain {
            let body = cut(non_empty(&body), limits::TEXT_TOTAL);
            return Texts {
                title,
                body,
                note,
                entries: Vec::new(),
                footer,
            };
        }
        // Components: the container, title, body, note, a separator before the entries, each
        // entry (a section with its text and button, or a text), a separator and the footer.
        let rows = row_components(reply);
        let fixed_components = 1
            + usize::from(title.is_some())
            + usize::from(!body.trim().is_empty())
            + usize::from(note.is_some())
            + 2 * usize::from(footer.is_some())
            + rows;
        let entry_components = |e: &(String, String, Option<&Button>)| match e.2 {
            Some(_) => 3,
            None => 1,
        };
        while !entries.is_empty()
            && fixed_components + 1 + entries.iter().map(entry_components).sum::<usize>()
                > limits::COMPONENTS
        {
            entries.pop();
        }
        // Text: what is fixed first, then the body and the entries' texts share the rest.
        let fixed_chars = title.as_deref().map_or(0, chars)
            + note.as_deref().map_or(0, chars)
            + footer.as_deref().map_or(0, chars);
        loop {
            let headings: usize = entries.iter().map(|e| chars(&e.0)).sum();
            let room = limits::TEXT_TOTAL.saturating_sub(fixed_chars + headings);
            let mut lengths: Vec<usize> = std::iter::once(chars(&body))
                .chain(entries.iter().map(|e| chars(&e.1)))
                .collect();
            if lengths.iter().sum::<usize>() <= room {
                break;
            }
            let share = fair_share(&lengths, room);
            if share < MIN_SHARE && !entries.is_empty() {
                entries.pop();
                continue;
            }
            for length in &mut lengths {
                *length = (*length).min(share);
            }
            let mut cut_body = cut(&body, lengths[0]);
            let cut_entries: Vec<_> = entries
                .iter()
                .zip(&lengths[1..])
                .map(|(e, &max)| (e.0.clone(), cut(&e.1, max), e.2))
                .collect();
            if cut_body.is_empty() && !body.is_empty() {
                cut_body = cut(&body, MIN_SHARE);
            }
            (body, entries) = (cut_body, cut_entries);
            break;
        }
        Texts {
            title,
            body,
            note,
            entries: entries
                .into_iter()
                .map(|(h, t, b)| (format!("{h}{t}").trim_end().to_string(), b))
                .collect(),
            footer,
        }
        .checked()
    }

    /// The texts as they are, if they fit; with the body cut further if rounding left them over.
    fn checked(mut self) -> Self {
        let total = |t: &Texts| {
            t.title.as_deref().map_or(0, chars)
                + chars(&t.body)
                + t.note.as_deref().map_or(0, chars)
                + t.entries.iter().map(|e| chars(&e.0)).sum::<usize>()
                + t.footer.as_deref().map_or(0, chars)
        };
        let over = total(&self).saturating_sub(limits::TEXT_TOTAL);
        if over > 0 {
            self.body = cut(&self.body, chars(&self.body).saturating_sub(over));
        }
        while total(&self) > limits::TEXT_TOTAL && self.entries.pop().is_some() {}
        self
    }

    fn is_plain(&self) -> bool {
        self.title.is_none()
            && self.note.is_none()
            && self.footer.is_none()
            && self.entries.is_empty()
    }

    fn accessory_ids(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter_map(|(_, b)| b.map(|b| custom_id(&b.custom_id)))
            .collect()
    }

    fn container(&self) -> Value {
        let mut inside = Vec::new();
        if let Some(title) = &self.title {
            inside.push(text_display(title));
        }
        if !self.body.trim().is_empty() {
            inside.push(text_display(&self.body));
        }
        if let Some(note) = &self.note {
            inside.push(text_display(note));
        }
        if !self.entries.is_empty() {
            inside.push(separator());
        }
        for (text, button) in &self.entries {
            inside.push(match button {
                Some(button) => json!({
                    "type": SECTION,
                    "components": [text_display(text)],
                    "accessory": button_json(button),
                }),
                None => text_display(text),
            });
        }
        if let Some(footer) = &self.footer {
            inside.push(separator());
            inside.push(text_display(footer));
        }
        json!({ "type": CONTAINER, "accent_color": COLOR, "components": inside })
    }
}

/// The largest length each of `lengths` may keep so that together they fit `room`: short ones
/// keep all they have, the long ones share what is left equally.
fn fair_share(lengths: &[usize], room: usize) -> usize {
    let mut sorted = lengths.to_vec();
    sorted.sort_unstable();
    let mut left = room;
    for (i, &length) in sorted.iter().enumerate() {
        let share = left / (sorted.len() - i);
        if length > share {
            return share;
        }
        left -= length;
    }
    room
}

/// How many components the action rows will take.
fn row_components(reply: &Reply) -> usize {
    reply
        .buttons
        .iter()
        .filter(|row| !row.is_empty())
        .take(limits::ACTION_ROWS)
        .map(|row| 1 + row.len().min(limits::BUTTONS_PER_ROW))
        .sum()
}

/// The reply's rows of buttons; a button whose id already sits beside an entry is left out, so
/// that no custom_id appears twice.
fn action_rows(reply: &Reply, taken: &[String]) -> Vec<Value> {
    reply
        .buttons
        .iter()
        .map(|row| {
            row.iter()
                .filter(|b| !taken.contains(&custom_id(&b.custom_id)))
                .take(limits::BUTTONS_PER_ROW)
                .map(button_json)
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .take(limits::ACTION_ROWS)
        .map(|buttons| json!({ "type": ACTION_ROW, "components": buttons }))
        .collect()
}

fn button_json(b: &Button) -> Value {
    json!({
        "type": BUTTON,
        "style": match b.style { ButtonStyle::Primary => 1, ButtonStyle::Secondary => 2 },
        "label": cut(&b.label, limits::BUTTON_LABEL),
        "custom_id": custom_id(&b.custom_id),
        "disabled": b.disabled,
    })
}

fn custom_id(id: &str) -> String {
    id.chars().take(limits::CUSTOM_ID).collect()
}

fn text_display(content: &str) -> Value {
    json!({ "type": TEXT_DISPLAY, "content": non_empty(content) })
}

fn separator() -> Value {
    json!({ "type": SEPARATOR, "divider": true, "spacing": 1 })
}

/// A heading or footer on one line: a line break would end its Markdown mark.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(text: &str) -> &str {
    if text.trim().is_empty() { "…" } else { text }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}
