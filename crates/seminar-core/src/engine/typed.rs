//! Options read by their typed keys: [`Invocation::get`] and the value types it reads as.

use crate::engine::Invocation;
use crate::engine::command::Opt;

impl Invocation {
    /// An option's value, by its typed key: what handlers read.
    pub fn get<T: OptionValue>(&self, key: Opt<T>) -> Option<T> {
        #[cfg(test)]
        reads::record(key.name);
        T::read(self, key.name)
    }
}

/// A type an option's value is read as, through its [`Opt`] key.
pub trait OptionValue: Sized {
    fn read(invocation: &Invocation, name: &str) -> Option<Self>;
}

impl OptionValue for String {
    fn read(invocation: &Invocation, name: &str) -> Option<Self> {
        invocation.string(name)
    }
}

impl OptionValue for i64 {
    fn read(invocation: &Invocation, name: &str) -> Option<Self> {
        invocation.integer(name)
    }
}

impl OptionValue for bool {
    fn read(invocation: &Invocation, name: &str) -> Option<Self> {
        invocation.boolean(name)
    }
}

/// Channels and roles, by id.
impl OptionValue for u64 {
    fn read(invocation: &Invocation, name: &str) -> Option<Self> {
        invocation.id(name)
    }
}

/// The option names handlers read on this thread, for the test that walks the registries.
#[cfg(test)]
pub(crate) mod reads {
    use std::cell::RefCell;

    thread_local! {
        static READ: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }

    pub(crate) fn record(name: &'static str) {
        READ.with(|r| r.borrow_mut().push(name));
    }

    /// The names read since the last call.
    pub(crate) fn take() -> Vec<&'static str> {
        READ.with(|r| std::mem::take(&mut *r.borrow_mut()))
    }
}
