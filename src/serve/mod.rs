//! `brandcamp serve`: builds the course into a temporary folder, serves it
//! on 127.0.0.1, rebuilds when a file of the course (or of its theme)
//! changes, and makes the open pages reload.
//!
//! Builds go through the normal pipeline ([`site::build_reusing`]), which
//! writes to a staging folder and swaps it into place, so a request never
//! sees a half-written site, and a failed build leaves the last good site
//! served. Its cache spares rebuilds what an edit cannot change.
//! The pages learn about builds from [`live`], through a script that only
//! `serve` adds to them ([`http`]).

pub mod http;
pub mod live;
pub mod watch;

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;

use crate::diagnostics::Diagnostic;
use crate::site::{self, BuildCache, BuildOptions, Outcome};
use live::Live;
use watch::{CourseWatcher, Message};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub course_dir: PathBuf,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub drafts: bool,
}

/// Why `serve` could not run, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeError {
    pub message: String,
    pub hint: Option<String>,
}

/// Serves the course until Ctrl-C. `report` is called with the outcome of
/// every build, to print its diagnostics.
pub fn serve(options: &ServeOptions, report: &mut dyn FnMut(&Outcome)) -> Result<(), ServeError> {
    let listener = bind(options.host, options.port)?;
    let address = listener.local_addr().map_err(|e| ServeError {
        message: format!("cannot read the server's address: {e}"),
        hint: None,
    })?;

    let workspace = tempfile::Builder::new()
        .prefix("brandcamp-serve-")
        .tempdir()
        .map_err(|e| ServeError {
            message: format!("cannot create a temporary folder for the site: {e}"),
            hint: Some("check that the system's temporary folder (TMPDIR) is writable".into()),
        })?;
    let workspace_dir = workspace
        .path()
        .canonicalize()
        .unwrap_or_else(|_| workspace.path().to_path_buf());
    let output = workspace_dir.join("site");
    let build_options = BuildOptions {
        course_dir: options.course_dir.clone(),
        output: Some(output.clone()),
        drafts: options.drafts,
    };

    let (messages, inbox) = channel();
    let mut watcher = CourseWatcher::new(messages.clone()).map_err(|e| ServeError {
        message: format!("cannot watch the course folder for changes: {e}"),
        hint: Some(
            "on Linux, raise fs.inotify.max_user_watches or close other programs that watch files"
                .into(),
        ),
    })?;
    let course = CourseSettings::read(&options.course_dir);
    // Where the course is as watching begins: a folder moved away from now
    // on, even before the server is up, is reported as gone.
    let mut course_root = options.course_dir.canonicalize().ok();
    watcher.watch(&course.folders(&options.course_dir));

    let live = Arc::new(Live::new());
    let mut cache = BuildCache::default();
    let outcome = site::build_reusing(&build_options, Some(&mut cache));
    report(&outcome);
    live.finished(outcome.succeeded(), &outcome.diagnostics);

    let site = Arc::new(http::Site::new(output, Arc::clone(&live), address.ip()));
    http::start(listener, site).map_err(|e| ServeError {
        message: format!("cannot start the web server: {e}"),
        hint: None,
    })?;
    let stopper = messages.clone();
    ctrlc::set_handler(move || {
        let _ = stopper.send(Message::Stop);
    })
    .map_err(|e| ServeError {
        message: format!("cannot catch Ctrl-C: {e}"),
        hint: None,
    })?;

    let url = format!("http://{address}/");
    let title = course.title.unwrap_or_else(|| {
        options
            .course_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "the course".into())
    });
    eprintln!("Site folder: {}", workspace_dir.display());
    println!("Serving {title} at {url}");
    let _ = io::stdout().flush();
    eprintln!(
        "Watching {} for changes; press Ctrl-C to stop.",
        options.course_dir.display()
    );
    if options.open {
        open_in_browser(&url);
    }

    // Whether what is watched changed since the last build read the course:
    // a change made before the new watch began went unseen, so the next
    // build reads every file instead of only those said to have changed.
    let mut rewatched = false;
    while let Some(burst) = watch::next_burst(&inbox) {
        let changed = &burst.paths;
        // Moved away, deleted, or replaced by a new folder of the same name
        // (`git checkout`, some editors): the watcher follows the name.
        if !options.course_dir.is_dir() {
            if course_root.take().is_some() {
                let gone = folder_gone(&options.course_dir);
                eprintln!(
                    "warning: {}; {}",
                    gone.message,
                    gone.hint.as_deref().unwrap_or_default()
                );
                live.finished(false, &[gone]);
            }
            rewatched |= watcher
                .watch(&CourseSettings::read(&options.course_dir).folders(&options.course_dir));
            continue;
        }
        // Before building, so that a folder back or replaced is watched
        // for edits made while it builds.
        let folders = CourseSettings::read(&options.course_dir).folders(&options.course_dir);
        rewatched |= watcher.watch(&folders);
        if course_root.is_none() {
            eprintln!(
                "The course folder {} is back; rebuilding",
                options.course_dir.display()
            );
            course_root = options.course_dir.canonicalize().ok();
        } else if let Some(first) = changed.first() {
            let shown = course_root
                .as_deref()
                .and_then(|root| first.strip_prefix(root).ok())
                .unwrap_or(first);
            eprintln!("Changed: {}; rebuilding", shown.display());
        }
        if let (true, false, Some(root)) = (burst.complete, rewatched, &course_root) {
            cache.changed_files(root, changed);
        }
        let outcome = site::build_reusing(&build_options, Some(&mut cache));
        report(&outcome);
        live.finished(outcome.succeeded(), &outcome.diagnostics);
        // course.yaml may have set or changed `theme:`.
        rewatched =
            watcher.watch(&CourseSettings::read(&options.course_dir).folders(&options.course_dir));
    }
    live.stop();
    eprintln!("Stopped.");
    drop(workspace);
    Ok(())
}

/// What the pages and the terminal say while the course folder is missing.
fn folder_gone(course_dir: &Path) -> Diagnostic {
    Diagnostic::error(
        course_dir,
        None,
        "the course folder is gone (moved, renamed or deleted)",
    )
    .with_hint("the last site stays served; put the folder back under this name and it is watched and built again")
}

fn bind(host: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let address = SocketAddr::new(host, port);
    TcpListener::bind(address).map_err(|e| {
        let (message, hint) = match e.kind() {
            io::ErrorKind::AddrInUse => (
                format!("cannot serve on {address}: the port {port} is already in use"),
                format!(
                    "stop the program that uses it, or choose another port with --port, e.g. --port {} (--port 0 picks a free one)",
                    port.wrapping_add(1).max(1024)
                ),
            ),
            io::ErrorKind::PermissionDenied => (
                format!("cannot serve on {address}: permission denied"),
                "ports below 1024 need special rights; choose another with --port, e.g. --port 8000".into(),
            ),
            io::ErrorKind::AddrNotAvailable => (
                format!("cannot serve on {address}: this machine has no such address"),
                "leave out --host to serve on 127.0.0.1, or give one of this machine's addresses".into(),
            ),
            _ => (
                format!("cannot serve on {address}: {e}"),
                "choose another port with --port, or --port 0 for any free port".into(),
            ),
        };
        ServeError {
            message,
            hint: Some(hint),
        }
    })
}

/// The few settings of course.yaml that `serve` needs before (or whatever)
/// the build says: the title to print and the theme folder to watch.
struct CourseSettings {
    title: Option<String>,
    theme: Option<PathBuf>,
}

impl CourseSettings {
    fn read(course_dir: &Path) -> CourseSettings {
        // Read as the build reads it; its problems are the build's to report.
        let reported = crate::diagnostics::Diagnostics::new();
        let folder = crate::contained::Folder::course(course_dir);
        let yaml: Option<serde_yaml::Value> =
            crate::sources::read_text(folder, &course_dir.join("course.yaml"), &reported)
                .and_then(|text| serde_yaml::from_str(&text).ok());
        let field = |key: &str| {
            yaml.as_ref()
                .and_then(|y| y.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        CourseSettings {
            title: field("title"),
            theme: field("theme").map(|t| course_dir.join(t)),
        }
    }

    /// The folders whose changes need a rebuild.
    fn folders(&self, course_dir: &Path) -> Vec<PathBuf> {
        let mut folders = vec![course_dir.to_path_buf()];
        folders.extend(self.theme.clone());
        folders
    }
}

/// Asks the system to open `url` in the default browser. The opener
/// (`xdg-open`, `open`, `start`) is waited for on a thread of its own: it
/// may be missing, or fail without a browser or a display, and then the
/// trainer is told to open the address themselves; a browser it keeps
/// running in the foreground delays nothing.
fn open_in_browser(url: &str) {
    #[cfg(target_os = "macos")]
    let (opener, mut command) = ("open", std::process::Command::new("open"));
    #[cfg(windows)]
    let (opener, mut command) = {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        ("start", command)
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let (opener, mut command) = ("xdg-open", std::process::Command::new("xdg-open"));
    let child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return cannot_open(&format!("`{opener}` is not installed"), url);
        }
        Err(e) => return cannot_open(&format!("`{opener}` did not start: {e}"), url),
    };
    let url = url.to_string();
    std::thread::spawn(move || match child.wait() {
        Ok(status) if !status.success() => {
            cannot_open(&format!("`{opener}` failed: {status}"), &url);
        }
        Err(e) => cannot_open(&format!("`{opener}`: {e}"), &url),
        Ok(_) => {}
    });
}

fn cannot_open(why: &str, url: &str) {
    eprintln!("warning: cannot open a browser ({why}); open {url} in your browser yourself");
}
