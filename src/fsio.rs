//! Writing an output file the way the user expects, whatever the path names.
//!
//! [`write_atomic`] decides by what is at the path (following symbolic links):
//!
//! | the path is | what happens |
//! |-------------|--------------|
//! | missing | a new file: written to a temporary file in the same directory, synced, renamed into place |
//! | a regular file | the same atomic replacement; the new file gets the old one's permissions (0600 stays 0600) |
//! | a regular file with other hard links | written in place (truncated, then written), so every link sees the new bytes |
//! | a symbolic link to a regular file | the target is replaced (atomically, as above); the link stays a link |
//! | a character or block device, a FIFO, a socket (`/dev/stdout`, `/dev/null`, a named pipe) | opened and written in place, never renamed over |
//! | a directory | refused: "it is a directory" |
//!
//! What the user made is never left half overwritten by a failed write of a
//! regular file: on an error the temporary file is removed and the old file
//! is untouched (except in the hard-link case, which cannot be atomic).
//! Writing to the process's standard output (`-o -`) is the caller's business:
//! it has the stream.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why [`write_atomic`] failed: what it was doing (`write` or `replace`) and the cause.
#[derive(Debug)]
pub struct AtomicWriteError {
    /// `write` (the temporary file, or the file in place) or `replace` (the rename over the target).
    pub action: &'static str,
    /// The cause.
    pub source: std::io::Error,
}

fn fail(action: &'static str, source: std::io::Error) -> AtomicWriteError {
    AtomicWriteError { action, source }
}

/// Writes `bytes` to `path`: atomically for a new or regular file, in place
/// for a device, a FIFO or a file with several hard links, through a
/// symbolic link to its target (see the module doc).
///
/// # Errors
/// The failing step and its cause (the caller names the file); a directory
/// gives an [`std::io::ErrorKind::IsADirectory`] error "it is a directory".
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AtomicWriteError> {
    // `metadata` follows symbolic links: what matters is what is written to.
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Nothing there (or a dangling link): a new file. A dangling link is written through.
            if fs::symlink_metadata(path).is_ok() {
                return write_in_place(path, bytes, true);
            }
            replace(path, bytes, None)
        }
        Err(source) => Err(fail("write", source)),
        Ok(meta) if meta.is_dir() => {
            Err(fail("write", std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory")))
        }
        Ok(meta) if meta.is_file() => {
            if hard_links(&meta) > 1 {
                return write_in_place(path, bytes, true);
            }
            let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            let target: PathBuf = if is_link {
                match fs::canonicalize(path) {
                    Ok(t) => t,
                    Err(_) => return write_in_place(path, bytes, true),
                }
            } else {
                path.to_path_buf()
            };
            replace(&target, bytes, Some(meta.permissions()))
        }
        // A device, a FIFO, a socket: write to it, never rename over it.
        Ok(_) => write_in_place(path, bytes, false),
    }
}

#[cfg(unix)]
fn hard_links(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_meta: &fs::Metadata) -> u64 {
    1
}

/// Opens `path` for writing (truncating a regular file) and writes `bytes`.
fn write_in_place(path: &Path, bytes: &[u8], regular: bool) -> Result<(), AtomicWriteError> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if regular {
        options.create(true).truncate(true);
    }
    let mut file = options.open(path).map_err(|e| fail("write", e))?;
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| fail("write", e))?;
    if regular {
        file.sync_all().map_err(|e| fail("write", e))?;
    }
    Ok(())
}

/// Writes a temporary file beside `path` (with `permissions`, if given) and renames it over `path`.
fn replace(path: &Path, bytes: &[u8], permissions: Option<fs::Permissions>) -> Result<(), AtomicWriteError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    if path.file_name().is_none() {
        let source = std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name");
        return Err(fail("write", source));
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
        Err(source) => return Err(fail("write", source)),
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| permissions.map_or(Ok(()), |p| file.set_permissions(p)))
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(fail("write", source));
    }
    if let Err(source) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(fail("replace", source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("taskline-fsio-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_no_file_behind() {
        let dir = temp_dir("fail");
        let target = dir.join("out.txt");
        write_atomic(&target, b"first").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"first");
        // A file in a directory that is not there: nothing is created anywhere.
        let err = write_atomic(&dir.join("missing/out.txt"), b"second").unwrap_err();
        assert_eq!(err.action, "write");
        assert_eq!(names(&dir), ["out.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_directory_is_refused_by_name() {
        let dir = temp_dir("dir");
        let sub = dir.join("sub");
        fs::create_dir_all(sub.join("x")).unwrap();
        let err = write_atomic(&sub, b"x").unwrap_err();
        assert_eq!(err.source.kind(), std::io::ErrorKind::IsADirectory);
        assert_eq!(err.source.to_string(), "it is a directory");
        assert_eq!(names(&dir), ["sub"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_hard_links_and_symlinks_are_kept() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = temp_dir("keep");
        // 0600 stays 0600.
        let private = dir.join("private.json");
        fs::write(&private, b"old").unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
        let inode = fs::metadata(&private).unwrap().ino();
        write_atomic(&private, b"new").unwrap();
        assert_eq!(fs::read(&private).unwrap(), b"new");
        assert_eq!(fs::metadata(&private).unwrap().permissions().mode() & 0o777, 0o600);
        assert_ne!(fs::metadata(&private).unwrap().ino(), inode, "a regular file is replaced atomically");

        // A hard link sees the new bytes.
        let a = dir.join("a.png");
        let b = dir.join("b.png");
        fs::write(&a, b"old").unwrap();
        fs::hard_link(&a, &b).unwrap();
        write_atomic(&a, b"new bytes").unwrap();
        assert_eq!(fs::read(&b).unwrap(), b"new bytes");
        assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);

        // A symlink to a regular file: the target is replaced, the link stays a link.
        let target = dir.join("target.svg");
        let link = dir.join("link.svg");
        fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"through the link").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"through the link");

        // A character device is written in place, never renamed over.
        write_atomic(Path::new("/dev/null"), b"discarded").unwrap();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(&fs::metadata("/dev/null").unwrap().file_type()));
        fs::remove_dir_all(&dir).unwrap();
    }
}
