//! The stages and owners a sheet names, matched ignoring case: the project's lanes (the
//! default stages when the sheet's names fit them) and owners, and each row's place in them.

use std::collections::{HashMap, HashSet};

use super::row::Row;
use crate::interchange::{FreshKeys, ImportError};
use crate::model::{DEFAULT_STAGES, OwnerId, Project, Stage, StageId};

/// Names of stages or owners in order of first appearance, matched ignoring case.
#[derive(Default)]
struct Names {
    /// The first spelling of each name.
    first: Vec<String>,
    index: HashMap<String, usize>,
    reported: HashSet<String>,
}

impl Names {
    /// The index of `name`, added if new; a new spelling of a known name is reported.
    fn note(&mut self, name: &str, what: &str, row: usize, warnings: &mut Vec<String>) -> usize {
        let key = name.to_lowercase();
        if let Some(&i) = self.index.get(&key) {
            if self.first[i] != name && self.reported.insert(name.to_owned()) {
                warnings.push(format!(
                    "row {row}: {what} “{name}” is taken as “{}”, its first spelling (names \
                     are matched ignoring case)",
                    self.first[i]
                ));
            }
            return i;
        }
        self.first.push(name.to_owned());
        self.index.insert(key, self.first.len() - 1);
        self.first.len() - 1
    }
}

/// The project with its stages, each stage's key by lane, and each row's lane.
///
/// The default six stages are used when every stage named in the sheet is one of them (in
/// any case) and they first appear in the default order; a different spelling renames
/// that stage. Otherwise the stages are the names in order of first appearance, and rows
/// without a stage go to "Unsorted".
pub(super) fn build_stages(
    rows: &[Row],
    title: &str,
    warnings: &mut Vec<String>,
) -> Result<(Project, Vec<StageId>, Vec<usize>), ImportError> {
    let default_index: HashMap<String, usize> = DEFAULT_STAGES
        .iter()
        .enumerate()
        .map(|(i, (_, name))| (name.to_lowercase(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut last_default = None;
    let mut use_defaults = true;
    for name in rows.iter().filter_map(|r| r.stage.as_deref()) {
        let key = name.to_lowercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        match default_index.get(&key) {
            Some(&i) if last_default.is_none_or(|last| i > last) => last_default = Some(i),
            _ => {
                use_defaults = false;
                break;
            }
        }
    }

    let mut names = Names::default();
    let mut stage_of_row = Vec::with_capacity(rows.len());
    for r in rows {
        let name = match (&r.stage, use_defaults) {
            (Some(name), _) => Some(name.as_str()),
            (None, true) => None,
            (None, false) => Some("Unsorted"),
        };
        stage_of_row.push(name.map(|n| names.note(n, "stage", r.row, warnings)));
    }

    let mut project;
    let mut lane_of_name = Vec::with_capacity(names.first.len());
    if use_defaults {
        project = Project::new(title);
        for name in &names.first {
            let i = default_index
                .get(&name.to_lowercase())
                .copied()
                .unwrap_or_default();
            if let Some(current) = project.stage_name_mut(DEFAULT_STAGES[i].0)
                && current != name
            {
                current.clone_from(name);
            }
            lane_of_name.push(i);
        }
    } else {
        project = Project::empty(title);
        let mut keys = FreshKeys::default();
        for (i, name) in names.first.iter().enumerate() {
            project
                .insert_stage(
                    usize::MAX,
                    Stage {
                        id: keys.fresh(name).into(),
                        name: name.clone(),
                    },
                )
                .map_err(|e| ImportError::whole_file(e.to_string()))?;
            lane_of_name.push(i);
        }
    }
    let lanes: Vec<StageId> = project.stages().iter().map(|s| s.id.clone()).collect();
    let stage_of_row = stage_of_row
        .into_iter()
        .map(|name| name.map_or(0, |n| lane_of_name[n]))
        .collect();
    Ok((project, lanes, stage_of_row))
}

/// Adds an owner for each owner name (in order of first appearance) and returns each
/// row's owner key.
pub(super) fn build_owners(
    project: &mut Project,
    rows: &[Row],
    warnings: &mut Vec<String>,
) -> Result<Vec<Option<OwnerId>>, ImportError> {
    let mut names = Names::default();
    let of_row: Vec<Option<usize>> = rows
        .iter()
        .map(|r| {
            r.owner
                .as_deref()
                .map(|n| names.note(n, "owner", r.row, warnings))
        })
        .collect();
    let mut keys = FreshKeys::default();
    let mut ids = Vec::with_capacity(names.first.len());
    for name in &names.first {
        // `new_owner` gives the next palette colour; the key comes from `keys`, which
        // stays linear where probing the project for each name would not.
        let key = keys.fresh(name);
        let mut owner = project.new_owner(&key);
        keys.take(&owner.id);
        owner.name.clone_from(name);
        ids.push(owner.id.clone());
        project
            .insert_owner(usize::MAX, owner)
            .map_err(|e| ImportError::whole_file(e.to_string()))?;
    }
    Ok(of_row
        .into_iter()
        .map(|i| i.map(|i| ids[i].clone()))
        .collect())
}
