//! Work on every core, results in order: items `0..n` are worked on by a pool of threads and
//! handed to one consumer in their order, in runs, with at most a window of items done ahead of
//! it, so memory stays bounded whatever `n` is.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

/// The window the commands that read every record use: how many records the workers may have
/// done ahead of the consumer (a few hundred kilobytes of records and what was made of them).
pub const WINDOW: usize = 256;

struct State<T> {
    /// The next item a worker may claim.
    next: usize,
    /// How many items the consumer has consumed.
    taken: usize,
    /// Runs of items done, by their first item.
    ready: BTreeMap<usize, Vec<T>>,
    /// The consumer stopped, or a worker died: workers claim nothing more.
    stop: bool,
    /// A worker panicked: the consumer must not wait for its item.
    died: bool,
}

struct Handoff<T> {
    state: Mutex<State<T>>,
    /// Signalled when a run of items is ready (the consumer waits on it).
    ready: Condvar,
    /// Signalled when the consumer takes a run or stops (workers wait on it).
    room: Condvar,
}

impl<T> Handoff<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A worker that panicked holding the lock left the state consistent (every update is a
        // single assignment or insertion), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Tells the consumer when a worker unwinds, so it does not wait for an item never coming.
struct Watch<'a, T>(&'a Handoff<T>);

impl<T> Drop for Watch<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut st = self.0.lock();
            st.died = true;
            st.stop = true;
            drop(st);
            self.0.ready.notify_all();
            self.0.room.notify_all();
        }
    }
}

/// Run `work` on items `0..n` on `threads` threads, and `consume` each result in item order
/// on the calling thread. Workers run at most `window` items (at least 2) ahead of the
/// consumer. The first error `consume` returns stops the workers and is returned.
///
/// Items are claimed and handed over in runs of consecutive items (a quarter of the window, at
/// most 32): handed over one at a time, each took the lock twice and woke a thread, and a
/// release of 100,000 records spent more time in those wake-ups than in writing its files.
pub fn map_in_order<T, E, W, C>(
    n: usize,
    threads: usize,
    window: usize,
    work: W,
    mut consume: C,
) -> Result<(), E>
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    C: FnMut(usize, T) -> Result<(), E>,
{
    let shared = Handoff {
        state: Mutex::new(State {
            next: 0,
            taken: 0,
            ready: BTreeMap::new(),
            stop: false,
            died: false,
        }),
        ready: Condvar::new(),
        room: Condvar::new(),
    };
    // The run after the one being consumed must fit in the window, or nothing moves: a run is
    // at most a quarter of the window, and at least one item, so the window is at least two.
    let window = window.max(2);
    let run = (window / 4).clamp(1, 32);
    let threads = threads.clamp(1, n.div_ceil(run).max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let _watch = Watch(&shared);
                loop {
                    let items = {
                        let mut st = shared.lock();
                        loop {
                            if st.stop || st.next >= n {
                                return;
                            }
                            let end = (st.next + run).min(n);
                            if end <= st.taken + window {
                                let items = st.next..end;
                                st.next = end;
                                break items;
                            }
                            st = shared.room.wait(st).unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    let start = items.start;
                    let done: Vec<T> = items.map(&work).collect();
                    shared.lock().ready.insert(start, done);
                    shared.ready.notify_one();
                }
            });
        }
        let mut result = Ok(());
        let mut start = 0;
        'runs: while start < n {
            let items = {
                let mut st = shared.lock();
                loop {
                    if let Some(items) = st.ready.remove(&start) {
                        // Every item before this run has been consumed.
                        st.taken = start;
                        break Some(items);
                    }
                    if st.died {
                        break None;
                    }
                    st = shared.ready.wait(st).unwrap_or_else(|e| e.into_inner());
                }
            };
            shared.room.notify_all();
            // A dead worker's panic is resumed when the scope joins it.
            let Some(items) = items else { break };
            for item in items {
                if let Err(e) = consume(start, item) {
                    result = Err(e);
                    break 'runs;
                }
                start += 1;
            }
        }
        shared.lock().stop = true;
        shared.room.notify_all();
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_from_every_thread() {
        let mut seen = Vec::new();
        let r: Result<(), ()> = map_in_order(
            1000,
            4,
            70,
            |i| {
                // Uneven work, so items finish out of order.
                if i % 3 == 0 {
                    std::thread::yield_now();
                }
                i * 2
            },
            |i, v| {
                assert_eq!(v, i * 2);
                seen.push(i);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn workers_never_run_more_than_the_window_ahead() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Windows whose runs are one item, and many.
        for window in [1, 2, 3, 5, 64, 256] {
            let taken = AtomicUsize::new(0);
            let r: Result<(), ()> = map_in_order(
                2000,
                3,
                window,
                |i| {
                    // The consumer counts an item taken just before it is handed over, so this
                    // counter may lag the pool's by one.
                    assert!(
                        i <= taken.load(Ordering::SeqCst) + window.max(2),
                        "item {i} claimed too early (window {window})"
                    );
                },
                |i, ()| {
                    taken.store(i + 1, Ordering::SeqCst);
                    Ok(())
                },
            );
            assert!(r.is_ok());
        }
    }

    #[test]
    fn an_error_stops_the_run_and_is_returned() {
        let mut last = 0;
        let r = map_in_order(
            10_000,
            2,
            16,
            |i| i,
            |i, _| {
                last = i;
                if i == 42 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("stop"));
        assert_eq!(last, 42);
    }

    #[test]
    fn nothing_to_do() {
        let r: Result<(), ()> = map_in_order(0, 2, 4, |_| (), |_, ()| panic!("no items"));
        assert!(r.is_ok());
    }

    #[test]
    fn a_panicking_worker_is_not_waited_for_forever() {
        let r = std::panic::catch_unwind(|| {
            let _: Result<(), ()> = map_in_order(
                100,
                2,
                4,
                |i| {
                    if i == 10 {
                        panic!("worker failed");
                    }
                },
                |_, ()| Ok(()),
            );
        });
        assert!(r.is_err());
    }
}
