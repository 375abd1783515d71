//! `bundle` and `import` of a bundle: a project and its pictures into one .jbz file, and
//! back into a project file with its pictures beside it.

use std::path::Path;

use super::{guard_output, summary, write_project};
use crate::file::{self, Destination};

/// `import` of a bundle: its project to `output` and its pictures beside it.
pub(super) fn unbundle(input: &Path, output: &Path, force: bool) -> Result<String, String> {
    let to = Destination::from_arg(output);
    let Destination::Path(path) = &to else {
        return Err(
            "a bundle's pictures go beside the project, so it cannot be imported to standard \
             output; give -o NAME.ron"
                .to_owned(),
        );
    };
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(file::EXTENSION))
    {
        return Err(format!(
            "a bundle is unpacked into a project file, so its name must end in .ron (not {})",
            path.display()
        ));
    }
    guard_output(&to, &[input], true, force)?;
    let document = file::load_document(input).map_err(|e| e.to_string())?;
    let created = match (&document.bundle, path.parent()) {
        (Some(bundle), Some(folder)) => {
            file::copy_pictures(&document.project, bundle.path(), file::in_folder(folder))
                .map_err(|reason| format!("{} was not written: {reason}", path.display()))?
        }
        _ => Vec::new(),
    };
    if let Err(message) = write_project(&document.project, output, &[input], force) {
        file::remove_created(&created);
        return Err(message);
    }
    Ok(format!(
        "wrote {} and its pictures: {}",
        path.display(),
        summary(&document.project)
    ))
}

/// `bundle`: the project at `input` and its pictures as one bundle at `output`.
pub(super) fn bundle(input: &Path, output: &Path, force: bool) -> Result<String, String> {
    let to = Destination::from_arg(output);
    let Destination::Path(out) = &to else {
        return Err(
            "a bundle is written to a file, not to standard output; give -o NAME.jbz".to_owned(),
        );
    };
    if !file::is_bundle(out) {
        return Err(format!(
            "{} does not end in .{}: name the bundle NAME.{}, which Journeyboard opens \
             as a project",
            out.display(),
            file::BUNDLE_EXTENSION,
            file::BUNDLE_EXTENSION
        ));
    }
    guard_output(&to, &[input], true, force)?;
    let document = file::load_document(input).map_err(|e| e.to_string())?;
    let written = file::write_bundle(&document.project, document.folder(input), out)?;
    Ok(format!(
        "wrote {}: the project and {} ({})",
        out.display(),
        crate::plural::count(written.pictures, "picture", "pictures"),
        file::in_words(written.picture_bytes)
    ))
}
