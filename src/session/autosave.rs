//! Autosave to a recovery file beside the user's file (never over it), and recovery
//! after a crash.

use std::path::{Path, PathBuf};

use super::AUTOSAVE_SECONDS;
use crate::file::{self, recovery_path_for};
use crate::model::Project;

/// Where and when the session writes its recovery copy.
pub(super) struct Autosave {
    dir: PathBuf,
    /// When the unsaved state was last written (or first seen, before any write).
    last_write: Option<f64>,
    /// The recovery file this session owns, deleted on save or discard.
    written: Option<PathBuf>,
}

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            last_write: None,
            written: None,
        }
    }

    fn path(&self, file: Option<&Path>) -> PathBuf {
        recovery_path_for(file, &self.dir)
    }

    /// Called every frame: writes the recovery copy every 30 s while there are unsaved
    /// changes.
    pub fn tick(
        &mut self,
        project: &Project,
        file: Option<&Path>,
        dirty: bool,
        now: f64,
    ) -> Result<(), String> {
        if !dirty {
            self.last_write = None;
            return Ok(());
        }
        let since = *self.last_write.get_or_insert(now);
        if now - since >= AUTOSAVE_SECONDS {
            self.last_write = Some(now);
            self.write(project, file)?;
        }
        Ok(())
    }

    /// Writes the recovery copy of `project` (saved in `file`, if anywhere) now,
    /// atomically.
    pub fn write(&mut self, project: &Project, file: Option<&Path>) -> Result<PathBuf, String> {
        let path = self.path(file);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| {
                format!(
                    "Autosave failed: could not make the folder {}: {}",
                    folder.display(),
                    file::io_reason(&e)
                )
            })?;
        }
        let text = file::to_ron_string(project).map_err(|e| format!("Autosave failed: {e}"))?;
        // A copy the loader would refuse could never be recovered: say so instead.
        file::check_size(&text, &path).map_err(|e| format!("Autosave failed: {e}"))?;
        // Never through a link: a project folder from someone else could hold one here,
        // pointing at another of the user's files.
        file::write_atomic_replacing_links(&path, text.as_bytes())
            .map_err(|e| format!("Autosave failed: {e}"))?;
        self.written = Some(path.clone());
        Ok(path)
    }

    /// Deletes the recovery copy this session wrote (after a save or a discard).
    pub fn discard(&mut self) {
        if let Some(path) = self.written.take() {
            // Already gone is fine; otherwise it is offered again at the next start, where
            // the user can discard it: nothing is lost either way.
            if let Err(err) = std::fs::remove_file(&path)
                && err.kind() != std::io::ErrorKind::NotFound
            {
                self.written = Some(path);
            }
        }
        self.last_write = None;
    }

    /// Takes ownership of a recovery file found at start, so a later save removes it.
    pub fn adopt(&mut self, path: PathBuf) {
        self.written = Some(path);
    }

    /// A recovery copy for this document that differs from it, if one exists.
    pub fn find_recovery(
        &self,
        project: &Project,
        file: Option<&Path>,
    ) -> Option<(PathBuf, Project)> {
        let path = self.path(file);
        // Only a regular file is a recovery copy of ours; a link could lead anywhere.
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let found = file::load(&path).ok()?;
        (found != *project).then_some((path, found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename_a_stage(project: &mut Project) {
        crate::edit::Command::RenameStage("research".into(), "R".into())
            .apply(project)
            .unwrap();
    }

    #[test]
    fn a_planted_link_at_the_recovery_path_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("j.ron");
        let victim = dir.path().join("bashrc");
        std::fs::write(&victim, "export PATH=...").unwrap();
        let recovery = recovery_path_for(Some(&file), Path::new("unused"));
        std::os::unix::fs::symlink(&victim, &recovery).unwrap();
        let mut project = Project::new("t");
        let autosave_dir = dir.path().join("rec");
        let mut autosave = Autosave::new(autosave_dir);
        // A planted link is not offered as a recovery copy.
        assert!(autosave.find_recovery(&project, Some(&file)).is_none());
        rename_a_stage(&mut project);
        autosave.write(&project, Some(&file)).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "export PATH=...");
        assert!(std::fs::symlink_metadata(&recovery).unwrap().is_file());
    }

    #[test]
    fn a_planted_named_pipe_at_the_recovery_path_does_not_block_autosave() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("j.ron");
        let recovery = recovery_path_for(Some(&file), Path::new("unused"));
        let made = std::process::Command::new("mkfifo").arg(&recovery).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let mut project = Project::new("t");
        rename_a_stage(&mut project);
        let mut autosave = Autosave::new(dir.path().join("rec"));
        // Nobody reads the pipe: opening it to write would wait forever; it is replaced.
        autosave.write(&project, Some(&file)).unwrap();
        assert_eq!(file::load(&recovery).unwrap(), project);
    }

    #[test]
    fn tick_writes_every_30_seconds_only_while_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("j.ron");
        let mut project = Project::new("t");
        let mut autosave = Autosave::new(dir.path().join("rec"));
        let recovery = recovery_path_for(Some(&file), Path::new("unused"));
        autosave.tick(&project, Some(&file), false, 0.0).unwrap();
        assert!(!recovery.exists(), "nothing to save while clean");
        rename_a_stage(&mut project);
        autosave.tick(&project, Some(&file), true, 1.0).unwrap();
        autosave.tick(&project, Some(&file), true, 30.9).unwrap();
        assert!(!recovery.exists(), "not before 30 s of unsaved changes");
        autosave.tick(&project, Some(&file), true, 31.0).unwrap();
        assert_eq!(file::load(&recovery).unwrap(), project);
        assert!(
            !file.exists(),
            "the user's file is never written by autosave"
        );
        autosave.discard();
        assert!(!recovery.exists());
    }

    #[test]
    fn recovery_sits_beside_the_file_and_is_hidden() {
        let p = recovery_path_for(Some(Path::new("/work/maps/bank.ron")), Path::new("/data"));
        assert_eq!(p, PathBuf::from("/work/maps/.bank.ron.jb-recovery"));
        let p = recovery_path_for(None, Path::new("/data"));
        assert_eq!(p, PathBuf::from("/data/untitled.jb-recovery"));
    }
}
