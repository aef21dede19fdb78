//! Renderers: a neutral reply drawn for Discord (JSON bodies) or for a terminal (text).

pub mod components;
pub mod discord;
pub mod limits;
pub mod modal;
pub mod registration;
pub mod terminal;
