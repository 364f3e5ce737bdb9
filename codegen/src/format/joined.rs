//! Several files formatted by one rustfmt run from standard input, with no copies on disk.
//!
//! rustfmt formats a file's items one by one, and keeps comments as they are. So the
//! items of several files, one file after the other, each file's after a marker comment
//! of its own, come back as each file's formatted items between the markers. A file's
//! opening comments (the header and the `//!` module docs) are not sent: inner docs can't
//! follow items, and rustfmt would keep them as they are anyway. A file that could read
//! otherwise joined than alone is not joined at all ([`Split::of`]), and where a file goes
//! in its run matters for two kinds of file, which [`arrange`] places.

/// The start of the marker line before each file's items.
const MARKER: &str = "// @codegen-joined-file ";

/// A file ready to be joined: its opening comments, kept as they are, and its items.
#[derive(Debug, Clone, Copy)]
pub(super) struct Split<'a> {
    head: &'a str,
    items: &'a str,
    /// Its items open with inner attributes (`lib.rs`), which only the start of a file
    /// may hold: it must come first in its run.
    first: bool,
    /// Its first item is an import or a module declaration.
    opens_with_import: bool,
    /// Its last item is an import or a module declaration. rustfmt sorts a run of them,
    /// and the marker between two files is what keeps two files' runs apart: so that no
    /// rustfmt that did otherwise could sort one file's into another's, such a file is
    /// never followed by one that opens with one.
    ends_with_import: bool,
}

impl<'a> Split<'a> {
    /// `text` split before its first item, where it formats joined as it does alone:
    /// - it opens with comment lines and a blank line, which rustfmt keeps as they are
    ///   (none ends in whitespace, none holds a tab);
    /// - it has items;
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
        let has_items = items.ends_with('\n') && !items.trim().is_empty();
        if !opened || !has_items || text.contains(MARKER.trim_end()) {
            return None;
        }
        // Inner attributes and docs at the top level (a valid file has them only before
        // its first item).
        let first = items
            .lines()
            .any(|l| l.starts_with("#![") || l.starts_with("//!"));
        let starts: Vec<&str> = items.lines().filter(|l| starts_item(l)).collect();
        let opens_with_import = starts.first().is_some_and(|l| is_import(l));
        let ends_with_import = starts.last().is_some_and(|l| is_import(l));
        Some(Split {
            head,
            items,
            first,
            opens_with_import,
            ends_with_import,
        })
    }
}

/// Whether `line` starts an item at the top level: neither indented, nor closing a
/// bracket, nor an attribute or a comment.
fn starts_item(line: &str) -> bool {
    !line.is_empty()
        && !line.starts_with(char::is_whitespace)
        && !line.starts_with(['}', ')', ']', '#', '/'])
}

/// Whether the item `line` starts is an import or a module declaration.
fn is_import(line: &str) -> bool {
    let line = line.strip_prefix("pub").map_or(line, |rest| {
        rest.strip_prefix("(crate)")
            .or_else(|| rest.strip_prefix("(super)"))
            .unwrap_or(rest)
            .trim_start()
    });
    line.starts_with("use ") || line.starts_with("mod ")
}

/// Files, each with a name (a path) and its text split.
pub(super) type Files<'a, P> = Vec<(P, Split<'a>)>;

/// `files` in the order of one run, and those that can't be joined in it: the file that
/// must come first goes first (a second such file can't be joined), and no file that
/// ends with an import is followed by one that opens with one (a file left over that
/// could only go there can't be joined).
pub(super) fn arrange<'a, P>(files: Files<'a, P>) -> (Files<'a, P>, Files<'a, P>) {
    let mut joined = Vec::with_capacity(files.len());
    let mut alone = Vec::new();
    let (mut enders, mut others) = (Vec::new(), Vec::new());
    for (path, split) in files {
        if split.first {
            if joined.is_empty() {
                joined.push((path, split));
            } else {
                alone.push((path, split));
            }
        } else if split.ends_with_import {
            enders.push((path, split));
        } else {
            others.push((path, split));
        }
    }
    // After a file that ends with an import, one that does not open with one; after any
    // other, first a file that opens with one. (Reversed, so that the last that fits is
    // the first given.)
    enders.reverse();
    others.reverse();
    loop {
        let after_import = joined
            .last()
            .is_some_and(|(_, split): &(P, Split<'a>)| split.ends_with_import);
        let fits = |split: &Split<'a>| !(after_import && split.opens_with_import);
        let next = if after_import {
            take_last(&mut others, fits).or_else(|| take_last(&mut enders, fits))
        } else {
            take_last(&mut others, |split| split.opens_with_import)
                .or_else(|| enders.pop())
                .or_else(|| others.pop())
        };
        match next {
            Some(file) => joined.push(file),
            None => break,
        }
    }
    alone.extend(enders.into_iter().chain(others));
    (joined, alone)
}

/// Puts `file`, left over by [`arrange`], at the end or else at the start of the run of
/// `runs` with the fewest bytes where it may go (no file but the first may open a file
/// with inner attributes, and no file that ends with an import may be followed by one
/// that opens with one); gives it back where it may go in none.
pub(super) fn append<'a, P>(
    runs: &mut [Files<'a, P>],
    file: (P, Split<'a>),
) -> Option<(P, Split<'a>)> {
    let split = file.1;
    let follows = |before: &Split<'a>, after: &Split<'a>| {
        !(after.first || (before.ends_with_import && after.opens_with_import))
    };
    let bytes = |run: &Files<'a, P>| run.iter().map(|(_, s)| s.items.len()).sum::<usize>();
    let at_end = |run: &Files<'a, P>| run.last().is_some_and(|(_, last)| follows(last, &split));
    let at_start =
        |run: &Files<'a, P>| run.first().is_some_and(|(_, first)| follows(&split, first));
    if let Some(run) = runs
        .iter_mut()
        .filter(|run| at_end(run))
        .min_by_key(|run| bytes(run))
    {
        run.push(file);
        return None;
    }
    match runs
        .iter_mut()
        .filter(|run| at_start(run))
        .min_by_key(|run| bytes(run))
    {
        Some(run) => {
            run.insert(0, file);
            None
        }
        None => Some(file),
    }
}

/// The last of `files` that `fits`, taken out.
fn take_last<'a, P>(
    files: &mut Vec<(P, Split<'a>)>,
    fits: impl Fn(&Split<'a>) -> bool,
) -> Option<(P, Split<'a>)> {
    let at = files.iter().rposition(|(_, split)| fits(split))?;
    Some(files.remove(at))
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
            "// header\n\n// @codegen-joined-file 0\nfn a() {}\n",
            "a marker",
        );
        not("// header\n\n", "no items");
        assert!(Split::of("// header\n\nuse x::Y;\nfn a() {}\n").is_some());
    }

    #[test]
    fn inner_attributes_and_imports_are_told() {
        let kinds = |text: &str| {
            let split = Split::of(text).expect("splits");
            (split.first, split.opens_with_import, split.ends_with_import)
        };
        assert_eq!(kinds(A), (false, true, false));
        assert_eq!(kinds(B), (false, false, false));
        let inner = "// h\n\n#![forbid(unsafe_code)]\n\nfn a() {}\n";
        assert_eq!(kinds(inner), (true, false, false));
        let nested = "// h\n\nfn a() {\n    #![allow(x)]\n}\n";
        assert_eq!(kinds(nested), (false, false, false));
        assert_eq!(
            kinds("// h\n\nfn a() {}\nuse x::Y;\n"),
            (false, false, true)
        );
        let cfg_use = "// h\n\nfn a() {}\n#[cfg(x)]\npub(crate) use x::{\n    Y,\n};\n";
        assert_eq!(kinds(cfg_use), (false, false, true));
        assert_eq!(kinds("// h\n\npub mod b;\n"), (false, true, true));
        assert_eq!(
            kinds("// h\n\n#![allow(x)]\nmod b;\nfn f() {}\npub use b::C;\n"),
            (true, true, true)
        );
    }

    #[test]
    fn the_first_goes_first_and_no_import_follows_an_import() {
        let first = "// h\n\n#![allow(x)]\nfn f() {}\npub use f as g;\n";
        let ender = "// h\n\nmod m;\nfn e() {}\npub use m::N;\n";
        let plain = "// h\n\nfn p() {}\n";
        let files = [
            ("ender 1", ender),
            ("a", A),
            ("first", first),
            ("second first", first),
            ("plain 1", plain),
            ("ender 2", ender),
            ("ender 3", ender),
            ("plain 2", plain),
        ];
        let (joined, alone) = arrange(
            files
                .iter()
                .map(|(name, text)| (*name, Split::of(text).expect("splits")))
                .collect(),
        );
        let order: Vec<&str> = joined.iter().map(|(name, _)| *name).collect();
        // `first` ends with an import, and so does every ender; `a` opens with one.
        assert_eq!(
            order,
            ["first", "plain 1", "a", "ender 1", "plain 2", "ender 2"]
        );
        let alone: Vec<&str> = alone.iter().map(|(name, _)| *name).collect();
        assert_eq!(alone, ["second first", "ender 3"]);
        for pair in joined.windows(2) {
            assert!(!(pair[0].1.ends_with_import && pair[1].1.opens_with_import));
        }
    }

    #[test]
    fn a_file_left_over_goes_at_the_end_or_the_start_of_another_run() {
        let first = "// h

#![allow(x)]
fn f() {}
pub use f as g;
";
        let ender = "// h

mod m;
fn e() {}
pub use m::N;
";
        let opener = "// h

use x::Y;
fn o() {}
";
        let split = |text| Split::of(text).expect("splits");
        // Only at the start of a run that does not open with a first file.
        let mut runs = vec![vec![("first", split(first))], vec![("ender", split(ender))]];
        assert!(append(&mut runs, ("opener", split(opener))).is_none());
        fn order(run: &[(&'static str, Split<'_>)]) -> Vec<&'static str> {
            run.iter().map(|(name, _)| *name).collect()
        }
        assert_eq!(order(&runs[1]), ["opener", "ender"]);
        assert!(append(&mut runs, ("opener 2", split(opener))).is_none());
        assert_eq!(order(&runs[1]), ["opener 2", "opener", "ender"]);
        // At the end of the lighter run where it may follow the last file.
        let plain = "// h\n\nfn p() {}\n";
        assert!(append(&mut runs, ("plain", split(plain))).is_none());
        assert_eq!(order(&runs[0]), ["first", "plain"]);
        // A first file goes nowhere but first.
        assert!(append(&mut runs, ("first 2", split(first))).is_some());
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
