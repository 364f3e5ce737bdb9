//! Which features reach each model: the gates of the operations (and of what is always
//! compiled), carried down the type graph to everything they reach.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Gate;
use crate::ir::{Api, TypeRef};

/// The gate of every type some of `roots` reach: the features of the roots' gates that
/// reach it, or always if one that is always compiled does.
///
/// The gates flow down the type graph as sets of bits (always, then a bit a feature),
/// visiting the types in reverse postorder, again until nothing changes (a cycle may take
/// one more pass). A walk from each operation took Microsoft Graph's 11,000 operations 0.6 s.
pub(super) fn gates(api: &Api, roots: &[(Gate, Vec<&TypeRef>)]) -> BTreeMap<String, Gate> {
    let names: Vec<&String> = api.types.keys().collect();
    let index: HashMap<&str, usize, foldhash::fast::FixedState> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let named = |ty: &TypeRef| -> Vec<usize> {
        ty.names()
            .into_iter()
            .filter_map(|n| index.get(n.as_str()).copied())
            .collect()
    };
    let children: Vec<Vec<usize>> = api
        .types
        .values()
        .map(|def| def.kind.children().into_iter().flat_map(named).collect())
        .collect();
    let features: Vec<&String> = roots
        .iter()
        .flat_map(|(gate, _)| match gate {
            Gate::Any(features) => features.iter().collect(),
            Gate::Always => Vec::new(),
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let bit_of = |feature: &String| Some(features.binary_search(&feature).ok()? + 1);
    let words = (features.len() + 1).div_ceil(64);
    let mut bits = vec![0u64; words * names.len()];
    let set =
        |bits: &mut Vec<u64>, t: usize, bit: usize| bits[t * words + bit / 64] |= 1 << (bit % 64);
    for (gate, tys) in roots {
        let gate_bits: Vec<usize> = match gate {
            Gate::Always => vec![0],
            Gate::Any(features) => features.iter().filter_map(bit_of).collect(),
        };
        for t in tys.iter().flat_map(|ty| named(ty)) {
            for &bit in &gate_bits {
                set(&mut bits, t, bit);
            }
        }
    }
    let order = reverse_postorder(&children);
    let mut from = vec![0u64; words];
    loop {
        let mut changed = false;
        for &t in &order {
            from.copy_from_slice(&bits[t * words..(t + 1) * words]);
            if from.iter().all(|w| *w == 0) {
                continue;
            }
            for &c in &children[t] {
                for (to, word) in bits[c * words..(c + 1) * words].iter_mut().zip(&from) {
                    changed |= *to | word != *to;
                    *to |= word;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut out = BTreeMap::new();
    for (t, name) in names.iter().enumerate() {
        let row = &bits[t * words..(t + 1) * words];
        let has = |bit: usize| row[bit / 64] & (1 << (bit % 64)) != 0;
        if row.iter().all(|w| *w == 0) {
            continue;
        }
        let gate = if has(0) {
            Gate::Always
        } else {
            let on = features.iter().enumerate().filter(|(i, _)| has(i + 1));
            Gate::Any(on.map(|(_, f)| (*f).clone()).collect())
        };
        out.insert((*name).clone(), gate);
    }
    out
}

/// The nodes of a graph (each node's children by index) in reverse postorder of a
/// depth-first walk from each in turn: where there is no cycle, each before its children.
fn reverse_postorder(children: &[Vec<usize>]) -> Vec<usize> {
    let mut order = Vec::with_capacity(children.len());
    let mut visited = vec![false; children.len()];
    for start in 0..children.len() {
        if std::mem::replace(&mut visited[start], true) {
            continue;
        }
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.last_mut() {
            match children[*node].get(*next) {
                Some(&child) => {
                    *next += 1;
                    if !std::mem::replace(&mut visited[child], true) {
                        stack.push((child, 0));
                    }
                }
                None => {
                    order.push(*node);
                    stack.pop();
                }
            }
        }
    }
    order.reverse();
    order
}
