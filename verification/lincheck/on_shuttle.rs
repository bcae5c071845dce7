//! Every generated scenario under shuttle's PCT scheduler (depth 3).

crate::channel_lines!();
