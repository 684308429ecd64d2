//! Plain-text output for pipes and files: the Markdown as written in the
//! guide, under a short header. No escape sequences.

use std::io::{self, Write};

use super::{body, breadcrumb, one_line, provenance};
use crate::document::Document;

pub fn document(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "{}", one_line(&doc.title))?;
    let crumb = breadcrumb(doc);
    if !crumb.is_empty() {
        writeln!(out, "{}", one_line(&crumb))?;
    }
    writeln!(out, "{}", provenance(doc))?;
    if !doc.body.trim().is_empty() {
        writeln!(out)?;
        document_body(out, doc)?;
    }
    Ok(())
}

/// A document's body alone, as written in the guide.
pub fn document_body(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    let body = body(doc);
    if body.trim().is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", body.trim_end())
}

pub fn list(out: &mut dyn Write, heading: &str, hits: &[(&Document, &str)]) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading} (pyq --show ID):")?;
    for (doc, _) in hits {
        // whole ids: what is piped is read by programs
        writeln!(
            out,
            "  {}\t{}",
            one_line(&doc.id),
            super::standalone_title(doc)
        )?;
    }
    Ok(())
}
