"""collections, as taskline provides it: deque, defaultdict, Counter,
OrderedDict and namedtuple written in Python over lists and dicts, with
CPython's methods, reprs and error messages. They are classes of their own:
isinstance(defaultdict(list), dict) and isinstance(point, tuple) are False
here (True in CPython)."""


class deque:
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None and maxlen < 0:
            raise ValueError('maxlen must be non-negative')
        self._items = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _trim_left(self):
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[:len(self._items) - self._maxlen]

    def _trim_right(self):
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[self._maxlen:]

    def append(self, x):
        self._items.append(x)
        self._trim_left()

    def appendleft(self, x):
        self._items.insert(0, x)
        self._trim_right()

    def extend(self, iterable):
        for x in list(iterable):
            self.append(x)

    def extendleft(self, iterable):
        for x in list(iterable):
            self.appendleft(x)

    def pop(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop(0)

    def clear(self):
        self._items.clear()

    def copy(self):
        return deque(self._items, self._maxlen)

    def count(self, x):
        return self._items.count(x)

    def index(self, x, start=0, stop=None):
        stop = len(self._items) if stop is None else stop
        for i in range(start, min(stop, len(self._items))):
            if self._items[i] == x:
                return i
        raise ValueError(f'{x!r} is not in deque')

    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        self._items.insert(i, x)

    def remove(self, value):
        for i, x in enumerate(self._items):
            if x == value:
                del self._items[i]
                return
        raise ValueError(f'{value!r} is not in deque')

    def reverse(self):
        self._items.reverse()

    def rotate(self, n=1):
        if self._items:
            n %= len(self._items)
            if n:
                self._items[:] = self._items[-n:] + self._items[:-n]

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(list(self._items))

    def __reversed__(self):
        return iter(self._items[::-1])

    def __contains__(self, x):
        return x in self._items

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError('sequence index must be integer, not \'slice\'')
        if not -len(self._items) <= i < len(self._items):
            raise IndexError('deque index out of range')
        return self._items[i]

    def __setitem__(self, i, x):
        if not -len(self._items) <= i < len(self._items):
            raise IndexError('deque index out of range')
        self._items[i] = x

    def __delitem__(self, i):
        if not -len(self._items) <= i < len(self._items):
            raise IndexError('deque index out of range')
        del self._items[i]

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self._maxlen is None:
            return f'deque({self._items!r})'
        return f'deque({self._items!r}, maxlen={self._maxlen})'


class defaultdict:
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        self._d = dict(*args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value

    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        return self.__missing__(key)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __bool__(self):
        return len(self._d) > 0

    def __iter__(self):
        return iter(list(self._d))

    def __eq__(self, other):
        if isinstance(other, defaultdict):
            return self._d == other._d
        return self._d == other

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def popitem(self):
        return self._d.popitem()

    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)

    def update(self, *args, **kwargs):
        for a in args:
            if isinstance(a, defaultdict):
                a = a._d
            self._d.update(a)
        self._d.update(kwargs)

    def clear(self):
        self._d.clear()

    def copy(self):
        return defaultdict(self.default_factory, self._d)

    def __repr__(self):
        return f'defaultdict({self.default_factory!r}, {self._d!r})'


class OrderedDict(defaultdict):
    def __init__(self, *args, **kwargs):
        super().__init__(None, *args, **kwargs)

    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            self._d.update(rest)

    def popitem(self, last=True):
        if not self._d:
            raise KeyError('dictionary is empty')
        key = list(self._d)[-1] if last else next(iter(self._d))
        return key, self._d.pop(key)

    def copy(self):
        return OrderedDict(self._d)

    def __repr__(self):
        if not self._d:
            return 'OrderedDict()'
        return f'OrderedDict({self._d!r})'


class Counter(defaultdict):
    def __init__(self, iterable=None, **kwargs):
        super().__init__(None)
        self.update(iterable, **kwargs)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        ordered = sorted(self._d.items(), key=_count_of, reverse=True)
        return ordered if n is None else ordered[:n]

    def elements(self):
        for key, count in self._d.items():
            for _ in range(count):
                yield key

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, defaultdict)):
                for key, count in iterable.items():
                    self._d[key] = self._d.get(key, 0) + count
            else:
                for key in iterable:
                    self._d[key] = self._d.get(key, 0) + 1
        for key, count in kwargs.items():
            self._d[key] = self._d.get(key, 0) + count

    def subtract(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, defaultdict)):
                for key, count in iterable.items():
                    self._d[key] = self._d.get(key, 0) - count
            else:
                for key in iterable:
                    self._d[key] = self._d.get(key, 0) - 1
        for key, count in kwargs.items():
            self._d[key] = self._d.get(key, 0) - count

    def copy(self):
        return Counter(self._d)

    def __add__(self, other):
        result = Counter()
        for key in list(self._d) + [k for k in other._d if k not in self._d]:
            count = self[key] + other[key]
            if count > 0:
                result._d[key] = count
        return result

    def __sub__(self, other):
        result = Counter()
        for key in self._d:
            count = self[key] - other[key]
            if count > 0:
                result._d[key] = count
        return result

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        body = ', '.join(f'{k!r}: {v!r}' for k, v in self.most_common())
        return 'Counter({' + body + '})'


def _count_of(item):
    return item[1]


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(field_names)
    for name in fields:
        if not name.isidentifier() or name.startswith('_'):
            raise ValueError(f'Field names cannot start with an underscore: {name!r}'
                             if name.startswith('_') else
                             f'Type names and field names must be valid identifiers: {name!r}')
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))

    class _NamedTuple(_TupleBase):
        _fields = fields
        _field_defaults = field_defaults

    _NamedTuple.__name__ = typename
    _NamedTuple.__qualname__ = typename
    return _NamedTuple


class _TupleBase:
    def __init__(self, *args, **kwargs):
        cls = type(self).__name__
        if len(args) > len(self._fields):
            raise TypeError(f'{cls}.__new__() takes {len(self._fields) + 1} positional arguments '
                            f'but {len(args) + 1} were given')
        values = list(args)
        for name in self._fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in self._field_defaults:
                values.append(self._field_defaults[name])
            else:
                missing = [n for n in self._fields[len(values):] if n not in kwargs
                           and n not in self._field_defaults]
                quoted = ' and '.join(repr(n) for n in missing)
                raise TypeError(f"{cls}.__new__() missing {len(missing)} required positional "
                                f"argument{'s' if len(missing) > 1 else ''}: {quoted}")
        if kwargs:
            name = next(iter(kwargs))
            raise TypeError(f"{cls}.__new__() got an unexpected keyword argument '{name}'")
        self._values = tuple(values)
        for name, value in zip(self._fields, values):
            setattr(self, name, value)

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def _asdict(self):
        return dict(zip(self._fields, self._values))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(self._fields, self._values)]
        if kwargs:
            raise ValueError(f'Got unexpected field names: {list(kwargs)!r}')
        return type(self)(*values)

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __getitem__(self, i):
        return self._values[i]

    def __contains__(self, x):
        return x in self._values

    def __eq__(self, other):
        if isinstance(other, _TupleBase):
            return self._values == other._values
        return self._values == other

    def __lt__(self, other):
        return self._values < tuple(other)

    def __le__(self, other):
        return self._values <= tuple(other)

    def __gt__(self, other):
        return self._values > tuple(other)

    def __ge__(self, other):
        return self._values >= tuple(other)

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        body = ', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self._values))
        return f'{type(self).__name__}({body})'
