//! The database: migrations from an empty file, what it remembers across a reopen,
//! `seminar backup`, and a database file deleted or replaced while it is open.

use crate::support::{seminar_in_env, stderr, stdout};
use seminar_core::content::model::PromptId;
use seminar_store::{Place, Store, StoreError};

fn prompt(section: u32, ordinal: u32) -> PromptId {
    PromptId { section, ordinal }
}

#[tokio::test]
async fn an_empty_file_gets_every_migration_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/seminar.db");
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.migrations().await.unwrap(), [1, 2, 3, 4, 5]);
    assert!(path.is_file());
    store.close().await;
}

#[tokio::test]
async fn reopening_applies_nothing_twice_and_keeps_what_was_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seminar.db");
    let store = Store::open(&path).await.unwrap();
    store
        .record_prompt(Place::Guild(7), prompt(13, 2), 20)
        .await
        .unwrap();
    store
        .record_prompt(Place::Guild(7), prompt(4, 1), 10)
        .await
        .unwrap();
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.migrations().await.unwrap(), [1, 2, 3, 4, 5]);
    assert_eq!(
        store.prompts_shown(Place::Guild(7)).await.unwrap(),
        [prompt(4, 1), prompt(13, 2)]
    );
    store.close().await;
}

#[tokio::test]
async fn a_prompt_shown_again_moves_to_the_end_and_places_are_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("seminar.db")).await.unwrap();
    store
        .record_prompt(Place::Guild(1), prompt(1, 1), 1)
        .await
        .unwrap();
    store
        .record_prompt(Place::Guild(1), prompt(2, 1), 2)
        .await
        .unwrap();
    store
        .record_prompt(Place::Guild(1), prompt(1, 1), 3)
        .await
        .unwrap();
    store
        .record_prompt(Place::Channel(1), prompt(9, 9), 4)
        .await
        .unwrap();
    assert_eq!(
        store.prompts_shown(Place::Guild(1)).await.unwrap(),
        [prompt(2, 1), prompt(1, 1)]
    );
    assert_eq!(
        store.prompts_shown(Place::Channel(1)).await.unwrap(),
        [prompt(9, 9)]
    );
    assert!(
        store
            .prompts_shown(Place::Guild(2))
            .await
            .unwrap()
            .is_empty()
    );
    store.close().await;
}

#[tokio::test]
async fn a_backup_taken_while_open_is_a_database_with_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("seminar.db")).await.unwrap();
    store
        .record_prompt(Place::Guild(3), prompt(5, 2), 1)
        .await
        .unwrap();
    let copy = dir.path().join("copy.db");
    assert!(store.backup(&copy).await.unwrap() > 0);
    store.close().await;
    let restored = Store::open_existing(&copy).await.unwrap();
    assert_eq!(
        restored.prompts_shown(Place::Guild(3)).await.unwrap(),
        [prompt(5, 2)]
    );
    restored.close().await;
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("seminar.db")).await.unwrap();
    let taken = dir.path().join("taken.db");
    std::fs::write(&taken, "keep me").unwrap();
    assert!(matches!(
        store.backup(&taken).await,
        Err(StoreError::BackupExists(_))
    ));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "keep me");
    store.close().await;
}

#[tokio::test]
async fn seminar_backup_copies_the_configured_database() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("seminar.db");
    let store = Store::open(&database).await.unwrap();
    store
        .record_prompt(Place::Guild(3), prompt(5, 2), 1)
        .await
        .unwrap();
    let copy = dir.path().join("copy.db");
    let (database_var, copy_arg) = (
        database.to_string_lossy().into_owned(),
        copy.to_string_lossy().into_owned(),
    );
    let output = tokio::task::spawn_blocking(move || {
        seminar_in_env(
            &["backup", &copy_arg],
            None,
            &[("SEMINAR_DATABASE", &database_var)],
        )
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(&format!(
        "Backed up {} to {} (",
        database.display(),
        copy.display()
    )));
    assert!(copy.is_file());
    store.close().await;
}

#[test]
fn seminar_backup_without_a_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let copy = dir.path().join("copy.db");
    let output = seminar_in_env(
        &["backup", &copy.to_string_lossy()],
        None,
        &[("SEMINAR_DATABASE", &missing.to_string_lossy())],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "seminar: there is no database at {} yet\n",
            missing.display()
        )
    );
    assert!(!copy.exists());
}

/// Whether the store said its file is lost.
fn is_lost(error: &StoreError) -> bool {
    matches!(error, StoreError::Lost(_))
}

#[tokio::test]
async fn a_write_after_the_file_was_deleted_is_an_error_and_makes_no_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seminar.db");
    let store = Store::open(&path).await.unwrap();
    store.set_reading(Place::Guild(1), Some(3)).await.unwrap();
    std::fs::remove_file(&path).unwrap();
    let error = store
        .set_reading(Place::Guild(1), Some(11))
        .await
        .unwrap_err();
    assert!(is_lost(&error), "{error}");
    assert!(!path.exists(), "a new database appeared at the path");
}

#[tokio::test]
async fn once_the_file_is_lost_reads_are_errors_too_and_still_make_no_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seminar.db");
    let store = Store::open(&path).await.unwrap();
    std::fs::remove_file(&path).unwrap();
    // More reads than the pool has connections, so that new ones would be opened.
    for _ in 0..6 {
        let error = store.reading_at(Place::Guild(1)).await.unwrap_err();
        assert!(is_lost(&error), "{error}");
    }
    assert!(!path.exists(), "a new database appeared at the path");
}

#[tokio::test]
async fn a_file_replaced_by_another_database_is_lost_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seminar.db");
    let store = Store::open(&path).await.unwrap();
    let other = Store::open(&dir.path().join("other.db")).await.unwrap();
    other.close().await;
    std::fs::rename(dir.path().join("other.db"), &path).unwrap();
    let error = store
        .record_prompt(Place::Guild(1), prompt(1, 1), 1)
        .await
        .unwrap_err();
    assert!(is_lost(&error), "{error}");
}

#[test]
fn seminar_backup_on_postgres_says_how_to_use_pg_dump_and_never_shows_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let url = "postgres://seminar:s3cret@127.0.0.1:1/seminar";
    let output = seminar_in_env(
        &["backup", &copy.to_string_lossy()],
        None,
        &[("SEMINAR_DATABASE", url)],
    );
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.starts_with(
            "seminar: the database is PostgreSQL (postgres://seminar:***@127.0.0.1:1/seminar); \
             `seminar backup` copies SQLite files only. Back it up with pg_dump"
        ),
        "{said}"
    );
    assert!(!said.contains("s3cret"), "{said}");
    assert!(!copy.exists());
}

#[test]
fn a_database_url_of_another_kind_stops_seminar_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    for url in [
        "mysql://root:s3cret@127.0.0.1/seminar",
        "http://example.com/db",
        "postgres:seminar",
    ] {
        let output = seminar_in_env(
            &["backup", &copy.to_string_lossy()],
            None,
            &[("SEMINAR_DATABASE", url)],
        );
        assert_eq!(output.status.code(), Some(1), "{url}");
        let said = stderr(&output);
        assert!(said.contains("SEMINAR_DATABASE: the database "), "{said}");
        assert!(said.contains(seminar_store::ACCEPTED), "{said}");
        assert!(!said.contains("s3cret"), "{said}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "{url}");
        let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(!repository.join("postgres:seminar").exists());
    }
}
