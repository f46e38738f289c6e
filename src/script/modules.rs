//! The script's own modules: how `import x` finds a `.py` file, reads it
//! (sandboxed) and compiles it, before the run.
//!
//! # Where modules are found
//!
//! As CPython finds them when the script is run as `python path/to/script.py`
//! (`sys.path[0]` is the script's folder), plus the folders a
//! `python -m pkg.script` run from the project root would see: the search
//! path is the script's folder, then, while the folder just added is a
//! package (has an `__init__.py`), its parent folder. The last folder added
//! is the **project root**. So `chapter_02/listing.py` finds `util/` one
//! folder up when `chapter_02/__init__.py` exists, and only its own folder's
//! modules otherwise.
//!
//! In each folder of the search path, in order, `import a` takes
//! `a/__init__.py` (a package), else `a.py` (a module); a folder `a/`
//! without `__init__.py` is a namespace package if no folder has either.
//! `import a.b` looks for `b` in package `a`'s folder(s). The built-in
//! modules (`compile::SUPPORTED_MODULES`: asyncio, time, typing) win over
//! files of the same name, as modules CPython imported already do.
//! A name found nowhere raises `ModuleNotFoundError` when the import runs,
//! as in CPython; a module of CPython's standard library taskline does not
//! provide (`os`, `socket`, ...) is refused before the run.
//!
//! # Sandbox
//!
//! Only `.py` files under the project root are read: every candidate is
//! canonicalised (symlinks resolved) and refused if it lands outside the
//! root. Import names cannot hold `/` or `..`, and a relative import above
//! the top-level package is Python's own ImportError. A module file may
//! hold at most [`MAX_MODULE_BYTES`], and a program at most [`MAX_MODULES`]
//! modules. Each refusal names the importing file and line, and the file.
//!
//! Every module found is compiled (checked against the subset) before the
//! run, whether or not the run reaches its import; it runs when imported.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::ScriptError;
use super::compile::{ImportRequest, Module, ModuleCtx, SUPPORTED_MODULES};
use super::interp::{Exc, Interp, R};
use super::value::Value;

/// The most bytes a module's source may have.
pub const MAX_MODULE_BYTES: u64 = 1 << 20;
/// The most modules (files) a program may have, its entry script included.
pub const MAX_MODULES: usize = 256;

/// A module read from a file (or a namespace package, which has none).
#[derive(Debug)]
pub(crate) struct LocalModule {
    /// Its dotted name (leaked: a module value is `Value::Module(&'static str)`).
    pub name: &'static str,
    /// Its absolute path, as CPython's messages show it (`unknown location` for a namespace package).
    pub location: String,
    /// Whether it is a package (its submodules can be imported).
    pub is_package: bool,
    /// Its code.
    pub body: Module,
}

/// The entry script and every module it can import.
#[derive(Debug)]
pub(crate) struct Program {
    pub entry: Module,
    /// The name of each file by index (the high bits of line codes): the
    /// entry script as given, modules by their path from the project root.
    pub files: Vec<Rc<str>>,
    pub modules: Vec<LocalModule>,
}

#[derive(Clone, Debug)]
enum Found {
    /// A module or a package's `__init__.py`.
    File { path: PathBuf, package_dir: Option<PathBuf> },
    /// A namespace package: its folders.
    Namespace(Vec<PathBuf>),
    /// A standard module taskline writes in Python ([`EMBEDDED`]): its source.
    Embedded(&'static str),
}

/// The standard modules taskline provides as Python source run by the
/// interpreter (`src/script/stdlib/py/`): CPython's documented pure-Python
/// equivalents. Like CPython's pure-Python standard modules they come after
/// the program's own files on the search path.
/// The file name of an [`EMBEDDED`] module starts with this (`<taskline>/sys.py`).
pub(crate) const EMBEDDED_PREFIX: &str = "<taskline>/";

pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    ("collections", include_str!("stdlib/py/collections.py")),
    ("itertools", include_str!("stdlib/py/itertools.py")),
    ("operator", include_str!("stdlib/py/operator.py")),
    ("sys", include_str!("stdlib/py/sys.py")),
];

impl Found {
    fn dirs(&self) -> Vec<PathBuf> {
        match self {
            Found::File { package_dir, .. } => package_dir.iter().cloned().collect(),
            Found::Namespace(d) => d.clone(),
            Found::Embedded(_) => Vec::new(),
        }
    }
}

/// Finds, reads and compiles modules.
struct Loader<'q> {
    /// The search path (canonical folders).
    roots: Vec<PathBuf>,
    /// The project root (canonical): no file outside it is read.
    root: Option<PathBuf>,
    found: HashMap<String, Option<Found>>,
    modules: Vec<LocalModule>,
    files: Vec<Rc<str>>,
    next_slot: u32,
    qualnames: &'q mut HashMap<String, &'static str>,
}

/// Why an import cannot be loaded.
enum LoadError {
    /// Refused (sandbox, limits, unsupported module): the message, placed at the import.
    Refused(String),
    /// A module outside the subset (a standard module taskline does not provide), placed at the import.
    Unsupported(String),
    /// The imported module itself has an error (its own place).
    Script(ScriptError),
}

/// The search path of a script in `dir` (see the module doc); the last is the project root.
pub(crate) fn search_path(dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![dir.to_path_buf()];
    let mut d = dir.to_path_buf();
    while d.join("__init__.py").is_file() {
        match d.parent() {
            Some(p) if p != d => {
                d = p.to_path_buf();
                roots.push(d.clone());
            }
            _ => break,
        }
    }
    roots
}

/// The file a log location names (`util/delay.py`, relative to the project
/// root; the entry script by its file name) for the program whose entry
/// script is `script`, if it is a `.py` file under the project root.
pub fn source_path(script: &Path, file: &str) -> Option<PathBuf> {
    if script.file_name().is_some_and(|n| n == file) {
        return Some(script.to_path_buf());
    }
    let dir = std::fs::canonicalize(super::script_dir(script)).ok()?;
    let root = search_path(&dir).pop()?;
    let path = std::fs::canonicalize(root.join(file)).ok()?;
    (path.starts_with(&root) && path.extension().is_some_and(|e| e == "py")).then_some(path)
}

/// Compiles the entry script (`file_name`, `source`) and the modules it
/// imports, found from `script_dir` (none when `None`: every import of a
/// file then raises ModuleNotFoundError).
pub(crate) fn load_program(
    file_name: &str,
    source: &str,
    script_dir: Option<&Path>,
    qualnames: &mut HashMap<String, &'static str>,
) -> Result<Program, ScriptError> {
    let roots: Vec<PathBuf> = match script_dir {
        Some(d) => {
            let d = std::fs::canonicalize(d)
                .map_err(|e| ScriptError::Io { file: d.display().to_string(), message: e.to_string() })?;
            search_path(&d)
        }
        None => Vec::new(),
    };
    let mut loader = Loader {
        root: roots.last().cloned(),
        roots,
        found: HashMap::new(),
        modules: Vec::new(),
        files: vec![Rc::from(file_name)],
        next_slot: 0,
        qualnames,
    };
    let entry = super::parse_and_compile(file_name, source, loader.qualnames, ModuleCtx::default())?;
    loader.next_slot = u32::try_from(entry.globals.len()).unwrap_or(u32::MAX);
    let requests = entry.imports.clone();
    loader.resolve_all(file_name, source, &requests)?;
    Ok(Program { entry, files: loader.files, modules: loader.modules })
}

impl Loader<'_> {
    /// Resolves the imports of one module (file `file`, source `source`), loading what they name.
    fn resolve_all(&mut self, file: &str, source: &str, requests: &[ImportRequest]) -> Result<(), ScriptError> {
        for r in requests {
            match self.resolve(&r.name, r.optional) {
                Ok(()) => {}
                Err(LoadError::Script(e)) => return Err(e),
                Err(LoadError::Refused(message)) => {
                    let (line, col, source_line) = super::position(source, r.at);
                    return Err(ScriptError::Import { file: file.to_owned(), line, col, message, source_line });
                }
                Err(LoadError::Unsupported(feature)) => {
                    let (line, col, source_line) = super::position(source, r.at);
                    return Err(ScriptError::Unsupported { file: file.to_owned(), line, col, feature, source_line });
                }
            }
        }
        Ok(())
    }

    /// Loads `name` and its parents if they exist; refuses a module of the
    /// standard library that taskline does not provide.
    fn resolve(&mut self, name: &str, optional: bool) -> Result<(), LoadError> {
        if SUPPORTED_MODULES.contains(&name) {
            return Ok(());
        }
        if self.find(name)?.is_some() || optional {
            return Ok(());
        }
        let top = name.split('.').next().unwrap_or(name);
        // a standard module taskline does not provide, or a submodule of one it writes in Python
        let provided_as_file = matches!(self.find(top)?, Some(Found::File { .. } | Found::Namespace(_)));
        if STDLIB.binary_search(&top).is_ok() && !provided_as_file {
            let mut provided: Vec<&str> = SUPPORTED_MODULES
                .iter()
                .chain(EMBEDDED.iter().map(|(n, _)| n))
                .copied()
                .filter(|n| !n.starts_with('_'))
                .collect();
            provided.sort_unstable();
            return Err(LoadError::Unsupported(format!(
                "import of module '{name}' (taskline provides {} and the program's own modules)",
                provided.join(", ")
            )));
        }
        Ok(())
    }

    /// Where module `name` is (loading it and its parents on first sight); `None` if nowhere.
    fn find(&mut self, name: &str) -> Result<Option<Found>, LoadError> {
        if let Some(f) = self.found.get(name) {
            return Ok(f.clone());
        }
        let (dirs, last) = match name.rsplit_once('.') {
            Some((parent, last)) => match self.find(parent)? {
                Some(p) => (p.dirs(), last),
                None => (Vec::new(), last),
            },
            None => (self.roots.clone(), name),
        };
        let mut found = None;
        let mut portions = Vec::new();
        for dir in &dirs {
            let pkg = dir.join(last);
            let init = pkg.join("__init__.py");
            if init.is_file() {
                let path = self.inside_root(name, &init)?;
                found = Some(Found::File { path, package_dir: Some(self.inside_root(name, &pkg)?) });
                break;
            }
            let file = dir.join(format!("{last}.py"));
            if file.is_file() {
                found = Some(Found::File { path: self.inside_root(name, &file)?, package_dir: None });
                break;
            }
            if pkg.is_dir() {
                portions.push(self.inside_root(name, &pkg)?);
            }
        }
        if found.is_none() && !portions.is_empty() {
            found = Some(Found::Namespace(portions));
        }
        if found.is_none() {
            found = EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, src)| Found::Embedded(src));
        }
        self.found.insert(name.to_owned(), found.clone());
        if let Some(f) = &found {
            self.load(name, f)?;
        }
        Ok(found)
    }

    /// `path` canonicalised, if it is under the project root.
    fn inside_root(&self, name: &str, path: &Path) -> Result<PathBuf, LoadError> {
        let canon = std::fs::canonicalize(path)
            .map_err(|e| LoadError::Refused(format!("cannot read module '{name}' ({}): {e}", path.display())))?;
        match &self.root {
            Some(root) if canon.starts_with(root) => Ok(canon),
            _ => Err(LoadError::Refused(format!(
                "module '{name}' is {}, outside the project root {} (scripts read only the .py files under it)",
                canon.display(),
                self.root.as_deref().map_or_else(|| "(none)".into(), |r| r.display().to_string())
            ))),
        }
    }

    /// Reads and compiles a found module, then what it imports.
    fn load(&mut self, name: &str, found: &Found) -> Result<(), LoadError> {
        if self.modules.len() + 1 >= MAX_MODULES {
            return Err(LoadError::Refused(format!(
                "import of module '{name}': the program would have more than {MAX_MODULES} modules"
            )));
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let (path, is_package) = match found {
            Found::File { path, package_dir } => (path.clone(), package_dir.is_some()),
            Found::Embedded(source) => {
                let display = format!("{EMBEDDED_PREFIX}{name}.py");
                return self.compile_module(leaked, display.clone(), display, source, false);
            }
            Found::Namespace(_) => {
                let body = Module { body: Vec::new(), globals: Vec::new(), imports: Vec::new() };
                let location = "unknown location".into();
                self.modules.push(LocalModule { name: leaked, location, is_package: true, body });
                return Ok(());
            }
        };
        let display = match &self.root {
            Some(root) => path.strip_prefix(root).unwrap_or(&path).display().to_string(),
            None => path.display().to_string(),
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(u64::MAX);
        if size > MAX_MODULE_BYTES {
            return Err(LoadError::Refused(format!(
                "module '{name}' ({display}) has {size} bytes: a module may have at most {MAX_MODULE_BYTES} bytes (1 MiB)"
            )));
        }
        let source = std::fs::read_to_string(&path)
            .map_err(|e| LoadError::Refused(format!("cannot read module '{name}' ({display}): {e}")))?;
        self.compile_module(leaked, display, path.display().to_string(), &source, is_package)
    }

    /// Compiles module `name` (file `display` in messages, `location` in its
    /// repr), then loads what it imports.
    fn compile_module(
        &mut self,
        name: &'static str,
        display: String,
        location: String,
        source: &str,
        is_package: bool,
    ) -> Result<(), LoadError> {
        let file_idx = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.push(Rc::from(display.as_str()));
        let package = if is_package { name.to_owned() } else { name.rsplit_once('.').map_or("", |p| p.0).to_owned() };
        let ctx = ModuleCtx { file_idx, slot_base: self.next_slot, package: Some(package) };
        let body = super::parse_and_compile(&display, source, self.qualnames, ctx).map_err(LoadError::Script)?;
        self.next_slot = self.next_slot.saturating_add(u32::try_from(body.globals.len()).unwrap_or(u32::MAX));
        let requests = body.imports.clone();
        self.modules.push(LocalModule { name, location, is_package, body });
        self.resolve_all(&display, source, &requests).map_err(LoadError::Script)
    }
}

/// `sys.stdlib_module_names` of CPython 3.13, sorted.
const STDLIB: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_android_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_colorize",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_interpchannels",
    "_interpqueues",
    "_interpreters",
    "_io",
    "_ios_support",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_opcode_metadata",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydatetime",
    "_pydecimal",
    "_pyio",
    "_pylong",
    "_pyrepl",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha2",
    "_sha3",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_suggestions",
    "_symtable",
    "_sysconfig",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_wmi",
    "_zoneinfo",
    "abc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "atexit",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtplib",
    "socket",
    "socketserver",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_module_compiles_and_is_a_standard_module_name() {
        for (name, _) in EMBEDDED {
            assert!(STDLIB.binary_search(name).is_ok(), "{name}");
            let src = format!("import {name}\n\nasync def main():\n    pass\n");
            let mut qualnames = HashMap::new();
            let program = load_program("m.py", &src, None, &mut qualnames).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(program.modules.iter().any(|m| m.name == *name), "{name} was not loaded");
            assert!(program.files.iter().any(|f| **f == *format!("{EMBEDDED_PREFIX}{name}.py")), "{name}");
        }
    }

    #[test]
    fn stdlib_names_are_sorted() {
        assert!(STDLIB.windows(2).all(|w| w[0] < w[1]));
        assert!(STDLIB.binary_search(&"os").is_ok());
    }
}

/// Whether a module's code ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImportState {
    /// Not imported yet (or its import failed: the next import runs it again).
    New,
    /// Its code is running (an import in a cycle gets it partially initialised).
    Running,
    /// Imported.
    Done,
}

/// A module of the running program.
#[derive(Debug)]
pub(crate) struct LoadedModule {
    pub module: LocalModule,
    /// Its globals' slots, by name (its attributes).
    slots: HashMap<Rc<str>, u32>,
    state: Cell<ImportState>,
    /// Attributes with no global slot (submodules bound by their import, `m.x = ...`).
    extras: RefCell<HashMap<Rc<str>, Value>>,
}

impl LoadedModule {
    pub(crate) fn new(module: LocalModule, slots: HashMap<Rc<str>, u32>) -> LoadedModule {
        LoadedModule { module, slots, state: Cell::new(ImportState::New), extras: RefCell::new(HashMap::new()) }
    }
}

impl Interp {
    fn loaded(&self, name: &str) -> Option<&LoadedModule> {
        self.module_index.get(name).and_then(|&i| self.modules.get(i))
    }

    /// `import name` (absolute): imports its parents, then runs the module
    /// once (a module being imported is returned as it is: a cycle).
    pub(crate) fn import_module(&self, name: &str) -> R<Value> {
        let parent = match name.rsplit_once('.') {
            Some((p, child)) => Some((self.import_module(p)?, child)),
            None => None,
        };
        let Some(m) = self.loaded(name) else {
            if let Some((Value::Module(p), _)) = &parent
                && self.loaded(p).is_some_and(|l| !l.module.is_package)
            {
                return Err(
                    self.exc("ModuleNotFoundError", format!("No module named '{name}'; '{p}' is not a package"))
                );
            }
            return Err(self.exc("ModuleNotFoundError", format!("No module named '{name}'")));
        };
        let value = Value::Module(m.module.name);
        if m.state.get() != ImportState::New {
            return Ok(value);
        }
        m.state.set(ImportState::Running);
        let line = self.line.get();
        let r = super::interp::exec_module(self, &m.module.body);
        self.line.set(line);
        if let Err(e) = r {
            m.state.set(ImportState::New);
            return Err(e);
        }
        m.state.set(ImportState::Done);
        if let Some((Value::Module(p), child)) = parent {
            self.set_module_attr(p, child, value.clone());
        }
        Ok(value)
    }

    /// `from <module> import name` (`module` already imported): the attribute,
    /// else the submodule `module.name` (imported now if need be), else ImportError.
    pub(crate) fn import_from(&self, module: &str, name: &str) -> R<Value> {
        if let Some(v) = self.module_attr(module, name) {
            return Ok(v);
        }
        let sub = format!("{module}.{name}");
        if self.loaded(module).is_some_and(|l| l.module.is_package) && self.loaded(&sub).is_some() {
            let v = self.import_module(&sub)?;
            return Ok(self.module_attr(module, name).unwrap_or(v));
        }
        let Some(l) = self.loaded(module) else {
            return Err(self.exc("ImportError", format!("cannot import name '{name}' from '{module}'")));
        };
        let msg = if l.state.get() == ImportState::Running {
            format!(
                "cannot import name '{name}' from partially initialized module '{module}' (most likely due to a circular import) ({})",
                l.module.location
            )
        } else {
            format!("cannot import name '{name}' from '{module}' ({})", l.module.location)
        };
        Err(self.exc("ImportError", msg))
    }

    /// Attribute `name` of the program's module `module`, if it has it.
    pub(crate) fn module_attr(&self, module: &str, name: &str) -> Option<Value> {
        let l = self.loaded(module)?;
        if let Some(&slot) = l.slots.get(name) {
            match self.globals.borrow().get(slot as usize) {
                Some(Value::Undefined) | None => {}
                Some(v) => return Some(v.clone()),
            }
        }
        if let Some(v) = l.extras.borrow().get(name) {
            return Some(v.clone());
        }
        (name == "__name__").then(|| Value::str(l.module.name))
    }

    /// The AttributeError for a missing attribute of the program's module `module`.
    pub(crate) fn module_attr_error(&self, module: &str, name: &str) -> Option<Exc> {
        let l = self.loaded(module)?;
        Some(if l.state.get() == ImportState::Running {
            self.exc(
                "AttributeError",
                format!(
                    "partially initialized module '{module}' from '{}' has no attribute '{name}' (most likely due to a circular import)",
                    l.module.location
                ),
            )
        } else {
            self.exc("AttributeError", format!("module '{module}' has no attribute '{name}'"))
        })
    }

    /// `module.name = v` (also how an import binds a submodule in its package).
    pub(crate) fn set_module_attr(&self, module: &str, name: &str, v: Value) {
        let Some(l) = self.loaded(module) else { return };
        if let Some(&slot) = l.slots.get(name) {
            let old = self.globals.borrow_mut().get_mut(slot as usize).map(|s| std::mem::replace(s, v));
            drop(old);
            return;
        }
        let old = l.extras.borrow_mut().insert(Rc::from(name), v);
        drop(old);
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn the_search_path_climbs_while_the_folder_is_a_package() {
        let base = std::env::temp_dir().join(format!("taskline-search-{}", std::process::id()));
        let chapter = base.join("project").join("chapter");
        std::fs::create_dir_all(&chapter).expect("mkdir");
        assert_eq!(search_path(&chapter), std::slice::from_ref(&chapter));
        std::fs::write(chapter.join("__init__.py"), "").expect("write");
        assert_eq!(search_path(&chapter), [chapter.clone(), base.join("project")]);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn line_codes_carry_the_file() {
        let code = (3 << super::super::compile::LINE_BITS) | 17;
        assert_eq!(super::super::compile::split_line(code), (3, 17));
        assert_eq!(super::super::compile::split_line(42), (0, 42));
    }
}
