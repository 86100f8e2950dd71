//! Splits a lesson into its YAML front matter and its Markdown body.

use crate::diagnostics::Position;

/// The parts of a lesson file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if there is a front matter block.
    pub yaml: Option<&'a str>,
    /// Line of the file on which the YAML starts (for diagnostics).
    pub yaml_first_line: usize,
    /// Byte offset of the Markdown body in the text.
    pub body_start: usize,
}

/// A front matter block that opens but never closes.
#[derive(Debug, PartialEq, Eq)]
pub struct Unterminated {
    pub position: Position,
}

/// Front matter is a block that starts on the first line with `---` and ends
/// with a line that is `---` (or `...`). A byte-order mark and CRLF line
/// endings are accepted.
pub fn split(text: &str) -> Result<Split<'_>, Unterminated> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            yaml_first_line: 1,
            body_start: bom,
        });
    }
    let yaml_start = bom + first_line_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_first_line: 2,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Unterminated {
        position: Position::START,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, Some("title: A\n"));
        assert_eq!(&text[split.body_start..], "# Body\n");
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, Some("title: A\r\n"));
        assert_eq!(&text[split.body_start..], "Body\r\n");
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let split = split("# Title\n\n---\n").unwrap();
        assert_eq!(split.yaml, None);
        assert_eq!(split.body_start, 0);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        assert!(split("---\ntitle: A\n# Body\n").is_err());
    }

    #[test]
    fn empty_front_matter_is_fine() {
        let text = "---\n---\nBody";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, Some(""));
        assert_eq!(&text[split.body_start..], "Body");
    }
}
