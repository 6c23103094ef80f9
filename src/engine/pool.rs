//! Running the per-file pipeline on every core: items handed out in chunks, in order, to a
//! fixed set of scoped threads, whose results are handed back a chunk at a time as they are
//! ready, so nothing holds every file's result at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Files handed to a worker at a time: enough to make the hand-out cheap, few enough to keep
/// both cores busy to the end.
const CHUNK: usize = 32;

/// Call `f` on every item on up to `threads` threads (at least one, at most 64), and `take`
/// with each result on the calling thread as it comes. Results come in no fixed order;
/// callers that need walk order sort what they keep.
pub fn run<T: Send>(
    items: &[usize],
    threads: usize,
    f: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T),
) {
    let next = AtomicUsize::new(0);
    let workers = threads.clamp(1, 64).min(items.len().div_ceil(CHUNK)).max(1);
    // Bounded, so a slow consumer holds the workers back instead of letting results pile up.
    // A chunk's results go as one message: sent one by one, each woke the consumer, and those
    // wake-ups (three futex calls a file) cost `check` more system time than reading the files.
    let (tx, rx) = mpsc::sync_channel::<Vec<T>>(workers);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, f) = (&next, &f);
            s.spawn(move || {
                loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    let chunk = &items[start..(start + CHUNK).min(items.len())];
                    if tx.send(chunk.iter().map(|&i| f(i)).collect()).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for result in rx.into_iter().flatten() {
            take(result);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_once_whatever_the_threads() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [0, 1, 2, 7, 100] {
            let mut got = Vec::new();
            super::run(&items, threads, |i| i * 2, |r| got.push(r));
            got.sort();
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
        let mut none = 0;
        super::run(&[], 2, |i| i, |_| none += 1);
        assert_eq!(none, 0);
    }
}
