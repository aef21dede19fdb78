//! `/plan start|status|pause|resume|skip|stop`: reading plans, one per channel, that post the
//! next section on a timetable (the posting itself is the scheduler's).

use crate::community::discuss::target;
use crate::community::schedule::{At, Every, Schedule, Zone};
use crate::community::{Community, CommunityError, Request, channel_mention, when};
use seminar_core::engine::study_commands::plan::{
    AT, CATCH_UP, CHANNEL, EVERY, FROM, THREADS, TIMEZONE,
};
use seminar_core::engine::{Entry, Reply};
use seminar_store::GuildSettings;
use seminar_store::{CatchUp, Plan, PlanStatus};

/// Answers `/plan …`.
pub async fn run(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    match request.invocation.subcommand.as_deref() {
        Some("start") => start(community, guild, request, settings).await,
        Some("status") => status(community, guild, request).await,
        Some(verb @ ("pause" | "resume" | "skip" | "stop")) => {
            change(community, request, verb).await
        }
        _ => Ok(Reply::user_error(
            "Use /plan start, status, pause, resume, skip or stop.",
        )),
    }
}

async fn start(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
    settings: &GuildSettings,
) -> Result<Reply, CommunityError> {
    let invocation = request.invocation;
    let book = community.engine.book_or_default(settings.text.as_deref());
    let text = book.text();
    let parsed = (|| {
        let every = match invocation.get(EVERY) {
            Some(every) => Every::parse(&every)?,
            None => Every::from_days(settings.plan_every_days).unwrap_or(Every::parse("1d")?),
        };
        let at = At::parse(&invocation.get(AT).unwrap_or(settings.plan_at.clone()))?;
        let zone = Zone::parse(
            &invocation
                .get(TIMEZONE)
                .unwrap_or(settings.plan_timezone.clone()),
        )?;
        Ok::<_, crate::community::schedule::ScheduleError>((every, at, zone))
    })();
    let (every, at, zone) = match parsed {
        Ok(parts) => parts,
        Err(problem) => return Ok(Reply::user_error(problem.to_string())),
    };
    let catch_up = match invocation.get(CATCH_UP) {
        Some(choice) => match CatchUp::parse(&choice) {
            Some(catch_up) => catch_up,
            None => {
                return Ok(Reply::user_error(
                    "`catch_up` is `all` (every missed post) or `latest` (only one).",
                ));
            }
        },
        None => CatchUp::All,
    };
    let from = match invocation.get(FROM) {
        Some(number) => match u32::try_from(number).ok().and_then(|n| text.section(n)) {
            Some(section) => Some(section.number),
            None => return Ok(seminar_core::engine::section::no_such_section(text, number)),
        },
        None => None,
    };
    let target = match target(community, guild, request).await? {
        Ok(target) => target,
        Err(refusal) => return Ok(refusal),
    };
    let channel = target.channel();
    let already = || {
        Ok(Reply::user_error(format!(
            "{} has a reading plan already (see `/plan status`). Stop it with `/plan stop` before starting another.",
            channel_mention(channel)
        )))
    };
    if community.store.live_plan(channel).await?.is_some() {
        return already();
    }
    let from = match from {
        Some(from) => from,
        None => {
            // Without `from`, the plan goes on from where the channel's group is.
            let reading = community.store.reading(guild, channel, None).await?;
            reading.map_or(1, |r| (r + 1).min(text.last_section()))
        }
    };
    let threads = invocation.get(THREADS).unwrap_or(settings.plan_threads);
    let now = community.clock.now();
    let schedule = Schedule::first_after(now, every, at, zone);
    let kind = match target {
        crate::community::post::Target::Forum(_) => 15,
        crate::community::post::Target::Thread(_) => 11,
        crate::community::post::Target::Text(_) => 0,
    };
    let plan = Plan {
        id: 0,
        guild,
        channel,
        channel_kind: kind,
        next_section: from,
        start_date: schedule.start().to_string(),
        every_days: schedule.every().days(),
        at_time: schedule.at().to_string(),
        timezone: schedule.zone().name().to_string(),
        next_occurrence: 0,
        threads,
        catch_up,
        status: PlanStatus::Active,
        paused_reason: None,
        notify_channel: request.channel,
        created_by: request.caller.user,
        text: Some(text.id.clone()),
    };
    if let Err(error) = community.store.create_plan(&plan).await {
        // Another moderator's plan for the channel may have won the race.
        return match community.store.live_plan(channel).await? {
            Some(_) => already(),
            None => Err(error.into()),
        };
    }
    community.plans_changed.notify_one();
    let first = text
        .section(from)
        .map_or_else(|| book.cite_number(from), |s| book.cite(s));
    let threads_line = match (threads, kind) {
        (_, 15) => "Each post is a new forum post.",
        (true, 0) => "A thread opens on each post.",
        _ => "Posts open no thread.",
    };
    let catch_up_line = match catch_up {
        CatchUp::All => {
            "If Seminar is down when a post is due, it posts every missed section when it is back."
        }
        CatchUp::Latest => {
            "If Seminar is down when posts are due, it posts one section when it is back."
        }
    };
    Ok(Reply::user_error(format!(
        "Reading plan started in {}: **{first}** goes out {}, then the next section {} at {} ({}). {threads_line} {catch_up_line}",
        channel_mention(channel),
        when(schedule.due(0)),
        schedule.every(),
        schedule.at(),
        schedule.zone().name(),
    )))
}

/// Every live plan of the server, or the named channel's.
async fn status(
    community: &Community,
    guild: u64,
    request: &Request<'_>,
) -> Result<Reply, CommunityError> {
    let plans = match request.invocation.get(CHANNEL) {
        Some(channel) => community
            .store
            .live_plan(channel)
            .await?
            .into_iter()
            .collect(),
        None => community.store.live_plans_in(guild).await?,
    };
    if plans.is_empty() {
        return Ok(Reply::user_error(
            "No reading plan is running. Start one with `/plan start`, e.g. `/plan start every:1d at:19:00 timezone:Europe/Paris`.",
        ));
    }
    let now = community.clock.now();
    let mut behind = Vec::with_capacity(plans.len());
    for plan in &plans {
        let book = community.engine.book_or_default(plan.text.as_deref());
        let count = community
            .store
            .members_behind(guild, &book.text().id, plan.id)
            .await?;
        behind.push(count);
    }
    let entries = plans
        .iter()
        .zip(behind)
        .map(|(plan, behind)| {
            let book = community.engine.book_or_default(plan.text.as_deref());
            let next = book
                .text()
                .section(plan.next_section)
                .map_or_else(|| book.cite_number(plan.next_section), |s| book.cite(s));
            let timing = match Schedule::of(plan) {
                Ok(schedule) => {
                    let due = schedule.due(plan.next_occurrence.max(schedule.next_after(now)));
                    format!(
                        "{} at {} ({})",
                        schedule.every(),
                        schedule.at(),
                        schedule.zone().name()
                    ) + &match plan.status {
                        PlanStatus::Active => format!("\nNext: **{next}**, {}", when(due)),
                        _ => format!("\nNext: **{next}** once resumed"),
                    }
                }
                Err(problem) => problem.to_string(),
            };
            let state = match (&plan.status, &plan.paused_reason) {
                (PlanStatus::Paused, Some(reason)) => format!("Paused by Seminar: {reason}"),
                (PlanStatus::Paused, None) => "Paused".to_string(),
                _ => "Active".to_string(),
            };
            let behind = match behind {
                1 => "\n1 member is behind it (their own position is before its last post)."
                    .to_string(),
                n => format!(
                    "\n{n} members are behind it (their own position is before its last post)."
                ),
            };
            Entry {
                heading: format!("#{} · {state}", plan.id),
                text: format!("{} · {timing}{behind}", channel_mention(plan.channel)),
                button: None,
            }
        })
        .collect();
    Ok(Reply {
        private: true,
        title: Some("Reading plans".into()),
        body: String::new(),
        entries,
        ..Reply::default()
    })
}

/// Pause, resume, skip or stop the plan of the named channel (or this one).
async fn change(
    community: &Community,
    request: &Request<'_>,
    verb: &str,
) -> Result<Reply, CommunityError> {
    let channel = request.invocation.get(CHANNEL).unwrap_or(request.channel);
    let Some(plan) = community.store.live_plan(channel).await? else {
        return Ok(Reply::user_error(format!(
            "{} has no reading plan. `/plan status` lists the server's plans.",
            channel_mention(channel)
        )));
    };
    let store = &community.store;
    let book = community.engine.book_or_default(plan.text.as_deref());
    let text = book.text();
    let reply = match verb {
        "pause" if plan.status == PlanStatus::Paused => {
            "That plan is paused already. `/plan resume` starts it again.".to_string()
        }
        "pause" => {
            store
                .set_plan_status(plan.id, PlanStatus::Paused, None)
                .await?;
            format!(
                "Paused the plan in {}. Nothing is posted until `/plan resume`.",
                channel_mention(channel)
            )
        }
        "resume" if plan.status == PlanStatus::Active => {
            "That plan is running already.".to_string()
        }
        "resume" => {
            let Ok(schedule) = Schedule::of(&plan) else {
                return Ok(Reply::user_error(
                    "This plan's timetable is unreadable; stop it and start a new one.",
                ));
            };
            // Occurrences that passed while paused are not caught up; but a post that was under
            // way when the plan paused is finished first, so it is never made twice.
            let under_way = store
                .plan_posts(plan.id)
                .await?
                .iter()
                .any(|p| !p.posted && p.occurrence == plan.next_occurrence);
            let next = match under_way {
                true => plan.next_occurrence,
                false => schedule
                    .next_after(community.clock.now())
                    .max(plan.next_occurrence),
            };
            store.move_plan(plan.id, plan.next_section, next).await?;
            store
                .set_plan_status(plan.id, PlanStatus::Active, None)
                .await?;
            let section = text
                .section(plan.next_section)
                .map_or_else(String::new, |s| book.cite(s));
            format!(
                "Resumed the plan in {}: **{section}** goes out {}.",
                channel_mention(channel),
                when(schedule.due(next))
            )
        }
        "skip" => {
            let skipped = plan.next_section;
            let next = skipped + 1;
            if next > text.last_section() {
                store
                    .set_plan_status(plan.id, PlanStatus::Finished, None)
                    .await?;
                format!("Skipped §{skipped}, the last section: the plan is finished.")
            } else {
                store.move_plan(plan.id, next, plan.next_occurrence).await?;
                let section = text
                    .section(next)
                    .map_or_else(String::new, |s| book.cite(s));
                format!("Skipped §{skipped}. The next post is **{section}**.")
            }
        }
        _ => {
            store
                .set_plan_status(plan.id, PlanStatus::Stopped, None)
                .await?;
            format!(
                "Stopped the plan in {}. Its posts stay; start a new plan any time.",
                channel_mention(channel)
            )
        }
    };
    community.plans_changed.notify_one();
    Ok(Reply::user_error(reply))
}
