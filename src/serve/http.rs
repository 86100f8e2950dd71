//! The HTTP side of `serve`: answers GET and HEAD requests with files of the
//! built site (and nothing outside it), injects the live-reload script into
//! HTML pages, and answers the pages' long polls for build news.
//!
//! Request heads are parsed by `httparse`; connections are handled here, one
//! thread each (at most [`MAX_CONNECTIONS`], so that open pages waiting for
//! news never hold up file requests), with deadlines so that a slow or
//! silent client only ever costs its own thread, and never for long. Nothing
//! a client sends can stop the server: a bad request gets a 400 and its
//! connection is closed, and errors accepting connections are waited out.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::live::{Live, NO_BUILD};
use crate::urls;

/// The script that makes pages reload; only `serve` adds it to pages.
const LIVE_RELOAD_JS: &str = include_str!("livereload.js");
pub const LIVE_RELOAD_PATH: &str = "/__brandcamp/livereload.js";
pub const EVENTS_PATH: &str = "/__brandcamp/events";

/// How long a long poll waits for news before answering "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 512;
/// Time a client has to send a whole request head…
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// …and to start the next one on a kept-alive connection.
const IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// Time a client has to take each part of a response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(15);
/// Larger request heads are refused.
const MAX_HEAD_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
const MAX_REQUESTS_PER_CONNECTION: usize = 1000;

/// Everything needed to answer a request.
pub struct Site {
    /// The output folder, canonical. It may not exist before the first
    /// successful build.
    pub root: PathBuf,
    pub live: Arc<Live>,
    /// The address the server listens on (see [`host_is_allowed`]).
    pub bound: IpAddr,
}

impl Site {
    pub fn new(root: PathBuf, live: Arc<Live>, bound: IpAddr) -> Site {
        Site { root, live, bound }
    }
}

/// Whether a request's `Host` names this server as only this computer (or,
/// with `--host`, the network) can: `localhost`, a loopback address, the
/// address listened on, or any address when listening on all of them. A
/// web page elsewhere can make a browser send requests here under its own
/// name (DNS rebinding) and read the answers, the build news with the
/// course's paths included: such names are refused. A request without
/// `Host` (HTTP/1.0 tools) comes from no browser and is answered.
fn host_is_allowed(host: Option<&str>, bound: IpAddr) -> bool {
    let Some(host) = host else { return true };
    let host = host.trim().to_ascii_lowercase();
    // `[::1]:8000`, `127.0.0.1:8000`, `localhost:8000`, `localhost`.
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host.as_str(), |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host.as_str()
            }
        }),
    };
    let name = name.trim_end_matches('.');
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// Starts answering requests on `listener` in background threads.
pub fn start(listener: TcpListener, site: Arc<Site>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("brandcamp-accept".into())
        .spawn(move || accept_connections(&listener, &site))?;
    Ok(())
}

/// Counts a connection as open until dropped.
struct OpenConnection(Arc<AtomicUsize>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept_connections(listener: &TcpListener, site: &Arc<Site>) {
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a moment, and go on.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream);
            continue;
        }
        let guard = OpenConnection(Arc::clone(&open));
        let site = Arc::clone(site);
        // If the thread cannot start, the closure (and the guard) is dropped.
        let _ = std::thread::Builder::new()
            .name("brandcamp-http".into())
            .spawn(move || {
                let _guard = guard;
                // A bug in answering one connection must not take the server down.
                let _ = catch_unwind(AssertUnwindSafe(|| serve_connection(stream, &site)));
            });
    }
}

fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let response = text_response(503, "Too many connections; try again.\n");
    let _ = write_response(&mut stream, response, false, false);
}

/// A request, as far as the server cares.
struct Request {
    method: String,
    /// The request target: path and query, still percent-encoded.
    target: String,
    keep_alive: bool,
    /// The `Host` header, if any.
    host: Option<String>,
}

/// What went wrong reading a request head.
enum ReadError {
    /// The client closed the connection between requests.
    Closed,
    /// Too slow, or the connection broke: just close it.
    Io,
    /// Not HTTP, or too large: answer this status and close.
    Bad(u16),
}

/// Answers the requests of one connection until it closes, errs, or stays
/// idle too long.
fn serve_connection(mut stream: TcpStream, site: &Site) {
    let _ = stream.set_nodelay(true);
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return;
    }
    let mut pending: Vec<u8> = Vec::with_capacity(2048);
    for served in 0..MAX_REQUESTS_PER_CONNECTION {
        let wait = if served == 0 {
            HEAD_TIMEOUT
        } else {
            IDLE_TIMEOUT
        };
        let request = match read_request(&mut stream, &mut pending, wait) {
            Ok(request) => request,
            Err(ReadError::Bad(status)) => {
                let response = text_response(status, "Bad request.\n");
                if write_response(&mut stream, response, false, false).is_ok() {
                    close_gracefully(stream);
                }
                return;
            }
            Err(ReadError::Closed | ReadError::Io) => return,
        };
        let head_only = request.method == "HEAD";
        let keep_alive = request.keep_alive && served + 1 < MAX_REQUESTS_PER_CONNECTION;
        let response = answer(&request, site);
        if write_response(&mut stream, response, head_only, keep_alive).is_err() {
            return;
        }
        if !keep_alive {
            close_gracefully(stream);
            return;
        }
    }
}

/// Closes a connection whose client may still be sending (a body, the rest
/// of a huge head): closing with unread input would reset the connection,
/// and the client could lose the response it has not read yet.
fn close_gracefully(mut stream: TcpStream) {
    if stream.shutdown(std::net::Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 1024 * 1024 {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return;
        };
        if stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .is_err()
        {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// Reads one request head (the bytes after it stay in `pending`). Requests
/// with a body are answered, then their connection is closed, since bodies
/// are not read.
fn read_request(
    stream: &mut TcpStream,
    pending: &mut Vec<u8>,
    wait: Duration,
) -> Result<Request, ReadError> {
    let deadline = Instant::now() + wait;
    let mut chunk = [0u8; 4096];
    let head_len = loop {
        if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if pending.len() > MAX_HEAD_BYTES {
            return Err(ReadError::Bad(431));
        }
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return Err(ReadError::Io);
        };
        if stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .is_err()
        {
            return Err(ReadError::Io);
        }
        match stream.read(&mut chunk) {
            Ok(0) if pending.is_empty() => return Err(ReadError::Closed),
            Ok(0) => return Err(ReadError::Io),
            Ok(n) => pending.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(ReadError::Io),
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&pending[..head_len]) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) | Err(_) => return Err(ReadError::Bad(400)),
    }
    let (Some(method), Some(target), Some(version)) = (parsed.method, parsed.path, parsed.version)
    else {
        return Err(ReadError::Bad(400));
    };
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|n| n.trim() != "0");
    let keep_alive = !has_body
        && match header("connection") {
            Some(value) if value.contains("close") => false,
            Some(value) if value.contains("keep-alive") => true,
            _ => version == 1,
        };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
        host: parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("host"))
            .map(|h| String::from_utf8_lossy(h.value).into_owned()),
    };
    pending.drain(..head_len);
    Ok(request)
}

/// A response: status, headers and body.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    File(File, u64),
}

impl Response {
    fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

fn write_response(
    stream: &mut TcpStream,
    response: Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let length = match &response.body {
        Body::Bytes(bytes) => bytes.len() as u64,
        Body::File(_, length) => *length,
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        if keep_alive { "keep-alive" } else { "close" },
    );
    for (name, value) in &response.headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut writer = io::BufWriter::with_capacity(16 * 1024, stream);
    writer.write_all(head.as_bytes())?;
    if !head_only {
        match response.body {
            Body::Bytes(bytes) => writer.write_all(&bytes)?,
            Body::File(file, length) => {
                io::copy(&mut file.take(length), &mut writer)?;
            }
        }
    }
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn answer(request: &Request, site: &Site) -> Response {
    if !host_is_allowed(request.host.as_deref(), site.bound) {
        return text_response(
            421,
            "This server answers only requests made to this computer (localhost or 127.0.0.1).\n",
        );
    }
    if request.method != "GET" && request.method != "HEAD" {
        return text_response(405, "Only GET and HEAD are supported.\n")
            .with_header("Allow", "GET, HEAD");
    }
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    if path == LIVE_RELOAD_PATH {
        return bytes_response(
            200,
            "text/javascript; charset=utf-8",
            LIVE_RELOAD_JS.as_bytes().to_vec(),
        );
    }
    if path == EVENTS_PATH {
        return answer_poll(query, site);
    }
    // Read before the file, so that a page is never marked newer than it is.
    let build = site.live.current_build();
    match resolve(&site.root, path) {
        Target::File(file) => file_response(&file, &build)
            .unwrap_or_else(|e| text_response(500, &format!("Cannot read the file: {e}\n"))),
        Target::Redirect(location) => {
            let location = if query.is_empty() {
                location
            } else {
                let query =
                    percent_encoding::utf8_percent_encode(query, percent_encoding::CONTROLS);
                format!("{location}?{query}")
            };
            text_response(301, "Moved.\n").with_header("Location", location)
        }
        // Browsers ask for one by themselves; a site without one is fine.
        Target::NotFound if path == "/favicon.ico" => {
            bytes_response(204, "image/x-icon", Vec::new())
        }
        Target::NotFound => not_found(site, &build),
        Target::BadRequest => text_response(400, "Bad request.\n"),
    }
}

/// `/__brandcamp/events?since=N`: answers when the build generation is no
/// longer `N`, or after [`POLL_TIMEOUT`]. The connection's own thread waits.
fn answer_poll(query: &str, site: &Site) -> Response {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok());
    let snapshot = site.live.wait_for_change(since, POLL_TIMEOUT);
    let json = serde_json::to_string(&snapshot).unwrap_or_else(|_| "{}".into());
    bytes_response(200, "application/json; charset=utf-8", json.into_bytes())
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

fn file_response(path: &Path, build: &str) -> io::Result<Response> {
    let content_type = content_type(path);
    if content_type.starts_with("text/html") {
        let html = std::fs::read_to_string(path)?;
        return Ok(html_response(200, inject_live_reload(&html, build)));
    }
    let file = File::open(path)?;
    let length = file.metadata()?.len();
    Ok(Response {
        status: 200,
        headers: vec![("Content-Type", content_type.to_string())],
        body: Body::File(file, length),
    })
}

/// The site's own `404.html` (themed), made to work at any depth; a plain
/// page while no build has succeeded yet.
fn not_found(site: &Site, build: &str) -> Response {
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
fn inject_live_reload(html: &str, build: &str) -> String {
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

fn bytes_response(status: u16, content_type: &str, bytes: Vec<u8>) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body: Body::Bytes(bytes),
    }
}

fn html_response(status: u16, html: String) -> Response {
    bytes_response(status, "text/html; charset=utf-8", html.into_bytes())
}

fn text_response(status: u16, text: &str) -> Response {
    bytes_response(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_computer_are_allowed_hosts() {
        let loopback: IpAddr = "127.0.0.1".parse().expect("ip");
        let lan: IpAddr = "192.168.1.5".parse().expect("ip");
        let any: IpAddr = "0.0.0.0".parse().expect("ip");
        for host in [
            "localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "app.localhost",
            "127.0.0.2",
        ] {
            assert!(host_is_allowed(Some(host), loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "192.168.1.5:8000",
            "localhost.evil.example",
        ] {
            assert!(!host_is_allowed(Some(host), loopback), "{host}");
        }
        assert!(host_is_allowed(Some("192.168.1.5:8000"), lan));
        assert!(host_is_allowed(Some("10.0.0.7:8000"), any));
        assert!(!host_is_allowed(Some("evil.example"), any));
        assert!(host_is_allowed(None, loopback));
    }

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
