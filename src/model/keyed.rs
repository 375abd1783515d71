//! An ordered list of items with unique string keys (stages, owners), indexed by key so
//! that lookups, duplicate checks and fresh keys cost O(1) however long the list is.

use std::collections::HashMap;

/// Something with a stable string key.
pub(super) trait Keyed {
    /// The key; it never changes while the item is in a [`KeyedList`].
    fn key(&self) -> &str;
}

/// Lists up to this long are searched directly: for the handful of stages of a normal
/// journey a scan is faster than hashing the key.
const SCAN_UP_TO: usize = 8;

/// Items in order, each findable by key. The index is derived from the items, so two
/// lists are equal when their items are.
#[derive(Clone, Debug)]
pub(super) struct KeyedList<T> {
    items: Vec<T>,
    /// Key → position in `items`, kept in step on every insert, move and removal.
    positions: HashMap<String, usize>,
    /// For a base key `b`, a number `n ≥ 2` such that `b-2` … `b-(n-1)` are all taken:
    /// where the search for a fresh key derived from `b` starts (absent: 2).
    first_free: HashMap<String, u64>,
}

impl<T> Default for KeyedList<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            positions: HashMap::new(),
            first_free: HashMap::new(),
        }
    }
}

impl<T: PartialEq> PartialEq for KeyedList<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

/// Splits `b-n` (n ≥ 2, written without leading zeros) into `(b, n)`: the base and number
/// [`KeyedList::fresh`] would have made it from.
fn numbered(key: &str) -> Option<(&str, u64)> {
    let (base, digits) = key.rsplit_once('-')?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    (n >= 2).then_some((base, n))
}

impl<T: Keyed> KeyedList<T> {
    /// The items, in order.
    pub(super) fn items(&self) -> &[T] {
        &self.items
    }

    /// Position of the item with this key.
    pub(super) fn position(&self, key: &str) -> Option<usize> {
        if self.items.len() <= SCAN_UP_TO {
            self.items.iter().position(|item| item.key() == key)
        } else {
            self.positions.get(key).copied()
        }
    }

    /// The item with this key.
    pub(super) fn get(&self, key: &str) -> Option<&T> {
        self.position(key).map(|i| &self.items[i])
    }

    /// Mutable access to the item with this key; callers must not change its key.
    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.position(key).map(|i| &mut self.items[i])
    }

    /// Inserts `item` at `index` (clamped to the end). Gives the item back if its key is
    /// taken.
    pub(super) fn insert(&mut self, index: usize, item: T) -> Result<(), T> {
        if self.position(item.key()).is_some() {
            return Err(item);
        }
        let index = index.min(self.items.len());
        let key = item.key().to_owned();
        self.items.insert(index, item);
        self.renumber(index + 1..self.items.len());
        if let Some((base, n)) = numbered(&key)
            && n == self.first_free.get(base).copied().unwrap_or(2)
        {
            let mut next = n + 1;
            while self.positions.contains_key(&format!("{base}-{next}")) {
                next += 1;
            }
            self.first_free.insert(base.to_owned(), next);
        }
        self.positions.insert(key, index);
        Ok(())
    }

    /// Removes the item with this key; returns it with its former position.
    pub(super) fn remove(&mut self, key: &str) -> Option<(usize, T)> {
        let index = self.position(key)?;
        let item = self.items.remove(index);
        self.positions.remove(key);
        self.renumber(index..self.items.len());
        if let Some((base, n)) = numbered(key)
            && let Some(first) = self.first_free.get_mut(base)
        {
            *first = (*first).min(n);
        }
        Some((index, item))
    }

    /// Moves the item at `from` to position `to`; does nothing if either is out of range.
    pub(super) fn move_item(&mut self, from: usize, to: usize) {
        if from < self.items.len() && to < self.items.len() {
            let item = self.items.remove(from);
            self.items.insert(to, item);
            self.renumber(from.min(to)..from.max(to) + 1);
        }
    }

    /// `base` if no item has it as key, else the first of `base-2`, `base-3`, … that is
    /// free. Starts where the last search ended, so making thousands of keys from one
    /// base stays linear.
    pub(super) fn fresh(&self, base: &str) -> String {
        if self.position(base).is_none() {
            return base.to_owned();
        }
        let mut n = self.first_free.get(base).copied().unwrap_or(2);
        loop {
            let key = format!("{base}-{n}");
            if self.position(&key).is_none() {
                return key;
            }
            n += 1;
        }
    }

    /// Rewrites the index entries of the items in `range` after they moved.
    fn renumber(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            if let Some(item) = self.items.get(i) {
                self.positions.insert(item.key().to_owned(), i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Item(String, u32);

    impl Keyed for Item {
        fn key(&self) -> &str {
            &self.0
        }
    }

    fn item(key: &str) -> Item {
        Item(key.to_owned(), 0)
    }

    /// Checks the index against the items, and `fresh` against a plain search.
    fn assert_consistent(list: &KeyedList<Item>) {
        assert_eq!(list.positions.len(), list.items.len());
        for (i, it) in list.items.iter().enumerate() {
            assert_eq!(list.positions.get(&it.0), Some(&i), "{}", it.0);
            assert_eq!(list.position(&it.0), Some(i));
        }
        for base in ["a", "b", "a-2"] {
            let taken = |k: &str| list.items.iter().any(|it| it.0 == k);
            let expected = if taken(base) {
                (2..)
                    .map(|n| format!("{base}-{n}"))
                    .find(|k| !taken(k))
                    .unwrap()
            } else {
                base.to_owned()
            };
            assert_eq!(list.fresh(base), expected, "fresh key for {base}");
        }
    }

    #[test]
    fn index_and_fresh_keys_follow_every_edit() {
        let mut list = KeyedList::default();
        for i in 0..20 {
            let key = list.fresh("a");
            list.insert(if i % 3 == 0 { 0 } else { usize::MAX }, item(&key))
                .unwrap();
            assert_consistent(&list);
        }
        assert_eq!(list.items().len(), 20);
        assert!(list.insert(5, item("a-7")).is_err(), "duplicate refused");
        assert_eq!(
            list.remove("a-7").map(|(_, it)| it.0),
            Some("a-7".to_owned())
        );
        assert_consistent(&list);
        assert_eq!(list.fresh("a"), "a-7");
        list.remove("a-3").unwrap();
        assert_eq!(list.fresh("a"), "a-3");
        list.insert(3, item("a-3")).unwrap();
        assert_eq!(list.fresh("a"), "a-7");
        list.insert(2, item("a-7")).unwrap();
        assert_eq!(list.fresh("a"), "a-21");
        // Keys that only look numbered, and keys inserted out of order.
        for key in [
            "a-02",
            "a-1",
            "a-x",
            "b-3",
            "b",
            "a-2-2",
            "a-99999999999999999999",
        ] {
            list.insert(usize::MAX, item(key)).unwrap();
            assert_consistent(&list);
        }
        assert_eq!(list.fresh("b"), "b-2");
        list.insert(1, item("b-2")).unwrap();
        assert_eq!(list.fresh("b"), "b-4");
        for (from, to) in [(0, 25), (25, 0), (3, 4), (10, 2), (99, 0)] {
            list.move_item(from, to);
            assert_consistent(&list);
        }
        while let Some(key) = list
            .items()
            .get(list.items().len() / 2)
            .map(|it| it.0.clone())
        {
            list.remove(&key).unwrap();
            assert_consistent(&list);
        }
    }

    #[test]
    fn equality_ignores_the_index() {
        let mut a = KeyedList::default();
        let mut b = KeyedList::default();
        for key in ["x", "x-2", "y"] {
            a.insert(usize::MAX, item(key)).unwrap();
        }
        // b reaches the same items along another path, so its index differs (it still
        // remembers where to look for a fresh "q-…" key).
        for key in ["y", "x-2", "q-2", "x-3"] {
            b.insert(0, item(key)).unwrap();
        }
        b.remove("q-2").unwrap();
        b.remove("x-3").unwrap();
        b.insert(0, item("x")).unwrap();
        b.move_item(2, 1);
        assert_eq!(
            b.items().iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
            ["x", "y", "x-2"]
        );
        b.move_item(1, 2);
        assert_eq!(a, b);
        b.get_mut("y").unwrap().1 = 1;
        assert_ne!(a, b);
    }
}
