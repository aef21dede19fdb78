//! What every Discord frontend shares: the token, reading interactions, the REST client,
//! registration, and answering an interaction.

pub mod interaction;
pub mod register;
pub mod respond;
pub mod rest;
pub mod token;
