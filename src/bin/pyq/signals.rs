//! Signals that end an interactive screen (the picker, the quiz) from
//! outside: `kill` sends SIGTERM, a closed terminal SIGHUP. Left to their
//! defaults they would end pyq with the terminal still in raw mode and on
//! the alternate screen; caught, they end the screen's loop, which puts
//! the terminal back before pyq exits with 128 + the signal's number.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// How often a screen waiting for a key looks for a caught signal.
pub const POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Catches SIGTERM, SIGHUP and SIGINT while it lives.
pub struct Caught {
    signal: Arc<AtomicUsize>,
    ids: Vec<SigId>,
}

impl Caught {
    pub fn start() -> io::Result<Caught> {
        let signal = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for s in [SIGTERM, SIGHUP, SIGINT] {
            ids.push(signal_hook::flag::register_usize(
                s,
                Arc::clone(&signal),
                s as usize,
            )?);
        }
        Ok(Caught { signal, ids })
    }

    /// The signal caught, if any.
    pub fn received(&self) -> Option<u8> {
        match self.signal.load(Ordering::Relaxed) {
            0 => None,
            s => u8::try_from(s).ok(),
        }
    }
}

impl Drop for Caught {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}
