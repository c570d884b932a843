//! The process's one policy for typst's memo cache, which is global: every render and every
//! preview ends with [`done`], so the service's renders and an editor's previews in the same
//! process age the cache at one pace and never evict each other's work by a rule of their own.

/// How many layouts (renders or previews, anywhere in the process) a memoized result may go
/// unused before typst drops it. Measured on 2026-12-05 (release build, 2 cores, alternating
/// runs; README, "The memo cache"): keeping 3, 15 or 50 generations made no measurable
/// difference to the service (pdfgenrs ratios within the runs' ±0.06 noise), to a batch of 400
/// varied reports (6.08 s vs 6.03 s) or to the editor's preview after a keystroke (60 ms both),
/// since a changed report is a new source whose layouts are computed anew; keeping none holds
/// the least memory (RSS 45–48 MiB vs 48–52 MiB after 6,000 requests).
const GENERATIONS: usize = 0;

/// Ends one layout's use of the memo cache: what the last `GENERATIONS` layouts did not use
/// is dropped, so memory stays flat over a long batch, a watch session or a service's life.
pub(crate) fn done() {
    comemo::evict(GENERATIONS);
}
