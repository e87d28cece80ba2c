"""What the client may set: in initializationOptions, or in the `designlint` section of its settings."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DOCS_URL = "https://designlint.dev/rules/{rule}"
WAIVED_AS_HINT, WAIVED_OMITTED = "hint", "omit"


@dataclass(frozen=True)
class Settings:
    """What the client may set (initializationOptions, or the `designlint` section of its settings).

    `waived`: WAIVED_AS_HINT shows waived and baselined findings as hints, WAIVED_OMITTED leaves
    them out. `docs_url`: the rule documentation link, `{rule}` standing for the rule id.
    `debounce_ms`: how long the server waits after a change before it lints (milliseconds).
    """

    waived: str = WAIVED_AS_HINT
    docs_url: str = DEFAULT_DOCS_URL
    debounce_ms: int = 50

    @classmethod
    def from_client(cls, options, base: "Settings | None" = None) -> "Settings":
        """Settings from a JSON object such as {"waived": "omit", "debounceMs": 100}; unknown or
        ill-typed values keep `base`'s."""
        base = base or cls()
        if isinstance(options, dict) and isinstance(options.get("designlint"), dict):
            options = options["designlint"]
        if not isinstance(options, dict):
            return base
        waived = options.get("waived", base.waived)
        url = options.get("ruleDocsUrl", base.docs_url)
        debounce = options.get("debounceMs", base.debounce_ms)
        return cls(
            waived if waived in (WAIVED_AS_HINT, WAIVED_OMITTED) else base.waived,
            url if isinstance(url, str) and url else base.docs_url,
            debounce if isinstance(debounce, int) and not isinstance(debounce, bool) and 0 <= debounce <= 5000
            else base.debounce_ms,
        )
