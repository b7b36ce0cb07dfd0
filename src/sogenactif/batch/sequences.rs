//! `recordSequence` uniqueness within one file, in bounded memory (issue 11).
//!
//! The set keeps runs of consecutive sequences (`start → end`, both ≤ 999 999 999, so `u32`), not
//! the sequences themselves: a file numbered 1, 2, 3… (the default: each record's position) is
//! ONE run whatever its length, and so is any file numbered in increasing steps of one. Memory
//! grows only with the number of separate runs, about 20 bytes each in the B-tree; it is capped at
//! [`MAX_RUNS`] (≈ 20 MiB), beyond which the writer refuses the record rather than grow further
//! (a file that scattered would have to be sorted, or leave `recordSequence` out).
//!
//! Hand-written rather than a crate: the two bitmap crates that fit (roaring, bit-set) cost
//! either a dependency tree or 125 MB for the full 1..=999 999 999 range; this is 40 lines.

use std::collections::BTreeMap;

/// Most separate runs kept for one file.
pub const MAX_RUNS: usize = 1 << 20;

/// Why a sequence was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// An earlier record of the file has it.
    Duplicate,
    /// [`MAX_RUNS`] runs are held already.
    Full,
}

/// The sequences seen in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SequenceSet {
    /// Runs `start → end` (inclusive), disjoint and not adjacent.
    runs: BTreeMap<u32, u32>,
}

impl SequenceSet {
    pub fn new() -> Self {
        SequenceSet::default()
    }

    /// Number of separate runs held.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Whether `seq` was inserted already.
    pub fn contains(&self, seq: u32) -> bool {
        self.runs
            .range(..=seq)
            .next_back()
            .is_some_and(|(_, end)| *end >= seq)
    }

    /// Inserts `seq`, merging it with the runs it touches.
    pub fn insert(&mut self, seq: u32) -> Result<(), Refused> {
        let before = self.runs.range(..=seq).next_back().map(|(s, e)| (*s, *e));
        if let Some((_, end)) = before {
            if end >= seq {
                return Err(Refused::Duplicate);
            }
        }
        let after = seq
            .checked_add(1)
            .and_then(|next| self.runs.get(&next).map(|end| (next, *end)));
        match (before, after) {
            (Some((start, end)), Some((next, last))) if end.checked_add(1) == Some(seq) => {
                self.runs.remove(&next);
                self.runs.insert(start, last);
            }
            (Some((start, end)), _) if end.checked_add(1) == Some(seq) => {
                self.runs.insert(start, seq);
            }
            (_, Some((next, last))) => {
                self.runs.remove(&next);
                self.runs.insert(seq, last);
            }
            _ => {
                if self.runs.len() >= MAX_RUNS {
                    return Err(Refused::Full);
                }
                self.runs.insert(seq, seq);
            }
        }
        Ok(())
    }
}
