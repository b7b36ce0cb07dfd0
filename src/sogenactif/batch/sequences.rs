//! `recordSequence` uniqueness within one file, in bounded memory (issue 11).
//!
//! The set keeps runs of consecutive sequences (`start → end`, both ≤ 999 999 999, so `u32`), not
//! the sequences themselves: a file numbered 1, 2, 3… (the default: each record's position) is
//! ONE run whatever its length, and so is any file numbered in increasing steps of one. Memory
//! grows only with the number of separate runs, 8 to 16 bytes each while runs are only added (a
//! full chunk is split into two half-full ones; a merge that removes runs can leave a chunk
//! emptier); it is capped at [`MAX_RUNS`] runs, beyond which the writer refuses the record
//! rather than grow further (a file that scattered would have to be sorted, or leave
//! `recordSequence` out).
//!
//! Hand-written rather than a crate: the two bitmap crates that fit (roaring, bit-set) cost
//! either a dependency tree or 125 MB for the full 1..=999 999 999 range. The runs sit in sorted
//! chunks ([`Runs`]) rather than a `BTreeMap`, whose code took 3.8 KB of the gzipped `.wasm`.

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
    runs: Runs,
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
            || self.runs.floor(seq).is_some_and(|(_, end)| end >= seq)
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
        let before = self.runs.floor(seq);
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
                    self.runs.remove(start);
                    start
                }
                None => seq,
            };
            self.top = Some((start, top_end));
            return Ok(());
        }
        let after = next.and_then(|next| self.runs.starting_at(next).map(|end| (next, end)));
        match (before, after) {
            (Some(b), Some((next, last))) if joins_before(b) => {
                self.runs.remove(next);
                self.runs.insert(b.0, last);
            }
            (Some(b), _) if joins_before(b) => {
                self.runs.insert(b.0, seq);
            }
            (_, Some((next, last))) => {
                self.runs.remove(next);
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

/// Most runs in one chunk of [`Runs`]: a full chunk is split in two halves before it grows.
const CHUNK: usize = 512;

/// Disjoint runs `(start, end)` sorted by `start`, in chunks of at most [`CHUNK`] (none empty),
/// themselves in order: a two-level B-tree without the rebalancing. An insert or a removal moves
/// at most one chunk's runs (4 KiB) and, on a split or when a chunk empties, the list of chunks
/// (at most `MAX_RUNS / (CHUNK / 2)` entries), so a file whose runs arrive in the worst order
/// (decreasing) stays linear-times-small, where one sorted `Vec` would move megabytes per record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Runs {
    chunks: Vec<Vec<(u32, u32)>>,
    len: usize,
}

impl Runs {
    fn len(&self) -> usize {
        self.len
    }

    /// The chunk that holds, or would hold, a run starting at `start`: the last whose first run
    /// starts at or before it (the first chunk when none does).
    fn chunk(&self, start: u32) -> usize {
        self.chunks
            .partition_point(|c| c.first().is_some_and(|(s, _)| *s <= start))
            .saturating_sub(1)
    }

    /// The run with the greatest start at or before `seq`.
    fn floor(&self, seq: u32) -> Option<(u32, u32)> {
        let chunk = self.chunks.get(self.chunk(seq))?;
        let at = chunk.partition_point(|(s, _)| *s <= seq);
        chunk.get(at.checked_sub(1)?).copied()
    }

    /// The end of the run that starts at `start`.
    fn starting_at(&self, start: u32) -> Option<u32> {
        self.floor(start)
            .filter(|(s, _)| *s == start)
            .map(|(_, e)| e)
    }

    /// Adds the run `start → end`, or sets the end of the run that starts at `start`.
    fn insert(&mut self, start: u32, end: u32) {
        let c = self.chunk(start);
        let Some(chunk) = self.chunks.get_mut(c) else {
            self.chunks.push(vec![(start, end)]);
            self.len += 1;
            return;
        };
        match chunk.binary_search_by_key(&start, |(s, _)| *s) {
            Ok(i) => {
                if let Some(run) = chunk.get_mut(i) {
                    run.1 = end;
                }
            }
            Err(_) if chunk.len() >= CHUNK => {
                // Split before inserting, so no chunk's buffer ever grows past CHUNK runs.
                let upper = chunk.split_off(CHUNK / 2);
                self.chunks.insert(c + 1, upper);
                self.insert(start, end);
            }
            Err(i) => {
                chunk.insert(i, (start, end));
                self.len += 1;
            }
        }
    }

    /// Removes the run that starts at `start`, if any.
    fn remove(&mut self, start: u32) {
        let c = self.chunk(start);
        let Some(chunk) = self.chunks.get_mut(c) else {
            return;
        };
        if let Ok(i) = chunk.binary_search_by_key(&start, |(s, _)| *s) {
            chunk.remove(i);
            self.len -= 1;
            if chunk.is_empty() {
                self.chunks.remove(c);
            }
        }
    }
}

#[cfg(test)]
mod tests;
