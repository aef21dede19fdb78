//! The texts compiled into the binary (the essay and the Federalist Papers, from `content/`):
//! what Seminar serves when no content folder is configured and `./content` does not exist, so an
//! installed `seminar` answers from any folder.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use include_dir::{Dir, DirEntry, include_dir};
use seminar_core::content::{Bundle, Tree};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The bundled texts, read from the binary once.
pub fn tree() -> Tree {
    static BUNDLE: OnceLock<Arc<Bundle>> = OnceLock::new();
    let bundle = BUNDLE.get_or_init(|| {
        let mut files = Vec::new();
        collect(&CONTENT, &mut files);
        Arc::new(Bundle::new(files))
    });
    Tree::Bundled(Arc::clone(bundle))
}

fn collect(dir: &Dir<'static>, files: &mut Vec<(PathBuf, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(dir) => collect(dir, files),
            DirEntry::File(file) => files.push((file.path().to_path_buf(), file.contents())),
        }
    }
}
