//! lincheck, as part of the kit: generated scenarios run under a checker,
//! each history judged against the sequential specification of an MPSC
//! channel (see `verification/lincheck/main.rs`).

#[path = "spec.rs"]
pub mod spec;

pub use spec::LenRule;
