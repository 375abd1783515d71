//! Where storyboard pictures live: relative to the project file, never outside its folder,
//! so a project shared by a client cannot make Journeyboard read other files.

use std::path::{Component, Path, PathBuf};

/// The picture file for a stored path, or why it will not be read.
pub fn resolve_picture(project_folder: Option<&Path>, stored: &str) -> Result<PathBuf, String> {
    let path = Path::new(stored);
    let outside = || {
        format!(
            "picture “{stored}” is outside the project folder, so it is not read; move it \
             into the project's folder and choose it again"
        )
    };
    let mut depth = 0_i32;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return Err(outside());
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        }
    }
    if depth == 0 {
        return Err(format!("picture path “{stored}” names no file"));
    }
    let folder = project_folder.ok_or_else(|| {
        format!("picture “{stored}” cannot be found until the project is saved: pictures are kept beside the project file")
    })?;
    Ok(folder.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_stay_inside_the_project_folder() {
        let folder = Path::new("/maps/bank");
        assert_eq!(
            resolve_picture(Some(folder), "frames/a.png").unwrap(),
            PathBuf::from("/maps/bank/frames/a.png")
        );
        assert!(resolve_picture(Some(folder), "frames/../b.png").is_ok());
        for bad in [
            "../secret.png",
            "frames/../../x.png",
            "/etc/passwd",
            "",
            ".",
        ] {
            assert!(resolve_picture(Some(folder), bad).is_err(), "{bad}");
        }
        assert!(
            resolve_picture(None, "a.png")
                .unwrap_err()
                .contains("saved")
        );
    }
}
