//! Reading plans and their posts. A post is recorded as an intent before it is sent and completed
//! after, in one transaction with the plan's advance, so that a crash never loses or repeats one.
//! Every write runs to its end before it counts (see [`crate::suggestions`]).

use crate::settings::id;
use crate::{Store, StoreError, on_pool};

/// Whether a plan posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Active,
    /// Paused by a moderator, or by Seminar when Discord refused a post.
    Paused,
    /// Every section was posted.
    Finished,
    Stopped,
}

impl PlanStatus {
    fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Active => "active",
            PlanStatus::Paused => "paused",
            PlanStatus::Finished => "finished",
            PlanStatus::Stopped => "stopped",
        }
    }

    fn parse(s: &str) -> PlanStatus {
        match s {
            "active" => PlanStatus::Active,
            "paused" => PlanStatus::Paused,
            "finished" => PlanStatus::Finished,
            _ => PlanStatus::Stopped,
        }
    }
}

/// What a plan does about occurrences missed while the bot was down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatchUp {
    /// One post per missed occurrence.
    All,
    /// One post for all of them.
    Latest,
}

impl CatchUp {
    /// `all` or `latest`.
    pub fn parse(s: &str) -> Option<CatchUp> {
        match s {
            "all" => Some(CatchUp::All),
            "latest" => Some(CatchUp::Latest),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            CatchUp::All => "all",
            CatchUp::Latest => "latest",
        }
    }
}

/// A reading plan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: i64,
    pub guild: u64,
    pub channel: u64,
    /// The channel's Discord type; 15 is a forum.
    pub channel_kind: u8,
    /// The section the next post opens.
    pub next_section: u32,
    /// The timetable, as [`crate::community::schedule::Schedule::from_parts`] reads it.
    pub start_date: String,
    pub every_days: u32,
    pub at_time: String,
    pub timezone: String,
    /// The next occurrence not yet handled.
    pub next_occurrence: u64,
    pub threads: bool,
    pub catch_up: CatchUp,
    pub status: PlanStatus,
    pub paused_reason: Option<String>,
    /// Where to tell moderators that the plan paused itself.
    pub notify_channel: u64,
    pub created_by: u64,
    /// The id of the text the plan posts; `None`: the library's default.
    pub text: Option<String>,
}

/// A post a plan is making or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPost {
    pub plan: i64,
    pub occurrence: u64,
    pub section: u32,
    /// Discord's message nonce, the same on every attempt.
    pub nonce: String,
    pub posted: bool,
    /// Unix seconds when the intent was recorded.
    pub intended_at: i64,
    pub message: Option<u64>,
    pub thread: Option<u64>,
}

const PLAN_COLUMNS: &str = "id, guild, channel, channel_kind, next_section, start_date, every_days,
    at_time, timezone, next_occurrence, threads, catch_up, status, paused_reason, notify_channel,
    created_by, text";

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    guild: i64,
    channel: i64,
    channel_kind: i64,
    next_section: i64,
    start_date: String,
    every_days: i64,
    at_time: String,
    timezone: String,
    next_occurrence: i64,
    threads: bool,
    catch_up: String,
    status: String,
    paused_reason: Option<String>,
    notify_channel: i64,
    created_by: i64,
    text: Option<String>,
}

fn plan(row: PlanRow) -> Plan {
    Plan {
        id: row.id,
        guild: row.guild as u64,
        channel: row.channel as u64,
        channel_kind: u8::try_from(row.channel_kind).unwrap_or(0),
        next_section: u32::try_from(row.next_section).unwrap_or(0),
        start_date: row.start_date,
        every_days: u32::try_from(row.every_days).unwrap_or(1),
        at_time: row.at_time,
        timezone: row.timezone,
        next_occurrence: u64::try_from(row.next_occurrence).unwrap_or(0),
        threads: row.threads,
        catch_up: CatchUp::parse(&row.catch_up).unwrap_or(CatchUp::All),
        status: PlanStatus::parse(&row.status),
        paused_reason: row.paused_reason,
        notify_channel: row.notify_channel as u64,
        created_by: row.created_by as u64,
        text: row.text,
    }
}

type PostRow = (i64, i64, i64, String, String, i64, Option<i64>, Option<i64>);

fn post(row: PostRow) -> PlanPost {
    PlanPost {
        plan: row.0,
        occurrence: u64::try_from(row.1).unwrap_or(0),
        section: u32::try_from(row.2).unwrap_or(0),
        nonce: row.3,
        posted: row.4 == "posted",
        intended_at: row.5,
        message: row.6.map(|m| m as u64),
        thread: row.7.map(|t| t as u64),
    }
}

impl Store {
    /// Stores a new active plan (its `id` and `status` are ignored) and returns its id.
    pub async fn create_plan(&self, new: &Plan) -> Result<i64, StoreError> {
        let sql = "INSERT INTO plans (guild, channel, channel_kind, next_section, start_date,
                 every_days, at_time, timezone, next_occurrence, threads, catch_up, status,
                 notify_channel, created_by, text)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13, $14)
             RETURNING id";
        let ids: Vec<i64> = on_pool!(self, pool => sqlx::query_scalar(sql)
        .bind(id(new.guild))
        .bind(id(new.channel))
        .bind(i64::from(new.channel_kind))
        .bind(i64::from(new.next_section))
        .bind(&new.start_date)
        .bind(i64::from(new.every_days))
        .bind(&new.at_time)
        .bind(&new.timezone)
        .bind(new.next_occurrence as i64)
        .bind(new.threads)
        .bind(new.catch_up.as_str())
        .bind(id(new.notify_channel))
        .bind(id(new.created_by))
        .bind(&new.text)
        .fetch_all(pool)
        .await?);
        let id_of_plan = ids.first().copied().ok_or(sqlx::Error::RowNotFound)?;
        self.confirmed(id_of_plan)
    }

    /// The active or paused plan of `channel`.
    pub async fn live_plan(&self, channel: u64) -> Result<Option<Plan>, StoreError> {
        let sql = format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE channel = $1 AND status IN ('active', 'paused')"
        );
        let row: Option<PlanRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(id(channel))
            .fetch_optional(pool)
            .await?);
        Ok(row.map(plan))
    }

    /// The plan with this id.
    pub async fn plan(&self, plan_id: i64) -> Result<Option<Plan>, StoreError> {
        let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1");
        let row: Option<PlanRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(plan_id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(plan))
    }

    /// The active and paused plans of `guild`, oldest first.
    pub async fn live_plans_in(&self, guild: u64) -> Result<Vec<Plan>, StoreError> {
        let sql = format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE guild = $1 AND status IN ('active', 'paused')
             ORDER BY id"
        );
        let rows: Vec<PlanRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(id(guild))
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(plan).collect())
    }

    /// Every active plan, for the scheduler.
    pub async fn active_plans(&self) -> Result<Vec<Plan>, StoreError> {
        let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE status = 'active' ORDER BY id");
        let rows: Vec<PlanRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?);
        Ok(rows.into_iter().map(plan).collect())
    }

    /// Changes a plan's status; `reason` says why it paused itself.
    pub async fn set_plan_status(
        &self,
        plan_id: i64,
        status: PlanStatus,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE plans SET status = $1, paused_reason = $2 WHERE id = $3";
        on_pool!(self, pool => sqlx::query(sql)
            .bind(status.as_str())
            .bind(reason)
            .bind(plan_id)
            .execute(pool)
            .await?
            .rows_affected());
        self.confirmed(())
    }

    /// Sets where a plan continues: the next section and the next occurrence to handle.
    pub async fn move_plan(
        &self,
        plan_id: i64,
        next_section: u32,
        next_occurrence: u64,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE plans SET next_section = $1, next_occurrence = $2 WHERE id = $3";
        on_pool!(self, pool => sqlx::query(sql)
            .bind(i64::from(next_section))
            .bind(next_occurrence as i64)
            .bind(plan_id)
            .execute(pool)
            .await?
            .rows_affected());
        self.confirmed(())
    }

    /// Records the intent to make a post, before sending it. If the intent exists already (a
    /// crash came between), it is returned unchanged, with its original nonce; the flag says
    /// whether it is new.
    pub async fn intend_post(
        &self,
        plan_id: i64,
        occurrence: u64,
        section: u32,
        nonce: &str,
        now: i64,
    ) -> Result<(PlanPost, bool), StoreError> {
        let insert = "INSERT INTO plan_posts (plan, occurrence, section, nonce, state, intended_at)
             VALUES ($1, $2, $3, $4, 'intent', $5) ON CONFLICT (plan, occurrence) DO NOTHING";
        let select = "SELECT plan, occurrence, section, nonce, state, intended_at, message, thread
             FROM plan_posts WHERE plan = $1 AND occurrence = $2";
        let (inserted, row): (bool, PostRow) = on_pool!(self, pool => {
            let inserted = sqlx::query(insert)
                .bind(plan_id)
                .bind(occurrence as i64)
                .bind(i64::from(section))
                .bind(nonce)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
                == 1;
            let row = sqlx::query_as(select)
                .bind(plan_id)
                .bind(occurrence as i64)
                .fetch_one(pool)
                .await?;
            (inserted, row)
        });
        self.confirmed((post(row), inserted))
    }

    /// Records that a post went out and moves the plan past it, in one transaction.
    pub async fn complete_post(
        &self,
        done: &PlanPost,
        next_section: u32,
        next_occurrence: u64,
        finished: bool,
    ) -> Result<(), StoreError> {
        let post = "UPDATE plan_posts SET state = 'posted', message = $1, thread = $2
             WHERE plan = $3 AND occurrence = $4";
        let advance = "UPDATE plans SET next_section = $1, next_occurrence = $2,
                 status = CASE WHEN $3 THEN 'finished' ELSE status END
             WHERE id = $4";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(post)
                .bind(done.message.map(id))
                .bind(done.thread.map(id))
                .bind(done.plan)
                .bind(done.occurrence as i64)
                .execute(&mut *tx)
                .await?;
            sqlx::query(advance)
                .bind(i64::from(next_section))
                .bind(next_occurrence as i64)
                .bind(finished)
                .bind(done.plan)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        self.confirmed(())
    }

    /// The posts of a plan, oldest first.
    pub async fn plan_posts(&self, plan_id: i64) -> Result<Vec<PlanPost>, StoreError> {
        let sql = "SELECT plan, occurrence, section, nonce, state, intended_at, message, thread
             FROM plan_posts WHERE plan = $1 ORDER BY occurrence";
        let rows: Vec<PostRow> = on_pool!(self, pool => sqlx::query_as(sql)
            .bind(plan_id)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(post).collect())
    }
}
