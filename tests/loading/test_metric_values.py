"""[13] Every error-budget metric designlint reads is validated at its node with a hint; unknown ones stay free."""

import pytest

BASE = "designlint: 1\nsystem: s\ncomponents:\n  a: {{kind: service, owner: o, error_budget: {{{metric}: {value}}}}}\n"
WHERE = "`error_budget.{metric}` of component `a`"
RATIO = ("is `{value}`, not a ratio: write a percentage up to 100% (99.9%) or a fraction from 0 to 1 (0.999), "
         "optionally after >= or <=")


@pytest.mark.parametrize("metric, value, col, message", [
    ("availability", "150%", 61, RATIO),
    ("availability", "high", 61, RATIO),
    ("error_rate", "lots", 59, RATIO),
    ("recall", "'>= 1.5'", 55, RATIO.replace("{value}", ">= 1.5")),
    ("availability", "150", 61, "is 150, which is not a ratio: write a percentage up to 100% (99.9%) or a fraction "
                                "from 0 to 1 (0.999)"),
    ("latency_p99", "fast", 60, "is `fast`, not a duration such as 300ms, 1.5s or 2m"),
    ("latency_p95", "300", 60, "is 300 with no unit: write it with one, such as 300ms or 300s"),
    ("latency_p50", "1 parsec", 60, "is `1 parsec`, not a duration such as 300ms, 1.5s or 2m"),
])
def test_a_value_that_cannot_be_read_is_refused_at_its_node(metric, value, col, message, run_cli, write):
    design = BASE.format(metric=metric, value=value)
    assert design.splitlines()[3].index(value) + 1 == col  # the value's own column
    path = write(design)
    code, _, err = run_cli("check", path)
    text = message.format(value=value)
    assert (code, err) == (2, f"{path}:4:{col}: error: {WHERE.format(metric=metric)} {text}\n")


@pytest.mark.parametrize("metric, value", [
    ("availability", "99.95%"), ("availability", "0.999"), ("availability", "100%"), ("availability", "99"),
    ("error_rate", "'<= 1%'"), ("recall", "'>= 0.80'"), ("latency_p99", "300ms"), ("latency_p50", "'<= 20ms'"),
    ("latency", "1.5s"), ("hallucination_rate", "0.01"), ("toxicity", "whatever"), ("cost_per_call", "1 cent"),
])
def test_readable_and_unknown_metrics_pass(metric, value, run_cli, write):
    code, out, err = run_cli("check", write(BASE.format(metric=metric, value=value)))
    assert (code, err) == (0, ""), err
