//! The progress bar of a long index build: shown on a terminal only, and
//! only once a build has taken half a second (a first run over the bundled
//! guides finishes before it would appear).

use std::cell::OnceCell;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use pyq::index::Progress;

/// A build shorter than this shows no bar.
const DELAY: Duration = Duration::from_millis(500);

pub struct BuildProgress {
    enabled: bool,
    started: Instant,
    bar: OnceCell<ProgressBar>,
}

impl BuildProgress {
    /// A display on stderr, when `stderr_is_terminal`.
    pub fn new(stderr_is_terminal: bool) -> BuildProgress {
        BuildProgress {
            enabled: stderr_is_terminal,
            started: Instant::now(),
            bar: OnceCell::new(),
        }
    }

    /// Takes a step of the build.
    pub fn update(&self, step: Progress) {
        if !self.enabled || self.started.elapsed() < DELAY {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::new(0);
            let style =
                ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} guides")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        match step {
            Progress::Indexed { guides, of } => {
                bar.set_length(of as u64);
                bar.set_position(guides as u64);
                bar.set_message("indexing");
            }
            Progress::Finishing => bar.set_message("writing the index"),
        }
    }

    /// Removes the bar, if one was shown.
    pub fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
