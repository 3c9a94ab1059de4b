//! `dxplan serve --archive DIR`: the plans under one folder, as
//! `dxplan convert DIR` finds them, each with its review beside it.
//!
//! Only files under DIR are ever read or written. A plan is named by its
//! path relative to DIR (`shiogama/R6.3/plan.pdf`, slashes on every
//! system); a name with `..`, a root, a drive or a backslash is refused
//! before it touches the disk, and what it names must, once every symbolic
//! link is followed, still lie under DIR and be one of the plans the walk
//! lists. A review file that is a symbolic link is neither read nor
//! written over.
//!
//! Converting a PDF takes seconds, so each plan is read once per version
//! of its bytes (without its review) and kept; the review is applied to a
//! copy on every request, which is cheap.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use dxplan::model::Plan;
use dxplan::{InputFormat, ReadOptions};

/// The folder and the plans read from it.
pub struct Archive {
    /// DIR, as given.
    pub dir: PathBuf,
    /// DIR with every symbolic link resolved: what "under DIR" means.
    root: PathBuf,
    cache: Mutex<HashMap<PathBuf, (String, Arc<Plan>)>>,
}

/// Why a plan name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// `..`, an absolute path, a backslash, an empty name …
    BadName,
    /// Nothing there, or it leaves DIR through a link, or it is not a plan.
    NotAPlan,
}

impl Archive {
    /// The archive of `dir`.
    ///
    /// # Errors
    /// `dir` is not a folder that can be read.
    pub fn new(dir: PathBuf) -> std::io::Result<Archive> {
        let root = dir.canonicalize()?;
        if !root.is_dir() {
            return Err(std::io::Error::other(format!(
                "{}: not a folder",
                dir.display()
            )));
        }
        Ok(Archive {
            dir,
            root,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Every plan under the folder: relative name (with `/`) and path.
    /// Review files, dxplan's JSON, other files and files whose link leads
    /// out of the folder are left out.
    pub fn plans(&self) -> Vec<(String, PathBuf)> {
        let Ok(found) = dxplan::archive::expand(std::slice::from_ref(&self.dir), None) else {
            return Vec::new();
        };
        found
            .into_iter()
            .filter(|f| is_plan_file(&f.path) && self.inside(&f.path).is_some())
            .map(|f| (dxplan::archive::slash_path(&f.rel), f.path))
            .collect()
    }

    /// The plan a relative name names, checked as the module says.
    ///
    /// # Errors
    /// [`Refused`].
    pub fn resolve(&self, rel: &str) -> Result<PathBuf, Refused> {
        if !safe_name(rel) {
            return Err(Refused::BadName);
        }
        let path = self.dir.join(rel);
        let real = self.inside(&path).ok_or(Refused::NotAPlan)?;
        if !real.is_file() || !is_plan_file(&path) {
            return Err(Refused::NotAPlan);
        }
        // One of the plans the walk lists (no hidden folder, no review file).
        let listed = self.plans().into_iter().any(|(r, _)| r == rel);
        if !listed {
            return Err(Refused::NotAPlan);
        }
        Ok(real)
    }

    /// The real path of `path` when it lies under the folder.
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        real.starts_with(&self.root).then_some(real)
    }

    /// The review file beside a resolved plan, unless it is a symbolic
    /// link (then `None`: never read nor written).
    pub fn review_path(&self, input: &Path) -> Option<PathBuf> {
        let p = dxplan::review::review_path(input);
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => None,
            Ok(m) if !m.is_file() => None,
            _ => p
                .parent()?
                .canonicalize()
                .ok()?
                .starts_with(&self.root)
                .then_some(p),
        }
    }

    /// The plan as read from `input` (no review), read again only when its
    /// bytes changed.
    ///
    /// # Errors
    /// The library's error naming the file.
    pub fn raw_plan(&self, input: &Path, opts: &ReadOptions) -> dxplan::Result<Arc<Plan>> {
        let bytes = std::fs::read(input)
            .map_err(|e| dxplan::Error::new(input, dxplan::error::ReadError::Io(e)))?;
        let sha = dxplan::sha256_hex(&bytes);
        if let Some((s, p)) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(input)
        {
            if *s == sha {
                return Ok(p.clone());
            }
        }
        let format = InputFormat::from_path(input).map_err(|k| dxplan::Error::new(input, k))?;
        let mut opts = opts.clone();
        opts.skip_review = true;
        let plan = Arc::new(dxplan::convert_read(&bytes, input, format, &opts)?);
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(input.to_path_buf(), (sha, plan.clone()));
        Ok(plan)
    }
}

/// A PDF or workbook, not a review file.
fn is_plan_file(p: &Path) -> bool {
    !dxplan::review::is_review_file(p)
        && InputFormat::from_path(p).is_ok_and(|f| f != InputFormat::Json)
}

/// A relative name made of plain parts: no `..`, `.`, root, drive,
/// backslash, NUL or empty part.
pub fn safe_name(rel: &str) -> bool {
    if rel.is_empty() || rel.contains(['\\', '\0', ':']) || rel.starts_with('/') {
        return false;
    }
    rel.split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_names() {
        for ok in ["plan.pdf", "a/b/plan.xlsx", "塩竈市/R6.3/計画.pdf"] {
            assert!(safe_name(ok), "{ok}");
        }
        for bad in [
            "",
            "../x.pdf",
            "a/../../x.pdf",
            "/etc/passwd",
            "a//b.pdf",
            "./a.pdf",
            "a\\..\\b.pdf",
            "C:/x.pdf",
            "a/\0.pdf",
        ] {
            assert!(!safe_name(bad), "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused() {
        let base = std::env::temp_dir().join(format!("dxplan-archive-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let dir = base.join("archive");
        let outside = base.join("outside");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let fixture = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/web/plan-warning.xlsx"
        ));
        std::fs::copy(fixture, dir.join("sub/plan.xlsx")).unwrap();
        std::fs::copy(fixture, outside.join("secret.xlsx")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.xlsx"), dir.join("link.xlsx")).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.join("x.review.json"), dir.join("sub/x.review.json"))
            .unwrap();
        let a = Archive::new(dir.clone()).unwrap();
        let names: Vec<String> = a.plans().into_iter().map(|(r, _)| r).collect();
        assert_eq!(names, ["sub/plan.xlsx"]);
        assert!(a.resolve("sub/plan.xlsx").is_ok());
        assert_eq!(a.resolve("link.xlsx"), Err(Refused::NotAPlan));
        assert_eq!(a.resolve("out/secret.xlsx"), Err(Refused::NotAPlan));
        assert_eq!(a.resolve("../outside/secret.xlsx"), Err(Refused::BadName));
        assert_eq!(a.resolve("sub/missing.xlsx"), Err(Refused::NotAPlan));
        // A review file that is a link is not used.
        assert_eq!(a.review_path(&dir.join("sub/x.xlsx")), None);
        assert_eq!(
            a.review_path(&dir.join("sub/plan.xlsx")),
            Some(dir.join("sub/plan.review.json"))
        );
        std::fs::remove_dir_all(&base).unwrap();
    }
}
