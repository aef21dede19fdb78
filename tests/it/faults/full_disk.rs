//! A full disk for SQLite, inside the test process: a VFS that wraps the default one, made the
//! default, that fails every write to the files under chosen directories with SQLITE_FULL, as a
//! filesystem without free space does. Reads, locks and the WAL index still work, so a write fails
//! where it does on a real full disk: when its transaction commits and the WAL grows.

use std::collections::HashMap;
use std::ffi::{CStr, c_int, c_void};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

use libsqlite3_sys as ffi;

/// Directories whose files have no room left.
static FULL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Every file this VFS opened, by the address of its `sqlite3_file`: its path, and the default
/// VFS's methods for it.
static OPEN: Mutex<Option<HashMap<usize, (PathBuf, usize)>>> = Mutex::new(None);
/// The default VFS's methods, each with a copy whose `xWrite` and `xClose` are ours, by address.
static WRAPPED: Mutex<Option<HashMap<usize, usize>>> = Mutex::new(None);
/// The default VFS this one wraps.
static BASE: AtomicPtr<ffi::sqlite3_vfs> = AtomicPtr::new(std::ptr::null_mut());

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes the wrapping VFS the process's default, once: databases opened from now on go through
/// it (none of them fills up until [`fill`] says so).
pub fn install() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| unsafe {
        let base = ffi::sqlite3_vfs_find(std::ptr::null());
        assert!(!base.is_null(), "SQLite has a default VFS");
        BASE.store(base, Ordering::SeqCst);
        let mut vfs: ffi::sqlite3_vfs = *base;
        vfs.zName = c"seminar-full-disk".as_ptr();
        vfs.pNext = std::ptr::null_mut();
        vfs.xOpen = Some(open);
        let vfs = Box::leak(Box::new(vfs));
        assert_eq!(ffi::sqlite3_vfs_register(vfs, 1), ffi::SQLITE_OK);
    });
}

/// From now on, every write to a file under `dir` fails: the disk is full.
pub fn fill(dir: &Path) {
    install();
    lock(&FULL).push(dir.to_path_buf());
}

/// Room again under `dir`.
pub fn free(dir: &Path) {
    lock(&FULL).retain(|full| full != dir);
}

fn is_full(path: &Path) -> bool {
    lock(&FULL).iter().any(|dir| path.starts_with(dir))
}

unsafe extern "C" fn open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    unsafe {
        let base = BASE.load(Ordering::SeqCst);
        let rc = ((*base).xOpen.expect("the default VFS opens files"))(
            base, name, file, flags, out_flags,
        );
        if rc != ffi::SQLITE_OK || (*file).pMethods.is_null() || name.is_null() {
            return rc;
        }
        let path = PathBuf::from(CStr::from_ptr(name).to_string_lossy().into_owned());
        let original = (*file).pMethods as usize;
        let wrapped = *lock(&WRAPPED)
            .get_or_insert_with(HashMap::new)
            .entry(original)
            .or_insert_with(|| {
                let mut methods: ffi::sqlite3_io_methods = *(*file).pMethods;
                methods.xWrite = Some(write);
                methods.xClose = Some(close);
                Box::leak(Box::new(methods)) as *const _ as usize
            });
        lock(&OPEN)
            .get_or_insert_with(HashMap::new)
            .insert(file as usize, (path, original));
        (*file).pMethods = wrapped as *const ffi::sqlite3_io_methods;
        rc
    }
}

/// The path and the default VFS's methods of a file this VFS opened.
fn opened(file: *mut ffi::sqlite3_file) -> (PathBuf, *const ffi::sqlite3_io_methods) {
    let open = lock(&OPEN);
    let (path, methods) = open
        .as_ref()
        .and_then(|open| open.get(&(file as usize)))
        .expect("a file this VFS opened");
    (path.clone(), *methods as *const ffi::sqlite3_io_methods)
}

unsafe extern "C" fn write(
    file: *mut ffi::sqlite3_file,
    data: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    let (path, methods) = opened(file);
    if is_full(&path) {
        return ffi::SQLITE_FULL;
    }
    unsafe { ((*methods).xWrite.expect("files are writable"))(file, data, amount, offset) }
}

unsafe extern "C" fn close(file: *mut ffi::sqlite3_file) -> c_int {
    let (_, methods) = opened(file);
    if let Some(open) = lock(&OPEN).as_mut() {
        open.remove(&(file as usize));
    }
    unsafe { ((*methods).xClose.expect("files close"))(file) }
}
