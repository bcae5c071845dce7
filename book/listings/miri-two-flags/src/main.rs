//! The two-flag toy (`verification/toys/two_flags.rs`) on std's atomics,
//! as a whole program for Miri, which emulates weak memory: a load may read
//! an older store that the memory model still allows it to read.
//!
//! `MIRIFLAGS=-Zmiri-many-seeds=0..64 cargo +nightly miri run --manifest-path
//! book/listings/miri-two-flags/Cargo.toml -- release-acquire` (or `seqcst`,
//! or `relaxed-fence`) runs the toy once per seed and stops at the first
//! seed whose run panics.

#[path = "../../../../verification/toys/two_flags.rs"]
mod two_flags;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(flavor) = two_flags::flavor(&name) else {
        eprintln!("usage: miri-two-flags release-acquire|seqcst|relaxed-fence");
        std::process::exit(2);
    };
    two_flags::two_flags(flavor);
}
