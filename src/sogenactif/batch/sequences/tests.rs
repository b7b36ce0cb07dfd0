//! Unit tests of the sequence set (its model-based property test is in tests/sogenactif_batch_fast.rs).

use super::{Refused, SequenceSet, MAX_RUNS};

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
