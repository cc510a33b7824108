"""Record classes: the data classes of the library, built without generating code at import.

``@record`` gives a class what ``@dataclass`` gave it here: an ``__init__`` taking the fields
in order (``kw_only=True``: by keyword), defaults and ``field(default_factory=...)``, a
``repr`` of the same form, ``==`` over the fields, for ``frozen=True`` immutability and a hash,
and ``slots=True``. ``@dataclass`` compiles half a dozen small functions for every class as its
module is imported, about 1 ms a class on this machine kind, which made up a quarter of the
start-up of ``bulletin add`` (docs/performance.md); a record's methods are shared functions
that read the class's field list, so defining a class costs what a plain class costs.

``replace(record, **changes)`` is ``dataclasses.replace`` (and on Python 3.13 ``copy.replace``
works too); ``fields(cls)`` lists the fields with their defaults and metadata. The functions
of ``dataclasses`` (``replace``, ``fields``, ``asdict``, ``is_dataclass``) keep working on
records: the first time one asks for ``__dataclass_fields__``, a real dataclass with the same
fields is made once for the class and its field list is answered.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["Field", "FrozenInstanceError", "field", "fields", "record", "replace"]

T = TypeVar("T")

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
_MUTABLE = (list, dict, set, bytearray)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class Field:
    """One field of a record: its name, its annotation (a string under postponed
    annotations), its default or default factory, whether it is keyword-only, its metadata."""

    __slots__ = ("default", "default_factory", "kw_only", "metadata", "name", "repr", "type")

    def __init__(
        self,
        default: Any = _MISSING,
        default_factory: Callable[[], Any] | Any = _MISSING,
        kw_only: bool = False,
        metadata: dict[str, Any] | None = None,
        repr: bool = True,
    ) -> None:
        self.name = ""
        self.repr = repr
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.kw_only = kw_only
        self.metadata: dict[str, Any] = dict(metadata or {})

    @property
    def has_default(self) -> bool:
        return self.default is not _MISSING or self.default_factory is not _MISSING

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r})"


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | Any = _MISSING,
    kw_only: bool = False,
    metadata: dict[str, Any] | None = None,
    repr: bool = True,
) -> Any:
    """A field's default, default factory (``default_factory=list``), keyword-only flag,
    metadata or ``repr=False`` (left out of the repr), as with ``dataclasses.field``."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, kw_only, metadata, repr)


@overload
@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(
    *, frozen: bool = False, slots: bool = False, kw_only: bool = False
) -> Callable[[type[T]], type[T]]: ...


def record(
    cls: type[T] | None = None,
    /,
    *,
    frozen: bool = False,
    slots: bool = False,
    kw_only: bool = False,
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` a record (see the module's documentation); ``@record`` or
    ``@record(frozen=True, slots=True, kw_only=True)``."""

    def wrap(cls: type[T]) -> type[T]:
        return _build(cls, frozen=frozen, slots=slots, kw_only=kw_only)

    return wrap if cls is None else wrap(cls)


def fields(class_or_record: Any) -> tuple[Field, ...]:
    """The fields of a record class or record, in order."""
    found: tuple[Field, ...] | None = getattr(class_or_record, "__record_fields__", None)
    if found is None:
        raise TypeError(f"{class_or_record!r} is not a record")
    return found


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with some fields changed."""
    for item in fields(obj):
        if item.name not in changes:
            changes[item.name] = getattr(obj, item.name)
    made: T = type(obj)(**changes)
    return made


def _build(cls: type[T], *, frozen: bool, slots: bool, kw_only: bool) -> type[T]:
    own = cls.__dict__
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for item in getattr(base, "__record_fields__", ()):
            found[item.name] = item
    for name, annotation in own.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar")):
            continue
        found[name] = _field_of(cls, name, annotation, kw_only)
    items = tuple(found.values())
    namespace: dict[str, Any] = {
        "__record_fields__": items,
        "__match_args__": tuple(item.name for item in items if not item.kw_only),
        "__replace__": replace,
        "__dataclass_fields__": _DataclassFields(),
    }
    namespace["__init__"] = _make_init(cls, items)
    if "__repr__" not in own:
        namespace["__repr__"] = _repr
    if "__eq__" not in own:
        namespace["__eq__"] = _make_eq(items)
    class_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in own))
    if not explicit_hash:
        namespace["__hash__"] = _make_hash(items) if frozen else None
    if frozen:
        namespace["__setattr__"] = _frozen_setattr
        namespace["__delattr__"] = _frozen_delattr
    if slots:
        return _with_slots(cls, items, namespace, frozen)
    for name, value in namespace.items():
        if name != "__init__" or "__init__" not in own:
            setattr(cls, name, value)
    return cls


def _field_of(cls: type, name: str, annotation: Any, kw_only: bool) -> Field:
    value = cls.__dict__.get(name, _MISSING)
    item = value if isinstance(value, Field) else Field(default=value)
    item.name = name
    item.type = annotation
    item.kw_only = item.kw_only or kw_only
    if isinstance(item.default, _MUTABLE):
        raise ValueError(
            f"mutable default {type(item.default)} for field {name} is not allowed: "
            "use default_factory"
        )
    if isinstance(value, Field):
        if item.default is _MISSING:
            delattr(cls, name)
        else:
            setattr(cls, name, item.default)
    return item


def _with_slots(
    cls: type[T], items: tuple[Field, ...], added: dict[str, Any], frozen: bool
) -> type[T]:
    namespace = dict(cls.__dict__)
    inherited = {slot for base in cls.__mro__[1:] for slot in base.__dict__.get("__slots__", ())}
    own = tuple(item.name for item in items if item.name not in inherited)
    for name in own:
        namespace.pop(name, None)  # the defaults live in the fields
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = own
    namespace.update(added)
    if "__init__" in cls.__dict__:
        namespace["__init__"] = cls.__dict__["__init__"]
    if frozen and "__getstate__" not in namespace:
        namespace["__getstate__"] = _getstate
        namespace["__setstate__"] = _setstate
    metaclass: Any = type(cls)
    made: Any = metaclass(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made  # type: ignore[no-any-return]


def _make_init(cls: type, items: tuple[Field, ...]) -> Callable[..., None]:
    """An ``__init__`` over the fields: positional ones in order, then keywords, defaults and
    factories; the same ``TypeError`` messages as Python's for a wrong call."""
    positional = tuple(item.name for item in items if not item.kw_only)
    count = len(positional)
    names = frozenset(item.name for item in items)
    total = len(names)
    fill = tuple(
        (item.name, item.default, item.default_factory) for item in items if item.has_default
    )
    required = tuple(item.name for item in items if not item.has_default)
    post_init = getattr(cls, "__post_init__", None) is not None
    assign = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > count:
                raise TypeError(
                    f"{type(self).__qualname__}.__init__() takes {count + 1} positional "
                    f"arguments but {len(args) + 1} were given"
                )
            for name in positional[: len(args)]:
                if name in kwargs:
                    raise TypeError(
                        f"{type(self).__qualname__}.__init__() got multiple values for "
                        f"argument '{name}'"
                    )
            kwargs.update(zip(positional, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(
                    f"{type(self).__qualname__}.__init__() got an unexpected keyword "
                    f"argument '{name}'"
                )
            assign(self, name, value)
        if len(kwargs) < total:
            for name, default, factory in fill:
                if name not in kwargs:
                    assign(self, name, factory() if default is _MISSING else default)
            for name in required:
                if name not in kwargs:
                    raise TypeError(
                        f"{type(self).__qualname__}.__init__() missing required argument: '{name}'"
                    )
        if post_init:
            self.__post_init__()

    return __init__


def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{item.name}={getattr(self, item.name)!r}" for item in self.__record_fields__ if item.repr
    )
    return f"{type(self).__qualname__}({shown})"


def _values_of(items: tuple[Field, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if not items:
        return lambda obj: ()
    get = attrgetter(*(item.name for item in items))
    if len(items) == 1:
        return lambda obj: (get(obj),)
    return get


def _make_eq(items: tuple[Field, ...]) -> Callable[[Any, object], bool]:
    values = _values_of(items)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    return __eq__


def _make_hash(items: tuple[Field, ...]) -> Callable[[Any], int]:
    values = _values_of(items)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, item.name) for item in self.__record_fields__]


def _setstate(self: Any, state: list[Any]) -> None:
    for item, value in zip(self.__record_fields__, state, strict=True):
        object.__setattr__(self, item.name, value)


class _DataclassFields:
    """``__dataclass_fields__`` on first access: the field list of a dataclass made once with
    the record's fields, so that ``dataclasses.replace``, ``fields`` and ``asdict`` serve."""

    def __get__(self, obj: object, owner: type) -> dict[str, Any]:
        import dataclasses

        namespace: dict[str, Any] = {"__annotations__": {}, "__module__": owner.__module__}
        for item in fields(owner):
            namespace["__annotations__"][item.name] = item.type
            namespace[item.name] = dataclasses.field(
                default=item.default if item.default is not _MISSING else dataclasses.MISSING,
                default_factory=(
                    item.default_factory
                    if item.default_factory is not _MISSING
                    else dataclasses.MISSING
                ),
                kw_only=item.kw_only,
                metadata=item.metadata,
                repr=item.repr,
            )
        twin: Any = dataclasses.dataclass(type(owner.__name__, (), namespace))
        found: dict[str, Any] = twin.__dataclass_fields__
        type.__setattr__(owner, "__dataclass_fields__", found)
        return found
