"""Value: the base of the small frozen classes that every run creates at start-up.

`@dataclass(frozen=True)` writes the source of six methods (__init__,
__eq__, __hash__, __repr__, __setattr__, __delattr__) and compiles each one
when the class is created: about 0.5 ms a class on a 2-core machine (issue
11), 20 ms of a cold `designlint check` for the 32 classes on its path. A
Value subclass is written by hand instead, and costs nothing to create:

    class Ref(Value):
        __slots__ = ("id", "location")  # its fields, in the order __init__ takes them

        def __init__(self, id: str, location: Location):
            setfield(self, "id", id)
            setfield(self, "location", location)

It behaves as the frozen dataclass with those fields did: equal only to an
instance of the same class with equal fields, hashed as the tuple of its
fields, printed `Ref(id='a', location=...)`, read-only (assigning or
deleting a field raises dataclasses.FrozenInstanceError), and pickled as
its class and fields. The fields are the `__slots__` of the class itself;
a Value base between it and Value declares `__slots__ = ()`. An
OrderedValue is also ordered as a dataclass with `order=True` is.
`replace(value, **changes)` copies one as dataclasses.replace does. A
dataclass is still right where a field must stay out of equality or repr
(`field(compare=False)`), or a cached_property needs an instance __dict__.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

setfield = object.__setattr__  # sets a field of a read-only Value, in its __init__


class Value:
    """A frozen value whose fields are its class's `__slots__` (see the module's docstring)."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return type(self), self._values()


def replace(value: Value, **changes) -> Value:
    """A copy of `value` with the fields in `changes` changed (dataclasses.replace for a Value).

    Raises TypeError for a name that is not one of its fields.
    """
    unknown = sorted(changes.keys() - set(value.__slots__))
    if unknown:
        raise TypeError(f"{type(value).__qualname__} has no field {unknown[0]!r}")
    fields = dict(zip(value.__slots__, value._values()))
    fields.update(changes)
    return type(value)(**fields)


class OrderedValue(Value):
    """A Value also ordered as the tuple of its fields, against its own class only (dataclass `order=True`)."""

    __slots__ = ()

    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return self._values() < other._values()
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return self._values() <= other._values()
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return self._values() > other._values()
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return self._values() >= other._values()
        return NotImplemented
