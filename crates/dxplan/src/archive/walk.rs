//! Turning command-line inputs (files, folders, wildcards) into a list of
//! files, each with the relative path its outputs mirror.
//!
//! - A file named directly keeps only its file name.
//! - A folder is walked (sorted, hidden entries and symbolic links to
//!   folders left out); each file keeps its path relative to the folder,
//!   led by the folder's own name when several inputs are given (so
//!   `convert shiogama/ sendai/` keeps the two apart). Review files
//!   (`*.review.json`, applied with the input beside them) are not listed.
//! - A wildcard the shell did not expand (`plans/*/R6.3/*.pdf`, as the
//!   Windows command prompt leaves it) is expanded here: `*`, `?` and
//!   `[...]` within one path component. Each match keeps its path relative
//!   to the pattern's last component without wildcards.

use std::fs;
use std::path::{Component, Path, PathBuf};

/// One file found, with the relative path that names its outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path to read.
    pub path: PathBuf,
    /// Relative path for the outputs, file name included.
    pub rel: PathBuf,
    /// True when found by walking a folder or expanding a wildcard (not
    /// named on the command line).
    pub walked: bool,
    /// Where a symbolic link found by walking leads when that is outside
    /// the folder walked (or the wildcard's fixed part): the command line
    /// names it, so that nobody converts files from elsewhere unawares.
    pub link_outside: Option<PathBuf>,
}

/// A command-line input that names nothing usable, or inputs whose
/// outputs would collide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The input (or found file) concerned.
    pub path: PathBuf,
    pub kind: WalkErrorKind,
}

/// What is wrong with a [`WalkError`]'s path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WalkErrorKind {
    /// No file, folder or wildcard of that name.
    NotFound,
    /// A wildcard that matches no file.
    NoMatch,
    /// A folder that cannot be read: the system's words.
    Unreadable(String),
    /// No output can be named after this file.
    BadName,
    /// This file and `other` would write the same outputs, `stem.*`.
    SameOutputs { other: PathBuf, stem: String },
}

impl WalkError {
    pub fn new(path: impl Into<PathBuf>, kind: WalkErrorKind) -> Self {
        WalkError {
            path: path.into(),
            kind,
        }
    }

    /// True when the input itself is missing or unreadable (the run found
    /// nothing to read), not a clash between inputs.
    pub fn is_missing_input(&self) -> bool {
        matches!(
            self.kind,
            WalkErrorKind::NotFound | WalkErrorKind::NoMatch | WalkErrorKind::Unreadable(_)
        )
    }
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.kind {
            WalkErrorKind::NotFound => write!(f, "{path}: no such file or folder"),
            WalkErrorKind::NoMatch => write!(f, "{path}: no file matches this pattern"),
            WalkErrorKind::Unreadable(why) => write!(f, "{path}: cannot read the folder: {why}"),
            WalkErrorKind::BadName => write!(f, "{path}: cannot name an output after this file"),
            WalkErrorKind::SameOutputs { other, stem } => write!(
                f,
                "{} and {path} would both write {stem}.*; convert them into different folders",
                other.display()
            ),
        }
    }
}

impl std::error::Error for WalkError {}

/// True when a path holds wildcard characters and names no existing file.
pub fn is_pattern(p: &Path) -> bool {
    !p.exists() && p.to_string_lossy().contains(['*', '?', '['])
}

/// True when the inputs need walking: a folder or an unexpanded wildcard.
pub fn needs_walk(inputs: &[PathBuf]) -> bool {
    inputs.iter().any(|p| p.is_dir() || is_pattern(p))
}

/// Every file the inputs name, in command-line order, folders sorted;
/// `exclude` (the output folder) is never entered.
///
/// # Errors
/// A [`WalkError`] naming an input that does not exist, a wildcard that
/// matches nothing, or a folder that cannot be read.
pub fn expand(inputs: &[PathBuf], exclude: Option<&Path>) -> Result<Vec<Found>, WalkError> {
    let exclude = exclude.and_then(|e| e.canonicalize().ok());
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let lead = match input.file_name() {
                Some(name) if inputs.len() > 1 => PathBuf::from(name),
                _ => PathBuf::new(),
            };
            let root = Root::of(input, exclude.as_deref());
            walk_dir(input, &lead, &root, &mut out)?;
        } else if input.exists() {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            out.push(Found {
                path: input.clone(),
                rel: name,
                walked: false,
                link_outside: None,
            });
        } else if is_pattern(input) {
            expand_pattern(input, exclude.as_deref(), &mut out)?;
        } else {
            return Err(WalkError::new(input, WalkErrorKind::NotFound));
        }
    }
    // A review file (`plan.review.json`) belongs to the input beside it,
    // which applies it; it is never a plan of its own.
    out.retain(|f| !(f.walked && crate::review::is_review_file(&f.path)));
    Ok(out)
}

/// What a walk needs to know of where it started.
struct Root<'a> {
    /// The folder walked, links resolved (`None` when it cannot be).
    real: Option<PathBuf>,
    /// The output folder, never entered.
    exclude: Option<&'a Path>,
}

impl<'a> Root<'a> {
    fn of(dir: &Path, exclude: Option<&'a Path>) -> Self {
        Root {
            real: dir.canonicalize().ok(),
            exclude,
        }
    }

    /// Where the link at `path` leads, when that is outside this root.
    fn outside(&self, path: &Path) -> Option<PathBuf> {
        let root = self.real.as_deref()?;
        let target = path.canonicalize().ok()?;
        (!target.starts_with(root)).then_some(target)
    }
}

fn walk_dir(dir: &Path, rel: &Path, root: &Root, out: &mut Vec<Found>) -> Result<(), WalkError> {
    if root
        .exclude
        .is_some_and(|e| dir.canonicalize().is_ok_and(|d| d == e))
    {
        return Ok(());
    }
    for (name, path) in sorted_entries(dir)? {
        if name.starts_with('.') {
            continue;
        }
        let meta = fs::symlink_metadata(&path)
            .map_err(|e| WalkError::new(&path, WalkErrorKind::Unreadable(e.to_string())))?;
        let child = rel.join(&name);
        let link = meta.file_type().is_symlink();
        if meta.is_dir() {
            walk_dir(&path, &child, root, out)?;
        } else if !(link && path.is_dir()) {
            let link_outside = if link { root.outside(&path) } else { None };
            out.push(Found {
                path,
                rel: child,
                walked: true,
                link_outside,
            });
        }
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>, WalkError> {
    let read = fs::read_dir(dir)
        .map_err(|e| WalkError::new(dir, WalkErrorKind::Unreadable(e.to_string())))?;
    let mut v: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    v.sort();
    Ok(v)
}

/// Expand one wildcard pattern component by component.
fn expand_pattern(
    pattern: &Path,
    exclude: Option<&Path>,
    out: &mut Vec<Found>,
) -> Result<(), WalkError> {
    let parts: Vec<Component> = pattern.components().collect();
    let first_wild = parts
        .iter()
        .position(|c| has_wildcard(&c.as_os_str().to_string_lossy()))
        .unwrap_or(parts.len());
    let base: PathBuf = parts[..first_wild].iter().collect();
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    let rest: Vec<String> = parts[first_wild..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let before = out.len();
    let root = Root::of(&base, exclude);
    match_from(&base, Path::new(""), &rest, &root, out)?;
    if out.len() == before {
        return Err(WalkError::new(pattern, WalkErrorKind::NoMatch));
    }
    Ok(())
}

fn match_from(
    dir: &Path,
    rel: &Path,
    rest: &[String],
    root: &Root,
    out: &mut Vec<Found>,
) -> Result<(), WalkError> {
    let Some((head, tail)) = rest.split_first() else {
        return Ok(());
    };
    let names: Vec<(String, PathBuf)> = if has_wildcard(head) {
        let Ok(entries) = sorted_entries(dir) else {
            return Ok(());
        };
        let hidden_ok = head.starts_with('.');
        entries
            .into_iter()
            .filter(|(n, _)| (hidden_ok || !n.starts_with('.')) && matches(head, n))
            .collect()
    } else {
        vec![(head.clone(), dir.join(head))]
    };
    for (name, path) in names {
        let child = rel.join(&name);
        if !tail.is_empty() {
            if path.is_dir() {
                match_from(&path, &child, tail, root, out)?;
            }
        } else if path.is_dir() {
            walk_dir(&path, &child, root, out)?;
        } else if path.exists() {
            let link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            let link_outside = if link { root.outside(&path) } else { None };
            out.push(Found {
                path,
                rel: child,
                walked: true,
                link_outside,
            });
        }
    }
    Ok(())
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Match one path component against a pattern: `*` any run, `?` one
/// character, `[abc]`, `[a-z]`, `[!a]` one character of a set.
pub fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    match_at(&p, &n)
}

fn match_at(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|i| match_at(&p[1..], &n[i..])),
        Some('?') => !n.is_empty() && match_at(&p[1..], &n[1..]),
        Some('[') => match class(&p[1..]) {
            Some((set, negate, used)) => n
                .first()
                .is_some_and(|c| in_set(&set, *c) != negate && match_at(&p[1 + used..], &n[1..])),
            None => n.first() == Some(&'[') && match_at(&p[1..], &n[1..]),
        },
        Some(c) => n.first() == Some(c) && match_at(&p[1..], &n[1..]),
    }
}

/// Character ranges of a `[...]` class.
type Ranges = Vec<(char, char)>;

/// A `[...]` class after the `[`: its items, negation, and how many pattern
/// characters it used (up to and including `]`).
fn class(p: &[char]) -> Option<(Ranges, bool, usize)> {
    let negate = matches!(p.first(), Some('!' | '^'));
    let mut i = usize::from(negate);
    let mut set = Vec::new();
    while i < p.len() {
        if p[i] == ']' && !set.is_empty() {
            return Some((set, negate, i + 1));
        }
        if i + 2 < p.len() && p[i + 1] == '-' && p[i + 2] != ']' {
            set.push((p[i], p[i + 2]));
            i += 3;
        } else {
            set.push((p[i], p[i]));
            i += 1;
        }
    }
    None
}

fn in_set(set: &[(char, char)], c: char) -> bool {
    set.iter().any(|&(a, b)| a <= c && c <= b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_one_component() {
        assert!(matches("*.pdf", "plan.pdf"));
        assert!(!matches("*.pdf", "plan.xlsx"));
        assert!(matches("R?.*", "R6.3"));
        assert!(matches("plan-[0-9]*", "plan-2024.xlsx"));
        assert!(!matches("plan-[!0-9]*", "plan-2024.xlsx"));
        assert!(matches("[abc", "[abc"));
        assert!(matches("*", ""));
        assert!(matches("塩竈*", "塩竈市"));
    }

    #[test]
    fn folders_and_patterns_keep_relative_paths() {
        let dir = std::env::temp_dir().join(format!("dxplan-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for p in [
            "a/R5.9/plan.pdf",
            "a/R6.3/plan.pdf",
            "a/.hidden/x.pdf",
            "a/R6.3/plan.review.json",
            "b/R6.3/plan.pdf",
        ] {
            let p = dir.join(p);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, b"x").unwrap();
        }
        let found = expand(&[dir.join("a")], None).unwrap();
        let rels: Vec<_> = found.iter().map(|f| f.rel.clone()).collect();
        assert_eq!(
            rels,
            [Path::new("R5.9/plan.pdf"), Path::new("R6.3/plan.pdf")]
        );
        let found = expand(&[dir.join("*/R6.3/*.pdf")], None).unwrap();
        let rels: Vec<_> = found.iter().map(|f| f.rel.clone()).collect();
        assert_eq!(
            rels,
            [Path::new("a/R6.3/plan.pdf"), Path::new("b/R6.3/plan.pdf")]
        );
        let err = expand(&[dir.join("*/R7.*/*.pdf")], None).unwrap_err();
        assert_eq!(err.kind, WalkErrorKind::NoMatch, "{err}");
        assert!(err.to_string().contains("no file matches"), "{err}");
        let found = expand(std::slice::from_ref(&dir), Some(&dir.join("b"))).unwrap();
        assert_eq!(found.len(), 2, "the excluded folder is not entered");
        fs::remove_dir_all(&dir).unwrap();
    }
}
