//! A native smoke run: every generated scenario a few times on real
//! threads, judged like a checker's executions. It proves the harness, not
//! the channels (the recorder's lock orders the threads; see `history.rs`).

crate::channel_lines!();
