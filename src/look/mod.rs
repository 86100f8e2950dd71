//! The organisation's look, from the `look:` section of brand.yaml: logo,
//! favicon, colours, fonts and corner radius.
//!
//! - [`color`]: the colour maths (sRGB, OKLCH, WCAG contrast);
//! - [`palette`]: every colour of the theme, derived from the few given,
//!   and the contrast check of every pair the theme uses;
//! - [`file`]: reads and checks the section (files, colour syntax,
//!   contrast), each problem at its line;
//! - [`css`]: the style sheet `assets/look.css` that sets the theme's
//!   custom properties, and the values templates get as `look`.

pub mod color;
pub mod palette;
