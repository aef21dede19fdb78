//! The same store test on both databases: a SQLite file in a temporary directory, and a fresh
//! database on the throwaway PostgreSQL cluster (`pg-harness`), which fails the test saying why
//! if PostgreSQL cannot be started.

use seminar_store::{Database, Store};

/// An open store and what keeps it alive.
pub struct TestStore {
    pub store: Store,
    /// The database's URL or path, to open it again (as another process would).
    pub database: Database,
    _dir: Option<tempfile::TempDir>,
}

impl TestStore {
    /// A new SQLite database.
    pub async fn sqlite() -> TestStore {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let database = Database::sqlite(dir.path().join("seminar.db"));
        TestStore::open(database, Some(dir)).await
    }

    /// A new PostgreSQL database.
    pub async fn postgres() -> TestStore {
        let url = tokio::task::spawn_blocking(pg_harness::fresh_database)
            .await
            .expect("a database is created");
        let database = Database {
            location: seminar_store::Location::Postgres(url),
            pool: Default::default(),
        };
        TestStore::open(database, None).await
    }

    async fn open(database: Database, dir: Option<tempfile::TempDir>) -> TestStore {
        let store = Store::connect(&database).await.expect("the store opens");
        TestStore {
            store,
            database,
            _dir: dir,
        }
    }

    /// Another store on the same database, as another process opens it.
    pub async fn reopen(&self) -> Store {
        Store::connect(&self.database)
            .await
            .expect("the store opens again")
    }
}

/// Runs each named `async fn NAME(store: &TestStore)` of the calling module as two tests,
/// `on_sqlite::NAME` and `on_postgres::NAME`.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::support::databases::TestStore::sqlite().await;
                    super::$name(&db).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::support::databases::TestStore::postgres().await;
                    super::$name(&db).await;
                }
            )*
        }
    };
}
pub(crate) use on_both_databases;
