//! `seminar forget --guild ID [--user ID]`: erases a member's data in a server, or a whole
//! server's, from the database `seminar run` and `seminar serve` use, and prints what went.

use std::process::ExitCode;

use crate::config::Config;
use crate::startup::{finish, runtime};
use seminar_store::{Forget, Location, Store};

/// Erases what `whom` names and prints the rows removed or changed, table by table.
pub fn forget(config: &Config, whom: Forget) -> ExitCode {
    let database = match config.database.database() {
        Ok(database) => database,
        Err(e) => return finish(Err(e)),
    };
    let outcome = runtime().and_then(|runtime| {
        runtime.block_on(async {
            // A SQLite file that does not exist holds nothing: it is not created to be emptied.
            let store = match &database.location {
                Location::Sqlite(path) => Store::open_existing(path).await,
                Location::Postgres(_) => Store::connect(&database).await,
            }
            .map_err(|e| e.to_string())?;
            let erased = store.forget(whom).await.map_err(|e| e.to_string());
            store.close().await;
            erased
        })
    });
    let whose = match whom {
        Forget::Member { guild, member } => format!("member {member} in server {guild}"),
        Forget::Guild(guild) => format!("server {guild}"),
    };
    finish(outcome.map(|erased| {
        Some(match erased.is_empty() {
            true => format!("Nothing was stored about {whose}."),
            false => {
                let lines: Vec<String> = erased.iter().map(|e| format!("  {e}")).collect();
                format!("Forgot {whose}:\n{}", lines.join("\n"))
            }
        })
    }))
}
