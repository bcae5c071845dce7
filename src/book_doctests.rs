//! The book's chapters as doctests.
//!
//! Each chapter of `book/src/` is included as the documentation of an empty
//! item, so `cargo test --doc` compiles and runs every ` ```rust ` snippet
//! written directly in the book, checks that every ` ```rust,compile_fail `
//! snippet fails to compile, and skips ` ```rust,ignore ` blocks (in the book,
//! those are only includes of code that cargo compiles in its own place).
//! Compiled only for doctests: `#[cfg(doctest)] mod book_doctests;` in lib.rs.

/// Declares one empty struct per chapter, documented by the chapter's text.
macro_rules! chapters {
    ($($name:ident => $file:literal,)*) => {$(
        #[doc = include_str!(concat!("../book/src/", $file))]
        pub struct $name;
    )*};
}

chapters! {
    Preface => "preface.md",
    Contract => "contract.md",
    Checkers => "checkers.md",
    MutexChannel => "mutex.md",
    Ordering => "ordering.md",
    Lockfree => "lockfree.md",
    Ring => "ring.md",
    Lincheck => "lincheck.md",
    CheckingTheCheckers => "checking-the-checkers.md",
    Measuring => "measuring.md",
    Patterns => "patterns.md",
    Tasks => "tasks.md",
    Exercises => "exercises.md",
    Glossary => "glossary.md",
    Testing => "testing.md",
}
