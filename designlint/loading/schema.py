"""Validate loaded YAML against a JSON Schema, with short messages at YAML positions.

Every violation becomes one InputError at the line and column of the node it
is about. Messages name the field and what is expected, never the whole
offending value, and suggest the closest known name for a misspelt one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from designlint.errors import InputError, InputErrors
from designlint.loading import resources
from designlint.loading.yamlsource import locate
from designlint.util.suggest import suggest

MAX_ERRORS = 50


@lru_cache(maxsize=None)
def _validator(name: str):
    import jsonschema

    schema = resources.schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@lru_cache(maxsize=None)
def _fast_check(name: str):
    """A compiled yes/no check of the schema (jsonschema-rs), or None where it is not installed.

    It answers in milliseconds where jsonschema takes a second on a large
    design, but it gives no messages of ours: only when it says no does
    jsonschema run, to list every violation the way users see it.
    """
    try:
        import jsonschema_rs

        return jsonschema_rs.validator_for(resources.schema(name)).is_valid
    except Exception:  # not installed for this platform, or a schema it cannot compile
        return None


def _passes_fast_check(data, schema_name: str) -> bool:
    fast = _fast_check(schema_name)
    try:
        return fast is not None and fast(data)
    except Exception:  # a value it cannot convert (a huge integer, say): let jsonschema judge
        return False


def validate(data, file: str, schema_name: str = "design") -> None:
    """Raise InputErrors listing every violation of the named schema."""
    if _passes_fast_check(data, schema_name):
        return
    validator = _validator(schema_name)
    found = list(validator.iter_errors(data))
    # A value of the wrong type breaks every other check on it too: say only that.
    mistyped = {tuple(e.absolute_path) for e in found if e.validator == "type"}
    errors = []
    for error in found:
        if tuple(error.absolute_path) in mistyped and error.validator != "type":
            continue
        errors.extend(_explain(error, data, file, schema_name))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise InputErrors(sorted(set(errors)))


def _short(value, limit: int = 40) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_NAMES = {
    "object": "a mapping", "array": "a list", "string": "a string", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty",
}


def _type_of(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string"


def _expected(types) -> str:
    if isinstance(types, str):
        types = [types]
    named = [_TYPE_NAMES.get(t, t) for t in types if t != "null"] or ["empty"]
    return " or ".join(named)


def _place_name(path: tuple, data) -> str:
    """A short, human name for the place at `path` in a design."""
    if not path:
        return "the design"
    if path[0] == "components" and len(path) >= 2:
        cid = path[1]
        if len(path) == 2:
            return f"component `{cid}`"
        if path[2] == "actions" and len(path) >= 4 and isinstance(path[3], int):
            rest = ".".join(map(str, path[4:]))
            action = f"action {path[3] + 1} of `{cid}`"
            return f"`{rest}` of {action}" if rest else action
        return f"`{'.'.join(map(str, path[2:]))}` of component `{cid}`"
    if path[0] == "flows" and len(path) >= 2 and isinstance(path[1], int):
        rest = ".".join(map(str, path[2:]))
        return f"`{rest}` of flow {path[1] + 1}" if rest else f"flow {path[1] + 1}"
    return "`" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") + "`"


_WHOLE = {"config": "the configuration", "baseline": "the baseline", "pack": "the rule pack"}  # what an empty path names


def _explain(error, data, file: str, schema_name: str = "design") -> list[InputError]:
    path = tuple(error.absolute_path)
    kind = error.validator
    where = _place_name(path, data) if path else _WHOLE.get(schema_name, _place_name(path, data))

    def at(p=path, key=False, message=""):
        line, col = locate(data, p, key=key)
        return InputError(file, line, col, message)

    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        extras = [k for k in error.instance if k not in allowed and not any(p.search(k) for p in patterns)]
        if path and path[0] == "components" and len(path) == 1:
            return [at(path + (k,), True, f"component `{_short(k)}` is not a mapping") for k in extras]
        return [
            at(path + (k,), True, f"{where}: unknown field `{_short(k)}`{suggest(k, allowed)}")
            for k in extras
        ]
    if kind == "required":
        missing = [p for p in error.validator_value if p not in error.instance]
        if path and path[0] == "components" and len(path) == 2 and "kind" in missing:
            kinds = ", ".join(resources.schema("design")["$defs"]["component"]["properties"]["kind"]["enum"])
            return [at(path, True, f"component `{path[1]}` has no `kind`: set one of {kinds}")]
        return [at(path, path != (), f"{where} is missing `{m}`") for m in missing]
    if kind == "const" and path == ("designlint",):
        return [at(message=f"unsupported format version `{_short(error.instance)}`: this designlint reads `designlint: 1`")]
    if kind == "enum":
        options = [str(o) for o in error.validator_value if o is not None]  # null means "not said": no option to offer
        hint = suggest(error.instance, options)
        if path and path[-1] == "kind" and path[0] == "components" and str(error.instance).lower() in _MODEL_WORDS:
            hint = (": did you mean `model`? A hosted LLM is `kind: model` with `provider: <vendor>` "
                    "(every model rule applies to it)")
        return [at(message=f"{where} is `{_short(error.instance)}`, not one of {', '.join(options)}{hint}")]
    if _is_metric(path) and kind in ("type", "pattern", "maximum", "minimum"):
        return [at(message=_metric_message(path, where, error.instance))]
    if kind == "type":
        if path and path[0] == "flows" and len(path) == 2:
            return [at(message=f"{where} must be \"a -> b\" or a mapping {{from, to}}, not {_type_of(error.instance)}")]
        if path == ("designlint",):
            return [at(message=f"`designlint` must be the format version 1, not {_type_of(error.instance)}")]
        if path and path[0] == "components" and len(path) == 2:
            return [at(path, True, _component_not_mapping(path[1], error.instance, data))]
        hint = ""
        if "string" in error.validator_value and isinstance(error.instance, (bool, int, float)):
            hint = " (quote it: YAML reads yes/no/on/off as true/false and bare digits as numbers)"
        return [at(message=f"{where} must be {_expected(error.validator_value)}, not {_type_of(error.instance)}{hint}")]
    if kind == "pattern":
        return [at(message=_pattern_message(path, where, error.instance))]
    if kind == "minLength":
        return [at(message=f"{where} must not be empty")]
    if kind == "minProperties":
        return [at(message=f"{where} is empty")]
    if kind == "uniqueItems":
        return [at(message=f"{where} names the same id more than once")]
    if kind == "propertyNames":
        return [at(message=f"{where} has an empty key")]
    return [at(message=f"{where}: {_short(error.message, 120)}")]


# Words people write for a model: `kind: llm` gets "did you mean `model`?".
_MODEL_WORDS = frozenset({"llm", "llms", "gpt", "chatgpt", "lm", "slm", "ai", "genai", "foundation-model",
                          "foundation_model", "language-model", "language_model", "ml", "ml-model", "ml_model",
                          "classifier", "embedding", "embeddings", "transformer", "chatbot", "bot"})


def _component_fields() -> frozenset[str]:
    return frozenset(resources.schema("design")["$defs"]["component"]["properties"])


def _component_not_mapping(cid, value, data) -> str:
    """Component `cid` is not a mapping: say so, and when its name is a component field (`kind:`
    dedented out of its component) or it is empty (its fields dedented), how indentation caused it."""
    components = data.get("components") if isinstance(data, dict) else None
    ids = list(components) if isinstance(components, dict) else []
    fields = _component_fields()
    if cid in fields and value is not None:
        owners = [i for i in ids[:ids.index(cid)] if i not in fields] if cid in ids else []
        above = f" (`{owners[-1]}`)" if owners else ""
        return (f"`{cid}` is indented as a component id, but it is a component field: indent it under "
                f"the component above{above}, two spaces more than the component's id")
    if value is None:
        later = ids[ids.index(cid) + 1:] if cid in ids else []
        if later and later[0] in fields:
            return (f"component `{cid}` is empty: its fields (`{later[0]}`...) are indented as component ids; "
                    "indent them two spaces more than `" + str(cid) + "`")
        return f"component `{cid}` is empty: give it at least `kind`, indented under it"
    return f"component `{cid}` must be a mapping with at least `kind`, not {_type_of(value)}"


_RATIO_METRICS = frozenset({"availability", "error_rate", "recall", "precision", "hallucination_rate"})
_LATENCY_METRIC = re.compile(r"^latency(_p[0-9]+(\.[0-9]+)?)?$")


def _is_metric(path: tuple) -> bool:
    """Whether `path` is a metric of an error budget that designlint reads (see $defs/error_budget)."""
    return (len(path) >= 2 and path[-2] == "error_budget" and isinstance(path[-1], str)
            and (path[-1] in _RATIO_METRICS or bool(_LATENCY_METRIC.match(path[-1]))))


def _metric_message(path: tuple, where: str, value) -> str:
    """`availability: 150%` or `latency_p99: fast`: what is wrong, and the form that is read."""
    shown = _short(value)
    if path[-1] in _RATIO_METRICS:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (f"{where} is {shown}, which is not a ratio: write a percentage up to 100% (99.9%) "
                    "or a fraction from 0 to 1 (0.999)")
        return (f"{where} is `{shown}`, not a ratio: write a percentage up to 100% (99.9%) or a fraction "
                "from 0 to 1 (0.999), optionally after >= or <=")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{where} is {shown} with no unit: write it with one, such as {shown}ms or {shown}s"
    return f"{where} is `{shown}`, not a duration such as 300ms, 1.5s or 2m"


def _pattern_message(path: tuple, where: str, value) -> str:
    if path and path[0] == "flows":
        return (f"{where} `{_short(value)}` is not \"a -> b\": write \"source -> target\" with ids "
                "that have no spaces, or use {from: ..., to: ...}")
    if path and path[-1] == "sla":
        return f"{where} is `{_short(value)}`, not a duration such as 30m, 4h, 2d or `24 hours`"
    if len(path) >= 4 and path[2] == "waive":
        return f"the waiver of `{path[3]}` on component `{path[1]}` has no reason: say why the finding is accepted"
    return f"{where} `{_short(value)}` is not in the expected form"
