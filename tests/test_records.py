"""Record classes behave as the dataclasses they replace: construction, defaults, ==, repr,
hash, frozen fields, slots, inheritance, replace, pickling and the functions of dataclasses."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from bulletin_cli.records import FrozenInstanceError, field, fields, record, replace


@record(slots=True)
class Point:
    """A point."""

    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.x + self.y


@record(frozen=True, slots=True)
class Label:
    text: str
    size: float = field(default=1.0, metadata={"doc": "字号"})


@record(kw_only=True)
class Base:
    notes: list[str] = field(default_factory=list)


@record(kw_only=True)
class Derived(Base):
    path: str
    count: int = 0


@dataclasses.dataclass(slots=True)
class PointDataclass:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


def test_construction_defaults_and_factories_as_a_dataclass() -> None:
    assert Point(1).tags == [] and Point(1).tags is not Point(1).tags
    assert (Point(1, 2).x, Point(1, 2).y, Point(x=1, y=2, tags=["a"]).tags) == (1, 2, ["a"])
    assert Point(3, y=4).total == 7
    assert repr(Point(1, 2, ["a"])) == repr(PointDataclass(1, 2, ["a"])).replace("Dataclass", "")
    assert repr(Label("甲")) == "Label(text='甲', size=1.0)"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required argument: 'x'"),
        ((1, 2, [], 4), {}, "takes 4 positional arguments but 5 were given"),
        ((1,), {"x": 2}, "got multiple values for argument 'x'"),
        ((1,), {"z": 2}, "got an unexpected keyword argument 'z'"),
    ],
)
def test_a_wrong_call_is_a_type_error(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)  # type: ignore[arg-type]


def test_equality_is_over_the_fields_and_the_class() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != PointDataclass(1, 2)  # type: ignore[comparison-overlap]
    assert Label("a") == Label("a", 1.0)


def test_frozen_records_are_hashable_and_immutable_the_others_unhashable() -> None:
    assert hash(Label("a")) == hash(Label("a")) and len({Label("a"), Label("a")}) == 1
    with pytest.raises(FrozenInstanceError):
        Label("a").text = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del Label("a").text
    with pytest.raises(TypeError):
        hash(Point(1))
    point = Point(1)
    point.y = 5
    assert point.y == 5


def test_slots_hold_the_fields() -> None:
    assert Point.__slots__ == ("x", "y", "tags")
    with pytest.raises(AttributeError):
        Point(1).z = 1  # type: ignore[attr-defined]
    assert not hasattr(Label("a"), "__dict__")


def test_keyword_only_fields_and_inheritance() -> None:
    made = Derived(path="p")
    assert (made.notes, made.path, made.count) == ([], "p", 0)
    assert [item.name for item in fields(Derived)] == ["notes", "path", "count"]
    assert repr(made) == "Derived(notes=[], path='p', count=0)"
    with pytest.raises(TypeError):
        Derived("p")  # type: ignore[call-arg, arg-type]


def test_replace_and_fields() -> None:
    assert replace(Label("a"), size=2.0) == Label("a", 2.0)
    assert replace(Derived(path="p"), count=2) == Derived(path="p", count=2)
    assert fields(Label)[1].metadata == {"doc": "字号"} and fields(Label)[1].default == 1.0
    with pytest.raises(TypeError):
        fields(object())


def test_the_functions_of_dataclasses_keep_working() -> None:
    assert dataclasses.is_dataclass(Point(1))
    assert dataclasses.replace(Point(1, 2), y=3) == Point(1, 3)
    assert dataclasses.asdict(Derived(path="p")) == {"notes": [], "path": "p", "count": 0}
    assert [item.name for item in dataclasses.fields(Label)] == ["text", "size"]
    assert dataclasses.fields(Label)[1].metadata["doc"] == "字号"


def test_copies_and_pickles() -> None:
    for value in (Point(1, 2, ["a"]), Label("a", 2.0), Derived(path="p", notes=["n"])):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_a_mutable_default_is_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @record
        class Wrong:
            items: list[str] = []  # noqa: RUF012


def test_a_field_may_stay_out_of_the_repr() -> None:
    @record
    class Held:
        name: str
        data: bytes = field(default=b"", repr=False)

    assert repr(Held("a", b"xyz")).endswith(".Held(name='a')")
    assert Held("a", b"x") != Held("a", b"y")
