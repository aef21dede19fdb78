//! Each member's own reading position in a server's text: set by the member, moved forward by "I've
//! read it", counted per section for moderators, and read together with the group's positions in
//! one query for the spoiler guard.

use std::time::Instant;

use crate::settings::id;
use crate::{Place, Store, StoreError, on_pool};

/// Every position that may apply to a member's lookup in a place, read together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Positions {
    /// The channel's own.
    pub channel: Option<u32>,
    /// The thread's parent channel's (the channel's again outside threads).
    pub parent: Option<u32>,
    /// The server's.
    pub server: Option<u32>,
    /// The member's own, in the server's text.
    pub own: Option<u32>,
}

impl Positions {
    /// The group's position here: the channel's, else its parent's, else the server's.
    pub fn group(&self) -> Option<u32> {
        self.channel.or(self.parent).or(self.server)
    }
}

/// What "I've read it" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advanced {
    /// The member's position is now the section.
    Moved,
    /// The member was at this section already, or further on: nothing changed.
    Already(u32),
}

/// Where a member stands in a text of a server: the key of their position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'a> {
    pub guild: u64,
    pub member: u64,
    /// The id of the text the server reads.
    pub text: &'a str,
}

impl Member<'_> {
    fn key(&self) -> String {
        format!("member:{}:{}:{}", self.guild, self.member, self.text)
    }
}

impl Store {
    /// The group's positions for `channel` (and its `parent`, in a thread) of the member's server,
    /// with the member's own, in one query: on PostgreSQL each query is a round trip. On
    /// PostgreSQL they may come from the last few seconds' read; a write through this store is
    /// seen at once.
    pub async fn positions(
        &self,
        member: Member<'_>,
        channel: u64,
        parent: Option<u64>,
    ) -> Result<Positions, StoreError> {
        let places = [
            Place::Channel(channel),
            Place::Channel(parent.unwrap_or(channel)),
            Place::Guild(member.guild),
        ];
        let keys = [
            places[0].key(),
            places[1].key(),
            places[2].key(),
            member.key(),
        ];
        let cached = keys.clone().map(|key| self.reading_cache.get(&key));
        if cached.iter().all(Option::is_some) {
            let [channel, parent, server, own] = cached.map(Option::flatten);
            return Ok(Positions {
                channel,
                parent,
                server,
                own,
            });
        }
        let read_at = Instant::now();
        let sql = "SELECT scope, section FROM reading_progress WHERE scope IN ($1, $2, $3)
             UNION ALL
             SELECT CAST($4 AS TEXT), section FROM member_positions
             WHERE guild = $5 AND member = $6 AND text = $7";
        let rows: Vec<(String, i64)> = on_pool!(self, pool => sqlx::query_as(sql)
            .bind(&keys[0])
            .bind(&keys[1])
            .bind(&keys[2])
            .bind(&keys[3])
            .bind(id(member.guild))
            .bind(id(member.member))
            .bind(member.text)
            .fetch_all(pool)
            .await?);
        let [channel, parent, server, own] = keys.map(|key| {
            let position = rows
                .iter()
                .find(|(scope, _)| *scope == key)
                .and_then(|(_, section)| u32::try_from(*section).ok());
            self.reading_cache.put(key, read_at, &position);
            position
        });
        Ok(Positions {
            channel,
            parent,
            server,
            own,
        })
    }

    /// The member's own position, if they set one.
    pub async fn own_position(&self, member: Member<'_>) -> Result<Option<u32>, StoreError> {
        let sql = "SELECT section FROM member_positions
             WHERE guild = $1 AND member = $2 AND text = $3";
        let section: Option<i64> = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(id(member.guild))
            .bind(id(member.member))
            .bind(member.text)
            .fetch_optional(pool)
            .await?);
        Ok(section.and_then(|s| u32::try_from(s).ok()))
    }

    /// Sets the member's own position to `section` (back or forward), at `now` (Unix seconds).
    pub async fn set_own_position(
        &self,
        member: Member<'_>,
        section: u32,
        now: i64,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO member_positions (guild, member, text, section, set_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (guild, member, text) DO UPDATE
             SET section = excluded.section, set_at = excluded.set_at";
        let key = member.key();
        let written = self.reading_cache.writing(&key, async {
            Ok::<_, StoreError>(on_pool!(self, pool => sqlx::query(sql)
                .bind(id(member.guild))
                .bind(id(member.member))
                .bind(member.text)
                .bind(i64::from(section))
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()))
        });
        written.await?;
        self.confirmed(())
    }

    /// Moves the member's own position forward to `section`, never back ("I've read it").
    pub async fn advance_own_position(
        &self,
        member: Member<'_>,
        section: u32,
        now: i64,
    ) -> Result<Advanced, StoreError> {
        // `RETURNING` yields a row only when the insert or the update happened; all rows are
        // read so that SQLite has committed before the answer (see `suggestions`).
        let sql = "INSERT INTO member_positions (guild, member, text, section, set_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (guild, member, text) DO UPDATE
             SET section = excluded.section, set_at = excluded.set_at
             WHERE excluded.section > member_positions.section
             RETURNING section";
        let key = member.key();
        self.reading_cache.forget(&key);
        let moved = on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(id(member.guild))
            .bind(id(member.member))
            .bind(member.text)
            .bind(i64::from(section))
            .bind(now)
            .fetch_all(pool)
            .await);
        self.reading_cache.forget(&key);
        if !moved?.is_empty() {
            return self.confirmed(Advanced::Moved);
        }
        let at = self.own_position(member).await?.unwrap_or(section);
        Ok(Advanced::Already(at))
    }

    /// How many members of `guild` are at each section of `text`, by section, ascending.
    pub async fn position_counts(
        &self,
        guild: u64,
        text: &str,
    ) -> Result<Vec<(u32, u64)>, StoreError> {
        let sql = "SELECT section, COUNT(*) FROM member_positions
             WHERE guild = $1 AND text = $2 GROUP BY section ORDER BY section";
        let rows: Vec<(i64, i64)> = on_pool!(self, pool => sqlx::query_as(sql)
            .bind(id(guild))
            .bind(text)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .filter_map(|(section, count)| {
                Some((u32::try_from(section).ok()?, u64::try_from(count).ok()?))
            })
            .collect())
    }

    /// How many members of the plan's server, reading `text`, are behind the last section the
    /// plan posted (their own position is before it); 0 before its first post.
    pub async fn members_behind(
        &self,
        guild: u64,
        text: &str,
        plan_id: i64,
    ) -> Result<u64, StoreError> {
        let sql = "SELECT COUNT(*) FROM member_positions
             WHERE guild = $1 AND text = $2 AND section < (
                 SELECT MAX(section) FROM plan_posts WHERE plan = $3 AND state = 'posted')";
        let count: i64 = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(id(guild))
            .bind(text)
            .bind(plan_id)
            .fetch_one(pool)
            .await?);
        Ok(u64::try_from(count).unwrap_or(0))
    }
}
