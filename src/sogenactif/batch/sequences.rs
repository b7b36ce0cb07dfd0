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
    /// Runs `start → end` (inclusive), disjoint and not adjacent, all below [`Self::top`].
    runs: BTreeMap<u32, u32>,
    /// The greatest run, kept out of the tree: a file numbered in increasing steps of one only
    /// ever extends it, one comparison per record instead of two tree searches.
    top: Option<(u32, u32)>,
}

impl SequenceSet {
    pub fn new() -> Self {
        SequenceSet::default()
    }

    /// Number of separate runs held.
    pub fn runs(&self) -> usize {
        self.runs.len() + usize::from(self.top.is_some())
    }

    /// Whether `seq` was inserted already.
    pub fn contains(&self, seq: u32) -> bool {
        self.top
            .is_some_and(|(start, end)| (start..=end).contains(&seq))
            || self
                .runs
                .range(..=seq)
                .next_back()
                .is_some_and(|(_, end)| *end >= seq)
    }

    /// Inserts `seq`, merging it with the runs it touches.
    pub fn insert(&mut self, seq: u32) -> Result<(), Refused> {
        let Some((top_start, top_end)) = self.top else {
            self.top = Some((seq, seq));
            return Ok(());
        };
        if seq > top_end {
            if top_end.checked_add(1) == Some(seq) {
                self.top = Some((top_start, seq));
            } else {
                // A new greatest run: the old one joins the tree.
                if self.runs() >= MAX_RUNS {
                    return Err(Refused::Full);
                }
                self.runs.insert(top_start, top_end);
                self.top = Some((seq, seq));
            }
            return Ok(());
        }
        if seq >= top_start {
            return Err(Refused::Duplicate);
        }
        let before = self.runs.range(..=seq).next_back().map(|(s, e)| (*s, *e));
        if let Some((_, end)) = before {
            if end >= seq {
                return Err(Refused::Duplicate);
            }
        }
        let joins_before = |(_, end): (u32, u32)| end.checked_add(1) == Some(seq);
        let next = seq.checked_add(1);
        if next == Some(top_start) {
            // Touches the greatest run: it grows downwards (and swallows the run before).
            let start = match before.filter(|b| joins_before(*b)) {
                Some((start, _)) => {
                    self.runs.remove(&start);
                    start
                }
                None => seq,
            };
            self.top = Some((start, top_end));
            return Ok(());
        }
        let after = next.and_then(|next| self.runs.get(&next).map(|end| (next, *end)));
        match (before, after) {
            (Some(b), Some((next, last))) if joins_before(b) => {
                self.runs.remove(&next);
                self.runs.insert(b.0, last);
            }
            (Some(b), _) if joins_before(b) => {
                self.runs.insert(b.0, seq);
            }
            (_, Some((next, last))) => {
                self.runs.remove(&next);
                self.runs.insert(seq, last);
            }
            _ => {
                if self.runs() >= MAX_RUNS {
                    return Err(Refused::Full);
                }
                self.runs.insert(seq, seq);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
