-- Each member's own reading position, set with `/progress mine:true section:N` or the "I've read
-- it" button: the spoiler guard holds that member's lookups to it, whatever the group's.
CREATE TABLE member_positions (
    guild BIGINT NOT NULL,
    member BIGINT NOT NULL,
    -- the id of the text the server read when it was set (never NULL: the default text's id)
    text TEXT NOT NULL,
    -- the last section the member has read
    section BIGINT NOT NULL,
    -- unix seconds when it was last set
    set_at BIGINT NOT NULL,
    PRIMARY KEY (guild, member, text)
);

-- /progress counts members per section, and /plan status those behind a plan.
CREATE INDEX member_positions_by_section ON member_positions (guild, text, section);

-- The server a position belongs to, so that `seminar forget --guild` finds its channels' rows too;
-- NULL for rows written before this migration (a server's own row names it in its scope).
ALTER TABLE reading_progress ADD COLUMN guild BIGINT;
