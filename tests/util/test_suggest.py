"""Did-you-mean hints for ids: exactly schema.suggest's up to EXACT_LIMIT ids, and still apt above it."""

import random
import sys

from conftest import ROOT

from designlint.util import suggest
from designlint.model.build import loads
from designlint.loading.schema import suggest as suggest_exactly

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


def _ids(n):
    return list(loads(generate.design_text(n), "ids.yaml").components)


def _typo(rng, word):
    i = rng.randrange(len(word))
    c = rng.choice("abcdefghijklmnopqrstuvwxyz_0123456789")
    return rng.choice([word[:i] + c + word[i:], word[:i] + word[i + 1:], word[:i] + c + word[i + 1:]])


def test_up_to_the_limit_the_hint_is_exactly_schema_suggest():
    ids = _ids(suggest.EXACT_LIMIT)
    rng = random.Random(3)
    hints = suggest.Suggester(ids)
    words = [_typo(rng, rng.choice(ids)) for _ in range(40)] + ["x", "", "zzzzzzzz"]
    assert [hints(w) for w in words] == [suggest_exactly(w, ids) for w in words]
    assert any(hints(w) for w in words) and not hints("zzzzzzzz")


def test_above_the_limit_a_misspelt_start_or_end_still_finds_its_id():
    ids = _ids(3 * suggest.EXACT_LIMIT)
    rng = random.Random(4)
    hints = suggest.Suggester(ids)
    for word in rng.sample(ids, 20):
        for typo in (word + "x", word[:-1], "x" + word[1:], word[1:]):
            if typo not in ids:
                assert hints(typo) == f"; did you mean `{word}`?" == suggest_exactly(typo, ids), typo


def test_the_ids_are_sorted_only_when_a_hint_is_asked_for():
    class Counting(dict):
        reads = 0

        def __iter__(self):
            Counting.reads += 1
            return super().__iter__()

    ids = Counting.fromkeys(_ids(50))
    hints = suggest.Suggester(ids)
    assert Counting.reads == 0
    hints("nothing_like_it")
    hints("again")
    assert Counting.reads == 1
