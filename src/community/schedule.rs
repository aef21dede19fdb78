//! When a reading plan posts: `every`, `at` and `timezone` parsed from what a moderator types, and
//! the instant of each occurrence.
