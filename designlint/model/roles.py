"""What a component is for, beyond its kind: a generative model (an LLM) or a scorer, a cache.

Read from the words a design already uses (id, description, `provider`), so that
hints can be the ones a reviewer writes: an LLM's example budget is p99 in
seconds and a hallucination rate, a classifier's is precision and recall. A
guess, used only to choose examples and suggestions; no verdict depends on it.
"""

from __future__ import annotations

import re

# Compiled on first use (re's cache), not by every run's start-up; matched ignoring case.
_GENERATIVE = (r"(?<![a-z])(llms?|gpt\w*|claude|gemini|llama|mistral|language[ _-]model|generat\w*|chat\w*|"
               r"assistant|copilot|openai|anthropic|bedrock|completion|rag)(?![a-z])")
_CACHE = r"(?<![a-z])(cache[sd]?|caching|memo\w*)(?![a-z])"


def _words(comp) -> str:
    provider = comp.fields.get("provider") if hasattr(comp.fields, "get") else None
    return " ".join(x for x in (comp.id, comp.description or "", provider if isinstance(provider, str) else "") if x)


def is_generative(comp) -> bool:
    """An agent; a model served by a vendor (FORMAT.md rev 2: "a hosted LLM is written `kind: model` with
    `provider: <vendor>`"); or a model or external whose id, description or provider names an LLM."""
    if comp.kind == "agent":
        return True
    if comp.kind == "model" and provider(comp) not in (None, "in-house"):
        return True
    return comp.kind in ("model", "external") and re.search(_GENERATIVE, _words(comp), re.IGNORECASE) is not None


def is_ai(comp) -> bool:
    """A model or agent, or an external that serves one (a hosted LLM API)."""
    return comp.kind in ("model", "agent") or (comp.kind == "external" and is_generative(comp))


def is_cache(comp) -> bool:
    """A datastore whose id or description says it is a cache."""
    return comp.kind == "datastore" and re.search(_CACHE, _words(comp), re.IGNORECASE) is not None


def provider(comp) -> str | None:
    """The `provider` written on the component, lower-cased; None when absent."""
    value = comp.fields.get("provider") if hasattr(comp.fields, "get") else None
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
