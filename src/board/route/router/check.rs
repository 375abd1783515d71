//! What a failing test needs to say where a router kept up to date and one built anew
//! part.

use super::Router;

impl Router {
    /// The first difference between what two routers hold, for a failing test to name.
    pub(in crate::board) fn first_difference(&self, other: &Self) -> Option<String> {
        let ids = |r: &Self| r.routed.ids.clone();
        if ids(self) != ids(other) {
            return Some(format!(
                "links: kept {:?}, anew {:?}",
                ids(self),
                ids(other)
            ));
        }
        for ((id, a), b) in self
            .routed
            .ids
            .iter()
            .zip(&self.routed.rows)
            .zip(&other.routed.rows)
        {
            let fields = [
                ("plan", format!("{:?}", a.plan), format!("{:?}", b.plan)),
                (
                    "ports",
                    format!("{:?}", (a.start, a.end)),
                    format!("{:?}", (b.start, b.end)),
                ),
                ("raw", format!("{:?}", a.raw), format!("{:?}", b.raw)),
                (
                    "heights",
                    format!("{:?}", a.heights),
                    format!("{:?}", b.heights),
                ),
                ("legs", format!("{:?}", a.legs), format!("{:?}", b.legs)),
                ("spans", format!("{:?}", a.spans), format!("{:?}", b.spans)),
                ("xs", format!("{:?}", a.xs), format!("{:?}", b.xs)),
                ("route", format!("{:?}", a.route), format!("{:?}", b.route)),
            ];
            for (name, x, y) in fields {
                if x != y {
                    return Some(format!("link {id:?} {name}: kept {x}, anew {y}"));
                }
            }
        }
        for (g, (a, b)) in self.gutters.iter().zip(&other.gutters).enumerate() {
            let a: Vec<_> = a
                .iter()
                .map(|l| (l.link, l.top, l.bottom, l.span))
                .collect();
            let b: Vec<_> = b
                .iter()
                .map(|l| (l.link, l.top, l.bottom, l.span))
                .collect();
            if a != b {
                return Some(format!("gutter {g}: kept {a:?}\n anew {b:?}"));
            }
        }
        None
    }
}
