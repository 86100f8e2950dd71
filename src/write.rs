//! Writing the site without ever losing the previous one: pages go to a
//! staging folder beside the output, and the staging folder replaces the
//! output in one atomic step once the whole build has succeeded.
//!
//! The previous site, swapped out, is moved aside
//! (`.public.brandcamp-previous` for `--out public`) and removed on a
//! thread of its own: removing a tree of thousands of files waits on the
//! disk far more than it computes, and the new site is already in place,
//! so the build's summary need not wait for it (the command still does,
//! before it exits: it leaves nothing behind). Should a command be killed
//! before the removal ends, the next build into the same output removes
//! what is left in the background while it loads and renders, and waits
//! for that only before its own swap.
//!
//! A file that is the same as in the previous build is hard-linked from it
//! instead of written again: a rebuild after a small change (as `serve`
//! makes) then creates only the files that changed, which on some file
//! systems costs far more than rendering them. Staged files are always new
//! links or new files, so the site being served is never written into.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use rayon::prelude::*;

use crate::contained::OUTPUT_MARKER;
use crate::contained::{Folder, OpenError, open_inside};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A site being written. Dropping it without [`Staging::commit`] removes the
/// staging folder and leaves the output as it was.
pub struct Staging {
    /// Held until the staging folder is in place or removed: one build at a
    /// time writes to an output (see [`lock_output`]).
    _lock: fs::File,
    dir: PathBuf,
    output: PathBuf,
    /// The output, when it holds a previous build to reuse files from.
    previous: Option<PathBuf>,
    /// Where the previous site goes once swapped out.
    aside: PathBuf,
    /// Removing what an earlier build left at `aside`, meanwhile.
    clearing: Option<JoinHandle<()>>,
    committed: bool,
    /// Set for a site updated where it is (see [`Staging::in_place`]);
    /// `dir` is then the output itself.
    in_place: Option<InPlace>,
}

/// The previous site, moved aside by [`Staging::commit`] and being removed
/// on a thread of its own. Dropping it waits for the removal to end (a
/// process stopped before that leaves the rest to the next build).
pub struct PreviousSite {
    removal: Option<JoinHandle<()>>,
}

impl PreviousSite {
    fn removing(dir: PathBuf) -> PreviousSite {
        let removal = std::thread::Builder::new()
            .name("remove previous site".into())
            .spawn(move || {
                // Failing here leaves the folder to the next build, which
                // reports it if it cannot remove it either.
                let _ = remove_previous_output(&dir);
            })
            .ok();
        PreviousSite { removal }
    }
}

impl Drop for PreviousSite {
    fn drop(&mut self) {
        if let Some(removal) = self.removal.take() {
            let _ = removal.join();
        }
    }
}

impl Staging {
    /// Prepares a staging folder for `output`, after checking that replacing
    /// `output` cannot destroy anything that is not a previous build.
    pub fn create(output: &Path, course_root: &Path) -> Result<Staging, Diagnostic> {
        let (parent, name) = output_place(output)?;
        let cannot = |e: io::Error| {
            Diagnostic::error(output, None, format!("cannot write the site here: {e}"))
                .with_hint("check that the folder is writable, or choose another with --out")
        };
        fs::create_dir_all(&parent).map_err(cannot)?;
        let lock = lock_output(&parent, &name, output).map_err(cannot)?;
        // Checked again now that no other build can change the output.
        check_output_is_safe(output, course_root)?;
        let dir = parent.join(format!(".{name}.brandcamp-staging"));
        // Left over from a build that was killed (a live build would hold
        // the lock): it is ours, remove it.
        if dir.symlink_metadata().is_ok() {
            remove_previous_output(&dir).map_err(cannot)?;
        }
        fs::create_dir(&dir).map_err(cannot)?;
        // The site before the previous one, if its removal did not finish:
        // removed while this build works, waited for before the swap.
        let aside = parent.join(format!(".{name}.brandcamp-previous"));
        let clearing = aside
            .symlink_metadata()
            .is_ok()
            .then(|| PreviousSite::removing(aside.clone()))
            .and_then(|mut previous| previous.removal.take());
        let output = parent.join(&name);
        let previous = output.join(OUTPUT_MARKER).is_file().then(|| output.clone());
        let staging = Staging {
            _lock: lock,
            dir,
            output,
            previous,
            aside,
            clearing,
            committed: false,
            in_place: None,
        };
        staging
            .write(
                OUTPUT_MARKER,
                b"This folder was built by brandcamp; the next build replaces it.\n",
            )
            .map_err(cannot)?;
        Ok(staging)
    }

    /// `serve`'s way to update the site it serves, which only it writes:
    /// instead of a whole new folder swapped in, the files that changed are
    /// gathered in memory and, on [`Staging::commit`] (once the build has
    /// succeeded), each replaced at once (written beside and renamed over
    /// it), and the files the build no longer makes removed. A page the
    /// server sends is thus always whole; a failed build changes nothing.
    /// Rebuilding 10,000 lessons after an edit then writes a few files
    /// instead of linking 12,000 and removing as many. `output` must hold a
    /// previous build.
    ///
    /// `previous_files`, when given, are the site's files as the previous
    /// build made them (see [`Committed::files`]): those this build does
    /// not make are removed without looking through the folder.
    pub fn in_place(
        output: &Path,
        previous_files: Option<HashSet<String>>,
    ) -> Result<Staging, Diagnostic> {
        let (parent, name) = output_place(output)?;
        let cannot = |e: io::Error| {
            Diagnostic::error(output, None, format!("cannot write the site here: {e}"))
                .with_hint("check that the folder is writable, or choose another with --out")
        };
        let lock = lock_output(&parent, &name, output).map_err(cannot)?;
        let output = parent.join(&name);
        if !output.join(OUTPUT_MARKER).is_file() {
            return Err(cannot(io::Error::other("it holds no previous build")));
        }
        Ok(Staging {
            _lock: lock,
            dir: output.clone(),
            output,
            previous: None,
            aside: parent.join(format!(".{name}.brandcamp-previous")),
            clearing: None,
            committed: false,
            in_place: Some(InPlace {
                previous: previous_files,
                ..InPlace::default()
            }),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a file at `site_path` (slash-separated, relative to the site
    /// root). The folder must exist (see [`Staging::create_dirs`]) or is
    /// created.
    pub fn write(&self, site_path: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some(place) = &self.in_place {
            place.write(&self.output, site_path, bytes);
            return Ok(());
        }
        let path = self.dir.join(site_path);
        if self.reuse(site_path, &path, |old| {
            old.len() == bytes.len() as u64 && fs::read(old.path).is_ok_and(|b| b == bytes)
        }) {
            return Ok(());
        }
        let write = || -> io::Result<()> {
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            io::Write::write_all(&mut file, bytes)
        };
        match write() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                write()
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Written twice (or linked): replace the link, never write into it.
                fs::remove_file(&path)?;
                write()
            }
            other => other,
        }
    }

    /// Puts the previous build's `site_path` in the staged site as it is,
    /// when the caller knows it to be current (it wrote the same bytes
    /// there last time). False if there is no such file to reuse.
    pub fn keep(&self, site_path: &str) -> bool {
        if let Some(place) = &self.in_place {
            return place.keep(site_path);
        }
        self.reuse(site_path, &self.dir.join(site_path), |_| true)
    }

    /// [`Staging::keep`] for a site updated in place whose previous build
    /// made `site_path` (see [`Staging::in_place`]'s `previous_files`);
    /// false, and nothing kept, when that is not known.
    pub(crate) fn keep_if_made(&self, site_path: &str) -> bool {
        match &self.in_place {
            Some(place)
                if place
                    .previous
                    .as_ref()
                    .is_some_and(|p| p.contains(site_path)) =>
            {
                place.keep(site_path)
            }
            _ => false,
        }
    }

    /// Copies `source`, a file of `folder`, to `site_path`. The source is
    /// opened once and copied from that handle, so that it cannot be
    /// swapped for a link out of `folder` meanwhile (see
    /// [`crate::contained`]).
    pub fn copy(
        &self,
        folder: Folder<'_>,
        source: &Path,
        site_path: &str,
    ) -> Result<(), CopyError> {
        let path = self.dir.join(site_path);
        let (mut file, len) = open_inside(folder, source).map_err(CopyError::Source)?;
        if let Some(place) = &self.in_place {
            let mut bytes = Vec::new();
            io::Read::read_to_end(&mut file, &mut bytes)
                .map_err(|e| CopyError::Source(e.into()))?;
            place.write(&self.output, site_path, &bytes);
            return Ok(());
        }
        // The previous copy is reused only if it holds the same bytes: a
        // size and a time say too little (`cp -p`, `rsync -t` and unzip give
        // a changed file an old time).
        if self.reuse(site_path, &path, |old| {
            old.len() == len
                && fs::File::open(old.path).is_ok_and(|mut old| same_bytes(&mut old, &mut file))
        }) {
            return Ok(());
        }
        io::Seek::rewind(&mut file).map_err(|e| CopyError::Source(e.into()))?;
        let mut copy = || -> io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            remove_staged(&path)?;
            let mut staged = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            io::copy(&mut file, &mut staged).map(drop)
        };
        copy().map_err(CopyError::Output)
    }

    /// Hard-links the previous build's `site_path` to `path` if `unchanged`
    /// says it can be reused. False when it cannot (no previous build, a
    /// different file, or links not supported here).
    fn reuse(
        &self,
        site_path: &str,
        path: &Path,
        unchanged: impl FnOnce(&PreviousFile<'_>) -> bool,
    ) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(site_path);
        let Ok(metadata) = fs::symlink_metadata(&old) else {
            return false;
        };
        if !metadata.is_file() {
            return false;
        }
        let file = PreviousFile {
            path: &old,
            metadata,
        };
        if !unchanged(&file) {
            return false;
        }
        match fs::hard_link(&old, path) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                path.parent()
                    .is_some_and(|parent| fs::create_dir_all(parent).is_ok())
                    && fs::hard_link(&old, path).is_ok()
            }
            Err(_) => false,
        }
    }

    /// Creates the folder of each page up front, so that parallel writes do
    /// not race to create them.
    pub fn create_dirs<'a>(&self, dirs: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        if self.in_place.is_some() {
            return Ok(()); // made as the files are put in place
        }
        for dir in dirs {
            fs::create_dir_all(self.dir.join(dir))?;
        }
        Ok(())
    }

    /// Puts the staged site in place of the output. On Linux the two folders
    /// are swapped atomically, so there is no moment without a site. The
    /// previous site, if any, is then moved aside and removed in the
    /// background (see the module's documentation).
    pub fn commit(mut self) -> io::Result<Committed> {
        if let Some(clearing) = self.clearing.take() {
            let _ = clearing.join();
        }
        if let Some(place) = self.in_place.take() {
            // Whatever happens, nothing is to be removed on drop: `dir` is the site.
            self.committed = true;
            return place.apply(&self.output).map(|files| Committed {
                previous: None,
                files: Some(files),
            });
        }
        let mut previous = None;
        if !self.output.exists() {
            fs::rename(&self.dir, &self.output)?;
        } else if swap(&self.dir, &self.output).is_ok() {
            // The staging folder now holds the previous site. Moved aside
            // unless an older one is still there (its removal failed): then
            // removed now, as it cannot wait.
            if self.aside.symlink_metadata().is_err() && fs::rename(&self.dir, &self.aside).is_ok()
            {
                previous = Some(PreviousSite::removing(self.aside.clone()));
            } else {
                remove_previous_output(&self.dir)?;
            }
        } else {
            let old = self.dir.with_extension("old");
            if old.exists() {
                remove_previous_output(&old)?;
            }
            fs::rename(&self.output, &old)?;
            fs::rename(&self.dir, &self.output)?;
            remove_previous_output(&old)?;
        }
        self.committed = true;
        Ok(Committed {
            previous,
            files: None,
        })
    }
}

/// The one way from a build to the disk: rendering hands it each file of
/// the site ([`crate::make`]) and does not know how the file gets there
/// (staged beside the output or updated in place, linked to the previous
/// build's identical file, left where it is). A file that cannot be
/// written is reported, named as in the output: the staging folder means
/// nothing to the author.
pub(crate) struct SiteWriter<'a> {
    staging: Staging,
    /// The site is updated where it is, over a previous build of this
    /// process (see [`Staging::in_place`]).
    in_place: bool,
    /// The course's files changed since that previous build was written,
    /// relative to the course folder; `None` when that is not known.
    changed_since_written: Option<HashSet<PathBuf>>,
    output: &'a Path,
    diagnostics: &'a Diagnostics,
}

impl<'a> SiteWriter<'a> {
    /// `in_place` says that `staging` updates, where it is, a site this
    /// process built (and told of every change since, in
    /// `changed_since_written`).
    pub(crate) fn new(
        staging: Staging,
        in_place: bool,
        changed_since_written: Option<HashSet<PathBuf>>,
        output: &'a Path,
        diagnostics: &'a Diagnostics,
    ) -> Self {
        SiteWriter {
            staging,
            in_place,
            changed_since_written,
            output,
            diagnostics,
        }
    }

    fn failed(&self, site_path: &str, e: io::Error) {
        self.diagnostics.push(
            Diagnostic::error(self.output.join(site_path), None, format!("cannot write this file: {e}"))
                .with_hint("check that there is space left and that the folder is writable; the previous site was left as it was"),
        );
    }

    /// Makes the site's folders, or reports why it cannot.
    pub(crate) fn create_dirs<'d>(&self, dirs: impl IntoIterator<Item = &'d str>) -> bool {
        match self.staging.create_dirs(dirs) {
            Ok(()) => true,
            Err(e) => {
                self.failed("", e);
                false
            }
        }
    }

    /// Writes a file of the site.
    pub(crate) fn write(&self, site_path: &str, bytes: &[u8]) {
        if let Err(e) = self.staging.write(site_path, bytes) {
            self.failed(site_path, e);
        }
    }

    /// Writes a file whose bytes are those the previous build made at the
    /// same place: a site updated in place keeps that file as it is.
    pub(crate) fn write_unchanged(&self, site_path: &str, bytes: &[u8]) {
        if !self.keep(site_path) {
            self.write(site_path, bytes);
        }
    }

    /// Keeps the previous build's file at `site_path`, which the caller
    /// knows to hold what this build would write there, in a site updated
    /// in place; false when the caller must make it.
    pub(crate) fn keep(&self, site_path: &str) -> bool {
        self.in_place && self.staging.keep(site_path)
    }

    /// Copies `source`, a file of `folder`, to `site_path`.
    pub(crate) fn copy(&self, folder: Folder<'_>, source: &Path, site_path: &str) {
        match self.staging.copy(folder, source, site_path) {
            Ok(()) => {}
            Err(CopyError::Source(e)) => self.diagnostics.push(e.diagnostic(source, folder)),
            Err(CopyError::Output(e)) => self.failed(site_path, e),
        }
    }

    /// Copies `source`, a file of the course folder `root` (relative to
    /// it), to `site_path`; in a site updated in place, a file nobody
    /// changed since it was copied there is left unread.
    pub(crate) fn copy_course_file(&self, root: &Path, source: &Path, site_path: &str) {
        let unchanged = self.in_place
            && self
                .changed_since_written
                .as_ref()
                .is_some_and(|changed| !changed.contains(source));
        if unchanged && self.staging.keep_if_made(site_path) {
            return;
        }
        self.copy(Folder::course(root), &root.join(source), site_path);
    }

    /// The folder the site is being made in.
    pub(crate) fn dir(&self) -> &Path {
        self.staging.dir()
    }

    /// Puts the made site in place of the output (see [`Staging::commit`]).
    pub(crate) fn commit(self) -> io::Result<Committed> {
        self.staging.commit()
    }
}

/// What [`Staging::commit`] leaves.
pub struct Committed {
    /// The site it replaced, being removed in the background (a staged site).
    pub previous: Option<PreviousSite>,
    /// The site's files, for a site updated in place: the next build in
    /// place takes them as its `previous_files`.
    pub files: Option<HashSet<String>>,
}

/// What a build updating the site in place has made so far: the site's
/// files it makes (written or kept), and those whose bytes are new.
#[derive(Default)]
struct InPlace {
    /// The site's files as the previous build made them, if known.
    previous: Option<HashSet<String>>,
    made: Mutex<HashSet<String>>,
    changed: Mutex<Vec<(String, Vec<u8>)>>,
}

impl InPlace {
    fn write(&self, output: &Path, site_path: &str, bytes: &[u8]) {
        lock(&self.made).insert(site_path.to_string());
        let path = output.join(site_path);
        let same = fs::symlink_metadata(&path)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&path).is_ok_and(|old| old == bytes);
        if !same {
            lock(&self.changed).push((site_path.to_string(), bytes.to_vec()));
        }
    }

    /// The caller knows the file to be in place as the previous build wrote
    /// it (only builds write this folder): it is not looked at.
    fn keep(&self, site_path: &str) -> bool {
        lock(&self.made).insert(site_path.to_string());
        true
    }

    /// Puts the changed files in place, each written beside its place and
    /// renamed over it, then removes the files (and emptied folders) the
    /// build no longer makes.
    /// Returns the site's files.
    fn apply(self, output: &Path) -> io::Result<HashSet<String>> {
        let made = self.made.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        changed.par_iter().try_for_each(|(site_path, bytes)| {
            let path = output.join(site_path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut temporary = path.clone().into_os_string();
            temporary.push(".brandcamp-new");
            let temporary = PathBuf::from(temporary);
            let _ = fs::remove_file(&temporary);
            fs::write(&temporary, bytes)?;
            fs::rename(&temporary, &path)
        })?;
        if let Some(previous) = &self.previous {
            for site_path in previous.difference(&made) {
                let path = output.join(site_path);
                match fs::remove_file(&path) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
                // Folders emptied of files go too (this fails, as it should,
                // for one that is not empty).
                let mut folder = path.parent();
                while let Some(dir) = folder.filter(|d| *d != output) {
                    if fs::remove_dir(dir).is_err() {
                        break;
                    }
                    folder = dir.parent();
                }
            }
            return Ok(made);
        }
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(output)
            .min_depth(1)
            .contents_first(true)
        {
            let entry = entry.map_err(io::Error::other)?;
            let Ok(relative) = entry.path().strip_prefix(output) else {
                continue;
            };
            let site_path = relative
                .to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/");
            if entry.file_type().is_dir() {
                folders.push(entry.into_path());
            } else if site_path != OUTPUT_MARKER && !made.contains(&site_path) {
                fs::remove_file(entry.path())?;
            }
        }
        // Deepest first (contents_first): a folder emptied of files goes too.
        for folder in folders {
            let _ = fs::remove_dir(folder); // fails, as it should, when not empty
        }
        Ok(made)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Why [`Staging::copy`] failed: the author's file could not be read, or
/// the copy could not be written.
#[derive(Debug)]
pub enum CopyError {
    Source(OpenError),
    Output(io::Error),
}

/// Whether two readers give the same bytes, read a block at a time.
fn same_bytes(a: &mut impl io::Read, b: &mut impl io::Read) -> bool {
    let mut blocks = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let Ok(n) = fill(a, &mut blocks.0) else {
            return false;
        };
        let Ok(m) = fill(b, &mut blocks.1) else {
            return false;
        };
        if blocks.0[..n] != blocks.1[..m] {
            return false;
        }
        if n < blocks.0.len() {
            return true;
        }
    }
}

/// Reads until `block` is full or the reader ends; the number of bytes read.
fn fill(reader: &mut impl io::Read, block: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < block.len() {
        match reader.read(&mut block[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A file of the previous build, offered for reuse.
struct PreviousFile<'a> {
    path: &'a Path,
    metadata: fs::Metadata,
}

impl PreviousFile<'_> {
    fn len(&self) -> u64 {
        self.metadata.len()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Updated in place, the folder is the site: a build that stops
        // before `commit` has changed nothing in it.
        if !self.committed && self.in_place.is_none() {
            let _ = fs::remove_dir_all(&self.dir);
        }
        if let Some(clearing) = self.clearing.take() {
            let _ = clearing.join();
        }
    }
}

/// The folder that holds `output` and the output's name in it. Refuses an
/// output that names no folder of its own: `.`, `..` or `dir/.` would have
/// the build replace the folder it runs in, which cannot be renamed.
fn output_place(output: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let refuse = || {
        Diagnostic::error(
            output,
            None,
            "the output must be a folder of its own, not `.` or `..`",
        )
        .with_hint("the site replaces the output folder as a whole, and the folder a command runs in cannot be replaced: give its name from the folder above, e.g. --out public or --out ../site")
    };
    let text = output.to_string_lossy();
    let last = text.trim_end_matches(['/', std::path::MAIN_SEPARATOR]);
    let last = last
        .rsplit(['/', std::path::MAIN_SEPARATOR])
        .next()
        .unwrap_or_default();
    if last.is_empty() || last == "." || last == ".." {
        return Err(refuse());
    }
    let name = output
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(refuse)?
        .to_string();
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Takes the lock of the output `name` in `parent`: a file beside it,
/// `.<name>.brandcamp-lock`, locked for as long as the returned file is
/// open. Two builds into one output (a CI job and a trainer's build, two
/// jobs) would otherwise share a staging folder, each taking the other's
/// for one left by a killed build. The second build waits for the first to
/// finish, and says so. The lock is the operating system's advisory lock:
/// a killed build holds it no longer. The file stays (removing it would let
/// two builds lock two different files).
fn lock_output(parent: &Path, name: &str, output: &Path) -> io::Result<fs::File> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(parent.join(format!(".{name}.brandcamp-lock")))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "Another build is writing to {}; waiting for it to finish…",
                output.display()
            );
            file.lock()?;
            Ok(file)
        }
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes a file already staged at `path`. It may be a hard link to the
/// previous output's file, and writing through it would change the previous
/// site in place: a failed build would then not leave it as it was. (Two
/// sources for one path are reported before writing; this is the last
/// line of defence.)
fn remove_staged(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn swap(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

fn remove_previous_output(dir: &Path) -> io::Result<()> {
    // Never through a symbolic link: what it points to is not ours.
    let is_folder = dir.symlink_metadata().is_ok_and(|m| m.is_dir());
    if is_folder && (dir.join(OUTPUT_MARKER).exists() || is_empty_dir(dir)) {
        // One folder per module: removing them in parallel halves the wait
        // for large courses. The marker goes last, so that a removal cut
        // short (a killed build) leaves a folder the next build still
        // recognises as its own and finishes removing.
        let entries: Vec<_> = fs::read_dir(dir)?
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name() != OUTPUT_MARKER)
            .collect();
        entries
            .par_iter()
            .try_for_each(|entry| match entry.file_type() {
                Ok(kind) if kind.is_dir() => fs::remove_dir_all(entry.path()),
                _ => fs::remove_file(entry.path()),
            })?;
        match fs::remove_file(dir.join(OUTPUT_MARKER)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        fs::remove_dir(dir)
    } else {
        Err(io::Error::other(format!(
            "{} is not a brandcamp output; not removing it",
            dir.display()
        )))
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

/// Refuses outputs whose replacement would destroy the course or someone's
/// files: the course folder itself, a folder that contains it, the root, and
/// any non-empty folder that lacks the marker of a previous build.
pub fn check_output_is_safe(output: &Path, course_root: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| -> PathBuf {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // Resolve symlinks of the part that exists.
        p.canonicalize().unwrap_or(p)
    };
    output_place(output)?;
    let refuse = |why: &str, hint: &str| {
        Err(Diagnostic::error(output, None, why.to_string()).with_hint(hint.to_string()))
    };
    // Checked before anything resolves the link: replacing the output would
    // replace the link, and clearing the old site would clear its target.
    if let Ok(meta) = output.symlink_metadata()
        && meta.file_type().is_symlink()
    {
        let target = fs::read_link(output)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return refuse(
            &format!("the output is a symbolic link (to {target}); refusing to write through it"),
            "build into a folder of its own (e.g. --out releases/v2) and point the link at it once the build succeeded, or give the link's target with --out",
        );
    }
    let out = absolute(output);
    let root = absolute(course_root);
    if out.parent().is_none() {
        return refuse(
            "refusing to write the site to the root of the file system",
            "choose an output folder with --out, e.g. --out public",
        );
    }
    if root.starts_with(&out) {
        return refuse(
            "refusing to write the site over the course folder or a folder that contains it",
            "choose an output folder outside the course sources, e.g. --out public",
        );
    }
    if out.is_file() {
        return refuse("the output path is a file", "choose a folder with --out");
    }
    if out.is_dir() && !out.join(OUTPUT_MARKER).exists() && !is_empty_dir(&out) {
        return refuse(
            "this folder is not empty and was not built by brandcamp; refusing to replace it",
            "choose another output folder with --out, or empty this one first",
        );
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn build(output: &Path, course: &Path, files: &[(&str, &str)]) {
        let staging = Staging::create(output, course).expect("staging");
        for (path, text) in files {
            staging.write(path, text.as_bytes()).expect("write");
        }
        staging.commit().expect("commit");
    }

    #[test]
    fn a_rebuild_reuses_unchanged_files_and_never_writes_into_the_old_site() {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        fs::create_dir(&course).expect("course");
        let output = dir.path().join("public");
        build(&output, &course, &[("a.html", "same"), ("m/b.html", "old")]);
        let old_a = fs::metadata(output.join("a.html")).expect("a").ino();
        let old_b_path = output.join("m/b.html");
        // Keep a handle on the old file, as a server reading it would.
        let kept = dir.path().join("kept-b.html");
        fs::hard_link(&old_b_path, &kept).expect("link");

        build(&output, &course, &[("a.html", "same"), ("m/b.html", "new")]);
        assert_eq!(fs::metadata(output.join("a.html")).expect("a").ino(), old_a);
        assert_eq!(
            fs::read_to_string(output.join("m/b.html")).expect("b"),
            "new"
        );
        assert_eq!(fs::read_to_string(&kept).expect("kept"), "old");
    }

    #[test]
    fn the_replaced_site_is_removed_and_one_left_by_a_killed_build_goes_with_the_next() {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        fs::create_dir(&course).expect("course");
        let output = dir.path().join("public");
        let aside = dir.path().join(".public.brandcamp-previous");
        build(&output, &course, &[("a.html", "one")]);
        build(&output, &course, &[("a.html", "two")]);
        assert!(
            !aside.exists(),
            "the replaced site was left beside the output"
        );

        // What a build killed while removing the site it replaced leaves.
        fs::create_dir_all(aside.join("m")).expect("aside");
        fs::write(aside.join(OUTPUT_MARKER), "").expect("marker");
        fs::write(aside.join("m/b.html"), "old").expect("page");
        build(&output, &course, &[("a.html", "three")]);
        assert!(!aside.exists(), "the next build left it");
        assert_eq!(
            fs::read_to_string(output.join("a.html")).expect("a"),
            "three"
        );
    }

    #[test]
    fn a_path_written_twice_gets_the_second_content_without_touching_the_first_build() {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        fs::create_dir(&course).expect("course");
        let output = dir.path().join("public");
        build(&output, &course, &[("a.html", "one")]);
        let kept = dir.path().join("kept-a.html");
        fs::hard_link(output.join("a.html"), &kept).expect("link");
        build(&output, &course, &[("a.html", "one"), ("a.html", "two")]);
        assert_eq!(fs::read_to_string(output.join("a.html")).expect("a"), "two");
        assert_eq!(fs::read_to_string(&kept).expect("kept"), "one");
    }
}
