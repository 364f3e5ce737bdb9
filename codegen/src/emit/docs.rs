//! Rustdoc from the spec's summaries and descriptions, and the generator's own doc text:
//! every doc comment the emitters write that is not fixed text goes through [`outer`] or
//! [`inner`]. (Fixed text is written as `///` and `//!` lines in `quote!`, wrapped by hand.)
//!
//! Descriptions are CommonMark, which rustdoc renders too, with two traps handled here:
//! a code block without a language (or in another language) would be compiled as a Rust
//! doctest, so it is marked `text`; and four-space indentation (which YAML folding can
//! produce) would start a code block, so indentation outside fences is capped.
//!
//! Paragraphs are then wrapped to [`WIDTH`] columns, so that a description written on one
//! line does not become a line hundreds of columns long. Only what cannot change the
//! document is touched:
//!
//! - Plain paragraph lines, and the text of list items (continued under the item's text),
//!   are re-flowed; lines of a paragraph are joined, as CommonMark reads them anyway.
//! - Code blocks, headings, tables (any line with a `|`), block quotes, HTML blocks, link
//!   reference definitions, rules and setext headings stay as they are.
//! - No line is made to start with what could begin a block (`-`, `*`, `+`, `#`, `>`, `=`,
//!   `|`, `<`, `_`, a number followed by `.` or `)`, a fence): such a word stays on the line
//!   before. Nor is a line made to end with a backslash, which would be a hard break.
//! - Inline code spans and link destinations are never broken; a word longer than the
//!   width stays long.
//! - A hard line break stays where it is: a trailing backslash as it is, and two trailing
//!   spaces (which the formatter of the generated code would strip) as a backslash.

use std::borrow::Cow;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::memo::Memo;

/// The columns of doc text (after `/// `) that paragraphs are wrapped to.
pub const WIDTH: usize = 90;

/// `"An"` or `"A"`, the article a type's name takes when read aloud (`An ErrorResponse`,
/// `A User`, `An Update`): by its first letter, and for a `U` by whether it is read as
/// "you" (`User`, `Unit`, `Url`) or not (`Update`, `Unknown`).
pub fn article(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    let vowel_sound = match lower.as_bytes() {
        [b'a' | b'e' | b'i' | b'o', ..] => true,
        [b'u', b'n', b'i', ..] => false,
        [b'u', b'n' | b'p' | b'm' | b'l' | b'g', ..] => true,
        _ => false,
    };
    if vowel_sound {
        "An"
    } else {
        "A"
    }
}

/// One `#[doc = "..."]` outer attribute holding every line, which the printer writes as
/// `///` lines: one attribute, not one a line, is far less for it to read.
pub fn outer(text: &str) -> TokenStream {
    match outer_literal(text) {
        Some(joined) => quote! { #[doc = #joined] },
        None => TokenStream::new(),
    }
}

/// The literal of [`outer`]'s attribute; `None` for no doc. Made once per thread for each
/// text: a large API repeats many of its descriptions (a property's in every schema that
/// has it; GitHub's, a fifth of the text).
pub fn outer_literal(text: &str) -> Option<Literal> {
    thread_local! {
        static MADE: Memo<Option<Literal>> = Memo::default();
    }
    MADE.with(|made| made.get_or_make(text, MADE_AT_MOST, || outer_literal_uncached(text)))
}

/// The docs a thread keeps made ([`outer_literal`]), so that a long-lived process (a build
/// script's, a test's) does not grow without end.
const MADE_AT_MOST: usize = 1 << 14;

/// [`outer_literal`], made each time.
fn outer_literal_uncached(text: &str) -> Option<Literal> {
    let lines = doc_lines(text);
    if lines.is_empty() {
        return None;
    }
    // The lines joined, each [`pad`]ded.
    let mut joined = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        if !line.is_empty() {
            joined.push(' ');
            joined.push_str(line);
        }
    }
    Some(raw_string(&joined))
}

/// `text` as a raw string literal (`r"..."`, with as many `#`s as it needs): nothing to
/// escape here or to unescape where syn reads it, which a long doc makes worth the while.
/// A plain literal where a raw one can't hold `text` (a carriage return).
fn raw_string(text: &str) -> Literal {
    if text.contains('\r') {
        return Literal::string(text);
    }
    // Enough `#`s that no `"` in the text, with those after it, ends the literal.
    let hashes = text
        .split('"')
        .skip(1)
        .map(|after| after.bytes().take_while(|&b| b == b'#').count() + 1)
        .max()
        .unwrap_or(0);
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// `#![doc = "..."]` inner attributes, one per line.
pub fn inner(text: &str) -> TokenStream {
    let lines = inner_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The literals of [`inner`]'s attributes, one per line.
pub fn inner_lines(text: &str) -> Vec<Literal> {
    doc_lines(text)
        .iter()
        .map(|l| Literal::string(&pad(l)))
        .collect()
}

/// `/// text` reads best with one space after the slashes.
fn pad(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// The lines of `text` made safe for rustdoc, paragraphs wrapped.
pub fn doc_lines(text: &str) -> Vec<String> {
    if is_plain_line(text) {
        // What the rules below make of it: the line itself.
        return vec![text.to_owned()];
    }
    // Tabs in doc comments render unevenly (clippy's `tabs_in_doc_comments`).
    let text = text.replace('\t', "    ");
    let mut out = wrap(&normalise(&text));
    // Leading blank lines would make odd rustdoc.
    let blank = out.iter().take_while(|l| l.is_empty()).count();
    out.drain(..blank);
    out
}

/// Whether `text` is one line that [`doc_lines`] keeps as it is, as most short docs are:
/// it fits, has no whitespace to trim or collapse, and opens no code block.
fn is_plain_line(text: &str) -> bool {
    if text.len() > WIDTH || text.contains("```") || text.contains("~~~") {
        return false;
    }
    // Only single spaces between words: no line break, tab, or space at either end.
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space
}

/// A line of the description after [`normalise`].
#[derive(Debug)]
enum Line {
    /// A fence or a line inside one: kept exactly.
    Code(String),
    /// Anything else, without trailing whitespace.
    Text {
        text: String,
        /// It ended with two spaces or more: a hard line break inside a paragraph.
        hard_break: bool,
    },
}

/// Marks code blocks `text` unless they say otherwise, caps indentation outside them, and
/// trims trailing whitespace (remembering hard breaks).
fn normalise(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    // The marker of the open fence.
    let mut fence: Option<String> = None;
    // A block quote's paragraph is open: a plain line continues it ("lazily").
    let mut in_quote = false;
    for raw in text.trim_end().lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            let marker = fence_marker(trimmed);
            if marker.len() >= open.len()
                && marker.starts_with(&open[..1])
                && trimmed[marker.len()..].trim().is_empty()
            {
                out.push(Line::Code(format!("{}{marker}", indentation(line))));
                fence = None;
            } else {
                out.push(Line::Code(line.to_owned()));
            }
            continue;
        }
        // A fence may open a list item; the item's marker stays in front of it.
        let item = list_marker(trimmed).map_or(0, |m| {
            let rest = &trimmed[m..];
            m + rest.len() - rest.trim_start().len()
        });
        let (lead, opening) = trimmed.split_at(item);
        let marker = fence_marker(opening);
        if marker.len() >= 3 {
            let lang = opening[marker.len()..].trim();
            // Only a fence that says `rust` would be a doctest we want; nothing here is.
            let lang = if lang.is_empty() || lang.starts_with("rust") {
                "text"
            } else {
                lang
            };
            out.push(Line::Code(format!(
                "{}{lead}{marker}{lang}",
                indentation(line)
            )));
            fence = Some(marker.to_owned());
            in_quote = false;
            continue;
        }
        // A lazy continuation of a block quote gets its `>`, which changes nothing for
        // CommonMark and reads as meant (clippy's `doc_lazy_continuation`).
        let quoted = trimmed.starts_with('>');
        let plain = !trimmed.is_empty() && start(trimmed) == Start::Paragraph;
        let marker = if in_quote && !quoted && plain {
            "> "
        } else {
            ""
        };
        in_quote = quoted || (in_quote && plain);
        out.push(Line::Text {
            text: [indentation(line), marker, trimmed].concat(),
            hard_break: raw.ends_with("  ") && !trimmed.is_empty(),
        });
    }
    if let Some(open) = fence {
        out.push(Line::Code(open));
    }
    out
}

/// The indentation of `line`, at most three spaces: four would start a code block (or,
/// before a fence, make it not one).
fn indentation(line: &str) -> &'static str {
    &"   "[..(line.len() - line.trim_start().len()).min(3)]
}

/// The run of three or more backticks or tildes that `line` starts with, or `""`.
fn fence_marker(line: &str) -> &str {
    let Some(c @ ('`' | '~')) = line.chars().next() else {
        return "";
    };
    let len = line.len() - line.trim_start_matches(c).len();
    if len >= 3 {
        &line[..len]
    } else {
        ""
    }
}

/// The length of the list item marker (`-`, `*`, `+`, `1.`, `1)`) that `line` starts
/// with, if it is followed by a space or the end of the line.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let len = match line[digits..].chars().next()? {
        '-' | '*' | '+' if digits == 0 => 1,
        '.' | ')' if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let after = &line[len..];
    (after.is_empty() || after.starts_with(' ')).then_some(len)
}

/// How a line outside code blocks begins.
#[derive(Debug, PartialEq)]
enum Start {
    Blank,
    /// A line that stays as it is: a heading, quote, table row, link reference
    /// definition, rule or setext underline, or a list item that starts one of those.
    Kept,
    /// An HTML block: kept as it is up to the next blank line.
    Html,
    /// The first line of a list item; its text starts this many bytes in.
    Item(usize),
    /// Paragraph text.
    Paragraph,
}

fn start(line: &str) -> Start {
    let t = line.trim_start();
    if t.is_empty() {
        return Start::Blank;
    }
    let heading = {
        let hashes = t.len() - t.trim_start_matches('#').len();
        (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(|c| c == ' ')
    };
    if heading
        || t.starts_with('>')
        || t.contains('|')
        || (t.starts_with('[') && t.contains("]:"))
        || is_rule(t)
    {
        return Start::Kept;
    }
    if t.starts_with('<') {
        return Start::Html;
    }
    if let Some(marker) = list_marker(t) {
        let rest = &t[marker..];
        let spaces = rest.len() - rest.trim_start().len();
        // An empty item, one whose text is indented code, or one that starts another
        // block stays as it is.
        return match start(rest) {
            Start::Paragraph if spaces <= 4 => Start::Item(line.len() - rest.trim_start().len()),
            _ => Start::Kept,
        };
    }
    Start::Paragraph
}

/// A thematic break or a setext underline (or what might be one): one of `-*_=` and spaces.
fn is_rule(t: &str) -> bool {
    ['-', '*', '_', '=']
        .into_iter()
        .any(|c| t.chars().all(|x| x == c || x == ' '))
}

/// A line that would make the paragraph above it a heading or a table header.
fn ends_paragraph_specially(line: &Line) -> bool {
    let Line::Text { text, .. } = line else {
        return false;
    };
    let t = text.trim();
    let underline = ['=', '-'].into_iter().any(|c| t.chars().all(|x| x == c));
    let delimiter_row = t.contains('-') && t.chars().all(|c| "|-: ".contains(c));
    !t.is_empty() && (underline || delimiter_row)
}

/// The lines with paragraphs wrapped.
fn wrap(lines: &[Line]) -> Vec<String> {
    let text_of = |line: &Line| match line {
        Line::Code(code) => code.clone(),
        Line::Text { text, .. } => text.clone(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Line::Text { text, .. } = &lines[i] else {
            out.push(text_of(&lines[i]));
            i += 1;
            continue;
        };
        let (first_prefix, rest_prefix) = match start(text) {
            Start::Blank | Start::Kept => {
                out.push(text.clone());
                i += 1;
                continue;
            }
            Start::Html => {
                while let Some(line) = lines.get(i) {
                    if matches!(line, Line::Text { text, .. } if text.is_empty()) {
                        break;
                    }
                    out.push(text_of(line));
                    i += 1;
                }
                continue;
            }
            Start::Item(at) => (&text[..at], " ".repeat(at)),
            Start::Paragraph => {
                let indent = &text[..text.len() - text.trim_start().len()];
                (indent, indent.to_owned())
            }
        };
        // The paragraph: this line and the plain lines that continue it.
        let mut end = i + 1;
        while let Some(Line::Text { text, .. }) = lines.get(end) {
            if start(text) != Start::Paragraph {
                break;
            }
            end += 1;
        }
        if lines.get(end).is_some_and(ends_paragraph_specially) {
            out.extend(lines[i..end].iter().map(text_of));
            i = end;
            continue;
        }
        // Split at hard breaks; each part is filled on its own.
        let mut prefix = first_prefix.to_owned();
        let mut part: Vec<&str> = Vec::new();
        for (k, line) in lines[i..end].iter().enumerate() {
            let Line::Text { text, hard_break } = line else {
                unreachable!("paragraphs are text")
            };
            let content = if k == 0 {
                &text[first_prefix.len()..]
            } else {
                text.trim_start()
            };
            part.push(content);
            let last = i + k + 1 == end;
            if !last && (*hard_break || ends_with_escape(content)) {
                fill(&part.join(" "), &prefix, &rest_prefix, &mut out);
                if *hard_break && !ends_with_escape(content) {
                    out.last_mut().expect("fill writes a line").push('\\');
                }
                part.clear();
                prefix.clone_from(&rest_prefix);
            }
        }
        if !part.is_empty() {
            fill(&part.join(" "), &prefix, &rest_prefix, &mut out);
        }
        i = end;
    }
    out
}

/// Writes `text` as lines of at most [`WIDTH`] columns (unless a word is longer), the first
/// after `first_prefix` and the others after `rest_prefix`. A line may break between any
/// two of its words, but before a word that could begin a block.
fn fill(text: &str, first_prefix: &str, rest_prefix: &str, out: &mut Vec<String>) {
    let columns = |s: &str| s.chars().count();
    let mut line = String::with_capacity(first_prefix.len() + WIDTH);
    line.push_str(first_prefix);
    let mut width = columns(first_prefix);
    let mut empty = true;
    let mut put = |unit: &str| {
        let unit_width = columns(unit);
        if !empty && width + 1 + unit_width > WIDTH {
            out.push(std::mem::replace(
                &mut line,
                String::with_capacity(rest_prefix.len() + WIDTH),
            ));
            line.push_str(rest_prefix);
            width = columns(rest_prefix);
            empty = true;
        }
        if !empty {
            line.push(' ');
            width += 1;
        }
        line.push_str(unit);
        width += unit_width;
        empty = false;
    };
    // The words since the last place a line may break.
    let mut unit: Option<Cow<'_, str>> = None;
    for word in Words::of(text) {
        match &mut unit {
            Some(last) if could_begin_block(word) => {
                let last = last.to_mut();
                last.push(' ');
                last.push_str(word);
            }
            _ => {
                if let Some(done) = unit.replace(Cow::Borrowed(word)) {
                    put(&done);
                }
            }
        }
    }
    if let Some(done) = unit {
        put(&done);
    }
    out.push(line);
}

/// The words of a text: split at whitespace, except inside inline code spans and link
/// destinations, and after a backslash (so that no line ends with one, which would be a
/// hard break).
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    fn of(text: &'a str) -> Self {
        Words { text, at: 0 }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        let mut start = None;
        while let Some(&b) = bytes.get(i) {
            // The character at `i` and its length: ASCII read as a byte.
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                let c = text[i..].chars().next()?;
                (c, c.len_utf8())
            };
            if c.is_whitespace() {
                if start.is_some() {
                    break;
                }
                i += len;
                continue;
            }
            start.get_or_insert(i);
            i = match c {
                '\\' => i + 1 + text[i + 1..].chars().next().map_or(0, char::len_utf8),
                '`' => code_span_end(text, i),
                ']' if text[i..].starts_with("](") => destination_end(text, i + 2),
                _ => i + len,
            };
        }
        self.at = i;
        Some(&text[start?..i])
    }
}

/// Where the code span opened by the backticks at `at` ends (after its closing backticks),
/// or, without a closing run of as many backticks, the end of the opening run.
fn code_span_end(text: &str, at: usize) -> usize {
    let run = |from: usize| text[from..].len() - text[from..].trim_start_matches('`').len();
    let open = run(at);
    let mut i = at + open;
    while let Some(offset) = text[i..].find('`') {
        let close = run(i + offset);
        if close == open {
            return i + offset + close;
        }
        i += offset + close;
    }
    at + open
}

/// Where the link destination (and title) starting at `at`, after `](`, ends: after its
/// closing parenthesis, or at the end of the text.
fn destination_end(text: &str, at: usize) -> usize {
    let mut depth = 1;
    let mut chars = text[at..].char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return at + offset + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Whether a line starting with `word` could begin a block (conservatively: some of these
/// only do when more follows, or never inside a paragraph).
fn could_begin_block(word: &str) -> bool {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    word.starts_with(['-', '*', '+', '#', '>', '=', '|', '<'])
        || word.starts_with("```")
        || word.starts_with("~~~")
        || word.chars().all(|c| c == '_')
        || (digits > 0 && word[digits..].starts_with(['.', ')']))
}

/// Whether `text` ends with a backslash that is not escaped (at the end of a line: a hard
/// line break).
fn ends_with_escape(text: &str) -> bool {
    (text.len() - text.trim_end_matches('\\').len()) % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_line_is_what_the_rules_make_of_it() {
        for text in [
            "Sets `x`: the id of the thing.",
            "- an item",
            "# A heading",
            "| a | b |",
            "<b>bold</b>",
            "1. first",
            "ends with a backslash\\",
            "[a link](https://example.com/a b)",
        ] {
            assert!(is_plain_line(text), "{text}");
            assert_eq!(wrap(&normalise(text)), vec![text.to_owned()], "{text}");
        }
        for text in [
            "",
            " indented",
            "two  spaces",
            "trailing ",
            "a\ttab",
            "a\u{a0}no-break space",
            "two\nlines",
            "```",
            "- ```rust",
            &"long ".repeat(20),
        ] {
            assert!(!is_plain_line(text), "{text:?}");
        }
    }

    #[test]
    fn a_doc_is_a_raw_string_that_reads_back_as_written() {
        for text in [
            "plain",
            "a \"quote\"",
            "ends \"#",
            "\"## twice \"#",
            "back\\slash \\n",
            "carriage\rreturn",
        ] {
            let literal = raw_string(text);
            let raw = !text.contains('\r');
            assert_eq!(literal.to_string().starts_with('r'), raw, "{literal}");
            let read: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
            assert_eq!(read.value(), text);
        }
    }

    #[test]
    fn articles_follow_the_sound_of_the_name() {
        for (name, article) in [
            ("ErrorResponse", "An"),
            ("Attachment", "An"),
            ("Issue", "An"),
            ("Update", "An"),
            ("Unknown", "An"),
            ("User", "A"),
            ("Unit", "A"),
            ("Url", "A"),
            ("Pet", "A"),
        ] {
            assert_eq!(super::article(name), article, "{name}");
        }
    }

    #[test]
    fn a_lazy_block_quote_line_gets_its_marker() {
        assert_eq!(
            doc_lines("> [!NOTE]\n> Works with apps.\nNot for others.\n\nAfter."),
            [
                "> [!NOTE]",
                "> Works with apps.",
                "> Not for others.",
                "",
                "After."
            ]
        );
        // A list after a quote is no continuation of it.
        assert_eq!(doc_lines("> Quoted.\n- item"), ["> Quoted.", "- item"]);
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(doc_lines("| a\t| b |"), ["| a    | b |"]);
    }

    /// `n` words of `len` letters.
    fn words_of(n: usize, len: usize) -> String {
        (0..n)
            .map(|i| {
                let c = char::from(b'a' + (i % 26) as u8);
                c.to_string().repeat(len)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn max_width(lines: &[String]) -> usize {
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
    }

    #[test]
    fn fences_without_language_become_text() {
        let lines = doc_lines("Use it:\n```\nAuthorization: Bearer x\n```\n");
        assert_eq!(
            lines,
            ["Use it:", "```text", "Authorization: Bearer x", "```"]
        );
    }

    #[test]
    fn fences_with_a_language_keep_it() {
        assert_eq!(doc_lines("```go\nx := 1\n```"), ["```go", "x := 1", "```"]);
        assert_eq!(
            doc_lines("```rust\nlet x = 1;\n```"),
            ["```text", "let x = 1;", "```"]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(doc_lines("```\nx"), ["```text", "x", "```"]);
    }

    #[test]
    fn deep_indentation_is_capped_outside_fences() {
        assert_eq!(
            doc_lines("a\n\n        b\n```\n    c\n```"),
            ["a", "", "   b", "```text", "    c", "```"]
        );
    }

    #[test]
    fn a_long_paragraph_is_wrapped_to_the_width() {
        // 40 words of 4 letters: 199 columns on one line.
        let text = words_of(40, 4);
        let lines = doc_lines(&text);
        assert!(lines.len() >= 3, "{lines:#?}");
        assert!(max_width(&lines) <= WIDTH, "{lines:#?}");
        // Filled: each line but the last could not take the next word.
        for pair in lines.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap();
            assert!(pair[0].len() + 1 + next_word.len() > WIDTH, "{lines:#?}");
        }
        // Nothing is lost or reordered.
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn short_lines_of_a_paragraph_are_joined_and_paragraphs_kept_apart() {
        assert_eq!(
            doc_lines("one\ntwo\nthree\n\nfour\nfive"),
            ["one two three", "", "four five"]
        );
    }

    #[test]
    fn list_items_wrap_under_their_text() {
        let long = words_of(30, 4);
        let text = format!("Intro:\n\n- {long}\n- short\n10. {long}\n  continued");
        let lines = doc_lines(&text);
        assert_eq!(lines[..2], ["Intro:", ""]);
        assert!(lines[2].starts_with("- aaaa"), "{lines:#?}");
        assert!(lines[3].starts_with("  ") && !lines[3].starts_with("   "));
        assert!(lines.contains(&"- short".to_owned()), "{lines:#?}");
        let ordered = lines.iter().position(|l| l.starts_with("10. ")).unwrap();
        assert!(lines[ordered + 1].starts_with("    ") && !lines[ordered + 1].starts_with("     "));
        assert!(lines.last().unwrap().ends_with("continued"), "{lines:#?}");
        assert!(max_width(&lines) <= WIDTH, "{lines:#?}");
        // Every line but the items' first lines continues an item's text.
        let starts: Vec<_> = lines[2..].iter().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(starts.len(), 3, "{lines:#?}");
    }

    #[test]
    fn items_are_not_joined_into_the_paragraph_before_them() {
        assert_eq!(
            doc_lines("Values:\n- a\n- b\n1. c\n2) d\n* e\n+ f"),
            ["Values:", "- a", "- b", "1. c", "2) d", "* e", "+ f"]
        );
    }

    #[test]
    fn code_blocks_are_never_wrapped() {
        let long = words_of(40, 4);
        let text = format!("```json\n{long}\n```\n\n~~~\n{long}\nshort\n~~~");
        assert_eq!(
            doc_lines(&text),
            [
                "```json".to_owned(),
                long.clone(),
                "```".to_owned(),
                String::new(),
                "~~~text".to_owned(),
                long,
                "short".to_owned(),
                "~~~".to_owned(),
            ]
        );
    }

    #[test]
    fn a_fence_in_a_list_item_is_a_fence() {
        let long = words_of(40, 4);
        let text = format!("- Run:\n  ```\n  {long}\n  ```\n- ```\n  {long}\n  ```");
        let lines = doc_lines(&text);
        assert_eq!(
            lines,
            [
                "- Run:".to_owned(),
                "  ```text".to_owned(),
                format!("  {long}"),
                "  ```".to_owned(),
                "- ```text".to_owned(),
                format!("  {long}"),
                "  ```".to_owned(),
            ]
        );
    }

    #[test]
    fn tables_headings_quotes_html_and_definitions_stay_as_they_are() {
        let long = words_of(30, 4);
        let kept = [
            format!("| name | what |\n|------|------|\n| a | {long} |"),
            format!("# {long}"),
            format!("> {long}\n> {long}"),
            format!("<div>\n{long}\n{long}\n</div>"),
            format!(
                "[label]: https://example.com/{} \"{long}\"",
                "x".repeat(100)
            ),
            format!("{long}\n==="),
            format!("{long}\n---"),
            "***".to_owned(),
        ];
        for text in kept {
            assert_eq!(doc_lines(&text).join("\n"), text);
        }
    }

    #[test]
    fn a_table_after_a_paragraph_does_not_take_its_lines() {
        let long = words_of(30, 4);
        let text = format!("{long}\nshort\n| a | b |\n|---|---|\n| {long} | x |");
        let lines = doc_lines(&text);
        assert!(max_width(&lines[..lines.len() - 3]) <= WIDTH, "{lines:#?}");
        assert_eq!(
            lines[lines.len() - 3..].join("\n"),
            text.split_once("short\n").unwrap().1
        );
        assert!(lines[lines.len() - 4].ends_with("short"), "{lines:#?}");
    }

    #[test]
    fn no_line_is_made_to_start_a_block() {
        // Each of these would start a block (or might) at the start of a line. (A line
        // with a `|` is never wrapped: see the test of tables.)
        for word in [
            "-", "*", "+", "#", ">", "=", "1.", "2)", "```", "~~~", "<div>", "___", "-x",
        ] {
            // The word falls exactly where the line would break.
            let filler = words_of(17, 4); // 84 columns
            let text = format!("{filler} abcd {word} rest of the sentence");
            let lines = doc_lines(&text);
            assert!(lines.len() >= 2, "{lines:#?}");
            for line in &lines[1..] {
                let first = line.split(' ').next().unwrap();
                assert!(!could_begin_block(first), "{word}: {lines:#?}");
            }
            assert_eq!(lines.join(" "), text, "{word}");
        }
    }

    #[test]
    fn inline_code_and_link_destinations_are_not_broken() {
        let filler = words_of(16, 4); // 79 columns
        let code = "`let x = some_function(argument, another)`";
        let link = "[the docs](https://example.com/a/long/path \"A title with spaces\")";
        let destination = "(https://example.com/a/long/path \"A title with spaces\")";
        for (atom, whole) in [(code, code), (link, destination)] {
            let text = format!("{filler} {atom} and more words after it");
            let lines = doc_lines(&text);
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole} broken: {lines:#?}"
            );
            assert_eq!(lines.join(" "), text);
        }
        // Backticks that close no span are text, and `` ` `` spans hold single backticks.
        let words = |text| Words::of(text).collect::<Vec<_>>();
        assert_eq!(words("a ` b `` c"), ["a", "`", "b", "``", "c"]);
        assert_eq!(words("x `` a ` b `` y"), ["x", "`` a ` b ``", "y"]);
        assert_eq!(words("x \\` y `z`"), ["x", "\\`", "y", "`z`"]);
    }

    #[test]
    fn a_word_longer_than_the_width_stays_whole() {
        let url = format!("https://example.com/{}", "p".repeat(120));
        let text = format!("See {url} for more.");
        assert_eq!(
            doc_lines(&text),
            ["See".to_owned(), url.clone(), "for more.".to_owned()]
        );
        assert_eq!(doc_lines(&url), [url]);
    }

    #[test]
    fn hard_breaks_stay() {
        // A backslash break as it is; two spaces become a backslash; a paragraph's last
        // line needs neither.
        assert_eq!(
            doc_lines("one\\\ntwo  \nthree  \n\nfour\\"),
            ["one\\", "two\\", "three", "", "four\\"]
        );
        // A break after a long line: the line is wrapped, the break stays at its end.
        let long = words_of(25, 4);
        let lines = doc_lines(&format!("{long}  \nnext"));
        assert_eq!(lines.last().unwrap(), "next");
        assert!(lines[lines.len() - 2].ends_with('\\'), "{lines:#?}");
        assert!(max_width(&lines) <= WIDTH + 1, "{lines:#?}");
    }

    #[test]
    fn no_line_is_made_to_end_with_a_backslash() {
        let filler = words_of(17, 4);
        let text = format!("{filler} C:\\ drive and an escaped \\\\ too");
        let lines = doc_lines(&text);
        assert!(lines.len() >= 2, "{lines:#?}");
        for line in &lines[..lines.len() - 1] {
            assert!(!ends_with_escape(line), "{lines:#?}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn setext_headings_keep_their_lines() {
        let long = words_of(30, 4);
        let text = format!("{long}\nmore\n===\n\nbody");
        assert_eq!(
            doc_lines(&text),
            [
                long,
                "more".to_owned(),
                "===".to_owned(),
                String::new(),
                "body".to_owned()
            ]
        );
    }

    #[test]
    fn indented_paragraphs_keep_their_indentation() {
        let long = words_of(30, 4);
        let lines = doc_lines(&format!("- item\n\n  {long}"));
        assert_eq!(lines[..2], ["- item", ""]);
        assert!(lines[2..]
            .iter()
            .all(|l| l.starts_with("  ") && !l.starts_with("   ")));
        assert!(lines.len() > 3);
    }
}
