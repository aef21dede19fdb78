//! A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary directory,
//! the server on a free port of 127.0.0.1 with its socket in that directory (as the `postgres`
//! user when running as root, since PostgreSQL refuses root), one fresh database per test, and
//! the cluster stopped when the process exits.
//!
//! When PostgreSQL cannot be started, [`shared`] and [`Cluster::start`] say why, and the tests
//! that need it fail with that message: they are never skipped quietly.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The role the tests connect as; it owns every database and needs no password (trust, only on
/// 127.0.0.1 and the private socket).
pub const ROLE: &str = "seminar";

/// A running PostgreSQL cluster.
#[derive(Debug)]
pub struct Cluster {
    /// Holds the data directory, the socket and the log; removed on drop.
    dir: Option<tempfile::TempDir>,
    /// The same path, kept after `dir` is given up (the shared cluster is removed at exit).
    root: PathBuf,
    bin: PathBuf,
    port: u16,
    /// Who runs the server: `postgres` when this process is root, else this process's user.
    run_as: Option<String>,
    databases: AtomicU32,
}

/// The cluster shared by every test of this process, started on first use and stopped (its
/// directory removed) when the process exits. Panics with the reason if it cannot start.
pub fn shared() -> &'static Cluster {
    static SHARED: OnceLock<Result<Cluster, String>> = OnceLock::new();
    let cluster = SHARED.get_or_init(|| {
        let mut cluster = Cluster::start()?;
        // Stopped by `stop_shared` at exit instead of by drop: statics are never dropped.
        if let Some(dir) = cluster.dir.take() {
            let _ = dir.keep();
        }
        let _ = AT_EXIT.set((
            cluster.bin.clone(),
            cluster.root.clone(),
            cluster.run_as.clone(),
        ));
        // SAFETY: registering a plain `extern "C" fn()` that only runs child processes.
        unsafe { libc::atexit(stop_shared) };
        Ok(cluster)
    });
    match cluster {
        Ok(cluster) => cluster,
        Err(why) => panic!("PostgreSQL could not be started for these tests: {why}"),
    }
}

/// A fresh, empty database on the shared cluster; its URL.
pub fn fresh_database() -> String {
    shared().create_database()
}

static AT_EXIT: OnceLock<(PathBuf, PathBuf, Option<String>)> = OnceLock::new();

extern "C" fn stop_shared() {
    if let Some((bin, root, run_as)) = AT_EXIT.get() {
        let _ = pg_ctl(bin, root, run_as.as_deref(), &["stop", "-m", "immediate"]);
        let _ = std::fs::remove_dir_all(root);
    }
}

impl Cluster {
    /// Starts a new cluster of its own (a test that stops and restarts PostgreSQL needs one);
    /// stopped and removed when dropped.
    pub fn start() -> Result<Cluster, String> {
        let bin = bin_dir()?;
        let run_as = is_root().then(|| "postgres".to_string());
        let dir = tempfile::Builder::new()
            .prefix("seminar-pg-")
            .tempdir()
            .map_err(|e| format!("cannot make a temporary directory: {e}"))?;
        let root = dir.path().to_path_buf();
        std::fs::create_dir(root.join("socket"))
            .map_err(|e| format!("cannot make the socket directory: {e}"))?;
        if let Some(user) = &run_as {
            give_to(user, &root)?;
            give_to(user, &root.join("socket"))?;
        }
        let data = root.join("data");
        let initdb = run(command(&bin.join("initdb"), run_as.as_deref())
            .arg("--pgdata")
            .arg(&data)
            .args(["--username", ROLE, "--auth", "trust", "--encoding", "UTF8"])
            .args(["--no-sync", "--no-instructions"]))?;
        if !initdb.status.success() {
            return Err(format!(
                "initdb failed ({}): {}",
                initdb.status,
                String::from_utf8_lossy(&initdb.stderr).trim()
            ));
        }
        let port = free_port()?;
        let cluster = Cluster {
            dir: Some(dir),
            root,
            bin,
            port,
            run_as,
            databases: AtomicU32::new(0),
        };
        cluster.start_server()?;
        Ok(cluster)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `name`.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://{ROLE}@127.0.0.1:{}/{name}", self.port)
    }

    /// A new empty database; its URL.
    pub fn create_database(&self) -> String {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("test_{}_{n}", std::process::id());
        let created = run(Command::new(self.bin.join("createdb"))
            .args(["--host", "127.0.0.1", "--username", ROLE])
            .args(["--port", &self.port.to_string()])
            .arg(&name))
        .unwrap_or_else(|why| panic!("cannot create a PostgreSQL database: {why}"));
        assert!(
            created.status.success(),
            "createdb {name} failed: {}",
            String::from_utf8_lossy(&created.stderr).trim()
        );
        self.url(&name)
    }

    /// Stops the server, cutting every connection as when the database host goes away. The
    /// data committed so far is kept (`fast`, not `immediate`: commits are not synchronous here).
    pub fn stop(&self) -> Result<(), String> {
        let stopped = pg_ctl(
            &self.bin,
            &self.root,
            self.run_as.as_deref(),
            &["stop", "-m", "fast"],
        )?;
        if stopped.status.success() {
            Ok(())
        } else {
            Err(format!(
                "pg_ctl stop failed: {}",
                String::from_utf8_lossy(&stopped.stderr).trim()
            ))
        }
    }

    /// Starts the server again on the same port, with the same data.
    pub fn restart(&self) -> Result<(), String> {
        self.start_server()
    }

    fn start_server(&self) -> Result<(), String> {
        let socket = self.root.join("socket");
        let options = format!(
            "-h 127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=400",
            self.port,
            socket.display()
        );
        let log = self.root.join("server.log");
        let log = log.to_string_lossy();
        let started = pg_ctl(
            &self.bin,
            &self.root,
            self.run_as.as_deref(),
            &["start", "-w", "-t", "30", "-l", &log, "-o", &options],
        )?;
        if started.status.success() {
            return Ok(());
        }
        let log = std::fs::read_to_string(self.root.join("server.log")).unwrap_or_default();
        Err(format!(
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&started.stderr).trim(),
            log.trim()
        ))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.dir.is_some() {
            let _ = pg_ctl(
                &self.bin,
                &self.root,
                self.run_as.as_deref(),
                &["stop", "-m", "immediate"],
            );
        }
    }
}

/// `pg_ctl ARGS` on the cluster in `root`.
fn pg_ctl(bin: &Path, root: &Path, run_as: Option<&str>, args: &[&str]) -> Result<Output, String> {
    run(command(&bin.join("pg_ctl"), run_as)
        .arg("--pgdata")
        .arg(root.join("data"))
        .args(args))
}

/// `program`, run as `user` through `runuser` when one is named.
fn command(program: &Path, user: Option<&str>) -> Command {
    match user {
        Some(user) => {
            let mut command = Command::new("runuser");
            command.args(["-u", user, "--"]).arg(program);
            command
        }
        None => Command::new(program),
    }
}

fn run(command: &mut Command) -> Result<Output, String> {
    command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))
}

/// Where PostgreSQL's programs are: `pg_config --bindir`, else the newest
/// `/usr/lib/postgresql/*/bin`.
fn bin_dir() -> Result<PathBuf, String> {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|dir| dir.join("initdb").is_file());
    if let Some(dir) = from_pg_config {
        return Ok(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| {
            format!(
                "PostgreSQL is not installed (no pg_config, and /usr/lib/postgresql: {e}); install \
                 the postgresql package (.ci/run does on Debian and Ubuntu)"
            )
        })?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        "no initdb under /usr/lib/postgresql/*/bin; install the postgresql package".to_string()
    })
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Makes `user` own `path`, so the server it runs as can write there.
fn give_to(user: &str, path: &Path) -> Result<(), String> {
    let name = std::ffi::CString::new(user).map_err(|e| e.to_string())?;
    // SAFETY: getpwnam reads a NUL-terminated name; the record is copied out at once.
    let (uid, gid) = unsafe {
        let entry = libc::getpwnam(name.as_ptr());
        if entry.is_null() {
            return Err(format!(
                "there is no `{user}` user to run PostgreSQL as (it refuses to run as root); \
                 the postgresql package creates it"
            ));
        }
        ((*entry).pw_uid, (*entry).pw_gid)
    };
    std::os::unix::fs::chown(path, Some(uid), Some(gid))
        .map_err(|e| format!("cannot give {} to {user}: {e}", path.display()))
}

/// A port of 127.0.0.1 free a moment ago.
fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}
