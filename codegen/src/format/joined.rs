//! Several files formatted by one rustfmt run from standard input, with no copies on disk.
//!
//! rustfmt formats a file's items one by one, and keeps comments as they are. So the
//! items of several files, one file after the other, each file's after a marker comment
//! of its own, come back as each file's formatted items between the markers. A file's
//! opening comments (the header and the `//!` module docs) are not sent: inner docs can't
//! follow items, and rustfmt would keep them as they are anyway. A file that could read
//! otherwise joined than alone is not joined ([`split`] says which).

/// The start of the marker line before each file's items.
const MARKER: &str = "// @codegen-joined-file ";

/// A file ready to be joined: its opening comments, kept as they are, and its items.
#[derive(Debug, Clone, Copy)]
pub(super) struct Split<'a> {
    head: &'a str,
    items: &'a str,
}

impl<'a> Split<'a> {
    /// `text` split before its first item, where it formats joined as it does alone:
    /// - it opens with comment lines and a blank line, which rustfmt keeps as they are
    ///   (none ends in whitespace, none holds a tab);
    /// - no inner attribute or inner doc follows an item;
    /// - its last item is not a `use`, which rustfmt could sort with the next file's;
    /// - nothing in it reads as a marker.
    pub(super) fn of(text: &'a str) -> Option<Split<'a>> {
        let mut head = 0;
        let mut last_head_line = None;
        for line in text.split_inclusive('\n') {
            let bare = line.trim_end_matches('\n');
            if !(bare.is_empty() || bare.starts_with("//")) {
                break;
            }
            if bare.ends_with(char::is_whitespace) || bare.contains('\t') {
                return None;
            }
            head += line.len();
            last_head_line = Some(bare);
        }
        let (head, items) = text.split_at(head);
        let opened = last_head_line == Some("") && head.len() > 1;
        let lines = || items.lines().map(str::trim_start);
        let inner = lines().any(|l| l.starts_with("//!") || l.starts_with("#!["));
        // The line that starts the last item: the last at the top level that neither
        // closes a bracket nor is an attribute or a doc comment.
        let last_item = items.lines().rfind(|l| {
            !l.is_empty()
                && !l.starts_with(char::is_whitespace)
                && !l.starts_with(['}', ')', ']', '#', '/'])
        });
        let ends_in_use = last_item.is_some_and(|l| {
            let l = l.strip_prefix("pub").map_or(l, |rest| {
                rest.strip_prefix("(crate)")
                    .or_else(|| rest.strip_prefix("(super)"))
                    .unwrap_or(rest)
                    .trim_start()
            });
            l.starts_with("use ")
        });
        let has_items = items.ends_with('\n') && !items.trim().is_empty();
        (opened && has_items && !inner && !ends_in_use && !text.contains(MARKER.trim_end()))
            .then_some(Split { head, items })
    }
}

/// What rustfmt is given for `files`: each one's items after its marker.
pub(super) fn join(files: &[Split<'_>]) -> String {
    let mut text = String::with_capacity(files.iter().map(|f| f.items.len() + 32).sum());
    for (n, file) in files.iter().enumerate() {
        text.push_str(&format!("{MARKER}{n}\n"));
        text.push_str(file.items);
    }
    text
}

/// Each of `files` formatted, from rustfmt's output for [`join`]'s text; an error if a
/// marker is not where it should be.
pub(super) fn unjoin(files: &[Split<'_>], output: &str) -> Result<Vec<String>, String> {
    let lost = || "rustfmt moved the marker between two files it was given".to_owned();
    let mut rest = output;
    let mut texts = Vec::with_capacity(files.len());
    for (n, file) in files.iter().enumerate() {
        rest = rest
            .strip_prefix(&format!("{MARKER}{n}\n"))
            .ok_or_else(lost)?;
        let next = format!("\n{MARKER}{}\n", n + 1);
        let end = if n + 1 == files.len() {
            rest.len()
        } else {
            rest.find(&next).ok_or_else(lost)? + 1
        };
        let (items, after) = rest.split_at(end);
        texts.push(format!("{}{items}", file.head));
        rest = after;
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "// header\n\n//! A.\n\nuse x::Y;\n\nfn a( ) {}\n";
    const B: &str = "// header\n\n//! B.\n//!\n//! More.\n\nstruct   B;\n";

    #[test]
    fn a_file_splits_before_its_first_item() {
        let a = Split::of(A).expect("splits");
        assert_eq!(a.head, "// header\n\n//! A.\n\n");
        assert_eq!(a.items, "use x::Y;\n\nfn a( ) {}\n");
    }

    #[test]
    fn files_that_could_read_otherwise_joined_are_not_split() {
        let not = |text: &str, why: &str| assert!(Split::of(text).is_none(), "{why}: {text:?}");
        not("fn a() {}\n", "no opening comments");
        not("// header\nfn a() {}\n", "no blank line before the items");
        not("// header \n\nfn a() {}\n", "a comment ending in a space");
        not("// header\t\n\nfn a() {}\n", "a tab");
        not(
            "// header\n\nfn a() {}\n//! late\n",
            "inner docs after an item",
        );
        not(
            "// header\n\nfn a() {}\n#![allow(x)]\n",
            "an inner attribute after an item",
        );
        not("// header\n\nfn a() {}\nuse x::Y;\n", "a last `use`");
        not(
            "// header\n\nfn a() {}\npub(crate) use x::{\n    Y,\n};\n",
            "a last `use`",
        );
        not(
            "// header\n\n// @codegen-joined-file 0\nfn a() {}\n",
            "a marker",
        );
        not("// header\n\n", "no items");
        assert!(Split::of("// header\n\nuse x::Y;\nfn a() {}\n").is_some());
    }

    #[test]
    fn rustfmts_output_of_the_joined_text_is_each_files() {
        let files = [Split::of(A).expect("A"), Split::of(B).expect("B")];
        let joined = join(&files);
        assert_eq!(
            joined,
            "// @codegen-joined-file 0\nuse x::Y;\n\nfn a( ) {}\n\
             // @codegen-joined-file 1\nstruct   B;\n"
        );
        // As rustfmt formats it.
        let output = "// @codegen-joined-file 0\nuse x::Y;\n\nfn a() {}\n\
                      // @codegen-joined-file 1\nstruct B;\n";
        assert_eq!(
            unjoin(&files, output).expect("both"),
            [
                "// header\n\n//! A.\n\nuse x::Y;\n\nfn a() {}\n",
                "// header\n\n//! B.\n//!\n//! More.\n\nstruct B;\n",
            ]
        );
        let moved = "use x::Y;\n// @codegen-joined-file 0\nfn a() {}\n";
        assert!(unjoin(&files, moved).is_err());
        let one_lost = "// @codegen-joined-file 0\nfn a() {}\nstruct B;\n";
        assert!(unjoin(&files, one_lost).is_err());
    }
}
