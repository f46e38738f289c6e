//! Files written whole or not at all: what the user made is never left half
//! overwritten by a failed save or export.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why [`write_atomic`] failed: what it was doing (`write` or `replace`) and the cause.
#[derive(Debug)]
pub struct AtomicWriteError {
    /// `write` (the temporary file) or `replace` (the rename over the target).
    pub action: &'static str,
    /// The cause.
    pub source: std::io::Error,
}

/// Writes `bytes` to `path` atomically: to a new temporary file in the same
/// directory, synced, then renamed over `path`. On error the temporary file
/// is removed and `path` is untouched.
///
/// # Errors
/// The failing step and its cause (the caller names the file).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AtomicWriteError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    if path.file_name().is_none() {
        let source = std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name");
        return Err(AtomicWriteError { action: "write", source });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // A short name: the target's own may already be near the length limit.
    let tmp = dir.join(format!(".taskline-{}-{n}.tmp", std::process::id()));
    let mut file = match fs::File::create_new(&tmp) {
        Ok(f) => f,
        // Not ours (e.g. it already existed): leave it alone.
        Err(source) => return Err(AtomicWriteError { action: "write", source }),
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(AtomicWriteError { action: "write", source });
    }
    if let Err(source) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(AtomicWriteError { action: "replace", source });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_file_behind() {
        let dir = std::env::temp_dir().join(format!("taskline-fsio-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.txt");
        write_atomic(&target, b"first").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"first");
        // Renaming over a directory fails: the old file stays, no temp file is left.
        let blocked = dir.join("sub");
        fs::create_dir_all(blocked.join("x")).unwrap();
        let err = write_atomic(&blocked, b"second").unwrap_err();
        assert_eq!(err.action, "replace");
        let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
