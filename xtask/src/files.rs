//! Folders of the build, read and written.

use std::fs;
use std::path::Path;

use eyre::{Result, WrapErr};

/// Every file below `dir`, as a path from it with `/` between folders, sorted.
pub fn files_below(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    gather(dir, "", &mut found)?;
    found.sort();
    Ok(found)
}

fn gather(folder: &Path, prefix: &str, found: &mut Vec<String>) -> Result<()> {
    for entry in fs::read_dir(folder).wrap_err_with(|| format!("reading {}", folder.display()))? {
        let entry = entry?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            gather(&entry.path(), &format!("{name}/"), found)?;
        } else {
            found.push(name);
        }
    }
    Ok(())
}

#[cfg(test)]
pub mod tests {
    use std::path::PathBuf;

    use super::*;

    /// A folder of its own for one test, removed after it.
    pub struct TempDir(pub PathBuf);

    impl TempDir {
        pub fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        pub fn write(&self, file: &str, bytes: &[u8]) {
            let path = self.0.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn lists_files_in_folders_sorted() {
        let dir = TempDir::new("files");
        dir.write("b.txt", b"");
        dir.write("a/z.txt", b"");
        dir.write("a/b/c.txt", b"");
        assert_eq!(files_below(&dir.0).unwrap(), ["a/b/c.txt", "a/z.txt", "b.txt"]);
    }
}
