//! Any text as course.yaml, module.yaml and front matter: parsing either
//! succeeds or gives a diagnostic, and never panics.
#![no_main]

use std::path::Path;

use brandcamp::schema::{CourseFile, FrontMatter, ModuleFile};
use brandcamp::yaml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = Path::new("fuzz.yaml");
    let _ = yaml::parse::<CourseFile>(text, file);
    let _ = yaml::parse::<ModuleFile>(text, file);
    let _ = yaml::parse_embedded::<FrontMatter>(text, file, 2);
});
