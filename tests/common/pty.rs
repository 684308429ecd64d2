//! A real pseudo-terminal for the interactive commands: `pyq` runs in it as
//! in a terminal emulator (portable-pty), and what it draws is read back as
//! a screen of text (vt100), so tests type keys and look at the screen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use super::TestEnv;

/// How long to wait for the screen to show something.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Terminal {
    screen: Arc<Mutex<vt100::Parser>>,
    keyboard: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // the reader thread ends when the child's side closes
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Terminal {
    /// Runs `pyq ARGS` in a terminal of `rows` × `cols`, in `env`.
    pub fn spawn(env: &TestEnv, args: &[&str], rows: u16, cols: u16) -> Terminal {
        Terminal::spawn_with(env, args, rows, cols, &[])
    }

    /// [`Terminal::spawn`] with more environment variables.
    pub fn spawn_with(
        env: &TestEnv,
        args: &[&str],
        rows: u16,
        cols: u16,
        vars: &[(&str, &str)],
    ) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pyq"));
        cmd.args(args);
        cmd.cwd(std::env::current_dir().unwrap());
        for var in [
            "NO_COLOR",
            "COLORTERM",
            "PYQ_GUIDES",
            "PAGER",
            "LESS",
            "PYQ_FAULT",
            "PYQ_NOW",
            "XDG_CACHE_HOME",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("PYQ_INDEX_DIR", env.index_dir());
        cmd.env("PYQ_CONFIG", env.config_file());
        cmd.env("PYQ_DATA_DIR", env.data_dir());
        cmd.env("PYQ_PAGER", "");
        cmd.env("HOME", env.dir.path().join("home"));
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("pyq starts");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let keyboard = pair.master.take_writer().unwrap();
        Terminal {
            screen,
            keyboard,
            child,
            _master: pair.master,
        }
    }

    /// The text on the screen now.
    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Rows that wrapped onto a row showing nothing: what padding wider
    /// than the screen leaves (a row of colour, no text).
    pub fn blank_continuations(&self) -> Vec<u16> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let blank = |row: u16| {
            (0..cols).all(|col| {
                screen
                    .cell(row, col)
                    .is_none_or(|c| c.contents().trim().is_empty())
            })
        };
        (0..rows.saturating_sub(1))
            .filter(|&r| screen.row_wrapped(r) && blank(r + 1))
            .collect()
    }

    /// Lines of text the terminal wrapped because they were wider than the
    /// screen: each wrapped row joined with the row it ran over onto. Code
    /// (rows on a panel's background) wraps as code does in a terminal.
    pub fn wrapped_lines(&self) -> Vec<String> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let row = |r: u16| -> String {
            (0..cols.get())
                .filter_map(|c| screen.cell(r, c).map(|cell| cell.contents()))
                .collect()
        };
        let on_panel = |r: u16| {
            screen
                .cell(r, 0)
                .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
        };
        (0..rows.get().saturating_sub(1))
            .filter(|&r| screen.row_wrapped(r) && !on_panel(r))
            .map(|r| format!("{}{}", row(r), row(r + 1).trim_end()))
            .collect()
    }

    /// Whether the full-screen (alternate) buffer is showing.
    pub fn alternate(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until the screen satisfies `test`; returns its text.
    pub fn wait_for(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if test(&text) {
                return text;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the screen never showed {what}; it shows:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `needle` is on the screen; returns the screen's text.
    pub fn wait_for_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?}"), |t| t.contains(needle))
    }

    /// Types `keys` (bytes as a terminal sends them: `\r` for Enter,
    /// `\x1b` for Esc, `\x15` for Ctrl-U).
    pub fn type_keys(&mut self, keys: &str) {
        self.keyboard.write_all(keys.as_bytes()).unwrap();
        self.keyboard.flush().unwrap();
    }

    /// Waits for pyq to exit; returns its exit code.
    pub fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // let the reader catch up with the last output
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("pyq did not exit; the screen shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
