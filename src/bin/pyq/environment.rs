//! Reads what the process's environment says, once, at start: variables,
//! which of the standard streams are terminals, the terminal's size.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::config::Environment;

/// The environment of this process (`PYQ_CONFIG` aside: see `settings`).
pub fn from_process() -> Environment {
    let stdout_is_terminal = std::io::stdout().is_terminal();
    Environment {
        index_dir: non_empty("PYQ_INDEX_DIR").map(PathBuf::from),
        guides: non_empty("PYQ_GUIDES")
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default(),
        no_color: non_empty("NO_COLOR").is_some(),
        stdout_is_terminal,
        stderr_is_terminal: std::io::stderr().is_terminal(),
        stdin_is_terminal: std::io::stdin().is_terminal(),
        terminal_width: stdout_is_terminal
            .then(pyq::render::terminal_width)
            .flatten(),
        terminal_height: stdout_is_terminal
            .then(pyq::render::terminal_height)
            .flatten(),
        pager: std::env::var("PYQ_PAGER")
            .ok()
            .or_else(|| non_empty("PAGER").and_then(|p| p.into_string().ok())),
        default_index_dir: directories::ProjectDirs::from("", "", "pyq")
            .map(|dirs| dirs.cache_dir().join("index")),
        data_dir: non_empty("PYQ_DATA_DIR").map(PathBuf::from),
        default_data_dir: directories::ProjectDirs::from("", "", "pyq")
            .map(|dirs| dirs.data_dir().to_path_buf()),
    }
}

/// `PYQ_CONFIG`: the configuration file to read instead of the default.
pub fn config_file() -> Option<PathBuf> {
    non_empty("PYQ_CONFIG").map(PathBuf::from)
}

fn non_empty(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}
