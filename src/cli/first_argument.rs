//! The first word of the command line checked before anything else happens: a mistyped
//! command, a missing file, a folder, stray words, or no graphical session for the editor.

use std::ffi::OsString;

use clap::CommandFactory;

use super::Cli;

/// Whether a window can be opened at all (on Linux and the BSDs: X11 or Wayland is set).
pub(super) fn graphical_session() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()))
}

/// The commands people type, for suggestions.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect()
}

/// Catches a mistyped command or a missing file before anything else happens (in
/// particular before a window is tried): `journeyboard exprot …`, `journeyboard nosuch.ron`.
pub(super) fn unknown_first_argument(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?;
    let text = first.to_string_lossy();
    if text.starts_with('-') {
        return None;
    }
    // A command is a command even where a file or folder has its name.
    let known = Cli::command()
        .get_subcommands()
        .any(|c| c.get_name() == text);
    if text == "help" || known {
        return None;
    }
    if let Ok(meta) = std::fs::metadata(first) {
        if meta.is_dir() {
            return Some(format!(
                "{text} is a folder; give the project file in it (journeyboard FOLDER/NAME.ron)"
            ));
        }
        if let Some(extra) = args
            .get(2)
            .filter(|a| !a.to_string_lossy().starts_with('-'))
        {
            return Some(format!(
                "journeyboard FILE opens the editor on one file, so '{}' is not understood. \
                 To run a command, name it first, e.g. journeyboard export {text} -o board.png",
                extra.to_string_lossy()
            ));
        }
        return None;
    }
    let commands = command_names();
    let path_like = text.contains(['/', '\\', '.']);
    if path_like {
        return Some(format!(
            "no such file: {text}. Check the name and folder; to start a new journey, run \
             journeyboard without a file"
        ));
    }
    let closest = commands
        .iter()
        .map(|c| (edit_distance(&text.to_lowercase(), c), c))
        .filter(|(d, c)| *d <= 2 || c.starts_with(&*text.to_lowercase()))
        .min_by_key(|(d, _)| *d);
    let list = commands.join(", ");
    Some(match closest {
        Some((_, c)) => format!(
            "unknown command '{text}'; did you mean '{c}'? The commands are {list} (see \
             journeyboard --help)"
        ),
        None => format!(
            "unknown command '{text}', and no file has that name. The commands are {list} \
             (see journeyboard --help); to open a journey, give its file name"
        ),
    })
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistyped_commands_get_a_suggestion() {
        let args = |a: &str| vec![OsString::from("journeyboard"), OsString::from(a)];
        let message = unknown_first_argument(&args("exprot")).unwrap();
        assert!(message.contains("did you mean 'export'"), "{message}");
        let message = unknown_first_argument(&args("bogus-cmd")).unwrap();
        assert!(
            message.starts_with("unknown command 'bogus-cmd'"),
            "{message}"
        );
        let message = unknown_first_argument(&args("nosuch.ron")).unwrap();
        assert!(message.starts_with("no such file: nosuch.ron"), "{message}");
        assert_eq!(unknown_first_argument(&args("export")), None);
        assert_eq!(unknown_first_argument(&args("--help")), None);
        assert_eq!(edit_distance("exprot", "export"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
