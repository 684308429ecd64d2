//! Python syntax classes for code blocks, from tree-sitter's Python grammar.
//!
//! The parse tree is walked once and every byte gets the class of the
//! innermost node that has one (a string's interpolation goes back to plain
//! code, its expressions get their own classes). This is the grammar the
//! tree-sitter highlight queries use, without compiling those queries:
//! compiling them costs about 7 ms per process, more than a whole lookup.
//! Pure: text in, classed spans out; colours are the terminal's business.

use std::ops::Range;

use tree_sitter::{Node, Parser, TreeCursor};

/// What a span of code is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Keyword,
    String,
    Comment,
    Number,
    /// `True`, `False`, `None`, `...`
    Constant,
    /// The name in `def name(...)`.
    Function,
    /// The name in `class Name`, and names in type annotations.
    Type,
    /// A built-in function called by name: `print(...)`, `len(...)`.
    Builtin,
    /// `@decorator` and its arguments.
    Decorator,
    /// `\n`, `\t` inside strings.
    Escape,
}

/// Names of built-in functions and types that get [`Class::Builtin`] when called.
const BUILTINS: &[&str] = &[
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// Whether a fenced block's info string names Python (or names nothing:
/// the guides are about Python, and unlabelled blocks are highlighted when
/// they parse as Python, see [`spans`]).
pub fn is_python(info: &str) -> bool {
    let lang = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        lang.as_str(),
        "" | "py" | "py3" | "python" | "python3" | "pycon" | "ipython" | "pyi"
    )
}

/// The classed spans of `code`, in order, not overlapping; bytes outside
/// every span are plain code. With `strict`, code that does not parse
/// cleanly as Python gets no spans at all (for unlabelled blocks, which may
/// be program output or another language).
pub fn spans(code: &str, strict: bool) -> Vec<(Range<usize>, Class)> {
    let mut parser = Parser::new();
    if parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .is_err()
    {
        return Vec::new();
    }
    let Some(tree) = parser.parse(code, None) else {
        return Vec::new();
    };
    if strict && tree.root_node().has_error() {
        return Vec::new();
    }
    let mut classes: Vec<Option<Class>> = vec![None; code.len()];
    paint(&mut tree.walk(), code, &mut classes);
    runs(&classes)
}

/// Gives every byte of the tree under `cursor` its innermost class,
/// parents first so that children override them. The kinds of the nodes
/// above the cursor are kept on a stack (asking a node for its parent
/// costs a search from the root).
fn paint<'t>(cursor: &mut TreeCursor<'t>, code: &str, classes: &mut [Option<Class>]) {
    let mut parents: Vec<&'t str> = Vec::new();
    loop {
        let node = cursor.node();
        let parent = parents.last().copied().unwrap_or("");
        // An f-string's `{expression}` is code again inside the string.
        let class = if node.kind() == "interpolation" {
            Some(None)
        } else {
            class_of(node, parent, cursor.field_name(), code).map(Some)
        };
        if let Some(class) = class {
            let range = node.byte_range();
            let end = range.end.min(classes.len());
            if range.start < end {
                classes[range.start..end].fill(class);
            }
        }
        if cursor.goto_first_child() {
            parents.push(node.kind());
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
            parents.pop();
        }
    }
}

/// A node's own class, or `None` to leave it as its parent painted it.
fn class_of(node: Node, parent: &str, field: Option<&str>, code: &str) -> Option<Class> {
    let kind = node.kind();
    if !node.is_named() {
        // Anonymous nodes are punctuation, operators and keywords; keywords
        // are the ones made of letters (`def`, `is`, `not`, `await`…).
        return (kind.len() > 1 && kind.bytes().all(|b| b.is_ascii_lowercase()))
            .then_some(Class::Keyword);
    }
    match kind {
        "comment" => Some(Class::Comment),
        "string" | "concatenated_string" => Some(Class::String),
        "escape_sequence" => Some(Class::Escape),
        "integer" | "float" => Some(Class::Number),
        "true" | "false" | "none" | "ellipsis" => Some(Class::Constant),
        "decorator" => Some(Class::Decorator),
        "identifier" => match (parent, field) {
            ("function_definition", Some("name")) => Some(Class::Function),
            ("class_definition", Some("name")) => Some(Class::Type),
            ("type", _) | ("generic_type", _) => Some(Class::Type),
            ("call", Some("function")) if BUILTINS.contains(&&code[node.byte_range()]) => {
                Some(Class::Builtin)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Spans of equal class, skipping unclassed bytes.
fn runs(classes: &[Option<Class>]) -> Vec<(Range<usize>, Class)> {
    let mut out: Vec<(Range<usize>, Class)> = Vec::new();
    let mut start = 0;
    while start < classes.len() {
        let class = classes[start];
        let end = classes[start..]
            .iter()
            .position(|c| *c != class)
            .map_or(classes.len(), |n| start + n);
        if let Some(class) = class {
            out.push((start..end, class));
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each span with its class.
    fn classed(code: &str) -> Vec<(&str, Class)> {
        spans(code, false)
            .into_iter()
            .map(|(r, c)| (&code[r], c))
            .collect()
    }

    fn class_of_text(code: &str, text: &str) -> Option<Class> {
        let at = code.find(text).expect("text in code");
        spans(code, false)
            .into_iter()
            .find(|(r, _)| r.start <= at && at + text.len() <= r.end)
            .map(|(_, c)| c)
    }

    #[test]
    fn keywords_strings_comments_and_numbers_are_distinct() {
        let code = "def f(x):\n    # add one\n    return x + 1 if x is not None else 'none'\n";
        let spans = classed(code);
        assert!(spans.contains(&("def", Class::Keyword)));
        assert!(spans.contains(&("f", Class::Function)));
        assert!(spans.contains(&("# add one", Class::Comment)));
        assert!(spans.contains(&("return", Class::Keyword)));
        assert!(spans.contains(&("1", Class::Number)));
        assert!(spans.contains(&("None", Class::Constant)));
        assert!(spans.contains(&("'none'", Class::String)));
        for word in ["if", "is", "not", "else"] {
            assert!(spans.contains(&(word, Class::Keyword)), "{word}");
        }
        assert_eq!(class_of_text(code, "x +"), None, "plain names stay plain");
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        let code = "s = \"# not a comment\"  # a comment\n";
        assert_eq!(class_of_text(code, "# not"), Some(Class::String));
        assert_eq!(class_of_text(code, "# a comment"), Some(Class::Comment));
    }

    #[test]
    fn f_string_expressions_are_code_again() {
        let code = "msg = f\"total: {len(items) + 1}\\n\"\n";
        assert_eq!(class_of_text(code, "total"), Some(Class::String));
        assert_eq!(class_of_text(code, "len"), Some(Class::Builtin));
        assert_eq!(class_of_text(code, "1"), Some(Class::Number));
        assert_eq!(class_of_text(code, "items"), None);
        assert_eq!(class_of_text(code, "\\n"), Some(Class::Escape));
    }

    #[test]
    fn triple_quoted_docstrings_span_lines() {
        let code = "def f():\n    \"\"\"First line.\n\n    return 1\n    \"\"\"\n";
        assert_eq!(class_of_text(code, "return 1"), Some(Class::String));
    }

    #[test]
    fn classes_decorators_annotations_and_async() {
        let code = "@dataclass(frozen=True)\nclass Point(Base):\n    x: int = 0\n\nasync def run() -> list[str]:\n    await go()\n";
        assert_eq!(class_of_text(code, "@dataclass"), Some(Class::Decorator));
        assert_eq!(class_of_text(code, "True"), Some(Class::Constant));
        assert_eq!(class_of_text(code, "Point"), Some(Class::Type));
        assert_eq!(class_of_text(code, "int"), Some(Class::Type));
        assert_eq!(class_of_text(code, "async"), Some(Class::Keyword));
        assert_eq!(class_of_text(code, "await"), Some(Class::Keyword));
        assert_eq!(class_of_text(code, "run"), Some(Class::Function));
    }

    #[test]
    fn broken_code_still_gets_what_can_be_told() {
        let code = "def f(:\n    return 'x'  # oops\n";
        assert_eq!(class_of_text(code, "'x'"), Some(Class::String));
        assert_eq!(class_of_text(code, "# oops"), Some(Class::Comment));
        assert!(spans(code, true).is_empty(), "strict gives up on errors");
    }

    #[test]
    fn spans_are_ordered_and_on_char_boundaries() {
        let code = "s = 'héllo → 🐍'  # ünïcode\nx = 1\n";
        let spans = spans(code, false);
        assert!(!spans.is_empty());
        for pair in spans.windows(2) {
            assert!(pair[0].0.end <= pair[1].0.start);
        }
        for (r, _) in &spans {
            assert!(code.is_char_boundary(r.start) && code.is_char_boundary(r.end));
        }
    }

    #[test]
    fn python_info_strings() {
        for info in ["", "python", "Python", "py", "python3 title=x", "pycon"] {
            assert!(is_python(info), "{info:?}");
        }
        for info in ["bash", "toml", "text", "sql", "javascript"] {
            assert!(!is_python(info), "{info:?}");
        }
    }
}
