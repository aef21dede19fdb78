//! Encoding clean-up: BOM, line endings, odd whitespace and control characters, one cleaned line per raw line.

/// One line of the raw text after clean-up, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the raw text (after CRLF/CR are read as one line end).
    pub no: usize,
    /// The line trimmed, with every run of whitespace collapsed to one space; empty for a blank line.
    pub text: String,
    /// Whether the raw line had a gap of three or more spaces (or a tab) between words: table rows do.
    pub wide_gaps: bool,
}

impl Line {
    /// Whether the line holds no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits `raw` into cleaned lines: any line ending (CRLF, LF, lone CR, Unicode separators), no BOM.
pub(crate) fn lines(raw: &str) -> Vec<Line> {
    let mut out = Vec::new();
    // Lines are cleaned straight from slices of `raw`: no copy of a line is built on the way.
    let mut start = 0;
    let mut chars = raw.char_indices().peekable();
    let mut no = 1;
    while let Some((i, c)) = chars.next() {
        if !matches!(
            c,
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}'
        ) {
            continue;
        }
        out.push(clean_line(no, &raw[start..i]));
        no += 1;
        start = i + c.len_utf8();
        if c == '\r'
            && let Some(&(j, '\n')) = chars.peek()
        {
            chars.next();
            start = j + 1;
        }
    }
    if start < raw.len() {
        out.push(clean_line(no, &raw[start..]));
    }
    out
}

/// Cleans one raw line: odd spaces become spaces, invisible characters go, whitespace collapses.
fn clean_line(no: usize, raw: &str) -> Line {
    let mut text = String::with_capacity(raw.len());
    let mut run = 0usize;
    let mut wide_gaps = false;
    for c in raw.chars() {
        if is_invisible(c) {
            continue;
        }
        if c == '\t' || c.is_whitespace() {
            // A tab counts as a wide gap on its own: it is how tables are laid out.
            run += if c == '\t' { 3 } else { 1 };
            continue;
        }
        if c.is_control() {
            continue;
        }
        if run > 0 && !text.is_empty() {
            wide_gaps |= run >= 3;
            text.push(' ');
        }
        run = 0;
        text.push(c);
    }
    Line {
        no,
        text,
        wide_gaps,
    }
}

/// Characters that take no room and only get in the way of matching: BOMs, zero-width spaces, soft hyphens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' | '\u{fffe}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        lines(raw).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn every_line_ending_is_one_line_end() {
        assert_eq!(texts("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\r\n\r\nb")[2].no, 3);
    }

    #[test]
    fn bom_tabs_and_odd_spaces_are_normalized() {
        assert_eq!(
            texts("\u{feff}One\u{a0}two\t three  \u{200b}"),
            ["One two three"]
        );
        assert!(lines("Ships.   Guns.")[0].wide_gaps);
        assert!(!lines("Ships. Guns.")[0].wide_gaps);
    }
}
