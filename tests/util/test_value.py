"""designlint.util.value.Value behaves as the frozen dataclasses it replaced on the start-up path."""

import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from designlint.findings import Counts
from designlint.loading.location import Location
from designlint.model import Action, Constraint, DataItem, Flow, Ref
from designlint.rules import Problem
from designlint.rules.frameworks import Framework
from designlint.rules.packs import Pack, PackRule
from designlint.rules.packs.predicates import Not, Present, Reaches
from designlint.util.value import Value, setfield

LOC = Location("d.yaml", 3, 5)


class Pair(Value):
    __slots__ = ("a", "b")

    def __init__(self, a, b=2):
        setfield(self, "a", a)
        setfield(self, "b", b)


@dataclass(frozen=True)
class DataPair:  # what Pair stands for
    a: object
    b: object = 2


def test_equality_hash_and_repr_are_the_frozen_dataclass_ones():
    assert Pair(1) == Pair(1, 2) and Pair(1) != Pair(1, 3) and hash(Pair(1)) == hash(Pair(1, 2))
    assert hash(Pair("x", (1,))) == hash(DataPair("x", (1,)))
    assert repr(Pair("x", None)) == "Pair(a='x', b=None)" == repr(DataPair("x", None)).replace("DataPair", "Pair")
    assert Pair(1).__eq__(DataPair(1)) is NotImplemented and Pair(1) != (1, 2)
    assert len({Pair(1), Pair(1, 2), Pair(2)}) == 2


def test_fields_are_read_only_as_a_frozen_dataclass():
    pair = Pair(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'a'"):
        pair.a = 5
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
        pair.other = 5
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'b'"):
        del pair.b
    assert (pair.a, pair.b) == (1, 2)


def test_a_value_is_pickled_as_its_class_and_fields():
    assert pickle.loads(pickle.dumps(Pair([1], "b"))) == Pair([1], "b")
    pred = Not(Reaches(frozenset({"human"}), None, False, True))
    assert pickle.loads(pickle.dumps(pred)) == pred


@pytest.mark.parametrize("value, text", [
    (Ref("a", LOC), "Ref(id='a', location=Location(file='d.yaml', line=3, column=5))"),
    (Flow(Ref("a", LOC), Ref("b", LOC), "request", LOC, index=2),
     "Flow(source=Ref(id='a', location=Location(file='d.yaml', line=3, column=5)), "
     "target=Ref(id='b', location=Location(file='d.yaml', line=3, column=5)), kind='request', "
     "location=Location(file='d.yaml', line=3, column=5), label=None, index=2, binding=False)"),
    (Action("pay", False, None, LOC), "Action(name='pay', reversible=False, gate=None, "
     "location=Location(file='d.yaml', line=3, column=5), description=None, adverse=False, appeal=None)"),
    (Constraint("no refunds", "prompt", LOC),
     "Constraint(rule='no refunds', enforced_by='prompt', location=Location(file='d.yaml', line=3, column=5))"),
    (DataItem("cards", LOC, personal=True), "DataItem(name='cards', location=Location(file='d.yaml', line=3, "
     "column=5), personal=True, retention=None, opt_out=None, description=None)"),
    (Problem(LOC, "m", "a"), "Problem(location=Location(file='d.yaml', line=3, column=5), message='m', "
     "component='a', subject=None)"),
    (Counts(1, 2), "Counts(errors=1, warnings=2, infos=0, waived=0, baselined=0)"),
    (Framework("f", "F", "https://f", ()), "Framework(name='f', title='F', url='https://f', clauses=())"),
    (Present("owner", False), "Present(field='owner', want=False)"),
    (Pack("p", (), (), ("x",)), "Pack(name='p', rules=(), regrade=(), disable=('x',))"),
    (PackRule("r", None, None, None, (Present("owner"),), "m", None),
     "PackRule(id='r', kinds=None, layers=None, where=None, require=(Present(field='owner', want=True),), "
     "message='m', at=None)"),
])
def test_the_classes_on_the_start_up_path_keep_their_dataclass_repr_and_equality(value, text):
    assert repr(value) == text
    assert value == eval(text) and hash(value) == hash(eval(text))  # noqa: S307 - our own reprs


class OtherPair(Value):
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        setfield(self, "a", a)
        setfield(self, "b", b)


def test_values_of_two_classes_differ_even_with_equal_fields():
    assert Pair(1, 2) != OtherPair(1, 2) and OtherPair(1, 2) == OtherPair(1, 2)


def test_locations_and_input_errors_are_ordered_as_dataclasses_with_order_true():
    from designlint.errors import InputError, InputErrors

    assert sorted([Location("b", 1, 1), Location("a", 2, 1), Location("a", 1, 9)]) == [
        Location("a", 1, 9), Location("a", 2, 1), Location("b", 1, 1)]
    assert Location("a", 1, 1) <= Location("a", 1, 1) < Location("a", 1, 2) and Location("e", 0, 0) > LOC >= LOC
    with pytest.raises(TypeError):
        Location("a", 1, 1) < ("a", 1, 2)  # noqa: B015 - only against its own class
    errors = InputErrors([InputError("f", 3, 1, "b"), InputError("f", 3, 1, "a"), InputError("e", 9, 9, "z")])
    assert [str(e) for e in errors.errors] == ["e:9:9: error: z", "f:3:1: error: a", "f:3:1: error: b"]
    error = InputError("f", 0, 0, "missing")
    assert repr(error) == "InputError(file='f', line=0, column=0, message='missing')" and str(error) == "f: error: missing"
    assert error.args == ("f", 0, 0, "missing") and pickle.loads(pickle.dumps(error)) == error
    with pytest.raises(FrozenInstanceError):
        error.message = "other"
    with pytest.raises(InputError) as raised:
        try:
            raise KeyError("k")
        except KeyError as cause:
            raise error from cause
    assert raised.value is error and isinstance(raised.value.__cause__, KeyError)


def test_replace_copies_with_the_changes_as_dataclasses_replace():
    from designlint.util.value import replace

    pair = Pair(1, [2])
    copy = replace(pair, b=3)
    assert (copy, pair) == (Pair(1, 3), Pair(1, [2])) and type(copy) is Pair
    assert replace(pair) == pair and replace(pair) is not pair
    with pytest.raises(TypeError, match="Pair has no field 'c'"):
        replace(pair, c=1)


def test_a_component_and_a_finding_keep_their_fields_defaults_and_repr():
    from designlint.findings import Finding
    from designlint.model import Component
    from designlint.rules import Severity
    from designlint.util.value import replace

    comp = Component("a", "model", LOC, owner="ml")
    assert comp == Component("a", "model", LOC, "ml") and comp != replace(comp, owner="other")
    assert repr(comp) == (
        "Component(id='a', kind='model', location=Location(file='d.yaml', line=3, column=5), owner='ml', "
        "description=None, layer=None, fallback=(), error_budget=mappingproxy({}), actions=(), sla=None, "
        "waive=mappingproxy({}), waive_locations=mappingproxy({}), fields=mappingproxy({}), "
        "field_locations=mappingproxy({}), owner_from=None, error_budget_from=None, provider=None, "
        "trust_declared=None, on_failure=None, constraints=(), evaluation=None, data=())")
    with pytest.raises(TypeError, match="unhashable type: 'mappingproxy'"):  # as the dataclass was
        hash(comp)
    finding = Finding("missing-owner", Severity.ERROR, LOC, "m", "a")
    assert finding.waive("ok") == Finding("missing-owner", Severity.ERROR, LOC, "m", "a", None, True, "ok")
    assert finding.in_baseline().baselined and not finding.baselined
    assert len({finding, Finding("missing-owner", Severity.ERROR, LOC, "m", "a")}) == 1
