//! brandcamp turns a folder of YAML module definitions and Markdown lessons
//! into a self-paced course website.
pub mod diagnostics;
pub mod yaml;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod schema;
pub mod slug;
