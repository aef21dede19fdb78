//! Where a library's files come from: a folder on disk, or the texts compiled into the binary.
//! The loader, `check` and the index's content hash read through a [`Tree`], so the bundled texts
//! go through exactly the checks a folder does.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::regular::{self, ReadError};

/// The files of a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tree {
    /// A folder on disk.
    Disk(PathBuf),
    /// Files held in memory, such as the texts compiled into the binary.
    Bundled(Arc<Bundle>),
}

/// Files held in memory, under a root that names them in messages.
#[derive(Debug, PartialEq, Eq)]
pub struct Bundle {
    root: PathBuf,
    /// Borrowed when compiled in, so the texts are not copied out of the binary.
    files: BTreeMap<PathBuf, Cow<'static, [u8]>>,
}

impl Bundle {
    /// The root every path of a bundle starts with, as messages show it.
    pub const ROOT: &'static str = "(bundled)";

    /// A bundle of `files`, given by paths relative to the library's root.
    pub fn new<B: Into<Cow<'static, [u8]>>>(
        files: impl IntoIterator<Item = (PathBuf, B)>,
    ) -> Bundle {
        let root = PathBuf::from(Bundle::ROOT);
        let files = files
            .into_iter()
            .map(|(path, bytes)| (root.join(path), bytes.into()))
            .collect();
        Bundle { root, files }
    }

    fn is_dir(&self, path: &Path) -> bool {
        path == self.root || self.files.keys().any(|f| f.starts_with(path) && f != path)
    }
}

impl Tree {
    /// A folder on disk.
    pub fn disk(root: impl Into<PathBuf>) -> Tree {
        Tree::Disk(root.into())
    }

    /// The library's root: the folder, or [`Bundle::ROOT`].
    pub fn root(&self) -> &Path {
        match self {
            Tree::Disk(root) => root,
            Tree::Bundled(bundle) => &bundle.root,
        }
    }

    /// Whether `path` names anything (a dangling symlink included).
    pub(crate) fn exists(&self, path: &Path) -> bool {
        match self {
            Tree::Disk(_) => std::fs::symlink_metadata(path).is_ok(),
            Tree::Bundled(bundle) => bundle.files.contains_key(path) || bundle.is_dir(path),
        }
    }

    /// Whether `path` is a folder (following symlinks).
    pub(crate) fn is_dir(&self, path: &Path) -> bool {
        match self {
            Tree::Disk(_) => path.is_dir(),
            Tree::Bundled(bundle) => bundle.is_dir(path),
        }
    }

    /// What a file on disk is (following symlinks); `None` in a bundle, whose files never change.
    pub(crate) fn metadata(&self, path: &Path) -> Option<std::fs::Metadata> {
        match self {
            Tree::Disk(_) => std::fs::metadata(path).ok(),
            Tree::Bundled(_) => None,
        }
    }

    /// A content file as UTF-8; on disk, only a regular file (or a symlink to one).
    pub(crate) fn read_to_string(&self, path: &Path) -> Result<String, ReadError> {
        match self {
            Tree::Disk(_) => regular::read_to_string(path),
            Tree::Bundled(bundle) => {
                let bytes = bundle.files.get(path).ok_or_else(|| not_found(path))?;
                String::from_utf8(bytes.to_vec()).map_err(|_| {
                    ReadError::Io(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "stream did not contain valid UTF-8",
                    ))
                })
            }
        }
    }

    /// What lies directly in the folder `dir`, unsorted.
    pub(crate) fn entries(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        match self {
            Tree::Disk(_) => Ok(std::fs::read_dir(dir)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .collect()),
            Tree::Bundled(bundle) => {
                if !bundle.is_dir(dir) {
                    return Err(not_found(dir));
                }
                let mut children: Vec<PathBuf> = bundle
                    .files
                    .keys()
                    .filter_map(|f| f.strip_prefix(dir).ok())
                    .filter_map(|rest| rest.components().next())
                    .map(|first| dir.join(first))
                    .collect();
                children.dedup();
                Ok(children)
            }
        }
    }
}

impl Default for Tree {
    /// `./content`, the folder the settings name by default.
    fn default() -> Tree {
        Tree::disk("content")
    }
}

impl fmt::Display for Tree {
    /// The folder's path, or `bundled` for the texts compiled into the binary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tree::Disk(root) => write!(f, "{}", root.display()),
            Tree::Bundled(_) => f.write_str("bundled"),
        }
    }
}

impl From<&Path> for Tree {
    fn from(root: &Path) -> Tree {
        Tree::disk(root)
    }
}

impl From<&PathBuf> for Tree {
    fn from(root: &PathBuf) -> Tree {
        Tree::disk(root.clone())
    }
}

impl From<PathBuf> for Tree {
    fn from(root: PathBuf) -> Tree {
        Tree::Disk(root)
    }
}

impl From<&Tree> for Tree {
    fn from(tree: &Tree) -> Tree {
        tree.clone()
    }
}

fn not_found(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("{} is not in the bundle", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Tree {
        Tree::Bundled(Arc::new(Bundle::new([
            (PathBuf::from("essay/text.toml"), b"id = 1".to_vec()),
            (PathBuf::from("essay/sections/01.md"), b"one".to_vec()),
            (PathBuf::from("essay/sections/02.md"), b"two".to_vec()),
        ])))
    }

    #[test]
    fn a_bundle_lists_the_folders_and_files_directly_under_a_folder() {
        let tree = bundle();
        let root = tree.root().to_path_buf();
        assert_eq!(tree.entries(&root).unwrap(), vec![root.join("essay")]);
        let mut sections = tree.entries(&root.join("essay/sections")).unwrap();
        sections.sort();
        assert_eq!(
            sections,
            vec![
                root.join("essay/sections/01.md"),
                root.join("essay/sections/02.md")
            ]
        );
    }

    #[test]
    fn a_bundle_tells_folders_from_files_and_from_what_it_lacks() {
        let tree = bundle();
        let root = tree.root().to_path_buf();
        assert!(tree.is_dir(&root.join("essay")));
        assert!(!tree.is_dir(&root.join("essay/text.toml")));
        assert!(tree.exists(&root.join("essay/text.toml")));
        assert!(!tree.exists(&root.join("essay/library.toml")));
        assert_eq!(
            tree.read_to_string(&root.join("essay/sections/02.md"))
                .unwrap(),
            "two"
        );
        assert!(tree.read_to_string(&root.join("nothing.md")).is_err());
    }

    #[test]
    fn a_tree_names_its_folder_or_says_it_is_bundled() {
        assert_eq!(Tree::disk("/srv/texts").to_string(), "/srv/texts");
        assert_eq!(bundle().to_string(), "bundled");
    }
}
