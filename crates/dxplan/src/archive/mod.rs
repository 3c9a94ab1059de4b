//! Folders of plans: finding the files ([`walk`]), naming their outputs so
//! equal names in different folders never collide ([`output_stems`]), and
//! the catalogue that lists every input and makes reruns incremental
//! ([`catalog`]).

pub mod catalog;
pub mod walk;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

pub use walk::{Found, WalkError, WalkErrorKind, expand, needs_walk};

/// Files named on the command line keep only their names, unless two of
/// them share one: then those named files keep their folders relative to
/// the deepest folder they all share. Returns true when it re-rooted.
pub fn mirror_named_files(found: &mut [Found]) -> bool {
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    for f in found.iter().filter(|f| !f.walked) {
        *seen.entry(rel_stem(&f.rel)).or_default() += 1;
    }
    if seen.values().all(|&n| n < 2) {
        return false;
    }
    let named: Vec<PathBuf> = found
        .iter()
        .filter(|f| !f.walked)
        .filter_map(|f| std::path::absolute(&f.path).ok())
        .collect();
    let Some(base) = common_dir(&named) else {
        return false;
    };
    for f in found.iter_mut().filter(|f| !f.walked) {
        if let Ok(abs) = std::path::absolute(&f.path)
            && let Ok(rel) = abs.strip_prefix(&base)
        {
            f.rel = rel.to_path_buf();
        }
    }
    true
}

/// The deepest folder holding every path (lexically, `.` and `..` folded).
fn common_dir(paths: &[PathBuf]) -> Option<PathBuf> {
    let dirs: Vec<Vec<Component>> = paths
        .iter()
        .map(|p| {
            p.parent()
                .map(|d| d.components().collect())
                .unwrap_or_default()
        })
        .collect();
    let first = dirs.first()?;
    let n = (0..first.len())
        .take_while(|&i| dirs.iter().all(|d| d.get(i) == first.get(i)))
        .count();
    Some(first[..n].iter().collect())
}

/// The relative path without the file's extension: `a/R6.3/plan.pdf` →
/// `a/R6.3/plan`.
fn rel_stem(rel: &Path) -> PathBuf {
    match rel.file_stem() {
        Some(stem) => rel.with_file_name(stem),
        None => rel.to_path_buf(),
    }
}

/// The output stem of each file, `/`-separated: its relative path without
/// the extension, or with the extension joined by `-` where two files of a
/// folder differ only in it (`plan.pdf`, `plan.xlsx` → `plan-pdf`,
/// `plan-xlsx`).
///
/// # Errors
/// A [`WalkError`] when two inputs would still write the same outputs
/// (the same relative path reached from two input folders).
pub fn output_stems(found: &[Found]) -> Result<Vec<String>, WalkError> {
    let mut count: HashMap<PathBuf, usize> = HashMap::new();
    for f in found {
        *count.entry(rel_stem(&f.rel)).or_default() += 1;
    }
    let mut stems = Vec::with_capacity(found.len());
    let mut taken: HashMap<String, &Path> = HashMap::new();
    for f in found {
        let mut stem = rel_stem(&f.rel);
        if count[&stem] > 1
            && let Some(ext) = f.rel.extension()
        {
            let name = format!(
                "{}-{}",
                stem.file_name().unwrap_or_default().to_string_lossy(),
                ext.to_string_lossy()
            );
            stem.set_file_name(name);
        }
        let s = slash_path(&stem);
        if s.is_empty() || s.split('/').any(|p| p == ".." || p == "." || p.is_empty()) {
            return Err(WalkError::new(&f.path, WalkErrorKind::BadName));
        }
        if let Some(prev) = taken.insert(s.clone(), &f.path) {
            return Err(WalkError::new(
                &f.path,
                WalkErrorKind::SameOutputs {
                    other: prev.to_path_buf(),
                    stem: s,
                },
            ));
        }
        stems.push(s);
    }
    Ok(stems)
}

/// A relative path with `/` between components on every system.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str, rel: &str, walked: bool) -> Found {
        Found {
            path: PathBuf::from(path),
            rel: PathBuf::from(rel),
            walked,
            link_outside: None,
        }
    }

    #[test]
    fn equal_names_in_one_folder_keep_their_extension() {
        let f = [
            found("p/R6.3/plan.pdf", "R6.3/plan.pdf", true),
            found("p/R6.3/plan.xlsx", "R6.3/plan.xlsx", true),
            found("p/R5.9/plan.pdf", "R5.9/plan.pdf", true),
        ];
        assert_eq!(
            output_stems(&f).unwrap(),
            ["R6.3/plan-pdf", "R6.3/plan-xlsx", "R5.9/plan"]
        );
    }

    #[test]
    fn named_files_with_one_name_keep_their_folders() {
        let mut f = [
            found("/x/plans/a/R5.9/plan.pdf", "plan.pdf", false),
            found("/x/plans/b/R6.3/plan.pdf", "plan.pdf", false),
        ];
        assert!(mirror_named_files(&mut f));
        assert_eq!(output_stems(&f).unwrap(), ["a/R5.9/plan", "b/R6.3/plan"]);
        let mut g = [
            found("/x/a/one.pdf", "one.pdf", false),
            found("/y/two.pdf", "two.pdf", false),
        ];
        assert!(!mirror_named_files(&mut g));
    }

    #[test]
    fn two_roots_with_the_same_tree_are_refused() {
        let f = [
            found("a/plan.pdf", "plan.pdf", true),
            found("b/plan.pdf", "plan.pdf", true),
        ];
        // Equal stems with equal extensions cannot be told apart.
        let err = output_stems(&f).unwrap_err();
        assert!(
            err.to_string().contains("would both write plan-pdf.*"),
            "{err}"
        );
    }
}
