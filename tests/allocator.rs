//! The binary's allocator settings (src/memory.rs) are the ones it runs with: mimalloc prints
//! its options when asked, so a wrong option number, or a constructor the linker dropped,
//! shows here as a value left at mimalloc's default.

use std::process::Command;

fn options(env: &[(&str, &str)]) -> String {
    let dataset = concat!(env!("CARGO_MANIFEST_DIR"), "/dataset");
    let out = Command::new(env!("CARGO_BIN_EXE_sourcebook"))
        .args(["check", "--dataset", dataset, "--format", "short"])
        .env("MIMALLOC_VERBOSE", "1")
        .env_remove("MIMALLOC_PURGE_DELAY")
        .env_remove("MIMALLOC_ARENA_EAGER_COMMIT")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The settings are made from a constructor, which is there on Linux only.
#[cfg(target_os = "linux")]
#[test]
fn freed_memory_goes_back_soon_from_arenas_committed_as_used() {
    let said = options(&[]);
    assert!(said.contains("option 'purge_delay': 10"), "{said}");
    assert!(said.contains("option 'arena_eager_commit': 0"), "{said}");
}

#[test]
fn the_environment_still_decides() {
    let said = options(&[("MIMALLOC_PURGE_DELAY", "250")]);
    assert!(said.contains("option 'purge_delay': 250"), "{said}");
}
