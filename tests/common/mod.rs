//! The test environment of the integration tests: the real `pyq` binary,
//! a temporary index directory, and nothing from the user's environment
//! (no NO_COLOR, TERM or PYQ_* from outside).

#![allow(dead_code)] // each test file uses its own share of the helpers

pub mod pty;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Where the study file is kept.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The configuration file pyq reads (absent unless a test writes it).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pyq"));
        for var in [
            "NO_COLOR",
            "TERM",
            "COLORTERM",
            "PYQ_GUIDES",
            "PYQ_INDEX_DIR",
            "PAGER",
            "LESS",
            "PYQ_CONFIG",
            "PYQ_PAGER",
            "PYQ_FAULT",
            "PYQ_NOW",
            "XDG_CACHE_HOME",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
        ] {
            cmd.env_remove(var);
        }
        // no pager unless a test asks for one: less on a pseudo-terminal
        // would wait for keys
        cmd.env("PYQ_INDEX_DIR", self.index_dir())
            .env("PYQ_DATA_DIR", self.data_dir())
            .env("PYQ_CONFIG", self.config_file())
            .env("PYQ_PAGER", "")
            .env("HOME", self.dir.path().join("home"))
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("pyq runs")
    }

    /// A folder holding `n` copies of each bundled guide; returns it.
    pub fn guide_copies(&self, n: usize) -> PathBuf {
        let dir = self.dir.path().join("copies");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir("guides").unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for i in 0..n {
                std::fs::copy(&path, dir.join(format!("copy{i}-{name}"))).unwrap();
            }
        }
        dir
    }

    /// The index's manifest, as JSON.
    pub fn manifest(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.index_dir().join("manifest.json")).unwrap())
            .unwrap()
    }

    /// Starts `pyq ARGS` and kills it after `delay`.
    pub fn run_and_kill(&self, args: &[&str], delay: std::time::Duration) {
        let mut child = self
            .command()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Writes a guide file under the temporary directory; returns its folder.
    pub fn guide(&self, folder: &str, name: &str, text: &str) -> PathBuf {
        let dir = self.dir.path().join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
        dir
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

pub fn json(o: &Output) -> Vec<Value> {
    match serde_json::from_slice(&o.stdout).expect("stdout is JSON") {
        Value::Array(hits) => hits,
        other => panic!("expected an array, got {other}"),
    }
}
