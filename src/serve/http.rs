//! The HTTP side of `serve`: answers GET and HEAD requests with files of the
//! built site (and nothing outside it), injects the live-reload script into
//! HTML pages, and answers the pages' long polls for build news.
//!
//! Connections are read by `tiny_http`, one thread each; requests are then
//! answered by a small pool of workers, and long polls by a thread each (up
//! to [`MAX_WAITING_PAGES`]), so that open pages never hold up file requests.

use std::fs::File;
use std::io::{self, Read};
use std::net::TcpListener;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::live::{Live, NO_BUILD};
use crate::urls;

/// The script that makes pages reload; only `serve` adds it to pages.
const LIVE_RELOAD_JS: &str = include_str!("livereload.js");
pub const LIVE_RELOAD_PATH: &str = "/__brandcamp/livereload.js";
pub const EVENTS_PATH: &str = "/__brandcamp/events";

/// How long a long poll waits for news before answering "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// Open pages waiting for news at once; more are asked to come back later.
const MAX_WAITING_PAGES: usize = 256;

/// Everything a worker needs to answer a request.
pub struct Site {
    /// The output folder, canonical. It may not exist before the first
    /// successful build.
    pub root: PathBuf,
    pub live: Arc<Live>,
    waiting_pages: AtomicUsize,
}

impl Site {
    pub fn new(root: PathBuf, live: Arc<Live>) -> Site {
        Site {
            root,
            live,
            waiting_pages: AtomicUsize::new(0),
        }
    }
}

/// Starts answering requests on `listener` in background threads.
pub fn start(listener: TcpListener, site: Arc<Site>) -> io::Result<()> {
    let server = Server::from_listener(listener, None).map_err(io::Error::other)?;
    let server = Arc::new(server);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get() * 2)
        .unwrap_or(4)
        .clamp(4, 16);
    for _ in 0..workers {
        let server = Arc::clone(&server);
        let site = Arc::clone(&site);
        std::thread::Builder::new()
            .name("brandcamp-http".into())
            .spawn(move || answer_requests(&server, &site))?;
    }
    Ok(())
}

fn answer_requests(server: &Server, site: &Arc<Site>) {
    loop {
        match server.recv() {
            Ok(request) => {
                // A bug in answering one request must not take a worker down.
                let _ = catch_unwind(AssertUnwindSafe(|| answer(request, site)));
            }
            Err(e) => {
                eprintln!("error: the server stopped accepting connections: {e}");
                eprintln!("  help: restart `brandcamp serve`");
                return;
            }
        }
    }
}

fn answer(request: Request, site: &Arc<Site>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = text_response(405, "Only GET and HEAD are supported.\n")
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == LIVE_RELOAD_PATH {
        let response = Response::from_string(LIVE_RELOAD_JS)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(no_store());
        let _ = request.respond(response);
        return;
    }
    if path == EVENTS_PATH {
        answer_poll(request, query, site);
        return;
    }
    // Read before the file, so that a page is never marked newer than it is.
    let build = site.live.current_build();
    let response = match resolve(&site.root, path) {
        Target::File(file) => file_response(&file, &build),
        Target::Redirect(location) => {
            let location = if query.is_empty() {
                location
            } else {
                let query =
                    percent_encoding::utf8_percent_encode(query, percent_encoding::CONTROLS);
                format!("{location}?{query}")
            };
            Ok(text_response(301, "Moved.\n").with_header(header("Location", &location)))
        }
        Target::NotFound => Ok(not_found(site, &build)),
        Target::BadRequest => Ok(text_response(400, "Bad request.\n")),
    };
    let response =
        response.unwrap_or_else(|e| text_response(500, &format!("Cannot read the file: {e}\n")));
    let _ = request.respond(response);
}

/// `/__brandcamp/events?since=N`: answers when the build generation is no
/// longer `N`, or after [`POLL_TIMEOUT`].
fn answer_poll(request: Request, query: &str, site: &Arc<Site>) {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok());
    let reply = move |site: &Site, request: Request| {
        let snapshot = site.live.wait_for_change(since, POLL_TIMEOUT);
        let json = serde_json::to_string(&snapshot).unwrap_or_else(|_| "{}".into());
        let response = Response::from_string(json)
            .with_header(header("Content-Type", "application/json; charset=utf-8"))
            .with_header(no_store());
        let _ = request.respond(response);
    };
    if site.waiting_pages.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING_PAGES {
        site.waiting_pages.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text_response(503, "Too many open pages.\n"));
        return;
    }
    let waiting = Arc::clone(site);
    let spawned = std::thread::Builder::new()
        .name("brandcamp-poll".into())
        .spawn(move || {
            reply(&waiting, request);
            waiting.waiting_pages.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        site.waiting_pages.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site or cannot be a file name.
    BadRequest,
}

/// Maps a URL path (still percent-encoded) to a file inside `root` (which
/// must be canonical). Anything that could climb out of the site — `..`,
/// encoded slashes or backslashes, control characters, symbolic links that
/// lead outside — is refused.
pub fn resolve(root: &Path, url_path: &str) -> Target {
    if !url_path.starts_with('/') || url_path.contains('\\') {
        return Target::BadRequest;
    }
    let lower = url_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Target::BadRequest;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(url_path).decode_utf8() else {
        return Target::BadRequest;
    };
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return Target::BadRequest;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::BadRequest,
            segment => segments.push(segment),
        }
    }
    let mut path = root.to_path_buf();
    path.extend(&segments);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            let mut location = String::from("/");
            for segment in &segments {
                location.push_str(&urls::encode_path(segment));
                location.push('/');
            }
            return Target::Redirect(location);
        }
        path.push("index.html");
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Target::File(real),
        _ => Target::NotFound,
    }
}

/// The content type of a file of the site, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

type Body = Box<dyn Read + Send>;

fn file_response(path: &Path, build: &str) -> io::Result<Response<Body>> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        let html = std::fs::read_to_string(path)?;
        return Ok(html_response(200, inject_live_reload(&html, build)));
    }
    let file = File::open(path)?;
    let length = file.metadata()?.len();
    Ok(Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", content_type),
            no_store(),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Box::new(file) as Body,
        usize::try_from(length).ok(),
        None,
    ))
}

/// The site's own `404.html` (themed), made to work at any depth; a plain
/// page while no build has succeeded yet.
fn not_found(site: &Site, build: &str) -> Response<Body> {
    if build == NO_BUILD {
        let page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>No site yet</title></head>\n<body><h1>No site yet</h1><p>The course has not built yet: see the errors in the terminal. This page reloads when the build succeeds.</p></body></html>\n";
        return html_response(503, inject_live_reload(page, build));
    }
    match std::fs::read_to_string(site.root.join(urls::NOT_FOUND_PAGE)) {
        Ok(page) => {
            // Its links are relative to the site root, wherever it is shown.
            let page = match page.find("<head>") {
                Some(at) => format!(
                    "{}<base href=\"/\">{}",
                    &page[..at + "<head>".len()],
                    &page[at + "<head>".len()..]
                ),
                None => page,
            };
            html_response(404, inject_live_reload(&page, build))
        }
        Err(_) => text_response(404, "Not found.\n"),
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_live_reload(html: &str, build: &str) -> String {
    let tag = format!(
        "<script src=\"{LIVE_RELOAD_PATH}\" data-build=\"{}\"></script>\n",
        crate::markdown::escape(build)
    );
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

fn html_response(status: u16, html: String) -> Response<Body> {
    let length = html.len();
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", "text/html; charset=utf-8"),
            no_store(),
        ],
        Box::new(io::Cursor::new(html.into_bytes())) as Body,
        Some(length),
        None,
    )
}

fn text_response(status: u16, text: &str) -> Response<Body> {
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", "text/plain; charset=utf-8"),
            no_store(),
        ],
        Box::new(io::Cursor::new(text.as_bytes().to_vec())) as Body,
        Some(text.len()),
        None,
    )
}

fn header(name: &str, value: &str) -> Header {
    // Names and values are ours and ASCII; this cannot fail.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("ASCII"))
}

fn no_store() -> Header {
    header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical").join("site");
        std::fs::create_dir_all(root.join("why")).expect("mkdir");
        std::fs::write(root.join("index.html"), "<html><body>home</body></html>").expect("write");
        std::fs::write(root.join("why/index.html"), "module").expect("write");
        std::fs::write(root.join("why/team photo.png"), "png").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        (dir, root)
    }

    #[test]
    fn paths_map_to_files_of_the_site() {
        let (_dir, root) = site();
        assert_eq!(resolve(&root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/why/"),
            Target::File(root.join("why/index.html"))
        );
        assert_eq!(
            resolve(&root, "/why/team%20photo.png"),
            Target::File(root.join("why/team photo.png"))
        );
        assert_eq!(resolve(&root, "/why"), Target::Redirect("/why/".into()));
        assert_eq!(resolve(&root, "/nope.html"), Target::NotFound);
    }

    #[test]
    fn paths_that_climb_out_of_the_site_are_refused() {
        let (_dir, root) = site();
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/why/../../secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..\\secret.txt",
            "/..%5csecret.txt",
            "/index.html%00",
            "/%00",
            "/%ff%fe",
            "relative",
        ] {
            assert_eq!(resolve(&root, path), Target::BadRequest, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_site_are_not_followed() {
        let (dir, root) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
            .expect("symlink");
        assert_eq!(resolve(&root, "/link.txt"), Target::NotFound);
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = inject_live_reload("<html><BODY>x</BODY></html>", "b-1");
        assert_eq!(
            html,
            "<html><BODY>x<script src=\"/__brandcamp/livereload.js\" data-build=\"b-1\"></script>\n</BODY></html>"
        );
        assert!(inject_live_reload("bare", "b").starts_with("bare<script"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.PNG", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("a.woff2", "font/woff2"),
            ("a.pdf", "application/pdf"),
            ("a.zip", "application/zip"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.bin", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
