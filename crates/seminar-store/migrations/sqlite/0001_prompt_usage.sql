-- Prompts shown in each place (a server, or a channel outside servers), so that /question
-- cycles through every prompt before any repeats, across restarts.
CREATE TABLE prompt_usage (
    -- 'guild:<id>' or 'channel:<id>'
    scope TEXT NOT NULL,
    -- the prompt's id, e.g. '13.2'
    prompt TEXT NOT NULL,
    -- when it was last shown, as an increasing tick (the interaction's snowflake id)
    used_at INTEGER NOT NULL,
    PRIMARY KEY (scope, prompt)
) STRICT;

CREATE INDEX prompt_usage_by_age ON prompt_usage (scope, used_at);
