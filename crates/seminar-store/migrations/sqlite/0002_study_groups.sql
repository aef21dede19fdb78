-- Study groups: server settings, reading positions, reading plans and their posts, and the
-- prompts members suggest.

-- One row per server that changed a setting; a missing row means the defaults.
CREATE TABLE guild_settings (
    guild INTEGER PRIMARY KEY,
    -- members with this role may moderate Seminar besides those with the permissions
    moderator_role INTEGER,
    -- lookups reply privately unless asked otherwise
    private_lookups INTEGER NOT NULL DEFAULT 0,
    -- thread auto-archive duration, minutes: 60, 1440, 4320 or 10080
    archive_minutes INTEGER NOT NULL DEFAULT 1440,
    -- defaults for /plan start
    plan_every_days INTEGER NOT NULL DEFAULT 1,
    plan_at TEXT NOT NULL DEFAULT '18:00',
    plan_timezone TEXT NOT NULL DEFAULT 'UTC',
    plan_threads INTEGER NOT NULL DEFAULT 1
) STRICT;

-- How far a group has read: 'guild:<id>' for a whole server, 'channel:<id>' for one channel.
CREATE TABLE reading_progress (
    scope TEXT PRIMARY KEY,
    section INTEGER NOT NULL
) STRICT;

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    guild INTEGER NOT NULL,
    channel INTEGER NOT NULL,
    -- the channel's type when the plan started: 15 is a forum
    channel_kind INTEGER NOT NULL,
    -- the section the next post opens
    next_section INTEGER NOT NULL,
    -- the timetable: occurrence n is due on start_date + n * every_days at at_time in timezone
    start_date TEXT NOT NULL,
    every_days INTEGER NOT NULL,
    at_time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    -- the next occurrence not yet handled
    next_occurrence INTEGER NOT NULL,
    threads INTEGER NOT NULL,
    -- after downtime: 'all' missed occurrences, or only the 'latest'
    catch_up TEXT NOT NULL CHECK (catch_up IN ('all', 'latest')),
    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished', 'stopped')),
    -- why a plan paused itself (Discord refused a post), shown by /plan status
    paused_reason TEXT,
    -- the channel where the plan's moderator ran /plan start, told when the plan pauses itself
    notify_channel INTEGER NOT NULL,
    created_by INTEGER NOT NULL
) STRICT;

-- One live plan per channel; finished and stopped plans stay as history.
CREATE UNIQUE INDEX plans_live_per_channel ON plans (channel) WHERE status IN ('active', 'paused');

-- Every post a plan makes. The row is written before posting ('intent') and completed after
-- ('posted'), so a crash in between is finished on restart with the same nonce, not repeated.
CREATE TABLE plan_posts (
    plan INTEGER NOT NULL REFERENCES plans (id),
    occurrence INTEGER NOT NULL,
    section INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('intent', 'posted')),
    -- unix seconds when the intent was recorded
    intended_at INTEGER NOT NULL,
    message INTEGER,
    thread INTEGER,
    PRIMARY KEY (plan, occurrence)
) STRICT;

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    guild INTEGER NOT NULL,
    author INTEGER NOT NULL,
    section INTEGER NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at INTEGER NOT NULL,
    reviewed_by INTEGER
) STRICT;

CREATE INDEX suggestions_by_status ON suggestions (guild, status, id);
