//! Unit tests of the sequence set (its model-based property test is in tests/sogenactif_batch_fast.rs).

use super::{Refused, Runs, SequenceSet, CHUNK, MAX_RUNS};

#[test]
fn the_run_cap_refuses_a_new_run_but_not_a_merge() {
    let mut set = SequenceSet::new();
    // Every other number: MAX_RUNS separate runs of one.
    for i in 0..MAX_RUNS {
        let seq = u32::try_from(2 * i + 1).unwrap_or(u32::MAX);
        assert_eq!(set.insert(seq), Ok(()), "{seq}");
    }
    assert_eq!(set.runs(), MAX_RUNS);
    let past = u32::try_from(2 * MAX_RUNS + 5).unwrap_or(u32::MAX);
    assert_eq!(set.insert(past), Err(Refused::Full), "a new greatest run");
    assert_eq!(set.insert(2), Ok(()), "2 joins 1 and 3: one run fewer");
    assert_eq!(set.runs(), MAX_RUNS - 1);
    assert_eq!(set.insert(past), Ok(()), "room again");
    assert_eq!(set.insert(past), Err(Refused::Duplicate));
    assert!(set.contains(past) && set.contains(2) && !set.contains(4));
}

/// The chunks' own invariants: none empty, none above `CHUNK` (nor its buffer: the memory bound), the runs sorted, disjoint and not
/// adjacent across chunk borders, `len` their number.
fn assert_chunks_sound(runs: &Runs) {
    let mut last: Option<u32> = None;
    let mut count = 0;
    for chunk in &runs.chunks {
        assert!(
            !chunk.is_empty() && chunk.capacity() <= CHUNK,
            "{}",
            chunk.capacity()
        );
        for &(start, end) in chunk {
            assert!(start <= end);
            if let Some(prev) = last {
                assert!(start > prev + 1, "{prev} then {start}");
            }
            last = Some(end);
            count += 1;
        }
    }
    assert_eq!(runs.len(), count);
}

/// Inserts `order` into a set and into a plain set of numbers, checking after each insert the
/// answer, `contains` around it and the number of runs (blocks of consecutive numbers).
fn check_order(order: &[u32]) -> SequenceSet {
    let mut set = SequenceSet::new();
    let mut model = std::collections::HashSet::new();
    let mut blocks: usize = 0;
    for (k, &s) in order.iter().enumerate() {
        let fresh = model.insert(s);
        assert_eq!(
            set.insert(s),
            if fresh {
                Ok(())
            } else {
                Err(Refused::Duplicate)
            },
            "{s}"
        );
        if fresh {
            let below = s > 0 && model.contains(&(s - 1));
            let above = model.contains(&(s + 1));
            blocks = blocks + 1 - usize::from(below) - usize::from(above);
        }
        for n in [s.saturating_sub(2), s.saturating_sub(1), s, s + 1, s + 2] {
            assert_eq!(set.contains(n), model.contains(&n), "contains({n})");
        }
        assert_eq!(set.runs(), blocks);
        if k % 997 == 0 {
            assert_chunks_sound(&set.runs);
        }
    }
    assert_chunks_sound(&set.runs);
    let top = order.iter().max().copied().unwrap_or(0) + 3;
    for n in 0..top {
        assert_eq!(set.contains(n), model.contains(&n), "contains({n})");
    }
    set
}

#[test]
fn runs_split_into_chunks_in_any_order() {
    let n: u32 = 12 * CHUNK as u32;
    // Decreasing, every other number: each a run of its own, always inserted first.
    let down: Vec<u32> = (1..=n).rev().map(|i| 2 * i).collect();
    let set = check_order(&down);
    assert_eq!(set.runs(), n as usize);
    assert!(set.runs.chunks.len() > 12, "{}", set.runs.chunks.len());
    // Shuffled (xorshift), with repeats: runs are made, merged across chunk borders and emptied.
    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut shuffled: Vec<u32> = Vec::new();
    for _ in 0..40_000 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        shuffled.push((rng % 30_000) as u32 + 1);
    }
    check_order(&shuffled);
    // Every other number first (decreasing), then the gaps (increasing): the runs merge down to
    // one, emptying every chunk on the way.
    let mut fill = down;
    fill.extend((1..n).map(|i| 2 * i + 1));
    let set = check_order(&fill);
    assert_eq!(set.runs(), 1);
    assert!(set.runs.chunks.is_empty());
}
