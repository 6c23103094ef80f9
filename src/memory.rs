//! The binary's allocator: mimalloc, tuned to hand freed memory back after 10 ms.
//!
//! A check is a burst of short-lived allocations on every core (each file read, parsed into a
//! tree, checked and dropped). mimalloc serves those in about a tenth fewer instructions than
//! glibc's allocator (a clean check of 100,000 records: 0.92 s instead of 1.02 s). By default
//! it keeps freed pages for a second before handing them back, and on Linux commits its arenas
//! up front, so a page it hands back is only marked free and stays counted as resident until
//! the system needs it: peak memory rose from 41 MiB to 80 MiB. Here arenas are committed as
//! they are used, and freed pages go back after 10 ms: a check stays within a few MiB of
//! glibc's peak, while `release`, which frees and takes again large buffers all the time, is
//! spared the 15% of its time that handing pages back at once cost it. These are defaults:
//! `MIMALLOC_PURGE_DELAY` and `MIMALLOC_ARENA_EAGER_COMMIT` in the environment still win.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's option numbers (`mi_option_e` in the mimalloc.h the bindings build), which the
// bindings do not name; tests/allocator.rs reads them back by name.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed pages are kept before they go back to the system. Measured on 100,000 copies
/// of the shipped records: at once, `release` took 5.9 s and peaked at 70 MiB; after 10 ms,
/// 5.2 s and 73-80 MiB; after mimalloc's 1,000 ms, 4.9 s and 103 MiB. `check` peaked at 41,
/// 44-48 and 80 MiB, at the same speed.
const PURGE_AFTER_MS: std::ffi::c_long = 10;

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
extern "C" fn set_defaults() {
    // SAFETY: `mi_option_set_default` checks the option's number and stores the value in
    // mimalloc's static option table unless the option was set explicitly (by the environment
    // or `mi_option_set`); it allocates nothing, touches no thread-local state, and so may run
    // before mimalloc has started, on the one thread a program has then.
    unsafe {
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, PURGE_AFTER_MS);
    }
}

// mimalloc makes its first arena at the runtime's first allocation, before `main`, and reads
// the commit setting then: set from `main`, it would come too late. Both are set from the
// executable's constructor list instead, at priority 100: after the standard library's own
// entry (99), and before mimalloc's (101 when clang builds it; gcc gives it no priority, which
// runs after every numbered entry) and any allocation. That list is an ELF section, so this is
// done on Linux, where the resident memory was measured; elsewhere mimalloc keeps its own
// defaults.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00100")]
static SET_DEFAULTS: extern "C" fn() = set_defaults;
