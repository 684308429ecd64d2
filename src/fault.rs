//! Faults that tests inject into debug builds (`PYQ_FAULT=render`), to
//! reach what no input can: a bug in rendering, say, which must be
//! reported as a bug and not taken for a damaged index. Release builds
//! compile every fault point to nothing.

/// Panics here when `PYQ_FAULT` names this point (debug builds only).
#[inline]
pub fn point(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("PYQ_FAULT").is_some_and(|v| v == name) {
        panic!("a fault injected at {name:?} (PYQ_FAULT)");
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
