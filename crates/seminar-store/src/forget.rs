//! Forgetting: everything stored about one member in a server (`/progress mine:true clear:true`,
//! `seminar forget --guild ID --user ID`), or about a whole server (`seminar forget --guild ID`),
//! each in one transaction.
//!
//! A member's approved suggestions stay as the server's prompts (the server chose them), with the
//! author's id erased (0); their pending and rejected ones are deleted. Their id as a suggestion's
//! reviewer or a plan's creator is erased too (NULL and 0).

use crate::settings::id;
use crate::{Place, Store, StoreError, on_pool};

/// One change a forget made to one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub table: &'static str,
    /// What happened to the rows: "deleted", or which id was erased from them.
    pub how: &'static str,
    pub rows: u64,
}

/// Whom to forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forget {
    /// One member's data in one server.
    Member { guild: u64, member: u64 },
    /// Everything about one server.
    Guild(u64),
}

/// A statement of a forget: the table it changes, how, its SQL and what it binds, in order.
struct Step {
    table: &'static str,
    how: &'static str,
    sql: &'static str,
    binds: &'static [Bind],
}

/// A value a statement binds.
#[derive(Clone, Copy)]
enum Bind {
    Guild,
    Member,
    /// The server's scope key, `guild:<id>`.
    Scope,
}

use Bind::{Guild, Member, Scope};

const MEMBER_STEPS: [Step; 5] = [
    Step {
        table: "member_positions",
        how: "deleted",
        sql: "DELETE FROM member_positions WHERE guild = $1 AND member = $2",
        binds: &[Guild, Member],
    },
    Step {
        table: "suggestions",
        how: "deleted (pending or rejected)",
        sql: "DELETE FROM suggestions WHERE guild = $1 AND author = $2 AND status <> 'approved'",
        binds: &[Guild, Member],
    },
    Step {
        table: "suggestions",
        how: "author erased (approved: the prompt stays)",
        sql: "UPDATE suggestions SET author = 0 WHERE guild = $1 AND author = $2",
        binds: &[Guild, Member],
    },
    Step {
        table: "suggestions",
        how: "reviewer erased",
        sql: "UPDATE suggestions SET reviewed_by = NULL WHERE guild = $1 AND reviewed_by = $2",
        binds: &[Guild, Member],
    },
    Step {
        table: "plans",
        how: "creator erased",
        sql: "UPDATE plans SET created_by = 0 WHERE guild = $1 AND created_by = $2",
        binds: &[Guild, Member],
    },
];

/// In this order: what refers to a plan goes before the plan, and the channels' positions are
/// found through the plans before those go.
const GUILD_STEPS: [Step; 8] = [
    Step {
        table: "plan_claims",
        how: "deleted",
        sql: "DELETE FROM plan_claims WHERE plan IN (SELECT id FROM plans WHERE guild = $1)",
        binds: &[Guild],
    },
    Step {
        table: "reading_progress",
        how: "deleted",
        sql: "DELETE FROM reading_progress WHERE guild = $1 OR scope = $2
              OR scope IN (SELECT 'channel:' || channel FROM plans WHERE guild = $3)
              OR scope IN (SELECT 'channel:' || thread FROM plan_posts
                           WHERE thread IS NOT NULL
                           AND plan IN (SELECT id FROM plans WHERE guild = $4))",
        binds: &[Guild, Scope, Guild, Guild],
    },
    Step {
        table: "plan_posts",
        how: "deleted",
        sql: "DELETE FROM plan_posts WHERE plan IN (SELECT id FROM plans WHERE guild = $1)",
        binds: &[Guild],
    },
    Step {
        table: "plans",
        how: "deleted",
        sql: "DELETE FROM plans WHERE guild = $1",
        binds: &[Guild],
    },
    Step {
        table: "suggestions",
        how: "deleted",
        sql: "DELETE FROM suggestions WHERE guild = $1",
        binds: &[Guild],
    },
    Step {
        table: "member_positions",
        how: "deleted",
        sql: "DELETE FROM member_positions WHERE guild = $1",
        binds: &[Guild],
    },
    Step {
        table: "prompt_usage",
        how: "deleted",
        sql: "DELETE FROM prompt_usage WHERE scope = $1",
        binds: &[Scope],
    },
    Step {
        table: "guild_settings",
        how: "deleted",
        sql: "DELETE FROM guild_settings WHERE guild = $1",
        binds: &[Guild],
    },
];

impl Store {
    /// Erases what `whom` names, in one transaction; returns what changed, table by table (rows
    /// left alone are not listed).
    pub async fn forget(&self, whom: Forget) -> Result<Vec<Erased>, StoreError> {
        let (guild, member, steps): (u64, u64, &[Step]) = match whom {
            Forget::Member { guild, member } => (guild, member, &MEMBER_STEPS),
            Forget::Guild(guild) => (guild, 0, &GUILD_STEPS),
        };
        let scope = Place::Guild(guild).key();
        let mut erased = Vec::new();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            for step in steps {
                let mut query = sqlx::query(step.sql);
                for bind in step.binds {
                    query = match bind {
                        Guild => query.bind(id(guild)),
                        Member => query.bind(id(member)),
                        Scope => query.bind(scope.clone()),
                    };
                }
                let rows = query.execute(&mut *tx).await?.rows_affected();
                if rows > 0 {
                    erased.push(Erased {
                        table: step.table,
                        how: step.how,
                        rows,
                    });
                }
            }
            tx.commit().await?;
        });
        // Nothing read before the erasure may be served after it.
        match whom {
            Forget::Member { guild, member } => {
                let prefix = format!("member:{guild}:{member}:");
                self.reading_cache
                    .forget_where(|key| key.starts_with(&prefix));
            }
            Forget::Guild(guild) => {
                self.settings_cache.forget(&guild);
                self.reading_cache.forget_where(|_| true);
            }
        }
        self.confirmed(erased)
    }
}

impl std::fmt::Display for Erased {
    /// `member_positions: 2 deleted`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} {}", self.table, self.rows, self.how)
    }
}
