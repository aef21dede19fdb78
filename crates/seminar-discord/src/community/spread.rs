//! How members' own positions spread across a text, for moderators: counts only, no names, a
//! compact bar row per section (`§3 ███████░░░ 7`), or per range of sections in a long text, so
//! that it always fits one Text Display.

/// Cells in a bar.
const BAR: u64 = 10;
/// Rows at most, so that even a text of thousands of sections fits a reply entry (1024
/// characters); a text with members at more sections is grouped into ranges of sections.
pub const MAX_ROWS: u32 = 25;

/// The rows for `counts` (members per section, ascending) in a text of `last_section`
/// sections, with a line saying how they were grouped when they were; `None` when nobody set a
/// position.
pub fn bars(counts: &[(u32, u64)], last_section: u32) -> Option<String> {
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let mut rows: Vec<(String, u64)> = Vec::new();
    let mut note = String::new();
    if counts.len() <= MAX_ROWS as usize {
        rows.extend(counts.iter().map(|(s, n)| (format!("§{s}"), *n)));
    } else {
        let width = last_section.max(1).div_ceil(MAX_ROWS);
        for (section, count) in counts {
            let first = (section - 1) / width * width + 1;
            let label = format!("§{first}–§{}", (first + width - 1).min(last_section));
            match rows.last_mut() {
                Some((last, n)) if *last == label => *n += count,
                _ => rows.push((label, *count)),
            }
        }
        note = format!("\nSections are grouped {width} at a time to fit.");
    }
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let lines: Vec<String> = rows
        .iter()
        .map(|(label, n)| {
            let filled = (n * BAR).div_ceil(most) as usize;
            let empty = BAR as usize - filled;
            format!("{label} {}{} {n}", "█".repeat(filled), "░".repeat(empty))
        })
        .collect();
    let members = match total {
        1 => "1 member has".to_string(),
        n => format!("{n} members have"),
    };
    Some(format!(
        "{members} set their own position:\n{}{note}",
        lines.join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_section_with_members_gets_a_bar_scaled_to_the_largest() {
        assert_eq!(
            bars(&[(3, 7), (5, 10), (9, 1)], 28).unwrap(),
            "18 members have set their own position:\n\
             §3 ███████░░░ 7\n§5 ██████████ 10\n§9 █░░░░░░░░░ 1"
        );
    }

    #[test]
    fn nobody_with_a_position_shows_nothing() {
        assert_eq!(bars(&[], 28), None);
    }

    #[test]
    fn a_long_text_is_grouped_into_ranges_that_fit() {
        let counts: Vec<(u32, u64)> = (1..=600).map(|s| (s, u64::from(s % 3 + 1))).collect();
        let shown = bars(&counts, 600).unwrap();
        let rows = shown.lines().filter(|l| l.starts_with('§')).count();
        assert_eq!(rows, 25);
        assert!(shown.contains("§1–§24 "), "{shown}");
        assert!(shown.contains("§577–§600 "), "{shown}");
        assert!(shown.ends_with("Sections are grouped 24 at a time to fit."));
        assert!(shown.chars().count() <= 1024, "{}", shown.chars().count());
    }
}
