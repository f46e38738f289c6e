//! asyncio's exceptions as values, and Python's `repr()` for task results.

use std::fmt;
use std::rc::Rc;

use crate::trace::pyfmt;

/// What kind of exception an [`Error`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `asyncio.CancelledError`: the task's await was cancelled.
    Cancelled,
    /// `TimeoutError`: a `wait_for` deadline passed.
    Timeout,
    /// `asyncio.InvalidStateError`: e.g. `result()` of a task that is not done.
    InvalidState,
    /// A Rust panic inside a task.
    Panic,
    /// Any other exception, by its Python type name (e.g. `ValueError`).
    Other(Rc<str>),
}

/// An exception raised at an await: every taskline awaitable returns
/// `Result<T, Error>`, so scenario code matches on it where Python would
/// write `except`. Cheap to clone.
///
/// # Examples
/// ```
/// use taskline::Error;
/// let e = Error::new("ValueError", "boom");
/// assert_eq!(e.type_name(), "ValueError");
/// assert_eq!(e.to_string(), "ValueError: boom");
/// assert!(Error::cancelled().is_cancelled());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    msg: Option<Rc<str>>,
    payload: Payload,
}

/// An optional object carried by an [`Error`] (e.g. the Python exception
/// object of a script). It never takes part in comparisons.
#[derive(Clone, Default)]
struct Payload(Option<Rc<dyn std::any::Any>>);

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

impl PartialEq for Payload {
    fn eq(&self, _other: &Payload) -> bool {
        true
    }
}
impl Eq for Payload {}

/// `Result` with taskline's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Creates an exception of the given Python type with a message.
    pub fn new(type_name: &str, msg: impl AsRef<str>) -> Error {
        let kind = match type_name {
            "CancelledError" => ErrorKind::Cancelled,
            "TimeoutError" => ErrorKind::Timeout,
            "InvalidStateError" => ErrorKind::InvalidState,
            other => ErrorKind::Other(other.into()),
        };
        Error { kind, msg: Some(msg.as_ref().into()), payload: Payload(None) }
    }

    /// Creates an exception from its kind and optional message.
    pub fn from_kind(kind: ErrorKind, msg: Option<&str>) -> Error {
        Error { kind, msg: msg.map(Into::into), payload: Payload(None) }
    }

    /// `CancelledError()` with no message.
    pub fn cancelled() -> Error {
        Error { kind: ErrorKind::Cancelled, msg: None, payload: Payload(None) }
    }

    /// `CancelledError(msg)`, or with no message for `None`.
    pub fn cancelled_with(msg: Option<&str>) -> Error {
        Error { kind: ErrorKind::Cancelled, msg: msg.map(Into::into), payload: Payload(None) }
    }

    /// `TimeoutError()`.
    pub fn timeout() -> Error {
        Error { kind: ErrorKind::Timeout, msg: None, payload: Payload(None) }
    }

    /// `InvalidStateError(msg)`.
    pub fn invalid_state(msg: &str) -> Error {
        Error { kind: ErrorKind::InvalidState, msg: Some(msg.into()), payload: Payload(None) }
    }

    /// A panic with its message.
    pub fn panic(msg: &str) -> Error {
        Error { kind: ErrorKind::Panic, msg: Some(msg.into()), payload: Payload(None) }
    }

    /// Creates an exception of the given Python type with an optional
    /// message (`None`: raised without arguments).
    pub fn with_type(type_name: &str, msg: Option<&str>) -> Error {
        let mut e = Error::new(type_name, "");
        e.msg = msg.map(Into::into);
        e
    }

    /// Attaches an object to the exception (e.g. a script's exception
    /// object); it travels with every clone and is ignored by `==`.
    pub fn with_payload(mut self, payload: Rc<dyn std::any::Any>) -> Error {
        self.payload = Payload(Some(payload));
        self
    }

    /// The object attached with [`Error::with_payload`].
    pub fn payload(&self) -> Option<&Rc<dyn std::any::Any>> {
        self.payload.0.as_ref()
    }

    /// The kind.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The message (`str(exc)` when the exception has arguments).
    pub fn message(&self) -> Option<&str> {
        self.msg.as_deref()
    }

    /// The Python type name: `CancelledError`, `TimeoutError`, `ValueError`, …
    pub fn type_name(&self) -> &str {
        match &self.kind {
            ErrorKind::Cancelled => "CancelledError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::InvalidState => "InvalidStateError",
            ErrorKind::Panic => "Panic",
            ErrorKind::Other(s) => s,
        }
    }

    /// Whether this is a `CancelledError`.
    pub fn is_cancelled(&self) -> bool {
        self.kind == ErrorKind::Cancelled
    }

    /// Whether this is a `TimeoutError`.
    pub fn is_timeout(&self) -> bool {
        self.kind == ErrorKind::Timeout
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.msg {
            Some(m) => write!(f, "{}: {}", self.type_name(), m),
            None => f.write_str(self.type_name()),
        }
    }
}

impl std::error::Error for Error {}

/// Python's `repr()` of a value: how task results appear in the log
/// (`'A'` for a string, `None` for `()`, `[1, 2]` for a `Vec`).
///
/// # Examples
/// ```
/// use taskline::PyRepr;
/// assert_eq!("A".py_repr(), "'A'");
/// assert_eq!(().py_repr(), "None");
/// assert_eq!(vec![1, 2].py_repr(), "[1, 2]");
/// assert_eq!(2.5f64.py_repr(), "2.5");
/// ```
pub trait PyRepr {
    /// Returns the `repr()`.
    fn py_repr(&self) -> String;
}

impl PyRepr for () {
    fn py_repr(&self) -> String {
        "None".into()
    }
}

impl PyRepr for bool {
    fn py_repr(&self) -> String {
        if *self { "True".into() } else { "False".into() }
    }
}

macro_rules! int_repr {
    ($($t:ty),*) => {$(
        impl PyRepr for $t {
            fn py_repr(&self) -> String { self.to_string() }
        }
    )*};
}
int_repr!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl PyRepr for f64 {
    fn py_repr(&self) -> String {
        pyfmt::float_repr(*self)
    }
}

impl PyRepr for f32 {
    fn py_repr(&self) -> String {
        pyfmt::float_repr(f64::from(*self))
    }
}

impl PyRepr for str {
    fn py_repr(&self) -> String {
        pyfmt::str_repr(self)
    }
}

impl PyRepr for &str {
    fn py_repr(&self) -> String {
        pyfmt::str_repr(self)
    }
}

impl PyRepr for String {
    fn py_repr(&self) -> String {
        pyfmt::str_repr(self)
    }
}

impl PyRepr for Rc<str> {
    fn py_repr(&self) -> String {
        pyfmt::str_repr(self)
    }
}

impl<T: PyRepr> PyRepr for Option<T> {
    fn py_repr(&self) -> String {
        match self {
            Some(v) => v.py_repr(),
            None => "None".into(),
        }
    }
}

impl<T: PyRepr> PyRepr for Vec<T> {
    fn py_repr(&self) -> String {
        let items: Vec<String> = self.iter().map(PyRepr::py_repr).collect();
        format!("[{}]", items.join(", "))
    }
}

impl PyRepr for Error {
    fn py_repr(&self) -> String {
        match &self.msg {
            Some(m) => format!("{}({})", self.type_name(), pyfmt::str_repr(m)),
            None => format!("{}()", self.type_name()),
        }
    }
}

impl<T: PyRepr> PyRepr for Result<T> {
    fn py_repr(&self) -> String {
        match self {
            Ok(v) => v.py_repr(),
            Err(e) => e.py_repr(),
        }
    }
}

macro_rules! tuple_repr {
    ($($name:ident),+) => {
        impl<$($name: PyRepr),+> PyRepr for ($($name,)+) {
            #[allow(non_snake_case)]
            fn py_repr(&self) -> String {
                let ($($name,)+) = self;
                let items: Vec<String> = vec![$($name.py_repr()),+];
                if items.len() == 1 { format!("({},)", items[0]) } else { format!("({})", items.join(", ")) }
            }
        }
    };
}
tuple_repr!(A);
tuple_repr!(A, B);
tuple_repr!(A, B, C);
tuple_repr!(A, B, C, D);

/// Python's `repr()` of a value, as a free function (`repr(&x)` in a format string).
pub fn repr<T: PyRepr + ?Sized>(value: &T) -> String {
    value.py_repr()
}
