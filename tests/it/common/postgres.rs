//! A PostgreSQL server of a test's own: a cluster made with `initdb` in a temporary folder,
//! listening on a free port of 127.0.0.1, stopped and removed when dropped. Debian's
//! `postgresql` package has the programs; `.ci/run` installs it and sets
//! `UPPFOLJNING_POSTGRES_TESTS=require`, which makes a missing server a failure instead of a
//! skipped engine.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A running cluster.
pub(crate) struct Postgres {
    folder: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// Whether the programs run as the `postgres` user (initdb refuses to run as root).
    as_postgres: bool,
}

/// The folder of the newest PostgreSQL's programs, if one is installed.
fn programs() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

/// Whether the tests must have PostgreSQL.
fn required() -> bool {
    std::env::var("UPPFOLJNING_POSTGRES_TESTS").is_ok_and(|v| v == "require")
}

impl Postgres {
    /// A new cluster, or `None` where PostgreSQL is not installed and not required.
    pub(crate) fn start() -> Option<Self> {
        let Some(bin) = programs() else {
            assert!(!required(), "PostgreSQL is required and not installed");
            eprintln!("PostgreSQL is not installed: its engine is skipped");
            return None;
        };
        // The postgres user must reach the folder: under /tmp, opened to others (the cluster's
        // own data folder inside it is 0700, initdb's doing).
        let folder = tempfile::Builder::new()
            .prefix("uppfoljning-pg-")
            .tempdir_in("/tmp")
            .expect("a folder");
        let as_postgres = unsafe { libc::geteuid() } == 0;
        if as_postgres {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755))
                .expect("opened");
            let chowned = Command::new("chown")
                .args(["postgres"])
                .arg(folder.path())
                .status()
                .expect("chown runs");
            assert!(chowned.success(), "the folder given to postgres");
        }
        let port = free_port();
        let cluster = Self {
            folder,
            bin,
            port,
            as_postgres,
        };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync"],
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1",
            cluster.folder.path().display()
        );
        let log = format!("{data}/../log");
        cluster.run(
            "pg_ctl",
            &["-D", &data, "-o", &options, "-l", &log, "start", "-w"],
        );
        Some(cluster)
    }

    /// A new, empty database named `name`, and its URL.
    pub(crate) fn database(&self, name: &str) -> String {
        let port = self.port.to_string();
        self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name],
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Runs `sql` in the database `name` with psql, as the service's own role: what it said
    /// and whether it succeeded.
    pub(crate) fn psql(&self, name: &str, sql: &str) -> (bool, String) {
        let port = self.port.to_string();
        let output = self
            .command("psql")
            .args(["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-d", name])
            .args(["-v", "ON_ERROR_STOP=1", "-c", sql])
            .output()
            .expect("psql runs");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), said)
    }

    /// Stops the server at once, as a crash would (the database must come back whole).
    pub(crate) fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "stop", "-m", "immediate"]);
    }

    /// Starts the stopped server again on its port.
    pub(crate) fn restart(&self) {
        let data = self.data();
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.folder.path().display()
        );
        let log = format!("{data}/../log");
        self.run(
            "pg_ctl",
            &["-D", &data, "-o", &options, "-l", &log, "start", "-w"],
        );
    }

    fn data(&self) -> String {
        format!("{}/data", self.folder.path().display())
    }

    /// The cluster's program `name`, to be run as the postgres user where needed.
    fn command(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        match self.as_postgres {
            true => {
                let mut command = Command::new("runuser");
                command.args(["-u", "postgres", "--"]).arg(&program);
                command
            }
            false => Command::new(&program),
        }
    }

    /// Runs the cluster's program `name` with `args`; it must succeed.
    fn run(&self, name: &str, args: &[&str]) {
        let output = self
            .command(name)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(
            output.status.success(),
            "{name} {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data, "stop", "-m", "immediate"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A port no one listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}
