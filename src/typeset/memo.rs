//! The process's one policy for typst's memo cache, which is global: every render and every
//! preview ends with [`done`], so the service's renders and an editor's previews in the same
//! process age the cache at one pace and never evict each other's work by a rule of their own.

/// How many layouts (renders or previews, anywhere in the process) a memoized result may go
/// unused before typst drops it. Chosen by measurement (README, "The memo cache").
const GENERATIONS: usize = 0;

/// Ends one layout's use of the memo cache: what the last `GENERATIONS` layouts did not use
/// is dropped, so memory stays flat over a long batch, a watch session or a service's life.
pub(crate) fn done() {
    comemo::evict(GENERATIONS);
}
