//! When a reading plan posts: `every`, `at` and `timezone` parsed from what a moderator types, and
//! the instant of each occurrence.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{self, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// The longest gap between two posts, in days.
const MAX_EVERY_DAYS: u32 = 365;

/// Why a moderator's `every`, `at` or `timezone` (or a stored timetable) was refused. The
/// messages are shown to Discord users verbatim.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ScheduleError {
    /// `every` was not a number of days or weeks.
    #[error("`every` takes a number of days or weeks, like `1d`, `2d` or `1w`; got {}.", shown(.input))]
    BadEvery { input: String },
    /// `every` was zero days or weeks.
    #[error("`every:0d` would post constantly; use at least `1d`.")]
    ZeroEvery,
    /// `every` was longer than a year.
    #[error("`every` can be at most a year (`365d` or `52w`); got {}.", shown(.input))]
    EveryTooLong { input: String },
    /// `at` was not a time of day.
    #[error("{} is not a time of day; use 24-hour `19:00` or `7pm`.", shown(.input))]
    BadTime { input: String },
    /// `timezone` was not in the tz database; `suggestion` is the closest name, if any is close.
    #[error(
        "{} is not a time zone I know.{} Use an IANA name like `Europe/Paris` or `America/New_York`.",
        shown(.input),
        did_you_mean(.suggestion)
    )]
    UnknownZone {
        input: String,
        suggestion: Option<String>,
    },
    /// A stored start date was not `YYYY-MM-DD`.
    #[error("{} is not a date; use `YYYY-MM-DD`, like `2026-03-29`.", shown(.input))]
    BadStart { input: String },
}

/// User input as inline code: without backticks or control characters (which would break out of
/// the code span) and cut to 50 characters.
fn shown(input: &str) -> String {
    let clean: Vec<char> = input
        .trim()
        .chars()
        .filter(|c| *c != '`' && !c.is_control())
        .collect();
    if clean.is_empty() {
        return "nothing".to_owned();
    }
    let cut: String = clean.iter().take(50).collect();
    let more = if clean.len() > 50 { "…" } else { "" };
    format!("`{cut}{more}`")
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_deref()
        .map_or_else(String::new, |s| format!(" Did you mean `{s}`?"))
}

/// How often a plan posts, in whole days (a week is 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Every {
    days: u32,
}

impl Every {
    /// Reads `1d`, `2 days`, `1w`, `2 weeks`, `daily`, `weekly`, `day` or `week`.
    pub fn parse(input: &str) -> Result<Every, ScheduleError> {
        let bad = || ScheduleError::BadEvery {
            input: input.to_owned(),
        };
        let squeezed: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        // "every 2 days" reads naturally after the option name, so the word is tolerated.
        let text = squeezed.strip_prefix("every").unwrap_or(&squeezed);
        let digits_end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (digits, unit) = text.split_at(digits_end);
        let per_unit: u64 = match (digits.is_empty(), unit) {
            (true, "day" | "daily") => return Ok(Every { days: 1 }),
            (true, "week" | "weekly") => return Ok(Every { days: 7 }),
            (false, "d" | "day" | "days") => 1,
            (false, "w" | "wk" | "wks" | "week" | "weeks") => 7,
            _ => return Err(bad()),
        };
        // All ASCII digits, so a parse failure can only be overflow: far more than a year.
        let days = digits
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(per_unit));
        match days {
            Some(0) => Err(ScheduleError::ZeroEvery),
            Some(d) if d <= u64::from(MAX_EVERY_DAYS) => Ok(Every { days: d as u32 }),
            _ => Err(ScheduleError::EveryTooLong {
                input: input.to_owned(),
            }),
        }
    }

    /// The number of days between two posts.
    pub fn days(self) -> u32 {
        self.days
    }

    /// `None` for 0 or more than 365 days.
    pub fn from_days(days: u32) -> Option<Every> {
        (1..=MAX_EVERY_DAYS)
            .contains(&days)
            .then_some(Every { days })
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.days, self.days % 7) {
            (1, _) => f.write_str("every day"),
            (7, _) => f.write_str("every week"),
            (d, 0) => write!(f, "every {} weeks", d / 7),
            (d, _) => write!(f, "every {d} days"),
        }
    }
}

/// The local time of day a plan posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At {
    hour: u8,
    minute: u8,
}

impl At {
    /// Reads `19:00`, `7:05`, `1900`, `19h30`, `7pm`, `7 pm`, `7:30pm`, `12am` (midnight).
    pub fn parse(input: &str) -> Result<At, ScheduleError> {
        let bad = || ScheduleError::BadTime {
            input: input.to_owned(),
        };
        let text: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect::<String>()
            .to_lowercase();
        let (clock, pm) = match (text.strip_suffix("am"), text.strip_suffix("pm")) {
            (Some(c), _) => (c, Some(false)),
            (_, Some(c)) => (c, Some(true)),
            _ => (text.as_str(), None),
        };
        let (hour, minute) = match clock.split_once([':', 'h']) {
            Some((h, "")) if pm.is_none() => (h, "00"),
            Some((h, m)) => (h, m),
            None if pm.is_some() => (clock, "00"),
            // A bare "7" could be morning or evening, so 24-hour times need their minutes.
            None if clock.len() == 4 => clock.split_at_checked(2).ok_or_else(bad)?,
            None => return Err(bad()),
        };
        let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
            let ok = len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| s.parse::<u8>().ok()).flatten()
        };
        let (Some(hour), Some(minute)) = (number(hour, 1..=2), number(minute, 2..=2)) else {
            return Err(bad());
        };
        if minute > 59 {
            return Err(bad());
        }
        let hour = match pm {
            None if hour <= 23 => hour,
            Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
            _ => return Err(bad()),
        };
        Ok(At { hour, minute })
    }

    /// 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }

    fn time(self) -> Time {
        // Fields are validated on construction; the fallback is unreachable.
        Time::new(self.hour as i8, self.minute as i8, 0, 0).unwrap_or(Time::midnight())
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// An IANA time zone by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// Reads an IANA name, ignoring case and with spaces for underscores (`america/new york`).
    pub fn parse(input: &str) -> Result<Zone, ScheduleError> {
        let wanted = input.split_whitespace().collect::<Vec<_>>().join("_");
        // `iana_name` is `None` for `Etc/Unknown`, which jiff accepts but is no place on Earth.
        let found = tz::db().get(&wanted).ok().and_then(|tz| {
            let name = tz.iana_name()?.to_owned();
            Some(Zone { name, tz })
        });
        found.ok_or_else(|| ScheduleError::UnknownZone {
            input: input.to_owned(),
            suggestion: closest_zone(&wanted),
        })
    }

    /// The canonical spelling from the tz database, like `America/New_York`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The available zone most like `wanted`, if any is close enough to be worth suggesting. Cities are
/// compared on their own so that `New York` finds `America/New_York`, but a bare `Europe` is not
/// taken for the start of `Europe/Kiev`.
fn closest_zone(wanted: &str) -> Option<String> {
    let wanted = wanted.to_lowercase();
    let city = |name: &str| name.rsplit('/').next().unwrap_or_default().to_owned();
    let wanted_city = city(&wanted);
    // `Etc/GMT+2` is two hours *behind* UTC, and `GMT` would drop the offset: whoever typed `UTC+2`
    // is better served by the generic advice than by either.
    let offset_like =
        |c: &str| (c.starts_with("gmt") || c.starts_with("utc")) && c.contains(['+', '-']);
    if wanted.is_empty() || offset_like(&wanted_city) {
        return None;
    }
    let mut best: Option<(f64, String)> = None;
    for name in tz::db().available() {
        let name = name.as_str();
        let lower = name.to_lowercase();
        if offset_like(&city(&lower)) {
            continue;
        }
        let city_score = strsim::jaro_winkler(&wanted_city, &city(&lower));
        let score = if wanted.contains('/') || !lower.contains('/') {
            city_score.max(strsim::jaro_winkler(&wanted, &lower))
        } else {
            city_score
        };
        if best.as_ref().is_none_or(|(top, _)| score > *top) {
            best = Some((score, name.to_owned()));
        }
    }
    // Below about 0.9 Jaro-Winkler pairs unrelated names (`abc` and `Asia/Aden`).
    best.filter(|(score, _)| *score >= 0.9)
        .map(|(_, name)| name)
}

/// A plan's timetable: occurrence 0 on `start` at `at` in `zone`, then every `every`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    start: Date,
    every: Every,
    at: At,
    zone: Zone,
}

impl Schedule {
    /// The timetable whose occurrence 0 is the first `at` (in `zone`) strictly after `now`.
    pub fn first_after(now: Timestamp, every: Every, at: At, zone: Zone) -> Schedule {
        let today = zone.tz.to_datetime(now).date();
        let mut schedule = Schedule {
            start: today,
            every,
            at,
            zone,
        };
        // One step suffices except around odd zone transitions; the bound keeps this finite at
        // the end of time, where `due` saturates.
        for _ in 0..3 {
            if schedule.due(0) > now {
                break;
            }
            match schedule.start.tomorrow() {
                Ok(next) => schedule.start = next,
                Err(_) => break,
            }
        }
        schedule
    }

    /// A stored plan's timetable.
    pub fn of(plan: &seminar_store::Plan) -> Result<Schedule, ScheduleError> {
        Schedule::from_parts(
            &plan.start_date,
            plan.every_days,
            &plan.at_time,
            &plan.timezone,
        )
    }

    /// Rebuilds a stored timetable: start as `YYYY-MM-DD`, days, `HH:MM`, zone name.
    pub fn from_parts(
        start: &str,
        every_days: u32,
        at: &str,
        zone: &str,
    ) -> Result<Schedule, ScheduleError> {
        let start = start
            .trim()
            .parse::<Date>()
            .map_err(|_| ScheduleError::BadStart {
                input: start.to_owned(),
            })?;
        let every = Every::from_days(every_days).ok_or_else(|| match every_days {
            0 => ScheduleError::ZeroEvery,
            d => ScheduleError::EveryTooLong {
                input: format!("{d}d"),
            },
        })?;
        Ok(Schedule {
            start,
            every,
            at: At::parse(at)?,
            zone: Zone::parse(zone)?,
        })
    }

    /// The date of occurrence 0.
    pub fn start(&self) -> Date {
        self.start
    }

    /// How often it posts.
    pub fn every(&self) -> Every {
        self.every
    }

    /// The local time of day it posts.
    pub fn at(&self) -> At {
        self.at
    }

    /// The zone `at` is read in.
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// When occurrence `n` is due: `start + n * every` days at `at` in `zone`. A local time
    /// skipped by a DST change resolves forward and a repeated one to the earlier instant (jiff's
    /// `compatible`). Saturates at [`Timestamp::MAX`] past the year 9999.
    pub fn due(&self, occurrence: u64) -> Timestamp {
        let days = occurrence.saturating_mul(u64::from(self.every.days));
        let date = i64::try_from(days)
            .ok()
            .and_then(|d| d.checked_mul(86_400))
            .and_then(|secs| self.start.checked_add(SignedDuration::from_secs(secs)).ok());
        let Some(date) = date else {
            return Timestamp::MAX;
        };
        let local = DateTime::from_parts(date, self.at.time());
        self.zone
            .tz
            .to_ambiguous_timestamp(local)
            .compatible()
            .unwrap_or(Timestamp::MAX)
    }

    /// The last occurrence due at or before `now`, if any.
    pub fn last_due(&self, now: Timestamp) -> Option<u64> {
        self.next_after(now).checked_sub(1)
    }

    /// The first occurrence due strictly after `now`. (At the very end of time, where `due`
    /// saturates, the answer is only approximate.)
    pub fn next_after(&self, now: Timestamp) -> u64 {
        let today = self.zone.tz.to_datetime(now).date();
        let elapsed_days = self.start.duration_until(today).as_secs() / 86_400;
        // Occurrence `n` falls on the local date `start + n * every`, so the estimate is off by at
        // most one or two where a DST change moves an instant across local midnight.
        let mut n = u64::try_from(elapsed_days).unwrap_or(0) / u64::from(self.every.days);
        for _ in 0..4 {
            if self.due(n) > now {
                break;
            }
            n = n.saturating_add(1);
        }
        for _ in 0..4 {
            if n == 0 || self.due(n - 1) <= now {
                break;
            }
            n -= 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("test timestamp")
    }

    fn every(s: &str) -> Result<u32, ScheduleError> {
        Every::parse(s).map(Every::days)
    }

    fn at(s: &str) -> Result<String, ScheduleError> {
        At::parse(s).map(|a| a.to_string())
    }

    fn plan(start: &str, days: u32, at: &str, zone: &str) -> Schedule {
        Schedule::from_parts(start, days, at, zone).expect("test schedule")
    }

    fn zone(s: &str) -> Zone {
        Zone::parse(s).expect("test zone")
    }

    #[test]
    fn every_reads_days_and_weeks_in_any_spelling() {
        for (input, days) in [
            ("1d", 1),
            ("2d", 2),
            ("1w", 7),
            ("2w", 14),
            ("3 days", 3),
            ("1 week", 7),
            ("daily", 1),
            ("weekly", 7),
            ("day", 1),
            ("week", 7),
            (" 2 D ", 2),
            ("Weekly", 7),
            ("every 2 days", 2),
            ("365d", 365),
            ("52w", 364),
        ] {
            assert_eq!(every(input), Ok(days), "{input}");
        }
    }

    #[test]
    fn every_refuses_what_is_not_a_period() {
        for input in [
            "fortnightly",
            "",
            "2",
            "d",
            "2x",
            "-1d",
            "1.5d",
            "2d3",
            "days2",
        ] {
            assert_eq!(
                every(input),
                Err(ScheduleError::BadEvery {
                    input: input.into()
                }),
                "{input}"
            );
        }
    }

    #[test]
    fn every_refuses_zero() {
        assert_eq!(every("0d"), Err(ScheduleError::ZeroEvery));
        assert_eq!(every("0w"), Err(ScheduleError::ZeroEvery));
    }

    #[test]
    fn every_refuses_more_than_a_year_even_absurdly_more() {
        for input in ["366d", "53w", "99999999999999999999999d"] {
            let want = ScheduleError::EveryTooLong {
                input: input.into(),
            };
            assert_eq!(every(input), Err(want), "{input}");
        }
    }

    #[test]
    fn every_from_days_bounds() {
        assert_eq!(Every::from_days(0), None);
        assert_eq!(Every::from_days(366), None);
        assert_eq!(Every::from_days(365).map(Every::days), Some(365));
    }

    #[test]
    fn every_displays_weeks_when_whole() {
        let show = |d| Every::from_days(d).expect("valid").to_string();
        assert_eq!(show(1), "every day");
        assert_eq!(show(2), "every 2 days");
        assert_eq!(show(7), "every week");
        assert_eq!(show(14), "every 2 weeks");
        assert_eq!(show(10), "every 10 days");
    }

    #[test]
    fn at_reads_24_hour_and_12_hour_forms() {
        for (input, want) in [
            ("19:00", "19:00"),
            ("7:05", "07:05"),
            ("07:30", "07:30"),
            ("1900", "19:00"),
            ("0:00", "00:00"),
            ("23:59", "23:59"),
            ("19h30", "19:30"),
            ("7pm", "19:00"),
            ("7 pm", "19:00"),
            ("7:30pm", "19:30"),
            ("7:30 PM", "19:30"),
            ("7am", "07:00"),
            ("7 a.m.", "07:00"),
            ("12am", "00:00"),
            ("12:15am", "00:15"),
            ("12pm", "12:00"),
        ] {
            assert_eq!(at(input), Ok(want.to_owned()), "{input}");
        }
    }

    #[test]
    fn at_refuses_what_is_not_a_time_of_day() {
        for input in [
            "24:00", "25:00", "19:60", "abc", "", "7", "19", "0pm", "13pm", "7:5", "2400", "1:2:3",
        ] {
            assert_eq!(
                at(input),
                Err(ScheduleError::BadTime {
                    input: input.into()
                }),
                "{input}"
            );
        }
    }

    #[test]
    fn at_exposes_hour_and_minute() {
        let a = At::parse("7:05pm").expect("valid");
        assert_eq!((a.hour(), a.minute()), (19, 5));
    }

    #[test]
    fn zone_keeps_the_canonical_name_whatever_the_case() {
        assert_eq!(zone("Europe/Paris").name(), "Europe/Paris");
        assert_eq!(zone("  europe/paris ").name(), "Europe/Paris");
        assert_eq!(zone("America/New York").name(), "America/New_York");
        assert_eq!(zone("UTC").name(), "UTC");
        assert_eq!(zone("utc").name(), "UTC");
        assert_eq!(zone("Etc/UTC").name(), "Etc/UTC");
    }

    #[test]
    fn zone_suggests_a_close_name() {
        for (input, suggestion) in [
            ("Europe/Pariss", "Europe/Paris"),
            ("New York", "America/New_York"),
            ("Paris", "Europe/Paris"),
        ] {
            let want = ScheduleError::UnknownZone {
                input: input.into(),
                suggestion: Some(suggestion.into()),
            };
            assert_eq!(Zone::parse(input), Err(want), "{input}");
        }
    }

    #[test]
    fn zone_suggests_nothing_for_nonsense_or_unknown() {
        for input in [
            "abc",
            "",
            "Etc/Unknown",
            "Mars/Olympus_Mons_Base",
            "Europe",
            "UTC+2",
        ] {
            let want = ScheduleError::UnknownZone {
                input: input.into(),
                suggestion: None,
            };
            assert_eq!(Zone::parse(input), Err(want), "{input}");
        }
    }

    #[test]
    fn error_texts_are_exact() {
        let text = |e: ScheduleError| e.to_string();
        assert_eq!(
            text(ScheduleError::BadEvery {
                input: "fortnightly".into()
            }),
            "`every` takes a number of days or weeks, like `1d`, `2d` or `1w`; got `fortnightly`."
        );
        assert_eq!(
            text(ScheduleError::ZeroEvery),
            "`every:0d` would post constantly; use at least `1d`."
        );
        assert_eq!(
            text(ScheduleError::EveryTooLong {
                input: "400d".into()
            }),
            "`every` can be at most a year (`365d` or `52w`); got `400d`."
        );
        assert_eq!(
            text(ScheduleError::BadTime {
                input: "25:00".into()
            }),
            "`25:00` is not a time of day; use 24-hour `19:00` or `7pm`."
        );
        assert_eq!(
            text(Zone::parse("Europe/Pariss").expect_err("unknown")),
            "`Europe/Pariss` is not a time zone I know. Did you mean `Europe/Paris`? \
             Use an IANA name like `Europe/Paris` or `America/New_York`."
        );
        assert_eq!(
            text(Zone::parse("abc").expect_err("unknown")),
            "`abc` is not a time zone I know. \
             Use an IANA name like `Europe/Paris` or `America/New_York`."
        );
        assert_eq!(
            text(ScheduleError::BadStart {
                input: "2026-13-01".into()
            }),
            "`2026-13-01` is not a date; use `YYYY-MM-DD`, like `2026-03-29`."
        );
    }

    #[test]
    fn error_texts_strip_backticks_and_cut_long_input() {
        let err = ScheduleError::BadTime {
            input: "`@everyone`\n".into(),
        };
        assert_eq!(
            err.to_string(),
            "`@everyone` is not a time of day; use 24-hour `19:00` or `7pm`."
        );
        let err = ScheduleError::BadTime {
            input: "x".repeat(60),
        };
        assert_eq!(
            err.to_string(),
            format!(
                "`{}…` is not a time of day; use 24-hour `19:00` or `7pm`.",
                "x".repeat(50)
            )
        );
        let err = ScheduleError::BadTime {
            input: " `` ".into(),
        };
        assert_eq!(
            err.to_string(),
            "nothing is not a time of day; use 24-hour `19:00` or `7pm`."
        );
    }

    #[test]
    fn from_parts_round_trips_and_refuses_bad_parts() {
        let s = plan("2026-03-29", 14, "19:00", "europe/paris");
        assert_eq!(s.start().to_string(), "2026-03-29");
        assert_eq!(s.every().days(), 14);
        assert_eq!(s.at().to_string(), "19:00");
        assert_eq!(s.zone().name(), "Europe/Paris");
        let err = |start, days, at, zone| Schedule::from_parts(start, days, at, zone).err();
        let bad_start = ScheduleError::BadStart {
            input: "29/03/2026".into(),
        };
        assert_eq!(err("29/03/2026", 1, "19:00", "UTC"), Some(bad_start));
        assert_eq!(
            err("2026-03-29", 0, "19:00", "UTC"),
            Some(ScheduleError::ZeroEvery)
        );
        let too_long = ScheduleError::EveryTooLong {
            input: "366d".into(),
        };
        assert_eq!(err("2026-03-29", 366, "19:00", "UTC"), Some(too_long));
        let bad_time = ScheduleError::BadTime {
            input: "25:00".into(),
        };
        assert_eq!(err("2026-03-29", 1, "25:00", "UTC"), Some(bad_time));
    }

    #[test]
    fn first_after_takes_today_in_the_zone_when_at_is_still_ahead() {
        // 20:00 UTC on the 10th is already 05:00 on the 11th in Tokyo.
        let s = Schedule::first_after(
            ts("2026-06-10T20:00:00Z"),
            Every::from_days(1).expect("valid"),
            At::parse("19:00").expect("valid"),
            zone("Asia/Tokyo"),
        );
        assert_eq!(s.start(), date(2026, 6, 11));
        assert_eq!(s.due(0), ts("2026-06-11T10:00:00Z"));
    }

    #[test]
    fn first_after_takes_tomorrow_in_the_zone_when_at_has_passed() {
        // 03:00 UTC on the 11th is still 20:00 on the 10th in Los Angeles.
        let s = Schedule::first_after(
            ts("2026-06-11T03:00:00Z"),
            Every::from_days(1).expect("valid"),
            At::parse("19:00").expect("valid"),
            zone("America/Los_Angeles"),
        );
        assert_eq!(s.start(), date(2026, 6, 11));
        assert_eq!(s.due(0), ts("2026-06-12T02:00:00Z"));
    }

    #[test]
    fn first_after_is_strictly_after_now() {
        let s = Schedule::first_after(
            ts("2026-06-10T17:00:00Z"),
            Every::from_days(1).expect("valid"),
            At::parse("19:00").expect("valid"),
            zone("Europe/Paris"),
        );
        assert_eq!(s.start(), date(2026, 6, 11));
    }

    #[test]
    fn due_across_spring_forward_resolves_the_skipped_time_forward() {
        let s = plan("2026-03-28", 1, "02:30", "Europe/Paris");
        assert_eq!(s.due(0), ts("2026-03-28T01:30:00Z"));
        // 02:30 does not exist on the 29th; it reads as 03:30 summer time.
        assert_eq!(s.due(1), ts("2026-03-29T01:30:00Z"));
        assert_eq!(s.due(2), ts("2026-03-30T00:30:00Z"));
    }

    #[test]
    fn due_across_fall_back_takes_the_earlier_of_the_repeated_time() {
        let s = plan("2026-10-24", 1, "02:30", "Europe/Paris");
        assert_eq!(s.due(0), ts("2026-10-24T00:30:00Z"));
        assert_eq!(s.due(1), ts("2026-10-25T00:30:00Z"));
        assert_eq!(s.due(2), ts("2026-10-26T01:30:00Z"));
    }

    #[test]
    fn due_weekly_keeps_the_local_time_across_dst() {
        let s = plan("2026-03-22", 7, "19:00", "Europe/Paris");
        assert_eq!(s.due(0), ts("2026-03-22T18:00:00Z"));
        assert_eq!(s.due(1), ts("2026-03-29T17:00:00Z"));
        assert_eq!(s.due(52), ts("2027-03-21T18:00:00Z"));
    }

    #[test]
    fn due_saturates_for_huge_occurrences() {
        let s = plan("2026-03-22", 365, "19:00", "Europe/Paris");
        assert_eq!(s.due(u64::MAX), Timestamp::MAX);
        assert_eq!(s.due(10_000), Timestamp::MAX);
    }

    #[test]
    fn last_due_and_next_after_at_a_due_instant() {
        let s = plan("2026-03-22", 7, "19:00", "Europe/Paris");
        let due = ts("2026-03-29T17:00:00Z");
        assert_eq!(s.last_due(due), Some(1));
        assert_eq!(s.next_after(due), 2);
    }

    #[test]
    fn last_due_and_next_after_just_before_and_after_a_due_instant() {
        let s = plan("2026-03-22", 7, "19:00", "Europe/Paris");
        let before = ts("2026-03-29T16:59:59.999Z");
        assert_eq!((s.last_due(before), s.next_after(before)), (Some(0), 1));
        let after = ts("2026-03-29T17:00:00.001Z");
        assert_eq!((s.last_due(after), s.next_after(after)), (Some(1), 2));
    }

    #[test]
    fn nothing_is_due_before_the_start() {
        let s = plan("2026-03-22", 7, "19:00", "Europe/Paris");
        let now = ts("2026-03-22T17:59:59Z");
        assert_eq!((s.last_due(now), s.next_after(now)), (None, 0));
        let long_before = ts("2020-01-01T00:00:00Z");
        assert_eq!(
            (s.last_due(long_before), s.next_after(long_before)),
            (None, 0)
        );
    }

    #[test]
    fn next_after_is_exact_long_after_the_start() {
        let s = plan("2026-03-28", 1, "02:30", "Europe/Paris");
        // A century later with 24 leap days, at 01:00 local: that day's 02:30 is still ahead.
        let now = ts("2126-03-28T00:00:00Z");
        assert_eq!(s.next_after(now), 36_524);
        assert_eq!(s.due(36_524), ts("2126-03-28T01:30:00Z"));
    }

    #[test]
    fn the_ends_of_time_do_not_panic() {
        for name in ["Pacific/Kiritimati", "Etc/GMT+12", "UTC"] {
            for now in [Timestamp::MIN, Timestamp::MAX] {
                let s = Schedule::first_after(
                    now,
                    Every::from_days(365).expect("valid"),
                    At::parse("23:59").expect("valid"),
                    zone(name),
                );
                let _ = (s.next_after(now), s.last_due(now), s.due(u64::MAX));
            }
        }
    }

    const ZONES: [&str; 6] = [
        "Europe/Paris",
        "America/New_York",
        "UTC",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "America/St_Johns",
    ];

    fn schedules() -> impl Strategy<Value = Schedule> {
        (0..40_000i64, 1..=365u32, 0..24u8, 0..60u8, 0..ZONES.len()).prop_map(
            |(day, days, hour, minute, z)| {
                let start = date(2000, 1, 1)
                    .checked_add(SignedDuration::from_hours(day * 24))
                    .expect("in range");
                let every = Every::from_days(days).expect("valid");
                Schedule {
                    start,
                    every,
                    at: At { hour, minute },
                    zone: zone(ZONES[z]),
                }
            },
        )
    }

    proptest! {
        #[test]
        fn parsers_never_panic(input in any::<String>()) {
            let _ = (Every::parse(&input), At::parse(&input), Zone::parse(&input));
            let _ = ScheduleError::BadTime { input }.to_string();
        }

        #[test]
        fn at_never_panics_on_four_bytes(input in "[0-9a€é:h]{1,4}(am|pm)?") {
            let _ = At::parse(&input);
        }

        #[test]
        fn due_is_strictly_increasing(s in schedules(), n in 0..3_000u64) {
            prop_assert!(s.due(n) < s.due(n + 1));
        }

        #[test]
        fn next_after_is_the_first_due_after_now(s in schedules(), secs in 946_684_800..4_200_000_000i64) {
            let now = Timestamp::from_second(secs).expect("in range");
            let next = s.next_after(now);
            prop_assert!(s.due(next) > now);
            if let Some(prev) = next.checked_sub(1) {
                prop_assert!(s.due(prev) <= now);
            }
            match s.last_due(now) {
                Some(last) => prop_assert_eq!(last + 1, next),
                None => prop_assert_eq!(next, 0),
            }
        }
    }
}
