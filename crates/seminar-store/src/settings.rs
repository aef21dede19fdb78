//! Each server's settings (moderator role, private lookups, plan defaults, thread archiving) and
//! each group's reading position.

use crate::{Place, Store, StoreError};

/// A server's settings; a server that never changed one has the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildSettings {
    /// Members with this role may moderate Seminar, besides those with the permissions.
    pub moderator_role: Option<u64>,
    /// Lookups reply privately unless `private:false`.
    pub private_lookups: bool,
    /// Threads Seminar opens are archived after this many quiet minutes.
    pub archive_minutes: u32,
    pub plan_every_days: u32,
    /// `HH:MM`.
    pub plan_at: String,
    /// An IANA zone name.
    pub plan_timezone: String,
    pub plan_threads: bool,
    /// The id of the text the server reads; `None`: the library's default.
    pub text: Option<String>,
}

impl Default for GuildSettings {
    fn default() -> Self {
        GuildSettings {
            moderator_role: None,
            private_lookups: false,
            archive_minutes: 1440,
            plan_every_days: 1,
            plan_at: "18:00".into(),
            plan_timezone: "UTC".into(),
            plan_threads: true,
            text: None,
        }
    }
}

type SettingsRow = (
    Option<i64>,
    i64,
    i64,
    i64,
    String,
    String,
    i64,
    Option<String>,
);

impl Store {
    /// The settings of `guild`.
    pub async fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        let row: Option<SettingsRow> = sqlx::query_as(
            "SELECT moderator_role, private_lookups, archive_minutes, plan_every_days, plan_at,
                    plan_timezone, plan_threads, text
             FROM guild_settings WHERE guild = ?",
        )
        .bind(id(guild))
        .fetch_optional(self.pool()?)
        .await?;
        Ok(row.map_or_else(GuildSettings::default, |r| GuildSettings {
            moderator_role: r.0.map(|v| v as u64),
            private_lookups: r.1 != 0,
            archive_minutes: u32::try_from(r.2).unwrap_or(1440),
            plan_every_days: u32::try_from(r.3).unwrap_or(1),
            plan_at: r.4,
            plan_timezone: r.5,
            plan_threads: r.6 != 0,
            text: r.7,
        }))
    }

    /// Replaces the settings of `guild`.
    pub async fn save_settings(
        &self,
        guild: u64,
        settings: &GuildSettings,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO guild_settings (guild, moderator_role, private_lookups, archive_minutes,
                 plan_every_days, plan_at, plan_timezone, plan_threads, text)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (guild) DO UPDATE SET moderator_role = excluded.moderator_role,
                 private_lookups = excluded.private_lookups,
                 archive_minutes = excluded.archive_minutes,
                 plan_every_days = excluded.plan_every_days, plan_at = excluded.plan_at,
                 plan_timezone = excluded.plan_timezone, plan_threads = excluded.plan_threads,
                 text = excluded.text",
        )
        .bind(id(guild))
        .bind(settings.moderator_role.map(id))
        .bind(settings.private_lookups)
        .bind(i64::from(settings.archive_minutes))
        .bind(i64::from(settings.plan_every_days))
        .bind(&settings.plan_at)
        .bind(&settings.plan_timezone)
        .bind(settings.plan_threads)
        .bind(&settings.text)
        .execute(self.pool()?)
        .await?;
        self.confirmed(())
    }

    /// How far the group in `channel` of `guild` has read: the channel's own position, else (in
    /// a thread) its parent channel's, else the server's; `None` if none was set.
    pub async fn reading(
        &self,
        guild: u64,
        channel: u64,
        parent: Option<u64>,
    ) -> Result<Option<u32>, StoreError> {
        let scopes = [
            Place::Channel(channel).key(),
            Place::Channel(parent.unwrap_or(channel)).key(),
            Place::Guild(guild).key(),
        ];
        let section: Option<i64> = sqlx::query_scalar(
            "SELECT section FROM reading_progress WHERE scope IN (?1, ?2, ?3)
             ORDER BY CASE scope WHEN ?1 THEN 0 WHEN ?2 THEN 1 ELSE 2 END LIMIT 1",
        )
        .bind(&scopes[0])
        .bind(&scopes[1])
        .bind(&scopes[2])
        .fetch_optional(self.pool()?)
        .await?;
        Ok(section.and_then(|s| u32::try_from(s).ok()))
    }

    /// The position set for exactly `place` (not inherited).
    pub async fn reading_at(&self, place: Place) -> Result<Option<u32>, StoreError> {
        let section: Option<i64> =
            sqlx::query_scalar("SELECT section FROM reading_progress WHERE scope = ?")
                .bind(place.key())
                .fetch_optional(self.pool()?)
                .await?;
        Ok(section.and_then(|s| u32::try_from(s).ok()))
    }

    /// Sets the position of `place`; `None` forgets it.
    pub async fn set_reading(&self, place: Place, section: Option<u32>) -> Result<(), StoreError> {
        match section {
            Some(section) => {
                sqlx::query(
                    "INSERT INTO reading_progress (scope, section) VALUES (?, ?)
                     ON CONFLICT (scope) DO UPDATE SET section = excluded.section",
                )
                .bind(place.key())
                .bind(i64::from(section))
                .execute(self.pool()?)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM reading_progress WHERE scope = ?")
                    .bind(place.key())
                    .execute(self.pool()?)
                    .await?;
            }
        }
        self.confirmed(())
    }

    /// Moves the position of `place` forward to `section` (never back): a plan's post advances
    /// the group, a moderator who set it further ahead keeps it.
    pub async fn advance_reading(&self, place: Place, section: u32) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO reading_progress (scope, section) VALUES (?, ?)
             ON CONFLICT (scope) DO UPDATE SET section = max(section, excluded.section)",
        )
        .bind(place.key())
        .bind(i64::from(section))
        .execute(self.pool()?)
        .await?;
        self.confirmed(())
    }
}

/// A Discord id as SQLite's signed integer; ids fit in 63 bits.
pub(crate) fn id(value: u64) -> i64 {
    value as i64
}
