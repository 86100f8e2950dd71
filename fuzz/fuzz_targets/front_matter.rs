//! Front matter splitting of any text: never panics, the body starts on a
//! character boundary, and the YAML lies before the body.
#![no_main]

use brandcamp::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(split) = frontmatter::split(text) {
        assert!(text.is_char_boundary(split.body_start));
        if let Some(yaml) = split.yaml {
            let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
            assert!(start + yaml.len() <= split.body_start);
        }
    }
});
