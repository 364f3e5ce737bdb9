//! The `generate` target with a structure-aware mutator: an input that reads as JSON or
//! YAML is mutated as a document tree (a node replaced by a copy of another, by a `$ref`
//! to another place of the document, or by a snippet of OpenAPI; a keyword added; a node
//! deleted or wrapped in `allOf`/`oneOf`/`items`), then written back as JSON. Byte-level
//! mutations with the dictionary still happen one time in four, and for inputs that don't
//! parse. Inputs are interchangeable with `generate`'s: the body is the same.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    if let Ok(spec) = std::str::from_utf8(data) {
        let _ = codegen::generate_unformatted(spec, &codegen::Options::default());
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = Rng(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    if rng.below(4) != 0 {
        if let Some(mut doc) = parse(&data[..size]) {
            for _ in 0..=rng.below(3) {
                mutate(&mut doc, &mut rng);
            }
            if let Ok(bytes) = serde_json::to_vec(&doc) {
                if bytes.len() <= max_size && bytes.len() <= data.len() {
                    data[..bytes.len()].copy_from_slice(&bytes);
                    return bytes.len();
                }
            }
        }
    }
    libfuzzer_sys::fuzzer_mutate(data, size, max_size)
});

/// xorshift64*, seeded by libFuzzer so a mutation repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn parse(bytes: &[u8]) -> Option<Value> {
    let doc: Value = serde_json::from_slice(bytes)
        .ok()
        .or_else(|| serde_yaml::from_slice(bytes).ok())?;
    doc.is_object().then_some(doc)
}

#[derive(Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// The paths of the document's nodes (at most [`MAX_NODES`]), the root first.
fn paths(doc: &Value) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    let mut stack = vec![(doc, Vec::new())];
    while let Some((node, path)) = stack.pop() {
        if out.len() >= MAX_NODES {
            break;
        }
        match node {
            Value::Object(m) => {
                for (k, v) in m {
                    let mut p = path.clone();
                    p.push(Seg::Key(k.clone()));
                    stack.push((v, p));
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Seg::Index(i));
                    stack.push((v, p));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

const MAX_NODES: usize = 20_000;

fn get_mut<'a>(doc: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(doc, |node, seg| match seg {
        Seg::Key(k) => node.get_mut(k.as_str()),
        Seg::Index(i) => node.get_mut(*i),
    })
}

fn get<'a>(doc: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(doc, |node, seg| match seg {
        Seg::Key(k) => node.get(k.as_str()),
        Seg::Index(i) => node.get(*i),
    })
}

fn pointer(path: &[Seg]) -> String {
    let mut s = "#".to_owned();
    for seg in path {
        s.push('/');
        match seg {
            Seg::Key(k) => s.push_str(&k.replace('~', "~0").replace('/', "~1")),
            Seg::Index(i) => s.push_str(&i.to_string()),
        }
    }
    s
}

const KEYWORDS: &[&str] = &[
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "discriminator",
    "type",
    "format",
    "enum",
    "const",
    "default",
    "items",
    "prefixItems",
    "properties",
    "additionalProperties",
    "required",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "minimum",
    "maximum",
    "pattern",
    "parameters",
    "in",
    "name",
    "style",
    "explode",
    "schema",
    "content",
    "requestBody",
    "responses",
    "headers",
    "security",
    "securitySchemes",
    "servers",
    "operationId",
    "tags",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "callbacks",
    "webhooks",
    "components",
    "schemas",
    "paths",
    "description",
    "mapping",
    "propertyName",
    "example",
    "examples",
    "encoding",
    "x-codegen",
    "x-nullable",
    "$defs",
    "$id",
    "title",
    "links",
];

const SNIPPETS: &[&str] = &[
    "null",
    "0",
    "-1",
    "1e308",
    "18446744073709551616",
    "true",
    "\"\"",
    "\"a\"",
    "[]",
    "{}",
    "[null]",
    "{\"type\":\"object\"}",
    "{\"type\":\"array\",\"items\":{}}",
    "{\"type\":\"string\",\"format\":\"date-time\"}",
    "{\"type\":\"integer\",\"format\":\"int64\",\"enum\":[1,2]}",
    "{\"type\":[\"string\",\"null\"]}",
    "{\"enum\":[\"a\",\"A\",\"a-\",\"\",null,1]}",
    "{\"allOf\":[{}]}",
    "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
    "{\"anyOf\":[{\"type\":\"object\"},{\"type\":\"null\"}]}",
    "{\"additionalProperties\":true}",
    "{\"properties\":{\"\":{},\"type\":{},\"self\":{},\"1\":{}}}",
    "{\"discriminator\":{\"propertyName\":\"kind\"}}",
    "{\"name\":\"p\",\"in\":\"query\",\"schema\":{\"type\":\"object\"},\"style\":\"deepObject\"}",
    "{\"name\":\"p\",\"in\":\"path\",\"required\":true}",
    "{\"name\":\"p\",\"in\":\"header\",\"content\":{\"application/json\":{}}}",
    "{\"description\":\"d\",\"content\":{\"application/json\":{\"schema\":{}}}}",
    "{\"content\":{\"multipart/form-data\":{\"schema\":{\"type\":\"object\"}},\"text/plain\":{}}}",
    "{\"200\":{\"description\":\"ok\"},\"default\":{\"description\":\"e\"}}",
    "{\"type\":\"http\",\"scheme\":\"bearer\"}",
    "{\"type\":\"apiKey\",\"in\":\"query\",\"name\":\"k\"}",
    "{\"type\":\"oauth2\",\"flows\":{}}",
    "{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}",
    "\"#/components/schemas/\"",
    "\"#\"",
    "\"#/\"",
    "\"other.yaml#/a\"",
    "\"{id}\"",
    "\"/{a}/{a}\"",
];

fn snippet(rng: &mut Rng) -> Value {
    serde_json::from_str(rng.pick(SNIPPETS)).unwrap_or(Value::Null)
}

/// A value to put somewhere: a snippet, a copy of a node, or a `$ref` to a node.
fn value(doc: &Value, all: &[Vec<Seg>], rng: &mut Rng) -> Value {
    match rng.below(3) {
        0 => snippet(rng),
        1 => get(doc, rng.pick(all)).cloned().unwrap_or(Value::Null),
        _ => {
            let mut m = Map::new();
            m.insert("$ref".to_owned(), Value::String(pointer(rng.pick(all))));
            Value::Object(m)
        }
    }
}

fn mutate(doc: &mut Value, rng: &mut Rng) {
    let all = paths(doc);
    let target = rng.pick(&all).clone();
    let choice = rng.below(6);
    let new = value(doc, &all, rng);
    let key = if rng.below(2) == 0 {
        (*rng.pick(KEYWORDS)).to_owned()
    } else {
        match rng.pick(&all).last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => "a".to_owned(),
        }
    };
    let Some(node) = get_mut(doc, &target) else {
        return;
    };
    match choice {
        // Replace the node.
        0 | 1 => *node = new,
        // Add a key to an object, or an element to an array.
        2 | 3 => match node {
            Value::Object(m) => {
                m.insert(key, new);
            }
            Value::Array(items) => items.push(new),
            other => *other = new,
        },
        // Delete a member.
        4 => match node {
            Value::Object(m) if !m.is_empty() => {
                let i = rng.below(m.len());
                if let Some(k) = m.keys().nth(i).cloned() {
                    m.remove(&k);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                items.remove(i);
            }
            _ => {}
        },
        // Wrap the node.
        _ => {
            let old = node.take();
            let wrapper = *rng.pick(&[
                "allOf",
                "oneOf",
                "anyOf",
                "items",
                "not",
                "additionalProperties",
            ]);
            let inner = if wrapper.ends_with("Of") {
                Value::Array(vec![old, new])
            } else {
                old
            };
            let mut m = Map::new();
            m.insert(wrapper.to_owned(), inner);
            *node = Value::Object(m);
        }
    }
}
