//! Trailing web boilerplate and end markers: "Part of the … series", "Comments", "Share", "THE END" and the like.

use std::sync::LazyLock;

use regex::RegexSet;

use super::clean::Line;

/// Lines that web pages put after an article, never part of the text itself.
///
/// Matched case-insensitively against a whole cleaned line, so a sentence that merely mentions
/// comments or sharing is never taken.
static BOILERPLATE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^part of the .{1,200} series\W*$",
        r"(?i)^(you (may|might) also like|you may have missed|read (more|next|also)|see also|more from)\b.*$",
        r"(?i)^(related|popular|recent|more|latest|featured|trending) (posts?|articles?|stories|reads)\b.*$",
        r"(?i)^(\d+|no|one|two|three) comments?\W*$",
        r"(?i)^comments?( \(\d+\))?\W*$",
        r"(?i)^(post|leave|add|write) a (comment|reply)\W*$",
        r"(?i)^(leave a reply|cancel reply|reply|delete|report abuse)\W*$",
        r"(?i)^share( this( post| article| story)?)?( on [\w ]+)?\W*$",
        r"(?i)^share to [\w ]+$",
        r"(?i)^(email this|blogthis!?|pin it|tweet|print|like this:?|loading\.*)$",
        r"(?i)^(labels?|tags?|categories|category|filed under|posted in)\s*:.*$",
        r"(?i)^posted by\b.*$",
        r"(?i)^((newer|older|previous|next) (post|article|entry|page)\W*\s*)+(home)?$",
        r"(?i)^home$",
        r"(?i)^subscribe( to)?\b.*$",
        r"(?i)^(sign (in|up)|log ?in|follow us|follow me)\b.*$",
        r"(?i)^(powered by|theme (images )?by)\b.*$",
        r"(?i)^(©|\(c\)|copyright\b).*$",
        r"(?i)^all rights reserved\W*$",
        r"(?i)^(https?://|www\.)\S+$",
        r"(?i)^about the author\W*$",
    ])
    .unwrap_or_else(|e| unreachable!("boilerplate patterns are valid: {e}"))
});

/// Words a text may end with that only mark the end: `THE END`, `F  I  N  I  S.`.
static END_MARKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(the end|finis|end)\W*$")
        .unwrap_or_else(|e| unreachable!("the end-marker pattern is valid: {e}"))
});

/// How many unrecognised short lines (titles of linked posts, say) may sit inside the boilerplate.
const MAX_UNKNOWN_LINES: usize = 6;

/// What was cut from the end of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stripped {
    /// The web boilerplate lines removed, in text order.
    pub boilerplate: Vec<String>,
    /// The end marker removed (`FINIS.`), if any.
    pub end_marker: Option<String>,
}

/// Removes trailing boilerplate from `lines`, walking back from the end.
///
/// Recognised lines are cut; a few short unrecognised lines between them (the titles of linked
/// posts) are cut too, but only when a recognised line sits above them.
pub(crate) fn strip_trailing(lines: &mut Vec<Line>) -> Stripped {
    let mut stripped = Stripped::default();
    let mut cut = lines.len();
    let mut unknown = 0;
    for (i, line) in lines.iter().enumerate().rev() {
        if line.is_blank() {
            continue;
        }
        if BOILERPLATE.is_match(&line.text) {
            cut = i;
            unknown = 0;
        } else if cut == lines.len() && stripped.end_marker.is_none() && is_end_marker(&line.text) {
            stripped.end_marker = Some(line.text.clone());
            cut = i;
        } else if looks_like_link_title(&line.text) && unknown < MAX_UNKNOWN_LINES {
            unknown += 1;
        } else {
            break;
        }
    }
    stripped.boilerplate = lines[cut..]
        .iter()
        .filter(|l| !l.is_blank() && Some(&l.text) != stripped.end_marker.as_ref())
        .map(|l| l.text.clone())
        .collect();
    lines.truncate(cut);
    while lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    stripped
}

/// `FINIS`, `THE END`, also spelled with spaced letters (`F  I  N  I  S.`).
fn is_end_marker(text: &str) -> bool {
    let squeezed: String = if text.split(' ').all(|w| w.chars().count() <= 2) {
        text.chars().filter(|c| *c != ' ').collect()
    } else {
        text.to_string()
    };
    END_MARKER.is_match(&squeezed)
}

/// A short line that does not end a sentence: how linked posts' titles look.
fn looks_like_link_title(text: &str) -> bool {
    text.split_whitespace().count() <= 16 && !text.ends_with(['.', ',', ';', ':', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::import::clean::lines;

    fn strip(raw: &str) -> (Vec<String>, Stripped) {
        let mut l = lines(raw);
        let s = strip_trailing(&mut l);
        (l.into_iter().map(|l| l.text).collect(), s)
    }

    #[test]
    fn blog_footer_is_cut_up_to_the_first_recognised_line() {
        let (kept, s) = strip(
            "Text ends here.\nYou may also like:\nSome Other Post\n3 Comments\nPost a Comment\nNewer Post Older Post Home",
        );
        assert_eq!(kept, ["Text ends here."]);
        assert_eq!(s.boilerplate.len(), 5);
    }

    #[test]
    fn a_text_without_footer_is_untouched() {
        let (kept, s) = strip("One.\nTwo share a home");
        assert_eq!(kept, ["One.", "Two share a home"]);
        assert_eq!(s, Stripped::default());
    }

    #[test]
    fn spaced_finis_is_an_end_marker() {
        let (kept, s) = strip("Last words.\n\nF  I  N  I  S.");
        assert_eq!(kept, ["Last words."]);
        assert_eq!(s.end_marker.as_deref(), Some("F I N I S."));
    }
}
