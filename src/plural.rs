//! Counts in words, singular or plural as English needs: "1 touchpoint", "2 touchpoints".

/// `n` and the noun that goes with it: `one` for exactly one, `many` otherwise.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(0, "link", "links"), "0 links");
        assert_eq!(count(1, "link", "links"), "1 link");
        assert_eq!(count(2, "step", "steps"), "2 steps");
        assert_eq!(count(1, "opportunity", "opportunities"), "1 opportunity");
    }
}
