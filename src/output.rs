//! Atomic output: write to a temporary file in the target folder, then
//! rename over the destination. A failure leaves any previous file untouched
//! and no partial file behind.

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

/// `dir/.name.PID.tmp` beside the destination (same file system, so the
/// rename is atomic).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
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
}
