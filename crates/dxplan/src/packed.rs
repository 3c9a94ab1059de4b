//! Tables generated as one string of entries set one after another and
//! the byte offset where each ends (`scripts/gen_agl.py`,
//! `scripts/gen_municipality_table.py`): integers and one string, so the
//! loader has no pointer per entry to relocate at every start.

use std::cmp::Ordering;

/// Entry `i` of `text`, whose entries end at `ends` (entry `i` starts where
/// entry `i - 1` ended).
pub fn entry(text: &'static str, ends: &[u16], i: usize) -> &'static str {
    let start = i.checked_sub(1).map_or(0, |p| usize::from(ends[p]));
    &text[start..usize::from(ends[i])]
}

/// The index in `0..len` that `cmp` finds equal, in entries sorted as
/// `cmp` orders them (binary search by index, for tables that are not a
/// slice of their keys).
pub fn search(len: usize, cmp: impl Fn(usize) -> Ordering) -> Option<usize> {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match cmp(mid) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_search() {
        let (text, ends) = ("akaaobkiiro", [2u16, 4, 7, 11]);
        let all: Vec<&str> = (0..ends.len()).map(|i| entry(text, &ends, i)).collect();
        assert_eq!(all, ["ak", "aa", "obk", "iiro"]);
        let sorted = ["aa", "ak", "iiro", "obk"];
        for (k, key) in sorted.iter().enumerate() {
            assert_eq!(search(sorted.len(), |i| sorted[i].cmp(key)), Some(k));
        }
        assert_eq!(search(sorted.len(), |i| sorted[i].cmp(&"b")), None);
        assert_eq!(search(0, |_| Ordering::Equal), None);
    }
}
