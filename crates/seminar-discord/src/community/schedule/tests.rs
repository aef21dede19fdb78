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
