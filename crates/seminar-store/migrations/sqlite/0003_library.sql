-- A library of texts: each server reads one text (NULL: the library's default), and each plan posts
-- the text it was started on, even if the server later switches texts.
ALTER TABLE guild_settings ADD COLUMN text TEXT;
ALTER TABLE plans ADD COLUMN text TEXT;
