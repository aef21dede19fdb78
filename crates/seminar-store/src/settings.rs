//! Each server's settings (moderator role, private lookups, plan defaults, thread archiving) and
//! each group's reading position.

use std::time::Instant;

use crate::{Place, Store, StoreError, on_pool};

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
    bool,
    i64,
    i64,
    String,
    String,
    bool,
    Option<String>,
);

impl Store {
    /// The settings of `guild`. On PostgreSQL they may come from the last few seconds' read
    /// (see [`crate::PoolSettings::settings_ttl`]); a write through this store is seen at once.
    pub async fn settings(&self, guild: u64) -> Result<GuildSettings, StoreError> {
        if let Some(settings) = self.settings_cache.get(&guild) {
            return Ok(settings);
        }
        let read_at = Instant::now();
        let sql = "SELECT moderator_role, private_lookups, archive_minutes, plan_every_days,
                    plan_at, plan_timezone, plan_threads, text
             FROM guild_settings WHERE guild = $1";
        let row: Option<SettingsRow> = on_pool!(self, pool => sqlx::query_as(sql)
            .bind(id(guild))
            .fetch_optional(pool)
            .await?);
        let settings = row.map_or_else(GuildSettings::default, |r| GuildSettings {
            moderator_role: r.0.map(|v| v as u64),
            private_lookups: r.1,
            archive_minutes: u32::try_from(r.2).unwrap_or(1440),
            plan_every_days: u32::try_from(r.3).unwrap_or(1),
            plan_at: r.4,
            plan_timezone: r.5,
            plan_threads: r.6,
            text: r.7,
        });
        self.settings_cache.put(guild, read_at, &settings);
        Ok(settings)
    }

    /// Replaces the settings of `guild`.
    pub async fn save_settings(
        &self,
        guild: u64,
        settings: &GuildSettings,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO guild_settings (guild, moderator_role, private_lookups,
                 archive_minutes, plan_every_days, plan_at, plan_timezone, plan_threads, text)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (guild) DO UPDATE SET moderator_role = excluded.moderator_role,
                 private_lookups = excluded.private_lookups,
                 archive_minutes = excluded.archive_minutes,
                 plan_every_days = excluded.plan_every_days, plan_at = excluded.plan_at,
                 plan_timezone = excluded.plan_timezone, plan_threads = excluded.plan_threads,
                 text = excluded.text";
        let saved = self.settings_cache.writing(&guild, async {
            Ok::<_, StoreError>(on_pool!(self, pool => sqlx::query(sql)
                .bind(id(guild))
                .bind(settings.moderator_role.map(id))
                .bind(settings.private_lookups)
                .bind(i64::from(settings.archive_minutes))
                .bind(i64::from(settings.plan_every_days))
                .bind(&settings.plan_at)
                .bind(&settings.plan_timezone)
                .bind(settings.plan_threads)
                .bind(&settings.text)
                .execute(pool)
                .await?
                .rows_affected()))
        });
        saved.await?;
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
        let places = [
            Place::Channel(channel),
            Place::Channel(parent.unwrap_or(channel)),
            Place::Guild(guild),
        ];
        let positions = self.readings_at(places).await?;
        Ok(positions.into_iter().flatten().next())
    }

    /// The position set for exactly `place` (not inherited).
    pub async fn reading_at(&self, place: Place) -> Result<Option<u32>, StoreError> {
        Ok(self.readings_at([place; 3]).await?[0])
    }

    /// The positions set for exactly these places (not inherited), in their order, read in
    /// one query.
    pub async fn readings_at(&self, places: [Place; 3]) -> Result<[Option<u32>; 3], StoreError> {
        let keys = places.map(Place::key);
        let cached = keys.clone().map(|key| self.reading_cache.get(&key));
        if cached.iter().all(Option::is_some) {
            return Ok(cached.map(Option::flatten));
        }
        let read_at = Instant::now();
        let sql = "SELECT scope, section FROM reading_progress WHERE scope IN ($1, $2, $3)";
        let rows: Vec<(String, i64)> = on_pool!(self, pool => sqlx::query_as(sql)
            .bind(&keys[0])
            .bind(&keys[1])
            .bind(&keys[2])
            .fetch_all(pool)
            .await?);
        Ok(keys.map(|key| {
            let position = rows
                .iter()
                .find(|(scope, _)| *scope == key)
                .and_then(|(_, section)| u32::try_from(*section).ok());
            self.reading_cache.put(key, read_at, &position);
            position
        }))
    }

    /// Sets the position of `place`; `None` forgets it.
    pub async fn set_reading(&self, place: Place, section: Option<u32>) -> Result<(), StoreError> {
        self.set_reading_in(place.guild(), place, section).await
    }

    /// Sets the position of `place`, a channel of `guild` (or the server itself); `None` forgets
    /// it. Knowing the server lets `seminar forget --guild` find a channel's row.
    pub async fn set_reading_in(
        &self,
        guild: Option<u64>,
        place: Place,
        section: Option<u32>,
    ) -> Result<(), StoreError> {
        self.reading_cache
            .writing(&place.key(), self.write_reading(guild, place, section))
            .await
    }

    async fn write_reading(
        &self,
        guild: Option<u64>,
        place: Place,
        section: Option<u32>,
    ) -> Result<(), StoreError> {
        match section {
            Some(section) => {
                let sql = "INSERT INTO reading_progress (scope, section, guild) VALUES ($1, $2, $3)
                     ON CONFLICT (scope) DO UPDATE SET section = excluded.section,
                         guild = COALESCE(excluded.guild, reading_progress.guild)";
                on_pool!(self, pool => sqlx::query(sql)
                    .bind(place.key())
                    .bind(i64::from(section))
                    .bind(guild.map(id))
                    .execute(pool)
                    .await?
                    .rows_affected());
            }
            None => {
                let sql = "DELETE FROM reading_progress WHERE scope = $1";
                on_pool!(self, pool => sqlx::query(sql)
                    .bind(place.key())
                    .execute(pool)
                    .await?
                    .rows_affected());
            }
        }
        self.confirmed(())
    }

    /// Moves the position of `place` forward to `section` (never back): a plan's post advances
    /// the group, a moderator who set it further ahead keeps it.
    pub async fn advance_reading(&self, place: Place, section: u32) -> Result<(), StoreError> {
        self.advance_reading_in(place.guild(), place, section).await
    }

    /// [`Store::advance_reading`] for a channel of `guild`.
    pub async fn advance_reading_in(
        &self,
        guild: Option<u64>,
        place: Place,
        section: u32,
    ) -> Result<(), StoreError> {
        self.reading_cache.forget(&place.key());
        let written = self.write_advance(guild, place, section).await;
        self.reading_cache.forget(&place.key());
        written
    }

    async fn write_advance(
        &self,
        guild: Option<u64>,
        place: Place,
        section: u32,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO reading_progress (scope, section, guild) VALUES ($1, $2, $3)
             ON CONFLICT (scope) DO UPDATE SET section = CASE
                 WHEN excluded.section > reading_progress.section THEN excluded.section
                 ELSE reading_progress.section END,
                 guild = COALESCE(excluded.guild, reading_progress.guild)";
        on_pool!(self, pool => sqlx::query(sql)
            .bind(place.key())
            .bind(i64::from(section))
            .bind(guild.map(id))
            .execute(pool)
            .await?
            .rows_affected());
        self.confirmed(())
    }
}

/// A Discord id as a signed 64-bit integer (both databases' integer); ids fit in 63 bits.
pub(crate) fn id(value: u64) -> i64 {
    value as i64
}
