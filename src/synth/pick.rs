//! Small random helpers shared by the generators.

use rand::rngs::StdRng;
use rand::Rng;

/// Picks from `(value, weight)` pairs in proportion to the weights. Linear, because every
/// list here is short and a scan beats building a distribution per call.
pub(super) fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.gen_range(0..total);
    for &(value, weight) in items {
        if ticket < weight {
            return value;
        }
        ticket -= weight;
    }
    // Unreachable when the weights sum to `total`; the last item is a harmless fallback.
    items[items.len() - 1].0
}

/// Picks uniformly from a non-empty list.
pub(super) fn one<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.gen_range(0..items.len())]
}

/// Y / N / not known, as a consent column: `blank` of the rows are not known, `yes` are Y,
/// the rest N (all as fractions of every row).
pub(super) fn consent(rng: &mut StdRng, yes: f64, blank: f64) -> Option<bool> {
    let roll: f64 = rng.gen();
    if roll < blank {
        None
    } else {
        Some(roll < blank + yes)
    }
}
