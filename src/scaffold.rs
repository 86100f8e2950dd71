//! `brandcamp new`: writes a small course that builds and passes `check`, as
//! a starting point (its files live in `src/scaffold/`), or with
//! `--example` the whole bundled bootcamp (`content/`), for an organisation
//! to adapt (docs/adapting.md).

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// The bundled bootcamp, as the repository's `content/` holds it.
static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// What `brandcamp new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starter {
    /// A small course that shows each feature once.
    Small,
    /// The whole bundled bootcamp.
    Example,
}

/// Creates the course in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), String> {
    create_from(dir, Starter::Small)
}

/// Creates the course `starter` names in `dir`, which must not exist or be
/// empty.
pub fn create_from(dir: &Path, starter: Starter) -> Result<(), String> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "{} already exists and is not empty; choose a new folder",
            dir.display()
        ));
    }
    let source = match starter {
        Starter::Small => &SCAFFOLD,
        Starter::Example => &EXAMPLE,
    };
    write_dir(source, dir)
        .map_err(|e| format!("cannot create the course in {}: {e}", dir.display()))
}

fn write_dir(source: &Dir<'_>, target: &Path) -> std::io::Result<()> {
    fs::create_dir_all(target.join(source.path()))?;
    for file in source.files() {
        fs::write(target.join(file.path()), file.contents())?;
    }
    for sub in source.dirs() {
        write_dir(sub, target)?;
    }
    Ok(())
}
