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
mod tests;
