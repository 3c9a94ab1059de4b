//! Atomic output: write to a temporary file in the target folder, then
//! rename over the destination. A failure leaves any previous file untouched
//! and no partial file behind.
//!
//! [`write_atomic`] makes one file durable on its own (an `fsync` of its
//! data before the rename). [`write_set`] writes the files of one converted
//! input together with one sync for all of them: in a batch run the
//! per-file `fsync` was the single largest cost of writing outputs. What
//! survives a crash is the same for both and is documented in
//! `docs/durability.md`.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::WriteError;

/// Write `path` atomically with `fill`, which gets a buffered file.
///
/// # Errors
/// [`WriteError::Io`] naming the path, or whatever `fill` returns.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut BufWriter<File>) -> Result<(), WriteError>,
{
    let tmp = temp_path(path);
    let result = write_then_rename(path, &tmp, fill);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename<F>(path: &Path, tmp: &Path, fill: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut BufWriter<File>) -> Result<(), WriteError>,
{
    let file = File::create(tmp).map_err(|e| out_err(path, e))?;
    let mut w = BufWriter::new(file);
    fill(&mut w)?;
    let file = w.into_inner().map_err(|e| out_err(path, e.into_error()))?;
    file.sync_all().map_err(|e| out_err(path, e))?;
    fs::rename(tmp, path).map_err(|e| out_err(path, e))
}

/// Write several files (one input's JSON, workbook and CSVs) atomically
/// with one sync: every file goes to a temporary name beside its
/// destination, the data of all of them is made durable at once
/// ([`sync_files`]), and only then is each renamed into place. A crash at
/// any moment leaves each destination either as it was or complete (never
/// empty or partial); a failure before the renames leaves every
/// destination as it was and no temporary file behind. Folders are
/// created as needed. Call [`sync_renames`] once at the end of a run so
/// that the renames themselves are on disk when the program exits.
///
/// # Errors
/// [`WriteError::Io`] naming the file that could not be written.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    let mut written: Vec<(PathBuf, &Path, File)> = Vec::with_capacity(files.len());
    let result = (|| {
        for (path, bytes) in files {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir).map_err(|e| out_err(dir, e))?;
            }
            let tmp = temp_path(path);
            let mut file = File::create(&tmp).map_err(|e| out_err(path, e))?;
            let wrote = file.write_all(bytes);
            written.push((tmp, path, file));
            wrote.map_err(|e| out_err(path, e))?;
        }
        let handles: Vec<&File> = written.iter().map(|(_, _, f)| f).collect();
        sync_files(&handles).map_err(|e| out_err(files[0].0, e))?;
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _, _) in &written {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (i, (tmp, path, _)) in written.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            for (tmp, _, _) in &written[i..] {
                let _ = fs::remove_file(tmp);
            }
            return Err(out_err(path, e));
        }
    }
    Ok(())
}

/// Make the data of every file durable. On Linux one `syncfs` of their
/// file system replaces one `fsync` per file when they share it (the usual
/// case: one output folder); elsewhere, or across file systems, each file
/// is synced.
///
/// # Errors
/// The sync's I/O error.
pub fn sync_files(files: &[&File]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        if let Some(first) = files.first() {
            let dev = first.metadata()?.dev();
            let mut same = true;
            for f in &files[1..] {
                same &= f.metadata()?.dev() == dev;
            }
            if same {
                return syncfs(first);
            }
        }
    }
    for f in files {
        f.sync_all()?;
    }
    Ok(())
}

/// Make the renames of a run durable: the folders' entries reach the disk
/// (on Linux one `syncfs`; on other Unix systems an `fsync` of each
/// folder). Call once at the end of a run with every folder written to.
///
/// # Errors
/// [`WriteError::Io`] naming the folder.
pub fn sync_renames<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Result<(), WriteError> {
    #[cfg(target_os = "linux")]
    {
        if let Some(dir) = dirs.into_iter().next() {
            let d = File::open(dir).map_err(|e| out_err(dir, e))?;
            return syncfs(&d).map_err(|e| out_err(dir, e));
        }
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    for dir in dirs {
        let d = File::open(dir).map_err(|e| out_err(dir, e))?;
        d.sync_all().map_err(|e| out_err(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dirs;
    Ok(())
}

#[cfg(target_os = "linux")]
fn syncfs(f: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: `syncfs` only reads the descriptor, which `f` keeps open.
    if unsafe { libc::syncfs(f.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `dir/.name.PID.tmp` beside the destination (same file system, so the
/// rename is atomic).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Remove the hidden temporary files that a killed earlier run left beside
/// these outputs: `.name.PID.tmp` where `name` is one of `paths`' file
/// names and process PID is no longer running. Each folder is listed once;
/// nothing else is touched. Returns how many were removed.
pub fn remove_orphan_temps<'a>(paths: impl IntoIterator<Item = &'a Path>) -> usize {
    let mut by_dir: HashMap<&Path, HashSet<&OsStr>> = HashMap::new();
    for p in paths {
        if let (Some(dir), Some(name)) = (p.parent(), p.file_name()) {
            by_dir.entry(dir).or_default().insert(name);
        }
    }
    let mut removed = 0;
    for (dir, names) in by_dir {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let orphan = file
                .to_str()
                .and_then(temp_owner)
                .is_some_and(|(name, pid)| {
                    names.contains(OsStr::new(name)) && pid != std::process::id() && !running(pid)
                });
            if orphan && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// `.name.PID.tmp` → (`name`, PID).
fn temp_owner(file: &str) -> Option<(&str, u32)> {
    let (name, pid) = file
        .strip_prefix('.')?
        .strip_suffix(".tmp")?
        .rsplit_once('.')?;
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    Some((name, pid.parse().ok().filter(|_| digits)?))
}

/// Whether a process with this id exists (one of another user counts).
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere nothing is known about the owner: keep the file.
#[cfg(not(target_os = "linux"))]
fn running(_pid: u32) -> bool {
    true
}

fn out_err(path: &Path, e: io::Error) -> WriteError {
    WriteError::io(path, e)
}

/// Map an I/O error from a writer into [`WriteError::Io`].
pub fn io_err(e: io::Error) -> WriteError {
    WriteError::from(e)
}

/// Flush helper for closures.
pub fn finish<W: Write>(w: &mut W) -> Result<(), WriteError> {
    w.flush().map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_keeps_previous_file_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("dxplan-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("out.json");
        write_atomic(&p, |w| w.write_all(b"first").map_err(io_err)).unwrap();
        let r = write_atomic(&p, |w| {
            w.write_all(b"partial").map_err(io_err)?;
            Err(WriteError::Archive {
                detail: "boom".into(),
            })
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&p).unwrap(), b"first");
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "temp file left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_a_dead_runs_temporary_files_of_these_outputs_are_removed() {
        let dir = std::env::temp_dir().join(format!("dxplan-orphans-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // A process that has exited: its id names no running process.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let own = std::process::id();
        let files = [
            format!(".a.json.{dead}.tmp"),     // removed
            format!(".a.json.{own}.tmp"),      // this run's own
            format!(".other.json.{dead}.tmp"), // not an output of this run
            ".a.json.12x.tmp".to_string(),     // not a process id
            format!("a.json.{dead}.tmp"),      // not hidden
            "a.json".to_string(),
        ];
        for f in &files {
            fs::write(dir.join(f), b"x").unwrap();
        }
        let outputs = [dir.join("a.json"), dir.join("missing/b.csv")];
        assert_eq!(remove_orphan_temps(outputs.iter().map(PathBuf::as_path)), 1);
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut want: Vec<String> = files[1..].to_vec();
        want.sort();
        assert_eq!(left, want);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("dxplan-set-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.json"), dir.join("sub/b.csv"));
        write_set(&[(&a, b"one"), (&b, b"two")]).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"one");
        assert_eq!(fs::read(&b).unwrap(), b"two");
        // The second file's folder cannot be made: the first keeps its
        // earlier content and no temporary file stays.
        let blocked = dir.join("file/c.csv");
        fs::write(dir.join("file"), b"in the way").unwrap();
        assert!(write_set(&[(&a, b"changed"), (&blocked, b"x")]).is_err());
        assert_eq!(fs::read(&a).unwrap(), b"one");
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.json", "file", "sub"]);
        sync_renames([dir.as_path()]).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
