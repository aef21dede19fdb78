//! Renderers: a neutral reply drawn for Discord (JSON bodies) or for a terminal (text).

pub mod discord;
pub mod limits;
pub mod registration;
pub mod terminal;
