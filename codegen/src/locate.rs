//! Source locations for JSON pointers.
//!
//! Parsers such as `serde_yaml` / `serde_json` tell us *where in the value tree* something is
//! wrong (as a JSON pointer like `/paths/~1v2~1ping/get/responses/200`), but not where that is
//! in the file. [`SourceMap::index`] walks the original text once and remembers, for every
//! mapping key and sequence item, the 1-based line and column at which it starts, so that error
//! messages can say `openapi.yaml:123:7`.
//!
//! Two small indexers are used, both dependency-free and both tolerant of malformed input (they
//! never panic; on text they cannot follow they simply record fewer positions):
//!
//! * **JSON** (the first non-whitespace character is `{` or `[`): a strict hand-written
//!   tokenizer that stops at the first syntax error.
//! * **YAML** (everything else): a line-based indexer for block-style YAML as OpenAPI documents
//!   are written — block mappings and sequences (including sequences at the same indentation as
//!   their parent key and `- key: value` items), quoted keys, block scalars, multi-line scalars,
//!   comments, directives and document markers. Single-line flow collections (`[a, b]`,
//!   `{a: 1}`) are descended into as well.
//!
//! Positions are stored in a trie keyed by RFC 6901-escaped pointer segments (sequence items by
//! decimal index), so memory stays linear in the size of the input even for deep documents.
//!
//! Known gaps of the YAML indexer (lookups then fall back to the nearest recorded ancestor):
//! a key with an anchor or a tag (`&a key: v`, `!t key: v`) is not recorded, and when it is
//! the first key of its mapping the line is taken for a scalar, so the mapping's other keys
//! are lost too (for the first key of a document, everything but the root); the same for an
//! explicit key (`? key`); flow collections are followed on their first line only.
//!
//! # Why the text is read twice (decided after measuring)
//!
//! One parse that records positions was prototyped and not adopted: `load` and this module
//! both driven by `saphyr-parser` 0.3.4's events with spans (`load` building the `Value`
//! with anchors, `<<` merges, `serde_yaml`'s scalar resolution and its duplicate-key, depth
//! and second-document errors; `index` walking the same events, dashes found from the
//! block sequence's column). It was correct: the same `Value`s on the seed, both AhaSend
//! files and the fixtures, and on 5,287 of 5,294 corpus documents (the 2,647 JSON
//! descriptions read as YAML, as they are and re-emitted in block style; in the other 7,
//! libyaml fails or misreads where saphyr agrees with `serde_json`); the same position for
//! every pointer of those YAML files and of all 2,647 JSON documents; every test green. But
//! it was neither clearly smaller nor faster where positions are needed:
//!
//! * Code (lines without blanks, comments or tests): this module fell from 657 to 333, but
//!   `load` rose from 127 to 377, because it must do what `serde_yaml` does for it today;
//!   784 in all became 710 (−9%), plus a second YAML parser beside `serde_yaml` (which the
//!   config file still needs).
//! * Time, AhaSend spec (327 KiB), new / today, medians of 30–80 interleaved rounds in ten
//!   runs on a shared two-core machine: `load` alone 0.69–0.85 (saphyr's events are quicker
//!   than `serde_yaml`'s own `Value` and its conversion); `index` 1.5–2.7 (saphyr's bare
//!   event stream, 4 ms at best, takes longer than this module's whole YAML index, 3.2 ms);
//!   `load` + `index` 0.98–1.26, 1.04 in the middle run. And
//!   [`crate::diagnostics::Ctxt::finish`] indexes the text itself, so without a change there
//!   the "one parse" is two whenever a diagnostic needs a position (as any warning does).
//! * JSON: `load` keeps `serde_json`; saphyr's events for the positions took 2.2–2.7 times
//!   the tokenizer here (GitHub's 13 MB description: 484 ms against 217 ms), so JSON would
//!   keep a scanner of its own whatever YAML uses.
//!
//! Worth another look if `Ctxt` comes to hold a map that `load` fills as it parses (then
//! `index` need not re-read the text), or if the gaps above start to matter: the event walk
//! has none of them. The prototype and its benchmark are in this file's history.

use std::collections::HashMap;

use crate::{pointer, scan};

/// Positions of the keys and sequence items of a YAML or JSON document, by JSON pointer.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// Trie of pointer segments; `nodes[ROOT]` is the document root (absent in a `Default` map).
    nodes: Vec<Node>,
    /// Set by [`SourceMap::index_for`]: only the nodes already in the trie (on the way to
    /// the pointers asked for) get a position, and no other node is added.
    restricted: bool,
}

/// A 1-based line and column (counted in characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One node of the pointer trie.
#[derive(Debug, Default, Clone)]
struct Node {
    /// Where the node starts: its key for a mapping entry, its `- ` dash (or first character in a
    /// flow sequence) for a sequence item, the first content for the root.
    position: Option<Position>,
    /// Children by escaped pointer segment.
    children: HashMap<String, usize>,
}

/// Index of the root node in [`SourceMap::nodes`].
const ROOT: usize = 0;

/// Where the descendants of a node that is not recorded go: nowhere, as it has no node.
const NOWHERE: usize = usize::MAX;

/// Maximum nesting of JSON / flow collections followed (guards against stack overflow).
const MAX_FLOW_DEPTH: usize = 128;

impl SourceMap {
    /// Index a document. `text` may be YAML (block style, as OpenAPI files are written) or JSON.
    /// Never panics on any input; on text it cannot follow it simply records fewer positions.
    #[must_use]
    pub fn index(text: &str) -> SourceMap {
        let mut map = SourceMap {
            nodes: vec![Node::default()],
            restricted: false,
        };
        // A byte-order mark is invisible in editors, so columns are counted after it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match text.trim_start().chars().next() {
            Some('{' | '[') => index_json(text, &mut map),
            Some(_) => index_yaml(text, &mut map),
            None => {}
        }
        map
    }

    /// The positions of `pointers` (and of their ancestors) in `text`, for when only they
    /// are wanted: [`SourceMap::nearest`] of one of them is the same as from
    /// [`SourceMap::index`]. In JSON the other nodes are not parsed but passed over, each
    /// string at once (`memchr` finds where it ends). YAML is indexed whole: its indexer is
    /// line-based, and quick.
    #[must_use]
    pub fn index_for<'p>(text: &str, pointers: impl IntoIterator<Item = &'p str>) -> SourceMap {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !matches!(body.trim_start().chars().next(), Some('{' | '[')) {
            return SourceMap::index(text);
        }
        let mut map = SourceMap {
            nodes: vec![Node::default()],
            restricted: true,
        };
        for pointer in pointers {
            let Some(rest) = pointer.strip_prefix('/') else {
                continue;
            };
            let mut id = ROOT;
            for segment in rest.split('/') {
                let fresh = map.nodes.len();
                let Some(node) = map.nodes.get_mut(id) else {
                    break;
                };
                id = *node.children.entry(segment.to_owned()).or_insert(fresh);
                if id == fresh {
                    map.nodes.push(Node::default());
                }
            }
        }
        index_json(body, &mut map);
        map
    }

    /// Exact position of the node at `pointer` (the position of its key for a mapping entry,
    /// of its `- ` dash for a sequence item). `""` is the document root (line 1 col 1 of the
    /// first content).
    #[must_use]
    #[cfg(test)]
    pub fn get(&self, pointer: &str) -> Option<Position> {
        let mut id = ROOT;
        if !pointer.is_empty() {
            for segment in pointer.strip_prefix('/')?.split('/') {
                id = *self.nodes.get(id)?.children.get(segment)?;
            }
        }
        self.nodes.get(id)?.position
    }

    /// Position of `pointer`, or of its nearest ancestor that has one (drop trailing segments).
    /// Also returns the pointer actually found. A string that is not a valid pointer (does not
    /// start with `/`) falls back to the root.
    #[must_use]
    pub fn nearest(&self, pointer: &str) -> Option<(Position, String)> {
        let root = self.nodes.get(ROOT)?;
        // Best match so far: its position and the byte length of its pointer prefix.
        let mut best = root.position.map(|p| (p, 0));
        if let Some(rest) = pointer.strip_prefix('/') {
            let mut id = ROOT;
            let mut end = 0;
            for segment in rest.split('/') {
                let Some(&child) = self.nodes.get(id).and_then(|n| n.children.get(segment)) else {
                    break;
                };
                id = child;
                end += 1 + segment.len();
                if let Some(p) = self.nodes.get(id).and_then(|n| n.position) {
                    best = Some((p, end));
                }
            }
        }
        best.map(|(p, end)| (p, pointer.get(..end).unwrap_or_default().to_string()))
    }

    /// Record the root's position (the first one wins).
    fn set_root(&mut self, position: Position) {
        if let Some(root) = self.nodes.get_mut(ROOT) {
            root.position.get_or_insert(position);
        }
    }

    /// The child `segment` (already escaped) of node `parent`, created at `position` if new.
    /// For duplicate keys the first occurrence keeps its position. In a restricted map (see
    /// [`SourceMap::index_for`]) a child not already there is [`NOWHERE`], as are the
    /// children of `NOWHERE`; `segment` is only made when it is needed.
    fn child(
        &mut self,
        parent: usize,
        segment: impl FnOnce() -> String,
        position: Position,
    ) -> usize {
        if parent == NOWHERE {
            return NOWHERE;
        }
        let fresh = self.nodes.len();
        let restricted = self.restricted;
        let Some(node) = self.nodes.get_mut(parent) else {
            // Unreachable: ids are only handed out by this function. Attach to the root.
            return ROOT;
        };
        let segment = segment();
        if restricted {
            let Some(&id) = node.children.get(&segment) else {
                return NOWHERE;
            };
            if let Some(child) = self.nodes.get_mut(id) {
                child.position.get_or_insert(position);
            }
            return id;
        }
        let id = *node.children.entry(segment).or_insert(fresh);
        if id == fresh {
            self.nodes.push(Node {
                position: Some(position),
                children: HashMap::new(),
            });
        }
        id
    }
}

// ---------------------------------------------------------------------------------------------
// JSON and YAML flow collections
// ---------------------------------------------------------------------------------------------

/// Index a whole JSON document.
fn index_json(text: &str, map: &mut SourceMap) {
    // Read in place: a copy as `char`s would take four bytes a character (52 MB for
    // GitHub's description) and the time to make it.
    let mut cursor = Cursor::new(text, 0, 1, true);
    cursor.skip_ws();
    map.set_root(cursor.here());
    // Malformed JSON: whatever was recorded before the error stays recorded.
    let _ = cursor.node(map, ROOT, 0);
}

/// The characters of the UTF-8 text `bytes`: its bytes that are not continuation bytes.
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// What a flow node turned out to be.
enum Parsed {
    Scalar(String),
    Collection,
}

/// Text a [`Cursor`] reads: a whole document in place (`str`, indexed by byte), or one
/// line of YAML as characters (`[char]`, indexed by character, as the block indexer counts).
trait Text {
    /// The character at `pos`.
    fn at(&self, pos: usize) -> Option<char>;
    /// How far `c` moves a position.
    fn width(c: char) -> usize;
    /// The whole text as bytes, where positions index them (`str`).
    fn bytes(&self) -> Option<&[u8]> {
        None
    }
}

impl Text for str {
    fn at(&self, pos: usize) -> Option<char> {
        self.get(pos..)?.chars().next()
    }

    fn width(c: char) -> usize {
        c.len_utf8()
    }

    fn bytes(&self) -> Option<&[u8]> {
        Some(self.as_bytes())
    }
}

impl Text for [char] {
    fn at(&self, pos: usize) -> Option<char> {
        self.get(pos).copied()
    }

    fn width(_: char) -> usize {
        1
    }
}

/// A character cursor that tracks line and column, and parses JSON (strictly, `json == true`)
/// or YAML flow collections on a single line (leniently). Every parsing method returns `None`
/// when the input cannot be followed; positions recorded up to then are kept.
struct Cursor<'a, T: Text + ?Sized> {
    text: &'a T,
    pos: usize,
    line: usize,
    /// 1-based column of the character at `pos`.
    column: usize,
    json: bool,
}

impl<'a, T: Text + ?Sized> Cursor<'a, T> {
    /// A cursor at `pos` in `text`, which is on `line` at column `pos + 1`.
    fn new(text: &'a T, pos: usize, line: usize, json: bool) -> Self {
        Cursor {
            text,
            pos,
            line,
            column: pos + 1,
            json,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text.at(self.pos)
    }

    /// The character after the next one.
    fn peek_second(&self) -> Option<char> {
        let next = self.peek()?;
        self.text.at(self.pos + T::width(next))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += T::width(c);
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn here(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            let ws = if self.json {
                matches!(c, ' ' | '\t' | '\n' | '\r')
            } else {
                matches!(c, ' ' | '\t')
            };
            if !ws {
                break;
            }
            self.bump();
        }
    }

    /// Skip YAML node properties (`&anchor`, `!tag`) and the whitespace after them.
    fn skip_properties(&mut self) {
        while matches!(self.peek(), Some('&' | '!')) {
            while let Some(c) = self.peek() {
                if is_ws(c) || is_flow_indicator(c) {
                    break;
                }
                self.bump();
            }
            self.skip_ws();
        }
    }

    /// Parse any node, recording the positions of its descendants under trie node `id`.
    fn node(&mut self, map: &mut SourceMap, id: usize, depth: usize) -> Option<Parsed> {
        if depth > MAX_FLOW_DEPTH {
            return None;
        }
        self.skip_ws();
        if !self.json {
            self.skip_properties();
        }
        if let (true, NOWHERE, Some(bytes)) = (self.json, id, self.text.bytes()) {
            // Nothing in it is wanted: passed over, its lines counted, not parsed.
            return self.skip_json(bytes).map(|()| Parsed::Collection);
        }
        match self.peek()? {
            '[' => self.sequence(map, id, depth).map(|()| Parsed::Collection),
            '{' => self.mapping(map, id, depth).map(|()| Parsed::Collection),
            _ => self.scalar().map(Parsed::Scalar),
        }
    }

    /// Passes over the JSON value at the cursor in `bytes` (the text), keeping the line and
    /// the column (in characters).
    fn skip_json(&mut self, bytes: &[u8]) -> Option<()> {
        let end = scan::value_end(bytes, self.pos)?;
        let skipped = bytes.get(self.pos..end)?;
        match memchr::memrchr(b'\n', skipped) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', skipped).count();
                self.column = 1 + characters(skipped.get(last + 1..)?);
            }
            None => self.column += characters(skipped),
        }
        self.pos = end;
        Some(())
    }

    /// Parse `[ ... ]`, recording each element's position.
    fn sequence(&mut self, map: &mut SourceMap, id: usize, depth: usize) -> Option<()> {
        self.bump(); // '['
        self.skip_ws();
        if self.peek()? == ']' {
            self.bump();
            return Some(());
        }
        let mut index = 0usize;
        loop {
            self.skip_ws();
            // Only record an element that starts on this line / before the end of input.
            self.peek()?;
            let at = self.here();
            let item = map.child(id, || index.to_string(), at);
            index += 1;
            let parsed = self.node(map, item, depth + 1)?;
            self.skip_ws();
            // YAML allows single-pair mappings as flow sequence entries: `[a: 1, b: 2]`.
            if !self.json && self.peek() == Some(':') {
                let Parsed::Scalar(key) = parsed else {
                    return None;
                };
                self.bump();
                let entry = map.child(item, || pointer::escape(&key), at);
                self.flow_value(map, entry, depth + 1)?;
                self.skip_ws();
            }
            match self.bump()? {
                ',' => {
                    // YAML (unlike JSON) tolerates a trailing comma.
                    if !self.json {
                        self.skip_ws();
                        if self.peek() == Some(']') {
                            self.bump();
                            return Some(());
                        }
                    }
                }
                ']' => return Some(()),
                _ => return None,
            }
        }
    }

    /// Parse `{ ... }`, recording each key's position.
    fn mapping(&mut self, map: &mut SourceMap, id: usize, depth: usize) -> Option<()> {
        self.bump(); // '{'
        self.skip_ws();
        if self.peek()? == '}' {
            self.bump();
            return Some(());
        }
        loop {
            self.skip_ws();
            let at = self.here();
            let key = if self.json {
                if self.peek()? != '"' {
                    return None;
                }
                self.double_quoted()?
            } else {
                self.skip_properties();
                // Complex (collection) keys cannot be expressed as a pointer segment.
                if matches!(self.peek()?, '[' | '{') {
                    return None;
                }
                self.scalar()?
            };
            let entry = map.child(id, || pointer::escape(&key), at);
            self.skip_ws();
            if self.peek() == Some(':') {
                self.bump();
                self.flow_value(map, entry, depth + 1)?;
                self.skip_ws();
            } else if self.json {
                return None;
            }
            match self.bump()? {
                ',' => {
                    if !self.json {
                        self.skip_ws();
                        if self.peek() == Some('}') {
                            self.bump();
                            return Some(());
                        }
                    }
                }
                '}' => return Some(()),
                _ => return None,
            }
        }
    }

    /// The value after a `:` in a flow mapping (YAML lets it be empty, meaning null).
    fn flow_value(&mut self, map: &mut SourceMap, id: usize, depth: usize) -> Option<()> {
        self.skip_ws();
        if !self.json && matches!(self.peek(), Some(',' | ']' | '}')) {
            return Some(());
        }
        self.node(map, id, depth).map(drop)
    }

    /// A scalar: quoted string, JSON literal/number, or YAML plain scalar. Returns its value.
    fn scalar(&mut self) -> Option<String> {
        match self.peek()? {
            '"' => self.double_quoted(),
            '\'' if !self.json => self.single_quoted(),
            _ if self.json => self.json_literal(),
            _ => self.flow_plain(),
        }
    }

    /// `true`, `false`, `null` or a number, validated strictly.
    fn json_literal(&mut self) -> Option<String> {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
                break;
            }
            s.push(c);
            self.bump();
        }
        (matches!(s.as_str(), "true" | "false" | "null") || is_json_number(&s)).then_some(s)
    }

    /// A YAML plain scalar inside a flow collection: ends at a flow indicator, at `: `, or at
    /// a ` #` comment.
    fn flow_plain(&mut self) -> Option<String> {
        let mut s = String::new();
        let mut after_ws = false;
        while let Some(c) = self.peek() {
            let ends_key = c == ':'
                && self
                    .peek_second()
                    .is_none_or(|n| is_ws(n) || is_flow_indicator(n));
            if is_flow_indicator(c) || ends_key || (c == '#' && after_ws) {
                break;
            }
            after_ws = is_ws(c);
            s.push(c);
            self.bump();
        }
        let trimmed = s.trim_end();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }

    /// A `'single-quoted'` YAML scalar (`''` is an escaped quote). `None` if unterminated.
    fn single_quoted(&mut self) -> Option<String> {
        self.bump(); // opening quote
        let mut s = String::new();
        loop {
            match self.bump()? {
                '\'' if self.peek() == Some('\'') => {
                    self.bump();
                    s.push('\'');
                }
                '\'' => return Some(s),
                c => s.push(c),
            }
        }
    }

    /// A `"double-quoted"` string: JSON escapes (strictly, in JSON mode) or YAML escapes
    /// (leniently: unknown escapes keep the escaped character). `None` if unterminated.
    fn double_quoted(&mut self) -> Option<String> {
        self.bump(); // opening quote
        let mut s = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(s),
                '\\' => {
                    let escaped = self.bump()?;
                    let decoded = match escaped {
                        '"' | '\\' | '/' => escaped,
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'u' => self.unicode_escape()?,
                        _ if self.json => return None,
                        '0' => '\0',
                        'a' => '\u{7}',
                        'v' => '\u{b}',
                        'e' => '\u{1b}',
                        'N' => '\u{85}',
                        '_' => '\u{a0}',
                        'L' => '\u{2028}',
                        'P' => '\u{2029}',
                        'x' => char_or_replacement(self.hex(2)?),
                        'U' => char_or_replacement(self.hex(8)?),
                        other => other,
                    };
                    s.push(decoded);
                }
                c if self.json && u32::from(c) < 0x20 => return None,
                c => s.push(c),
            }
        }
    }

    /// The `XXXX` of a `\uXXXX` escape, combining a UTF-16 surrogate pair when one follows.
    /// Lone surrogates decode to U+FFFD.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex(4)?;
        if (0xD800..0xDC00).contains(&high)
            && self.peek() == Some('\\')
            && self.peek_second() == Some('u')
        {
            let saved = (self.pos, self.line, self.column);
            self.bump();
            self.bump();
            let low = self.hex(4)?;
            if (0xDC00..0xE000).contains(&low) {
                return Some(char_or_replacement(
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                ));
            }
            // Not a low surrogate: leave that escape to be decoded on its own.
            (self.pos, self.line, self.column) = saved;
        }
        Some(char_or_replacement(high))
    }

    /// Exactly `digits` hexadecimal digits (at most 8).
    fn hex(&mut self, digits: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..digits {
            value = (value << 4) | self.bump()?.to_digit(16)?;
        }
        Some(value)
    }
}

fn char_or_replacement(code: u32) -> char {
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_flow_indicator(c: char) -> bool {
    matches!(c, ',' | '[' | ']' | '{' | '}')
}

/// RFC 8259 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

// ---------------------------------------------------------------------------------------------
// Block-style YAML
// ---------------------------------------------------------------------------------------------

/// Index a YAML document line by line. Only the first document of a stream is indexed.
fn index_yaml(text: &str, map: &mut SourceMap) {
    let mut state = BlockState::default();
    for (number, line) in text.lines().enumerate() {
        let line_no = number + 1;
        let chars: Vec<char> = line.chars().collect();
        // Tabs are not valid indentation, but counting them keeps odd input harmless.
        let indent = chars.iter().take_while(|&&c| is_ws(c)).count();
        let blank = indent == chars.len();

        // Content of a block scalar or continuation of a multi-line scalar / flow collection:
        // blank lines and lines indented deeper than the node that owns the scalar.
        if let Some(limit) = state.skip_deeper_than {
            if blank || indent > limit {
                continue;
            }
            state.skip_deeper_than = None;
        }

        match chars.get(indent) {
            None | Some('#') => continue,         // blank line or comment
            Some('%') if indent == 0 => continue, // directive (`%YAML 1.2`, `%TAG ...`)
            _ => {}
        }

        if is_document_marker(&chars, '-') || is_document_marker(&chars, '.') {
            if state.root_started {
                break; // end of the first document
            }
            // `--- value` may put the root node on the marker line.
            match classify_value(&chars, 3) {
                InlineValue::Empty => {}
                InlineValue::BlockScalar(at) | InlineValue::Flow(at) | InlineValue::Other(at) => {
                    state.node(map, line_no, &chars, at);
                }
            }
            continue;
        }

        state.node(map, line_no, &chars, indent);
    }
}

/// `---` or `...` at the start of a line, followed by whitespace or the end of the line.
fn is_document_marker(chars: &[char], c: char) -> bool {
    chars.get(..3).is_some_and(|m| m.iter().all(|&x| x == c))
        && chars.get(3).is_none_or(|&n| is_ws(n))
}

/// What follows a `key:` or a `- ` on the same line.
enum InlineValue {
    /// Nothing (or only a comment / anchor / tag): the value, if any, is on the next lines.
    Empty,
    /// `|`, `>`, `|-`, `>+2`, ... at the given index.
    BlockScalar(usize),
    /// `[` or `{` at the given index.
    Flow(usize),
    /// Anything else (a scalar, a key, a nested `- `) starting at the given index.
    Other(usize),
}

/// Classify the rest of a line from index `from`, skipping whitespace and node properties.
fn classify_value(chars: &[char], from: usize) -> InlineValue {
    let skip_ws = |mut i: usize| {
        while chars.get(i).is_some_and(|&c| is_ws(c)) {
            i += 1;
        }
        i
    };
    let mut i = skip_ws(from);
    while matches!(chars.get(i), Some('&' | '!')) {
        while chars.get(i).is_some_and(|&c| !is_ws(c)) {
            i += 1;
        }
        i = skip_ws(i);
    }
    match chars.get(i) {
        None | Some('#') => InlineValue::Empty,
        Some('|' | '>') => InlineValue::BlockScalar(i),
        Some('[' | '{') => InlineValue::Flow(i),
        Some(_) => InlineValue::Other(i),
    }
}

/// `- ` (or a lone `-`) at index `col`: a block sequence entry.
fn is_dash(chars: &[char], col: usize) -> bool {
    chars.get(col) == Some(&'-') && chars.get(col + 1).is_none_or(|&c| is_ws(c))
}

/// If a block mapping key starts at index `start`, return it (unquoted) and the index just
/// after its `:`. The `:` must be followed by whitespace or the end of the line, so
/// `http://example.com` is not a key.
fn block_key(chars: &[char], start: usize) -> Option<(String, usize)> {
    let first = *chars.get(start)?;
    let next = chars.get(start + 1).copied();
    let colon_ends_key =
        |i: usize| chars.get(i) == Some(&':') && chars.get(i + 1).is_none_or(|&c| is_ws(c));
    match first {
        '"' | '\'' => {
            let mut cursor = Cursor::new(chars, start, 0, false);
            let key = cursor.scalar()?; // None if the quote is not closed on this line
            cursor.skip_ws();
            colon_ends_key(cursor.pos).then_some((key, cursor.pos + 1))
        }
        // Indicators that cannot start a plain key (anchors/tags on keys and complex keys
        // are not supported).
        '[' | ']' | '{' | '}' | ',' | '#' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' => None,
        '-' | '?' | ':' if next.is_none_or(is_ws) => None,
        _ => {
            let mut i = start;
            while let Some(&c) = chars.get(i) {
                if colon_ends_key(i) {
                    let key: String = chars.get(start..i)?.iter().collect();
                    return Some((key.trim_end().to_string(), i + 1));
                }
                // ` #` starts a comment: no `key:` on this line.
                if c == '#' && i > start && chars.get(i - 1).is_some_and(|&p| is_ws(p)) {
                    return None;
                }
                i += 1;
            }
            None
        }
    }
}

/// Whether a frame is a block mapping or a block sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Mapping,
    Sequence,
}

/// An open block collection.
#[derive(Debug)]
struct Frame {
    /// Column (0-based) of its keys or dashes.
    indent: usize,
    kind: Kind,
    /// Trie node of the collection.
    node: usize,
    /// Next index, for a sequence.
    next_index: usize,
    /// The last key / item whose value has not started yet: a nested block on the following
    /// lines belongs to it.
    open_child: Option<usize>,
}

#[derive(Debug, Default)]
struct BlockState {
    /// Open collections, innermost last. Indents never decrease towards the top (a sequence
    /// may share its parent mapping's indent).
    stack: Vec<Frame>,
    /// Skip following lines that are blank or indented deeper than this (scalar content).
    skip_deeper_than: Option<usize>,
    /// The root node has been seen; nothing may start a new root after it.
    root_started: bool,
}

impl BlockState {
    /// Process the node(s) starting at index `col` of a line: a `- ` entry (possibly followed
    /// by more nodes on the same line), a `key:`, or a scalar / flow collection.
    fn node(&mut self, map: &mut SourceMap, line_no: usize, chars: &[char], col: usize) {
        let mut col = col;
        let at = |col: usize| Position {
            line: line_no,
            column: col + 1,
        };
        loop {
            if is_dash(chars, col) {
                if !self.enter(map, at(col), Kind::Sequence) {
                    return;
                }
                let Some(frame) = self.stack.last_mut() else {
                    return;
                };
                let item = map.child(frame.node, || frame.next_index.to_string(), at(col));
                frame.next_index += 1;
                match classify_value(chars, col + 1) {
                    InlineValue::Empty => frame.open_child = Some(item),
                    InlineValue::BlockScalar(_) => self.skip_deeper_than = Some(col),
                    InlineValue::Flow(start) => {
                        flow_on_line(map, chars, start, line_no, item);
                        self.skip_deeper_than = Some(col);
                    }
                    InlineValue::Other(next) => {
                        // `- key: v`, `- - x` or `- scalar`: the item's content starts here.
                        frame.open_child = Some(item);
                        col = next;
                        continue;
                    }
                }
                return;
            }

            if let Some((key, after_colon)) = block_key(chars, col) {
                if !self.enter(map, at(col), Kind::Mapping) {
                    return;
                }
                let Some(frame) = self.stack.last_mut() else {
                    return;
                };
                let entry = map.child(frame.node, || pointer::escape(&key), at(col));
                frame.open_child = None;
                match classify_value(chars, after_colon) {
                    InlineValue::Empty => frame.open_child = Some(entry),
                    InlineValue::BlockScalar(_) | InlineValue::Other(_) => {
                        self.skip_deeper_than = Some(col);
                    }
                    InlineValue::Flow(start) => {
                        flow_on_line(map, chars, start, line_no, entry);
                        self.skip_deeper_than = Some(col);
                    }
                }
                return;
            }

            // A scalar (or flow collection) on its own: the value of an open key / item, or
            // the root. Anything else is a stray line and is ignored. Like a key, it closes
            // deeper collections and a sequence at its own column.
            self.pop_to(col, Kind::Mapping);
            let target = match self.stack.last_mut() {
                Some(top) if top.indent < col => top.open_child.take().map(|id| (id, top.indent)),
                None if !self.root_started => {
                    self.root_started = true;
                    map.set_root(at(col));
                    Some((ROOT, col))
                }
                _ => None,
            };
            if let Some((id, owner_indent)) = target {
                if matches!(chars.get(col), Some('[' | '{')) {
                    flow_on_line(map, chars, col, line_no, id);
                }
                // Continuation lines of the scalar are indented deeper than its owner.
                self.skip_deeper_than = Some(owner_indent);
            }
            return;
        }
    }

    /// Pop the collections that a node of `kind` at `col` closes: deeper ones, and a sequence
    /// at the same column when the node is not a `- ` entry.
    fn pop_to(&mut self, col: usize, kind: Kind) {
        while let Some(top) = self.stack.last() {
            let closes = top.indent > col
                || (top.indent == col && top.kind == Kind::Sequence && kind != Kind::Sequence);
            if !closes {
                break;
            }
            self.stack.pop();
        }
    }

    /// Make the top of the stack the collection of `kind` that an entry at `at` belongs to,
    /// opening a new one if needed. Returns false if the entry fits nowhere (invalid or
    /// unsupported YAML), in which case the line is ignored.
    fn enter(&mut self, map: &mut SourceMap, at: Position, kind: Kind) -> bool {
        let col = at.column.saturating_sub(1);
        self.pop_to(col, kind);
        let parent = match self.stack.last_mut() {
            None if self.root_started => return false,
            None => {
                self.root_started = true;
                map.set_root(at);
                ROOT
            }
            Some(top) if top.indent == col && top.kind == kind => return true,
            Some(top) => {
                // After `pop_to`, `top` is indented less than `col`, or it is a mapping at
                // `col` and this is a sequence entry (a sequence may sit at its parent key's
                // indentation). Either way the new collection is the value of the key / item
                // left open on `top`; without one the entry belongs nowhere.
                match top.open_child.take() {
                    Some(id) => id,
                    None => return false,
                }
            }
        };
        self.stack.push(Frame {
            indent: col,
            kind,
            node: parent,
            next_index: 0,
            open_child: None,
        });
        true
    }
}

/// Index a flow collection that starts at `chars[start]` on line `line_no` into node `id`.
/// Collections spanning several lines are indexed only as far as the first line goes.
fn flow_on_line(map: &mut SourceMap, chars: &[char], start: usize, line_no: usize, id: usize) {
    let mut cursor = Cursor::new(chars, start, line_no, false);
    let _ = cursor.node(map, id, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    /// Index `text` and check every `(pointer, line, column)`.
    #[track_caller]
    fn assert_positions(text: &str, expected: &[(&str, usize, usize)]) {
        let map = SourceMap::index(text);
        for &(pointer, line, column) in expected {
            assert_eq!(map.get(pointer), pos(line, column), "pointer {pointer:?}");
        }
    }

    /// Every pointer recorded in `map`, sorted (to check nothing spurious was recorded).
    fn all_pointers(map: &SourceMap) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![(ROOT, String::new())];
        while let Some((id, pointer)) = todo.pop() {
            for (segment, &child) in map.nodes.get(id).map(|n| &n.children).into_iter().flatten() {
                let child_pointer = format!("{pointer}/{segment}");
                out.push(child_pointer.clone());
                todo.push((child, child_pointer));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn nested_block_mappings() {
        let text = "\
openapi: 3.1.0
info:
  title: Example
  contact:
    name: Someone
    url: https://example.com/a:b
  version: '1.0'
paths: {}
";
        assert_positions(
            text,
            &[
                ("", 1, 1),
                ("/openapi", 1, 1),
                ("/info", 2, 1),
                ("/info/title", 3, 3),
                ("/info/contact", 4, 3),
                ("/info/contact/name", 5, 5),
                ("/info/contact/url", 6, 5),
                ("/info/version", 7, 3),
                ("/paths", 8, 1),
            ],
        );
        // The URL's colons do not create keys.
        let map = SourceMap::index(text);
        assert_eq!(
            all_pointers(&map),
            [
                "/info",
                "/info/contact",
                "/info/contact/name",
                "/info/contact/url",
                "/info/title",
                "/info/version",
                "/openapi",
                "/paths",
            ]
        );
    }

    #[test]
    fn sequences_at_same_and_deeper_indentation() {
        let text = "\
tags:
- a
- b
required:
  - x
  - y
after: 1
nested:
  list:
  - 1
  - 2
  back: true
";
        assert_positions(
            text,
            &[
                ("/tags", 1, 1),
                ("/tags/0", 2, 1),
                ("/tags/1", 3, 1),
                ("/required", 4, 1),
                ("/required/0", 5, 3),
                ("/required/1", 6, 3),
                ("/after", 7, 1),
                ("/nested/list/0", 10, 3),
                ("/nested/list/1", 11, 3),
                ("/nested/back", 12, 3),
            ],
        );
        let map = SourceMap::index(text);
        assert_eq!(map.get("/tags/2"), None);
        assert_eq!(
            map.get("/required/01"),
            None,
            "indices have no leading zeros"
        );
    }

    #[test]
    fn mapping_items_in_sequences() {
        let text = "\
parameters:
  - name: account_id
    in: path
    schema:
      type: string
  -   name: limit
      in: query
  -
    name: spaced
servers:
- url: https://a.example
  variables:
    v:
      default: x
- url: https://b.example
";
        assert_positions(
            text,
            &[
                ("/parameters/0", 2, 3),
                ("/parameters/0/name", 2, 5),
                ("/parameters/0/in", 3, 5),
                ("/parameters/0/schema/type", 5, 7),
                ("/parameters/1", 6, 3),
                ("/parameters/1/name", 6, 7),
                ("/parameters/1/in", 7, 7),
                ("/parameters/2", 8, 3),
                ("/parameters/2/name", 9, 5),
                ("/servers", 10, 1),
                ("/servers/0/url", 11, 3),
                ("/servers/0/variables/v/default", 14, 7),
                ("/servers/1", 15, 1),
                ("/servers/1/url", 15, 3),
            ],
        );
    }

    #[test]
    fn nested_sequences_on_one_line() {
        let text = "\
matrix:
  - - a
    - b
  - - - deep
      - deeper
    - c: 1
      d: 2
  - last
";
        assert_positions(
            text,
            &[
                ("/matrix/0", 2, 3),
                ("/matrix/0/0", 2, 5),
                ("/matrix/0/1", 3, 5),
                ("/matrix/1", 4, 3),
                ("/matrix/1/0", 4, 5),
                ("/matrix/1/0/0", 4, 7),
                ("/matrix/1/0/1", 5, 7),
                ("/matrix/1/1", 6, 5),
                ("/matrix/1/1/c", 6, 7),
                ("/matrix/1/1/d", 7, 7),
                ("/matrix/2", 8, 3),
            ],
        );
    }

    #[test]
    fn quoted_keys_are_unquoted_and_escaped() {
        let text = r#"paths:
  "/v2/accounts/{account_id}":
    get:
      responses:
        '200':
          description: OK
        "4XX": {}
  '/a~b/c':
    x: 1
"key: with colon": 1
'it''s': 2
"esc\"aped\u00e9": 3
"spaced" : 4
plain key with spaces: 5
"#;
        assert_positions(
            text,
            &[
                ("/paths/~1v2~1accounts~1{account_id}", 2, 3),
                (
                    "/paths/~1v2~1accounts~1{account_id}/get/responses/200",
                    5,
                    9,
                ),
                (
                    "/paths/~1v2~1accounts~1{account_id}/get/responses/200/description",
                    6,
                    11,
                ),
                (
                    "/paths/~1v2~1accounts~1{account_id}/get/responses/4XX",
                    7,
                    9,
                ),
                ("/paths/~1a~0b~1c", 8, 3),
                ("/paths/~1a~0b~1c/x", 9, 5),
                ("/key: with colon", 10, 1),
                ("/it's", 11, 1),
                ("/esc\"aped\u{e9}", 12, 1),
                ("/spaced", 13, 1),
                ("/plain key with spaces", 14, 1),
            ],
        );
        // The unescaped form is not a valid pointer to those keys.
        assert_eq!(SourceMap::index(text).get("/paths//a~b/c"), None);
    }

    #[test]
    fn block_scalars_are_skipped() {
        let text = "\
info:
  description: |
    Looks like: a key
    - looks like an item

      indented: more
  title: after literal
  summary: >-
    folded
  x: |2
      explicit indentation
  y: >+

  z: 1
items:
  - source: |
      code: here
    lang: go
  - |
    literal item
  - after: literal
end: true
";
        assert_positions(
            text,
            &[
                ("/info/description", 2, 3),
                ("/info/title", 7, 3),
                ("/info/summary", 8, 3),
                ("/info/x", 10, 3),
                ("/info/y", 12, 3),
                ("/info/z", 14, 3),
                ("/items/0/source", 16, 5),
                ("/items/0/lang", 18, 5),
                ("/items/1", 19, 3),
                ("/items/2/after", 21, 5),
                ("/end", 22, 1),
            ],
        );
        let map = SourceMap::index(text);
        assert_eq!(map.get("/info/description/Looks like"), None);
        assert_eq!(map.get("/info/indented"), None);
        assert_eq!(map.get("/items/0/code"), None);
    }

    #[test]
    fn multi_line_scalars_are_skipped() {
        let text = "\
a: this plain scalar
  continues: here
  - and here
b: \"a quoted
  scalar: continues\"
c:
  value on the next line
  with: more
d: 'single
  - quoted'
e: 1
";
        let map = SourceMap::index(text);
        assert_eq!(all_pointers(&map), ["/a", "/b", "/c", "/d", "/e"]);
        assert_eq!(map.get("/e"), pos(11, 1));
    }

    #[test]
    fn flow_collections_are_descended_into() {
        let text = r#"type: [string, 'null']
scopes: ["messages:send:all", "domains:read"]
security:
  - BearerAuth: []
  - Other: [read, {nested: [1, 2]}]
example: {a: 1, "b/c": [x, y], d}
pairs: [k: v, solo]
multi: [a,
  b]
next: 1
"#;
        assert_positions(
            text,
            &[
                ("/type", 1, 1),
                ("/type/0", 1, 8),
                ("/type/1", 1, 16),
                ("/scopes/0", 2, 10),
                ("/scopes/1", 2, 31),
                ("/security/0/BearerAuth", 4, 5),
                ("/security/1/Other/0", 5, 13),
                ("/security/1/Other/1", 5, 19),
                ("/security/1/Other/1/nested", 5, 20),
                ("/security/1/Other/1/nested/1", 5, 32),
                ("/example/a", 6, 11),
                ("/example/b~1c", 6, 17),
                ("/example/b~1c/1", 6, 28),
                ("/example/d", 6, 32),
                ("/pairs/0", 7, 9),
                ("/pairs/0/k", 7, 9),
                ("/pairs/1", 7, 15),
                ("/multi/0", 8, 9),
                ("/next", 10, 1),
            ],
        );
        // Multi-line flow collections are indexed only as far as their first line.
        assert_eq!(SourceMap::index(text).get("/multi/1"), None);
    }

    #[test]
    fn comments_directives_and_document_markers() {
        let text = "\
%YAML 1.2
# leading comment
---
# another
key: value # trailing comment
other: 'has # no comment'
url: http://example.com/#anchor
list:
  # comment inside
  - a # c
  - b
...
ignored: second document
---
ignored2: true
";
        assert_positions(
            text,
            &[
                ("", 5, 1),
                ("/key", 5, 1),
                ("/other", 6, 1),
                ("/url", 7, 1),
                ("/list/0", 10, 3),
                ("/list/1", 11, 3),
            ],
        );
        let map = SourceMap::index(text);
        assert_eq!(map.get("/ignored"), None);
        assert_eq!(map.get("/ignored2"), None);
        assert_eq!(all_pointers(&map).len(), 6);
    }

    #[test]
    fn anchors_tags_and_aliases() {
        let text = "\
base: &base
  a: 1
copy: *base
tagged: !custom
  b: 2
merged:
  <<: *base
  c: 3
list: &l
- x
";
        assert_positions(
            text,
            &[
                ("/base/a", 2, 3),
                ("/copy", 3, 1),
                ("/tagged/b", 5, 3),
                ("/merged/<<", 7, 3),
                ("/merged/c", 8, 3),
                ("/list/0", 10, 1),
            ],
        );
    }

    #[test]
    fn columns_count_characters_and_crlf_is_accepted() {
        let text = "\u{feff}título: ñ\r\nwörter:\r\n  - ä: x\r\n    ü: y\r\n";
        assert_positions(
            text,
            &[
                ("", 1, 1),
                ("/título", 1, 1),
                ("/wörter/0", 3, 3),
                ("/wörter/0/ä", 3, 5),
                ("/wörter/0/ü", 4, 5),
            ],
        );
    }

    #[test]
    fn root_sequence_and_indented_root() {
        assert_positions(
            "- a\n- b: 1\n  c: 2\n",
            &[("", 1, 1), ("/1", 2, 1), ("/1/c", 3, 3)],
        );
        assert_positions(
            "\n\n   k: v\n   l: w\n",
            &[("", 3, 4), ("/k", 3, 4), ("/l", 4, 4)],
        );
    }

    #[test]
    fn json_documents() {
        let text = r#"{
  "openapi": "3.1.0",
  "paths": {
    "/v2/{id}": {"get": {"parameters": [ {"name": "id"}, {"name": "x"} ]}}
  },
  "matrix": [[1, 2], [], [[true, null], -1.5e3]],
  "esc\"aped\u00e9\ud83d\ude00": {"a~b": "\\"}
}"#;
        assert_positions(
            text,
            &[
                ("", 1, 1),
                ("/openapi", 2, 3),
                ("/paths", 3, 3),
                ("/paths/~1v2~1{id}", 4, 5),
                ("/paths/~1v2~1{id}/get", 4, 18),
                ("/paths/~1v2~1{id}/get/parameters", 4, 26),
                ("/paths/~1v2~1{id}/get/parameters/0", 4, 42),
                ("/paths/~1v2~1{id}/get/parameters/0/name", 4, 43),
                ("/paths/~1v2~1{id}/get/parameters/1", 4, 58),
                ("/matrix", 6, 3),
                ("/matrix/0", 6, 14),
                ("/matrix/0/1", 6, 18),
                ("/matrix/1", 6, 22),
                ("/matrix/2", 6, 26),
                ("/matrix/2/0/1", 6, 34),
                ("/matrix/2/1", 6, 41),
                ("/esc\"aped\u{e9}\u{1f600}", 7, 3),
                ("/esc\"aped\u{e9}\u{1f600}/a~0b", 7, 35),
            ],
        );
        assert_positions(" [1, [2]]", &[("", 1, 2), ("/0", 1, 3), ("/1/0", 1, 7)]);
    }

    #[test]
    fn index_for_locates_its_pointers_as_index_does_and_records_nothing_else() {
        let text = r#"{
  "info": {"description": "a \"quoted\" {brace} [bracket] \\", "é": ["ü", 1e3, true]},
  "paths": {
    "/v2/{id}": {"get": {"parameters": [ {"name": "id"}, {"name": "x"} ]}},
    "/v3": {"a~b": {"c": [0, {"d": 1}]}}
  },
  "dup": 1, "dup": 2,
  "matrix": [[1, 2], [], [[true, null], -1.5e3]],
  "ü": {"ß": "ö \\\"}"}, "last": 0
}"#;
        let whole = SourceMap::index(text);
        let pointers = [
            "",
            "/paths/~1v2~1{id}/get/parameters/1/name",
            "/paths/~1v3/a~0b/c/1/d",
            "/info/é/2",
            "/dup",
            "/matrix/2/0/1",
            // After a value passed over on its line, with characters of several bytes.
            "/last",
            // Not in the document: the nearest ancestor that is.
            "/paths/~1v2~1{id}/post/responses",
            "/matrix/7",
            "no slash",
        ];
        for pointer in pointers {
            let only = SourceMap::index_for(text, [pointer]);
            assert_eq!(only.nearest(pointer), whole.nearest(pointer), "{pointer:?}");
        }
        assert_eq!(
            SourceMap::index_for(text, ["/last"]).get("/last"),
            pos(9, 26)
        );
        let both = SourceMap::index_for(text, ["/dup", "/matrix/2/0/1"]);
        assert_eq!(both.get("/dup"), pos(7, 3), "the first of duplicate keys");
        assert_eq!(both.get("/matrix/2/0/1"), whole.get("/matrix/2/0/1"));
        assert_eq!(
            all_pointers(&both),
            [
                "/dup",
                "/matrix",
                "/matrix/2",
                "/matrix/2/0",
                "/matrix/2/0/1"
            ],
            "only the pointers asked for and their ancestors"
        );
        // YAML is indexed whole.
        let yaml = "a:\n  b: 1\nc: 2\n";
        assert_eq!(SourceMap::index_for(yaml, ["/a/b"]).get("/c"), pos(3, 1));
    }

    #[test]
    fn malformed_json_keeps_what_was_recorded() {
        let cases = [
            r#"{"a": 1, "b": [1, 2, }"#,
            r#"{"a": 1, "b": tru}"#,
            r#"{"a": 1, "b": 01}"#,
            r#"{"a": 1, "b": [1,]}"#,
            r#"{"a": 1, 'b': 2}"#,
            r#"{"a": 1, "b" 2}"#,
            r#"{"a": 1, "b": "\x"}"#,
            r#"{"a": 1, "b": "unterminated"#,
        ];
        for text in cases {
            let map = SourceMap::index(text);
            assert_eq!(map.get("/a"), pos(1, 2), "{text}");
            assert_eq!(map.get("/c"), None, "{text}");
        }
        // Nothing after the error is recorded.
        let map = SourceMap::index(r#"{"a": [1, x], "later": 2}"#);
        assert_eq!(map.get("/a/0"), pos(1, 8));
        assert_eq!(map.get("/later"), None);
    }

    #[test]
    fn nearest_falls_back_to_ancestors() {
        let text = "\
paths:
  /v2/ping:
    get:
      operationId: ping
";
        let map = SourceMap::index(text);
        assert_eq!(
            map.nearest("/paths/~1v2~1ping/get/operationId"),
            Some((
                Position { line: 4, column: 7 },
                "/paths/~1v2~1ping/get/operationId".to_string()
            ))
        );
        assert_eq!(
            map.nearest("/paths/~1v2~1ping/get/responses/200/content"),
            Some((
                Position { line: 3, column: 5 },
                "/paths/~1v2~1ping/get".to_string()
            ))
        );
        assert_eq!(
            map.nearest("/components/schemas/X"),
            Some((Position { line: 1, column: 1 }, String::new()))
        );
        assert_eq!(
            map.nearest(""),
            Some((Position { line: 1, column: 1 }, String::new()))
        );
        assert_eq!(
            map.nearest("not-a-pointer"),
            Some((Position { line: 1, column: 1 }, String::new()))
        );
        // Escaped segments must match exactly.
        assert_eq!(
            map.nearest("/paths//v2/ping").map(|(_, p)| p),
            Some("/paths".to_string())
        );
    }

    #[test]
    fn empty_documents_have_no_positions() {
        for text in [
            "",
            "   \n\n",
            "# only a comment\n",
            "---\n",
            "%YAML 1.2\n---\n...",
        ] {
            let map = SourceMap::index(text);
            assert_eq!(map.get(""), None, "{text:?}");
            assert_eq!(map.nearest("/a"), None, "{text:?}");
        }
        assert_eq!(SourceMap::default().get(""), None);
        assert_eq!(SourceMap::default().nearest("/x"), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        let mut inputs: Vec<String> = [
            "- - -",
            "- - -\n- - -\n  - -",
            "-",
            ":",
            ": :",
            "? a\n: b",
            "'unterminated: x",
            "\"unterminated: x\n  y: 1",
            "key: 'unterminated\nother: 1",
            "a:\n                                                  b:\n c:\n   d: 1\ne: 2",
            "a:\n    b: 1\n  c: 2\n      d: 3\n",
            "\t\tkey:\tvalue\n\t- x\n  \t- y",
            "x: [a, {b: [c, 'd",
            "x: {[a]: b}",
            "x: [,,]",
            "x: \"\\u12\"\ny: \"\\U0011FFFF\"\nz: \"\\xZZ\"",
            "|\n  root literal\nkey: 1",
            "--- |\n  text",
            "--- [a, b]\n",
            "--- !tag\nkey: 1\n",
            "{\"a\": \"\\ud800\\u0041\"}",
            "{\"a\": \"\\ud800\"}",
            "[\"\\u",
            "{",
            "[",
            "[[[[[[[[[[[[[[",
            "{\"\":{\"\":{\"\"",
            "\u{0}\u{1}\u{ffff}",
            "-\n -\n  -\n   -",
            "a: b: c: d",
            "- a: b\n - c\n  - d: e\n- : f",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Deep nesting, both JSON and YAML.
        inputs.push("[".repeat(100_000));
        inputs.push(format!("x: {}", "{a: [".repeat(50_000)));
        inputs.push("- ".repeat(20_000));
        inputs.push(
            (0..2_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        );
        // Pseudo-random bytes (a fixed linear congruential generator), lossily decoded, and
        // random mixes of YAML punctuation.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let alphabet: Vec<char> = "-:?'\"#|>[]{},&*! \n\t\\ab0~/é".chars().collect();
        for _ in 0..300 {
            let bytes: Vec<u8> = (0..next() % 400).map(|_| (next() % 256) as u8).collect();
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
            let punct: String = (0..next() % 400)
                .filter_map(|_| alphabet.get(next() % alphabet.len()).copied())
                .collect();
            inputs.push(format!("{{{punct}"));
            inputs.push(punct);
        }
        for text in &inputs {
            let map = SourceMap::index(text);
            let _ = map.get("");
            let _ = map.get("/a/0/b");
            let _ = map.nearest("/a/0/b");
            // (Skipped for the huge inputs: rebuilding their deep pointers is quadratic.)
            let pointers = if text.len() < 10_000 {
                all_pointers(&map)
            } else {
                Vec::new()
            };
            for pointer in pointers {
                let found = map
                    .get(&pointer)
                    .expect("recorded pointers can be looked up");
                assert!(found.line >= 1 && found.column >= 1);
            }
        }
    }

    /// Hand-checked (with `grep -n`) positions in the real AhaSend specification.
    #[test]
    fn real_specification() {
        // `../shared/` beside the checkout, as CI has it.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/specs/ahasend-openapi.yaml"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!("{path} must exist beside the checkout ({e}): it is an input of this test")
        });
        let map = SourceMap::index(&text);
        let api_keys = "/paths/~1v2~1accounts~1{account_id}~1api-keys";
        let expected = [
            ("", 1, 1),
            ("/openapi", 1, 1),
            ("/servers/0", 146, 3),
            ("/servers/0/url", 146, 5),
            ("/security/0/BearerAuth", 150, 5),
            ("/components/schemas/ErrorResponse", 237, 5),
            (
                "/components/schemas/ErrorResponse/additionalProperties",
                244,
                7,
            ),
            ("/components/schemas/ErrorResponse/required/0", 246, 9),
            ("/components/schemas/APIKey/properties/last_used_at", 337, 9),
            (
                "/components/schemas/APIKey/properties/last_used_at/type/0",
                338,
                18,
            ),
            (
                "/components/schemas/APIKey/properties/last_used_at/type/1",
                338,
                26,
            ),
            ("/paths", 2622, 1),
            ("/paths/~1v2~1ping", 2624, 3),
            ("/paths/~1v2~1ping/get", 2625, 5),
            ("/paths/~1v2~1ping/get/responses/200", 2685, 9),
            (api_keys, 2727, 3),
            (&format!("{api_keys}/get/operationId"), 2731, 7),
            (&format!("{api_keys}/get/parameters/0/name"), 2735, 11),
            (&format!("{api_keys}/get/parameters/1"), 2742, 9),
            (
                &format!("{api_keys}/get/parameters/1/schema/maximum"),
                2748,
                13,
            ),
            (
                "/paths/~1v2~1accounts~1{account_id}~1api-keys~1{key_id}",
                2997,
                3,
            ),
            ("/tags", 10184, 1),
            ("/tags/1/name", 10187, 5),
        ];
        for (pointer, line, column) in expected {
            assert_eq!(map.get(pointer), pos(line, column), "pointer {pointer:?}");
        }
        // Content of block scalars (here `info/description`) must not produce keys.
        assert_eq!(map.get("/info/description/Authorization"), None);
    }
}
