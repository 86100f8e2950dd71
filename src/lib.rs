//! brandcamp turns a folder of YAML module definitions and Markdown lessons
//! into a self-paced course website. The build is a pipeline — load,
//! validate, render, write — driven by [`site::build`].
pub mod brand;
pub mod bundle;
pub mod cmi5;
pub mod contained;
pub mod diagnostics;
pub mod export;
pub mod fold;
pub mod frontmatter;
pub mod highlight;
pub mod i18n;
pub mod json_schema;
pub mod load;
pub mod look;
pub mod markdown;
pub mod model;
pub mod package;
pub mod progress_lock;
pub mod quiz;
pub mod render;
pub mod report;
pub mod reuse;
pub mod scaffold;
pub mod schema;
pub mod scorm;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod sources;
pub mod theme;
pub mod urls;
pub mod validate;
pub mod variables;
pub mod write;
pub mod yaml;
