//! `brandcamp serve`, run as the real binary against a copy of
//! `tests/fixtures/small-course`, spoken to over plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_brandcamp");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small-course");
const DEADLINE: Duration = Duration::from_secs(10);

/// A running `brandcamp serve` on a copy of the fixture course.
struct Served {
    child: Child,
    port: u16,
    course: PathBuf,
    stderr: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start() -> Served {
        Served::start_after(|_| {})
    }

    /// Starts serving once `prepare` has changed the copy of the course.
    fn start_after(prepare: impl FnOnce(&Path)) -> Served {
        Served::start_with(prepare, |_| {})
    }

    /// Starts serving, with `adjust` adding to the command line.
    fn start_with(prepare: impl FnOnce(&Path), adjust: impl FnOnce(&mut Command)) -> Served {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        copy_dir(Path::new(FIXTURE), &course);
        prepare(&course);
        let mut command = Command::new(BIN);
        command.arg("serve").arg(&course).args(["--port", "0"]);
        adjust(&mut command);
        let mut child = command
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start brandcamp serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        collect(child.stderr.take().expect("stderr"), Arc::clone(&stderr));
        let lines = lines_of(child.stdout.take().expect("stdout"));
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!("serve printed no URL; stderr:\n{}", stderr.lock().unwrap())
            });
        let port = line
            .strip_prefix("Serving Atelier de marque at http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        Served {
            child,
            port,
            course,
            stderr,
            _dir: dir,
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, &format!("GET {path} HTTP/1.1"))
    }

    /// The build news the pages poll for; waits while it is still `since`.
    fn events(&self, since: Option<u64>) -> Events {
        let path = match since {
            Some(n) => format!("/__brandcamp/events?since={n}"),
            None => "/__brandcamp/events".to_string(),
        };
        let reply = self.get(&path);
        assert_eq!(reply.status, 200, "{}", reply.text());
        let json: serde_json::Value = serde_json::from_slice(&reply.body).expect("JSON");
        Events {
            generation: json["generation"].as_u64().expect("generation"),
            build: json["build"].as_str().expect("build").to_string(),
            errors: json["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e["location"].as_str().unwrap_or_default(),
                        e["message"].as_str().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    /// Polls the build news until `done` holds, for at most [`DEADLINE`].
    fn wait_for(&self, mut since: Events, done: impl Fn(&Events) -> bool) -> Events {
        let started = Instant::now();
        while !done(&since) {
            assert!(
                started.elapsed() < DEADLINE,
                "no such build news in time; last: {since:?}; stderr:\n{}",
                self.stderr.lock().unwrap()
            );
            since = self.events(Some(since.generation));
        }
        since
    }

    /// Waits until serve has printed `words`, for at most [`DEADLINE`]
    /// (the pipe is read on a thread of its own).
    fn wait_for_stderr(&self, words: &str) {
        let started = Instant::now();
        while !self.stderr.lock().unwrap().contains(words) {
            assert!(
                started.elapsed() < DEADLINE,
                "serve did not print {words:?}; stderr:\n{}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn lesson(&self) -> PathBuf {
        self.course.join("01-bases/02-strategie.md")
    }
}

impl Served {
    /// Stops serve as Ctrl-C does, so that it removes its temporary site.
    fn interrupt(&mut self) -> Option<ExitStatus> {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !sent {
            return None;
        }
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.interrupt().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug, Clone)]
struct Events {
    generation: u64,
    build: String,
    errors: Vec<String>,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request (`request_line` as given, byte for byte) and reads the
/// whole reply.
fn request(port: u16, request_line: &str) -> Reply {
    request_bytes(port, request_line.as_bytes())
}

fn request_bytes(port: u16, request_line: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut bytes = request_line.to_vec();
    bytes.extend_from_slice(b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(&bytes).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn collect(mut from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = from.read(&mut buffer) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
}

fn lines_of(from: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read lesson");
    std::fs::write(path, change(text)).expect("write lesson");
}

#[test]
fn pages_and_assets_are_served_with_their_content_types() {
    let served = Served::start();
    let home = served.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Atelier de marque"));
    for (path, kind) in [
        ("/index.html", "text/html"),
        ("/bases/strategie.html", "text/html"),
        ("/search.html", "text/html"),
        ("/assets/style.css", "text/css"),
        ("/assets/search-index.js", "text/javascript"),
        ("/__brandcamp/livereload.js", "text/javascript"),
        ("/__brandcamp/events", "application/json"),
    ] {
        let reply = served.get(path);
        assert_eq!(reply.status, 200, "{path}");
        let content_type = reply.header("Content-Type").unwrap_or_default();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
    }
}

#[test]
fn served_pages_get_the_live_reload_script_but_built_sites_do_not() {
    let served = Served::start();
    let page = served.get("/bases/strategie.html").text();
    let script = page
        .find("<script src=\"/__brandcamp/livereload.js\"")
        .expect("live-reload script in the served page");
    assert!(script < page.rfind("</body>").expect("end of body"));

    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let build = Command::new(BIN)
        .args(["build", FIXTURE, "--out"])
        .arg(&site)
        .output()
        .expect("run build");
    assert!(build.status.success());
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.expect("walk site");
        if entry.file_type().is_file() {
            let text = std::fs::read(entry.path()).expect("read");
            assert!(
                !String::from_utf8_lossy(&text).contains("__brandcamp"),
                "{} mentions the live-reload script",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_folder_without_its_slash_is_redirected() {
    let served = Served::start();
    let reply = served.get("/bases");
    assert_eq!(reply.status, 301);
    assert_eq!(reply.header("Location"), Some("/bases/"));
    assert_eq!(served.get("/bases/").status, 200);
}

#[test]
fn head_requests_get_the_headers_without_a_body() {
    let served = Served::start();
    let get = served.get("/assets/style.css");
    let head = request(served.port, "HEAD /assets/style.css HTTP/1.1");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), get.header("Content-Type"));
    assert_eq!(
        head.header("Content-Length"),
        Some(get.body.len().to_string().as_str())
    );
    assert!(head.body.is_empty());
}

#[test]
fn a_missing_page_gets_the_themed_404_page() {
    let served = Served::start();
    let reply = served.get("/bases/nulle-part.html");
    assert_eq!(reply.status, 404);
    let page = reply.text();
    assert!(page.contains("Page introuvable"), "{page}");
    // Its relative links must work from any folder.
    assert!(page.contains("<base href=\"/\">"));
    assert!(page.contains("/__brandcamp/livereload.js"));
}

#[test]
fn paths_that_leave_the_site_are_refused_without_leaking_files() {
    let served = Served::start();
    let secret = "course.yaml of the fixture";
    std::fs::write(served.course.join("secret.txt"), secret).expect("write secret");
    let attempts: [&[u8]; 12] = [
        b"GET /../../../../../../etc/passwd HTTP/1.1",
        b"GET /../course/course.yaml HTTP/1.1",
        b"GET /%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
        b"GET /%2E%2E/course/secret.txt HTTP/1.1",
        b"GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1",
        b"GET /assets/..%2F..%2Fcourse%2Fsecret.txt HTTP/1.1",
        b"GET /..\\..\\..\\etc\\passwd HTTP/1.1",
        b"GET /..%5c..%5cetc%5cpasswd HTTP/1.1",
        b"GET /index.html%00.txt HTTP/1.1",
        b"GET /%00 HTTP/1.1",
        b"GET /index.html\0 HTTP/1.1",
        b"GET //etc/passwd HTTP/1.1",
    ];
    for attempt in attempts {
        let reply = request_bytes(served.port, attempt);
        let shown = String::from_utf8_lossy(attempt);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{shown}: {}",
            reply.status
        );
        let text = reply.text();
        assert!(!text.contains("root:"), "{shown} leaked /etc/passwd");
        assert!(!text.contains(secret), "{shown} leaked a course file");
        assert!(!text.contains("title:"), "{shown} leaked course.yaml");
    }
    // And the server is still there.
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn other_methods_and_garbage_are_refused_and_the_server_stays_up() {
    let served = Served::start();
    assert_eq!(request(served.port, "POST / HTTP/1.1").status, 405);
    for garbage in [&b"BLAH"[..], b"\x00\x01\x02 / HTTP/1.1", b"GET"] {
        let mut stream = TcpStream::connect(("127.0.0.1", served.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(garbage).expect("send");
        stream.write_all(b"\r\n\r\n").expect("send");
        let _ = stream.read_to_end(&mut Vec::new());
    }
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn requests_can_share_a_kept_alive_connection() {
    let served = Served::start();
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream
        .write_all(b"GET /assets/site.js HTTP/1.1\r\nHost: localhost:8000\r\n\r\nHEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let first = parse_reply(&raw);
    assert_eq!(first.status, 200);
    let length: usize = first
        .header("Content-Length")
        .and_then(|n| n.parse().ok())
        .expect("length");
    let second = parse_reply(&first.body[length..]);
    assert_eq!(second.status, 200);
    assert_eq!(second.header("Connection"), Some("close"));
    assert!(second.body.is_empty());
}

#[test]
fn an_oversized_request_is_refused() {
    let served = Served::start();
    let long = format!("GET /{} HTTP/1.1", "a".repeat(40_000));
    assert_eq!(request(served.port, &long).status, 431);
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn editing_a_lesson_reloads_the_pages_with_the_new_content() {
    let served = Served::start();
    let before = served.events(None);
    assert!(before.errors.is_empty(), "{before:?}");
    edit(&served.lesson(), |text| {
        text + "\nUn paragraphe tout neuf sur le *storytelling*.\n"
    });
    let after = served.wait_for(before.clone(), |e| e.build != before.build);
    assert!(after.errors.is_empty(), "{after:?}");
    let page = served.get("/bases/strategie.html").text();
    assert!(page.contains("Un paragraphe tout neuf"), "{page}");
    assert!(page.contains(&format!("data-build=\"{}\"", after.build)));
}

#[test]
fn a_rebuilt_site_is_the_same_as_a_fresh_build() {
    let served = Served::start();
    let before = served.events(None);
    // A new title changes the pages that list the lesson, not only its own.
    edit(&served.lesson(), |text| {
        text.replace("Stratégie de marque", "Stratégie éditoriale") + "\nUne phrase de plus.\n"
    });
    served.wait_for(before.clone(), |e| e.build != before.build);

    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let build = Command::new(BIN)
        .arg("build")
        .arg(&served.course)
        .arg("--out")
        .arg(&site)
        .output()
        .expect("run build");
    assert!(build.status.success());
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.expect("walk site");
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') {
            continue;
        }
        let relative = entry.path().strip_prefix(&site).expect("inside");
        let url = format!("/{}", relative.to_string_lossy().replace(' ', "%20"));
        let mut served_bytes = served.get(&url).body;
        if name.ends_with(".html") {
            let text = String::from_utf8(served_bytes).expect("UTF-8 page");
            let start = text
                .find("<script src=\"/__brandcamp/")
                .expect("injected script");
            let end = start + text[start..].find("</script>\n").expect("its end") + 10;
            served_bytes = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        }
        let built = std::fs::read(entry.path()).expect("read built file");
        assert!(served_bytes == built, "{url} differs from a fresh build");
        compared += 1;
    }
    assert!(compared > 10, "only {compared} files compared");
}

#[test]
fn a_broken_lesson_is_shown_while_the_last_good_site_stays_served() {
    let served = Served::start();
    let good = served.events(None);
    let original = std::fs::read_to_string(served.lesson()).expect("read");
    edit(&served.lesson(), |text| {
        text + "\nVoir [la leçon disparue](../01-bases/99-disparue.md).\n"
    });
    let broken = served.wait_for(good.clone(), |e| !e.errors.is_empty());
    assert_eq!(broken.build, good.build, "a failed build replaced the site");
    let error = &broken.errors[0];
    assert!(error.contains("02-strategie.md:"), "{error}");
    assert!(error.contains("99-disparue.md"), "{error}");
    let page = served.get("/bases/strategie.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Une ligne éditoriale claire"));
    assert!(!page.text().contains("la leçon disparue"));

    std::fs::write(served.lesson(), original + "\nCorrigé.\n").expect("fix");
    let fixed = served.wait_for(broken, |e| e.errors.is_empty());
    assert_ne!(fixed.build, good.build);
    assert!(
        served
            .get("/bases/strategie.html")
            .text()
            .contains("Corrigé.")
    );
}

#[test]
fn a_course_that_does_not_build_yet_is_served_once_fixed() {
    let broken = "\n[Nulle part](99-absente.md)\n";
    let served = Served::start_after(|course| {
        edit(&course.join("01-bases/02-strategie.md"), |text| {
            text + broken
        });
    });
    let waiting = served.events(None);
    assert_eq!(waiting.build, "none");
    assert!(waiting.errors[0].contains("99-absente.md"), "{waiting:?}");
    let page = served.get("/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("/__brandcamp/livereload.js"));

    edit(&served.lesson(), |text| text.replace(broken, ""));
    served.wait_for(waiting, |e| e.build != "none");
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn a_port_in_use_is_a_clear_error_with_a_hint() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let run = Command::new(BIN)
        .args(["serve", FIXTURE, "--port", &port.to_string()])
        .env("NO_COLOR", "1")
        .output()
        .expect("run serve");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn many_concurrent_and_slow_connections_do_not_stop_the_server() {
    let served = Served::start();
    // Half the connections send a request slowly and never finish it.
    let slow: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", served.port)).expect("connect");
            stream.write_all(b"GET / HTTP/1.1\r\nHo").expect("send");
            stream
        })
        .collect();
    // The other half are answered meanwhile.
    let port = served.port;
    let fast: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/assets/style.css"
                } else {
                    "/bases/strategie.html"
                };
                request(port, &format!("GET {path} HTTP/1.1")).status
            })
        })
        .collect();
    for request in fast {
        assert_eq!(request.join().expect("request thread"), 200);
    }
    drop(slow);
    assert_eq!(served.get("/").status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_removes_its_temporary_site() {
    let mut served = Served::start();
    assert_eq!(served.get("/").status, 200);
    let started = Instant::now();
    let watching = loop {
        let stderr = served.stderr.lock().unwrap().clone();
        if let Some(folder) = stderr.lines().find_map(|l| l.strip_prefix("Site folder: ")) {
            break PathBuf::from(folder);
        }
        assert!(
            started.elapsed() < DEADLINE,
            "no site folder named in:\n{stderr}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(watching.is_dir());
    let status = served.interrupt().expect("serve stops on SIGINT");
    assert!(status.success(), "{status:?}");
    assert!(!watching.exists(), "{} was left behind", watching.display());
}

/// `serve --open` with a `PATH` holding only `bin` (and no `xdg-open`
/// unless `bin` has one): what it says on stderr once serving.
#[cfg(all(unix, not(target_os = "macos")))]
fn open_with_path(bin: &Path) -> String {
    let served = Served::start_with(
        |_| {},
        |command| {
            command.arg("--open").env("PATH", bin);
        },
    );
    let started = Instant::now();
    while started.elapsed() < DEADLINE && !served.stderr.lock().unwrap().contains("warning:") {
        std::thread::sleep(Duration::from_millis(20));
    }
    let said = served.stderr.lock().unwrap().clone();
    assert_eq!(served.get("/").status, 200, "still serving");
    said
}

#[test]
#[cfg(all(unix, not(target_os = "macos")))]
fn open_without_a_browser_opener_says_to_open_the_address() {
    let bin = tempfile::tempdir().expect("temp dir");
    let said = open_with_path(bin.path());
    assert!(
        said.contains(
            "warning: cannot open a browser (`xdg-open` is not installed); open http://127.0.0.1:"
        ),
        "{said}"
    );
}

#[test]
#[cfg(all(unix, not(target_os = "macos")))]
fn open_when_the_opener_fails_says_to_open_the_address() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("temp dir");
    let opener = bin.path().join("xdg-open");
    // What xdg-open does without a display or a browser: exit 3.
    std::fs::write(&opener, "#!/bin/sh\nexit 3\n").unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let said = open_with_path(bin.path());
    assert!(
        said.contains("warning: cannot open a browser (`xdg-open` failed: exit status: 3); open http://127.0.0.1:"),
        "{said}"
    );
}

/// A page on another site can point its own name at 127.0.0.1 (DNS
/// rebinding) and have the browser read what the server answers: requests
/// naming another host get nothing, the build news included.
#[test]
fn requests_for_another_host_name_are_refused() {
    let served = Served::start();
    for path in ["/", "/__brandcamp/events?since=0", "/assets/site.js"] {
        let line = format!(
            "GET {path} HTTP/1.1\r\nHost: rebind.example:{}",
            served.port
        );
        let reply = request(served.port, &line);
        assert_eq!(reply.status, 421, "{path}: {}", reply.text());
        assert!(!reply.text().contains(&*served.course.to_string_lossy()));
    }
    for host in ["localhost", "127.0.0.1", "[::1]", "LOCALHOST."] {
        let line = format!("GET / HTTP/1.1\r\nHost: {host}:{}", served.port);
        assert_eq!(request(served.port, &line).status, 200, "{host}");
    }
}

/// A trainer moves the course folder away and back, or a tool replaces it
/// with a new folder of the same name (`git checkout` of another branch,
/// an editor that saves a whole folder): serve says when the folder is
/// gone, keeps the last site, and builds again once a folder is back.
#[test]
fn the_course_folder_moved_away_or_replaced_is_watched_again() {
    let served = Served::start();
    let first = served.events(None);
    let away = served.course.with_file_name("course-away");

    // Moved away: said in the terminal and on the pages.
    std::fs::rename(&served.course, &away).expect("move away");
    let gone = served.wait_for(first.clone(), |e| {
        e.errors
            .iter()
            .any(|error| error.contains("the course folder is gone"))
    });
    assert_eq!(gone.build, first.build, "the last site stays");
    assert_eq!(served.get("/bases/strategie.html").status, 200);
    served.wait_for_stderr("the course folder is gone");

    // Back, then edited: rebuilt.
    std::fs::rename(&away, &served.course).expect("move back");
    let back = served.wait_for(gone, |e| e.errors.is_empty());
    edit(&served.lesson(), |text| text + "\nAprès le retour.\n");
    let edited = served.wait_for(back.clone(), |e| {
        e.build != back.build && e.errors.is_empty()
    });
    assert!(
        served
            .get("/bases/strategie.html")
            .text()
            .contains("Après le retour.")
    );

    // Replaced by a new folder of the same name, then edited: rebuilt.
    let fresh = served.course.with_file_name("course-fresh");
    copy_dir(&served.course, &fresh);
    std::fs::rename(&served.course, &away).expect("move away");
    std::fs::rename(&fresh, &served.course).expect("put the new folder in place");
    std::fs::remove_dir_all(&away).expect("remove the old folder");
    let replaced = served.wait_for(edited, |e| e.errors.is_empty());
    edit(&served.lesson(), |text| {
        text + "\nDans le nouveau dossier.\n"
    });
    served.wait_for(replaced.clone(), |e| {
        e.build != replaced.build && e.errors.is_empty()
    });
    let page = served.get("/bases/strategie.html").text();
    assert!(page.contains("Dans le nouveau dossier."), "{page}");
    served.wait_for_stderr("is back; rebuilding");
}
