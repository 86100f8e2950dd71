//! Where the built site's files go: two things written to one place would
//! replace each other, and a file where the site needs a folder makes the
//! build fail halfway.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// One file of the built site and what puts it there.
pub struct SiteClaim {
    /// Where it goes in the site (slash-separated).
    pub site_path: String,
    /// The course file to report a clash at.
    pub file: PathBuf,
    /// What it is, in words (`the page of lesson 01-m/a.md`).
    pub what: String,
}

/// Two things written to one place in the site would replace each other
/// (a `static/index.html` would hide the course home page), and a file where
/// the site needs a folder makes the build fail halfway. Each later claim
/// that clashes with an earlier one is reported at its file.
pub(crate) fn check_site_paths(claims: Vec<SiteClaim>, diagnostics: &Diagnostics) {
    let mut files: HashMap<String, usize> = HashMap::new();
    let mut folders: HashMap<String, usize> = HashMap::new();
    for (i, claim) in claims.iter().enumerate() {
        let path = claim.site_path.as_str();
        let clash = if let Some(&first) = files.get(path) {
            Some(format!(
                "{} would be written to `{path}` in the site, where {} goes",
                claim.what, claims[first].what
            ))
        } else if let Some(&first) = folders.get(path) {
            Some(format!(
                "{} would be written to `{path}` in the site, a folder needed for {}",
                claim.what, claims[first].what
            ))
        } else {
            ancestors(path).find_map(|folder| {
                files.get(folder).map(|&first| {
                    format!(
                        "{} would be written inside `{folder}` in the site, which is a file: {}",
                        claim.what, claims[first].what
                    )
                })
            })
        };
        if let Some(message) = clash {
            diagnostics.push(Diagnostic::error(&claim.file, None, message).with_hint(
                "rename or move one of them: files of module folders and of static/ are copied to the site as they are",
            ));
            continue;
        }
        files.insert(claim.site_path.clone(), i);
        for folder in ancestors(path) {
            folders.entry(folder.to_string()).or_insert(i);
        }
    }
}

/// `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.rmatch_indices('/').map(move |(i, _)| &path[..i])
}
