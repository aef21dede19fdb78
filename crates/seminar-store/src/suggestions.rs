//! Prompts members suggest with `/suggest`, waiting for a moderator's `/review`; the approved ones
//! are the server's own prompts.
//!
//! The writes with `RETURNING` read every row (`fetch_all`): SQLite commits an autocommit
//! statement, and only then reports a full disk or a failed commit, when the statement runs to
//! its end, which `fetch_one` and `fetch_optional` never wait for.

use crate::settings::id;
use crate::{Store, StoreError, on_pool};

/// Where a suggestion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pending,
    Approved,
    Rejected,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Pending => "pending",
            Verdict::Approved => "approved",
            Verdict::Rejected => "rejected",
        }
    }

    fn parse(s: &str) -> Verdict {
        match s {
            "approved" => Verdict::Approved,
            "rejected" => Verdict::Rejected,
            _ => Verdict::Pending,
        }
    }
}

/// A suggested prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: u32,
    pub guild: u64,
    pub author: u64,
    pub section: u32,
    pub text: String,
    pub verdict: Verdict,
}

type Row = (i64, i64, i64, i64, String, String);

fn suggestion(row: Row) -> Suggestion {
    Suggestion {
        id: u32::try_from(row.0).unwrap_or(u32::MAX),
        guild: row.1 as u64,
        author: row.2 as u64,
        section: u32::try_from(row.3).unwrap_or(0),
        text: row.4,
        verdict: Verdict::parse(&row.5),
    }
}

const COLUMNS: &str = "id, guild, author, section, text, status";

impl Store {
    /// Stores a pending suggestion; returns its id.
    pub async fn suggest(
        &self,
        guild: u64,
        author: u64,
        section: u32,
        text: &str,
        now: i64,
    ) -> Result<u32, StoreError> {
        let sql = "INSERT INTO suggestions (guild, author, section, text, status, created_at)
             VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id";
        let ids: Vec<i64> = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(id(guild))
            .bind(id(author))
            .bind(i64::from(section))
            .bind(text)
            .bind(now)
            .fetch_all(pool)
            .await?);
        let new_id = ids.first().copied().ok_or(sqlx::Error::RowNotFound)?;
        self.confirmed(u32::try_from(new_id).unwrap_or(u32::MAX))
    }

    /// The suggestions of `guild` with this verdict, oldest first.
    pub async fn suggestions(
        &self,
        guild: u64,
        verdict: Verdict,
    ) -> Result<Vec<Suggestion>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM suggestions WHERE guild = $1 AND status = $2 ORDER BY id"
        );
        let rows: Vec<Row> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(id(guild))
            .bind(verdict.as_str())
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(suggestion).collect())
    }

    /// Decides a pending suggestion of `guild`; returns it, or `None` if there is no such
    /// pending suggestion (decided already, or another server's).
    pub async fn decide(
        &self,
        guild: u64,
        suggestion_id: u32,
        verdict: Verdict,
        moderator: u64,
    ) -> Result<Option<Suggestion>, StoreError> {
        let sql = format!(
            "UPDATE suggestions SET status = $1, reviewed_by = $2
             WHERE id = $3 AND guild = $4 AND status = 'pending' RETURNING {COLUMNS}"
        );
        let rows: Vec<Row> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(verdict.as_str())
            .bind(id(moderator))
            .bind(i64::from(suggestion_id))
            .bind(id(guild))
            .fetch_all(pool)
            .await?);
        self.confirmed(rows.into_iter().next().map(suggestion))
    }
}
