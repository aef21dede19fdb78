//! Claims on plans: which process posts a plan's due occurrences. A claim is a lease with an
//! expiry; its holder renews it while it lives, and once it has expired any process may take it,
//! so a process that died (even SIGKILLed) has its plans taken over within one lease.
//!
//! Taking a claim is one statement (`INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING`),
//! atomic on SQLite (3.35 and later) and PostgreSQL alike: of processes racing for a free claim,
//! exactly one gets it.

use crate::{Store, StoreError, on_pool};

/// A plan's claim as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub plan: i64,
    pub holder: String,
    /// Unix milliseconds after which the claim is free.
    pub expires_at: i64,
}

impl Store {
    /// Takes or renews the claim on `plan` for `holder` until `expires_at` (Unix ms) if it is
    /// free, expired at `now` or held by `holder` already; whether `holder` holds it now.
    pub async fn claim_plan(
        &self,
        plan: i64,
        holder: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<bool, StoreError> {
        let sql = "INSERT INTO plan_claims (plan, holder, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (plan) DO UPDATE SET holder = excluded.holder,
                 expires_at = excluded.expires_at
             WHERE plan_claims.holder = excluded.holder OR plan_claims.expires_at <= $4
             RETURNING holder";
        // Every row is read: SQLite reports a failed commit only once the statement ran to its
        // end (see `crate::suggestions`).
        let taken: Vec<String> = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(plan)
            .bind(holder)
            .bind(expires_at)
            .bind(now)
            .fetch_all(pool)
            .await?);
        self.confirmed(taken.iter().any(|h| h == holder))
    }

    /// Renews every claim `holder` has until `expires_at`; how many there are.
    pub async fn renew_claims(&self, holder: &str, expires_at: i64) -> Result<u64, StoreError> {
        let sql = "UPDATE plan_claims SET expires_at = $1 WHERE holder = $2";
        let renewed = on_pool!(self, pool => sqlx::query(sql)
            .bind(expires_at)
            .bind(holder)
            .execute(pool)
            .await?
            .rows_affected());
        self.confirmed(renewed)
    }

    /// Gives up every claim `holder` has (a clean shutdown), so others take them at once.
    pub async fn release_claims(&self, holder: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM plan_claims WHERE holder = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(holder).execute(pool).await?.rows_affected());
        self.confirmed(())
    }

    /// Every claim, by plan.
    pub async fn claims(&self) -> Result<Vec<Claim>, StoreError> {
        let sql = "SELECT plan, holder, expires_at FROM plan_claims ORDER BY plan";
        let rows: Vec<(i64, String, i64)> =
            on_pool!(self, pool => sqlx::query_as(sql).fetch_all(pool).await?);
        Ok(rows
            .into_iter()
            .map(|(plan, holder, expires_at)| Claim {
                plan,
                holder,
                expires_at,
            })
            .collect())
    }
}
