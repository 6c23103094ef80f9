//! Running the per-file pipeline on every core: items handed out in chunks, in order, to a
//! fixed set of scoped threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Files handed to a worker at a time: enough to make the hand-out cheap, few enough to keep
/// both cores busy to the end.
const CHUNK: usize = 32;

/// `f` of every item, on up to `threads` threads (at least one, at most 64). The results come
/// back grouped by worker, each worker's handed over as it is consumed (never all copied into
/// one list); callers that need walk order sort them.
pub fn map<T: Send>(
    items: &[usize],
    threads: usize,
    f: impl Fn(usize) -> T + Sync,
) -> impl Iterator<Item = T> {
    let next = AtomicUsize::new(0);
    let workers = threads.clamp(1, 64).min(items.len().div_ceil(CHUNK)).max(1);
    let results: Vec<Vec<T>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= items.len() {
                            break;
                        }
                        for &i in &items[start..(start + CHUNK).min(items.len())] {
                            out.push(f(i));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|w| w.join().expect("a worker does not panic"))
            .collect()
    });
    results.into_iter().flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_once_whatever_the_threads() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [0, 1, 2, 7, 100] {
            let mut got: Vec<usize> = super::map(&items, threads, |i| i * 2).collect();
            got.sort();
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
        assert_eq!(super::map(&[], 2, |i| i).count(), 0);
    }
}
