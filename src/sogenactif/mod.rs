//! Sogenactif (Worldline Sips 2.0): Office Batch files (`batch/`) and Sips Office JSON (`office/`).

pub mod batch;
pub mod codes;
pub mod office;
