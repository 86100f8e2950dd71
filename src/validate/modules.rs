//! The course's modules as a whole: two with one web address, reserved
//! module names, and
//! prerequisites (`requires`) that name no module, the module itself, or
//! lead back to it in a circle.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::model::Course;
use crate::urls::RESERVED_MODULE_SLUGS;
use crate::yaml::Step;

/// Reports modules with one web address, reserved module names and
/// `requires` that cannot be met.
pub(crate) fn check_modules(course: &Course, diagnostics: &Diagnostics) {
    crate::load::report_collisions(
        course.modules.iter().map(|m| {
            let file = course.root.join(&m.dir).join("module.yaml");
            (m.slug.as_str(), file)
        }),
        "module",
        diagnostics,
    );
    let slugs: HashSet<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    for module in &course.modules {
        let file = course.root.join(&module.dir).join("module.yaml");
        if RESERVED_MODULE_SLUGS.contains(&module.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &file,
                    None,
                    format!("a module cannot be named `{}`", module.slug),
                )
                .with_hint("the site uses that folder for its own files; rename the module folder"),
            );
        }
        for (i, required) in module.requires.iter().enumerate() {
            let at = || {
                course
                    .sources
                    .locate(&file, &[Step::Key("requires"), Step::Index(i)])
            };
            if required == &module.slug {
                diagnostics.push(
                    Diagnostic::error(&file, at(), "a module cannot require itself")
                        .with_hint("remove it from `requires`"),
                );
            } else if !slugs.contains(required.as_str()) {
                let in_order = course.modules.iter().map(|m| m.slug.as_str());
                let hint = match suggest(required, in_order.clone()) {
                    Some(best) => format!(
                        "did you mean `{best}`? `requires` takes module slugs (the folder name without its number)"
                    ),
                    None => format!(
                        "`requires` takes module slugs; this course has: {}",
                        in_order.collect::<Vec<_>>().join(", ")
                    ),
                };
                diagnostics.push(
                    Diagnostic::error(&file, at(), format!("there is no module `{required}`"))
                        .with_hint(hint),
                );
            }
        }
    }
    report_cycles(course, diagnostics);
}

/// A module whose prerequisites lead back to itself could never be opened.
/// Each circle is reported once, at the first of its modules in course order.
fn report_cycles(course: &Course, diagnostics: &Diagnostics) {
    let index: HashMap<&str, usize> = course
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.slug.as_str(), i))
        .collect();
    let requires: Vec<Vec<usize>> = course
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| {
            m.requires
                .iter()
                .filter_map(|r| index.get(r.as_str()).copied())
                .filter(|&r| r != i)
                .collect()
        })
        .collect();
    for cycle in find_cycles(&requires).0 {
        let first = &course.modules[cycle[0]];
        let names: Vec<&str> = cycle
            .iter()
            .map(|&i| course.modules[i].slug.as_str())
            .collect();
        let file = course.root.join(&first.dir).join("module.yaml");
        diagnostics.push(
            Diagnostic::error(
                &file,
                course.sources.locate(&file, &[Step::Key("requires")]),
                format!(
                    "these modules require each other in a circle: {}",
                    names.join(" → ")
                ),
            )
            .with_hint("remove one of these `requires` so that one module can be opened first"),
        );
    }
}

/// Circles of `requires` (module indexes, each list closed by its first
/// module again, which is the circle's module that comes first), found by
/// one depth-first walk of the whole graph: every module and every
/// `requires` entry is visited once, so a chain of thousands of modules
/// costs thousands of steps. Iterative, so that deep chains cannot overflow
/// the stack. Also returns how many steps the walk took, for the tests.
fn find_cycles(requires: &[Vec<usize>]) -> (Vec<Vec<usize>>, usize) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; requires.len()];
    let mut cycles = Vec::new();
    let mut steps = 0;
    for start in 0..requires.len() {
        if state[start] != State::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::OnPath;
        while let Some((node, next)) = stack.last_mut() {
            steps += 1;
            let node = *node;
            let Some(&child) = requires[node].get(*next) else {
                state[node] = State::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match state[child] {
                State::New => {
                    state[child] = State::OnPath;
                    stack.push((child, 0));
                }
                State::OnPath => {
                    // The path from `child` to here, and back to `child`.
                    let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                    let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                    let lowest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                    cycle.rotate_left(lowest);
                    cycle.push(cycle[0]);
                    cycles.push(cycle);
                }
                State::Done => {}
            }
        }
    }
    cycles.sort();
    (cycles, steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cycle_of_three() {
        // a → b → c → a, and d → a outside the circle.
        let requires = vec![vec![1], vec![2], vec![0], vec![0]];
        assert_eq!(find_cycles(&requires).0, vec![vec![0, 1, 2, 0]]);
        // Found from another module, still told from the first one.
        let requires = vec![vec![], vec![2], vec![3], vec![1], vec![1]];
        assert_eq!(find_cycles(&requires).0, vec![vec![1, 2, 3, 1]]);
    }

    #[test]
    fn a_long_chain_of_requires_is_walked_once() {
        // Counted, not timed: 20,000 modules each requiring the one
        // before take a number of steps in proportion, with or without a
        // circle closing the chain.
        let n = 20_000;
        let mut requires: Vec<Vec<usize>> = (0..n)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let (cycles, steps) = find_cycles(&requires);
        assert!(cycles.is_empty());
        assert!(steps <= 3 * n, "{steps} steps");
        requires[0].push(n - 1);
        let (cycles, steps) = find_cycles(&requires);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].len(), n + 1);
        assert!(steps <= 3 * n, "{steps} steps");
    }
}
