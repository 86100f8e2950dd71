//! `brandcamp new`: writes a small course that builds and passes `check`, as
//! a starting point. The files live in `src/scaffold/`.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// Creates the course in `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<(), String> {
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
    write_dir(&SCAFFOLD, dir)
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
